"""Benchmark: sweep throughput (runs per minute) and parallel speed-up by number of processes.

Runs the same sweep (a grid of ``--runs`` small runs: 250 values of ai.capability_growth x 4
replicates by default, 2,000 workers, 2 reported years after a 24-month burn-in) on a local
process pool with each ``--jobs`` value, timing the whole ``laborsim sweep`` path: task
submission, Parquet parts, merge, analysis and manifest. Prints a Markdown table for the README.

    python experiments/sweep_benchmark.py                      # 1,000 runs on 1 and 2 processes
    python experiments/sweep_benchmark.py --jobs 1 2 4 8 16    # speed-up on a 16-core machine
    python experiments/sweep_benchmark.py --runs 200 --jobs 1  # a quick look
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

import numpy as np

SWEEP = """
description = "sweep benchmark"
design = "grid"
replicates = {replicates}
years = {years}
workers = {workers}
root_seed = 1
set = ["run.burn_in_months=24"]

[parameters]
"ai.capability_growth" = {{ values = [{values}] }}

[[outcomes]]
metric = "unemployment_rate"
statistic = "path_mean"
"""


def sweep_file(folder: Path, runs: int, replicates: int, workers: int, years: int) -> Path:
    points = max(1, runs // replicates)
    values = ", ".join(f"{v:.6f}" for v in np.linspace(0.05, 0.8, points))
    path = folder / "benchmark.toml"
    path.write_text(SWEEP.format(replicates=replicates, years=years, workers=workers,
                                 values=values))
    return path


def main() -> None:
    from sim.experiments.sweep.load import load_sweep
    from sim.workflows.sweep import run_sweep

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=sorted({1, os.cpu_count() or 1}))
    parser.add_argument("--workers", type=int, default=2000, help="simulated workers per run")
    parser.add_argument("--years", type=int, default=2)
    args = parser.parse_args()

    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores; "
          f"{args.runs:,} runs of {args.workers:,} workers x {args.years} years "
          "(+24 months burn-in)\n")
    print("| processes | wall s | runs per minute | speed-up |")
    print("|---:|---:|---:|---:|")
    first = None
    with tempfile.TemporaryDirectory() as tmp:
        sweep = load_sweep(sweep_file(Path(tmp), args.runs, 4, args.workers, args.years))
        for jobs in args.jobs:
            start = time.perf_counter()
            run_sweep(sweep, Path(tmp) / f"jobs-{jobs}", jobs=jobs, progress=False, batch=50)
            wall = time.perf_counter() - start
            rate = args.runs / wall * 60
            first = first or rate
            print(f"| {jobs} | {wall:.1f} | {rate:,.0f} | {rate / first:.2f}x |", flush=True)


if __name__ == "__main__":
    main()
