"""Validation of the no-AI economy against US labor-market facts.

Runs the no_ai scenario (the baseline with both AI channels off) for several replicate seeds
and prints a Markdown table of every target in ``sim/validation.py``: the target range and
source, and the model's mean, 95% interval of the mean and range over runs. This is the table
in the README's validation section; rerun it after any change to a rule or a default.

    python experiments/validate.py                      # 20 seeds x 10,000 workers x 10 years
    python experiments/validate.py --seeds 8 --figure docs/figures/baseline-overview.png
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pandas as pd

from sim import load_scenario, plots, run_replicates
from sim.experiment import runs_table
from sim.streams import replicate_seeds
from sim.validation import validation_table


def fmt(value: float, percent: bool) -> str:
    """A number for the table: percent with one decimal for rates, else three decimals."""
    if value != value:  # NaN
        return "n/a"
    if value in (float("inf"), float("-inf")):
        return "-" if value < 0 else "+"
    return f"{100 * value:.1f}%" if percent else f"{value:.2f}"


def markdown(table: pd.DataFrame) -> str:
    """The validation table as Markdown."""
    lines = ["| target | data | source | model mean [95% CI] | model range over runs | in range |",
             "|---|---|---|---|---|---|"]
    for r in table.itertuples():
        percent = "rate" in r.column or "share" in r.column
        data = (f"< {fmt(r.high, percent)}" if r.low == float("-inf")
                else f"{fmt(r.low, percent)} to {fmt(r.high, percent)}")
        verdict = "yes" if r.in_range else "**no**"
        if r.calibrated:
            verdict += " (calibrated)"
        if not r.required:
            verdict += ", reported only"
        lines.append(f"| {r.target} | {data} | {r.source} | {fmt(r.mean, percent)} "
                     f"[{fmt(r.ci_low, percent)}, {fmt(r.ci_high, percent)}] | "
                     f"{fmt(r.min, percent)} to {fmt(r.max, percent)} | {verdict} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--figure", type=Path, help="also save the overview figure here")
    args = parser.parse_args()

    scenario = load_scenario("no_ai", [f"population.workers={args.workers}",
                                          f"run.years={args.years}"])
    params = scenario.params
    seeds = replicate_seeds(params.run.root_seed, args.seeds)
    results = run_replicates(params, seeds, jobs=args.jobs, label="validation")
    table = validation_table(runs_table(results))
    print(f"\nno_ai, {args.seeds} seeds x {args.workers:,} workers x {args.years} years "
          f"(after {params.run.burn_in_months} months burn-in), root seed "
          f"{params.run.root_seed}:\n")
    print(markdown(table))
    if args.figure:
        timeseries = pd.concat([r.timeseries for r in results if r.status == "ok"])
        fig = plots.overview(timeseries, f"No AI: {args.seeds} runs, {args.workers:,} workers")
        args.figure.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(args.figure, dpi=110)
        print(f"\nFigure: {args.figure}")


if __name__ == "__main__":
    main()
