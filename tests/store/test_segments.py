"""The store as segments: a commit writes what changed, merges keep the count bounded and the
content the same, a reader keeps the version it opened, a single-file store is migrated
(with a backup) at its first write and read as it is until then."""

from __future__ import annotations

import orjson
import pytest

import explorer.store.segments as segments
from explorer.store import Store, tinydb

pytestmark = pytest.mark.usefixtures("nlp_ready")


def _manifest(db):
    return orjson.loads(db.read_bytes())


def _segment_files(db):
    """The segments' files (each with its sidecar, keys and files); the entity totals have one
    file, the manifest's, checked apart."""
    folder = db.with_name(db.name + ".segments")
    if not folder.exists():
        return []
    names = sorted(p.name for p in folder.iterdir())
    totals = [n for n in names if n.startswith("aggregates-")]
    assert totals == [_manifest(db)["meta"]["1"]["aggregates"]], names
    return [n for n in names if n not in totals]


def _content(db, *, ordered=True):
    """What a reader sees; without `ordered`, regardless of the order documents came in."""
    arrange = list if ordered else lambda items: sorted(items, key=repr)
    with Store.open(db, readonly=True) as store:
        return (
            arrange([(d.id, d.title, d.path, d.mentions, d.facts) for d in store.documents()]),
            arrange([m.to_dict() for m in store.mentions()]),
            arrange([f.to_dict() for f in store.facts()]),
            [(e.key, e.mentions, e.documents, e.aliases) for e in store.entities()],
            sorted(store.document_hashes().items()),
        )


def _tables(db):
    database = tinydb(db)
    out = {name: database.table(name).all() for name in ("documents", "mentions", "facts", "files")}
    out["entities"] = [
        {k: v for k, v in e.items() if k != "group_documents"}
        for e in database.table("entities").all()
    ]
    return out


def _story(corpus, name, text):
    (corpus / name).write_text(f"{name}\n\n{text}\n", encoding="utf-8")


def test_a_one_document_commit_writes_a_segment_of_that_document(tmp_path, corpus):
    db = tmp_path / "store.json"
    Store.open(db).ingest([corpus])
    first = _manifest(db)["segments"]["1"]
    _story(corpus, "new.txt", "Rome and Madrid signed a deal in Paris.")
    report = Store.open(db).ingest([corpus])
    assert (report.added, report.unchanged) == (1, 5)
    manifest = _manifest(db)
    assert len(manifest["segments"]) == 2
    assert manifest["segments"]["1"] == first  # the first segment is not rewritten
    added = manifest["segments"]["2"]
    assert added["documents"] == 1 and added["size"] < first["size"] / 2
    segment = orjson.loads((db.with_name(db.name + ".segments") / added["file"]).read_bytes())
    assert [d["id"] for d in segment["documents"].values()] == ["new.txt"]
    assert {m["doc"] for m in segment["mentions"].values()} == {"new.txt"}


def test_changes_across_segments_read_as_one_store_would(tmp_path, corpus):
    db = tmp_path / "store.json"
    Store.open(db).ingest([corpus])
    _story(corpus, "new.txt", "Rome and Madrid signed a deal in Paris.")
    Store.open(db).ingest([corpus])
    _story(corpus, "business.txt", "Angela Merkel visited Berlin on Monday.")
    Store.open(db).ingest([corpus])
    (corpus / "world" / "talks.md").unlink()
    Store.open(db).ingest([corpus], prune=True)
    assert len(_manifest(db)["segments"]) == 4
    # The same files ingested at once, into a new store.
    fresh = tmp_path / "fresh.json"
    Store.open(fresh).ingest([corpus])
    assert _content(db, ordered=False) == _content(fresh, ordered=False)
    # A full merge gives one segment with the same content.
    before = _content(db)
    tables = _tables(db)
    with Store.open(db) as store:
        store.compact()
    assert len(_manifest(db)["segments"]) == 1
    assert _content(db) == before and _tables(db) == tables
    assert len(_segment_files(db)) == 5  # the segment, sidecar, keys, files, postings; no more


