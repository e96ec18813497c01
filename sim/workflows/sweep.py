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
from concurrent.futures import BrokenExecutor, Executor, as_completed
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from sim.errors import SweepError
from sim.experiments.runner import process_pool
from sim.experiments.scenario import load_scenario
from sim.experiments.sweep import sensitivity
from sim.experiments.sweep.cluster import ClusterLost, ClusterWatch, watch_of
from sim.experiments.sweep.spec import Sweep, check_heatmap, parse
from sim.experiments.sweep.tasks import evaluate, plan, tasks_of
from sim.reports import sweep as sweep_report
from sim.reports.text import counted
from sim.store.lock import folder_lock
from sim.store.manifest import experiment_manifest
from sim.store.outputs import output_folder
from sim.store.parts import PARTS, finished_run_ids, merged, remove_parts, write_part
from sim.store.paths import confined
from sim.store.read import load, read_manifest
from sim.store.schema import read_json
from sim.store.write import MANIFEST, json_safe, update_experiment, write_experiment, write_in

PLAN = "sweep.json"


def saved_plan(sweep: Sweep, folder: Path) -> dict:
    """The plan of a sweep to resume, checked: present, well formed, and made from the same
    definition (``laborsim sweep --resume`` calls this before it starts)."""
    plan_path = confined(folder, PLAN, str(folder))
    if not plan_path.is_file():
        raise SweepError(f"{folder}: nothing to resume (no {PLAN}); start it without --resume")
    saved = read_json(plan_path)
    if not isinstance(saved, dict) or not isinstance(saved.get("points"), dict) or \
            not isinstance(saved.get("seeds"), list):
        raise SweepError(f"{plan_path}: not a laborsim sweep plan (needs points and seeds)")
    if saved.get("definition") != json.loads(json.dumps(json_safe(sweep.raw))):
        raise SweepError(f"{folder}: was started from another definition than {sweep.path}")
    return saved


def start_or_resume(sweep: Sweep, folder: Path, resume: bool) -> dict | None:
    """The plan of a new sweep folder (written now into the claimed folder), or of the sweep
    being resumed (checked); None when the folder to resume already holds the finished
    sweep."""
    if resume:
        saved = saved_plan(sweep, folder)
        return None if (folder / MANIFEST).exists() else saved
    the_plan = json_safe(plan(sweep))
    write_in(folder, PLAN, json.dumps(the_plan, indent=1) + "\n")
    return the_plan


def run_sweep(sweep: Sweep, folder: Path, *, executor: Executor | None = None, jobs: int = 1,
              resume: bool = False, progress: bool = True, batch: int = 20,
              force: bool = False, command: list[str] | None = None) -> Path:
    """Run (or finish) a sweep into ``folder``; returns the folder once complete.

    ``executor``: any ``concurrent.futures.Executor`` (e.g. a Dask client's
    ``get_executor(pure=False)``); without one, ``jobs > 1`` uses a local process pool and
    ``jobs == 1`` runs in this process. ``batch``: runs per Parquet part (the most a kill can
    lose). With ``resume``, only runs missing from ``folder`` are run. The folder is locked
    while the sweep runs; a new sweep's folder must be new or empty (``force``: replace the
    experiment in it; :func:`sim.store.outputs.output_folder`).
    """
    folder = Path(folder)
    if resume and not folder.is_dir():
        raise SweepError(f"--resume {folder}: no such folder")
    with folder_lock(folder) if resume else output_folder(folder, "sweep", force=force):
        the_plan = start_or_resume(sweep, folder, resume)
        if the_plan is None:
            return folder
        run_plan(sweep, folder, the_plan, executor=executor, jobs=jobs, progress=progress,
                 batch=batch)
        return finish(sweep, folder, the_plan, command)


def run_plan(sweep: Sweep, folder: Path, the_plan: dict, *, executor: Executor | None,
             jobs: int, progress: bool, batch: int) -> None:
    """Run the plan's runs that are not yet on disk, streaming them to parts in batches."""
    tasks = tasks_of(sweep, the_plan)
    done = finished_run_ids(folder) if (folder / PARTS).exists() else set()
    todo = [t for t in tasks if t.run_id not in done]
    bar = tqdm(total=len(tasks), initial=len(tasks) - len(todo), desc=f"sweep {sweep.name}",
               unit="run", disable=not progress)
    failed = 0
    finished = len(tasks) - len(todo)
    rows, frames = [], []

    def collect(result):
        nonlocal failed, finished
        row, frame = result
        rows.append(row)
        frames.append(frame)
        failed += row["status"] != "ok"
        finished += 1
        bar.set_postfix(failed=failed)
        bar.update()
        if len(rows) >= batch:
            write_part(folder, rows, frames)
            rows.clear()
            frames.clear()

    def stopped(reason: str) -> SweepIncomplete:
        return SweepIncomplete(reason, folder, finished=finished, total=len(tasks))

    try:
        if executor is None and jobs <= 1:
            for task in todo:
                collect(evaluate(task))
        else:
            owned = executor is None
            pool = process_pool(jobs) if owned else executor
            try:
                lost = wait_for_runs(pool, todo, collect, None if owned else watch_of(pool))
            except ClusterLost as err:
                raise stopped(str(err)) from None
            finally:
                if owned:
                    pool.shutdown(cancel_futures=True)
            if lost:
                run_id, error = lost[0]
                raise stopped(f"{counted(len(lost), 'run')} ended without a result "
                              f"(run {run_id}: {error})")
    finally:
        if rows:  # keep what finished, even when interrupted
            write_part(folder, rows, frames)
        bar.close()


