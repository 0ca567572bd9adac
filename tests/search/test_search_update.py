"""A saved index is updated, not rebuilt, when documents are added, changed or removed: only
the new documents' sentences are indexed, and the result is exactly what a build gives."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import zstandard
from same_pages import differences
from search_corpus import AllFactsCorpus, DocumentCorpus, MemoryCorpus, texts

from explorer.model import Entity, Fact, Mention
from explorer.search import SearchIndex, cache_dir

WORDS = (
    "oil prices rose in tehran while gas prices fell in moscow and trade between iran and "
    "russia grew the minister said talks on the nuclear deal would resume next week"
).split()

QUERIES = [
    "oil",
    "pric",
    "prises",  # a typo
    "tehran trde",  # a typo in the word being typed
    "gas pric",
    "mosc",
    '"prices fell"',
    '"trade between ir',  # an open phrase, still being typed
    "'oil",
    "^gas",
    "oil !gas",
    "iran | zeppelin",
    "zeppelin",
    "airship",
    "@person",
    "label:GPE",
    "sanai",
    "doc:d1",
    "doc:new oil",
    "minister @gpe",
    "nuclear dael",
    "week",
]


def article(i: int) -> str:
    """A few sentences of the shared words in an order that depends on `i` (ties galore)."""
    out = []
    for s in range(1 + i % 3):
        words = [WORDS[(i * 7 + s * 5 + k * (1 + i % 4)) % len(WORDS)] for k in range(6 + s)]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def make_corpus(path, n: int = 40, cls=DocumentCorpus) -> DocumentCorpus:
    docs = {f"d{i}": article(i) for i in range(n)}
    docs["d3"] = "Mehdi Sanai met officials in Tehran. Oil prices rose."
    docs["d20"] += " Quixotic pelicans."  # words only this one holds (it goes)
    return cls(
        path,
        docs,
        titles={"d3": "Sanai in Tehran"},
        entities=[Entity("Mehdi Sanai", "PERSON", ("Sanai",)), Entity("Tehran", "GPE")],
        facts=[Fact("met", "Mehdi Sanai", "officials", 0, 0, 36, {"place": "Tehran"}, doc="d3")],
        mentions=[
            Mention(0, 11, "Mehdi Sanai", "PERSON", "Mehdi Sanai", 0, doc="d3"),
            Mention(29, 35, "Tehran", "GPE", "Tehran", 0, doc="d3"),
        ],
    )


def change(corpus: DocumentCorpus) -> None:
    """Add documents, change some (one keeps its place in the middle), remove others."""
    corpus.docs["d5"] = "The zeppelin museum reopened. Oil prices fell again in Moscow."
    del corpus.docs["d7"]
    del corpus.docs["d20"]
    corpus.docs["new1"] = "An airship flew over Tehran. Gas prices rose."
    corpus.docs["new2"] = "Trade between Iran and Russia grew. Sanai said so in Moscow."
    corpus._entities.append(Entity("Moscow", "GPE"))
    corpus._mentions.append(Mention(47, 53, "Moscow", "GPE", "Moscow", 1, doc="new2"))
    corpus._mentions.append(Mention(36, 41, "Sanai", "PERSON", "Mehdi Sanai", 1, doc="new2"))


def hits_of(index: SearchIndex) -> list[list]:
    return [index.search(q, limit=20) for q in QUERIES]


def test_added_changed_and_removed_documents_update_the_saved_index(tmp_path):
    corpus = make_corpus(tmp_path / "store.json")
    first = SearchIndex.load_or_build(corpus)
    assert not first.updated_from_cache and corpus.iterated == 1
    change(corpus)
    corpus.read_docs.clear()
    index = SearchIndex.load_or_build(corpus)
    # (a) not rebuilt: only the added and changed documents' sentences were read and indexed
    assert index.updated_from_cache and not index.loaded_from_cache
    assert corpus.iterated == 1
    assert sorted(corpus.read_docs) == ["d5", "new1", "new2"]
    assert index.update_stats["documents_indexed"] == 3
    assert index.update_stats["documents_removed"] == 2
    assert index.update_stats["sentences_indexed"] == 6
    assert index.update_stats["sentences_kept"] == index.sentences - 6
    # (b) exactly what a build of the final corpus answers: hits, order, highlights, scores
    built = SearchIndex.build(corpus)
    assert hits_of(index) == hits_of(built)
    assert texts(index.search("zeppelin")) == ["The zeppelin museum reopened."]
    # and the update was saved: the next open loads it
    again = SearchIndex.load_or_build(corpus)
    assert again.loaded_from_cache and hits_of(again) == hits_of(built)


def _drop_first_mention_document(corpus):
    """The document of Sanai's and Tehran's first mentions goes; new2 mentions Sanai."""
    del corpus.docs["d3"]
    corpus._mentions[:] = [m for m in corpus._mentions if m.doc != "d3"]


def _rewrite_first_mention_document(corpus):
    """d3 is rewritten; a changed document before new2 now mentions Moscow first."""
    corpus.docs["d3"] = "Tehran said nothing. Mehdi Sanai left."
    corpus._mentions[:] = [m for m in corpus._mentions if m.doc != "d3"]
    corpus._mentions.append(Mention(0, 6, "Tehran", "GPE", "Tehran", 0, doc="d3"))
    corpus._mentions.append(Mention(21, 32, "Mehdi Sanai", "PERSON", "Mehdi Sanai", 1, doc="d3"))
    corpus._mentions.append(Mention(55, 61, "Moscow", "GPE", "Moscow", 1, doc="d5"))


def _mention_earlier(corpus):
    """A document before d3 is rewritten to mention Tehran: its first mention moves there."""
    corpus.docs["d1"] = "Oil again. Tehran again."
    corpus._mentions.append(Mention(11, 17, "Tehran", "GPE", "Tehran", 1, doc="d1"))
    corpus._facts.append(Fact("said", "Tehran", "again", 1, 11, 24, doc="d1"))  # before d3's


def _remove_the_first_document(corpus):
    corpus.docs.pop("d0")
    corpus._facts.append(Fact("said", "Mehdi Sanai", "so", 1, 36, 60, doc="new2"))


@pytest.mark.parametrize(
    "more",
    [
        _remove_the_first_document,
        _drop_first_mention_document,
        _rewrite_first_mention_document,
        _mention_earlier,
    ],
)
@pytest.mark.parametrize("cls", [DocumentCorpus, AllFactsCorpus])
def test_an_updated_index_is_the_index_a_build_makes(tmp_path, more, cls):
    corpus = make_corpus(tmp_path / "store.json", n=60, cls=cls)
    SearchIndex.load_or_build(corpus)
    change(corpus)
    more(corpus)
    corpus.all_mentions_read = corpus.all_facts_read = 0
    updated = SearchIndex.load_or_build(corpus)
    assert updated.updated_from_cache
    # facts listed by document: the index grows by a tail of the changed documents
    assert corpus.all_facts_read == (cls is AllFactsCorpus)
    assert corpus.all_mentions_read == 0  # the names part is made from the saved one
    built = SearchIndex.build(corpus)
    if cls is AllFactsCorpus:  # updated in one part: a build's arrays
        assert updated.vocab == built.vocab
        assert "pelicans" not in updated.vocab
        for name in ("docs", "entities", "predicates"):
            assert getattr(updated.tables, name) == getattr(built.tables, name)
        # the texts compared as texts: the update keeps the saved dictionary
        assert updated.arrays.differences(built.arrays) == []
    else:
        assert updated.part_count == 3
    assert hits_of(updated) == hits_of(built)
    assert differences(updated, built, QUERIES) == []


def test_a_removed_document_is_never_found(tmp_path):
    corpus = make_corpus(tmp_path / "store.json")
    SearchIndex.load_or_build(corpus)
    corpus.docs["gone"] = "A zeppelin landed."
    assert texts(SearchIndex.load_or_build(corpus).search("zeppelin")) == ["A zeppelin landed."]
    del corpus.docs["gone"]
    index = SearchIndex.load_or_build(corpus)
    assert index.updated_from_cache
    for query in ("zeppelin", "zepelin", "zep", "doc:gone", "landed"):
        assert all(h.doc != "gone" for h in index.search(query, limit=500)), query
    assert index.search("zeppelin") == []


def test_a_change_to_the_first_document_indexes_its_sentences_only(tmp_path):
    corpus = make_corpus(tmp_path / "store.json")
    SearchIndex.load_or_build(corpus)
    corpus.docs["d0"] = "Zeppelins rose. Airships fell. Balloons drifted."
    corpus.read_docs.clear()
    index = SearchIndex.load_or_build(corpus)
    assert index.updated_from_cache and corpus.read_docs == ["d0"]
    assert index.update_stats["sentences_indexed"] == 3
    assert index.update_stats["sentences_kept"] == index.sentences - 3
    assert hits_of(index) == hits_of(SearchIndex.build(corpus))
    assert [h.sentence for h in index.search("airship")] == [1]


def test_a_change_to_most_documents_is_a_build(tmp_path):
    corpus = make_corpus(tmp_path / "store.json")
    SearchIndex.load_or_build(corpus)
    for i in range(30):
        corpus.docs[f"d{i}"] = f"Rewritten number {i}. Oil."
    index = SearchIndex.load_or_build(corpus)
    assert not index.updated_from_cache and corpus.iterated == 2
    assert hits_of(index) == hits_of(SearchIndex.build(corpus))


def test_a_corpus_without_document_hashes_is_rebuilt(tmp_path):
    corpus = MemoryCorpus(tmp_path / "store.json", {"a": "Oil rose.", "b": "Gas fell."})
    SearchIndex.load_or_build(corpus)
    corpus.docs["c"] = "Zeppelin."
    index = SearchIndex.load_or_build(corpus)
    assert not index.updated_from_cache and corpus.iterated == 2
    assert texts(index.search("zeppelin")) == ["Zeppelin."]


def _garble_postings(folder):
    post = np.load(folder / "post.npy")
    np.save(folder / "post.npy", np.full_like(post, 2**30))


def _garble_fingerprints(folder):
    path = folder / "tables.json.zst"
    tables = json.loads(zstandard.ZstdDecompressor().decompress(path.read_bytes()))
    tables["fingerprints"][0] = 7
    path.write_bytes(zstandard.ZstdCompressor().compress(json.dumps(tables).encode()))


def _garble_words(folder):
    fwd = np.load(folder / "fwd.npy")
    np.save(folder / "fwd.npy", np.full_like(fwd, 60_000))


@pytest.mark.parametrize("damage", [_garble_postings, _garble_fingerprints, _garble_words])
def test_a_damaged_saved_index_is_rebuilt_not_a_crash(tmp_path, damage):
    corpus = make_corpus(tmp_path / "store.json")
    SearchIndex.load_or_build(corpus)
    damage(cache_dir(corpus.path))
    change(corpus)
    index = SearchIndex.load_or_build(corpus)
    assert not index.updated_from_cache and corpus.iterated == 2
    assert hits_of(index) == hits_of(SearchIndex.build(corpus))


def test_an_index_in_use_keeps_answering_while_the_cache_is_updated(tmp_path):
    corpus = make_corpus(tmp_path / "store.json", n=200)
    before = SearchIndex.load_or_build(corpus)
    expected = hits_of(before)
    change(corpus)

    def searches(_):
        before.clear_caches()
        return hits_of(before)

    with ThreadPoolExecutor(3) as pool:
        pending = [pool.submit(searches, i) for i in range(4)]
        updated = SearchIndex.load_or_build(corpus)
        assert all(job.result() == expected for job in pending)
    assert updated.updated_from_cache
    assert hits_of(before) == expected  # its files were replaced; its maps still read
    assert hits_of(updated) == hits_of(SearchIndex.build(corpus))


def test_postings_renumbered_a_few_words_at_a_time_are_the_same(tmp_path, monkeypatch):
    import explorer.search.build as build_module

    corpus = make_corpus(tmp_path / "store.json", n=60, cls=AllFactsCorpus)  # one part
    SearchIndex.load_or_build(corpus)
    change(corpus)
    monkeypatch.setattr(build_module, "_MERGE_CHUNK", 7)  # chunks of a word or a few
    updated = SearchIndex.load_or_build(corpus)
    built = SearchIndex.build(corpus)
    assert updated.updated_from_cache
    for name in ("post", "post_off", "fwd"):
        assert np.array_equal(updated.arrays.as_dict()[name], built.arrays.as_dict()[name]), name
    assert hits_of(updated) == hits_of(built)


def test_a_name_first_met_earlier_after_a_change_is_found_there(tmp_path):
    # d1 keeps its place before d3 (Tehran's first mention) and now names Tehran: the
    # entity's first mention moves to d1, as a build finds it (no entity is new or gone)
    corpus = make_corpus(tmp_path / "store.json", n=60)
    SearchIndex.load_or_build(corpus)
    corpus.docs["d1"] = "Oil again. Tehran again."
    corpus._mentions.append(Mention(11, 17, "Tehran", "GPE", "Tehran", 1, doc="d1"))
    index = SearchIndex.load_or_build(corpus)
    assert index.updated_from_cache and index.part_count == 3
    assert [(h.doc, h.sentence) for h in index.search("tehran", kind="entity")] == [("d1", 1)]
    assert differences(index, SearchIndex.build(corpus), QUERIES) == []
