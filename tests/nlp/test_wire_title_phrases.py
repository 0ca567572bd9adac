"""Title phrases as reporters write them, which the recognizer missed or cut short: a word of
sport or trade ("boss", "gaffer", "barrister", "agent"), a title of modifiers that ends in an
office ("deputy chief executive", "deputy head"), a portfolio in lower case before a minister
or a secretary, a verb of office ("who chairs X"), a second office set off before the
holder's name, a nationality then a portfolio, and a role at a firm named for its partners.
Every story is written for these tests and read in three layouts (tests/nlp/layouts.py)."""

from __future__ import annotations

from explorer.nlp import extract

from .layouts import in_layouts, labels, titles

SPORT = [
    "LONDON, Feb 7 - Bristol boss Dean Holloway said on Saturday his side had been robbed.",
    "Hull gaffer Stan Mercer said the referee had made the right call.",
    "The winger's agent, Paolo Ricci, said three clubs had asked about his client.",
    "Dawlish Foods boss Karen Tuttle said the sponsorship would go on.",
]


@in_layouts(SPORT)
def test_a_boss_a_gaffer_and_an_agent_hold_titles(text: str) -> None:
    got = titles(text)
    assert ("Dean Holloway", "Boss", "Bristol") in got
    assert ("Stan Mercer", "Gaffer", "Hull") in got
    assert ("Paolo Ricci", "Agent", None) in got
    assert ("Karen Tuttle", "Boss", "Dawlish Foods") in got


BOARD = [
    "LEEDS, May 2 - Harwood Textiles Plc said on Tuesday it would close two mills.",
    "Its deputy chief executive, Ian Pascoe, said 300 jobs would go.",
    "The firm's deputy head of finance, Ruth Orme, said the closures would save 4 mln stg.",
    "The town's school has a new deputy head, Alan Brice, who starts in September.",
    "Harwood's deputy managing director, Colin Vance, met the unions.",
]


@in_layouts(BOARD)
def test_a_title_of_modifiers_that_ends_in_an_office_keeps_them_all(text: str) -> None:
    got = {(who, title) for who, title, _ in titles(text)}
    assert ("Ian Pascoe", "Deputy Chief Executive") in got
    assert ("Ian Pascoe", "Chief Executive") not in got
    assert ("Alan Brice", "Deputy Head") in got
    assert ("Colin Vance", "Deputy Managing Director") in got
    assert ("Ruth Orme", "Deputy Head of Finance") in got


PORTFOLIOS = [
    "OSLO, March 9 - Knut Rasmussen, the Danish trade and industry minister, said on Monday "
    "Denmark would not join the accord.",
    "The Conservatives' shadow local government secretary, Fiona Blake, called the plan a "
    "tax on homes.",
    "Egyptian Petroleum Minister Hassan Tawfik said Egypt would hold output steady.",
]


@in_layouts(PORTFOLIOS)
def test_a_portfolio_in_lower_case_or_after_a_nationality_is_the_titles(text: str) -> None:
    got = titles(text)
    assert ("Knut Rasmussen", "Trade and Industry Minister", "Denmark") in got
    assert "Shadow Local Government Secretary" in {t for who, t, _ in got if who == "Fiona Blake"}
    assert ("Hassan Tawfik", "Petroleum Minister", "Egypt") in got
    assert "Egyptian Petroleum" not in labels(text)  # no organisation of that name


OFFICES = [
    "CARDIFF, June 4 - Dr Owen Pryce, who chairs the hospital trust's ethics committee, said "
    "the trial would stop.",
    "Megan Lloyd, who coaches the Wales women's team, said her players were ready.",
    "Gareth Hughes, who led the party in the 1980s, did not attend.",
    "Bethan Ellis, who ran the London marathon in April, gave the prizes.",
]


@in_layouts(OFFICES)
def test_a_verb_of_office_gives_the_office(text: str) -> None:
    got = {(who, title) for who, title, _ in titles(text)}
    assert ("Owen Pryce", "Chair") in got
    assert ("Megan Lloyd", "Coach") in got
    assert not {t for who, t in got if who in ("Gareth Hughes", "Bethan Ellis")}


CARTEL = [
    "VIENNA, Nov 30 - OPEC's president, Angolan Oil Minister Jose Ferreira, said on Sunday "
    "prices would hold.",
    "Kuwait's minister of oil and industry, Said bin Nasser al-Hamad, said output was steady.",
]


@in_layouts(CARTEL)
def test_an_office_set_off_before_a_nationality_and_another_office_is_the_holders_too(
    text: str,
) -> None:
    got = {(who, title) for who, title, _ in titles(text)}
    assert ("Jose Ferreira", "President") in got
    assert ("Jose Ferreira", "Oil Minister") in got
    assert ("Said bin Nasser al-Hamad", "Minister of Oil and Industry") in got


FIRMS = [
    "NEW YORK, July 14 - Paul Archer, a former associate at the law firm of Brandt and "
    "Keller, was charged with insider trading on Tuesday.",
    "Frank Dolan, the dockers' union's chief negotiator at Tilbury, said the talks had failed.",
    "The defendant's barrister, Ruth Okafor, said the charges would be fought.",
]


@in_layouts(FIRMS)
def test_a_role_at_a_firm_of_partners_and_a_possessives_negotiator_at_a_place(text: str) -> None:
    got = titles(text)
    assert ("Paul Archer", "Associate", "Brandt and Keller") in got
    assert ("Ruth Okafor", "Barrister", None) in got
    negotiator = {(t, of) for who, t, of in got if who == "Frank Dolan"}
    assert negotiator and all(t == "Chief Negotiator" and of != "Tilbury" for t, of in negotiator)


AIDES = [
    "LONDON, Sept 9 - Sir Martin Hale, Margaret Thatcher's former press secretary, said the "
    "memoirs were unfair.",
    "Norway's former deputy prime minister, Eva Lunde, said she had not read them.",
]


@in_layouts(AIDES)
def test_a_title_after_a_persons_possessive_is_the_named_holders_and_former_stays(
    text: str,
) -> None:
    got = {(who, title, former) for who, title, former in former_titles(text)}
    assert ("Martin Hale", "Press Secretary", True) in got
    assert ("Eva Lunde", "Deputy Prime Minister", True) in got


def former_titles(text: str) -> set[tuple[str, str, bool]]:
    """(holder, title, whether a former one) of each title fact."""
    return {
        (f.subject, f.object, bool(f.qualifiers.get("former")))
        for f in extract(text).facts
        if f.predicate == "title"
    }