class SweepIncomplete(SweepError):
    """A sweep stopped before every run had a result (its cluster went away, a worker process
    died, a run's worker died): what finished is saved as parts, and resuming the sweep runs
    the rest. ``reason`` says what happened."""

    def __init__(self, reason: str, folder: Path, *, finished: int, total: int):
        self.reason, self.folder, self.finished, self.total = reason, folder, finished, total
        super().__init__(f"{reason}; {self.saved()}; resume the sweep to run the other "
                         f"{total - finished:,}")

    def saved(self) -> str:
        return f"{self.finished:,} of {self.total:,} runs are saved in {self.folder}"


def wait_for_runs(pool: Executor, todo: list, collect, watch: ClusterWatch | None
                  ) -> list[tuple[int, str]]:
    """Submit every task to ``pool`` and ``collect`` each result as it finishes; return the
    runs whose future raised (run id, error), e.g. a Dask ``KilledWorker``.

    Raises :class:`~sim.experiments.sweep.cluster.ClusterLost` when a process of the pool died
    (``BrokenExecutor``), when Dask cancelled the runs (its scheduler went away), or when
    ``watch`` (polled every ``watch.poll`` seconds while waiting) finds the cluster gone. The
    runs not yet finished are then cancelled.
    """
    futures = {pool.submit(evaluate, task): task.run_id for task in todo}
    pending = set(futures)
    lost: list[tuple[int, str]] = []

    def take(future) -> ClusterLost | None:
        """Collect one finished future; the error that ends the sweep, if it is one."""
        if future.cancelled():
            return watch.lost() if watch is not None else ClusterLost(
                "the executor cancelled the runs")
        err = future.exception()
        if err is None:
            collect(future.result())
        elif isinstance(err, BrokenExecutor):
            return ClusterLost("a worker process died abruptly (killed, or out of memory)")
        else:
            lost.append((futures[future], " ".join(f"{type(err).__name__}: {err}".split())))
        return None

    try:
        while pending:
            try:  # with a watch, look at the cluster at least every watch.poll seconds
                for future in as_completed(pending, timeout=watch and watch.poll):
                    pending.discard(future)
                    gone = take(future)
                    if gone is not None:
                        for other in [f for f in pending if f.done() and not f.cancelled()
                                      and f.exception() is None]:  # keep what finished
                            pending.discard(other)
                            take(other)
                        raise gone
                    if watch is not None:
                        watch()
            except TimeoutError:
                pass
            if watch is not None and pending:
                watch()
    except BaseException:
        for future in pending:
            future.cancel()
        raise
    return lost


def analysis_files(sweep: Sweep, points: pd.DataFrame, runs: pd.DataFrame
                   ) -> tuple[pd.DataFrame, dict[str, str | bytes]]:
    """The points table and the analysis files (figures, analysis.md/.html/.json) of a sweep.

    If the analysis itself fails (e.g. SALib rejects the outputs), the runs are still kept:
    analysis.md then says what failed, and ``laborsim analyze`` can redo it.
    """
    summary = sensitivity.point_summary(points, runs, sweep)
    try:
        result = sensitivity.analyze(sweep, summary, runs)
        files = sweep_report.report(sweep, result, summary)
    except Exception as err:
        message = f"{type(err).__name__}: {err}"
        result = {"design": sweep.design, "error": message}
        files = {"analysis.md": sweep_report.failure_markdown(sweep, message)}
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
    """The sweep definition a finished sweep folder was run from, for its analysis: parsed and
    checked, but its scenarios are NOT loaded (a received manifest may name any path; the
    analysis needs only the design, the outcomes and the root seed recorded in the manifest)."""
    manifest = read_manifest(folder)
    if manifest.get("kind") != "sweep":
        raise SweepError(f"{folder}: a '{manifest.get('kind')}' experiment, not a sweep")
    info = manifest["sweep"]
    sweep = parse(info["definition"], info["name"], f"{folder / MANIFEST}: sweep.definition")
    return replace(sweep, root_seed=manifest.get("root_seed", sweep.root_seed))


def reanalyze(folder: Path, heatmap: tuple[str, str] | None = None) -> dict:
    """Redo a finished sweep's analysis from its saved runs (``laborsim analyze``): the figures
    and analysis.md/.html/.json are rewritten, then the manifest; the tables are kept as they
    are. ``heatmap`` picks another pair of varied parameters for the heat map."""
    folder = Path(folder)
    read_manifest(folder)  # a missing or unreadable folder says so before any lock
    with folder_lock(folder):
        return analyze_again(folder, heatmap)


def analyze_again(folder: Path, heatmap: tuple[str, str] | None) -> dict:
    """:func:`reanalyze` in a locked folder."""
    sweep = saved_sweep(folder)
    if heatmap is not None:
        check_heatmap(tuple(heatmap), sweep.names, str(folder), key="--heatmap")
        sweep = replace(sweep, heatmap=tuple(heatmap))
    experiment = load(folder)
    points = experiment.points[["point_id", *sweep.names]]
    _, files = analysis_files(sweep, points, experiment.runs)
    update_experiment(folder, files, drop=("figures/", "analysis."))
    return json.loads(files["analysis.json"])
