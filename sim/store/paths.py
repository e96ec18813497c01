"""Confined paths: every file a folder names stays inside that folder.

An experiment folder may come from anyone, so nothing a manifest says about paths is trusted.
A listed path must be relative, written with forward slashes, without ``.``, ``..`` or empty
parts, without a symbolic link anywhere on the way, and (when it exists) name a regular file:
no device, pipe or socket. :func:`confined` checks all of that and returns the path to open.

Writes and deletes go through :func:`write_target`, which also checks that the resolved path
lies inside the resolved folder, so no command writes or deletes outside the folders it was
given, whatever links a received folder holds.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

from sim.errors import ExperimentError

#: Longest relative path a manifest may list (characters).
MAX_PATH = 240
#: Unicode categories refused in a listed path: control and format characters (terminal
#: escapes, right-to-left overrides, zero-width characters) and line separators.
HIDDEN = ("Cc", "Cf", "Zl", "Zp")


def relative_parts(relative: object, where: str) -> tuple[str, ...]:
    """The parts of a relative path a manifest lists, after checking its form.

    >>> relative_parts("figures/overview.png", "manifest.json")
    ('figures', 'overview.png')
    """
    if not isinstance(relative, str) or not relative:
        raise ExperimentError(f"{where}: a file path must be a non-empty string, got "
                              f"{relative!r:.60}")
    shown = ascii(relative if len(relative) <= 80 else relative[:38] + "..." + relative[-38:])
    if len(relative) > MAX_PATH or any(unicodedata.category(c) in HIDDEN for c in relative):
        raise ExperimentError(f"{where}: file path {shown} is too long or has control or "
                              "invisible characters")
    if "\\" in relative or PurePosixPath(relative).is_absolute() or \
            PureWindowsPath(relative).drive:
        raise ExperimentError(f"{where}: file path {shown} is not a relative path with "
                              "forward slashes inside the folder")
    parts = tuple(relative.split("/"))
    if any(part in ("", ".", "..") for part in parts):
        raise ExperimentError(f"{where}: file path {shown} leaves the folder or has empty, "
                              "'.' or '..' parts")
    return parts


def confined(folder: Path, relative: object, where: str, *, directory: bool = False) -> Path:
    """``folder / relative``, checked: relative form (:func:`relative_parts`), no symbolic
    link on the way, and a regular file (a folder with ``directory``) if it exists. ``where``
    names the source of the path (e.g. the manifest) in the one-line error."""
    parts = relative_parts(relative, where)
    path = Path(folder)
    for i, part in enumerate(parts):
        path = path / part
        try:
            info = path.lstat()
        except FileNotFoundError:
            return Path(folder).joinpath(*parts)
        except OSError as err:
            raise ExperimentError(f"{where}: cannot inspect {path} ({err.strerror})") from None
        if stat.S_ISLNK(info.st_mode):
            raise ExperimentError(f"{where}: {path} is a symbolic link; experiment folders "
                                  "hold only plain files")
        last = i == len(parts) - 1
        if last and not directory and not stat.S_ISREG(info.st_mode):
            raise ExperimentError(f"{where}: {path} is not a regular file")
        if (not last or directory) and not stat.S_ISDIR(info.st_mode):
            raise ExperimentError(f"{where}: {path} is not a folder")
    return path


def inside(folder: Path, path: Path) -> bool:
    """Whether ``path``, resolved (links followed), lies inside ``folder`` resolved."""
    root = Path(os.path.realpath(folder))
    target = Path(os.path.realpath(path))
    return target == root or root in target.parents


def write_target(folder: Path, relative: str, *, directory: bool = False) -> Path:
    """The path to write or delete ``relative`` in ``folder`` (one of laborsim's own file
    names): confined like a listed path, and its resolved location inside the folder."""
    path = confined(folder, relative, str(folder), directory=directory)
    if not inside(folder, path.parent if not path.exists() else path):
        raise ExperimentError(f"{path}: resolves outside {folder}; refusing to write there")
    return path
