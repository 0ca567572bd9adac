"""The sample article: every fact a careful reader would list, and nothing false (issue 3)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import explorer
from explorer.nlp import extract

ARTICLE = Path(explorer.__file__).parent / "seeds" / "000_89ed38884c8c83f1.txt"
TEXT = ARTICLE.read_text("utf-8")


@pytest.fixture(scope="module")
def result():
    return extract(TEXT, {"date": "2019-04-30"})


def facts(result, predicate: str) -> list[dict]:
    return [f.to_dict() for f in result.facts if f.predicate == predicate]


def evidence(fact: dict) -> str:
    return TEXT[fact["start"] : fact["end"]]


def surfaces(result, label: str) -> list[str]:
    return [m.text for m in result.mentions if m.label == label]


def occurrences(pattern: str) -> list[str]:
    return re.findall(pattern, TEXT)


# --- people and their titles -----------------------------------------------------------------


def test_the_people_are_the_people_of_the_article_and_no_one_else(result):
    people = {e.name for e in result.entities if e.label == "PERSON"}
    assert {"Mehdi Sanai", "Georgy Kalamanov", "Mohammed Javad Zarif"} <= people
    # The byline's author is a person too; nothing else is.
    assert people <= {
        "Mehdi Sanai",
        "Georgy Kalamanov",
        "Mohammed Javad Zarif",
        "Abdul Kerimkhanov",
    }


def test_sanai_alone_is_mehdi_sanai(result):
    sanai = [m for m in result.mentions if m.text == "Sanai"]
    assert len(sanai) == 5
    assert {m.entity for m in sanai} == {"Mehdi Sanai"}


def test_titles(result):
    titles = [
        {k: v for k, v in f.items() if k in ("subject", "object", "of", "to")}
        for f in facts(result, "title")
    ]
    assert titles == [
        {"subject": "Mehdi Sanai", "object": "Ambassador", "of": "Iran", "to": "Russia"},
        {
            "subject": "Georgy Kalamanov",
            "object": "Deputy Minister of Industry and Trade",
            "of": "Russia",
        },
        {"subject": "Mohammed Javad Zarif", "object": "Foreign Minister", "of": "Iran"},
    ]
    assert [evidence(f) for f in facts(result, "title")] == [
        "Iranian Ambassador to Russia Mehdi Sanai",
        "Russian Deputy Minister of Industry and Trade, Georgy Kalamanov",
        "Iranian Foreign Minister Mohammed Javad Zarif",
    ]


# --- what Sanai said ---------------------------------------------------------------------------

STATEMENTS = [
    "the volume of trade between Iran and Russia has reached $500 million",
    "Tehran and Moscow are seeking to increase the volume of commercial exchanges",
    "the current level of economic relations between Iran and Russia could be raised even "
    "higher, given the two countries’ huge potential",
    "Unfortunately, the previous round of sanctions had a negative impact on the economic ties "
    "between Iran and Russia to such an extent that our banking and trade ties were almost "
    "paralyzed",
    "however, the parties are currently making efforts to revive economic relations and believe "
    "that the new round of U.S. sanctions will not have a serious impact on two countries' "
    "relations",
    "the Russians did not abandon any serious project in cooperation with Iran",
    "over the past five years, the presidents of Iran and Russia met and negotiated 16 times, "
    "while Iranian Foreign Minister Mohammed Javad Zarif visited Russia and held talks with "
    "country’s officials more than 20 times during the same period",
]


def test_every_statement_of_sanai_verbatim_and_only_his(result):
    said = facts(result, "said")
    assert [f["quote"] for f in said] == STATEMENTS
    assert {f["subject"] for f in said} == {"Mehdi Sanai"}
    for f in said:
        assert f["quote"] in evidence(f)
    direct = [f["quote"] for f in said if f["direct"]]
    assert direct == [STATEMENTS[3]]


# --- meetings, visits, amounts, withdrawal -------------------------------------------------------


def test_the_meeting_in_moscow(result):
    met = facts(result, "met")
    assert met[0]["participants"] == ["Mehdi Sanai", "Georgy Kalamanov"]
    assert met[0]["place"] == "Moscow"
    assert "at a meeting in Moscow" in evidence(met[0])


def test_the_presidents_met_16_times_over_five_years(result):
    met = facts(result, "met")
    assert len(met) == 2
    assert met[1]["participants"] == ["President of Iran", "President of Russia"]
    assert met[1]["count"] == {"value": 16}
    assert met[1]["date_text"] == "the past five years"
    # five years are no date: the fact takes the article's, read from its byline
    assert (met[1]["date"], met[1]["date_source"]) == ("2019-04-30", "document")
    assert evidence(met[1]).startswith("the presidents of Iran and Russia met")


def test_zarif_visited_russia_more_than_20_times(result):
    (visit,) = facts(result, "visited")
    assert (visit["subject"], visit["object"]) == ("Mohammed Javad Zarif", "Russia")
    assert visit["count"] == {"value": 20, "modifier": ">"}
    assert "more than 20 times" in evidence(visit)


def test_trade_between_iran_and_russia_reached_500_million_dollars(result):
    (amount,) = facts(result, "amount")
    assert amount["subject"] == "trade between Iran and Russia"
    assert (amount["value"], amount["currency"]) == (500000000, "USD")
    assert (
        evidence(amount) == "the volume of trade between Iran and Russia has reached $500 million"
    )


def test_the_us_withdrew_from_the_jcpoa_in_2018(result):
    (withdrawal,) = facts(result, "withdrew_from")
    assert (withdrawal["subject"], withdrawal["object"]) == ("United States", "JCPOA")
    assert (withdrawal["date"], withdrawal["date_source"]) == ("2018", "sentence")


def test_nothing_false_among_the_facts(result):
    counts = {}
    for f in result.facts:
        counts[f.predicate] = counts.get(f.predicate, 0) + 1
    assert counts == {
        "title": 3,
        "said": len(STATEMENTS),
        "met": 2,
        "visited": 1,
        "amount": 1,
        "withdrew_from": 1,
    }


# --- every mention -------------------------------------------------------------------------------


def test_every_place(result):
    assert surfaces(result, "GPE") == occurrences(
        r"\b(?:Russia|Iran|Moscow|Tehran|Afghanistan)\b|U\.S\."
    )
    assert surfaces(result, "LOC") == ["South Caucasus", "Central Asia", "Middle East"]
    us = [m for m in result.mentions if m.text == "U.S."]
    assert {m.entity for m in us} == {"United States"}


def test_every_nationality(result):
    norp = [m for m in result.mentions if m.label == "NORP"]
    words = [m for m in re.finditer(r"\b(?:Iranian|Russians?|Syrian|Iraqi)\b", TEXT)]
    for w in words:
        assert any(m.start <= w.start() and w.end() <= m.end for m in norp), w.group()
    assert all(re.fullmatch(r"(?:Iranian|Russians?|Syrian|Iraqi|-)+", m.text) for m in norp)
    iranian = [m for m in norp if m.text == "Iranian"]
    assert {m.entity for m in iranian} == {"Iran"}


def test_every_organisation(result):
    assert surfaces(result, "ORG") == ["JCPOA", "UN"]


def test_every_date_normalised(result):
    dates = [(m.text, m.norm) for m in result.mentions if m.label == "DATE"]
    assert dates == [
        ("2019-04-30", "2019-04-30"),
        ("June", "2019-06"),
        ("2018", "2018"),
        ("the past five years", "P5Y"),
    ]


def test_money_and_counts(result):
    money = [(m.text, m.norm) for m in result.mentions if m.label == "MONEY"]
    assert money == [("$500 million", {"value": 500000000, "currency": "USD"})]
    assert surfaces(result, "CARDINAL") == ["two", "two", "two", "16", "more than 20", "two"]


def test_offsets_and_sentences_are_exact(result):
    for m in result.mentions:
        assert TEXT[m.start : m.end] == m.text
        s, e = result.sentences[m.sentence]
        assert s <= m.start and m.end <= e
    assert len(result.sentences) == 17
