"""Earnings tables of wire copy: each row "<metric> <figure> vs <figure>" is two amounts of the
company the table reports, the second the earlier period's, as "net profit rose to 310 mln
dlrs from 290 mln" is in prose. Tables of prices or sports results give none. The stories are
written for these tests; each is read one line per paragraph and hard-wrapped at 65 columns."""

from __future__ import annotations

import textwrap

import pytest

from explorer.model import NAME_LABELS
from explorer.nlp import extract


def story(paragraphs: list[str], table: list[str], wrap: bool) -> str:
    """A wire story: paragraphs indented by four spaces (hard-wrapped at 65 columns when
    `wrap`), then the table, one row a line, indented."""
    if wrap:
        body = "\n".join(
            textwrap.fill(p, 65, initial_indent="    ", subsequent_indent="") for p in paragraphs
        )
    else:
        body = "\n".join("    " + p for p in paragraphs)
    return body + "\n" + "\n".join("    " + row if row else "" for row in table) + "\n"


LAYOUTS = [pytest.param(False, id="one-line-paragraphs"), pytest.param(True, id="hard-wrapped")]


def table_amounts(text: str) -> list[tuple]:
    """(subject, evidence, metric, value, currency or unit, period, period_norm, earlier) of
    each amount fact, its evidence as the text has it with the layout's spaces made one."""
    out = []
    for f in extract(text).facts:
        if f.predicate != "amount":
            continue
        q = f.qualifiers
        out.append(
            (
                f.subject,
                " ".join(text[f.start : f.end].split()),
                q.get("metric"),
                q.get("value"),
                q.get("currency", q.get("unit")),
                q.get("period"),
                q.get("period_norm"),
                q.get("earlier", False),
            )
        )
    return out


CARVER = [
    "DAYTON, Ohio, Feb 12 - Carver Brass Co said its loss for the last quarter narrowed as "
    "orders from refinery customers picked up late in the year, and that it looked for a "
    "return to profit by the summer.",
    "The company gave these figures for the periods ended December 31, 1986.",
]
CARVER_TABLE = [
    "4th qtr",
    "Oper shr loss 12 cts vs profit five cts",
    "Oper net loss 1,240,000 vs profit 512,000",
    "Sales 48.3 mln vs 51.7 mln",
    "Year",
    "Oper shr profit 31 cts vs 1.02 dlrs",
    "Oper net profit 3,180,000 vs 10,460,000",
    "Sales 201.6 mln vs 214.9 mln",
    "Backlog 88.2 mln vs 71.5 mln",
    "NOTE: Prior year net excludes a gain of 2.1 mln dlrs on the sale of a foundry.",
]


@pytest.mark.parametrize("wrap", LAYOUTS)
def test_two_blocks_loss_and_profit_rows_and_the_story_year(wrap):
    c = "Carver Brass Co"
    assert table_amounts(story(CARVER, CARVER_TABLE, wrap)) == [
        (c, "Oper shr loss 12 cts", "operating loss per share", 0.12, "USD", "4th quarter", "1986-Q4", False),
        (c, "Oper shr loss 12 cts vs profit five cts", "operating earnings per share", 0.05, "USD", "4th quarter", "1985-Q4", True),
        (c, "Oper net loss 1,240,000", "operating net loss", 1240000, "USD", "4th quarter", "1986-Q4", False),
        (c, "Oper net loss 1,240,000 vs profit 512,000", "operating net profit", 512000, "USD", "4th quarter", "1985-Q4", True),
        (c, "Sales 48.3 mln", "sales", 48.3e6, "USD", "4th quarter", "1986-Q4", False),
        (c, "Sales 48.3 mln vs 51.7 mln", "sales", 51.7e6, "USD", "4th quarter", "1985-Q4", True),
        (c, "Oper shr profit 31 cts", "operating earnings per share", 0.31, "USD", "year", "1986", False),
        (c, "Oper shr profit 31 cts vs 1.02 dlrs", "operating earnings per share", 1.02, "USD", "year", "1985", True),
        (c, "Oper net profit 3,180,000", "operating net profit", 3180000, "USD", "year", "1986", False),
        (c, "Oper net profit 3,180,000 vs 10,460,000", "operating net profit", 10460000, "USD", "year", "1985", True),
        (c, "Sales 201.6 mln", "sales", 201.6e6, "USD", "year", "1986", False),
        (c, "Sales 201.6 mln vs 214.9 mln", "sales", 214.9e6, "USD", "year", "1985", True),
        (c, "Backlog 88.2 mln", "backlog", 88.2e6, "USD", "year", "1986", False),
        (c, "Backlog 88.2 mln vs 71.5 mln", "backlog", 71.5e6, "USD", "year", "1985", True),
        # the note's "2.1 mln dlrs" is no row; the prose amount path has nothing to say of it
    ]  # fmt: skip


