"""Experiment folders: Parquet tables plus a JSON manifest, written atomically.

An experiment folder holds ``runs.parquet`` (one row per replicate run), ``timeseries.parquet``
(one row per run and reported month), optional figures and documents, and ``manifest.json``:
what was run (scenario, resolved parameters, seeds, command), with what (laborsim, Python and
package versions, git commit; :mod:`sim.store.manifest`) and a sha256 and size for every other
file. Every file is written to a temporary name and renamed into place; the manifest is
written last, so a folder without one is visibly incomplete. Nothing is pickled.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from sim.errors import ExperimentError
from sim.store.paths import write_target
from sim.store.schema import digest, read_json

#: Version of the folder format; bumped on any change to files, columns or manifest fields
#: (3: the manifest holds its own digest).
SCHEMA_VERSION = 5
MANIFEST = "manifest.json"
#: The process's file-creation mask (read once: reading it means setting it).
UMASK = os.umask(0o022)
os.umask(UMASK)


def new_experiment_dir(root: Path, name: str, now: datetime | None = None) -> Path:
    """A fresh folder ``root/<name>-<UTC timestamp>`` (with a suffix if that exists)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    folder = root / f"{name}-{stamp}"
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = root / f"{name}-{stamp}-{suffix}"
    return folder


def refuse_existing(folder: Path) -> None:
    """Raise ``FileExistsError`` if ``folder`` already holds an experiment (experiments are
    never overwritten)."""
    if (Path(folder) / MANIFEST).exists():
        raise FileExistsError(f"{folder} already holds an experiment; choose another --out")


def sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def atomic_write(path: Path, write: Callable[[Path], Any]) -> None:
    """Write via ``write(tmp_path)`` to a temporary file next to ``path``, then rename it.

    The temporary file is created new (``O_EXCL``: never an existing file or a link a received
    folder planted), and the rename replaces ``path`` itself, even where it is a link.
    """
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.tmp-")
    os.fchmod(fd, 0o666 & ~UMASK)  # as a plain open() would (mkstemp makes it private)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists() and not tmp.is_symlink():
            tmp.unlink()


