"""The ``laborsim`` command line: a thin layer over :mod:`sim.experiment` and :mod:`sim.params`.

    laborsim run [SCENARIO] [--seeds N] [--years Y] [--workers N] [--set K=V]... [--out DIR]
                 [--events]
    laborsim thesis [SCENARIO] [--seeds N] [--years Y] [--workers N] [--set K=V]... [--out DIR]
    laborsim scenarios
    laborsim params [SCENARIO] [--set K=V]...
    laborsim show DIR | verify DIR | export DIR --format csv [--out DIR]
    laborsim compare DIR DIR [DIR...] [--metrics M...] [--out DIR]

Mistakes in scenarios or options end with one line on standard error and exit code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sim.archive import ExperimentError
from sim.scenario import ScenarioError, load_scenario

EXIT_USAGE = 2
#: Defaults of `laborsim thesis`: about a minute on a 2-core laptop, intervals a fraction of
#: the effects they bound.
THESIS_SEEDS = 20
THESIS_WORKERS = 10_000


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line and exit code 2."""

    def error(self, message: str) -> None:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _add_scenario_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", nargs="?", default="baseline",
                        help="scenario name in scenarios/ or path to a TOML file "
                             "(default: baseline)")
    parser.add_argument("--set", dest="overrides", action="append", default=[],
                        metavar="SECTION.KEY=VALUE",
                        help="override one parameter, e.g. --set market.quit_rate=0.012 "
                             "(repeatable)")


def build_parser() -> Parser:
    """The argument parser of every subcommand."""
    parser = Parser(prog="laborsim", description="Agent-based labor-market simulation: is it "
                    "AI, or people who use AI, that displaces workers?")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    run = sub.add_parser("run", help="run a scenario's replicates and save an experiment folder",
                         description="Run N replicate seeds of a scenario in parallel and write "
                         "an experiment folder (manifest.json, runs.parquet, timeseries.parquet).")
    _add_scenario_options(run)
    run.add_argument("--seeds", type=int, metavar="N", help="number of replicate runs "
                     "(run.seeds)")
    run.add_argument("--years", type=int, metavar="Y", help="reported horizon in years "
                     "(run.years)")
    run.add_argument("--workers", type=int, metavar="N", help="simulated workers per run "
                     "(population.workers)")
    run.add_argument("--jobs", type=int, metavar="J", default=os.cpu_count() or 1,
                     help="worker processes (default: all cores)")
    run.add_argument("--out", type=Path, metavar="DIR",
                     help="experiment folder (default: results/<scenario>-<timestamp>)")
    run.add_argument("--events", action="store_true",
                     help="also write events.parquet: every separation and lost hire with its "
                          "cause (run.events)")
    run.add_argument("--quiet", action="store_true", help="no progress bar")

    thesis = sub.add_parser(
        "thesis", help="test the thesis: AI, or people who use AI? (four arms, verdict, report)",
        description="Run a scenario in four arms with the same seeds (no AI, people channel "
        "only, technology channel only, both), decompose the displacement of low- and "
        "high-propensity workers into a people and a technology part, test the hypotheses with "
        "bootstrap intervals, and write a report.")
    _add_scenario_options(thesis)
    thesis.add_argument("--seeds", type=int, metavar="N",
                        help=f"seeds, each run in all four arms (default {THESIS_SEEDS}, "
                             "unless --set run.seeds=... gives another)")
    thesis.add_argument("--years", type=int, metavar="Y",
                        help="reported horizon in years (run.years)")
    thesis.add_argument("--workers", type=int, metavar="N",
                        help=f"simulated workers per run (default {THESIS_WORKERS:,}, unless "
                             "--set population.workers=... gives another)")
    thesis.add_argument("--jobs", type=int, metavar="J", default=os.cpu_count() or 1,
                        help="worker processes (default: all cores)")
    thesis.add_argument("--out", type=Path, metavar="DIR",
                        help="experiment folder (default: results/thesis-<scenario>-<timestamp>)")
    thesis.add_argument("--quiet", action="store_true", help="no progress bar")

    sub.add_parser("scenarios", help="list the scenarios with a one-line description each",
                   description="List the shipped scenarios (and those in ./scenarios).")

    show = sub.add_parser("show", help="what an experiment folder holds",
                          description="Scenario, seeds, when, code version and headline outcomes "
                          "of a saved experiment.")
    show.add_argument("folder", type=Path, metavar="DIR")

    verify = sub.add_parser("verify", help="check an experiment folder's files and schema",
                            description="Check every file against the size and sha256 in the "
                            "manifest, and the schema version. Exit 0 when intact, 1 when a file "
                            "does not match, 2 when the folder cannot be read.")
    verify.add_argument("folder", type=Path, metavar="DIR")

    compare = sub.add_parser("compare", help="compare experiment folders side by side",
                             description="Compare saved experiments (the first is the reference): "
                             "parameters that differ, outcomes with 95% intervals and tests, "
                             "overlay plots; writes compare.md, compare.html and PNGs.")
    compare.add_argument("folders", type=Path, nargs="+", metavar="DIR")
    compare.add_argument("--metrics", nargs="+", metavar="M",
                         help="timeseries columns to compare (default: the headline ones)")
    compare.add_argument("--arm", default="full",
                         help="arm of thesis folders to compare (default: full)")
    compare.add_argument("--out", type=Path, metavar="DIR",
                         help="report folder (default: results/compare-<timestamp>)")

    export = sub.add_parser("export", help="export an experiment folder to CSV",
                            description="Write the folder's tables as CSV files, with a README.txt "
                            "describing every column, for spreadsheets.")
    export.add_argument("folder", type=Path, metavar="DIR")
    export.add_argument("--format", choices=("csv",), default="csv")
    export.add_argument("--out", type=Path, metavar="DIR",
                        help="where to write (default: DIR-csv next to the folder)")

    params = sub.add_parser("params", help="list every parameter with its value, unit and source",
                            description="Print the fully resolved parameters of a scenario.")
    _add_scenario_options(params)
    return parser


