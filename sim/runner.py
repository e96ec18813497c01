"""Replicate runs: the unit of parallel work is ``simulate(params, seed) -> RunResult``.

Any ``concurrent.futures.Executor`` can run it (a local process pool by default, a Dask
distributed executor on a cluster): only parameters and a seed travel to a worker process, and
only a small result (the monthly metrics and a summary) comes back. Models never cross process
boundaries. A run that raises is returned as ``status="failed"`` with its error, so one bad run
never stops the others.
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

import mesa
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from sim.model import LaborMarket
from sim.params import Params
from sim.rules.accounting import METRIC_NAMES

#: Metrics summarised by their mean over the horizon in ``runs.parquet``.
SUMMARY_METRICS = (
    "unemployment_rate", "vacancy_rate", "job_finding_rate", "separation_rate",
    "job_to_job_rate", "long_term_unemployment_share", "mean_log_wage", "log_wage_variance",
    "hires_rate", "layoff_rate", "quit_rate", "ai_adoption_rate", "mean_ai_proficiency",
    "automation_share", "ai_wage_premium", "freelance_share", "mean_output_quality",
    "unemployment_rate_low_propensity", "unemployment_rate_high_propensity",
)


@dataclass
class RunResult:
    """What one replicate run returns: its monthly metrics and a one-row summary."""

    run_id: int
    seed: int
    status: str  # "ok" or "failed"
    wall_time_s: float
    timeseries: pd.DataFrame = field(repr=False)  # one row per reported month
    summary: dict = field(default_factory=dict)
    error: str = ""
    traceback: str = field(default="", repr=False)
    events: pd.DataFrame | None = field(default=None, repr=False)  # when params.run.events


def beveridge_slope(unemployment: np.ndarray, vacancy: np.ndarray) -> float:
    """OLS slope of log vacancy rate on log unemployment rate (negative: a Beveridge curve)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        x, y = np.log(unemployment), np.log(vacancy)
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < 3 or np.ptp(x[ok]) == 0:
        return float("nan")
    return float(np.polyfit(x[ok], y[ok], 1)[0])


def matching_elasticity(timeseries: pd.DataFrame) -> float:
    """Unemployment elasticity of the emergent matching function.

    With hires ``m = A u^a v^(1-a)`` the job-finding rate is ``f = A (v/u)^(1-a)``; the slope
    of log f on log tightness (start-of-month vacancies over unemployed) is ``1 - a``.
    """
    tightness = (timeseries["vacancies"] / timeseries["unemployed"]).shift(1).to_numpy()
    slope = beveridge_slope(tightness, timeseries["job_finding_rate"].to_numpy())
    return 1.0 - slope


def summarize(timeseries: pd.DataFrame) -> dict:
    """Horizon means of the main metrics, final-month values, the Beveridge slope and the
    matching-function elasticity."""
    out = {f"{name}_mean": float(np.nanmean(timeseries[name])) if timeseries[name].notna().any()
           else float("nan") for name in SUMMARY_METRICS}
    last = timeseries.iloc[-1]
    out["unemployment_rate_final"] = float(last["unemployment_rate"])
    out["ai_adoption_rate_final"] = float(last["ai_adoption_rate"])
    for cause in ("demand", "automation", "outcompeted", "policy"):
        out[f"separations_{cause}_total"] = int(timeseries[f"separations_{cause}"].sum())
    out["quits_total"] = int(timeseries["quits"].sum())
    out["lost_hires_outcompeted_total"] = int(timeseries["lost_hires_outcompeted"].sum())
    out["lost_hires_policy_total"] = int(timeseries["lost_hires_policy"].sum())
    out["employment_final"] = int(last["employment"])
    out["output_mean"] = float(timeseries["output"].mean())
    out["beveridge_slope"] = beveridge_slope(timeseries["unemployment_rate"].to_numpy(),
                                             timeseries["vacancy_rate"].to_numpy())
    out["matching_elasticity"] = matching_elasticity(timeseries)
    return out


EVENT_COLUMNS = ("run_id", "month", "worker", "firm", "kind", "cause", "propensity_third")


