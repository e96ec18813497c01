"""Running a sweep: resumable, crash-safe, on any executor, with identical results.

The unit of work is :func:`evaluate`: one design point and one seed in, a row of outcomes and the
run's monthly metrics out (points with thesis outcomes run the four arms). Any
``concurrent.futures.Executor`` runs it: a local process pool, or Dask
(``Client(address).get_executor(pure=False)``). Only parameters and a seed travel to a worker.

Results stream to disk as runs finish: every ``batch`` results are written as a pair of Parquet
parts under ``parts/`` (timeseries first, then runs: a runs part is the commit mark), each
atomically. A sweep killed at any moment, even with ``kill -9``, loses only the runs of its last
unwritten batch; ``--resume`` reads the plan (``sweep.json``) and the parts, runs only the
missing runs, and finishes as an uninterrupted sweep would: the parts are merged in run order into
runs.parquet and timeseries.parquet, the points table and the analysis are written, the manifest
last, and the parts are removed. Every run depends on its point and seed alone, so the tables do
not depend on the executor, the number of workers or interruptions (only ``wall_time_s`` does).
"""

from __future__ import annotations

import json
import time
import traceback
from concurrent.futures import Executor, as_completed
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from sim import store
from sim.hypotheses import ARMS, arm_params, group_outcomes, shapley
from sim.params import Params
from sim.runner import process_pool, simulate
from sim.streams import replicate_seeds
from sim.sweep import Outcome, Sweep, SweepError, design_points

PLAN = "sweep.json"
PARTS = "parts"


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


def share(people, tech):
    """The people channel's share of a displacement: ``max(people, 0) / (max(people, 0) +
    max(tech, 0))``, NaN when neither channel displaces (works on arrays)."""
    people, tech = np.maximum(people, 0.0), np.maximum(tech, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(people + tech > 0, people / (people + tech), np.nan)


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
            out[o.column] = float(share(people, tech))
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


def finished_run_ids(folder: Path) -> set[int]:
    """Run ids whose results are already on disk (in a committed runs part)."""
    done = set()
    for part in sorted((folder / PARTS).glob("runs-*.parquet")):
        done.update(pd.read_parquet(part, columns=["run_id"])["run_id"].tolist())
    return done


def write_part(folder: Path, rows: list[dict], frames: list[pd.DataFrame]) -> None:
    """Write one batch: its timeseries part, then its runs part (the commit mark)."""
    parts = folder / PARTS
    parts.mkdir(exist_ok=True)
    number = len(list(parts.glob("runs-*.parquet")))
    name = f"{number:06d}-{rows[0]['run_id']:09d}"
    frames = [f for f in frames if len(f)]
    if frames:
        store.write_table(parts / f"timeseries-{name}.parquet", pd.concat(frames,
                                                                          ignore_index=True))
    store.write_table(parts / f"runs-{name}.parquet", pd.DataFrame(rows))


def merged(folder: Path, kind: str, sort: list[str]) -> pd.DataFrame:
    """All parts of a kind, in run order (committed parts only, each run once)."""
    committed = {p.name.removeprefix("runs-") for p in (folder / PARTS).glob("runs-*.parquet")}
    frames = [pd.read_parquet(p) for p in sorted((folder / PARTS).glob(f"{kind}-*.parquet"))
              if p.name.removeprefix(f"{kind}-") in committed]
    if not frames:
        return pd.DataFrame()
    frame = pd.concat(frames, ignore_index=True)
    if kind == "runs":
        frame = frame.drop_duplicates("run_id", keep="first")
    else:
        frame = frame.drop_duplicates(["run_id", "step"], keep="first")
    return frame.sort_values(sort).reset_index(drop=True)


def start_or_resume(sweep: Sweep, folder: Path, resume: bool) -> dict | None:
    """The plan of a new sweep folder (written now), or of the sweep being resumed; None when
    the folder to resume already holds the finished sweep."""
    plan_path = folder / PLAN
    if resume:
        if not plan_path.is_file():
            raise SweepError(f"{folder}: nothing to resume (no {PLAN}); start it without --resume")
        saved = json.loads(plan_path.read_text(encoding="utf-8"))
        if saved["definition"] != json.loads(json.dumps(store.json_safe(sweep.raw))):
            raise SweepError(f"{folder}: was started from another definition than {sweep.path}")
        return None if (folder / store.MANIFEST).exists() else saved
    if folder.exists() and any(folder.iterdir()):
        raise SweepError(f"{folder}: already exists and is not empty; use --resume {folder} to "
                         "finish an interrupted sweep, or another --out")
    folder.mkdir(parents=True, exist_ok=True)
    the_plan = store.json_safe(plan(sweep))
    store.write_text(plan_path, json.dumps(the_plan, indent=1) + "\n")
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
                   ) -> tuple[pd.DataFrame, dict, dict]:
    """The points table, figures and documents (analysis.md/.html/.json) of a sweep.

    If the analysis itself fails (e.g. SALib rejects the outputs), the runs are still kept:
    analysis.md then says what failed, and ``laborsim analyze`` can redo it.
    """
    from sim import analysis

    summary = analysis.point_summary(points, runs, sweep.outcomes)
    try:
        result = analysis.analyze(sweep, summary, runs)
        figures, documents = analysis.report(sweep, result, summary)
    except Exception as err:
        message = f"{type(err).__name__}: {err}"
        result = {"design": sweep.design, "error": message}
        figures = {}
        documents = {"analysis.md": f"# Sweep {sweep.name}\n\nThe analysis failed: {message}\n"
                                    "\nThe runs are saved; fix the cause and run "
                                    "`laborsim analyze` on this folder.\n"}
    documents["analysis.json"] = json.dumps(store.json_safe(result), indent=2) + "\n"
    return summary, figures, documents


