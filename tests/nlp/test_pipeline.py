"""The pipeline: its steps, the merge of names and values, and the extract contract's shape."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys

import pytest

from explorer.model import Extraction, Mention
from explorer.nlp import extract, split_sentences
from explorer.nlp.pipeline import PIPELINE, merge_mentions, run


def mention(text: str, surface: str, label: str, entity: str | None = None) -> Mention:
    start = text.index(surface)
    return Mention(start, start + len(surface), surface, label, entity or surface)


def test_importing_the_package_loads_no_step():
    code = (
        "import sys, explorer.nlp; "
        "print(sorted(m for m in sys.modules if m.startswith('explorer.nlp.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_steps_are_named_and_in_order():
    assert [name for name, _ in PIPELINE] == [
        "sentences",
        "names",
        "values",
        "merge",
        "entities",
        "facts",
    ]


def test_a_prefix_of_the_pipeline_can_run_alone():
    doc = run("It rose 5% in June. Then it fell.", {"date": "2019-04-30"}, PIPELINE[:1])
    assert doc.sentences == [(0, 19), (20, 33)]
    assert doc.mentions == [] and doc.facts == []


def test_extract_returns_an_extraction_with_exact_offsets():
    text = "Prime Minister Tony Blair said that sales rose 5% to £1.2bn in June.\n\nBlair left."
    result = extract(text, {"date": "2005-03-01"})
    assert isinstance(result, Extraction)
    assert list(result.sentences) == split_sentences(text)
    for m in result.mentions:
        assert text[m.start : m.end] == m.text
        s, e = result.sentences[m.sentence]
        assert s <= m.start < m.end <= e
    for f in result.facts:
        s, e = result.sentences[f.sentence]
        assert s <= f.start < f.end <= len(text)
    labels = {(m.label, m.text) for m in result.mentions}
    assert {("PERCENT", "5%"), ("MONEY", "£1.2bn"), ("DATE", "June")} <= labels
    june = next(m for m in result.mentions if m.text == "June")
    assert june.norm == "2005-06"


def test_mentions_never_overlap_and_come_in_text_order():
    text = (
        "Theresa May met officials of Boeing 747 makers on 5 May 2019 in London. "
        "The U.S. paid $500 million to 20 firms in March."
    )
    result = extract(text)
    spans = [(m.start, m.end) for m in result.mentions]
    assert spans == sorted(spans)
    for (_, e1), (s2, _) in itertools.pairwise(spans):
        assert e1 <= s2


def test_the_extract_contract_is_json():
    result = extract('"Trade grew," said Tony Blair on Monday.', {"date": "2005-03-01"})
    obj = json.loads(json.dumps(result.to_dict("doc-1", {"date": "2005-03-01"})))
    assert obj["id"] == "doc-1"
    assert set(obj) == {"id", "meta", "sentences", "mentions", "entities", "facts"}
    said = [f for f in obj["facts"] if f["predicate"] == "said"]
    assert said and said[0]["quote"] == "Trade grew"


def test_empty_and_blank_text():
    for text in ("", "   \n\n  "):
        result = extract(text)
        assert result == Extraction((), (), (), ())


# --- merge -------------------------------------------------------------------------------------


def test_a_name_beats_a_word_value_it_overlaps():
    text = "Theresa May spoke."
    names = [mention(text, "Theresa May", "PERSON")]
    values = [mention(text, "May", "DATE")]
    assert [m.label for m in merge_mentions(names, values)] == ["PERSON"]


def test_a_name_keeps_a_number_inside_it():
    text = "A Boeing 747 landed."
    names = [mention(text, "Boeing 747", "PRODUCT")]
    values = [mention(text, "747", "CARDINAL")]
    assert [m.text for m in merge_mentions(names, values)] == ["Boeing 747"]


def test_a_clearly_numeric_value_beats_a_name_running_into_it():
    text = "Trade hit $500 Million Dollars."
    names = [mention(text, "Million Dollars", "ORG")]
    values = [mention(text, "$500 Million Dollars", "MONEY")]
    assert [(m.label, m.text) for m in merge_mentions(names, values)] == [
        ("MONEY", "$500 Million Dollars")
    ]


def test_merge_fills_sentence_indexes():
    text = "It rose. Iran grew 5%."
    names = [mention(text, "Iran", "GPE")]
    values = [mention(text, "5%", "PERCENT")]
    merged = merge_mentions(names, values, split_sentences(text))
    assert [(m.text, m.sentence) for m in merged] == [("Iran", 1), ("5%", 1)]


def test_a_document_date_that_is_not_a_date_is_ignored():
    for meta in ({"date": "sometime in spring"}, {"date": None}, {}, None):
        result = extract("The commission meets in June.", meta)
        june = next(m for m in result.mentions if m.text == "June")
        assert june.norm == "--06"


def test_a_year_is_part_of_the_event_it_names():
    found = extract("Shearer starred at Euro 96 and hopes to play in the 1998 World Cup.")
    events = [(m.text, m.label) for m in found.mentions if m.label == "EVENT"]
    assert events == [("Euro 96", "EVENT"), ("1998 World Cup", "EVENT")]
    assert [m.text for m in extract("In 2004 the Olympics came to Athens.").mentions][:1] == [
        "2004"
    ]  # a year that is not in front of the event's name stays a date


def test_a_mention_made_the_fast_way_is_the_mention_the_dataclass_makes():
    from explorer.nlp.pipeline import new_mention

    norm = {"value": 5e8, "currency": "USD"}
    for args in [(0, 7, "Iranian", "NORP", "Iran"), (3, 9, "$500m", "MONEY", "$500m", 2, norm)]:
        fast, slow = new_mention(*args), Mention(*args)
        assert fast == slow and repr(fast) == repr(slow)
        assert fast.to_dict() == slow.to_dict() and fast.doc == "" and fast.key == slow.key
        with pytest.raises(AttributeError):  # still frozen
            fast.start = 1  # type: ignore[misc]
