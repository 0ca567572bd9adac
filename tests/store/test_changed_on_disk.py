"""`Store.changed_on_disk`: what a live view polls to notice another process's commit."""

from __future__ import annotations

from explorer.store import Store


def test_a_commit_by_another_store_shows_until_refreshed(tmp_path, corpus, nlp_ready):
    db = tmp_path / "store.json"
    first = Store.open(db)
    first.ingest([corpus / "world"])
    viewer = Store.open(db)
    assert not viewer.changed_on_disk()
    before = viewer.stats()["documents"]
    first.ingest([corpus / "business.txt"])  # another writer commits
    assert viewer.changed_on_disk()
    assert viewer.refresh() is True
    assert viewer.stats()["documents"] == before + 1
    assert not viewer.changed_on_disk(), "refresh takes in what it saw"
