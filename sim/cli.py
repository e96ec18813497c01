"""The ``laborsim`` command line: a thin layer over :mod:`sim.experiment` and :mod:`sim.params`.

    laborsim run [SCENARIO] [--seeds N] [--years Y] [--workers N] [--set K=V]... [--out DIR]
                 [--events]
    laborsim thesis [SCENARIO] [--seeds N] [--years Y] [--workers N] [--set K=V]... [--out DIR]
    laborsim scenarios
    laborsim params [SCENARIO] [--set K=V]...
    laborsim show DIR | verify DIR | export DIR --format csv [--out DIR]
    laborsim compare DIR DIR [DIR...] [--metrics M...] [--out DIR]
    laborsim sweep FILE [--jobs N] [--scheduler ADDRESS] [--out DIR] [--resume DIR] [--dry-run]
    laborsim analyze DIR [--heatmap A B]
    laborsim ui [--port P] [--host H] [--no-browser]

Mistakes in scenarios or options end with one line on standard error and exit code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sim.archive import ExperimentError
from sim.scenario import ScenarioError, load_scenario
from sim.sweep import SweepError

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

    sweep = sub.add_parser(
        "sweep", help="run a parameter sweep (grid, LHS, Sobol, Morris) with analysis",
        description="Run every point x replicate of a sweep file (see experiments/*.toml) on a "
        "local process pool or a Dask cluster, streaming results to DIR so that a killed sweep "
        "can be resumed; then aggregate replicates, compute sensitivity indices and write "
        "analysis.md/.html with figures.")
    sweep.add_argument("file", type=Path, metavar="FILE", help="sweep definition (TOML)")
    sweep.add_argument("--jobs", "--workers", dest="jobs", type=int, metavar="N",
                       default=os.cpu_count() or 1,
                       help="local worker processes (default: all cores); the population size "
                            "is the sweep file's 'workers'")
    sweep.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on a Dask distributed cluster, e.g. tcp://10.0.0.5:8786 "
                            "(laborsim must be installed on its workers)")
    sweep.add_argument("--out", type=Path, metavar="DIR",
                       help="sweep folder (default: results/<sweep>-<timestamp>)")
    sweep.add_argument("--resume", type=Path, metavar="DIR",
                       help="finish an interrupted sweep in DIR: run only its missing runs")
    sweep.add_argument("--dry-run", action="store_true",
                       help="print the number of runs and an estimated time (from one timed "
                            "run), run nothing else")
    sweep.add_argument("--batch", type=int, default=20, metavar="B",
                       help="runs per Parquet part written as they finish (default 20)")
    sweep.add_argument("--quiet", action="store_true", help="no progress bar")

    analyze = sub.add_parser("analyze", help="redo a finished sweep's analysis",
                             description="Recompute a sweep folder's analysis from its saved "
                             "runs: analysis.md, analysis.html, analysis.json and figures.")
    analyze.add_argument("folder", type=Path, metavar="DIR")
    analyze.add_argument("--heatmap", nargs=2, metavar=("A", "B"),
                         help="the two varied parameters of the heat map (default: the sweep "
                              "file's heatmap, else its first two)")

    ui = sub.add_parser("ui", help="open the browser dashboard (sliders, live charts, side by "
                        "side)", description="Start the dashboard (a Mesa SolaraViz page and a "
                        "side-by-side page) and open it in the browser; Ctrl-C stops it.")
    ui.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    ui.add_argument("--host", default="127.0.0.1",
                    help="address to listen on (default 127.0.0.1: this computer only)")
    ui.add_argument("--no-browser", action="store_true", help="do not open a browser")

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
    if exp.kind == "sweep":  # pooling runs over different points would mislead: per point
        info = m["sweep"]
        print(f"\n  Sweep '{info['name']}': design {info['design']}, {info['points']} points x "
              f"{info['replicates']} replicates; varied {', '.join(info['parameters'])}")
        print(f"  each point's outcomes: {exp.folder / 'points.parquet'} and analysis.md")
        _print_sweep(exp.folder)
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


def _estimate(sweep, jobs: int) -> str:
    """Runs of a sweep and an estimated wall time from one timed run (its first task)."""
    import time

    from sim.sweep_runner import evaluate, plan, tasks_of

    tasks = tasks_of(sweep, plan(sweep))
    start = time.perf_counter()
    row, _ = evaluate(tasks[0])
    seconds = time.perf_counter() - start
    if row["status"] != "ok":
        raise ScenarioError(f"{sweep.path}: the calibration run failed: {row['error']}")
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
    from datetime import UTC, datetime

    from sim.store import new_experiment_dir
    from sim.sweep import followup_sweep, load_sweep
    from sim.sweep_runner import PLAN, run_sweep

    if args.jobs < 1:
        raise ScenarioError(f"--jobs must be at least 1, got {args.jobs}")
    if args.batch < 1:
        raise ScenarioError(f"--batch must be at least 1, got {args.batch}")
    if args.out is not None and args.resume is not None:
        raise ScenarioError("give --out for a new sweep or --resume DIR for an interrupted one, "
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
        from distributed import Client

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
                from sim.analysis import top_parameters
                from sim.archive import load

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
        _print_sweep(out)
    return 0


def _print_sweep(folder: Path) -> None:
    """The headline of a finished sweep folder: runs, failures, analysis."""
    from sim.archive import load

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


def cmd_analyze(args: argparse.Namespace) -> int:
    """``laborsim analyze``: redo a sweep folder's analysis."""
    from sim.sweep_runner import reanalyze

    reanalyze(args.folder, tuple(args.heatmap) if args.heatmap else None)
    _print_sweep(args.folder)
    return 0


def cmd_ui(args: argparse.Namespace) -> int:
    """``laborsim ui``: ``solara run sim.dashboard.app`` in this Python."""
    import subprocess

    if not 0 < args.port < 65536:
        raise ScenarioError(f"--port must be between 1 and 65535, got {args.port}")
    command = [sys.executable, "-m", "solara", "run", "sim.dashboard.app", "--port",
               str(args.port), "--host", args.host, "--production",
               "--no-open" if args.no_browser else "--open"]
    print(f"laborsim ui: http://{args.host}:{args.port}/ (side by side: /side-by-side); "
          "Ctrl-C stops it")
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 0


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
    import matplotlib

    matplotlib.use("Agg")  # the command line writes figures to files and never shows them
    args = build_parser().parse_args(argv)
    try:
        if args.command == "run":
            return cmd_run(args)
        if args.command == "scenarios":
            return cmd_scenarios(args)
        if args.command == "thesis":
            return cmd_thesis(args)
        commands = {"show": cmd_show, "verify": cmd_verify, "compare": cmd_compare,
                    "export": cmd_export, "sweep": cmd_sweep, "analyze": cmd_analyze,
                    "ui": cmd_ui}
        if args.command in commands:
            return commands[args.command](args)
        return cmd_params(args)
    except (ScenarioError, ExperimentError, SweepError) as err:
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
