"""What a title is of when the organisation is named elsewhere in the sentence or the one
before it, as a reader takes it at once: "the Dutch club's chairman" of the club the story
named, "its chief test engineer" of the company the sentence opens with, "Garrow chairman"
after "Garrow Holdings Plc", "Iea's chief economist" after "the International Energy
Agency", a body named in lower case before or after the title; and titles the recognizer
missed: two after one name, an occupation before the name, a rank with a field between it and
the office, a minister "for" a brief. Every story is written for these tests and read in
three layouts (tests/nlp/layouts.py)."""

from __future__ import annotations

from .layouts import affiliations, in_layouts, titles

CLUB = [
    "AMSTERDAM, Aug 2 - PSV Eindhoven sold their Swedish midfielder Lars Nyman to Monaco on "
    "Tuesday for a fee of 4 mln guilders, the Dutch club's chairman, Ton Harmsen, said.",
    "The sale was agreed after PSV rejected two lower offers, Harmsen told reporters.",
    "Aberdeen's club captain, Willie Miller, said the players would miss Nyman.",
]


@in_layouts(CLUB)
def test_the_club_with_a_nationality_before_it_or_opening_the_sentence_owns_the_title(text):
    got = titles(text)
    assert ("Ton Harmsen", "Chairman", "PSV Eindhoven") in got
    # a name opening its sentence before its possessive title, the name set off by commas
    assert ("Willie Miller", "Club Captain", "Aberdeen") in got


MAKER = [
    "Airbus flew its new freighter for the first time on Friday, with a crew led by Claude "
    "Berthier, its chief test engineer, at the controls.",
    "Airbus said the flight had gone well. Its chief financial officer, Anne Roussel, said "
    "the programme was on budget.",
]


@in_layouts(MAKER)
def test_its_title_set_off_after_a_name_is_the_company_the_sentence_opens_with(text):
    got = titles(text)
    assert ("Claude Berthier", "Chief Test Engineer", "Airbus") in got
    assert ("Anne Roussel", "Chief Financial Officer", "Airbus") in got


BID = [
    "LONDON, March 9 - Garrow Holdings Plc raised its offer for the Bristol brewer Hanley "
    "and Sons to 310 mln stg on Monday.",
    "Garrow chairman and chief executive Ian Dunmore said the group would not go higher.",
]


@in_layouts(BID)
def test_a_firm_written_by_the_first_word_of_its_name_owns_both_titles_before_a_name(text):
    got = titles(text)
    assert ("Ian Dunmore", "Chairman", "Garrow Holdings Plc") in got
    assert ("Ian Dunmore", "Chief Executive", "Garrow Holdings Plc") in got


ENERGY = [
    "Oil demand will grow more slowly than expected next year, the International Energy "
    "Agency has said in its monthly report.",
    "Iea's chief economist, Farid Nasser, said high prices had cut consumption in Asia.",
]


@in_layouts(ENERGY)
def test_initials_written_as_a_word_stand_for_the_organisation_the_story_named(text):
    assert ("Farid Nasser", "Chief Economist", "International Energy Agency") in titles(text)


BODIES = [
    "OSLO, Feb 14 - Norwegian trawlers stayed in port on Monday as a dispute over fishing "
    "quotas went on.",
    "The chairman of the Norwegian fishermen's federation, Odd Moen, said the boats would "
    "not sail until the quotas were raised.",
    "Water board director Knut Aasen said the harbour would stay open.",
    "Arne Dahl, head of the coastal rescue service in Bergen, said no boat was in danger.",
]


@in_layouts(BODIES)
def test_a_body_named_in_lower_case_before_or_after_the_title_is_what_it_is_of(text):
    got = titles(text)
    assert ("Odd Moen", "Chairman", "Norwegian fishermen's federation") in got
    assert ("Knut Aasen", "Director", "Water board") in got
    assert ("Arne Dahl", "Head", "coastal rescue service") in got


TWO = [
    "ANKARA, June 5 - Kemal Aras, leader of the Anatolian farmers' union and Turkey's "
    "agriculture minister, said grain prices would be held for a year.",
    "Selim Kaya, director of the state grain board and a former minister for trade, said "
    "the harvest would be good.",
]


