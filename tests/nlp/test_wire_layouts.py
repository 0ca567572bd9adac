"""Wire stories (written for these tests, in the style of 1987 agency copy) read the same in
every layout: one line per paragraph, hard-wrapped at 65 with a four-space indent (the
headline indented like its dateline paragraph), CRLF, and one line per document. A capitals
headline ends before its dateline's place, a word broken by a hyphen at a line's end is one
word again wherever the line ends, and tables of figures give the facts they give on lines
of their own."""

from __future__ import annotations

import textwrap

import pytest

from explorer.ingest.dates import dateline_date
from explorer.nlp import extract

Paragraph = str | list[str]  # a paragraph of prose, or a table's rows, one a line


def one_line(head: str, paragraphs: list[Paragraph]) -> str:
    lines = [head]
    for p in paragraphs:
        lines += ["    " + row for row in p] if isinstance(p, list) else ["    " + p]
    return "\n".join(lines) + "\n"


def wrapped(head: str, paragraphs: list[Paragraph], width: int = 65) -> str:
    lines = ["    " + head]  # indented like the paragraphs: a re-indented story
    for p in paragraphs:
        if isinstance(p, list):
            lines += ["    " + row for row in p]
        else:
            lines.append(textwrap.fill(p, width, initial_indent="    ", subsequent_indent="    "))
    return "\n".join(lines) + "\n"


def crlf(head: str, paragraphs: list[Paragraph]) -> str:
    return wrapped(head, paragraphs).replace("\n", "\r\n")


def one_document(head: str, paragraphs: list[Paragraph]) -> str:
    return " ".join([head] + [" ".join(p) if isinstance(p, list) else p for p in paragraphs])


LAYOUTS = [
    pytest.param(one_line, id="one-line-paragraphs"),
    pytest.param(wrapped, id="hard-wrapped-65"),
    pytest.param(crlf, id="crlf"),
    pytest.param(one_document, id="one-line-document"),
]


def _summary(text: str) -> tuple[set, set]:
    r = extract(text)
    return (
        {(e.name, e.label) for e in r.entities},
        {(f.predicate, f.subject, f.object) for f in r.facts},
    )


# --- a capitals headline over its dateline ---------------------------------------------------

STEEL_HEAD = "FEDERATED STEEL SEES HIGHER SECOND QUARTER PROFIT"
STEEL = [
    "PITTSBURGH, Pa., April 8 - Federated Steel Corp said it expects its second quarter "
    "profit to rise on stronger demand for sheet steel, chairman John Whitcomb told "
    "shareholders.",
    "The company earned 12.5 mln dlrs in the first quarter.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_capitals_headline_ends_before_the_dateline_place(layout):
    entities, facts = _summary(layout(STEEL_HEAD, STEEL))
    assert ("Pittsburgh", "GPE") in entities
    assert not [name for name, _ in entities if "Profit" in name or "PROFIT" in name]
    said = {obj for pred, subj, obj in facts if pred == "said" and subj == "John Whitcomb"}
    assert said and not [obj for obj in said if "PROFIT" in obj]


@pytest.mark.parametrize(
    ("head", "dateline", "place"),
    [
        ("U.S. TRADE DEFICIT WIDENS IN JANUARY", "NEW YORK, March 3 -", "New York"),
        ("TALKS ON FARM TRADE OPEN", "PUNTA DEL ESTE, Uruguay, Sept 15 -", "Punta del Este"),
        ("GRAIN SHIPMENTS RISE", "KANSAS CITY, Mo., Feb 2 -", "Kansas City"),
    ],
)
def test_a_headline_run_into_a_dateline_of_a_place_in_several_words_keeps_the_place(
    head, dateline, place
):
    text = f"{head} {dateline} Officials said on Monday that the figures were better than expected."
    entities, _ = _summary(text)
    assert (place, "GPE") in entities
    last = head.split()[-1].title()  # the headline's last word, run into no name
    assert not [name for name, _ in entities if last in name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{STEEL_HEAD} {STEEL[0]}", ("1987-04-08", "PITTSBURGH, Pa., April 8")),
        (
            "U.S. TRADE DEFICIT WIDENS NEW YORK, March 3 - The deficit grew.",
            ("1987-03-03", "NEW YORK, March 3"),
        ),
        (
            "TALKS OPEN PUNTA DEL ESTE, Uruguay, Sept 15 - Ministers met.",
            ("1987-09-15", "PUNTA DEL ESTE, Uruguay, Sept 15"),
        ),
        ("THE BIG TEST IN London, March 3 - x", (None, None)),  # no place in capitals
    ],
)
def test_a_dateline_after_a_headline_on_the_same_line_dates_the_story(text, expected):
    assert dateline_date(text, 1987) == expected


