"""Layout-blind analysis: the same facts however the text is wrapped, offsets into the original."""

from __future__ import annotations

import itertools
import textwrap

import pytest

from explorer.nlp import extract
from explorer.nlp.layout import analysis_view, wrap_width

# Wire copy in the style of the 1980s agencies (written for these tests).
PARAGRAPHS = [
    "Treasury Secretary James Baker said on Tuesday that the United States would not let "
    "the dollar fall much further against the yen and the mark.",
    '"We do not expect to repeat the borrowings," said Scott Winningham of J.S. Winningham '
    "and Co. He added that the international markets were calm after the meeting in Paris.",
    "Larry Eckenfelder, an analyst with Prudential-Bache Securities in New York, said the "
    "Federal Reserve was likely to hold rates steady until the summer.",
    "Japanese Finance Minister Kiichi Miyazawa met West German Finance Minister Gerhard "
    "Stoltenberg in Tokyo last week, officials in Bonn said.",
]


def _one_line_per_paragraph(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs) + "\n"


def _wrapped(paragraphs: list[str], width: int, indent_all: bool = False) -> str:
    """Hard-wrapped at `width`, paragraphs indented by four spaces, CRLF line ends."""
    out = []
    for p in paragraphs:
        rest = "    " if indent_all else ""
        out.append(textwrap.fill(p, width, initial_indent="    ", subsequent_indent=rest))
    return "\r\n".join(out).replace("\n", "\r\n") + "\r\n"


def _summary(text: str) -> tuple[set, set]:
    result = extract(text)
    entities = {(e.name, e.label) for e in result.entities}
    facts = {(f.predicate, f.subject, f.object) for f in result.facts}
    return entities, facts


def _squeezed(s: str) -> str:
    return "".join(s.split())


VARIANTS = {
    "wrapped at 60": _wrapped(PARAGRAPHS, 60),
    "wrapped at 65": _wrapped(PARAGRAPHS, 65),
    "wrapped at 72": _wrapped(PARAGRAPHS, 72),
    "wrapped at 65, every line indented": _wrapped(PARAGRAPHS, 65, indent_all=True),
    "no blank lines, LF": "\n".join(
        textwrap.fill(p, 65, initial_indent="    ") for p in PARAGRAPHS
    ),
}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_wrapping_changes_no_entity_and_no_fact(name):
    original = _summary(_one_line_per_paragraph(PARAGRAPHS))
    assert _summary(VARIANTS[name]) == original
    entities, facts = original
    assert ("James Baker", "PERSON") in entities
    assert ("said", "Scott Winningham", "We do not expect to repeat the borrowings") in facts


@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_offset_points_at_the_same_characters_of_the_wrapped_text(name):
    flat = _one_line_per_paragraph(PARAGRAPHS)
    text = VARIANTS[name]
    want, got = extract(flat), extract(text)
    assert len(got.sentences) == len(want.sentences)
    for (s, e), (fs, fe) in zip(got.sentences, want.sentences, strict=True):
        assert _squeezed(text[s:e]) == _squeezed(flat[fs:fe])
        assert not text[s].isspace() and not text[e - 1].isspace()
    assert [(m.text, m.label) for m in got.mentions] == [(m.text, m.label) for m in want.mentions]
    for m in got.mentions:
        assert _squeezed(text[m.start : m.end]) == _squeezed(m.text)
    for f, g in zip(got.facts, want.facts, strict=True):
        assert _squeezed(text[f.start : f.end]) == _squeezed(flat[g.start : g.end])


def test_a_name_broken_over_two_lines_is_one_name_written_with_a_space():
    text = (
        "    The dollar steadied in late trading after Treasury Secretary James\r\n"
        "Baker said on Tuesday that the United States would not let it fall\r\n"
        "much further against the yen and the mark, dealers in London said.\r\n"
    )
    result = extract(text)
    people = [m for m in result.mentions if m.label == "PERSON"]
    assert {m.text for m in people} == {"James Baker"}
    assert all(text[m.start : m.end].split() == ["James", "Baker"] for m in people)


def test_a_quote_whose_speaker_is_on_the_next_line_is_a_said_fact():
    text = (
        '    "The company does not expect to repeat the borrowings," said\r\n'
        "Scott Winningham of J.S. Winningham and Co., a consultancy in\r\n"
        "Boston, who advises several of the lenders on the new notes.\r\n"
    )
    facts = {(f.predicate, f.subject, f.object) for f in extract(text).facts}
    quote = "The company does not expect to repeat the borrowings"
    assert ("said", "Scott Winningham", quote) in facts


