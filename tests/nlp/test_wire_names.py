"""The names of 1980s wire copy that a librarian tags: international organisations by all
their names and acronyms, groups of nations, exchanges, committees, nationalities of the
day, agreements named after a place, and the futures tables that must name nothing. Each
must come out the same in one line per paragraph, hard-wrapped and with CRLF endings."""

from __future__ import annotations

import textwrap

import pytest

from explorer.nlp import extract

#: Written for this test, in the style of 1980s wire copy: one line per paragraph.
PARAGRAPHS = [
    "EC ASKS GATT TO RULE ON CHIP PACT",
    "BRUSSELS, March 27 - The European Community said it would ask the General Agreement on "
    "Tariffs and Trade (GATT) to rule on the semiconductor pact, and the EC Commission said "
    "the Community's rights were harmed.",
    "EC officials said the 12-nation European Economic Community would act, and Sen. Lloyd "
    "Bentsen, a Texas Democrat, said the Common Market and the EEC were protectionist.",
    "Treasury Secretary James Baker told a House Ways and Means subcommittee that the Group "
    "of Seven stood by the Louvre accord, and the G-5 by the Plaza accord.",
    "The West German central bank held rates, and West German Finance Minister Gerhard "
    "Stoltenberg said in Frankfurt that Saudi Arabian investors were buying marks.",
    "Japan's Ministry of International Trade and Industry (MITI) said it would cut output. "
    "MITI officials met the Securities and Exchange Commission.",
    "The Paris Bourse closed higher and Comex gold fell, while Globex Inc, the Hartford-based "
    "insurer, rose on the Frankfurt Stock Exchange.",
]

#: A futures table: its rows and heads name nothing.
TABLE = [
    "SOYBEANS (CBT) 5,000 bu; cents per bu",
    "          Open     High      Low    Settle    Chg",
    "Mar       502      505-1/2   501    504-1/4   +3",
    "Prev Day Open Int 512,340 off 2,150",
    "Est Vol 41,000",
    "Open Int 98,765 up 432",
]


def one_line() -> str:
    body = "\n".join("    " + p for p in PARAGRAPHS[1:])
    return PARAGRAPHS[0] + "\n" + body + "\n\n" + "\n".join("    " + r for r in TABLE) + "\n"


def wrapped(width: int = 65) -> str:
    body = "\n".join(
        textwrap.fill(p, width, initial_indent="    ", subsequent_indent="") for p in PARAGRAPHS[1:]
    )
    return PARAGRAPHS[0] + "\n" + body + "\n\n" + "\n".join("    " + r for r in TABLE) + "\n"


LAYOUTS = [
    pytest.param(one_line, id="one-line-paragraphs"),
    pytest.param(wrapped, id="hard-wrapped"),
    pytest.param(lambda: wrapped(72).replace("\n", "\r\n"), id="crlf-72"),
]


def mentions(text: str) -> list[tuple[str, str, str]]:
    """(name as written on one line, label, entity) of every name mention."""
    return [(" ".join(m.text.split()), m.label, m.entity) for m in extract(text).mentions]


@pytest.fixture(params=LAYOUTS)
def story(request) -> list[tuple[str, str, str]]:
    return mentions(request.param())


def test_the_european_community_is_one_organisation_by_all_its_names(story):
    for name in ("European Community", "EC", "EC Commission", "European Economic Community"):
        assert (name, "ORG", "European Community") in story, name
    for name in ("Common Market", "EEC", "Community"):
        assert (name, "ORG", "European Community") in story, name
    assert not [m for m in story if m[0] == "European" or (m[1] == "NORP" and "Europe" in m[2])]


def test_gatt_and_its_long_name_are_one_organisation(story):
    long_name = "General Agreement on Tariffs and Trade"
    assert (long_name, "ORG", long_name) in story
    assert ("GATT", "ORG", long_name) in story
    assert not [m for m in story if m[0] in ("General Agreement", "Tariffs")]


def test_an_acronym_in_brackets_is_the_organisation_before_it(story):
    ministry = "Ministry of International Trade and Industry"
    assert [m for m in story if m[0] == "MITI"] == [("MITI", "ORG", ministry)] * 2


def test_groups_of_nations_are_organisations(story):
    assert ("Group of Seven", "ORG", "Group of Seven") in story
    assert ("G-5", "ORG", "Group of Five") in story
    assert not [m for m in story if m[1] == "CARDINAL" and m[0] == "Seven"]