def test_merges_keep_the_number_of_segments_bounded(tmp_path, corpus, monkeypatch):
    monkeypatch.setattr(segments, "MAX_SEGMENTS", 3)
    monkeypatch.setattr(segments, "MERGE_WIDTH", 2)
    db = tmp_path / "store.json"
    Store.open(db).ingest([corpus])
    for n in range(6):
        _story(corpus, f"new{n}.txt", f"Rome and Madrid signed deal number {n} in Paris.")
        Store.open(db).ingest([corpus])
        assert len(_manifest(db)["segments"]) <= 3
    fresh = tmp_path / "fresh.json"
    Store.open(fresh).ingest([corpus])
    assert _content(db, ordered=False) == _content(fresh, ordered=False)
    assert len(_segment_files(db)) == 5 * len(_manifest(db)["segments"])


def test_an_ingest_in_many_batches_ends_as_one_segment(tmp_path, corpus, monkeypatch):
    monkeypatch.setenv("EXPLORER_COMMIT_EVERY", "1")
    monkeypatch.setenv("EXPLORER_WORKERS", "1")
    db = tmp_path / "store.json"
    Store.open(db).ingest([corpus])
    assert len(_manifest(db)["segments"]) == 1
    assert _manifest(db)["segments"]["1"]["documents"] == 5
    monkeypatch.delenv("EXPLORER_COMMIT_EVERY")
    fresh = tmp_path / "fresh.json"
    Store.open(fresh).ingest([corpus])
    assert _content(db) == _content(fresh)


def test_a_long_ingest_leaves_room_for_the_next_one_file_commits(tmp_path, corpus, monkeypatch):
    # Files added one ingest at a time fill the store to its bound; then an ingest in many
    # batches (each a commit, merges among them). The next one-file ingests must only add
    # their segment, not merge what the long ingest left (a commit of one document merged
    # 504 MB at 191,232 documents).
    monkeypatch.setattr(segments, "MAX_SEGMENTS", 4)
    monkeypatch.setattr(segments, "MERGE_WIDTH", 2)
    monkeypatch.setenv("EXPLORER_WORKERS", "1")
    db = tmp_path / "store.json"
    for n in range(4):
        _story(corpus, f"one{n}.txt", f"Rome and Madrid signed deal number {n} in Paris.")
        Store.open(db).ingest([corpus / f"one{n}.txt"])
    assert len(_manifest(db)["segments"]) == 4
    more = tmp_path / "more"
    more.mkdir()
    for n in range(8):
        _story(more, f"batch{n}.txt", f"Angela Merkel visited Berlin for talk {n} on Monday.")
    monkeypatch.setenv("EXPLORER_COMMIT_EVERY", "1")
    Store.open(db).ingest([more])
    monkeypatch.delenv("EXPLORER_COMMIT_EVERY")
    left = [rec["file"] for rec in _manifest(db)["segments"].values()]
    assert len(left) <= 4 - 2 + 1
    for n in range(4 - len(left)):
        _story(corpus, f"later{n}.txt", f"Lisbon and Porto signed deal number {n} on Friday.")
        Store.open(db).ingest([corpus / f"later{n}.txt"])
        now = [rec["file"] for rec in _manifest(db)["segments"].values()]
        assert now[:-1] == left  # nothing merged: one segment added
        left = now
    fresh = tmp_path / "fresh.json"
    Store.open(fresh).ingest([*sorted(corpus.glob("*[0-9].txt")), more])
    assert _content(db, ordered=False) == _content(fresh, ordered=False)


def test_a_reader_keeps_the_version_it_opened_while_a_merge_removes_its_files(
    tmp_path, corpus, monkeypatch
):
    db = tmp_path / "store.json"
    Store.open(db).ingest([corpus])
    _story(corpus, "new.txt", "Rome and Madrid signed a deal in Paris.")
    Store.open(db).ingest([corpus])
    reader = Store.open(db, readonly=True)
    seen = (reader.documents(), [m.to_dict() for m in reader.mentions(doc="new.txt")])
    old_files = _segment_files(db)
    _story(corpus, "business.txt", "Angela Merkel visited Berlin on Monday.")
    with Store.open(db) as writer:
        writer.ingest([corpus])
        writer.compact()
    assert not set(old_files) & set(_segment_files(db))  # the reader's files are gone
    # ... yet it reads its version, whole, from the files it holds open.
    assert (reader.documents(), [m.to_dict() for m in reader.mentions(doc="new.txt")]) == seen
    assert reader.document("business.txt").title == "Ad sales boost Time Warner profit"
    assert reader.refresh()
    assert reader.document("business.txt").title == "business.txt"
    reader.close()


