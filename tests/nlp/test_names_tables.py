"""Sports tables and headings in wire-style copy: results, standings, fixtures, column heads.

Read through the whole pipeline (`extract`), so that the sentence splitter's joins count: a
line that ends on a colon runs on into the next one there.
"""

from __future__ import annotations

from explorer.nlp.pipeline import extract


def labelled(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in extract(text).mentions if m.label not in _VALUES]


_VALUES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "TITLE"}


def test_the_first_row_after_a_lead_in_with_a_colon_is_a_result():
    got = labelled(
        "SOCCER - ENGLISH LEAGUE RESULTS .\nLONDON 1996-09-08\n"
        "Results of English league matches on Saturday :\nLeeds 0 Coventry 1\n"
        "Southampton 2 Middlesbrough 2\n"
    )
    for team in ("Leeds", "Coventry", "Southampton", "Middlesbrough"):
        assert (team, "ORG") in got


def test_a_row_after_a_line_ending_on_a_short_word_is_a_result():
    got = labelled("Results of league matches on Saturday .\nGroup A\nHalden 2 Proleter ( Z ) 0\n")
    assert ("Halden", "ORG") in got and ("Proleter ( Z )", "ORG") in got


def test_standings_rows_in_capitals_give_every_team_once():
    text = (
        "ICE HOCKEY - STANDINGS .\nNEW YORK 1996-12-04\n"
        "Standings after games played on Tuesday ( tabulate under won , lost , tied ) :\n"
        "W L T GF GA PTS\nHARTFORD 12 7 3 70 60 27\nNY RANGERS 10 12 5 88 81 25\n"
        "KELSO BAY 7 11 6 58 69 20\n"
    )
    got = labelled(text)
    for team in ("HARTFORD", "NY RANGERS", "KELSO BAY"):
        assert got.count((team, "ORG")) == 1
    assert not any(t == "GA" for t, _ in got)  # a column's head, not Georgia


def test_a_club_shaped_like_a_persons_name_in_a_table_of_clubs_is_a_club():
    text = (
        "SOCCER - SCOTTISH STANDINGS .\nGLASGOW 1996-08-31\n"
        "Scottish league standings after Saturday 's matches :\n"
        "Livingston 3 3 0 0 6 2 9\nRoss County 3 2 0 1 5 4 6\nStranraer 3 1 1 1 3 3 4\n"
        "Red Star 3 0 2 1 3 4 2\nQueen of South 3 0 0 3 1 14 0\n"
    )
    got = labelled(text)
    for team in ("Livingston", "Ross County", "Stranraer", "Red Star", "Queen of South"):
        assert (team, "ORG") in got


def test_a_leaderboard_of_people_stays_people():
    text = (
        "GOLF - LEADING SCORES .\nLONDON 1996-09-07\n"
        "Leading scores after the third round on Saturday :\n"
        "Colin Montgomerie 66 68 67\nIan Woosnam 68 68 67\nSam Torrance 69 70 67\n"
    )
    got = labelled(text)
    for person in ("Colin Montgomerie", "Ian Woosnam", "Sam Torrance"):
        assert (person, "PERSON") in got


def test_national_sides_in_a_group_table_are_the_countries():
    text = (
        "SOCCER - WORLD CUP GROUP STANDINGS .\nLONDON 1996-09-08\nGroup one standings :\n"
        "Scotland 2 2 0 0 4 0 6\nAustria 2 1 0 1 2 2 3\nLatvia 2 0 0 2 0 4 0\n"
    )
    got = labelled(text)
    for team in ("Scotland", "Austria", "Latvia"):
        assert (team, "GPE") in got


def test_prices_are_no_standings():
    got = labelled("GOLD - LONDON CLOSE .\nLONDON 1996-09-06\nGold 386.40 386.80\nZinc 1,012.50\n")
    assert not any(t in ("Gold", "Zinc") for t, _ in got)


