"""A headline run into its story on one line (copy that lost its line breaks) ends where a
careful reader sees the story open: a capitalised article or quantifier before the story's
subject, a name and its verb after a quotation, the headline's own first word again. Each
story (written for these tests) gives on one line what it gives laid out: one line per
paragraph, hard-wrapped at 65 with a four-space indent, and CRLF."""

from __future__ import annotations

import textwrap

import pytest

from explorer.nlp import extract, split_sentences

STORIES = {
    "an article, a name and its verb": [
        "Ferry operator warns on fuel costs",
        "The Irish Sea Ferries Group has warned that higher fuel costs will cut its profits "
        "this year, sending its shares down 4%.",
        "Chief executive Owen Daly said fares would rise in the summer.",
    ],
    "a quantifier before a figure": [
        "Bakery chain 'may shut 300 shops'",
        "Some 300 shops of the Brennan bakery chain could close by the end of the year, "
        "according to union leader Kate Moran.",
        "The firm said no decision had been taken.",
    ],
    "an article before a sum": [
        "Tramway extension 'to go ahead'",
        "The £90m extension of the Leith tramway is set to be approved on Tuesday, council "
        "leader Ian Ross said.",
        "Work could start in the spring.",
    ],
    "a name in capitals named again": [
        "Chip sales slow as US demand dips",
        "US chip sales fell 3% in March from February, industry group Semicon West said on Monday.",
        "Sales in Asia rose 2% over the same period.",
    ],
    "an article, a name and a noun": [
        "Museum shows talking statue",
        "A Roman statue that answers visitors' questions has gone on show at the Hull Museum, "
        "curator Jane Pike said.",
        "The statue was found in a field near York in 1921.",
    ],
    "a name and its verb after a quotation": [
        "Games console charger 'burn risk'",
        "Nintaro has said it will replace 40,000 chargers sold with its Orbit console after "
        "reports that some had overheated.",
        "Owners should stop using the chargers at once, the company said.",
    ],
    "the headline's first word again": [
        "Steel output falls for third month",
        "Steel output fell 2% in May as carmakers cut orders, the steel federation said on "
        "Tuesday.",
        "Exports held up, federation economist Ruth Ames said.",
    ],
    "an article, a name with 'of' and its initials, then its verb": [
        "Port opts to keep harbour fees on hold",
        "The Port of Leith Authority (PLA) has kept its harbour fees at last year's level for "
        "a third year, its chairman Alan Reid said.",
        "Fees will be reviewed in the autumn.",
    ],
    "an article, capitalised words and a noun": [
        "Council backs ferry link shake-up",
        "A Liberal Democrat councillor has won backing for a plan to run the Leith ferry "
        "link all year.",
        "Councillor Moira Kerr said the ferry would cut journeys by an hour.",
    ],
    "an infinitive wants its object": [
        "Halden to buy Welsh cider firm",
        "Halden, the Norwegian brewer, has agreed to buy Welsh cider firm Pant Farm for £40m "
        "in cash.",
        "Halden said the deal would close in May.",
    ],
    "a headline ends after its object, not on its verb": [
        "Okoro fit to face Leinster",
        "Ireland captain Dan Okoro will return from injury against Leinster on Friday.",
        "Okoro has missed six games with a knee injury.",
    ],
}


def _layouts(paragraphs: list[str]) -> list[str]:
    head, body = paragraphs[0], paragraphs[1:]
    one_line = head + "\n" + "\n".join("    " + p for p in body) + "\n"
    wrapped = head + "\n" + "\n".join(textwrap.fill(p, 65, initial_indent="    ") for p in body)
    return [one_line, wrapped + "\n", (wrapped + "\n").replace("\n", "\r\n")]


def _summary(text: str) -> tuple[set, set]:
    result = extract(text, {"date": "2024-06-01"})
    return (
        {(e.name, e.label) for e in result.entities},
        {(f.predicate, f.subject, f.object) for f in result.facts},
    )


@pytest.mark.parametrize("name", list(STORIES))
@pytest.mark.parametrize("layout", [0, 1, 2], ids=["one-line-paragraphs", "wrapped-65", "crlf"])
def test_a_story_on_one_line_reads_as_it_does_laid_out(name, layout):
    paragraphs = STORIES[name]
    one_document = " ".join(paragraphs)
    assert _summary(one_document) == _summary(_layouts(paragraphs)[layout])
    first = split_sentences(one_document)[0]
    assert one_document[first[0] : first[1]] == paragraphs[0]


@pytest.mark.parametrize(
    "text",
    [
        "Critics praised The Aviator on its opening night in London, and fans queued.",
        "Fans of the film The Aviator will see it on television on Sunday.",
        'Rap mogul Marion "Suge" Knight has been arrested in Los Angeles, police said.',
        "The row over the 'New Labour' MP Ian Ross has grown, his party said on Monday.",
        "Students with grade A results in maths rose to a record this year.",
        "The coffee chain said Coffee Republic would open ten shops this year.",
        "The Australian miner said it would break even on the 2.5bn Australian dollars "
        "expansion of its Pilbara mine.",
    ],
)
def test_a_sentence_with_such_words_inside_is_not_cut(text):
    assert split_sentences(text) == [(0, len(text))]
