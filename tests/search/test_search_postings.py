"""Long postings lists are saved per block of records as 16-bit ids (`postings`): a saved
index answers every query as the index built in memory does, and grows, updates and merges
from its blocks as from a build's lists. Blocks of 8 records and lists of 3 postings make
most words long in these small corpora (the index's own are 65,536 and 256)."""

from __future__ import annotations

import numpy as np
import pytest
from same_pages import differences
from search_corpus import AllFactsCorpus
from test_search_update import QUERIES, change, make_corpus

import explorer.search.build as build_module
from explorer.search import SearchIndex, cache_dir, matching, postings

#: Letters and common words typed alone, and a word being typed after another: the heads of
#: long lists, their masks and their cuts at a kind's first record.
MORE = [*QUERIES, "o", "t", "p", "i", "in", "the", "pr", "prices", "oil pr", "the o", "minister s"]


@pytest.fixture
def small_blocks(monkeypatch):
    # and candidates taken through masks of postings (by blocks), not by unions of them
    monkeypatch.setattr(matching, "UNION_BY_SORT", 4)
    monkeypatch.setattr(matching, "KEEP_MASK_FROM", 8)
    monkeypatch.setattr(postings, "BLOCK_BITS", 3)
    monkeypatch.setattr(postings, "BLOCK", 8)
    monkeypatch.setattr(postings, "LONG_AT_LEAST", 3)
    monkeypatch.setattr(postings, "LONG_PER_BLOCK", 0)


def _blocked(index: SearchIndex) -> None:
    a = index.arrays
    assert a.post_blk.dtype == np.uint16
    assert len(a.post_long) > 20 and len(a.post_blk) > 2 * len(a.post)  # most postings


def test_long_lists_saved_in_blocks_answer_as_the_built_index(tmp_path, small_blocks):
    corpus = make_corpus(tmp_path / "store.json", n=60)
    built = SearchIndex.build(corpus)
    built.save(tmp_path / "index")
    loaded = SearchIndex.load(tmp_path / "index")
    _blocked(loaded)
    assert differences(loaded, built, MORE) == []
    assert len(built.arrays.post_long) == 0  # in memory, every list word-major


@pytest.mark.parametrize("cls", [AllFactsCorpus, None])
def test_an_index_of_blocks_updated_or_grown_answers_as_a_build(tmp_path, small_blocks, cls):
    corpus = make_corpus(tmp_path / "store.json", n=60, **({"cls": cls} if cls else {}))
    _blocked(SearchIndex.load_or_build(corpus))
    change(corpus)
    updated = SearchIndex.load_or_build(corpus)
    assert updated.updated_from_cache
    assert differences(updated, SearchIndex.build(corpus), MORE) == []
    # and once more from what the first change saved
    corpus.docs["new3"] = "Oil prices rose in Moscow. The minister said so."
    again = SearchIndex.load_or_build(corpus)
    assert again.updated_from_cache
    assert differences(again, SearchIndex.build(corpus), MORE) == []


def test_blocked_parts_merged_with_records_masked_answer_as_a_build(
    tmp_path, small_blocks, monkeypatch
):
    monkeypatch.setattr(build_module, "TAIL_FLOOR", 0)  # the change merged into the base
    corpus = make_corpus(tmp_path / "store.json", n=60)
    SearchIndex.load_or_build(corpus)
    change(corpus)
    merged = SearchIndex.load_or_build(corpus)
    assert merged.updated_from_cache and merged.part_count == 1
    _blocked(SearchIndex.load(cache_dir(corpus.path)))
    assert differences(merged, SearchIndex.build(corpus), MORE) == []


@pytest.mark.parametrize(("union_by_sort", "few"), [(4, 0), (4, 1 << 16), (20_000, 0)])
def test_candidates_from_blocks_by_mask_or_by_union(
    tmp_path, small_blocks, monkeypatch, union_by_sort, few
):
    monkeypatch.setattr(matching, "UNION_BY_SORT", union_by_sort)
    monkeypatch.setattr(postings, "_FEW", few)  # masks set block by block, or at once
    corpus = make_corpus(tmp_path / "store.json", n=60)
    built = SearchIndex.build(corpus)
    built.save(tmp_path / "index")
    assert differences(SearchIndex.load(tmp_path / "index"), built, MORE) == []
