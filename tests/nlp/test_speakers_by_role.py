"""Speakers a reporter names through something else: an organisation's title and then the
person ('"...," said Carlton Motor's head of personnel, Ruth Adeyemi'), a possessive pronoun
('said its plant manager, George Whitfield'), or, once named, by nationality or age alone
('the Austrian said', 'said the 28-year-old'); and the words quoted inside reported speech
('said the deal was "the worst in a decade"'), said directly. Every story is written for these
tests and read in three layouts (one line per paragraph; hard-wrapped at 65 with a four-space
indent; that with CRLF)."""

from __future__ import annotations

from explorer.nlp import extract

from .layouts import in_layouts, said, titles

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


COUNCIL = [
    'Councillor Martin Hale said the settlement for the county was "the worst in a decade" '
    "and would mean cuts to libraries.",
    'The finance minister, Jane Hart, said the squeeze would last "as long as it takes", and '
    'that councils had "money in the bank".',
    'Ms Hart said the figures were "final".',
    'Mr Hale said the "savings" would come from closing two libraries.',
]


def direct(text: str) -> set[tuple[str, str, bool]]:
    return {
        (f.subject, f.object, bool(f.qualifiers.get("partial")))
        for f in extract(text).facts
        if f.predicate == "said" and f.qualifiers.get("direct")
    }


@in_layouts(COUNCIL)
def test_words_quoted_inside_reported_speech_are_said_directly_by_its_speaker(text):
    got = direct(text)
    assert ("Martin Hale", "the worst in a decade", True) in got, got
    assert ("Jane Hart", "as long as it takes", True) in got, got
    assert ("Jane Hart", "money in the bank", True) in got, got
    # one word in marks after a verb of being is her judgement, in her word
    assert ("Jane Hart", "final", True) in got, got
    # elsewhere one word in marks is a word used (a scare quote), not a quotation
    assert not any(words == "savings" for _, words, _ in got), got
    # the reported clause stays, with the quoted words in it
    assert ("Martin Hale", "the") in said(text), said(text)


JUDGED = [
    'Union leader Jimmy Reid accused the board of "smoke and mirrors" over the closure.',
    'The opposition leader, Tom Greaves, branded the budget "a gift to the rich" on Tuesday.',
    'Helen Marsh and Peter Dowd, dubbed the "Camden Two" by the papers, lost their appeal.',
    'Former captain Mark Ellery called the decision to bat first "reckless".',
    'The mayor, Ann Ruddock, backed the so-called "garden tax" at the meeting.',
]


@in_layouts(JUDGED)
def test_words_in_marks_after_a_verb_of_judging_are_its_subjects(text):
    got = direct(text)
    assert ("Jimmy Reid", "smoke and mirrors", True) in got, got
    assert ("Tom Greaves", "a gift to the rich", True) in got, got
    # "dubbed" after a comma is what others called them, not their words
    assert not any(words == "Camden Two" for _, words, _ in got), got
    # one word after a verb of judging is the judgement, in the subject's own word
    assert ("Mark Ellery", "reckless", True) in got, got
    # "so-called" is no verb: the words in marks are nobody's quotation
    assert not any(words == "garden tax" for _, words, _ in got), got


ASIDES = [
    "STOCKHOLM, March 9 - Lars Holm, a spokesman for the white-collar union Unionen, said "
    "talks with employers would resume on Monday.",
    "Karin Berg, a spokeswoman for the union, said members would vote next week.",
    "Tom Dahl, an editor at the trade magazine Verkstad, said the deal was generous.",
]


@in_layouts(ASIDES)
def test_a_title_set_off_after_a_name_with_for_is_held_and_takes_the_body_named_after(text):
    got = titles(text)
    # the organisation named after the words that say what it is
    assert ("Lars Holm", "Spokesman", "Unionen") in got, got
    assert ("Karin Berg", "Spokeswoman", None) in got, got
    assert ("Tom Dahl", "Editor", "Verkstad") in got, got


RESULTS = [
    "TORONTO, April 8 - Harlow Mines Ltd reported lower first-quarter profit on Tuesday.",
    '"We had a difficult quarter at the smelter," president and chief executive officer Dan '
    "Moore told reporters.",
    '"Rates are firm," said Paul Kent, a director of shipbrokers J. Fearnley and Co Ltd. '
    '"Owners can sense it and are holding out."',
    "The ore was graded type C. Buyers said it sold well.",
]


@in_layouts(RESULTS)
def test_speakers_after_a_run_of_titles_and_an_initial_in_a_firms_name(text):
    got = said(text)
    # the title in lower case before the name: the person speaks
    assert ("Dan Moore", "We") in got, got
    # "J." opens the firm's name, it does not end the sentence: the next quotation is his
    assert ("Paul Kent", "Owners") in got, got
    # an initial before a word a sentence may open with still ends it
    sentences = [" ".join(text[s:e].split()) for s, e in extract(text).sentences]
    assert "The ore was graded type C." in sentences, sentences


COURT = [
    "NEW YORK, June 3 - U.S. District Judge Karen Holt sentenced a former bond trader to three "
    "years in prison on Tuesday.",
    '"Markets depend on trust," the judge told him before passing sentence.',
    "Former President Alan Rook, who appointed her, attended. President Maria Vance did not.",
    '"The courts must be seen to act," the president told reporters later.',
    '"It is a fair sentence," the minister said.',
]


@in_layouts(COURT)
def test_the_office_alone_after_a_quotation_is_its_holder_in_office(text):
    got = said(text)
    assert ("Karen Holt", "Markets") in got, got
    # the president in office, not the former one named first
    assert ("Maria Vance", "The") in got, got
    # no minister is named: nobody, not the last speaker going on
    assert not any(words == "It" for _, words in got), got
