"""Highlight ranges (exact, prefix, typo, phrase, accents) and the typo limits."""

from __future__ import annotations

import pytest
from search_corpus import texts

from explorer.model import Entity, Fact
from explorer.search import typo_budget

DOC = "Iran and Russia signed a deal. Russia's trade with Russia grew. Café society in Paris."


@pytest.fixture
def index(index_of):
    return index_of({"d": DOC})


def spans(hit):
    return [hit.text[s:e] for s, e in hit.highlights]


def test_exact_match_highlights_the_whole_word(index):
    (hit,) = index.search("iran")
    assert hit.highlights == ((0, 4),)


def test_prefix_match_highlights_the_typed_part(index):
    hits = index.search("rus")
    assert [h.highlights for h in hits] == [((9, 12),), ((0, 3), (20, 23))]
    assert spans(hits[1]) == ["Rus", "Rus"]


def test_typo_match_highlights_the_whole_word(index):
    hits = index.search("rusia")
    assert [h.highlights for h in hits] == [((9, 15),), ((0, 6), (20, 26))]


def test_accents_and_case_fold_and_keep_offsets(index):
    (hit,) = index.search("CAFE")
    assert hit.highlights == ((0, 4),) and spans(hit) == ["Café"]
    (hit,) = index.search("CAFÉ")  # accents in the query fold too
    assert hit.highlights == ((0, 4),)


def test_phrase_highlights_each_of_its_words(index):
    (hit,) = index.search('"signed a deal"')
    assert hit.highlights == ((16, 22), (23, 24), (25, 29))
    assert spans(hit) == ["signed", "a", "deal"]


def test_two_terms_highlight_both(index):
    (hit,) = index.search("trade gre")
    assert spans(hit) == ["trade", "gre"]


def test_highlights_of_entity_and_fact_hits(index_of):
    index = index_of(
        {"d": "Nothing here."},
        entities=[Entity("Mehdi Sanai", "PERSON", ("Sanai",))],
        facts=[Fact("title", "Mehdi Sanai", "Ambassador", 0, 0, 5, {"of": "Iran"}, doc="d")],
    )
    hits = {h.kind: h for h in index.search("mehd")}
    assert spans(hits["entity"]) == ["Mehd"]
    assert spans(hits["fact"]) == ["Mehd"]
    (fact_hit,) = index.search("ambasador")
    assert spans(fact_hit) == ["Ambassador"]


def test_typo_budget_is_0_below_4_then_1_then_2_from_8():
    assert [typo_budget("x" * n) for n in range(1, 11)] == [0, 0, 0, 1, 1, 1, 1, 2, 2, 2]


def test_words_of_1_to_3_characters_are_never_fuzzy(index_of):
    index = index_of({"d": "The cat sat. A dog ran."})
    assert index.search("cst") == []
    assert texts(index.search("cat")) == ["The cat sat."]
    assert index.search("bat ") == []  # complete, not a prefix, no typo
    assert index.search("dg") == []


def test_a_typo_never_reaches_a_3_character_word(index_of):
    index = index_of({"d": "The cat sat."})
    assert index.search("cats") == []  # "cat" + one letter: not a typo of a short word


def test_one_edit_from_4_characters(index_of):
    index = index_of({"d": "The bank closed. The balance fell."})
    assert texts(index.search("bonk")) == ["The bank closed."]  # substitution
    assert texts(index.search("bnak")) == ["The bank closed."]  # two neighbours swapped
    assert index.search("bnka") == []  # two edits
    assert texts(index.search("bxlance")) == ["The balance fell."]  # 7 letters, 1 edit
    assert index.search("bxlancz") == []  # 7 letters, 2 edits: too many


def test_two_edits_from_8_characters(index_of):
    index = index_of({"d": "The momentum grew. Parliament voted."})
    assert texts(index.search("mxmentuz")) == ["The momentum grew."]
    assert texts(index.search("parlaiment")) == ["Parliament voted."]
    assert index.search("mxmxntuz") == []  # three edits


