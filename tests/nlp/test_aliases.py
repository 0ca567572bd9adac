"""One entity per real-world thing: names resolved within a document, countries by any name."""

from __future__ import annotations

import pytest

from explorer.model import Mention
from explorer.nlp.names import build_entities, find_names


def names(text: str) -> list[Mention]:
    """Names found with one sentence a line ('. ' also ends a sentence)."""
    sentences = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        for part in line.split(". "):
            end = start + len(part)
            sentences.append((start, end))
            start = end + 2
        pos += len(line) + 1
    return find_names(text, sentences)


def entities_of(text: str, label: str) -> dict[str, tuple[str, ...]]:
    return {e.name: e.aliases for e in build_entities(names(text)) if e.label == label}


def test_surname_after_full_name_is_the_same_person():
    text = (
        "Angela Merkel arrived in Paris on Monday. Merkel then met the French president. "
        "Later, Chancellor Merkel flew home."
    )
    people = entities_of(text, "PERSON")
    assert people == {"Angela Merkel": ("Merkel",)}


def test_surname_before_full_name_in_a_headline_style_line():
    text = "MERKEL FLIES TO PARIS\nAngela Merkel arrived in Paris on Monday."
    found = names(text)
    head = [m for m in found if m.text == "MERKEL"]
    assert head and head[0].label == "PERSON" and head[0].entity == "Angela Merkel"


def test_honorific_with_surname_is_the_person():
    text = "Gordon Brown spoke first. Then Mrs Thatcher, Mr Brown and Dr Fox left together."
    found = {m.text: m for m in names(text)}
    assert found["Brown"].entity == "Gordon Brown"
    assert found["Thatcher"].label == "PERSON"
    assert found["Fox"].label == "PERSON"


def test_two_people_sharing_a_surname_keep_their_first_names():
    text = "Serena Williams beat Venus Williams in the final."
    people = entities_of(text, "PERSON")
    assert set(people) == {"Serena Williams", "Venus Williams"}


def test_country_names_codes_and_common_names_are_one_gpe():
    text = (
        "Britain and the UK are one country; the United Kingdom agrees. "
        "Russia, officially the Russian Federation, borders China."
    )
    gpes = entities_of(text, "GPE")
    assert set(gpes) == {"United Kingdom", "Russia", "China"}
    assert set(gpes["United Kingdom"]) == {"Britain", "UK"}
    assert gpes["Russia"] == ("Russian Federation",)


def test_country_in_capitals_is_the_same_gpe():
    found = names("IRAN AND RUSSIA SIGN DEAL\nIran and Russia signed a deal on Monday.")
    assert {m.entity for m in found if m.label == "GPE"} == {"Iran", "Russia"}
    assert [m.text for m in found if m.sentence == 0] == ["IRAN", "RUSSIA"]


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Iranian", "Iran"),
        ("Russian", "Russia"),
        ("Russians", "Russia"),
        ("American", "United States"),
        ("British", "United Kingdom"),
        ("Dutch", "Netherlands"),
        ("Iraqis", "Iraq"),
    ],
)
def test_nationality_word_is_norp_leading_to_its_country(word, country):
    found = names(f"Officials said the {word} delegation arrived on Monday.")
    (m,) = [m for m in found if m.text == word]
    assert (m.label, m.entity) == ("NORP", country)


def test_build_entities_merges_name_and_value_mentions_by_label_and_name():
    mentions = [
        Mention(0, 4, "U.S.", "GPE", "United States", 0),
        Mention(10, 23, "United States", "GPE", "United States", 0),
        Mention(30, 34, "2018", "DATE", "2018", 0),
        Mention(40, 42, "US", "GPE", "United States", 1),
        Mention(50, 54, "2018", "DATE", "2018", 1),
    ]
    ents = build_entities(mentions)
    assert [(e.label, e.name, e.mentions, e.aliases) for e in ents] == [
        ("GPE", "United States", 3, ("U.S.", "US")),
        ("DATE", "2018", 2, ()),
    ]


def test_entities_are_per_document_call():
    first = find_names("Tony Blair spoke.", [(0, 17)])
    second = find_names("He saw Blair.", [(0, 13)])
    assert first[0].entity == "Tony Blair"
    assert second[0].entity == "Blair"


def test_a_group_of_nationality_words_is_its_own_norp():
    from explorer.nlp import extract

    found = {
        m.text: m.entity
        for m in extract(
            "African American and Latin American voters joined Russian-Iranian "
            "talks; Iranian officials came."
        ).mentions
    }
    assert found["African American"] == "African American"
    assert found["Latin American"] == "Latin American"
    assert found["Russian-Iranian"] == "Russian-Iranian"
    assert found["Iranian"] == "Iran"


def test_an_organisation_and_its_short_name_are_one_entity():
    from explorer.nlp import extract

    result = extract("The EU fined the firm. A European Union spokesman and the IMF agreed.")
    by_text = {m.text: m.entity for m in result.mentions}
    assert by_text["EU"] == by_text["European Union"] == "European Union"
    assert by_text["IMF"] == "International Monetary Fund"
    (eu,) = [e for e in result.entities if e.name == "European Union"]
    assert eu.aliases == ("EU",) and eu.mentions == 2


def test_an_honorific_of_the_other_sex_is_not_the_same_person():
    from explorer.nlp import extract

    text = (
        "Tory leader Michael Howard spoke in Leeds. Mrs Howard will visit target seats. "
        "Mr Howard will host a news conference."
    )
    people = [(m.text, m.entity) for m in extract(text).mentions if m.label == "PERSON"]
    assert people[0] == ("Michael Howard", "Michael Howard")
    assert people[1] == ("Howard", "Howard")  # his wife, not him
    assert people[2] == ("Howard", "Michael Howard")