def test_a_line_broken_early_inside_a_sentence_runs_on():
    """Wrapped by hand or edited after the wrap: "said it" ends a line although "expects"
    would have fitted on it. A line that stops on a lower-case word or a comma and goes on in
    lower case is one sentence, whatever the line's length."""
    lines = [
        "    DENVER, April 14 - Northgate Mining Corp said it",
        "expects first quarter net profit to rise to about 42 mln dlrs,",
        "or 1.10 dlrs a share, from 31.5 mln dlrs a year ago, and that",
        "its chief financial officer, Harold Binney, would retire in June after",
        "twenty years with the company.",
        "    The company's shares rose 1-3/8 to 27-1/4 on the New York Stock",
        "Exchange.",
    ]
    text = "\n".join(lines) + "\n"
    flat = (
        " ".join(line.strip() for line in lines[:5])
        + "\n\n"
        + " ".join(line.strip() for line in lines[5:])
    )
    assert wrap_width(text) is not None
    assert analysis_view(text).text.startswith(
        "DENVER, April 14 - Northgate Mining Corp said it expects first"
    )
    assert _summary(text) == _summary(flat)
    said = [f for f in extract(text).facts if f.predicate == "said"]
    quotes = [f.qualifiers["quote"] for f in said]
    assert quotes and "\n" not in quotes[0]
    assert quotes[0].startswith("it expects first quarter net profit")


def test_a_line_broken_early_before_a_quoted_word_runs_on():
    """'said the changes were\n"cosmetic" and': the next line opens with a quotation mark,
    then a lower-case word; the sentence goes on however short the line is."""
    lines = [
        "    SEOUL, May 26 - Opposition leader Kim Young-sam said the changes",
        "were",
        '"cosmetic" and called for the resignation of the whole cabinet of',
        "ministers, and his aides said the party would (quietly) go on with",
        "(its) plans for a rally in the capital on Saturday afternoon.",
    ]
    text = "\n".join(lines) + "\n"
    flat = " ".join(line.strip() for line in lines) + "\n"
    assert wrap_width(text) is not None
    assert 'were "cosmetic" and' in analysis_view(text).text
    assert "with (its) plans" in analysis_view(text).text
    assert _summary(text) == _summary(flat)


def test_a_hyphen_at_a_line_end_joins_a_word_only_where_the_dictionary_says_so():
    lines = [
        "    The talks between the central banks of the leading inter-",
        "national economies ended on Sunday without a statement, and a",
        "dealer with the big New York securities house Prudential-",
        "Bache said the markets expected nothing new from the well-to-",
        "do countries of the group, whose accounts for the year 1986-",
        "87 were published in the spring.",
    ]
    text = "\n".join(lines) + "\n"
    view = analysis_view(text)
    assert "leading international economies" in view.text
    assert "Prudential-Bache said" in view.text
    assert "the well-to-do countries" in view.text and "1986-87 were" in view.text
    orgs = [m for m in extract(text).mentions if m.text == "Prudential-Bache"]
    assert orgs and text[orgs[0].start : orgs[0].end] == "Prudential-\nBache"


def test_a_name_over_a_word_joined_at_a_line_end_hyphen_reads_what_its_offsets_point_at():
    # the view reads "coordinator"; the mention's text is the original's, its break taken out
    text = "    The talks were led by the United Nations aid co-\r\nordinator, Jan\r\nEgeland.\r\n"
    titles = [m for m in extract(text).mentions if m.label == "TITLE"]
    assert [(m.text, m.entity) for m in titles] == [("co-ordinator", "Coordinator")]
    assert text[titles[0].start : titles[0].end] == "co-\r\nordinator"


def test_headlines_datelines_and_table_rows_keep_their_line_breaks():
    text = (
        "DOLLAR FIRMS IN QUIET TRADE\n"
        "    NEW YORK, June 1 - The dollar firmed against the yen in quiet trade on Monday\n"
        "as dealers waited for the trade figures due later in the week, and most of the\n"
        "banks in the city stayed on the sidelines.\n"
        "    Shr 1.10 dlrs vs 95 cts\n"
        "    Net 12.5 mln vs 10.1 mln\n"
        "    Revs 310 mln vs 290 mln\n"
    )
    view = analysis_view(text)
    assert wrap_width(text) is not None
    assert view.text.startswith("DOLLAR FIRMS IN QUIET TRADE\nNEW YORK, June 1 - The dollar")
    assert "on Monday as dealers" in view.text
    assert "sidelines.\nShr 1.10 dlrs vs 95 cts\nNet 12.5 mln" in view.text