def test_typo_in_the_word_being_typed(index_of):
    index = index_of({"d": "The government spent more. Governors met."})
    assert "The government spent more." in texts(index.search("goverm"))
    assert texts(index.search("gobernment")) == ["The government spent more."]


def test_typing_letter_by_letter_finds_what_a_cold_query_finds(index_of):
    index = index_of({"d": "The government spent more. Governors met. Love moves."})
    typed = ""
    for char in "goverment":
        typed += char
        warm = texts(index.search(typed))
        index.clear_caches()
        assert warm == texts(index.search(typed)), typed


def test_a_typo_in_a_short_prefix_still_reaches_the_long_word(index_of):
    index = index_of({"d": "The attempt failed. The cat sat."})
    (hit,) = index.search("atjt")  # "att" + a stray letter: one edit from "att…"
    assert hit.text == "The attempt failed." and spans(hit) == ["attempt"]
    assert index.search("cats") == []  # but never the 3-letter word "cat"


# Text as people's files hold it: the words are whole to search however they are written.
AS_WRITTEN = {
    "nfd": "The talks in Zu\u0308rich with Franc\u0327ois ended.",  # decomposed accents
    "pdf": "The \ufb01nance o\ufb03ce of the inter\u00adnational bank.",  # ligatures, soft hyphen
    "web": "A zero\u200bwidth space inside a word.",
    "hindi": "\u0939\u093f\u0928\u094d\u0926\u0940 \u092d\u093e\u0937\u093e \u0915\u0947 "
    "\u0938\u092e\u093e\u091a\u093e\u0930",  # Hindi: the vowel signs are combining marks
}


@pytest.mark.parametrize(
    "query, doc, marked",
    [
        ("zurich", "nfd", "Zu\u0308rich"),
        ("zürich", "nfd", "Zu\u0308rich"),  # typed composed, stored decomposed
        ("francois", "nfd", "Franc\u0327ois"),
        ("finance", "pdf", "\ufb01nance"),
        ("office", "pdf", "o\ufb03ce"),
        ("international", "pdf", "inter\u00adnational"),
        ("zerowidth", "web", "zero\u200bwidth"),
        ("\u092d\u093e\u0937\u093e", "hindi", "\u092d\u093e\u0937\u093e"),
    ],
)
def test_words_are_whole_however_they_are_written(index_of, query, doc, marked):
    index = index_of(AS_WRITTEN)
    hits = [h for h in index.search(query) if h.doc == doc]
    assert hits, f"{query!r} found nothing in {doc}"
    assert marked in spans(hits[0])


def test_a_page_highlights_each_hit_as_it_would_alone(index_of):
    # A page is highlighted at once: accented and plain sentences side by side, and a phrase
    # whose words straddle two sentences of the page highlights neither.
    index = index_of(
        {
            "a": "Café society signed. A deal later.",
            "b": "Cafe culture signed a deal today.",
            "c": "Naïve cafe owners signed a deal.",
        }
    )
    hits = index.search("cafe")
    assert sorted(tuple(spans(h)) for h in hits) == [("Cafe",), ("Café",), ("cafe",)]
    hits = index.search('"signed a deal"')
    assert sorted(tuple(spans(h)) for h in hits) == [
        ("signed", "a", "deal"),
        ("signed", "a", "deal"),
    ]
    assert all(h.doc != "a" for h in hits)


def test_a_page_of_accented_and_plain_texts_highlights_each_its_own_words(index_of):
    # A page's highlights are found for all its hits at once, ASCII texts and others apart:
    # each hit keeps its own words, however the page mixes them.
    index = index_of(
        {"d": "Paris grew. Café de Paris grew. Paris and Paris grew. Zoë grew in Paris."}
    )
    hits = index.search("paris")
    assert len(hits) == 4
    assert all(spans(h) and set(spans(h)) == {"Paris"} for h in hits)
    assert sorted(len(h.highlights) for h in hits) == [1, 1, 1, 2]
    hits = index.search("paris gr")  # two terms: the typed part of the second
    assert len(hits) == 4
    for h in hits:
        assert set(spans(h)) == {"Paris", "gr"}
