"""An advisory lock on a file, for a read-modify-write that must not lose another's change.

:func:`locked` holds an exclusive :func:`fcntl.flock` on a lock file ``.<name>.lock`` beside the
file (symbolic links followed), so two ``netgov-kg add`` runs into one file take turns instead of
the last rename winning. The lock file is removed when the lock is released; a waiter that then
holds a lock on the removed file notices (its inode is no longer the path's) and tries again.
The lock is re-entrant within a process (threads take turns). Where :mod:`fcntl` does not exist
(Windows) the lock only orders this process's threads.

Examples
--------
>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "extra.ttl"
>>> with locked(target) as real:
...     with locked(target):  # re-entrant
...         sorted(p.name for p in target.parent.iterdir())
['.extra.ttl.lock']
>>> sorted(p.name for p in target.parent.iterdir())
[]
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from os import PathLike
from pathlib import Path

from .errors import InputError, Location

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: Seconds to wait for another process's lock before giving up with a clear error; an ``add``
#: holds it for the seconds its validation takes.
LOCK_TIMEOUT = 600.0

_GUARD = threading.Lock()
_HELD: dict[str, tuple[threading.RLock, list[int]]] = {}


def lock_path(target: Path) -> Path:
    """Return the lock file of ``target``: ``.<name>.lock`` in the same folder."""
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def locked(path: str | PathLike[str], *, timeout: float | None = None) -> Iterator[Path]:
    """Hold the exclusive lock of ``path`` for the block; yield the path with links followed.

    Parameters
    ----------
    path : path
        The file to lock (it need not exist; its folder must).
    timeout : float, optional
        Seconds to wait for another process (default :data:`LOCK_TIMEOUT`).

    Raises
    ------
    netgov_kg.errors.InputError
        If the lock file cannot be made (a read-only folder) or the wait times out.
    """
    from .atomic import check_folder

    real = Path(os.path.realpath(path))
    if not real.parent.is_dir():
        raise InputError("the folder does not exist", Location(str(path)))
    check_folder(real.parent, Path(path))
    key = str(real)
    with _GUARD:
        rlock, depth = _HELD.setdefault(key, (threading.RLock(), [0]))
    with rlock:
        if depth[0]:
            depth[0] += 1
            try:
                yield real
            finally:
                depth[0] -= 1
            return
        fd = _acquire(Path(path), lock_path(real), LOCK_TIMEOUT if timeout is None else timeout)
        depth[0] = 1
        try:
            yield real
        finally:
            depth[0] = 0
            _release(lock_path(real), fd)


def _acquire(given: Path, lock: Path, timeout: float) -> int | None:
    if fcntl is None:  # pragma: no cover - Windows
        return None
    deadline = time.monotonic() + timeout
    delay = 0.01
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            raise InputError(f"cannot make the lock file {lock.name} ({exc.strerror}); nothing "
                             "was written", Location(str(given))) from exc
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise InputError(
                            f"another process has held the lock {lock.name} for over "
                            f"{timeout:g} s; nothing was written (remove the lock file if no "
                            "netgov-kg process is running)", Location(str(given))) from None
                    time.sleep(delay)
                    delay = min(delay * 2, 0.2)
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(lock, follow_symlinks=False))
            except FileNotFoundError:
                same = False
        except BaseException:
            os.close(fd)
            raise
        if same:
            return fd
        os.close(fd)  # the holder removed that lock file as it let go: lock the new one


def _release(lock: Path, fd: int | None) -> None:
    if fd is None:  # pragma: no cover - Windows
        return
    try:
        with contextlib.suppress(OSError):
            os.unlink(lock)
    finally:
        os.close(fd)