def _single_file_store(tmp_path, corpus):
    """A store in the layout explorer wrote before segments: one TinyDB file."""
    db = tmp_path / "segmented.json"
    Store.open(db).ingest([corpus])
    database = tinydb(db)
    tables = {}
    for name in database.tables():
        tables[name] = {str(doc.doc_id): dict(doc) for doc in database.table(name).all()}
    meta = tables["meta"]["1"]
    meta["schema"] = 1
    for key in ("next_ids", "counts", "next_segment"):
        meta.pop(key, None)
    old = tmp_path / "old.json"
    old.write_bytes(orjson.dumps(tables))
    return old, _content(db)


def test_a_single_file_store_is_read_as_it_is_and_migrated_at_its_first_write(tmp_path, corpus):
    old, content = _single_file_store(tmp_path, corpus)
    raw = old.read_bytes()
    assert _content(old) == content  # read-only: read as it is
    assert old.read_bytes() == raw and not _segment_files(old)
    assert not old.with_name(old.name + ".v1.bak").exists()
    report = Store.open(old).ingest([corpus])  # the first write migrates it
    assert report.unchanged == 5 and report.added == 0
    assert old.with_name(old.name + ".v1.bak").read_bytes() == raw  # the backup
    assert len(_manifest(old)["segments"]) == 1
    assert _content(old) == content
    _story(corpus, "new.txt", "Rome and Madrid signed a deal in Paris.")
    Store.open(old).ingest([corpus])
    assert len(_manifest(old)["segments"]) == 2
    assert old.with_name(old.name + ".v1.bak").read_bytes() == raw


def test_files_a_killed_commit_left_are_removed_at_the_next_write(tmp_path, corpus):
    db = tmp_path / "store.json"
    Store.open(db).ingest([corpus])
    folder = db.with_name(db.name + ".segments")
    stray = folder / "000042-0123456789ab.json"  # written, but its manifest never was
    stray.write_bytes(b'{"documents": {}}')
    (folder / "000042-0123456789ab.json.idx").write_bytes(b"{}")
    torn = folder / ".000043-0123456789ab.json.4242.tmp"
    torn.write_bytes(b'{"documents": {"1": ')
    content = _content(db)
    assert not Store.open(db).ingest([corpus]).added
    assert not stray.exists() and not torn.exists()
    assert len(_segment_files(db)) == 5 and _content(db) == content


def test_a_one_document_commit_reads_no_other_document(tmp_path, corpus, monkeypatch):
    from explorer.store.snapshot import Snapshot

    db = tmp_path / "store.json"
    Store.open(db).ingest([corpus])
    read: list[object] = []
    real = Snapshot.read_span
    monkeypatch.setattr(
        Snapshot, "read_span", lambda self, span: read.append(span) or real(self, span)
    )
    _story(corpus, "new.txt", "Rome and Madrid signed a deal in Paris.")
    Store.open(db).ingest([corpus])
    assert read == []  # the entity totals come from their derived file
    # Without that file (deleted, or damaged), the totals are built from the documents.
    folder = db.with_name(db.name + ".segments")
    (folder / _manifest(db)["meta"]["1"]["aggregates"]).unlink()
    _story(corpus, "other.txt", "Angela Merkel visited Berlin on Monday.")
    Store.open(db).ingest([corpus])
    assert len(read) == 6
    fresh = tmp_path / "fresh.json"
    Store.open(fresh).ingest([corpus])
    assert _content(db, ordered=False) == _content(fresh, ordered=False)


