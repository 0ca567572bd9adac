"""Quotations as papers outside the wire write them, and people of a trade who say things:
British single marks ('We will act,' he said), curly single marks, guillemets, the German
low mark; "Bankers said", "Brokers said" opening a sentence (people, no organisation) beside
"Bankers Trust" and "Brokers Ltd" (companies). Every story is written for these tests and
read in three layouts (one line per paragraph; hard-wrapped at 65 with a four-space indent;
that with CRLF)."""

from __future__ import annotations

import pytest

from explorer.nlp import extract

from .layouts import layouts


def said(text: str) -> list[tuple[str, str, bool]]:
    return [
        (f.subject, " ".join(str(f.object).split()), f.qualifiers.get("direct"))
        for f in extract(text).facts
        if f.predicate == "said"
    ]


def names(text: str) -> list[tuple[str, str]]:
    return [(" ".join(m.text.split()), m.label) for m in extract(text).mentions]


SINGLE = [
    "The chancellor told the Commons on Monday that the budget would stand.",
    "'We will not be moved by the markets,' said Margaret Pellow, the chancellor. 'The "
    "figures speak for themselves.'",
    "'It is a bad budget for the players' wages and for the clubs,' Tom Arkwright said.",
    "The shadow chancellor, Dennis Orme, called the plans 'a gamble with people's homes'.",
    "Orme's party, the 'Veritas' group, said the budget was a fraud. ''We will vote against "
    "it,'' said Ruth Kendal, its leader.",
]


@pytest.mark.parametrize("text", layouts(SINGLE), ids=["lines", "wrapped", "crlf"])
def test_a_quotation_in_single_marks_is_said_by_its_speaker(text):
    got = said(text)
    assert ("Margaret Pellow", "We will not be moved by the markets", True) in got, got
    assert ("Margaret Pellow", "The figures speak for themselves.", True) in got, got
    # a plural's apostrophe inside the quotation does not close it
    assert (
        "Tom Arkwright",
        "It is a bad budget for the players' wages and for the clubs",
        True,
    ) in got, got
    # an apostrophe ("people's") is never a quotation mark: Orme's words run to "homes"
    orme = [f for f in got if f[0] == "Dennis Orme"]
    assert orme == [("Dennis Orme", "a gamble with people's homes", True)], got
    # a scare-quoted plural closes before the lower-case word; two apostrophes are a mark
    assert ("Ruth Kendal", "We will vote against it", True) in got, got


CURLY = [
    "‘The result was fair,’ said Alan Redfern, the Rovers manager. ‘We didn’t deserve more.’",
    "«We will sign the treaty,» said Pierre Delacour, the French foreign minister.",
    "„We are ready to help,“ said Greta Vollmer, the German finance minister.",
]


@pytest.mark.parametrize("text", layouts(CURLY), ids=["lines", "wrapped", "crlf"])
def test_curly_single_marks_guillemets_and_the_low_mark(text):
    got = said(text)
    assert ("Alan Redfern", "The result was fair", True) in got, got
    assert ("Alan Redfern", "We didn’t deserve more.", True) in got, got
    assert ("Pierre Delacour", "We will sign the treaty", True) in got, got
    assert ("Greta Vollmer", "We are ready to help", True) in got, got


TRADES = [
    "NEW YORK, March 3 - Bankers said the prime rate was likely to fall this week.",
    "Brokers said trading was thin ahead of the figures. Dealers said the dollar was firm.",
    "Bankers Trust New York Corp said it would cut its prime rate to 7.5 pct. Mercer "
    "Brokers Ltd said volume rose.",
]


@pytest.mark.parametrize("text", layouts(TRADES), ids=["lines", "wrapped", "crlf"])
def test_people_of_a_trade_are_no_organisation(text):
    got = names(text)
    assert not [m for m in got if m[0] in ("Bankers", "Brokers", "Dealers")], got
    assert ("Bankers Trust New York Corp", "ORG") in got, got
    assert ("Mercer Brokers Ltd", "ORG") in got, got


TWO_ASIDES = [
    "The two opposition parties agreed on a joint list on Friday.",
    'Tom Harwood, leader of the Liberals, and Ann Coyle, leader of the Greens, said: "We '
    'stand together on this."',
    "Walter Brenning and his deputy said the party would vote against the bill.",
]


@pytest.mark.parametrize("text", layouts(TWO_ASIDES), ids=["lines", "wrapped", "crlf"])
def test_two_speakers_each_with_an_aside_and_a_speaker_with_an_unnamed_deputy(text):
    got = said(text)
    assert ("Tom Harwood", "We stand together on this.", True) in got, got
    assert ("Ann Coyle", "We stand together on this.", True) in got, got
    assert ("Walter Brenning", "the party would vote against the bill", False) in got, got


RAPPER = [
    "The rapper Kano won best newcomer at the music awards in London on Sunday.",
    "Kano thanked his fans and his label, and said he would tour in the spring.",
    "Next month he plays two nights in Kano, where his parents grew up.",
]


@pytest.mark.parametrize("text", layouts(RAPPER), ids=["lines", "wrapped", "crlf"])
def test_a_city_the_story_also_names_as_someone_implies_no_country(text):
    implied = {e.name: e.via for e in extract(text).entities if e.via}
    assert "Nigeria" not in implied, implied
    assert "United Kingdom" in implied, implied  # London is sure: its country stays
