"""Organisations a librarian would tag that the recognizer cut, typed as people or places, or
missed: bodies named with capitalised common words and no company's form ("Scottish Water",
"Western Power Distribution", "the Shale Employees' Federation"), a body named for what it
does and where ("Transport for Wales"), a regulator named "Of..." ("Ofsted"), and people whose
name ends in a word of a company's or a town's ("Tran Quang Co"). Every text is written for
these tests; each is read in the three layouts of `layouts`."""

from __future__ import annotations

import pytest

from .layouts import affiliations, in_layouts, label_sets, labels, said, speakers

UTILITIES = [
    "Scottish Water has warned customers in Fife to boil their tap water after a main burst "
    'on Monday. "We are sorry," said Scottish Water.',
    "Western Power Distribution said about 3,000 homes were without power after the storm, "
    "and engineers from Western Power Distribution worked through the night.",
    "Welsh Water and Anglian Water both missed their targets, the regulator said. Network "
    "Rail closed the line, and Irish Rail said its trains would run late.",
    "The Coal Authority said the old shaft had collapsed. A spokesman for the Environment "
    "Agency said the river would peak overnight, and the Met Office warned of more rain.",
]


@in_layouts(UTILITIES)
def test_utilities_named_after_a_nation_or_a_compass_point_are_one_organisation(text):
    got = label_sets(text)
    for name in (
        "Scottish Water",
        "Western Power Distribution",
        "Welsh Water",
        "Anglian Water",
        "Network Rail",
        "Irish Rail",
        "Coal Authority",
        "Environment Agency",
        "Met Office",
    ):
        assert got.get(name) == {"ORG"}, (name, got.get(name))
    assert "Scottish" not in got and "Western" not in got  # no nationality cut off
    assert "Scottish Water" in speakers(text)


UNIONS = [
    "Members of the Shale Employees' Federation voted to strike on Monday. \"We have no "
    "choice,\" said the Shale Employees' Federation.",
    "Shale Employees' Federation leaders met the owners. The Hotel Employees' Union and the "
    "Tenants' Rights Association backed them.",
    "The Democrats' Senate leader, Ann Cole, said nothing. The United Nations' Economic "
    "Commission for Africa said the strike would cost jobs.",
]


@in_layouts(UNIONS)
def test_a_plural_possessive_inside_a_body_s_name_does_not_end_it(text):
    got = label_sets(text)
    for name in (
        "Shale Employees' Federation",
        "Hotel Employees' Union",
        "Tenants' Rights Association",
    ):
        assert got.get(name) == {"ORG"}, (name, got.get(name))
    assert "Shale Employees" not in got
    assert ("Shale Employees' Federation", "We") in said(text)
    # a party's or a known body's possessive still ends its name
    assert "Senate" in got and "Democrats' Senate" not in got
    assert got.get("United Nations") == {"ORG"}
    assert got.get("Economic Commission for Africa") == {"ORG"}


FOR_PLACES = [
    "Transport for Wales said the line would reopen next week. A spokeswoman for Transport "
    "for London said the strike would hit services.",
    "The grant came from Sport for Scotland, which funds local clubs, and Homes for London "
    "has bought 200 flats. Transport for Greater Manchester said fares would rise.",
    'Protesters chanted "Freedom for Tibet!" outside. Support for Scotland grew as support '
    "for the union fell, and oil giant Shell for Australia's Woodside bid again.",
]


@in_layouts(FOR_PLACES)
def test_a_body_named_for_what_it_does_and_the_place_it_does_it_in(text):
    got = labels(text)
    for name in (
        "Transport for Wales",
        "Transport for London",
        "Sport for Scotland",
        "Homes for London",
        "Transport for Greater Manchester",
    ):
        assert got.get(name) == "ORG", (name, got.get(name))
    assert "Transport for Wales" in speakers(text)
    # a cry in quotes, a noun opening its sentence, a company before a place: no such body
    for name in ("Freedom for Tibet", "Support for Scotland", "Shell for Australia"):
        assert name not in got, name
    assert got.get("Tibet") in ("GPE", "LOC") and got.get("Australia") == "GPE"


def test_a_player_for_his_country_is_no_body():
    text = (
        "Graeme Souness believes Walter Smith will do well. Souness backs Smith for "
        "Scotland, and a bid from Rangers for Scotland captain Barry Ferguson failed."
    )
    got = labels(text)
    assert "Smith for Scotland" not in got and "Rangers for Scotland" not in got
    assert got.get("Scotland") == "GPE"


