"""A headline run into the first sentence on one line reads as it does on a line of its own."""

from __future__ import annotations

import pytest

from explorer.nlp import extract, split_sentences
from explorer.nlp.layout import analysis_view

# Stories written for these tests: a headline, then paragraphs.
STORIES = {
    "sentence case, a common word opens the story": [
        "Harbour cranes lift Kestrel Shipping profit",
        "Quarterly earnings at Norwegian port operator Kestrel Shipping rose 12% to $40m in the "
        "three months to June, helped by busier container terminals in Bergen.",
        '"Our cranes have never been busier," said chief executive Maria Lund. The firm said '
        "quarterly earnings would stay strong for the rest of the year.",
        "Shares in Kestrel Shipping rose 3% in Oslo on Tuesday.",
    ],
    "a plural the story writes in the singular opens it": [
        "Harwell council backs depot homes",
        "Plans to turn the old bus depot in Harwell into 40 homes were approved by the council "
        "on Tuesday.",
        "The plan also gives the town a park, councillor Ada Okafor said.",
    ],
    "a number written out opens the story": [
        "Harwell bosses in pension payout",
        "Eighteen former directors of Harwell Foods have agreed to pay $13m to settle claims "
        "by pension holders, a court in Leeds heard on Monday.",
        "The directors did not admit wrongdoing, their lawyer Paul Okafor said.",
    ],
    "a given name no list knows, then the surname the headline gave": [
        "Brandt fights back to reach final",
        "Lleyko Brandt kept his hopes of a first Lyon title alive with a five-set win over "
        "Jens Okafor on Saturday.",
        "Brandt will meet the top seed on Sunday.",
    ],
    "a role, then the name the headline gave": [
        "Okafor beats Kestrel to number one",
        "Rapper Okafor has kept the band Kestrel off the top of the charts with his single.",
        "The band said it was happy for Okafor.",
    ],
    "the headline's last name, which the story writes again, then its subject": [
        "Harbridge surge past Kestrels",
        "Harbridge kept their unbeaten run going with a 30-10 win over the Kestrels at Marlow "
        "on Saturday.",
        "The Kestrels had won their last four games.",
    ],
    "a headline ending on a name in capitals that is a common word in lower case": [
        "Harwell guru plans sub-$100 PC",
        "Daniel Okafor, chairman and founder of Harwell Labs, says he is building a laptop PC that "
        "will sell for less than $100.",
        "Okafor told reporters in Leeds the machine would be ready next year.",
    ],
    "an article, then in full the name the headline gave in initials": [
        "KFA awaits report over Okafor",
        "The Kestrel Football Association is awaiting the referee's report before acting "
        "against Harbridge winger Tayo Okafor.",
        "Okafor, 20, was sent off in the second half on Saturday.",
    ],
    "a compound of common words opens the story": [
        "Harwell bars set for smoking ban",
        "Smoke-free bars and restaurants will be the law in Harwell from March, the council "
        "said on Monday.",
        "Owners say the smoke from cigarettes drives diners away.",
    ],
    "a past participle before a noun opens the story": [
        "Judges criticise child access system",
        "Divorced parents seeking access to their children face long waits, judges in Harwell "
        "said on Monday.",
        "Judge Ada Okafor said the system had failed families.",
    ],
    "a plural noun for people by what they do opens the story": [
        "Harwell hails European cinema",
        "Organisers say this year's Harwell film festival will show 300 films from 40 countries.",
        "The festival opens on Thursday with a film by Ada Okafor.",
    ],
    "a plural common word right after the headline's last name": [
        "Choose hope over fear - Okafor",
        "Voters will have a clear choice at the election, Liberal leader Tayo Okafor said.",
        "Most voters want change, he told reporters in Harwell.",
    ],
    "Title Case, a function word opens the story": [
        "Dollar Slips As Traders Await Fed Minutes",
        "The dollar fell against the yen and the euro on Tuesday as traders in London waited "
        "for the minutes of the Federal Reserve's last meeting.",
        '"Nobody wants to hold a big position before the minutes," said Paul Okafor, a dealer '
        "at Harwell Bank in London.",
    ],
    "a role and the name the headline gave by surname": [
        "Lindqvist wins Nordic book prize",
        "Novelist Astrid Lindqvist has won the Nordic Council's literature prize for her third "
        "book, a story of two sisters on a farm in Dalarna.",
        '"I wrote it for my mother," Lindqvist told reporters in Stockholm.',
    ],
    "the subject named again after its nationality and what it is": [
        "Halvorsen stretches lead in ski series",
        "Norwegian skier Ingrid Halvorsen stretched her lead in the World Cup standings on "
        "Sunday with a second win in three days at Lillehammer.",
        "Halvorsen, 24, finished 11 seconds ahead of Katja Berger of Austria.",
    ],
    "the subject spelt out from the headline's initials": [
        "IEA trims its oil demand forecast",
        "The International Energy Agency has cut its forecast for world oil demand next year "
        "for the third month running, citing weaker growth in China.",
        "The agency, based in Paris, advises 31 member countries.",
    ],
    "a result for a headline": [
        "Harbridge 21-17 Anford Rovers",
        "Tom Reid kicked three penalties as Harbridge came from behind to beat Anford Rovers "
        "in the league on Saturday.",
        "Anford had led 17-9 at half-time.",
    ],
    "a fixture for a headline": [
        "Selby v Dunmere (Sat)",
        "Kestrel Park hosts the game on Saturday, and Selby have won their last four there.",
        "Dunmere have not won away since October.",
    ],
    "a firm whose one-word name ends as company names do": [
        "Weak pound hurts Reuters",
        "Revenues at news group Reuters fell 6% in 2024, mainly because of the weak pound, the "
        "group said.",
        "The company still expects its new trading screens to sell well this year.",
    ],
    "a surname that ends as a word for a role does": [
        "Film award for director Hollander",
        "Dutch director Pieter Hollander has won the jury prize at the Lisbon film festival for "
        "his drama about a family of fishermen.",
        "Hollander, 51, thanked his cast in Portuguese.",
    ],
    "a capitalised role, then a person the lists do not know": [
        "Tavi Ortiz backs young directors",
        "Film-maker Tavi Ortiz says young directors in Chile have never had it better, but the "
        "money still comes from abroad.",
        "Ortiz was speaking at a festival in Valparaiso.",
    ],
    "a show whose name ends in a word that can be a title": [
        "Okafor attacks 'cruel' Big Brother",
        "Anna Okafor has criticised the makers of Celebrity Big Brother for the way they "
        "treated housemates, days after she walked out of the show.",
        "Okafor said the producers had set the housemates against each other.",
    ],
    "a headline that names its source after a comma": [
        "Rail fares 'too high', says Okafor",
        "Paul Okafor has said rail fares in the north of England are too high for commuters "
        "to bear.",
        "The transport minister said he would meet rail firms in May.",
    ],
    "a given name the lists do not know, after the headline's last name": [
        "Okafor falls to Brandt in Lyon",
        "Tayo Okafor suffered a shock defeat to Jens Brandt in the second round of the Lyon "
        "Open on Wednesday.",
        "Okafor, the second seed, lost in straight sets.",
    ],
    "a programme named again after what it is": [
        "Kestrel Nights voted worst TV import",
        "Surf drama Kestrel Nights has been voted the worst programme the country has bought "
        "from abroad, in a poll of 2,000 viewers.",
        "The show ran for nine years.",
    ],
    "what a person is, capitalised, then the person": [
        "Phone makers eye the music market",
        "Analyst Mary Okafor has said phone makers will sell more music players than the "
        "music firms themselves by 2008.",
        "Her report is published on Monday.",
    ],
    "a person's full name right after the headline's last name": [
        "Record mile for sprinter Okonkwo",
        "Daniel Okonkwo ran the fastest indoor mile of the season in Glasgow on Saturday, "
        "finishing in three minutes 52 seconds.",
        "Okonkwo said he would race again in Birmingham next month.",
    ],
    "a city the lists also know as a given name ends the headline": [
        "Coach Okafor sacked by Valencia",
        "Claudio Okafor has been sacked as Valencia coach just eight months after taking over.",
        "Okafor, 53, won the cup with the club in 1999.",
    ],
    "a given name for either sex before the headline's surname": [
        "Brandt could miss Lyon Open",
        "Kim Brandt has denied reports that she will miss the Lyon Open with a back injury.",
        "Brandt won the title last year.",
    ],
    "an article before a name the story writes with a lower-case article": [
        "Row over new powers for wardens",
        "The Police Federation has said it opposes giving street wardens the power to detain "
        "suspects for up to 30 minutes.",
        "A spokesman for the Police Federation said the plan would confuse the public.",
    ],
    "a measure of the firm the headline names, capitalised": [
        "Harwell Foods in Chilean farm deal",
        "Shares in Harwell Foods rose 4% on Monday after the firm bought a fruit farm near "
        "Santiago.",
        "Harwell Foods said the farm would supply its juice plants.",
    ],
    "a measure of the firm, the firm described": [
        "Weak peso hits Kestrel",
        "Revenues at mining group Kestrel slipped 9% in 2004, mainly because of the weak peso.",
        "Kestrel said it expected a better year.",
    ],
    "what a person is, capitalised, right after the headline's last name": [
        "Kestrel enter Rock Hall of Fame",
        "Singer Paul Okafor has inducted the band Kestrel into the Rock Hall of Fame in New York.",
        "Okafor played guitar with the band in 1979.",
    ],
    "two names side by side that the story writes apart": [
        "Harp maker sales up in Asia",
        "Okafor Instruments has reported a 20% rise in sales in Asia, where its harps sell well.",
        "Okafor Instruments makes harps in Leeds and sells them across Asia.",
    ],
    "the headline's full name said again": [
        "Profile: Ada Okafor",
        "Ada Okafor's rise through the ranks of the party continues with her move to the treasury.",
        "Okafor, 39, entered parliament in 2001.",
    ],
    "a headline that ends on its source, then a full name and its verb": [
        "Rail fares 'too high', says Howard",
        "Paul Okafor has said rail fares in the north of England are too high for commuters.",
        "Mr Howard, who leads the opposition, agreed with him.",
    ],
    "a person's possessive right after the headline's last name": [
        "Music man for the Oscars",
        "Bill Okafor's job as musical director of the Oscars is not for the faint-hearted, "
        "he told reporters in Los Angeles.",
        "He has led the orchestra since 1977.",
    ],
}


