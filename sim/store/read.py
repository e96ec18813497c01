"""Reading experiment folders back: verify, load, and the :class:`Experiment` object.

Loading only reads JSON and Parquet: nothing in a folder is ever executed or unpickled. Every
file listed in the manifest is checked against its recorded size and sha256 before it is read,
so a tampered, truncated or half-copied folder fails with one line naming the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sim.errors import ExperimentError
from sim.experiments.summary import summary_table
from sim.store.paths import confined
from sim.store.schema import (
    check_document,
    check_manifest,
    check_rows,
    check_table,
    digest_problems,
    first_line,
    read_json,
)
from sim.store.write import MANIFEST, sha256

#: Folder format versions this laborsim reads (see docs/experiment-format.md); from version 3
#: on, the manifest carries its own digest.
SUPPORTED_SCHEMAS = (1, 2, 3, 4, 5)
#: Beyond this many arms, :meth:`Experiment.plot` draws only no AI, each factor and full.
MAX_PLOTTED_ARMS = 8

TABLES = ("runs", "timeseries", "events", "points", "groups", "group_months")
DOCUMENTS = ("thesis", "analysis")


def read_manifest(folder: Path) -> dict:
    """The folder's manifest, after checking that it exists, parses within limits, has a
    known schema version and every field of its type (:mod:`sim.store.schema`)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ExperimentError(f"{folder}: no such experiment folder")
    path = folder / MANIFEST
    if not path.is_symlink() and not path.exists():
        raise ExperimentError(f"{path}: missing; the folder is incomplete (an experiment that "
                              "did not finish writing) or not an experiment folder")
    path = confined(folder, MANIFEST, str(path))
    manifest = read_json(path)
    if not isinstance(manifest, dict) or "files" not in manifest:
        raise ExperimentError(f"{path}: not a laborsim manifest (no 'files')")
    version = manifest.get("schema_version")
    if type(version) is not int or version not in SUPPORTED_SCHEMAS:
        raise ExperimentError(f"{path}: schema_version {json.dumps(version)[:20]} is not one this "
                              f"laborsim reads ({', '.join(map(str, SUPPORTED_SCHEMAS))}); use "
                              "the laborsim version that wrote it")
    check_manifest(manifest, str(path))
    for relative in manifest["files"]:
        confined(folder, relative, f"{path}: files")
    return manifest


def verify(folder: Path, manifest: dict | None = None) -> list[str]:
    """Problems with a folder, one sentence each (empty when intact): the manifest's digest
    (schema 3 and later), then every listed file against its size and sha256.

    Raises :class:`ExperimentError` when the folder has no readable, well-formed manifest or
    lists a path outside itself. ``manifest``: the folder's, already read by
    :func:`read_manifest` (read here otherwise).
    """
    folder = Path(folder)
    if manifest is None:
        manifest = read_manifest(folder)
    problems = []
    if manifest["schema_version"] >= 3:
        problems += digest_problems(manifest, str(folder / MANIFEST))
    if not manifest["files"]:
        problems.append(f"{folder / MANIFEST}: lists no files")
    for relative, entry in manifest["files"].items():
        path = folder / relative  # confined by read_manifest
        if not path.is_file():
            problems.append(f"{path}: listed in the manifest but missing")
        elif path.stat().st_size != entry.get("bytes"):
            problems.append(f"{path}: {path.stat().st_size} bytes, the manifest says "
                            f"{entry.get('bytes')} (truncated or changed)")
        elif sha256(path) != entry.get("sha256"):
            problems.append(f"{path}: contents changed since it was written (sha256 differs)")
    for name in ("runs", "timeseries"):
        if f"{name}.parquet" not in manifest["files"]:
            problems.append(f"{folder / f'{name}.parquet'}: not listed in the manifest (every "
                            "experiment has one)")
    for name in TABLES:
        if f"{name}.parquet" in manifest["files"] or name in ("runs", "timeseries"):
            continue
        if (folder / f"{name}.parquet").exists():
            problems.append(f"{folder / f'{name}.parquet'}: not listed in the manifest")
    return problems


def unprotected(manifest: dict) -> bool:
    """Whether the manifest predates the digest (schema 1 and 2), so edits to it cannot be
    detected."""
    return manifest["schema_version"] < 3


def _read_table(folder: Path, name: str, manifest: dict) -> pd.DataFrame | None:
    relative = f"{name}.parquet"
    if relative not in manifest["files"]:
        return None
    path = folder / relative
    check_table(path, name, manifest["files"][relative])
    try:
        frame = pd.read_parquet(path)
    except Exception as err:  # pyarrow raises several types for damaged files
        raise ExperimentError(f"{path}: cannot be read as Parquet ({first_line(err)})") from None
    required = tuple(manifest.get("sweep", {}).get("parameters", ())) if name == "points" else ()
    check_rows(frame, path, name, required)
    return frame


