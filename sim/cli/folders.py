"""Saved experiment folders: ``laborsim show``, ``verify`` and ``export``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sim.store.export import export_csv
from sim.store.read import load, read_manifest, verify


def cmd_show(args: argparse.Namespace) -> int:
    """``laborsim show``: what a folder holds."""
    problems = verify(args.folder)
    if problems:
        print(f"{args.folder}: not intact: {problems[0]} (see laborsim verify)", file=sys.stderr)
        return 1
    exp = load(args.folder)
    m = exp.manifest
    git = m.get("environment", {}).get("git", {})
    scenario = m.get("scenario", {})
    print(f"{exp.folder}")
    print(f"  kind          {exp.kind}")
    print(f"  scenario      {scenario.get('name')}: {scenario.get('description', '')}")
    if scenario.get("overrides"):
        print(f"  overrides     {' '.join(scenario['overrides'])}")
    print(f"  created       {m.get('created')}")
    print(f"  laborsim      {m.get('laborsim_version')} (git {git.get('commit') or 'n/a'}"
          f"{', uncommitted changes' if git.get('dirty') else ''})")
    print(f"  runs          {m['runs']['total']} ({m['runs']['failed']} failed), "
          f"{len(m.get('seeds', []))} seeds from root seed {m.get('root_seed')}")
    params = m.get("parameters", {})
    workers = params.get("population", {}).get("workers")
    print(f"  horizon       {m.get('horizon_months')} months; {workers:,} workers a run"
          if workers else f"  horizon       {m.get('horizon_months')} months")
    print(f"  files         {', '.join(sorted(m['files']))}")
    if exp.kind == "sweep":  # pooling runs over different points would mislead: per point
        info = m["sweep"]
        print(f"\n  Sweep '{info['name']}': design {info['design']}, {info['points']} points x "
              f"{info['replicates']} replicates; varied {', '.join(info['parameters'])}")
        print(f"  each point's outcomes: {exp.folder / 'points.parquet'} and analysis.md")
        print_sweep(exp.folder)
        return 0
    print("\n  Headline outcomes (mean over runs [95% interval])" +
          (" - full arm" if "arm" in exp.runs else "") + ":")
    for row in exp.summary().itertuples():
        unit = f" {row.unit}" if row.unit else ""
        print(f"    {row.outcome:<34} {row.mean:8.3f}  [{row.ci_low:7.3f}, {row.ci_high:7.3f}]"
              f"{unit}")
    if exp.thesis:
        print("\n  Verdicts:")
        for name, v in exp.thesis["verdicts"].items():
            print(f"    {name}: {v['verdict']} ({v['estimate']:+.2f})")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """``laborsim verify``: 0 when intact, 1 with one line per problem otherwise."""
    problems = verify(args.folder)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    n = len(read_manifest(args.folder)["files"])
    print(f"{args.folder}: ok ({n} files match the manifest; schema version "
          f"{read_manifest(args.folder)['schema_version']})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """``laborsim export``: CSV files and README.txt."""
    exp = load(args.folder)
    out = args.out or args.folder.parent / f"{args.folder.name}-csv"
    written = export_csv(exp, out)
    print(f"Wrote {len(written)} files to {out}: " + ", ".join(p.name for p in written))
    return 0


def print_sweep(folder: Path) -> None:
    """The headline of a finished sweep folder: runs, failures, analysis."""
    exp = load(folder)
    info = exp.manifest["sweep"]
    runs = exp.manifest["runs"]
    print(f"\n{folder}: {info['points']} points x {info['replicates']} replicates = "
          f"{runs['total']} runs, {runs['failed']} failed"
          + (" (errors in runs.parquet, columns error and traceback)" if runs["failed"] else ""))
    analysis = exp.analysis or {}
    if "error" in analysis:
        print(f"  analysis failed: {analysis['error']}")
    for outcome, t in analysis.get("thesis_map", {}).items():
        print(f"  {outcome}: people share above one half in {t['people_share_above_half']} of "
              f"{t['cells']} cells, below in {t['people_share_below_half']}, undecided in "
              f"{t['undecided']}, no displacement in {t['no_displacement']}")
    for outcome, indices in analysis.get("indices", {}).items():
        if "skipped" in indices:
            print(f"  {outcome}: indices not computed ({indices['skipped']})")
        elif "ST" in indices:
            ranked = sorted(indices["ST"].items(), key=lambda kv: -kv[1])
            print(f"  {outcome}: Sobol total index " + ", ".join(
                f"{name} {value:.2f} (+/-{indices['ST_conf'][name]:.2f})"
                for name, value in ranked))
        elif "mu_star" in indices:
            ranked = sorted(indices["mu_star"].items(), key=lambda kv: -kv[1])
            print(f"  {outcome}: Morris mu* " + ", ".join(f"{name} {value:.3g}"
                                                       for name, value in ranked))
    print(f"  report: {folder / 'analysis.html'}")
