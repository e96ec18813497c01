"""The thesis test as one call: ``sim.thesis()`` and ``laborsim thesis``.

Run a scenario in every arm of the factors (:mod:`sim.experiments.thesis`) with the same seeds,
analyse them, and (with ``out``) write the thesis folder: manifest.json, runs.parquet and
timeseries.parquet (with an ``arm`` column), groups.parquet (every group outcome of every seed
and arm, one row each: ``seed, arm, outcome, group, value``), group_months.parquet (the groups'
monthly series), thesis.json, report.md, a self-contained report.html and figures/*.png.
"""

from __future__ import annotations

import json
from concurrent.futures import Executor
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from sim.errors import LaborsimError
from sim.experiments.defaults import THESIS_DEFAULTS
from sim.experiments.factors import parse_factors
from sim.experiments.scenario import Scenario, load_scenario, shortcut_overrides
from sim.experiments.thesis import run_thesis
from sim.model.params.ai import AI_BLOCKS
from sim.reports.thesis import ThesisResult, report
from sim.store.manifest import experiment_manifest
from sim.store.outputs import output_folder
from sim.store.write import json_safe, write_experiment


def thesis_overrides(overrides: list[str] | tuple[str, ...] = (), *, seeds: int | None = None,
                     years: int | None = None, workers: int | None = None) -> list[str]:
    """The ``--set`` overrides of a thesis run: :data:`THESIS_DEFAULTS` first (unless an
    override or option sets the key), then ``overrides``, then the options given.

    >>> thesis_overrides(["run.seeds=5"], years=2)
    ['population.workers=10000', 'run.seeds=5', 'run.years=2']
    """
    extra = shortcut_overrides(seeds=seeds, years=years, workers=workers)
    given = {o.split("=", 1)[0].strip() for o in [*overrides, *extra]}
    switches = sorted(given & {f"ai.{block}" for block in AI_BLOCKS})
    if switches:
        raise LaborsimError(
            f"--set {switches[0]}: the thesis test sets the AI block switches itself in each "
            f"arm ({', '.join('ai.' + b for b in AI_BLOCKS)}); to hold a block off in every "
            "arm, leave it out of --factors")
    outputs = sorted(given & {"run.events", "run.people"})
    if outputs:
        raise LaborsimError(
            f"--set {outputs[0]}: the thesis test sets it itself (every arm keeps the people "
            "ledger, run.people, and no event log, run.events); use 'laborsim run --events' "
            "for the events of a scenario")
    defaults = [f"{key}={value}" for key, value in THESIS_DEFAULTS.items() if key not in given]
    return [*defaults, *overrides, *extra]


def check_versed_month(versed_month: int, months: int) -> None:
    """Refuse a month at which to count the versed that is not a reported month."""
    if not 0 <= versed_month < months:
        raise LaborsimError(f"--versed-month {versed_month}: must be a reported month, 0 "
                            f"(January 2025) to {months - 1}")


def thesis(scenario: str | Scenario = "baseline", *, seeds: int | None = None,
           years: int | None = None, workers: int | None = None,
           overrides: list[str] | tuple[str, ...] = (), jobs: int = 1,
           executor: Executor | None = None, progress: bool = True,
           out: Path | str | None = None, force: bool = False,
           command: list[str] | None = None, factors: str | None = None,
           versed_month: int = 0) -> ThesisResult:
    """Run the thesis test on a scenario and return a :class:`~sim.reports.thesis.ThesisResult`
    (``.table`` for the verdicts, ``.decomposition`` for the numbers, ``.plot()``).

    Seeds and workers default to :data:`THESIS_DEFAULTS`, as in ``laborsim thesis``, unless
    given here or in ``overrides``. ``factors``: the ``--factors`` text
    (:func:`sim.experiments.factors.parse_factors`; default: the five AI blocks, 32 arms);
    ``versed_month``: the reported month at which the versed are counted. With ``out``, also
    write the
    thesis folder (see the module docstring): it is checked and locked before the first run
    and must be new or empty (``force``: replace the experiment in it;
    :func:`sim.store.outputs.output_folder`).

    >>> import sim
    >>> result = sim.thesis(seeds=5, years=2, workers=2000, factors="people=ranking+productivity,"
    ...                     "automation", progress=False)  # doctest: +SKIP
    >>> result.table[["hypothesis", "verdict"]]  # doctest: +SKIP
    """
    if isinstance(scenario, Scenario):
        chosen = load_scenario(scenario.files[-1], thesis_overrides(
            [*scenario.overrides, *overrides], seeds=seeds, years=years, workers=workers))
    else:
        chosen = load_scenario(scenario, thesis_overrides(overrides, seeds=seeds, years=years,
                                                          workers=workers))
    chosen_factors = parse_factors(factors)
    check_versed_month(versed_month, chosen.params.run.months)
    with ExitStack() as stack:
        if out is not None:
            stack.enter_context(output_folder(out, "thesis", force=force))
        created = datetime.now(UTC)
        result = ThesisResult.of(run_thesis(chosen.params, chosen_factors,
                                            versed_month=versed_month, executor=executor,
                                            jobs=jobs, progress=progress))
        result.json["scenario"] = chosen.name
        if out is not None:
            write_thesis(result, Path(out), chosen, created, command, replace=force)
    return result


def write_thesis(result: ThesisResult, folder: Path, scenario: Scenario, created: datetime,
                 command: list[str] | None = None, replace: bool = False) -> Path:
    """Write a thesis experiment folder (see :func:`thesis`); returns the report.html path.
    ``replace``: replace the experiment already there (``--force``)."""
    params = scenario.params.replace("run", people=True, events=False)  # as every arm ran
    title = f"Is it AI, or people who use AI? Scenario '{scenario.name}'"
    first_arm = result.runs[result.runs["arm"] == result.runs["arm"].iloc[0]]
    seeds = [int(s) for s in first_arm.sort_values("run_id")["seed"]]
    manifest = experiment_manifest("thesis", scenario, params, created, seeds, result.runs,
                                   command)
    files = {**report(result, title),
             "thesis.json": json.dumps(json_safe(result.json), indent=2) + "\n"}
    tables = {"runs": result.runs, "timeseries": result.timeseries,
              "groups": long_values(result.values),
              "group_months": result.monthly.astype({"seed": "uint64"})}
    write_experiment(folder, manifest, tables, files, replace=replace)
    return folder / "report.html"


def long_values(values):
    """The group outcomes one row per (seed, arm, outcome, group), for spreadsheets."""
    frame = values.melt(id_vars=["seed", "arm"], var_name="key", value_name="value")
    split = frame.pop("key").str.split("/", n=1, expand=True)
    frame.insert(2, "outcome", split[0])
    frame.insert(3, "group", split[1])
    return frame.astype({"seed": "uint64"})
