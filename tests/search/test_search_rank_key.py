"""The ranking rules' order, pinned: one RankKey says which hit comes first."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.search.ranking import RankKey

# Each key is better than the next by exactly one rule, the earlier rule overriding every
# later one: more terms matched, then fewer typos, then closer terms, then fewer prefix
# matches, then kind (entity names, facts, sentences), then fewer words, then corpus order.
BEST_FIRST = [
    RankKey(matched=3, typos=2, proximity=200, prefixes=30, kind=2, words=60, record=999),
    RankKey(matched=2, typos=0, proximity=0, prefixes=0, kind=2, words=60, record=999),
    RankKey(matched=2, typos=1, proximity=0, prefixes=0, kind=2, words=60, record=999),
    RankKey(matched=2, typos=1, proximity=1, prefixes=0, kind=2, words=60, record=999),
    RankKey(matched=2, typos=1, proximity=1, prefixes=1, kind=0, words=60, record=999),
    RankKey(matched=2, typos=1, proximity=1, prefixes=1, kind=1, words=1, record=0),
    RankKey(matched=2, typos=1, proximity=1, prefixes=1, kind=1, words=2, record=0),
    RankKey(matched=2, typos=1, proximity=1, prefixes=1, kind=1, words=2, record=1),
]


def test_the_rules_apply_in_order_each_overriding_the_later_ones():
    packed = [key.packed() for key in BEST_FIRST]
    assert packed == sorted(packed)
    assert len(set(packed)) == len(packed)


@pytest.mark.parametrize("key", BEST_FIRST)
def test_a_key_unpacks_to_what_was_packed(key):
    assert RankKey.unpack(key.packed()) == key


def test_rules_beyond_their_bits_are_clamped_not_spilled_into_the_next_rule():
    big = RankKey(matched=1, typos=99, proximity=9_999, prefixes=99, kind=2, words=500, record=5)
    assert RankKey.unpack(big.packed()) == RankKey(1, 31, 255, 31, 2, 63, 5)
    assert big.packed() < RankKey(matched=0).packed()  # still ranks by terms matched first


def test_the_record_field_holds_the_ids_of_a_ten_million_document_store():
    # About 24 records a document (the 200,000-document store has 4.8 million), int32 in the
    # postings: every id a part can hold keeps its rules intact.
    last = RankKey(matched=1, typos=3, proximity=7, prefixes=1, kind=2, words=40, record=2**31 - 1)
    assert RankKey.unpack(last.packed()) == last
    assert last.packed() > 0


def test_arrays_pack_as_single_keys_do():
    keys = [
        RankKey(2, 1, 3, 0, 2, 17, 7),
        RankKey(1, 0, 0, 1, 0, 2, 8),
        RankKey(20, 40, 300, 40, 2, 99, 9),
    ]
    packed = RankKey.pack(
        *(np.array([getattr(k, f) for k in keys], dtype=np.int64) for f in RankKey.__slots__)
    )
    assert packed.tolist() == [k.packed() for k in keys]


def test_the_score_shown_summarises_the_rules():
    assert RankKey(matched=2, typos=1, proximity=3, prefixes=1).score == pytest.approx(1.719)
