"""Places of local and regional news are places: towns and villages ("Fishguard",
"Swaffham"), counties ("Pembrokeshire", "Devon"), rivers and regions ("the River Towy",
"the Humber", "the South West"), towns of several words ("King's Lynn", "Newcastle upon
Tyne"), German states ("Saxony-Anhalt") and the town in a "-based" or "-born" compound. Each
was a person, an organisation or a title's word. A town named like a person ("Preston",
"Devon") stays the person where the story gives one that name. Every story is written for
these tests, read one line a paragraph, wrapped at 65 columns with an indent, and in CRLF."""

from __future__ import annotations

from explorer.nlp import extract
from tests.nlp.layouts import in_layouts, label_sets, labels

FLOODS = [
    "Flood warnings were issued for Devon, Pembrokeshire and Milford Haven on Tuesday, and "
    "the ferry between Fishguard and Rosslare was cancelled after the River Towy burst its "
    "banks near Carmarthen.",
    "Pembrokeshire was worst hit. Swaffham and Tenby escaped, but the council at Pembroke "
    "Dock said roads across Ceredigion and the South West were closed.",
]


@in_layouts(FLOODS)
def test_towns_counties_and_rivers_of_a_flood_story(text: str) -> None:
    found = label_sets(text)
    for town in ("Devon", "Pembrokeshire", "Milford Haven", "Fishguard", "Swaffham", "Tenby"):
        assert found.get(town) == {"GPE"}, (town, found.get(town))
    assert found.get("Pembroke Dock") == {"GPE"}
    assert found.get("Ceredigion") == {"GPE"}
    assert found.get("River Towy") == {"LOC"}
    assert found.get("South West") in ({"LOC"}, {"GPE"})
    assert not {label for names in found.values() for label in names} & {"PERSON"}


COUNTIES = [
    "Gales swept across Kent, Sussex and Essex overnight, and trains between Swaffham and "
    "Dereham were stopped.",
    "Further north, Cumbria and Northumberland saw snow, while the Outer Hebrides and the "
    "Humber had the strongest winds and East Anglia stayed dry.",
]


@in_layouts(COUNTIES)
def test_counties_listed_and_regions_with_a_place_word(text: str) -> None:
    found = labels(text)
    for county in ("Kent", "Sussex", "Essex", "Cumbria", "Northumberland", "Swaffham"):
        assert found.get(county) == "GPE", (county, found.get(county))
    for region in ("Outer Hebrides", "Humber", "East Anglia"):
        assert found.get(region) == "LOC", (region, found.get(region))


TOWNS_OF_SEVERAL_WORDS = [
    "The bypass around King's Lynn will open in May, the county said, and a new line will "
    "link Bishop's Stortford with St Albans.",
    "Rail fares from Newcastle upon Tyne and Stratford-upon-Avon rose, and students at St "
    "Andrews protested.",
]


@in_layouts(TOWNS_OF_SEVERAL_WORDS)
def test_towns_whose_names_hold_a_possessive_or_upon(text: str) -> None:
    found = label_sets(text)
    for town in (
        "King's Lynn",
        "Bishop's Stortford",
        "St Albans",
        "Newcastle upon Tyne",
        "Stratford-upon-Avon",
        "St Andrews",
    ):
        assert found.get(town) == {"GPE"}, (town, found.get(town))
    assert "TITLE" not in {label for names in found.values() for label in names}


ABROAD = [
    "Saxony-Anhalt and North Rhine-Westphalia will share the cost, officials in "
    "Baden-Württemberg said, and the Ludwigshafen-based group BASF agreed.",
    "The Cardiff-born singer moved to a Bonn-based label, while a Brazilian-born architect "
    "opened an office in West Africa.",
]


@in_layouts(ABROAD)
def test_german_states_and_the_town_in_a_compound(text: str) -> None:
    found = label_sets(text)
    for state in ("Saxony-Anhalt", "North Rhine-Westphalia", "Baden-Württemberg"):
        assert found.get(state) == {"GPE"}, (state, found.get(state))
    # a town before "-based" or "-born" types the whole word, as CoNLL and OntoNotes do, its
    # entity the town: "Ludwigshafen-based" is found under Ludwigshafen
    entities = {(m.text, m.label, m.entity) for m in extract(text).mentions}
    for town in ("Ludwigshafen", "Cardiff", "Bonn"):
        assert any(t.startswith(town + "-") and e == town for t, _label, e in entities), town
    assert found.get("Brazilian-born") == {"NORP"}
    assert found.get("West Africa") == {"LOC"}


PEOPLE_NAMED_LIKE_TOWNS = [
    "Devon Malcolm took five wickets and Lynn Davies said the side had earned it.",
    "Malcolm was tired. Mr Preston, the coach, said Devon would rest on Friday.",
]


@in_layouts(PEOPLE_NAMED_LIKE_TOWNS)
def test_people_named_like_towns_stay_people(text: str) -> None:
    found = label_sets(text)
    assert found.get("Devon Malcolm") == {"PERSON"}
    assert found.get("Lynn Davies") == {"PERSON"}
    assert found.get("Preston") == {"PERSON"}
    assert "GPE" not in found.get("Devon", {"PERSON"})


NOT_THE_TOWN = [
    "Chelsea were held at Stamford Bridge, and a spokeswoman for Charlton said the club "
    "would appeal after the match.",
    "The drug is made by Genentech Inc and Roche, and the ballet opens at Sadler's Wells in May.",
]


@in_layouts(NOT_THE_TOWN)
def test_a_club_a_ground_a_firm_or_a_theatre_named_like_a_town_is_no_town(text: str) -> None:
    found = label_sets(text)
    assert found.get("Stamford Bridge") == {"FAC"}
    assert "GPE" not in found.get("Charlton", set())
    assert "GPE" not in found.get("Roche", set())
    assert "GPE" not in found.get("Wells", set())
