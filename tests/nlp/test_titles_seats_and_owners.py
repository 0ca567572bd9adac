"""Titles a reader of British and wire copy takes at once that were read wrong or not at all:
a seat before a name ("Local MSP X", "Labour MP X", "Tory MP for Solihull, X", "Councillor
X"), a post held before and a new one in one appointment ("named X, a former central bank
governor, as finance minister"), a title after an aside, the owner of a title named before
"whose", before a delegate ("Bolivia's delegate, Deputy Mines Minister X"), by "Its" or "the
board's", a newspaper's critic ("Variety's chief film critic, X"), and two titles opening a
sentence ("Chairman and chief executive X"). Every story is written for these tests and
read in three layouts."""

from __future__ import annotations

from .layouts import held, in_layouts, labels, titles

SEATS = [
    "The last post office in Dunmore is to shut in May.",
    "Local MSP Fiona Dalgety said the closure would hit older people hardest, and Labour MP "
    "Peter Crail called it a disgrace.",
    "Tory MP for Kenilworth, Harold Vane, said he would raise it with ministers. Councillor "
    "Aileen Marr said the council had not been told. Green councillor Rob Tait agreed, and "
    "Defending champion Amy Rudd said nothing.",
    "The Conservative MP Iain Lusk said the Post Office had broken its word.",
]


@in_layouts(SEATS)
def test_a_seat_before_a_name_is_the_title_of_the_party_before_it(text):
    got = titles(text)
    assert ("Fiona Dalgety", "MSP", None) in got, got
    # the party is whose seat it is, not a word of the title
    assert ("Peter Crail", "MP", "Labour") in got, got
    assert ("Harold Vane", "MP", "Tory") in got, got
    # the constituency after "for" is kept beside the party
    seats = {(f.subject, f.qualifiers.get("constituency")) for f in _facts(text)}
    assert ("Harold Vane", "Kenilworth") in seats, seats
    assert ("Iain Lusk", "MP", "Conservative") in got, got
    assert ("Aileen Marr", "Councillor", None) in got, got
    assert ("Rob Tait", "Councillor", "Green") in got, got
    # a capitalised word opening the sentence owns no title
    assert ("Amy Rudd", "Champion", None) in got, got
    # "Local MSP Fiona Dalgety" is no organisation, "Tory MP" no person
    names = labels(text)
    assert names.get("Fiona Dalgety") == "PERSON", names
    assert "Local MSP Fiona Dalgety" not in names, names
    assert names.get("MP") == "TITLE", names
    assert "Tory MP" not in names, names


MEMBERS = [
    "The member for Arfon, Gwen Pryce, said ferry users deserved answers. Tom Rees, the "
    "Labour member for Ceredigion, agreed. Lib Dem MP for Orkney and Shetland, Iona Rae, "
    "said the same, and so did Sue Holt, the MP for Bristol West.",
]


@in_layouts(MEMBERS)
def test_a_member_for_a_constituency(text):
    got = titles(text)
    assert ("Gwen Pryce", "Member", "Arfon") in got, got
    assert ("Tom Rees", "Member", "Labour") in got, got
    assert ("Iona Rae", "MP", "Liberal Democrats") in got, got
    assert ("Sue Holt", "MP", "Bristol West") in got, got
    seats = {(f.subject, f.qualifiers.get("constituency")) for f in _facts(text)}
    assert ("Tom Rees", "Ceredigion") in seats, seats
    assert ("Iona Rae", "Orkney and Shetland") in seats, seats
    # a constituency is a place, no organisation anyone works for
    assert labels(text).get("Bristol West") == "GPE", labels(text)


TIME_AM = ["Trading in London opened at 8 AM Eastern Time on Monday, dealers said."]


@in_layouts(TIME_AM)
def test_am_after_a_number_is_a_time_not_a_seat(text):
    names = labels(text)
    assert names.get("8 AM") == "TIME", names
    assert "AM" not in names and "Time" not in names, names


