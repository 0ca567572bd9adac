"""The shortcuts of the value pass find what the whole patterns find.

`values._match` skips the readings before CARDINAL where the text shows none can apply; at
every number it must give the same span, kind and lead-in as `values._PATTERN` itself, and
`values._anchor_starts` must find every place `values._ANCHOR` finds a value may start, and
`values._PATTERN`, which reads a run of digits whole, must match as it did when it gave the
digits back one by one: on
text written here for the edge cases, and on every number of the BBC and CoNLL texts (kept
beside the repository, never in it; skipped when absent).
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from explorer.nlp import values

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
BBC = SHARED / "data" / "news" / "bbc"
GOLD = SHARED / "data" / "conll2003" / "eng.testa"
HARNESS = SHARED / "eval" / "ner_eval.py"

_RUN_START = re.compile(r"(?<!\d)\d")


def _key(m: re.Match[str] | None) -> tuple | None:
    return None if m is None else (m.span(), m.lastgroup, m.span("mod"))


def _differences(text: str) -> list[str]:
    """The numbers of `text` where the shortcut and the whole pattern disagree, and the
    places where a value may start that the anchors' look-ahead would lose or add."""
    numbers = [
        text[max(0, m.start() - 10) : m.start() + 20]
        for m in _RUN_START.finditer(text)
        if _key(values._match(text, m.start())) != _key(values._PATTERN.match(text, m.start()))
    ]
    found = [m.span() for m in values._ANCHOR.finditer(text)]
    expected = [m.span() for m in _ANCHOR_WITHOUT_LOOKAHEAD.finditer(text)]
    starts = list(values._anchor_starts(text))
    backtracked = [
        text[max(0, at - 10) : at + 20]
        for at in sorted({m.start() for m in _RUN_START.finditer(text)} | set(starts))
        if _key(values._PATTERN.match(text, at)) != _key(_BACKTRACKING.match(text, at))
    ]
    return (
        numbers
        + backtracked
        + [f"anchors {sorted(set(found) ^ set(expected))}"] * (found != expected)
        + [f"anchor starts {sorted(set(starts) ^ {s for s, _ in found})}"]
        * (starts != [s for s, _ in found])
    )


# The whole pattern as it was before its runs of digits were read possessively.
_BACKTRACKING = re.compile(
    values._PATTERN.pattern.replace(
        values._DIGITS, values._DIGITS.replace("{1,3}+", "{1,3}").replace("++", "+")
    )
)
assert _BACKTRACKING.pattern != values._PATTERN.pattern


# The anchors as they were before the look-ahead that lets the engine skip other characters.
_ANCHOR_WITHOUT_LOOKAHEAD = re.compile(values._ANCHOR.pattern.removeprefix(values._ANCHOR_START))


EDGE_CASES = [
    "Scores: Arsenal 2 1 Chelsea, then 3 0 at home; 10 12 13 11 in the table.",
    "They won in 2004. In 1996, it rose; the 1999 2000 season; 2010, 1850 1900",
    "It cost 5. Then 5, and 5,000. Then 1,000,000.5 and 12.5, 3.0. And 7",
    "3 %, 4 per cent, 5 pct, 6% and 7 million 8 bn 9m 10 GW 11 km 12 °C 13°C",
    "$1,000,000x, $5.55x, 1,234,56 km, 12345 years, 1.5.5 pct, 5.5.5%, .5 .55x, 1,000.5.5",
    "At 10 30 GMT, 10:30, 9 pm, 11 a.m. on 5 May, 3 of March, 2 quarter.",
    "A320 1 B52, -5 4, 5-3 2, 1/2 3, 19961 2 and 20041. 123456789 0",
    "over 20 30 people, about 40 5, more than 50. Some 60, no 70 80",
    "1st 2 2nd, 3rd 4 5th 6, the 1990s 7, mid-1990 8, fiscal 1987 9 FY2018 1",
    "\u0661\u0662 3, \u0663 \u0664 and 5\u00a06, 7\u20038\n9\n10",
    "4-0 win, 100-1 odds, a 19-year-old, 3-D, 1-2 million dollars, 12-15% rise, 9-5 jobs,",
    "10-12 km, 5-10pm, 1996-97, 2003-04, 1999-2000, 1234-5, A320-200, 1-0-23-0, 6-3 6-4 7-6",
    "24-hour, 2-for-1, 3-pct, 5-mln-dlr, 10-year bonds, 30-day, 1-1/2, 7-Eleven, 15-year high",
    # A number, a space and a word: CARDINAL alone, unless the word goes on a reading.
    "out for 83 on Friday, 39 runs in two, by 213 , Somerset 6 - 3 and 5 ( a ) 7 ) 8 ; 9 !",
    "5 million people, 7 Million, 8 mln dlrs, 9 bln marks, 10 Swiss francs, 11 French",
    "12 Deutsche marks, 13 D-Marks, 14 DM, 15 US dollars, 16 U.S. dollars, 17 USD, 18 yen",
    "19 per cent, 20 Percent, 21 percentage points, 22 pct, 23 PCT, 9 am, 10 PM, 11 a.m.",
    "3 of May, 4 June, 5 JUNE, 6 Sept. 1990, 7 years ago, 8 Weeks, 9 hours, 2 centuries",
    "10 km/h, 11 square miles, 12 sq km, 13 cubic metres, 14 inches, 15 feet, 16 tonnes",
    "17 Mark Smith, 18 crowns, 19 won, 2.5 stg, 1,000 cts, 3.5 lire, 4 ECUs, 5 reais, 6 pence",
    "1996 people, 1850 votes, 2001 Space, 1,500 of them, 12.5 dozen, 7 o'clock, 8 A.M.",
    "",
    # Every way a value starts, at the start of the text, inside words and after digits.
    "$5 £6 €7 ¥8 ₹9 ₽1 ₩2 ₺3 US$4 A$5 HK$6 C$7 S$8 FY87 FY 2018 USD 5 EUR5 Q3 Q4 2019",
    "January Feb. March April May June July August Sept. October Nov December Jan",
    "New Year Christmas Boxing Day Easter Good Friday Thanksgiving Ramadan Hanukkah Diwali",
    "Passover Halloween Valentine's Day Monday Tuesday Wednesday Thursday Friday Saturday",
    "one Two three twenty Thirty first Second dozen hundreds thousands Millions billions",
    "today Yesterday tomorrow tonight noon midnight midday year Month week weekend decade",
    "century Spring summer autumn Winter quarter fiscal Fiscal",
    "oneself Tuesdays xone 2one _one US$ FYI fy87 Q5 mayday notoday yearly quarterly",
    "Janet Marchant Augusta Sunday's Mayor Junebug Decembers Q1s USDA EURO",
    # A word right after a currency sign, and after letters, digits and marks of other scripts.
    "A$January$ $Year US$Year £one€two$5$ 5$ $$ US$US$Monday ¥ 12.5€ HK$Q3",
    "one. two,three(four)five-six/seven é5 éone _one x5 5x 5one٣two ٣ ٣٣ naïve year",
    "Year",
    "5",
    "$",
    "x",
]


