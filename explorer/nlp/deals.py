"""Deals: who buys whom (or a stake in whom, or which unit), for how much, and how far it got.

Each sentence that has a deal word is rewritten as a short "skeleton" in which every mention
is a token: `⟨E3⟩` for a party (an ORG, or a PERSON as an investor), `⟨M4⟩` for money, `⟨P5⟩`
for a percentage, `⟨X6⟩` for any other mention. The forms of business news ("X agreed to
acquire Y for Z", "Y agreed to be acquired by X", "X's offer for Y", "X rejected Y's bid",
"X sold its Z unit to Y", ...) are then regexes over the skeleton, so a slot can only be
filled by a mention, never by a guess from capitalised words. "it", "its" and "the company"
stand for the sentence's company, or the previous sentence's when only one company is named.
"""

from __future__ import annotations

import re

from explorer.nlp import regexes

from ..model import Fact, Mention
from .values import alternation

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .facts.text import _Text

__all__ = ["STATUSES", "find_deals"]

#: How far a deal got, in the order a deal goes.
STATUSES = ("proposed", "agreed", "completed", "rejected", "terminated")

_PARTY_LABELS = frozenset({"ORG", "PERSON"})
# Cheap test before a sentence is rewritten: does it say anything a deal says? One pass over
# the whole text (a trie of the stems).
_TRIGGER_STEMS = [
    *(
        "acqui buy buys buying bought snapped purchas holding control takeover merg stake bid "
        "offer sold sell sale tender"
    ).split(),
    *("take over", "taken over", "takes over", "took over"),
]
_TRIGGER = regexes.compile(
    r"\b(?:" + alternation([*_TRIGGER_STEMS, *(w.capitalize() for w in _TRIGGER_STEMS)]) + ")"
)
# The same over the text in lower case: the stems that hold no other at their start, each
# found by `str.find` and kept at a word's start (a regex over the text tried its trie at
# every character: twice the instructions). No stem starts inside another after a space
# ("take over": none starts with "over"), so these are the starts of the regex's hits.
_TRIGGER_FINDS = sorted(
    stem
    for stem in _TRIGGER_STEMS
    if not any(o != stem and stem.startswith(o) for o in _TRIGGER_STEMS)
)
# A verb of a completed deal ("was acquired", "has bought"), as opposed to an agreed one.
_PAST = regexes.compile(r"(?:was|were|has|had)")
# A possessive subject or an "it" that a slot may hold besides a mention.
_SELF = r"(?:\b[Ii]t\b|\b[Tt]he\s+(?:company|group|firm|bank|concern)\b)"
_PARTY = r"⟨E\d+⟩"
_A = rf"(?P<a>{_PARTY}|{_SELF})"
_T = rf"(?P<t>{_PARTY}|{_SELF})"
_A_POSS = rf"(?P<a>{_PARTY}['’]s?|\b[Ii]ts\b|{_SELF}['’]s)"
# Between a subject and its verb: an appositive ("X, the oil group,"), "said (that) it",
# auxiliaries and adverbs.
_APPOSITIVE = r"(?:\s*,[^,⟨]{1,60},)?"
_SAID_IT = (
    r"(?:\s+(?:said|says|announced|confirmed|disclosed|reported)(?:\s+(?:on\s+)?\S+day)?"
    r"(?:\s+that)?\s+(?:it|the\s+(?:company|group|firm|bank))\b)?"
)
_AUX = (
    r"(?:\s+(?:has|have|had|will|would|is|was|also|now|finally|formally|already|previously"
    r"|recently|tentatively|definitively|earlier|then|officially|successfully|yesterday"
    r"|today|last\s+\w+|on\s+\w+day))*"
)
_LEAD = rf"{_APPOSITIVE}{_SAID_IT}{_AUX}\s+"
_BUY = r"(?:acquire|buy|purchase|take\s+over|take\s+control\s+of|gain\s+control\s+of)"
_BOUGHT = (
    r"(?:acquired|bought|purchased|took\s+over|taken\s+over|took\s+control\s+of"
    r"|gained\s+control\s+of|won\s+control\s+of|snapped\s+up)"
)
_BUYS = r"(?:acquires|buys|purchases|takes\s+over)"
_DEAL_NOUN = r"(?:acquisition|purchase|takeover|buyout|buy-out|merger)"
_BID_NOUN = (
    r"(?:(?:(?:hostile|unsolicited|friendly|agreed|rival|revised|sweetened|improved|higher"
    r"|cash|all-cash|share|all-share|takeover|tender|buyout|merger|formal|new|initial"
    r"|recommended)\s+)*(?:bid|offer|tender\s+offer|approach|proposal|buyout\s+offer))"
)
# What is bought, in front of the target: a stake with its percentage, all or part of it.
_STAKE_WORDS = r"(?:stake|interest|holding|shareholding|share|equity\s+stake)"
_WHAT = (
    r"(?:(?:a|an|the|its|his|her|their)\s+)?(?:(?:further|additional|remaining|outstanding"
    r"|minority|majority|controlling|direct|indirect|new|another)\s+)*"
    rf"(?:(?P<s>⟨P\d+⟩)\s+)?(?:(?:further|additional|remaining|outstanding|minority|majority"
    rf"|controlling|equity)\s+)*(?P<stake>{_STAKE_WORDS})s?\s+(?:in|of)\s+"
)
_PART = (
    r"(?:(?:the\s+)?(?P<rest>remaining|rest\s+of|balance\s+of|outstanding\s+shares\s+of"
    r"|shares?\s+of|all\s+of|all\s+the\s+shares\s+of)\s+(?:the\s+)?"
    r"|(?:the\s+)?(?:remaining\s+)?(?P<s2>⟨P\d+⟩)\s+(?:of\s+)?(?:(?:the\s+)?shares\s+(?:of|in)\s+)?)"
)
_OBJECT = rf"(?:{_WHAT}|{_PART})?"
# After the target: "Y's chemicals unit" (a part of Y), "Y's 20 pct stake in Z" (Z, sold by
# Y); any other possessive means the target is what comes after it. "bought Exxon shares" is
# trading, not a deal.
_UNIT_WORDS = (
    r"(?:unit|division|subsidiary|affiliate|arm|business|operations?|assets|plants?|stores"
    r"|brands?|interests)"
)
_UNIT = (
    r"(?!['’]?s?\s+(?:shares|stock|bonds|debt|notes|paper|products|cars|aircraft|jets|planes"
    r"|oil|crude|goods|equipment|services|tickets|computers|chips)\b)"
    r"(?:['’]s?\s+(?:(?:(?P<s3>⟨P\d+⟩)\s+)?(?:[a-z][\w-]*\s+)?(?P<stake3>stake|holding"
    r"|interest|shareholding)\s+in\s+(?P<t3>⟨E\d+⟩)"
    rf"|(?P<unit>(?:[A-Za-z][\w-]*\s+){{0,3}}{_UNIT_WORDS})\b)"
    r"|(?!['’]s?\b))"
)
_STATUS_WORDS = {
    "proposed": r"(?:plans?|planned|intends?|intended|proposed|proposes|offered|offers"
    r"|wants?|wanted|seeks?|sought|hopes?|hoped|is\s+seeking|aims?|bid|is\s+bidding"
    r"|made\s+an\s+offer|moved|launched\s+a\s+bid|is\s+to\s+make\s+an\s+offer)\s+to",
    "agreed": r"(?:agreed|agrees|signed\s+(?:an?\s+|a\s+definitive\s+)?(?:agreement|deal|contract)"
    r"|reached\s+(?:an?\s+)?(?:agreement|deal)|struck\s+a\s+deal|is\s+to|are\s+to|will"
    r"|is\s+set\s+to|won\s+approval|received\s+approval|got\s+approval)"
    r"(?:\s+(?:on\s+)?(?:⟨X\d+⟩|\w+day)|\s+in\s+principle)?\s*(?:to\s+)?",
    "terminated": r"(?:abandoned|dropped|scrapped|called\s+off|terminated|ended|withdrew"
    r"|withdrawn|cancelled|canceled|walked\s+away\s+from)\s+(?:(?:its|his|their|the|a)\s+)?"
    r"(?:plans?|agreement|deal|offer|bid|attempt|proposal|effort|bid)\s+to",
}
_NEGATION = regexes.compile(
    r"\b(?:not|no|never|n't|denied|denies|deny|denying|ruled\s+out|rules\s+out|dismissed"
    r"|rumou?rs?|rumou?red|speculation|speculated|if|whether|could|might|may|would\s+consider"
    r"|considering|consider|talks?\s+about|interested|interest\s+in|unlikely|refused|declined)\b",
    re.I,
)
_PRICE_AFTER = regexes.compile(
    r"(?:[^⟨]|⟨X\d+⟩){0,60}?\b(?:for|worth|valued\s+at|value\s+of|at|of|to|totall?ing"
    r"|costing|priced\s+at)"
    r"\s+(?:(?:about|around|some|roughly|nearly|almost|approximately|an\s+estimated|up\s+to"
    r"|more\s+than|over|just\s+over|just\s+under|less\s+than)\s+)?(?P<p>⟨M\d+⟩)"
    r"(?P<per>\s+(?:a|per)\s+share)?"
)
_PRICE_INSIDE = regexes.compile(r"(?P<p>⟨M\d+⟩)(?P<per>\s+(?:a|per)[\s-]share)?")


