"""``laborsim sweep`` and ``laborsim analyze``: parameter sweeps and their analysis."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sim.cli.extras import require_extra
from sim.cli.folders import print_sweep
from sim.cli.run import check_jobs
from sim.errors import LaborsimError, SweepError
from sim.experiments.sweep.load import followup_sweep, load_sweep
from sim.experiments.sweep.sensitivity import top_parameters
from sim.experiments.sweep.tasks import evaluate, plan, tasks_of
from sim.store.read import load
from sim.store.write import new_experiment_dir
from sim.workflows.sweep import PLAN, reanalyze, run_sweep


def _estimate(sweep, jobs: int) -> str:
    """Runs of a sweep and an estimated wall time from one timed run (its first task)."""
    tasks = tasks_of(sweep, plan(sweep))
    start = time.perf_counter()
    row, _ = evaluate(tasks[0])
    seconds = time.perf_counter() - start
    if row["status"] != "ok":
        raise SweepError(f"{sweep.path}: the calibration run failed: {row['error']}")
    workers = max(1, min(jobs, len(tasks)))
    total = seconds * len(tasks) / workers
    simulations = 4 if sweep.needs_arms else 1
    return (f"{len(tasks):,} runs ({len(tasks) // sweep.replicates:,} points x "
            f"{sweep.replicates} replicates{', each 4 thesis arms' * (simulations > 1)}); one "
            f"run took {seconds:.1f} s here, so about {_duration(total)} on {workers} "
            f"process{'es' * (workers > 1)}")


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def cmd_sweep(args: argparse.Namespace) -> int:
    """``laborsim sweep``: run or resume a sweep (and its Sobol follow-up), print the analysis."""
    check_jobs(args.jobs)
    if args.batch < 1:
        raise LaborsimError(f"--batch must be at least 1, got {args.batch}")
    if args.out is not None and args.resume is not None:
        raise LaborsimError("give --out for a new sweep or --resume DIR for an interrupted one, "
                            "not both")
    sweep = load_sweep(args.file)
    if args.dry_run:
        print(f"laborsim sweep {sweep.name} (dry run): {_estimate(sweep, args.jobs)}")
        if sweep.followup:
            print(f"then a Sobol follow-up on the top {sweep.followup['top']} parameters: "
                  f"{sweep.followup['samples']} x {sweep.followup['top'] + 2} points x "
                  f"{sweep.replicates} replicates")
        return 0
    folder = args.resume or args.out or new_experiment_dir(Path("results"), sweep.name,
                                                           datetime.now(UTC))
    client = None
    executor = None
    if args.scheduler:
        require_extra("cluster", "--scheduler")
        from distributed import Client  # the cluster extra: imported only when asked for

        client = Client(args.scheduler)
        executor = client.get_executor(pure=False)
        where = f"Dask cluster {args.scheduler} ({len(client.scheduler_info()['workers'])} workers)"
    else:
        where = f"{args.jobs} process{'es' * (args.jobs > 1)}"
    try:
        stages = [(sweep, folder, args.resume is not None)]
        results = []
        while stages:
            stage, out, resume = stages.pop(0)
            print(f"laborsim sweep {stage.name}: design {stage.design}, "
                  f"{len(stage.parameters)} parameter{'s' * (len(stage.parameters) > 1)}, "
                  f"{stage.replicates} replicates per point, "
                  f"on {where} -> {out}")
            try:
                run_sweep(stage, out, executor=executor, jobs=args.jobs, resume=resume,
                          progress=not args.quiet, batch=args.batch)
            except KeyboardInterrupt:
                print(f"\nlaborsim: interrupted; the finished runs are saved in {out}; finish "
                      f"with: laborsim sweep {args.file} --resume {folder}", file=sys.stderr)
                return 130
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
            client.close()
    for out in results:
        print_sweep(out)
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    """``laborsim analyze``: redo a sweep folder's analysis."""
    reanalyze(args.folder, tuple(args.heatmap) if args.heatmap else None)
    print_sweep(args.folder)
    return 0
