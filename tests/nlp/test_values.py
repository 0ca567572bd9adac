"""Values: dates, times, money, percentages, quantities, ordinals and counts, normalised."""

from __future__ import annotations

import pytest

from explorer.nlp import extract
from explorer.nlp.values import find_values

META = {"date": "2019-04-30"}


def values(text: str, meta=META) -> list[tuple[str, str, object]]:
    found = find_values(text, None, meta)
    for m in found:
        assert text[m.start : m.end] == m.text
    return [(m.label, m.text, m.norm) for m in found]


def one(text: str, meta=META):
    found = values(text, meta)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "norm"),
    [
        (
            "Trade has reached $500 million.",
            "$500 million",
            {"value": 500000000, "currency": "USD"},
        ),
        ("A deal worth £1.2bn was signed.", "£1.2bn", {"value": 1200000000, "currency": "GBP"}),
        ("Profits were $1.13bn.", "$1.13bn", {"value": 1130000000, "currency": "USD"}),
        ("It cost €20m in all.", "€20m", {"value": 20000000, "currency": "EUR"}),
        ("They paid US$5 each.", "US$5", {"value": 5, "currency": "USD"}),
        ("A fine of 100 euros.", "100 euros", {"value": 100, "currency": "EUR"}),
        (
            "Worth 500 million dollars.",
            "500 million dollars",
            {"value": 500000000, "currency": "USD"},
        ),
        ("A loan of EUR 20m.", "EUR 20m", {"value": 20000000, "currency": "EUR"}),
        ("It sells for 50 cents.", "50 cents", {"value": 0.5, "currency": "USD"}),
        ("Oil at 3 billion roubles.", "3 billion roubles", {"value": 3e9, "currency": "RUB"}),
    ],
)
def test_money_is_a_value_and_a_currency(text, surface, norm):
    assert one(text) == ("MONEY", surface, norm)


def test_money_keeps_an_approximation_word():
    assert one("It raised more than $2m.") == (
        "MONEY",
        "more than $2m",
        {"value": 2000000, "modifier": ">", "currency": "USD"},
    )


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Shares rose 5% on Friday.", "5%", 5.0),
        ("Inflation fell to 2.5 per cent.", "2.5 per cent", 2.5),
        ("A rise of 12 percent.", "12 percent", 12.0),
    ],
)
def test_percent_is_a_number(text, surface, value):
    found = [v for v in values(text) if v[0] == "PERCENT"]
    assert found == [("PERCENT", surface, {"value": value, "unit": "%"})]


@pytest.mark.parametrize(
    ("text", "surface", "iso"),
    [
        ("The commission will be held in June.", "June", "2019-06"),
        ("The U.S. withdrew in 2018.", "2018", "2018"),
        ("It opened on 5 June 2017.", "5 June 2017", "2017-06-05"),
        ("It opened on March 3, 2004.", "March 3, 2004", "2004-03-03"),
        ("It opened on March 3.", "March 3", "2019-03-03"),
        ("Filed 2019-04-30 by the desk.", "2019-04-30", "2019-04-30"),
        ("Talks resume in September 2020.", "September 2020", "2020-09"),
        ("It happened yesterday.", "yesterday", "2019-04-29"),
        ("It will happen tomorrow.", "tomorrow", "2019-05-01"),
        ("Sales fell last year.", "last year", "2018"),
        ("Sales will rise next year.", "next year", "2020"),
        ("It closed two years ago.", "two years ago", "2017"),
        ("Results for the first quarter were weak.", "the first quarter", "2019-Q1"),
        ("It was popular in the 1990s.", "the 1990s", "199X"),
        ("It was popular in mid-2018.", "mid-2018", "2018"),
        # 2019-04-30 is a Tuesday: weekdays are the nearest ones, "last"/"next" go back/on.
        ("They met on Monday.", "Monday", "2019-04-29"),
        ("They meet on Thursday.", "Thursday", "2019-05-02"),
        ("They met on Saturday.", "Saturday", "2019-04-27"),
        ("They met last Tuesday.", "last Tuesday", "2019-04-23"),
        ("They meet next Monday.", "next Monday", "2019-05-06"),
    ],
)
def test_dates_are_iso_relative_to_the_document_date(text, surface, iso):
    found = [v for v in values(text) if v[0] == "DATE"]
    assert found == [("DATE", surface, iso)]


def test_a_month_without_a_document_date_has_no_year():
    assert one("The commission will be held in June.", meta=None) == ("DATE", "June", "--06")


def test_spans_of_time_are_durations():
    found = values("Over the past five years they met 16 times.")
    assert ("DATE", "the past five years", "P5Y") in found
    assert ("CARDINAL", "16", {"value": 16}) in found


