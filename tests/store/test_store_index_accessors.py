"""The read-only accessors the search index updates itself with: the sentences of chosen
documents, and each document's content hash."""

from __future__ import annotations

import pytest

from explorer.store import Store

pytestmark = pytest.mark.usefixtures("nlp_ready")


@pytest.fixture
def store(tmp_path, corpus):
    store = Store.open(tmp_path / "db" / "explorer.json")
    assert not store.ingest([corpus]).failed
    yield store
    store.close()


def test_iter_sentences_of_chosen_documents_are_theirs_in_store_order(store):
    everything = list(store.iter_sentences())
    ids = [d.id for d in store.documents()]
    chosen = {ids[-1], ids[0], "no-such-document"}
    got = list(store.iter_sentences(doc_ids=chosen))
    assert got == [r for r in everything if r.doc in chosen]
    assert {r.doc for r in got} == {ids[0], ids[-1]}
    assert list(store.iter_sentences(doc_ids=[])) == []


def test_document_hashes_follow_content_and_store_order(store, tmp_path):
    hashes = store.document_hashes()
    assert list(hashes) == [d.id for d in store.documents()]
    for doc_id, sha in hashes.items():
        assert sha and sha == store.document(doc_id).sha256
    note = tmp_path / "more" / "note.txt"
    note.parent.mkdir()
    note.write_text("Quarterly note\n\nThe zeppelin museum reopened.\n", encoding="utf-8")
    store.ingest([note])
    after = store.document_hashes()
    assert {k: v for k, v in after.items() if k in hashes} == hashes
    (new_id,) = set(after) - set(hashes)
    note.write_text("Quarterly note\n\nThe airship museum reopened.\n", encoding="utf-8")
    store.ingest([note])
    changed = store.document_hashes()
    assert changed[new_id] != after[new_id]
