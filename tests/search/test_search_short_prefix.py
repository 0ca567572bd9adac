"""A word being typed after others ("film a"): its millions of postings are read through a
mask kept between keystrokes, and a keystroke's candidates are kept for each kind. Neither
may change what a user sees: the same hits, order, highlights and counts as the same query
typed into a fresh index."""

from __future__ import annotations

import random

import pytest

from explorer.search import matching

WORDS = (
    "film festival award actor actress best box office world cup chelsea coach club "
    "champions tony blair gordon brown budget bank rates interest mobile phone music "
    "download digital market share shares sales company profits oil price prices growth"
).split()


def _corpus(n_docs: int = 60) -> dict[str, str]:
    rng = random.Random(12)
    docs = {}
    for d in range(n_docs):
        sentences = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))).capitalize() + "."
            for _ in range(8)
        ]
        docs[f"d{d:03d}"] = " ".join(sentences)
    return docs


def _seen(groups):
    return [
        (g.kind, g.total, g.exact, [(h.doc, h.sentence, h.score, h.highlights) for h in g.hits])
        for g in groups
    ]


TYPED = ["film a", "world c", "tony b", "interest r", "music d", "box o", "film aw", "c", "t"]


def test_short_last_word_answers_as_a_fresh_index_does(index_of, monkeypatch):
    docs = _corpus()
    fresh = index_of(docs)
    expected = {}
    for query in TYPED:
        fresh.clear_caches()
        expected[query] = _seen(fresh.search_grouped(query))
    # Every group through the kept masks and the union by bitmap, as at a million sentences.
    monkeypatch.setattr(matching, "KEEP_MASK_FROM", 1)
    monkeypatch.setattr(matching, "UNION_BY_SORT", 0)
    typed = index_of(docs)
    for _round in range(2):  # the second time every mask and candidate list is a kept one
        for query in TYPED:
            for n in range(1, len(query) + 1):
                typed.search_grouped(query[:n])  # typed key by key: the caches fill
            assert _seen(typed.search_grouped(query)) == expected[query], query
    assert typed.matcher._masks  # the masks were kept, not rebuilt each time


@pytest.mark.parametrize("query", ["film a", "tony b"])
def test_kept_candidates_do_not_leak_into_other_filters(index_of, monkeypatch, query):
    monkeypatch.setattr(matching, "KEEP_MASK_FROM", 1)
    docs = _corpus()
    index = index_of(docs)
    index.search_grouped(query)  # candidates kept for this query's words
    narrowed = index.search_grouped(f"doc:d001 {query}")
    fresh = index_of(docs)
    assert _seen(narrowed) == _seen(fresh.search_grouped(f"doc:d001 {query}"))
    assert all(h.doc == "d001" for g in narrowed for h in g.hits)
