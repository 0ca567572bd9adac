"""What a name is, in forms a reader of wire and BBC copy gets right at once: a peer is called
"Lord Harrington" (not "Harrington"), a party is an organisation where its members are a group
("Labour said", "a Labour peer"), and cups and championships are competitions, not people or
firms ("the Coppa Italia", "the Six Nations", "the Masters"). Every text is written for these
tests and read in the three layouts of `layouts`."""

from __future__ import annotations

from explorer.nlp import extract

from .layouts import in_layouts, label_sets, said

# --- a peer ---------------------------------------------------------------------------------

PEER = [
    "Lord Harrington said the report was a disgrace to the department.",
    '"Nobody has read it properly," said Lord Harrington, who chairs the committee. "I '
    'intend to make sure that they do."',
    "Harrington has asked the minister to appear before the committee in May.",
    "The Energy Minister, Lord Cowdray, will answer questions in the Lords on Tuesday.",
    "Lord Ellison of Kirby Moor said the committee should sit in public.",
]


@in_layouts(PEER)
def test_a_peer_is_called_by_his_style_and_name(text):
    r = extract(text)
    speakers = {who for who, _ in said(r)}
    assert speakers == {"Lord Harrington", "Lord Ellison"}, speakers
    people = {m.entity for m in r.mentions if m.label == "PERSON"}
    assert people == {"Lord Harrington", "Lord Cowdray", "Lord Ellison"}, people
    assert not [m for m in r.mentions if "Kirby" in m.entity], r.mentions  # his title's


KNIGHTED = [
    "The inquiry was led by Sir Alan Pemberton, a former cabinet secretary.",
    'Lord Pemberton said the evidence had been "thin". Pemberton also criticised ministers.',
    "Lady Ferrars, whose son Tom Ferrars sits in the Commons, backed him.",
    "Lady Orme, sitting with Lords Carden, Pym and Avery, said the appeal had merit. But she "
    "said the ruling would stand.",
]


@in_layouts(KNIGHTED)
def test_a_peer_named_in_full_before_is_the_same_person(text):
    r = extract(text)
    by_text = {" ".join(m.text.split()): m.entity for m in r.mentions if m.label == "PERSON"}
    assert by_text["Lord Pemberton"] == "Alan Pemberton", by_text
    assert by_text["Pemberton"] == "Alan Pemberton", by_text
    assert by_text["Lady Ferrars"] == "Lady Ferrars", by_text  # not her son
    assert {who for who, _ in said(r)} == {"Alan Pemberton", "Lady Orme"}, said(r)
    assert ("Lady Orme", "ruling") in said(r, 1)  # "she said the ruling would stand": hers


# --- parties and their members --------------------------------------------------------------

PARTIES = [
    "VIENNA, Oct 4 - Austria's Social Democrats chose a new leader on Saturday, and the "
    "Christian Democrats said they would not join a coalition with them.",
    "A Social Democrat deputy from Graz, Franz Hubmer, said the party would govern alone.",
    "In London, Labour said it would oppose the plan, though two Labour peers backed it.",
]


@in_layouts(PARTIES)
def test_a_party_is_an_organisation_and_its_members_a_group(text):
    got = label_sets(text)
    assert got["Social Democrats"] == {"ORG"}, got
    assert got["Christian Democrats"] == {"ORG"}, got
    assert got["Social Democrat"] == {"NORP"}, got
    assert got["Labour"] == {"ORG", "NORP"}, got  # the party said; two of its peers
    r = extract(text)
    labour = [m.label for m in r.mentions if m.text == "Labour"]
    assert labour == ["ORG", "NORP"], labour


# --- competitions ---------------------------------------------------------------------------

CUPS = [
    "Roma beat Lazio 2-0 to reach the final of the Coppa Italia, where they meet Napoli.",
    "Scotland open their Six Nations campaign against France at Murrayfield.",
    "Pettersen, who won the Masters two years ago, is three shots behind after one round.",
]


@in_layouts(CUPS)
def test_cups_and_championships_are_competitions(text):
    got = label_sets(text)
    for name in ("Coppa Italia", "Six Nations", "Masters"):
        assert got.get(name) == {"EVENT"}, (name, got)
