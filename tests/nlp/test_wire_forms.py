"""Names of wire copy and sports pages that a reader tags at once and the lists do not know:
a surname of a person the story names, a place named with particles, a grade of crude, a
company without its legal form, a club at the head of a sentence, a club with its year, a
racing team, a team by its nickname. Each document (written for these tests) must come out
the same in one line per paragraph, hard-wrapped at 65 with a four-space indent, and CRLF."""

from __future__ import annotations

import textwrap

import pytest

from .layouts import names


def one_line(head: str, paragraphs: list[str]) -> str:
    return head + "\n" + "\n".join("    " + p for p in paragraphs) + "\n"


def wrapped(head: str, paragraphs: list[str], width: int = 65) -> str:
    body = "\n".join(textwrap.fill(p, width, initial_indent="    ") for p in paragraphs)
    return head + "\n" + body + "\n"


def crlf(head: str, paragraphs: list[str]) -> str:
    return wrapped(head, paragraphs).replace("\n", "\r\n")


LAYOUTS = [
    pytest.param(one_line, id="one-line-paragraphs"),
    pytest.param(wrapped, id="hard-wrapped-65"),
    pytest.param(crlf, id="crlf"),
]


# --- wire copy ---------------------------------------------------------------------------

MONEY_HEAD = "TALKS ON TRADE OPEN IN URUGUAY"
MONEY = [
    "PUNTA DEL ESTE, Uruguay, Sept 15 - Pickens told reporters on Monday that he would "
    "sell his stake, and Chen said his bank would not buy it.",
    "T. Boone Pickens Jr., the Texas oilman, met bankers in Punta del Este, where trade "
    "ministers opened a new round of talks. Chen Chun-yeh, chairman of a Taipei bank, "
    "said Chen's bank had no plans to bid.",
    "Brent crude for November rose 20 cts to 14.60 dlrs a barrel, and traders said Brent "
    "would go on rising while West Texas Intermediate held.",
    "Globex Inc, a maker of oil field pumps, said it had agreed to be acquired. Globex "
    "shares rose 1-1/2 on the American Stock Exchange.",
    'Boxing promoter Roberto "Hands of Stone" Duran was also in town. Duran, 36, said he '
    "would fight again in the spring.",
]


@pytest.fixture(params=LAYOUTS)
def wire(request) -> list[tuple[str, str, str]]:
    return names(request.param(MONEY_HEAD, MONEY))


def test_a_surname_alone_is_the_person_the_story_names_also_when_it_comes_first(wire):
    pickens = [m for m in wire if m[0] == "Pickens"]
    assert pickens and all(m[1] == "PERSON" and "Pickens" in m[2] for m in pickens)
    assert ("T. Boone Pickens Jr.", "PERSON", "T. Boone Pickens Jr.") in wire


def test_a_family_name_written_first_is_the_person_alone(wire):
    chen = [m for m in wire if m[0].startswith("Chen") and m[0] != "Chen Chun-yeh"]
    assert len(chen) == 2
    assert all(m[1:] == ("PERSON", "Chen Chun-yeh") for m in chen), chen


def test_a_place_named_with_particles_is_a_place(wire):
    assert ("Punta del Este", "GPE", "Punta del Este") in wire
    assert not [m for m in wire if "Punta" in m[0] and m[1] == "PERSON"]


def test_a_grade_of_crude_is_no_place(wire):
    brent = [m for m in wire if m[0] == "Brent"]
    assert len(brent) == 2 and all(m[1] == "PRODUCT" for m in brent), brent


def test_a_company_without_its_legal_form_is_the_company(wire):
    globex = [m for m in wire if m[0] == "Globex"]
    assert globex == [("Globex", "ORG", "Globex Inc")]
    assert ("Globex Inc", "ORG", "Globex Inc") in wire


def test_a_nickname_in_quotes_is_part_of_the_name(wire):
    assert ('Roberto "Hands of Stone" Duran', "PERSON", "Roberto Duran") in wire
    assert ("Duran", "PERSON", "Roberto Duran") in wire
    assert not [m for m in wire if m[1] == "WORK_OF_ART"]