CABINET = [
    "ANKARA, June 2 - Prime Minister Kemal Sarp named Ayhan Dogru, a former central bank "
    "governor, as finance minister on Tuesday.",
    "Leyla Onat, the first woman in the cabinet, health minister, said the reshuffle would "
    "calm the markets.",
]


@in_layouts(CABINET)
def test_an_appointment_past_an_aside_and_a_title_after_one(text):
    got = titles(text)
    assert ("Ayhan Dogru", "Finance Minister", None) in got, got
    former = {
        (f.subject, f.object, f.qualifiers.get("of"), f.qualifiers.get("former"))
        for f in _facts(text)
    }
    assert ("Ayhan Dogru", "Governor", "central bank", True) in former, former
    assert ("Leyla Onat", "Health Minister", None) in got, got


def _facts(text: str):
    from explorer.nlp import extract

    return [f for f in extract(text).facts if f.predicate == "title"]


OWNERS = [
    "KUALA LUMPUR, March 3 - Malaysia's Primary Industries Minister Tan Kok Wai opened the "
    "meeting. Peru's delegate, Deputy Mines Minister Carlos Ugarte, said output had fallen. "
    "Chile's Finance and Public Credit Minister Ana Varas did not attend.",
    "The Popular Renewal Party, whose leader Marta Quiroga came second in May, lost two provinces.",
]


@in_layouts(OWNERS)
def test_whose_a_title_is_by_the_words_before_it(text):
    got = titles(text)
    # the portfolio stays the title's, the country is whose
    assert ("Tan Kok Wai", "Primary Industries Minister", "Malaysia") in got, got
    assert ("Carlos Ugarte", "Deputy Mines Minister", "Peru") in got, got
    assert ("Ana Varas", "Finance and Public Credit Minister", "Chile") in got, got
    assert ("Marta Quiroga", "Leader", "Popular Renewal Party") in got, got


ITS = [
    "DETROIT, April 8 - Shares in Corbett Tool Inc rose 2 pct after the company said profit rose.",
    "Its chief executive, Nora Blyth, said demand had recovered. Chairman and chief "
    "executive officer Dan Orme said the company would buy back shares. But committee "
    "chairman Ed Sayer said the board had not agreed.",
]


@in_layouts(ITS)
def test_its_after_a_sentence_naming_one_company_and_two_opening_titles(text):
    got = titles(text)
    assert ("Nora Blyth", "Chief Executive", "Corbett Tool Inc") in got, got
    assert ("Dan Orme", "Chairman") in held(text), got
    assert ("Dan Orme", "Chief Executive Officer") in held(text), got
    # a conjunction opening the sentence owns nothing
    assert not any(of and of.startswith("But") for _, _, of in got), got


BOARD = [
    "NHS Grampian is to close a ward at Woodend Hospital over the winter.",
    "The board's medical director, Dr Ewan Leith, said patients would be moved. Its chief "
    "executive, Morag Gunn, said nurses were being recruited.",
]


@in_layouts(BOARD)
def test_the_board_and_its_after_a_sentence_referring_to_the_organisation(text):
    got = titles(text)
    assert ("Ewan Leith", "Medical Director", "NHS Grampian") in got, got
    assert ("Morag Gunn", "Chief Executive", "NHS Grampian") in got, got


CRITICS = [
    "Variety's chief film critic, Sam Oduya, called the film a triumph. The Guardian's arts "
    "editor, Lucy Penn, was less sure.",
    "Olympique Lyonnais were fined on Monday. Their club's owner, Luc Darras, said they would "
    "appeal. Ruth Wanjiru won the 800 metres. Wanjiru, the Olympic champion, said she was "
    "tired.",
]


@in_layouts(CRITICS)
def test_a_publications_critic_a_teams_owner_and_a_champion(text):
    got = titles(text)
    assert ("Sam Oduya", "Chief Film Critic", "Variety") in got, got
    # "Guardian" is no adjective of a place ("Guarda")
    assert ("Lucy Penn", "Arts Editor", "Guardian") in got, got
    assert ("Luc Darras", "Owner", "Olympique Lyonnais") in got, got
    # the surname alone, named in full before
    assert ("Ruth Wanjiru", "Champion") in held(text), got