def load(folder: Path | str) -> Experiment:
    """Load an experiment folder (verified first, every table and document checked against
    its schema before use); see :class:`Experiment`."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    problems = verify(folder, manifest)
    if problems:
        raise ExperimentError(problems[0] + ("" if len(problems) == 1 else
                                             f" (and {len(problems) - 1} more problems; run "
                                             "laborsim verify)"))
    tables = {name: _read_table(folder, name, manifest) for name in TABLES}
    documents = {}
    for name in DOCUMENTS:
        if f"{name}.json" in manifest["files"]:
            path = folder / f"{name}.json"
            documents[name] = read_json(path)
            check_document(name, documents[name], str(path))
    return Experiment(folder, manifest, tables["runs"], tables["timeseries"], tables["events"],
                      documents.get("thesis"), tables["points"], documents.get("analysis"),
                      tables["groups"], tables["group_months"])


@dataclass
class Experiment:
    """A saved experiment: its manifest and tables as pandas DataFrames.

    ``summary()`` gives the headline outcomes across runs; ``plot(metric)`` a metric over time
    with a band across replicate runs (one line per arm in thesis folders). Sweep folders also
    have ``points`` (one row per design point: its parameters and each outcome's mean and 95%
    interval over replicates) and ``analysis`` (the contents of analysis.json). Thesis folders
    also have ``thesis`` (thesis.json), ``groups`` (every group outcome of every seed and arm,
    one row each: seed, arm, outcome, group, value) and ``group_months`` (the groups' monthly
    series, one row per seed, arm and month).
    """

    folder: Path
    manifest: dict = field(repr=False)
    runs: pd.DataFrame = field(repr=False)
    timeseries: pd.DataFrame = field(repr=False)
    events: pd.DataFrame | None = field(default=None, repr=False)
    thesis: dict | None = field(default=None, repr=False)
    points: pd.DataFrame | None = field(default=None, repr=False)
    analysis: dict | None = field(default=None, repr=False)
    groups: pd.DataFrame | None = field(default=None, repr=False)
    group_months: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def kind(self) -> str:
        return self.manifest.get("kind", "run")

    @property
    def failed(self) -> int:
        """Number of runs that failed."""
        return int((self.runs["status"] != "ok").sum())

    @property
    def parameters(self) -> pd.DataFrame:
        """The resolved parameters: one row per key (section, key, value)."""
        rows = [{"section": section, "key": key, "value": value}
                for section, values in self.manifest.get("parameters", {}).items()
                for key, value in values.items()]
        return pd.DataFrame(rows)

    def summary(self) -> pd.DataFrame:
        """Across-run mean, 95% interval of the mean, min and max of the headline outcomes
        (thesis folders: of the ``full`` arm; sweep folders: over every run of every point,
        see ``points`` for each point)."""
        runs = self.runs
        if "arm" in runs:
            runs = runs[runs["arm"] == "full"]
        return summary_table(runs)

    def plot(self, metric: str, arms: list[str] | None = None):
        """``metric`` over time: mean across runs with a 5-95% band (per arm if any).

        ``arms``: the arms to draw (thesis folders); by default every arm when there are at
        most :data:`MAX_PLOTTED_ARMS`, else ``no_ai``, each factor alone and ``full`` (the
        arms named in thesis.json's ``factors``), so that 32 arms stay readable.
        """
        from sim.reports.figures import band, plt  # drawing needs matplotlib; loading does not
        from sim.reports.text import plot_text

        if metric not in self.timeseries:
            raise KeyError(f"no metric '{metric}' in {self.folder / 'timeseries.parquet'}")
        fig, ax = plt.subplots(figsize=(8, 4), constrained_layout=True)
        if "arm" in self.timeseries:
            present = list(dict.fromkeys(self.timeseries["arm"]))
            if arms is None:
                arms = present if len(present) <= MAX_PLOTTED_ARMS else [
                    a for a in ("no_ai", *(self.thesis or {}).get("factors", {}), "full")
                    if a in present]
            unknown = [a for a in arms if a not in present]
            if unknown:
                raise KeyError(f"no arm '{unknown[0]}' in {self.folder / 'timeseries.parquet'}"
                               f" (arms: {', '.join(present)})")
            by_arm = dict(tuple(self.timeseries.groupby("arm")))
            groups = [(a, by_arm[a]) for a in arms]
        else:
            groups = [(self.manifest.get("scenario", {}).get("name", "runs"), self.timeseries)]
        for i, (name, frame) in enumerate(groups):
            band(ax, frame, metric, str(name), f"C{i % 10}", scale=1)
        ax.set_xlabel("month (0 = January 2025)")
        ax.set_ylabel(metric)
        ax.set_title(plot_text(f"{metric}: {self.folder.name}"))
        ax.legend(frameon=False, fontsize=8)
        return fig
