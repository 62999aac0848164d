"""Start a throw-away Virtuoso Open Source server on loopback (for tests and benchmarks).

It runs from its own ``virtuoso.ini`` and database directory on free ports, lets the anonymous
``/sparql`` endpoint update (``GRANT SPARQL_UPDATE TO "SPARQL"`` through ``isql-vt``) and raises
``ResultSetMaxRows`` so that large result sets are not silently cut at 10,000 rows. Never point
this at a server you care about: it is meant for data you can lose.

Needs Debian's ``virtuoso-opensource`` package (``virtuoso-t`` and ``isql-vt``).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

from ..errors import StoreError

_INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{sql_port}
LiteMode                 = 0
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
CheckpointAuditTrail     = 0
AllowOSCalls             = 0
SchedulerInterval        = 10
DirsAllowed              = ., {db}
ThreadCleanupInterval    = 0
ThreadThreshold          = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize        = 100000
SingleCPU                = 0
PrefixResultNames        = 0
RdfFreeTextRulesSize     = 100
IndexTreeMaps            = 64
MaxQueryMem              = 1G
VectorSize               = 1000
MaxVectorSize            = 1000000
AdjustVectorSize         = 0
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 10
NumberOfBuffers          = {buffers}
MaxDirtyBuffers          = {dirty}

[HTTPServer]
ServerPort                  = 127.0.0.1:{http_port}
ServerRoot                  = {db}
MaxClientConnections        = 10
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
TempASPXDir                 = 0
ServerThreads               = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
EnabledGzipContent          = 0

[SPARQL]
ResultSetMaxRows           = 100000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 0
MaxConstructTriples        = 100000000
DefaultGraph               = http://localhost/none
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def available() -> bool:
    """Return whether ``virtuoso-t`` and ``isql-vt`` are installed."""
    return bool(shutil.which("virtuoso-t") and shutil.which("isql-vt"))


@dataclass
class VirtuosoServer:
    """A running throw-away Virtuoso; use as a context manager, or call :meth:`stop`.

    Attributes
    ----------
    url : str
        The SPARQL endpoint, ``http://127.0.0.1:PORT/sparql``.
    folder : Path
        The database directory (removed by :meth:`stop`).
    """

    folder: Path
    sql_port: int
    http_port: int
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The SPARQL endpoint's URL."""
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def isql(self, statement: str) -> str:
        """Run one SQL statement as ``dba`` through ``isql-vt``; return its output."""
        done = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statement}"],
            capture_output=True, text=True, timeout=60, check=False,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise StoreError(f"isql-vt failed on {statement!r}: {done.stdout}{done.stderr}")
        return done.stdout

    def stop(self) -> None:
        """Stop the server and remove its database directory."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def log(self) -> str:
        """Return the server's log (for error messages)."""
        path = self.folder / "virtuoso.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def __enter__(self) -> VirtuosoServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_virtuoso(*, buffers: int = 20000, timeout: float = 60) -> VirtuosoServer:
    """Start Virtuoso on free loopback ports with a fresh database; wait until it answers.

    Parameters
    ----------
    buffers : int
        ``NumberOfBuffers`` (8 kB pages kept in memory); 20,000 is about 160 MB.
    timeout : float
        Seconds to wait for the server to answer.

    Returns
    -------
    VirtuosoServer
        The running server, whose anonymous ``/sparql`` endpoint accepts updates.

    Raises
    ------
    StoreError
        If Virtuoso is not installed or does not come up in time.
    """
    if not available():
        raise StoreError("Virtuoso is not installed: apt-get install virtuoso-opensource")
    folder = Path(tempfile.mkdtemp(prefix="netgov-virtuoso-"))
    server = VirtuosoServer(folder, _free_port(), _free_port())
    (folder / "virtuoso.ini").write_text(_INI.format(
        db=folder, sql_port=server.sql_port, http_port=server.http_port,
        buffers=buffers, dirty=buffers * 3 // 4,
    ))
    server.process = subprocess.Popen(
        ["virtuoso-t", "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout
    while True:
        if server.process.poll() is not None:
            log = server.log()[-2000:]
            server.stop()
            raise StoreError(f"Virtuoso exited at start:\n{log}")
        try:
            with urlopen(server.url + "?query=ASK%7B%7D", timeout=2):  # noqa: S310 - loopback
                break
        except (URLError, OSError):
            if time.monotonic() > deadline:
                log = server.log()[-2000:]
                server.stop()
                raise StoreError(f"Virtuoso did not answer within {timeout} s:\n{log}") from None
            time.sleep(0.2)
    try:
        server.isql('GRANT SPARQL_UPDATE TO "SPARQL";')
    except StoreError:
        server.stop()
        raise
    return server
