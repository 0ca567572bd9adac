"""Person-title pairs of wire copy a reader gets at once and the recognizer missed or got
wrong: a sports or legal role in lower case before the name, surnames alone after a title in
the plural, a title of an organisation in lower-case words run on to the name, the name set
off by commas after a nationality, and a word of praise read as what a title is of. Every
story is written for these tests and read in three layouts (tests/nlp/layouts.py)."""

from __future__ import annotations

import pytest

from explorer.nlp import extract

from .layouts import layouts, titles

TRANSFER = [
    "ROME, July 3 - Sampdoria signed the Danish forward Henrik Moll on Friday for 2.1 mln "
    "stg, beating a late offer from Everton.",
    "Everton manager Colin Harvey said he had offered more money but the player wanted to "
    "go to Italy.",
    "Sampdoria coach Vujadin Boskov said Moll would start the first game of the season.",
    "Denmark captain Morten Olsen said his team mate would learn quickly in Italy.",
]


@pytest.mark.parametrize("text", layouts(TRANSFER))
def test_a_sports_role_in_lower_case_before_the_name_is_the_persons(text: str) -> None:
    got = titles(text)
    assert ("Colin Harvey", "Manager", "Everton") in got
    assert ("Vujadin Boskov", "Coach", "Sampdoria") in got
    assert ("Morten Olsen", "Captain", "Denmark") in got


COURT = [
    "VIENNA, Oct 8 - A Canadian businessman went on trial for fraud in Vienna on Thursday.",
    "Public prosecutor Karl Weidinger said the accused had moved 40 mln schillings abroad.",
    "Canadian consul Louise Tremblay attended the hearing with the accused's wife.",
]


@pytest.mark.parametrize("text", layouts(COURT))
def test_a_legal_or_consular_role_in_lower_case_before_the_name_is_the_persons(
    text: str,
) -> None:
    got = {(who, title) for who, title, _ in titles(text)}
    assert ("Karl Weidinger", "Public Prosecutor") in got
    assert ("Louise Tremblay", "Consul") in got


TALKS = [
    "PARIS, Jan 19 - Trade ministers Yeutter and Tamura met for two hours on Monday without "
    "settling the dispute over rice imports, officials said.",
]


@pytest.mark.parametrize("text", layouts(TALKS))
def test_surnames_alone_after_a_title_in_the_plural_each_hold_it(text: str) -> None:
    got = {(who, title) for who, title, _ in titles(text)}
    assert {("Yeutter", "Trade Minister"), ("Tamura", "Trade Minister")} <= got


DOCKS = [
    "ROTTERDAM, May 2 - Talks to end the dock strike broke down on Tuesday.",
    "Deputy chairman of the port employers' association Pieter de Graaf said no new offer "
    "would be made while the strike lasted.",
    "The chairman of the board and Willem Kok, a union official, left the room first.",
]


@pytest.mark.parametrize("text", layouts(DOCKS))
def test_a_title_of_an_organisation_in_lower_case_words_is_the_name_run_on_to_it(
    text: str,
) -> None:
    got = {(who, title) for who, title, _ in titles(text)}
    assert ("Pieter de Graaf", "Deputy Chairman") in got
    assert ("Willem Kok", "Chairman") not in got  # "and" ends the organisation's words


CYCLING = [
    "MADRID, April 9 - The president of the Spanish cycling federation, Luis Puig, said the "
    "race would start in Jerez as planned.",
]


@pytest.mark.parametrize("text", layouts(CYCLING))
def test_a_name_set_off_after_an_organisation_that_opens_with_a_nationality(text: str) -> None:
    assert "President" in {title for who, title, _ in titles(text) if who == "Luis Puig"}


FILM = [
    "CANNES, May 20 - The Oscar-winning director Roland Petit said on Sunday that his next "
    "film would be shot in Morocco.",
]


@pytest.mark.parametrize("text", layouts(FILM))
def test_a_word_of_praise_before_a_title_is_not_what_it_is_of(text: str) -> None:
    assert ("Roland Petit", "Director", None) in titles(text)


STATE = [
    "AUSTIN, Texas, Sept 14 - Governor of Oklahoma George Nigh said on Monday his state "
    "would join the suit against the oil import fee.",
    "Bishop Tomas Arriaga of Monterrey said in a sermon that the border towns needed work.",
]


@pytest.mark.parametrize("text", layouts(STATE))
def test_a_title_of_a_place_before_the_name_and_of_a_place_after_it(text: str) -> None:
    got = titles(text)
    assert ("George Nigh", "Governor", "Oklahoma") in got
    assert ("Tomas Arriaga", "Bishop", "Monterrey") in got


