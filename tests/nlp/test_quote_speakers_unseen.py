"""Direct quotes and their speakers in forms a reader of wire copy and news gets right at once:
a story of short paragraphs and a results table still read as hard-wrapped, "the Spaniard"
for the rider the story ties to Spain, a titled name after the quotation ("Chile's Mines
Minister Jorge Pardo told"), "the minister" for the minister named last, "he" for the unnamed
spokesman just quoted, and words in marks after a judging verb or a reported clause. Every
story is written for these tests; each comes in the layouts of `layouts` (one line per
paragraph; hard-wrapped at 65 with a 4-space indent; that with CRLF) and, where the layout is
the point, wrapped with every line indented."""

from __future__ import annotations

import textwrap

import pytest

from explorer.nlp import extract
from explorer.nlp.layout import wrap_width

from .layouts import in_layouts, said

# --- a story of short paragraphs and a results table ---------------------------------------

TOUR = [
    "CYCLING - ROCHE KEEPS LEAD AS DELGADO WINS STAGE",
    "VILLARD-DE-LANS, France 1987-07-21",
    "Ireland's Stephen Roche kept the leader's yellow jersey in the Tour de France on Tuesday "
    "after a long very very very very duel with Spain's Pedro Delgado in the Alps.",
    "Delgado attacked on the final climb and won the stage by 18 seconds, but Roche limited "
    "his losses.",
    '"I was on my limit but I knew I had to keep fighting very very very very until the end," '
    'Roche said. "Tomorrow is another hard day and anything can happen."',
    '"Delgado was the stronger man today," the Irishman told French television. "I will '
    'have to ride a perfect time trial in Dijon."',
    'Delgado said he had expected more help from his team-mates. "I could not do it alone," '
    'the Spaniard told reporters. "Roche is very strong."',
    "Results of the 20th stage:\n1. Pedro Delgado (Spain) PDM 5:32:41\n"
    "2. Stephen Roche (Ireland) Carrera 0:18\n3. Jean-Francois Bernard (France) Toshiba 1:05",
]


def wire(paragraphs: list[str], indent: str) -> str:
    """The headline unindented, each paragraph wrapped at 65 with a 4-space indent (`indent`
    on the lines after its first), the table's rows kept as lines."""

    def wrap(p: str) -> str:
        if "\n" in p:
            return "\n".join("    " + row for row in p.split("\n"))
        return textwrap.fill(p, 65, initial_indent="    ", subsequent_indent=indent)

    return paragraphs[0] + "\n" + "\n".join(wrap(p) for p in paragraphs[1:]) + "\n"


TOUR_QUOTES = {
    ("Stephen Roche", "I was on my"),
    ("Stephen Roche", "Tomorrow is another hard"),
    ("Stephen Roche", "Delgado was the stronger"),
    ("Stephen Roche", "I will have to"),
    ("Pedro Delgado", "I could not do"),
    ("Pedro Delgado", "Roche is very strong."),
}


def quotes(text: str) -> set[tuple[str, str]]:
    """(speaker, the first four words) of each direct quotation."""
    return {
        (f.subject, " ".join(f.object.split()[:4]))
        for f in extract(text).facts
        if f.predicate == "said" and f.qualifiers.get("direct")
    }


@pytest.mark.parametrize("indent", ["", "    "], ids=["first-line-indent", "every-line-indent"])
@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_a_story_of_short_paragraphs_and_a_table_is_read_as_wrapped(indent, crlf):
    text = wire(TOUR, indent)
    if crlf:
        text = text.replace("\n", "\r\n")
    assert wrap_width(text) in (64, 65)
    assert quotes(text) == quotes("\n\n".join(TOUR) + "\n") == TOUR_QUOTES


PARIS = [
    "Spanish rider Pedro Delgado and Stephen Roche of Ireland are level on time before the "
    "last stage to Paris.",
    "Roche won the time trial in Dijon on Saturday. Delgado finished third.",
    '"Delgado was the stronger man in the mountains," the Irishman told reporters.',
    '"He rode a perfect time trial," the Spaniard said of Roche. "I have no regrets."',
]


@in_layouts(PARIS)
def test_the_spaniard_is_the_rider_the_story_ties_to_spain(text):
    got = said(text)
    assert ("Stephen Roche", "Delgado") in got
    assert ("Pedro Delgado", "He") in got
    assert ("Pedro Delgado", "I") in got  # going on after "said of Roche"
    assert ("Stephen Roche", "He") not in got and ("Pedro Delgado", "Delgado") not in got


# --- a titled name after the quotation -----------------------------------------------------

TIN = [
    "LIMA, May 8 - Tin producers ended a three-day meeting here on Friday without agreeing on "
    "export cuts.",
    '"We cannot hold the price alone," Bolivia\'s Mines and Metallurgy Minister Jaime '
    "Villalobos told the closing session.",
    '"The market will decide," Malaysia\'s Primary Industries Minister Lim Keng Yaik told the '
    "meeting.",
    '"Nobody will strike this year," union president Carlos Mota told a rally in Oruro.',
    '"The strike is over," said mine workers leader Pedro Soto. "We won nothing."',
    '"It is a sad day," the lawyer for Carlos Mota told reporters.',
]


@in_layouts(TIN)
def test_the_person_a_title_names_after_the_quotation_speaks(text):
    got = said(text)
    assert ("Jaime Villalobos", "We") in got
    assert ("Lim Keng Yaik", "The") in got
    assert ("Carlos Mota", "Nobody") in got
    assert {("Pedro Soto", "The"), ("Pedro Soto", "We")} <= got
    assert not any(words == "It" for _, words in got)  # the lawyer's: not Mota's, nor Soto's


