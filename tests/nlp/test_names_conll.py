"""The recognizer on the CoNLL-2003 English dev set, scored by the project's own harness.

Skips when the evaluation data (kept beside the repository, never in it) is absent.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from explorer.nlp.names import find_names

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
GOLD = SHARED / "data" / "conll2003" / "eng.testa"
HARNESS = SHARED / "eval" / "ner_eval.py"

pytestmark = pytest.mark.skipif(
    not (GOLD.exists() and HARNESS.exists()), reason="CoNLL-2003 data or harness absent"
)


@pytest.fixture(scope="module")
def scores():
    spec = importlib.util.spec_from_file_location("ner_eval", HARNESS)
    ner_eval = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ner_eval)
    gold, pred = set(), set()
    for d, doc in enumerate(ner_eval.read_conll(str(GOLD))):
        text, spans = ner_eval.build_text(doc)
        gold |= {(d, *s) for s in spans}
        sentences, pos = [], 0
        for line in text.split("\n"):
            sentences.append((pos, pos + len(line)))
            pos += len(line) + 1
        for m in find_names(text, sentences):
            assert text[m.start : m.end] == m.text
            typ = ner_eval.LABEL_MAP.get(m.label)
            if typ:
                pred.add((d, m.start, m.end, typ))
    out = {"all": ner_eval.score(gold, pred)[2]}
    for typ in ner_eval.TYPES:
        out[typ] = ner_eval.score(
            {s for s in gold if s[3] == typ}, {s for s in pred if s[3] == typ}
        )[2]
    out["PER+ORG+LOC"] = ner_eval.score(
        {s for s in gold if s[3] != "MISC"}, {s for s in pred if s[3] != "MISC"}
    )[2]
    return out


def test_f1_over_all_types_clears_the_issue_target(scores):
    assert scores["all"] >= 0.80  # issue 3 asks for 0.72; this run reaches about 0.84


def test_f1_over_person_organisation_location_clears_the_issue_target(scores):
    assert scores["PER+ORG+LOC"] >= 0.80  # issue 3 asks for 0.75


@pytest.mark.parametrize(
    ("typ", "floor"), [("PER", 0.85), ("LOC", 0.85), ("ORG", 0.62), ("MISC", 0.72)]
)
def test_each_type_keeps_its_level(scores, typ, floor):
    assert scores[typ] >= floor
