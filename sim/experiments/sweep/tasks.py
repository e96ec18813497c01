"""The unit of work of a sweep: one design point and one seed in, a row of outcomes and the
run's monthly metrics out (:func:`evaluate`; points with thesis outcomes run the four arms).

Any ``concurrent.futures.Executor`` runs it: a local process pool, or Dask
(``Client(address).get_executor(pure=False)``). Only parameters and a seed travel to a worker.
Every run depends on its point and seed alone, so results do not depend on the executor, the
number of workers or interruptions (only ``wall_time_s`` does). :func:`plan` fixes the points
and seeds of a sweep once, so that a resumed sweep runs exactly the same tasks.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.experiments.runner import simulate
from sim.experiments.sweep.design import design_points
from sim.experiments.sweep.spec import Outcome, Sweep
from sim.experiments.two_channel import ARMS, arm_params, group_outcomes
from sim.model.params import Params
from sim.model.streams import replicate_seeds
from sim.stats import people_share, shapley


@dataclass(frozen=True)
class Task:
    """One run of a sweep: a point's parameters and a seed."""

    params: Params
    seed: int
    run_id: int
    point_id: int
    replicate: int
    outcomes: tuple[Outcome, ...]


def outcome_value(outcome: Outcome, timeseries: pd.DataFrame) -> float:
    """A plain outcome of one run: the metric in the last month, or its mean over months."""
    series = timeseries[outcome.metric]
    return float(series.iloc[-1] if outcome.statistic == "horizon" else series.mean())


def thesis_values(outcomes: tuple[Outcome, ...], arms: dict[str, pd.DataFrame]) -> dict:
    """Thesis outcomes of one seed from its four arms' timeseries: for every thesis metric its
    Shapley ``people_part`` and ``tech_part``, and the ``people_share`` where asked for."""
    per_arm = {arm: group_outcomes(frame) for arm, frame in arms.items()}
    out = {}
    for o in outcomes:
        if not o.thesis:
            continue
        values = [np.array([per_arm[arm][o.metric]]) for arm in ARMS]
        people, tech = (float(x[0]) for x in shapley(*values))
        out[f"people_part({o.metric})"] = people
        out[f"tech_part({o.metric})"] = tech
        if o.statistic == "people_share":
            out[o.column] = float(people_share(people, tech))
    return out


def evaluate(task: Task) -> tuple[dict, pd.DataFrame]:
    """Run one task: its outcome row and its monthly metrics (the full arm's, for thesis
    outcomes). A failure is recorded in the row (status, error, traceback), never raised."""
    start = time.perf_counter()
    row = {"run_id": task.run_id, "point_id": task.point_id, "replicate": task.replicate,
           "seed": task.seed, "status": "ok", "error": "", "traceback": ""}
    needs_arms = any(o.thesis for o in task.outcomes)
    try:
        if needs_arms:
            arms = {arm: simulate(p, task.seed, task.run_id)
                    for arm, p in arm_params(task.params).items()}
        else:
            arms = {"full": simulate(task.params, task.seed, task.run_id)}
        failed = [r for r in arms.values() if r.status != "ok"]
        if failed:
            row.update(status="failed", error=failed[0].error, traceback=failed[0].traceback)
            timeseries = failed[0].timeseries
        else:
            timeseries = arms["full"].timeseries
            for o in task.outcomes:
                if not o.thesis:
                    row[o.column] = outcome_value(o, timeseries)
            if needs_arms:
                row.update(thesis_values(task.outcomes,
                                         {a: r.timeseries for a, r in arms.items()}))
            row.update(arms["full"].summary)  # the run's headline outcomes, as in laborsim run
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


def first_task(sweep: Sweep) -> Task:
    """The sweep's first run (its first point, first replicate), without building the others
    (to time one run before a large sweep)."""
    values = design_points(sweep).head(1).to_dict(orient="records")[0]
    point_id = int(values.pop("point_id"))
    return Task(sweep.params_at(values), replicate_seeds(sweep.root_seed, 1)[0], 0, point_id, 0,
                sweep.outcomes)


def tasks_of(sweep: Sweep, the_plan: dict) -> list[Task]:
    """Every task of the plan, in run order (run_id = point_id * replicates + replicate)."""
    bases: dict = {}
    tasks = []
    for values in pd.DataFrame(the_plan["points"]).to_dict(orient="records"):
        point_id = int(values.pop("point_id"))
        params = sweep.params_at(values, bases)
        for r, seed in enumerate(the_plan["seeds"]):
            tasks.append(Task(params, int(seed), point_id * sweep.replicates + r, point_id, r,
                              sweep.outcomes))
    return tasks