def _summary(text: str) -> tuple[set, set]:
    result = extract(text, {"date": "2024-06-01"})
    return (
        {(e.name, e.label) for e in result.entities},
        {(f.predicate, f.subject, f.object) for f in result.facts},
    )


@pytest.mark.parametrize("name", list(STORIES))
def test_a_story_on_one_line_gives_what_it_gives_with_its_headline_on_a_line_of_its_own(name):
    paragraphs = STORIES[name]
    one_line = " ".join(paragraphs)
    headline_apart = paragraphs[0] + "\n\n" + " ".join(paragraphs[1:])
    assert _summary(one_line) == _summary(headline_apart)
    assert _summary(one_line) == _summary("\n\n".join(paragraphs))
    first, second = split_sentences(one_line)[:2]
    assert one_line[first[0] : first[1]] == paragraphs[0]
    assert paragraphs[1].startswith(one_line[second[0] : second[1]])


def test_the_headline_no_longer_runs_into_the_first_name_or_fact():
    one_line = " ".join(STORIES["sentence case, a common word opens the story"])
    result = extract(one_line)
    names = {e.name for e in result.entities}
    assert "Kestrel Shipping" in names
    assert not any("Quarterly" in n or "profit" in n for n in names)
    amounts = [f for f in result.facts if f.predicate == "amount"]
    assert amounts and all(not f.subject.startswith("Harbour") for f in amounts)


