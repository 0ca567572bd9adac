"""Names a librarian tags a story with and the recognizer cut or missed: bodies named with a
digit, "and" or a nation inside ("BBC Radio 6 Music", "England and Wales Cricket Board",
"Friends of the Earth Scotland"), in lower case ("the Scottish government") or in one
camel-cased word opening a sentence ("NatureScot"); a body's common noun opening a sentence
before a title ("Union leader Jimmy Reid"); a Japanese name whose surname is also a town's;
an initial at the end of a line. Every text is written for these tests; each comes in one
line per paragraph, hard-wrapped at 65 columns with a four-space indent, and that with CRLF
endings."""

from __future__ import annotations

from explorer.nlp import extract

from .layouts import in_layouts, names

# --- bodies the recognizer cut or missed ----------------------------------------------------

BODIES = [
    "Ministers in the Scottish government have promised to protect peat bogs after a report "
    "by NatureScot found that half of them were damaged.",
    "NatureScot has been given £20m to restore them. Friends of the Earth Scotland said the "
    "plan did not go far enough.",
    "The England and Wales Cricket Board said the match would go ahead, and the presenter "
    "told BBC Radio 6 Music that the band would tour in May.",
    "Union leader Jimmy Reid led the work-in at the shipyard. Council officials said the "
    "yard would stay open.",
]


@in_layouts(BODIES)
def test_bodies_with_a_nation_and_or_a_digit_in_their_names(text):
    got = names(text)
    for name, entity in (
        ("Scottish government", "Scottish Government"),
        ("Friends of the Earth Scotland", "Friends of the Earth Scotland"),
        ("England and Wales Cricket Board", "England and Wales Cricket Board"),
        ("BBC Radio 6 Music", "BBC Radio 6 Music"),
    ):
        assert (name, "ORG", entity) in got, (name, got)
    assert [m for m in got if m[0] == "NatureScot"] == [("NatureScot", "ORG", "NatureScot")] * 2
    assert ("Jimmy Reid", "PERSON", "Jimmy Reid") in got
    # a body's common noun opening a sentence before a title or its officials is no name
    assert not [m for m in got if m[0] in ("Union", "Council", "Wales Cricket Board", "Music")]
    assert not [m for m in got if m[1] == "NORP"], got  # "Scottish" is the government's


STATIONS = [
    "He told Radio 4 that the show would end, and Channel 4 and BBC Radio Five Live said "
    "they would carry the final.",
]


@in_layouts(STATIONS)
def test_stations_named_by_their_numbers_are_one_name_each(text):
    got = [m for m in names(text) if m[1] == "ORG"]
    assert [m[0] for m in got] == ["Radio 4", "Channel 4", "BBC Radio Five Live"], got


# --- people -----------------------------------------------------------------------------------

FILM = [
    "The new film by Hayao Miyazaki opened in Tokyo on Saturday.",
    "Miyazaki said it would be his last.",
]


@in_layouts(FILM)
def test_a_japanese_name_whose_surname_is_a_town_is_a_person(text):
    got = names(text)
    assert ("Hayao Miyazaki", "PERSON", "Hayao Miyazaki") in got
    assert ("Miyazaki", "PERSON", "Hayao Miyazaki") in got


def test_a_name_cut_after_its_initial_at_the_end_of_a_short_line_or_in_quotes():
    for text in (
        "The sale was agreed by the chairman, C.\nBuyers, on Friday.\n",
        "The sale was agreed by the chairman, C.\r\nBuyers, on Friday.\r\n",
        'The letter was signed "C. Buyers".\n',
        "The letter was signed \u201cC. Buyers\u201d, his clerk said.\n",
    ):
        assert ("C. Buyers", "PERSON", "C. Buyers") in names(extract(text)), text


NATIONS_BODIES = [
    "Historic Environment Scotland and Transport Scotland objected to the plan, and a "
    "spokesman for Sport England said it would cost too much.",
    "The storms in South Wales had closed roads. The Royal Society for the Protection of "
    "Birds and the Institute for the Study of Labour were consulted.",
    "Marks and Spencer said it would close its store.",
]

PEER = ["Baroness Scotland said the storms in South Wales had closed roads."]


@in_layouts(NATIONS_BODIES)
def test_bodies_named_after_a_nation_or_for_a_cause(text):
    got = names(text)
    for name in (
        "Historic Environment Scotland",
        "Transport Scotland",
        "Sport England",
        "Royal Society for the Protection of Birds",
        "Institute for the Study of Labour",
        "Marks and Spencer",
    ):
        assert (name, "ORG", name) in got, (name, got)
    assert ("South Wales", "GPE", "South Wales") in got  # a part of the nation


@in_layouts(PEER)
def test_a_peer_named_after_a_nation_is_a_person(text):
    assert ("Baroness Scotland", "PERSON", "Baroness Scotland") in names(text)
