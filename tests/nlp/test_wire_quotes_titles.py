"""Quotations and titles as a wire reporter writes them, read the same in every layout: a
quotation split by "said X," and resumed, a reporter "told reporters outside" a building, people
"in" a place who are not the place, two titles before one name, a title set off from its name by
a phrase of what it is of, titles in lower case ("chief attorney", "executive director", "state
district judge"). Every text is written for these tests."""

from __future__ import annotations

from explorer.nlp import extract

from .layouts import in_layouts, titles


def said(text: str) -> list[tuple[str, str, bool]]:
    """Each said fact in order: (speaker, the first three words said, whether quoted)."""
    return [
        (f.subject, " ".join(str(f.object).split()[:3]), f.qualifiers.get("direct"))
        for f in extract(text).facts
        if f.predicate == "said"
    ]


# --- quotations ----------------------------------------------------------------------------

SPLIT = [
    "CANBERRA, May 4 - Treasurer Ruth Kelleway said the deficit would close by the end of the "
    "decade.",
    '"We have cut spending two years running," said Kelleway, "and we will cut it again."',
    '"Nobody doubts the direction," said Colin Atherby, the opposition spokesman, "but the '
    'pace is too slow."',
]


@in_layouts(SPLIT)
def test_a_quotation_split_by_said_and_a_name_is_the_named_speakers_both_halves(text):
    got = said(text)
    assert ("Ruth Kelleway", "We have cut", True) in got, got
    assert ("Ruth Kelleway", "and we will", True) in got, got
    assert ("Colin Atherby", "Nobody doubts the", True) in got, got
    assert ("Colin Atherby", "but the pace", True) in got, got


OUTSIDE = [
    '"The quota is fair and we will keep to it," Ambassador Tadashi Onoue told reporters '
    "outside the State Department.",
    "Grain traders in Chicago said prices fell two cts a bushel after the news.",
    "Officials in Ottawa said the talks would resume in May.",
]


@in_layouts(OUTSIDE)
def test_where_a_speaker_was_is_not_what_was_said_nor_who_said_it(text):
    got = said(text)
    assert got == [("Tadashi Onoue", "The quota is", True)], got


# --- titles --------------------------------------------------------------------------------

TWO_TITLES = [
    "Meridian Oil chairman and chief executive officer Walter Brandt told shareholders the "
    "dividend was safe.",
    "Halvorsen Shipping President and Chief Executive Ingrid Dahl said freight rates would "
    "recover.",
]


@in_layouts(TWO_TITLES)
def test_two_titles_joined_before_a_name_are_both_the_persons(text):
    got = titles(text)
    assert ("Walter Brandt", "Chairman", "Meridian Oil") in got, got
    assert ("Walter Brandt", "Chief Executive Officer", "Meridian Oil") in got, got
    assert ("Ingrid Dahl", "President", "Halvorsen Shipping") in got, got
    assert ("Ingrid Dahl", "Chief Executive", "Halvorsen Shipping") in got, got


SET_OFF = [
    "The general secretary of the miners' union, Tomas Ruzicka, said the pits would stay shut.",
    "A spokesman for the growers' cooperative, Anselm Weber, said the harvest was late.",
    "A spokesman for the ministry, which denied the report, declined to comment.",
]


@in_layouts(SET_OFF)
def test_a_title_of_something_then_a_name_set_off_by_commas(text):
    got = titles(text)
    # the body named in lower case is what the title is of
    assert ("Tomas Ruzicka", "General Secretary", "miners' union") in got, got
    assert ("Anselm Weber", "Spokesman", None) in got, got
    assert len(got) == 2, got
    assert [s[0] for s in said(text)] == ["Tomas Ruzicka", "Anselm Weber"]


LOWER = [
    "Corvel Petroleum's chief attorney, Nadia Farouk, said the company would appeal.",
    "State district judge Harlan Moss told the court the bond would stand.",
    "International Jute Council executive director Ramesh Gupta said stocks were low.",
    "Bernard Lisle, the lead attorney for the growers, said they would settle.",
]