def _forms() -> list[_Form]:
    """(pattern over the skeleton, status, how the slots read), most specific first."""
    agreed = _STATUS_WORDS["agreed"]
    proposed = _STATUS_WORDS["proposed"]
    terminated = _STATUS_WORDS["terminated"]
    forms: list[tuple[str, str, str]] = [
        # "Y agreed to be acquired by X", "Y was bought by X", "Y accepted a takeover by X".
        (
            rf"{_T}{_LEAD}(?P<v>(?:agreed|agrees|is\s+set|is\s+expected|has\s+agreed)\s+to\s+be"
            rf"\s+(?:acquired|bought|purchased|taken\s+over)|(?:was|were|has\s+been|had\s+been"
            rf"|is\s+being|will\s+be)\s+(?:acquired|bought|purchased|taken\s+over|sold))"
            rf"\s+(?:\w+\s+)?by\s+{_A}",
            "passive",
            "",
        ),
        # "X terminated its agreement to acquire Y".
        (rf"{_A}{_LEAD}(?P<v>{terminated})\s+{_BUY}\s+{_OBJECT}{_T}{_UNIT}", "terminated", ""),
        # "X dropped its bid for Y", "X withdrew its offer for Y".
        (
            rf"{_A}{_LEAD}(?P<v>abandoned|dropped|scrapped|called\s+off|withdrew|withdrawn"
            rf"|cancelled|canceled|terminated|ended)\s+(?:(?:its|his|their|the)\s+)?"
            rf"(?:(?P<p0>⟨M\d+⟩)(?:\s+\S+){{0,3}}?\s+)?{_BID_NOUN}\s+for\s+{_OBJECT}{_T}",
            "terminated",
            "",
        ),
        # "X agreed to acquire Y", "X will buy a 15 pct stake in Y".
        (rf"{_A}{_LEAD}(?P<v>{agreed})\s*{_BUY}\s+{_OBJECT}{_T}{_UNIT}", "agreed", ""),
        # "X said it would buy Y": an announcement.
        (
            rf"{_A}{_APPOSITIVE}\s+(?:said|says|announced|confirmed)(?:\s+(?:on\s+)?\S+day)?"
            rf"(?:\s+that)?\s+(?:it|the\s+(?:company|group|firm|bank))\s+(?P<v>would)\s+{_BUY}"
            rf"\s+{_OBJECT}{_T}{_UNIT}",
            "agreed",
            "",
        ),
        # "X plans to acquire Y", "X offered to buy Y".
        (rf"{_A}{_LEAD}(?P<v>{proposed})\s+{_BUY}\s+{_OBJECT}{_T}{_UNIT}", "proposed", ""),
        # "X completed its acquisition of Y", "X closed the purchase of a stake in Y".
        (
            rf"{_A}{_LEAD}(?P<v>(?:completed|completes|closed|closes|finalised|finalized"
            rf"|concluded)\s+(?:(?:its|the|his|their|a)\s+)?(?:\S+\s+)?{_DEAL_NOUN}\s+of)"
            rf"\s+{_OBJECT}{_T}{_UNIT}",
            "completed",
            "",
        ),
        # "X bought Y", "X has taken over Y", "X acquired a 15 pct stake in Y".
        (rf"{_A}{_LEAD}(?P<v>{_BOUGHT}|{_BUYS})\s+{_OBJECT}{_T}{_UNIT}", "completed", ""),
        # "X raised its stake in Y to 20%".
        (
            rf"{_A}{_LEAD}(?P<v>(?:raised|raises|increased|increases|lifted|lifts|boosted"
            rf"|boosts|took|takes|built\s+up|has\s+built)\s+(?:its|his|their|a|an)\s+"
            rf"(?:(?P<s>⟨P\d+⟩)\s+)?(?:\w+\s+)?(?P<stake>{_STAKE_WORDS}))\s+in\s+{_T}"
            rf"(?:\s+to\s+(?P<s2>⟨P\d+⟩))?",
            "completed",
            "stake",
        ),
        # "X sold its Z unit to Y", "X sold its 20 pct stake in Z to Y".
        (
            rf"{_A}{_LEAD}(?P<v>(?P<sv>sold|sells|agreed\s+to\s+sell|will\s+sell|is\s+to\s+sell"
            rf"|plans\s+to\s+sell|has\s+sold))\s+(?:(?:its|his|their|the|a|an)\s+)?"
            rf"(?:(?P<s>⟨P\d+⟩)\s+)?(?:(?P<stake>stake|holding|interest|shareholding)\s+in\s+"
            rf"(?P<t>{_PARTY})|(?P<uname>(?:⟨[EX]\d+⟩|[A-Z][\w&'-]*)(?:\s+(?:and|&|of"
            rf"|⟨[EX]\d+⟩|[A-Z][\w&'-]*))*\s+)?(?P<unit>(?:[a-z][\w-]*\s+){{0,3}}(?:unit"
            rf"|division|subsidiary|affiliate|arm|business|operations?|assets|brands?|plants?|stores)))"
            rf"(?:\s+\S+){{0,8}}?\s+to\s+(?P<b>{_PARTY})",
            "sold",
            "",
        ),
        # "X's offer for Y", "X's $3bn bid for Y": a proposal (rejected when "rejected" leads).
        (
            rf"(?P<rej>(?P<t0>{_PARTY}|{_SELF}){_LEAD}(?:rejected|rejects|turned\s+down"
            rf"|spurned|rebuffed|snubbed|dismissed|accepted|accepts|welcomed|backed|recommended)"
            rf"\s+)?{_A_POSS}\s+(?:(?:new|latest|improved|revised|rival|own)\s+)?"
            rf"(?:(?P<p0>⟨M\d+⟩)(?:\s+\S+){{0,3}}?\s+)?(?P<v>{_BID_NOUN})\s+(?:for|to\s+buy|to\s+acquire"
            rf"|to\s+take\s+over)\s+{_OBJECT}{_T}",
            "offer",
            "",
        ),
        # "X rejected Y's bid", "X turned down a $3bn offer from Y".
        (
            rf"{_T}{_LEAD}(?P<v>rejected|rejects|turned\s+down|spurned|rebuffed|snubbed"
            rf"|accepted|accepts|recommended)\s+(?:{_A_POSS}\s+(?:(?P<p0>⟨M\d+⟩)(?:\s+\S+){{0,3}}?\s+)?"
            rf"{_BID_NOUN}|(?:an?|the)\s+(?:(?P<p1>⟨M\d+⟩)(?:\s+\S+){{0,3}}?\s+)?{_BID_NOUN}"
            rf"(?:\s+\S+){{0,4}}?\s+(?:from|by)\s+{_A.replace('<a>', '<a2>')})",
            "response",
            "",
        ),
        # "X launched a hostile bid for Y", "X made a $5bn offer for Y".
        (
            rf"{_A}{_LEAD}(?P<v>launched|launches|made|makes|tabled|lodged|submitted|announced"
            rf"|unveiled|put\s+in|mounted|raised|sweetened|increased|improved|renewed)\s+"
            rf"(?:(?:an?|its|the|his|their)\s+)?(?:(?P<p0>⟨M\d+⟩)(?:\s+\S+){{0,3}}?\s+)?"
            rf"{_BID_NOUN}\s+(?:for|to\s+buy|to\s+acquire|to\s+take\s+over)\s+{_OBJECT}{_T}",
            "proposed",
            "",
        ),
        # "X bid $3bn for Y", "X offered $3bn for Y".
        (
            rf"{_A}{_LEAD}(?P<v>bid|bids|offered|offers)\s+(?:(?:about|around|some)\s+)?"
            rf"(?P<p0>⟨M\d+⟩)(?P<per>\s+(?:a|per)\s+share)?\s+(?:in\s+cash\s+)?for\s+{_OBJECT}{_T}",
            "proposed",
            "",
        ),
        # "X and Y agreed to merge", "X and Y announced a merger".
        (
            rf"{_A}\s+and\s+{_T}{_APPOSITIVE}{_AUX}\s+(?P<v>(?:{agreed}|{proposed}|said\s+they"
            rf"\s+would|said\s+they\s+will|will|are\s+to|plan\s+to)\s*merge|merged"
            rf"|(?:announced|agreed|completed|approved|proposed|unveiled|signed)\s+(?:an?|the"
            rf"|their)\s+(?:\S+\s+)?merger)\b",
            "merger",
            "",
        ),
        # "X agreed to merge with Y", "X will merge with Y".
        (
            rf"{_A}{_LEAD}(?P<v>(?:(?:{agreed}|{proposed})\s*)?merge|merged)\s+with\s+{_T}",
            "merger",
            "",
        ),
        # "X's acquisition of Y", "X's proposed takeover of Y".
        (
            rf"{_A_POSS}\s+(?P<mod>(?:proposed|planned|pending|completed|failed|abandoned"
            rf"|agreed|rejected|blocked|collapsed|recent)\s+)?(?:(?P<p0>⟨M\d+⟩)(?:\s+\S+){{0,3}}?\s+)?"
            rf"(?P<v>{_DEAL_NOUN})\s+(?:of|with)\s+{_OBJECT}{_T}",
            "noun",
            "",
        ),
    ]
    out = []
    for need, (p, status, how) in zip(_NEEDS, forms, strict=True):
        shared = next((i for i, t in enumerate(_TAILS) if p.endswith(t)), None)
        if shared is not None:
            p = p[: -len(_TAILS[shared])]
        out.append(_Form(regexes.compile(need), p, status, how, shared))
    return out


