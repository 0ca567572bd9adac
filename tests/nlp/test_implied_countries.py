"""The country a librarian tags a story with that it names only through a town, a court or a
national institution ("a clerk from Solihull", "Southwark Crown Court", "the Bundesbank"), as
it was when the story was written (West Germany in 1987), tied to the names that say it
(`via`). Every text is written for these tests; each comes in one line per paragraph,
hard-wrapped at 65 columns with a four-space indent, and that with CRLF endings."""

from __future__ import annotations

from explorer.nlp import extract

from .layouts import in_layouts


def implied(text: str, date: str | None = None) -> dict[str, tuple[str, ...]]:
    """Country -> the names that say it, for each country the story names only so."""
    meta = {"date": date} if date else None
    return {e.name: e.via for e in extract(text, meta).entities if e.label == "GPE" and e.via}


# --- a country said by a town, a court, an institution ------------------------------------

CLERK = [
    "A former building society clerk from Solihull has been jailed for six years for "
    "stealing from elderly customers.",
    "Martin Pryor, 52, admitted 14 counts of fraud at Birmingham Crown Court on Tuesday. "
    "His accomplice will be sentenced at Southwark Crown Court next month.",
]


@in_layouts(CLERK)
def test_a_british_town_and_its_courts_say_the_united_kingdom(text):
    got = implied(text)
    assert set(got) == {"United Kingdom"}, got
    assert {"Solihull", "Birmingham Crown Court", "Southwark Crown Court"} <= set(
        got["United Kingdom"]
    ), got


RATES = [
    "FRANKFURT, March 3 - The Bundesbank left its discount rate unchanged at 3.0 pct, "
    "a central bank spokesman said.",
    "Dealers in Frankfurt said the decision had been expected. The bank bought 310 mln "
    "dlrs on the open market last week.",
]


@in_layouts(RATES)
def test_a_german_city_and_the_bundesbank_in_1987_say_west_germany(text):
    for date in ("1987-03-03", None):  # dated, or written as the wire wrote in the 1980s
        got = implied(text, date)
        assert got.get("West Germany") == ("Frankfurt", "Bundesbank"), (date, got)
        assert "Germany" not in got


RATES_NOW = [
    "The Bundesbank said on Tuesday that inflation in the biggest cities would ease.",
    "Economists in Frankfurt said the forecast was too cautious.",
]


@in_layouts(RATES_NOW)
def test_the_same_institution_today_says_germany_and_a_named_country_is_not_repeated(text):
    assert implied(text, "2019-05-14") == {"Germany": ("Bundesbank", "Frankfurt")}
    assert implied(text, "1989-05-14") == {"West Germany": ("Bundesbank", "Frankfurt")}
    named = text.replace("in the biggest", "in Germany's biggest")
    assert implied(named, "2019-05-14") == {}  # Germany is named: nothing to add


TOWNS = [
    "The plant near Halifax will close in June with the loss of 300 jobs, costing the "
    "town's economy about £20m a year.",
    "The company also makes parts in Portland, Maine, and sells them to a man who lives in "
    "Wolfsburg.",
]


@in_layouts(TOWNS)
def test_a_town_in_the_country_the_story_is_about_and_a_town_whose_state_follows(text):
    got = implied(text)
    # Halifax: the Canadian city is far bigger, but a story counting in pounds is British
    assert got.get("United Kingdom") == ("Halifax",), got
    assert got.get("Germany") == ("Wolfsburg",), got  # one country has a Wolfsburg
    # Portland says nothing of its own: Maine, after it, says the United States
    assert got.get("United States") == ("Maine",), got
    assert "Canada" not in got


WIRE = [
    "BASF SEES HIGHER PROFIT",
    "BASF AG said group profit would rise this year, helped by sales of dyes from its "
    "plant in Ludwigshafen, and a buyer in Moscow said orders had doubled.",
    "The group also sells paint to a dealer in Southend.",
]


@in_layouts(WIRE)
def test_towns_as_news_names_them_and_moscow_in_1987(text):
    got = implied(text, "1987-04-01")
    assert got.get("West Germany") == ("Ludwigshafen",), got  # "Ludwigshafen am Rhein"
    assert got.get("Soviet Union") == ("Moscow",), got
    assert got.get("United Kingdom") == ("Southend",), got  # "Southend-on-Sea"
    assert implied(text, "2001-04-01").get("Russia") == ("Moscow",)


AGENCIES = [
    "TOKYO SHIPMENTS SLOW",
    "The Ministry of International Trade and Industry said exports slowed in March, and "
    "insurers said claims from the storm in Kent would reach 300 mln stg.",
]


@in_layouts(AGENCIES)
def test_a_ministry_only_one_country_has_and_a_county_that_is_also_a_given_name(text):
    got = implied(text)
    assert got.get("Japan") == ("Tokyo", "Ministry of International Trade and Industry"), got
    assert got.get("United Kingdom") == ("Kent",), got


def test_a_long_text_naming_many_towns_is_read_for_small_words_once(monkeypatch):
    """Whether a town is also a word the story writes small ("man") was a search of the whole
    text for each town it names: a 1 MB line of news cost a second more. Counted, not timed:
    the text's runs of letters are read once, however many towns it names."""
    from explorer.nlp.names import entities

    reads = [0]
    runs = entities._LETTER_RUN.findall

    class Counted:
        def findall(self, text):
            reads[0] += 1
            return runs(text)

    monkeypatch.setattr(entities, "_LETTER_RUN", Counted())
    entities._letter_runs.cache_clear()
    towns = ["Solihull", "Swindon", "Crawley", "Reading", "Wigan", "Barnsley", "Ipswich"]
    story = " ".join(
        f"A clerk from {town} was fined at Southwark Crown Court." for town in towns * 30
    )
    story += " A man from Leeds said so."
    countries = {e.name for e in extract(story).entities if e.label == "GPE" and e.via}
    assert "United Kingdom" in countries, countries
    assert reads[0] == 1, reads