def events_table(model: LaborMarket, run_id: int) -> pd.DataFrame:
    """The model's event log as a table: one row per separation or lost hire."""
    if not model.event_log:
        return pd.DataFrame({name: pd.Series(dtype="int64" if name in ("run_id", "month",
                             "worker", "firm") else "object") for name in EVENT_COLUMNS})
    frame = pd.DataFrame({key: np.concatenate([e[key] for e in model.event_log])
                          for key in EVENT_COLUMNS[1:]})
    frame.insert(0, "run_id", np.int64(run_id))
    return frame.astype({"month": "int64", "worker": "int64", "firm": "int64"})


def release_model(model: mesa.Model) -> None:
    """Let a finished model be garbage collected (Mesa 3.3 keeps every model alive through the
    class attribute ``Agent._ids``; fixed in Mesa 3.4.2)."""
    ids = getattr(mesa.Agent, "_ids", None)
    if isinstance(ids, dict):
        ids.pop(model, None)


def simulate(params: Params, seed: int, run_id: int = 0) -> RunResult:
    """Run one replicate: build the economy (with burn-in), simulate the horizon, summarise.

    Never raises for a failure inside the model: the result then has ``status="failed"``.
    """
    start = time.perf_counter()
    model = None
    try:
        model = LaborMarket(params, seed=seed)
        for _ in range(params.run.months):
            model.step()
        frame = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
        frame.insert(0, "step", np.arange(len(frame), dtype=np.int64))
        frame.insert(0, "run_id", np.int64(run_id))
        events = events_table(model, run_id) if params.run.events else None
        return RunResult(run_id, seed, "ok", time.perf_counter() - start, frame, summarize(frame),
                         events=events)
    except Exception as err:  # a failed run is recorded, never fatal to the experiment
        empty = pd.DataFrame(columns=["run_id", "step", *METRIC_NAMES])
        return RunResult(run_id, seed, "failed", time.perf_counter() - start, empty,
                         error=f"{type(err).__name__}: {err}", traceback=traceback.format_exc())
    finally:
        if model is not None:
            release_model(model)


def process_pool(jobs: int) -> ProcessPoolExecutor:
    """A local process pool using the spawn start method (safe with threads and on every OS)."""
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))


def run_replicates(params: Params, seeds: list[int], *, executor: Executor | None = None,
                   jobs: int = 1, progress: bool = True, label: str = "runs") -> list[RunResult]:
    """Run one replicate per seed and return the results ordered by run id.

    ``executor`` may be any ``concurrent.futures.Executor``; without one, ``jobs > 1`` uses a
    local process pool and ``jobs == 1`` runs in this process. Results do not depend on the
    executor or the number of workers: each run depends on its seed alone.
    """
    tasks = [(params, seed, run_id) for run_id, seed in enumerate(seeds)]
    return run_tasks(tasks, executor=executor, jobs=jobs, progress=progress, label=label)


def run_tasks(tasks: list[tuple[Params, int, int]], *, executor: Executor | None = None,
              jobs: int = 1, progress: bool = True, label: str = "runs") -> list[RunResult]:
    """Run ``(params, seed, run_id)`` tasks, with one progress bar, ordered by run id.

    See :func:`run_replicates` for the executor; tasks may differ in their parameters (the
    arms of an experiment).
    """
    bar = tqdm(total=len(tasks), desc=label, unit="run", disable=not progress)
    results: list[RunResult] = []
    failed = 0
    try:
        if executor is None and jobs <= 1:
            for params, seed, run_id in tasks:
                results.append(simulate(params, seed, run_id))
                failed += results[-1].status != "ok"
                bar.set_postfix(failed=failed)
                bar.update()
        else:
            owned = executor is None
            pool = process_pool(jobs) if owned else executor
            try:
                futures = [pool.submit(simulate, params, seed, run_id)
                           for params, seed, run_id in tasks]
                for future in as_completed(futures):
                    results.append(future.result())
                    failed += results[-1].status != "ok"
                    bar.set_postfix(failed=failed)
                    bar.update()
            finally:
                if owned:
                    pool.shutdown(cancel_futures=True)
    finally:
        bar.close()
    return sorted(results, key=lambda r: r.run_id)
