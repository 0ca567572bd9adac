"""The ranking rules' order, pinned: one RankKey says which hit comes first."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.search.ranking import RankKey

# Each key is better than the next by exactly one rule, the earlier rule overriding every
# later one: more terms matched, then fewer typos, then closer terms, then fewer prefix
# matches, then record order (entity names, facts, sentences; corpus order within).
BEST_FIRST = [
    RankKey(matched=3, typos=2, proximity=200, prefixes=30, record=999),
    RankKey(matched=2, typos=0, proximity=0, prefixes=0, record=0),
    RankKey(matched=2, typos=1, proximity=0, prefixes=0, record=0),
    RankKey(matched=2, typos=1, proximity=1, prefixes=0, record=0),
    RankKey(matched=2, typos=1, proximity=1, prefixes=1, record=0),
    RankKey(matched=2, typos=1, proximity=1, prefixes=1, record=1),
]


def test_the_rules_apply_in_order_each_overriding_the_later_ones():
    packed = [key.packed() for key in BEST_FIRST]
    assert packed == sorted(packed)
    assert len(set(packed)) == len(packed)


@pytest.mark.parametrize("key", BEST_FIRST)
def test_a_key_unpacks_to_what_was_packed(key):
    assert RankKey.unpack(key.packed()) == key


def test_rules_beyond_their_bits_are_clamped_not_spilled_into_the_next_rule():
    big = RankKey(matched=1, typos=99, proximity=9_999, prefixes=99, record=5)
    assert RankKey.unpack(big.packed()) == RankKey(1, 31, 255, 31, 5)
    assert big.packed() < RankKey(matched=0).packed()  # still ranks by terms matched first


def test_arrays_pack_as_single_keys_do():
    keys = [RankKey(2, 1, 3, 0, 7), RankKey(1, 0, 0, 1, 8), RankKey(20, 40, 300, 40, 9)]
    packed = RankKey.pack(
        *(np.array([getattr(k, f) for k in keys], dtype=np.int64) for f in RankKey.__slots__)
    )
    assert packed.tolist() == [k.packed() for k in keys]


def test_the_score_shown_summarises_the_rules():
    assert RankKey(matched=2, typos=1, proximity=3, prefixes=1).score == pytest.approx(1.719)
