"""Wire-service copy as a reader has it: a headline in capitals, a dateline, indented
paragraphs, companies with their legal forms and tickers, an earnings table and quotes whose
speakers work for someone. Every form must come out right, in one line per paragraph and
hard-wrapped at 65 columns as the archives are."""

from __future__ import annotations

import textwrap

import pytest

from explorer.nlp import extract

#: Written for this test, in the style of 1980s wire copy: one line per paragraph.
PARAGRAPHS = [
    "HARBOR FREIGHT LINES SEES HIGHER SECOND QUARTER NET",
    "LOS ANGELES, June 1 - Harbor Freight Lines Corp <HFL> said it expects second quarter "
    "earnings to rise sharply on stronger container traffic through its western ports.",
    '"Volumes have held up better than anyone in the trade expected," said Walter Brandt, '
    "chief financial officer of Harbor Freight Lines Corp.",
    "Gail Terhune of Prudential-Bache Securities said she believes the company will raise its "
    "dividend before the end of the year.",
    '"We see no sign of a slowdown on the Pacific routes," said Dennis Kovach, an analyst '
    "with Merrill Lynch and Co.",
    "Standard and Poor's Corp said it placed the company's debt on review for a possible "
    "upgrade, and First Executive Corp said it holds about seven pct of the shares.",
    "Martin Oyelaran, a spokesman for Allegheny International Inc <AG>, said the two companies "
    "had held preliminary talks.",
    "Hoechst AG of West Germany said it had no plans to sell its stake, while Rhone Metals SA, "
    "Vandermeer Holdings NV, Castlebridge Plc and Kessler Werkzeug GmbH declined to comment.",
    "Sheila Marquand, president of J.S. Winningham and Co, said the shares were cheap, and "
    "Roper and Sons Ltd and Dunmore and Co Inc were among the buyers.",
    "Thornbury & Co's chairman Alan Whitcombe said the board would meet next week.",
    "Treasury Secretary James Baker said the dollar's fall had gone far enough.",
    "Harbor Freight Lines Corp <HFL> reported these results for the quarter.",
]

#: The earnings table and a column of figures: one row a line, whatever the width.
TABLE = [
    "Shr 1.12 dlrs vs 87 cts",
    "Net 14.6 mln vs 11.2 mln",
    "Revs 210.4 mln vs 188.9 mln",
    "Avg shrs 13.0 mln vs 12.9 mln",
    "",
    "                     Curr Wk       YTD      Yr Ago",
    "Granite Falls Mills   1,234.5   18,442.0   16,901.3",
    "Harbor Freight Lines    842.0    9,310.2    8,774.9",
]


def unwrapped() -> str:
    body = "\n".join("    " + p for p in PARAGRAPHS[1:])
    table = "\n".join("    " + row if row else "" for row in TABLE)
    return PARAGRAPHS[0] + "\n\n" + body + "\n" + table + "\n"


def wrapped() -> str:
    """The same story hard-wrapped at 65 columns, each paragraph indented by four spaces."""
    body = "\n".join(
        textwrap.fill(p, 65, initial_indent="    ", subsequent_indent="") for p in PARAGRAPHS[1:]
    )
    table = "\n".join("    " + row if row else "" for row in TABLE)
    return PARAGRAPHS[0] + "\n\n" + body + "\n" + table + "\n"


LAYOUTS = [
    pytest.param(unwrapped, id="one-line-paragraphs"),
    pytest.param(wrapped, id="hard-wrapped"),
]

COMPANIES = [
    "Harbor Freight Lines Corp",
    "Prudential-Bache Securities",
    "Merrill Lynch and Co",
    "Standard and Poor's Corp",
    "First Executive Corp",
    "Allegheny International Inc",
    "Hoechst AG",
    "Rhone Metals SA",
    "Vandermeer Holdings NV",
    "Castlebridge Plc",
    "Kessler Werkzeug GmbH",
    "J.S. Winningham and Co",
    "Roper and Sons Ltd",
    "Dunmore and Co Inc",
    "Thornbury & Co",
]

