"""Reported speech with where it was said between the verb and "that": "told a news conference
at the company's headquarters that ...", "said at a rally in Lahore on Friday that ...". The
statement was lost (the verb's adjuncts stopped at the place). Every text is written for these
tests, in the three layouts of `layouts`."""

from __future__ import annotations

from .layouts import in_layouts, said

STORY = [
    "WHITE PLAINS, N.Y., April 12 - Texaco Inc filed for protection from its creditors.",
    "Texaco chairman Alfred DeCrane told a news conference at the company's headquarters "
    'that the filing was "the only prudent course."',
    "Opposition leader Ali Khan said at a rally in Lahore on Friday that prices would rise.",
    "The union said in its submission before the Budget that 105,000 jobs had been lost.",
]


@in_layouts(STORY)
def test_a_place_between_the_verb_and_that_keeps_the_statement(text: str) -> None:
    statements = said(text)
    assert ("Alfred DeCrane", "the") in statements
    assert ("Ali Khan", "prices") in statements
    assert not any(first in ("at", "in") for _, first in statements)
