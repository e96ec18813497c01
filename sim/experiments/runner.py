"""Replicate runs: the unit of parallel work is ``simulate(params, seed) -> RunResult``.

Any ``concurrent.futures.Executor`` can run it (a local process pool by default, a Dask
distributed executor on a cluster): only parameters and a seed travel to a worker process, and
only a small result (the monthly metrics and a summary) comes back. Models never cross process
boundaries. A run that raises is returned as ``status="failed"`` with its error, so one bad run
never stops the others.
"""

from __future__ import annotations

import copy
import multiprocessing
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

import mesa
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from sim.experiments.summary import state_summary, summarize
from sim.model.events import COLUMNS as EVENT_COLUMNS
from sim.model.market import LaborMarket
from sim.model.metrics import METRIC_NAMES
from sim.model.params import Params
from sim.model.params.ai import AI_BLOCKS
from sim.model.rates import derived_rates


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


def run_events(model: LaborMarket, run_id: int) -> pd.DataFrame:
    """One run's event log as a table: ``run_id`` then one row per separation or lost hire
    (:mod:`sim.model.events`)."""
    frame = pd.DataFrame(model.events.columns(), columns=list(EVENT_COLUMNS))
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
        return finish_run(model, run_id, start)
    except Exception as err:  # a failed run is recorded, never fatal to the experiment
        return failed_run(run_id, seed, start, err)
    finally:
        if model is not None:
            release_model(model)


def finish_run(model: LaborMarket, run_id: int, start: float) -> RunResult:
    """Simulate the horizon of a model whose burn-in is done, and summarise the run."""
    params = model.params
    for _ in range(params.run.months):
        model.step()
    frame = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    frame.insert(0, "step", np.arange(len(frame), dtype=np.int64))
    frame.insert(0, "run_id", np.int64(run_id))
    events = run_events(model, run_id) if params.run.events else None
    w = model.workers  # the end-of-run state: firm sizes and the labor force's ages
    summary = {**summarize(frame),
               **state_summary(w.status, w.employer, w.age_months, model.firms.count)}
    return RunResult(run_id, model.seed, "ok", time.perf_counter() - start, frame, summary,
                     events=events)


def failed_run(run_id: int, seed: int, start: float, err: Exception) -> RunResult:
    """The result of a run that raised ``err``."""
    empty = pd.DataFrame(columns=["run_id", "step", *METRIC_NAMES])
    return RunResult(run_id, seed, "failed", time.perf_counter() - start, empty,
                     error=f"{type(err).__name__}: {err}", traceback=traceback.format_exc())


def simulate_arms(arms: dict[str, Params], seed: int, first_run_id: int = 0,
                  finish: Callable[[str, LaborMarket], None] | None = None
                  ) -> dict[str, RunResult]:
    """Run one seed in arms that differ only in their AI block switches, sharing set-up.

    The economy is built once and simulated to the month before AI arrives, where the arms
    cannot yet differ (every block acts through AI); each arm then continues from a copy of
    that state. The results equal :func:`simulate` of each arm exactly (a test checks).
    ``finish(name, model)``, when given, sees each arm's finished model (in this process,
    before it is released), in the order of ``arms``; run ids count up from ``first_run_id``.
    A failure in one arm is recorded in its result, never raised.
    """
    start = time.perf_counter()
    first = next(iter(arms.values()))
    off = {block: False for block in AI_BLOCKS}
    if any(p.replace("ai", **off) != first.replace("ai", **off) for p in arms.values()):
        raise ValueError("simulate_arms: the arms must differ only in the AI block switches")
    results, shared = {}, None
    try:
        shared = LaborMarket(first, seed=seed, defer_burn_in=True)
        shared.run_burn_in(until=first.ai.arrival_month)
    except Exception as err:  # the set-up failed: so does every arm
        return {name: failed_run(first_run_id + i, seed, start, err)
                for i, name in enumerate(arms)}
    for i, (name, params) in enumerate(arms.items()):
        arm_start, model = time.perf_counter(), None
        try:
            model = copy.deepcopy(shared)
            model.params = params
            model.rates = derived_rates(params, model.occupations)
            model.run_burn_in()
            results[name] = finish_run(model, first_run_id + i, arm_start)
            if finish is not None:
                finish(name, model)
        except Exception as err:  # recorded, never fatal to the other arms
            results[name] = failed_run(first_run_id + i, seed, arm_start, err)
        finally:
            if model is not None:
                release_model(model)
    release_model(shared)
    return results


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
    results = run_calls(simulate, tasks, executor=executor, jobs=jobs, progress=progress,
                        label=label, failed=lambda r: r.status != "ok")
    return sorted(results, key=lambda r: r.run_id)


def run_calls(function: Callable, calls: list[tuple], *, executor: Executor | None = None,
              jobs: int = 1, progress: bool = True, label: str = "runs", unit: str = "run",
              failed: Callable[[object], bool] = lambda result: False) -> list:
    """``function(*call)`` for every call, with one progress bar counting the ``failed``
    results; results in the order of ``calls``. ``function`` must be importable by name (a
    module-level function) to run in other processes. See :func:`run_replicates` for the
    executor."""
    bar = tqdm(total=len(calls), desc=label, unit=unit, disable=not progress)
    results: list = [None] * len(calls)
    n_failed = 0
    try:
        if executor is None and jobs <= 1:
            for i, call in enumerate(calls):
                results[i] = function(*call)
                n_failed += failed(results[i])
                bar.set_postfix(failed=n_failed)
                bar.update()
        else:
            owned = executor is None
            pool = process_pool(jobs) if owned else executor
            try:
                futures = {pool.submit(function, *call): i for i, call in enumerate(calls)}
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
                    n_failed += failed(results[futures[future]])
                    bar.set_postfix(failed=n_failed)
                    bar.update()
            finally:
                if owned:
                    pool.shutdown(cancel_futures=True)
    finally:
        bar.close()
    return results
