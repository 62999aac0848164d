r"""Write files atomically: all of the new content, or the old file untouched.

Every writer of the project (exports, reports, network files and plots, added cases) goes
through :func:`atomic_path`: the content is written to a temporary file in the target's own
folder, flushed, given the old file's mode (or the umask's default for a new file), and only then
renamed over the target with :func:`os.replace`, which is atomic on POSIX and Windows. If
anything fails before the rename, the temporary file is removed and the target stays byte for
byte as it was.

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
>>> sorted(p.name for p in target.parent.iterdir())  # no temporary file left behind
['extra.ttl']
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from os import PathLike
from pathlib import Path
from typing import IO, Any

Content = str | bytes | Callable[[bytes], bytes]


def _default_mode() -> int:
    """Return the mode a new file gets from the process's umask (mkstemp uses 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_path(path: str | PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it onto ``path``.

    The parent folder is created if needed. If the block raises, the temporary file is removed
    and ``path`` is left as it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.txt"
    >>> with atomic_path(p) as tmp:
    ...     _ = tmp.write_text("new")
    >>> p.read_text()
    'new'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _default_mode()
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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
        (``b""`` for a new file) that returns the new bytes.
    check : callable, optional
        Called with the new bytes before the rename; if it raises, nothing is written.

    Raises
    ------
    Exception
        Whatever ``content`` or ``check`` raise, or an ``OSError``; the target is then
        unchanged.
    """
    target = Path(path)
    old = target.read_bytes() if target.exists() else b""
    if callable(content):
        new = content(old)
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