class _Groups:
    """The groupindex of a head and a tail pattern together (what `_read` asks of `.re`)."""

    def __init__(self, head: re.Pattern, tail: re.Pattern) -> None:
        self.groupindex = {**head.groupindex, **tail.groupindex}


class _Joined:
    """A form's head match and the shared tail's match after it, read as one match."""

    def __init__(self, head: re.Match, tail: re.Match) -> None:
        self.head, self.tail = head, tail
        self.re = _Groups(head.re, tail.re)

    def _of(self, name: str) -> re.Match:
        return self.tail if name in self.tail.re.groupindex else self.head

    def group(self, name: str) -> str | None:
        return self._of(name).group(name)

    def start(self, name: str | None = None) -> int:
        return self.head.start() if name is None else self._of(name).start(name)

    def end(self) -> int:
        return self.tail.end()

    def span(self) -> tuple[int, int]:
        return self.head.start(), self.tail.end()


# What follows the verb of most forms, "[a 15 pct stake in] Y[ 's unit]": compiled once for
# all of them (compiling the forms is most of a short run's cost).
_TAILS = (rf"\s+{_OBJECT}{_T}{_UNIT}", rf"{_OBJECT}{_T}")
_TAIL_PATTERNS: dict[int, re.Pattern] = {}


def _tail(which: int) -> re.Pattern:
    if which not in _TAIL_PATTERNS:
        _TAIL_PATTERNS[which] = regexes.compile(_TAILS[which])
    return _TAIL_PATTERNS[which]