# --- a word broken at a line's end -----------------------------------------------------------

# Hand-wrapped, ragged: the line that breaks "inter-" is far shorter than the wrap width.
HYPHENATED = """TEXTILE TALKS RESUME IN GENEVA
    GENEVA, March 3 - John Hartley, director of the Geneva office
    of the Textile Institute, said the inter-
    national agreement on cotton would be signed next month by
    thirty countries.
    The talks are due to end in December, and the long-
    awaited rules would follow, Hartley said.
"""


def _hyphen_layouts() -> list[str]:
    prose = HYPHENATED.replace("-\n    ", "-").split("\n")
    joined = [prose[0]]
    for line in prose[1:]:
        if line.startswith("    GENEVA") or line.startswith("    The talks") or not joined[-1]:
            joined.append(line)
        elif line:
            joined[-1] += " " + line.strip()
    return [
        HYPHENATED,
        HYPHENATED.replace("\n", "\r\n"),
        "\n".join(line.strip() for line in HYPHENATED.split("\n")),  # no indent at all
        "\n".join(joined).replace("inter-national", "international"),  # one line a paragraph
    ]


@pytest.mark.parametrize("text", _hyphen_layouts(), ids=["wrapped", "crlf", "flush", "one-line"])
def test_a_word_broken_at_the_end_of_a_short_line_is_one_word(text):
    facts = {obj for pred, subj, obj in _summary(text)[1] if pred == "said"}
    assert any("the international agreement on cotton" in obj for obj in facts), facts
    assert any("the long-awaited rules would follow" in obj for obj in facts), facts


def test_a_word_broken_by_a_hyphen_in_text_of_short_lines_is_one_word():
    text = "The inter-\nnational agreement was signed, John Hartley said.\nTalks end in May.\n"
    facts = {obj for pred, subj, obj in _summary(text)[1] if pred == "said"}
    assert facts == {"The international agreement was signed"}


# --- wire stories in every layout --------------------------------------------------------------

STORIES = {
    "earnings": (
        STEEL_HEAD,
        [
            STEEL[0],
            "Chairman John R. Whitcomb told shareholders at the annual meeting that shipments "
            'in April were running about 12 pct ahead of a year earlier. "We have not seen '
            'orders like these since 1979," Whitcomb said.',
            "For the first quarter the company reported:",
            ["Shr 1.10 dlrs vs 90 cts", "Net 12.5 mln vs 9.8 mln", "Revs 310.4 mln vs 287.1 mln"],
            "Federated said its joint venture with Nippon Kokan KK of Japan would start making "
            "coated steel in Lorain, Ohio, in the fall.",
        ],
    ),
    "price table": (
        "U.S. GRAIN INSPECTIONS FOR EXPORT RISE IN WEEK",
        [
            "WASHINGTON, March 16 - Inspections of U.S. wheat, corn and soybeans for export rose "
            "in the week ended March 12, the Agriculture Department said.",
            "Inspections, in thousands of bushels, were:",
            [
                "Curr Wk YTD Yr Ago",
                "Wheat 18,442 612,305 16,901",
                "Corn 31,210 801,112 27,450",
                "Soybeans 14,075 502,887 12,930",
            ],
            "Department economist Mary Kowalski said the rise in corn was mostly shipments to "
            "the Soviet Union and Japan.",
        ],
    ),
    "acquisition": (
        "FIRST WICHITA BANCORP TO BUY PRAIRIE SAVINGS",
        [
            "WICHITA, Kan., Oct 14 - First Wichita Bancorp Inc said it agreed to acquire Prairie "
            "Savings and Loan Association of Hutchinson, Kan., for about 42 mln dlrs in cash "
            "and stock.",
            "Robert Haldane, president of First Wichita, said the purchase would give the bank "
            "11 branches in central Kansas. Prairie Savings has assets of 310 mln dlrs.",
            "The acquisition is subject to approval by the Federal Home Loan Bank Board and "
            "Prairie shareholders, Haldane said.",
        ],
    ),
}


