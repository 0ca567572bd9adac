"""Whether a story is about sport is read hyphen-blind: a line that breaks "semi-final" at its
hyphen is read "semifinal" (as some stories write it), and that is the same sports word, and
one word with "semi-final" written whole elsewhere. Otherwise a town was a team in one copy of
the story and a place in the other."""

from __future__ import annotations

from explorer.nlp import extract

ONCE = (
    "The striker was sent off in the semi-final against Offaly, and the fans of Larne were angry.\n"
)
TWICE = (
    "Mary Boyle of Larne and Ann Kelly of Offaly reached the semi-finals of the 60m hurdles. "
    "The athlete from Larne said the semi-finals on Saturday would be hard.\n"
)


def labels(text: str) -> dict[str, str]:
    return {m.entity: m.label for m in extract(text).mentions if m.entity in ("Larne", "Offaly")}


def test_a_sports_word_broken_at_its_hyphen_still_counts() -> None:
    broken = ONCE.replace("semi-final ", "semi-\nfinal ")
    assert labels(broken) == labels(ONCE) == {"Offaly": "ORG", "Larne": "GPE"}
    plain = ONCE.replace("semi-final ", "semifinal ")
    assert labels(plain) == labels(ONCE)


def test_a_word_broken_at_its_hyphen_and_written_whole_counts_once() -> None:
    broken = TWICE.replace("the semi-finals of", "the semi-\nfinals of")
    assert labels(broken) == labels(TWICE) == {"Larne": "GPE", "Offaly": "GPE"}
