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
