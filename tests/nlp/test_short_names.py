"""An organisation named whole once and then by one word of its name is one entity: a
company by its first word ("Federated said"), a club by its place or its nickname word
("Blackburn", "Rovers", "United"). Where the word could be either of two organisations, or
was the story's own name for something before the whole name came, it stays as written."""

from __future__ import annotations

from explorer.nlp import extract

from .layouts import in_layouts, layouts

SPORT = [
    "SOCCER - ROVERS HOLD UNITED TO GOALLESS DRAW",
    "Blackburn Rovers held Manchester United to a 0-0 draw at Old Trafford on Saturday, "
    "denying the champions a winning start to their title defence.",
    "United manager Alex Ferguson said his side had lacked a cutting edge against Rovers, "
    "who had lost twice at Old Trafford last season.",
    "Newcastle's Alan Shearer, who cost a world record 15 million pounds from Blackburn in "
    "the close season, was booked.",
]

COMPANY = [
    "Federated Steel Corp said it expects second quarter net income to rise to about 42 mln "
    "dlrs, or 1.10 dlrs a share, from 31.5 mln dlrs a year earlier.",
    "Federated said it would spend 150 mln dlrs on its mills, and Federated shares rose 1-1/8 "
    "to 33-3/4 on the New York Stock Exchange.",
]

TWO_CLUBS = [
    "Manchester United beat Newcastle United 2-1 on Sunday.",
    "United's second goal came in the last minute.",
]

PARENT_FIRST = [
    "Yukos said it would appeal against the tax bill.",
    "Its subsidiary Yukos USA filed for bankruptcy in Houston, and Yukos shares fell again.",
]


def entities_of(text: str, surface: str) -> set[str]:
    return {m.entity for m in extract(text).mentions if m.text == surface}


@in_layouts(SPORT)
def test_a_club_by_its_place_or_its_nickname_is_the_club(text):
    assert entities_of(text, "Rovers") == {"Blackburn Rovers"}
    assert entities_of(text, "Blackburn") == {"Blackburn Rovers"}
    assert entities_of(text, "United") == {"Manchester United"}


@in_layouts(COMPANY)
def test_a_company_by_its_first_word_is_the_company(text):
    assert entities_of(text, "Federated") == {"Federated Steel Corp"}


def test_a_word_two_organisations_share_stays_as_written():
    text = layouts(TWO_CLUBS)[0]
    assert entities_of(text, "United") <= {"United"}


def test_a_parent_named_first_is_not_its_later_subsidiary():
    text = layouts(PARENT_FIRST)[0]
    assert entities_of(text, "Yukos") == {"Yukos"}


def test_a_company_is_not_its_product_or_its_arm_by_the_first_word():
    text = (
        "Barclays Capital raised its forecast for oil. Analysts at the bank said prices would "
        "fall, and Barclays shares rose 2%."
    )
    assert entities_of(text, "Barclays") <= {"Barclays"}


CLUB_BY_ITS_LETTERS = [
    "SOCCER - INTER HELD AS ROMA GO TOP",
    "AS Roma beat Cagliari 2-0 on Sunday to go top of the Italian first division, while "
    "Inter were held at home.",
    "Roma's Argentine forward Abel Balbo scored twice, and Roma now lead by a point.",
]


@in_layouts(CLUB_BY_ITS_LETTERS)
def test_a_club_named_by_its_letters_is_the_club_by_its_word_alone(text):
    """ "Roma" was the Roma people in a story about AS Roma; "AS" was read as "as"."""
    assert entities_of(text, "AS Roma") == {"AS Roma"}
    assert entities_of(text, "Roma") == {"AS Roma"}


def test_a_people_named_like_a_club_stays_a_people_in_a_story_about_no_club():
    assert {m.label for m in extract("Many Roma live in poverty.").mentions} == {"NORP"}