PEOPLE = [
    "Walter Brandt",
    "Gail Terhune",
    "Dennis Kovach",
    "Martin Oyelaran",
    "Sheila Marquand",
    "Alan Whitcombe",
    "James Baker",
]


def entities(text: str) -> dict[tuple[str, str], tuple[str, ...]]:
    return {(e.name, e.label): e.aliases for e in extract(text).entities}


def facts(text: str, predicate: str) -> list:
    out = []
    for f in extract(text, {"date": "1987-06-01", "date_source": "metadata"}).facts:
        assert 0 <= f.start < f.end <= len(text)
        if f.predicate == predicate:
            out.append(f)
    return out


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_company_form_is_one_organisation(layout):
    found = entities(layout())
    for name in COMPANIES:
        assert (name, "ORG") in found, name


@pytest.mark.parametrize("layout", LAYOUTS)
def test_people_places_and_titles(layout):
    found = entities(layout())
    for name in PEOPLE:
        assert (name, "PERSON") in found, name
    assert ("Los Angeles", "GPE") in found  # the dateline
    assert ("West Germany", "GPE") in found
    assert ("Treasury Secretary", "TITLE") in found


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_spurious_entities(layout):
    names = {name for name, _label in entities(layout())}
    for spurious in (
        "Merrill Lynch", "Co", "Co.", "Poor", "Corp", "First", "HFL", "AG", "Shr", "Net", "Revs",
        "Avg", "Curr Wk", "YTD", "Yr Ago", "vs", "Granite Falls Mills", "LOS ANGELES",
        "Los Angeles, June", "West Germany said", "Baker", "James",
    ):  # fmt: skip
        assert spurious not in names, spurious
    labels = {label for _name, label in entities(layout())}
    assert "ORDINAL" not in labels  # "First Executive Corp" is a name, not a rank


@pytest.mark.parametrize("layout", LAYOUTS)
def test_tickers_and_headline_are_aliases_of_their_company(layout):
    found = entities(layout())
    assert "HFL" in found[("Harbor Freight Lines Corp", "ORG")]
    assert "AG" in found[("Allegheny International Inc", "ORG")]
    # the headline and the table row name the company the story names in full
    assert "HARBOR FREIGHT LINES" in found[("Harbor Freight Lines Corp", "ORG")]
    assert ("Harbor Freight Lines", "ORG") not in found


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_quote_has_its_speaker(layout):
    said = {}
    for f in facts(layout(), "said"):
        said.setdefault(f.subject, []).append(f.object)
    assert any(q.startswith("Volumes have held up") for q in said["Walter Brandt"])
    assert any(q.startswith("she believes the company") for q in said["Gail Terhune"])
    assert any(q.startswith("We see no sign") for q in said["Dennis Kovach"])
    assert any(q.startswith("the two companies") for q in said["Martin Oyelaran"])
    assert any(q.startswith("the shares were cheap") for q in said["Sheila Marquand"])
    assert any(q.startswith("the board would meet") for q in said["Alan Whitcombe"])
    assert any(q.startswith("the dollar's fall") for q in said["James Baker"])
    # nobody is named: the organisation speaks, never the place it is from
    assert any(q.startswith("it had no plans") for q in said["Hoechst AG"])
    assert any(
        q.startswith("it placed the company's debt") for q in said["Standard and Poor's Corp"]
    )
    for firm in ("Prudential-Bache Securities", "Merrill Lynch and Co", "West Germany"):
        assert firm not in said, firm