def finish(sweep: Sweep, folder: Path, the_plan: dict, command: list[str] | None) -> Path:
    """Merge the parts, write the tables, the analysis and the manifest, remove the parts."""
    from sim.experiment import _manifest
    from sim.plots import plt
    from sim.scenario import load_scenario

    runs = merged(folder, "runs", ["run_id"])
    timeseries = merged(folder, "timeseries", ["run_id", "step"])
    points = pd.DataFrame(the_plan["points"])
    runs["seed"] = runs["seed"].astype("uint64")
    # the point's parameter values next to each run, for spreadsheets and groupby
    runs = runs.merge(points, on="point_id", how="left")
    first = ["run_id", "point_id", *sweep.names]
    runs = runs[first + [c for c in runs.columns if c not in first]]
    summary, figures, documents = analysis_files(sweep, points, runs)
    documents[PLAN] = (folder / PLAN).read_text(encoding="utf-8")
    scenario = load_scenario(sweep.scenario, list(sweep.overrides))
    base = sweep.base_params().replace("run", root_seed=sweep.root_seed, seeds=sweep.replicates)
    manifest = _manifest("sweep", scenario, base, datetime.now(UTC),
                         [int(s) for s in the_plan["seeds"]], runs, command)
    manifest["sweep"] = {"name": sweep.name, "file": sweep.path, "design": sweep.design,
                         "points": len(points), "replicates": sweep.replicates,
                         "parameters": sweep.names,
                         "outcomes": [o.column for o in sweep.outcomes],
                         "definition": sweep.raw}
    store.write_experiment(folder, manifest, {"runs": runs, "timeseries": timeseries,
                                              "points": summary}, figures, documents)
    for figure in figures.values():
        plt.close(figure)
    for part in (folder / PARTS).glob("*"):
        part.unlink()
    (folder / PARTS).rmdir()
    return folder


def saved_sweep(folder: Path) -> Sweep:
    """The sweep definition a finished sweep folder was run from."""
    from sim.archive import read_manifest
    from sim.sweep import sweep_from_dict

    manifest = read_manifest(folder)
    if manifest.get("kind") != "sweep":
        raise SweepError(f"{folder}: a '{manifest.get('kind')}' experiment, not a sweep")
    info = manifest["sweep"]
    return sweep_from_dict(info["definition"], info["name"], f"{folder / store.MANIFEST}")


def reanalyze(folder: Path, heatmap: tuple[str, str] | None = None) -> dict:
    """Redo a finished sweep's analysis from its saved runs (``laborsim analyze``): the figures
    and analysis.md/.html/.json are rewritten, then the manifest; the tables are kept as they
    are. ``heatmap`` picks another pair of varied parameters for the heat map."""
    from dataclasses import replace

    from sim.archive import load
    from sim.plots import plt

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
    _, figures, documents = analysis_files(sweep, points, experiment.runs)
    store.update_experiment(folder, figures, documents, drop=("figures/", "analysis."))
    for figure in figures.values():
        plt.close(figure)
    return json.loads(documents["analysis.json"])
