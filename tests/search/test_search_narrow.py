"""A saved index keeps each column in the narrowest type its values fit (`arrays.NARROWED`),
and a column whose values do not fit stays wide: the hits a loaded index gives are the
built index's, offsets far into a long document and label filters included."""

from __future__ import annotations

import numpy as np
import pytest
from search_corpus import MentionCorpus

from explorer.model import Entity, Mention
from explorer.search import SearchIndex
from explorer.search.arrays import NARROWED


def _saved_types(folder) -> dict[str, np.dtype]:
    return {name: np.load(folder / f"{name}.npy", mmap_mode="r").dtype for name in NARROWED}


def _corpus(tmp_path, docs, **extra) -> MentionCorpus:
    return MentionCorpus(tmp_path / "store.json", docs, **extra)


def test_a_small_index_is_saved_in_narrow_columns_and_answers_as_built(tmp_path):
    corpus = _corpus(
        tmp_path,
        {"d": "Mehdi Sanai met officials. Iran sent a delegation.", "e": "Rain in Spain."},
        entities=[Entity("Mehdi Sanai", "PERSON", ("Sanai",)), Entity("Iran", "GPE")],
        mentions=[
            Mention(0, 11, "Mehdi Sanai", "PERSON", "Mehdi Sanai", 0, doc="d"),
            Mention(27, 31, "Iran", "GPE", "Iran", 1, doc="d"),
        ],
    )
    built = SearchIndex.build(corpus)
    built.save(tmp_path / "index")
    assert _saved_types(tmp_path / "index") == {
        "doc": np.int8,  # -1: an entity name without a document
        "sent": np.int8,
        "start": np.int8,  # -1 for the entity names
        "end": np.int8,
        "ref": np.int8,
        "labels": np.uint8,
        "fwd_off": np.int32,
        "post_blk_off": np.uint32,
    }
    loaded = SearchIndex.load(tmp_path / "index")
    # Label bits above the saved byte's (MONEY, CARDINAL) filter to nothing, not an error.
    for query in ("sanai", "iran", "@person", "label:GPE delegation", "@money", "@cardinal iran"):
        assert loaded.search(query) == built.search(query), query
    assert loaded.search("@money") == []
    assert [h.text for h in loaded.search("label:GPE delegation")] == ["Iran sent a delegation."]


@pytest.mark.parametrize(
    ("repeats", "offsets", "sentences"),
    [(1_400, np.uint16, np.int16), (2_300, np.int32, np.int16)],  # 42,000 / 69,000 characters
)
def test_offsets_past_what_16_bits_hold_stay_wide_and_right(tmp_path, repeats, offsets, sentences):
    filler = "Nothing happened on that day. " * repeats
    text = filler + "The harbour flooded at dawn."
    start = len(filler)
    corpus = _corpus(tmp_path, {"long": text, "short": "A harbour."})
    built = SearchIndex.build(corpus)
    built.save(tmp_path / "index")
    types = _saved_types(tmp_path / "index")
    # sentences only: no -1 offset, so 16 bits unsigned up to 65,535; past it, the wide type
    assert types["start"] == offsets and types["end"] == offsets
    assert types["sent"] == sentences
    assert types["ref"] == np.int8  # sentences only: -1
    loaded = SearchIndex.load(tmp_path / "index")
    hits = loaded.search("flooded")
    assert [(h.doc, h.sentence, h.start, h.end) for h in hits] == [
        ("long", repeats, start, start + len("The harbour flooded at dawn."))
    ]
    assert loaded.search("harbour") == built.search("harbour")
