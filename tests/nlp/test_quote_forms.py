"""Direct quotes whose speaker a reader of news names at once, in forms the extractor missed
on unseen news: an organisation after the quotation ("the Vietnamese Foreign Ministry said",
"the Chilean embassy said", "Brazil's central bank said", "the ministry said"); a speaker
set off from the verb by an age and an aside ("Anna Berg, 72, whose husband died in the
fire, told"); a programme as the listener ("told BBC Radio 4's Today programme:"); a
quotation inside reported speech; a verb of manner ('apologised "unreservedly"'); a
quotation over paragraphs, and one whose speaker the next paragraph names. Every story
is written for these tests, and read in the layouts of `layouts` (one line per paragraph;
hard-wrapped at 65 with a 4-space indent; that with CRLF) and wrapped with every line
indented."""

from __future__ import annotations

import textwrap

import pytest

from explorer.nlp import extract

from .layouts import layouts


def every_line_indented(paragraphs: list[str]) -> str:
    return "\n".join(textwrap.fill(p, 65, initial_indent="    ", subsequent_indent="    ")
                     for p in paragraphs) + "\n"  # fmt: skip


def read_in_layouts(paragraphs: list[str]) -> list[str]:
    return [*layouts(paragraphs), every_line_indented(paragraphs)]


IDS = ["one-line", "wrapped", "crlf", "every-line-indented"]


def quotes(text: str) -> set[tuple[str, str]]:
    """(speaker, the first three words) of each direct quotation."""
    return {
        (f.subject, " ".join(f.object.split()[:3]))
        for f in extract(text).facts
        if f.predicate == "said" and f.qualifiers.get("direct")
    }


def story(*paragraphs: str) -> pytest.MarkDecorator:
    return pytest.mark.parametrize("text", read_in_layouts(list(paragraphs)), ids=IDS)


# --- an organisation speaks after the quotation --------------------------------------------

FISHING = [
    "Vietnam and China traded accusations on Tuesday over a clash between fishing boats near "
    "the Paracel Islands, the third such incident this year.",
    "Chinese state media reported that a Vietnamese trawler had rammed a patrol vessel and "
    "that its crew had been detained on Hainan island.",
    '"We reject the claims, which have no basis in fact, and demand the release of our '
    'fishermen," the Vietnamese Foreign Ministry said in a statement.',
    "Beijing has not said how long the crew will be held or whether they will be charged.",
    '"The patrol acted within our waters and according to the law," the Chinese embassy in '
    "Hanoi said on Wednesday.",
]


@story(*FISHING)
def test_an_organisation_named_after_the_quotation_speaks(text):
    got = quotes(text)
    assert ("Vietnamese Foreign Ministry", "We reject the") in got
    # no Chinese embassy is named: the embassy speaks for its country
    assert ("China", "The patrol acted") in got


PROTEST = [
    "Several hundred people gathered outside the offices of a mining company in Lima on "
    "Saturday to protest against a new copper mine in the south of Peru.",
    "Police said the crowd included a number of foreign visitors, among them a group of "
    "students from Santiago who had travelled by bus for the march.",
    '"The safety of our citizens abroad is our first concern and we are in touch with the '
    'Peruvian authorities," the Chilean embassy said.',
    "Organisers said another march would be held next weekend.",
]


@story(*PROTEST)
def test_a_state_body_named_by_its_nationality_speaks_for_its_country(text):
    assert ("Chile", "The safety of") in quotes(text)


RATES = [
    "Brazil left its main interest rate unchanged at 13.25% on Wednesday, defying calls from "
    "industry for a cut after a year of slow growth.",
    "Economists had been divided over the decision, with some expecting a small cut to "
    "support a weakening labour market.",
    '"Inflation remains well above our target and we will act if it is needed," Brazil\'s '
    "central bank said after the meeting.",
    "The Brazilian finance ministry declined to comment on the decision.",
    'In Mexico, rates were also held. "The outlook for prices has improved," the Bank of '
    'Mexico said. "But risks remain," the central bank added.',
]


@story(*RATES)
def test_a_countrys_central_bank_speaks_by_its_name_or_for_its_country(text):
    got = quotes(text)
    assert ("Brazil", "Inflation remains well") in got
    assert ("Bank of Mexico", "The outlook for") in got
    assert ("Bank of Mexico", "But risks remain") in got


FIGURES = [
    "South Korea's Finance and Economy Ministry cut its forecast for growth this year to 4% "
    "from 5%, blaming weak consumer spending and a slowdown in building.",
    '"Internal and external conditions are likely to remain difficult this year," the '
    "ministry said in a statement.",
    "Exports, which grew strongly last year, are expected to slow as the won rises against "
    "the dollar.",
    '"A sharp fall in construction could have other effects on jobs," the ministry added.',
]


