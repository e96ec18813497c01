"""``laborsim compare``: saved experiments side by side."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from sim.errors import LaborsimError
from sim.reports.text import number, one_line
from sim.store.write import new_experiment_dir
from sim.workflows.compare import compare_folders


def cmd_compare(args: argparse.Namespace) -> int:
    """``laborsim compare``: terminal table, compare.md/html, PNGs."""
    if len(args.folders) < 2:
        raise LaborsimError("compare needs at least two experiment folders")
    out = args.out or new_experiment_dir(Path("results"), "compare", datetime.now(UTC))
    comparison, page = compare_folders(args.folders, metrics=args.metrics, arm=args.arm,
                                       labels=[str(folder) for folder in args.folders], out=out,
                                       force=args.force)
    for warning in comparison.warnings:
        print(f"warning: {one_line(warning)}")
    if not comparison.parameters.empty:
        print("\nParameters that differ:")
        print(comparison.parameters.rename(columns=one_line).map(one_line)
              .to_string(index=False))
    print("\nOutcomes (mean over runs [95% interval]; difference from the first, p-value):")
    for r in comparison.outcomes.itertuples():
        reference = not r.test
        if reference:
            diff = ""
        elif r.within_noise is None:
            diff = f"  {number(r.difference, '+.4g')} (no test: fewer than 2 runs)"
        else:
            diff = (f"  {number(r.difference, '+.4g')} (p={number(r.p_value, '.3g')})"
                    + ("  within noise" if r.within_noise else "  DIFFERS"))
        print(f"  {one_line(r.metric):<34} {r.statistic:<8} {one_line(r.experiment):<40.40} "
              f"{number(r.mean):>10} [{number(r.ci_low)}, {number(r.ci_high)}]{diff}")
    if (comparison.outcomes["runs"] < 2).any():
        print("  n/a: an experiment with one run has no interval (and no test)")
    print(f"\nReport: {page}")
    return 0
