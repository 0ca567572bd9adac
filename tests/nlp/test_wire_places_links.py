"""What a librarian tags a wire story with and a reader finds under one name: the country of
a story filed from a city or named only inside an organisation's name ("TOKYO", "Bank of
Japan"), an organisation known by initials it never spells out ("USDA", "FDIC"), two
organisations of the same initials told apart by the acronym one of them is given, and a
firm named by its first word after its full name with two legal forms. Every text is
written for these tests; each comes in one line per paragraph, hard-wrapped at 65 columns
with a four-space indent, and that with CRLF endings."""

from __future__ import annotations

from explorer.nlp import extract

from .layouts import in_layouts, names


def entities(text: str) -> dict[tuple[str, str], tuple[int, tuple[str, ...]]]:
    return {(e.name, e.label): (e.mentions, e.via) for e in extract(text).entities}


# --- countries a story is about without naming them alone ---------------------------------

YEN = [
    "KAWASAKI STEEL TO CUT OUTPUT AS EXPORTS SLOW",
    "TOKYO, June 3 - Kawasaki Steel Corp said it would cut crude steel output by eight pct "
    "this year because exports had slowed, and it expected the Bank of Japan to hold its "
    "discount rate.",
    "The company said demand from shipbuilders in Osaka had also weakened.",
]


@in_layouts(YEN)
def test_a_country_named_by_its_city_and_its_central_bank(text):
    got = entities(text)
    mentions, via = got[("Japan", "GPE")]
    assert mentions == 0 and {"Tokyo", "Bank of Japan", "Osaka"} <= set(via), via
    # the central bank stays one organisation: no mention of "Japan" inside it
    assert ("Bank of Japan", "ORG", "Bank of Japan") in names(text)
    assert not [m for m in names(text) if m[0] == "Japan"]


TREASURY = [
    "The U.S. Treasury said it would sell 9.75 bln dlrs of notes next week, and the Canadian "
    "Wheat Board said it had sold barley to China.",
    "Officials in Frankfurt said the West German central bank would not follow.",
]


@in_layouts(TREASURY)
def test_a_country_inside_an_organisations_name(text):
    got = entities(text)
    assert got[("United States", "GPE")] == (0, ("U.S. Treasury",))
    assert got[("Canada", "GPE")] == (0, ("Canadian Wheat Board",))
    # a country the story names is not added again: China is a mention, Frankfurt's
    # Germany is the West Germany the story names
    assert got[("China", "GPE")][0] == 1
    assert ("Germany", "GPE") not in got


def test_an_implied_country_is_written_with_where_it_comes_from():
    doc = extract("    NEW YORK, Jan 14 - Globex Inc said it sold its unit.\n").to_dict("x")
    [place] = [e for e in doc["entities"] if e["name"] == "United States"]
    assert place == {
        "name": "United States",
        "label": "GPE",
        "aliases": [],
        "mentions": 0,
        "via": ["New York"],
    }
    assert all("via" not in e for e in doc["entities"] if e["mentions"])


# --- organisations by initials --------------------------------------------------------------

AGENCIES = [
    "WASHINGTON, Feb 9 - The USDA said corn exports rose last week, and the FDIC said it had "
    "closed two farm banks in Iowa.",
    "The Federal Reserve Board left its discount rate unchanged. The Fed last cut it in August.",
    "The U.S. Agriculture Department said it would offer more wheat under the export bonus plan.",
]


@in_layouts(AGENCIES)
def test_agencies_known_by_initials_have_their_full_names(text):
    got = names(text)
    assert ("USDA", "ORG", "U.S. Department of Agriculture") in got
    assert (
        "U.S. Agriculture Department",
        "ORG",
        "U.S. Department of Agriculture",
    ) in got
    assert ("FDIC", "ORG", "Federal Deposit Insurance Corporation") in got
    assert ("Federal Reserve Board", "ORG", "Federal Reserve") in got
    assert ("Fed", "ORG", "Federal Reserve") in got


COMMODITY_BODIES = [
    "LONDON, March 1 - Talks in the International Coffee Organization on export quotas "
    "broke down last night, delegates said.",
    "Meanwhile the International Cocoa Organization (ICCO) said its buffer stock would start "
    "buying. The ICCO council meets again in June.",
    "The ICO executive board will not meet before September, an ICO spokesman said.",
]


