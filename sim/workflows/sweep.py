"""Running a sweep: resumable, crash-safe, on any executor, with identical results.

The unit of work is :func:`sim.experiments.sweep.tasks.evaluate`: one design point and one
seed in, a row of outcomes and the run's monthly metrics out. Any
``concurrent.futures.Executor`` runs it: a local process pool, or Dask
(``Client(address).get_executor(pure=False)``). Only parameters and a seed travel to a worker.

Results stream to disk as runs finish (:mod:`sim.store.parts`): a sweep killed at any moment,
even with ``kill -9``, loses only the runs of its last unwritten batch; ``--resume`` reads the
plan (``sweep.json``) and the parts, runs only the missing runs, and finishes as an
uninterrupted sweep would: the parts are merged in run order into runs.parquet and
timeseries.parquet, the points table and the analysis are written, the manifest last, and the
parts are removed. Every run depends on its point and seed alone, so the tables do not depend
on the executor, the number of workers or interruptions (only ``wall_time_s`` does).
"""

from __future__ import annotations

import json
from concurrent.futures import Executor, as_completed
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from sim.errors import SweepError
from sim.experiments.runner import process_pool
from sim.experiments.scenario import load_scenario
from sim.experiments.sweep import sensitivity
from sim.experiments.sweep.load import sweep_from_dict
from sim.experiments.sweep.spec import Sweep
from sim.experiments.sweep.tasks import evaluate, plan, tasks_of
from sim.reports import sweep as sweep_report
from sim.store.manifest import experiment_manifest
from sim.store.parts import PARTS, finished_run_ids, merged, remove_parts, write_part
from sim.store.read import load, read_manifest
from sim.store.write import MANIFEST, json_safe, update_experiment, write_experiment, write_file

PLAN = "sweep.json"


def start_or_resume(sweep: Sweep, folder: Path, resume: bool) -> dict | None:
    """The plan of a new sweep folder (written now), or of the sweep being resumed; None when
    the folder to resume already holds the finished sweep."""
    plan_path = folder / PLAN
    if resume:
        if not plan_path.is_file():
            raise SweepError(f"{folder}: nothing to resume (no {PLAN}); start it without --resume")
        saved = json.loads(plan_path.read_text(encoding="utf-8"))
        if saved["definition"] != json.loads(json.dumps(json_safe(sweep.raw))):
            raise SweepError(f"{folder}: was started from another definition than {sweep.path}")
        return None if (folder / MANIFEST).exists() else saved
    if folder.exists() and any(folder.iterdir()):
        raise SweepError(f"{folder}: already exists and is not empty; use --resume {folder} to "
                         "finish an interrupted sweep, or another --out")
    folder.mkdir(parents=True, exist_ok=True)
    the_plan = json_safe(plan(sweep))
    write_file(plan_path, json.dumps(the_plan, indent=1) + "\n")
    return the_plan


def run_sweep(sweep: Sweep, folder: Path, *, executor: Executor | None = None, jobs: int = 1,
              resume: bool = False, progress: bool = True, batch: int = 20,
              command: list[str] | None = None) -> Path:
    """Run (or finish) a sweep into ``folder``; returns the folder once complete.

    ``executor``: any ``concurrent.futures.Executor`` (e.g. a Dask client's
    ``get_executor(pure=False)``); without one, ``jobs > 1`` uses a local process pool and
    ``jobs == 1`` runs in this process. ``batch``: runs per Parquet part (the most a kill can
    lose). With ``resume``, only runs missing from ``folder`` are run.
    """
    folder = Path(folder)
    the_plan = start_or_resume(sweep, folder, resume)
    if the_plan is None:
        return folder
    tasks = tasks_of(sweep, the_plan)
    done = finished_run_ids(folder) if (folder / PARTS).exists() else set()
    todo = [t for t in tasks if t.run_id not in done]
    bar = tqdm(total=len(tasks), initial=len(tasks) - len(todo), desc=f"sweep {sweep.name}",
               unit="run", disable=not progress)
    failed = 0
    rows, frames = [], []

    def collect(result):
        nonlocal failed
        row, frame = result
        rows.append(row)
        frames.append(frame)
        failed += row["status"] != "ok"
        bar.set_postfix(failed=failed)
        bar.update()
        if len(rows) >= batch:
            write_part(folder, rows, frames)
            rows.clear()
            frames.clear()

    try:
        if executor is None and jobs <= 1:
            for task in todo:
                collect(evaluate(task))
        else:
            owned = executor is None
            pool = process_pool(jobs) if owned else executor
            try:
                futures = [pool.submit(evaluate, task) for task in todo]
                for future in as_completed(futures):
                    collect(future.result())
            finally:
                if owned:
                    pool.shutdown(cancel_futures=True)
    finally:
        if rows:  # keep what finished, even when interrupted
            write_part(folder, rows, frames)
        bar.close()
    return finish(sweep, folder, the_plan, command)


