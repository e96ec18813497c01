"""Run a scenario's replicates and save them as an experiment folder.

This is what ``laborsim run`` does, as a function: spawn one seed per replicate from the
scenario's root seed, run them (in parallel if asked), and write ``runs.parquet``,
``timeseries.parquet``, ``figures/overview.png`` and ``manifest.json`` (see :mod:`sim.store`).
"""

from __future__ import annotations

from concurrent.futures import Executor
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from sim import archive, plots, store
from sim.rules.accounting import METRIC_NAMES
from sim.runner import RunResult, run_replicates
from sim.scenario import Scenario
from sim.streams import replicate_seeds

#: Rows of the printed summary: (runs.parquet column, label, scale, unit).
SUMMARY_ROWS = (
    ("unemployment_rate_mean", "unemployment rate", 100, "%"),
    ("vacancy_rate_mean", "vacancy rate", 100, "%"),
    ("job_finding_rate_mean", "job-finding rate", 100, "% a month"),
    ("separation_rate_mean", "separation rate (E to U)", 100, "% a month"),
    ("job_to_job_rate_mean", "job-to-job rate", 100, "% a month"),
    ("long_term_unemployment_share_mean", "long-term unemployed share", 100, "%"),
    ("log_wage_variance_mean", "variance of log wages", 1, ""),
    ("beveridge_slope", "Beveridge slope (log v on log u)", 1, ""),
    ("freelance_share_mean", "freelance share", 100, "%"),
    ("ai_adoption_rate_final", "AI users among the employed, end", 100, "%"),
    ("automation_share_mean", "tasks automated", 100, "%"),
    ("unemployment_rate_low_propensity_mean", "unemployment, low AI propensity", 100, "%"),
    ("unemployment_rate_high_propensity_mean", "unemployment, high AI propensity", 100, "%"),
)


def runs_table(results: list[RunResult]) -> pd.DataFrame:
    """One row per run: id, seed, status, error, wall time and the summary outcomes."""
    rows = []
    for r in results:
        rows.append({"run_id": r.run_id, "seed": r.seed, "status": r.status, "error": r.error,
                     "traceback": r.traceback, "wall_time_s": r.wall_time_s, **r.summary})
    frame = pd.DataFrame(rows)
    frame["seed"] = frame["seed"].astype("uint64")
    return frame


def timeseries_table(results: list[RunResult]) -> pd.DataFrame:
    """All runs' monthly metrics stacked: run_id, step, then one column per metric."""
    frames = [r.timeseries for r in results if r.status == "ok"]
    if not frames:
        return pd.DataFrame(columns=["run_id", "step", *METRIC_NAMES])
    return pd.concat(frames, ignore_index=True)


def events_table(results: list[RunResult]) -> pd.DataFrame:
    """All runs' events stacked (run_id, month, worker, firm, kind, cause)."""
    frames = [r.events for r in results if r.events is not None]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["run_id", "month", "worker", "firm", "kind", "cause", "propensity_third"])