@pytest.mark.parametrize("layout", LAYOUTS)
def test_affiliations_and_titles(layout):
    text = layout()
    affiliated = {(f.subject, f.object): f for f in facts(text, "affiliated_with")}
    assert set(affiliated) == {
        ("Walter Brandt", "Harbor Freight Lines Corp"),
        ("Gail Terhune", "Prudential-Bache Securities"),
        ("Dennis Kovach", "Merrill Lynch and Co"),
        ("Martin Oyelaran", "Allegheny International Inc"),
        ("Sheila Marquand", "J.S. Winningham and Co"),
        ("Alan Whitcombe", "Thornbury & Co"),
    }
    titles = {
        person: affiliated[(person, org)].qualifiers.get("title") for person, org in affiliated
    }
    assert titles == {
        "Walter Brandt": "Chief Financial Officer",
        "Gail Terhune": None,
        "Dennis Kovach": "Analyst",
        "Martin Oyelaran": "Spokesman",
        "Sheila Marquand": "President",
        "Alan Whitcombe": "Chairman",
    }
    for f in affiliated.values():
        # its own provenance: the words that state it, from the person to the organisation
        evidence = text[f.start : f.end]
        assert f.subject in " ".join(evidence.split())
        assert f.object in " ".join(evidence.split())
        assert f.qualifiers["date"].startswith("1987")  # dated like every fact
    held = {(f.subject, f.object, f.qualifiers.get("of")) for f in facts(text, "title")}
    assert ("James Baker", "Treasury Secretary", None) in held
    assert ("Sheila Marquand", "President", "J.S. Winningham and Co") in held
    assert ("Alan Whitcombe", "Chairman", "Thornbury & Co") in held
    assert ("Walter Brandt", "Chief Financial Officer", "Harbor Freight Lines Corp") in held


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_earnings_table_gives_the_company_s_figures(layout):
    text = layout()
    amounts = [
        (
            f.subject,
            f.object,
            f.qualifiers.get("metric"),
            f.qualifiers["value"],
            f.qualifiers.get("currency", f.qualifiers.get("unit")),
            f.qualifiers.get("earlier", False),
        )
        for f in facts(text, "amount")
    ]
    hfl = "Harbor Freight Lines Corp"
    assert amounts == [
        (hfl, "1.12 dlrs", "earnings per share", 1.12, "USD", False),
        (hfl, "87 cts", "earnings per share", 0.87, "USD", True),
        # no currency on the row: the table's, from its Shr row
        (hfl, "14.6 mln", "net profit", 14.6e6, "USD", False),
        (hfl, "11.2 mln", "net profit", 11.2e6, "USD", True),
        (hfl, "210.4 mln", "revenue", 210.4e6, "USD", False),
        (hfl, "188.9 mln", "revenue", 188.9e6, "USD", True),
        (hfl, "13.0 mln", "average shares", 13e6, "shares", False),
        (hfl, "12.9 mln", "average shares", 12.9e6, "shares", True),
    ]  # the price table below it ("Curr Wk YTD Yr Ago") gives none


BASED = (
    "PARIS, March 11 - Lemarchand SA, the Paris-based maker of luxury fabrics, said it agreed "
    "to buy a stake in Tessitura Vallone SpA, a Como-based silk weaver, and in Brisbane Mills "
    "Inc, a Hartford-based maker of yarn.\n"
    '"It is a fair price for a good business," said Zurich-based banker Hans Meili.\n'
    '"The mills will be kept open," said Italian trade union official Marco Belotti.\n'
    "Lemarchand shares rose, according to the Lyon-based newsletter Textile Hebdo.\n"
)


def test_a_place_joined_to_based_is_never_the_speaker():
    said = {f.object: f.subject for f in facts(BASED, "said")}
    assert said["It is a fair price for a good business"] == "Hans Meili"
    assert said["The mills will be kept open"] == "Marco Belotti"
    assert "Lyon" not in said.values() and "France" not in said.values()


KESTREL = """\
KESTREL AVIONICS POSTS HIGHER THIRD QUARTER NET

    WICHITA, Kan., Oct 14 - Kestrel Avionics Inc <KAV> said its
third quarter net income rose 18 pct on strong demand for cockpit
display units from regional airlines.
    "Orders from the commuter carriers have been stronger than we
planned for," said Ronald Mayhew, Kestrel's chief executive. He
said the company expected its backlog to reach 140 mln dlrs by
the end of the year.
    Norma Tillery, the vice president of marketing, said the first
units for Europe would ship in March.
"""


