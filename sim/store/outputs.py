"""Output folders: checked before anything is computed, never overwritten by accident.

:func:`output_folder` is how every command that writes a folder starts (``run``, ``thesis``,
``sweep``, ``compare``, ``export``). Before the first simulation it checks that the folder can be
created and written (not a file, not under ``/proc``, ``/sys`` or ``/dev``, not inside another
experiment folder), takes the folder's lock (:mod:`sim.store.lock`) and looks at what is there:

* an empty or new folder is used;
* a folder of the same command's earlier output (``compare``, ``export``: marked by
  ``.laborsim-output.json``) is written again;
* anything else (another experiment, someone's files) is refused with one line, unless
  ``force``. With ``force`` an experiment folder is replaced by ``run``, ``thesis`` and
  ``sweep`` (its manifest first, then the files it lists; files laborsim did not write are
  never deleted); ``compare`` and ``export`` write beside its files but never replace one
  (:func:`sim.store.write.write_files`).

If the command fails before writing anything, a folder it created is removed again.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sim.errors import ExperimentError
from sim.store.lock import LOCK, check_free, folder_lock
from sim.store.paths import confined
from sim.store.read import read_manifest
from sim.store.schema import read_json
from sim.store.write import MANIFEST, remove_experiment, write_in

OUTPUT_MARK = ".laborsim-output.json"
#: Commands whose output is a plain report or export folder (not an experiment).
LOOSE = ("compare", "export")
VIRTUAL = (Path("/proc"), Path("/sys"), Path("/dev"))


def nearest_existing(path: Path) -> Path:
    """``path`` or its closest ancestor that exists, resolved."""
    path = Path(os.path.abspath(path))
    while not path.exists() and path != path.parent:
        path = path.parent
    return Path(os.path.realpath(path))


def check_place(folder: Path, option: str = "--out") -> None:
    """Refuse an output folder that is a file, lies under a virtual file system, or inside
    another experiment folder."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ExperimentError(f"{option} {folder}: is a file, not a folder")
    real = nearest_existing(folder)
    if not real.is_dir():
        raise ExperimentError(f"{option} {folder}: {real} is a file, not a folder")
    if any(real == v or v in real.parents for v in VIRTUAL):
        raise ExperimentError(f"{option} {folder}: lies under {real.parts[0]}{real.parts[1]}, "
                              "a system folder; choose a folder for results")
    for parent in (real.parents if folder.exists() else [real, *real.parents]):
        if (parent / MANIFEST).is_file():
            raise ExperimentError(f"{option} {folder}: lies inside the experiment folder "
                                  f"{parent}; choose a folder outside it")


def contents(folder: Path) -> list[str]:
    """Names in the folder, besides laborsim's lock."""
    return sorted(name for name in os.listdir(folder) if name != LOCK)


def marked_as(folder: Path) -> str | None:
    """The command whose earlier output the folder is (from its mark), or None."""
    try:
        mark = read_json(confined(folder, OUTPUT_MARK, str(folder)))
    except ExperimentError:  # a link, or not laborsim's JSON: not a mark
        return None
    return mark.get("written_by") if isinstance(mark, dict) else None


#: Subfolders laborsim writes into (figures of every kind, a running sweep's parts).
SUBFOLDERS = ("figures", "parts")


def check_plain(folder: Path, option: str) -> None:
    """Refuse a folder whose ``figures`` or ``parts`` (where laborsim writes) is a link, a file
    or holds links or special files, so that nothing is found to be unwritable only after the
    compute. (A link at the top of the folder does no harm: a write replaces the link itself.)"""
    for name in SUBFOLDERS:
        path = folder / name
        if not path.exists() and not path.is_symlink():
            continue
        if path.is_symlink() or not path.is_dir():
            raise ExperimentError(f"{option} {folder}: {name} is a link or a file; laborsim "
                                  "writes into a plain folder of that name")
        for inner in path.iterdir():
            if inner.is_symlink() or not (inner.is_dir() or inner.is_file()):
                raise ExperimentError(f"{option} {folder}: {name}/{inner.name} is a link or a "
                                      "special file; laborsim writes only plain files there")


