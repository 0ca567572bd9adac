"""Reported speech with where it was said between the verb and "that": "told a news conference
at the company's headquarters that ...", "said at a rally in Lahore on Friday that ...". The
statement was lost (the verb's adjuncts stopped at the place). Every text is written for these
tests, in the three layouts of `layouts`."""

from __future__ import annotations

import pytest

from explorer.nlp import extract

from .layouts import layouts

STORY = [
    "WHITE PLAINS, N.Y., April 12 - Texaco Inc filed for protection from its creditors.",
    "Texaco chairman Alfred DeCrane told a news conference at the company's headquarters "
    'that the filing was "the only prudent course."',
    "Opposition leader Ali Khan said at a rally in Lahore on Friday that prices would rise.",
    "The union said in its submission before the Budget that 105,000 jobs had been lost.",
]


@pytest.mark.parametrize("text", layouts(STORY), ids=["paragraphs", "wrapped", "crlf"])
def test_a_place_between_the_verb_and_that_keeps_the_statement(text: str) -> None:
    said = {
        (f.subject, " ".join(str(f.object).split()[:3]))
        for f in extract(text).facts
        if f.predicate == "said"
    }
    assert ("Alfred DeCrane", "the filing was") in said
    assert ("Ali Khan", "prices would rise") in said
    assert not any(obj.startswith(("at ", "in ")) for _, obj in said)