def test_the_speaker_s_company_named_short_and_he_said_after_him():
    found = entities(KESTREL)
    # "Kestrel's" is the company the story names in full, not a person listed after Mayhew
    assert "Kestrel" in found[("Kestrel Avionics Inc", "ORG")]
    assert ("Kestrel Avionics Inc", "PERSON") not in found
    said = {" ".join(f.object.split()[:2]): f.subject for f in facts(KESTREL, "said")}
    assert said["Orders from"] == "Ronald Mayhew"
    assert said["the company"] == "Ronald Mayhew"  # "He said the company expected ..."
    # "X, the vice president of marketing, said": X speaks
    assert said["the first"] == "Norma Tillery"
    held = {(f.subject, f.object, f.qualifiers.get("of")) for f in facts(KESTREL, "title")}
    assert ("Ronald Mayhew", "Chief Executive", "Kestrel Avionics Inc") in held
    assert ("Norma Tillery", "Vice President of Marketing", None) in held  # the whole title
    affiliated = {(f.subject, f.object) for f in facts(KESTREL, "affiliated_with")}
    assert ("Ronald Mayhew", "Kestrel Avionics Inc") in affiliated


ASIDES = [
    '"We are done," Norma Tillery, president of Dunmore Castings Inc, said.',
    '"We are done," Norma Tillery, an analyst with Dunmore Castings Inc, said.',
    '"We are done," Norma Tillery, the president of the company, said.',
    '"We are done," Norma Tillery, Dunmore\'s chief executive, said.',
    "Norma Tillery, vice president for corporate affairs at the bank, said we are done.",
]


@pytest.mark.parametrize("text", ASIDES)
def test_a_speaker_named_with_an_aside_before_said(text):
    assert [f.subject for f in facts(text, "said")] == ["Norma Tillery"]


ORSINI = """\
    MILAN, March 11 - Lemarchand SA said it agreed to buy a 35 pct
stake in Filatura Orsini SpA, a maker of silk yarn.
    "This gives us the mills we have wanted for ten years," said
Lemarchand's chairman, Henri Dufresne.
    Giulia Ferrante, a spokeswoman for Filatura Orsini, said the
board approved the deal on Monday.
"""


def test_the_company_named_short_and_the_speaker_after_its_title():
    found = entities(ORSINI)
    assert "Filatura Orsini" in found[("Filatura Orsini SpA", "ORG")]
    assert ("Filatura Orsini", "PERSON") not in found
    said = {" ".join(f.object.split()[:2]): f.subject for f in facts(ORSINI, "said")}
    assert said["This gives"] == "Henri Dufresne"  # not Lemarchand: its chairman speaks
    assert said["the board"] == "Giulia Ferrante"
    affiliated = {(f.subject, f.object) for f in facts(ORSINI, "affiliated_with")}
    assert ("Giulia Ferrante", "Filatura Orsini SpA") in affiliated
    assert ("Henri Dufresne", "Lemarchand SA") in affiliated


REPORTED = [
    ("Dunmore Castings Inc said on Monday it would close its Akron foundry.", "Dunmore Castings Inc", "it would close"),
    ("Dunmore Castings Inc said Tuesday it would close its Akron foundry.", "Dunmore Castings Inc", "it would close"),
    ("Dunmore Castings Inc said in a statement it would close its Akron foundry.", "Dunmore Castings Inc", "it would close"),
    ("Finance Minister Rolf Hagemann said in Bonn the government was satisfied.", "Rolf Hagemann", "the government was"),
    ("Rolf Hagemann told reporters the bank saw no need to cut rates.", "Rolf Hagemann", "the bank saw"),
    ("Rolf Hagemann told Reuters the bank saw no need to cut rates.", "Rolf Hagemann", "the bank saw"),
    ("Rolf Hagemann told a news conference in Bonn that the bank saw no need.", "Rolf Hagemann", "the bank saw"),
]  # fmt: skip


