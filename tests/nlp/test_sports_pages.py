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
        paragraphs = [textwrap.fill(p, 65, initial_indent="    ") for p in prose]
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


# --- results of a league's games, home team in capitals -----------------------------------

HOCKEY_CONLL = (
    "ICE HOCKEY - RESULTS .\nNEW YORK 1996-12-12\n"
    "Results of games played on Wednesday ( home team in CAPS ) :\n"
    "Detroit 4 CALGARY 1\nPHILADELPHIA 3 Tampa Bay 3 ( OT )\n"
)
HOCKEY_PROSE = ["NEW YORK, Dec 12 - Results of games played on Wednesday (home team in CAPS):"]


@pytest.mark.parametrize(
    "text",
    forms(HOCKEY_CONLL, HOCKEY_PROSE, ["Detroit 4 CALGARY 1", "PHILADELPHIA 3 Tampa Bay 3 (OT)"]),
)
def test_home_team_in_caps_names_no_organisation_and_a_note_after_a_result_is_none(text):
    got = names(text)
    assert not any(n in ("CAPS", "OT") for n, _label in got), got
    for team in ("Detroit", "CALGARY", "PHILADELPHIA", "Tampa Bay"):
        assert (team, "ORG") in got, (team, got)


# --- a dateline with its region over a sports story ------------------------------------------


@pytest.mark.parametrize("layout", [False, True])
def test_a_dateline_with_its_country_stays_the_place_in_a_sports_story(layout):
    prose = [
        "KELSBY, England, June 8 - Harrowfield's batsmen struggled on the third day of the "
        "county match against Lintwick, who took six wickets before lunch.",
        "Lintwick's bowlers were helped by a damp pitch and the match is likely to be drawn.",
    ]
    got = names(wire(prose, [], wrap=layout))
    assert ("KELSBY", "GPE") in got, got


# --- market indices ------------------------------------------------------------------------

MARKETS_CONLL = (
    "Tokyo shares fell on Friday as the Nikkei average lost 120 points .\n"
    "In London , the FTSE 100 index rose while the Hang Seng in Hong Kong was flat .\n"
    "The Nikkei business daily said the Dow Jones industrial average would open higher .\n"
    "STOCK INDICES\nNikkei 21,045.10 down 98.32\nDAX 2,558.93 up 7.71\n"
)
MARKETS_PROSE = [
    "TOKYO, Sept 6 - Tokyo shares fell on Friday as the Nikkei average lost 120 points.",
    "In London, the FTSE 100 index rose while the Hang Seng in Hong Kong was flat.",
    "The Nikkei business daily said the Dow Jones industrial average would open higher.",
]


@pytest.mark.parametrize(
    "text",
    forms(
        MARKETS_CONLL,
        MARKETS_PROSE,
        ["STOCK INDICES", "Nikkei 21,045.10 down 98.32", "DAX 2,558.93 up 7.71"],
    ),
)
def test_a_stock_index_is_the_index_and_not_the_paper_named_like_it(text):
    got = names(text)
    for index in ("FTSE 100", "Hang Seng", "Dow Jones", "DAX"):
        assert (index, "PRODUCT") in got, (index, got)
    nikkei = [label for n, label in got if n == "Nikkei"]
    assert nikkei.count("PRODUCT") == 2 and nikkei.count("ORG") == 1, got  # the daily


# --- a press digest: a line in capitals heads one newspaper's stories ------------------------

DIGEST_CONLL = (
    "PRESS DIGEST - Valdoria - Oct 3 .\nMARENZA 1996-10-03\n"
    "These are the leading stories in the Valdorian press on Thursday .\n"
    "Reuters has not verified these stories and does not vouch for their accuracy .\n"
    "LA TRIBUNE\n- The government will raise fuel prices in January , the finance minister said .\n"
    "MARENZA POST\n- Opposition leader Ilse Carvajal called for early elections .\n"
)
DIGEST_PROSE = [
    "MARENZA, Oct 3 - These are the leading stories in the Valdorian press on Thursday. "
    "Reuters has not verified these stories and does not vouch for their accuracy."
]