def test_a_result_with_a_note_in_brackets():
    got = labelled(
        "BASEBALL - RESULTS .\nNEW YORK 1996-09-07\nResults on Saturday ( home team in CAPS ) :\n"
        "American League\nMILWAUKEE 5 Minnesota 4 ( in 12 )\nUtah 110 DENVER 99 ( OT )\n"
    )
    assert ("Minnesota", "ORG") in got and ("MILWAUKEE", "ORG") in got
    assert ("Utah", "ORG") in got and ("DENVER", "ORG") in got
    assert not any(t == "OT" for t, _ in got)


def test_a_result_in_capitals_of_unknown_teams():
    got = labelled(
        "BASEBALL - KOREAN RESULTS .\nSEOUL 1996-08-30\nResults on Thursday .\nKT 2 OB 0\n"
    )
    assert ("KT", "ORG") in got and ("OB", "ORG") in got


def test_a_fixture_is_played_at_the_place_of_a_team_the_table_names():
    text = (
        "BASEBALL - STANDINGS .\nNEW YORK 1996-08-30\nStandings on Thursday :\n"
        "W L PCT GB\nBOSTON 69 65 .515 5\nOAKLAND 64 72 .471 12\nFRIDAY 'S SCHEDULE\n"
        "BOSTON AT OAKLAND\n"
    )
    got = labelled(text)
    assert got.count(("OAKLAND", "ORG")) == 1 and ("OAKLAND", "GPE") in got
    assert got.count(("BOSTON", "ORG")) == 2


def test_leagues_and_divisions_of_a_sport_are_competitions():
    text = (
        "ICE HOCKEY - STANDINGS .\nNEW YORK 1996-12-04\n"
        "Standings of the National Hockey League on Tuesday :\nEASTERN CONFERENCE\n"
        "NORTHEAST DIVISION\nW L T GF GA PTS\nHARTFORD 12 7 3 70 60 27\nATLANTIC DIVISION\n"
        "FLORIDA 14 4 6 70 50 34\nThe Whalers lead the Eastern Conference by a point .\n"
    )
    got = labelled(text)
    for name in ("EASTERN CONFERENCE", "NORTHEAST DIVISION", "ATLANTIC DIVISION"):
        assert (name, "EVENT") in got
    assert ("Eastern Conference", "EVENT") in got
    assert ("National Hockey League", "ORG") in got  # the body that runs it


def test_a_nationality_before_league_says_whose_league_it_is():
    got = labelled("SOCCER - SCOTTISH LEAGUE STANDINGS .\nScottish league results on Saturday :\n")
    assert ("SCOTTISH", "NORP") in got and not any(t.endswith("LEAGUE") for t, _ in got)
    got = labelled("SOCCER - RESULTS .\nThe English Premier League resumes on Saturday .\n")
    assert ("English Premier League", "EVENT") in got


def test_a_league_outside_sport_is_no_competition():
    got = labelled("The Northern League won 10 percent of the vote in Lombardy on Sunday .")
    assert ("Northern League", "EVENT") not in got


def test_goal_scorers_by_their_minutes():
    got = labelled(
        "SOCCER - FRENCH LEAGUE SUMMARIES .\nPARIS 1996-12-07\nSummaries on Saturday :\n"
        "Bordeaux 2 ( Dugarry 34 , Zidane 67 ) Auxerre 1 ( Lamouchi 80 ) . Attendance 28,000 .\n"
        "Scorers : Kelly ( 5th ) , Quinn ( 11th , 61st ) , Harte ( 19th minute , penalty )\n"
        "Belgium - Degryse ( 13th ) , Oliveira ( 38th )\n"
    )
    for player in ("Dugarry", "Zidane", "Lamouchi", "Kelly", "Quinn", "Harte", "Degryse"):
        assert (player, "PERSON") in got
    assert ("Oliveira", "PERSON") in got  # though a town of that name is on the map
    assert ("Bordeaux", "ORG") in got and ("Belgium", "GPE") in got


