"""Title, date and author as a reader expects them."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.ingest import document_from_text
from explorer.ingest.metadata import normalize_date, sniff

SEED = Path(__file__).resolve().parents[2] / "explorer" / "seeds" / "000_89ed38884c8c83f1.txt"


def test_sample_article_byline_gives_date_and_author_and_title_is_the_first_real_line():
    doc = document_from_text("sample", SEED.read_text(encoding="utf-8"))
    assert doc.date == "2019-04-30"
    assert doc.author == "Abdul Kerimkhanov"
    assert doc.title.startswith("Iranian Ambassador to Russia Mehdi Sanai")
    assert len(doc.title) <= 121
    assert doc.text.startswith(" date 2019-04-30 By Abdul Kerimkhanov\n")  # text never altered


def test_headline_on_the_first_line_is_the_title():
    title, date, author = sniff(
        "Ad sales boost Time Warner profit\n\nQuarterly profits at US "
        "media giant TimeWarner jumped 76%.\n"
    )
    assert (title, date, author) == ("Ad sales boost Time Warner profit", None, None)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Headline here\nBy Jane Doe\n\nBody.", ("Headline here", None, "Jane Doe")),
        ("By Jane van der Berg\nHeadline\n\nBody.", ("Headline", None, "Jane van der Berg")),
        ("Headline\nPublished: 30 April 2019\n\nBody.", ("Headline", "2019-04-30", None)),
        (
            "Date: April 30, 2019 | By John Smith\nHeadline\nBody.",
            ("Headline", "2019-04-30", "John Smith"),
        ),
    ],
)
def test_bylines_and_date_lines(text, expected):
    assert sniff(text) == expected


@pytest.mark.parametrize(
    "raw, iso",
    [
        ("2019-04-30", "2019-04-30"),
        ("2019-04-30T10:00:00Z", "2019-04-30"),
        ("30 April 2019", "2019-04-30"),
        ("Tuesday, 30th April 2019", "2019-04-30"),
        ("April 30, 2019", "2019-04-30"),
        ("Apr. 3 2019", "2019-04-03"),
        ("2019/4/3", "2019-04-03"),
        ("Tue, 30 Apr 2019 10:00:00 +0000", "2019-04-30"),
        ("D:20190430120000+02'00'", "2019-04-30"),
        ("31 February 2019", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_dates_normalise_to_iso_8601(raw, iso):
    assert normalize_date(raw) == iso


def test_meta_wins_over_sniffing_and_is_trimmed():
    doc = document_from_text(
        "x",
        "First line\nBy Someone Else\n\nText.",
        meta={
            "title": "  Given   title \n",
            "author": "By  Ann Lee ",
            "date": "1 May 2020",
            "source": "wire",
        },
    )
    assert (doc.title, doc.author, doc.date) == ("Given title", "Ann Lee", "2020-05-01")
    assert doc.meta == {"source": "wire"}


def test_a_document_without_any_line_gets_its_id_as_title():
    assert document_from_text("empty-ish", "   \n").title == "empty-ish"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_capitals_headline_wrapped_onto_a_second_line_is_the_whole_title(newline):
    text = newline.join(
        [
            "    NORDIC STEEL MAKER HOLDS DIVIDEND AS PRICES FOR FLAT STEEL",
            "    WEAKEN",
            "    STOCKHOLM, Feb 9 - Ranvik Stal AB said on Thursday it would",
            "hold its dividend.",
        ]
    )
    title = document_from_text("ranvik", text).title
    assert title == "NORDIC STEEL MAKER HOLDS DIVIDEND AS PRICES FOR FLAT STEEL WEAKEN"


@pytest.mark.parametrize(
    "text",
    [
        "BANK HOLDS RATES\nLONDON, MARCH 3 - The bank held its rate.",
        "UK ECONOMY GROWS\n\nBY JOHN SMITH\n\nThe economy grew.",
    ],
)
def test_a_dateline_or_a_byline_in_capitals_is_no_part_of_the_title(text):
    assert sniff(text)[0] in ("BANK HOLDS RATES", "UK ECONOMY GROWS")