def test_a_store_kept_open_reads_only_the_new_segment_after_its_own_commit(
    tmp_path, corpus, monkeypatch
):
    db = tmp_path / "store.json"
    store = Store.open(db)
    store.ingest([corpus])
    read: list[str] = []
    real = segments.read_segment_sidecar
    monkeypatch.setattr(
        "explorer.store.snapshot.read_segment_sidecar",
        lambda file, want: read.append(file.name) or real(file, want),
    )
    steps = [
        lambda: _story(corpus, "new.txt", "Rome and Madrid signed a deal in Paris."),
        lambda: _story(corpus, "business.txt", "Angela Merkel visited Berlin on Monday."),
        # the same bytes under a second name: the stored document's record gains a path
        lambda: (corpus / "copy.txt").write_bytes((corpus / "new.txt").read_bytes()),
        lambda: (corpus / "world" / "talks.md").unlink(),
    ]
    for step in steps:
        kept = store._snap  # what a reader in another thread may still be using
        before = [(d.id, d.title, d.path, d.mentions) for d in store.documents()]
        rows_before = orjson.dumps(kept.rows)
        step()
        read.clear()
        store.ingest([corpus], prune=True)
        newest = _manifest(db)["segments"][str(len(_manifest(db)["segments"]))]["file"]
        assert read == [newest]  # the other segments' rows are taken from the open snapshot
        # The store kept open reads as a fresh open of the same files does...
        with Store.open(db, readonly=True) as fresh:
            assert store.documents() == fresh.documents()
            assert store.stats() == fresh.stats()
            assert store.mentions() == fresh.mentions()
            assert store.facts() == fresh.facts()
            assert [d.id for d in store.documents()] and all(
                store.document(d.id) == fresh.document(d.id) for d in fresh.documents()
            )
        # ...and the snapshot it held before the commit still reads as it did.
        store_then = Store(db, kept, readonly=True)
        assert [(d.id, d.title, d.path, d.mentions) for d in store_then.documents()] == before
        assert orjson.dumps(kept.rows) == rows_before
    with Store.open(db, readonly=True) as fresh:
        assert fresh._snap.rows == store._snap.rows  # paths, spans and segments alike
    assert [d.id for d in store.documents()].count("business.txt") == 1
    assert "talks.md" not in {d.id for d in store.documents()}


def test_a_sidecar_whose_checksum_fails_is_not_trusted(tmp_path, corpus):
    # A title changed inside a segment's sidecar (still valid JSON, its checksum now wrong):
    # the documents pane lists what the segment holds, not the sidecar's copy.
    db = tmp_path / "store.json"
    Store.open(db).ingest([corpus])
    want = _content(db)
    seg = _manifest(db)["segments"]["1"]["file"]
    side = db.with_name(db.name + ".segments") / f"{seg}.idx"
    data = side.read_bytes()
    title = want[0][0][1].encode()
    assert title and title in data
    side.write_bytes(data.replace(title, title.upper().replace(b" ", b"X"), 1))
    assert _content(db) == want


def test_a_merge_lets_go_of_the_merged_pages_as_it_writes_and_keeps_the_content(
    tmp_path, corpus, monkeypatch
):
    # A merge copies the records out of the merged segments' memory maps: it gives their
    # pages back as it writes (a 200,000-document merge once held them all, ~1 GB), and a
    # page given back is read again from the file, so the merged store is the same.
    db = tmp_path / "store.json"
    Store.open(db).ingest([corpus])
    for n in range(3):
        _story(corpus, f"new{n}.txt", f"Rome and Madrid signed deal number {n} in Paris.")
        Store.open(db).ingest([corpus])
    before, tables = _content(db), _tables(db)
    released = []
    write = segments.write_segment

    def spy(folder, seq, generation, content):
        given = content.release
        if given is not None:

            def release():
                released.append(True)
                given()

            content.release = release
        return write(folder, seq, generation, content)

    monkeypatch.setattr(segments, "write_segment", spy)
    monkeypatch.setattr(segments, "RELEASE_EVERY", 1)  # after every chunk
    with Store.open(db) as store:
        store.compact()
    assert len(_manifest(db)["segments"]) == 1
    assert len(released) > 10
    assert _content(db) == before and _tables(db) == tables