def test_batsmen_and_bowlers_on_a_scorecard():
    got = labelled(
        "CRICKET - SHEFFIELD SHIELD SCOREBOARD .\nBRISBANE 1996-12-07\n"
        "Scoreboard of the Sheffield Shield match on Saturday :\n"
        "Queensland first innings\nHayden c Berry b Reiffel 104\nLove lbw b Fleming 12\n"
        "Law run out 45\nInzamam-ul-Haq c Thorpe b Croft 6\n"
        "Bowling : Reiffel 15-3-44-1 , Dodemaide 8.2-1-30-1\n"
    )
    for player in ("Hayden", "Love", "Law", "Inzamam-ul-Haq", "Reiffel", "Dodemaide"):
        assert (player, "PERSON") in got
    assert ("Sheffield Shield", "EVENT") in got


def test_a_competitor_by_the_country_in_brackets():
    got = labelled(
        "ALPINE SKIING - SLALOM RESULTS .\nSESTRIERE , Italy 1996-12-15\nResults on Sunday :\n"
        "1. Amiez ( France ) 1:38.92\n2. Furuseth ( Norway ) 1:39.50\n"
        "TENNIS - RESULTS .\nBecker ( Germany ) beat Sampras ( U.S. ) 3-6 7-6 6-2\n"
    )
    for player in ("Amiez", "Furuseth", "Becker", "Sampras"):
        assert (player, "PERSON") in got


def test_a_club_by_the_country_in_brackets_in_a_cup_result_is_no_player():
    got = labelled(
        "BASKETBALL - EUROPEAN CUP RESULTS .\nMADRID 1996-12-12\nResults on Thursday :\n"
        "Zalgiris ( Lithuania ) beat Dinamo ( Russia ) 92-90\n"
        "SOCCER - UEFA CUP RESULTS .\nSchalke ( Germany ) 2 Brugge ( Belgium ) 0\n"
    )
    for club in ("Zalgiris", "Dinamo", "Schalke", "Brugge"):
        assert (club, "PERSON") not in got


def test_an_initial_in_a_squad_list_is_nobodys_name_on_its_own():
    got = labelled(
        "RUGBY UNION - SQUAD NAMED .\nLONDON 1996-12-07\nThe squad for the match on Saturday :\n"
        "C Paterson ( Scotland ) , B Cohen ( England ) , S Taylor ( Scotland )\n"
        "POOL C MATCHES IN FEBRUARY\n"
    )
    assert ("C Paterson", "PERSON") in got and ("B Cohen", "PERSON") in got
    assert ("C", "PERSON") not in got


def test_a_competition_named_after_a_place_in_a_headline():
    got = labelled("TENNIS - RESULTS FROM THE U.S. OPEN .\nNEW YORK 1996-08-30\nResults :\n")
    assert ("U.S. OPEN", "EVENT") in got and ("U.S.", "GPE") not in got
    got = labelled("ATHLETICS - BERLIN GRAND PRIX RESULTS .\nBERLIN 1996-08-30\nResults :\n")
    assert ("BERLIN GRAND PRIX", "EVENT") in got
    got = labelled("TENNIS - SPAIN , U.S. TEAMS OPEN ON ROAD FOR FED CUP .\nMADRID 1996-08-30\n")
    assert not any(label == "EVENT" and "OPEN" in t for t, label in got)


def test_a_national_side_in_a_headline_fixture_is_the_country():
    got = labelled(
        "CRICKET - ENGLAND V PAKISTAN SCOREBOARD .\nLONDON 1996-08-31\n"
        "Scoreboard of the one-day match between England and Pakistan on Saturday :\n"
    )
    assert ("ENGLAND", "GPE") in got and ("PAKISTAN", "GPE") in got


def test_a_sports_ground_is_a_place():
    got = labelled(
        "RUGBY UNION - BATH WIN .\nBath beat Leicester 28-20 at the Recreation Ground .\n"
    )
    assert ("Recreation Ground", "FAC") in got