_BUY_WORD = r"(?:acquire|buy|purchase|take\s+over|take\s+control|gain\s+control)\b"
_END_WORD = r"(?:abandon|dropped|scrapped|called\s+off|terminat|ended|withdr|cancel|walked)"
_BID_WORD = r"(?:bid|offer|approach|proposal)"


def _need(*words: str) -> str:
    """The words a form needs, in order: a cheap test before the form itself."""
    return r".{0,200}?".join(words)


# What each form cannot do without, in the order of `_forms()`: a form is compiled (a few
# ms each) and tried only in a sentence that has it.
_NEEDS = (
    _need(r"\b(?:acquired|bought|purchased|taken\s+over|sold)\s+(?:\w+\s+)?by"),
    _need(_END_WORD, _BUY_WORD),
    _need(_END_WORD, _BID_WORD),
    _need(_BUY_WORD),
    _need(r"\bwould\s+" + _BUY_WORD),
    _need(_BUY_WORD),
    _need(r"(?:complet|closed|closes|finali|conclud)", r"(?:acquisition|purchase|takeover|buy-?out"
          r"|merger)\s+of"),
    _need(r"(?:acquired|bought|purchased|took\s+over|taken\s+over|control\s+of|snapped\s+up"
          r"|acquires|buys|purchases|takes\s+over)"),
    _need(r"(?:stake|holding|interest|shareholding)\s+in"),
    _need(r"\b(?:sold|sell)\b", r"\bto\s+"),
    _need(_BID_WORD),
    _need(_BID_WORD),
    _need(_BID_WORD),
    _need(r"\b(?:bid|bids|offered|offers)\s+(?:\w+\s+)?⟨M\d+⟩[^⟨]{0,30}?for\s+"),
    _need(r"merg"),
    _need(r"merg"),
    _need(r"(?:acquisition|purchase|takeover|buyout|buy-out|merger)\s+(?:of|with)"),
)  # fmt: skip


