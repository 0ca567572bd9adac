"""The entity recognizer on sentences written for these tests and on the bundled sample article."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from explorer.nlp.names import build_entities, find_names

SAMPLE = Path(__file__).resolve().parents[2] / "explorer" / "seeds" / "000_89ed38884c8c83f1.txt"


def sentences(text: str) -> list[tuple[int, int]]:
    """A plain splitter for the tests: lines, then '. ' boundaries before a capital."""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z\"])", line.group()):
            out.append((start, line.start() + m.start()))
            start = line.start() + m.end()
        out.append((start, line.end()))
    return out


def names(text: str):
    return find_names(text, sentences(text))


def labelled(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in names(text)]


def entity_of(text: str, surface: str, label: str | None = None) -> str:
    found = [m for m in names(text) if m.text == surface and (label is None or m.label == label)]
    assert found, f"{surface!r} not found in {labelled(text)}"
    return found[-1].entity


def check_offsets(text: str) -> None:
    found = names(text)
    spans = [(m.start, m.end) for m in found]
    assert spans == sorted(spans)
    for (_s1, e1), (s2, _e2) in itertools.pairwise(spans):
        assert e1 <= s2, "mentions overlap"
    sents = sentences(text)
    for m in found:
        assert text[m.start : m.end] == m.text
        s, e = sents[m.sentence]
        assert s <= m.start and m.end <= e


@pytest.fixture(scope="module")
def sample():
    text = SAMPLE.read_text(encoding="utf-8")
    return text, find_names(text, sentences(text))


def test_sample_article_people_places_and_titles(sample):
    _text, found = sample
    got = {(m.label, m.entity) for m in found}
    for person in ("Mehdi Sanai", "Georgy Kalamanov", "Mohammed Javad Zarif"):
        assert ("PERSON", person) in got
    for place in ("Iran", "Russia", "Moscow", "Tehran", "United States"):
        assert ("GPE", place) in got
    assert ("NORP", "Iran") in got and ("NORP", "Russia") in got
    titles = {m.text for m in found if m.label == "TITLE"}
    assert {"Ambassador", "Deputy Minister of Industry and Trade", "Foreign Minister"} <= titles


def test_sample_article_resolves_sanai_and_us(sample):
    _text, found = sample
    sanai = [m for m in found if m.text == "Sanai"]
    assert sanai and all(m.label == "PERSON" and m.entity == "Mehdi Sanai" for m in sanai)
    us = [m for m in found if m.text == "U.S."]
    assert us and all(m.label == "GPE" and m.entity == "United States" for m in us)
    nationalities = {m.text: m.entity for m in found if m.label == "NORP"}
    assert nationalities["Iranian"] == "Iran" and nationalities["Russian"] == "Russia"


def test_sample_article_first_sentence_is_split_into_its_parts(sample):
    _text, found = sample
    first = [(m.text, m.label) for m in found if m.sentence == 1][:4]
    assert first == [
        ("Iranian", "NORP"),
        ("Ambassador", "TITLE"),
        ("Russia", "GPE"),
        ("Mehdi Sanai", "PERSON"),
    ]


def test_sample_article_offsets_are_exact(sample):
    check_offsets(sample[0])


def test_sample_article_has_no_sentence_openers_as_names(sample):
    _text, found = sample
    assert "Unfortunately" not in {m.text for m in found}


def test_title_before_a_name_does_not_swallow_it():
    text = "Prime Minister Tony Blair met Chancellor Gordon Brown in London on Tuesday."
    got = labelled(text)
    assert ("Prime Minister", "TITLE") in got and ("Tony Blair", "PERSON") in got
    assert ("Chancellor", "TITLE") in got and ("Gordon Brown", "PERSON") in got
    assert ("London", "GPE") in got


def test_title_after_a_name_in_lower_case():
    got = labelled("Tony Blair, the prime minister, said the talks would go on.")
    assert ("Tony Blair", "PERSON") in got and ("prime minister", "TITLE") in got


def test_president_of_a_country_then_the_name():
    got = labelled("The president of Russia, Vladimir Putin, arrived in Berlin late on Friday.")
    assert ("president", "TITLE") in got and ("Russia", "GPE") in got
    assert ("Vladimir Putin", "PERSON") in got and ("Berlin", "GPE") in got


def test_mr_blair_and_blair_are_tony_blair():
    text = (
        "Tony Blair flew to Washington on Monday. Mr Blair told reporters the visit was "
        "long planned. Later Blair met senators."
    )
    found = names(text)
    blairs = [m for m in found if m.text in ("Tony Blair", "Blair")]
    assert len(blairs) == 3
    assert all(m.label == "PERSON" and m.entity == "Tony Blair" for m in blairs)
    assert "Mr" not in {m.text for m in found if m.label == "PERSON"}
    (ent,) = [e for e in build_entities(found) if e.name == "Tony Blair"]
    assert ent.mentions == 3 and ent.aliases == ("Blair",)


def test_united_states_spellings_are_one_gpe():
    text = (
        "Officials in the U.S. said the US would act. The United States and America are "
        "the same place, as is the United States of America."
    )
    found = [m for m in names(text) if m.label == "GPE"]
    assert {m.text for m in found} == {
        "U.S.",
        "US",
        "United States",
        "America",
        "United States of America",
    }
    assert {m.entity for m in found} == {"United States"}
    ents = [e for e in build_entities(found) if e.label == "GPE"]
    assert len(ents) == 1 and ents[0].mentions == 5


def test_nationality_words_lead_to_their_country():
    text = "French and German officials met Japanese and Brazilian diplomats."
    got = {m.text: (m.label, m.entity) for m in names(text)}
    assert got["French"] == ("NORP", "France")
    assert got["German"] == ("NORP", "Germany")
    assert got["Japanese"] == ("NORP", "Japan")
    assert got["Brazilian"] == ("NORP", "Brazil")


def test_capitals_headline_does_not_flood():
    text = (
        "TENNIS - SMITH STUNS TOP SEED IN LATE COMEBACK AT OPEN\n"
        "Australian Peter Smith beat the top seed in Melbourne on Sunday."
    )
    found = names(text)
    head = [m for m in found if m.sentence == 0]
    assert {m.text for m in head} <= {"SMITH"}
    assert all(m.entity == "Peter Smith" for m in head)
    assert ("Peter Smith", "PERSON") in [(m.text, m.label) for m in found]


def test_capitals_headline_keeps_countries():
    found = names("SOCCER - BRAZIL BEAT CHILE IN FRIENDLY\nThe match was played on Sunday.")
    assert {(m.text, m.label, m.entity) for m in found} == {
        ("BRAZIL", "GPE", "Brazil"),
        ("CHILE", "GPE", "Chile"),
    }


def test_organisations_by_their_shape():
    text = (
        "Shares of Northwind Holdings rose after the Bank of England cut rates, and the "
        "Ministry of Finance said Globex Corp would pay."
    )
    got = labelled(text)
    for org in ("Northwind Holdings", "Bank of England", "Ministry of Finance", "Globex Corp"):
        assert (org, "ORG") in got


def test_sentence_openers_are_not_names():
    text = "However, the deal collapsed. Yesterday it was revived. Meanwhile Paris waited."
    got = labelled(text)
    assert [t for t, _ in got] == ["Paris"]


def test_possessive_is_outside_the_name():
    text = "Angela Merkel's government backed Germany's plan."
    got = labelled(text)
    assert ("Angela Merkel", "PERSON") in got and ("Germany", "GPE") in got


def test_offsets_on_mixed_text():
    text = (
        "Dr. Jane O'Neill of Acme Inc. said on Monday that the U.N. Security Council "
        "would meet in New York.\n\nELECTIONS IN KENYA\nNairobi's mayor, Ms Wanjiru, disagreed."
    )
    check_offsets(text)
    got = labelled(text)
    assert ("Jane O'Neill", "PERSON") in got
    assert ("New York", "GPE") in got


def test_build_entities_counts_and_orders():
    text = "Iran and Russia signed. Iran hailed it; Iranian media agreed."
    ents = build_entities(names(text))
    assert [(e.label, e.name, e.mentions) for e in ents] == [
        ("GPE", "Iran", 2),
        ("GPE", "Russia", 1),
        ("NORP", "Iran", 1),
    ]
    assert ents[2].aliases == ("Iranian",)


def test_initial_cut_off_by_the_sentence_splitter_stays_in_the_name():
    text = "Officials met J. Smith on Monday."
    # A splitter that ends a sentence after the initial must not cut the name in two.
    found = find_names(text, [(0, 16), (17, len(text))])
    assert [(m.text, m.label, m.sentence) for m in found] == [("J. Smith", "PERSON", 0)]


def test_common_acronyms_and_contractions_are_not_names():
    text = (
        "I'm told BT and the MP for Leeds will sell TV and PC kit with ID cards, "
        "said Jane Doyle of Northwind Ltd."
    )
    got = labelled(text)
    assert ("I'm", "ORG") not in got
    assert not [t for t, label in got if label == "GPE" and t in ("BT", "MP")]
    assert not {"TV", "PC", "ID"} & {t for t, _ in got}
    assert ("Leeds", "GPE") in got and ("Jane Doyle", "PERSON") in got


def test_a_person_named_law_is_not_a_law():
    got = labelled("The film stars Jude Law, and the Terrorism Act was debated.")
    assert ("Jude Law", "PERSON") in got and ("Terrorism Act", "LAW") in got


def test_a_capitalised_common_word_is_not_an_organisation():
    text = (
        "The new library opened on Monday and the health budget rose. "
        "Staff at the Library said Health spending would fall, Globex Corp said."
    )
    got = {t for t, _ in labelled(text)}
    assert "Library" not in got and "Health" not in got
    assert "Globex Corp" in got


def test_surname_shapes_and_given_names_that_are_also_words():
    got = labelled("The bowlers Kowalski and Ivanov impressed; later Will Hartley spoke.")
    assert ("Kowalski", "PERSON") in got and ("Ivanov", "PERSON") in got
    assert ("Will Hartley", "PERSON") in got


# --- words that look like names and are not the thing a list of places or names says -------


@pytest.mark.parametrize(
    "text, surface, label",
    [
        ("Toyota sales jumped 11% while rival firms fell.", "Toyota", "ORG"),
        ("Smartphones like the Nokia 6600 are becoming common.", "Nokia", "ORG"),
        ("Shares in Hitachi rose after Hitachi shareholders voted.", "Hitachi", "ORG"),
        ("The museum at Borodino 70 miles west of Moscow reopened.", "Borodino", "GPE"),
        ("Tokyo shares fell on Monday.", "Tokyo", "GPE"),
        ("Research by handset maker Nokia shows it.", "Nokia", "ORG"),
        ("Shares in Google have fallen 6.7%.", "Google", "ORG"),
        ("He was one of the first employees at Apple.", "Apple", "ORG"),
        ("The talks in Borodino ended.", "Borodino", "GPE"),
    ],
)
def test_a_town_named_like_a_company_is_the_company_where_the_words_say_so(text, surface, label):
    assert (surface, label) in labelled(text)


def test_parties_are_groups_not_people():
    text = "The Tories and the Lib Dems attacked the Tory plan on Monday."
    found = labelled(text)
    assert ("Tory", "PERSON") not in found and ("Tory", "NORP") in found
    assert ("Tories", "NORP") in found
    assert entity_of(text, "Lib Dems", "ORG") == "Liberal Democrats"


def test_an_award_is_no_person_and_a_first_name_after_a_is_no_person():
    text = "She won an Oscar at the Oscars. A Sky spokesman said nothing. Oscar Wilde wrote plays."
    found = labelled(text)
    assert ("Oscar", "EVENT") in found and ("Oscars", "EVENT") in found
    assert ("Sky", "PERSON") not in found
    assert ("Oscar Wilde", "PERSON") in found


def test_holidays_are_left_to_the_dates():
    found = labelled("Sales rose at Christmas and into the New Year, said Tim Cook.")
    assert [s for s, _ in found] == ["Tim Cook"]


SPORTS = (
    "Liverpool striker Milan Baros scored twice as the champions beat Bolton. "
    "Newcastle were unbeaten at home, and the referee sent off a defender late on. "
    "Fans expect Chelsea to sack their coach. The match was played at Newcastle in front of fans "
    "from north London."
)


def test_in_a_sports_story_a_town_alone_is_its_team():
    found = labelled(SPORTS)
    assert ("Liverpool", "ORG") in found and ("Milan Baros", "PERSON") in found
    assert found.count(("Newcastle", "ORG")) == 1  # the team that was unbeaten
    assert ("Newcastle", "GPE") in found  # where the match was played
    assert ("Chelsea", "ORG") in found and ("Chelsea", "PERSON") not in found
    assert ("London", "GPE") in found


def test_outside_sports_stories_the_towns_stay_places():
    found = labelled("Liverpool and Newcastle will get new jobs, the minister said in Leeds.")
    assert ("Liverpool", "GPE") in found and ("Newcastle", "GPE") in found


def test_decomposed_accents_stay_inside_the_name():
    # "José", "François", "Zürich" written as letter + combining accent (macOS, some feeds):
    # no name is cut between a letter and its accent, and the lists still know Zürich.
    text = "Jose\u0301 Mourin\u0303o met Franc\u0327ois Hollande in Zu\u0308rich on Monday."
    found = names(text)
    assert [(m.text, m.label) for m in found] == [
        ("Jose\u0301 Mourin\u0303o", "PERSON"),
        ("Franc\u0327ois Hollande", "PERSON"),
        ("Zu\u0308rich", "GPE"),
    ]
    assert found[-1].entity == "Zürich"
    check_offsets(text)


def test_an_alias_written_across_a_tab_or_line_break_is_listed_on_one_line():
    text = "Prime Minister\nBoris\tJohnson spoke. Mr Johnson left."
    (entity,) = [e for e in build_entities(names(text)) if e.label == "PERSON"]
    assert all(alias.isprintable() for alias in entity.aliases)


def test_a_group_word_after_another_is_a_group_not_a_person():
    found = labelled("The Roman Catholic archdiocese and Sunni Muslim leaders met at the Olympics.")
    assert ("Roman Catholic", "NORP") in found and ("Sunni Muslim", "NORP") in found
    assert ("Olympics", "EVENT") in found
