"""The ``laborsim`` argument parser: every subcommand and option (imports nothing heavy, so
``laborsim --help`` and usage errors answer at once)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from sim.experiments.defaults import THESIS_DEFAULTS

EXIT_USAGE = 2


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system has one, as under
    ``taskset`` or a cluster job's allocation; else every core)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def package_version() -> str:
    """The installed laborsim version (``laborsim --version``)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("laborsim")
    except PackageNotFoundError:  # a source tree that is not installed
        return "(not installed: running from a source tree)"


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line and exit code 2."""

    def error(self, message: str) -> None:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def add_scenario_options(parser: argparse.ArgumentParser) -> None:
    """The scenario (name or file) and ``--set`` overrides."""
    parser.add_argument("scenario", nargs="?", default="baseline",
                        help="scenario name in scenarios/ or path to a TOML file "
                             "(default: baseline)")
    parser.add_argument("--set", dest="overrides", action="append", default=[],
                        metavar="SECTION.KEY=VALUE",
                        help="override one parameter, e.g. --set market.quit_rate=0.012 "
                             "(repeatable)")


def add_run_options(parser: argparse.ArgumentParser, *, seeds: str, workers: str,
                    out: str) -> None:
    """The options shared by ``run`` and ``thesis`` (with their own help for the seeds, the
    population and the output folder)."""
    add_scenario_options(parser)
    parser.add_argument("--seeds", type=int, metavar="N", help=seeds)
    parser.add_argument("--years", type=int, metavar="Y",
                        help="reported horizon in years (run.years)")
    parser.add_argument("--workers", type=int, metavar="N", help=workers)
    parser.add_argument("--jobs", type=int, metavar="J", default=usable_cores(),
                        help="worker processes (default: all cores this process may use)")
    parser.add_argument("--out", type=Path, metavar="DIR", help=out)
    add_force(parser, "replace the experiment in --out once the new results are written "
                      "(without it, --out must be new or empty)")


def add_force(parser: argparse.ArgumentParser, what: str) -> None:
    """``--force``: write into an --out folder that holds something else (``what``: its help,
    which says what is refused without it)."""
    parser.add_argument("--force", action="store_true", help=what)


def build_parser() -> Parser:
    """The argument parser of every subcommand."""
    parser = Parser(prog="laborsim", description="Agent-based labor-market simulation: is it "
                    "AI, or people who use AI, that displaces workers?")
    parser.add_argument("--version", action="version", version=f"laborsim {package_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    run = sub.add_parser("run", help="run a scenario's replicates and save an experiment folder",
                         description="Run N replicate seeds of a scenario in parallel and write "
                         "an experiment folder (manifest.json, runs.parquet, timeseries.parquet).")
    add_run_options(run, seeds="number of replicate runs (run.seeds)",
                    workers="simulated people per run, in or out of the labor force "
                    "(population.workers)",
                    out="experiment folder (default: results/<scenario>-<timestamp>)")
    run.add_argument("--events", action="store_true",
                     help="also write events.parquet: every separation and lost hire with its "
                          "cause (run.events)")
    run.add_argument("--quiet", action="store_true", help="no progress bar")

    thesis = sub.add_parser(
        "thesis", help="test the thesis: AI, or people who use AI? (32 arms, verdicts, report)",
        description="Run a scenario in every combination of the AI mechanism blocks switched on "
        "or off (2^5 = 32 arms, the same seeds and draws in each), split each group's change "
        "from no AI into the exact Shapley value of each block, test hypotheses H1-H5 with "
        "bootstrap intervals over seeds, and write a report.")
    add_run_options(
        thesis, seeds=f"seeds, each run in every arm (default "
                      f"{THESIS_DEFAULTS['run.seeds']}, unless --set run.seeds=... gives another)",
        workers=f"simulated people per run, in or out of the labor force (default "
                f"{THESIS_DEFAULTS['population.workers']:,}, unless --set "
                "population.workers=... gives another)",
        out="experiment folder (default: results/thesis-<scenario>-<timestamp>)")
    thesis.add_argument(
        "--factors", metavar="LIST",
        help="the factors of the decomposition, comma-separated: a block (ranking, "
             "productivity, automation, new_work, policies) or NAME=BLOCK+BLOCK to merge; a "
             "block left out is off in every arm (default: the five blocks, 32 arms; the "
             "two-channel test: people=ranking+productivity+new_work,"
             "technology=automation+policies)")
    thesis.add_argument("--versed-month", type=int, metavar="M", default=0,
                        help="reported month at which the versed are counted: proficient AI "
                             "users in the full arm (default 0, January 2025)")
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
    add_force(compare, "write the report into --out even if it holds other files (never "
                       "replacing an experiment's own; without it, --out must be new, empty or "
                       "an earlier comparison)")

    export = sub.add_parser("export", help="export an experiment folder to CSV",
                            description="Write the folder's tables as CSV files, with a README.txt "
                            "describing every column, for spreadsheets.")
    export.add_argument("folder", type=Path, metavar="DIR")
    export.add_argument("--format", choices=("csv",), default="csv")
    export.add_argument("--out", type=Path, metavar="DIR",
                        help="where to write (default: DIR-csv next to the folder)")
    add_force(export, "write the CSV files into --out even if it holds other files (never "
                      "replacing an experiment's own; without it, --out must be new, empty or "
                      "an earlier export)")

    sweep = sub.add_parser(
        "sweep", help="run a parameter sweep (grid, LHS, Sobol, Morris) with analysis",
        description="Run every point x replicate of a sweep file (see experiments/*.toml) on a "
        "local process pool or a Dask cluster, streaming results to DIR so that a killed sweep "
        "can be resumed; then aggregate replicates, compute sensitivity indices and write "
        "analysis.md/.html with figures.")
    sweep.add_argument("file", type=Path, metavar="FILE", help="sweep definition (TOML)")
    sweep.add_argument("--jobs", "--workers", dest="jobs", type=int, metavar="N",
                       default=usable_cores(),
                       help="local worker processes (default: all cores this process may "
                            "use); the population size is the sweep file's 'workers'")
    sweep.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on a Dask distributed cluster, e.g. tcp://10.0.0.5:8786 "
                            "(laborsim must be installed on its workers)")
    sweep.add_argument("--out", type=Path, metavar="DIR",
                       help="sweep folder (default: results/<sweep>-<timestamp>)")
    add_force(sweep, "replace the experiment in --out, at the start (without it, --out must "
                     "be new or empty)")
    sweep.add_argument("--resume", type=Path, metavar="DIR",
                       help="finish an interrupted sweep in DIR: run only its missing runs")
    sweep.add_argument("--dry-run", action="store_true",
                       help="print the number of runs and an estimated time (from one timed "
                            "run), run nothing else")
    sweep.add_argument("--batch", type=int, default=20, metavar="B",
                       help="runs per Parquet part written as they finish (default 20)")
    sweep.add_argument("--yes", action="store_true",
                       help="run a sweep of more than 100,000 runs or an estimated 6 hours "
                            "(it is refused without --yes, with its estimate)")
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
    ui.add_argument("--fetch-assets", action="store_true",
                    help="download the page's JavaScript and CSS into Solara's local cache "
                         "(once, with internet access), so the dashboard works offline")

    params = sub.add_parser("params", help="list every parameter with its value, unit and source",
                            description="Print the fully resolved parameters of a scenario.")
    add_scenario_options(params)
    return parser
