"""A document's date: every written form to ISO at its precision, and the places dates hide."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from explorer.ingest import document_from_text
from explorer.ingest.dates import dateline_date, parse_date, path_date, text_date

sys.path.insert(0, str(Path(__file__).parent))
from date_forms import FORMS


def test_the_list_holds_enough_forms():
    assert len(FORMS) >= 60
    assert len({text for text, _ in FORMS}) == len(FORMS)


@pytest.mark.parametrize("written, iso", FORMS)
def test_each_written_form_gives_its_iso_date_or_none(written, iso):
    assert parse_date(written) == iso


def test_day_first_order_is_a_setting(monkeypatch):
    assert parse_date("03/04/05") == "2005-03-04"
    assert parse_date("03/04/05", dayfirst=True) == "2005-04-03"
    monkeypatch.setenv("EXPLORER_DATE_ORDER", "DMY")
    assert parse_date("03/04/1987") == "1987-04-03"


def test_values_that_are_not_strings():
    from datetime import date, datetime

    assert parse_date(datetime(1987, 2, 26, 15, 1)) == "1987-02-26"
    assert parse_date(date(1987, 2, 26)) == "1987-02-26"
    assert parse_date(1987) == "1987"
    assert parse_date(1556618400) == "2019-04-30"
    assert parse_date(True) is None
    assert parse_date(["1987"]) is None
    assert parse_date("x" * 500) is None


@pytest.mark.parametrize(
    "text, year, expected",
    [
        ("SALVADOR, Feb 26 - Showers continued.", 1987, ("1987-02-26", "SALVADOR, Feb 26")),
        (
            "Cocoa\n\nLONDON, March 3 (Reuters) - Talks resumed.",
            1987,
            ("1987-03-03", "LONDON, March 3"),
        ),
        (
            "NEW YORK, March 3, 1986 -- Stocks fell.",
            None,
            ("1986-03-03", "NEW YORK, March 3, 1986"),
        ),
        ("Paris, 3 March — Talks.", 2001, ("2001-03-03", "Paris, 3 March")),
        ("SALVADOR, Feb 26 - Showers.", None, (None, "SALVADOR, Feb 26")),
        # An agency's own layout: the place and an ISO day, the line's whole.
        (
            "SOCCER - ROVERS HOLD UNITED\n\nMANCHESTER, England 1996-08-24\n\nRovers held.",
            None,
            ("1996-08-24", "MANCHESTER, England, 1996-08-24"),
        ),
        ("Result\r\nLONDON 1996-08-30\r\nShares fell.", 2004, ("1996-08-30", "LONDON, 1996-08-30")),
        ("LONDON 1996-08-30 - Shares fell.", None, ("1996-08-30", "LONDON, 1996-08-30")),
        ("Figures 1996-08-30 show a rise in sales.", None, (None, None)),
        ("LONDON 1996-13-30\nShares fell.", None, (None, None)),
        ("He said, Feb 26 was a day.", 1987, (None, None)),
        ("No dateline here.", 1987, (None, None)),
    ],
)
def test_datelines(text, year, expected):
    assert dateline_date(text, year) == expected


@pytest.mark.parametrize(
    "path, expected",
    [
        ("news/2019/04/30/story.txt", "2019-04-30"),
        ("2019-04-30-title.md", "2019-04-30"),
        ("posts/20190430_title.html", "2019-04-30"),
        ("archive/2019/04/index.html", "2019-04"),
        ("2018/01/02/x/2019-04-30-title.md", "2019-04-30"),
        ("bbc/business/001.txt", None),
        ("reports/2019-13-45.txt", None),
    ],
)
def test_path_dates(path, expected):
    assert path_date(path) == expected


def test_text_dates_the_latest_full_date_else_the_year_named_most():
    assert text_date("On 5 June 2004 it rose; on June 7, 2004 it fell.") == "2004-06-07"
    assert text_date("In 2003 and 2004 sales rose; 2004 was better; 1,999 units.") == "2004"
    assert text_date("Sales rose 20%.") is None
    # A year counted from is not the story's: "the best order book since 1979".
    assert text_date('"The best order book since 1979," Huang said.') is None
    assert text_date("Orders rose in 1987, the most since\n1979.") == "1987"


def doc(text, **meta):
    return document_from_text("d", text, path=meta.pop("path", None), meta=meta)


def test_sources_in_order_of_precedence():
    body = "Headline\n\nLONDON, March 3 (Reuters) - Talks resumed in 1987.\n"
    assert (doc(body, date="1987-03-02", date_source="metadata").date_source) == "metadata"
    assert (doc(body, date="1987-03-02").date, doc(body, date="1987-03-02").date_source) == (
        "1987-03-02",
        "field",
    )
    d = doc(body)
    assert (d.date, d.date_source, d.meta["dateline"]) == (
        "1987-03-03",
        "dateline",
        "LONDON, March 3",
    )
    d = doc("Headline\nBy Jane Doe, 30 April 2019\n\nLONDON, March 3 - Talks.\n")
    assert (d.date, d.date_source, d.author) == ("2019-04-30", "byline", "Jane Doe")
    d = doc("Headline\n\nNothing dated in 2001.", path="news/2019/04/30/x.txt")
    assert (d.date, d.date_source) == ("2019-04-30", "path")
    d = doc("Headline\nPublished: 30 April 2019\n\nBody.")
    assert (d.date, d.date_source) == ("2019-04-30", "text")
    # a year the story mentions is its events', not the document's date
    d = doc("Headline\n\nNothing dated in 2001.")
    assert (d.date, d.date_source) == (None, None)
    d = doc("Headline\n\nNothing dated.")
    assert (d.date, d.date_source) == (None, None)


def test_a_date_not_understood_is_kept_verbatim_and_the_next_source_used():
    d = doc("Headline\n\nSALVADOR, Feb 26 - Showers.", date="26-FEV-1987 15:01")
    assert d.meta["date_unparsed"] == "26-FEV-1987 15:01"
    # the dateline's year comes from the date that was not understood as a whole
    assert (d.date, d.date_source) == ("1987-02-26", "dateline")
    d = doc("Headline\n\nBody.", date="sometime in spring")
    assert (d.date, d.meta["date_unparsed"]) == (None, "sometime in spring")


def test_the_date_and_its_source_reach_the_extract_meta():
    d = doc("Headline\n\nBody.", date="Feb 26, 1987")
    assert d.meta_dict()["date"] == "1987-02-26"
    assert d.meta_dict()["date_source"] == "field"