def test_a_table_longer_than_the_prose_above_it_does_not_hide_the_wrap():
    """A results story is often three wrapped lines and a table of ten rows: the rows are no
    lines the wrap filled, so the prose still runs on and the table keeps its lines."""
    text = (
        "    TOLEDO, Ohio, March 2 - Lakeshore Castings Inc said its\n"
        "fourth quarter loss narrowed as foundry orders improved, and it gave\n"
        "these figures for the periods ended December 31, 1986.\n"
        "    4th qtr\n"
        "    Shr loss 12 cts vs profit five cts\n"
        "    Net loss 1,240,000 vs profit 512,000\n"
        "    Sales 48.3 mln vs 51.7 mln\n"
        "    Year\n"
        "    Shr profit 31 cts vs 1.02 dlrs\n"
        "    Net profit 3,180,000 vs 10,460,000\n"
        "    Sales 201.6 mln vs 214.9 mln\n"
        "    Backlog 88.2 mln vs 71.5 mln\n"
    )
    view = analysis_view(text)
    assert wrap_width(text) is not None
    assert "said its fourth quarter loss narrowed" in view.text
    assert "ended December 31, 1986.\n4th qtr\nShr loss 12 cts vs profit five cts\nNet" in view.text


@pytest.mark.parametrize(
    "text",
    [
        "One sentence a line.\nAnother sentence here, longer than the first one was.\nShort.\n",
        "EU rejects German call to boycott British lamb .\nPeter Blackburn\nBRUSSELS 1996-08-22\n"
        "The European Commission said on Thursday it disagreed with German advice to consumers "
        "to shun British lamb until scientists determine whether mad cow disease can be "
        "transmitted to sheep .\nGermany 's representative to the European Union 's veterinary "
        "committee Werner Zwingmann said on Wednesday consumers should buy sheepmeat from other "
        "countries until the scientific picture was clearer .",
        "A paragraph on one line, however long it runs, with no layout to take out of it.\n\n"
        "Another one.",
    ],
)
def test_text_that_is_not_hard_wrapped_is_its_own_view(text):
    view = analysis_view(text)
    assert view.identity and view.text == text


def test_every_character_of_the_view_maps_to_the_same_character_of_the_original():
    text = _wrapped(PARAGRAPHS, 60) + "\f\r\n\tTabs\tand  runs   of spaces.\r\n"
    view = analysis_view(text)
    assert "\r" not in view.text and "\t" not in view.text and "  " not in view.text
    for i, ch in enumerate(view.text):
        if not ch.isspace():
            assert text[view.offset(i)] == ch
    assert view.span(0, len(view.text)) == (4, len(text.rstrip()))


def test_a_dash_the_wrap_put_first_on_a_line_is_not_a_list_item():
    text = (
        "    He warned that taxing firms like the oil group - a method now used\n"
        "by the ministry against several of the other firms in the energy trade\n"
        "- was a mistake. The ministry did not reply to requests for comment.\n"
        "The measures were:\n"
        "- a new tax on exports of crude oil and refined products from July;\n"
        "- a lower rate for small producers in the far east of the country.\n"
    )
    view = analysis_view(text).text
    assert "energy trade - was a mistake." in view
    assert "were:\n- a new tax" in view and "July;\n- a lower rate" in view


def test_a_text_over_the_limit_is_refused_before_any_work():
    from explorer.nlp.pipeline import MAX_CHARS, TextTooLong

    with pytest.raises(TextTooLong, match="too long to extract"):
        extract("word " * (MAX_CHARS // 5 + 1))


def test_any_mix_of_breaks_indents_and_spaces_maps_back_character_for_character():
    import random

    rng = random.Random(4)
    words = (
        'the bank said inter- national Prudential- Bache rose 5.1 pct , and "Mr Smith" .'.split()
    )
    gaps = [" ", " ", " ", "  ", "\n", "\r\n", "\n    ", "\n\n", "\t", "\f"]
    for _ in range(300):
        text = "".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(1, 120)))
        view = analysis_view(text)
        offsets = [view.offset(i) for i in range(len(view.text))]
        assert offsets == sorted(offsets)
        assert all(ch.isspace() or text[o] == ch for ch, o in zip(view.text, offsets, strict=True))
        for m in extract(text).mentions:
            assert _squeezed(text[m.start : m.end]).replace("-", "") == _squeezed(m.text).replace(
                "-", ""
            )