def test_a_fixture_list_names_two_teams_a_line():
    got = labelled(
        "SOCCER - ENGLISH FIXTURES .\nLONDON 1996-12-13\nFixtures for Saturday :\n"
        "Leeds v Arsenal\nCoventry v Sheffield Wednesday\nSCOTLAND V AUSTRIA\nKELSO V ALLOA\n"
    )
    for team in ("Leeds", "Arsenal", "Coventry", "Sheffield Wednesday", "KELSO", "ALLOA"):
        assert (team, "ORG") in got
    assert ("SCOTLAND", "GPE") in got and ("AUSTRIA", "GPE") in got


def test_a_note_after_a_result_is_read_as_words():
    got = labelled(
        "SOCCER - CUP RESULTS .\nResults of cup matches on Wednesday :\n"
        "Ajax 2 Grasshoppers 1 ( aggregate 3-3 , Ajax win on away goals )\n"
    )
    assert got.count(("Ajax", "ORG")) == 2 and ("Grasshoppers", "ORG") in got


def test_a_town_the_fixture_list_names_as_a_team_is_the_team_in_the_story():
    got = labelled(
        "SOCCER - CUP DRAW .\nLONDON 1996-12-13\nThe draw paired Plymouth with Everton .\n"
        "Third round draw :\nPlymouth v Everton\nCyprus v Israel.\n"
    )
    assert got.count(("Plymouth", "ORG")) == 2
    assert ("Israel", "GPE") in got  # the full stop is no part of the name


def test_a_slug_of_a_league_and_its_sport_makes_a_sports_story():
    got = labelled(
        "NBA BASKETBALL - STANDINGS .\nNEW YORK 1996-12-09\n"
        "Standings after games played on Sunday ( tabulate under won , lost , percentage ) :\n"
        "ATLANTIC DIVISION\nW L PCT GB\nNEW JERSEY 5 12 .294 8\nLA LAKERS 15 7 .682 1 1/2\n"
    )
    assert ("ATLANTIC DIVISION", "EVENT") in got
    assert ("NEW JERSEY", "ORG") in got and ("LA LAKERS", "ORG") in got


# A rugby report written for this test, its team sheets as a sports page prints them.
TEAM_SHEETS = [
    "Harbridge 24-10 Kestrel",
    "Harbridge ran in three tries in the second half to beat Kestrel at Marlow on Saturday, "
    "and their coach said the pack had won the game.",
    "Harbridge: T Ashworth; P Kendrick, M Delaney (capt), R O'Malley, J van der Berg; "
    "D Fenwick, S Hallam.",
    "Replacements: K Morrow, L Tate, B Quayle, CJ Oduya.",
    ": A Pellow; W Trask, N Dunmore, E Sallis; G Rowe, H Yelland.",
]


def test_a_team_sheet_names_its_players_by_initial_and_surname():
    want = {
        "T Ashworth", "P Kendrick", "M Delaney", "R O'Malley", "J van der Berg", "D Fenwick",
        "S Hallam", "K Morrow", "L Tate", "B Quayle", "CJ Oduya", "A Pellow", "W Trask",
        "N Dunmore", "E Sallis", "G Rowe", "H Yelland",
    }  # fmt: skip
    for text in ("\n\n".join(TEAM_SHEETS), " ".join(TEAM_SHEETS)):  # as printed; one line
        got = labelled(text)
        assert {t for t, label in got if label == "PERSON"} >= want, text
        assert not {t for t, label in got if label != "PERSON"} & want
        assert ("capt", "PERSON") not in got


def test_initials_and_names_in_a_sentence_are_no_team_sheet():
    got = labelled("Shares in BT Group, US Airways and UK Online rose, BT Group said.")
    assert ("BT Group", "ORG") in got and ("US Airways", "ORG") in got