BROKERS = [
    "NEW YORK, March 4 - Merrill Lynch and Co said on Wednesday that its unit Merrill Lynch "
    "Capital Markets would underwrite the issue with Dean Witter Reynolds Inc and Kidder, "
    "Peabody and Co.",
    "Merrill Lynch said the issue was priced to yield 8.10 pct, and analysts at Dean Witter "
    "said demand was strong. Kidder Peabody declined to comment.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_firm_named_after_people_without_its_legal_form_is_the_firm(layout):
    got = names(layout("BROKERS UNDERWRITE ISSUE", BROKERS))
    assert ("Merrill Lynch", "ORG", "Merrill Lynch and Co") in got
    assert ("Merrill Lynch Capital Markets", "ORG", "Merrill Lynch Capital Markets") in got
    assert ("Dean Witter", "ORG", "Dean Witter Reynolds Inc") in got
    assert ("Kidder Peabody", "ORG", "Kidder, Peabody and Co") in got
    assert not [m for m in got if m[1] == "PERSON"]


def test_wall_street_is_a_place_and_its_journal_a_paper():
    got = names(
        "Stocks fell on Wall Street on Friday, and The Wall Street Journal said the fall "
        "would go on."
    )
    assert ("Wall Street", "LOC", "Wall Street") in got
    assert ("Wall Street Journal", "ORG", "Wall Street Journal") in got


# --- sports pages ------------------------------------------------------------------------

SOCCER_HEAD = "SOCCER - GALATASARAY HELD AT HOME, 1860 MUNICH DRAW"
SOCCER = [
    "ISTANBUL, Sept 1 - Galatasaray were held 1-1 at home by Trabzonspor in the Turkish "
    "first division on Sunday, while Fenerbahce beat Samsunspor 2-0 to go top of the league "
    "table on goal difference.",
    "Besiktas lost 3-1 at Kocaelispor, whose striker scored twice in the second half.",
    "In Germany, Munich 1860 drew 0-0 with Bayer Leverkusen in the Bundesliga, and 1860 "
    "Munich coach Werner Lorant said his side had deserved to win the match.",
]


@pytest.fixture(params=LAYOUTS)
def soccer(request) -> list[tuple[str, str, str]]:
    return names(request.param(SOCCER_HEAD, SOCCER))


def test_a_club_the_lists_do_not_know_opens_a_sentence(soccer):
    assert ("Galatasaray", "ORG", "Galatasaray") in soccer
    assert ("Besiktas", "ORG", "Besiktas") in soccer


def test_a_club_away_from_home_is_the_club(soccer):
    assert ("Kocaelispor", "ORG", "Kocaelispor") in soccer


def test_a_club_with_its_year_is_one_name(soccer):
    assert ("Munich 1860", "ORG", "Munich 1860") in soccer
    assert ("1860 Munich", "ORG", "1860 Munich") in soccer
    assert not [m for m in soccer if m[0] == "Munich"]


RACING_HEAD = "MOTOR RACING - ZANARDI WINS IN LAGUNA SECA"
RACING = [
    "MONTEREY, California, Sept 8 - Italian Alex Zanardi drove his Reynard Honda to "
    "victory in the IndyCar race on Sunday, and Jimmy Vasser was second in another Reynard "
    "Honda after a duel over the last ten laps.",
    "Reynard said it would build more cars next season, and Penske Mercedes driver Paul "
    "Tracy was third, ahead of a Lola Ford.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_constructor_and_its_engine_are_a_team(layout):
    got = names(layout(RACING_HEAD, RACING))
    teams = [m for m in got if m[0] in ("Reynard Honda", "Penske Mercedes", "Lola Ford")]
    assert len(teams) == 4 and all(m[1] == "ORG" for m in teams), teams
    assert ("Reynard", "ORG", "Reynard Honda") in got
    assert ("Paul Tracy", "PERSON", "Paul Tracy") in got
    assert ("Alex Zanardi", "PERSON", "Alex Zanardi") in got


BASEBALL_HEAD = "BASEBALL - RANGERS BEAT INDIANS"
BASEBALL = [
    "ARLINGTON, Texas, Sept 3 - Pedro Alvarado hit two home runs as the Texas Rangers beat "
    "the Cleveland Indians 6-4 on Tuesday to move three games clear in their division.",
    "The Indians, who had won five in a row, lost for the first time this month, and the "
    "Rangers took the series.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_team_goes_by_its_nickname_in_the_headline_and_the_story(layout):
    got = names(layout(BASEBALL_HEAD, BASEBALL))
    for nick, team in (("Indians", "Cleveland Indians"), ("Rangers", "Texas Rangers")):
        assert (nick, "ORG", team) in got
        assert (nick.upper(), "ORG", team) in got
    assert not [m for m in got if m[1] == "NORP"]


def test_a_nickname_is_a_team_only_in_a_story_about_sport():
    got = names("Indians living in the Cleveland Indians Estate said the rents rose.")
    assert ("Indians", "NORP", "India") in got


TRANSFER_HEAD = "SOCCER - COACH SACKED AFTER HOME DEFEAT"
TRANSFER = [
    "PARIS, Sept 2 - The club sacked its coach on Monday after a home defeat to Auxerre "
    "3-1, the third in a row this month.",
    "Bordeaux's Christophe Vannier was named in his place, and he will lead them in Lyon "
    "next week.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_town_with_a_score_or_a_player_after_it_is_its_team(layout):
    got = names(layout(TRANSFER_HEAD, TRANSFER))
    assert ("Auxerre", "ORG", "Auxerre") in got
    assert ("Bordeaux", "ORG", "Bordeaux") in got
    assert ("Christophe Vannier", "PERSON", "Christophe Vannier") in got
    assert ("Lyon", "GPE", "Lyon") in got  # "in Lyon": where the match is played