# A quote that runs on into the next paragraph (which opens with a mark of its own, the news
# convention), then more quotes after it (written for these tests).
RUN_ON = [
    "The harbour board met on Monday to decide the future of the old ferry pier.",
    'The chair of the board, Margaret Okafor, said: "We have waited eleven years for this '
    "decision and the town deserves an answer.",
    '"The pier cannot stay closed for another winter," she said.',
    'The engineer Tomas Lindqvist disagreed. "The timber is rotten below the waterline," '
    'Lindqvist said. "Nobody should walk on it until it is rebuilt."',
    '"We will find the money," said Okafor.',
]


def _curly(paragraph: str) -> str:
    """Straight marks made curly: opening after a space or at the start, else closing."""
    return "".join(
        ("“" if i == 0 or paragraph[i - 1] == " " else "”") if c == '"' else c
        for i, c in enumerate(paragraph)
    )


@pytest.mark.parametrize("marks", ["straight", "curly"])
@pytest.mark.parametrize(
    "layout", ["blank lines", "one line per paragraph", "one line per document", "wrapped, CRLF"]
)
def test_a_quote_running_on_over_two_paragraphs_gives_the_same_said_facts_in_any_layout(
    marks, layout
):
    paragraphs = RUN_ON if marks == "straight" else [_curly(p) for p in RUN_ON]
    text = {
        "blank lines": "\n\n".join(paragraphs) + "\n",
        "one line per paragraph": "\n".join(paragraphs),
        "one line per document": " ".join(paragraphs),
        "wrapped, CRLF": "\r\n\r\n".join(
            textwrap.fill(p, 60, initial_indent="    ") for p in paragraphs
        )
        .replace("\n", "\r\n")
        .replace("\r\r", "\r")
        + "\r\n",
    }[layout]
    said = sorted((f.subject, f.object) for f in extract(text).facts if f.predicate == "said")
    assert said == [
        ("Margaret Okafor", "The pier cannot stay closed for another winter"),
        (
            "Margaret Okafor",
            "We have waited eleven years for this decision and the town deserves an answer.",
        ),
        ("Margaret Okafor", "We will find the money"),
        # his next quotation, in the same paragraph with no speaker of its own, goes on
        ("Tomas Lindqvist", "Nobody should walk on it until it is rebuilt."),
        ("Tomas Lindqvist", "The timber is rotten below the waterline"),
    ]


# A cup draw written for this test: prose, then one fixture a line.
CUP_DRAW = [
    "Kestrel Town drawn at home to Harbridge",
    "Kestrel Town, a non-league side, will host Harbridge City in the third round of the "
    "county cup after the draw was made at Marlow on Monday.",
    "Kestrel Town v Harbridge City",
    "Anford Rovers or Selby v Dunmere",
    "West Lorton v Carrow Athletic",
    "Brackley v Fenwick United",
    "Oxley v Tarnby or Wells",
    "Ties to be played on the weekend of 8 and 9 January.",
]


def test_a_fixture_list_run_into_one_line_gives_one_fixture_a_line_again():
    one_line = " ".join(CUP_DRAW)
    view = analysis_view(one_line)
    assert len(view.text) == len(one_line)  # line breaks for spaces: no offset moves
    lines = view.text.split("\n")
    assert lines[-6].endswith("Monday. Kestrel Town v Harbridge City")  # the full stop ends it
    assert lines[-5:] == [
        "Anford Rovers or Selby v Dunmere",
        "West Lorton v Carrow Athletic",
        "Brackley v Fenwick United",
        "Oxley v Tarnby or Wells",
        "Ties to be played on the weekend of 8 and 9 January.",
    ]
    apart = extract("\n\n".join(CUP_DRAW))
    together = extract(one_line)
    assert {(e.name, e.label) for e in together.entities} == {
        (e.name, e.label) for e in apart.entities
    }