REGULATORS = [
    "Ofsted rated the school inadequate after an inspection in March, and inspectors from "
    "Ofsted will return in June.",
    "Ofgem said energy bills would rise, and Ofwat ordered water firms to cut leaks. The "
    "regulator Ofcom fined the broadcaster, a decision welcomed by Ofqual and Oftel.",
    "Often the fines are small. The school is in Offaly.",
]


@in_layouts(REGULATORS)
def test_a_regulator_named_of_and_what_it_watches_is_an_organisation(text):
    got = label_sets(text)
    for name in ("Ofsted", "Ofgem", "Ofwat", "Ofcom", "Ofqual", "Oftel"):
        assert got.get(name) == {"ORG"}, (name, got.get(name))
    assert "Often" not in got
    assert got.get("Offaly") == {"GPE"}  # a county, the lists say


PEOPLE = [
    "Tran Quang Co, a farmer from the Mekong delta, said the floods had ruined his crop. Co "
    "said he would plant again.",
    "Le Van Co was arrested in Hanoi on Tuesday, and police later questioned Nguyen Van Ho.",
    "Merrill Lynch and Co said profits had risen, and shares in Kim Eng Co rose.",
]


@in_layouts(PEOPLE)
def test_a_family_name_and_two_syllables_ending_like_a_company_is_a_person(text):
    got = labels(text)
    for name in ("Tran Quang Co", "Le Van Co", "Nguyen Van Ho"):
        assert got.get(name) == "PERSON", (name, got.get(name))
    assert got.get("Merrill Lynch and Co") == "ORG"
    assert got.get("Kim Eng Co") == "ORG"  # "shares in": a company
    assert ("Tran Quang Co", "the") in said(text) or "Tran Quang Co" in speakers(text)


CHARITIES = [
    "Age Concern said pensioners were struggling, and Christian Aid condemned the move. "
    "National Highways closed the road, and Citizens Advice said debts were rising.",
    "Roger Waters played in Berlin, and Maxine Waters spoke in Washington.",
]


@in_layouts(CHARITIES)
def test_charities_and_public_bodies_of_common_words_are_no_people(text):
    got = labels(text)
    for name in ("Age Concern", "Christian Aid", "National Highways", "Citizens Advice"):
        assert got.get(name) == "ORG", (name, got.get(name))
    for name in ("Roger Waters", "Maxine Waters"):
        assert got.get(name) == "PERSON", (name, got.get(name))


FIRM = [
    "Mortgage lender Halifax said house prices rose by 2% in March. Halifax said demand had "
    "been strong.",
    "Economists at Halifax expect prices to rise further, said Ann Reid, an analyst at Halifax.",
]


@in_layouts(FIRM)
def test_a_firm_named_after_a_town_is_the_firm_where_its_staff_work_at_it(text):
    got = label_sets(text)
    assert got.get("Halifax") == {"ORG"}
    assert ("Ann Reid", "Halifax") in affiliations(text)


CLUB = [
    "Wigan beat Bolton 2-0 on Saturday to go fourth in the league. Wigan striker Tom Hale "
    "scored both goals in the first half.",
    "Bolton manager Sam Allen said Wigan had deserved the win. Wigan now face Leeds in the "
    "cup, and the striker said the season was going well.",
]


@pytest.mark.parametrize("club", ["Wigan", "Bolton", "Leeds"])
@in_layouts(CLUB)
def test_a_club_named_after_its_town_is_the_club_through_the_story(text, club):
    assert label_sets(text).get(club) == {"ORG"}


OPENERS = [
    "Forecasters at the Met Office warned of ice, and some people met in the square. Met "
    "Office forecasters said the snow would last.",
    "Rapper Kanye West leads the race, the rapper said, with Best Rapper and Album of the "
    "Year to come.",
]


@in_layouts(OPENERS)
def test_a_sentence_opener_the_story_capitalises_mid_sentence_stays_in_its_name(text):
    got = label_sets(text)
    assert got.get("Met Office") == {"ORG"}
    assert "Office" not in got
    assert got.get("Kanye West") == {"PERSON"}  # an occupation opening it is no name's


SPEAKERS = [
    '"We are sorry," said the Met Office. "I was desperate," said the Chelsea striker, Tom Hale.',
    'The Department for Transport said on Sunday it would act. "Rates will rise," said the '
    "Bank of England in a statement.",
]


@in_layouts(SPEAKERS)
def test_a_body_after_said_the_speaks_when_its_name_ends_the_words(text):
    found = said(text)
    assert ("Met Office", "We") in found
    assert ("Bank of England", "Rates") in found
    assert ("Department for Transport", "it") in found
    assert "Chelsea" not in speakers(text)
