"""A town's name before a word of a match's result ("Coventry lost", "Leeds won") is the
town's team only in a story about sport: in a court report "a pensioner from Coventry lost her
savings" is the town; and one word after an occupation ("the rapper Kano", "the singer
Brixton") is a person, though a town has the name. Every story is written for these tests
and read in three layouts (one line per paragraph; hard-wrapped at 65 with a four-space
indent; that with CRLF)."""

from __future__ import annotations

from explorer.nlp import extract

from .layouts import in_layouts

FRAUD = [
    "A pensioner from Coventry lost her life savings to a telephone fraudster, Warwick Crown "
    "Court heard on Tuesday.",
    "A retired teacher from Solihull won back only part of the money after the bank agreed to "
    "refund her.",
    "Detective Sergeant Anne Price said the victims had been targeted because they lived alone.",
]

MATCH = [
    "Coventry lost 2-1 at home to Leeds on Saturday, their third defeat in a row, and the "
    "manager admitted his side had been poor.",
    "Leeds striker Tom Hale scored both goals, and the visitors' midfield won the game in the "
    "second half. Coventry drew their last away game 1-1 at Hull.",
]


def labels(text: str) -> dict[str, str]:
    return {" ".join(m.text.split()): m.label for m in extract(text).mentions}


@in_layouts(FRAUD)
def test_a_town_before_lost_or_won_outside_sport_is_the_town(text):
    got = labels(text)
    assert got.get("Coventry") == "GPE", got
    assert got.get("Solihull") == "GPE", got


@in_layouts(MATCH)
def test_a_town_before_a_result_in_a_story_about_sport_is_its_team(text):
    got = labels(text)
    assert got.get("Coventry") == "ORG", got


AWARDS = [
    "The singer Brixton won best album at the awards in Manchester on Thursday, ahead of the "
    "rapper Kingpin and the guitarist Sheffield.",
    "Brixton thanked her fans and said she would tour in the spring.",
]


@in_layouts(AWARDS)
def test_a_one_word_name_after_an_occupation_is_a_person_though_a_place_has_it(text):
    got = labels(text)
    assert got.get("Brixton") == "PERSON", got
    assert got.get("Kingpin") == "PERSON", got
    assert got.get("Sheffield") == "PERSON", got
    assert got.get("Manchester") == "GPE", got