@in_layouts(TWO)
def test_two_titles_after_one_name_are_both_the_persons(text):
    got = titles(text)
    assert ("Kemal Aras", "Leader", "Anatolian farmers' union") in got
    assert ("Kemal Aras", "Agriculture Minister", "Turkey") in got
    assert ("Selim Kaya", "Director", "state grain board") in got
    assert ("Selim Kaya", "Minister for Trade", None) in got


TRADES = [
    "Volcanologist Rosa Mendez of the University of Costa Rica said the ash cloud was thinning.",
    "The airline's insurer, Lloyd's underwriter Peter Gale, said claims would be paid.",
    "The singer's agent, Mark Dorsey, said the tour would go ahead.",
    "Mr Howe met the Japanese foreign minister in Tokyo. His Soviet counterpart, Yuri "
    "Sokolov, arrived on Monday.",
    "Labour member of parliament Sir Dennis Ward said the law should change.",
]


@in_layouts(TRADES)
def test_an_occupation_before_a_name_is_a_title(text):
    got = {(who, title) for who, title, _ in titles(text)}
    assert ("Rosa Mendez", "Volcanologist") in got
    assert ("Peter Gale", "Underwriter") in got
    assert ("Mark Dorsey", "Agent") in got
    assert ("Yuri Sokolov", "Counterpart") in got
    assert ("Dennis Ward", "Member of Parliament") in got


RANKS = [
    "GENEVA, Nov 3 - The talks on chemical weapons adjourned on Thursday, the chief British "
    "negotiator, Alan Pryce, told reporters.",
    "The World Bank's Africa director, Edward Jaycox, said the loans would go ahead.",
    "Danish Public Works Minister Helle Lund said the bridge would open in May.",
]


@in_layouts(RANKS)
def test_a_rank_a_region_and_a_portfolio_keep_their_place_in_the_title(text):
    got = titles(text)
    assert ("Alan Pryce", "Chief Negotiator", "United Kingdom") in got
    assert ("Edward Jaycox", "Director", "World Bank") in got
    assert ("Helle Lund", "Public Works Minister", "Denmark") in got


FIRMS = [
    "Sales of tablet computers fell for the first time in the autumn, figures show.",
    "Sara Holt, an analyst at research firm Tellwise, said buyers were waiting for cheaper models.",
    "Jon Berg, operations manager of the Swedish shipping company Nordlinjen, said freight "
    "rates had fallen.",
    "Prices will rise again in the spring, said market analyst Kantwell.",
]


@in_layouts(FIRMS)
def test_the_company_after_the_words_that_say_what_it_is_is_the_titles(text):
    got = titles(text)
    assert ("Sara Holt", "Analyst", "Tellwise") in got
    assert ("Jon Berg", "Operations Manager", "Nordlinjen") in got
    assert ("Sara Holt", "Tellwise") in affiliations(text)
    # a firm of analysts named after "analyst" holds no title
    assert not any(who == "Kantwell" for who, _, _ in got)


OFFICES = [
    "Plans for a new ground for Hibernian were approved by Edinburgh City Council on Monday.",
    "The club's chief executive, Rod Petrie, said supporters had waited long enough.",
    "Former Selmar executive Ola Brekke, now a partner at the venture firm Nordkapp, said the "
    "plans were sound.",
    "Schools Minister Jim Knight said the council had been right.",
    "Scottish Health Secretary Nicola Sturgeon said the ground would be smoke-free.",
    "Tom Deane, vice-chancellor of Napier University, said students would use the pitches.",
]


@in_layouts(OFFICES)
def test_an_executive_a_vice_chancellor_and_a_nations_portfolio_are_offices(text):
    got = titles(text)
    assert ("Rod Petrie", "Chief Executive", "Hibernian") in got
    assert ("Ola Brekke", "Executive", "Selmar") in got
    assert ("Jim Knight", "Schools Minister", None) in got
    assert ("Nicola Sturgeon", "Health Secretary", "Scotland") in got
    assert ("Tom Deane", "Vice-Chancellor", "Napier University") in got