@pytest.mark.parametrize("text, speaker, clause", REPORTED)
def test_reported_speech_after_when_where_and_to_whom(text, speaker, clause):
    said = [(f.subject, f.object) for f in facts(text, "said")]
    assert len(said) == 1 and said[0][0] == speaker and said[0][1].startswith(clause), said


def test_a_place_named_after_said_opens_the_clause():
    # without "in", "Britain" is what the clause is about, not where it was said
    text = "Rolf Hagemann said Britain needed lower taxes."
    assert [f.object for f in facts(text, "said")] == ["Britain needed lower taxes"]


def test_told_someone_to_do_something_is_no_statement():
    assert facts("Rolf Hagemann told Dunmore Castings Inc to close the foundry.", "said") == []


SENATE = """\
    TOPEKA, Kan., Oct 7 - Federal Reserve Board Chairman Paul
Volcker said he saw no need for higher interest rates.
    Sen. William Proxmire, the committee chairman, said he doubted
the accord would hold. Delegates from Czechoslovakia and East
Germany left early.
"""


def test_dateline_states_old_countries_and_a_title_after_a_comma():
    found = entities(SENATE)
    # "Kan." in a dateline is the state of Kansas, named as a reader would look for it
    assert "Kan." in found[("Kansas", "GPE")]
    assert ("Czechoslovakia", "GPE") in found and ("East Germany", "GPE") in found
    said = {" ".join(f.object.split()[:2]): f.subject for f in facts(SENATE, "said")}
    # "X, the committee chairman, said": X, not the other chairman of the story
    assert said["he doubted"] == "William Proxmire"
    assert said["he saw"] == "Paul Volcker"


PARTNERS = [
    "Analyst Peter Okonkwo of Kidder, Peabody and Co said the guidance was in line.",
    "Peter Okonkwo, an analyst with Smith, Barney, Harris Upham and Co, said the guidance "
    "was in line.",
    "Peter Okonkwo of Dunbar, Hale & Co said the guidance was in line.",
]


@pytest.mark.parametrize("text", PARTNERS)
def test_a_partnership_named_after_its_partners_is_one_company_and_not_the_speaker(text):
    firm = text[text.index("of " if " of " in text else "with ") :].split(" ", 1)[1]
    firm = firm.split(" said")[0].rstrip(",")
    assert entities(text).keys() >= {(firm, "ORG"), ("Peter Okonkwo", "PERSON")}
    assert len([key for key in entities(text) if key[1] in ("ORG", "PERSON")]) == 2
    assert [f.subject for f in facts(text, "said")] == ["Peter Okonkwo"]
    assert [(f.subject, f.object) for f in facts(text, "affiliated_with")] == [
        ("Peter Okonkwo", firm)
    ]
    # in a paragraph hard-wrapped as wire copy is, at any width: the same speaker and firm
    story = (
        "The company said on Tuesday that its second quarter sales would be lower than "
        "last year's. " + text + " Its shares were unchanged in late trading on Wall Street."
    )
    for width in (55, 60, 65, 72):
        wrapped = textwrap.fill(story, width, initial_indent="    ")
        said = {f.subject for f in facts(wrapped, "said")}
        assert "Peter Okonkwo" in said and firm not in said, width
        assert (firm, "ORG") in entities(wrapped), width


def test_a_list_of_known_companies_ending_in_a_partnership_stays_a_list():
    text = "Shares of IBM, Apple and Merrill Lynch and Co rose on Tuesday."
    names = {name for name, label in entities(text) if label == "ORG"}
    assert "Merrill Lynch and Co" in names and not any("," in name for name in names)


