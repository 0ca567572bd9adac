"""Teams in the prose of a sports story: a nickname of two words after the team is named in
full ("the White Sox" after "the Chicago White Sox"), a plural nickname the story never
spells out ("the Red Devils"), and a town its results lines name as a team, which stays the
team "at" it in the prose ("the defeat at Southampton"), though "in Leeds" stays the town.
Every story is written for these tests and read in three layouts."""

from __future__ import annotations

import pytest

from explorer.nlp import extract

from .layouts import layouts


def names(text: str) -> list[tuple[str, str, str]]:
    return [(" ".join(m.text.split()), m.label, m.entity) for m in extract(text).mentions]


BASEBALL = [
    "Ray Dunmore hit a two-run homer in the 10th inning as the Chicago White Sox beat the "
    "Detroit Tigers 6-4 on Wednesday.",
    "The White Sox have won five of their last six games, while the Tigers dropped to 3-7 "
    "on the road. Their pitcher gave up two homers in the eighth.",
]

SOCCER = [
    "Arsenal beat Manchester United 2-1 on Saturday. The Gunners took the lead through "
    "striker Ian Wright after 20 minutes.",
    "The Red Devils pulled one back through a penalty but could not find an equaliser.",
]


@pytest.mark.parametrize("text", layouts(BASEBALL), ids=["lines", "wrapped", "crlf"])
def test_a_nickname_of_two_words_is_the_team_named_in_full(text):
    got = names(text)
    assert ("White Sox", "ORG", "Chicago White Sox") in got, got
    assert ("Tigers", "ORG", "Detroit Tigers") in got, got
    assert not [m for m in got if m[1] == "PERSON" and "Sox" in m[0]], got


@pytest.mark.parametrize("text", layouts(SOCCER), ids=["lines", "wrapped", "crlf"])
def test_a_plural_nickname_after_the_is_a_team_not_a_person(text):
    got = names(text)
    assert ("Red Devils", "ORG", "Red Devils") in got, got
    assert ("Ian Wright", "PERSON", "Ian Wright") in got, got


RESULTS = [
    "SOCCER - ENGLISH LEAGUE RESULTS .",
    "LONDON 1996-12-07",
    "Results of English league matches on Saturday :",
    "Liverpool 2 Leeds 0",
    "Southampton 3 Coventry 1",
    "Coventry remain bottom after the defeat at Southampton , while Liverpool stay top .",
    "The Leeds manager lives in Liverpool .",
]


def test_a_town_the_results_name_a_team_stays_the_team_at_it():
    text = "\n".join(RESULTS) + "\n"  # the tokenised agency form, one sentence a line
    got = names(text)
    prose = [m for m in extract(text).mentions if m.start >= text.index("Coventry remain")]
    labels = [(" ".join(m.text.split()), m.label) for m in prose]
    assert labels[:3] == [("Coventry", "ORG"), ("Southampton", "ORG"), ("Liverpool", "ORG")], got
    assert ("Liverpool", "GPE") in labels, labels  # "lives in Liverpool": the city
