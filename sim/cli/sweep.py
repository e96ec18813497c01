"""``laborsim sweep`` and ``laborsim analyze``: parameter sweeps and their analysis."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sim.cli.extras import require_extra
from sim.cli.folders import print_sweep
from sim.cli.run import check_jobs
from sim.errors import LaborsimError, SweepError
from sim.experiments.sweep.cluster import CONNECT_TIMEOUT_S, check_address, connect
from sim.experiments.sweep.load import followup_sweep, load_sweep
from sim.experiments.sweep.sensitivity import top_parameters
from sim.experiments.sweep.tasks import evaluate, first_task
from sim.model.params import limits
from sim.reports.text import counted
from sim.store.outputs import preflight, preflight_resume
from sim.store.read import load
from sim.store.write import new_experiment_dir
from sim.workflows.sweep import PLAN, SweepIncomplete, reanalyze, run_sweep, saved_plan


def _estimate(sweep, jobs: int) -> tuple[str, float]:
    """Runs of a sweep and an estimated wall time (in words, and in seconds) from one timed
    run (its first task); ``jobs``: the runs that run at once (processes or Dask threads)."""
    runs = sweep.runs
    start = time.perf_counter()
    row, _ = evaluate(first_task(sweep))
    seconds = time.perf_counter() - start
    if row["status"] != "ok":
        raise SweepError(f"{sweep.path}: the calibration run failed: {row['error']}")
    workers = max(1, min(jobs, runs))
    total = seconds * runs / workers
    arms = (f", each {sweep.arms_per_run} thesis arms on one process"
            if sweep.needs_arms else "")
    return (f"{runs:,} runs ({sweep.points:,} points x "
            f"{sweep.replicates} replicates{arms}); one "
            f"run took {seconds:.1f} s here, so about {_duration(total)} on "
            f"{counted(workers, 'process', 'processes')}"), total


#: A generous bound on one run's seconds before any run is timed: 10 ms a month plus 5 us a
#: worker-month, one simulation per thesis arm (about five times what a 2-core laptop
#: takes). A sweep whose bound stays under limits.CONFIRM_HOURS needs no timed run.
MONTH_S, WORKER_MONTH_S = 0.010, 5e-6


def _run_bound_s(sweep) -> float:
    """An upper bound of one run's seconds, from the largest population and horizon of the
    sweep's scenarios and varied parameters."""
    scenarios = sweep.parameters.get("scenario", {}).get("values", [sweep.scenario])
    bases = [sweep.base_params(name) for name in scenarios]

    def largest(key: str, own: list[int]) -> float:
        spec = sweep.parameters.get(key)
        return max(own if spec is None else spec.get("values", [spec.get("max", 0)]))

    workers = largest("population.workers", [p.population.workers for p in bases])
    months = (12 * largest("run.years", [p.run.years for p in bases])
              + largest("run.burn_in_months", [p.run.burn_in_months for p in bases]))
    return sweep.arms_per_run * months * (MONTH_S + WORKER_MONTH_S * workers)


#: Longest run (by :func:`_run_bound_s`) that the size check times before it decides; beyond
#: it the bound alone decides, so that the check itself never computes for minutes.
TIME_ONE_RUN_S = 60