#: Speakers, quotes and titles as wire copy gives them, written for this test: one line per
#: paragraph here, hard-wrapped and with CRLF endings below.
STATEMENTS = [
    "BONN, Jan 22 - Federal Reserve Board Chairman Paul Volcker told the Senate Banking "
    "Committee the Fed would not ease credit further.",
    "Bundesbank President Karl Otto Poehl said in Frankfurt the bank saw no need to cut rates, "
    "while Japanese Finance Minister Kiichi Miyazawa said the Bank of Japan would keep its "
    "discount rate at 2.5 pct.",
    "Sen. Lloyd Bentsen, a Texas Democrat, said the trade deficit was a concern.",
    "West German growth slowed in the fourth quarter, the EC Commission said.",
    "Output will be held at 16.6 mln barrels a day, OPEC President Rilwanu Lukman told a news "
    "conference.",
    '"The market is stable," Lukman said. "Nobody wants a price war."',
    '"We will respect the agreement," Iranian Oil Minister Gholamreza Aqazadeh said, adding: '
    '"It is a good agreement for all members."',
    "U.S. Trade Representative Clayton Yeutter told a House Ways and Means subcommittee that "
    "the administration would not accept a weaker bill.",
    "Chrysler Corp said it would raise prices on its 1988 models. The company said the increase "
    "was needed to cover higher costs.",
    "Harbor Mills Inc named Eleanor Whitby as president, succeeding John Marsh, who retired.",
    "Whitby was previously vice president of finance at the Hartford-based insurer.",
    "Arthur Lang was appointed chairman of Harbor Mills Inc, and Samuel Price has resigned as "
    "chief executive.",
    "Gov. Michael Dukakis and Rep. Dan Rostenkowski attended the dinner.",
    "The dollar is too weak, said Peter Gignoux, an analyst with Shearson Lehman Brothers.",
]


def _statements(layout: str) -> str:
    if layout == "one-line":
        return "\n".join("    " + p for p in STATEMENTS) + "\n"
    body = "\n".join(textwrap.fill(p, 65, initial_indent="    ") for p in STATEMENTS) + "\n"
    return body.replace("\n", "\r\n") if layout == "crlf" else body


@pytest.mark.parametrize("layout", ["one-line", "hard-wrapped", "crlf"])
def test_every_statement_has_its_speaker_and_its_own_words(layout):
    said = [(f.subject, " ".join(f.object.split())) for f in facts(_statements(layout), "said")]
    assert said == [
        ("Paul Volcker", "the Fed would not ease credit further"),
        # a reported clause ends where another speaker's clause starts
        ("Karl Otto Poehl", "the bank saw no need to cut rates"),
        ("Kiichi Miyazawa", "the Bank of Japan would keep its discount rate at 2.5 pct"),
        ("Lloyd Bentsen", "the trade deficit was a concern"),
        # attributed at the end of the sentence; the dateline is no part of it
        ("European Community", "West German growth slowed in the fourth quarter"),
        ("Rilwanu Lukman", "Output will be held at 16.6 mln barrels a day"),
        # the next quotation of the paragraph, with no speaker of its own, goes on
        ("Rilwanu Lukman", "The market is stable"),
        ("Rilwanu Lukman", "Nobody wants a price war."),
        ("Gholamreza Aqazadeh", "We will respect the agreement"),
        ("Gholamreza Aqazadeh", "It is a good agreement for all members."),
        ("Clayton Yeutter", "the administration would not accept a weaker bill"),
        ("Chrysler Corp", "it would raise prices on its 1988 models"),
        # "the company" is the company the story named
        ("Chrysler Corp", "the increase was needed to cover higher costs"),
        ("Peter Gignoux", "The dollar is too weak"),
    ]