def test_no_cut_between_two_words_the_story_writes_together_as_one_name():
    one_line = (
        "Okafor fights back to reach final Tayo Okafor kept his hopes of a first Lyon title "
        "alive with a five-set win over Jens Brandt. Tayo Okafor will meet the top seed on "
        "Sunday."
    )
    view = analysis_view(one_line).text
    assert "Tayo\nOkafor" not in view
    assert "Tayo Okafor" in {e.name for e in extract(one_line).entities}


def test_offsets_point_into_the_text_as_it_was_given():
    one_line = " ".join(STORIES["Title Case, a function word opens the story"])
    view = analysis_view(one_line)
    assert view.text.startswith("Dollar Slips As Traders Await Fed Minutes\nThe dollar fell")
    assert len(view.text) == len(one_line)  # a line break for a space: no offset moves
    result = extract(one_line)
    for m in result.mentions:
        assert one_line[m.start : m.end] == m.text
    for f in result.facts:
        assert one_line[f.start : f.end].strip() == one_line[f.start : f.end]


@pytest.mark.parametrize(
    "text",
    [
        # No headline: the names, titles and capitals of a real first sentence stay in it.
        "Shares in Acme Group fell 4% on Monday after Chief Executive John Smith said the "
        "group's quarterly sales had slowed. The group makes valves.",
        "Officials at the Bank of England said Monday morning trading was calm in London.",
        "The ruling Labour party said the Labour government would raise the tax in April.",
        "Pupils who got grade A results in maths rose to a record this year, the board said.",
        "Fans of the Carry On films gathered in Pinewood on Sunday for the Carry On reunion.",
        "Energy firm Northgate Power Holdings chairman Ian Reid said on Friday that profits "
        "would fall.",
        # A name said twice in one sentence, or a name after another one: no headline.
        "Rangers beat Rangers Reserves 3-1 in a friendly at Ibrox on Tuesday night.",
        "Former minister Paul Okafor and economist Ada Okafor said the Okafor plan would work.",
        "Fans watched Manchester Athletic Jenny Cole score twice on Sunday.",
        "Harwell Partners Inc bought a 9 pct stake in Kestrel Foods Inc, a filing showed.",
        "Viewers of TV channel Five have complained to the regulator, and Five said it would "
        "reply.",
        "Mr Okafor recently defeated Moscow-backed candidate Ivan Petrov in the vote.",
        "Chart-topping pop band Busted have confirmed that they plan to take a break.",
        "Interactive posters are helping Londoners get around the city this winter.",
        "Digital sales in Harwell are already used to compile Kestrel's Hot Digital Sales chart.",
        "Life insurer Kestrel Sun Life has cut its bonus rates for the second year running.",
        "In 1986 - Bishop Desmond Okafor was enthroned as archbishop of the city.",
        # Two names side by side: a given name and its surname, each written alone too.
        "Fans who watched the team in Lyon saw Tayo Okafor score; Okafor and Tayo left early.",
        "Groups A and B meet first: Anford v Selby; Marlow v Dunmere; Kestrel Town v Wells.",
        # One sentence a line, a dateline, a headline in capitals: their own breaks suffice.
        "BOND MARKETS RALLY AS INFLATION EASES\nLONDON 1996-08-30\nGilts rose on Friday .",
        "Reporting by Ana Silva; Editing by Tom Hughes",
    ],
)
def test_a_first_sentence_without_a_headline_is_not_cut(text):
    first_line = text.split("\n")[0]
    spans = split_sentences(first_line)
    if "." in first_line[:-1]:
        assert first_line[spans[0][0] : spans[0][1]].endswith(".")
    else:
        assert len(spans) == 1
    assert analysis_view(text).text.split("\n")[0] == first_line


def test_a_headline_on_its_own_line_is_left_as_it_is():
    text = "\n\n".join(STORIES["sentence case, a common word opens the story"])
    assert analysis_view(text).identity
