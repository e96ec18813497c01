"""Saved experiment folders: ``laborsim show``, ``verify`` and ``export``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sim.experiments.sweep.sensitivity import ranked
from sim.reports.text import number, one_line, summary_lines
from sim.store.export import export_csv
from sim.store.read import load, read_manifest, unprotected, verify


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
    print(f"  scenario      {one_line(scenario.get('name'))}: "
          f"{one_line(scenario.get('description', ''))}")
    if scenario.get("overrides"):
        print(f"  overrides     {one_line(' '.join(map(str, scenario['overrides'])))}")
    print(f"  created       {one_line(m.get('created'))}")
    print(f"  laborsim      {one_line(m.get('laborsim_version'))} (git "
          f"{one_line(git.get('commit') or 'n/a')}"
          f"{', uncommitted changes' if git.get('dirty') else ''})")
    print(f"  runs          {m['runs']['total']} ({m['runs']['failed']} failed), "
          f"{len(m.get('seeds', []))} seeds from root seed {m.get('root_seed')}")
    params = m.get("parameters", {})
    workers = params.get("population", {}).get("workers")
    print(f"  horizon       {m.get('horizon_months')} months; {workers:,} workers a run"
          if type(workers) is int else f"  horizon       {m.get('horizon_months')} months")
    print(f"  files         {one_line(', '.join(sorted(m['files'])))}")
    if exp.kind == "sweep":  # pooling runs over different points would mislead: per point
        info = m["sweep"]
        print(f"\n  Sweep '{one_line(info['name'])}': design {one_line(info['design'])}, "
              f"{info['points']} points x {info['replicates']} replicates; varied "
              f"{one_line(', '.join(map(str, info['parameters'])))}")
        print(f"  each point's outcomes: {exp.folder / 'points.parquet'} and analysis.md")
        print_sweep(exp.folder)
        return 0
    print("\n  Headline outcomes (mean over runs [95% interval])" +
          (" - full arm" if "arm" in exp.runs else "") + ":")
    print("\n".join(summary_lines(exp.summary(), indent="    ")))
    if exp.thesis:
        print("\n  Verdicts:")
        for name, v in exp.thesis["verdicts"].items():
            reason = v.get("reason")
            word = (f"{v['verdict']}: {reason}" if v["verdict"] == "inconclusive" and reason
                    else v["verdict"])
            print(f"    {one_line(name)}: {one_line(word)} "
                  f"({number(v.get('estimate'), '+.2f')})")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """``laborsim verify``: 0 when intact, 1 with one line per problem otherwise."""
    manifest = read_manifest(args.folder)
    problems = verify(args.folder, manifest)
    if problems:
        for problem in problems:
            print(one_line(problem), file=sys.stderr)
        return 1
    print(f"{args.folder}: ok ({len(manifest['files'])} files match the manifest"
          + ("" if unprotected(manifest) else ", and the manifest its digest")
          + f"; schema version {manifest['schema_version']})")
    if unprotected(manifest):
        print(f"  note: schema version {manifest['schema_version']} predates the manifest's "
              "digest, so edits to manifest.json itself cannot be detected")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """``laborsim export``: CSV files and README.txt."""
    exp = load(args.folder)
    source = Path(os.path.abspath(args.folder))  # `export .` names the folder, not "."
    out = args.out or source.parent / f"{source.name}-csv"
    written = export_csv(exp, out, force=args.force)
    print(f"Wrote {len(written)} files to {out}: " + ", ".join(p.name for p in written))
    return 0


def print_sweep(folder: Path) -> bool:
    """The headline of a finished sweep folder: runs, failures, analysis. False when the
    analysis failed (its error is printed)."""
    exp = load(folder)
    info = exp.manifest["sweep"]
    runs = exp.manifest["runs"]
    print(f"\n{folder}: {info['points']} points x {info['replicates']} replicates = "
          f"{runs['total']} runs, {runs['failed']} failed"
          + (" (errors in runs.parquet, columns error and traceback)" if runs["failed"] else ""))
    from sim.workflows.sweep import saved_sweep  # the sweep machinery only for a sweep

    sweep = saved_sweep(folder)
    if sweep.needs_arms:
        print(f"  {one_line(sweep.arms_text())}")
    analysis = exp.analysis or {}
    if "error" in analysis:
        print(f"  analysis failed: {one_line(analysis['error'])}")
    for outcome, t in analysis.get("thesis_map", {}).items():
        print(f"  {one_line(outcome)}: people share above one half in "
              f"{t['people_share_above_half']} of {t['cells']} cells, below in "
              f"{t['people_share_below_half']}, undecided in {t['undecided']}, no displacement "
              f"in {t['no_displacement']}")
    for outcome, t in analysis.get("hypothesis_map", {}).items():
        print(f"  {one_line(outcome)}: supported in {t['supported']} of {t['cells']} cells, "
              f"rejected in {t['rejected']}, undecided in {t['undecided']}, no value in "
              f"{t['no_value']}")
    for outcome, indices in analysis.get("indices", {}).items():
        if "skipped" in indices:
            print(f"  {one_line(outcome)}: indices not computed "
                  f"({one_line(indices['skipped'])})")
        elif "ST" in indices:
            print(f"  {one_line(outcome)}: Sobol total index " + ", ".join(
                f"{one_line(name)} {number(indices['ST'][name], '.2f')} "
                f"(+/-{number(indices['ST_conf'].get(name), '.2f')})"
                for name in ranked(indices["ST"])))
        elif "mu_star" in indices:
            print(f"  {one_line(outcome)}: Morris mu* " + ", ".join(
                f"{one_line(name)} {number(indices['mu_star'][name], '.3g')}"
                for name in ranked(indices["mu_star"])))
    print(f"  report: {folder / 'analysis.html'}")
    return "error" not in analysis

