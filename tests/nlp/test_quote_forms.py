"""Direct quotes whose speaker a reader of news names at once, in forms the extractor missed
on unseen news: an organisation after the quotation ("the Vietnamese Foreign Ministry said",
"the Chilean embassy said", "Brazil's central bank said", "the ministry said"). Every story
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
