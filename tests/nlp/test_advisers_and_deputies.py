"""Titles of wire and BBC copy that were read short or not at all: an adviser's ("legal
adviser to the Justice Ministry" is the ministry's), a deputy head's, a leader's of a party
named after a hyphenated modifier ("the left-wing Green bloc"), a senior judge's ("Lord
Justice Hale"), an office with its field before the name ("secretary of state Joe Clark"),
an office before a rank ("chief of staff General X", both his), a detective's rank, an
administrator and a coordinator; and two sentence openers: a first name that is also a
month's short form ("Jan Lindqvist said"), people of a trade in the plural ("Aides said",
"Diplomats said"); "Its president, X" of the organisation the sentence before opens
with. Every story is written for these tests and read in three layouts."""

from __future__ import annotations

from .layouts import held, in_layouts, labels, titles

ADVISERS = [
    "OSLO, May 12 - Kari Haugland, legal adviser to the Norwegian Justice Ministry, said "
    "the extradition request had been refused on Tuesday.",
    "Justice Ministry legal adviser Per Amundsen told reporters the case was closed. Tove "
    "Lie, deputy head of the national fisheries agency, said quotas would be cut.",
]


@in_layouts(ADVISERS)
def test_an_adviser_to_an_organisation_is_its_adviser(text):
    got = titles(text)
    assert ("Kari Haugland", "Legal Adviser", "Norwegian Justice Ministry") in got, got
    assert ("Per Amundsen", "Legal Adviser", "Justice Ministry") in got, got
    # "deputy head of": the whole title, not the head's
    assert ("Tove Lie", "Deputy Head") in held(text), got
    assert ("Tove Lie", "Head") not in held(text), got


PARTIES = [
    "Environment Minister Ruth Falkenberg, leader of the left-wing Green bloc, said the "
    "coalition would hold. The appeal was dismissed by Lord Justice Hale in London.",
]


@in_layouts(PARTIES)
def test_a_leader_of_a_party_after_a_hyphenated_modifier_and_a_senior_judge(text):
    got = titles(text)
    assert ("Ruth Falkenberg", "Leader", "Green") in got, got
    assert ("Hale", "Lord Justice", None) in got, got
    names = labels(text)
    assert names.get("Hale") == "PERSON", names
    assert "Justice Hale" not in names, names


OPENERS = [
    "The vote was delayed until Friday. Jan Lindqvist said the count would take a week.",
    "Aides said the minister was tired. Diplomats said the talks had stalled. Officials "
    "said a statement would follow.",
]


@in_layouts(OPENERS)
def test_a_first_name_like_a_month_and_trades_opening_a_sentence(text):
    names = labels(text)
    assert names.get("Jan Lindqvist") == "PERSON", names
    for trade in ("Aides", "Diplomats", "Officials"):
        assert trade not in names, names


OFFICES = [
    "MANILA, Feb 9 - Armed forces chief of staff General Rodolfo Biazon said the garrison "
    "had surrendered. The plan was drawn up by then-Canadian secretary of state Joe Clark, "
    "who met Biazon at the airport.",
]


@in_layouts(OFFICES)
def test_an_office_of_a_field_before_the_name_and_a_rank(text):
    got = held(text)
    # "chief of staff General X": the office and the rank both the officer's
    assert ("Rodolfo Biazon", "Chief of Staff") in got, got
    assert ("Rodolfo Biazon", "General") in got, got
    # "secretary of state Joe Clark": the whole office, not "Secretary"
    assert ("Joe Clark", "Secretary of State") in got, got
    assert ("Joe Clark", "Secretary") not in got, got


DETECTIVES = [
    "The paintings were found in a lock-up in Dover, said Detective Sergeant Carol Hythe of "
    "Essex Police. Court-appointed administrator Brian Tasker said the gallery's creditors "
    "would be paid in full. The United Nations' aid coordinator, Ingrid Solheim, said more "
    "tents were needed.",
]


@in_layouts(DETECTIVES)
def test_a_detectives_rank_an_administrator_and_a_coordinator(text):
    got = held(text)
    assert ("Carol Hythe", "Detective Sergeant") in got, got
    assert ("Carol Hythe", "Sergeant") not in got, got
    assert ("Brian Tasker", "Administrator") in got, got
    assert ("Ingrid Solheim", "Coordinator", "United Nations") in titles(text), titles(text)


ITS = [
    "SEATTLE, June 2 - Halvard Aircraft Corp said cracks had been found in the tail of two "
    "of its jets. Its senior vice president, Dale Pruitt, said the fleet would be inspected. "
    "Nothing was found wrong in April. Its chairman, Ron Bessel, said nothing.",
]


@in_layouts(ITS)
def test_its_role_opening_a_sentence_is_the_organisation_the_one_before_opens_with(text):
    got = titles(text)
    assert ("Dale Pruitt", "Senior Vice President", "Halvard Aircraft Corp") in got, got
    # the sentence before opens with no organisation: whose is not guessed
    assert ("Ron Bessel", "Chairman", None) in got, got