RIDGEWAY = [
    "Ridgeway Instruments Inc said its British unit lost orders worth about 2 mln stg when a "
    "customer in Leeds closed, but that the quarter was otherwise in line with its forecast.",
    "Ridgeway Instruments Inc <RIDG> gave these results.",
]
RIDGEWAY_TABLE = [
    "Qtr ended June 30",
    "Shr diluted 44 cts vs 39 cts",
    "Net loss 1.2 mln vs profit 800,000",
    "Revs 19.4 mln vs 17.1 mln",
    "Avg shrs 2,730,000 vs 2,710,000",
    "Nine mths",
    "Shr diluted 1.30 dlrs vs 1.08 dlrs",
    "Net 4.9 mln vs 4.1 mln",
]


@pytest.mark.parametrize("wrap", LAYOUTS)
def test_quarter_ended_header_and_the_currency_of_the_shr_row(wrap):
    r = "Ridgeway Instruments Inc"
    rows = [a for a in table_amounts(story(RIDGEWAY, RIDGEWAY_TABLE, wrap)) if a[0] == r]
    qtr = "quarter ended june 30"
    assert rows == [
        (r, "Shr diluted 44 cts", "diluted earnings per share", 0.44, "USD", qtr, "Q2", False),
        (r, "Shr diluted 44 cts vs 39 cts", "diluted earnings per share", 0.39, "USD", qtr, None, True),
        # the story speaks of sterling, the table of dollars: its figures are in dollars
        (r, "Net loss 1.2 mln", "net loss", 1.2e6, "USD", qtr, "Q2", False),
        (r, "Net loss 1.2 mln vs profit 800,000", "net profit", 800000, "USD", qtr, None, True),
        (r, "Revs 19.4 mln", "revenue", 19.4e6, "USD", qtr, "Q2", False),
        (r, "Revs 19.4 mln vs 17.1 mln", "revenue", 17.1e6, "USD", qtr, None, True),
        # a number of shares, not money
        (r, "Avg shrs 2,730,000", "average shares", 2730000, "shares", qtr, "Q2", False),
        (r, "Avg shrs 2,730,000 vs 2,710,000", "average shares", 2710000, "shares", qtr, None, True),
        (r, "Shr diluted 1.30 dlrs", "diluted earnings per share", 1.3, "USD", "nine months", None, False),
        (r, "Shr diluted 1.30 dlrs vs 1.08 dlrs", "diluted earnings per share", 1.08, "USD", "nine months", None, True),
        (r, "Net 4.9 mln", "net profit", 4.9e6, "USD", "nine months", None, False),
        (r, "Net 4.9 mln vs 4.1 mln", "net profit", 4.1e6, "USD", "nine months", None, True),
    ]  # fmt: skip


OAKHURST = [
    "LONDON, March 3 - Oakhurst Mills PLC said profits recovered as mill margins widened.",
    "Oakhurst Mills PLC reported these figures for the first half of 1987.",
]
OAKHURST_TABLE = [
    "Shr 14.2p vs 9.8p",
    "Net 6.3 mln vs 4.4 mln",
    "Turnover 77.0 mln vs 70.3 mln",
    "Interim div 3.1p vs 2.9p",
]


@pytest.mark.parametrize("wrap", LAYOUTS)
def test_pence_a_share_make_a_sterling_table(wrap):
    o, h1 = "Oakhurst Mills PLC", "first half"
    assert table_amounts(story(OAKHURST, OAKHURST_TABLE, wrap)) == [
        (o, "Shr 14.2p", "earnings per share", 0.142, "GBP", h1, "1987-H1", False),
        (o, "Shr 14.2p vs 9.8p", "earnings per share", 0.098, "GBP", h1, "1986-H1", True),
        (o, "Net 6.3 mln", "net profit", 6.3e6, "GBP", h1, "1987-H1", False),
        (o, "Net 6.3 mln vs 4.4 mln", "net profit", 4.4e6, "GBP", h1, "1986-H1", True),
        (o, "Turnover 77.0 mln", "revenue", 77e6, "GBP", h1, "1987-H1", False),
        (o, "Turnover 77.0 mln vs 70.3 mln", "revenue", 70.3e6, "GBP", h1, "1986-H1", True),
        (o, "Interim div 3.1p", "dividend", 0.031, "GBP", h1, "1987-H1", False),
        (o, "Interim div 3.1p vs 2.9p", "dividend", 0.029, "GBP", h1, "1986-H1", True),
    ]  # fmt: skip


