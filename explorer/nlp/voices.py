"""Unnamed voices who speak for themselves, not for whoever employs them: "analysts at Nomura
and Daiwa said", "one dealer at a large German bank said", "economists said". The firms named
after them are where they work; nobody named says the words (a spokesman or an official, who
speaks for the organisation, is `facts._unnamed_voice`'s)."""

from __future__ import annotations

from explorer.nlp import regexes

from .values import alternation

#: Who give their own view, not their employer's.
_KIND_WORDS = (
    "analyst analysts economist economists dealer dealers trader traders strategist "
    "strategists broker brokers banker bankers expert experts researchers scientists "
    "investors observers".split()
)
_KINDS = alternation(_KIND_WORDS + [w.capitalize() for w in _KIND_WORDS])
#: Their words without the first letter (a capital or not), looked for as plain text first:
#: a search for the whole voice tries every position of the words before a speech verb.
_STEMS = tuple(sorted({w[1:].rstrip("s") for w in _KIND_WORDS}))
#: Where they work: "at Nomura Securities and Yamaichi Securities", "in London" (no comma:
#: "Smith, an analyst at Nomura, said" is Smith's).
_WHERE = r"(?:[ \t]+(?:at|with|from|in|for)[ \t]+[^\n,.;:\"“”()]{1,80}?)?"
#: A determiner or a number before them: "one dealer", "some analysts", "two traders".
_DETERMINER_WORDS = "a an one another some several many most other two three four".split()
_DETERMINER = rf"(?P<det>{alternation(_DETERMINER_WORDS + [w.capitalize() for w in _DETERMINER_WORDS])}[ \t]+)"
#: The voice as the words before its speech verb ("analysts at Nomura and Daiwa").
THEM = rf"{_DETERMINER.replace('?P<det>', '?:')}?(?:[a-z][a-z-]*[ \t]+)?(?:{_KINDS})\b{_WHERE}"
#: After the speech verb: '"...," said analysts at Nomura and Daiwa.'
_AFTER_VERB = regexes.compile(rf"{THEM}[ \t]*(?=[.,;:!?\n]|$)")
#: Before it: 'Analysts at Nomura and Daiwa said', '"...," one dealer said'.
_BEFORE_VERB = regexes.compile(
    rf"(?:^|(?<=[\s\"“”])){_DETERMINER}?(?:[a-z][a-z-]*[ \t]+)?(?:{_KINDS})\b{_WHERE}"
    r"[ \t]*$",
)


def near(text: str, start: int, end: int) -> bool:
    """Whether one of their words may be in text[start:end] (a cheap test, before the
    pattern)."""
    window = text[start:end]
    return any(stem in window for stem in _STEMS)


def said_by_them(text: str, pos: int) -> bool:
    """Whether the words from `pos` (after a speech verb) are an unnamed voice of that kind,
    up to the end of the clause: "analysts at Nomura and Daiwa."."""
    return _AFTER_VERB.match(text, pos) is not None


def them_before(text: str, pos: int) -> bool:
    """Whether the words before `pos` (a speech verb) are such a voice, whole, at the start of
    a sentence or after a determiner: "Analysts at Nomura and Daiwa", "one dealer" (but not
    "Smith, an analyst at Nomura", "Ken Ono, Nomura's chief economist", set off after a name,
    nor "Nomura analyst Ken Ono")."""
    start = max(0, pos - 110)
    if not near(text, start, pos):
        return False  # no such word near: most speech verbs
    m = _BEFORE_VERB.search(text, start, pos)
    if m is None:
        return False
    lead = text[max(0, m.start() - 3) : m.start()].rstrip()
    if not lead or lead[-1] in _OPENS:
        return True
    return m.group("det") is not None and lead[-1] != ","


#: What a sentence's (or a clause's) first words follow.
_OPENS = frozenset('.!?:;"“”\n')