@in_layouts(COMMODITY_BODIES)
def test_two_bodies_of_the_same_initials_told_apart_by_the_acronym_one_is_given(text):
    got = names(text)
    ico = [m for m in got if m[0] == "ICO"]
    icco = [m for m in got if m[0] == "ICCO"]
    assert len(ico) == 2 and all(m[2] == "International Coffee Organization" for m in ico), ico
    assert len(icco) == 2 and all(m[2] == "International Cocoa Organization" for m in icco), icco


# --- a firm by its first word ---------------------------------------------------------------

FIRM = [
    "OSAKA, May 25 - Nissan Motor Co Ltd said group profit would fall in the year to March "
    "because the strong yen was hurting exports.",
    "Nissan said it would move more production abroad, and analysts said Nissan had cut "
    "costs faster than its rivals.",
]


@in_layouts(FIRM)
def test_a_firm_by_its_first_word_after_its_name_with_two_legal_forms(text):
    firm = [m for m in names(text) if m[0].startswith("Nissan")]
    assert len(firm) == 3 and all(m[1:] == ("ORG", "Nissan Motor Co Ltd") for m in firm), firm


# --- a thrift's name, a town's short form, a club named for a given name ------------------

THRIFT = [
    "FT. LAUDERDALE, Fla., March 3 - Prairie Savings and Loan Association said it agreed to "
    "be bought by a bank based in Ft. Lauderdale.",
    "Prairie Savings and Loan had assets of 310 mln dlrs at the end of the year, the thrift said.",
]


@in_layouts(THRIFT)
def test_a_thrift_is_one_name_and_a_town_has_its_full_name(text):
    got = names(text)
    thrift = [m for m in got if m[0].startswith("Prairie")]
    assert [m[0] for m in thrift] == [
        "Prairie Savings and Loan Association",
        "Prairie Savings and Loan",
    ], thrift
    assert all(m[1:] == ("ORG", "Prairie Savings and Loan Association") for m in thrift)
    town = [m for m in got if "lauderdale" in m[0].lower()]
    assert len(town) == 2 and all(m[1:] == ("GPE", "Fort Lauderdale") for m in town), town


CLUBS = [
    "MOSCOW, Oct 2 - Spartak Moscow beat Dinamo Tbilisi 3-1 on Sunday to go top of the "
    "league, and Slavia Prague lost at home in the Czech cup.",
]


@in_layouts(CLUBS)
def test_a_club_whose_first_word_is_also_a_given_name(text):
    got = names(text)
    assert ("Spartak Moscow", "ORG", "Spartak Moscow") in got
    assert ("Slavia Prague", "ORG", "Slavia Prague") in got


# --- countries by their short forms; leaders whose family name comes first ------------------

SHORT_FORMS = [
    "BONN, May 4 - Trade between W. Germany and E. Germany rose eight pct last year, a W. "
    "German official said, and Czechoslovak exports to both fell.",
]


@in_layouts(SHORT_FORMS)
def test_countries_written_short_have_their_names(text):
    got = names(text)
    assert ("W. Germany", "GPE", "West Germany") in got
    assert ("E. Germany", "GPE", "East Germany") in got
    assert ("W. German", "NORP", "West Germany") in got
    assert ("Czechoslovak", "NORP", "Czechoslovakia") in got


LEADERS = [
    "PEKING, Jan 9 - Premier Zhao Ziyang told visiting bankers that China would keep its "
    "doors open, and Vice Premier Li Peng said the same.",
    "Zhao said foreign loans would be repaid on time. Li later met South Korean President "
    "Roh Tae Woo's envoy; Roh has sought closer trade ties.",
]


@in_layouts(LEADERS)
def test_a_family_name_written_first_stands_alone_for_its_person(text):
    got = names(text)
    assert ("Zhao", "PERSON", "Zhao Ziyang") in got
    assert ("Li", "PERSON", "Li Peng") in got
    assert ("Roh", "PERSON", "Roh Tae Woo") in got
