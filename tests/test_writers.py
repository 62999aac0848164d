"""What the one atomic writer may replace, and what it leaves behind (issue 11, items 7 and 15).

Every writer of the project goes through ``netgov_kg.atomic``; these tests drive it directly and
through the writers that use it (exports, tables, query results, network files, added cases).
They run as root on the CI machine: a read-only file or folder must be refused even then.
"""

import os
import signal
import stat
import subprocess
import sys
import threading
import time

import networkx as nx
import pytest

from netgov_kg import atomic
from netgov_kg.atomic import atomic_path, atomic_write
from netgov_kg.cli import main
from netgov_kg.errors import InputError
from netgov_kg.network.io import write_graph


def _writers(kg):
    """Each public writer, as a function of the target path."""
    return {
        "atomic_write": lambda p: atomic_write(p, "x\n"),
        "export": lambda p: kg.export(p, format="nt"),
        "results": lambda p: kg.run("class-counts").to_csv(p),
        "network": lambda p: write_graph(nx.path_graph(3), p, format="csv"),
    }


WRITERS = ["atomic_write", "export", "results", "network"]


@pytest.mark.parametrize("writer", WRITERS)
def test_a_symlink_is_followed_and_stays_a_link(kg, tmp_path, writer):
    real = tmp_path / "real.txt"
    real.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    _writers(kg)[writer](link)
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert real.read_text() != "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_a_dangling_symlink_creates_the_file_it_points_to(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    atomic_write(link, "new")
    assert link.is_symlink() and (tmp_path / "real.txt").read_text() == "new"


@pytest.mark.parametrize("writer", WRITERS)
def test_a_fifo_is_refused_without_being_opened(kg, tmp_path, writer):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="named pipe.*not a regular file") as err:
        _writers(kg)[writer](fifo)  # opening the FIFO to read it would hang here
    assert str(fifo) in str(err.value)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.txt"]


@pytest.mark.parametrize("writer", WRITERS)
def test_a_folder_is_refused(kg, tmp_path, writer):
    folder = tmp_path / "out.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="a folder, not a regular file"):
        _writers(kg)[writer](folder)
    assert folder.is_dir() and not any(folder.iterdir())


def test_a_symlink_to_a_device_is_refused(tmp_path):
    link = tmp_path / "null.ttl"
    link.symlink_to(os.devnull)
    with pytest.raises(InputError, match="character device.*points to /dev/null"):
        atomic_write(link, "x")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_read_only_file_is_refused_even_for_root(kg, tmp_path, writer):
    target = tmp_path / "keep.txt"
    target.write_text("keep\n")
    target.chmod(0o444)
    with pytest.raises(InputError, match=r"read-only \(mode 444"):
        _writers(kg)[writer](target)
    assert target.read_text() == "keep\n" and stat.S_IMODE(target.stat().st_mode) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


@pytest.mark.parametrize("writer", WRITERS)
def test_a_read_only_folder_is_refused_even_for_root(kg, tmp_path, writer):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(InputError, match=r"folder .*ro is read-only \(mode 555\)"):
            _writers(kg)[writer](folder / "new.txt")
        with pytest.raises(InputError, match="read-only"):  # nor a folder made inside it
            _writers(kg)[writer](folder / "sub" / "new.txt")
        assert not any(folder.iterdir())
    finally:
        folder.chmod(0o755)


