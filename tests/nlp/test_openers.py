"""A sentence that opens with a name in capitals: a dateline's place ("PITTSBURGH, April 14
-", "LONDON 1996-08-30") or a company written in initials ("NEC Corp, Hitachi Ltd and ...",
"BMW, the German carmaker, ..."). Only the dateline is a place."""

from __future__ import annotations

import pytest

from explorer.nlp import extract


def labels(text: str) -> dict[str, str]:
    return {m.text: m.label for m in extract(text).mentions}


@pytest.mark.parametrize(
    "text, name, label",
    [
        (
            "NEC Corp, Hitachi Ltd and Toshiba Corp, the three largest producers, said they "
            "would comply.",
            "NEC Corp",
            "ORG",
        ),
        ("BMW, the German carmaker, said sales rose in March.", "BMW", "ORG"),
        ("S&P, the rating agency, cut the bank's rating.", "S&P", "ORG"),
        (
            "UK Foreign Secretary Jack Straw, speaking in Cairo, said talks would go on.",
            "Jack Straw",
            "PERSON",
        ),
        # Datelines stay places, with or without a state, a country or the day after them.
        ("PITTSBURGH, April 14 - Federated Steel said it would comply.", "PITTSBURGH", "GPE"),
        ("DAYTON, Ohio, Feb 12 - Carver Brass Co said its loss narrowed.", "DAYTON", "GPE"),
        ("MANCHESTER, England 1996-08-24\n\nRovers held United to a draw.", "MANCHESTER", "GPE"),
        (
            "FARMINGTON HILLS, Mich.\n1996-08-30\n\nShares of Acme Co rose.",
            "FARMINGTON HILLS",
            "GPE",
        ),
        ("NEW YORK (Reuters) - Stocks fell.", "NEW YORK", "GPE"),
    ],
)
def test_a_name_in_capitals_opening_a_sentence(text, name, label):
    assert labels(text).get(name) == label


@pytest.mark.parametrize(
    "text, name, label",
    [
        ("Federated will modernize its Gary, Indiana, mill by mid-1988.", "Gary", "GPE"),
        ("Flooding hit Eugene, Oregon, on Monday.", "Eugene", "GPE"),
        ("The jet blew up over Lockerbie , Scotland .", "Lockerbie", "GPE"),
        # A person with the state after a comma, and a list with a state in it, stay as they are.
        ("John Smith, Texas, said the bill would pass.", "John Smith", "PERSON"),
        (
            "Speaker Jim Wright, Texas Democrat, said no. Wright, Texas, said.",
            "Jim Wright",
            "PERSON",
        ),
    ],
)
def test_a_town_with_its_state_after_a_comma_is_a_place(text, name, label):
    assert labels(text).get(name) == label


def test_a_list_with_a_state_in_it_names_no_town():
    text = "Deacon Blue, Idlewild, Texas, Mogwai and Teenage Fanclub are on the bill."
    assert labels(text).get("Idlewild") != "GPE"


@pytest.mark.parametrize(
    "text, name",
    [
        # a list of names, each with its country: the first is no town, as the rest are not
        ("The seeds are Becker, Germany, and Ivanisevic, Croatia, who meet on Sunday.", "Becker"),
        ("Partners include Sony, Japan, Philips, Netherlands, and Siemens, Germany.", "Sony"),
    ],
)
def test_the_first_of_a_list_of_names_with_their_countries_is_no_town(text, name):
    assert labels(text).get(name) not in (None, "GPE")


@pytest.mark.parametrize(
    "text, name, canonical",
    [
        ("ST. LOUIS, March 17 - General Dynamics Corp said it agreed.", "ST. LOUIS", "St. Louis"),
        ("    ST. PAUL, Minn., March 17 - 3M Co said it agreed.", "ST. PAUL", "St. Paul"),
        ("FT. WORTH, Texas, March 3 -\r\nTandy Corp said sales rose.", "FT. WORTH", "Fort Worth"),
    ],
)
def test_a_dateline_place_with_saint_mount_or_fort_in_capitals_is_whole(text, name, canonical):
    """ "ST. LOUIS" gave the place "LOUIS", and "FT. WORTH" an organisation "FT"."""
    found = {m.text: (m.label, m.entity) for m in extract(text).mentions}
    assert found[name] == ("GPE", canonical)
    assert "LOUIS" not in found and "FT" not in found and "PAUL" not in found


def test_an_abbreviation_ending_a_sentence_before_a_capital_word_is_no_saint():
    found = {m.text for m in extract("Sources told the FT. But Rover said no.").mentions}
    assert "Rover" in found and not any(t.startswith("FT. ") for t in found)


WIRE_SAINT = (
    "    GENERAL DYNAMICS <GD> TO BUY AVIONICS UNIT FOR 210 MLN DLRS\n"
    "    ST. LOUIS, March 17 - General Dynamics Corp said it agreed\n"
    "to acquire the avionics division of Litton Industries Inc\n"
    "<LIT> for about 210 mln dlrs in cash.\n"
)


@pytest.mark.parametrize("text", [WIRE_SAINT, WIRE_SAINT.replace("\n", "\r\n")])
def test_a_wire_headline_over_a_saints_dateline_and_a_ticker_opening_a_line(text):
    """The headline ran into "ST. LOUIS" (a full stop read as a sentence's end); the ticker
    opening a line after its company's name cut the sentence in two."""
    result = extract(text)
    found = {m.text: m.label for m in result.mentions}
    assert found["ST. LOUIS"] == "GPE"
    assert not any("UNIT" in t and label == "ORG" for t, label in found.items())
    assert len(result.sentences) == 2