def test_the_shortcut_matches_the_whole_pattern_on_edge_cases() -> None:
    for text in EDGE_CASES:
        assert _differences(text) == [], text


def test_a_short_run_of_digits_before_a_dash_is_no_value() -> None:
    assert values._DASHED.match("4-0", 0) and values._match("4-0", 0) is None
    assert values._DASHED.match("100-1", 0) and values._match("100-1 odds", 0) is None
    assert not values._DASHED.match("1996-97", 0)  # a year reads on across the dash
    assert values._match("1996-97", 0) is not None


def test_the_shortcut_is_taken_for_plain_numbers_only() -> None:
    assert values._PLAIN_NUMBER.match("12 3", 0)
    assert values._PLAIN_NUMBER.match("12.", 0)
    assert values._PLAIN_NUMBER.match("1500,", 0)  # not a year this pass reads alone
    assert not values._PLAIN_NUMBER.match("2004.", 0)  # a year
    assert not values._PLAIN_NUMBER.match("12 people", 0)
    assert not values._PLAIN_NUMBER.match("12.5", 0)
    assert not values._PLAIN_NUMBER.match("12%", 0)


def test_a_number_before_a_word_no_reading_takes_is_read_as_a_count_only() -> None:
    assert values._match("for 83 on Friday", 4).span() == (4, 6)
    assert values._match("by 6 - 3", 3).span() == (3, 4)
    # the shortcut leaves these to the whole pattern, which reads them as more than a count
    assert values._match("5 million people", 0).span() == (0, 9)
    assert values._match("10 Swiss francs", 0).lastgroup == "MONEY"
    assert values._match("19 per cent", 0).lastgroup == "PERCENT"
    assert values._match("3 of May", 0).lastgroup == "DMY"
    assert values._match("7 years ago", 0).lastgroup == "AGO"
    assert values._match("11 square miles", 0).lastgroup == "QUANTITY"


@pytest.mark.skipif(not BBC.exists(), reason="the BBC corpus is absent")
def test_the_shortcut_matches_the_whole_pattern_on_bbc() -> None:
    for path in sorted(BBC.rglob("*.txt")):
        assert _differences(path.read_text("utf-8", errors="replace")) == [], path.name


@pytest.mark.skipif(
    not (GOLD.exists() and HARNESS.exists()), reason="CoNLL-2003 data or harness absent"
)
def test_the_shortcut_matches_the_whole_pattern_on_conll() -> None:
    spec = importlib.util.spec_from_file_location("ner_eval", HARNESS)
    assert spec is not None and spec.loader is not None
    ner_eval = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ner_eval)
    for doc in ner_eval.read_conll(str(GOLD)):
        text = ner_eval.build_text(doc)[0]
        assert _differences(text) == [], text[:60]