@pytest.mark.parametrize("layout", ["one-line", "hard-wrapped", "crlf"])
def test_titles_given_held_and_left(layout):
    text = _statements(layout)
    held = {
        (f.subject, f.object, f.qualifiers.get("of"), f.qualifiers.get("former", False))
        for f in facts(text, "title")
    }
    assert held >= {
        ("Eleanor Whitby", "President", "Harbor Mills Inc", False),
        ("John Marsh", "President", "Harbor Mills Inc", True),  # whom she succeeds
        ("Eleanor Whitby", "Vice President", None, True),  # "was previously"
        ("Arthur Lang", "Chairman", "Harbor Mills Inc", False),
        ("Samuel Price", "Chief Executive", None, True),  # "has resigned as"
        # abbreviated titles under their full names
        ("Lloyd Bentsen", "Senator", None, False),
        ("Michael Dukakis", "Governor", None, False),
        ("Dan Rostenkowski", "Representative", None, False),
        # the Board is the Fed: one organisation by all its names ("Fed", "Federal Reserve")
        ("Paul Volcker", "Chairman", "Federal Reserve", False),
        ("Kiichi Miyazawa", "Finance Minister", "Japan", False),
        ("Clayton Yeutter", "Trade Representative", "United States", False),
    }
    # the abbreviation stays the mention's words
    senator = next(m for m in extract(text).mentions if m.entity == "Senator")
    assert text[senator.start : senator.end] == "Sen."


NOT_SAID = [
    # nobody named: no speaker
    "Prices will rise further, dealers said.",
    '"The yen is overvalued," one Tokyo dealer said.',
    # a name inside the clause is not its speaker
    "Prices paid to Peter Gignoux, a Texas farmer, fell sharply, officials said.",
    # "the company" with no company named before it
    "The Smiths' shop is closing, the company said.",
]


@pytest.mark.parametrize("text", NOT_SAID)
def test_no_speaker_when_the_text_names_none(text):
    assert [f.subject for f in facts(text, "said")] == []


@pytest.mark.parametrize("gap", ["\n", "\n\n", " ", "\r\n    "])
def test_a_quote_that_opens_the_next_paragraph_goes_on_but_one_inside_a_sentence_does_not(gap):
    # A paragraph of quotation after Lukman's is his going on, however the paragraphs are laid
    # out; a phrase quoted inside a later sentence is nobody's statement.
    text = (
        '"The market is stable," Lukman said.'
        + gap
        + '"Nobody wants a price war."'
        + gap
        + "Oil prices fell in London."
        + gap
        + '"Rates will rise," Friedman said. Shares fell, and analysts called it "a bad sign".'
    )
    said = [(f.subject, f.object) for f in facts(text, "said")]
    assert said == [
        ("Lukman", "The market is stable"),
        ("Lukman", "Nobody wants a price war."),
        ("Friedman", "Rates will rise"),
    ]


def test_a_quote_after_a_sentence_of_narrative_is_not_carried_over():
    text = (
        '"The market is stable," Lukman said.\n'
        "Oil prices fell sharply in London on Monday.\n"
        '"Nobody wants a price war."'
    )
    said = [(f.subject, f.object) for f in facts(text, "said")]
    assert said == [("Lukman", "The market is stable")]


def test_a_pronoun_speaker_after_the_clause_is_not_someone_the_clause_names():
    text = (
        "Spokesman Fraser Kemp said the poster had been misunderstood. "
        "The image portrayed Michael Howard as a hypnotist, he argued."
    )
    assert [f.subject for f in facts(text, "said")] == ["Fraser Kemp", "Fraser Kemp"]


ATLAS = """\
ATLAS STEEL NAMES NEW CHAIRMAN
    PITTSBURGH, May 4 - Atlas Steel Corp <ATS> said it expects a
second quarter loss because of weak demand from automakers.
    The company, which makes flat-rolled steel, said it would close
two mills in Ohio. Finance Ministry officials said the closings
would cost about 900 jobs.
    Frank Delaney, 55, will become chairman on July 1, succeeding
Harold Kemp, who is retiring. Delaney has been acting chief
executive since January.
    "We have to cut capacity," Delaney told reporters.
    "There is no other way to go, and everyone here knows it.
    "We will keep the old plant," he said.
    Analysts were impressed with Paul Brandt's work at the mills. He
said the company would not seek new capital.
"""


