"""The words of a title phrase as reporters write them in lower case: the portfolio before a
minister or secretary ("the Norwegian oil and energy minister", "Labour's shadow local
government secretary"), and a run of modifiers that ends in an office of its own ("its deputy
chief executive", "the school's deputy head"). Read by names/spans.py's lower-case titles."""

from __future__ import annotations

import functools

from explorer.nlp.names.lists import PORTFOLIO_WORDS

#: Offices only in lower case: "his agent, X" (but "Secret Agent", "Rogue Agent" are names).
LOWER_ONLY_HEADS = frozenset({"Agent"})


@functools.cache
def with_lower_heads(heads: frozenset[str]) -> frozenset[str]:
    """The offices of the gazetteer and those only in lower case (`LOWER_ONLY_HEADS`)."""
    return heads | LOWER_ONLY_HEADS


#: Seats in a parliament, an assembly or a council, held for a party or a place: "Tory MP",
#: "Plaid Cymru AM", "Labour councillor".
SEATS = frozenset(
    "MP MEP MSP MLA AM Councillor Cllr Alderman Assemblyman Assemblywoman Senator Congressman "
    "Congresswoman Representative".split()
)

#: The offices a portfolio in lower case comes before: "health secretary", "oil minister".
PORTFOLIO_HEADS = frozenset(
    "minister secretary spokesman spokeswoman spokesperson commissioner minister-designate".split()
)

#: The words of a portfolio in lower case: the shared list's and ministries' others ("local
#: government", "home office", "oil", "petroleum and minerals").
PORTFOLIO = frozenset(w.lower() for w in PORTFOLIO_WORDS if w != "and") | frozenset(
    "local government office oil petroleum minerals mines mining economy finance labour labor "
    "trade commerce tourism planning communications telecommunications water power food "
    "forestry fisheries aviation shipping heritage media social security research women "
    "equality children families energy industry environment treasury constitutional legal "
    "international regional europe european northern budget revenue customs overseas "
    "colonial cabinet veterans disability sports culture arts".split()
)

#: Words of when or how a title is held, which may open a portfolio's title: "shadow health
#: secretary", "the deputy oil minister", "junior trade minister".
PORTFOLIO_OPENERS = frozenset("shadow deputy junior acting interim assistant vice".split())


def portfolio_title_end(words: list[str], i: int) -> int:
    """Where a title of a portfolio in lower case that opens at words[i] ends (the index past
    its office), or 0 when there is none: "oil and energy minister", "shadow local government
    secretary"; words may be joined by "and" ("trade and industry"), never end with it."""
    n = len(words)
    j = i
    while j < n and words[j] in PORTFOLIO_OPENERS:
        j += 1
    first = j
    while j < n:
        w = words[j]
        if w in PORTFOLIO or (w == "and" and j > first and j + 1 < n and words[j + 1] in PORTFOLIO):
            j += 1
        else:
            break
    if j == first or j >= n or words[j] not in PORTFOLIO_HEADS:
        return 0
    return j + 1


def ends_in_office(phrase: list[str], heads: frozenset[str]) -> bool:
    """Whether a run of title words (capitalised) ends in an office of its own, the words before
    it only what kind: "Deputy Chief Executive" (Chief Executive), "Deputy Head" (Head)."""
    return any(" ".join(phrase[k:]) in heads for k in range(1, len(phrase)))