def test_one_match_in_a_sentence_is_no_fixture_list():
    text = "Kestrel Town v Harbridge City is the tie of the round, and Selby v Dunmere is next."
    assert analysis_view(text).identity


def test_a_short_line_that_stops_inside_a_name_runs_on():
    """Wire copy wraps unevenly: a line of 50 columns may end inside "the Chicago Board of
    Trade", before a surname, or on "the", though the next word would have fitted. The name
    is one name, the sentence one sentence."""
    lines = [
        "    CHICAGO, March 3 - Soybean futures closed higher on Tuesday as",
        "export demand picked up and farmers held back their crops in the",
        "hope of better prices, said grain analysts at the Chicago",
        "Board of Trade, who also watch the livestock pits at the Chicago",
        "Mercantile Exchange, and the dealers at Shearson Lehman",
        "Brothers Inc agreed with them, and so did Treasury Secretary James",
        "Baker, who spoke to a group of reporters on the lawn of the",
        "White House on the same afternoon before he left for a meeting",
        "with the finance ministers of the other leading industrial nations",
        "in Paris, where they are expected to discuss the dollar.",
        "    Wheat fell.",
    ]
    text = "\r\n".join(lines) + "\r\n"
    assert wrap_width(text) is not None
    view = analysis_view(text).text
    assert view.count("\n") == 1  # the paragraph's end
    got = {(" ".join(m.text.split()), m.label) for m in extract(text).mentions}
    for name in ("Chicago Board of Trade", "Chicago Mercantile Exchange"):
        assert (name, "ORG") in got
    assert ("Shearson Lehman Brothers Inc", "ORG") in got
    assert ("James Baker", "PERSON") in got
    assert not [n for n, _ in got if n in ("Chicago", "Board of Trade", "Baker", "James")]


def test_a_short_line_ending_on_a_name_keeps_its_break_when_the_next_opens_no_name():
    """A headline in title case, a list of crops: what the next line opens is no part of a
    name, so the short line keeps its break."""
    lines = [
        "Dollar Ends Higher in Chicago",
        "    NEW YORK, March 3 - The dollar closed higher against the yen",
        "and the mark in quiet trade, dealers said, as the markets waited",
        "for the figures due later in the week from the government in",
        "Washington, and the crops fell in Chicago",
        "Wheat",
        "Corn",
        "    The figures are due on Friday.",
    ]
    text = "\n".join(lines) + "\n"
    view = analysis_view(text).text
    assert view.startswith("Dollar Ends Higher in Chicago\nNEW YORK")
    assert "fell in Chicago\nWheat\nCorn\n" in view


# A regional cup's groups written for this test: two ties a group, then a line of prose.
GROUP_TIES = [
    "Kestrel host the first group",
    "The winners of each group meet in the final round in August.",
    "Kestrel v West Lorton",
    "Harbridge v Dunmere",
    "Winners meet in final match",
    "Anford v Carrow",
    "Selby v Tarnby",
    "Winners meet in final match",
]


def test_two_fixtures_in_a_row_run_into_one_line_get_a_line_each():
    one_line = " ".join(GROUP_TIES)
    lines = analysis_view(one_line).text.split("\n")
    assert lines[-5:] == [
        "The winners of each group meet in the final round in August. Kestrel v West Lorton",
        "Harbridge v Dunmere",
        "Winners meet in final match Anford v Carrow",  # a fixture after prose stays with it
        "Selby v Tarnby",
        "Winners meet in final match",
    ]
    apart = extract("\n\n".join(GROUP_TIES))
    together = extract(one_line)
    assert {(e.name, e.label) for e in together.entities} == {
        (e.name, e.label) for e in apart.entities
    }


# A match preview written for this test: its heading a line a field, then the story.
PREVIEW = [
    "Kestrel v Harbridge (Sat)",
    "Marlow Park, Anford",
    "Saturday, 26 February",
    "1500 GMT",
    "The Kestrels have brought in prop Tomas Welland from Selby on loan.",
    "Tickets went on sale at 0900 GMT and were gone by 1030 GMT Harbridge officials said.",
]


