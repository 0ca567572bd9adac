"""Who speaks when a place stands before "said": the place itself ("Washington said", "Downing
Street said"), nobody named ("bankers in New York said"), or the person or organisation the
place only locates ("our correspondent Lena Hart in Moscow says"). Every text is written for
these tests; each comes in one line per paragraph, hard-wrapped at 65 columns with a four-space
indent, and hard-wrapped with CRLF endings."""

from __future__ import annotations

import pytest

from explorer.nlp import extract

from .layouts import in_layouts

DEBT = [
    "Brazil halts payments on bank debt",
    "Brazil suspended interest payments on its commercial bank debt on Friday. Bankers in "
    "New York said the move had been expected for weeks.",
    "Our correspondent Lena Hart in Brasilia says the government hopes to buy time. "
    "Washington said it would watch the talks closely. A spokesman at Harlan Trust in "
    "Chicago said it held no Brazilian loans.",
]


@in_layouts(DEBT)
def test_a_place_after_in_is_not_the_speaker(text: str) -> None:
    said = {
        str(f.object).split()[1]: f.subject
        for f in extract(text).facts
        if f.predicate == "said" and not f.qualifiers.get("direct")
    }
    assert "move" not in said  # the bankers are not named: New York did not speak
    assert said["government"] == "Lena Hart"
    assert said["would"] == "Washington"  # a capital for its government
    assert said["held"] == "Harlan Trust"


@pytest.mark.parametrize(
    "sentence",
    [
        "Exporters said prices would rise.",
        "Creditors said the plan was unfair to them.",
        "Negotiators said the talks would resume.",
    ],
)
def test_people_of_a_trade_opening_a_sentence_are_no_organisation(sentence: str) -> None:
    r = extract(sentence)
    assert [m.label for m in r.mentions if m.label == "ORG"] == []
    assert [f for f in r.facts if f.predicate == "said"] == []  # nobody named speaks