def test_an_organisation_set_off_by_an_aside_its_officials_and_roles_to_come():
    said = {" ".join(f.object.split()[:3]): f.subject for f in facts(ATLAS, "said")}
    # "The company, which makes ..., said": the company the story named
    assert said["it would close"] == "Atlas Steel Corp"
    # "Finance Ministry officials said": nobody named, the ministry speaks
    assert said["the closings would"] == "Finance Ministry"
    # a paragraph of quotation left open runs on into the next one, whose speaker it shares
    assert said["There is no"] == "Frank Delaney"
    assert said["We will keep"] == "Frank Delaney"
    # "he" after "Paul Brandt's work": one named as an owner is not taken for "he"
    assert said["the company would"] == "Frank Delaney"
    held = {(f.subject, f.object, f.qualifiers.get("former", False)) for f in facts(ATLAS, "title")}
    assert held >= {
        ("Frank Delaney", "Chairman", False),  # "will become chairman"
        ("Harold Kemp", "Chairman", True),  # "succeeding Harold Kemp", after the date
        ("Frank Delaney", "Acting Chief Executive", False),  # "has been acting chief executive"
    }


ATTRIBUTED = [
    ("Aguas Claras SA told the Argentine newspaper Clarin it would not accept the change.", "Aguas Claras SA", "it would not accept the change"),
    ("Shares of Acme Corp, a maker of valves, rose 2 pct, said Ann Lee of Smith Barney and Co.", "Ann Lee", "Shares of Acme Corp, a maker of valves, rose 2 pct"),
    ("Prices rose 2 pct in March, the Commerce Department said on Tuesday.", "Commerce Department", "Prices rose 2 pct in March"),
]  # fmt: skip


@pytest.mark.parametrize("text, speaker, clause", ATTRIBUTED)
def test_the_listener_named_and_the_speaker_s_firm_after_the_statement(text, speaker, clause):
    assert [(f.subject, f.object) for f in facts(text, "said")] == [(speaker, clause)]


TITLED = [
    ("Former Treasury Secretary William Simon said the deficit was too large.", ("William Simon", "Treasury Secretary", None, True)),
    ("The former chairman of Acme Corp, Robert Hale, said sales rose.", ("Robert Hale", "Chairman", "Acme Corp", True)),
    ("Robert Hale, Acme Corp's senior vice president for finance, said sales rose.", ("Robert Hale", "Senior Vice President", "Acme Corp", False)),
    ("Robert Hale, 45, president of Acme Corp, said sales rose.", ("Robert Hale", "President", "Acme Corp", False)),
    ("Robert Hale, chairman and chief executive of Acme Corp, said sales rose.", ("Robert Hale", "Chairman", "Acme Corp", False)),
    ("Robert Hale, chairman and chief executive of Acme Corp, said sales rose.", ("Robert Hale", "Chief Executive", "Acme Corp", False)),
    ("Lt. Gen. John Vessey testified on Tuesday.", ("John Vessey", "Lieutenant General", None, False)),
]  # fmt: skip


@pytest.mark.parametrize("text, held", TITLED)
def test_a_title_s_holder_its_organisation_and_whether_it_was_held_before(text, held):
    found = {
        (f.subject, f.object, f.qualifiers.get("of"), f.qualifiers.get("former", False))
        for f in facts(text, "title")
    }
    assert held in found, found
    assert [f.subject for f in facts(text, "said")] in ([], [held[0]])


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_a_statement_over_a_line_break_the_layout_kept_reads_as_one_line(eol):
    # Short, ragged lines (typed, not wrapped by a machine) keep their breaks in the analysis
    # view; what was said is still the words with single spaces, and the same as on one line.
    lines = ["Paul Volcker said the", "Fed would not ease credit", "further and rates would hold."]
    wrapped = facts(eol.join(lines) + eol, "said")
    one_line = facts(" ".join(lines), "said")
    assert [(f.subject, f.object) for f in wrapped] == [
        ("Paul Volcker", "the Fed would not ease credit further and rates would hold")
    ]
    assert [(f.subject, f.object, f.qualifiers) for f in wrapped] == [
        (f.subject, f.object, f.qualifiers) for f in one_line
    ]