def test_a_kick_off_time_run_into_one_line_ends_its_line_of_the_heading():
    one_line = " ".join(PREVIEW)
    view = analysis_view(one_line).text
    assert "1500 GMT\nThe Kestrels have" in view
    assert "1030 GMT Harbridge officials" in view  # a time in a sentence keeps its words
    apart = extract("\n\n".join(PREVIEW))
    together = extract(one_line)
    assert {(e.name, e.label) for e in together.entities} == {
        (e.name, e.label) for e in apart.entities
    }
    assert ("Kestrels", "ORG") in {(e.name, e.label) for e in together.entities}


# A games round-up written for this test: headings in capitals, each over its paragraph.
ROUND_UP = [
    "The games to watch this spring",
    "Three big releases head the list for the months ahead.",
    "KESTREL OF THE NORTH",
    "The sequel moves the story to a frozen coast. Released 4 March on PC.",
    "HARBOUR LIGHTS DS",
    "Okafor Games has made a puzzle game for the two screens. Released in April.",
    "MATCH FACTS",
    "- HARBRIDGE are unbeaten at home this season.",
]


@pytest.mark.parametrize("joiner", [" ", "\n"])
def test_a_heading_in_capitals_run_into_its_paragraph_gets_its_line_back(joiner):
    text = ROUND_UP[0] + "\n\n" + joiner.join(ROUND_UP[1:])  # one line, or a line a paragraph
    lines = analysis_view(text).text.split("\n")
    for heading in ("KESTREL OF THE NORTH", "HARBOUR LIGHTS DS", "MATCH FACTS"):
        assert any(line.endswith(heading) for line in lines)
    apart = extract("\n\n".join(ROUND_UP))
    together = extract(text)
    names = {(e.name, e.label) for e in together.entities}
    assert names == {(e.name, e.label) for e in apart.entities}
    assert not any(name.endswith((" The", " Okafor Games")) for name, _ in names)


@pytest.mark.parametrize(
    "text",
    [
        "Shares rose. ABN AMRO Chief Executive Rijkman Groenink said the bank would grow.",
        "ALPINE SKIING - SLALOM RESULTS .\nKESTREL , Italy 1996-12-15\nResults on Sunday :\n",
        "ATHLETICS - OKAFOR TO RUN IN LYON .\nMONTE CARLO 1996-08-30\nOlympic champion Ben",
        "MILWAUKEE 64 71 .474 17\nKANSAS CITY 61 74 .452 20\nWESTERN DIVISION\n",
        "He works for ABN AMRO Asset Management in the City of London.",
    ],
)
def test_a_name_or_a_slug_in_capitals_is_no_heading(text):
    assert analysis_view(text).text == text


# A guide written for this test, its headings run into their paragraphs as some copy has them.
GUIDE = [
    "A short history of the Harwell awards",
    "HOW IT ALL STARTED The first Harwell awards were handed out in 1929 at a dinner for "
    "three hundred guests in a hotel on the harbour front, and the winners were told weeks "
    "before the night.",
    "The ceremony moved to the Kestrel Theatre in 1950. HOW THE VOTE WORKS Members of "
    "the Harwell Academy vote by post, and the results are kept in a bank vault until the "
    "night of the awards.",
]


@pytest.mark.parametrize("width", [45, 52, 60, 72])
def test_a_heading_run_into_its_paragraph_reads_the_same_however_wrapped(width):
    one_line = "\n\n".join(GUIDE)
    wrapped = (
        "\r\n\r\n".join(textwrap.fill(p, width, initial_indent="    ") for p in GUIDE)
        .replace("\n", "\r\n")
        .replace("\r\r", "\r")
    )
    names = {(e.name, e.label) for e in extract(one_line).entities}
    assert names == {(e.name, e.label) for e in extract(wrapped).entities}
    assert not any({"The", "Members"} & set(name.split()) for name, _ in names)


@pytest.mark.parametrize(
    "items, names",
    [
        (["General Motors", "Ford Motor Co", "Chrysler Corp"], ["General Motors", "Chrysler Corp"]),
        (["Peter", "Paul Smith", "Mary Jones"], ["Paul Smith", "Mary Jones"]),
        (["James", "Michael", "Sarah"], []),
    ],
)
def test_a_list_of_names_one_a_line_in_wrapped_copy_stays_a_list(items, names):
    """A short line that is a name and nothing else is a list's item, not a line wrapped
    inside a name: "General Motors" is not the start of "General Motors Ford Motor Co"."""
    lines = [
        "    LONDON, March 3 - The dollar closed higher against the yen",
        "and the mark in quiet trade, dealers said, as the markets waited",
        "for the figures due later in the week from the government in",
        "Washington, and the crops fell in Chicago on the news of rain.",
        "    The members are:",
        *items,
        "    The figures are due on Friday.",
    ]
    for sep in ("\n", "\r\n"):
        text = sep.join(lines) + sep
        assert wrap_width(text) is not None
        assert "\n" + "\n".join(items) + "\n" in analysis_view(text).text
        got = {" ".join(m.text.split()) for m in extract(text).mentions}
        assert set(names) <= got
        assert not [n for n in got if any(a in n and b in n for a, b in itertools.pairwise(items))]


