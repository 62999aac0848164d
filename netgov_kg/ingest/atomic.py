r"""Write a file atomically: all of the new content, or the old file untouched.

The content goes to a temporary file in the target's own folder, is flushed to disk, and only
then renamed over the target with :func:`os.replace` (atomic on POSIX and Windows). If anything
fails before the rename, the temporary file is removed and the target stays byte for byte as
it was.

Examples
--------
>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "extra.ttl"
>>> atomic_write(target, "# one\n")
>>> atomic_write(target, lambda old: old + b"# two\n")
>>> target.read_text()
'# one\n# two\n'
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
from collections.abc import Callable
from pathlib import Path

Content = str | bytes | Callable[[bytes], bytes]


def atomic_write(
    path: Path | str,
    content: Content,
    *,
    check: Callable[[bytes], None] | None = None,
) -> None:
    """Replace ``path`` with new content, atomically.

    Parameters
    ----------
    path : path
        The target file; its folder must exist. It need not exist itself.
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
    path = Path(path)
    old = path.read_bytes() if path.exists() else b""
    if callable(content):
        new = content(old)
    elif isinstance(content, str):
        new = content.encode("utf-8")
    else:
        new = content
    if check is not None:
        check(new)
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _default_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _default_mode() -> int:
    """Return the mode a new file gets from the process's umask (mkstemp uses 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