def test_rows_run_together_on_one_line_are_still_rows():
    text = " ".join(story(OAKHURST, OAKHURST_TABLE, False).split())
    assert table_amounts(text)[:4] == table_amounts(story(OAKHURST, OAKHURST_TABLE, False))[:4]
    assert len(table_amounts(text)) == 8


def test_a_scale_note_multiplies_the_bare_figures_but_not_those_a_share():
    text = (
        "Tarnby Foods A/S said first half results met its forecast.\n"
        "Six months to June 30\n"
        "(in millions of yen unless stated)\n"
        "Net sales 289.1 vs 256.9\n"
        "Shr 12.40 vs 11.80\n"
    )
    found = table_amounts(text)
    assert [(a[2], a[3], a[4], a[5]) for a in found] == [
        ("sales", 289.1e6, "JPY", "six months to june 30"),
        ("sales", 256.9e6, "JPY", "six months to june 30"),
        ("earnings per share", 12.4, "JPY", "six months to june 30"),
        ("earnings per share", 11.8, "JPY", "six months to june 30"),
    ]


# --- tables that are no earnings table ----------------------------------------------------

PRICES = """\
    Grain shipments from the Gulf ports rose in the week, the inspection service said.
                         Curr Wk      YTD     Yr Ago
    Wheat                1,234.5  18,442.0  16,901.3
    Corn                   842.0   9,310.2   8,774.9
    Sorghum                 65.1     711.0      802.4
"""

RESULTS = """\
    Results of English league matches played on Saturday.
    Portmoor Rovers 2 Kingsbridge United 1
    Ashvale Town 0 Netherby Athletic 0
    Saturday's fixtures: Portmoor Rovers vs Netherby Athletic, Ashvale Town vs Kingsbridge United
    Standings: Portmoor Rovers 12 points vs 11 for Kingsbridge United
"""

PROSE_VS = """\
    Analysts said the company's net profit of 5 mln dlrs vs 4 mln dlrs a year ago was
a good showing. Sales 12 pct ahead vs last year, said Oskar Lind of Brandt Research.
"""


@pytest.mark.parametrize("text", [PRICES, RESULTS], ids=["price-table", "league-results"])
def test_tables_of_prices_and_results_give_no_amount(text):
    assert table_amounts(text) == []


def test_vs_in_prose_is_no_table_row():
    # a prose sentence may say "vs"; its figures are prose amounts, not rows of a table
    assert [a for a in table_amounts(PROSE_VS) if a[7]] == []


def test_the_period_of_the_sentence_that_introduces_the_table():
    text = (
        "Fernhill Paper Inc reported these results for the quarter ended March 31, 1987.\n"
        "Shr nil vs three cts\n"
        "Net 41,000 vs 388,000\n"
    )
    f = "Fernhill Paper Inc"
    qtr = "quarter ended march 31, 1987"
    assert table_amounts(text) == [
        (f, "Shr nil", "earnings per share", 0, "USD", qtr, "1987-Q1", False),
        (f, "Shr nil vs three cts", "earnings per share", 0.03, "USD", qtr, "1986-Q1", True),
        (f, "Net 41,000", "net profit", 41000, "USD", qtr, "1987-Q1", False),
        (f, "Net 41,000 vs 388,000", "net profit", 388000, "USD", qtr, "1986-Q1", True),
    ]


def test_a_table_without_a_currency_word_is_in_the_story_s_currency():
    text = (
        "Brackley Textiles PLC said pre-tax profit rose to 9.2 mln stg in the year.\n"
        "Brackley Textiles PLC gave these figures for the year to March 31, 1987.\n"
        "Net 6.1 mln vs 5.4 mln\n"
        "Sales 88.0 mln vs 80.6 mln\n"
    )
    rows = [a for a in table_amounts(text) if a[1].startswith(("Net", "Sales"))]
    assert [(a[0], a[2], a[3], a[4], a[6], a[7]) for a in rows] == [
        ("Brackley Textiles PLC", "net profit", 6.1e6, "GBP", "1987", False),
        ("Brackley Textiles PLC", "net profit", 5.4e6, "GBP", "1986", True),
        ("Brackley Textiles PLC", "sales", 88e6, "GBP", "1987", False),
        ("Brackley Textiles PLC", "sales", 80.6e6, "GBP", "1986", True),
    ]


