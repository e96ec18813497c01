"""The unit of work of a sweep: one design point and one seed in, a row of outcomes and the
run's monthly metrics out (:func:`evaluate`; points with thesis outcomes run every arm of the
sweep's factors, as the thesis test does).

Any ``concurrent.futures.Executor`` runs it: a local process pool, or Dask
(``Client(address).get_executor(pure=False)``). Only parameters and a seed travel to a worker.
Every run depends on its point and seed alone, so results do not depend on the executor, the
number of workers or interruptions (only ``wall_time_s`` does). :func:`plan` fixes the points
and seeds of a sweep once, so that a resumed sweep runs exactly the same tasks.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field

import pandas as pd

from sim.experiments.factors import DEFAULT_FACTORS, FULL, channel_factors
from sim.experiments.runner import simulate
from sim.experiments.sweep.design import design_points
from sim.experiments.sweep.spec import Outcome, Sweep, part_column
from sim.experiments.thesis import run_seed, seed_statistics
from sim.model.params import Params
from sim.model.streams import replicate_seeds
from sim.stats import displacement_share, people_share


@dataclass(frozen=True)
class Task:
    """One run of a sweep: a point's parameters and a seed (and, for thesis outcomes, the
    factors of its arms and the month at which the versed are counted)."""

    params: Params
    seed: int
    run_id: int
    point_id: int
    replicate: int
    outcomes: tuple[Outcome, ...]
    factors: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_FACTORS))
    versed_month: int = 0


def outcome_value(outcome: Outcome, timeseries: pd.DataFrame) -> float:
    """A plain outcome of one run: the metric in the last month, or its mean over months."""
    series = timeseries[outcome.metric]
    return float(series.iloc[-1] if outcome.statistic == "horizon" else series.mean())


def thesis_values(outcomes: tuple[Outcome, ...], parts: dict[str, dict[str, float]],
                  statistics: dict[str, float], factors: dict[str, tuple[str, ...]]) -> dict:
    """Thesis outcomes of one seed from its Shapley parts and hypothesis statistics
    (:func:`sim.experiments.thesis.seed_statistics`): for every metric of a ``part``, ``share``
    or ``people_share`` outcome each of its parts (``part[<part>](<metric>)``), then each
    outcome's own value (a share of this seed's parts, or a hypothesis' statistic)."""
    out = {}
    for o in outcomes:
        if o.statistic in ("part", "share", "people_share"):
            for part, value in parts[o.metric].items():
                out[part_column(part, o.metric)] = value
    for o in outcomes:
        if o.statistic == "hypothesis":
            out[o.column] = statistics[o.metric]
        elif o.statistic == "people_share":
            by_part = parts[o.metric]
            out[o.column] = float(people_share(by_part["people"], by_part["technology"]))
        elif o.statistic == "share":
            by_part = parts[o.metric]
            own = [by_part[f] for f in share_factors(o.factor, factors)]
            out[o.column] = float(displacement_share(own, [by_part[f] for f in factors]))
    return out


def share_factors(name: str, factors: dict[str, tuple[str, ...]]) -> list[str]:
    """The factors whose positive parts make up the share of ``name`` (a factor, or a
    channel: its factors)."""
    return [name] if name in factors else channel_factors(factors)[name]


def evaluate(task: Task) -> tuple[dict, pd.DataFrame]:
    """Run one task: its outcome row and its monthly metrics (the full arm's, for thesis
    outcomes). A failure is recorded in the row (status, error, traceback), never raised."""
    start = time.perf_counter()
    row = {"run_id": task.run_id, "point_id": task.point_id, "replicate": task.replicate,
           "seed": task.seed, "status": "ok", "error": "", "traceback": ""}
    needs_arms = any(o.thesis for o in task.outcomes)
    try:
        seed_result = None
        if needs_arms:  # the full arm runs first and keeps the task's run id
            seed_result = run_seed(task.params, task.factors, task.seed, task.run_id,
                                   task.versed_month)
            runs = seed_result.runs
        else:
            runs = {FULL: simulate(task.params, task.seed, task.run_id)}
        failed = [r for r in runs.values() if r.status != "ok"]
        if failed:
            row.update(status="failed", error=failed[0].error, traceback=failed[0].traceback)
            timeseries = failed[0].timeseries
        else:
            timeseries = runs[FULL].timeseries
            for o in task.outcomes:
                if not o.thesis:
                    row[o.column] = outcome_value(o, timeseries)
            if seed_result is not None:
                parts, statistics = seed_statistics(seed_result, task.factors)
                row.update(thesis_values(task.outcomes, parts, statistics, task.factors))
            row.update(runs[FULL].summary)  # the run's headline outcomes, as in laborsim run
    except Exception as err:  # recorded, never fatal to the sweep
        row.update(status="failed", error=f"{type(err).__name__}: {err}",
                   traceback=traceback.format_exc())
        timeseries = pd.DataFrame()
    for o in task.outcomes:
        row.setdefault(o.column, float("nan"))
    row["wall_time_s"] = time.perf_counter() - start
    return row, timeseries


def plan(sweep: Sweep) -> dict:
    """What the sweep will run: the definition, the points and the seeds (saved as sweep.json
    so that a resumed sweep runs exactly the same tasks)."""
    points = design_points(sweep)
    return {"name": sweep.name, "definition": sweep.raw, "design": sweep.design,
            "points": points.to_dict(orient="list"),
            "root_seed": sweep.root_seed,
            "seeds": replicate_seeds(sweep.root_seed, sweep.replicates)}


def _task(sweep: Sweep, params: Params, seed: int, run_id: int, point_id: int,
          replicate: int) -> Task:
    return Task(params, seed, run_id, point_id, replicate, sweep.outcomes, sweep.factors,
                sweep.versed_month)


def first_task(sweep: Sweep) -> Task:
    """The sweep's first run (its first point, first replicate), without building the others
    (to time one run before a large sweep)."""
    values = design_points(sweep).head(1).to_dict(orient="records")[0]
    point_id = int(values.pop("point_id"))
    return _task(sweep, sweep.params_at(values), replicate_seeds(sweep.root_seed, 1)[0], 0,
                 point_id, 0)


def tasks_of(sweep: Sweep, the_plan: dict) -> list[Task]:
    """Every task of the plan, in run order (run_id = point_id * replicates + replicate)."""
    bases: dict = {}
    tasks = []
    for values in pd.DataFrame(the_plan["points"]).to_dict(orient="records"):
        point_id = int(values.pop("point_id"))
        params = sweep.params_at(values, bases)
        for r, seed in enumerate(the_plan["seeds"]):
            tasks.append(_task(sweep, params, int(seed), point_id * sweep.replicates + r,
                               point_id, r))
    return tasks
