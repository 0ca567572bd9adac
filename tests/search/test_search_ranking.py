"""Each ranking rule, in order, on a small corpus whose expected order is written down:
terms matched, typos, proximity and order, exact before prefix, entities and facts before
sentences, then fewer words, then document and position."""

from __future__ import annotations

from search_corpus import texts

from explorer.model import Entity, Fact
from explorer.search import matching


def test_more_query_terms_matched_ranks_first(index_of):
    index = index_of({"d": "Iran exports oil. Russia buys gas. Russia and Iran trade."})
    assert texts(index.search("iran | russia")) == [
        "Russia and Iran trade.",  # both terms
        "Iran exports oil.",  # one term; then by position
        "Russia buys gas.",
    ]


def test_terms_matched_outranks_typos(index_of):
    index = index_of({"d": "Iran exports oil. Rusia and Iran trade."})
    # the second sentence matches both alternatives, one of them with a typo
    assert texts(index.search("iran | russia")) == ["Rusia and Iran trade.", "Iran exports oil."]


def test_fewer_typos_ranks_first(index_of):
    index = index_of({"d": "The budgit was late. The budget was late."})
    assert texts(index.search("budget")) == ["The budget was late.", "The budgit was late."]


def test_typos_outrank_proximity(index_of):
    index = index_of({"d": "Markat crash today. Market fell and then came the crash."})
    assert texts(index.search("market crash")) == [
        "Market fell and then came the crash.",  # no typo, far apart
        "Markat crash today.",  # adjacent, one typo
    ]


def test_closer_terms_rank_first_and_in_order_beats_reversed(index_of):
    index = index_of({"d": "Price of crude oil rose. Oil and gas price fell. Oil price rose."})
    assert texts(index.search("oil price")) == [
        "Oil price rose.",  # adjacent, in order
        "Oil and gas price fell.",  # two words between, in order
        "Price of crude oil rose.",  # reversed
    ]
    index = index_of({"d": "The price oil deal. The oil price deal."})
    assert texts(index.search("oil price")) == ["The oil price deal.", "The price oil deal."]


def test_proximity_outranks_exact_before_prefix(index_of):
    index = index_of({"d": "Oil and then a car. Oil cars."})
    assert texts(index.search("oil car")) == ["Oil cars.", "Oil and then a car."]


def test_exact_word_before_prefix(index_of):
    index = index_of({"d": "The cars were sold. A car was sold."})
    assert texts(index.search("car")) == ["A car was sold.", "The cars were sold."]


def test_entities_and_facts_before_sentences_on_ties(index_of):
    index = index_of(
        {"d": "Mehdi Sanai spoke in Moscow."},
        entities=[Entity("Mehdi Sanai", "PERSON")],
        facts=[Fact("title", "Mehdi Sanai", "Ambassador", 0, 0, 11, doc="d")],
    )
    assert [h.kind for h in index.search("sanai")] == ["entity", "fact", "sentence"]


def test_kind_does_not_outrank_exact_before_prefix(index_of):
    index = index_of({"d": "Sanai spoke."}, entities=[Entity("Sanaiya Holdings", "ORG")])
    assert [(h.kind, h.text) for h in index.search("sanai")] == [
        ("sentence", "Sanai spoke."),
        ("entity", "Sanaiya Holdings"),
    ]


def test_ties_break_by_document_then_position_stably(index_of):
    index = index_of({"d1": "Oil rose. Oil fell.", "d2": "Oil again."})
    expected = [("d1", 0), ("d1", 1), ("d2", 0)]
    for _ in range(3):
        assert [(h.doc, h.sentence) for h in index.search("oil")] == expected


def test_among_equal_matches_the_record_with_fewer_words_first(index_of):
    # What BM25's length norm does for tantivy, as a rule a person can predict: the query
    # names the short sentence as much as the long one, which comes first in the corpus.
    index = index_of(
        {
            "a": "Jamie Foxx, who played Ray Charles in the film, was at the ceremony on Sunday.",
            "b": "Jamie Foxx won.",
            "c": "Foxx and Jamie were there too.",
        }
    )
    assert texts(index.search("jamide foxx")) == [
        "Jamie Foxx won.",  # adjacent and in order, 3 words
        "Jamie Foxx, who played Ray Charles in the film, was at the ceremony on Sunday.",
        "Foxx and Jamie were there too.",  # reversed: proximity outranks length
    ]
    assert texts(index.search("foxx")) == [
        "Jamie Foxx won.",
        "Foxx and Jamie were there too.",
        "Jamie Foxx, who played Ray Charles in the film, was at the ceremony on Sunday.",
    ]


def test_entity_names_and_facts_still_come_before_shorter_sentences(index_of):
    index = index_of(
        {"d": "Sanai. Mehdi Sanai, the ambassador, spoke in Moscow on Tuesday."},
        entities=[Entity("Mehdi Sanai", "PERSON")],
        facts=[Fact("title", "Mehdi Sanai", "Ambassador", 1, 0, 11, doc="d")],
    )
    found = [(h.kind, h.text) for h in index.search("sanai")]
    assert [kind for kind, _text in found] == ["entity", "fact", "sentence", "sentence"]
    assert found[2] == ("sentence", "Sanai.")


