"""What a title is of when words stand between: a competition before it ("European Ryder Cup
captain X"), a part of an organisation named by its owner ("chairman of the union's Northstar
unit"), a wire firm whose initial the wrap leaves at a line's end ("a director of H.\\n
Clarkson and Co Ltd"), a firm after its kind ("director of shipbroker X Ltd"). Every story
is written for these tests and read in the three layouts of `layouts`."""

from __future__ import annotations

from explorer.nlp.sentences import split_sentences

from .layouts import in_layouts, titles

CUP = [
    "European Solheim Cup captain Anna Berglund named her four picks on Tuesday, leaving out "
    "two former major winners.",
    "Berglund said the choices had kept her awake for a week.",
]


@in_layouts(CUP)
def test_a_competition_before_a_title_is_what_it_is_of(text):
    assert ("Anna Berglund", "Captain", "European Solheim Cup") in titles(text)


WIRE = [
    "LONDON, March 12 - Dock workers at Felham voted to strike from Monday, the Transport "
    "and General Workers Union said.",
    "Ronald Tebbit, chairman of the union's Felham docks branch, said the vote had been unanimous.",
    '"Owners are holding out for higher rates," said Peter Gale, a director of shipbroker '
    "J. Harland and Co Ltd.",
]


@in_layouts(WIRE)
def test_a_part_of_an_organisation_and_a_wire_firm_are_what_a_title_is_of(text):
    got = titles(text)
    assert ("Peter Gale", "Director", "J. Harland and Co Ltd") in got, got
    assert any(t[0] == "Ronald Tebbit" and t[1] == "Chairman" and t[2] for t in got), got


def test_an_initial_a_wrap_leaves_at_a_lines_end_ends_no_sentence():
    text = (
        "    Tanker rates rose again, said Alan Marsh, a director of H.\n"
        "    Clarkson and Co Ltd. The won by James E.\n"
        "    Smith of Leeds. They play in Group E.\n"
        "    The team is strong.\n"
    )
    got = [" ".join(text[a:b].split()) for a, b in split_sentences(text)]
    assert (
        got[0] == "Tanker rates rose again, said Alan Marsh, a director of H. Clarkson and Co Ltd."
    )
    assert "The won by James E. Smith of Leeds." in got, got
    assert "They play in Group E." in got, got
    two = "    Rates firmed, said Roger Dale, a director of J.E.\n    Hyde and Co Ltd. Then.\n"
    assert titles(two) >= {("Roger Dale", "Director", "J.E. Hyde and Co Ltd")}
    assert titles(text) >= {("Alan Marsh", "Director", "H. Clarkson and Co Ltd")}