def test_month_names_that_are_words_or_names_are_not_dates():
    found = values("Theresa May said she may march in the march. May I ask?")
    assert [v for v in found if v[0] == "DATE"] == []


def test_times():
    assert values("It started at 9 p.m. and ended at 10:30 GMT, before midnight.") == [
        ("TIME", "9 p.m.", "21:00"),
        ("TIME", "10:30 GMT", "10:30"),
        ("TIME", "midnight", "00:00"),
    ]


def test_quantities_have_a_unit():
    assert values("It ran 20 km and pumped 1.5 million barrels.") == [
        ("QUANTITY", "20 km", {"value": 20, "unit": "km"}),
        ("QUANTITY", "1.5 million barrels", {"value": 1500000, "unit": "bbl"}),
    ]


def test_counts_and_ordinals():
    assert values(
        "The two countries met more than 20 times; the third round had 1,200 people."
    ) == [
        ("CARDINAL", "two", {"value": 2}),
        ("CARDINAL", "more than 20", {"value": 20, "modifier": ">"}),
        ("ORDINAL", "third", 3),
        ("CARDINAL", "1,200", {"value": 1200}),
    ]


def test_number_words_are_read_whole():
    assert values("Sixteen percent agreed; twenty-one disagreed; 1,000s more.") == [
        ("PERCENT", "Sixteen percent", {"value": 16.0, "unit": "%"}),
        ("CARDINAL", "twenty-one", {"value": 21}),
    ]


def test_a_million_written_short_is_a_count_not_metres():
    assert values("Some 5m people voted.") == [
        ("CARDINAL", "Some 5m", {"value": 5000000, "modifier": "~"})
    ]


def test_no_values_in_plain_words():
    assert values("Someone often said nothing of note; no one knew.") == []


def test_sentence_index_follows_the_sentences():
    text = "It rose 5%. Then it fell in June."
    found = find_values(text, [(0, 11), (12, 33)], META)
    assert [(m.text, m.sentence) for m in found] == [("5%", 0), ("June", 1)]


def test_capital_letters_after_numbers_are_not_units_or_currencies():
    assert values("Jayasuriya 50 M. Slater run out; he missed six Euro ties.") == [
        ("CARDINAL", "50", {"value": 50}),
        ("CARDINAL", "six", {"value": 6}),
    ]
    assert values("A 5 MW plant with an 80GB disk.") == [
        ("QUANTITY", "5 MW", {"value": 5, "unit": "MW"}),
        ("QUANTITY", "80GB", {"value": 80, "unit": "GB"}),
    ]


@pytest.mark.parametrize(
    "text, surface, norm",
    [
        ("We met on Christmas Day.", "Christmas Day", "2019-12-25"),
        ("Parties on New Year's Eve ran late.", "New Year's Eve", "2019-12-31"),
        ("Sales rose into the New Year.", "New Year", None),
        ("Shops closed for Easter.", "Easter", None),
    ],
)
def test_holidays_are_dates_and_fixed_ones_get_their_day(text, surface, norm):
    assert ("DATE", surface, norm) in values(text)


@pytest.mark.parametrize(
    ("text", "label", "surface", "norm"),
    [
        (
            "Net profit was 310 mln dlrs.",
            "MONEY",
            "310 mln dlrs",
            {"value": 310e6, "currency": "USD"},
        ),
        ("It paid 1.5 bln dlrs.", "MONEY", "1.5 bln dlrs", {"value": 1.5e9, "currency": "USD"}),
        ("Sales of 40 mln stg.", "MONEY", "40 mln stg", {"value": 40e6, "currency": "GBP"}),
        ("A dividend of 15 cts.", "MONEY", "15 cts", {"value": 0.15, "currency": "USD"}),
        (
            "Profit of 12 billion yen.",
            "MONEY",
            "12 billion yen",
            {"value": 12e9, "currency": "JPY"},
        ),
        ("A 15 pct stake.", "PERCENT", "15 pct", {"value": 15.0, "unit": "%"}),
        ("Up from 290 mln.", "CARDINAL", "290 mln", {"value": 290e6}),
    ],
)
def test_wire_service_abbreviations(text, label, surface, norm):
    """Reuters writes "mln dlrs", "stg", "cts" and "pct": they are money and percentages."""
    assert one(text) == (label, surface, norm)


