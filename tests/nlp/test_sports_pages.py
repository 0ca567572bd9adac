"""Sports pages as a wire service sends them: scorers' lists, rows of results with a nation in
brackets and a team after it, fixtures under a lead-in. Every text is written for these tests;
each is read in the CoNLL form (tokens joined by single spaces, one sentence a line) and as
wire copy in three layouts (tables line by line, prose one line per paragraph, wrapped at 65
with a four-space indent, and that with CRLF endings)."""

from __future__ import annotations

import textwrap

import pytest

from explorer.nlp import extract

VALUES = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "TITLE"}


def names(text: str) -> list[tuple[str, str]]:
    return [
        (" ".join(m.text.split()), m.label) for m in extract(text).mentions if m.label not in VALUES
    ]


def wire(prose: list[str], table: list[str], wrap: bool, crlf: bool = False) -> str:
    """Prose paragraphs (wrapped at 65 with a four-space indent, or one line each), then the
    table's lines as they are."""
    if wrap:
        paragraphs = [
            textwrap.fill(p, 65, initial_indent="    ", subsequent_indent="    ") for p in prose
        ]
    else:
        paragraphs = ["    " + p for p in prose]
    text = "\n".join(paragraphs + table) + "\n"
    return text.replace("\n", "\r\n") if crlf else text


def forms(conll: str, prose: list[str], table: list[str]) -> list:
    return [
        pytest.param(conll, id="conll"),
        pytest.param(wire(prose, table, wrap=False), id="one-line-paragraphs"),
        pytest.param(wire(prose, table, wrap=True), id="hard-wrapped-65"),
        pytest.param(wire(prose, table, wrap=True, crlf=True), id="crlf"),
    ]


# --- a scorers' list: every name after "Scorers :" is a player's -----------------------------

SCORERS_CONLL = (
    "SOCCER - NORTHERN LEAGUE RESULTS .\nLONDON 1996-10-12\n"
    "Kelsby Rovers came from behind to beat Ashwell Town 3-2 on Saturday .\n"
    "Scorers : Pardoe 8 , Treglown 30 pen , 71 ; Moncrieff 44 , Van der Sluis 60 .\n"
    "Attendance : 4,210\n"
)
SCORERS_PROSE = [
    "LONDON, Oct 12 - Kelsby Rovers came from behind to beat Ashwell Town 3-2 on Saturday.",
    "Scorers: Pardoe 8, Treglown 30 pen, 71; Moncrieff 44, Van der Sluis 60.",
]


@pytest.mark.parametrize("text", forms(SCORERS_CONLL, SCORERS_PROSE, ["Attendance: 4,210"]))
def test_a_scorers_list_names_players_whatever_figures_follow_them(text):
    got = names(text)
    for player in ("Pardoe", "Treglown", "Moncrieff", "Van der Sluis"):
        assert (player, "PERSON") in got, (player, got)
    assert not any(label == "ORG" and n in ("Pardoe", "Treglown", "Moncrieff") for n, label in got)


RUGBY_CONLL = (
    "RUGBY UNION - CLUB RESULT .\nLONDON 1996-10-12\n"
    "Harrowfield beat Lintwick 28-16 in their league match on Saturday .\n"
    "Harrowfield - Tries : Okonedo 2 , Prowse , Hallam van der Berg . Conversions : Dimmock 2 .\n"
    "Penalties : Dimmock 3 .\n"
)
RUGBY_PROSE = [
    "LONDON, Oct 12 - Harrowfield beat Lintwick 28-16 in their league match on Saturday.",
    "Harrowfield - Tries: Okonedo 2, Prowse, Hallam van der Berg. Conversions: Dimmock 2. "
    "Penalties: Dimmock 3.",
]


@pytest.mark.parametrize("text", forms(RUGBY_CONLL, RUGBY_PROSE, []))
def test_tries_conversions_and_penalties_name_players_and_the_side_before_them_stays_a_side(text):
    got = names(text)
    for player in ("Okonedo", "Prowse", "Hallam van der Berg", "Dimmock"):
        assert (player, "PERSON") in got, (player, got)
    assert ("Harrowfield", "PERSON") not in got


# --- a column of nations: one the lists do not know is a nation too; the team after it --------

ROWS = [
    "1. Teodor Vallenko ( Kazakstan ) Voltane 4 hours 12 minutes 5 seconds",
    "2. Piers Ashdown ( Britain ) Kestrel-Borgo same time",
    "3. Aurelio Brunetti ( Italy ) Jordan 3 seconds behind",
    "4. Ansel Krogh ( Norway ) Voltane s.t.",
    "5. Dario Quesnel ( France ) Marlowe 12",
]
ROWS_CONLL = (
    "CYCLING - TOUR OF THE FJORDS STAGE RESULT .\nBERGEN 1996-08-10\n"
    "Leading results of the fourth stage of the race on Saturday :\n" + "\n".join(ROWS) + "\n"
)
ROWS_WIRE = [r.replace(" ( ", " (").replace(" ) ", ") ").replace("1. ", "1. ") for r in ROWS]


@pytest.mark.parametrize(
    "text",
    forms(
        ROWS_CONLL,
        ["BERGEN, Aug 10 - Leading results of the fourth stage of the race on Saturday:"],
        ROWS_WIRE,
    ),
)
def test_a_column_of_nations_holds_nations_and_the_name_after_it_is_a_team(text):
    got = names(text)
    assert ("Kazakstan", "GPE") in got  # a nation the lists do not know, in a column of nations
    for team in ("Voltane", "Kestrel-Borgo", "Jordan", "Marlowe"):
        assert (team, "ORG") in got, (team, got)  # not the country Jordan
    assert ("Teodor Vallenko", "PERSON") in got and ("Aurelio Brunetti", "PERSON") in got


def test_a_nation_in_brackets_outside_a_column_of_nations_is_left_to_the_lists():
    got = names(
        "GOLF - SCORES .\nLONDON 1996-08-10\nLeading scores on Saturday :\n"
        "66 Colm Brannagh ( Ferrano ) , Ivo Mendes ( Portugal )\n"
    )
    assert ("Ferrano", "GPE") not in got  # two rows are no column


# --- a fixture under a lead-in ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line", ["Postponed : Tottenham v Arsenal", "Postponed: Tottenham v Arsenal"]
)
def test_a_fixture_after_a_lead_in_names_both_sides(line):
    got = names(
        "SOCCER - RESULTS .\nLONDON 1996-10-12\nResults of league matches on Saturday :\n"
        f"Leeds 2 Chelsea 1\n{line}\n"
    )
    assert ("Tottenham", "ORG") in got and ("Arsenal", "ORG") in got
