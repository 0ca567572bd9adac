"""The recognizer's rule tables: their order (the priority) and single rules tried alone."""

from __future__ import annotations

import pytest

from explorer.nlp.names import find_names, rules
from explorer.nlp.names.guesses import MEDIUM, STRONG, WEAK, Doc
from explorer.nlp.names.lists import W
from explorer.nlp.names.tokens import tokenize


def name_in(text: str, surface: str, *, table: bool = False, person_next: bool = False):
    """The Name that the rules see for `surface`, the first time it occurs in `text`."""
    W.load()
    toks = tokenize(text, 0, len(text), text.isascii())
    start = text.index(surface)
    i = next(k for k, t in enumerate(toks) if t.start == start)
    j = next(k for k, t in enumerate(toks) if t.end == start + len(surface)) + 1
    return rules.Name(Doc(text), toks, i, j, table, person_next)


def labels(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in find_names(text, [(0, len(text))])]


def test_the_priority_of_the_rules_is_their_order_in_the_tables():
    # Moving a rule changes which evidence wins: do it on purpose, and change this list with it.
    assert [r.__name__ for r in rules.ONE_WORD_RULES] == [
        "no_letters", "common_noun_opening_a_title", "regulator", "bond", "date", "award", "team_in_sports_story", "town_company", "town_agency",
        "town_in_table", "crude_grade", "town_team", "player", "after_occupation", "town_after_honorific", "gazetteer", "known_org",
        "constituency", "after_honorific", "nationalities_joined", "acronym", "team_in_table", "after_lower_title",
        "dateline_agency", "named_agency", "before_org_noun", "beside_place_noun",
        "company_ending", "company", "city_team", "local_place", "given_name_after_article", "given_name",
        "town", "given_name_after_place_word", "place_adjective_word", "people_of_a_trade",
        "unknown_word",
    ]  # fmt: skip
    assert [r.__name__ for r in rules.SEVERAL_WORD_RULES] == [
        "date", "award", "team_in_sports_story", "town_in_table", "town_team",
        "gazetteer", "state_of_country",
        "known_org", "local_place_name", "constituency", "player", "racing_team", "family_name_then_syllables",
        "person_named_like_law", "place_with_particle",
        "local_country_last", "after_place_noun", "event_or_law_of", "group_word_last",
        "law_word_last", "event_word_last", "movement",
        "after_company_noun", "org_word_last", "org_word_first", "initial_first",
        "club_named_after_city", "appeals_circuit", "place_word_last", "place_word_first", "after_honorific",
        "ampersand", "firm_before_its_staff", "given_name_first", "given_name_and_surname", "given_name_with_particle",
            "team_in_table",
        "compass_country", "country_last", "unknown_words", "organisation",
    ]  # fmt: skip


def test_every_table_ends_in_a_rule_that_always_decides():
    assert rules.unknown_word(name_in("We met Zzyzx there.", "Zzyzx")) is not None
    assert rules.organisation(name_in("We met Zzyzx Qwrt there.", "Zzyzx Qwrt")) is not None


@pytest.mark.parametrize(
    ("rule", "text", "surface", "verdict"),
    [
        (rules.award, "She won an Oscar nomination.", "Oscar", ("EVENT", "Oscar", STRONG)),
        (rules.constituency, "the MP for Kenilworth", "Kenilworth", ("GPE", "Kenilworth", MEDIUM)),
        (rules.initial_first, "He thanked P. Simmons.", "P. Simmons", ("PERSON", "P. Simmons", STRONG)),
        (rules.person_named_like_law, "He met Jude Law.", "Jude Law", ("PERSON", "Jude Law", STRONG)),
        (rules.place_word_first, "They climbed Mount Kenya.", "Mount Kenya", ("LOC", "Mount Kenya", STRONG)),
        (rules.event_or_law_of, "He read the Treaty of Rome.", "Treaty of Rome", ("LAW", "Treaty of Rome", STRONG)),
        (rules.ampersand, "She shops at Marks & Spencer.", "Marks & Spencer", ("ORG", "Marks & Spencer", STRONG)),
        (rules.named_agency, "the news agency Tanjug said", "Tanjug", ("ORG", "Tanjug", MEDIUM)),
        (rules.company_ending, "Shares in Nordbank rose.", "Nordbank", ("ORG", "Nordbank", WEAK)),
        (rules.no_letters, "It sold Q2 units.", "Q2", ()),
    ],
)  # fmt: skip
def test_a_rule_decides_alone(rule, text, surface, verdict):
    assert rule(name_in(text, surface)) == verdict


