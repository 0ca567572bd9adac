"""Every fact dated: its sentence's date, else its document's, saying which."""

from __future__ import annotations

from explorer.nlp import extract

STORY = (
    "Tony Blair met Jacques Chirac in Paris last Tuesday. "
    "Gordon Brown visited China. "
    "The deal was worth $5 million in the first quarter."
)


def by_predicate(result):
    return {f.predicate: f.to_dict() for f in result.facts}


def test_a_fact_takes_its_sentence_date_else_the_documents():
    facts = by_predicate(extract(STORY, {"date": "1987-03-04", "date_source": "metadata"}))
    assert (facts["met"]["date"], facts["met"]["date_source"]) == ("1987-03-03", "sentence")
    assert facts["met"]["date_text"] == "last Tuesday"
    assert (facts["visited"]["date"], facts["visited"]["date_source"]) == (
        "1987-03-04",
        "document:metadata",
    )
    assert (facts["amount"]["date"], facts["amount"]["date_source"]) == ("1987-Q1", "sentence")


def test_every_fact_of_a_dated_document_has_a_date():
    result = extract(STORY, {"date": "1987-03", "date_source": "dateline"})
    assert result.facts
    assert all(f.qualifiers.get("date") for f in result.facts)
    # "last Tuesday" needs the day: against a month it gives none, so the document's month
    met = by_predicate(result)["met"]
    assert (met["date"], met["date_source"]) == ("1987-03", "document:dateline")


def test_without_any_date_a_fact_has_none():
    facts = by_predicate(extract("Gordon Brown visited China.", {}))
    assert "date" not in facts["visited"]


def test_date_mentions_keep_their_normalised_value():
    result = extract(STORY, {"date": "1987-03-04"})
    dates = {m.text: m.norm for m in result.mentions if m.label == "DATE"}
    assert dates == {"last Tuesday": "1987-03-03", "the first quarter": "1987-Q1"}