def claim(folder: Path, kind: str, force: bool, option: str) -> dict | None:
    """Check what an output folder holds (see the module docstring); returns the manifest of
    the experiment ``force`` will replace (read, typed and confined), or None."""
    names = contents(folder)
    if not names:
        return None
    check_plain(folder, option)
    if MANIFEST in names:
        if not force:
            what = ("experiments are never overwritten" if kind not in LOOSE else
                    f"laborsim {kind} never writes into an experiment folder")
            raise ExperimentError(f"{option} {folder}: already holds an experiment; {what}: "
                                  "choose another folder (or --force to "
                                  f"{'replace it' if kind not in LOOSE else 'write into it'})")
        return read_manifest(folder)  # what it lists is known and confined before anything goes
    if kind in LOOSE and marked_as(folder) == kind:
        return None
    if not force:
        earlier = f" and holds no earlier laborsim {kind} output" if kind in LOOSE else ""
        raise ExperimentError(f"{option} {folder}: is not empty{earlier}; choose a new or "
                              "empty folder (or --force to write into it)")
    return None


def write_mark(folder: Path, kind: str) -> None:
    """Mark a report or export folder as this command's output."""
    text = json.dumps({"written_by": kind, "note": "written by laborsim; laborsim " + kind +
                       " may write this folder again"}) + "\n"
    write_in(folder, OUTPUT_MARK, text)


def preflight_resume(folder: Path | str, option: str = "--resume") -> None:
    """Before resuming: the folder exists and no other process is writing it."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ExperimentError(f"{option} {folder}: no such folder")
    check_free(folder)


def created_top(folder: Path) -> Path | None:
    """The outermost folder that creating ``folder`` would create (None if it exists)."""
    top = None
    path = Path(os.path.abspath(folder))
    while not path.exists():
        top = path
        path = path.parent
    return top


def preflight(folder: Path | str, kind: str, *, force: bool = False,
              option: str = "--out") -> None:
    """The checks of :func:`output_folder` that need no writing (place, permissions, what the
    folder holds), for a command line to run before it prints that it starts."""
    folder = Path(folder)
    check_place(folder, option)
    if not os.access(nearest_existing(folder), os.W_OK | os.X_OK):
        raise ExperimentError(f"{option} {folder}: not writable (permission denied)")
    if folder.is_dir():
        check_free(folder)
        claim(folder, kind, force, option)


@contextmanager
def output_folder(folder: Path | str, kind: str, *, force: bool = False,
                  option: str = "--out") -> Iterator[Path]:
    """Check, create and lock an output folder for the ``with`` block (see the module
    docstring); ``kind`` is the command writing it."""
    folder = Path(folder)
    check_place(folder, option)
    top = created_top(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExperimentError(f"{option} {folder}: cannot be created ({err.strerror})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExperimentError(f"{option} {folder}: not writable")
    ok = False
    try:
        with folder_lock(folder):
            old = claim(folder, kind, force, option)
            if old is not None and kind == "sweep":
                # a sweep writes its plan and parts from the start, so it replaces the old
                # experiment now; run and thesis replace it only when their results are
                # written (write_experiment with replace), keeping it if they fail
                remove_experiment(folder, old)
            if kind in LOOSE and old is None:
                write_mark(folder, kind)
            yield folder
            ok = True
    finally:
        if not ok and top is not None:
            remove_created(Path(os.path.abspath(folder)), top)


def remove_created(folder: Path, top: Path) -> None:
    """After a failure, remove the folders this command created (``folder`` up to ``top``)
    while they hold nothing but laborsim's own mark."""
    if folder.is_dir() and set(contents(folder)) <= {OUTPUT_MARK}:
        shutil.rmtree(folder, ignore_errors=True)
    path = folder.parent
    while top in (path, *path.parents) and path.is_dir() and not os.listdir(path):
        path.rmdir()
        if path == top:
            break
        path = path.parent
