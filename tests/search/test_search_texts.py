"""The index keeps each record's text as a zstd frame compressed with a dictionary trained
from the index's own texts: fewer bytes on disk, and every hit still shows its sentence.
Parts compressed with different dictionaries merge into the texts a build holds."""

from __future__ import annotations

import random

import numpy as np
from search_corpus import MemoryCorpus

from explorer.search import SearchIndex, build, merge, texts

WORDS = (
    "harbour ferry lantern orchard quarry glacier museum market prices traders said the "
    "minister rose fell against dollar yen cocoa grain council budget election river bridge "
    "station railway north south winter summer report shares company profits"
).split()


def _docs(seed: int, count: int = 30) -> dict[str, str]:
    rng = random.Random(seed)

    def sentence() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
        return " ".join(words).capitalize() + "."

    return {f"d{i:02d}": " ".join(sentence() for _ in range(8)) for i in range(count)}


def _texts(parts) -> list[bytes]:
    a = parts.arrays
    return texts.decoded(a.text_off, a.text_blob, a.text_dict)


def test_texts_take_fewer_bytes_and_every_hit_shows_its_sentence(tmp_path):
    corpus = MemoryCorpus(tmp_path / "store.json", _docs(1))
    index = SearchIndex.build(corpus)
    a = index.arrays
    raw = [rec.text.encode() for rec in corpus.iter_sentences()]
    assert len(a.text_dict) > 0  # trained from the index's own texts
    assert a.text_off.dtype == np.uint32
    assert len(a.text_blob) < 0.7 * sum(map(len, raw))
    assert _texts(index.parts) == raw
    index.save(tmp_path / "saved")
    loaded = SearchIndex.load(tmp_path / "saved")
    for query in ("harbour", "glacier lantern", "quary", '"the minister"'):
        hits = loaded.search(query, 50)
        assert hits, query
        for hit in hits:  # the saved frames, read and decompressed one by one
            assert hit.text == corpus.docs[hit.doc][hit.start : hit.end]
            assert hit.highlights and all(
                0 <= lo < hi <= len(hit.text) for lo, hi in hit.highlights
            )


def _sources(tmp_path, docs: dict[str, str], pieces: int) -> list[merge.Source]:
    ids = list(docs)
    size = -(-len(ids) // pieces)
    out = []
    for k in range(pieces):
        part_ids = ids[k * size : (k + 1) * size]
        corpus = MemoryCorpus(tmp_path / f"part{k}.json", {d: docs[d] for d in part_ids})
        parts = build.build(corpus)
        place = [ids.index(doc_id) for doc_id, _title in parts.tables.docs]
        out.append(merge.Source(parts, np.asarray([*place, 0], dtype=np.int64)))
    return out


def test_parts_with_other_dictionaries_merge_into_the_texts_of_a_build(tmp_path):
    docs = _docs(2)
    whole = build.build(MemoryCorpus(tmp_path / "store.json", docs))
    # two parts: the merge keeps the dictionary of the one holding most of the text and
    # compresses the other's texts again with it
    two = _sources(tmp_path, docs, 2)
    dicts = [bytes(s.parts.arrays.text_dict) for s in two]
    assert all(dicts) and dicts[0] != dicts[1]
    merged = merge.merge(two, "g")
    assert bytes(merged.arrays.text_dict) in dicts
    assert merged.arrays.differences(whole.arrays) == []
    assert _texts(merged) == _texts(whole)
    # three parts, none with half the text: a dictionary trained from them all
    three = _sources(tmp_path, docs, 3)
    merged = merge.merge(three, "g")
    assert bytes(merged.arrays.text_dict) not in [bytes(s.parts.arrays.text_dict) for s in three]
    assert len(merged.arrays.text_dict) > 0
    assert merged.arrays.differences(whole.arrays) == []


def test_parts_of_one_build_share_a_dictionary_and_their_frames_are_copied(tmp_path, monkeypatch):
    corpus = MemoryCorpus(tmp_path / "store.json", _docs(3))
    whole = build.build(corpus)
    trained: list[bytes] = []
    train = texts.train

    def counted(samples):
        trained.append(train(samples))
        return trained[-1]

    monkeypatch.setattr(texts, "train", counted)
    parts = merge.build_in_parts(corpus, part_records=60)
    assert parts.arrays.records > 3 * 60  # four parts or more, merged
    # one dictionary, the first part's, for every part and the merged one: no text was
    # compressed twice
    assert len(trained) == 1 and trained[0]
    assert bytes(parts.arrays.text_dict) == trained[0]
    assert parts.arrays.differences(whole.arrays) == []


def test_a_damaged_text_shows_no_text_and_does_not_stop_the_search(tmp_path):
    corpus = MemoryCorpus(tmp_path / "store.json", _docs(4))
    SearchIndex.build(corpus).save(tmp_path / "saved")
    blob = np.load(tmp_path / "saved" / "text_blob.npy", mmap_mode="r+")
    blob[:] = 0xFF  # no frame header is valid any more
    blob.flush()
    del blob
    index = SearchIndex.load(tmp_path / "saved")
    hits = index.search("harbour", 10)
    assert hits and all(hit.text == "" for hit in hits)
    assert all(hit.highlights == () for hit in hits)
