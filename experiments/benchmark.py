"""Benchmark: wall time, time per worker-month and peak memory by population size.

Runs one replicate of the baseline scenario for 10k, 100k and 1M workers over a 120-month
horizon, each size in a fresh process so that peak memory is measured per size. Prints a
Markdown table (paste it into the README's performance section).

    python experiments/benchmark.py            # 10k, 100k, 1M workers, 120 months
    python experiments/benchmark.py --sizes 10000 100000 --months 60
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time

import numpy as np


def measure(workers: int, months: int, seed: int) -> dict:
    """Build, burn in and run one model; return timings in seconds and peak memory in MB."""
    from sim import LaborMarket, Params  # imported before the clock starts

    params = Params().replace("population", workers=workers)
    start = time.perf_counter()
    model = LaborMarket(params, seed=seed, burn_in=False)
    built = time.perf_counter()
    for _ in range(params.run.burn_in_months):
        model.simulate_month(measure=False)
    burned = time.perf_counter()
    for _ in range(months):
        model.step()
    done = time.perf_counter()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "workers": workers,
        "months": months,
        "burn_in_months": params.run.burn_in_months,
        "build_s": built - start,
        "burn_in_s": burned - built,
        "horizon_s": done - burned,
        "total_s": done - start,
        "us_per_worker_month": (done - burned) / (workers * months) * 1e6,
        "peak_mb": peak_kb / 1024,
        "unemployment_rate": float(np.mean(
            model.datacollector.get_model_vars_dataframe()["unemployment_rate"])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.months, args.seed)))
        return

    print(f"Python {platform.python_version()}, {platform.machine()}, "
          f"{platform.processor() or 'cpu'}; one process per size\n")
    print("| workers | build s | burn-in s | 120-month horizon s | total s | "
          "us / worker-month | peak MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--months", str(args.months),
             "--seed", str(args.seed)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"| {r['workers']:,} | {r['build_s']:.1f} | {r['burn_in_s']:.1f} | "
              f"{r['horizon_s']:.1f} | {r['total_s']:.1f} | {r['us_per_worker_month']:.2f} | "
              f"{r['peak_mb']:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