def write_table(path: Path, frame: pd.DataFrame) -> None:
    """Write a DataFrame as Parquet, atomically."""
    atomic_write(path, lambda tmp: frame.to_parquet(tmp, index=False))


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write a dict as indented UTF-8 JSON, atomically."""
    text = json.dumps(data, indent=2, sort_keys=False, ensure_ascii=False) + "\n"
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


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


def signed(manifest: dict[str, Any]) -> dict[str, Any]:
    """The manifest as written: strict JSON, with its digest (:func:`sim.store.schema.digest`)
    as the last field."""
    body = json_safe({k: v for k, v in manifest.items() if k != "digest"})
    return {**body, "digest": digest(body)}


def write_in(folder: Path, relative: str, content: str | bytes) -> None:
    """Write one of a folder's files (UTF-8 text or bytes, such as a PNG) atomically, creating
    its parent folder, its path confined to the folder (no ``..``, no link on the way:
    :func:`sim.store.paths.write_target`)."""
    parent = relative.rpartition("/")[0]
    if parent:
        write_target(folder, parent, directory=True).mkdir(parents=True, exist_ok=True)
    path = write_target(folder, relative)
    if isinstance(content, bytes):
        atomic_write(path, lambda tmp: tmp.write_bytes(content))
    else:
        atomic_write(path, lambda tmp: tmp.write_text(content, encoding="utf-8"))


def file_entry(folder: Path, relative: str) -> dict[str, Any]:
    """Manifest entry of one file: sha256 and size in bytes."""
    path = folder / relative
    return {"sha256": sha256(path), "bytes": path.stat().st_size}


def remove_experiment(folder: Path, manifest: dict[str, Any] | None = None) -> None:
    """Delete an experiment folder's manifest (``manifest``: its content, if already read),
    then every file it lists (each confined to the folder), and a sweep's plan and parts; files
    it does not list stay."""
    if manifest is None:
        manifest = read_json(write_target(folder, MANIFEST))
    listed = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(listed, dict):
        raise ExperimentError(f"{folder / MANIFEST}: lists no files; cannot replace the "
                              "experiment (remove the folder yourself)")
    targets = [write_target(folder, relative) for relative in listed]  # all checked first
    targets.append(write_target(folder, "sweep.json"))  # a sweep's plan (sim.workflows.sweep)
    parts = write_target(folder, "parts", directory=True)  # a sweep's parts (sim.store.parts)
    (folder / MANIFEST).unlink()
    for path in targets:
        path.unlink(missing_ok=True)
    if parts.is_dir():
        shutil.rmtree(parts)


def write_experiment(folder: Path, manifest: dict[str, Any], tables: dict[str, pd.DataFrame],
                     files: dict[str, str | bytes] | None = None, replace: bool = False
                     ) -> Path:
    """Write tables (``name -> DataFrame``, saved as ``name.parquet``), other files
    (``relative path -> text or bytes``: documents, PNG figures) and finally the manifest
    with every file's hash.

    Returns the manifest path. The folder must not already hold a manifest (experiments are
    never overwritten), unless ``replace``: then the experiment there is removed first
    (:func:`remove_experiment`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    if replace and (folder / MANIFEST).exists():  # claimed with --force: known and confined
        remove_experiment(folder)
    refuse_existing(folder)
    entries = {}
    for name, frame in tables.items():
        relative = f"{name}.parquet"
        write_table(folder / relative, frame)
        entries[relative] = file_entry(folder, relative) | {"rows": len(frame)}
    for relative, content in (files or {}).items():
        write_in(folder, relative, content)
        entries[relative] = file_entry(folder, relative)
    write_json(folder / MANIFEST, signed({"schema_version": SCHEMA_VERSION, **manifest,
                                          "files": entries}))
    return folder / MANIFEST


def update_experiment(folder: Path, files: dict[str, str | bytes], drop: tuple[str, ...] = (),
                      changes: dict[str, Any] | None = None) -> Path:
    """Rewrite some files of a finished experiment (e.g. its analysis), then its manifest:
    entries under the ``drop`` prefixes that are not rewritten are removed (file and entry),
    ``changes`` are merged into the manifest. Tables are never touched, and each file is
    replaced atomically; the manifest, written last, is always consistent with the files it
    lists once the call returns."""
    path = folder / MANIFEST
    manifest = read_json(write_target(folder, MANIFEST))
    entries = manifest["files"]
    stale = [r for r in entries if r.startswith(drop) and r not in files] if drop else []
    targets = {r: write_target(folder, r) for r in [*files, *stale]}  # all checked first
    for relative, content in files.items():
        write_in(folder, relative, content)
        entries[relative] = file_entry(folder, relative)
    for relative in stale:
        del entries[relative]
    write_json(path, signed({**manifest, **(changes or {}), "files": entries,
                             "schema_version": SCHEMA_VERSION}))
    for relative in stale:
        targets[relative].unlink(missing_ok=True)
    return path


def write_files(folder: Path, files: dict[str, str | bytes]) -> None:
    """Write loose files (a comparison's report, an export) into ``folder``, each atomically
    and confined to it; in an experiment folder (``--force``), never one of its own files."""
    if (Path(folder) / MANIFEST).exists():
        manifest = read_json(write_target(folder, MANIFEST))
        own = {MANIFEST, *(manifest.get("files", {}) if isinstance(manifest, dict) else {})}
        clash = sorted(own & set(files))
        if clash:
            raise ExperimentError(f"{folder}: is an experiment folder and {clash[0]} is one of "
                                  "its files; write into another folder")
    for relative, content in files.items():
        write_in(Path(folder), relative, content)