def _overrides(args: argparse.Namespace) -> list[str]:
    """``--set`` values plus the shortcut options, as ``section.key=value`` strings."""
    extra = []
    for option, key in (("seeds", "run.seeds"), ("years", "run.years"),
                        ("workers", "population.workers")):
        value = getattr(args, option, None)
        if value is not None:
            extra.append(f"{key}={value}")
    if getattr(args, "events", False):
        extra.append("run.events=true")
    return list(args.overrides) + extra


def cmd_thesis(args: argparse.Namespace) -> int:
    """``laborsim thesis``: four arms, decomposition, verdicts, report."""
    from datetime import UTC, datetime

    from sim.experiment import thesis
    from sim.hypotheses import HYPOTHESES
    from sim.store import new_experiment_dir

    if args.jobs < 1:
        raise ScenarioError(f"--jobs must be at least 1, got {args.jobs}")
    overrides = _overrides(args)
    # The thesis has its own defaults for seeds and population, below any explicit choice.
    for key, default in (("run.seeds", THESIS_SEEDS), ("population.workers", THESIS_WORKERS)):
        if not any(o.split("=", 1)[0].strip() == key for o in overrides):
            overrides.insert(0, f"{key}={default}")
    scenario = load_scenario(args.scenario, overrides)
    folder = args.out or new_experiment_dir(Path("results"), f"thesis-{scenario.name}",
                                            datetime.now(UTC))
    if (folder / "manifest.json").exists():
        raise FileExistsError(f"{folder} already holds an experiment; choose another --out")
    p = scenario.params
    print(f"laborsim thesis: scenario '{scenario.name}', 4 arms x {p.run.seeds} seeds x "
          f"{p.population.workers:,} workers x {p.run.years} year{'s' * (p.run.years != 1)}, "
          f"{min(args.jobs, 4 * p.run.seeds)} processes")
    result = thesis(scenario, jobs=min(args.jobs, 4 * p.run.seeds), progress=not args.quiet,
                    out=folder)
    print()
    print(f"{'':4}{'verdict':<14}{'estimate':>10}  {'95% interval':<22}hypothesis")
    for name, v in result.json["verdicts"].items():
        interval = f"[{v['ci_low']:+.2f}, {v['ci_high']:+.2f}]"
        print(f"{name:<4}{v['verdict']:<14}{v['estimate']:>+10.2f}  {interval:<22}"
              f"{HYPOTHESES[name]}")
        if v["verdict"] == "inconclusive":
            more = v.get("more_seeds_needed")
            print(f"{'':4}" + (f"about {more} more seeds would likely settle it"
                               if more is not None else
                               "too close to zero for more seeds to settle it"))
    low = result.json["shapley"]["unemployment_months"]["low"]
    print(f"\nLow-propensity workers, change in unemployment-months per worker vs no AI: "
          f"people channel {low['people']['mean']:+.2f}, technology channel "
          f"{low['tech']['mean']:+.2f}, total {low['total']['mean']:+.2f} "
          f"({result.json['n_seeds']} seeds).")
    print("Caveat: the answer follows from the model's assumptions (see the report's first "
          "screen).")
    print(f"\nReport: {folder / 'report.html'}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """``laborsim show``: what a folder holds."""
    from sim.archive import load, verify

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
    from sim.archive import read_manifest, verify

    problems = verify(args.folder)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    n = len(read_manifest(args.folder)["files"])
    print(f"{args.folder}: ok ({n} files match the manifest; schema version "
          f"{read_manifest(args.folder)['schema_version']})")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """``laborsim compare``: terminal table, compare.md/html, PNGs."""
    from datetime import UTC, datetime

    from sim.archive import load
    from sim.compare import compare, write_comparison
    from sim.store import new_experiment_dir

    if len(args.folders) < 2:
        raise ScenarioError("compare needs at least two experiment folders")
    experiments = [load(folder) for folder in args.folders]
    labels = [str(folder) for folder in args.folders]
    comparison = compare(experiments, args.metrics, args.arm, labels)
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
    out = args.out or new_experiment_dir(Path("results"), "compare", datetime.now(UTC))
    page = write_comparison(comparison, out, args.arm)
    print(f"\nReport: {page}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """``laborsim export``: CSV files and README.txt."""
    from sim.archive import load
    from sim.export import export_csv

    exp = load(args.folder)
    out = args.out or args.folder.parent / f"{args.folder.name}-csv"
    written = export_csv(exp, out)
    print(f"Wrote {len(written)} files to {out}: " + ", ".join(p.name for p in written))
    return 0


def cmd_scenarios(args: argparse.Namespace) -> int:
    """``laborsim scenarios``: name and description of every scenario."""
    from sim.scenario import available_scenarios

    names = available_scenarios(Path("scenarios"))
    width = max(len(name) for name in names)
    for name in names:
        print(f"{name:<{width}}  {load_scenario(name).description}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """``laborsim run``: run, save, print the summary table and the folder."""
    from sim.experiment import run_experiment, summary_table

    if args.jobs < 1:
        raise ScenarioError(f"--jobs must be at least 1, got {args.jobs}")
    scenario = load_scenario(args.scenario, _overrides(args))
    if args.out is not None and (args.out / "manifest.json").exists():
        raise FileExistsError(f"{args.out} already holds an experiment; choose another --out")
    p = scenario.params
    print(f"laborsim run: scenario '{scenario.name}', {p.run.seeds} seeds x "
          f"{p.population.workers:,} workers x {p.run.years} year{'s' * (p.run.years != 1)} "
          f"(+{p.run.burn_in_months} months burn-in), {min(args.jobs, p.run.seeds)} processes")
    experiment = run_experiment(scenario, out=args.out, jobs=min(args.jobs, p.run.seeds),
                                progress=not args.quiet)
    table = summary_table(experiment.runs)
    print()
    print(f"Horizon means across {len(experiment.runs) - experiment.failed} runs "
          "(95% interval of the mean, range over runs):")
    for row in table.itertuples():
        unit = f" {row.unit}" if row.unit else ""
        print(f"  {row.outcome:<34} {row.mean:8.3f}  [{row.ci_low:7.3f}, {row.ci_high:7.3f}]"
              f"  range {row.min:.3f} to {row.max:.3f}{unit}")
    if experiment.failed:
        print(f"\n{experiment.failed} of {len(experiment.runs)} runs failed; their errors are in "
              "runs.parquet (column 'error').")
    print(f"\nSaved: {experiment.folder}")
    return 1 if experiment.failed else 0


def cmd_params(args: argparse.Namespace) -> int:
    """``laborsim params``: one block per parameter."""
    from sim.params import describe_params

    scenario = load_scenario(args.scenario, args.overrides)
    print(f"Parameters of scenario '{scenario.name}' ({', '.join(scenario.files)})\n")
    for row in describe_params(scenario.params):
        value = row["value"]
        shown = str(value).lower() if isinstance(value, bool) else repr(value)
        print(f"{row['key']} = {shown}  [{row['unit']}; {row['allowed']}]")
        print(f"    {row['meaning']}")
        print(f"    source: {row['source']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``laborsim`` console script and ``python -m sim``."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "run":
            return cmd_run(args)
        if args.command == "scenarios":
            return cmd_scenarios(args)
        if args.command == "thesis":
            return cmd_thesis(args)
        commands = {"show": cmd_show, "verify": cmd_verify, "compare": cmd_compare,
                    "export": cmd_export}
        if args.command in commands:
            return commands[args.command](args)
        return cmd_params(args)
    except (ScenarioError, ExperimentError) as err:
        print(f"laborsim: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except FileExistsError as err:
        print(f"laborsim: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `laborsim params | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("laborsim: interrupted; nothing was saved for the unfinished experiment",
              file=sys.stderr)
        return 130
