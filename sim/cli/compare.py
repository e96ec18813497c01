"""``laborsim compare``: saved experiments side by side."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from sim.errors import LaborsimError
from sim.store.write import new_experiment_dir
from sim.workflows.compare import compare_folders


def cmd_compare(args: argparse.Namespace) -> int:
    """``laborsim compare``: terminal table, compare.md/html, PNGs."""
    if len(args.folders) < 2:
        raise LaborsimError("compare needs at least two experiment folders")
    out = args.out or new_experiment_dir(Path("results"), "compare", datetime.now(UTC))
    comparison, page = compare_folders(args.folders, metrics=args.metrics, arm=args.arm,
                                       labels=[str(folder) for folder in args.folders], out=out)
    for warning in comparison.warnings:
        print(f"warning: {warning}")
    if not comparison.parameters.empty:
        print("\nParameters that differ:")
        print(comparison.parameters.to_string(index=False))
    print("\nOutcomes (mean over runs [95% interval]; difference from the first, p-value):")
    for r in comparison.outcomes.itertuples():
        flag = "" if r.within_noise is None else ("  within noise" if r.within_noise else
                                                  "  DIFFERS")
        diff = "" if r.within_noise is None else f"  {r.difference:+.4g} (p={r.p_value:.3g})"
        print(f"  {r.metric:<34} {r.statistic:<8} {r.experiment:<40.40} {r.mean:10.4g} "
              f"[{r.ci_low:.4g}, {r.ci_high:.4g}]{diff}{flag}")
    print(f"\nReport: {page}")
    return 0