@story(*FIGURES)
def test_the_ministry_after_the_quotation_is_the_one_the_story_named(text):
    got = quotes(text)
    assert ("Finance and Economy Ministry", "Internal and external") in got
    assert ("Finance and Economy Ministry", "A sharp fall") in got


RESULTS = [
    "Unilever said sales of ice cream and frozen food fell by 3% in Europe last year, and it "
    "warned of a difficult start to this one.",
    'In the US revenue grew by 2% "despite disappointing sales of Slimfast drinks", the '
    "company said.",
    '"Our brands in Asia did well," said the firm, which makes Dove soap and Lipton tea.',
]


@story(*RESULTS)
def test_the_company_is_not_one_named_inside_the_quotation(text):
    got = quotes(text)
    assert ("Unilever", "despite disappointing sales") in got
    assert ("Unilever", "Our brands in") in got
    assert not any(who == "Slimfast" for who, _ in got)


# --- a speaker set off from the verb by their age and an aside -----------------------------

FIRE = [
    "A fire that began in a kitchen destroyed three houses in the village of Lowmoor on "
    "Monday night, and one man was killed.",
    "Fire crews from four towns fought the blaze for six hours before it was brought under "
    "control early on Tuesday morning.",
    'Anna Berg, 72, whose husband died in the fire, told reporters: "I have lost everything '
    'I had in this world and I do not know where I will go."',
    'Tomas Hallberg, 45, who runs a bakery in the village, said: "The whole street came out '
    'to help but the heat was too much for anyone."',
    '"We have never seen anything like it here," Peter Okafor, 61, who has lived in Lowmoor '
    "for thirty years, told the BBC.",
    '"It spread from one roof to the next in minutes," Grace Whitlow, a neighbour, said.',
]


@story(*FIRE)
def test_a_speaker_with_an_age_and_an_aside_before_the_verb(text):
    got = quotes(text)
    assert ("Anna Berg", "I have lost") in got
    assert ("Tomas Hallberg", "The whole street") in got
    assert ("Peter Okafor", "We have never") in got
    assert ("Grace Whitlow", "It spread from") in got


MATCH = [
    "England collapsed to defeat by three wickets against South Africa at Lord's on Sunday, "
    "losing their last six wickets for 31 runs after lunch.",
    'Former captain David Gower, commentating for the BBC, said: "That was as poor a batting '
    'display as I have seen from an England side in years."',
    "The captain, Martin Heale, admitted his side had thrown the game away.",
    'Mr Heale, speaking at a news conference after the match, said: "We let ourselves down '
    'and we know it."',
    'The cricket writer Simon Barnes, writing in The Times, said: "There is no hiding place '
    'for a team that bats like this."',
    '"It is a hard lesson but they will learn from it," Ian Cole, speaking on Test Match '
    "Special, said.",
    'Ruth Penn, chief executive of the county board, speaking at the ground, said: "We will '
    'review everything."',
    '"The selectors must act now," columnist Derek Pringle, writing on his blog, said.',
]


@story(*MATCH)
def test_an_aside_of_where_or_how_they_spoke_between_name_and_verb(text):
    got = quotes(text)
    assert ("David Gower", "That was as") in got
    assert ("Martin Heale", "We let ourselves") in got
    assert ("Simon Barnes", "There is no") in got
    assert ("Ian Cole", "It is a") in got
    assert ("Ruth Penn", "We will review") in got
    assert ("Derek Pringle", "The selectors must") in got


# --- a programme or a paper as the listener -------------------------------------------------

HOSPITALS = [
    "The health secretary, Ruth Calder, defended plans to close three accident and emergency "
    "units in the north of England on Monday.",
    "She told BBC Radio 4's Today programme: \"We will not cut a single bed from any hospital "
    'in the region, whatever the unions say."',
    "Labour's health spokesman, Owen Prideaux, said the plans would cost lives.",
    'He told Sky News: "This is a plan for the few and not the many, and patients will pay '
    'the price for it."',
    "The chief executive of the trust, Simon Leary, told the BBC's Politics Show: \"Nobody "
    'has been consulted about any closures."',
    'Nurse Helen Marsh told BBC Radio 5 Live: "I was never asked what I thought."',
    '"The figures simply do not add up," Ms Calder later told the Financial Times.',
]


@story(*HOSPITALS)
def test_the_speaker_told_a_programme_not_the_programme_speaks(text):
    got = quotes(text)
    assert ("Ruth Calder", "We will not") in got
    assert ("Owen Prideaux", "This is a") in got
    assert ("Simon Leary", "Nobody has been") in got
    assert ("Helen Marsh", "I was never") in got
    assert ("Ruth Calder", "The figures simply") in got
    speakers = {who for who, _ in got}
    assert not speakers & {"BBC", "BBC Radio", "Sky News", "Politics Show", "Financial Times"}