def test_one_word_in_hundreds_of_records_finds_the_shortest_wherever_it_is(index_of):
    # One plain word is answered from the heads of its postings: the shortest sentences
    # must lead even when hundreds of longer ones come before them in the corpus.
    docs = {f"a{i:03}": f"Blair spoke {'at length ' * (1 + i % 7)}today." for i in range(400)}
    docs["z1"] = "Blair left."
    docs["z2"] = "Blair spoke today."
    index = index_of(docs)
    hits = index.search("blair", limit=5)
    assert [h.text for h in hits[:2]] == ["Blair left.", "Blair spoke today."]
    assert [h.text for h in hits[2:]] == ["Blair spoke at length today."] * 3
    assert [h.doc for h in hits[2:]] == ["a000", "a007", "a014"]  # then corpus order
    grouped = index.search_grouped("blair", limits={"sentence": 3})
    assert [h.text for h in grouped[2].hits] == [h.text for h in hits[:3]]


def test_a_word_too_common_to_read_whole_still_keeps_the_rules_within_its_page(
    index_of, monkeypatch
):
    # Past `WHOLE_CLASS_AT_MOST` postings one word is read from the heads of its postings:
    # the page is approximate (the shortest of the first records), never out of rule order.
    monkeypatch.setattr(matching, "WHOLE_CLASS_AT_MOST", 10)
    monkeypatch.setattr(matching, "SCAN_ENOUGH", 40)
    docs = {f"a{i:03}": f"Blairs and Blair spoke {'at length ' * (i % 5)}." for i in range(300)}
    docs["z"] = "Blair."
    index = index_of(docs)
    grouped = index.search_grouped("blair", limits={"sentence": 8})[2]
    hits = grouped.hits
    assert len(hits) == 8 and grouped.total == 301  # the count is still every match
    words = [len(h.text.split()) for h in hits]
    assert words == sorted(words)  # fewer words first, within what was read
    assert [h.doc for h in hits[:2]] == ["a000", "a005"]  # then corpus order


def test_limit_takes_the_best_not_the_first(index_of):
    # 30 prefix matches come first in the corpus; the exact matches must still lead.
    docs = {f"a{i:02}": "Cars were sold." for i in range(30)}
    docs["z"] = "A car was sold."
    index = index_of(docs)
    hits = index.search("car", limit=5)
    assert hits[0].text == "A car was sold." and len(hits) == 5


def test_a_typo_of_a_whole_word_before_a_typo_of_a_prefix(index_of):
    # "blar" is one edit from "blair" and one edit from "bla", the start of "blamed": the
    # person who typed it more likely meant the whole word.
    index = index_of({"d": "Officials blamed the weather. Mr Blair spoke."})
    assert texts(index.search("blar")) == ["Mr Blair spoke.", "Officials blamed the weather."]


def test_a_longer_word_that_a_complete_word_starts_counts_as_a_typo(index_of):
    # A space after "bank" says the word is whole: "bankruptcy" is as far from it as a typo
    # ("banks" would be one), so "bank" itself comes first though its words are further apart.
    index = index_of({"d": "Bankruptcy rates rose sharply. The bank held its lending rates."})
    assert texts(index.search("bank rates")) == [
        "The bank held its lending rates.",
        "Bankruptcy rates rose sharply.",
    ]


def test_a_typo_of_a_complete_word_is_not_beaten_by_a_longer_word_it_starts(index_of):
    # "imple" typed and done with: one edit from "simple", and the start of "implement". Both
    # are one typo away, so the closer terms decide, where a free prefix match once won.
    index = index_of({"d": "Officials will implement a new plan. A simple plan won the vote."})
    assert texts(index.search("imple plan")) == [
        "A simple plan won the vote.",
        "Officials will implement a new plan.",
    ]


def test_the_word_being_typed_still_matches_longer_words_at_no_cost(index_of):
    index = index_of({"d": "A simple plan won the vote. Officials will implement it."})
    # Still typing "imple": the person may be on the way to "implement".
    assert texts(index.search("imple")) == [
        "Officials will implement it.",
        "A simple plan won the vote.",
    ]
    # A space typed: the word is complete, and the whole word one typo away leads, also when
    # one hit is asked for (the page of hits without typos holds "implement" only).
    assert texts(index.search("imple ")) == [
        "A simple plan won the vote.",
        "Officials will implement it.",
    ]
    assert texts(index.search("imple ", limit=1)) == ["A simple plan won the vote."]


def test_one_kind_at_a_time_leaves_room_for_sentences(index_of):
    # A name found in many facts fills any page of mixed results; asked kind by kind, each
    # gets its own page, ranked by the same rules.
    facts = [Fact("said", "Tony Blair", f"point {n}", 0, 0, 10, doc="d") for n in range(30)]
    index = index_of(
        {"d": "Tony Blair spoke. Blair left. Blairs are few."},
        entities=[Entity("Tony Blair", "PERSON")],
        facts=facts,
    )
    mixed = index.search("blair", limit=10)
    assert "sentence" not in {h.kind for h in mixed}
    sentences = index.search("blair", limit=10, kind="sentence")
    # Exact before prefix ("Blairs"), and among exact matches the shorter sentence first.
    assert [h.text for h in sentences] == ["Blair left.", "Tony Blair spoke.", "Blairs are few."]
    assert {h.kind for h in index.search("blair", limit=50, kind="fact")} == {"fact"}
    assert [h.text for h in index.search("blair", kind="entity")] == ["Tony Blair"]
    assert index.search("blar", kind="sentence")[0].text == "Blair left."