@pytest.mark.parametrize(
    "layout",
    [
        pytest.param(lambda: DIGEST_CONLL, id="conll"),
        pytest.param(
            lambda: (
                "PRESS DIGEST - Valdoria - Oct 3.\n"
                + wire(
                    DIGEST_PROSE,
                    [
                        "LA TRIBUNE",
                        "    - The government will raise fuel prices in January, the finance "
                        "minister said.",
                        "MARENZA POST",
                        "    - Opposition leader Ilse Carvajal called for early elections.",
                    ],
                    wrap=True,
                )
            ),
            id="wire",
        ),
    ],
)
def test_a_press_digest_names_its_newspapers_and_its_slug_names_nothing(layout):
    got = names(layout())
    assert ("LA TRIBUNE", "ORG") in got and ("MARENZA POST", "ORG") in got, got
    assert not any(n in ("PRESS DIGEST", "LA", "MARENZA") and label != "GPE" for n, label in got)
    assert ("Ilse Carvajal", "PERSON") in got


# --- a headline names a team by its town or by its nickname ----------------------------------

HEADLINE_CONLL = (
    "SOCCER - DONCASTER SACK MERRIMAN AS ROVERS SLIP TO BOTTOM .\nLONDON 1996-10-25\n"
    "Doncaster Rovers sacked manager Tom Merriman on Friday after a fourth successive league "
    "defeat left them bottom of the table .\n"
    "The club said his assistant would take charge of the team for Saturday 's match .\n"
)
HEADLINE_PROSE = [
    "LONDON, Oct 25 - Doncaster Rovers sacked manager Tom Merriman on Friday after a fourth "
    "successive league defeat left them bottom of the table.",
    "The club said his assistant would take charge of the team for Saturday's match.",
]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(HEADLINE_CONLL, id="conll"),
        pytest.param(
            "SOCCER-DONCASTER SACK MERRIMAN AS ROVERS SLIP TO BOTTOM.\n"
            + wire(HEADLINE_PROSE, [], wrap=True),
            id="wire",
        ),
    ],
)
def test_a_headline_names_the_team_by_its_town_and_by_its_nickname(text):
    got = names(text)
    assert ("DONCASTER", "ORG") in got and ("ROVERS", "ORG") in got, got
    assert ("MERRIMAN", "PERSON") in got


# --- a scores line opens with its ground -----------------------------------------------------

GROUNDS = [
    "Hove : Sussex 312 ( W. Pellow 104 ; I. Dunmore 4-37 ) , Lancashire 197-8 .",
    "At Kelsby Park ( Kelsby ) : Durham 214 ( P. Ormerod 84 ) , Kent 108-3 .",
    "Tunbridge Wells : Essex 259 and 207 , Derbyshire 114 .",
    "Bowling : Treadwell 7-0-29-0 , Ashworth 4-0-25-0 .",
]


@pytest.mark.parametrize("comma", [False, True])
def test_a_scores_line_opens_with_its_ground_a_place_and_the_side_after_it_is_a_team(comma):
    lines = [g.replace(" , ", ", ").replace(" ( ", " (").replace(" ) ", ") ") for g in GROUNDS]
    text = (
        "CRICKET - COUNTY SCORES .\nLONDON 1996-08-30\n"
        "Close of play scores in county championship matches on Friday :\n"
        + "\n".join(lines if comma else GROUNDS)
        + "\n"
    )
    got = names(text)
    for ground in ("Hove", "Kelsby Park", "Tunbridge Wells"):
        assert (ground, "GPE") in got, (ground, got)
    for side in ("Sussex", "Durham", "Essex"):
        assert (side, "ORG") in got, (side, got)
    assert ("Treadwell", "PERSON") in got and ("Bowling", "GPE") not in got
