"""The grouped search behind one keystroke: entities, facts and sentences, each a page of
hits with how many there are in all, so a screen can say "25 of 393" and ask for more."""

from __future__ import annotations

from search_corpus import texts

from explorer.model import Entity, Fact

# 30 sentences naming Blair (one of them with a typo), 3 facts, 2 entities.
DOCS = {f"d{i}": f"Blair spoke on day {i}. Rain fell." for i in range(29)}
DOCS["typo"] = "Bliar was there."
ENTITIES = [Entity("Tony Blair", "PERSON", ("Blair",)), Entity("Cherie Blair", "PERSON")]
FACTS = [Fact("said", "Tony Blair", f"quote {i}", 0, 0, 5, doc=f"d{i}") for i in range(3)]


def grouped_index(index_of):
    return index_of(DOCS, entities=ENTITIES, facts=FACTS)


def test_every_kind_is_a_group_with_its_page_and_total(index_of):
    index = grouped_index(index_of)
    groups = index.search_grouped("blair", {"entity": 25, "fact": 2, "sentence": 10})
    assert [(g.name, len(g.hits), g.total, g.exact) for g in groups] == [
        ("entities", 2, 2, True),  # "Tony Blair" and its alias "Blair" count once
        ("facts", 2, 3, True),
        ("sentences", 10, 30, True),  # the typo "Bliar" counts too
    ]
    assert [g.more for g in groups] == [False, True, True]


def test_a_page_is_what_search_of_that_kind_ranks(index_of):
    index = grouped_index(index_of)
    for query in ("blair", "blair spoke", "blai", "day 1 | rain", "@person"):
        groups = index.search_grouped(query, {"entity": 3, "fact": 3, "sentence": 7})
        for group in groups:
            limit = 7 if group.kind == "sentence" else 3
            assert texts(group.hits) == texts(index.search(query, limit, kind=group.kind))


def test_offsets_page_through_a_group_in_rank_order(index_of):
    index = grouped_index(index_of)
    everything = texts(index.search("blair", 100, kind="sentence"))
    pages = []
    for offset in range(0, 40, 8):
        (_entities, _facts, sentences) = index.search_grouped(
            "blair", {"sentence": 8}, {"sentence": offset}
        )
        assert sentences.total == 30 and sentences.offset == offset
        pages.extend(texts(sentences.hits))
    assert pages == everything and len(pages) == 30
    assert everything[-1] == "Bliar was there."  # the typo ranks last, and is reachable


def test_an_empty_query_has_no_groups_and_a_query_without_hits_empty_ones(index_of):
    index = grouped_index(index_of)
    assert index.search_grouped("   ") == []
    assert index.search_grouped("!blair") == []  # exclusions alone select nothing
    groups = index.search_grouped("zebra")
    assert [(g.kind, g.hits, g.total, g.more) for g in groups] == [
        ("entity", [], 0, False),
        ("fact", [], 0, False),
        ("sentence", [], 0, False),
    ]
