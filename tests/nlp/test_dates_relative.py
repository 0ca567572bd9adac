"""Dates in the text, read against the document's date (Wednesday 4 March 1987)."""

from __future__ import annotations

import pytest

from explorer.nlp import extract
from explorer.nlp.values import find_values

DOC = {"date": "1987-03-04"}

#: (sentence, the date's words, its ISO value against DOC)
RELATIVE = [
    ("Prices rose in June.", "June", "1987-06"),
    ("Prices rose in May.", "May", "1987-05"),
    ("Prices rose last May.", "last May", "1986-05"),
    ("It fell last Tuesday.", "last Tuesday", "1987-03-03"),
    ("It fell on Monday.", "Monday", "1987-03-02"),
    ("It will open next Friday.", "next Friday", "1987-03-06"),
    ("It will open on Friday.", "Friday", "1987-03-06"),
    ("It was sold a week ago.", "a week ago", "1987-02-25"),
    ("It was sold two weeks ago.", "two weeks ago", "1987-02-18"),
    ("It was sold 3 days ago.", "3 days ago", "1987-03-01"),
    ("It was sold a year ago.", "a year ago", "1986"),
    ("It was sold five years ago.", "five years ago", "1982"),
    ("It was sold six months ago.", "six months ago", "1986-09"),
    ("It was sold a decade ago.", "a decade ago", "1977"),
    ("Hog slaughter was 300,000 head versus 292,000 week ago.", "week ago", "1987-02-25"),
    ("Output was 5.1 mln tonnes versus 4.9 mln year ago.", "year ago", "1986"),
    ("Stocks were 12 mln versus 11 mln month ago.", "month ago", "1987-02"),
    ("Shipments were 40,000 tonnes versus 38,000 year earlier.", "year earlier", "1986"),
    ("Profits rose in the first quarter.", "the first quarter", "1987-Q1"),
    ("The fourth-quarter loss widened.", "The fourth-quarter", "1987-Q4"),
    ("Sales in the final quarter of 1986 fell.", "the final quarter of 1986", "1986-Q4"),
    ("Sales in the second quarter of 1985 fell.", "the second quarter of 1985", "1985-Q2"),
    ("Q3 sales rose.", "Q3", "1987-Q3"),
    ("Q1 1988 sales will rise.", "Q1 1988", "1988-Q1"),
    ("It fell last quarter.", "last quarter", "1986-Q4"),
    ("It will rise next quarter.", "next quarter", "1987-Q2"),
    ("It rose this quarter.", "this quarter", "1987-Q1"),
    ("Sales in fiscal 1987 rose.", "fiscal 1987", "1987"),
    ("Sales in fiscal year 1986 rose.", "fiscal year 1986", "1986"),
    ("Sales in fiscal 1987/88 will rise.", "fiscal 1987/88", "1987/1988"),
    ("FY86 sales rose.", "FY86", "1986"),
    ("Sales rose in 2018.", "2018", "2018"),
    ("Sales rose in 1985/86.", "1985/86", "1985/1986"),
    ("Sales rose last year.", "last year", "1986"),
    ("Sales will rise next year.", "next year", "1988"),
    ("Sales rose this year.", "this year", "1987"),
    ("Sales rose last month.", "last month", "1987-02"),
    ("Sales will rise next month.", "next month", "1987-04"),
    ("Sales rose last week.", "last week", "1987-W09"),
    ("It happened yesterday.", "yesterday", "1987-03-03"),
    ("It happens today.", "today", "1987-03-04"),
    ("It happens tomorrow.", "tomorrow", "1987-03-05"),
    ("It opens on Christmas Day.", "Christmas Day", "1987-12-25"),
    ("It opened on March 2.", "March 2", "1987-03-02"),
    ("It opened on 2 March.", "2 March", "1987-03-02"),
    ("It opened on March 2, 1986.", "March 2, 1986", "1986-03-02"),
    ("Prices fell in the 1970s.", "the 1970s", "197X"),
    ("Prices fell in February 1986.", "February 1986", "1986-02"),
]


def test_the_list_holds_enough_expressions():
    assert len(RELATIVE) >= 40


@pytest.mark.parametrize("sentence, words, iso", RELATIVE)
def test_relative_dates_against_the_document_date(sentence, words, iso):
    dates = {m.text: m.norm for m in find_values(sentence, None, DOC) if m.label == "DATE"}
    assert dates.get(words) == iso, dates


def test_a_number_before_a_unit_is_never_a_date_of_that_magnitude():
    text = "Hog slaughter was 300,000 head versus 292,000 week ago."
    values = {m.text: (m.label, m.norm) for m in find_values(text, None, DOC)}
    assert values["292,000"] == ("CARDINAL", {"value": 292000})
    assert values["week ago"] == ("DATE", "1987-02-25")
    # and the whole pipeline keeps the document
    assert extract(text, DOC).sentences


@pytest.mark.parametrize(
    "text, meta",
    [
        ("It was 9999 years ago.", DOC),
        ("It happens tomorrow.", {"date": "9999-12-31"}),
        ("It happened yesterday.", {"date": "0001-01-01"}),
        ("It happened 9,999 weeks ago and 9999 weeks ago.", DOC),
        ("It happened 9999 days ago, 9999 decades ago.", {"date": "0005-01-01"}),
        ("Next year, next month and next week.", {"date": "9999-12-31"}),
    ],
)
def test_out_of_range_dates_are_dropped_never_raised(text, meta):
    for m in extract(text, meta).mentions:
        if m.label == "DATE" and m.norm is not None:
            assert 1 <= int(str(m.norm)[:4]) <= 9999


def test_a_coarse_document_date_anchors_only_what_it_can():
    month = {
        m.text: m.norm
        for m in find_values("Yesterday and in June and last month.", None, {"date": "1987-03"})
    }
    assert month == {"Yesterday": None, "June": "1987-06", "last month": "1987-02"}
    year = {
        m.text: m.norm for m in find_values("Last month, in June, in Q2.", None, {"date": "1987"})
    }
    assert year == {"Last month": None, "June": "1987-06", "Q2": "1987-Q2"}
