"""A store's index is built a few documents at a time (bounded memory on a big store): the
arrays, and so every page a search shows, are those of the one-pass build of the whole
corpus, however small the chunks of documents, records and postings are."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from dated_store import write_corpus
from same_pages import differences

from explorer.search import SearchIndex, build, persist
from explorer.search.arrays import narrowest

QUERIES = [
    "dollar",
    "doll",
    "dolar",
    "cocoa ghana",
    "james baker",
    '"the dollar"',
    "^the",
    "dollar !yen",
    "@person",
    "label:GPE",
    "@gpe prices",
    "doc:r0",
    "after:1987-03-01 dollar",
    "pred:said",
    "quokka",
    "s",
]

EXTRA = {
    "n01.txt": "Maria Lopez said the quokka museum in Perth would open in May. "
    "James Baker visited Tokyo. The dollar rose.",
    "n02.txt": "Peter Holm said cocoa from Ghana was cheaper. Accra traders agreed.",
    "n03.txt": "Oslo and Tokyo signed a grain accord, Maria Lopez said.",
}


class _WholeCorpus:
    """The store as a bare corpus: every mention, fact and sentence listed at once, none by
    document, so the index is built in one pass, as before the build streamed."""

    def __init__(self, store) -> None:
        self._store = store
        self.path = store.path

    def generation(self) -> str:
        return self._store.generation()

    def documents(self):
        return self._store.documents()

    def document_hashes(self):
        return self._store.document_hashes()

    def entities(self, label=None):
        return self._store.entities(label)

    def facts(self, predicate=None):
        return self._store.facts(predicate)

    def mentions(self):
        return self._store.mentions()

    def iter_sentences(self):
        return self._store.iter_sentences()


def _store(root: Path):
    from explorer.store import Store

    folder = write_corpus(root)
    for name, text in EXTRA.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    store = Store.open(root / "store.json")
    store.ingest([folder])
    return store


def _same_arrays(a: SearchIndex, b: SearchIndex) -> list[str]:
    ours, theirs = a.parts, b.parts
    out = [
        name
        for name, array in ours.arrays.as_dict().items()
        if not np.array_equal(np.asarray(array), np.asarray(theirs.arrays.as_dict()[name]))
        or narrowest(name, np.asarray(array))
        != narrowest(name, np.asarray(theirs.arrays.as_dict()[name]))  # the type saved
    ]
    # the same texts, and (trained from the same records) the same frames
    if ours.arrays.differences(theirs.arrays):
        out.append("differences")
    if ours.vocab != theirs.vocab:
        out.append("vocab")
    if ours.tables != theirs.tables:
        out.append("tables")
    return out


def test_tiny_chunks_build_the_index_a_one_pass_build_gives(tmp_path, monkeypatch):
    store = _store(tmp_path)
    try:
        assert build._streams(store) and not build._streams(_WholeCorpus(store))
        whole = SearchIndex.build(_WholeCorpus(store))
        streamed = SearchIndex.build(store)
        monkeypatch.setattr(build, "_STREAM_DOCS", 2)  # sentences of 2 documents a chunk
        monkeypatch.setattr(build, "_POSTING_BLOCK", 3)  # postings sorted 3 records at a time
        monkeypatch.setattr(build, "_BUILD_CHUNK", 4)  # texts tokenised 4 at a time
        tiny = SearchIndex.build(store)
        assert tiny.arrays.records > 3 * 4 * 2  # so many chunks and blocks were merged
        assert _same_arrays(streamed, whole) == []
        assert _same_arrays(tiny, whole) == []
        assert differences(tiny, whole, QUERIES) == []
        # saved with its spooled texts, columns and forward index written a few bytes at a
        # time, and loaded again
        monkeypatch.setattr(persist, "_WRITE_CHUNK", 64)
        for name in ("text_blob", "fwd", "kind", "doc", "labels", "date_lo", "date_hi"):
            spooled = getattr(tiny.arrays, name)
            assert persist._mapping(spooled) is not None, name  # in a file, not in memory
        tiny.save(tmp_path / "tiny.index")
        whole.save(tmp_path / "whole.index")
        names = sorted(p.name for p in (tmp_path / "whole.index").iterdir())
        assert sorted(p.name for p in (tmp_path / "tiny.index").iterdir()) == names
        assert "fwd.npy" in names and "meta.json" in names
        for name in names:  # every array, the tables and the checksums: byte for byte
            saved = (tmp_path / "tiny.index" / name).read_bytes()
            assert saved == (tmp_path / "whole.index" / name).read_bytes(), name
        again = SearchIndex.load(tmp_path / "tiny.index")
        assert differences(again, whole, QUERIES) == []
        assert tiny.search("quokka museum")  # and the pages are not empty ones
        assert tiny.search("james baker", kind="entity")
    finally:
        store.close()


def test_a_vocabulary_past_16_bits_keeps_every_word_id(tmp_path, monkeypatch):
    """Past 65,536 words, the forward index is saved as int32: word ids gathered 16 bits
    wide while the vocabulary was small are widened, not cut."""
    folder = tmp_path / "many"
    folder.mkdir()
    words = [f"w{i:05d}x" for i in range(70_000)]
    texts = {}
    for k in range(7):
        chunk = words[k * 10_000 : (k + 1) * 10_000]
        texts[k] = ". ".join(" ".join(chunk[j : j + 20]) for j in range(0, len(chunk), 20))
        (folder / f"d{k}.txt").write_text(texts[k] + ".\n", encoding="utf-8")
    from explorer.store import Store

    store = Store.open(tmp_path / "store.json")
    try:
        store.ingest([folder])
        monkeypatch.setattr(build, "_BUILD_CHUNK", 50)
        index = SearchIndex.build(store)
        assert len(index.vocab) > 65_536
        assert np.asarray(index.arrays.fwd).dtype == np.int32
        for k, word in ((6, "w69999x"), (6, "w65536x"), (0, "w00007x")):
            at = texts[k].index(word)
            hits = index.search(word, 3, kind="sentence")
            assert hits[0].doc == f"d{k}.txt", word
            assert (at, at + len(word)) in hits[0].highlights, word
    finally:
        store.close()
