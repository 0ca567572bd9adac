"""What someone does, beside their name, is their title as a reader marks it: "singer X",
"England fast bowler X", "music journalist X", "X, the band's guitarist,", "X, who plays bass
in the band", "Her producer, X". Every story is written for these tests and read in the three
layouts of `layouts`."""

from __future__ import annotations

from .layouts import in_layouts, titles

GIG = [
    "Welsh singer Carys Bevan will close the Harbour Lights Festival in July, organisers said.",
    "Festival organiser Nia Pugh said the last tickets had gone within minutes.",
    "Bevan made her name with the band Glass Orchard. The band's drummer, Owain Rees, said "
    "the four of them had not played together for ten years.",
    "Gethin Lloyd, who plays bass in the band, said rehearsals began on Monday.",
    "Music critic Elin Ward said the reunion had been rumoured for months.",
    "Her manager, Tom Evans, said Bevan would also release a new album.",
]


@in_layouts(GIG)
def test_an_occupation_before_or_after_a_name_is_its_title(text):
    got = titles(text)
    assert ("Carys Bevan", "Singer", None) in got, got
    assert ("Nia Pugh", "Festival Organiser", None) in got, got
    assert ("Owain Rees", "Drummer", "Glass Orchard") in got, got
    assert ("Gethin Lloyd", "Bassist", "Glass Orchard") in got, got
    assert ("Elin Ward", "Music Critic", None) in got, got
    # the nationality says where she is from, not whose singer she is
    assert not any(t[0] == "Carys Bevan" and t[2] for t in got), got


MATCH = [
    "Australia fast bowler Liam Hardy has been ruled out of the second Test with a side strain.",
    "Hardy, 29, was hurt in the nets at Adelaide on Tuesday.",
    "Carl Steyn, a spinner from Perth, is expected to replace him.",
    "Veteran commentator Bill Norris said Australia had run out of fast bowlers.",
]


@in_layouts(MATCH)
def test_a_team_named_before_a_player_is_whose_player(text):
    got = titles(text)
    assert ("Liam Hardy", "Fast Bowler", "Australia") in got, got
    assert ("Carl Steyn", "Spinner", None) in got, got
    # "veteran" says what he is like: no part of the title
    assert ("Bill Norris", "Commentator", None) in got, got


NOT_TITLES = [
    "Fans of the singer packed the square. The singer's sister, Ann Cole, said she was proud.",
    "Paul Hart, a keen golfer, said the course was too long. He met Joe Carr, the singer's brother, later.",
]


@in_layouts(NOT_TITLES)
def test_no_occupation_nobody_holds(text):
    got = titles(text)
    assert not any(t[0] in ("Ann Cole", "Paul Hart", "Joe Carr") for t in got), got


CHIEFS = [
    "On Sunday, BNF chief Rahima Khatun said the strike would go on.",
    "Halford Bank's chief Simon Rudd and Harcastle's chief Ann Pyne met on Monday.",
    "The party's election chief Owen Hale said the campaign had started. Its "
    "secretary-general, Abdul Karim, agreed.",
    "Joan Fry, the chief of staff, said nothing.",
]


@in_layouts(CHIEFS)
def test_a_chief_before_a_name_is_a_title_of_its_owner(text):
    got = titles(text)
    assert ("Rahima Khatun", "Chief", "BNF") in got, got
    assert ("Simon Rudd", "Chief", "Halford Bank") in got, got
    assert ("Owen Hale", "Election Chief") in {t[:2] for t in got}, got
    assert ("Abdul Karim", "Secretary-General") in {t[:2] for t in got}, got
    # "the chief of staff" is the title the title pass reads, not "Chief"
    assert ("Joan Fry", "Chief of Staff", None) in got, got


DERBY = [
    "Kilbride won the derby 2-0. Sean Tully, the Kilbride striker, scored both goals.",
    "Jazz pianist Ruth Okoro played with the group Night Ferry for a decade. The group's lead "
    "singer, Dan Mara, said she was the best musician he had worked with.",
    "Amy Roe, the Glasgow singer, was in the crowd.",
]


@in_layouts(DERBY)
def test_a_team_or_band_before_the_occupation_set_off_after_a_name(text):
    got = titles(text)
    assert ("Sean Tully", "Striker", "Kilbride") in got, got
    assert ("Ruth Okoro", "Jazz Pianist", None) in got, got
    assert ("Dan Mara", "Lead Singer", "Night Ferry") in got, got
    # a place before an occupation of no team says where the singer is from
    assert not any(t[0] == "Amy Roe" and t[2] for t in got), got


@in_layouts(["The referee, Alan Steel, booked seven players.", "He met singer, Amy Ward, there."])
def test_an_occupation_set_off_before_a_name_after_the(text):
    got = titles(text)
    assert ("Alan Steel", "Referee", None) in got, got
    assert not any(t[0] == "Amy Ward" for t in got), got