@pytest.mark.parametrize(
    ("surface", "currency"),
    [
        ("95 mln marks", "DEM"),
        ("95 mln West German marks", "DEM"),
        ("40 mln D-marks", "DEM"),
        ("3.6 billion French francs", "FRF"),
        ("800 mln Belgian francs", "BEF"),
        ("48.2 mln Swiss francs", "CHF"),
        ("12 mln Canadian dlrs", "CAD"),
        ("5 mln Australian dlrs", "AUD"),
        ("300 billion lire", "ITL"),
        ("70 mln guilders", "NLG"),
        ("1.2 billion Swedish crowns", "SEK"),
        ("1.2 billion Danish crowns", "DKK"),
        ("4.5 billion pesetas", "ESP"),
        ("2 mln Irish pounds", "IEP"),
        ("20 billion Mexican pesos", "MXN"),
        ("14.5 trillion rupiah", "IDR"),
        ("30bn baht", "THB"),
        ("100 trillion won", "KRW"),
        ("300 mln ECUs", "XEU"),
        ("6.5 billion reais", "BRL"),
    ],
)
def test_the_currencies_of_wire_copy_and_their_nationalities(surface, currency):
    """Marks, francs, crowns, lire...: money in the currency its nationality names (French
    francs are not Swiss francs)."""
    label, found, norm = one(f"The group said it was worth {surface}.", None)
    assert (label, found, norm["currency"]) == ("MONEY", surface, currency)


@pytest.mark.parametrize(
    "text",
    [
        "She ran inside the 400m mark.",
        "Sales passed the 100 million mark in May.",
        "There are 5 real problems with it.",
        "He won 3 crowns in his career.",
    ],
)
def test_a_currency_word_that_is_no_money_here(text):
    assert all(label != "MONEY" for label, _surface, _norm in values(text))


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        # The dateline says where the story was filed.
        ("PEUGEOT NET UP\n    PARIS, March 3 - Peugeot said net rose to 3.6 billion francs.", "FRF"),
        ("    ZURICH, March 3 - The bank said net fell to 48.2 mln francs.", "CHF"),
        ("    BRUSSELS (Reuters) - Petrofina said it earned 9.1 billion francs.", "BEF"),
        ("    COPENHAGEN, June 2 - Novo said it earned 1.2 billion crowns.", "DKK"),
        # A nationality written earlier, or later, in the story.
        ("It earned 30 mln Swiss francs. It paid a dividend of 25 francs.", "CHF"),
        ("It paid a dividend of 25 francs. Profit was 30 mln Belgian francs.", "BEF"),
        # The country the story names before the amount, when no dateline says which.
        ("French oil firm Elf said profit rose to 3.1 billion francs.", "FRF"),
        ("    LONDON, March 3 - Nestle of Switzerland said it earned 2 billion francs.", "CHF"),
        # Nothing says which: no currency rather than a guess.
        ("He paid 200 francs for the book.", None),
    ],
)  # fmt: skip
def test_a_bare_franc_or_crown_is_the_one_the_story_means(text, currency):
    bare = [norm for label, surface, norm in values(text, None) if label == "MONEY"]
    assert bare and bare[0].get("currency") == currency


def test_a_lone_m_after_a_space_is_still_metres():
    assert one("He won the 50 m race.")[0] == "QUANTITY"


def test_every_nationality_and_country_a_currency_is_read_by_has_its_country_code() -> None:
    """The codes of "French francs" and "Elf of France ... francs" come from the gazetteer's
    demonyms and country names: a name it no longer leads to a code would silently make the
    words of that country's money nobody's."""
    from explorer.nlp import values as v

    assert [w for w in v._CODED_NATIONALITIES if w not in v._NATIONALITIES] == []
    assert [c for c in v._CODED_COUNTRIES if c not in v._COUNTRY_NAMES] == []
    assert (v._NATIONALITIES["swiss"], v._NATIONALITIES["french"]) == ("CH", "FR")
    assert (v._COUNTRY_NAMES["Britain"], v._COUNTRY_NAMES["Saudi Arabia"]) == ("GB", "SA")
    assert one("3 bln Belgian francs")[2]["currency"] == "BEF"


@pytest.mark.parametrize(
    ("text", "money", "currency"),
    [
        ("Shares of Kessel AG rose 4.50 marks to 312.50.", "4.50 marks", "DEM"),
        ("The board raised the dividend to 2 marks a share.", "2 marks", None),
        ("Volvo B shares fell 3.50 crowns.", "3.50 crowns", None),
    ],
)
def test_a_bare_mark_or_crown_with_pence_or_a_share_is_money(text, money, currency):
    result = extract(text)
    assert {m.text: m.label for m in result.mentions}[money] == "MONEY"
    if currency:
        amounts = {
            f.object: f.qualifiers.get("currency") for f in result.facts if f.predicate == "amount"
        }
        assert amounts[money] == currency


@pytest.mark.parametrize("text", ["She got 45 marks out of 50.", "The essay earned 18 marks."])
def test_a_whole_number_of_marks_is_no_money(text):
    assert "MONEY" not in {m.label for m in extract(text).mentions}