OFFICERS = [
    "DALLAS, Nov 2 - Lone Star Savings said on Friday its chief financial officer had left.",
    "Edward Pruitt, vice president and treasurer of Lone Star Savings, resigned on Thursday, "
    "the company said.",
    "Marian Coles, senior vice president for lending at Lone Star Savings, will take over "
    "his duties.",
    "Robert Lang, the comptroller of the company, was named acting treasurer.",
]


@pytest.mark.parametrize("text", layouts(OFFICERS))
def test_officers_of_a_company_after_the_name(text: str) -> None:
    got = titles(text)
    assert ("Edward Pruitt", "Treasurer", "Lone Star Savings") in got
    assert ("Marian Coles", "Senior Vice President", "Lone Star Savings") in got
    assert "Comptroller" in {title for who, title, _ in got if who == "Robert Lang"}


DEPUTY = [
    "OSLO, Feb 11 - Dock workers will stay out until the port authority withdraws its plan, "
    "union leader Piet Berg and his deputy, Lars Holm, told reporters on Wednesday.",
]


@pytest.mark.parametrize("text", layouts(DEPUTY))
def test_his_deputy_named_after_a_holder_is_a_deputy_not_the_holder(text: str) -> None:
    got = {(who, title) for who, title, _ in titles(text)}
    assert ("Lars Holm", "Deputy") in got
    assert ("Lars Holm", "Leader") not in got
    assert "Leader" in {title for who, title in got if who == "Piet Berg"}


INQUIRY = [
    "LISBON, Dec 4 - Investigators began reading the flight recorders of the airliner that "
    "crashed near Funchal on Sunday.",
    "The airport's director of security, Colonel Rui Tavares, said the runway lights had worked.",
    "A spokesman for the air traffic controllers' union APCTA, Nuno Mendes, said staff had "
    "warned of the danger for years.",
    "Jacques Diouf, director-general of the Food and Agriculture Organisation, sent his "
    "condolences.",
]


@pytest.mark.parametrize("text", layouts(INQUIRY))
def test_a_title_set_off_before_a_rank_and_a_name_and_the_organisation_of_an_aside(
    text: str,
) -> None:
    got = titles(text)
    assert "Director of Security" in {title for who, title, _ in got if who == "Rui Tavares"}
    assert ("Nuno Mendes", "Spokesman", "APCTA") in got
    assert ("Jacques Diouf", "Director-General", "Food and Agriculture Organisation") in got


COCOA = [
    "LONDON, Oct 21 - Cocoa futures fell for a third day on Wednesday.",
    '"Nobody wants to buy before the crop figures," said Simon Lyle, a trader at G.W. and '
    "H. Joynson.",
]


@pytest.mark.parametrize("text", layouts(COCOA))
def test_a_trader_at_a_firm_named_for_its_partners(text: str) -> None:
    assert ("Simon Lyle", "Trader", "G.W. and H. Joynson") in titles(text)


HEAD = [
    "ATHENS, Aug 30 - Ferry services resumed on Sunday, and the head of the merchant marine "
    "ministry's safety office, Nikos Karras, said inspections would go on.",
    "Three people were hurt when a crane fell on the quay. One was hit in the head, police said.",
]


@pytest.mark.parametrize("text", layouts(HEAD))
def test_the_head_of_something_set_off_before_a_name(text: str) -> None:
    got = titles(text)
    assert "Head" in {title for who, title, _ in got if who == "Nikos Karras"}
    assert len(got) == 1  # "hit in the head, police said" holds no title


AVIATION = [
    "WASHINGTON, Jan 12 - Airlines must inspect the engine mounts of 300 jets, the Federal "
    "Aviation Administration said on Monday.",
    "Donald Engen, who heads the Federal Aviation Administration, told a House committee the "
    "order would cost little.",
]


@pytest.mark.parametrize("text", layouts(AVIATION))
def test_who_heads_a_federal_administration(text: str) -> None:
    labels = {m.entity: m.label for m in extract(text).mentions}
    assert labels["Federal Aviation Administration"] == "ORG"
    assert ("Donald Engen", "Head", "Federal Aviation Administration") in titles(text)


APPOINTED = [
    "DETROIT, March 9 - Carrow Industries Inc said it named Helen Vance as president and "
    "chief operating officer, succeeding Robert Dunn, who retired.",
]


@pytest.mark.parametrize("text", layouts(APPOINTED))
def test_two_titles_given_in_one_appointment(text: str) -> None:
    got = {(who, title) for who, title, _ in titles(text)}
    assert {("Helen Vance", "President"), ("Helen Vance", "Chief Operating Officer")} <= got