@in_layouts(LOWER)
def test_titles_in_lower_case(text):
    got = titles(text)
    assert ("Nadia Farouk", "Chief Attorney", "Corvel Petroleum") in got, got
    assert ("Harlan Moss", "State District Judge", None) in got, got
    assert ("Ramesh Gupta", "Executive Director", "International Jute Council") in got, got
    assert ("Bernard Lisle", "Lead Attorney", None) in got, got


MORE = [
    "Halvard Leasing Corp senior vice president Ole Brekke said the fleet would grow.",
    "Ole Brekke's deputy, Siri Nes, senior vice president of Fjord Cargo, declined to comment.",
    "Former chief negotiator Daniel Ortega Ruiz said a deal was near.",
    "Country Party federal president Owen Gale said the party would win three seats.",
    "Nigerian oil minister Tunde Okonjo, who is also OPEC president, said output would hold.",
]


@in_layouts(MORE)
def test_senior_federal_and_negotiator_titles_and_who_is_also(text):
    got = titles(text)
    assert ("Ole Brekke", "Senior Vice President", "Halvard Leasing Corp") in got, got
    assert ("Siri Nes", "Senior Vice President", "Fjord Cargo") in got, got
    assert ("Daniel Ortega Ruiz", "Chief Negotiator", None) in got, got
    assert ("Owen Gale", "Federal President", "Country Party") in got, got
    assert ("Tunde Okonjo", "President", "Organization of the Petroleum Exporting Countries") in got


ANALYSTS = [
    '"Stocks are tight everywhere," said Marta Quist, an analyst with Tanker Market Weekly.',
    "First Lady Nancy Reagan opened the clinic on Tuesday.",
    "Agriculture ministers Olav Lund and Pieter de Graaf met in Brussels.",
]


@in_layouts(ANALYSTS)
def test_where_an_analyst_works_a_first_lady_and_ministers_in_the_plural(text):
    got = titles(text)
    assert ("Marta Quist", "Analyst", "Tanker Market Weekly") in got, got
    assert ("Nancy Reagan", "First Lady", None) in got, got
    assert ("Olav Lund", "Agriculture Minister", None) in got, got
    assert ("Pieter de Graaf", "Agriculture Minister", None) in got, got
    labels = {(m.text, m.label) for m in extract(text).mentions}
    assert not [m for m in labels if m[1] == "ORDINAL"], labels


DIRECTORS = [
    "Gwen Marsh, investment director of Calder Investments, said the shares were cheap.",
    "The Federation of Small Traders' director general, Sir Alan Pryce, said costs would rise.",
    "Critics praised director Tomas Lind. The crowd thanked director Ines Sala.",
    "Prosecuting attorney Dana Voss said the case was strong.",
    "The film was panned by the magazine's reviews editor Hal Berg.",
]


@in_layouts(DIRECTORS)
def test_a_director_in_lower_case_and_what_stands_before_it(text):
    got = titles(text)
    assert ("Gwen Marsh", "Investment Director", "Calder Investments") in got, got
    assert ("Alan Pryce", "Director General", "Federation of Small Traders") in got, got
    assert ("Tomas Lind", "Director", None) in got, got
    assert ("Ines Sala", "Director", None) in got, got  # not "Thanked Director"
    assert ("Dana Voss", "Prosecuting Attorney", None) in got, got
    assert ("Hal Berg", "Reviews Editor", None) in got, got


STEEL = [
    "Liberal leader David Steel said the budget did nothing for the regions.",
    '"It is a budget for the south-east," he said.',
    "British Steel said it would close two mills.",
]


@in_layouts(STEEL)
def test_a_surname_that_names_a_trade_after_a_title_is_a_persons(text):
    labels = {(m.text, m.label) for m in extract(text).mentions}
    assert ("David Steel", "PERSON") in labels, labels
    assert ("British Steel", "ORG") in labels, labels
    assert ("David Steel", "Leader", "Liberal") in titles(text)
    assert [s[0] for s in said(text)] == ["David Steel", "David Steel", "British Steel"]