class _Form:
    """One form of a deal: its pattern over the skeleton, compiled when first needed."""

    def __init__(
        self, need: re.Pattern, source: str, kind: str, how: str, shared: int | None
    ) -> None:
        self.need, self.source, self.kind, self.how = need, source, kind, how
        self.shared = shared  # which of `_TAILS` reads the rest, if the pattern stops short
        self._pattern: re.Pattern | None = None

    @property
    def pattern(self) -> re.Pattern:
        if self._pattern is None:
            self._pattern = regexes.compile(self.source)
        return self._pattern


_FORMS: list[_Form] | None = None
_SLOT_START = regexes.compile(
    r"⟨E\d+⟩|\b(?:[Ii]ts?|[Tt]he\s+(?:company|group|firm|bank|concern))\b"
)
_TOKEN = regexes.compile(r"⟨([EMPX])(\d+)⟩")
_SENTENCE_STATUS = (
    (
        "terminated",
        regexes.compile(
            r"\b(?:abandon|collaps|called\s+off|terminat|scrapped|blocked|withdr[ae]wn?|dropped)",
            re.I,
        ),
    ),
    ("rejected", regexes.compile(r"\b(?:reject|turned\s+down|spurn|rebuff)", re.I)),
    ("completed", regexes.compile(r"\b(?:completed|completes|closed|finali[sz]ed)\b", re.I)),
    ("agreed", regexes.compile(r"\b(?:accepted|approved|recommended|agreed)\b", re.I)),
    ("proposed", regexes.compile(r"\b(?:proposed|planned|possible|potential)\b", re.I)),
)
_PROPOSED_MERGER = regexes.compile(
    r"(?:plan|intend|propos|want|seek|sought|hope|aim|offer|unveil|moved|is\s+seeking)"
)
_NOUN_STATUS = {
    "proposed": "proposed",
    "planned": "proposed",
    "pending": "agreed",
    "agreed": "agreed",
    "completed": "completed",
    "recent": "completed",
    "failed": "terminated",
    "abandoned": "terminated",
    "collapsed": "terminated",
    "blocked": "terminated",
    "rejected": "rejected",
}


