"""Real processes: SIGKILL in the middle of an ingest, and two writers on one store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from explorer.store import Store

# slow: processes started, killed and waited for.
pytestmark = [pytest.mark.usefixtures("nlp_ready"), pytest.mark.slow]

FILES = 30

CHILD = """
import os, sys, time
from explorer.store import Store, StoreError
pause = float(sys.argv[3])
gate = sys.argv[4] if len(sys.argv) > 4 else ""
def progress(done, total, path):
    print(done, flush=True)
    time.sleep(pause)
    deadline = time.monotonic() + 120
    while gate and not os.path.exists(gate) and time.monotonic() < deadline:
        time.sleep(0.01)  # hold the lock until the test opens the gate
try:
    report = Store.open(sys.argv[1]).ingest([sys.argv[2]], progress=progress)
except StoreError as exc:
    print("ERROR", exc, flush=True)
    sys.exit(2)
print("DONE", report.added, report.unchanged, flush=True)
"""


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    cities = ["Paris", "Berlin", "Madrid", "Rome", "Vienna", "Lisbon"]
    for n in range(FILES):
        (folder / f"{n:03}.txt").write_text(
            f"Story number {n}\n\nThe minister of {cities[n % 6]} met John Smith in "
            f"{cities[(n + 1) % 6]} on Monday. He said trade reached ${n + 1} million.\n"
        )
    return folder


def start(db, folder, *, pause=0.0, commit_every=3, lock_timeout=60.0, gate=None):
    env = {
        **os.environ,
        "EXPLORER_COMMIT_EVERY": str(commit_every),
        "EXPLORER_WORKERS": "1",
        "EXPLORER_LOCK_TIMEOUT": str(lock_timeout),
    }
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(folder), str(pause), str(gate or "")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )


def wait_for_line(proc, count):
    for _ in range(count):
        line = proc.stdout.readline()
        if not line:
            break


def assert_consistent(db, folder):
    """The store opens; it holds a prefix of the files, in order, each with all its facts."""
    store = Store.open(db, readonly=True)
    ids = [d.id for d in store.documents()]
    expected = sorted(p.name for p in folder.iterdir())
    assert ids == expected[: len(ids)]
    for summary in store.documents():
        assert len(store.mentions(doc=summary.id)) == summary.mentions
        assert len(store.facts(doc=summary.id)) == summary.facts
        assert len(store.sentences(summary.id)) == summary.sentences > 0
    stats = store.stats()
    assert stats["mentions"] == len(store.mentions())
    assert stats["facts"] == len(store.facts())
    return len(ids)


@pytest.mark.parametrize("kill_after", [1, 4, 11, 23])
def test_sigkill_mid_ingest_leaves_exactly_the_committed_documents(tmp_path, folder, kill_after):
    db = tmp_path / "store.json"
    proc = start(db, folder, pause=0.01)
    wait_for_line(proc, kill_after)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = assert_consistent(db, folder) if db.exists() else 0
    # The lock died with the process; a new ingest completes the rest, nothing duplicated.
    report = Store.open(db).ingest([folder])
    assert (report.added, report.unchanged) == (FILES - stored, stored)
    assert assert_consistent(db, folder) == FILES


def test_two_writers_on_one_store_lose_and_duplicate_nothing(tmp_path, folder):
    db = tmp_path / "store.json"
    first = start(db, folder, pause=0.02)
    wait_for_line(first, 1)
    second = start(db, folder)
    out1, _ = first.communicate(timeout=120)
    out2, _ = second.communicate(timeout=120)
    assert first.returncode == 0 and second.returncode == 0, (out1, out2)
    results = sorted([out1.strip().splitlines()[-1], out2.strip().splitlines()[-1]])
    assert results == sorted([f"DONE {FILES} 0", f"DONE 0 {FILES}"])  # one added, one checked
    assert assert_consistent(db, folder) == FILES


def test_a_second_writer_that_cannot_wait_says_why(tmp_path, folder):
    db = tmp_path / "store.json"
    gate = tmp_path / "gate"
    first = start(db, folder, gate=gate)  # holds the lock until the second has given up
    wait_for_line(first, 1)
    second = start(db, folder, lock_timeout=0.3)
    out2, _ = second.communicate(timeout=120)
    gate.touch()
    first.communicate(timeout=120)
    assert second.returncode == 2
    assert "another explorer is writing to this store" in out2 and str(db) in out2
    assert assert_consistent(db, folder) == FILES


KILL_IN_WRITE = """
import os, signal, sys
import explorer.store.storage as storage
from explorer.store import Store
where = sys.argv[3]
commits = 0
real_replace, real_fdopen = os.replace, os.fdopen

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def replace(src, dst):
    global commits
    if str(dst) == sys.argv[1]:
        commits += 1
        if commits == 2 and where == "before-rename":
            die()
    return real_replace(src, dst)

class Handle:
    def __init__(self, handle):
        self.handle, self.written, self.store = handle, 0, None
    def write(self, chunk):
        if self.store is None:  # a segment file, not the manifest or a sidecar
            self.store = chunk == b'{"documents":'  # a segment's first chunk
        self.written += len(chunk)
        if commits == 1 and where == "mid-write" and self.store and self.written > 2000:
            self.handle.write(chunk[: len(chunk) // 2])
            self.handle.flush()
            die()
        return self.handle.write(chunk)
    def __getattr__(self, name):
        return getattr(self.handle, name)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self.handle.close()

storage.os = type(os)("os_patched")
storage.os.__dict__.update(os.__dict__)
storage.os.replace = replace
storage.os.fdopen = lambda *a, **k: Handle(real_fdopen(*a, **k))
Store.open(sys.argv[1]).ingest([sys.argv[2]])
"""


@pytest.mark.parametrize("where", ["mid-write", "before-rename"])
def test_sigkill_inside_a_commit_keeps_the_previous_commit(tmp_path, folder, where):
    db = tmp_path / "store.json"
    env = {**os.environ, "EXPLORER_COMMIT_EVERY": "5", "EXPLORER_WORKERS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", KILL_IN_WRITE, str(db), str(folder), where],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert assert_consistent(db, folder) == 5  # the first batch, complete
    assert [p.name for p in tmp_path.rglob("*.tmp")]  # the torn write
    report = Store.open(db).ingest([folder])
    assert (report.added, report.unchanged) == (FILES - 5, 5)
    assert assert_consistent(db, folder) == FILES
    assert not [p.name for p in tmp_path.rglob("*.tmp")]
