"""A segment's file hashes live in their own derived file (`.files`), read when a writer needs
them, not when a reader lists the documents; a store whose sidecars still hold them (written
before) opens and takes commits as it did; a lost or garbled `.files` is read from the
segment itself, never guessed."""

from __future__ import annotations

import shutil

import orjson
import pytest

from explorer.store import Store, tinydb
from explorer.store.storage import seal, unseal

pytestmark = pytest.mark.usefixtures("nlp_ready")


def _folder(db):
    return db.with_name(db.name + ".segments")


def _tables(db):
    """Every table as TinyDB reads it through explorer.store.tinydb."""
    handle = tinydb(db)
    return {name: handle.table(name).all() for name in sorted(handle.tables()) if name != "meta"}


def _as_written_before(db):
    """Rewrite each segment's derived files as the previous layout had them: the files'
    hashes inside the sidecar (format 1), no `.files`."""
    for files_file in sorted(_folder(db).glob("*.files")):
        side_file = files_file.with_name(files_file.name[: -len(".files")] + ".idx")
        side = orjson.loads(unseal(side_file.read_bytes()))
        side["format"] = 1
        side["files"] = orjson.loads(unseal(files_file.read_bytes()))["files"]
        side_file.write_bytes(seal(orjson.dumps(side)))
        files_file.unlink()


def test_listing_the_documents_reads_no_file_hashes(tmp_path, corpus, monkeypatch):
    db = tmp_path / "store.json"
    Store.open(db).ingest([corpus])
    read: list = []
    import explorer.store.snapshot as snapshot

    monkeypatch.setattr(snapshot, "segment_files_of", _counting(snapshot.segment_files_of, read))
    with Store.open(db, readonly=True) as store:
        assert len(store.documents()) == 5
        assert store.document(store.documents()[0].id).text
    assert read == []
    with Store.open(db) as store:  # a writer compares them at its first ingest
        assert store.ingest([corpus]).unchanged
    assert read


def _counting(fn, calls):
    def counted(*args):
        calls.append(args)
        return fn(*args)

    return counted


def test_a_store_written_before_opens_and_takes_commits_the_same(tmp_path, corpus):
    db = tmp_path / "now" / "store.json"
    old = tmp_path / "before" / "store.json"
    Store.open(db).ingest([corpus])
    shutil.copytree(db.parent, old.parent)
    _as_written_before(old)
    assert not list(_folder(old).glob("*.files"))
    assert _tables(old) == _tables(db)
    with Store.open(old, readonly=True) as a, Store.open(db, readonly=True) as b:
        assert a.documents() == b.documents()
        assert a.document_hashes() == b.document_hashes()
    (corpus / "world" / "new.txt").write_text("Rome and Madrid signed a deal in Paris.\n")
    for store_path in (db, old):
        report = Store.open(store_path).ingest([corpus])
        assert (report.added, report.unchanged) == (1, 5)
    assert _tables(old) == _tables(db)


@pytest.mark.parametrize("damage", ["missing", "garbled"])
def test_a_lost_files_file_is_read_from_the_segment(tmp_path, corpus, damage):
    db = tmp_path / "store.json"
    Store.open(db).ingest([corpus])
    with Store.open(db, readonly=True) as store:
        want = dict(store._snap.files)
    (files_file,) = _folder(db).glob("*.files")
    if damage == "missing":
        files_file.unlink()
    else:
        files_file.write_bytes(files_file.read_bytes().replace(b'"files":{"', b'"files":{"X', 1))
    with Store.open(db, readonly=True) as store:
        assert store._snap.files == want
    assert not Store.open(db).ingest([corpus]).added  # every file still known unchanged
