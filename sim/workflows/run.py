"""``laborsim run`` as a function: run a scenario's replicates and save an experiment folder.

Spawn one seed per replicate from the scenario's root seed, run them (in parallel if asked), and
write ``runs.parquet``, ``timeseries.parquet`` (and ``events.parquet`` with ``run.events``),
``figures/overview.png`` and ``manifest.json`` (see :mod:`sim.store.write`).
"""

from __future__ import annotations

from concurrent.futures import Executor
from datetime import UTC, datetime
from pathlib import Path

from sim.experiments.runner import run_replicates
from sim.experiments.scenario import Scenario
from sim.experiments.tables import events_table, runs_table, timeseries_table
from sim.model.streams import replicate_seeds
from sim.reports.figures import overview, png_bytes
from sim.store.manifest import experiment_manifest
from sim.store.outputs import output_folder
from sim.store.read import Experiment, load
from sim.store.write import new_experiment_dir, write_experiment


def run_experiment(scenario: Scenario, *, out: Path | str | None = None, jobs: int = 1,
                   executor: Executor | None = None, progress: bool = True,
                   force: bool = False, command: list[str] | None = None) -> Experiment:
    """Run every replicate of ``scenario``, save the experiment folder and return it loaded.

    ``out`` defaults to ``results/<scenario>-<UTC timestamp>``; it is checked and locked
    before the first run and must be new or empty (``force``: replace the experiment in it;
    :func:`sim.store.outputs.output_folder`). Failed runs are kept in ``runs.parquet`` with
    their error; the folder is written either way.
    """
    params = scenario.params
    seeds = replicate_seeds(params.run.root_seed, params.run.seeds)
    created = datetime.now(UTC)
    folder = Path(out) if out is not None else new_experiment_dir(Path("results"),
                                                                  scenario.name, created)
    with output_folder(folder, "run", force=force):
        results = run_replicates(params, seeds, executor=executor, jobs=jobs,
                                 progress=progress, label=f"{scenario.name}: runs")
        write_run(folder, scenario, seeds, created, results, command, replace=force)
    return load(folder)


def write_run(folder: Path, scenario: Scenario, seeds: list[int], created: datetime,
              results: list, command: list[str] | None, replace: bool = False) -> None:
    """Write a run experiment folder from its replicate results (``replace``: the experiment
    already there, which ``--force`` replaces)."""
    params = scenario.params
    runs, timeseries = runs_table(results), timeseries_table(results)
    failed = int((runs["status"] != "ok").sum())
    manifest = experiment_manifest("run", scenario, params, created, seeds, runs, command)
    files = {}
    if len(timeseries):
        files["figures/overview.png"] = png_bytes(overview(
            timeseries, f"{scenario.name}: {len(results) - failed} runs, "
                        f"{params.population.workers:,} workers"))
    tables = {"runs": runs, "timeseries": timeseries}
    if params.run.events:
        tables["events"] = events_table(results)
    write_experiment(folder, manifest, tables, files, replace=replace)
