"""Hits carry what the TUI and the CLI show; the index is cached beside the store, loaded when
the store is unchanged, rebuilt when it changes or when the cache is damaged."""

from __future__ import annotations

from search_corpus import MemoryCorpus, MentionCorpus, texts

from explorer.model import Entity, Fact, Mention
from explorer.search import SearchIndex, cache_dir, search

DOCS = {"a": "Iran and Russia signed a deal. Trade grew.", "b": "Moscow hosted talks."}


def test_sentence_hits_carry_document_offsets(index_of):
    index = index_of(DOCS, titles={"a": "Deal signed"})
    (hit,) = index.search("trade")
    assert (hit.kind, hit.doc, hit.title, hit.sentence) == ("sentence", "a", "Deal signed", 1)
    assert DOCS["a"][hit.start : hit.end] == hit.text == "Trade grew."
    assert hit.to_dict()["highlights"] == [[0, 5]]


def test_entity_hits_carry_key_label_and_first_mention(index_of):
    index = index_of(
        {"d": "Talks began. Mehdi Sanai spoke."},
        entities=[Entity("Mehdi Sanai", "PERSON", ("Sanai",)), Entity("Iran", "GPE")],
        mentions=[Mention(13, 24, "Mehdi Sanai", "PERSON", "Mehdi Sanai", 1, doc="d")],
    )
    hit = index.search("sanai")[0]
    assert (hit.kind, hit.entity, hit.label, hit.doc, hit.sentence) == (
        "entity",
        "PERSON:Mehdi Sanai",
        "PERSON",
        "d",
        1,
    )
    (iran,) = index.search("iran")
    assert (iran.kind, iran.doc, iran.sentence) == ("entity", "", -1)  # never mentioned


def test_an_alias_finds_its_entity_once(index_of):
    index = index_of({"d": "x."}, entities=[Entity("Sanai Mehdi", "PERSON", ("Sanai",))])
    hits = index.search("sanai")
    assert [(h.kind, h.entity) for h in hits] == [("entity", "PERSON:Sanai Mehdi")]


def test_fact_hits_render_the_fact_as_a_line(index_of):
    index = index_of(
        {"d": "Sanai is ambassador."},
        facts=[Fact("title", "Mehdi Sanai", "Ambassador", 0, 0, 20, {"of": "Iran"}, doc="d")],
    )
    hit = next(h for h in index.search("ambassador iran") if h.kind == "fact")
    assert (hit.predicate, hit.doc, hit.sentence) == ("title", "d", 0)
    assert hit.text == "Mehdi Sanai · title · Ambassador · of Iran"


def test_cache_is_loaded_not_rebuilt_when_the_store_is_unchanged(tmp_path):
    corpus = MemoryCorpus(tmp_path / "store.json", DOCS)
    first = SearchIndex.load_or_build(corpus)
    assert not first.loaded_from_cache and corpus.iterated == 1
    assert cache_dir(corpus.path).is_dir()
    second = SearchIndex.load_or_build(corpus)
    assert second.loaded_from_cache and corpus.iterated == 1
    assert texts(second.search("russia")) == texts(first.search("russia"))
    assert second.sentences == first.sentences == 3


def test_cache_is_rebuilt_when_documents_change(tmp_path):
    corpus = MemoryCorpus(tmp_path / "store.json", DOCS)
    SearchIndex.load_or_build(corpus)
    corpus.docs["c"] = "Tehran replied."
    index = SearchIndex.load_or_build(corpus)
    assert not index.loaded_from_cache and corpus.iterated == 2
    assert texts(index.search("tehran")) == ["Tehran replied."]
    del corpus.docs["b"]
    index = SearchIndex.load_or_build(corpus)
    assert index.search("moscow") == []
    assert SearchIndex.load_or_build(corpus).loaded_from_cache


def test_a_damaged_cache_is_rebuilt_not_a_crash(tmp_path):
    corpus = MemoryCorpus(tmp_path / "store.json", DOCS)
    SearchIndex.load_or_build(corpus)
    folder = cache_dir(corpus.path)
    damages = [
        lambda: (folder / "post.npy").write_bytes(b"\x93NUMPY garbage"),
        lambda: (folder / "fwd.npy").write_bytes((folder / "fwd.npy").read_bytes()[:-8]),
        lambda: (folder / "meta.json").write_text("{not json"),
        lambda: (folder / "vocab.txt").write_text("only\nthree\nwords"),
        lambda: (folder / "tables.json.zst").unlink(),
        lambda: (folder / "tables.json.zst").write_bytes(b"not zstd"),
    ]
    for damage in damages:
        damage()
        index = SearchIndex.load_or_build(corpus)
        assert not index.loaded_from_cache
        assert texts(index.search("russia")) == ["Iran and Russia signed a deal."]
        assert SearchIndex.load_or_build(corpus).loaded_from_cache  # and saved again


def test_a_cache_file_in_the_way_is_replaced(tmp_path):
    corpus = MemoryCorpus(tmp_path / "store.json", DOCS)
    cache_dir(corpus.path).write_text("not a folder")
    index = SearchIndex.load_or_build(corpus)
    assert texts(index.search("moscow")) == ["Moscow hosted talks."]


def test_search_function_keeps_the_index_between_calls(tmp_path):
    corpus = MentionCorpus(tmp_path / "store.json", DOCS)
    assert texts(search(corpus, "moscow")) == ["Moscow hosted talks."]
    assert corpus.iterated == 1
    assert texts(search(corpus, "iran", limit=1)) == ["Iran and Russia signed a deal."]
    assert corpus.iterated == 1
    corpus.docs["b"] = "Moscow and Tehran."
    assert texts(search(corpus, "tehran")) == ["Moscow and Tehran."]


def test_an_empty_corpus_searches_to_nothing(index_of):
    assert index_of({}).search("anything") == []
    assert index_of({}).search("@person") == []


def test_one_index_serves_several_threads_at_once(index_of):
    from concurrent.futures import ThreadPoolExecutor

    index = index_of({f"d{i}": f"Oil price {i} rose. Gas prices fell in Iran." for i in range(200)})
    queries = ["oil", "pric", "gas pric", "iran | oil", "prises", "fel", "^gas", "'rose"] * 10
    expected = [[(h.doc, h.sentence, h.highlights) for h in index.search(q)] for q in queries]
    index.clear_caches()
    with ThreadPoolExecutor(4) as pool:
        got = list(
            pool.map(
                lambda q: [(h.doc, h.sentence, h.highlights) for h in index.search(q)], queries
            )
        )
    assert got == expected


def test_a_fact_line_does_not_repeat_its_object():
    from explorer.search import fact_line

    quote = "Tehran and Moscow are seeking to increase trade"
    fact = Fact("said", "Mehdi Sanai", quote, 6, 0, 60, {"quote": quote, "place": "Moscow"})
    assert fact_line(fact) == f"Mehdi Sanai · said · {quote} · place Moscow"
