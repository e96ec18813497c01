"""The ``laborsim`` command line: a thin layer over :mod:`sim.workflows` and the store.

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

One module per command group (``run``, ``folders``, ``compare``, ``sweep``, ``info``, ``ui``),
imported only when its command runs, so ``laborsim --help`` answers at once. Mistakes in
scenarios or options end with one line on standard error and exit code 2.
"""

from __future__ import annotations

import os
import sys

from sim.cli.parser import EXIT_USAGE, build_parser
from sim.errors import LaborsimError

#: Commands that draw figures (matplotlib's non-interactive backend is selected for them).
DRAWING = ("run", "thesis", "compare", "sweep", "analyze")


def run_command(args) -> int:
    """Run the parsed command (each command group's module is imported here, when needed)."""
    if args.command in DRAWING:
        import matplotlib

        matplotlib.use("Agg")  # the command line writes figures to files and never shows them
    if args.command in ("run", "thesis"):
        from sim.cli import run

        return run.cmd_run(args) if args.command == "run" else run.cmd_thesis(args)
    if args.command in ("show", "verify", "export"):
        from sim.cli import folders

        return getattr(folders, f"cmd_{args.command}")(args)
    if args.command == "compare":
        from sim.cli import compare

        return compare.cmd_compare(args)
    if args.command in ("sweep", "analyze"):
        from sim.cli import sweep

        return getattr(sweep, f"cmd_{args.command}")(args)
    if args.command == "ui":
        from sim.cli import ui

        return ui.cmd_ui(args)
    from sim.cli import info

    return info.cmd_scenarios(args) if args.command == "scenarios" else info.cmd_params(args)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``laborsim`` console script and ``python -m sim``."""
    args = build_parser().parse_args(argv)
    try:
        return run_command(args)
    except (LaborsimError, FileExistsError) as err:
        print(f"laborsim: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `laborsim params | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:  # a path the system refuses (too long, permission, full disk)
        where = f"{err.filename}: " if err.filename else ""
        print(f"laborsim: error: {where}{err.strerror or err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("laborsim: interrupted; nothing was saved for the unfinished experiment",
              file=sys.stderr)
        return 130
