"""Attributions a wire reporter writes after a quotation: an age set off after the name
('"...," Solchaga, 48, told reporters'), the title before the name ('"...," the minister,
Carlos Solchaga, said'), and "was quoted as saying". Every text is written for these tests;
each comes in one line per paragraph, hard-wrapped at 65 columns with a four-space indent,
and hard-wrapped with CRLF endings."""

from __future__ import annotations

from explorer.nlp import extract

from .layouts import in_layouts

PESETA = [
    "MADRID, March 3 - Spanish Finance Minister Carlos Solchaga spoke to bankers in Madrid "
    "on Monday.",
    '"We will not devalue the peseta," Solchaga, 48, told reporters after the meeting.',
    '"Our reserves are ample," the minister, Carlos Solchaga, said.',
    '"The markets will calm down," Solchaga was quoted as saying by the Efe news agency.',
]


@in_layouts(PESETA)
def test_a_quotation_is_its_speakers_past_an_aside(text: str) -> None:
    said = {
        str(f.object).split()[1]: f.subject
        for f in extract(text).facts
        if f.predicate == "said" and f.qualifiers.get("direct")
    }
    assert said == {"will": "Carlos Solchaga", "reserves": "Carlos Solchaga",
                    "markets": "Carlos Solchaga"}  # fmt: skip
