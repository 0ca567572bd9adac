"""A meeting told in a clause of when ("told reporters after meeting X", "After talks with X,
Y said") is a meeting of the sentence's subject with X; "told reporters after meeting X" is
not a statement whose words are "X"."""

from __future__ import annotations

import pytest

from explorer.nlp import extract

from .layouts import in_layouts

AGENCY = [
    "ANKARA 1996-09-02",
    "Turkish Prime Minister Necmettin Erbakan said on Monday his government would not allow "
    "a Kurdish state to be set up in northern Iraq.",
    '"Turkey will never accept such a structure on its borders," Erbakan told reporters '
    "after meeting Iraqi Deputy Prime Minister Tareq Aziz in Ankara.",
    "After talks with Russian President Boris Yeltsin in Moscow, Chancellor Helmut Kohl said "
    "the two had agreed to meet again.",
]


@in_layouts(AGENCY)
def test_a_meeting_in_a_clause_of_when_is_the_subjects(text: str) -> None:
    facts = extract(text).facts
    met = {(f.subject, f.object, f.qualifiers.get("place")) for f in facts if f.predicate == "met"}
    assert ("Necmettin Erbakan", "Tareq Aziz", "Ankara") in met
    assert ("Helmut Kohl", "Boris Yeltsin", "Moscow") in met
    said = [f for f in facts if f.predicate == "said" and f.subject == "Necmettin Erbakan"]
    # The quotation is his; what he met is not something he said.
    assert "Turkey will never accept such a structure on its borders" in {f.object for f in said}
    assert not [f for f in said if "Tareq Aziz" in f.object]


@pytest.mark.parametrize(
    "sentence",
    [
        # The object of the main verb did not meet anyone; who did is not said plainly.
        "Helmut Kohl praised Boris Yeltsin after meeting Bill Clinton in Bonn.",
        # An owner is not the subject: his aide met Yeltsin, not Kohl.
        "Helmut Kohl's aide said after meeting Boris Yeltsin that ties were good.",
        "Shares rose after meeting analysts' forecasts, said John Smith.",
    ],
)
def test_no_meeting_where_the_subject_is_not_the_one_who_met(sentence: str) -> None:
    assert not [f for f in extract(sentence).facts if f.predicate == "met"]


@pytest.mark.parametrize(
    "sentence, pair",
    [
        (
            "Ministers discussed the peace process with Palestinian President Yasser Arafat, "
            "who met Dutch Foreign Minister Hans van Mierlo in Luxembourg on Sunday.",
            ("Yasser Arafat", "Hans van Mierlo"),
        ),
        (
            "Yasser Arafat, who met Bill Clinton last week, said peace was near.",
            ("Yasser Arafat", "Bill Clinton"),
        ),
    ],
)
def test_a_meeting_in_a_clause_about_a_person_is_theirs(sentence: str, pair: tuple) -> None:
    met = {(f.subject, f.object) for f in extract(sentence).facts if f.predicate == "met"}
    assert met == {pair}
