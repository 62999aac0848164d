r"""Write files atomically: all of the new content, or the old file untouched.

Every writer of the project (exports, reports, network files and plots, added cases, synthetic
data) goes through :func:`atomic_path`. It decides *what* may be replaced before anything is
written:

* a symbolic link is followed: the file it points to is written and the link stays a link;
* only a regular file is replaced: a folder, a device node (``/dev/null``), a named pipe or a
  socket is refused with an :class:`~netgov_kg.errors.InputError` naming the path;
* a file its owner may not write (``chmod u-w``) is refused, even when running as root, and so
  is a file the current user may not write;
* the folder must be writable (by its owner, and by the current user); a missing folder is
  created.

The content then goes to a temporary file ``.<name>.<pid>.<random>.tmp`` in the target's own
folder, is flushed to disk, given the old file's mode and owner (or the umask's default for a new
file), and only then renamed over the target with :func:`os.replace` (atomic on POSIX and
Windows); the folder is flushed too. If anything fails before the rename, the temporary file is
removed and the target stays byte for byte as it was. A temporary file left by a killed process
is swept by the next write of the same target (see :func:`sweep_stale`).

A read-modify-write (:func:`atomic_write` given a function of the old bytes) holds the
target's lock (:func:`netgov_kg.filelock.locked`) from the read to the rename.

Examples
--------
>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "extra.ttl"
>>> atomic_write(target, "# one\n")
>>> atomic_write(target, lambda old: old + b"# two\n")
>>> def broken(old):
...     raise RuntimeError("disk on fire")
>>> atomic_write(target, broken)
Traceback (most recent call last):
...
RuntimeError: disk on fire
>>> target.read_text()
'# one\n# two\n'
>>> sorted(p.name for p in target.parent.iterdir())  # no temporary or lock file left behind
['extra.ttl']
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from os import PathLike
from pathlib import Path
from typing import IO, Any

from .errors import InputError, Location

Content = str | bytes | Callable[[bytes], bytes]

#: Seconds after which a temporary file of a target is swept even if the process whose id is in
#: its name still runs (process ids are reused). A writer that is alive writes far faster.
STALE_AFTER = 60.0

#: This process's temporary files being written (never swept).
_ACTIVE: set[str] = set()

#: ``<pid>.<random>`` (or only ``<random>``, the names before the pid was added) between
#: ``.<name>.`` and ``.tmp``.
_TMP_MIDDLE = re.compile(r"(?:(?P<pid>\d+)\.)?(?P<random>[a-z0-9_]{6,})")


def _default_mode() -> int:
    """Return the mode a new file gets from the process's umask (mkstemp uses 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _kind(mode: int) -> str:
    """Name the kind of file ``mode`` is (a file, a folder, a device …)."""
    kinds = (
        (stat.S_ISREG, "a file"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link that cannot be resolved"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _refuse(given: Path, real: Path, why: str) -> InputError:
    via = f" (the link points to {real})" if real != Path(os.path.abspath(given)) else ""
    return InputError(f"{why}{via}; refusing to write it, nothing was written",
                      Location(str(given)))


def check_replaceable(given: Path, real: Path, st: os.stat_result) -> None:
    """Raise unless ``real`` (``given`` with its links followed) is a file we may replace.

    Raises
    ------
    netgov_kg.errors.InputError
        For anything but a regular file, a file its owner may not write (even for root), or a
        file the current user may not write.
    """
    if not stat.S_ISREG(st.st_mode):
        raise _refuse(given, real, f"{_kind(st.st_mode)}, not a regular file")
    if not st.st_mode & stat.S_IWUSR:
        raise _refuse(given, real, f"the file is read-only (mode {stat.S_IMODE(st.st_mode):o}; "
                                   "chmod u+w to allow writing it)")
    if not os.access(real, os.W_OK):
        raise _refuse(given, real, "you may not write the file")


def resolve_target(path: str | PathLike[str]) -> Path:
    """Return the file a write to ``path`` replaces: symbolic links followed, then checked.

    Parameters
    ----------
    path : path
        The file to write; it need not exist (nor the file a link points to).

    Returns
    -------
    pathlib.Path
        The absolute path of the regular file to replace (or to create).

    Raises
    ------
    netgov_kg.errors.InputError
        See :func:`check_replaceable`; also for a link loop.

    Examples
    --------
    >>> import tempfile, pathlib, os
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "real.ttl").write_text("x")
    >>> os.symlink("real.ttl", folder / "link.ttl")
    >>> resolve_target(folder / "link.ttl").name
    'real.ttl'
    >>> resolve_target(folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netgov_kg.errors.InputError: ...: a folder, not a regular file; refusing to write it, ...
    """
    given = Path(path)
    real = Path(os.path.realpath(given))
    try:
        st = os.lstat(real)
    except (FileNotFoundError, NotADirectoryError):  # the folder is checked when written
        return real
    except OSError as exc:
        raise _refuse(given, real, f"cannot look at the file ({exc.strerror})") from exc
    check_replaceable(given, real, st)
    return real


def ensure_folder(folder: str | PathLike[str], *, for_file: Path | None = None) -> Path:
    """Create ``folder`` (and its parents) if missing; raise clearly unless it is writable.

    Parameters
    ----------
    folder : path
        The folder.
    for_file : pathlib.Path, optional
        The file to be written there (named in the error instead of the folder).

    Raises
    ------
    netgov_kg.errors.InputError
        If ``folder`` (or the nearest existing ancestor) is not a folder, is read-only for its
        owner (even for root) or for the current user, or cannot be created.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> ensure_folder(pathlib.Path(tempfile.mkdtemp()) / "a" / "b").is_dir()
    True
    """
    folder = Path(folder)
    existing = folder
    while not os.path.lexists(existing) and existing.parent != existing:
        existing = existing.parent
    where = for_file if for_file is not None else folder
    check_folder(existing, where)
    if existing != folder:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create the folder {folder} ({exc.strerror}); nothing was "
                             "written", Location(str(where))) from exc
    return folder


def check_folder(folder: Path, wanted: Path) -> None:
    """Raise unless ``folder`` is a folder its owner and the current user may write.

    ``wanted`` is the path named in the error (the file to write, or the folder itself).
    """
    try:
        st = os.stat(folder)
    except OSError as exc:
        raise InputError(f"cannot use {folder} as a folder ({exc.strerror}); nothing was written",
                         Location(str(wanted))) from exc
    if not stat.S_ISDIR(st.st_mode):
        what = "it" if folder == wanted else str(folder)
        raise InputError(f"{what} is {_kind(st.st_mode)}, not a folder; nothing was written",
                         Location(str(wanted)))
    if not st.st_mode & stat.S_IWUSR or not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"the folder {folder} is read-only (mode {stat.S_IMODE(st.st_mode):o}); "
                         "nothing was written", Location(str(wanted)))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def sweep_stale(target: Path, *, now: float | None = None) -> list[Path]:
    """Remove temporary files of ``target`` left by writers that died (e.g. after kill -9).

    A temporary file ``.<name>.<pid>.<random>.tmp`` beside ``target`` is stale when the process
    ``pid`` no longer runs, or when it is older than :data:`STALE_AFTER` seconds. This process's
    own temporary files still being written are kept.

    Returns
    -------
    list of pathlib.Path
        The files removed.
    """
    now = time.time() if now is None else now
    prefix = f".{target.name}."
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")) or entry.path in _ACTIVE:
            continue
        match = _TMP_MIDDLE.fullmatch(name[len(prefix):-len(".tmp")])
        if match is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        pid = int(match["pid"]) if match["pid"] else None
        dead = pid is not None and (pid == os.getpid() or not _alive(pid))
        if dead or now - st.st_mtime > STALE_AFTER:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _fsync_path(path: Path) -> None:
    """Flush ``path`` (a file or a folder) to disk, where the system can."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot fsync a folder
        pass
    finally:
        os.close(fd)


def _write_error(given: Path, exc: OSError) -> InputError:
    """Turn an ``OSError`` the system raised (it has an ``errno``) into a clear error."""
    return InputError(f"cannot write the file ({exc.strerror}); nothing was written",
                      Location(str(given)))


@contextlib.contextmanager
def atomic_path(path: str | PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it onto ``path``.

    ``path`` is checked first (:func:`resolve_target`: links followed, only a writable regular
    file is replaced) and its folder created if needed (:func:`ensure_folder`). If the block
    raises, the temporary file is removed and ``path`` is left as it was.

    Raises
    ------
    netgov_kg.errors.InputError
        For a target that may not be replaced or a folder that cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.txt"
    >>> with atomic_path(p) as tmp:
    ...     _ = tmp.write_text("new")
    >>> p.read_text()
    'new'
    """
    given = Path(path)
    target = resolve_target(given)
    ensure_folder(target.parent, for_file=given)
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    mode = stat.S_IMODE(old.st_mode) if old is not None else _default_mode()
    sweep_stale(target)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                                    dir=target.parent)
    except OSError as exc:
        if exc.errno is None:  # not from the system: keep it as it is
            raise
        raise _write_error(given, exc) from exc
    os.close(fd)
    tmp = Path(name)
    _ACTIVE.add(name)
    try:
        yield tmp
        _fsync_path(tmp)
        os.chmod(tmp, mode)
        if old is not None and hasattr(os, "chown"):
            new = os.stat(tmp)
            if (old.st_uid, old.st_gid) != (new.st_uid, new.st_gid):
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.chown(tmp, old.st_uid, old.st_gid)
        resolve_target(target)  # still a writable regular file (or still missing)?
        try:
            os.replace(tmp, target)
        except OSError as exc:
            if exc.errno is None:  # not from the system: keep it as it is
                raise
            raise _write_error(given, exc) from exc
        _fsync_path(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    finally:
        _ACTIVE.discard(name)


@contextlib.contextmanager
def atomic_writer(path: str | PathLike[str], mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path`` (text as UTF-8); on success rename it onto ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = target.write_text("old")
    >>> try:
    ...     with atomic_writer(target) as f:
    ...         _ = f.write("new")
    ...         raise RuntimeError("disk full")
    ... except RuntimeError:
    ...     pass
    >>> target.read_text()
    'old'
    """
    binary = "b" in mode
    with atomic_path(path) as tmp:
        with open(
            tmp, mode, encoding=None if binary else "utf-8", newline=None if binary else ""
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())


def read_target(path: str | PathLike[str]) -> bytes:
    """Return the bytes of the file a write to ``path`` would replace (``b""`` if missing).

    The file is checked first (:func:`resolve_target`), so a named pipe or a device is never
    read.
    """
    real = resolve_target(path)
    try:
        return real.read_bytes()
    except FileNotFoundError:
        return b""
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", Location(str(path))) from exc


def atomic_write(
    path: str | PathLike[str],
    content: Content,
    *,
    check: Callable[[bytes], None] | None = None,
) -> None:
    """Replace ``path`` with new content, atomically.

    Parameters
    ----------
    path : path
        The target file. It need not exist.
    content : str, bytes or callable
        The new content (``str`` is written as UTF-8), or a function given the current bytes
        (``b""`` for a new file) that returns the new bytes; the target's lock is then held
        from the read to the rename.
    check : callable, optional
        Called with the new bytes before the rename; if it raises, nothing is written.

    Raises
    ------
    netgov_kg.errors.InputError
        For a target that may not be replaced (see :func:`atomic_path`).
    Exception
        Whatever ``content`` or ``check`` raise, or an ``OSError``; the target is then
        unchanged.
    """
    from .filelock import locked

    target = resolve_target(path)
    ensure_folder(target.parent, for_file=Path(path))
    with locked(target) if callable(content) else contextlib.nullcontext(target):
        if callable(content):
            new = content(read_target(target))
        elif isinstance(content, str):
            new = content.encode("utf-8")
        else:
            new = content
        if check is not None:
            check(new)
        with atomic_writer(target, "wb") as handle:
            handle.write(new)


def atomic_write_with(path: str | PathLike[str], write: Callable[[Path], object]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it to ``path``.

    For writers that want a file name (matplotlib's ``savefig``, networkx's ``write_graphml``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.txt"
    >>> atomic_write_with(p, lambda t: t.write_text("new"))
    >>> p.read_text()
    'new'
    """
    with atomic_path(path) as tmp:
        write(tmp)


def atomic_write_text(path: str | PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    atomic_write(path, text)


def atomic_write_bytes(path: str | PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    atomic_write(path, data)