@pytest.mark.parametrize("story", list(STORIES))
@pytest.mark.parametrize("layout", LAYOUTS[1:])
def test_a_wire_story_gives_the_same_entities_and_facts_in_every_layout(story, layout):
    head, paragraphs = STORIES[story]
    assert _summary(layout(head, paragraphs)) == _summary(one_line(head, paragraphs))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_an_earnings_block_gives_its_figures_to_the_company(layout):
    head, paragraphs = STORIES["earnings"]
    _, facts = _summary(layout(head, paragraphs))
    amounts = {
        obj for pred, subj, obj in facts if pred == "amount" and subj == "Federated Steel Corp"
    }
    assert {"1.10 dlrs", "90 cts", "12.5 mln", "9.8 mln", "310.4 mln", "287.1 mln"} <= amounts


# --- a labelled list run into one line -------------------------------------------------------

AWARDS_HEAD = "Harbour drama leads Lisbon film awards"
AWARDS = [
    "The fishing drama Salt Roads won three prizes at the Lisbon film awards on Saturday "
    "night. The winners were:",
    [
        "Best film: Salt Roads",
        "Best director: Pieter Hollander (Salt Roads)",
        "Best actor: Tomas Varga (Night Ferry)",
        "Best screenplay: Ana Belo (Night Ferry)",
    ],
    "The jury was chaired by Spanish director Luis Romero.",
]


@pytest.mark.parametrize("layout", LAYOUTS[1:])
def test_an_award_list_run_into_one_line_keeps_each_winner_apart_from_the_next_category(layout):
    laid_out = _summary(layout(AWARDS_HEAD, AWARDS))
    assert laid_out == _summary(one_line(AWARDS_HEAD, AWARDS))
    assert not [name for name, _ in laid_out[0] if "Best" in name]


@pytest.mark.parametrize(
    "text",
    [
        "He starred in Robin Hood: Prince of Thieves and more recently Churchill: The Years.",
        "The sequels were Halloween: Resurrection and Halloween: The Curse of the Night.",
        "Booked: Rooney, Scholes. Att: 47,111 Ref: S Bennett (Kent).",
    ],
)
def test_titles_with_colons_and_a_team_sheet_are_no_labelled_list(text):
    from explorer.nlp.layout import analysis_view

    assert "\n" not in analysis_view(text).text


def test_an_award_line_in_title_case_is_no_headline() -> None:
    """ "Best actress: Ines Moura (The Quiet Coast)" was read as a headline in Title Case, so
    the winner, named nowhere else, was no one."""
    text = "Best actress: Ines Moura (The Quiet Coast)\nBest actor: Tomas Varga (Night Ferry)\n"
    people = {m.text for m in extract(text).mentions if m.label == "PERSON"}
    assert {"Ines Moura", "Tomas Varga"} <= people


def test_a_weekly_tables_first_column_head_is_no_name() -> None:
    text = (
        "Wool prices rose at Tuesday's sale in Sydney, brokers said.\n"
        "Prices in Australian cents a kilo, clean:\n"
        "Micron Curr Wk Prev Wk\n19 1,120 1,098\n21 1,015 1,002\n"
    )
    assert not [m for m in extract(text).mentions if "Micron" in m.text]
