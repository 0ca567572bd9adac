"""Who says the words when analysts at two firms say them, in forms of wire copy: nobody the
story names, and not the firms ("analysts at Carnegie Securities and Enskilda Securities said"),
after the quotation, before it, or after its verb; but an analyst set off after her name says
her own. Every text is written for these tests and read in the three layouts of `layouts`."""

from __future__ import annotations

from .layouts import in_layouts, said

# --- analysts at two firms ------------------------------------------------------------------

ANALYSTS = [
    "BREWER TO SHUT THREE PLANTS",
    "OSLO, March 9 - Nordbryg A/S said it would shut three of its seven breweries and cut "
    "900 jobs by the end of next year.",
    '"We sell less beer every year and we cannot keep seven plants busy," chief executive '
    "Halvard Moen told a news conference.",
    '"The cuts are overdue, and deeper ones will follow," analysts at Carnegie Securities '
    "and Enskilda Securities said in a note to clients.",
    'Analysts at Fondsfinans and Pareto Securities said: "Nordbryg is still too big for its '
    'market."',
    '"Margins will recover by the summer," said analysts at Alfred Berg and Orkla Finans.',
    "Analysts at Carnegie Securities and Enskilda Securities said the shares were cheap.",
    'Ingrid Sand, an analyst at Pareto Securities, said: "Moen has done the right thing."',
]


def _speakers_of(text: str, first_word: str) -> set[str]:
    return {who for who, word in said(text) if word == first_word}


@in_layouts(ANALYSTS)
def test_analysts_at_two_firms_are_no_named_speaker(text):
    firms = {
        "Carnegie Securities",
        "Enskilda Securities",
        "Fondsfinans",
        "Pareto Securities",
        "Alfred Berg",
        "Orkla Finans",
    }
    for word in ("The", "Nordbryg", "Margins"):
        who = _speakers_of(text, word)
        assert not who & (firms | {"Halvard Moen", "Moen"}), (word, who)
    assert not {who for who, _ in said(text)} & firms, said(text)
    # but the one analyst who is named says her words
    assert _speakers_of(text, "Moen") == {"Ingrid Sand"}
    assert _speakers_of(text, "We") == {"Halvard Moen"}


# --- a spokesman "for" an organisation, named or referred to ---------------------------------

FOR_WHOM = [
    "Caldera Power Plc said about 61,000 homes had lost electricity at the height of the storm.",
    '"Our engineers are working in very hard conditions," a spokesman for the company said.',
    '"Most supplies will be back by Monday," a spokeswoman for Caldera Power Plc said later.',
    'The Bundesbank held its rate. "We see no reason to move," an official at the central bank '
    "said.",
]


@in_layouts(FOR_WHOM)
def test_a_spokesman_for_an_organisation_speaks_for_it(text):
    assert _speakers_of(text, "Our") == {"Caldera Power Plc"}
    assert _speakers_of(text, "Most") == {"Caldera Power Plc"}
    assert _speakers_of(text, "We") == {"Bundesbank"}


# --- "the Italian" where the story ties nobody to Italy ---------------------------------------

NATIONALITY = [
    "Wexham Town lost 2-1 at home to Caldbeck United on Saturday.",
    "Wexham's head coach, Paolo Ferrante, was sent to the stands for protesting that Ivo Markic "
    "had fouled his goalkeeper, Sam Tully, before the winner.",
    '"It was a clear foul," the Italian said. "Everybody saw it."',
    "He conceded the defeat, which included goals from Ivo Markic and Dean Rowe, was deserved. "
    '"We were poor," the Irishman said.',
]


@in_layouts(NATIONALITY)
def test_a_nationality_with_no_tie_is_the_person_the_sentence_before_opens_with(text):
    assert _speakers_of(text, "It") == {"Paolo Ferrante"}
    # a name in a clause is no subject: the Irishman is not Dean Rowe nor Ivo Markic
    assert not _speakers_of(text, "We") & {"Ivo Markic", "Dean Rowe"}


# --- a speaker named after the organisation's title, set off, after the quotation ------------

OWNERS_TITLE = [
    "Corvane Telecom said its profit fell 12 pct in the quarter.",
    '"We are paying today for a network that will earn for twenty years," Corvane\'s chief '
    "financial officer, Mina Lasker, told analysts on a call.",
]


@in_layouts(OWNERS_TITLE)
def test_a_speaker_set_off_after_an_organisations_title_says_the_quotation(text):
    assert _speakers_of(text, "We") == {"Mina Lasker"}