def test_a_file_in_place_of_a_folder_is_refused(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(InputError, match="is a file, not a folder"):
        atomic_write(tmp_path / "f" / "sub" / "new.txt", "y")


def test_the_mode_is_kept_through_a_link(tmp_path):
    real = tmp_path / "real.ttl"
    real.write_text("old")
    real.chmod(0o600)
    (tmp_path / "link.ttl").symlink_to(real)
    atomic_write(tmp_path / "link.ttl", "new")
    assert real.read_text() == "new" and stat.S_IMODE(real.stat().st_mode) == 0o600


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_the_owner_is_kept_when_root_replaces_a_file(tmp_path):
    target = tmp_path / "theirs.ttl"
    target.write_text("old")
    os.chown(target, 4321, 4321)
    atomic_write(target, "new")
    st = target.stat()
    assert target.read_text() == "new" and (st.st_uid, st.st_gid) == (4321, 4321)


def test_no_temporary_file_is_left_when_a_writer_fails(tmp_path, monkeypatch):
    import networkx

    target = tmp_path / "g.graphml"
    target.write_text("old")

    def half_then_fail(G, path, **kw):
        path.write_text("<graphml half")
        raise ValueError("disk on fire")

    monkeypatch.setattr(networkx, "write_graphml", half_then_fail)
    with pytest.raises(InputError, match="disk on fire"):
        write_graph(nx.path_graph(2), target)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.graphml"]


def test_a_failed_rename_is_a_clear_error_and_leaves_nothing(tmp_path, monkeypatch):
    target = tmp_path / "t.ttl"
    target.write_text("keep")

    def full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(InputError, match="No space left on device"):
        atomic_write(target, "new")
    assert target.read_text() == "keep" and os.listdir(tmp_path) == ["t.ttl"]


def test_a_system_error_making_the_temporary_file_is_clear(tmp_path, monkeypatch):
    import tempfile

    def rofs(*a, **kw):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", rofs)
    with pytest.raises(InputError, match="t.ttl: cannot write the file .Read-only file system"):
        atomic_write(tmp_path / "t.ttl", "new")


# -- temporary files of a killed writer --------------------------------------------------------

KILLED = """
import os, signal, sys
from netgov_kg.atomic import atomic_path
with atomic_path(sys.argv[1]) as tmp:
    tmp.write_text("half")
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_killed_writers_temporary_file_is_swept_by_the_next_write(tmp_path):
    target = tmp_path / "t.ttl"
    target.write_text("old")
    done = subprocess.run([sys.executable, "-c", KILLED, str(target)], check=False)
    assert done.returncode == -signal.SIGKILL
    left = [p.name for p in tmp_path.iterdir() if p.name != "t.ttl"]
    assert len(left) == 1 and left[0].startswith(".t.ttl.") and left[0].endswith(".tmp")
    assert target.read_text() == "old"
    atomic_write(target, "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.ttl"]


def test_old_temporary_files_are_swept_but_a_live_writers_fresh_one_is_kept(tmp_path):
    target = tmp_path / "t.ttl"
    live = os.getppid()  # a process that runs (our parent), not us
    fresh = tmp_path / f".t.ttl.{live}.abcdefgh.tmp"
    old = tmp_path / f".t.ttl.{live}.ijklmnop.tmp"
    legacy = tmp_path / ".t.ttl.qrstuvwx.tmp"  # the name before the pid was in it
    other = tmp_path / f".t.ttl.bak.{live}.abcdefgh.tmp"  # another target's
    for path in (fresh, old, legacy, other):
        path.write_text("half")
    past = time.time() - atomic.STALE_AFTER - 5
    for path in (old, legacy, other):
        os.utime(path, (past, past))
    removed = atomic.sweep_stale(target)
    assert sorted(p.name for p in removed) == sorted([old.name, legacy.name])
    assert fresh.exists() and other.exists()


def test_this_processes_temporary_file_in_use_is_not_swept(tmp_path):
    target = tmp_path / "t.ttl"
    with atomic_path(target) as tmp:
        tmp.write_text("half")
        assert atomic.sweep_stale(target) == [] and tmp.exists()
    assert target.read_text() == "half"


# -- the lock ----------------------------------------------------------------------------------

def test_the_lock_is_reentrant_and_leaves_no_file(tmp_path):
    from netgov_kg.filelock import lock_path, locked

    target = tmp_path / "t.ttl"
    with locked(target):
        with locked(target):
            assert lock_path(target).exists()
        assert lock_path(target).exists()
    assert not lock_path(target).exists()


def test_read_modify_writes_in_threads_lose_nothing(tmp_path):
    target = tmp_path / "t.txt"
    target.write_bytes(b"")

    def appender(line):
        return lambda old: old + line

    def add_line(i):
        for j in range(20):
            atomic_write(target, appender(f"{i}-{j}\n".encode()))

    threads = [threading.Thread(target=add_line, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(target.read_text().split()) == sorted(
        f"{i}-{j}" for i in range(4) for j in range(20))
    assert os.listdir(tmp_path) == ["t.txt"]


def test_a_held_lock_times_out_with_a_clear_error(tmp_path):
    from netgov_kg.filelock import locked

    target = tmp_path / "t.ttl"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from netgov_kg.filelock import locked\n"
         "with locked(sys.argv[1]):\n print('held', flush=True); time.sleep(30)", str(target)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(InputError, match="another process has held the lock"):
            with locked(target, timeout=0.2):
                pass
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_left_by_a_killed_process_does_not_block(tmp_path):
    from netgov_kg.filelock import lock_path, locked

    target = tmp_path / "t.ttl"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from netgov_kg.filelock import locked\n"
         "with locked(sys.argv[1]):\n print('held', flush=True); time.sleep(30)", str(target)],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    holder.kill()
    holder.wait()
    assert lock_path(target).exists()  # left behind, but no longer locked
    with locked(target, timeout=5):
        pass
    assert not lock_path(target).exists()


# -- the command line: clear errors, exit 2, no traceback --------------------------------------

def _run(capsys, *argv):
    code = main(list(argv))
    return code, capsys.readouterr().err


def _null_device(folder):
    """A character device node like /dev/null (1, 3) in ``folder``, or skip without the right.

    A device of our own: if the refusal ever broke, only this node would be replaced, never
    the system's /dev/null.
    """
    node = folder / "null.ttl"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs CAP_MKNOD")
    return node


def test_add_into_a_device_node_is_refused_and_the_node_stays(capsys, repo_root, tmp_path):
    node = _null_device(tmp_path)
    before = os.stat(node)
    code, err = _run(capsys, "add", str(repo_root / "templates" / "case-template.yaml"),
                     "--into", str(node))
    assert code == 2 and "null.ttl: a character device, not a regular file" in err
    after = os.stat(node)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null.ttl"]


def test_export_onto_a_device_node_is_refused(capsys, tmp_path):
    node = _null_device(tmp_path)
    code, err = _run(capsys, "export", str(node), "--format", "nt")
    assert code == 2 and "a character device, not a regular file" in err
    assert stat.S_ISCHR(os.stat(node).st_mode)


def test_add_into_a_read_only_folder_is_a_clear_error(capsys, repo_root, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, err = _run(capsys, "add", str(repo_root / "templates" / "case-template.yaml"),
                         "--into", str(folder / "extra.ttl"))
    finally:
        folder.chmod(0o755)
    assert code == 2 and "read-only" in err and "Traceback" not in err
    assert not any(folder.iterdir())


def test_export_into_a_read_only_folder_is_a_clear_error(capsys, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, err = _run(capsys, "export", str(folder / "kg.ttl"))
    finally:
        folder.chmod(0o755)
    assert code == 2 and f"the folder {folder} is read-only" in err


def test_export_zip_onto_a_folder_is_a_clear_error(capsys, tmp_path):
    (tmp_path / "tables.zip").mkdir()
    code, err = _run(capsys, "export", str(tmp_path / "tables.zip"))
    assert code == 2 and "tables.zip: a folder, not a regular file" in err
    assert not any((tmp_path / "tables.zip").iterdir())


def test_report_onto_an_existing_file_is_a_clear_error(capsys, tmp_path):
    out = tmp_path / "report"
    out.write_text("mine")
    code, err = _run(capsys, "report", "--out", str(out))
    assert code == 2 and "is a file, not a folder" in err
    assert out.read_text() == "mine"
