"""What a user sees through the store: documents, mentions, entities, facts, sentences."""

from __future__ import annotations

import os
from collections import Counter

import orjson
import pytest

from explorer.model import Corpus
from explorer.store import Store, StoreError, default_db_path

pytestmark = pytest.mark.usefixtures("nlp_ready")


@pytest.fixture
def store(tmp_path, corpus):
    db = tmp_path / "db" / "explorer.json"
    store = Store.open(db)
    report = store.ingest([corpus])
    assert not report.failed
    yield store
    store.close()


def test_ingest_stores_every_document_with_readable_ids_and_metadata(store, corpus):
    docs = {d.id: d for d in store.documents()}
    assert set(docs) == {
        "business.txt",
        "feed.jsonl#r1",
        "feed.jsonl#2",
        "world/iran.txt",
        "world/talks.md",
    }
    iran = docs["world/iran.txt"]
    assert (iran.date, iran.author) == ("2019-04-30", "Abdul Kerimkhanov")
    assert iran.path == str((corpus / "world" / "iran.txt").resolve())
    assert docs["world/talks.md"].title == "Talks in Tehran"
    assert docs["feed.jsonl#r1"].title == "Budget vote"
    doc = store.document("world/iran.txt")
    assert doc.text == (corpus / "world" / "iran.txt").read_text()
    with pytest.raises(KeyError):
        store.document("missing.txt")


def test_stored_mentions_and_facts_are_exactly_what_extract_finds(store):
    from explorer.nlp import extract

    for summary in store.documents():
        doc = store.document(summary.id)
        found = extract(doc.text, doc.meta_dict())
        mentions = store.mentions(doc=summary.id)
        assert [m.to_dict() for m in mentions] == [m.to_dict() for m in found.mentions]
        assert all(m.doc == summary.id for m in mentions)
        assert all(doc.text[m.start : m.end] == m.text for m in mentions)
        facts = store.facts(doc=summary.id)
        assert [f.to_dict() for f in facts] == [f.to_dict() for f in found.facts]
        assert store.sentences(summary.id) == list(found.sentences)
        assert (summary.sentences, summary.mentions, summary.facts) == (
            len(found.sentences),
            len(found.mentions),
            len(found.facts),
        )


def test_entities_are_counted_over_the_whole_store(store):
    mentions = store.mentions()
    by_key = Counter(m.key for m in mentions)
    docs_by_key: dict[str, set[str]] = {}
    for m in mentions:
        docs_by_key.setdefault(m.key, set()).add(m.doc)
    entities = store.entities()
    assert entities, "the corpus names people and places"
    for entity in entities:
        assert entity.mentions == by_key[entity.key]
        assert entity.documents == len(docs_by_key.get(entity.key, ()))
        assert store.entity(entity.key) == entity
        assert [m.key for m in store.mentions(entity=entity.key)] == [entity.key] * entity.mentions
    assert [e.mentions for e in entities] == sorted((e.mentions for e in entities), reverse=True)
    label = entities[0].label
    assert all(e.label == label for e in store.entities(label))
    with pytest.raises(KeyError):
        store.entity("PERSON:Nobody Atall")


def test_facts_by_predicate_and_entity(store):
    facts = store.facts()
    assert all(f.doc for f in facts)
    for predicate in {f.predicate for f in facts}:
        assert store.facts(predicate) == [f for f in facts if f.predicate == predicate]
    for entity in store.entities()[:10]:
        expected = [f for f in facts if entity.name in (f.subject, f.object)]
        assert sorted(map(repr, store.facts(entity=entity.key))) == sorted(map(repr, expected))


def test_cooccurring_entities_share_documents(store):
    mentions = store.mentions()
    docs_of: dict[str, set[str]] = {}
    for m in mentions:
        docs_of.setdefault(m.key, set()).add(m.doc)
    for entity in store.entities()[:5]:
        for other, shared in store.cooccurring(entity.key, limit=50):
            assert other.key != entity.key
            assert shared == len(docs_of[entity.key] & docs_of[other.key]) > 0


def test_entity_documents_lists_where_each_entity_is_mentioned(store):
    expected: dict[str, list[str]] = {}
    for m in store.mentions():
        listed = expected.setdefault(m.key, [])
        if m.doc not in listed:
            listed.append(m.doc)
    assert store.entity_documents() == expected


def test_iter_sentences_yields_the_text_of_every_sentence(store):
    records = list(store.iter_sentences())
    assert len(records) == store.stats()["sentences"] == sum(d.sentences for d in store.documents())
    for record in records[:50]:
        doc = store.document(record.doc)
        assert record.text == doc.text[record.start : record.end]
        assert record.title == doc.title
        assert store.sentences(record.doc)[record.index] == (record.start, record.end)


def test_stats_and_corpus_protocol(store):
    stats = store.stats()
    assert stats["db"] == str(store.path)
    assert stats["documents"] == 5
    assert stats["mentions"] == len(store.mentions())
    assert stats["facts"] == len(store.facts())
    assert stats["entities"] == len(store.entities())
    assert all(
        isinstance(stats[k], int)
        for k in ("documents", "sentences", "mentions", "entities", "facts")
    )
    corpus: Corpus = store
    assert corpus.path == store.path


