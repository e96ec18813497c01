"""``laborsim compare`` as a function: load folders, compare them, write the report."""

from __future__ import annotations

from pathlib import Path

from sim.reports.compare import Comparison, compare, report
from sim.store.outputs import output_folder
from sim.store.read import load
from sim.store.write import write_files


def compare_folders(folders: list[Path], *, metrics: list[str] | None = None,
                    arm: str = "full", labels: list[str] | None = None,
                    out: Path, force: bool = False) -> tuple[Comparison, Path]:
    """Compare saved experiments (the first is the reference) and write compare.md, a
    self-contained compare.html, compare.csv and figures/<metric>.png to ``out``. Returns the
    comparison and the HTML page's path.

    ``out`` must be new, empty or an earlier comparison's folder (``force``: any folder but an
    experiment's own files are never replaced); it is checked before anything is read.
    """
    with output_folder(out, "compare", force=force):
        experiments = [load(folder) for folder in folders]
        comparison = compare(experiments, metrics, arm, labels)
        write_files(out, report(comparison, arm))
    return comparison, Path(out) / "compare.html"