class _Skeleton:
    """One sentence with its mentions as tokens, and the way back to the text's offsets."""

    def __init__(self, doc: _Text, index: int, extra: list[Mention]) -> None:
        text = doc.text
        s_start, s_end = doc.sentence_span(index)
        mentions = _with_and_co(
            text, sorted([*doc.by_sentence.get(index, ()), *extra], key=lambda m: m.start)
        )
        parts: list[str] = []
        self.offsets: list[int] = []  # for each skeleton character, where it is in the text
        self.mentions: list[Mention] = []
        self.kinds: list[str] = []
        pos = s_start
        for m in mentions:
            if m.start < pos or m.end > s_end:
                continue
            parts.append(text[pos : m.start])
            self.offsets.extend(range(pos, m.start))
            kind = (
                "E"
                if m.label in _PARTY_LABELS
                else "M"
                if m.label == "MONEY"
                else "P"
                if m.label == "PERCENT"
                else "X"
            )
            token = f"⟨{kind}{len(self.mentions)}⟩"
            self.mentions.append(m)
            self.kinds.append(kind)
            parts.append(token)
            self.offsets.extend([m.start] * (len(token) - 1) + [m.end - 1])
            pos = m.end
        parts.append(text[pos:s_end])
        self.offsets.extend(range(pos, s_end))
        self.offsets.append(s_end)
        self.text = "".join(parts)

    def mention(self, token: str | None) -> Mention | None:
        m = _TOKEN.search(token or "")
        return self.mentions[int(m.group(2))] if m else None

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets[start], self.offsets[end - 1] + 1


_AND_CO = regexes.compile(r"\s+(?:and|&)\s+")


def _with_and_co(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Kohlberg Kravis Roberts and Co" is one company, however the recognizer split it."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and m.text.rstrip(".") in ("Co", "Cos", "Company")
            and prev.label in _PARTY_LABELS
            and _AND_CO.fullmatch(text, prev.end, m.start)
        ):
            name = text[prev.start : m.end]
            out[-1] = Mention(prev.start, m.end, name, "ORG", name, prev.sentence)
            continue
        out.append(m)
    return out


def find_deals(doc: _Text) -> list[Fact]:
    """Every deal the text states, one fact per (acquirer, target, what) a sentence."""
    global _FORMS
    if _FORMS is None:
        _FORMS = _forms()
    facts: list[Fact] = []
    triggered = _triggered(doc)
    aliases = _short_forms(doc) if triggered else {}
    for index in triggered:
        if index >= len(doc.sentences):
            continue
        sk = _Skeleton(doc, index, _alias_mentions(doc, index, aliases))
        # Every form opens with a party or "it": try the forms only where one stands, and
        # only in a sentence that names two parties (or one and "it").
        starts = [c.start() for c in _SLOT_START.finditer(sk.text)]
        if sum(1 for k in sk.kinds if k == "E") + (len(starts) > sk.kinds.count("E")) < 2:
            continue
        seen: set[tuple] = set()
        taken: list[tuple[int, int]] = []
        for form in _FORMS:
            if form.need.search(sk.text) is None:
                continue
            pattern, kind, how = form.pattern, form.kind, form.how
            for pos in starts:
                head = pattern.match(sk.text, pos)
                m: re.Match | _Joined | None = head
                if head is not None and form.shared is not None:
                    rest = _tail(form.shared).match(sk.text, head.end())
                    m = _Joined(head, rest) if rest is not None else None
                if m is None or any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                fact = _read(doc, sk, index, m, kind, how)
                if fact is None:
                    continue
                key = (fact.subject, fact.object, fact.qualifiers.get("what"))
                if key in seen:
                    continue
                seen.add(key)
                taken.append(m.span())
                facts.append(fact)
    return facts