def test_a_rule_that_does_not_apply_passes_the_name_on():
    assert rules.award(name_in("He met Jude Law.", "Jude Law")) is None
    assert (
        rules.place_word_first(
            name_in("They climbed Mount Kenya.", "Mount Kenya", person_next=True)
        )
        is None
    )


def test_an_earlier_rule_wins_over_a_later_one():
    # "Tower Bridge" ends in a place word, and "Tower" is no given name: a place ...
    assert ("Tower Bridge", "FAC") in labels("Crowds crossed Tower Bridge today.")
    # ... but after an honorific the same kind of name is a person ("Hall" is surname-like).
    assert ("Jane Hall", "PERSON") in labels("Crowds cheered Mrs Jane Hall today.")


def test_a_player_after_a_role_is_not_a_club_named_after_his_surname_city():
    # "Rapid Vienna" is a club; "finalist Zoravai Washington" and "Minister Lola Bello" are people,
    # and the surname alone later in the story is that person, not the city.
    text = (
        "Top seed Anna Marsh beat Wimbledon finalist Zoravai Washington in the evening. "
        "Washington said he had no answer to her serve."
    )
    found = labels(text)
    assert ("Zoravai Washington", "PERSON") in found
    assert ("Washington", "PERSON") in found
    assert ("Rapid Vienna", "ORG") in labels("They watched Rapid Vienna at home.")


def test_a_sport_slug_makes_a_town_after_side_a_team():
    # A wire sports story says its sport in the slug; "side Nice" is then the club, and so is
    # every "Nice" of the story that is not the place ("NICE , France" in the dateline).
    text = (
        "SOCCER - NEW COACH FOR NICE .\nNICE , France 1997-03-02\n"
        "Pierre Lamy will coach first division side Nice , the club said .\n"
        "Nice have lost their last three matches ."
    )
    found = [(m.text, m.label) for m in find_names(text, _lines(text))]
    assert found.count(("Nice", "ORG")) == 2
    # without the slug and without sports words, "side Nice" proves nothing
    plain = "Pierre Lamy will visit the south side Nice , the mayor said ."
    assert ("Nice", "ORG") not in labels(plain)


def test_a_country_code_is_the_country_in_brackets_but_initials_in_prose():
    # "NLD" is the Netherlands' ISO code: in a results bracket the country; in prose, three
    # capitals that are not the country's initials are an organisation ("the NLD party").
    assert ("RUS", "GPE") in labels("1. Ivan Petrov ( RUS ) 10.21")
    found = labels("Police arrested supporters of the NLD party. The NLD said it would appeal.")
    assert found.count(("NLD", "ORG")) == 2
    assert ("USA", "GPE") in labels("The USA and the UAE signed the pact.")
    assert ("UAE", "GPE") in labels("The USA and the UAE signed the pact.")


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def test_a_compound_adjective_opening_a_sentence_is_no_part_of_the_name():
    found = labels(
        "State-owned Rosneft bought the unit. Cash-strapped Alitalia cut 900 jobs. "
        "Rosneft and Alitalia declined to comment."
    )
    assert ("Rosneft", "ORG") in found and ("Alitalia", "ORG") in found
    assert not any("-" in text for text, _label in found)


def test_a_hyphenated_name_the_text_capitalises_mid_sentence_stays_a_name():
    found = labels("Blu-ray discs went on sale. Sony backs Blu-ray over its rival.")
    assert [text for text, _label in found].count("Blu-ray") == 2