@pytest.mark.parametrize(
    "text",
    [
        "Dollar steady\nThe dollar fell on Monday after Treasury Secretary James\nBaker said the "
        "rate was fair.",
        "Dollar steady\r\nThe dollar fell on Monday after Treasury Secretary James\r\n"
        "Baker said the rate was fair.\r\n",
        "  The dollar rose.\n  It fell on Monday after Treasury Secretary James\n  Baker said the "
        "rate was fair.",
    ],
)
def test_a_short_text_whose_width_cannot_be_told_still_reads_a_name_across_a_line(text):
    # three lines say no wrap width: the words on both sides of the break say it is inside a
    # sentence (a given name before a surname and a verb)
    lines = text.strip().splitlines()
    one_line = lines[0].strip() + "\n" + " ".join(" ".join(lines[1:]).split())
    assert _summary(text) == _summary(one_line)
    result = extract(text)
    assert ("PERSON", "James Baker") in {(m.label, m.entity) for m in result.mentions}
    assert ("title", "James Baker", "Treasury Secretary") in {
        (f.predicate, f.subject, f.object) for f in result.facts
    }


@pytest.mark.parametrize(
    ("text", "org"),
    [
        (
            "Shares rose sharply on the\nChicago Board of Trade, dealers said.",
            "Chicago Board of Trade",
        ),
        ("Analysts said the deal would help the company, and\nits shares rose 5 pct.", None),
        ("Wheat was firm.\nPrices rose, said Peter\nSmith, a trader at the exchange.", None),
    ],
)
def test_a_short_text_runs_on_where_the_words_round_a_break_say_so(text, org):
    lines = text.split("\n")
    sentences = [s for s in " ".join(lines).split(". ")]
    assert _summary(text) == _summary(" ".join(lines))
    if org:
        assert (org, "ORG") in _summary(text)[0]
    assert len(extract(text).sentences) == len(sentences)


@pytest.mark.parametrize(
    "text",
    [
        "Paul Simon\nArt Garfunkel\n",  # a list of names, one a line
        "Lucy Tyler beat Jane\nQuigley ( USA ) 3:42.852\n",  # a table's cells
        "Bank assets July June\nNet foreign currency 12.4 11.9\n",  # a table's heading
        "Strong quarterly growth for Nike\nThe firm said sales rose 5 pct.\n",  # a headline
        "Petrol duties frozen, Brown says\nThe chancellor said fuel duty would not rise.\n",
    ],
)
def test_a_short_text_keeps_a_break_the_words_round_it_do_not_join(text):
    # a given name at a line's end is not enough where the next line goes on with no verb
    assert analysis_view(text).text.rstrip("\n").count("\n") == text.rstrip("\n").count("\n")
    lines = text.split("\n")
    for m in extract(text).mentions:
        assert any(m.text in line for line in lines), m


@pytest.mark.parametrize("width", [60, 65, 72])
def test_a_headline_in_capitals_as_long_as_a_wrapped_line_keeps_its_line(width):
    headline = "NORDIC STEEL MAKER HOLDS DIVIDEND AT 2.10 CROWNS, SEES WEAKER YEAR"
    body = (
        "STOCKHOLM, Feb 9 - Ranvik Stal AB said on Thursday it would hold its dividend, as "
        "prices for flat steel fell further in the fourth quarter."
    )
    text = "    " + headline + "\n" + textwrap.fill(body, width, initial_indent="    ") + "\n"
    view = analysis_view(text)
    assert view.text.split("\n")[0] == headline
    result = extract(text)
    places = {(m.text, m.label) for m in result.mentions}
    assert ("STOCKHOLM", "GPE") in places
    assert not any(m.start < text.index("STOCKHOLM") < m.end for m in result.mentions)