def analysis_files(sweep: Sweep, points: pd.DataFrame, runs: pd.DataFrame
                   ) -> tuple[pd.DataFrame, dict[str, str | bytes]]:
    """The points table and the analysis files (figures, analysis.md/.html/.json) of a sweep.

    If the analysis itself fails (e.g. SALib rejects the outputs), the runs are still kept:
    analysis.md then says what failed, and ``laborsim analyze`` can redo it.
    """
    summary = sensitivity.point_summary(points, runs, sweep.outcomes)
    try:
        result = sensitivity.analyze(sweep, summary, runs)
        files = sweep_report.report(sweep, result, summary)
    except Exception as err:
        message = f"{type(err).__name__}: {err}"
        result = {"design": sweep.design, "error": message}
        files = {"analysis.md": f"# Sweep {sweep.name}\n\nThe analysis failed: {message}\n"
                                "\nThe runs are saved; fix the cause and run "
                                "`laborsim analyze` on this folder.\n"}
    files["analysis.json"] = json.dumps(json_safe(result), indent=2) + "\n"
    return summary, files


def finish(sweep: Sweep, folder: Path, the_plan: dict, command: list[str] | None) -> Path:
    """Merge the parts, write the tables, the analysis and the manifest, remove the parts."""
    runs = merged(folder, "runs", ["run_id"])
    timeseries = merged(folder, "timeseries", ["run_id", "step"])
    points = pd.DataFrame(the_plan["points"])
    runs["seed"] = runs["seed"].astype("uint64")
    # the point's parameter values next to each run, for spreadsheets and groupby
    runs = runs.merge(points, on="point_id", how="left")
    first = ["run_id", "point_id", *sweep.names]
    runs = runs[first + [c for c in runs.columns if c not in first]]
    summary, files = analysis_files(sweep, points, runs)
    files[PLAN] = (folder / PLAN).read_text(encoding="utf-8")
    scenario = load_scenario(sweep.scenario, list(sweep.overrides))
    base = sweep.base_params().replace("run", root_seed=sweep.root_seed, seeds=sweep.replicates)
    manifest = experiment_manifest("sweep", scenario, base, datetime.now(UTC),
                                   [int(s) for s in the_plan["seeds"]], runs, command)
    manifest["sweep"] = {"name": sweep.name, "file": sweep.path, "design": sweep.design,
                         "points": len(points), "replicates": sweep.replicates,
                         "parameters": sweep.names,
                         "outcomes": [o.column for o in sweep.outcomes],
                         "definition": sweep.raw}
    write_experiment(folder, manifest, {"runs": runs, "timeseries": timeseries,
                                        "points": summary}, files)
    remove_parts(folder)
    return folder


def saved_sweep(folder: Path) -> Sweep:
    """The sweep definition a finished sweep folder was run from."""
    manifest = read_manifest(folder)
    if manifest.get("kind") != "sweep":
        raise SweepError(f"{folder}: a '{manifest.get('kind')}' experiment, not a sweep")
    info = manifest["sweep"]
    return sweep_from_dict(info["definition"], info["name"], f"{folder / MANIFEST}")


def reanalyze(folder: Path, heatmap: tuple[str, str] | None = None) -> dict:
    """Redo a finished sweep's analysis from its saved runs (``laborsim analyze``): the figures
    and analysis.md/.html/.json are rewritten, then the manifest; the tables are kept as they
    are. ``heatmap`` picks another pair of varied parameters for the heat map."""
    folder = Path(folder)
    sweep = saved_sweep(folder)
    if heatmap is not None:
        for name in heatmap:
            if name not in sweep.names:
                raise SweepError(f"--heatmap: '{name}' is not a varied parameter "
                                 f"(varied: {', '.join(sweep.names)})")
        sweep = replace(sweep, heatmap=tuple(heatmap))
    experiment = load(folder)
    points = experiment.points[["point_id", *sweep.names]]
    _, files = analysis_files(sweep, points, experiment.runs)
    update_experiment(folder, files, drop=("figures/", "analysis."))
    return json.loads(files["analysis.json"])
