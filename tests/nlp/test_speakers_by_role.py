"""Speakers a reporter names through something else: an organisation's title and then the
person ('"...," said Carlton Motor's head of personnel, Ruth Adeyemi'), a possessive pronoun
('said its plant manager, George Whitfield'), or, once named, by nationality or age alone
('the Austrian said', 'said the 28-year-old'). Every story is written for these tests and read
in three layouts (one line per paragraph; hard-wrapped at 65 with a four-space indent; that
with CRLF)."""

from __future__ import annotations

from .layouts import in_layouts, said

STRIKE = [
    "DETROIT, May 4 - Workers at the Lansing plant of Carlton Motor Corp stayed out on Monday "
    "after talks broke down over pensions.",
    '"We will not sign a deal that cuts pensions," said Carlton Motor\'s head of personnel, '
    "Ruth Adeyemi. She added that talks would resume on Thursday.",
    '"The plant has a future if costs come down," said its plant manager, George Whitfield. '
    '"Nobody here wants a long strike."',
    '"Our members have waited long enough," the union\'s chief negotiator, Sam Okoye, said.',
]


@in_layouts(STRIKE)
def test_the_person_after_an_organisations_title_speaks_not_the_organisation(text):
    got = said(text)
    assert ("Ruth Adeyemi", "We") in got, got
    assert ("George Whitfield", "The") in got, got
    # the quotation after his goes on in his voice
    assert ("George Whitfield", "Nobody") in got, got
    assert ("Sam Okoye", "Our") in got, got
    assert not any(who.startswith("Carlton") for who, _ in got), got


MATCH = [
    "Leeds coach Johann Weber watched the first half from the stand after his suspension.",
    '"We were poor before the break," the Austrian said. "The second half was better."',
    "Defender Tom Price scored the winner with ten minutes left.",
    '"I just closed my eyes and hit it," said the 19-year-old, who signed from Hull in May.',
    '"Nobody expected this," said the Frenchman, Alain Roche, whose side are now bottom.',
    "Say the Tories, who opposed the plan: the club will not get a new stadium.",
    '"It is a bad day for the city," say the Tories.',
]


@in_layouts(MATCH)
def test_a_nationality_or_an_age_alone_stands_for_the_person_just_named(text):
    got = said(text)
    assert ("Johann Weber", "We") in got, got
    assert ("Johann Weber", "The") in got, got
    assert ("Tom Price", "I") in got, got
    # named right after the nationality: that one, not the last person named
    assert ("Alain Roche", "Nobody") in got, got
    # a people ("the Tories") is not a person just named
    assert not any(words == "It" for _, words in got), got
