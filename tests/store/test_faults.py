"""Faults: a damaged, newer or read-only store, a full disk, a second writer, bad files."""

from __future__ import annotations

import errno
import os

import orjson
import pytest

import explorer.store.storage as storage
from explorer.store import Store, StoreError, StoreLock

pytestmark = pytest.mark.usefixtures("nlp_ready")


@pytest.fixture
def stored(tmp_path, corpus):
    db = tmp_path / "store.json"
    Store.open(db).ingest([corpus])
    return db


def _damage(db, data: bytes) -> None:
    db.write_bytes(data)
    db.with_name(db.name + ".idx").unlink(missing_ok=True)


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda raw: raw[: len(raw) // 2], "damaged"),
        (lambda raw: b"this is not json", "damaged"),
        (lambda raw: b"[1, 2, 3]", "not an explorer store"),
    ],
)
def test_damaged_store_is_a_clear_error_and_is_never_overwritten(stored, corpus, damage, reason):
    broken = damage(stored.read_bytes())
    _damage(stored, broken)
    for readonly in (True, False):
        with pytest.raises(StoreError) as caught:
            Store.open(stored, readonly=readonly)
        message = str(caught.value)
        assert str(stored) in message and reason in message and "\n" not in message
    assert stored.read_bytes() == broken


def test_truncation_is_detected_even_with_a_sidecar_present(stored):
    raw = stored.read_bytes()
    stored.write_bytes(raw[:-10])  # the sidecar no longer matches the file
    with pytest.raises(StoreError, match="damaged"):
        Store.open(stored)
    assert stored.read_bytes() == raw[:-10]


def test_store_of_a_newer_schema_is_refused_with_what_to_do(stored):
    data = orjson.loads(stored.read_bytes())
    data["meta"]["1"]["schema"] = 99
    _damage(stored, orjson.dumps(data))
    with pytest.raises(StoreError, match=r"newer explorer \(store schema 99.*upgrade"):
        Store.open(stored, readonly=True)


def test_read_only_store_file(stored, corpus):
    os.chmod(stored, 0o444)
    try:
        with pytest.raises(StoreError, match=r"read-only.*chmod u\+w"):
            Store.open(stored)
        assert Store.open(stored, readonly=True).stats()["documents"] == 5  # reading works
    finally:
        os.chmod(stored, 0o644)


def test_disk_full_during_a_write_leaves_the_previous_store_intact(stored, corpus, monkeypatch):
    before = stored.read_bytes()
    documents = Store.open(stored, readonly=True).documents()
    (corpus / "new.txt").write_text("Fresh news\n\nRome and Madrid signed a deal.\n")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle, self.written = handle, 0

        def write(self, chunk):
            self.written += len(chunk)
            if self.written > 1000:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.handle.write(chunk)

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    monkeypatch.setattr(storage.os, "fdopen", lambda *a, **k: FullDisk(real_fdopen(*a, **k)))
    store = Store.open(stored)
    with pytest.raises(StoreError, match=r"disk is full.*left as it was"):
        store.ingest([corpus])
    monkeypatch.undo()
    assert stored.read_bytes() == before
    assert Store.open(stored).documents() == documents
    assert not [p for p in stored.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_second_writer_waits_then_fails_clearly(stored, corpus):
    holder = StoreLock(stored.with_name(stored.name + ".lock"))
    holder.acquire()
    try:
        store = Store.open(stored)
        store.lock_timeout = 0.2
        with pytest.raises(StoreError, match="another explorer is writing to this store"):
            store.ingest([corpus])
    finally:
        holder.release()
    assert Store.open(stored).ingest([corpus]).unchanged == 5  # free again


def test_bad_files_are_reported_and_the_rest_ingested(tmp_path, corpus, monkeypatch):
    import explorer.ingest.files as files_module

    (corpus / "empty.txt").write_bytes(b"")
    secret = corpus / "secret.txt"
    secret.write_text("Secret\n\nhidden")
    real_open = os.open

    def guarded(file, *args, **kwargs):  # tests run as root: simulate a permission denial
        if str(file) == str(secret.resolve()):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(files_module.os, "open", guarded)
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(256))
    (corpus / "huge.txt").write_bytes(b"big words " * 2000)
    (corpus / "zz-gone.txt").write_text("Gone\n\nsoon")
    store = Store.open(tmp_path / "s.json")
    store.max_bytes = 10_000

    def vanish(done, total, path):
        if path.name == "talks.md":  # the next file in order disappears
            (corpus / "zz-gone.txt").unlink()

    report = store.ingest([corpus], progress=vanish)
    reasons = {os.path.basename(f.path): f.message for f in report.failed}
    assert set(reasons) == {"empty.txt", "image.txt", "huge.txt", "secret.txt", "zz-gone.txt"}
    assert reasons["secret.txt"] == "cannot read it: permission denied"
    assert reasons["zz-gone.txt"] == "vanished before it could be read"
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["image.txt"]
    assert "too large" in reasons["huge.txt"]
    assert report.added == 5 and len(store.documents()) == 5


def test_a_file_that_vanishes_during_ingest(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"Story {n}\n\nLondon news {n}.\n")
    store = Store.open(tmp_path / "s.json")

    def progress(done, total, path):
        if done == 1:
            (folder / "1.txt").unlink()

    report = store.ingest([folder], progress=progress)
    assert [(os.path.basename(f.path), f.message) for f in report.failed] == [
        ("1.txt", "vanished before it could be read")
    ]
    assert sorted(d.id for d in store.documents()) == ["0.txt", "2.txt"]


def test_another_programs_json_file_is_never_written_into(tmp_path, corpus):
    other = tmp_path / "settings.json"
    other.write_bytes(b'{"_default": {"1": {"theme": "dark"}}}')
    before = other.read_bytes()
    for readonly in (True, False):
        with pytest.raises(StoreError, match="not an explorer store"):
            Store.open(other, readonly=readonly).ingest([corpus])
    assert other.read_bytes() == before
    empty_tinydb = tmp_path / "fresh.json"
    empty_tinydb.write_bytes(b'{"_default": {}}')  # what TinyDB writes for a new database
    assert Store.open(empty_tinydb).ingest([corpus]).added == 5
