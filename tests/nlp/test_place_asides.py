"""A speaker set off from "said" by where they are ("Litton, based in Beverly Hills, Calif.,
said", "Andrew Fisher, from Omaha, Nebraska, said") is the speaker, never nobody; a place
named right before "said" with no aside ("Hoechst AG of West Germany said") is still no
speaker when a company or person is named."""

from __future__ import annotations

import pytest

from explorer.nlp import extract

from .layouts import in_layouts, said

WIRE = [
    "GENERAL DYNAMICS TO BUY LITTON AVIONICS UNIT",
    "ST LOUIS, March 17 - General Dynamics Corp said it agreed to acquire the avionics "
    "division of Litton Industries Inc for about 210 mln dlrs in cash.",
    "Litton, based in Beverly Hills, Calif., said the sale was part of a plan to focus on its "
    "geophysical and marine businesses.",
    "Andrew Fisher, from Omaha, Nebraska, said he would bid for the unit.",
    "Hoechst AG of West Germany said it would not bid.",
]


@in_layouts(WIRE)
def test_the_speaker_before_a_place_aside(text: str) -> None:
    got = said(text, word=1)
    assert ("Litton Industries Inc", "sale") in got
    assert ("Andrew Fisher", "would") in got
    assert ("Hoechst AG", "would") in got
    assert not {s for s, _ in got} & {"Beverly Hills", "California", "Nebraska", "West Germany"}


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("A spokeswoman for Downing Street said the prime minister would speak.", "Downing Street"),
        ("Downing Street said Mr Blair should be judged by results.", "Downing Street"),
    ],
)
def test_a_building_that_stands_for_a_government_speaks(sentence: str, speaker: str) -> None:
    assert [f.subject for f in extract(sentence).facts if f.predicate == "said"] == [speaker]


def test_a_building_someone_is_in_does_not_speak() -> None:
    text = 'In a statement, a detainee in Woodhill Prison said: "Release us."'
    assert "Woodhill Prison" not in {f.subject for f in extract(text).facts}
