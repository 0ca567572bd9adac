"""Fault injection: every write, fsync, rename and file creation of a commit (a segment, its
sidecar, the manifest), and of a merge after it, is made to fail in turn (EIO, then ENOSPC);
after each, the store opens, `check` passes, and it holds either the commit before or the
new one, never a part of it, and no temporary or unlisted segment file is left."""

from __future__ import annotations

import errno
import os
import shutil

import orjson
import pytest

import explorer.store.segments as segments
import explorer.store.storage as storage
from explorer.store import Store, StoreError
from explorer.store.check import check_store

pytestmark = pytest.mark.usefixtures("nlp_ready")


class Injected(OSError):
    pass


class Faults:
    """Counts the storage layer's file operations; the one numbered `fail_at` raises."""

    def __init__(self, fail_at: int | None = None, code: int = errno.EIO) -> None:
        self.fail_at, self.code = fail_at, code
        self.ops: list[str] = []

    def hit(self, what: str) -> None:
        self.ops.append(what)
        if len(self.ops) - 1 == self.fail_at:
            raise Injected(self.code, os.strerror(self.code))


class FaultyOS:
    """The `os` module as storage.py sees it, with its commit's operations counted."""

    def __init__(self, faults: Faults) -> None:
        self._faults = faults

    def __getattr__(self, name):
        return getattr(os, name)

    def open(self, path, flags, *args, **kwargs):
        if str(path).endswith(".tmp"):
            self._faults.hit(f"create {os.path.basename(path)}")
        elif os.path.isdir(path):
            self._faults.hit("open folder")
        return os.open(path, flags, *args, **kwargs)

    def fdopen(self, fd, *args, **kwargs):
        return FaultyFile(os.fdopen(fd, *args, **kwargs), self._faults)

    def fsync(self, fd):
        self._faults.hit("fsync")
        return os.fsync(fd)

    def replace(self, src, dst):
        self._faults.hit(f"rename to {os.path.basename(dst)}")
        return os.replace(src, dst)


class FaultyFile:
    def __init__(self, handle, faults: Faults) -> None:
        self._handle, self._faults = handle, faults

    def write(self, chunk):
        self._faults.hit("write")
        return self._handle.write(chunk)

    def flush(self):
        self._faults.hit("flush")
        return self._handle.flush()

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()


def _content(db):
    store = Store.open(db, readonly=True)
    try:
        return (
            [(d.id, d.path, d.mentions, d.facts) for d in store.documents()],
            [(e.name, e.label, e.mentions) for e in store.entities()],
            len(store.facts()),
        )
    finally:
        store.close()


@pytest.fixture(scope="module", params=["commit", "commit+merge"])
def before(request, tmp_path_factory, nlp_ready):
    """A committed store, a change to commit, and the content before and after it; with
    "commit+merge", the commit passes the bound on segments, so a merge follows it."""
    from tests.store.test_check import _write_corpus

    root = tmp_path_factory.mktemp("faults")
    corpus = _write_corpus(root)
    db = root / "store.json"
    Store.open(db).ingest([corpus])
    saved = root / "saved"
    saved.mkdir()
    for item in root.iterdir():
        if item.name.startswith(db.name):
            _copy(item, saved / item.name)
    (corpus / "new.txt").write_text("Fresh news\n\nRome and Madrid signed a deal in Paris.\n")
    old = _content(db)
    probe = root / "probe" / "store.json"
    _restore(saved, probe)
    faults = Faults()
    merge = request.param == "commit+merge"
    _run(probe, corpus, faults, merge=merge)
    new = _content(probe)
    assert new != old
    segments = orjson.loads(probe.read_bytes())["segments"]
    assert len(segments) == (1 if merge else 2)
    return {
        "corpus": corpus,
        "saved": saved,
        "old": old,
        "new": new,
        "ops": faults.ops,
        "merge": merge,
    }


def _copy(item, target):
    if item.is_dir():
        shutil.copytree(item, target)
    else:
        shutil.copy2(item, target)


def _restore(saved, db):
    if db.parent.exists():
        shutil.rmtree(db.parent)
    db.parent.mkdir(parents=True)
    for item in saved.iterdir():
        _copy(item, db.parent / item.name)


def _run(db, corpus, faults, *, merge=False):
    real = storage.os
    storage.os = FaultyOS(faults)
    bound = segments.MAX_SEGMENTS, segments.MERGE_WIDTH
    if merge:
        segments.MAX_SEGMENTS, segments.MERGE_WIDTH = 1, 2
    try:
        Store.open(db).ingest([corpus])
    finally:
        storage.os = real
        segments.MAX_SEGMENTS, segments.MERGE_WIDTH = bound


def test_a_commit_goes_through_every_kind_of_step(before):
    ops = before["ops"]
    renames = [op for op in ops if op.startswith("rename to ")]
    for kind in ("create", "write", "fsync"):
        assert any(op.startswith(kind) for op in ops), ops
    # A segment, its sidecar, keys, files and postings, the entity totals, then the manifest
    # (the commit point); a merge writes a segment and its four derived files, then the
    # manifest.
    kinds = [
        "manifest"
        if op == "rename to store.json"
        else "totals"
        if "aggregates-" in op
        else op.rsplit(".", 1)[-1]
        for op in renames
    ]
    commit = ["json", "idx", "keys", "files", "post", "totals", "manifest"]
    merge = ["json", "idx", "keys", "files", "post", "manifest"]
    assert kinds == (commit + merge if before["merge"] else commit), renames
    assert renames[-1] == "rename to store.json"


@pytest.mark.parametrize("code", [errno.EIO, errno.ENOSPC], ids=["EIO", "ENOSPC"])
def test_every_step_of_a_commit_failing_leaves_the_old_or_the_new_store(before, tmp_path, code):
    ops = before["ops"]
    outcomes = []
    for step in range(len(ops)):
        db = tmp_path / f"step{step}" / "store.json"
        _restore(before["saved"], db)
        try:
            _run(db, before["corpus"], Faults(step, code))
            failed = None
        except StoreError as exc:
            failed = str(exc)
            assert "\n" not in failed and str(db) in failed
            if code == errno.ENOSPC:
                assert "disk is full" in failed
        content = _content(db)  # it opens
        assert content in (before["old"], before["new"]), (step, ops[step])
        if failed:
            assert content == before["old"], (step, ops[step])
        report = check_store(db)
        assert report.ok, (step, ops[step], [p.line() for p in report.problems])
        assert not [p for p in db.parent.rglob("*.tmp")]
        outcomes.append(content == before["new"])
    # The primary store's steps fail the commit; the derived files' only cost a re-read.
    assert not all(outcomes) and any(outcomes)
