"""The query language: each operator, and malformed input that must never raise."""

from __future__ import annotations

import random

import pytest
from search_corpus import texts

from explorer.model import Entity, Mention
from explorer.search import parse

DOCS = {
    "news-1": "Iran and Russia signed a trade deal. The Prime Minister of Russia visited Tehran.",
    "news-2": "Russia's government said trade reached $500 million. Iranian officials met in Moscow.",
    "sport-1": "Minister of sport opened the stadium. Tehran hosted the final.",
}
TITLES = {"news-1": "Trade deal signed", "news-2": "Trade figures", "sport-1": "Stadium opens"}


@pytest.fixture
def index(index_of):
    return index_of(DOCS, titles=TITLES)


def test_space_separated_terms_must_all_match(index):
    assert texts(index.search("russia trade")) == [
        "Iran and Russia signed a trade deal.",
        "Russia's government said trade reached $500 million.",
    ]


def test_quote_prefix_is_an_exact_word_no_prefix_no_typo(index):
    assert texts(index.search("'iran")) == ["Iran and Russia signed a trade deal."]
    assert index.search("'tehra") == []  # not a prefix
    assert index.search("'tehrn") == []  # not a typo
    assert len(index.search("tehra")) == 2


def test_phrase_matches_adjacent_words_in_order(index):
    assert texts(index.search('"minister of"')) == [  # equal matches: fewer words first
        "Minister of sport opened the stadium.",
        "The Prime Minister of Russia visited Tehran.",
    ]
    assert texts(index.search('"prime minister"')) == [
        "The Prime Minister of Russia visited Tehran."
    ]
    assert index.search('"minister prime"') == []


def test_unclosed_quote_reads_as_closed_with_the_typed_word_a_prefix(index):
    assert texts(index.search('"prime minis')) == ["The Prime Minister of Russia visited Tehran."]
    assert texts(index.search('"prime minister')) == texts(index.search('"prime minister"'))


def test_caret_anchors_at_the_start_of_the_text(index):
    assert texts(index.search("^russia")) == [
        "Russia's government said trade reached $500 million."
    ]
    assert texts(index.search("^minister")) == ["Minister of sport opened the stadium."]


def test_bang_excludes_words_starting_with_it(index):
    assert texts(index.search("tehran !prime")) == ["Tehran hosted the final."]
    assert texts(index.search("trade !iran")) == [
        "Russia's government said trade reached $500 million."
    ]
    # !'word excludes only that exact word ("iranian" stays)
    assert "Iranian officials met in Moscow." in texts(index.search("moscow !'iran"))


def test_pipe_is_or_and_binds_tighter_than_space(index):
    assert set(texts(index.search("moscow | stadium"))) == {
        "Iranian officials met in Moscow.",
        "Minister of sport opened the stadium.",
    }
    # minister AND (sport OR tehran): both match two terms; "Minister of sport" is closer
    assert texts(index.search("minister sport | tehran")) == [
        "Minister of sport opened the stadium.",
        "The Prime Minister of Russia visited Tehran.",
    ]
    assert index.search("minister moscow | final") == []


def test_doc_filter_matches_id_or_title(index):
    assert texts(index.search("tehran doc:sport")) == ["Tehran hosted the final."]
    assert texts(index.search("tehran doc:deal")) == [
        "The Prime Minister of Russia visited Tehran."
    ]
    assert index.search("tehran doc:nowhere") == []
    assert {h.doc for h in index.search("doc:news-2")} == {"news-2"}


def test_label_filter_on_entities_and_on_sentences_with_mentions(index_of):
    index = index_of(
        {"d": "Mehdi Sanai met officials. Iran sent a delegation."},
        entities=[Entity("Mehdi Sanai", "PERSON", ("Sanai",)), Entity("Iran", "GPE")],
        mentions=[
            Mention(0, 11, "Mehdi Sanai", "PERSON", "Mehdi Sanai", 0, doc="d"),
            Mention(27, 31, "Iran", "GPE", "Iran", 1, doc="d"),
        ],
    )
    person = index.search("@person")
    assert [(h.kind, h.text) for h in person] == [
        ("entity", "Mehdi Sanai"),
        ("sentence", "Mehdi Sanai met officials."),
    ]
    assert [(h.kind, h.text) for h in index.search("label:GPE")] == [
        ("entity", "Iran"),
        ("sentence", "Iran sent a delegation."),
    ]
    assert texts(index.search("label:gpe delegation")) == ["Iran sent a delegation."]
    assert index.search("label:PERSON delegation") == []
    assert index.search("@nosuchlabel") == []


def test_label_filter_without_mentions_finds_only_entities(index_of):
    index = index_of(
        {"d": "Mehdi Sanai met officials."},
        entities=[Entity("Mehdi Sanai", "PERSON")],
    )
    assert [(h.kind, h.text) for h in index.search("@person sanai")] == [("entity", "Mehdi Sanai")]


def test_empty_and_operator_only_queries_return_nothing(index):
    for query in (
        "",
        "   ",
        '"',
        '""',
        "|",
        "| |",
        "!",
        "'",
        "^",
        "@",
        "doc:",
        "label:",
        "!!!",
        "$",
    ):
        assert index.search(query) == [], query


def test_malformed_queries_never_raise(index):
    rng = random.Random(4)
    alphabet = "ab iran russia\"'^!|@:$ ()[]\\*?~-doc:label:"
    for _ in range(500):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        hits = index.search(query)
        assert isinstance(hits, list)
    assert isinstance(index.search("\x00\x1b[31m"), list)
    assert isinstance(index.search("a" * 5000), list)


def test_parse_reads_the_last_term_as_being_typed():
    assert parse("iran rus").groups[-1][0].typing
    assert not parse("iran rus ").groups[-1][0].typing
    assert not parse('"prime minister"').groups[0][0].typing
    assert parse('"prime minis').groups[0][0].typing
    q = parse("a | b c !d 'e ^f @per doc:x")
    assert [[t.words for t in g] for g in q.groups] == [
        [("a",), ("b",)],
        [("c",)],
        [("e",)],
        [("f",)],
    ]
    assert q.excludes[0].words == ("d",)
    assert q.groups[2][0].exact and q.groups[3][0].anchored
    assert set(q.labels) == {"PERSON", "PERCENT"}
    assert q.docs == ("x",)


def test_doc_filter_takes_a_quoted_title(index):
    assert texts(index.search('russia doc:"trade figures"')) == [
        "Russia's government said trade reached $500 million."
    ]