def _triggered(doc: _Text) -> list[int]:
    """The sentences with a deal word and a party (a mention, "it" or a short form)."""
    text = doc.text
    low = text.lower()
    if len(low) != len(text):  # a rare character changed length: search the text as it is
        hits = [m.start() for m in _TRIGGER.finditer(text)]
    else:
        hits = []
        find = low.find
        for stem in _TRIGGER_FINDS:
            at = find(stem)
            while at >= 0:
                if not (at and low[at - 1].isalnum()):
                    hits.append(at)
                at = find(stem, at + 1)
        hits.sort()
    out: list[int] = []
    for pos in hits:
        index = doc.sentence_of(pos)
        if (not out or out[-1] != index) and index < len(doc.sentences):
            out.append(index)
    return out


def _group(m: Any, *names: str) -> str | None:
    for name in names:
        if name in m.re.groupindex and m.group(name):
            return m.group(name)
    return None


def _what(sk: _Skeleton, m: Any, how: str, what: str, unit_name: str, quals: dict[str, Any]) -> str:
    """What a deal is for: a stake (its size into `quals`), a unit (its name into `quals`), or
    `what` the form says (the company, a merger)."""
    stake = _group(m, "s3", "s2", "s")
    unit = _group(m, "unit")
    if stake or _group(m, "stake", "stake3") or how == "stake":
        pct = sk.mention(stake)
        if pct is not None and isinstance(pct.norm, dict):
            quals["stake"] = pct.norm.get("value")
        return "stake"
    if _group(m, "rest"):
        return "company"
    if unit:
        quals["unit"] = f"{unit_name} {unit.strip()}".strip()
        return "unit"
    return what


def _price(sk: _Skeleton, m: Any) -> tuple[dict[str, Any], int]:
    """A deal's price qualifiers, from inside the form ("X's $3bn offer") or right after it
    ("... for $3bn"), and where the evidence ends."""
    price = sk.mention(_group(m, "p0", "p1"))
    per_share = bool(_group(m, "per"))
    end = m.end()
    if price is None:
        after = _PRICE_AFTER.match(sk.text, m.end())
        if after is not None:
            price = sk.mention(after.group("p"))
            per_share = bool(after.group("per"))
            end = after.end()
    quals: dict[str, Any] = {}
    if price is not None and isinstance(price.norm, dict) and "value" in price.norm:
        quals["price"] = {k: price.norm[k] for k in ("value", "currency") if k in price.norm}
        quals["price_text"] = price.text
        if per_share:
            quals["per_share"] = True
    return quals, end


def _read(doc: _Text, sk: _Skeleton, index: int, m: Any, kind: str, how: str) -> Fact | None:
    """The deal a form's match states, or None when a slot is not a company it may be."""
    verb_at = m.start("v")
    before = sk.text[max(0, m.start() - 60) : verb_at]
    if kind not in ("response",) and _NEGATION.search(_plain(before)):
        return None
    a_slot, t_slot = _group(m, "a", "a2"), _group(m, "t")
    status = {"passive": "agreed", "sold": "agreed", "offer": "proposed", "merger": "agreed"}.get(
        kind, kind
    )
    seller = None
    unit_name = ""
    what = "company"
    if kind == "passive":
        verb = m.group("v")
        status = "completed" if _PAST.match(verb) else "agreed"
    elif kind == "sold":
        seller = _party(doc, sk, index, a_slot, m.start())
        a_slot = m.group("b")
        if t_slot is None:
            t_slot = None
            if seller is None:
                return None
            target_name = seller
        uname = (m.group("uname") or "").strip()
        named = sk.mention(uname) if _TOKEN.fullmatch(uname) else None
        if named is not None and named.label == "ORG":
            t_slot = uname  # "its Instinet unit": the unit is a company of its own
        elif uname:
            start, stop = sk.span(m.start("uname"), m.start("uname") + len(uname))
            unit_name = doc.text[start:stop]
        sv = m.group("sv")
        status = "completed" if sv in ("sold", "has sold") else "agreed"
        if sv.startswith("plans"):
            status = "proposed"
    elif kind == "offer":
        lead = m.group("rej")
        if lead:
            t0 = _party(doc, sk, index, m.group("t0"), m.start())
            word = lead.split()[-1].lower()
            status = (
                "agreed"
                if word in ("accepted", "accepts", "welcomed", "backed", "recommended")
                else "rejected"
            )
            if t0 is None:
                return None
    elif kind == "response":
        word = m.group("v").split()[0].lower()
        status = "agreed" if word in ("accepted", "accepts", "recommended") else "rejected"
    elif kind == "merger":
        what = "merger"
        verb = m.group("v")
        if verb.startswith("merged") or verb.startswith("completed"):
            status = "completed"
        elif _PROPOSED_MERGER.match(verb):
            status = "proposed"
    elif kind == "noun":
        mod = (m.group("mod") or "").strip()
        status = _NOUN_STATUS.get(mod, "") or _status_of_sentence(_plain(sk.text)) or "agreed"
    if kind == "offer" and not m.group("rej"):
        # "X's offer for Y was rejected / accepted / withdrawn".
        status = _status_of_sentence(_plain(sk.text[m.end() :])) or status
    if _group(m, "t3"):
        seller = _party(doc, sk, index, t_slot, m.start(), target=True)
        t_slot = m.group("t3")
    acquirer = _party(doc, sk, index, a_slot, m.start())
    if kind == "sold" and t_slot is None:
        target: str | None = target_name
    else:
        target = _party(doc, sk, index, t_slot, m.start(), target=True)
    if acquirer is None or target is None or acquirer == target:
        return None
    quals: dict[str, Any] = {"acquirer": acquirer, "target": target}
    quals["what"] = _what(sk, m, how, what, unit_name, quals)
    price, end = _price(sk, m)
    quals.update(price)
    quals["status"] = status
    if seller and seller != target:
        quals["seller"] = seller
    start, stop = sk.span(m.start(), end)
    return Fact("deal", acquirer, target, index, start, stop, quals)


