"""The index over a real store: the sample article ingested, searched, cached, refreshed."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.search import SearchIndex, cache_dir

SAMPLE = Path(__file__).resolve().parents[2] / "seeds" / "000_89ed38884c8c83f1.txt"


@pytest.fixture
def store(tmp_path):
    from explorer.store import Store

    store = Store.open(tmp_path / "store.json")
    store.ingest([SAMPLE])
    yield store
    store.close()


def test_sample_article_entities_facts_and_sentences_are_found(store):
    index = SearchIndex.load_or_build(store)
    hits = index.search("sanai")
    assert (hits[0].kind, hits[0].entity, hits[0].label) == (
        "entity",
        "PERSON:Mehdi Sanai",
        "PERSON",
    )
    assert any(h.kind == "fact" and h.predicate == "title" for h in hits)
    sentence = next(h for h in index.search("kalamanov deputy") if h.kind == "sentence")
    text = store.document(sentence.doc).text
    assert text[sentence.start : sentence.end] == sentence.text
    assert [sentence.text[s:e] for s, e in sentence.highlights] == ["Deputy", "Kalamanov"]
    assert index.sentences == store.stats()["sentences"]


def test_person_filter_lists_the_people(store):
    index = SearchIndex.load_or_build(store)
    people = {h.entity for h in index.search("@person", limit=200) if h.kind == "entity"}
    assert {"PERSON:Mehdi Sanai", "PERSON:Georgy Kalamanov"} <= people


def test_reopened_store_loads_the_cache_and_new_documents_rebuild_it(store, tmp_path):
    SearchIndex.load_or_build(store)
    assert cache_dir(store.path).is_dir()
    assert SearchIndex.load_or_build(store).loaded_from_cache
    extra = tmp_path / "docs" / "note.txt"
    extra.parent.mkdir()
    extra.write_text("Quarterly note\n\nThe zeppelin museum reopened in Friedrichshafen.\n")
    store.ingest([extra])
    index = SearchIndex.load_or_build(store)
    assert not index.loaded_from_cache and index.updated_from_cache
    assert [h.text for h in index.search("zepelin") if h.kind == "sentence"] == [
        "The zeppelin museum reopened in Friedrichshafen."
    ]


STORE_QUERIES = [
    "sanai",
    "sana",
    "kalamanov deputy",
    "kalamnov",  # a typo
    "mosc",
    '"trade between"',
    "'iran",
    "^the",
    "iran !russia",
    "zeppelin | airship",
    "zepelin",
    "@person",
    "label:GPE",
    "@org profit",
    "doc:note",
    "doc:world iran",
    "museum",
    "reopened !zeppelin",
]


def test_a_store_that_gained_changed_and_lost_documents_updates_its_index(tmp_path):
    from explorer.store import Store

    root = tmp_path / "docs"
    (root / "world").mkdir(parents=True)
    (root / "world" / "iran.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "note.txt").write_text(
        "Quarterly note\n\nThe zeppelin museum reopened in Friedrichshafen.\n", encoding="utf-8"
    )
    (root / "gone.txt").write_text(
        "Old memo\n\nThe archive in Leipzig closed. Mehdi Sanai wrote about it.\n",
        encoding="utf-8",
    )
    store = Store.open(tmp_path / "store.json")
    try:
        store.ingest([root])
        SearchIndex.load_or_build(store)
        (root / "business.txt").write_text(
            "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant "
            "TimeWarner jumped 76% to $1.13bn. Google benefited too, Sanai said in Moscow.\n",
            encoding="utf-8",
        )
        (root / "note.txt").write_text(
            "Quarterly note\n\nThe airship museum reopened in Friedrichshafen.\n",
            encoding="utf-8",
        )
        (root / "gone.txt").unlink()
        report = store.ingest([root], prune=True)
        assert (report.added, report.updated, report.pruned) == (1, 1, 1)
        sentences = {d.id: d.sentences for d in store.documents()}
        index = SearchIndex.load_or_build(store)
        assert index.updated_from_cache
        kept = sum(n for doc, n in sentences.items() if doc.startswith("world"))
        assert index.update_stats["sentences_kept"] == kept > 0
        assert index.update_stats["sentences_indexed"] == index.sentences - kept
        built = SearchIndex.build(store)
        for query in STORE_QUERIES:
            assert index.search(query) == built.search(query), query
        assert all(h.doc != "gone.txt" for h in index.search("leipzig archive memo"))
        assert index.search("zeppelin") == []
    finally:
        store.close()


def _same_pages(updated: SearchIndex, built: SearchIndex) -> list[str]:
    from same_pages import differences

    queries = ["quentin", "caroline", "quen", "@person", "@person award", "doc:one quentin"]
    return differences(updated, built, queries)


STORIES = {
    "one.txt": "Stage news\n\nQuentin said the play would open in May. Critics praised Quentin.\n",
    "two.txt": "Theatre week\n\nThe comedy starring Quentin opened in London. Quentin was "
    "thrilled.\n",
    "three.txt": "Award night\n\nActress Caroline Quentin won the award. Caroline Quentin "
    "thanked all.\n",
}


def _stories(folder: Path, *names: str) -> Path:
    """The stories `names` of STORIES written into `folder` (made if new)."""
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text(STORIES[name])
    return folder


def _indexed_store(tmp_path: Path, *names: str):
    """A store holding the stories `names`, with its search index built and saved."""
    from explorer.store import Store

    store = Store.open(tmp_path / "store.json")
    store.ingest([_stories(tmp_path / "news", *names)])
    SearchIndex.load_or_build(store)
    return store


def test_a_name_that_joins_another_takes_its_documents_into_the_updated_index(tmp_path):
    # "Quentin" alone in two stories; a third names Caroline Quentin, and Quentin joins her:
    # the updated index must say she is in all three, as a build does (a date or entity
    # filter reads it)
    store = _indexed_store(tmp_path, "one.txt", "two.txt")
    store.ingest([_stories(tmp_path / "news", "three.txt")])
    assert "PERSON:Quentin" not in {e.key for e in store.entities()}
    updated = SearchIndex.load_or_build(store)
    assert updated.updated_from_cache
    assert _same_pages(updated, SearchIndex.build(store)) == []
    store.close()


def test_a_split_name_takes_its_documents_back_in_the_updated_index(tmp_path):
    store = _indexed_store(tmp_path, "one.txt", "three.txt")
    store.split("Quentin", label="PERSON")
    updated = SearchIndex.load_or_build(store)
    assert _same_pages(updated, SearchIndex.build(store)) == []
    store.close()