def interval(values: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    """Mean and a t-based confidence interval of the mean of ``values`` (NaNs dropped)."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if len(values) == 0:
        return (float("nan"),) * 3
    mean = float(values.mean())
    if len(values) < 2:
        return mean, float("nan"), float("nan")
    half = stats.t.ppf(0.5 + level / 2, len(values) - 1) * values.std(ddof=1) / np.sqrt(len(values))
    return mean, mean - half, mean + half


def summary_table(runs: pd.DataFrame) -> pd.DataFrame:
    """Across-run mean, 95% interval of the mean, min and max of the headline outcomes."""
    ok = runs[runs["status"] == "ok"]
    rows = []
    for column, label, scale, unit in SUMMARY_ROWS:
        values = ok[column].to_numpy(dtype=float) * scale if column in ok else np.array([])
        mean, low, high = interval(values)
        finite = values[np.isfinite(values)]
        rows.append({"outcome": label, "unit": unit, "mean": mean, "ci_low": low,
                     "ci_high": high, "min": finite.min() if len(finite) else np.nan,
                     "max": finite.max() if len(finite) else np.nan})
    return pd.DataFrame(rows)


def run_experiment(scenario: Scenario, *, out: Path | None = None, jobs: int = 1,
                   executor: Executor | None = None, progress: bool = True,
                   command: list[str] | None = None):
    """Run every replicate of ``scenario``, save the experiment folder and return it loaded
    (:class:`sim.archive.Experiment`).

    ``out`` defaults to ``results/<scenario>-<UTC timestamp>``. Failed runs are kept in
    ``runs.parquet`` with their error; the folder is written either way.
    """
    params = scenario.params
    seeds = replicate_seeds(params.run.root_seed, params.run.seeds)
    created = datetime.now(UTC)
    folder = out if out is not None else store.new_experiment_dir(Path("results"), scenario.name,
                                                                   created)
    if (folder / store.MANIFEST).exists():
        raise FileExistsError(f"{folder} already holds an experiment; choose another --out")
    results = run_replicates(params, seeds, executor=executor, jobs=jobs, progress=progress,
                             label=f"{scenario.name}: runs")
    runs, timeseries = runs_table(results), timeseries_table(results)
    failed = int((runs["status"] != "ok").sum())
    manifest = _manifest("run", scenario, params, created, seeds, runs, command)
    figures = {}
    if len(timeseries):
        figures["figures/overview.png"] = plots.overview(
            timeseries, f"{scenario.name}: {len(results) - failed} runs, "
                        f"{params.population.workers:,} workers")
    tables = {"runs": runs, "timeseries": timeseries}
    if params.run.events:
        tables["events"] = events_table(results)
    store.write_experiment(folder, manifest, tables, figures)
    for figure in figures.values():
        plots.plt.close(figure)
    return archive.load(folder)


def _manifest(kind: str, scenario: Scenario, params, created: datetime, seeds: list[int],
              runs: pd.DataFrame, command: list[str] | None) -> dict:
    """Manifest fields common to every experiment kind."""
    failed = int((runs["status"] != "ok").sum())
    return {
        "kind": kind,
        "created": created.isoformat(timespec="seconds"),
        "laborsim_version": store.environment()["packages"]["laborsim"],
        "scenario": {"name": scenario.name, "description": scenario.description,
                     "files": list(scenario.files), "overrides": list(scenario.overrides)},
        "parameters": params.to_dict(),
        "root_seed": params.run.root_seed,
        "seeds": seeds,
        "runs": {"total": len(runs), "ok": len(runs) - failed, "failed": failed},
        "horizon_months": params.run.months,
        "command": command if command is not None else store.command_line(),
        "environment": store.environment(),
    }


def thesis(scenario: str | Scenario = "baseline", *, seeds: int | None = None,
           years: int | None = None, workers: int | None = None,
           overrides: list[str] | tuple[str, ...] = (), jobs: int = 1,
           executor: Executor | None = None, progress: bool = True,
           out: Path | str | None = None, command: list[str] | None = None):
    """Run the thesis test on a scenario and return a :class:`sim.hypotheses.ThesisResult`
    (``.table`` for the verdicts, ``.decomposition`` for the numbers, ``.plot()``).

    With ``out``, also write the experiment folder: manifest.json, runs.parquet and
    timeseries.parquet (with an ``arm`` column), thesis.json, report.md, a self-contained
    report.html and figures/*.png.

    >>> import sim
    >>> result = sim.thesis(seeds=2, years=1, workers=600, progress=False)  # doctest: +SKIP
    >>> result.table[["hypothesis", "verdict"]]  # doctest: +SKIP
    """
    from sim import hypotheses
    from sim.scenario import load_scenario

    extra = [f"run.seeds={seeds}"] if seeds is not None else []
    extra += [f"run.years={years}"] if years is not None else []
    extra += [f"population.workers={workers}"] if workers is not None else []
    if isinstance(scenario, Scenario):
        chosen = scenario if not (extra or overrides) else load_scenario(
            scenario.files[-1], [*scenario.overrides, *overrides, *extra])
    else:
        chosen = load_scenario(scenario, [*overrides, *extra])
    created = datetime.now(UTC)
    result = hypotheses.run_arms(chosen.params, executor=executor, jobs=jobs, progress=progress)
    result.json["scenario"] = chosen.name
    if out is not None:
        write_thesis(result, Path(out), chosen, created, command)
    return result


def write_thesis(result, folder: Path, scenario: Scenario, created: datetime,
                 command: list[str] | None = None) -> Path:
    """Write a thesis experiment folder (see :func:`thesis`); returns the report.html path."""
    import json

    from sim import report

    if (folder / store.MANIFEST).exists():
        raise FileExistsError(f"{folder} already holds an experiment; choose another --out")
    params = scenario.params.replace("run", events=True)  # every arm records events
    title = f"Is it AI, or people who use AI? Scenario '{scenario.name}'"
    figures = report.figures(result)
    pngs = {name: report.png_bytes(fig) for name, fig in figures.items()}
    md = report.markdown(result, title, {n: f"figures/{n}.png" for n in figures})
    page = report.html_page(report.markdown(result, title, {n: report.data_uri(p)
                                                            for n, p in pngs.items()}), title)
    first_arm = result.runs[result.runs["arm"] == result.runs["arm"].iloc[0]]
    seeds = [int(s) for s in first_arm.sort_values("run_id")["seed"]]
    manifest = _manifest("thesis", scenario, params, created, seeds, result.runs, command)
    documents = {"thesis.json": json.dumps(store.json_safe(result.json), indent=2) + "\n",
                 "report.md": md, "report.html": page}
    tables = {"runs": result.runs, "timeseries": result.timeseries}
    if result.events is not None:
        tables["events"] = result.events
    store.write_experiment(folder, manifest, tables,
                           {f"figures/{n}.png": f for n, f in figures.items()}, documents)
    for fig in figures.values():
        plots.plt.close(fig)
    return folder / "report.html"