def _plain(skeleton: str) -> str:
    """The skeleton with its tokens as neutral words, for word tests (negation, status)."""
    return _TOKEN.sub(" NAME ", skeleton)


def _status_of_sentence(plain: str) -> str | None:
    for status, pattern in _SENTENCE_STATUS:
        if pattern.search(plain):
            return status
    return None


def _party(
    doc: _Text, sk: _Skeleton, index: int, slot: str | None, at: int, target: bool = False
) -> str | None:
    """The entity a slot names: a mention (an ORG, or a PERSON as a buyer), or the company
    that "it", "its" or "the company" stands for."""
    if not slot:
        return None
    mention = sk.mention(slot)
    if mention is not None:
        if mention.label == "ORG" or (mention.label == "PERSON" and not target):
            return mention.entity
        return None
    return _subject_company(doc, sk, index, at)


def _subject_company(doc: _Text, sk: _Skeleton, index: int, at: int) -> str | None:
    """The company "it" means: the one named before it in the sentence, else the only one
    named in the previous sentence (or its subject, when it opens that sentence)."""
    before = {
        m.entity for m in sk.mentions[: len(_TOKEN.findall(sk.text[:at]))] if m.label == "ORG"
    }
    if len(before) == 1:
        return next(iter(before))
    if before:
        first = sk.mentions[0]
        return _opening_subject(doc, index, first) if first.label == "ORG" else None
    if index == 0:
        return None
    prev = [m for m in doc.by_sentence.get(index - 1, ()) if m.label == "ORG"]
    if len({m.entity for m in prev}) == 1:
        return prev[0].entity
    return _opening_subject(doc, index - 1, prev[0]) if prev else None


def _opening_subject(doc: _Text, index: int, first: Mention) -> str | None:
    """The company that opens a sentence alone ("X and Y reported ..." has no single one)."""
    s_start, _ = doc.sentence_span(index)
    if doc.text[s_start : first.start].strip() or _COORDINATION.match(doc.text, first.end):
        return None
    return first.entity


_COORDINATION = regexes.compile(r"\s*(?:,|and\b|&|or\b)")


_SUFFIX = regexes.compile(
    r"\s+(?:Inc|Corp|Corporation|Co|Company|Ltd|Plc|PLC|plc|AG|SA|NV|AB|SpA|Group|Holdings"
    r"|International|Industries|Bhd|GmbH|LLC|LP|Cos)\.?$"
)
_CAPITALISED = regexes.compile(r"[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*")


def _short_forms(doc: _Text) -> dict[str, str]:
    """A company's name without its legal suffix ("Vodafone" for "Vodafone Group Plc"), where
    the document names it in full: the recognizer misses a one-word name opening a sentence."""
    out: dict[str, str] = {}
    for m in doc.mentions:
        if m.label != "ORG":
            continue
        name = m.entity
        while True:
            short = _SUFFIX.sub("", name)
            if short == name or not short:
                break
            out.setdefault(short, m.entity)
            name = short
    return out


def _alias_mentions(doc: _Text, index: int, aliases: dict[str, str]) -> list[Mention]:
    """Mentions for the short forms of the document's companies that the sentence holds where
    no mention is (only at the sentence's start: elsewhere the recognizer finds them)."""
    if not aliases:
        return []
    s_start, s_end = doc.sentence_span(index)
    run = _CAPITALISED.match(doc.text, s_start, s_end)
    if run is None or run.start() in doc.by_start:
        return []
    words = run.group().split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        if name in aliases:
            end = s_start + len(name)
            if any(m.start < end for m in doc.by_sentence.get(index, ()) if m.start >= s_start):
                return []
            return [Mention(s_start, end, name, "ORG", aliases[name], index)]
    return []