def confirm_size(sweep, parallel: int, yes: bool, file: Path) -> None:
    """Refuse a sweep above limits.CONFIRM_RUNS runs or an estimated limits.CONFIRM_HOURS
    without ``--yes``, in one line with its size; with ``--yes``, print its estimate.

    Above the run threshold the refusal runs nothing (``--dry-run`` times a run). Below it, a
    run is timed only when a generous bound of the sweep's time (:func:`_run_bound_s`) passes
    the time threshold, and the sweep is refused only when the estimate from that timed run
    does too. The Morris screening's Sobol follow-up counts as well (same scenario, a subset
    of the parameters: the same bound).
    """
    runs = sweep.runs + sweep.followup_runs
    limit_s = limits.CONFIRM_HOURS * 3600
    parallel = max(1, parallel)
    followup = (f" and {sweep.followup_runs:,} runs of the Sobol follow-up"
                if sweep.followup_runs else "")
    if runs > limits.CONFIRM_RUNS and not yes:
        raise SweepError(f"{file}: a large sweep: {sweep.runs:,} runs ({sweep.points:,} points "
                         f"x {sweep.replicates:,} replicates){followup}, more than "
                         f"{limits.CONFIRM_RUNS:,}; add --yes to run it (--dry-run prints its "
                         "estimated time)")
    bound = _run_bound_s(sweep)
    if runs <= limits.CONFIRM_RUNS and runs * bound / parallel <= limit_s:
        return
    if bound > TIME_ONE_RUN_S:  # timing one run would itself take long: judge by the bound
        text = (f"{runs:,} runs; one run could take up to about {_duration(bound)}, so up to "
                f"about {_duration(runs * bound / parallel)} on "
                f"{counted(parallel, 'process', 'processes')} (an upper bound; --dry-run times "
                "one run)")
        if not yes:
            raise SweepError(f"{file}: a large sweep: {text}; add --yes to run it")
        print(f"laborsim sweep {sweep.name}: a large sweep: {text}; --yes given")
        return
    text, seconds = _estimate(sweep, parallel)
    if sweep.followup_runs:
        seconds *= runs / sweep.runs
        text += f"; with{followup[4:]}, about {_duration(seconds)}"
    if runs <= limits.CONFIRM_RUNS and seconds <= limit_s:
        return
    why = (f"more than {limits.CONFIRM_RUNS:,} runs" if runs > limits.CONFIRM_RUNS
           else f"more than {limits.CONFIRM_HOURS:g} hours")
    if not yes:
        raise SweepError(f"{file}: a large sweep: {text} ({why}); add --yes to run it")
    print(f"laborsim sweep {sweep.name}: a large sweep: {text} ({why}); --yes given")


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def quiet_client_logs() -> None:
    """Silence the Dask client's own log lines (tracebacks about a lost connection, retries):
    when the cluster goes away, the sweep says what happened in one line."""
    for name in ("distributed.client", "distributed.core", "distributed.comm",
                 "distributed.batched", "distributed.utils"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def close_quietly(client) -> None:
    """Close a Dask client within seconds, also when its scheduler is gone."""
    with contextlib.suppress(Exception):
        client.close(timeout=CONNECT_TIMEOUT_S)


def cmd_sweep(args: argparse.Namespace) -> int:
    """``laborsim sweep``: run or resume a sweep (and its Sobol follow-up), print the analysis."""
    check_jobs(args.jobs)
    if args.batch < 1:
        raise LaborsimError(f"--batch must be at least 1, got {args.batch}")
    if args.out is not None and args.resume is not None:
        raise LaborsimError("give --out for a new sweep or --resume DIR for an interrupted one, "
                            "not both")
    sweep = load_sweep(args.file)
    if args.scheduler:
        require_extra("cluster", "--scheduler")
        check_address(args.scheduler)
    if args.dry_run:
        bound = _run_bound_s(sweep)
        if bound > TIME_ONE_RUN_S:
            print(f"laborsim sweep {sweep.name} (dry run): timing one run, which may take up "
                  f"to about {_duration(bound)}", flush=True)
        print(f"laborsim sweep {sweep.name} (dry run): {_estimate(sweep, args.jobs)[0]}")
        if sweep.followup:
            print(f"then a Sobol follow-up on the top {sweep.followup['top']} parameters: "
                  f"{sweep.followup['samples']} x {sweep.followup['top'] + 2} points x "
                  f"{sweep.replicates} replicates")
        return 0
    folder = args.resume or args.out or new_experiment_dir(Path("results"), sweep.name,
                                                           datetime.now(UTC))
    if args.resume is None:
        preflight(folder, "sweep", force=args.force)
    else:
        preflight_resume(folder)
        saved_plan(sweep, folder)
    client = None
    executor = None
    parallel = args.jobs
    if args.scheduler:
        client = connect(args.scheduler)  # reached within CONNECT_TIMEOUT_S, else one line
        quiet_client_logs()
        executor = client.get_executor(pure=False)
        nthreads = client.nthreads(callback_timeout=CONNECT_TIMEOUT_S)
        parallel = sum(nthreads.values())
        where = (f"Dask cluster {args.scheduler} ({counted(len(nthreads), 'worker')}, "
                 f"{counted(parallel, 'thread')})")
    else:
        where = counted(args.jobs, "process", "processes")
    try:
        confirm_size(sweep, parallel, args.yes, args.file)
        stages = [(sweep, folder, args.resume is not None)]
        results = []
        while stages:
            stage, out, resume = stages.pop(0)
            print(f"laborsim sweep {stage.name}: design {stage.design}, "
                  f"{counted(len(stage.parameters), 'parameter')}, "
                  f"{stage.replicates} replicates per point, "
                  f"on {where} -> {out}")
            try:
                run_sweep(stage, out, executor=executor, jobs=args.jobs, resume=resume,
                          progress=not args.quiet, batch=args.batch, force=args.force)
            except KeyboardInterrupt:
                print(f"\nlaborsim: interrupted; the finished runs are saved in {out}; finish "
                      f"with: laborsim sweep {args.file} --resume {folder}", file=sys.stderr)
                return 130
            except SweepIncomplete as err:  # the cluster went away: say how to go on
                raise SweepError(f"{err.reason}; {err.saved()}; continue with: laborsim sweep "
                                 f"{args.file} --resume {folder}") from None
            results.append(out)
            if stage.followup:
                analysis = load(out).analysis
                first = stage.outcomes[0].column
                if "mu_star" not in analysis.get("indices", {}).get(first, {}):
                    print(f"no Sobol follow-up: the Morris indices of {first} were not computed")
                    continue
                top = top_parameters(analysis, first, stage.followup["top"])
                nxt = out.parent / f"{out.name}-sobol"
                print(f"\nMorris screening: top {len(top)} by mu* of {first}: {', '.join(top)}")
                stages.append((followup_sweep(stage, top), nxt, (nxt / PLAN).is_file()))
    finally:
        if client is not None:
            close_quietly(client)
    analysed = [print_sweep(out) for out in results]
    return 0 if all(analysed) else 1  # the runs are kept; laborsim analyze can redo it


def cmd_analyze(args: argparse.Namespace) -> int:
    """``laborsim analyze``: redo a sweep folder's analysis."""
    reanalyze(args.folder, tuple(args.heatmap) if args.heatmap else None)
    return 0 if print_sweep(args.folder) else 1