def test_a_committee_named_with_and_is_one_name(story):
    assert ("House Ways and Means", "ORG", "House Ways and Means") in story
    sec = "Securities and Exchange Commission"
    assert (sec, "ORG", sec) in story
    assert not [m for m in story if m[0] in ("Means", "House Ways", "Securities")]


def test_agreements_named_after_a_place(story):
    assert ("Louvre accord", "LAW", "Louvre accord") in story
    assert ("Plaza accord", "LAW", "Plaza accord") in story


def test_west_german_is_a_nationality_not_an_organisation(story):
    west = [m for m in story if m[0] == "West German"]
    assert west == [("West German", "NORP", "West Germany")] * 2
    assert ("Saudi Arabian", "NORP", "Saudi Arabia") in story
    assert ("Gerhard Stoltenberg", "PERSON", "Gerhard Stoltenberg") in story


def test_a_party_member_after_his_state_is_a_place_and_a_party(story):
    assert ("Texas", "GPE", "Texas") in story
    assert ("Democrat", "NORP", "Democrat") in story
    assert not [m for m in story if m[0] == "Texas Democrat"]


def test_exchanges_are_organisations_and_cities_stay_cities(story):
    assert ("Paris Bourse", "ORG", "Paris Bourse") in story
    assert ("Comex", "ORG", "Comex") in story
    assert ("Frankfurt Stock Exchange", "ORG", "Frankfurt Stock Exchange") in story
    # "in Frankfurt" is the city, though the story also names its stock exchange
    assert ("Frankfurt", "GPE", "Frankfurt") in story


def test_a_company_based_in_a_town_names_the_town(story):
    assert ("Hartford-based", "NORP", "Hartford") in story


def test_a_futures_table_names_nothing_but_its_exchange(story):
    table = {"Open", "High", "Low", "Settle", "Chg", "Prev", "Est", "Vol", "Int", "SOYBEANS"}
    for text, _label, _entity in story:
        assert not set(text.split()) & table, text
    assert ("CBT", "ORG", "Chicago Board of Trade") in story


def test_every_layout_gives_the_same_names():
    got = [sorted(mentions(layout())) for layout in (one_line, wrapped, lambda: wrapped(72))]
    assert got[0] == got[1] == got[2]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Profits at the Xqzv-based maker rose.", "Xqzv-based"),
        ("He spoke to the House and Senate Finance Committee on Monday.", "House and Senate"),
        ("The Treasury and Federal Reserve Board officials met.", "Treasury and Federal"),
        ("Shares of Acme AG and Globex Commission rose.", "Acme AG and Globex Commission"),
        ("The U.S.-Japan accord was signed on Monday.", "U.S.-Japan accord"),
    ],
)
def test_what_the_wire_forms_do_not_take(text, absent):
    assert absent not in [m[0] for m in mentions(text)]


def test_a_known_place_based_company_keeps_its_nationality_label():
    assert ("Paris-based", "NORP", "Paris") in mentions("The Paris-based group said so.")


def test_an_acronym_spelling_an_organisation_of_the_document_is_that_organisation():
    got = mentions(
        "The European Commission said it would act. The EC said Acme broke the rules, and "
        "the Food and Drug Administration agreed. The FDA said so too."
    )
    assert ("EC", "ORG", "European Commission") in got
    assert ("FDA", "ORG", "Food and Drug Administration") in got


def test_a_convention_on_a_subject_is_a_law():
    got = mentions("Britain signed the European Convention on Human Rights in 1950.")
    assert ("Convention on Human Rights", "LAW", "Convention on Human Rights") in got


@pytest.mark.parametrize(
    ("text", "name", "label", "entity"),
    [
        ("The U.S.S.R. said it would buy grain.", "U.S.S.R.", "GPE", "Soviet Union"),
        ("The USSR said it would buy grain.", "USSR", "GPE", "Soviet Union"),
        ("Members of Comecon met in Moscow.", "Comecon", "ORG", "Council for Mutual Economic Assistance"),
        ("The Arab League met in Tunis.", "Arab League", "ORG", "Arab League"),
        ("The lira left the European Monetary System.", "European Monetary System", "ORG", "European Monetary System"),
        ("He said the Uruguay Round of GATT talks would go on.", "GATT", "ORG", "General Agreement on Tariffs and Trade"),
    ],
)  # fmt: skip
def test_organisations_and_countries_of_the_day(text, name, label, entity):
    assert (name, label, entity) in mentions(text)
