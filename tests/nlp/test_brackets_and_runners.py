"""Agency copy in its tokenised form (one sentence a line, spaces around punctuation) and as
prose: a company with a word of its name in brackets ("Cheung Kong ( Holdings ) Ltd") is
one organisation, and so is the name before the brackets written alone later; the horses of
a race's result lines are nobody (their trainers in brackets are people). Written for these
tests."""

from __future__ import annotations

import pytest

from explorer.nlp import extract

from .layouts import layouts


def names(text: str) -> list[tuple[str, str, str]]:
    return [(" ".join(m.text.split()), m.label, m.entity) for m in extract(text).mentions]


TOKENISED = [
    "HONG KONG 1996-08-29",
    "Tai Fung ( Holdings ) Ltd said on Thursday its net profit rose 18 percent .",
    "Shares of Tai Fung rose 25 cents to 68.75 dollars .",
]

PROSE = [
    "Tai Fung (Holdings) Ltd said on Thursday its net profit rose 18 percent to 4.1 billion "
    "dollars, helped by sales of flats.",
    "Shares of Tai Fung rose 25 cents. Wing Lok (Group) said it would bid for the land.",
]


def test_a_company_with_a_word_in_brackets_in_the_tokenised_form():
    got = names("\n".join(TOKENISED) + "\n")
    assert ("Tai Fung ( Holdings ) Ltd", "ORG", "Tai Fung (Holdings) Ltd") in got, got
    assert ("Tai Fung", "ORG", "Tai Fung (Holdings) Ltd") in got, got
    assert not [m for m in got if m[1] == "PERSON"], got


@pytest.mark.parametrize("text", layouts(PROSE), ids=["lines", "wrapped", "crlf"])
def test_a_company_with_a_word_in_brackets_in_prose(text):
    got = names(text)
    assert ("Tai Fung (Holdings) Ltd", "ORG", "Tai Fung (Holdings) Ltd") in got, got
    assert ("Tai Fung", "ORG", "Tai Fung (Holdings) Ltd") in got, got
    assert ("Wing Lok (Group)", "ORG", "Wing Lok (Group)") in got, got
    assert not [m for m in got if m[1] == "PERSON"], got


RACE = [
    "HORSE RACING - AUTUMN STAKES RESULT .",
    "NEWMARKET , England 1996-10-05",
    "Result of the Autumn Stakes over seven furlongs on Saturday :",
    "1. Silver Lining ( trained by Peter Walwyn ) 7-2",
    "2. Morning Frost ( Mark Tompkins ) 10-1",
    "3. Kings Ransom ( Clive Brittain ) 5-1 fav",
    "4. Harbour Light 12-1 joint-favourite ( ridden by Dean Fenton )",
    "Eight ran .",
]


def test_the_horses_of_a_race_result_are_nobody():
    got = names("\n".join(RACE) + "\n")
    horses = ("Silver Lining", "Morning Frost", "Frost", "Kings Ransom", "Morning", "Kings")
    horses += ("Harbour Light", "Harbour", "Light")
    assert not [m for m in got if m[0] in horses], got
    for trainer in ("Peter Walwyn", "Mark Tompkins", "Clive Brittain", "Dean Fenton"):
        assert (trainer, "PERSON", trainer) in got, got


def test_an_athlete_in_a_results_line_is_still_a_person():
    text = "ATHLETICS - RESULTS .\n1. Ato Boldon ( Trinidad ) 10.09\n2. Frankie Fredericks ( Namibia ) 10.12\n"
    got = names(text)
    assert ("Ato Boldon", "PERSON", "Ato Boldon") in got, got