# --- "the minister": the holder named last -------------------------------------------------

CABINET = [
    "BRASILIA, June 2 - Brazil's Mines and Energy Minister Aureliano Chaves said on Monday "
    "that fuel prices would rise 10 pct next week.",
    '"A strike changes nothing," the minister said in Brasilia.',
    "Argentina's economy minister, Juan Sourrouille, said a new plan would be announced on Friday.",
    '"We will not devalue," the minister told a news conference.',
    "Dante de Oliveira, minister for agrarian reform, said 40,000 families would get land. "
    '"We are on schedule," the minister said.',
]


@in_layouts(CABINET)
def test_the_minister_is_the_one_named_last_before(text):
    got = said(text)
    assert ("Aureliano Chaves", "A") in got  # not Sourrouille, named only after it
    assert ("Juan Sourrouille", "We") in got
    assert ("Dante de Oliveira", "We") in got
    assert ("Juan Sourrouille", "A") not in got and ("Juan Sourrouille", "We") in got


# --- "he" for the unnamed spokesman just quoted --------------------------------------------

MILL = [
    "The steelmaker Usiminas said output fell 12 pct in May. Its president, Rinaldo Campos, "
    "blamed the stoppages.",
    "A spokesman said the furnaces at Ipatinga were running at half capacity.",
    '"If the furnaces go cold, it will take months to restart them," he said.',
    'Campos met the strikers on Tuesday. "We want a deal this week," he said.',
]


@in_layouts(MILL)
def test_he_after_an_unnamed_spokesman_is_the_spokesman(text):
    got = said(text)
    assert not any(words == "If" for _, words in got)  # not Campos's
    assert ("Rinaldo Campos", "We") in got


# --- the second quotation after "said X, an analyst with Y in Z." --------------------------

RUBBER = [
    "SINGAPORE, March 4 - Rubber prices rose sharply on Wednesday.",
    '"Supply is tight," said Ann Lee, an analyst with Kim Eng in Singapore. "Until the rains '
    'stop, prices will stay firm."',
    '"Demand is strong," said Tom Baker, a trader with Phibro Energy in New York. "Nobody is '
    'selling."',
]


@in_layouts(RUBBER)
def test_the_quotation_after_an_analyst_with_a_firm_in_a_city_goes_on(text):
    got = said(text)
    assert {("Ann Lee", "Supply"), ("Ann Lee", "Until")} <= got
    assert {("Tom Baker", "Demand"), ("Tom Baker", "Nobody")} <= got


# --- words in marks after a judging verb or a reported clause ------------------------------

REVIEWS = [
    "LONDON, Oct 4 - A new film about a Welsh mining village opened to glowing reviews on Friday.",
    'The paper\'s chief critic, Mark Ash, called it "a film of enormous warmth" and praised '
    "its cast.",
    "The village choir appears in the film. Its oldest member, 91-year-old Dai Price, said he "
    'would watch it "when it comes to the village hall".',
    'Another critic, Paul Hurd of The Times, described it as "slow but honest". Hurd\'s '
    'colleague Jane Moss of the Observer said the film was "too long by half".',
]


@in_layouts(REVIEWS)
def test_quoted_words_after_a_name_set_off_by_commas(text):
    partial = {
        (f.subject, " ".join(f.object.split()))
        for f in extract(text).facts
        if f.predicate == "said" and f.qualifiers.get("partial")
    }
    assert ("Mark Ash", "a film of enormous warmth") in partial
    assert ("Dai Price", "when it comes to the village hall") in partial
    assert ("Paul Hurd", "slow but honest") in partial  # not The Times
    assert ("Jane Moss", "too long by half") in partial  # not the Observer


OPEN = [
    "MELBOURNE, Jan 20 - West Germany's Boris Becker beat Sweden's Mats Wilander 6-4 6-3 in "
    "the quarter-finals of the Australian Open on Tuesday.",
    '"I played my best tennis of the year," the West German told reporters.',
    '"He was too good today," the Swede said. "I had no answer."',
    "Czechoslovakia's Ivan Lendl meets American John McEnroe in the other quarter-final.",
    '"I feel fresh," the American said on Monday.',
    "An official of the tournament, who asked not to be named, said the final could be "
    'delayed by rain. "We will wait as long as we need," he said.',
    'A spokesman for the Lawn Tennis Association said: "We are delighted." He added: "The '
    'draw was kind to the British players."',
]


@in_layouts(OPEN)
def test_a_nationality_or_a_spokesman_stands_for_the_one_it_names(text):
    got = said(text)
    assert ("Boris Becker", "I") in got
    assert {("Mats Wilander", "He"), ("Mats Wilander", "I")} <= got  # not Becker
    assert ("John McEnroe", "I") in got  # not Lendl, of Czechoslovakia
    assert not any(words == "We" and who != "Lawn Tennis Association" for who, words in got)
    assert {("Lawn Tennis Association", "We"), ("Lawn Tennis Association", "The")} <= got


TEST_MATCH = [
    'Former captain Michael Vaughan said the batting had been "reckless" and that some '
    'players were "playing for highlights".',
    'The board said the so-called "Bazball" era would go on.',
]


@in_layouts(TEST_MATCH)
def test_one_word_in_marks_after_a_verb_of_being_is_the_speaker_s(text):
    partial = {
        (f.subject, " ".join(f.object.split()))
        for f in extract(text).facts
        if f.predicate == "said" and f.qualifiers.get("partial")
    }
    assert ("Michael Vaughan", "reckless") in partial
    assert ("Michael Vaughan", "playing for highlights") in partial
    assert not any(words == "Bazball" for _, words in partial)  # a name in marks