# --- words in marks inside reported speech ---------------------------------------------------

FINAL = [
    "Lena Sorvik of Norway won the women's final in straight sets on Sunday, a year after "
    "she had been ranked outside the top 200.",
    'Sorvik said the win showed that "anything is possible" for a player who keeps working.',
    'Her coach, Jens Aalto, told reporters on Sunday that "nobody in the game deserved it more".',
    'The beaten finalist, Mia Koster, said that "on another day it could have gone the other '
    'way" and that she would be back.',
]


@story(*FINAL)
def test_a_quotation_inside_reported_speech_is_the_reporters_speakers(text):
    got = quotes(text)
    assert ("Lena Sorvik", "anything is possible") in got
    assert ("Jens Aalto", "nobody in the") in got
    assert ("Mia Koster", "on another day") in got
    facts = [f for f in extract(text).facts if f.predicate == "said"]
    aalto = [f.object for f in facts if f.subject == "Jens Aalto"]
    assert aalto == ["nobody in the game deserved it more"]  # once, not a clause beside it


# --- a verb that says how they spoke, before a few words in marks ---------------------------

APOLOGY = [
    "The broadcaster faced a storm of complaints after a news bulletin on Monday showed the "
    "wrong man's photograph beside a report of a murder trial.",
    'Director general Tom Reddy apologised "unreservedly" to the man and his family.',
    'Opposition MP Carys Wynne described the mistake as "a disgrace to public service '
    'broadcasting" and warned of "serious consequences" if it happened again.',
    'The man\'s lawyer, Gary Tolan, promised to "fight on" until the family was paid damages.',
    'The presenter, Neil Barber, denied "any part in the decision" to use the photograph.',
    'The watchdog\'s chairman, Alan Moss, urged broadcasters to "check every picture twice".',
]


@story(*APOLOGY)
def test_a_verb_of_manner_makes_the_short_quotation_after_it_the_subjects(text):
    got = quotes(text)
    assert ("Tom Reddy", "unreservedly") in got
    assert ("Carys Wynne", "a disgrace to") in got
    assert ("Carys Wynne", "serious consequences") in got
    assert ("Gary Tolan", "fight on") in got
    assert ("Neil Barber", "any part in") in got
    assert ("Alan Moss", "check every picture") in got


# --- quotations over paragraphs, and a speaker named in the paragraph after -----------------

HOMES = [
    "The mayor of Corby, Jean Fairlie, spoke after the council voted on Tuesday night to "
    "approve 2,000 new homes on the edge of the town.",
    "'This is a great day for the town and for everyone who has worked so hard to get these "
    "homes built,",
    "'We can now start building the homes that young families need,' she said.",
    'Opposition councillor Roger Tate said: "I have lived here for forty years and I have never '
    "seen a decision taken so quickly.",
    '"The roads cannot cope with the traffic we have now.',
    '"Nobody has asked the people who live here what they think."',
    "Work on the first homes is due to begin in the spring.",
]


@story(*HOMES)
def test_a_quotation_over_paragraphs_keeps_its_speaker(text):
    # in single marks as British papers write them too, a paragraph ending on a comma
    got = quotes(text)
    assert got == {
        ("Jean Fairlie", "This is a"),
        ("Jean Fairlie", "We can now"),
        ("Roger Tate", "I have lived"),
        ("Roger Tate", "The roads cannot"),
        ("Roger Tate", "Nobody has asked"),
    }


FORECASTS = [
    "The finance ministry published its forecasts for the next two years on Wednesday, "
    "cutting its estimate of growth for a second time.",
    '"Growth will be slower than we had hoped," said the ministry\'s chief economist, Anna '
    "Lindqvist.",
    '"We will not be lectured by anyone on how to run the economy of this country."',
    "The remarks by Prime Minister Jonas Berg came after a week of poor figures on jobs and "
    "prices.",
    'Union leader Kate Rowe said: "Our members are angry and they have every right to be."',
    '"The strike will go ahead unless the company makes a far better offer."',
    "Those comments from union treasurer Sam Ure were echoed by other unions on Thursday.",
]


@story(*FORECASTS)
def test_a_quotation_whose_speaker_the_next_paragraph_names(text):
    got = quotes(text)
    assert ("Jonas Berg", "We will not") in got
    assert ("Sam Ure", "The strike will") in got
    assert ("Anna Lindqvist", "We will not") not in got
    assert ("Kate Rowe", "The strike will") not in got
