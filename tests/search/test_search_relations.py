"""pred:NAME: the facts of one relation (a deal, what someone said), with or without words,
as an analyst asks "which companies were bought, and by whom?"."""

from __future__ import annotations

import pytest

from explorer.search import SearchIndex
from explorer.search.query import parse
from explorer.store import Store

DOCS = {
    "takeover.txt": (
        "Harbour Freight agrees takeover\n\n"
        "Harbour Freight has agreed to buy Northwind Logistics for $2bn, the companies said "
        "on Monday.\n\nChief executive Maria Olsen said the deal would double the group's "
        "fleet.\n"
    ),
    "minister.txt": (
        "Bank chief meets minister\n\n"
        "Maria Olsen met Finance Minister Tomas Berg in Oslo on Tuesday.\n\n"
        "Berg said the government would not block the takeover.\n"
    ),
}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    root = tmp_path_factory.mktemp("relations")
    for name, text in DOCS.items():
        (root / name).write_text(text, encoding="utf-8")
    store = Store.open(root / "store.json")
    store.ingest([root])
    yield SearchIndex.load_or_build(store)
    store.close()


def test_a_relation_alone_lists_its_facts_and_nothing_else(index):
    hits = index.search("pred:deal", limit=50)
    assert [(h.kind, h.predicate, h.text.split(" · ")[:3]) for h in hits] == [
        ("fact", "deal", ["Harbour Freight", "deal", "Northwind Logistics"])
    ]


def test_words_narrow_the_relation_and_a_prefix_names_it(index):
    hits = index.search("pred:sa olsen", limit=50)  # `sa` is said, still being typed
    assert {(h.kind, h.predicate, h.text.split(" · ")[0]) for h in hits} == {
        ("fact", "said", "Maria Olsen")
    }
    # the same words without the filter find sentences and entities too
    assert {h.kind for h in index.search("olsen", limit=50)} > {"fact"}


def test_two_relations_are_either(index):
    hits = index.search("pred:met pred:title", limit=50)
    assert {h.predicate for h in hits} == {"met", "title"}


def test_a_relation_that_does_not_exist_finds_nothing_and_says_why():
    query = parse("pred:bought olsen")
    assert query.predicate_filter and not query.predicates
    assert "pred:bought is not a relation (title, said, met" in query.hint
    assert "pred: understood" in parse("pred:deal").hint
    assert parse("pred:").is_empty  # still being typed: filters nothing yet


def test_grouped_results_under_a_relation_hold_only_its_facts(index):
    totals = {g.kind: g.total for g in index.search_grouped("pred:said")}
    assert totals == {"entity": 0, "fact": 2, "sentence": 0}