def test_a_reopened_store_reads_the_same_and_opens_with_stock_tinydb(store):
    from tinydb import TinyDB

    reopened = Store.open(store.path, readonly=True)
    assert reopened.documents() == store.documents()
    assert reopened.generation() == store.generation()
    assert [m.to_dict() for m in reopened.mentions()] == [m.to_dict() for m in store.mentions()]
    manifest = TinyDB(store.path, access_mode="r")  # the manifest: which segments are live
    assert manifest.table("meta").all()[0]["schema"] == 2
    (segment,) = manifest.table("segments").all()
    manifest.close()
    db = TinyDB(store.path.with_name(store.path.name + ".segments") / segment["file"])
    assert {"documents", "mentions", "entities", "facts", "meta"} <= db.tables()
    assert len(db.table("documents")) == 5
    assert len(db.table("mentions")) == store.stats()["mentions"]
    db.close()


def test_without_its_sidecar_the_store_is_read_from_the_tinydb_file(store):
    expected = (
        store.documents(),
        [m.to_dict() for m in store.mentions(doc="world/iran.txt")],
        store.entities(),
        store.document("business.txt"),
    )
    for sidecar in _sidecars(store.path):
        sidecar.write_bytes(b"garbage")
    reopened = Store.open(store.path)
    assert (
        reopened.documents(),
        [m.to_dict() for m in reopened.mentions(doc="world/iran.txt")],
        reopened.entities(),
        reopened.document("business.txt"),
    ) == expected
    report = reopened.ingest([store.path.parent.parent / "corpus"])
    assert report.unchanged == 5 and report.added == 0


def test_empty_store(tmp_path):
    store = Store.open(tmp_path / "new.json")
    assert store.is_empty()
    assert store.documents() == [] and store.entities() == [] and store.facts() == []
    assert list(store.iter_sentences()) == []
    assert store.stats()["documents"] == 0
    assert not (tmp_path / "new.json").exists()  # opening writes nothing


def test_default_db_path_precedence(tmp_path, monkeypatch):
    assert default_db_path(str(tmp_path / "x.json")) == tmp_path / "x.json"
    monkeypatch.setenv("EXPLORER_DB", str(tmp_path / "env.json"))
    assert default_db_path() == tmp_path / "env.json"
    monkeypatch.delenv("EXPLORER_DB")
    path = default_db_path()
    assert path.name == "explorer.json" and "explorer" in str(path.parent)


def test_readonly_store_refuses_to_ingest(store, corpus):
    reader = Store.open(store.path, readonly=True)
    with pytest.raises(StoreError, match="read-only"):
        reader.ingest([corpus])


def test_answers_are_the_same_without_the_derived_files(store):
    def answers(s):
        keys = [e.key for e in s.entities()]
        return (
            s.entity_documents(),
            [m.to_dict() for k in keys for m in s.mentions(entity=k)],
            [(k, [(e.key, n) for e, n in s.cooccurring(k)]) for k in keys],
            [f.to_dict() for k in keys for f in s.facts(entity=k)],
            [m.to_dict() for d in s.documents() for m in s.mentions(doc=d.id)],
        )

    expected = answers(Store.open(store.path, readonly=True))
    for sidecar in _sidecars(store.path):
        sidecar.unlink()
    assert answers(Store.open(store.path, readonly=True)) == expected


def _sidecars(path):
    return sorted(path.with_name(path.name + ".segments").glob("*.idx"))


def _segment(path):
    (record,) = orjson.loads(path.read_bytes())["segments"].values()
    return path.with_name(path.name + ".segments") / record["file"], record


def test_a_sidecar_is_not_trusted_for_another_version_of_a_segment_file(store):
    # Rewrite a segment in place, same size, same inode, same mtime: only the content (a
    # title, and the generation a writer would set) differs from what the sidecar describes.
    path, record = _segment(store.path)
    st = path.stat()
    raw = path.read_bytes()
    old = record["generation"].encode()
    new = bytes(reversed(old))
    assert raw.count(b"Budget vote") == 1 and raw.count(old) == 1
    raw = raw.replace(b"Budget vote", b"Budget VOTE").replace(old, new)
    with open(path, "r+b") as handle:
        handle.write(raw)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_ino == st.st_ino and path.stat().st_size == st.st_size
    reopened = Store.open(store.path, readonly=True)
    assert "Budget VOTE" in {d.title for d in reopened.documents()}


def test_tables_of_other_tools_survive_and_a_lost_sidecar_is_rebuilt(store, corpus):
    from tinydb import TinyDB

    db = TinyDB(store.path)  # the manifest
    db.insert({"note": "kept by another tool"})  # TinyDB's _default table
    db.table("annotations").insert({"doc": "business.txt", "tag": "earnings"})
    db.close()
    (sidecar,) = _sidecars(store.path)
    sidecar.unlink()
    assert not Store.open(store.path, readonly=True)._snap.spans  # lost: read in full
    report = Store.open(store.path).ingest([corpus])
    assert report.unchanged == 5 and _sidecars(store.path)  # rewritten, with a sidecar
    assert Store.open(store.path, readonly=True)._snap.spans  # fast again
    (corpus / "business.txt").write_text("Changed\n\nNew text about Berlin.\n")
    Store.open(store.path).ingest([corpus])
    db = TinyDB(store.path, access_mode="r")
    assert db.all() == [{"note": "kept by another tool"}]
    assert db.table("annotations").all() == [{"doc": "business.txt", "tag": "earnings"}]
    db.close()
