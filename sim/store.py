"""Experiment folders: Parquet tables plus a JSON manifest, written atomically.

An experiment folder holds ``runs.parquet`` (one row per replicate run), ``timeseries.parquet``
(one row per run and reported month), optional figures, and ``manifest.json``: what was run
(scenario, resolved parameters, seeds, command), with what (laborsim, Python and package
versions, git commit) and a sha256 and size for every other file. Every file is written to a
temporary name and renamed into place; the manifest is written last, so a folder without one
is visibly incomplete. Nothing is pickled.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pandas as pd

#: Version of the folder format; bumped on any change to files, columns or manifest fields.
SCHEMA_VERSION = 2
MANIFEST = "manifest.json"
PACKAGES = ("laborsim", "mesa", "numpy", "scipy", "pandas", "pyarrow", "matplotlib", "tqdm",
            "SALib", "distributed")


def new_experiment_dir(root: Path, name: str, now: datetime | None = None) -> Path:
    """A fresh folder ``root/<name>-<UTC timestamp>`` (with a suffix if that exists)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    folder = root / f"{name}-{stamp}"
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = root / f"{name}-{stamp}-{suffix}"
    return folder


def sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _atomic_write(path: Path, write) -> None:
    """Write via ``write(tmp_path)`` to a temporary file next to ``path``, then rename it."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_table(path: Path, frame: pd.DataFrame) -> None:
    """Write a DataFrame as Parquet, atomically."""
    _atomic_write(path, lambda tmp: frame.to_parquet(tmp, index=False))


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write a dict as indented UTF-8 JSON, atomically."""
    text = json.dumps(data, indent=2, sort_keys=False, ensure_ascii=False) + "\n"
    _atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text, atomically."""
    _atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def json_safe(value: Any) -> Any:
    """``value`` with NaN and infinities replaced by None and numpy scalars by Python ones, so
    that it is strict JSON."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_figure(path: Path, figure) -> None:
    """Save a matplotlib figure as PNG, atomically."""
    _atomic_write(path, lambda tmp: figure.savefig(tmp, format="png", dpi=120))


def file_entry(folder: Path, relative: str) -> dict[str, Any]:
    """Manifest entry of one file: sha256 and size in bytes."""
    path = folder / relative
    return {"sha256": sha256(path), "bytes": path.stat().st_size}


def git_state() -> dict[str, Any]:
    """Commit and dirty flag of the laborsim source tree, or nulls outside a git checkout."""
    source = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=source, capture_output=True,
                                text=True, timeout=10, check=True).stdout.strip()
        status = subprocess.run(["git", "status", "--porcelain", "--", "sim", "scenarios"],
                                cwd=source, capture_output=True, text=True, timeout=10,
                                check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": bool(status.strip())}


def environment() -> dict[str, Any]:
    """Python, platform, package versions and git state, for the manifest."""
    packages = {}
    for name in PACKAGES:
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            packages[name] = None
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": packages,
        "git": git_state(),
    }


def write_experiment(folder: Path, manifest: dict[str, Any], tables: dict[str, pd.DataFrame],
                     figures: dict[str, Any] | None = None,
                     documents: dict[str, str] | None = None) -> Path:
    """Write tables (``name -> DataFrame``, saved as ``name.parquet``), figures
    (``relative path -> matplotlib figure``), text documents (``relative path -> text``) and
    finally the manifest with every file's hash.

    Returns the manifest path. The folder must not already hold a manifest (experiments are
    never overwritten).
    """
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / MANIFEST).exists():
        raise FileExistsError(f"{folder} already holds an experiment; choose another --out")
    files = {}
    for name, frame in tables.items():
        relative = f"{name}.parquet"
        write_table(folder / relative, frame)
        files[relative] = file_entry(folder, relative) | {"rows": len(frame)}
    for relative, figure in (figures or {}).items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        write_figure(folder / relative, figure)
        files[relative] = file_entry(folder, relative)
    for relative, text in (documents or {}).items():
        write_text(folder / relative, text)
        files[relative] = file_entry(folder, relative)
    full = json_safe({"schema_version": SCHEMA_VERSION, **manifest, "files": files})
    write_json(folder / MANIFEST, full)
    return folder / MANIFEST


def update_experiment(folder: Path, figures: dict[str, Any], documents: dict[str, str],
                      drop: tuple[str, ...] = (), changes: dict[str, Any] | None = None) -> Path:
    """Rewrite some figures and documents of a finished experiment (e.g. its analysis), then
    its manifest: entries under the ``drop`` prefixes that are not rewritten are removed (file
    and entry), ``changes`` are merged into the manifest. Tables are never touched, and each
    file is replaced atomically; the manifest, written last, is always consistent with the
    files it lists once the call returns."""
    path = folder / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    files = manifest["files"]
    for relative, figure in figures.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        write_figure(folder / relative, figure)
        files[relative] = file_entry(folder, relative)
    for relative, text in documents.items():
        write_text(folder / relative, text)
        files[relative] = file_entry(folder, relative)
    stale = [r for r in files if r.startswith(drop) and r not in figures and r not in documents
             ] if drop else []
    for relative in stale:
        del files[relative]
    write_json(path, json_safe({**manifest, **(changes or {}), "files": files}))
    for relative in stale:
        (folder / relative).unlink(missing_ok=True)
    return path


def command_line() -> list[str]:
    """The command line that is running, with the program name shortened."""
    return [Path(sys.argv[0]).name, *sys.argv[1:]]