# --- whose table it is ----------------------------------------------------------------------

LINDQVIST = [
    "LINDQVIST MARINE <LMQ> SECOND QTR NET RISES",
    "SEATTLE, July 21 - Lindqvist Marine Inc said second quarter profits rose on higher sales "
    "of outboard engines and lower costs for aluminium.",
    "Separately, Pellham Boatworks Co said it agreed to sell its sailmaking division to a group "
    "led by its managers for about 12 mln dlrs.",
]
LINDQVIST_TABLE = [
    "Qtr ended June 30",
    "Shr 47 cts vs 39 cts",
    "Net 12.3 mln vs 10.1 mln",
]


@pytest.mark.parametrize("wrap", LAYOUTS)
def test_a_separately_paragraph_before_the_table_does_not_take_it(wrap):
    # the table reports the results of the headline's company, not of the one named just before
    found = table_amounts(story(LINDQVIST, LINDQVIST_TABLE, wrap))
    assert {a[0] for a in found} == {"Lindqvist Marine Inc"}
    assert len(found) == 4


@pytest.mark.parametrize("wrap", LAYOUTS)
def test_a_sentence_that_does_not_introduce_the_table_leaves_it_to_the_lead(wrap):
    paragraphs = [
        "TALLIS BANCORP REPORTS LOWER NET",
        "HARTFORD, Conn., April 9 - Tallis Bancorp said first quarter earnings fell because of "
        "higher provisions for loans to farmers.",
        "In a separate announcement, Corwin Savings Bank said it would buy back up to one mln of "
        "its shares.",
        "Tallis also declared a quarterly dividend of 22 cts a share, payable May 15.",
    ]
    table = ["Shr 61 cts vs 74 cts", "Net 9.8 mln vs 11.9 mln"]
    found = table_amounts(story(paragraphs, table, wrap))
    rows = [a for a in found if a[1].startswith(("Shr", "Net"))]
    # the company and the period of the lead ("first quarter earnings fell")
    assert [(a[0], a[2], a[5], a[6], a[7]) for a in rows] == [
        ("Tallis Bancorp", "earnings per share", "first quarter", "Q1", False),
        ("Tallis Bancorp", "earnings per share", "first quarter", None, True),
        ("Tallis Bancorp", "net profit", "first quarter", "Q1", False),
        ("Tallis Bancorp", "net profit", "first quarter", None, True),
    ]


METALS = """\
    LONDON, May 18 - Tin and copper eased in late trading on the
metal exchange as dealers took profits after last week's rally,
traders said.
    All prices in stg per tonne
                     Buyer      Seller     High     Low
    Copper Grade A   1,012.50   1,013.00   1,021    1,008
    Lead               312.25     312.75     315      310
    Zinc               455.00     456.00     459      452
"""

SLAUGHTER = """\
    WASHINGTON, Nov 3 - Cattle slaughter for the week was estimated
at 662,000 head, the Agriculture Department said.
                      Curr Wk   Prev Wk   Yr Ago
    Cattle            662,000   648,000   701,000
    Hogs            1,704,000 1,688,000 1,812,000
"""


@pytest.mark.parametrize("text", [METALS, SLAUGHTER], ids=["metals", "slaughter"])
def test_the_heads_of_a_table_s_columns_are_no_names(text):
    for layout in (text, text.replace("\n", "\r\n")):
        names = {(e.name, e.label) for e in extract(layout).entities if e.label in NAME_LABELS}
        assert names <= {
            ("London", "GPE"), ("Washington", "GPE"), ("Agriculture Department", "ORG"),
            # the countries of the datelines, without a mention
            ("United Kingdom", "GPE"), ("United States", "GPE"),
        }, names  # fmt: skip
    # a line of capitalised words before prose is still read as names
    text = "Buyer Seller Mortimer Grange\nMortimer Grange said it would sell 1,000 shares.\n"
    assert ("Mortimer Grange", "PERSON") in {(e.name, e.label) for e in extract(text).entities}
