"""One writer per folder: an advisory lock (``fcntl.flock``) held while a command writes.

Every command that writes a folder (``run``, ``thesis``, ``sweep`` and ``--resume``,
``analyze``, ``compare``, ``export``) holds ``.laborsim.lock`` in it, which records the holder's
process id. A second writer fails at once with one line naming that process, instead of
computing everything twice and interleaving files. The lock goes when the holder exits, even
when it is killed (the kernel releases it); the file is removed on a normal release.
"""

from __future__ import annotations

import fcntl
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sim.errors import ExperimentError

LOCK = ".laborsim.lock"


def holder(path: Path) -> str:
    """What a lock file says about its holder (its process id), or 'another process'."""
    try:
        pid = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        pid = ""
    return f"process {pid}" if pid.isdigit() else "another process"


def busy(folder: Path, path: Path) -> str:
    """The one line for a folder another process is writing."""
    return (f"{folder}: in use by {holder(path)} (another laborsim command is writing it; "
            "wait for it to finish, or stop it)")


def check_free(folder: Path) -> None:
    """Raise :class:`ExperimentError` if another process holds the folder's lock now (a
    check before starting; :func:`folder_lock` takes the lock itself)."""
    path = Path(folder) / LOCK
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return  # no lock file (or none that can be opened): nobody holds it
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        raise ExperimentError(busy(folder, path)) from None
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def folder_lock(folder: Path) -> Iterator[Path]:
    """Hold the folder's write lock for the ``with`` block; raise :class:`ExperimentError`
    naming the holder's PID when another process holds it."""
    path = Path(folder) / LOCK
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as err:
            raise ExperimentError(f"{folder}: cannot write there ({err.strerror})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise ExperimentError(busy(folder, path)) from None
        except OSError as err:
            os.close(fd)
            raise ExperimentError(f"{folder}: cannot be locked for writing ({err.strerror})"
                                  ) from None
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink > 1:  # 0: removed, retried below
            os.close(fd)
            raise ExperimentError(f"{path}: not a plain lock file (a link or special file); "
                                  "remove it if no laborsim command is running")
        # The holder before us may have removed the file after we opened it: lock the file
        # that is at the path now.
        try:
            same = info.st_ino == os.stat(path, follow_symlinks=False).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield Path(folder)
    finally:
        with suppress(OSError):
            path.unlink()
        os.close(fd)
