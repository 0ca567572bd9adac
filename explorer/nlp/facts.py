"""Facts from mentions: who holds which title, who said what, who met, visited or withdrew,
what amounts were reported, and where places are.

Each extractor is a small function over one `_Text` (the text, its sentences and its merged
mentions indexed by offset) and returns `model.Fact`s whose start/end cover the evidence.
The patterns are regexes over the text; mentions are looked up by the offsets the regexes
land on, so a fact is only as wide as the words that state it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Mapping, Sequence

from explorer.nlp import regexes
from explorer.nlp.names.postnominals import POST_NOMINALS

from ..model import Fact, Mention
from . import gazetteer, voices
from .deals import find_deals
from .earnings import QUARTERS as _QUARTERS
from .earnings import find_earnings
from .names.lists import PORTFOLIO_WORDS, gazetteer_label
from .values import alternation, word_alternation

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["find_facts"]

_PLACE = frozenset({"GPE", "LOC", "FAC"})
# How many persons back a pronoun may reach for one whose first name fits.
_PRONOUN_REACH = 30
_PARTY = frozenset({"GPE", "ORG", "NORP", "LOC"})
_ACTOR = frozenset({"GPE", "ORG", "NORP"})

_SPEECH_WORDS = [
    *"said says say told tells added adds noted notes stressed stresses explained argued "
    "insisted warned admitted declared announced claimed emphasised emphasized underlined "
    "stated remarked observed recalled acknowledged confirmed wrote continued asserted "
    "maintained reiterated conceded suggested predicted revealed disclosed asked asks "
    "replied answered responded urged warns insists admits argues explains commented "
    "complained cautioned vowed pledged promised joked quipped boasted concluded".split(),
    "pointed out",
]
_SPEECH_VERBS = alternation(_SPEECH_WORDS)
_ADVERB = r"(?:also|later|further|again|then|previously|earlier|recently|repeatedly|has|had|have)"
# The look-ahead names the verbs' first letters, so the engine's scan rejects other positions
# at one test (a fifth faster; same matches). `word_alternation` (a first-letter set the scan
# skips to) costs more here, since these letters open most words: +26 M instructions over
# CoNLL dev (speed27, callgrind).
_SPEECH_START = "(?=[" + "".join(sorted({w[0] for w in _SPEECH_WORDS})) + "])"
_SPEECH = regexes.compile(rf"{_SPEECH_START}\b(?:{_SPEECH_VERBS})\b")
# The character before each of those verbs (one that is no ASCII letter: the search skips to
# these, where the look-ahead above was tried at every character), the verb read after it by
# `_SPEECH` itself: the same verbs as `_SPEECH.finditer`, none of which holds another's start.
_SPEECH_AT = regexes.compile(rf"[^A-Za-z](?={_SPEECH.pattern})")
# After the verb: "... that" (a few words may come between: "told reporters on Monday that").
_THAT_TAIL = regexes.compile(r"(?:\s+[^\s,.;:\"“”]+){0,4}?\s+that\b[\s,]*")
# After said/says: a clause without "that" ("said the talks ...", "said talks went well"),
# but not a time, a place or a manner ("said on Monday", "said in a statement").
_BARE_TAIL = regexes.compile(
    r"\s+(?=[A-Za-z])(?!(?:on|in|at|to|of|for|by|with|after|before|during|yesterday|today"
    r"|tonight|tomorrow|earlier|later|last|recently|previously|repeatedly|again|so|nothing"
    r"|little|much|more|and|but|or|as|when|while|if|then|from|about|through|under|over"
    r"|simply|only|just|also|publicly|privately|afterwards|this|no|not|what|how|why|adding"
    r"|alongside|amid|ahead|despite|following|because|since|until|without|among|against|outside"
    r"|inside|near|beside|behind|across|around|aboard)\b)"
)
_ADVERBS_BEFORE = regexes.compile(rf"(?:\b{_ADVERB}\s+)+$")
# Quotation marks, paired by `_quotations` (not by a regex: see there).
_QUOTE_MARK = regexes.compile(r"[\"“”]")
# Every mark `_quotations` pairs: double marks, guillemets, the German low mark, and single
# marks that are not an apostrophe inside a word ("don't", "Smith's").
# (Found by `str.find`, one mark at a time, and put in order: a regex tried its class at every
# character of every text; `find` skips a mark wider than the text's characters at once. Which
# single marks count is decided in `_quotations`.)
_ANY_QUOTE_MARKS = "\"“”«»„'‘’"
# After an apostrophe that opens no quotation: a clitic as tokenised text writes it (" 's ").
_CLITIC_AFTER = regexes.compile(r"(?:s|re|ve|ll|m|d|t)\b")
# An opening mark follows one of these (or the start) and comes before a word; a closing
# mark follows a word and comes before a space, one of these, or the end.
_OPENS_AFTER = frozenset(' \t\n\r\f\v\u00a0([{/–—-"')
_CLOSES_BEFORE = frozenset(" \t\n\r\f\v\u00a0.,;:!?)]}/–—-'’\"…")
_AFTER_QUOTE_VERB_FIRST = regexes.compile(rf"[ \t]*,?[ \t]*(?P<verb>{_SPEECH_VERBS})[ \t]+")
# After "X said": more words ("X said the talks failed").
_CLAUSE_GOES_ON = regexes.compile(r"[ \t]+\w")
_PARAGRAPH_GAP = regexes.compile(r"[ \t]*\r?\n\s*")
_AFTER_QUOTE_SPEAKER_FIRST = regexes.compile(
    rf"\s*(?:{_ADVERB}\s+)*(?:(?:was|were)\s+quoted\s+as\s+)?(?P<verb>{_SPEECH_VERBS}|saying)\b"
)  # '"...," X said', '"...," X was quoted as saying'
# An age set off after a name: '"...," Solchaga, 48, told reporters'.
_AGE_ASIDE = regexes.compile(r"[ \t]*,[ \t]*\d{1,3}[ \t]*,")
_BEFORE_QUOTE = regexes.compile(
    rf"(?:\b{_ADVERB}\s+)*\b(?P<verb>{_SPEECH_VERBS})\b(?:\s+\w+){{0,3}}?\s*[:,]\s*$"
)
_HONORIFIC_BEFORE = regexes.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame|Baroness)\.?[ \t]+$"
)
_PRONOUN_BEFORE = regexes.compile(r"\b(he|she|He|She)\s*(?:(?:also|later|then|further)\s+)*$")
_PRONOUN_AT = regexes.compile(r"(he|she|He|She)\b")
# A capitalised word and the space after it: an honorific when the recognizer's list says so.
_POSSESSIVE_AT = regexes.compile(r"['’]s[ \t]+")
_BLANK_AT = regexes.compile(r"[ \t]+")
_COMPOUND_TAIL = regexes.compile(r"-[a-z]+[ \t]*")  # "-based " after "Moscow" in "Moscow-based"
_WORD_AT = regexes.compile(r"([A-Z][\w.]*)[ \t]+")
_ACCORDING = regexes.compile(r"[Aa](?<!\w.)ccording\s+to\s+(?:the\s+)?")  # \b[Aa]ccording
_GAP_SPACE = regexes.compile(r"[ \t]*")
_GAP_COMMA = regexes.compile(r"[ \t]*,?[ \t]*")
_TITLE_LINK = regexes.compile(
    r"\s+(of|to|for|at)\s+(?:the\s+)?"
    r"(?:(?:ruling|governing|opposition|main|state-owned|state-run|outlawed|banned)\s+"
    r"|[a-z]+-[a-z]+\s+)?"  # "leader of the right-wing Likud bloc"
)  # "chairman of the ruling Democratic Justice Party"
# An aside after a name, up to its closing comma: ", president of Acme Corp,".
_APPOSITION = regexes.compile(r"[ \t]*,[ \t]*([^,\"“”\n]{1,120}?)[ \t]*,")
# The lower-case rest of an appositive title, up to its closing comma: " of marketing".
_TITLE_TAIL = regexes.compile(
    r"[ \t]+(?:of|for|at|in|with)[ \t]+(?:[a-z][\w-]*[ \t]+){0,5}?[a-z][\w-]*(?=[ \t]*,)"
)
# Between a name and its title set off by a comma: "X, the committee chairman".
_BEFORE_TITLE = regexes.compile(
    r",\s*(?:\d{1,3}\s*,\s*)?(?:the\s+(?:[a-z]+['’]?\s+)?[a-z]+['’]s\s+|(?:the|a|an|its|his|her|their|then|now|former)\s+)?"
    r"(?:(?!(?:who|which|that|and|or|but|said|says|is|was|as|while|when|with|alongside|like"
    r"|including|unlike|against|before|after|from|to|for|by|in|on|at|of|about|over|under)\b)"
    r"[a-z][\w-]*\s+){0,2}$"
)
_POSSESSIVE = regexes.compile(r"['’]s\s+$")
_POSSESSIVE_RANKED = regexes.compile(
    r"(?:['’]s|(?<=s)['’])\s+(?:(?:senior|executive|deputy|assistant|first|former|acting|new)"
    r"\s+)?(?:[a-z][\w-]*\s+){0,2}$"  # "the party's local government spokesman"
)
_ITS_BEFORE = regexes.compile(r"\bIts\s+(?:[a-z][\w-]*\s+){0,2}$")  # "Its chief engineer"
# Between two titles of one person: "chairman and chief executive", "president, chief".
_LOWER_COMPOUND_END = regexes.compile(r"-[a-z]+$")
_JOINED_TITLE = regexes.compile(
    r"[ \t]*(?:,|and|,[ \t]*and)[ \t]*(?:(?<=and )(?:an?[ \t]+)?former[ \t]+)?$"
)  # "director of Oxfam and a former minister"
_FORMER_BEFORE = regexes.compile(r"\b[Ff]ormer[ \t]+$")
# "X, who is also OPEC president,": X's title, of the organisation before it.
_WHO_IS_BEFORE = regexes.compile(r",[ \t]*who[ \t]+(?:is|was)[ \t]+(?:also[ \t]+|now[ \t]+)?$")
# A title's organisation in lower case up to a name set off by commas: " of the transport
# union, " (then "Karel Boeckx,").
_OF_WHAT_THEN_NAME = regexes.compile(
    r"[ \t]+(?:of|for|at)[ \t]+(?:the[ \t]+)?[^,\"“”.;:()\n]{1,50}?,[ \t]*(?=[A-Z])"
)
# The same in a few lower-case words run on to the name: " of the employers' federation "
# (then "Luc Janssens said").
_OF_LOWER_THEN_NAME = regexes.compile(
    r"[ \t]+of[ \t]+(?:the[ \t]+)?(?:(?!(?:and|or|but|to|with|by|from|in|on|at|as|for|said"
    r"|says|told|met|when|while|who|that|which|is|was)\b)[a-z][a-z-]*(?:['’]s?)?[ \t]+){1,4}"
    r"(?=[A-Z])"
)
_SET_OFF_END = regexes.compile(r"[ \t]*,")
_SET_OFF_BEFORE = regexes.compile(r",[ \t]*(?:(?:the|a|an|now|then)[ \t]+)?$")
_A_OR_THE_BEFORE = regexes.compile(r"(?<![\w-])(?:[Tt]he|[Aa]n?)[ \t]+$")
# Between two titles before one name: "chairman and chief executive officer James Kinnear".
_AND_TITLE_AT = regexes.compile(r"[ \t]+and[ \t]+")
# Small patterns of the extractors below, compiled once (and kept by `regexes`) rather than
# looked up in re's cache at every call.
_FEW_LOWER_WORDS = regexes.compile(r"(?:\s+[a-z][\w-]*){0,3}\s*")
_AS_OR_LIKE_BEFORE = regexes.compile(r"\b(?:as|like)\s+$")
# The object of a relative clause's verb: "councillors who back Mr Flight met Mr Tanguay" (the
# councillors met him, not Mr Flight).
_RELATIVE_BEFORE = regexes.compile(
    r"\b(?:who|whom|which|that)[ \t]+(?:[a-z][\w'’-]*[ \t]+){1,3}"
    r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady)\.?[ \t]+)?$"
)
_QUOTE_OR_SAID = regexes.compile(r"[\"“:]|\bsaid\b")
_AND_THE = regexes.compile(r"\s+and\s+(?:the\s+)?")
_SPACES = regexes.compile(r"\s+")
_CITY_OF = regexes.compile(
    r",\s+(?:the|a|an)\s+(?:(?P<norp>[A-Z][\w-]+)\s+)?(?:capital|city|town|port|village"
    r"|region|province)(?:\s+(?:of|in)\s+(?:the\s+)?)?"
)

# The same matches as \b(?:met|meet|...)\b, found faster (see `word_alternation`); the
# speech verbs start with too many letters for that to pay.
_MEETING = regexes.compile(
    word_alternation(
        "met meet meets meeting meetings Meeting Meetings talks Talks talked spoke negotiated "
        "summit conferred".split()
    )
    + r"\b"
)
# A word each of those contains, looked for first (plain scans): the pattern's search stops
# at every letter a meeting word opens with, in every text.
_MEETING_WORDS = tuple("met meet Meet talk Talk spoke negotiated summit conferred".split())
# Verbs that say two parties met; "talked", "spoke" and "negotiated" need "with" or "to".
_MEET_VERB = (
    r"(?:(?:met|meets|meet|meeting)(?:\s+with)?|(?:held|hold|holds|holding|had|have|has\s+had)"
    r"\s+(?:\w+\s+)?talks\s+with|(?:talked|talks|negotiated|conferred)\s+(?:with|to)"
    r"|(?:spoke|speaks)\s+with)"
)
_AUXILIARIES = (
    r"(?:(?:has|have|had|will|would|also|then|later|first|finally|briefly|privately|secretly"
    r"|recently|reportedly|already|both|last\s+\w+|last|on\s+\w+day|(?:is|are|was|were|due|set"
    r"|expected|plans?|planned|hopes?|hoped|wants?|wanted|agreed|going)\s+to)\s+)*"
)
# "X met Y", "X, the prime minister, has held talks with Y", "X, who met Y in ...": the gap
# between the two names with the mentions inside it (titles, nationalities) blanked out.
_MET_DIRECT = regexes.compile(
    r"^(?:[ \t]*,[ \t]*(?:(?:the|a|an|his|her|its|their|then|now|former)[ \t]+)?[ \t]*,"
    r"|[ \t]*,[ \t]*who\b)?"
    rf"\s*{_AUXILIARIES}{_MEET_VERB}[\s,]*(?:the\s+)?[\s,]*$"
)
# "X and Y" (a title between them blanked out), then a meeting verb after Y.
_COORDINATED = regexes.compile(r"^[\s,]*(?:and|&)[\s,]*(?:the\s+)?[\s,]*$")
_MET_AFTER = regexes.compile(
    rf"[\s,]*(?:who\s+)?{_AUXILIARIES}(?:met|meet|meeting|(?:held|hold|had)\s+(?:\w+\s+)?talks"
    r"|talked|spoke|negotiated|conferred)\b"
)
_PRONOUN_MET = regexes.compile(
    rf"\b(he|she|He|She)\s+{_AUXILIARIES}{_MEET_VERB}\s+(?:the\s+)?(?=[A-Z])"
)
# After "X and Y met": a place, a time or the end; "X and Y met supporters" is a meeting with
# the supporters.
_MET_ALONE = regexes.compile(
    r"(?:[\s,.;:)]*$|[\s,.;:)]+(?:in|on|at|as|for|over|during|last|this|yesterday|today"
    r"|twice|again|publicly|privately|briefly|secretly|regularly|recently|earlier|later|and"
    r"|but|when|after|before|since|while|to|behind|face|several|three|two|four|many|once"
    r"|first|the\s+(?:day|week|month|year))\b)"
)
# A party named as a modifier: "LSE boss Clara Furse", "US bank Wells Fargo", "the London
# market": the word after it is lower case and not one that ends a name's role in a clause.
_MODIFIER_AFTER = regexes.compile(
    r"\s+(?!(?:in|on|at|as|for|over|about|during|last|this|yesterday|today|to|and|or|but"
    r"|with|from|after|before|since|while|who|which|that|when|where|amid|ahead|earlier|later"
    r"|again|twice|privately|publicly|briefly|recently|said|says|is|was|were|are|has|have"
    r"|had|will|would|could|may|might|did|do|does|of|by)\b)[a-z][\w-]*\b"
)
# "a meeting between X and Y", "X's talks with Y".
_MEETING_BETWEEN = regexes.compile(
    r"\b(?:[Mm]eetings?|[Tt]alks|[Ss]ummit|[Ee]ncounter)\s+between\s+(?:the\s+)?$"
)
# Before a pair that opens its sentence: only names, titles and the words that join them.
_OPENING = regexes.compile(r"(?:[\s,]|\b(?:the|of|to|for|and|a|an|at|in)\b)*")
_AT_MEETING = regexes.compile(
    r"\b(?:at|during|in)\s+(?:a|the|their)\s+(?:\w+\s+)?(?:meeting|talks)\b"
)
_MEETING_WITH = regexes.compile(
    r"^['’]s?\s+(?:\w+\s+)?(?:meetings?|talks|summit|encounter)\s+with\s+(?:the\s+)?$"
)
# "met the needs", "meet expectations": what is met is no party.
_NOT_MET = regexes.compile(
    r"\s*(?:the\s+|its\s+|their\s+)?(?:needs?|expectations?|deadlines?|targets?|demands?"
    r"|criteria|standards?|requirements?|costs?|challenges?|conditions|terms|obligations"
    r"|criticism|approval|resistance|opposition)\b"
)
# Sport "meets" opponents: a match, not a meeting.
_SPORT = regexes.compile(
    r"\b(?:match|final|semi-final|quarter-final|round|tie-break|seed|seeded|game|cup|play-off"
    r"|clash|fixture|league|tournament|championship|defeat|beat|goal|scored?|captain|sides?"
    r"|cross|shot|kick-off|title)\b"
)
_TALKS = regexes.compile(r"talks|talked|spoke|speaks|negotiated|conferred|between|summit")
_PERSON_OR_ACTOR = frozenset({"PERSON", "ORG", "GPE"})
_GROUP_MET = regexes.compile(
    r"\b(?:the\s+)?(presidents|leaders|prime\s+ministers|foreign\s+ministers|heads\s+of\s+state"
    r"|defen[cs]e\s+ministers|ministers)\s+of\s+"
)
_GROUP_MET_TAIL = regexes.compile(
    r"^\s+(?:(?:have|had|has|also|then|reportedly)\s+)*(?:met|held\s+talks|have\s+met)\b"
)
_TIMES = regexes.compile(r"\s+times\b")
_IN_PLACE = regexes.compile(r"\s+in\s+(?:the\s+)?$")

_VISIT = regexes.compile(
    r"^\s+(?:(?:has|have|had|will|also|then|later|repeatedly|recently|already)\s+)*"
    r"(?:visited|visits|toured|tours|travell?ed\s+to|flew\s+to)"
    r"\s+(?:the\s+)?$"
)

_WITHDRAWAL_NOUN = regexes.compile(
    r"^(?:['’]s)?\s+(?:withdrawal|exit|pull-?out|departure|retreat)\s+from\s+(?:the\s+)?$"
)
_WITHDRAWAL_VERB = regexes.compile(
    r"^\s+(?:(?:has|have|had|will|also|unilaterally|formally)\s+)*(?:withdrew|withdrawn|withdraws"
    r"|withdraw|pulled\s+out|pulls\s+out|exited|exits)\s+(?:of\s+|from\s+)?(?:the\s+)?$"
)
# A word each of the two needs (kept with them): a text with none has no withdrawal to find,
# found by plain scans, where the patterns ran on the gap after every actor.
_WITHDRAWAL_WORDS = ("withdr", "exit", "pull", "departure", "retreat")

_AMOUNT_VERB = regexes.compile(
    r"(?:(?:has|have|had|will|would|could|is|was|were|are|now|already|also|be)\s+)*"
    r"\b(?P<verb>reached|reach|reaches|rose|rise|rises|risen|fell|fall|falls|fallen|increased"
    r"|increase|decreased|grew|grow|grown|jumped|climbed|dropped|declined|slipped|slumped"
    r"|soared|surged|stood|stands|totalled|totaled|totals|amounted|amounts|hit|exceeded|topped"
    r"|was|were|is|are|cost|costs|valued|worth|came|comes|raised|earned|made|posted|reported"
    r"|paid|pays|pay|spent|spends|spend|invested|invests|invest|lost|loses|borrowed|owes|owed"
    r"|received|receives|offered|offers|bid)"
    r"(?:\s+(?:by\s+)?[\d.,]+\s?(?:%|per\s?cent|pct))?"
    r"(?:\s+(?:to|at|by|of|about|around|some|in\s+at))?\s+$"
)
_CLAUSE_START = regexes.compile(
    r"^.*(?:[,;:]|\b(?:that|while|which|whereas|where|when|after|because|since|but)\b)\s*",
    re.S,
)
_MEASURE = regexes.compile(
    r"^(?:the\s+)?(?:total\s+)?(?P<measure>volume|value|level|amount|total|cost|price|number|size"
    r"|turnover|sum|worth)\s+of\s+(?:the\s+)?",
    re.I,
)
# Words that make the text before them a clause, not the thing measured.
_VERBAL = regexes.compile(
    r"\b(?:was|were|is|are|be|been|being|has|have|had|will|would|could|should|may|might|said"
    r"|saw|sees|see"
    r"|says|(?:expected|estimated|forecast|likely|set|due|aims?|plans?|hopes?|wants?|seeks?"
    r"|needs?|aimed|planned|hoped|wanted|expects?)\s+to"
    # "it expects first quarter profit to rise to ...": the verb takes the thing measured as
    # its object, and the "to" before the amount's verb is left off (`_TO_END`).
    r"|expects?|predicts?|expecting|predicting"
    # "X told analysts the company's shipments rose 12 pct": what rose follows the listener.
    r"|told\s+(?:reporters|analysts|journalists|investors|shareholders|Reuters|MPs|delegates"
    r"|(?:a|the)\s+(?:news\s+|press\s+)?(?:conference|briefing|meeting)))\b"
)
# "... NP to" before the amount's verb: "expects profit to rise to" (the NP is measured) or,
# after a verb that takes "to" ("agreed to pay", "is planning to spend", "can afford to
# pay"), the one who pays is the phrase before that verb.
_TO_END = regexes.compile(r"\s+to$")
_ASIDE_END = regexes.compile(r"\s([-–—])\s*$")
_NOT_A_PAYER_END = frozenset(
    "already also can could will would may might must shall should thought still just now then "
    "not never ever once even only so".split()
)
_TO_VERB_END = regexes.compile(
    r"\s*\b(?:\w+(?:ed|ing)|afford|agrees?|wants?|plans?|offers?|promises?|hopes?|needs?"
    r"|seeks?|tries|try|intends?|aims?|pledges?|vows?|threatens?)\s+to$"
)
_CONJUNCTION = regexes.compile(r"\b(?:and|but)\s+")
_LEADING_PREPOSITION = regexes.compile(
    r"(?:with|for|in|on|at|as|of|by|from|while|whereas|then|so|and|but|or)(?:\s+|$)", re.I
)
# "at a reported cost of": the "verb" was a noun.
_NOT_A_SUBJECT_END = frozenset("a an the reported estimated total its their his her our of".split())
_LAST_DETERMINER = regexes.compile(r"\b(?:a|an|the|its|their|his|her)\s+", re.I)
_PRONOUNS = frozenset("that this it which these those they he she we i you there what who".split())
_DETERMINER = regexes.compile(r"^(?:the|a|an|its|their|his|her|our)\s+", re.I)


class _Text:
    """The text, its sentences and its mentions, indexed for lookups by offset."""

    def __init__(
        self, text: str, sentences: Sequence[tuple[int, int]], mentions: Sequence[Mention]
    ) -> None:
        self.text = text
        self.sentences = list(sentences)
        self.sent_starts = [s for s, _ in self.sentences]
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.by_start = {m.start: m for m in self.mentions}
        self.by_end = {m.end: m for m in self.mentions}
        self.persons = [m for m in self.mentions if m.label == "PERSON"]
        self.person_starts = [m.start for m in self.persons]
        # The index of the first person who is not the first one named (len if none is).
        self.first_other_person = next(
            (i for i, p in enumerate(self.persons) if p.entity != self.persons[0].entity),
            len(self.persons),
        )
        self.by_sentence: dict[int, list[Mention]] = {}
        starts, k = self.sent_starts, 0
        for m in self.mentions:  # in text order: one walk along the sentences, no search each
            while k < len(starts) and starts[k] <= m.start:
                k += 1
            self.by_sentence.setdefault(max(0, k - 1), []).append(m)  # as sentence_of()
        # Filled by the title extractor: (title in lower case, of) -> holder, and where an
        # appositive title ("X, the minister of Y,") ends -> (X, where X starts).
        self.holders: dict[tuple[str, str | None], str] = {}
        self.appositives: dict[int, tuple[str, int]] = {}
        self.title_facts: list[Fact] = []
        self._topics: list[Mention | None] = []
        self._clauses: dict[int, tuple[list[int], list[Mention]]] = {}
        self._persons_of: dict[int, tuple[list[int], list[Mention]]] = {}
        self._quotations: list[tuple[int, int, int]] | None = None
        self._quoted: list[tuple[int, int]] | None = None
        self._quotation_starts: list[int] | None = None
        self._speech: list[re.Match] | None = None
        self._speech_starts: list[int] | None = None
        self.kinds: dict[str, set[str]] | None = None  # filled by `_stated_kinds`
        self._title_starts: dict[int, Fact] | None = None
        # filled by `_org_words`: organisations by their first word, and by their initials
        self.org_words: tuple[dict[str, set[str]], dict[str, set[str]]] | None = None

    def title_at(self, pos: int) -> Fact | None:
        """The title fact whose evidence starts at `pos` and names its holder after the title:
        "Acme's head of personnel, Ruth Adeyemi" from "Acme"."""
        if self._title_starts is None:
            self._title_starts = {}
            for fact in self.title_facts:
                holder = self.by_end.get(fact.end)
                if (
                    holder is not None
                    and holder.label == "PERSON"
                    and holder.entity == fact.subject
                ):
                    self._title_starts.setdefault(fact.start, fact)
        return self._title_starts.get(pos)

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def sentence_span(self, index: int) -> tuple[int, int]:
        return self.sentences[index] if self.sentences else (0, len(self.text))

    def before(self, pos: int, gap: re.Pattern = _GAP_SPACE) -> Mention | None:
        """The mention that ends right before `pos`, with only `gap` between."""
        floor = max(0, pos - 4)
        for end in range(pos, floor - 1, -1):
            m = self.by_end.get(end)
            if m is not None and gap.fullmatch(self.text, end, pos):
                return m
        return None

    def after(self, pos: int, gap: re.Pattern = _GAP_SPACE) -> Mention | None:
        """The mention that starts right after `pos`, with only `gap` between."""
        m = gap.match(self.text, pos)
        return self.by_start.get(m.end()) if m else None

    # Computed on first use, once (plain attributes: functools.cached_property takes a lock
    # at every first use on Python 3.11).
    @property
    def quotations(self) -> list[tuple[int, int, int]]:
        """The quotations of the text (see `_quotations`)."""
        if self._quotations is None:
            self._quotations = _quotations(self.text)
        return self._quotations

    @property
    def quotation_starts(self) -> list[int]:
        """Where each quotation starts, in order (for bisect)."""
        if self._quotation_starts is None:
            self._quotation_starts = [qs for qs, _, _ in self.quotations]
        return self._quotation_starts

    @property
    def quoted(self) -> list[tuple[int, int]]:
        """Every quotation's span, its marks included, in order."""
        if self._quoted is None:
            self._quoted = [(qs, max(words, qe)) for qs, words, qe in self.quotations]
        return self._quoted

    @property
    def speech(self) -> list[re.Match]:
        """Every speech verb of the text, in order."""
        if self._speech is None:
            text, match = self.text, _SPEECH.match
            first = match(text)  # at the very start: no character before it to scan for
            self._speech = [first] if first is not None else []
            self._speech += [
                m for at in _SPEECH_AT.finditer(text) if (m := match(text, at.end())) is not None
            ]
        return self._speech

    @property
    def speech_starts(self) -> list[int]:
        if self._speech_starts is None:
            self._speech_starts = [v.start() for v in self.speech]
        return self._speech_starts

    def last_person(
        self, pos: int, pronoun: str = "", spoken_of: frozenset[str] = frozenset()
    ) -> Mention | None:
        """The person the text is about at `pos`: for a name, the latest PERSON mentioned
        before it; for "he" or "she", as a reader takes it, the subject of this sentence or of
        the ones before (`topic`), else the latest person named, never one named only inside
        a quotation.

        A person whose first name says otherwise is passed over, and so is one in `spoken_of`
        (named inside the quotation "he" said: "..., Gordon Brown's record is mixed," he said
        is not Brown speaking) while another is within reach.
        """
        i = bisect.bisect_left(self.person_starts, pos) - 1
        if i < 0:
            return None
        if not pronoun or i < self.first_other_person:
            return self.persons[i]  # only one person named so far: no choice to make
        female, male = gazetteer.gendered_names()
        k = self.sentence_of(pos)
        candidates = self.clause_subjects(k, pos)
        for j in range(k, max(-1, k - _TOPIC_REACH), -1):
            if j < k and (topic := self.topic(j)) is not None:
                candidates.append(topic)
            ends, named = self._sentence_persons(j)
            n = bisect.bisect_right(ends, pos)
            candidates.extend(reversed(named[max(0, n - _PRONOUN_REACH) : n]))
        candidates.extend(self.persons[j] for j in range(i, max(-1, i - _PRONOUN_REACH), -1))
        quoted = self.quoted
        if quoted:
            candidates = [p for p in candidates if not _inside(p.start, quoted)] or candidates
        if spoken_of:
            candidates = [p for p in candidates if p.entity not in spoken_of] or candidates
        # "... impressed with Jose Mourinho's work. He said": one named as an owner is
        # seldom the "he" of the next sentence
        text = self.text
        candidates = [
            p for p in candidates if text[p.end : p.end + 2] not in ("'s", "’s")
        ] or candidates
        if pronoun == "the":  # "the Austrian said": a person of either sex
            return candidates[0] if candidates else self.persons[i]
        if pronoun.lower() == "she":
            for p in candidates:
                if p.entity.split(" ", 1)[0] in female:
                    return p
        wrong = female if pronoun.lower() == "he" else male
        for p in candidates:
            if p.entity.split(" ", 1)[0] not in wrong:
                return p
        return self.persons[i]

    def _sentence_persons(self, index: int) -> tuple[list[int], list[Mention]]:
        """The persons named in sentence `index` and where each ends, in text order (found
        once a sentence: each "he" of a long sentence walked all its mentions again)."""
        cached = self._persons_of.get(index)
        if cached is None:
            named = [p for p in self.by_sentence.get(index, ()) if p.label == "PERSON"]
            cached = self._persons_of[index] = ([p.end for p in named], named)
        return cached

    def opening_person(self, index: int) -> Mention | None:
        """The person named as sentence `index` opens, after its conjunction, dateline,
        organisation, nationality and title ("But Commission chairman Trevor Phillips"); not
        an owner ("Smith's lawyer") nor one inside a quotation."""
        pos, e = self._opening(index)
        return self._subject_at(pos, e)

    def _opening(self, index: int) -> tuple[int, int]:
        """Where sentence `index`'s subject may start (after its conjunction and dateline),
        and where the sentence ends."""
        text = self.text
        s, e = self.sentence_span(index)
        opener = _SUBJECT_OPENER.match(text, s, e)
        pos = opener.end() if opener is not None else s
        dateline = _DATELINE_START.match(text, pos, e)
        if dateline is not None:
            pos = dateline.end()
        return pos, e

    def clause_subjects(self, index: int, upto: int) -> list[Mention]:
        """The persons who open the clauses of sentence `index` before `upto`, the latest
        first: "Hewitt said ..., but Tennis Australia's Geoff Pollard rejected ..."."""
        ends, found = self._clause_subjects(index)
        n = bisect.bisect_right(ends, upto)
        return found[max(0, n - _PRONOUN_REACH) : n][::-1]  # as far back as a pronoun reaches

    def _clause_subjects(self, index: int) -> tuple[list[int], list[Mention]]:
        """Every person who opens a clause of sentence `index`, in order of where they end,
        and those ends: found once a sentence (each "he" of a run-on sentence of a thousand
        clauses read them all again). A person ending before `upto` opens a clause that does."""
        cached = self._clauses.get(index)
        if cached is not None:
            return cached
        text = self.text
        s, e = self.sentence_span(index)
        found = []
        opening = self.opening_person(index)
        if opening is not None:
            found.append(opening)
        for clause in _CLAUSE_JOIN.finditer(text, s, e):
            if self.quoted and _inside(clause.start(), self.quoted):
                continue
            person = self._subject_at(clause.end(), e)
            if person is not None:
                found.append(person)
        found.sort(key=lambda p: p.end)  # stable: in text order already but for the opener
        cached = self._clauses[index] = ([p.end for p in found], found)
        return cached

    def _subject_at(self, pos: int, e: int) -> Mention | None:
        """The person named from `pos` after their organisation, nationality and title."""
        text = self.text
        for _ in range(5):
            m = self.by_start.get(pos)
            if m is None:
                word = _WORD_AT.match(text, pos, e)  # "Mr Howard"
                if word is None or word.group(1) not in gazetteer.honorifics():
                    role = _LOWER_WORD_AT.match(text, pos, e)  # "US lawyer John Doe"
                    if role is None or role.group(1) not in _ROLES:
                        return None
                    word = role
                pos = word.end()
                continue
            if m.label == "PERSON":
                role = _LOWER_WORD_AT.match(text, m.end + 1, e) if m.end < e else None
                if role is not None and text[m.end] == " " and role.group(1) in _ROLE_NOUNS:
                    pos = role.end()  # "Franz Ferdinand frontman Alex Kapranos": a band's
                    continue
                title = self.after(m.end)
                if title is not None and title.label == "TITLE":
                    pos = title.start  # "Justice and Home Affairs Commissioner Franco Frattini"
                    continue
                if text.startswith(("'", "’"), m.end) or (
                    self.quoted and _inside(m.start, self.quoted)
                ):
                    return None
                return m
            if m.label not in _OPENING_MODIFIERS:
                return None
            gap = _POSSESSIVE_AT.match(text, m.end) or _GAP_SPACE.match(text, m.end)
            assert gap is not None  # it matches the empty string
            pos = gap.end()
        return None

    def opening_org(self, index: int) -> Mention | None:
        """The organisation sentence `index` opens with ("JP Morgan said ..."); not one that
        only says whose a person or a role is ("JP Morgan chief executive William Harrison",
        "Acme's chairman", "an Atlas spokesman")."""
        text = self.text
        pos, e = self._opening(index)
        for _ in range(3):
            m = self.by_start.get(pos)
            if m is None or m.label not in _OPENING_MODIFIERS or m.label == "TITLE":
                return None
            if m.label != "ORG":
                gap = _GAP_SPACE.match(text, m.end)
                assert gap is not None  # it matches the empty string
                pos = gap.end()
                continue
            if text.startswith(("'", "’"), m.end) or (
                self.quoted and _inside(m.start, self.quoted)
            ):
                return None  # "Acme's chairman", "The Smiths' shop"
            nxt = self.after(m.end)
            if nxt is not None and nxt.label in ("TITLE", "PERSON"):
                return None
            role = _LOWER_WORD_AT.match(text, m.end + 1, e) if m.end < e else None
            if role is not None and text[m.end] == " " and role.group(1) in _ROLE_NOUNS:
                return None
            return m
        return None

    def topic(self, index: int) -> Mention | None:
        """The person sentence `index` is about: the one it opens with, the "he" it opens with
        (the topic before), or the one it quotes or reports ('"...," said Mr Blair.')."""
        topics = self._topics
        for k in range(len(topics), index + 1):  # in order: each needs only the ones before
            topics.append(self._find_topic(k))
        return topics[index]

    def _find_topic(self, index: int) -> Mention | None:
        text = self.text
        s, e = self.sentence_span(index)
        if not any(m.label == "PERSON" for m in self.by_sentence.get(index, ())) and (
            _HE_OR_SHE.search(text, s, e) is None
        ):
            return None  # nobody named and no "he": most lines of a table or a results list
        subjects = self.clause_subjects(index, e)
        if subjects:
            return subjects[0]
        opener = _SUBJECT_OPENER.match(text, s, e)
        pron = _PRONOUN_AT.match(text, opener.end() if opener is not None else s, e)
        if pron is not None:
            return self.last_person(pron.start(), pron.group(1))
        speech, quoted = self.speech, self.quoted
        lo = bisect.bisect_left(self.speech_starts, s)
        for v in itertools.islice(speech, lo, None):
            if v.start() >= e:
                break
            if quoted and _inside(v.start(), quoted):
                continue
            adverbs = _ADVERBS_BEFORE.search(text, max(s, v.start() - 40), v.start())
            found = _speaker_before(self, adverbs.start() if adverbs else v.start())
            if found is not None:
                at = self.by_start.get(found[1])
                if at is not None and at.label == "PERSON" and at.entity == found[0]:
                    return at
            pron = _PRONOUN_BEFORE.search(text, max(s, v.start() - 30), v.start())
            if pron is not None:
                return self.last_person(pron.start(), pron.group(1))
            gap = _GAP_SPACE.match(text, v.end())
            assert gap is not None  # it matches the empty string
            after = _speaker_at(self, gap.end())
            if after is not None:
                return next(
                    (
                        p
                        for p in self.by_sentence.get(index, ())
                        if p.label == "PERSON" and p.entity == after[0] and p.start >= v.end()
                    ),
                    None,
                )
        return None


_HE_OR_SHE = regexes.compile(r"\b(?:[Hh]e|[Ss]he)\b")
# How many sentences back "he" or "she" may reach for the subject of one.
_TOPIC_REACH = 6
# What may open a sentence before its subject: a conjunction, a sentence adverb, an article.
_SUBJECT_OPENER = regexes.compile(
    r"\s*(?:(?:But|And|Yet|So|Still|However|Meanwhile|Now|Instead|Also|Indeed|Separately)\b"
    r",?\s+)?(?:(?:the|The|a|A|an|An|Former|former)\s+)?"
)
_LOWER_WORD_AT = regexes.compile(r"([a-z][\w-]*)[ \t]+")
# Where a clause with a subject of its own may open inside a sentence.
_CLAUSE_JOIN = regexes.compile(r"(?:,[ \t]*|[ \t]+)(?:but|while|whereas)[ \t]+|;[ \t]*")
# A role in lower case between a name and a person's ("Former Manfred Mann singer Paul Jones").
_ROLE_NOUNS = frozenset(
    line.strip()
    for name in ("affiliation_roles.txt", "player_roles.txt", "lower_titles.txt")
    for line in gazetteer.data_text(name).splitlines()
    if line.strip() and not line.startswith("#")
) | frozenset(
    "frontman frontwoman singer guitarist drummer bassist vocalist star actor actress boss "
    "manager coach leader director producer writer author founder".split()
)
# What may stand before a subject's name: "Commission chairman", "Acme's", "US", "Iranian".
_OPENING_MODIFIERS = frozenset({"TITLE", "NORP", "ORG", "GPE"})


_ROLES = frozenset(
    line.strip()
    for line in gazetteer.data_text("affiliation_roles.txt").splitlines()
    if line.strip() and not line.startswith("#")
)


def find_facts(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    meta: Mapping[str, Any] | None = None,
) -> list[Fact]:
    """Every fact the text states, in text order of their evidence."""
    doc = _Text(text, sentences, mentions)
    facts: list[Fact] = []
    for extractor in (
        _titles,
        _affiliations,
        _said,
        _met,
        _visited,
        _withdrew,
        _amounts,
        find_earnings,
        _located_in,
        find_deals,
    ):
        facts.extend(extractor(doc))
    facts.sort(key=lambda f: (f.start, f.predicate))
    return _dated(doc, facts, meta or {})


# --- dates ---------------------------------------------------------------------------------

# A value that places a fact in time: a day, an ISO week, a month, a quarter or a year.
_WHEN = regexes.compile(r"\d{4}(?:-(?:\d\d(?:-\d\d)?|Q[1-4]|W\d\d))?")


def _dated(doc: _Text, facts: list[Fact], meta: Mapping[str, Any]) -> list[Fact]:
    """Every fact's `date`: the one its own words give (`date_text`), else the first date of
    its sentence, else the document's; `date_source` says which ("sentence", or "document"
    and where the document's date came from: "document:metadata", "document:dateline")."""
    doc_date = meta.get("date") or None
    doc_source = f"document:{meta['date_source']}" if meta.get("date_source") else "document"
    sentence_dates: dict[int, str | None] = {}
    out: list[Fact] = []
    for fact in facts:
        quals = dict(fact.qualifiers)
        own = quals.pop("date_norm", None)
        when: str | None
        if isinstance(own, str) and _WHEN.fullmatch(own):
            when, source = own, "sentence"
        else:
            if fact.sentence not in sentence_dates:
                sentence_dates[fact.sentence] = next(
                    (
                        m.norm
                        for m in doc.by_sentence.get(fact.sentence, ())
                        if m.label == "DATE" and isinstance(m.norm, str) and _WHEN.fullmatch(m.norm)
                    ),
                    None,
                )
            when = sentence_dates[fact.sentence]
            source = "sentence"
            if when is None and doc_date:
                when, source = str(doc_date), doc_source
        if when is not None:
            quals["date"] = when
            quals["date_source"] = source
        out.append(Fact(fact.predicate, fact.subject, fact.object, fact.sentence,
                        fact.start, fact.end, quals))  # fmt: skip
    return out


def _fact(
    doc: _Text, predicate: str, subject: str, obj: str, start: int, end: int, **qualifiers: Any
) -> Fact:
    quals = {k: _one_line(v) if k == "quote" else v for k, v in qualifiers.items() if v is not None}
    return Fact(
        predicate, _one_line(subject), _one_line(obj), doc.sentence_of(start), start, end, quals
    )


def _one_line(value: Any) -> Any:
    """A fact's words whatever the layout: a line break a span crosses (a hard-wrapped line the
    view kept, a paragraph a quotation runs over) is one space, as the words read."""
    if isinstance(value, str) and ("\n" in value or "\t" in value):
        return " ".join(value.split())
    return value


# --- title ---------------------------------------------------------------------------------


# A style between an office and its holder's name, itself no office held.
_STYLES = frozenset(
    "Sheikh Sheik Prince Princess Dr Doctor Sir Dame Lord Lady Rev Reverend Ayatollah Imam "
    "Rabbi Cardinal Archbishop Bishop Father Sister Brother Professor Prof".split()
)


_STYLE_AT = regexes.compile(r"[ \t]*,?[ \t]*(?:Dr|Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Prof)\.?[ \t]+")


def _named_after_title(doc: _Text, right: int) -> Mention | None:
    """The mention after a title ending at `right`, past a style that is no office: "oil
    minister Sheikh Ali al-Khalifa al-Sabah", "Health Secretary Dr John Reid"."""
    person = doc.after(right, _GAP_COMMA)
    if (
        person is not None
        and person.label in ("NORP", "GPE")
        and "," in doc.text[right : person.start]
        and (office := doc.after(person.end)) is not None
        and office.label == "TITLE"
        and (holder := doc.after(office.end)) is not None
        and holder.label == "PERSON"
    ):
        # "OPEC's president, Nigerian Oil Minister Rilwanu Lukman": both offices his
        return holder
    if person is not None and person.label == "TITLE":
        if person.entity in _STYLES:
            return doc.after(person.end)
        rank = doc.after(person.end)
        if (
            rank is not None
            and rank.label == "PERSON"
            and (
                "," in doc.text[right : person.start]
                or (
                    person.entity.rpartition(" ")[2] in _RANKS
                    and (office := doc.before(right)) is not None  # not "Lt Col X": one rank
                    and office.entity.rpartition(" ")[2] not in _RANKS | {"Lieutenant", "Major"}
                )
            )
        ):
            # "the airline's director of operations, Captain Fernando Ruiz", "armed forces
            # chief of staff General Fidel Ramos": the office is the officer's
            return rank
    if person is None and (style := _STYLE_AT.match(doc.text, right)) is not None:
        return doc.by_start.get(style.end())
    return person


#: Military ranks, which a name's office may come before unparted: "chief of staff General X".
_RANKS = frozenset({"General", "Admiral", "Marshal", "Colonel", "Brigadier", "Commodore"})


def _closes_bracket(text: str, start: int, end: int) -> bool:
    return text.find(">", start, end) >= 0 or text.find(")", start, end) >= 0


def _ticker_before(text: str, pos: int) -> re.Match | None:
    """The ticker or bracketed acronym the words before `pos` end with, if any."""
    if not _closes_bracket(text, max(0, pos - 4), pos):
        return None  # most positions: two memchr
    return _TICKER_BEFORE.search(text, max(0, pos - 16), pos)


_PARTY_WORD_BEFORE = regexes.compile(r"(?<![\w-])party[ \t]+$")


def _party_before(doc: _Text, pos: int) -> Mention | None:
    """The party named before "party" right before `pos`: "the Conservative party chairman"."""
    word = _PARTY_WORD_BEFORE.search(doc.text, max(0, pos - 8), pos)
    found = doc.before(word.start()) if word is not None else None
    return found if found is not None and found.label in ("NORP", "ORG") else None


def _before_ticker(doc: _Text, pos: int) -> Mention | None:
    """The mention right before `pos`, or before a ticker there ("Citicorp <CCI> Chairman")."""
    found = doc.before(pos)
    ticker = _ticker_before(doc.text, pos) if found is None else None
    return doc.before(ticker.start()) if ticker is not None and "," not in ticker.group() else found


# A rank before the nationality before a title: "the chief U.S. negotiator" is the Chief
# Negotiator (of the United States), as "the chief negotiator" is.
_RANK_BEFORE = regexes.compile(r"(?<![\w-])(chief|deputy|assistant|acting)[ \t]+$")


def _rank_before(doc: _Text, name: str, left: int) -> tuple[str, int]:
    rank = _RANK_BEFORE.search(doc.text, max(0, left - 12), left)
    if rank is None or name.lower().startswith(rank.group(1)):
        return name, left
    return f"{rank.group(1).capitalize()} {name}", rank.start()


def _region_owner(doc: _Text, region: Mention, of: str | None, left: int) -> tuple[str | None, int]:
    """The organisation whose post a title of a region is: "the U.S. Navy's Middle East
    commander" is the Navy's; (of, where the title starts)."""
    poss = _POSSESSIVE.search(doc.text, max(0, region.start - 4), region.start)
    owner = doc.before(poss.start()) if poss is not None else None
    if owner is not None and owner.label == "ORG":
        return owner.entity, owner.start
    return of, left


# "its chief engineer" set off after a name: "Boeing sent Richard Tomlin, its chief engineer,".
_ITS_ASIDE_BEFORE = regexes.compile(r",[ \t]*its[ \t]+(?:[a-z][\w-]*[ \t]+){0,2}$")
# A capitalised word right before a title (or its possessive) that is no mention: "Halverson
# chairman X" after "Halverson Industries Inc", "Esa's director" after "the European Space
# Agency".
_WORD_BEFORE_TITLE = regexes.compile(r"(?<![\w'’.-])([A-Z][a-z]{2,})(?:['’]s)?[ \t]*$")


# A country joined to "then-" or "ex-" before a title: "then-US secretary of state".
_THEN_PLACE_BEFORE = regexes.compile(r"(?<![\w-])(?:then|ex|former)-([A-Z][\w.]*)[ \t]+$")


def _owner_before(doc: _Text, t: Mention, left: int) -> tuple[str | None, int]:
    """Whose the title `t` is by the words before it when no name of an organisation or a
    country comes right before it: "Acme's chairman", "the party's education spokesman",
    "the Italian club's president", "Its chief engineer"; (what it is of, where it starts)."""
    text = doc.text
    then = (
        _THEN_PLACE_BEFORE.search(text, max(0, t.start - 24), t.start)
        if text.find("-", max(0, t.start - 24), t.start) >= 0
        else None
    )
    place = gazetteer_label([then.group(1)]) if then is not None else None
    if then is not None and place is not None and place[0] in ("GPE", "NORP"):
        return place[1], then.start()  # "then-US secretary of state George Shultz"
    # "Acme's chairman", "Acme Corp's senior vice president"
    poss = _POSSESSIVE_RANKED.search(text, max(0, t.start - 24), t.start)
    owner = doc.before(poss.start()) if poss else None
    if owner is not None and owner.label in _PARTY:
        return owner.entity, owner.start
    if poss is not None:
        # "the party's education spokesman", "the museum's head": the one the story named
        of = _whose(doc, poss.start())
        if of is None and owner is None:
            of = _org_named_by(doc, poss.start())  # "Esa's director of science"
        return of, left
    its = _ITS_BEFORE.search(text, max(0, t.start - 24), t.start)
    if its is not None:
        # "Boeing said ... Its chief engineer, X": the organisation the sentence before
        # opens with (not "its" inside a sentence, a clause's subject's)
        k = doc.sentence_of(its.start()) - 1
        owner = doc.opening_org(k) if k >= 0 else None
        return (owner.entity if owner is not None else None), left
    its = (
        _ITS_ASIDE_BEFORE.search(text, max(0, t.start - 24), t.start)
        if text.find("its", max(0, t.start - 24), t.start) >= 0
        else None
    )
    if its is not None:
        # "Boeing sent a team led by Richard Tomlin, its chief safety engineer": the
        # organisation the sentence opens with
        owner = doc.opening_org(doc.sentence_of(its.start()))
        if owner is not None and owner.end <= its.start():
            return owner.entity, left
        return None, left
    last = text[max(0, t.start - 14) : t.start].rsplit(None, 1)[-1:]
    body = (
        _BODY_BEFORE.search(text, max(0, t.start - 60), t.start)
        if last and last[0] in _BODY_WORDS
        else None
    )
    if body is not None and doc.by_end.get(body.end(1)) is None:
        # "Environment office director X": the office named in lower case before the title
        # (not a word of a name before it: "Lib Dem affairs committee chairman")
        start = body.start("low") if _covered(doc, body.start()) else body.start()
        named = _SPACES.sub(" ", text[start : body.end(1)])
        if " " in named:  # not "the union leader": which union the words do not say
            return named, left
    return _org_named_by(doc, t.start), left


def _covered(doc: _Text, pos: int) -> bool:
    """Whether a mention covers the character at `pos` other than an organisation's name of
    one word there ("Environment office": the office's own name)."""
    i = bisect.bisect_right(doc.mention_starts, pos) - 1
    if i < 0 or doc.mentions[i].end <= pos:
        return False
    m = doc.mentions[i]
    return not (m.label == "ORG" and m.start == pos and " " not in m.text)


_BODY_WORDS = frozenset(
    "office ministry agency department bureau authority commission council committee board".split()
)
# A body named in lower case right before a title: "environment office director", "the
# public accounts committee chairman".
_BODY_BEFORE = regexes.compile(
    r"(?<![\w'’-])(?:(?!(?:The|An?|Its|His|Her|Their|This|That|Former|Ex|Then|New|Outgoing)[ \t])"
    r"[A-Z][a-z][\w-]*[ \t]+)?"
    r"(?P<low>(?:(?!(?:the|an?|and|or|of|to|in|on|at"
    r"|for|by|with|its|his|her|their|said|says|told)[ \t])[a-z][\w-]*[ \t]+){0,2}?"
    r"(?:office|ministry|agency|department|bureau|authority|commission|council|committee"
    r"|board))[ \t]+$"
)


def _field_only(name: str) -> bool:
    """Whether the words of a title before its head say only its field or court, none another
    rank or a portfolio ("District Court Judge", not "Shadow Chancellor" or "Foreign
    Minister")."""
    return not any(w in _OTHER_OFFICE or w in PORTFOLIO_WORDS for w in name.split()[:-1])


#: Words before a title's head that make it another office: a shadow chancellor is not the
#: chancellor, a deputy head not the head.
_OTHER_OFFICE = frozenset(
    "Shadow Deputy Vice Assistant Associate Acting Former Junior Under Prime Lieutenant Crown "
    "First Interim Opposition Party".split()
)


def _org_named_by(doc: _Text, pos: int) -> str | None:
    """The organisation a capitalised word before `pos` that no mention covers stands for: the
    first word of one the story names in full ("Halverson" after "Halverson Industries
    Inc"), or its initials written as a word ("Esa" after "European Space Agency"); only a
    word the story never writes in lower case, and one organisation only."""
    text = doc.text
    last = text[max(0, pos - 24) : pos].rsplit(None, 1)[-1:]
    word = last[0].removesuffix("'s").removesuffix("’s") if last else ""
    if not (len(word) >= 3 and word.isalpha() and word.istitle()):
        return None  # most titles: no capitalised word right before
    found = _WORD_BEFORE_TITLE.search(text, max(0, pos - 24), pos)
    if found is None or doc.by_end.get(found.end(1)) is not None:
        return None
    word = found.group(1)
    if word in gazetteer.titles()[0] or word in gazetteer.titles()[1]:
        return None
    low = word.lower()
    at = text.find(low)
    while at >= 0:
        if not (text[at - 1 : at].isalpha() or text[at + len(low) : at + len(low) + 1].isalpha()):
            return None  # "Federal judge": a word of the language, not a name
        at = text.find(low, at + 1)
    firsts, initials = _org_words(doc)
    fits = set(firsts.get(word, ()))
    if len(word) <= 5:
        fits.update(initials.get(word.upper(), ()))
    return fits.pop() if len(fits) == 1 else None


def _org_words(doc: _Text) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The organisations the story names by the first word of their names of several words,
    and by their initials: ({"Halverson": {"Halverson Industries Inc"}}, {"ESA": {...}})."""
    if doc.org_words is not None:
        return doc.org_words
    firsts: dict[str, set[str]] = {}
    initials: dict[str, set[str]] = {}
    for m in doc.mentions:
        if m.label != "ORG":
            continue
        first, space, _ = m.entity.partition(" ")
        if space:
            firsts.setdefault(first, set()).add(m.entity)
        initials.setdefault(_name_initials(m.entity), set()).add(m.entity)
    doc.org_words = (firsts, initials)
    return firsts, initials


def _portfolio_before(
    doc: _Text, prefix: Mention, name: str, left: int
) -> tuple[Mention | None, str, int, str | None]:
    """A portfolio read as a name before a title is the title's ("Justice and Home Affairs
    Commissioner", "EC External Relations Commissioner", "Dutch Transport and Public Works
    Minister"); (the mention before the title still to read, the title, where it starts,
    what it is of)."""
    head, portfolio = _portfolio(prefix.entity)
    if portfolio is None and " " not in (written := doc.text[prefix.start : prefix.end]):
        head, portfolio = _portfolio(written)  # "Universities", not "Universities UK"
    if portfolio is None:
        return prefix, name, left, None
    # the whole office, as "Finance Minister" and "Farm Commissioner" are
    name, left = f"{portfolio} {name}", prefix.start
    if head:
        return None, name, left, gazetteer.org_aliases().get(head, head)
    before = doc.before(prefix.start)
    if before is not None and before.label in _PARTY:
        return None, name, before.start, before.entity  # "Dutch Transport ... Minister"
    return None, name, left, None


def _of_as_read(doc: _Text, name: str, of: str | None) -> tuple[str, str | None]:
    """A title and what it is of as a reader has them once the words around it are read: an
    organisation in full where initials gave it, a nation's adjective in the title its
    country ("Scottish Education Secretary", not "Scottish Secretary"), the country whose
    ministry of the portfolio the story names."""
    if of is not None:
        return name, _spelled_out(doc, of)
    nation, _, rest = name.partition(" ")
    if nation in _NATIONS_IN_TITLES and rest.partition(" ")[0] in _PORTFOLIO_WORDS:
        return rest, _NATIONS_IN_TITLES[nation]
    return name, _ministry_country(doc, name)


def _ministry_country(doc: _Text, name: str) -> str | None:
    """The country of a minister the story names no country for, where it names that
    country's ministry of the same portfolio: "Foreign Minister X" after "the Swedish Foreign
    Ministry said" is Sweden's; None where it names none, or several countries'."""
    portfolio, _, head = name.rpartition(" ")
    if head != "Minister" or not portfolio or "Ministry" not in doc.text:
        return None
    countries = set()
    for m in doc.mentions:
        if m.label == "ORG" and m.entity.endswith(f" {portfolio} Ministry"):
            words = m.entity[: -len(portfolio) - 10].split()
            place = gazetteer_label(words) if words else None
            if place is not None and place[0] in ("GPE", "NORP"):
                countries.add(place[1])
    return countries.pop() if len(countries) == 1 else None


def _spelled_out(doc: _Text, of: str | None) -> str | None:
    """The organisation a title is of, in full where it is given by its initials written as
    a word ("Iea" after "the International Energy Agency")."""
    if of is None or not 3 <= len(of) <= 5 or not of.isalpha() or not of.istitle():
        return of
    fits = _org_words(doc)[1].get(of.upper(), set()) - {of}
    return next(iter(fits)) if len(fits) == 1 else of


def _name_initials(name: str) -> str:
    """ "European Space Agency" -> "ESA"; "National Aeronautics and Space Administration"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


# The body a title is of, in lower case: "head of the civil aviation authority", "president of
# the Italian football federation", "leader of the Shi'ite Amal movement".
_BODY_NOUNS = (
    r"authority|federation|mission|union|association|commission|committee|council|agency"
    r"|movement|board|institute|bureau|ministry|department|league|alliance|front|club|team"
    r"|group|company|bank|organi[sz]ation|society|foundation|charity|service"
)
_BODY_AFTER = regexes.compile(
    r"[ \t]+of[ \t]+the[ \t]+(?P<body>(?P<caps>(?:[A-Z][\w'’-]*[ \t]+){0,2})"
    rf"(?P<low>(?:[a-z][\w-]*(?:['’]s?)?[ \t]+){{0,3}}?)(?:{_BODY_NOUNS}))(?![\w-]|[ \t]+[A-Z])"
)


def _body_after(doc: _Text, right: int) -> tuple[str | None, int]:
    """The body named in lower case after a title ending at `right` (its words as written, a
    nationality before them kept: "Italian football federation"), and where it ends; (None,
    right) if none is."""
    body = _BODY_AFTER.match(doc.text, right)
    if body is None:
        return None, right
    if not body.group("low"):
        # "the Shi'ite Amal movement": a name misread as a person's before the noun; not
        # "the Labour party" or "the European Commission"'s kind of name
        named = doc.before(body.end("caps"))
        if named is None or named.label != "PERSON":
            return None, right
    if body.group("caps") and doc.by_start.get(body.start("caps")) is None:
        return None, right
    return _SPACES.sub(" ", body.group("body")), body.end()


def _titles(doc: _Text) -> list[Fact]:
    text = doc.text
    facts: list[Fact] = []
    seen: set[tuple] = set()
    held_at: dict[int, tuple[Mention, int]] = {}  # where a title held ends -> (holder, fact)
    carried_of: dict[int, str] = {}  # a second title's start -> the organisation of the first
    for t in doc.mentions:
        if t.label != "TITLE":
            continue
        of = None
        left, right = t.start, t.end
        name = t.entity
        poss = None  # "the engineering union's chief negotiator at Ford": the union's
        prefix = _before_ticker(doc, t.start) or _party_before(doc, t.start)
        if prefix is not None and prefix.label == "TITLE" and prefix.entity == "Lieutenant":
            name, left = f"Lieutenant {name}", prefix.start  # "Lt. Gen. John Vessey"
            prefix = doc.before(left)
        if prefix is not None and prefix.label in ("ORG", "PERSON"):
            prefix, name, left, of = _portfolio_before(doc, prefix, name, left)
        if prefix is not None and prefix.label in _PARTY and not _praise(doc, prefix):
            of, left = prefix.entity, prefix.start
            if prefix.label != "ORG":
                name, left = _rank_before(doc, name, left)  # "the chief U.S. negotiator"
            if prefix.label in ("LOC", "GPE"):
                of, left = _region_owner(doc, prefix, of, left)
        else:
            poss = _POSSESSIVE_RANKED.search(text, max(0, t.start - 24), t.start)
            if of is None:
                of, left = _owner_before(doc, t, left)
        name, right = _with_field(doc, name, right)
        if of is None:
            of, right = _body_after(doc, right)
        of, to, right = _title_links(doc, right, of, at=poss is None)
        if of is None and to is not None and name.rpartition(" ")[2] in _ADVISERS:
            of, to = to, None  # "legal adviser to the Foreign Ministry": its adviser
        person, of, right = _title_holder(doc, t, left, right, of, carried_of)
        if person is not None and person.label == "PERSON":
            role = doc.after(person.end)
            holder = doc.after(role.end) if role is not None and role.label == "TITLE" else None
            if holder is not None and holder.label == "PERSON":
                # "a spokesman for European Justice and Home Affairs Commissioner Franco
                # Frattini": the words after are the next title's, the spokesman unnamed (but
                # "welfare minister Frank Field MP" is Field's)
                continue
        start, end = left, right
        joined = _JOINED_TITLE.search(text, max(0, left - 16), left)
        earlier = held_at.get(joined.start()) if joined is not None else None
        if person is not None and person.label == "PERSON":
            end = person.end
            if of is None and (org := _org_after_name(doc, person)) is not None:
                of, end = org.entity, org.end  # "Analyst X of Gabelli and Co said"
        elif earlier is not None:
            # "X, chairman and chief executive of Acme, said": X's too, and of Acme both
            person, k = earlier
            start = person.start
            if of is not None and facts[k].qualifiers.get("of") is None:
                prev = facts[k]
                facts[k] = Fact(prev.predicate, prev.subject, prev.object, prev.sentence,
                                prev.start, max(prev.end, right), {**prev.qualifiers, "of": of})  # fmt: skip
                doc.appositives[right] = (person.entity, person.start)
        else:
            gap = (
                _BEFORE_TITLE.search(text, max(0, left - 40), left)
                or _WHO_IS_BEFORE.search(text, max(0, left - 30), left)
                or _set_off_before_owner(doc, left)
            )
            person = doc.before(gap.start()) if gap else None
            if person is None or person.label != "PERSON":
                continue
            start = person.start
            # "X, spokeswoman for Y, said": whoever speaks after Y is X.
            doc.appositives[right] = (person.entity, person.start)
            tail = _TITLE_TAIL.match(text, right)
            if tail is not None:  # "X, the vice president of marketing, said"
                doc.appositives.setdefault(tail.end(), (person.entity, person.start))
        name, of = _of_as_read(doc, name, of)
        key = (person.entity, name, of, to)
        former = (
            _FORMER_BEFORE.search(text, max(0, left - 12), left) is not None
            # "Britain's former deputy prime minister": after whose it is
            or _FORMER_BEFORE.search(text, max(0, t.start - 12), t.start) is not None
        ) or None
        if not former:  # "the president" is the one in office, not "former President X"
            doc.holders.setdefault((name.lower(), of), person.entity)
            doc.holders.setdefault((name.lower(), None), person.entity)
        if not former and " " in name and name == t.entity and _field_only(name):
            # "the judge" after "US district court judge Susan Ilston": the office's head
            # word (not "the chancellor" after "shadow chancellor X")
            doc.holders.setdefault((name.rpartition(" ")[2].lower(), None), person.entity)
        if key in seen:
            continue
        seen.add(key)
        held_at[t.end] = held_at[right] = (person, len(facts))
        facts.append(
            _fact(
                doc, "title", person.entity, name, start, end, of=of, to=to, former=former
            )
        )  # fmt: skip
    facts.extend(_doctors(doc, seen))
    facts.extend(_who_heads(doc, seen))
    facts.extend(_plural_titles(doc, seen))
    doc.title_facts = facts
    facts.extend(_appointments(doc, seen))
    return facts


def _set_off_before_owner(doc: _Text, left: int) -> re.Match | None:
    """The comma that sets off a title after a person's possessive, before the name of whoever
    holds it: "Sir Bernard Ingham, Margaret Thatcher's former press secretary, said"."""
    poss = _POSSESSIVE_RANKED.search(doc.text, max(0, left - 24), left)
    owner = doc.before(poss.start()) if poss is not None else None
    if owner is None or owner.label != "PERSON":
        return None
    return _SET_OFF_BEFORE_OWNER.search(doc.text, max(0, owner.start - 12), owner.start)


_SET_OFF_BEFORE_OWNER = regexes.compile(
    r",[ \t]*(?:(?:the|a|an|now|then)[ \t]+)?(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady)\.?[ \t]+)?$"
)


def _title_links(
    doc: _Text, right: int, of: str | None, at: bool = True
) -> tuple[str | None, str | None, int]:
    """Whom a title ending at `right` is of and to: "ambassador of Iran to Russia", "Minister
    of Defence"; (of, to, where the title's words end). Not "at" a place when `at` is false
    (the title's owner given before it: "the union's chief negotiator at Ford")."""
    to = None
    for _ in range(2):
        link = _TITLE_LINK.match(doc.text, right)
        if link is None:
            break
        target = doc.by_start.get(link.end())
        if link.group(1) != "to" and (named := _org_past_kind(doc, link.end())) is not None:
            target = named  # "manager of the Dutch salvage company Smit Tak": the company's
        if target is None or not (
            target.label in _PARTY
            # "analyst at Energy Merchant": where an analyst works, though the name reads as a
            # person's (as `_affiliations` reads it)
            or (target.label == "PERSON" and link.group(1) == "at" and " " in target.text)
        ):
            break
        if link.group(1) == "to":
            to = target.entity
        elif of is None and (at or link.group(1) != "at"):
            of = target.entity
        right = target.end
    return of, to, right


# The kind of an organisation before its name: "the Dutch salvage company Smit Tak", "research
# firm CCS Insight", "the venture firm Vision Plus", "the white-collar union Unionen".
_KIND_THEN_NAME = regexes.compile(
    r"(?:[A-Z][a-z][\w'’-]*[ \t]+)?(?:[a-z][\w-]*[ \t]+){0,2}?"
    r"(?:firm|company|group|consultancy|bank|agency|fund|institute|charity|organi[sz]ation"
    r"|house|body|think[ \t]+tank|union|party|association|federation|council|movement"
    r"|alliance|regulator|watchdog|brokers?|brokerage|shipbrokers|insurer|lender|airline"
    r"|carrier|newspaper|magazine|broadcaster|network|university|trust|foundation|club)"
    r"[ \t]+(?=[A-Z])"
)


def _org_past_kind(doc: _Text, pos: int) -> Mention | None:
    """The organisation named at `pos` after the words that say what it is, if any."""
    kind = _KIND_THEN_NAME.match(doc.text, pos)
    org = doc.by_start.get(kind.end()) if kind is not None else None
    return org if org is not None and org.label == "ORG" else None


#: Titles held "to" whom they serve: "adviser to the Foreign Ministry" is the ministry's.
_ADVISERS = frozenset({"Adviser", "Advisor", "Aide", "Counsel", "Consultant"})
_AT_OR_WITH_AFTER = regexes.compile(r"[ \t]+(?:at|with)[ \t]+(?:the[ \t]+)?")


def _org_after_name(doc: _Text, person: Mention) -> Mention | None:
    """The organisation (or country) named right after the holder of a title before a name:
    "Analyst X of Gabelli and Co", "economist X at Chase", "Senator Sam Nunn of Georgia",
    "Bishop Paride Taban of Torit"."""
    text = doc.text
    link = _OF_AFTER.match(text, person.end)
    if link is not None:
        org = doc.by_start.get(link.end())  # not "of the Swiss research group MiraLab"
        return org if org is not None and org.label in ("ORG", "GPE", "LOC") else None
    link = _AT_OR_WITH_AFTER.match(text, person.end)
    org = doc.by_start.get(link.end()) if link is not None else None
    return org if org is not None and org.label == "ORG" else None


def _with_field(doc: _Text, name: str, right: int) -> tuple[str, int]:
    """A title and where it ends, past the field in lower case after it: "vice president of
    finance at Acme Corp" is the whole title, then its organisation; "senior vice president
    for finance at Acme Corp" is the title, past its brief."""
    text = doc.text
    field = _FIELD_AFTER.match(text, right)
    named = _FIELD_THEN_NAME.match(text, right) if field is None else None
    if (
        named is not None
        and (named.group(1) not in _NOT_FIELD or named.group(1) == "state")
        # "the head of chairman X": no field; but "director of science X" has one
        and (named.group(1) not in _ROLE_NOUNS or named.group(1).capitalize() in _PORTFOLIO_WORDS)
        and (holder := doc.by_start.get(named.end())) is not None
        and holder.label == "PERSON"  # not "president of manufacturer Toshiba"
    ):
        # "secretary of state George Shultz": a field of one word, then the holder's name
        return f"{name} of {named.group(1).capitalize()}", named.end(1)
    if field is None or _NOT_FIELD.intersection(field.group(2).split()):
        return name, right
    if field.group(1) == "of":
        name = f"{name} of {_title_case(field.group(2))}"
    elif name.rpartition(" ")[2] in _OFFICES_FOR:
        name = f"{name} for {_title_case(field.group(2))}"  # "minister for overseas development"
    return name, field.end()


#: Offices whose brief after "for" is their name: "Minister for Europe", not "vice president for
#: finance".
_OFFICES_FOR = frozenset({"Minister", "Secretary", "Commissioner"})


def _praise(doc: _Text, prefix: Mention) -> bool:
    """Whether a name before a title ends in a word of praise, no organisation: "the
    Oscar-winning director"."""
    return _LOWER_COMPOUND_END.search(doc.text, prefix.start, prefix.end) is not None


def _title_holder(
    doc: _Text, t: Mention, left: int, right: int, of: str | None, carried_of: dict[int, str]
) -> tuple[Mention | None, str | None, int]:
    """Who holds the title `t` read from `left` to `right`, what it is of, and where it ends."""
    person = _named_after_title(doc, right)
    of = carried_of.get(t.start) if of is None else of
    if person is None and (person := _named_further(doc, left, right, of, carried_of)):
        aside = _SET_OFF_BEFORE.search(doc.text, max(0, person.start - 4), person.start)
        org = _before_ticker(doc, aside.start()) if aside is not None and of is None else None
        if org is not None and org.start >= right and org.label in _PARTY:
            of = org.entity  # "A spokesman for the pilots' union SEPLA, Ramon Vidal"
    if person is None and right > t.end:
        # "The president of the Italian football federation, Federico Sordillo": the
        # nationality opened the organisation's words, it is not what the title is of
        person = _named_further(doc, left, t.end, None, carried_of)
        if person is not None:
            return person, None, t.end
    if (
        person is not None
        and person.label == "PERSON"
        and doc.text[person.end : person.end + 1].isspace()
    ):
        firm = doc.by_start.get(person.end + 1)
        if firm is not None and firm.label == "ORG":
            return None, of, right  # "fund manager Matrix Asset Advisors": one firm's name
    return person, of, right


def _named_further(
    doc: _Text, left: int, right: int, of: str | None, carried_of: dict[int, str]
) -> Mention | None:
    """The person a title from `left` to `right` is held by when no name comes right after
    it: past a phrase of what it is of, to a name set off by commas ("The general secretary
    of the transport union, Karel Boeckx, said", "A spokesman for the port employers, Marc
    Dierckx, said"), or past a second title joined by "and" ("Texaco chairman and chief
    executive officer James Kinnear": both his, the second of Texaco too, in `carried_of`)."""
    text = doc.text
    set_off = _SET_OFF_BEFORE.search(text, max(0, left - 8), left) is not None
    if not set_off and (plain := _OF_LOWER_THEN_NAME.match(text, right)) is not None:
        # not an aside's: "X, director of civil rights group Liberty"
        named = doc.by_start.get(plain.end())
        if named is not None and named.label == "PERSON":
            return named
    if (aside := _OF_WHAT_THEN_NAME.match(text, right)) is not None:
        named = _named_after_title(doc, aside.end())
        if (
            named is not None
            and named.label == "PERSON"
            and _SET_OFF_END.match(text, named.end) is not None
            and _A_OR_THE_BEFORE.search(text, max(0, left - 5), left) is not None
        ):
            return named
    if (both := _AND_TITLE_AT.match(text, right)) is not None:
        second = doc.by_start.get(both.end())
        if second is not None and second.label == "TITLE":
            holder = _named_after_title(doc, second.end)
            if holder is not None and holder.label == "PERSON":
                if of is not None:
                    carried_of[second.start] = of
                return holder
    return None


# The rest of a title in lower case, up to its organisation or the end of the aside: "vice
# president of finance at Acme Corp", "head of emerging technologies,".
_FIELD_AFTER = regexes.compile(
    r"[ \t]+(of|for)[ \t]+([a-z][\w-]*(?:[ \t]+(?:and[ \t]+)?(?!(?:now|then|also)\b)[a-z][\w-]*){0,2})"
    r"(?=[ \t]*(?:[,.;:)]|$)|[ \t]+(?:at|with|in|for|of|said|says|told|now|then)[ \t])"
)
_FIELD_THEN_NAME = regexes.compile(r"[ \t]+of[ \t]+([a-z]+)[ \t]+(?=[A-Z][a-z]+[ \t]+[A-Z][a-z])")
_NOT_FIELD = frozenset(
    "the a an its his her their our this that these those all both each state".split()
    # "president for two years", "chairman for life": how long, not a field
    + "one two three four five six seven eight nine ten many several some life years year"
    " months weeks days decades now".split()
)
# The words of a portfolio that comes before a title: "Justice and Home Affairs Commissioner".
# The shared list (data/portfolio_words.txt) and this reading's own, a commissioner's
# portfolios among them ("External Relations", "Internal Market"): safe here, where every
# word of the name must be one. Not names/spans.py's "Shadow" ("Shadow Treasury" stays the
# organisation of its "Chief Secretary").
_PORTFOLIO_WORDS = PORTFOLIO_WORDS | frozenset(
    "Public Works Water Sport Youth Family Children Veterans Cooperation Reconstruction "
    "Universities Schools Skills Pensions Disabilities Cities "
    "External Relations Monetary Competition Labour Labor Enlargement Budget Internal Market "
    "Research Regional Policy Social Consumer Protection Taxation Customs Security "
    "Humanitarian Aid Administrative Communication Commerce Tourism Planning Digital "
    "Information Telecommunications Women Equality Local Government Oil Petroleum Mines "
    "Minerals Mining Economy Power Water Communications Aviation Shipping Forestry Food".split()
)
_ACRONYM = regexes.compile(r"[A-Z]{2,5}")


def _portfolio(name: str) -> tuple[str | None, str | None]:
    """A name before a title read as (organisation, portfolio): "EC External Relations" ->
    ("EC", "External Relations"), "Egyptian Petroleum" -> ("Egypt", "Petroleum"), "Justice
    and Home Affairs" -> (None, "Justice and Home Affairs"); (None, None) when it is no
    portfolio ("Acme Corp", "Finance Ministry")."""
    words = name.split()
    head = words[0] if len(words) > 1 and _ACRONYM.fullmatch(words[0]) else None
    if len(words) > 1 and (country := gazetteer.demonyms().get(words[0])) is not None:
        head = country  # "Egyptian Petroleum" (Minister): the country's
    rest = words[1:] if head else words
    if rest and rest[0] != "and" and rest[-1] != "and" and all(w in _PORTFOLIO_WORDS for w in rest):
        return head, " ".join(rest)
    return None, None


def _title_case(words: str) -> str:
    return " ".join(w if w in ("and", "of") else w.capitalize() for w in words.split())


# A title in the plural before the names of those who hold it: "Finance ministers James Baker
# and Kiichi Miyazawa", "foreign ministers Shultz, Genscher and Howe".
_PLURAL_TITLE = regexes.compile(
    r"(?<![\w-])(?P<head>ministers|secretaries|governors|ambassadors|chairmen|presidents"
    r"|senators|spokesmen)[ \t]+(?=[A-Z])"
)
# Up to two words before the plural: "Finance", "EC farm".
_WORDS_BEFORE = regexes.compile(r"(?:[A-Za-z]+[ \t]+){1,2}$")
_PLURAL_HEADS = {
    "ministers": "Minister",
    "secretaries": "Secretary",
    "governors": "Governor",
    "ambassadors": "Ambassador",
    "chairmen": "Chairman",
    "presidents": "President",
    "senators": "Senator",
    "spokesmen": "Spokesman",
}
_NEXT_IN_LIST = regexes.compile(r"[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+")


def _plural_titles(doc: _Text, seen: set[tuple]) -> list[Fact]:
    """Each person listed after a title in the plural holds it: "Finance ministers Baker and
    Miyazawa" are both Finance Minister; the portfolio before it is the title's, any other
    word is not ("the two ministers")."""
    text = doc.text
    facts: list[Fact] = []
    if not any(head in text for head in _PLURAL_HEADS):
        return facts
    for found in _PLURAL_TITLE.finditer(text):
        what = _WORDS_BEFORE.search(text, max(0, found.start() - 40), found.start())
        words = what.group().split() if what is not None else []
        words = [w.capitalize() for w in words if w.capitalize() in _PORTFOLIO_WORDS]
        title = " ".join([*words, _PLURAL_HEADS[found.group("head")]])
        people: list[Mention] = []
        pos = found.end()
        while (m := doc.by_start.get(pos)) is not None and _listed_holder(m):
            people.append(m)
            link = _NEXT_IN_LIST.match(text, m.end)
            if link is None:
                break
            pos = link.end()
        if len(people) < 2 or all(p.label == "GPE" for p in people):
            continue  # "ministers Baker": one name after a plural is no list of holders
        for p in people:
            key = (p.entity, title, None, None)
            if key not in seen:
                seen.add(key)
                facts.append(_fact(doc, "title", p.entity, title, found.start(), p.end))
    return facts


def _listed_holder(m: Mention) -> bool:
    """A name listed after a title in the plural is a person's: one read as a lone unknown
    organisation or place is a surname the story gives alone ("Finance ministers Baker and
    Miyazawa", "Trade ministers Yeutter and Tamura", a town's name too)."""
    if m.label == "PERSON":
        return True
    name = m.entity
    return (
        m.label in ("ORG", "GPE")
        and name.isalpha()
        and not name.isupper()
        and name not in gazetteer.known_orgs()
        and name not in gazetteer.org_aliases()
    )


# "X, who chairs the BMA's Welsh council": a verb of the office X holds.
_WHO_HEADS = regexes.compile(
    r",[ \t]*who[ \t]+(?:also[ \t]+|now[ \t]+)?(?P<verb>heads|headed|chairs|chaired|runs|ran"
    r"|leads|led|coaches|coached)[ \t]+(?:the[ \t]+)?"
)
_OFFICE_OF_VERB = {
    verb: office
    for office, verbs in (
        ("Head", "heads headed runs ran"),
        ("Chair", "chairs chaired"),
        ("Leader", "leads led"),
        ("Coach", "coaches coached"),
    )
    for verb in verbs.split()
}
#: Verbs of an office whose object is an organisation, never a country ("who led Britain to
#: victory", "who runs the country" are no offices).
_OF_AN_ORG_ONLY = frozenset({"runs", "ran", "leads", "led"})
# After the organisation, up to the aside's end: what of it ("the BMA's Welsh council", "the
# Derby supporters' trust"); not a phrase of where or when ("Acme in Paris").
_WHOSE_PART = regexes.compile(
    r"(?:['’]s)?(?:[ \t]+(?!(?:in|at|for|with|since|from|to|and|of|on|until|when|after|before"
    r"|since|which|who|that|but)\b)[A-Za-z][\w-]*['’]?){1,3}(?=[ \t]*[,.;])"
)

# A body named in lower case, up to the aside's end: "the hospital trust's ethics committee".
_BODY_IN_LOWER_CASE = regexes.compile(
    r"(?:[a-z][\w-]*(?:['’]s?)?[ \t]+){0,4}(?:committee|council|board|trust|union|team|club"
    r"|party|company|firm|group|department|panel|commission|inquiry|federation|association"
    r"|society|side|squad|agency|authority|office|unit)(?=[ \t]*[,.;])"
)


def _who_heads(doc: _Text, seen: set[tuple]) -> list[Fact]:
    """ "X, who heads the Federal Aviation Administration, said": X is its head; so "who
    chairs" (Chair), "who runs" (Head), "who leads" (Leader), "who coaches" (Coach); in the
    past ("who headed") a former one. Of "the BMA's Welsh council": that council."""
    facts: list[Fact] = []
    text = doc.text
    if "who " not in text:
        return facts
    for found in _WHO_HEADS.finditer(text):
        person = doc.before(found.start())
        org = doc.by_start.get(found.end())
        verb = found.group("verb")
        if person is None or person.label != "PERSON":
            continue
        if org is None:
            # "who chairs the hospital trust's ethics committee": a body in lower case
            body = _BODY_IN_LOWER_CASE.match(text, found.end())
            if body is None:
                continue
            of, end = None, body.end()
        elif org.label not in _PARTY or (verb in _OF_AN_ORG_ONLY and org.label != "ORG"):
            continue
        else:
            of, end = org.entity, org.end
            if (part := _WHOSE_PART.match(text, end)) is not None:
                of, end = " ".join(text[org.start : part.end()].split()), part.end()
        office = _OFFICE_OF_VERB[verb]
        former = (verb.endswith("ed") or verb == "ran") or None
        key = (person.entity, office, of, None)
        if key not in seen:
            seen.add(key)
            facts.append(
                _fact(doc, "title", person.entity, office, person.start, end, of=of, former=former)
            )
    return facts


_DOCTOR_BEFORE = regexes.compile(r"(?<![\w.])Dr\.?[ \t]+$")


def _doctors(doc: _Text, seen: set[tuple]) -> list[Fact]:
    """ "Dr Anne Quarrie", "Dr. Colin Amery", "Dr Fox" (Liam Fox): the honorific is a title,
    Doctor, of one the story names in full."""
    text = doc.text
    facts: list[Fact] = []
    if "Dr" not in text:
        return facts
    one_name: set[str] | None = None
    for p in doc.persons:
        if text.find("Dr", max(0, p.start - 5), p.start) < 0:
            continue
        dr = _DOCTOR_BEFORE.search(text, max(0, p.start - 5), p.start)
        if dr is None or (p.entity, "Doctor", None, None) in seen:
            continue
        if " " not in p.entity:
            if one_name is None:
                one_name = _known_without_dr(doc, seen)
            if p.entity not in one_name:
                continue  # "Dr Dre", "Dr Seuss", "Dr Pepper": a name, not a doctor's
        seen.add((p.entity, "Doctor", None, None))
        facts.append(_fact(doc, "title", p.entity, "Doctor", dr.start(), p.end))
    return facts


def _known_without_dr(doc: _Text, seen: set[tuple]) -> set[str]:
    """The people of one name the story also writes without "Dr" ("Mr Subroto", "Subroto
    said") or gives a post of some organisation or country ("Indonesia's oil minister"): a
    doctor's name then, not a stage name like "Dr Dre"."""
    text = doc.text
    known = {key[0] for key in seen if key[2] is not None}
    for p in doc.persons:
        if " " not in p.entity and not _DOCTOR_BEFORE.search(text, max(0, p.start - 5), p.start):
            known.add(p.entity)
    return known


_ROLE_ADVERBS = (
    r"(?:(?:has|have|had|was|were|is|will|would|be|been|being|also|previously|formerly|recently"
    r"|later|now|then|currently|once|already|subsequently|earlier|since|first|elected)[ \t]+)*"
)
# After a person: how the text gives them a role, held or left. "X was named president",
# "X, 52, was previously vice president", "X, who was named chief executive in May", "X has
# resigned as chairman", "X succeeds Y as chairman", "X is also Nigeria's oil minister".
_ROLE_AFTER_PERSON = regexes.compile(
    r"(?:[ \t]*,[ \t]*(?:\d{1,3}[ \t]*,[ \t]*)?(?:who[ \t]+)?|[ \t]+)"
    + _ROLE_ADVERBS
    + r"(?P<verb>named|appointed|elected|promoted|nominated|chosen|selected|made|became|becomes"
    r"|become|been|is|was|remains|remained|served|serves|resigned|resigns|retired|retires|quit"
    r"|quits|(?:takes|took|take)[ \t]+over"
    r"|stepped[ \t]+down|steps[ \t]+down|succeeds|succeeded|replaces|replaced)\b"
    r"(?:[ \t]+(?:also|previously|formerly|once|later|now|then|currently|recently))*"
)
# Between the verb and the role: "as", "to the post of", "the", "its".
_TO_ROLE = regexes.compile(
    r"(?:[ \t]+(?:as|to[ \t]+the[ \t]+(?:post|job|position|office)[ \t]+of|to))?[ \t]+"
    r"(?:(?:the|a|an|its|their|his|her)[ \t]+)?"
)
# "Acme named Eleanor Whitby (as) president": the one named, after the verb.
_APPOINTS = regexes.compile(
    r"\b(?:named|appoints|appointed|elected|elects|promoted|names|nominated|nominates)[ \t]+"
    r"(?=[A-Z])"
)
_APPOINTING_STEMS = ("named", "names", "appoint", "elect", "promoted", "nominat")
# A word that makes a title of a role's head: "executive vice president".
_RANK = regexes.compile(
    r"(?:executive|senior|chief|group|first|deputy|assistant|acting|interim|managing|new"
    r"|former)[ \t]+"
)
_SUCCEEDING = regexes.compile(
    r"(?:[ \t]+(?:on|in|from|at|effective)[ \t]+[^,.;\"“”]{1,25}?)?[ \t]*,?[ \t]+"
    r"(?:succeeding|replacing|who[ \t]+succeeds)[ \t]+"
)
_LEFT = frozenset({"resigned", "resigns", "retired", "retires", "quit", "quits"})
_ROLE_LINK = regexes.compile(r"[ \t]+(?:of|at|for)[ \t]+(?:(?:the|its|their)[ \t]+)?")
# Before an appointing verb: the organisation that appoints ("Acme Corp <ACM> said it named").
_APPOINTER_GAP = regexes.compile(
    r">?(?:[ \t]*<[A-Z][A-Z0-9.&-]{0,9}>)?(?:[ \t]+(?:has|have|had|also|said|says|it|today"
    r"|yesterday|on|[A-Z][a-z]+day))*[ \t]+"
)


_UNIT = regexes.compile(r"[ \t]+(?:unit|subsidiary|division|arm|affiliate)\b")


def _role_at(doc: _Text, pos: int) -> tuple[Mention, str, str | None, int] | None:
    """The role named from `pos` ("the president of Acme", "Nigeria's oil minister",
    "executive vice president"): (its TITLE mention, its name, of whom, where it ends)."""
    text = doc.text
    of = None
    m = doc.by_start.get(pos)
    if m is not None and m.label in _PARTY:
        poss = _possessive_end(text, m)
        if poss is None and m.label != "NORP":
            return None
        of, pos = m.entity, poss if poss is not None else m.end + 1
        m = doc.by_start.get(pos)
    rank = _RANK.match(text, pos)
    if m is None and rank is not None:
        m = doc.by_start.get(rank.end())
    if m is None or m.label != "TITLE":
        return None
    after = text[m.end : m.end + 2]
    if after in ("'s", "’s") or doc.after(m.end) is not None:
        return None  # "was President Reagan's aide": the title is someone else's
    name = m.entity
    if rank is not None and m.start == rank.end():
        name = f"{rank.group().strip().capitalize()} {name}"
    end = m.end
    link = _ROLE_LINK.match(text, end)
    target = doc.by_start.get(link.end()) if link is not None else None
    if (
        target is not None
        and target.label in _PARTY
        and of is None
        # "of the Commons public accounts committee": a part of it, not the body itself
        and (not _MODIFIER_AFTER.match(text, target.end) or _UNIT.match(text, target.end))
    ):
        of, end = target.entity, target.end
    return m, name, of, end


def _appointments(doc: _Text, seen: set[tuple]) -> list[Fact]:
    """Roles given, held or left in so many words: "Acme named X (as) president, succeeding
    Y", "X was elected chairman of Y", "X succeeds Y as chairman", "X has resigned as
    chairman" (a role left, or Y's before X, is `former`)."""
    text = doc.text
    facts: list[Fact] = []
    held = {(f.subject, f.object) for f in doc.title_facts}

    def add(person: Mention, role, start: int, former: bool) -> None:
        t, name, of, end = role
        if (person.entity, name) in held:
            return
        held.add((person.entity, name))
        seen.add((person.entity, name, of, None))
        doc.holders.setdefault((name.lower(), of), person.entity)
        lo, hi = min(start, t.start, person.start), max(end, person.end)  # all its evidence
        facts.append(_fact(doc, "title", person.entity, name, lo, hi, of=of, former=former or None))

    appoints = any(word in text for word in _APPOINTING_STEMS)  # a memchr each, not a scan
    for a in _APPOINTS.finditer(text) if appoints else ():
        person = doc.by_start.get(a.end())
        if person is None or person.label != "PERSON":
            continue
        gap = _TO_ROLE.match(text, person.end)
        role = _role_at(doc, gap.end()) if gap is not None else None
        if role is None:
            continue
        i = bisect.bisect_left(doc.mention_starts, a.start()) - 1
        before = doc.mentions[i] if i >= 0 else None
        if (
            role[2] is None
            and before is not None
            and before.label == "ORG"
            and _APPOINTER_GAP.fullmatch(text, before.end, a.start())
        ):
            role = (role[0], role[1], before.entity, role[3])
        add(person, role, person.start, False)
        more = _and_role(doc, role)
        if more is not None:
            add(person, more, person.start, False)
        _predecessor(doc, (more or role)[3], role, add)
    for p in doc.persons:
        verb = _ROLE_AFTER_PERSON.match(text, p.end)
        if verb is None:
            continue
        pos = verb.end()
        other = None
        if verb.group("verb").startswith(("succeed", "replace")):
            other = doc.after(pos)  # "X succeeds Y as chairman"
            if other is None or other.label != "PERSON":
                continue
            pos = other.end
            if not text.startswith(" as ", pos):
                continue
        gap = _TO_ROLE.match(text, pos)
        role = _role_at(doc, gap.end()) if gap is not None else None
        if role is None:
            continue
        former = (
            verb.group("verb") in _LEFT
            or verb.group("verb").startswith("stepped")
            or bool(_FORMERLY.search(verb.group()))
        )
        add(p, role, p.start, former)
        more = _and_role(doc, role)
        if more is not None:
            add(p, more, p.start, former)
        if other is not None:
            add(other, role, p.start, True)
        elif not former:
            _predecessor(doc, (more or role)[3], role, add)
    return facts


def _predecessor(doc: _Text, pos: int, role, add) -> None:
    """ "..., succeeding John Marsh": the one succeeded held the role before."""
    succeeding = _SUCCEEDING.match(doc.text, pos)
    before_them = doc.by_start.get(succeeding.end()) if succeeding is not None else None
    if before_them is not None and before_them.label == "PERSON":
        add(before_them, role, before_them.start, True)


def _and_role(doc: _Text, role: tuple[Mention, str, str | None, int]):
    """A second role joined to the first: "president and chief executive officer"."""
    follows = _AND_ROLE.match(doc.text, role[3])
    more = _role_at(doc, follows.end()) if follows is not None else None
    return (more[0], more[1], more[2] or role[2], more[3]) if more is not None else None


_AND_ROLE = regexes.compile(r"[ \t]*(?:,|and|,[ \t]*and)[ \t]+")
_FORMERLY = regexes.compile(r"\b(?:previously|formerly|once)\b")


# --- affiliated_with -----------------------------------------------------------------------

# "X, an analyst with Y", "X, chief financial officer of Y", "X, a spokesman for Y".
_ROLE_AFTER = regexes.compile(
    r"[ \t]*,[ \t]*(?:(?:now|then|also|still|formerly|currently)[ \t]+)?(?:(?:an?|the|its)[ \t]+)?"
    r"(?P<role>(?:[a-z][a-z-]*[ \t]+){0,3}?[a-z][a-z-]*)"
    r"[ \t]+(?:with|of|for|at)[ \t]+(?:the[ \t]+)?"
    # "a partner at the accountancy firm of Hart and Lowe", "at investment bank X"
    r"(?:(?:[a-z]+[ \t]+)?(?:firm|bank|house|practice)[ \t]+(?P<partners>of[ \t]+)?(?=[A-Z]))?"
)
_WITH_OR_AT = regexes.compile(r"[ \t]+(?:with|at)[ \t]")
# "X of Y said": a person of an organisation, or an organisation of a place.
_OF_AFTER = regexes.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?")
# The ticker after a company's name: "Acme Corp <ACM>".
_TICKER_AFTER = regexes.compile(r"[ \t]*<[A-Z][A-Z0-9.&-]{0,9}>")
# A ticker or a bracketed acronym before a title or a verb: "Acme Corp <ACM>, said", "the
# Brazilian Coffee Institute (IBC), told reporters", "Citicorp <CCI> Chairman".
_TICKER_BEFORE = regexes.compile(
    r"[ \t]*(?:<[A-Z][A-Z0-9.&-]{0,9}>|\([A-Z][A-Za-z0-9.&-]{1,9}\))[ \t]*,?[ \t]*$"
)


def _affiliations(doc: _Text) -> list[Fact]:
    """Who works for which organisation: "X of Y", "X, an analyst with Y", "X, president of
    Y", "Y's chairman X". Where X then speaks ("X of Y said"), X is the speaker, not Y; an
    organisation "of" a place ("Hoechst AG of West Germany said") speaks for itself."""
    text = doc.text
    facts: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    orgs = {m.entity for m in doc.mentions if m.label == "ORG"}
    for t in doc.title_facts:
        of = t.qualifiers.get("of")
        if of in orgs and (t.subject, of) not in seen:
            seen.add((t.subject, of))
            facts.append(
                _fact(doc, "affiliated_with", t.subject, of, t.start, t.end, title=t.object)
            )
    for m in doc.mentions:
        if m.label == "ORG":
            link = _OF_AFTER.match(text, m.end)
            place = doc.by_start.get(link.end()) if link else None
            if place is not None and place.label in ("GPE", "LOC"):
                doc.appositives.setdefault(place.end, (m.entity, m.start))
            continue
        if m.label != "PERSON":
            continue
        role = former = None
        link = _OF_AFTER.match(text, m.end)
        org = doc.by_start.get(link.end()) if link else None
        if org is None or org.label != "ORG" or (" " not in m.text and " " not in org.text):
            # "Shaun of the Dead": one word "of" another is a title, not an affiliation
            link = _ROLE_AFTER.match(text, m.end)
            if link is None:
                continue
            words = link.group("role").split()
            if words[-1] not in _ROLES or any(w in _NOT_ROLE for w in words):
                continue
            org = doc.by_start.get(link.end())
            if org is None or org.label != "ORG":
                org = _org_past_kind(doc, link.end()) or org  # "at research firm CCS Insight"
            if (
                org is not None
                and (org.label != "ORG" or link.group("partners"))  # "the law firm of X and Y"
                and _WITH_OR_AT.search(text, link.end("role"), link.end())
            ):
                org = _firm_of_partners(doc, org) or org
            if org is None or not (
                org.label == "ORG"
                or (
                    # "an analyst with Petroleum Intelligence Weekly": where an analyst works,
                    # though the name reads as a person's
                    org.label == "PERSON"
                    and " " in org.text
                    and _WITH_OR_AT.search(text, link.end("role"), link.end()) is not None
                )
            ):
                continue
            former = (words[0] == "former" and len(words) > 1) or None  # "a former partner at X"
            role = " ".join(
                w if w in ("and", "of") else w.capitalize() for w in words[1 if former else 0 :]
            )
        end = org.end
        ticker = _TICKER_AFTER.match(text, end)
        if ticker is not None:
            end = ticker.end()
        doc.appositives.setdefault(org.end, (m.entity, m.start))
        if (
            role is not None
            and link is not None  # the role's own match
            and not any(
                x.label == "TITLE"
                for x in doc.by_sentence.get(doc.sentence_of(m.start), ())
                if link.start("role") <= x.start < link.end("role")
            )
        ):
            facts.append(
                _fact(doc, "title", m.entity, role, m.start, end, of=org.entity, former=former)
            )
        if (m.entity, org.entity) in seen:
            continue
        seen.add((m.entity, org.entity))
        facts.append(_fact(doc, "affiliated_with", m.entity, org.entity, m.start, end, title=role))
    return facts


def _firm_of_partners(doc: _Text, first: Mention) -> Mention | None:
    """The firm a trader or an analyst works at when it is named for its partners and read
    as two names: "a trader at E.D. and F. Man", "an analyst at Gill and Duffus"."""
    link = _PARTNERS_AND.match(doc.text, first.end)
    second = doc.by_start.get(link.end()) if link is not None else None
    if second is None or first.label not in _PARTNER or second.label not in _PARTNER:
        return None
    if first.label == second.label == "GPE":
        return None  # "an analyst with Paris and London": two places
    name = " ".join(doc.text[first.start : second.end].split())
    return Mention(first.start, second.end, name, "ORG", name, first.sentence)


_PARTNERS_AND = regexes.compile(r"[ \t]+(?:and|&)[ \t]+")
_PARTNER = frozenset({"PERSON", "GPE", "ORG"})


# Words that make the words before "with"/"for" a clause, not a role: "who works for".
_NOT_ROLE = frozenset("who which that is was are were has had have will would said says".split())


# --- said ----------------------------------------------------------------------------------


def _before_letters(doc: _Text, pos: int) -> Mention | None:
    """The mention right before `pos`; the name before the letters after it where those
    are a post-nominal ("Peter Lang MP said")."""
    m = doc.before(pos)
    if m is not None and m.label == "TITLE" and m.text in POST_NOMINALS:
        return doc.before(m.start) or m
    return m


def _speaker_before(doc: _Text, pos: int) -> tuple[str, int] | None:
    """Who speaks when the words before `pos` are "X" or "he": (name, where X starts); None
    for "analysts at Nomura and Daiwa", whose firms are no speakers."""
    if voices.them_before(doc.text, pos):
        return None
    return _named_before(doc, pos)


def _named_before(doc: _Text, pos: int) -> tuple[str, int] | None:
    """`_speaker_before`'s "X" or "he"."""
    text = doc.text
    said_at = pos
    ticker = _ticker_before(text, pos)
    if ticker is not None:
        pos = ticker.start()  # "Acme Corp <ACM>, said": the company's name ends before it
    gap = pos
    while gap > 0 and text[gap - 1] in " \t,":
        gap -= 1
    if gap < pos and gap in doc.appositives and doc.by_end.get(gap) is None:
        return doc.appositives[gap]  # "X, the vice president of marketing, said"
    m = _before_letters(doc, pos)
    if m is not None:
        if m.end in doc.appositives:
            return doc.appositives[m.end]
        if m.label in _PLACE and "," in text[gap:said_at]:
            # "Litton, based in Beverly Hills, Calif., said": the place ends an aside (so
            # does "X, head of marketing at Transport for London (TfL), said").
            return _named_before_aside(doc, gap)
        if m.label == "TITLE" and m.entity in _FOR_THEIR_ORG:
            voice = _unnamed_voice(doc, m.start)
            if voice is not None:
                return voice if voice[0] else None
        if m.label in _PLACE:
            m = _located(doc, m)
        name = _speaker_name(doc, m)
        return (name, m.start) if name else None
    officials = _OFFICIALS_BEFORE.search(text, max(0, pos - 14), pos)
    if officials is not None:
        voice = _unnamed_voice(doc, officials.start())  # "Finance Ministry officials said"
        if voice is not None:
            return voice if voice[0] else None
    m = doc.before(pos, _GAP_COMMA)
    if m is not None and m.end in doc.appositives:
        return doc.appositives[m.end]
    if m is not None and m.label == "PERSON":
        # "The chancellor, Gordon Brown, said": a name set off after its title; "The
        # president of Russia, Vladimir Putin, said": after any phrase that names them.
        honorific = _HONORIFIC_BEFORE.search(text, max(0, m.start - 12), m.start)
        lead = honorific.start() if honorific else m.start  # "The Lord Chancellor, Lord X,"
        title = doc.before(lead, _GAP_COMMA)
        if title is not None and title.label == "TITLE":
            return m.entity, m.start
        if text[max(0, lead - 3) : lead].rstrip(" \t").endswith(","):
            return m.entity, m.start
    if m is not None and m.label == "CARDINAL":
        # "John Smith, 45, said": a person and their age.
        person = doc.before(m.start, _GAP_COMMA)
        if person is not None and person.label == "PERSON":
            return person.entity, person.start
    if m is not None and m.label == "TITLE":
        # "Tony Blair, the prime minister, said": the title's holder speaks; but "Ms
        # Robinson, a friend of the Tory leader, said" is the one the aside is about.
        found = _named_before_aside(doc, gap) if "," in text[gap:pos] else None
        if found is not None:
            return found
        name = _speaker_name(doc, m)
        if name:
            return name, m.start
    if "," in text[gap:pos]:
        found = _named_before_aside(doc, gap)
        if found is not None:
            return found
    done, found = _person_or_pronoun_before(doc, pos)
    if done:
        return found
    kind = _THE_KIND_BEFORE.search(text, max(0, pos - 30), pos)
    if kind is not None and not _PREPOSITION_BEFORE.search(
        text, max(0, kind.start() - 6), kind.start()
    ):
        org = _named_earlier(doc, kind.start(), _kind(kind))  # not "president ... at the firm says"
        return (org.entity, kind.start()) if org is not None else None
    return None


def _person_or_pronoun_before(doc: _Text, pos: int) -> tuple[bool, tuple[str, int] | None]:
    """For `_speaker_before`: whether the words before `pos` are "X and his deputy" or "he",
    and then who speaks (None for a pronoun that refers to nobody)."""
    text = doc.text
    floor = max(0, pos - 40)
    company = (
        _AND_COMPANY_BEFORE.search(text, floor, pos)
        if text.find(" and h", floor, pos) >= 0
        else None
    )
    m = doc.before(company.start()) if company is not None else None
    if m is not None and m.label == "PERSON":  # "Kinnock and his deputy said": the one named
        return True, (m.entity, m.start)
    pron = _PRONOUN_BEFORE.search(text, max(0, pos - 30), pos)
    if pron is None:
        return False, None
    person = doc.last_person(pron.start(), pron.group(1))
    return True, ((person.entity, pron.start()) if person else None)


# "and his deputy", "and her lawyers": someone unnamed with the person named before.
_AND_COMPANY_BEFORE = regexes.compile(
    r"[ \t]+and[ \t]+(?:his|her)[ \t]+(?:[a-z][\w-]*[ \t]+)?[a-z][\w-]*[ \t]*$"
)
# "president of the networks division at the firm says": the firm is where the speaker works
# (a spokesman "for" or "of" the firm speaks for it).
_PREPOSITION_BEFORE = regexes.compile(r"\b(?:at|with|from|by|in)[ \t]+$")


def _kind(found: re.Match) -> str:
    """The kind a match of `_THE_KIND_BEFORE` names: "bank", or "central bank"."""
    kind = found.group("kind").lower()
    if kind == "carrier":
        return "airline"  # "the Dublin-based carrier said"
    return "central bank" if kind == "bank" and found.group("mod") == "central" else kind


# "the company said", "the ministry said": an organisation the story named before.
_KINDS = (
    r"company|firm|corporation|group|ministry|bank|lender|insurer|airline|carrier|commission|agency"
    r"|department|exchange|fund|organisation|organization|union"
)
_THE_KIND_BEFORE = regexes.compile(
    r"\b(?<![\w'’-])[Tt]he[ \t]+(?:(?P<mod>[a-z][\w-]*|[A-Z][\w.-]*-based)[ \t]+)?"
    rf"(?P<kind>{_KINDS})[ \t]*$"
)
# "the party's", "the company's" before a title: whose title it is, named earlier; also of a
# kind a story names a title's owner by ("the museum's head of security") and with a word or
# two before the kind ("the Italian club's president", "the state airline's").
_THE_OWNER_BEFORE = regexes.compile(
    r"\b[Tt]he[ \t]+(?:(?!(?:and|or|of|in|at|for)[ \t])[\w.'’-]+[ \t]+){0,2}?"
    rf"(?P<kind>party|{_KINDS}|club|team|museum|university|hospital|council|authority|mission|trust"
    r"|charity|federation|association|institute|league)$"
)
# The parties a story names in a word or two ("Labour", "the Tories", "Lib Dems").
_PARTY_NAMES = frozenset(
    "Labour Conservative Conservatives Tory Tories Liberal Liberals Democrat Democrats "
    "Republican Republicans Socialist Socialists Communist Communists Greens SNP UKIP DUP "
    "SDLP SDP".split()
) | {"Liberal Democrat", "Lib Dem", "Plaid Cymru", "Sinn Fein"}
_PARTY_ENDS = ("Party", "Democrats", "Dems", "Front", "League", "Congress")


def _whose(doc: _Text, pos: int) -> str | None:
    """The organisation "the party" or "the company" ending at `pos` stands for: for a party,
    the latest party the story names before it; else as `_named_earlier` finds it."""
    found = _THE_OWNER_BEFORE.search(doc.text, max(0, pos - 60), pos)
    if found is None:
        return None
    kind = found.group("kind")
    if kind != "party":
        org = _named_earlier(doc, found.start(), kind)
        if org is None and kind in _KINDS_NAMED_LOOSELY:
            org = _latest_unknown(doc, found.start(), kind)
        return org.entity if org is not None else None
    i = bisect.bisect_left(doc.mention_starts, found.start()) - 1
    for m in itertools.islice((doc.mentions[j] for j in range(i, -1, -1)), 200):
        if m.label in ("NORP", "ORG") and (
            m.entity in _PARTY_NAMES or m.entity.endswith(_PARTY_ENDS)
        ):
            return m.entity
    return None


#: The nations whose adjective the title words take in ("Scottish Education Secretary").
_NATIONS_IN_TITLES = {"Scottish": "Scotland", "Welsh": "Wales"}
#: Kinds a story calls an organisation by whose names seldom say so ("Everton", "Juventus").
_KINDS_NAMED_LOOSELY = frozenset({"club", "team"})


def _latest_unknown(doc: _Text, pos: int, kind: str) -> Mention | None:
    """The organisation named latest in this sentence or the two before `pos` that nothing says
    is of another kind than `kind`: "the club's chief executive" after "a new stadium for
    Everton ... approved by Liverpool City Council" is Everton's."""
    k = doc.sentence_of(pos)
    for j in range(k, max(-1, k - 3), -1):
        for m in reversed(doc.by_sentence.get(j, ())):
            if m.label == "ORG" and m.start < pos and _of_kind(doc, m, kind) is None:
                return m
    return None


_COMPANY_KINDS = frozenset({"company", "firm", "corporation", "group"})
# Beyond the legal forms, the last word of a company's name: "Harwick Group".
_COMPANY_HEADS = frozenset({"group", "holdings", "industries"})
_COMPANY_FORMS = frozenset(
    line.strip()
    for line in gazetteer.data_text("company_forms.txt").splitlines()
    if line.strip() and not line.startswith("#")
)
# The words of a name that say it is of a kind ("Tolland Bank" is a bank and a lender).
_KIND_NAMES = {
    "lender": ("bank",),
    "insurer": ("insurance", "assurance"),
    "airline": ("airlines", "airways", "air"),
    "central bank": ("central bank", "reserve bank", "federal reserve", "bundesbank"),
    # "the group" of a body of members: "the Countryside Alliance ... the group says"
    "group": (
        "alliance",
        "coalition",
        "front",
        "movement",
        "forum",
        "association",
        "federation",
        "confederation",
        "union",
        "society",
        "league",
        "campaign",
    ),
}
# The words of a name that say it is of some kind, told apart from a name that says nothing
# ("JP Morgan", "Microsoft"): the heads of organisations' names, in lower case.
_HEAD_WORDS = frozenset(w.lower() for w in gazetteer.org_heads() if " " not in w) | frozenset(
    _KINDS.split("|")
)
# A country's bank that is no central bank ("Bank of China" is a state lender).
_NOT_CENTRAL = frozenset({"China", "Ireland"})
# Where a story says what an organisation is: "JP Morgan, the US bank," / "the US bank JP
# Morgan", "research firm Jupiter".
_KIND_STATED_AFTER = regexes.compile(
    rf"[ \t]*,[ \t]*(?:the|a|an)[ \t]+(?:[\w.'’-]+[ \t]+){{0,3}}?(?P<central>central[ \t]+)?"
    rf"(?P<kind>{_KINDS})\b"
)
_KIND_STATED_BEFORE = regexes.compile(rf"\b(?P<central>central[ \t]+)?(?P<kind>{_KINDS})[ \t]+$")


def _stated_kinds(doc: _Text) -> dict[str, set[str]]:
    """What the story says each organisation is, by its name ("JP Morgan" -> {"bank"})."""
    if doc.kinds is not None:
        return doc.kinds
    text = doc.text
    kinds: dict[str, set[str]] = {}
    for m in doc.mentions:
        if m.label != "ORG":
            continue
        found = _KIND_STATED_AFTER.match(text, m.end) or _KIND_STATED_BEFORE.search(
            text, max(0, m.start - 24), m.start
        )
        if found is not None:
            stated = kinds.setdefault(m.entity, set())
            stated.add(found.group("kind").lower())
            if found.group("central"):
                stated.add("central bank")
    doc.kinds = kinds
    return kinds


def _of_kind(doc: _Text, m: Mention, kind: str) -> bool | None:
    """Whether organisation `m` is of `kind` ("bank"), by its name or by what the story says;
    None when nothing says what it is (a name with no head word: "JP Morgan")."""
    name = m.entity
    low = name.lower()
    if kind in _stated_kinds(doc).get(name, ()):
        return True
    if any(w in low.split() for w in _KIND_NAMES.get(kind, ())):
        return True  # "the group": an alliance; "the lender": a bank; "the carrier": an airline
    if kind in _COMPANY_KINDS:
        last = name.rpartition(" ")[2]
        if last in _COMPANY_FORMS or last.lower() in _COMPANY_HEADS:
            return True
    elif kind == "central bank":
        if any(w in low for w in _KIND_NAMES[kind]) or name == "Fed":
            return True
        head, _, country = name.partition(" of ")  # "Bank of Japan"
        return (
            head == "Bank" and country in gazetteer.country_names() and country not in _NOT_CENTRAL
        )
    elif kind in low:
        return True
    if any(w in _HEAD_WORDS for w in low.split()):
        return False
    return None


def _named_earlier(doc: _Text, pos: int, kind: str) -> Mention | None:
    """The organisation "the company" (or ministry, bank ...) at `pos` stands for, as a reader
    takes it: in this sentence or the ones before, latest first, the one it opens with if that
    is of the kind, else the latest named of the kind ("Chrysler Corp", "the Finance Ministry",
    "JP Morgan, the US bank"); in this sentence or the one before, one it opens with that
    nothing says is of another kind ("JP Morgan said ... The bank said"), and in this sentence
    any such one."""
    k = doc.sentence_of(pos)
    for j in range(k, max(-1, k - _KIND_REACH), -1):
        subject = doc.opening_org(j)
        if subject is not None and subject.start >= pos:
            subject = None
        if subject is not None and _of_kind(doc, subject, kind):
            return subject
        for m in reversed(doc.by_sentence.get(j, ())):
            if m.label == "ORG" and m.start < pos and _of_kind(doc, m, kind):
                return m
        if (
            subject is not None
            and j >= k - 1
            and kind != "central bank"
            and _of_kind(doc, subject, kind) is None
        ):
            return subject
        if j == k and kind != "central bank":
            # "While Toyota's prototypes are ..., the company says": the one this sentence
            # names before it, when nothing says it is of another kind
            for m in reversed(doc.by_sentence.get(j, ())):
                if (
                    m.label == "ORG"
                    and m.start < pos
                    and not (m.text.endswith("s") and _FAMILY_OWNED.match(doc.text, m.end))
                    and _of_kind(doc, m, kind) is None
                ):
                    return m
    i = bisect.bisect_left(doc.mention_starts, doc.sentence_span(max(0, k - _KIND_REACH))[0]) - 1
    for m in itertools.islice((doc.mentions[j] for j in range(i, -1, -1)), 200):
        if m.label == "ORG" and _of_kind(doc, m, kind):
            return m
    return None


# "The Smiths' shop": after a name ending in "s", a family's, seldom a company's.
_FAMILY_OWNED = regexes.compile(r"['’](?!\w)")
# How many sentences back "the bank" looks first for the subject of one.
_KIND_REACH = 6


# Who speak for their organisation, unnamed: "an Atlas spokesman", "Finance Ministry officials".
_FOR_THEIR_ORG = frozenset({"Spokesman", "Spokeswoman", "Spokesperson", "Official"})
_OFFICIALS_BEFORE = regexes.compile(
    r"[ \t]+(?:officials?|sources?|spokes(?:man|woman|person))[ \t]*$"
)
# "a central bank spokesman", "bank officials": the kind of organisation, in lower case.
_VOICE_KIND_BEFORE = regexes.compile(
    rf"(?<![\w-])(?:(?P<mod>central)[ \t]+)?(?P<kind>{_KINDS})[ \t]*$"
)
# An unnamed voice after the verb: "a company spokesman", "an Acme official".
_UNNAMED_AT = regexes.compile(
    r"(?:an?|one|another)[ \t]+(?:[\w&.-]+[ \t]+){0,3}?"
    r"(?P<role>spokes(?:man|woman|person)|officials?)\b"
)
_INDEFINITE_BEFORE = regexes.compile(r"(?<![\w-])(?:[Aa]n?|[Oo]ne|[Aa]nother)[ \t]*$")


def _unnamed_voice(doc: _Text, pos: int) -> tuple[str, int] | None:
    """Who speaks when an unnamed spokesman or official does, the words before `pos` saying
    whose: the organisation named there ("an Atlas spokesman", "Treasury officials"), or the
    one of the kind named there that the story names ("a central bank spokesman" is the
    Bundesbank's); ("", pos) when it is someone unnamed of no organisation the story names
    ("a spokesman" is not whoever the story named a spokesman before); None when the words
    say nothing of whose it is ("the spokesman")."""
    org = doc.before(pos)
    if org is not None and org.label == "ORG":
        return org.entity, org.start
    kind = _VOICE_KIND_BEFORE.search(doc.text, max(0, pos - 20), pos)
    if kind is not None:
        found = _named_earlier(doc, kind.start(), _kind(kind))
        return (found.entity, kind.start()) if found is not None else ("", pos)
    if _INDEFINITE_BEFORE.search(doc.text, max(0, pos - 10), pos):
        return "", pos
    return None


# '"...," analysts at Nomura and Daiwa said': the voice, then its verb.
_THEM_THEN_VERB = regexes.compile(rf"{voices.THEM}\s*(?:{_ADVERB}\s+)*(?P<verb>{_SPEECH_VERBS})\b")


def _their_own_voice(doc: _Text, qs: int, qe: int, verb: re.Match | None) -> bool:
    """Whether the quotation from `qs` to `qe` is said by analysts, dealers or economists the
    story does not name, after it or before it: '"...," said analysts at Nomura', '"...," one
    dealer said', 'Analysts at Nomura and Daiwa said: "..."' (the firms are not speakers)."""
    text = doc.text
    if verb is not None:
        return voices.said_by_them(text, verb.end())
    gap = _GAP_COMMA.match(text, qe)  # in the sentence: not 'X said: "...." Analysts say'
    if gap is not None and text[gap.end() : gap.end() + 1].islower():
        return _THEM_THEN_VERB.match(text, gap.end()) is not None
    if not voices.near(text, max(0, qs - 170), qs):
        return False
    lead = _BEFORE_QUOTE.search(text, max(0, qs - 60), qs)
    return lead is not None and voices.them_before(text, lead.start())


# An aside between a name and its verb, from its opening comma to the closing one: ", a Texas
# Democrat", ", who is also Nigeria's oil minister".
_ASIDE_BEFORE = regexes.compile(r",[ \t]*[^,\"“”\n;:()]{2,90}$")
_ASIDE_OPENER = regexes.compile(r",[ \t]*([a-z]+)\b")
# How an aside about the one named before it opens: "a Texas Democrat", "who is also ...",
# "once the owner of ...", "of Burnley", "writing in ...", "based in ...".
_ASIDE_OPENERS = frozenset(
    "a an the his her its their who whose which once now then formerly former until himself "
    "herself itself also both each of from in at with writing speaking based headquartered"
    " located".split()
)
_LIST_END = regexes.compile(r"\b(?:and|or|&)[ \t]+[A-Z][^ \t]*(?:[ \t]+[A-Z][^ \t]*)*[ \t]*$")


def _possessive_end(text: str, m: Mention) -> int | None:
    """Where the possessive after `m` ends ("Acme's chairman"), also of a name that ends in
    one ("McDonald's chairman", "Moody's analyst"); None when no possessive follows."""
    poss = _POSSESSIVE_AT.match(text, m.end)
    if poss is None and m.text.endswith(("'s", "’s")):
        poss = _BLANK_AT.match(text, m.end)
    return poss.end() if poss is not None else None


def _named_before_aside(doc: _Text, comma: int) -> tuple[str, int] | None:
    """ "X, a Texas Democrat, said": X (a person, or an organisation when nobody is named) set
    off from the verb by an aside; not one of a list ("Smith, Jones and Brown said")."""
    text = doc.text
    s_start = doc.sentence_span(doc.sentence_of(comma))[0]
    aside = _ASIDE_BEFORE.search(text, max(s_start, comma - 92), comma)  # comma: its end
    if aside is None:
        return None
    first = doc.after(aside.start() + 1)
    if first is not None:
        if first.label not in ("TITLE", "NORP", "GPE", "ORG", "CARDINAL") or (
            first.label == "ORG" and _possessive_end(text, first) is None
        ):
            return None  # "Smith, Jones and Brown said", "Acme, Apex and Zenith said"
    else:
        word = _ASIDE_OPENER.match(text, aside.start())
        if word is None or not (word.group(1) in _ASIDE_OPENERS or word.group(1) in _ROLES):
            return None  # "..., Francesco Galesi, remain defendants in the lawsuit, said"
    if _LIST_END.search(text, aside.start(), comma) or _SPEECH.search(text, aside.start(), comma):
        return None
    m = _before_letters(doc, aside.start())  # "Philippe Sands QC, a member of ..., says"
    if (
        m is not None
        and first is not None
        and first.label in _PLACE
        and m.label in _PLACE
        and text[aside.start() + 1 : comma].strip() == first.text
    ):
        # ", based in Beverly Hills, Calif.,": the state ends the aside about the city.
        return _named_before_aside(doc, aside.start())
    if m is None:
        kind = _THE_KIND_BEFORE.search(text, max(s_start, aside.start() - 30), aside.start())
        org = _named_earlier(doc, kind.start(), _kind(kind)) if kind else None
        return (org.entity, kind.start()) if org is not None and kind is not None else None
    if m.label not in ("PERSON", "ORG"):
        return None
    if m.end in doc.appositives:
        return doc.appositives[m.end]
    return m.entity, m.start


def _speaker_at(
    doc: _Text, pos: int, context: int | None = None, said_first: bool = True
) -> tuple[str, int] | None:
    """Who speaks when the words from `pos` are "X" or "he": (name, where X ends).

    A pronoun stands for the latest person named before `context` (the quotation's start, so
    that a name inside the quotation is not taken for the speaker). After the verb
    (`said_first`), "said US lawyer Jamie Firestone" is the person, not the country; before
    it, the quotation may be someone else's ('"..." Welsh leader X said: "..."').
    """
    m = doc.by_start.get(pos)
    if m is None and (voice := _UNNAMED_AT.match(doc.text, pos)) is not None:
        # '"...," said a company spokesman': the company the story names speaks
        found = _unnamed_voice(doc, voice.start("role"))
        if found is not None:
            return (found[0], voice.end()) if found[0] else None
    if m is None and (held := _title_held_after(doc, pos)) is not None:
        return held  # '"...," said its plant manager, George Whitfield.'
    if m is None and (end := _anaphor_end(doc, pos)) is not None:
        # '"...," the Austrian said', '"...," the 28-year-old said': the person just named;
        # '"...," said the Frenchman, Alain Prost': the one named after
        person = doc.after(end, _GAP_COMMA)
        if person is None or person.label != "PERSON":
            person = doc.last_person(context if context is not None else pos, "the")
        return (person.entity, max(end, person.end)) if person is not None else None
    if m is None:
        honorific = _WORD_AT.match(doc.text, pos)  # "said Mr Blair": "Blair" speaks
        if honorific is not None and honorific.group(1) in gazetteer.honorifics():
            m = doc.by_start.get(honorific.end())
            if m is not None and m.label != "PERSON":
                m = None
    if m is not None and m.label in ("PERSON", "ORG") and doc.text.startswith(" ", m.end):
        role = _LOWER_WORD_AT.match(doc.text, m.end + 1)
        person = doc.by_start.get(role.end()) if role and role.group(1) in _ROLE_NOUNS else None
        if person is not None and person.label == "PERSON":
            return person.entity, person.end  # "said Speegle founder Gordon Renton"
    if m is not None:
        title = doc.after(m.end) if m.label in _PARTY else None
        person = doc.after(title.end) if title is not None and title.label == "TITLE" else None
        if person is not None and person.label == "PERSON":
            return person.entity, person.end  # "OPEC President Rilwanu Lukman said"
        if m.label in _PARTY and (poss := _possessive_end(doc.text, m)) is not None:
            # "said Acme's chairman, John Smith": the person named after the title
            title = doc.by_start.get(poss)
            person = (
                doc.after(title.end, _GAP_COMMA)
                if title is not None and title.label == "TITLE"
                else None
            )
            if person is not None and person.label == "PERSON":
                return person.entity, person.end
            titled = doc.title_at(m.start)
            if titled is not None:  # "said Acme's head of personnel, Ruth Adeyemi"
                return titled.subject, titled.end
        if m.label in _PLACE and (tail := _COMPOUND_TAIL.match(doc.text, m.end)) is not None:
            # "said Zurich-based banker X": the place only says where the speaker works.
            person = _person_after(doc, m.end + len(tail.group().rstrip()))
            if said_first and person is not None:
                return person.entity, person.end
            return _speaker_at(doc, tail.end(), context, said_first)
        if m.label in _PARTY and m.label != "ORG":
            person = _person_after(doc, m.end) if said_first else None
            if person is not None:  # "said US lawyer Jamie Firestone": not the country
                return person.entity, person.end
            # "Iranian ambassador": the title, not the country, is the speaker.
            nxt = doc.after(m.end)
            if nxt is not None and nxt.label == "TITLE":
                name = _holder(doc, nxt, m.entity)
                return (name, nxt.end) if name else None
        person = doc.after(m.end) if m.label == "TITLE" else None
        if person is not None and person.label == "PERSON":
            return person.entity, person.end  # "said housing minister Yvette Cooper"
        name = _speaker_name(doc, m)
        return (name, m.end) if name else None
    pron = _PRONOUN_AT.match(doc.text, pos)
    if pron is not None:
        if context is None:
            person = doc.last_person(pos, pron.group(1))
        else:
            lo = bisect.bisect_left(doc.person_starts, context)
            hi = bisect.bisect_left(doc.person_starts, pos)
            named = frozenset(p.entity for p in doc.persons[lo:hi])
            person = doc.last_person(context, pron.group(1), named)
        return (person.entity, pron.end()) if person else None
    return None


# "the Austrian", "the 28-year-old" standing for the person just named.
_ANAPHOR_AT = regexes.compile(r"the[ \t]+(?:(\d{1,3}-year-old)\b|(?=[A-Z]))")
# A possessive before a title: "said its plant manager, X", "the union's chief negotiator, X".
_POSSESSOR_AT = regexes.compile(
    r"(?:its|their|his|her|[Tt]he[ \t]+[a-z]+['’]s)[ \t]+(?:[a-z][\w-]*[ \t]+){0,3}"
)


# Title words in lower case, the first of them captured: "president and chief executive ".
_TITLE_WORDS_AT = regexes.compile(r"([a-z][\w-]*)[ \t]+(?:[a-z][\w-]*[ \t]+){0,4}")


def _office_at(doc: _Text, pos: int) -> Mention | None:
    """The title named after "the" at `pos`: "the minister", "the judge"."""
    the = _THE_AT.match(doc.text, pos)
    office = doc.by_start.get(the.end()) if the is not None else None
    return office if office is not None and office.label == "TITLE" else None


def _office_unnamed(doc: _Text, pos: int) -> bool:
    """Whether "the minister said" at `pos` speaks for an office the story names nobody in."""
    office = _office_at(doc, pos)
    return (
        office is not None
        and office.entity not in _FOR_THEIR_ORG
        and _AFTER_QUOTE_SPEAKER_FIRST.match(doc.text, office.end) is not None
    )


def _anaphor_end(doc: _Text, pos: int) -> int | None:
    """Where "the Austrian" or "the 28-year-old" at `pos` ends, when it stands for a person
    (a nationality or an age alone: not "the Austrian team")."""
    anaphor = _ANAPHOR_AT.match(doc.text, pos)
    if anaphor is None:
        return None
    if anaphor.group(1):
        end = anaphor.end()
    else:
        norp = doc.by_start.get(anaphor.end())
        if norp is None or norp.label != "NORP" or norp.text.endswith(_PEOPLES):
            return None  # "say the Tories", "the French said": a people, not one of them
        end = norp.end
    return end if _ANAPHOR_ENDS.match(doc.text, end) else None


# How the name of a people (not of one of them) ends: "Tories", "French", "Chinese", "Swiss".
_PEOPLES = ("s", "sh", "ch", "ese")
# What follows a person's nationality standing alone: a speech verb or the end of a clause.
_ANAPHOR_ENDS = regexes.compile(rf"[ \t]*(?:[,.;:!?]|$|(?:{_ADVERB}[ \t]+)?(?:{_SPEECH_VERBS})\b)")


def _title_held_after(doc: _Text, pos: int) -> tuple[str, int] | None:
    """ "its plant manager, George Whitfield" at `pos`: the holder of the title named after
    the possessive, and where the holder's name ends; "the judge" alone: the one the story
    named holding that office."""
    office = _office_at(doc, pos)
    if (
        office is not None
        and office.entity not in _FOR_THEIR_ORG  # "the spokeswoman said": for her employer
        and doc.after(office.end) is None
    ):
        # '"...," the judge told him': the holder the story named ("Judge Karen Holt")
        name = _speaker_name(doc, office)
        return (name, office.end) if name else None
    owner = _POSSESSOR_AT.match(doc.text, pos)
    if owner is None:
        # '"...," president and chief executive officer Dan Moore told reporters'
        owner = _TITLE_WORDS_AT.match(doc.text, pos)
        heads, mods = gazetteer.titles()
        if owner is None or not ((word := owner.group(1).capitalize()) in heads or word in mods):
            return None
    for at in (owner.start(), *(w.end() for w in _BLANK_AT.finditer(doc.text, pos, owner.end()))):
        held = doc.title_at(at)
        if held is not None:
            # '"...," the union's chief negotiator, Sam Okoye, said': the verb after the comma
            comma = _COMMA_AT.match(doc.text, held.end)
            if comma is not None and _AFTER_QUOTE_SPEAKER_FIRST.match(doc.text, comma.end()):
                return held.subject, comma.end()
            return held.subject, held.end
    return None


def _verb_after_aside(doc: _Text, found: tuple[str, int]) -> re.Match | None:
    """The speech verb after an aside about the speaker `found`: '"...," X, president of Y,
    said' (the aside names X's title), '"...," X, 48, told reporters'."""
    text = doc.text
    aside = _APPOSITION.match(text, found[1])
    if aside is not None and doc.appositives.get(aside.end(1), ("",))[0] == found[0]:
        return _AFTER_QUOTE_SPEAKER_FIRST.match(text, aside.end())
    age = _AGE_ASIDE.match(text, found[1])
    return _AFTER_QUOTE_SPEAKER_FIRST.match(text, age.end()) if age is not None else None


# "the " before a title after a quotation: '"...," the minister, Carlos Solchaga, said'.
_THE_AT = regexes.compile(r"[Tt]he[ \t]+")
_COMMA_AT = regexes.compile(r"[ \t]*,(?=[ \t]*[a-z])")


def _title_then_name(doc: _Text, pos: int) -> tuple[str, int] | None:
    """ "the minister, X," at `pos`: X, and where the comma after X ends (a verb follows)."""
    title = _office_at(doc, pos)
    if title is None:
        return None
    person = doc.after(title.end, _GAP_COMMA)
    if person is None or person.label != "PERSON":
        return None
    comma = _COMMA_AT.match(doc.text, person.end)
    return person.entity, comma.end() if comma is not None else person.end


def _person_after(doc: _Text, pos: int) -> Mention | None:
    """The person named after at most three lower-case words from `pos` ("lawyer X")."""
    words = _FEW_LOWER_WORDS.match(doc.text, pos)
    person = doc.by_start.get(words.end()) if words is not None else None
    return person if person is not None and person.label == "PERSON" else None


def _located(doc: _Text, place: Mention) -> Mention:
    """Who a place after "in" locates, if a person or an organisation: "the BBC's Sarah
    Rainsford in Moscow says" is hers; else the place."""
    prep = _PREPOSITION_BEFORE.search(doc.text, max(0, place.start - 6), place.start)
    who = doc.before(prep.start()) if prep is not None else None
    return who if who is not None and who.label in ("PERSON", "ORG") else place


def _speaker_name(doc: _Text, m: Mention) -> str | None:
    if m.label in ("PERSON", "ORG"):
        return m.entity
    if m.label in ("GPE", "FAC") and not _PREPOSITION_BEFORE.search(
        doc.text, max(0, m.start - 6), m.start
    ):
        # "Washington said", "Downing Street said"; not "bankers in New York said", "a
        # detainee in Woodhill said": whoever speaks there is not named
        return m.entity
    if m.label == "TITLE":
        prefix = doc.before(m.start)
        return _holder(doc, m, prefix.entity if prefix is not None else None)
    return None


def _holder(doc: _Text, title: Mention, of: str | None) -> str | None:
    return doc.holders.get((title.entity.lower(), of)) or doc.holders.get(
        (title.entity.lower(), None)
    )


def _strip_span(text: str, start: int, end: int, chars: str = " \t\n,.;:") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _quote_marks(text: str) -> list[int]:
    """Where each of `_ANY_QUOTE_MARKS` is in `text`, in order."""
    out: list[int] = []
    find = text.find
    for mark in _ANY_QUOTE_MARKS:
        at = find(mark)
        while at >= 0:
            out.append(at)
            at = find(mark, at + 1)
    out.sort()
    return out


def _quotations(text: str) -> list[tuple[int, int, int]]:
    """The quotations of `text`: (start, end of the words, end), in order, not overlapping.

    Each mark is told opening or closing by the characters beside it, not by where lines
    break, so the pairs are the same whether the paragraphs are lines, blank-line apart or
    one line: a curly mark says which it is; a straight one opens after the start, a space,
    a bracket or a dash and before a word, and closes after a word and before a space, a
    punctuation mark or the end. A mark that fits both or neither (`, " he said`) closes the
    open quotation if there is one and opens one otherwise; at the start of a line it opens
    (text tokenised one sentence a line leaves such marks at both ends of its lines).

    An opening mark pairs with the next closing mark of its kind. When another opening mark
    comes first, the first quotation runs on into the next paragraph, which opens with a
    mark of its own (the news convention; the paragraph break may be gone): it ends where
    the next one opens, with no closing mark (its end is the end of its words). An opening
    mark never closed by the end of the text is dropped. Curly and straight marks pair
    apart; a pair inside another (a quote within a quote) is left to the outer one. One pass
    over the marks: linear in the text.

    Besides double marks: guillemets (« » as the French write them, » « as the Germans do),
    the German „ closed by “ or ”, and single marks as British papers write them ('We will
    act,' he said; or curly, U+2018 and U+2019). A single mark is also an apostrophe, so it counts only where it
    cannot be one: inside a word ("don't") it is never looked at; one that would open
    before a clitic ("'s", "'re", as tokenised text writes them) does not, nor one that
    would close after a plural "s" before a lower-case word ("the players' wages"); one
    that fits both or neither is left alone; and a single quotation runs on to the next
    opening mark only from a sentence's start to another's.
    """
    pairs: list[tuple[int, int, int]] = []
    open_straight = open_curly = open_low = open_guillemet = -1
    guillemet_closer = "»"
    open_single = -1
    single_curly = False  # whether the open single mark is curly (closed only by a curly one)
    end = len(text)
    skip = -1  # the second of two apostrophes read as one mark
    for at in _quote_marks(text):
        char = text[at]
        if char == "“":
            if open_low >= 0:
                pairs.append((open_low, at, at + 1))
                open_low = -1
                continue
            if open_curly >= 0:
                pairs.append((open_curly, at, at))
            open_curly = at
            continue
        if char == "”":
            if open_curly >= 0:
                pairs.append((open_curly, at, at + 1))
                open_curly = -1
            elif open_low >= 0:
                pairs.append((open_low, at, at + 1))
                open_low = -1
            continue
        if char == "„":
            if open_low >= 0:
                pairs.append((open_low, at, at))
            open_low = at
            continue
        if char in "«»":
            if open_guillemet >= 0 and char == guillemet_closer:
                pairs.append((open_guillemet, at, at + 1))
                open_guillemet = -1
            elif open_guillemet < 0 or char != guillemet_closer:
                if open_guillemet >= 0:
                    pairs.append((open_guillemet, at, at))
                open_guillemet = at
                guillemet_closer = "»" if char == "«" else "«"
            continue
        if at == skip:
            continue
        before = text[at - 1] if at else " "
        last = at
        if char == "'" and text.startswith("'", at + 1):
            char = '"'  # two apostrophes are a double mark: "''Robbie has ...''"
            last = skip = at + 1
        after = text[last + 1] if last + 1 < end else " "
        if char != '"':
            open_single, single_curly = _single_mark(
                text, at, char, before, after, open_single, single_curly, pairs
            )
            continue
        opens = before in _OPENS_AFTER and not after.isspace()
        closes = not before.isspace() and (after in _CLOSES_BEFORE or after.isspace())
        if opens == closes:
            # A mark alone between spaces (' " ', as in tokenised text): one that starts a
            # line opens; any other closes the open quotation if there is one.
            closes = open_straight >= 0 and before != "\n"
        if closes:
            if open_straight >= 0:
                pairs.append((open_straight, at, last + 1))
                open_straight = -1
        else:
            if open_straight >= 0:
                pairs.append((open_straight, at, at))
            open_straight = last
    if not pairs:
        return pairs
    pairs.sort()
    out = [pairs[0]]
    for pair in pairs[1:]:
        if pair[0] >= out[-1][2]:
            out.append(pair)
    return out


# After a plural's apostrophe: a lower-case word ("the players' wages").
_LOWER_WORD_AFTER = regexes.compile(r"[ \t]+[a-z]")
# A single mark that closes a quotation for sure: after a word (not a plural's "s" before a
# lower-case word) and before a space, a punctuation mark or the end.
_SINGLE_CLOSES = regexes.compile(r"(?:[^\ss]|s(?![ \t]+[a-z]))['’](?!\w)")
_PARAGRAPH_BREAK = regexes.compile(r"\n[ \t]*\r?\n")


def _closes_later(text: str, at: int) -> bool:
    """Whether a single mark closes a quotation for sure within the paragraph after `at`
    (looked for over 300 characters at most): then the mark at `at`, after a plural before
    a lower-case word, is the plural's apostrophe ("'... the players' wages ...,' he said"),
    else it closes ("'Veritas' party")."""
    stop = min(len(text), at + 300)
    brk = _PARAGRAPH_BREAK.search(text, at, stop)
    return _SINGLE_CLOSES.search(text, at + 1, brk.start() if brk else stop) is not None


# Before a mark that opens a sentence: the start, or a sentence's end and spaces.
_SENTENCE_BEFORE = regexes.compile(r"(?:^|[.!?:]['’\"”]?)\s*$")


def _single_mark(
    text: str,
    at: int,
    char: str,
    before: str,
    after: str,
    open_single: int,
    single_curly: bool,
    pairs: list[tuple[int, int, int]],
) -> tuple[int, bool]:
    """Read the single mark at `at` for `_quotations`: the open single quotation after it
    (where it starts, -1 for none) and whether that opened curly; pairs go to `pairs`."""
    if after.isalnum() and (before.isalnum() or char == "’"):
        return open_single, single_curly  # inside a word ("don't", "Smith's"), or a year's
    if (before.isalnum() and char == "‘") or (
        char == "'" and not before.isalnum() and _CLITIC_AFTER.match(text, at + 1)
    ):
        return open_single, single_curly  # the clitic of tokenised text: " 's "
    opens = char != "’" and before in _OPENS_AFTER and not after.isspace()
    closes = (
        char != "‘"
        and not before.isspace()
        and (after in _CLOSES_BEFORE or after.isspace())
        and (open_single < 0 or char == "’" or not single_curly)
        and not (
            before == "s" and _LOWER_WORD_AFTER.match(text, at + 1) and _closes_later(text, at)
        )
    )
    if opens == closes:
        return open_single, single_curly
    if closes:
        if open_single >= 0:
            pairs.append((open_single, at, at + 1))
        return -1, False
    if open_single >= 0 and (
        _SENTENCE_BEFORE.search(text, max(0, open_single - 4), open_single)
        and _SENTENCE_BEFORE.search(text, max(0, at - 4), at)
    ):
        pairs.append((open_single, at, at))
    return at, char == "‘"


def _said(doc: _Text) -> list[Fact]:
    text = doc.text
    facts: list[Fact] = []
    quoted: list[tuple[int, int]] = []
    last = None  # the speaker of the last quotation: (name, start, end, verb)
    last_end = 0  # where the last quotation or its attribution ends
    run_on: list[tuple[int, int, int, int]] = []  # quotations left open, with no speaker yet
    spoken: set[int] = set()  # where the quotations given a speaker start
    for qs, words_end, qe in doc.quotations:
        inner_s, inner_e = _strip_span(text, qs + 1, words_end, " \t\n,")
        if inner_e - inner_s < 2 or " " not in text[inner_s:inner_e]:
            continue  # a scare-quoted word, not a quotation
        if qe > words_end:
            quoted.append((qs, qe))
        speaker = None
        own_clause: tuple[str, int, int, str] | None = None
        co: list[str] = []  # who else says it: '"...," said Smith and Jones.'
        co_before: list[str] = []  # 'Smith and Jones said: "..."'
        verb = _AFTER_QUOTE_VERB_FIRST.match(text, qe)
        # '"...," said a spokeswoman', '"...," analysts at Nomura said': nobody named
        unnamed = _their_own_voice(doc, qs, qe, verb)
        if verb is not None and not unnamed:
            found = _speaker_at(doc, verb.end(), qs)
            if found:
                if both := _co_speaker(doc, found[1], _SAID_ENDS):
                    co, found = [both[0].entity], (found[0], both[0].end)
                speaker = (found[0], qs, found[1], verb.group("verb"))
            else:
                unnamed = _UNNAMED_AT.match(text, verb.end()) is not None
        after = None
        if speaker is None:
            gap = _GAP_COMMA.match(text, qe)
            assert gap is not None  # it matches the empty string
            found = _speaker_at(doc, gap.end(), qs, said_first=False) or _title_then_name(
                doc, gap.end()
            )
            if found is None and _office_unnamed(doc, gap.end()):
                unnamed = True  # '"...," the minister said' with no minister named
            tail, co = _attribution_after(doc, found)
            if found and tail is None:
                tail = _verb_after_aside(doc, found)
            if (
                found
                and tail is not None
                and text.startswith(":", tail.end())
                and (
                    tail.group("verb") not in _GOES_ON_VERBS
                    or (
                        text[inner_e - 1] in ".!?"
                        and (
                            (
                                last is not None
                                and last[0] != found[0]
                                and not text[last_end:qs].strip(" \t\r\n.,")
                            )
                            or _led_by_another(doc, qs, found[0])
                        )
                    )
                )
            ):
                # '"..." X said: "..."': X's words are the next quotation; so are X's after
                # '"...." X added:' where the quotation goes on from another speaker's or
                # another speaker introduced it ('Y said: "...." X added: "..."').
                tail = None
            if found and tail is not None:
                after = (found[0], qs, tail.end(), tail.group("verb"))
                # '"... the week." She said the shops ...' may be a new sentence (a new
                # paragraph, its break gone) about something else: a speaker named before
                # the quotation ('X said: "...') comes first, and a sentence with a clause
                # of its own takes the quotation only when its speaker spoke the one just
                # before (a quotation continued), never across to another speaker.
                if text[inner_e - 1] not in ".!?" or not _CLAUSE_GOES_ON.match(text, tail.end()):
                    speaker = after
                else:
                    own_clause, after = after, None
            elif last is not None and text[inner_e - 1] in ".!?":
                # The same over a paragraph break, so that the layout does not matter: a
                # paragraph that opens "X said the ..." takes the quotation ending the one
                # before only when X spoke the quotation before that.
                brk = _PARAGRAPH_GAP.match(text, qe)
                found = _speaker_at(doc, brk.end(), qs, said_first=False) if brk else None
                tail = _AFTER_QUOTE_SPEAKER_FIRST.match(text, found[1]) if found else None
                if found and tail is not None and _CLAUSE_GOES_ON.match(text, tail.end()):
                    own_clause = (found[0], qs, tail.end(), tail.group("verb"))
        if speaker is None and not unnamed:
            lead = _BEFORE_QUOTE.search(text, max(0, qs - 60), qs)
            if lead is not None:
                found = _speaker_before(doc, lead.start())
                if found:
                    speaker = (found[0], found[1], qe, lead.group("verb"))
                    co, co_before = [], _listed_people(doc, found[1])
        if speaker is None:
            speaker = after
        if speaker is None and last is not None and not unnamed:
            co = []
            speaker = _continued(doc, last, last_end, own_clause, qs, qe, inner_s)
        if run_on and run_on[-1][3] != qs:
            run_on.clear()  # not the paragraph after them: their speaker is not this one's
        if speaker is None:
            if qe == words_end:  # a paragraph of quotation the next one goes on from
                run_on.append((qs, inner_s, inner_e, qe))
            continue
        name, start, end, said_verb = speaker
        spoken.add(qs)
        last = speaker
        last_end = max(end, qe)
        # '"We are worried ...\n"They cannot adjust," he said.': the open quotation runs on
        # into his next paragraph, so it is his
        spans = [(" ".join(text[r_s:r_e].split()), r_qs, r_qe) for r_qs, r_s, r_e, r_qe in run_on]
        quoted.extend((r_qs, r_qe) for r_qs, _, _, r_qe in run_on)
        run_on.clear()
        quote = text[inner_s:inner_e]
        if "\n" in quote:  # a quotation over paragraphs: the same words however laid out
            quote = " ".join(quote.split())
        if qe == words_end:
            quoted.append((qs, qe))
        spans.append((quote, start, end))
        facts.extend(
            _fact(doc, "said", who, words, s, e, quote=words, direct=True, verb=said_verb)
            for words, s, e in spans
            for who in (*co_before, name, *co)
        )
    reported = _reported(doc, quoted)
    facts.extend(reported)
    partial = _partial_quotes(doc, reported)
    facts.extend(partial)
    had = {(f.subject, f.object) for f in partial}
    facts.extend(f for f in _quoted_judgements(doc, spoken) if (f.subject, f.object) not in had)
    return facts


# Verbs that judge someone in words of the subject's own: "accused the board of "smoke and
# mirrors"", "described him as a "much-loved colleague"", "branded the plan "a disgrace"".
_JUDGED = regexes.compile(
    r"\b(?:accused|accuses|described|describes|called|calls|branded|brands|dubbed|labelled"
    r"|labeled|condemned|hailed|praised|criticised|criticized|attacked)\b"
)


_PASSIVE_BEFORE = regexes.compile(r"(?:,|\b(?:was|were|is|are|be|been|being))[ \t]*$")


def _passive(doc: _Text, verb: int, s_start: int) -> bool:
    """Whether the verb at `verb` is a participle ("was branded", "X, dubbed"), not the verb
    of a subject set off by commas ("The leader, Tom Greaves, branded", "X, the leader,
    branded")."""
    before = _PASSIVE_BEFORE.search(doc.text, max(s_start, verb - 8), verb)
    if before is None:
        return False
    if not before.group().startswith(","):
        return True
    comma = before.start()
    if comma in doc.appositives:
        return False  # "X, the opposition leader, branded"
    named = doc.before(comma)
    title = doc.before(named.start, _GAP_COMMA) if named is not None else None
    return not (named is not None and named.label == "PERSON" and title is not None
                and title.label == "TITLE")  # fmt: skip


def _quoted_judgements(doc: _Text, spoken: set[int]) -> list[Fact]:
    """The words in marks after a verb of judging, said by its subject: "Union leader X
    accused the board of "smoke and mirrors"" gives X's "smoke and mirrors" (`partial`)."""
    text = doc.text
    out: list[Fact] = []
    quotations = doc.quotations
    starts = doc.quotation_starts
    for i, (qs, words_end, qe) in enumerate(quotations):
        if qs in spoken or (i and quotations[i - 1][2] > qs):
            continue  # a quotation with its speaker already
        index = doc.sentence_of(qs)
        s_start = doc.sentence_span(index)[0]
        verb = _last_match(_JUDGED, text, max(s_start, qs - 80), qs)
        if verb is None or bisect.bisect_left(starts, verb.end()) != i:
            continue  # no verb of judging before it in its sentence, or another quotation
        if _passive(doc, verb.start(), s_start):
            continue  # "X, dubbed the "McLibel Two"", "was branded "a liar"": others' words
        found = _speaker_before(doc, verb.start())
        words = _quoted_words(text, qs, words_end)
        if found is not None and " " in words:
            out.append(
                _fact(doc, "said", found[0], words, found[1], qe, quote=words, direct=True,
                      partial=True, verb=verb.group())
            )  # fmt: skip
    return out


def _quoted_words(text: str, qs: int, words_end: int) -> str:
    """The words of the quotation opening at `qs`, on one line."""
    inner_s, inner_e = _strip_span(text, qs + 1, words_end, " \t\n,")
    return " ".join(text[inner_s:inner_e].split())


def _partial_quotes(doc: _Text, reported: list[Fact]) -> list[Fact]:
    """The words quoted inside reported speech, said directly by its speaker: "X said the
    deal was "the worst in a decade"" gives X's "the worst in a decade" (`partial`), beside
    the reported clause."""
    quotations = doc.quotations
    out: list[Fact] = []
    for fact in reported:
        for i in range(bisect.bisect_left(doc.quotation_starts, fact.start), len(quotations)):
            qs, words_end, qe = quotations[i]
            if qe > fact.end:
                break
            words = _quoted_words(doc.text, qs, words_end)
            if " " in words and words in fact.object:  # not a scare-quoted word
                out.append(
                    _fact(doc, "said", fact.subject, words, fact.start, fact.end, quote=words,
                          direct=True, partial=True, verb=fact.qualifiers.get("verb"))
                )  # fmt: skip
    return out


# "Smith and Jones": a second person who says a quotation with the first.
_AND_NAMED = regexes.compile(r"[ \t]+and[ \t]+(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir)\.?[ \t]+)?")
# Where "said X and Y" ends: the sentence, or an aside.
_SAID_ENDS = regexes.compile(r"[ \t]*(?:[.,;!?]|$)")


def _attribution_after(
    doc: _Text, found: tuple[str, int] | None
) -> tuple[re.Match | None, list[str]]:
    """After a quotation and the speaker `found` after it, the speech verb's match and who
    else says it: '"...," X said', '"...," Smith and Jones said'."""
    if not found:
        return None, []
    tail = _AFTER_QUOTE_SPEAKER_FIRST.match(doc.text, found[1])
    if tail is None and (both := _co_speaker(doc, found[1], _AFTER_QUOTE_SPEAKER_FIRST)):
        return both[1], [both[0].entity]
    return tail, []


def _co_speaker(doc: _Text, end: int, then: re.Pattern) -> tuple[Mention, re.Match] | None:
    """The person named after "and" when a person's name ends at `end`, and the match of
    `then` after that name (the end of the attribution)."""
    m = doc.by_end.get(end)
    if m is None or m.label != "PERSON" or (link := _AND_NAMED.match(doc.text, end)) is None:
        return None
    other = doc.by_start.get(link.end())
    if other is None or other.label != "PERSON" or other.entity == m.entity:
        return None
    after = then.match(doc.text, other.end)
    return (other, after) if after is not None else None


def _listed_people(doc: _Text, start: int) -> list[str]:
    """The people listed before the person named at `start`: 'Smith and Jones said: "..."'."""
    m = doc.by_start.get(start)
    if m is None or m.label != "PERSON":
        return []
    return [name for name, _ in _listed_with(doc, start)]


def _continued(
    doc: _Text,
    last: tuple[str, int, int, str],
    last_end: int,
    own_clause: tuple[str, int, int, str] | None,
    qs: int,
    qe: int,
    words: int,
) -> tuple[str, int, int, str] | None:
    """The speaker of a quotation at `qs` with no attribution of its own, when it continues
    the last speaker's: the next sentence's "X said <clause>" when X spoke the quotation just
    before, or the last speaker going on ('"...," Lukman said. "Nobody wants a price war."')."""
    if (
        own_clause is not None
        and last[0] == own_clause[0]
        and doc.sentence_of(qs) - doc.sentence_of(last_end) <= 1
    ):
        return own_clause
    if _goes_on(doc, last, qs, words):
        return (last[0], qs, qe, last[3])
    return None


# '"..." He added: "..."': whoever adds spoke before.
_GOES_ON_VERBS = frozenset({"added", "adds", "continued"})


def _led_by_another(doc: _Text, qs: int, name: str) -> bool:
    """Whether the quotation at `qs` is introduced by someone named other than `name`:
    'Y said: "..."' (but 'He said: "..." Moyes added:' may be Moyes both times)."""
    lead = _BEFORE_QUOTE.search(doc.text, max(0, qs - 60), qs)
    found = _speaker_before(doc, lead.start()) if lead is not None else None
    return found is not None and found[0] != name and _PRONOUN_AT.match(doc.text, found[1]) is None


_ADDING = regexes.compile(r"[ \t]*,?[ \t]*(?:and[ \t]+)?(?:adding|added)[ \t]*[:,]?[ \t]*")
# A quotation split by its attribution and resumed after a comma: '"...," said Keating, "and
# ..."', '"...," said Paul Keating, the Treasurer, "and ..."'.
_RESUMES = regexes.compile(r"\s*,(?P<aside>[^\"“”.;:!?]{1,60},)?\s*")


def _goes_on(doc: _Text, last: tuple[str, int, int, str], qs: int, words: int) -> bool:
    """Whether a quotation at `qs` (its words from `words`) with no speaker of its own is the
    last speaker's, going on: it opens in the sentence of their attribution or the next (in
    the same paragraph or opening the next), nobody else is named and no other speech verb
    comes between ('"...," X said. "..."', '"...," X said, adding: "..."')."""
    text = doc.text
    end = last[2]
    if qs < end or qs - end > 300 or _QUOTE_MARK.search(text, end, qs):
        return False
    if "\n" in text[qs:words]:
        return False  # a mark at a line's end ('said Ann Lee . "'): it opens nothing here
    # A line break between does not matter: a paragraph that opens with a quotation after X's
    # is X's going on, and a document run into one line must give the same.
    if doc.sentence_of(qs) > doc.sentence_of(max(end - 1, 0)) + 1:
        return False
    opens = doc.sentence_span(doc.sentence_of(qs))[0]
    if (
        text[opens:qs].strip()
        and not _ADDING.fullmatch(text, end, qs)
        and not (
            (resumes := _RESUMES.fullmatch(text, end, qs)) is not None
            and (resumes.group("aside") is None or text[words].islower())
        )
    ):
        return False  # a phrase quoted inside the next sentence, or another's words
    lo = bisect.bisect_left(doc.person_starts, end)
    hi = bisect.bisect_left(doc.person_starts, qs)
    if any(p.entity != last[0] for p in doc.persons[lo:hi]):
        return False
    return all(v.group() in ("added", "adding") for v in _SPEECH.finditer(text, end, qs))


_BARE_VERBS = frozenset({"said", "says", "told", "tells"})
# Between the verb and a clause without "that": when, where, how and to whom it was said.
_ADJUNCT = regexes.compile(
    r"[ \t]*,?[ \t]+(?:(?P<phrase>(?:in|at)[ \t]+(?:a|an|the)[ \t]+(?:[a-z]+[ \t]+)?"
    r"(?:statement|interview|report|letter|speech|note|conference|briefing|meeting|hearing)"
    r"|yesterday|today|tonight|(?:last|on)[ \t]+(?:week|month|year|night)|earlier|later)\b"
    r"|(?P<prep>(?:on|in|at|from)[ \t]+)?(?=[A-Z0-9]))"
)
# A day named alone after the verb ("said Tuesday it would"); any other name or date there
# without a preposition is the clause's subject ("said Britain needed", "said 2004 had been").
_WEEKDAY = regexes.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
# Who was told: "reporters", "a news conference", "a House Ways and Means subcommittee", "the
# annual meeting of the Association of German Banks".
_AUDIENCE = regexes.compile(
    r"[ \t]+(?:(?:a|an|the)[ \t]+)?(?:(?:[A-Z0-9][\w.&'’-]*|and|of|on|for)[ \t]+){0,6}?"
    r"(?:(?!(?:after|before|during|following|since|when|while|on|in|at|with|without|by|from"
    r"|to|ahead|about|over|under)\b)[a-z][\w-]*[ \t]+)?"
    r"(?:reporters|journalists|newsmen|correspondents|parliament|lawmakers"
    r"|legislators|congressmen|senators|delegates|analysts|investors|shareholders|stockholders"
    r"|bankers|businessmen|(?:news|press)[ \t]+(?:conference|briefing|agency)|committee"
    r"|subcommittee|panel|hearing|meeting|conference|session|seminar|symposium|forum|convention"
    r"|gathering|luncheon|dinner|audience|assembly|caucus|newspaper|magazine|television|radio"
    r"|programme|program|show|station|channel|website)\b"
    r"(?:[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w.&'’-]*(?:[ \t]+(?:(?:of|and|for|on)[ \t]+)?"
    r"[A-Z][\w.&'’-]*){0,6})?"
)
_NAMED_AUDIENCES = (
    "agency",
    "newspaper",
    "magazine",
    "television",
    "radio",
    "programme",
    "program",
    "show",
)
# "told the Senate Banking Committee the Fed would ...": the listener an organisation.
_TOLD_THE = regexes.compile(r"[ \t]+(?:the|a|an)[ \t]+(?=[A-Z])")
_WHEN_WHERE = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})


_CLAUSE_OPENS = regexes.compile(
    r"[ \t]+(?:[A-Z]|(?:he|she|it|they|we|i|the|a|an|his|her|its|their|this|these|those|there|"
    r"that)\b)"
)
_THAT = regexes.compile(r"[ \t]*,?[ \t]+that(?=[ \t])")


def _adjuncts(doc: _Text, verb: re.Match, end: int) -> int | None:
    """Where the clause after a speech verb may start, past up to three adjuncts: "said on
    Monday", "said in Bonn", "said in a statement", "told reporters", "told Reuters"."""
    text = doc.text
    pos = verb.end()
    told = verb.group()[0] == "t"
    to_whom = told  # where the one listener may be named: "told (news agency) Reuters"
    for _ in range(3):
        if told and (audience := _AUDIENCE.match(text, pos, end)) is not None:
            pos = audience.end()
            # "told news agency Reuters ...", "told the Argentine newspaper Clarin it ...", but
            # "told reporters Acme would ..."
            to_whom = text.endswith(_NAMED_AUDIENCES, 0, pos)
            continue
        if to_whom and (the := _TOLD_THE.match(text, pos, end)) is not None:
            m = doc.by_start.get(the.end())
            if m is not None and m.label == "ORG" and _CLAUSE_OPENS.match(text, m.end, end):
                pos, to_whom = m.end, False
                continue
        adjunct = _ADJUNCT.match(text, pos, end)
        if adjunct is None:
            break
        if adjunct.group("phrase"):
            pos = adjunct.end()
            continue
        m = doc.by_start.get(adjunct.end())
        if m is None:
            break
        if adjunct.group("prep"):
            if m.label not in _WHEN_WHERE:
                break
        elif not (m.label == "DATE" and _WEEKDAY.fullmatch(m.text)) and not (
            # "told Reuters the bank ...", not "told To Vima newspaper in ..."
            to_whom and m.label in ("ORG", "PERSON") and _CLAUSE_OPENS.match(text, m.end, end)
        ):
            break
        to_whom = False
        pos = m.end
    if told and pos == verb.end():
        return None  # "told him": to whom, not what
    that = _THAT.match(text, pos, end) or _PLACE_THEN_THAT.match(text, pos, end)
    return that.end() if that is not None else pos


# Where a speech was made, then "that": "told a news conference at the company's headquarters
# that the filing was ...", "said at a rally in Lahore on Friday that".
_PLACE_THEN_THAT = regexes.compile(
    r"[ \t]+(?:in|at|on|outside|after|during|before)[ \t]+[^,;:\"“”()\n]{1,60}?[ \t]that(?=[ \t])"
)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `pos` falls in one of `spans` (sorted, not overlapping)."""
    i = bisect.bisect_right(spans, (pos, len(spans) and spans[-1][1] + pos + 1)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _reported(doc: _Text, quoted: list[tuple[int, int]]) -> list[Fact]:
    """Reported speech: "X said that ...", "..., X said.", "according to X". A sentence gives
    one statement, or one a speaker when their clauses are joined ("X said ..., while Y said
    ...")."""
    text = doc.text
    out: list[Fact] = []
    done: dict[int, int] = {}  # sentence -> where the statements found in it end
    verbs = doc.speech
    verb_starts = doc.speech_starts
    for v in verbs:
        index = doc.sentence_of(v.start())
        if v.start() < done.get(index, -1) or _inside(v.start(), quoted):
            continue
        s_start, s_end = doc.sentence_span(index)
        tail = _THAT_TAIL.match(text, v.end(), s_end)
        if tail is None and v.group() in _BARE_VERBS:
            start = _adjuncts(doc, v, s_end)
            tail = _BARE_TAIL.match(text, start, s_end) if start is not None else None
        if tail is not None and _comma_before(text, max(s_start, v.start() - 4), v.start()) >= 0:
            last = _said_last(doc, v, s_start, s_end, quoted)  # "..., said founder X."
            if last is not None:
                done[index] = s_end
                out.append(last)
                continue
        if tail is None:
            last = _said_last(doc, v, s_start, s_end, quoted)
            if last is not None:
                done[index] = s_end
                out.append(last)
            continue
        verb_start = v.start()
        adverbs = _ADVERBS_BEFORE.search(text, max(s_start, verb_start - 40), verb_start)
        found = _speaker_before(doc, adverbs.start() if adverbs else verb_start)
        if found is None:
            continue
        c_start, c_end = _strip_span(text, tail.end(), s_end)
        if c_end - c_start < 3 or text[c_start] in '"“' or " " not in text[c_start:c_end]:
            continue  # not a clause: a quotation, one word ("said on Thursday lunchtime")
        lo, hi = bisect.bisect_left(verb_starts, c_start), bisect.bisect_left(verb_starts, c_end)
        c_end = _next_speaker(doc, c_start, c_end, quoted, verbs[lo:hi])
        clause = text[c_start:c_end]
        done[index] = c_end
        for name, start in [*_listed_with(doc, found[1]), found]:
            out.append(
                _fact(
                    doc,
                    "said",
                    name,
                    clause,
                    start,
                    c_end if c_end < s_end else s_end,
                    quote=clause,
                    direct=False,
                    verb=v.group(),
                )
            )
    # (a plain scan first: the pattern's search stops at every "a" of the text)
    for acc in _ACCORDING.finditer(text) if "ccording" in text else ():
        index = doc.sentence_of(acc.start())
        source = doc.by_start.get(acc.end())
        if source is not None and source.label in _PLACE:
            tail = _COMPOUND_TAIL.match(text, source.end)  # "the UK-based journal X"
            source = doc.by_start.get(tail.end()) if tail is not None else source
        if index in done or source is None or source.label not in ("PERSON", "ORG", "GPE"):
            continue
        s_start, s_end = doc.sentence_span(index)
        if not text[s_start : acc.start()].strip():
            comma = text.find(",", source.end, s_end)
            if comma < 0 or comma - source.end > 40:
                continue  # "According to the X report the trend ...": no clear clause
            c_start, c_end = _strip_span(text, comma + 1, s_end)
        else:
            c_start, c_end = _strip_span(text, s_start, acc.start())
        if c_end - c_start < 3:
            continue
        clause = text[c_start:c_end]
        done[index] = s_end
        out.append(
            _fact(
                doc,
                "said",
                source.entity,
                clause,
                s_start,
                s_end,
                quote=clause,
                direct=False,
                verb="according to",
            )
        )
    return out


def _listed_with(doc: _Text, start: int) -> list[tuple[str, int]]:
    """The others a speaker is listed with, each (name, where named): "NEC Corp, Hitachi Ltd
    and Toshiba Corp, the three largest producers, said they would comply" is said by all
    three, "Ann Lee and John Smith said" by both. Only people with people, organisations with
    organisations, and only where "and" joins the last to the list."""
    m = doc.by_start.get(start)
    if m is None or m.label not in ("PERSON", "ORG"):
        return []
    text = doc.text
    found: list[tuple[str, int]] = []
    pos = m.start
    comma_and = False  # "A, B, and C": a comma before the "and" only in a list of three
    while len(found) < 8:
        gap = _LIST_GAP.search(text, max(0, pos - 8), pos)
        if gap is None or (not found and "and" not in gap.group()):
            break
        other = doc.by_end.get(gap.start())
        if m.label == "PERSON" and gap.start() in doc.appositives:
            # "Steel, leader of the Liberals, and Owen, leader of the SDP, said": each with
            # an aside of their own
            name, named_at = doc.appositives[gap.start()]
            if name == m.entity or any(name == f[0] for f in found):
                break
            found.append((name, named_at))
            pos = named_at
            continue
        if other is None or other.label != m.label or other.entity == m.entity:
            break
        if not found:
            comma_and = "," in gap.group()
        found.append((other.entity, other.start))
        pos = other.start
    if len(found) == 1 and comma_and:
        return []  # "a move for Sonny Bill Williams, and Sculthorpe said": two clauses
    if _LIST_AFTER_PREPOSITION.search(text, max(0, pos - 12), pos):
        return []  # "meet at Twickenham and Kirwan says", "the star of Rain Man and Tootsie said"
    return found[::-1]


_LIST_AFTER_PREPOSITION = regexes.compile(
    r"\b(?:at|with|from|by|in|of|for|to|on|against|between|than)[ \t]+$"
)
_LIST_GAP = regexes.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)$")


# Where the words before a speaker join their clause to another's: ", while", " and", ", but".
_JOINED = regexes.compile(r"[ \t]*,?[ \t]*\b(?:while|whereas|and|but|as)[ \t]+$|[ \t]*[,;][ \t]*$")
# What may follow a speech verb that ends its sentence ("..., the ministry said."); and a
# speech verb that opens the attribution after its clause ("..., said X.").
_SENTENCE_END = regexes.compile(r"[ \t]*[.!?]?[ \t]*")
_ASIDE_TO_END = regexes.compile(
    r"(?:[ \t]*,[^\"“”\n]*|[ \t]+(?:of|at|with|from|in)[ \t][^\"“”\n]*)?[ \t]*[.!?]?[ \t]*"
)
# A dateline that opens a story's first sentence: "VIENNA, June 27 - ".
_DATELINE_START = regexes.compile(
    r"[A-Z][A-Za-z.' ]{1,40}(?:,[ \t]+[A-Z][A-Za-z.]{1,12})?,[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}"
    r"[ \t]+-{1,2}[ \t]+"
)


def _phrase_start(doc: _Text, start: int) -> int:
    """Where the words naming a speaker start: before their title, nationality, organisation
    ("OPEC President Rilwanu Lukman", "the EC Commission")."""
    for _ in range(4):
        m = doc.before(start)
        if m is None or m.label not in ("TITLE", "NORP", "GPE", "ORG"):
            break
        start = m.start
    det = _DETERMINER_BEFORE.search(doc.text, max(0, start - 6), start)
    return det.start() if det is not None else start


_DETERMINER_BEFORE = regexes.compile(r"\b(?:the|The|a|A|an|An)[ \t]+$")


def _next_speaker(
    doc: _Text, c_start: int, c_end: int, quoted: list[tuple[int, int]], verbs: list[re.Match]
) -> int:
    """Where a reported clause ends: where another speaker's own clause starts, joined to it
    ("X said the bank saw no need, while Y said ..."), else at `c_end`."""
    text = doc.text
    for v in verbs:  # the speech verbs inside the clause
        if _inside(v.start(), quoted):
            continue
        adverbs = _ADVERBS_BEFORE.search(text, max(c_start, v.start() - 40), v.start())
        found = _speaker_before(doc, adverbs.start() if adverbs else v.start())
        if found is None or found[1] <= c_start:
            continue
        start = _phrase_start(doc, found[1])
        join = _JOINED.search(text, max(c_start, start - 12), start)
        if join is not None and join.start() > c_start:
            return _strip_span(text, c_start, join.start())[1]
    return c_end


def _comma_before(text: str, lo: int, pos: int) -> int:
    """Where the comma is that only spaces separate from `pos` (-1 if none is)."""
    comma = text.rfind(",", lo, pos)
    return comma if comma >= 0 and not text[comma + 1 : pos].strip(" \t") else -1


def _said_last(
    doc: _Text, v: re.Match, s_start: int, s_end: int, quoted: list[tuple[int, int]]
) -> Fact | None:
    """A statement attributed at its end: "West German growth slowed, the EC Commission
    said.", "..., OPEC President Rilwanu Lukman told a news conference.", "..., said X, an
    analyst with Y." The speaker is the one `_speaker_before` or `_speaker_at` names."""
    text = doc.text
    verb_start = v.start()
    if text.rfind(",", s_start, verb_start) < 0:
        return None  # no clause set off before the verb
    rest = _adjuncts(doc, v, s_end) if v.group() in _BARE_VERBS else v.end()
    found = None
    if rest is not None and _SENTENCE_END.fullmatch(text, rest, s_end):
        adverbs = _ADVERBS_BEFORE.search(text, max(s_start, verb_start - 40), verb_start)
        found = _speaker_before(doc, adverbs.start() if adverbs else verb_start)
        if found is None or found[1] >= verb_start:
            return None
        comma = _comma_before(text, max(s_start, found[1] - 140), _phrase_start(doc, found[1]))
    else:
        comma = _comma_before(text, max(s_start, verb_start - 4), verb_start)
        if comma < 0:
            return None
        gap = _GAP_SPACE.match(text, v.end())
        assert gap is not None  # it matches the empty string
        at = _speaker_at(doc, gap.end())
        if at is None:
            person = _person_after(doc, v.end())  # "said founder Mikhail Khodorkovsky"
            at = (person.entity, person.end) if person is not None else None
        if at is None or not _ASIDE_TO_END.fullmatch(text, at[1], s_end):
            return None
        found = (at[0], verb_start)
    if comma < 0:
        return None
    c_start = s_start
    dateline = _DATELINE_START.match(text, s_start, comma)
    if dateline is not None:
        c_start = dateline.end()
    c_start, c_end = _strip_span(text, c_start, comma)
    if (
        c_end - c_start < 8
        or text.count(" ", c_start, c_end) < 2
        or _QUOTE_MARK.search(text, c_start, c_end)
        or _inside(c_start, quoted)
    ):
        return None
    pron = _PRONOUN_AT.match(text, found[1])
    if pron is not None:
        # "The image portrayed Mr Howard as a hypnotist, he argued": not Howard, named in it
        lo = bisect.bisect_left(doc.person_starts, c_start)
        hi = bisect.bisect_left(doc.person_starts, c_end)
        named = frozenset(p.entity for p in doc.persons[lo:hi])
        person = doc.last_person(c_start, pron.group(1), named)
        if person is None:
            return None
        found = (person.entity, found[1])
    clause = text[c_start:c_end]
    return _fact(
        doc, "said", found[0], clause, c_start, s_end, quote=clause, direct=False, verb=v.group()
    )


# --- met -----------------------------------------------------------------------------------


def _masked_gap(doc: _Text, start: int, end: int) -> str:
    """The text between two offsets with the mentions inside it blanked out."""
    chars = list(doc.text[start:end])
    i = bisect.bisect_left(doc.mention_starts, start)
    while i < len(doc.mentions) and doc.mentions[i].start < end:
        m = doc.mentions[i]
        if m.end <= end:
            chars[m.start - start : m.end - start] = " " * (m.end - m.start)
        i += 1
    gap = "".join(chars)
    honorific = _HONORIFIC_END.search(gap)
    if honorific is not None:  # "met Mr Gorbachev": the honorific is the name's
        gap = gap[: honorific.start()] + " " * (len(gap) - honorific.start())
    return gap


_HONORIFIC_END = regexes.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady|Rev)\.?\s+$")


def _place_and_date(doc: _Text, index: int, after: int) -> tuple[Any, ...]:
    """The place ("in Moscow") after `after` and the date in a sentence, and where they end."""
    place = date = norm = None
    end = after
    s_start, _ = doc.sentence_span(index)
    for m in doc.by_sentence.get(index, ()):
        if (
            place is None
            and m.start >= after
            and _is_place(m)
            and _IN_PLACE.search(doc.text, max(s_start, m.start - 8), m.start)
        ):
            place, end = m.entity, max(end, m.end)
        if m.label == "DATE" and date is None:
            date, norm = m.text, m.norm
            if m.start >= after:
                end = max(end, m.end)
    return place, date, norm, end


def _count_after(doc: _Text, index: int, after: int) -> tuple[Any, str | None]:
    """The "16 times" / "more than 20 times" after `after` in the sentence: (norm, text)."""
    for m in doc.by_sentence.get(index, ()):
        if m.start >= after and m.label == "CARDINAL" and _TIMES.match(doc.text, m.end):
            return m.norm, m.text
    return None, None


def _meeting_fits(text: str, s_start: int, s_end: int, a: Mention, b: Mention, verb: str) -> bool:
    """Whether `verb` between `a` and `b` says they met: people, or parties in talks."""
    if text[b.end : b.end + 2] in ("'s", "’s"):
        return False  # "met Gary Neville's cross"
    talks = _TALKS.search(verb) is not None
    if "PERSON" not in (a.label, b.label) and not talks:
        return False  # "Arsenal meet Chelsea": a fixture
    return talks or _SPORT.search(text, s_start, s_end) is None


def _meeting_pairs(doc: _Text, index: int) -> list[tuple[Mention, Mention, int]]:
    """The pairs of parties a meeting verb links in a sentence, and where its evidence ends.

    Parties are people, or organisations and countries (as governments) when the verb says
    they held talks; a pair is linked only by the words between or right after them.
    """
    text = doc.text
    s_start, s_end = doc.sentence_span(index)
    parties = [m for m in doc.by_sentence.get(index, ()) if m.label in _PERSON_OR_ACTOR]
    if (
        len(parties) < 2
        and _PRONOUN_MET.search(text, s_start, s_end) is None
        and (not parties or _IN_PASSING.search(text, s_start, s_end) is None)
    ):
        return []
    out: list[tuple[Mention, Mention, int]] = []

    def counterpart(b: Mention) -> Mention | None:
        """The party met: b, or the person or company that b only qualifies."""
        if b.label == "PERSON" or not _MODIFIER_AFTER.match(text, b.end, s_end):
            return b
        j = parties.index(b) + 1
        if j < len(parties) and parties[j].start - b.end <= 40:
            gap = _masked_gap(doc, b.end, parties[j].start)
            if _FEW_LOWER_WORDS.fullmatch(gap):
                return parties[j]
        return None

    fits = functools.partial(_meeting_fits, text, s_start, s_end)

    for i, a in enumerate(parties[:-1]):
        b = parties[i + 1]
        if a.entity == b.entity or b.start - a.end > 200:
            continue
        if _AS_OR_LIKE_BEFORE.search(text[max(s_start, a.start - 8) : a.start]):
            continue  # "think of it as Donkey Kong meets Norman Cook"
        if _RELATIVE_BEFORE.search(text, max(s_start, a.start - 48), a.start):
            continue  # "councillors who back Mr Flight met Mr Tanguay"
        gap = _masked_gap(doc, a.end, b.start)
        direct = _MET_DIRECT.match(gap)
        if direct is not None:
            met = counterpart(b)
            if met is not None and fits(a, met, gap):
                out.append((a, met, met.end))
                # "X met Y and Z": X met Z too.
                for c in parties[i + 2 : i + 3]:
                    if _COORDINATED.match(_masked_gap(doc, b.end, c.start)) and fits(a, c, gap):
                        out.append((a, c, c.end))
            continue
        if not _COORDINATED.match(gap):
            continue
        tail = _MET_AFTER.match(text, b.end, s_end)
        if tail is not None and _MET_ALONE.match(text, tail.end(), s_end):
            if fits(a, b, tail.group()):
                out.append((a, b, tail.end()))
            continue
        # "X and Y have explored ... at a meeting in Moscow" (no one else named before it).
        at = _AT_MEETING.search(text, b.end, min(s_end, b.end + 200))
        opens = _OPENING.fullmatch(_masked_gap(doc, s_start, a.start)) is not None
        if (
            at is not None
            and opens
            and not any(b.end < p.start < at.start() for p in parties)
            and not _QUOTE_OR_SAID.search(text[b.end : at.start()])
        ):
            if fits(a, b, "talks"):
                out.append((a, b, at.end()))
            continue
        between = _MEETING_BETWEEN.search(text, max(s_start, a.start - 40), a.start)
        if between is not None and fits(a, b, "between"):
            out.append((a, b, b.end))
    # "He met Y": he is the person the text is about.
    for pron in _PRONOUN_MET.finditer(text, s_start, s_end):
        named = doc.by_start.get(pron.end())
        met = counterpart(named) if named is not None and named.label in _PERSON_OR_ACTOR else None
        who = doc.last_person(pron.start(), pron.group(1))
        if (
            met is not None
            and who is not None
            and who.entity != met.entity
            and fits(who, met, "met")
        ):
            speaker = Mention(pron.start(), pron.end(1), who.text, "PERSON", who.entity)
            out.append((speaker, met, met.end))
    for a, b in itertools.pairwise(parties):
        with_ = _MEETING_WITH.match(_masked_gap(doc, a.end, b.start))
        if with_ is not None and a.entity != b.entity and fits(a, b, with_.group()):
            out.append((a, b, b.end))
    out.extend(_met_in_passing(doc, index, parties, counterpart))
    return out


# "X told reporters after meeting Y", "After talks with Y, X said": the sentence's subject met
# Y, in a clause that says when.
_AFTER_MEETING = regexes.compile(
    r"\b(?:[Aa]fter|[Bb]efore|[Ff]ollowing|[Dd]uring)\s+(?:(?:his|her|a|the)\s+)?"
    r"(?:meeting(?:\s+with)?|meetings\s+with|talks\s+with|talking\s+(?:with|to))\s+(?:the\s+)?$"
)
_IN_PASSING = regexes.compile(
    r"\b(?:[Aa]fter|[Bb]efore|[Ff]ollowing|[Dd]uring)\s+(?:(?:his|her|a|the)\s+)?(?:meeting|talk)"
)
# Between the subject and that clause: its verb and a few words ("told reporters", ", speaking").
_SUBJECT_VERB_GAP = regexes.compile(r"[\s,]*(?:[a-z][\w-]*[\s,]+){1,4}")
# Before the subject: the sentence's start, a quotation it closes, or a clause's conjunction.
_SUBJECT_BEFORE = regexes.compile(
    r"(?:^\s*(?:(?:Later|Then|Earlier|Afterwards|However|Yesterday|Today),?)?|[,.!?][\"”’]"
    r"|\b(?:and|but))\s*$"
)
_PRONOUN_SUBJECT = regexes.compile(r"\b(He|She|he|she)[\s,]*(?:[a-z][\w-]*[\s,]+){1,4}$")
_FRONTED_SUBJECT_GAP = regexes.compile(r"[^,;\"“”]*,\s*")


def _met_in_passing(
    doc: _Text, index: int, parties: list[Mention], counterpart: Callable[[Mention], Any]
) -> list[tuple[Mention, Mention, int]]:
    """Meetings told in a clause of when: "Erbakan told reporters after meeting Iraqi Deputy
    Prime Minister Tareq Aziz" (the subject before it), "After talks with Aziz, Erbakan said"
    (the subject after its comma). Only a person is the subject."""
    text = doc.text
    s_start, s_end = doc.sentence_span(index)
    out: list[tuple[Mention, Mention, int]] = []
    for j, b in enumerate(parties):
        lo = parties[j - 1].end if j else s_start
        gap = _masked_gap(doc, lo, b.start)
        clause = _AFTER_MEETING.search(gap)
        if clause is None:
            continue
        met = counterpart(b)
        if met is None:
            continue
        who: Mention | None = None
        if j and parties[j - 1].label == "PERSON":
            a = parties[j - 1]
            before = _masked_gap(doc, parties[j - 2].end if j > 1 else s_start, a.start)
            if (
                _SUBJECT_VERB_GAP.fullmatch(text, a.end, lo + clause.start())
                and _SUBJECT_BEFORE.search(before)
                and text[a.end : a.end + 2] not in ("'s", "’s")
            ):
                who = a
        elif (pronoun := _PRONOUN_SUBJECT.search(gap, 0, clause.start())) and (
            _SUBJECT_BEFORE.search(gap, 0, pronoun.start())
        ):
            who = doc.last_person(lo + pronoun.start(), pronoun.group(1))
        elif not _masked_gap(doc, s_start, lo + clause.start()).strip():
            for p in doc.by_sentence.get(index, ()):
                if p.start > met.end and p.label == "PERSON":
                    if _FRONTED_SUBJECT_GAP.fullmatch(_masked_gap(doc, met.end, p.start)):
                        who = p
                    break
        if (
            who is not None
            and who.entity != met.entity
            and _meeting_fits(text, s_start, s_end, who, met, "met")
        ):
            out.append((who, met, met.end))
    return out


def _met(doc: _Text) -> list[Fact]:
    text = doc.text
    facts: list[Fact | None] = []  # None: a bare meeting told again with its place or day
    # A pair's meetings, each once: one told again with nothing new (the headline's, then the
    # story's with its place and day) is the same one; another place or day is another meeting
    # ("will meet in Moscow next week", "last met in April in Lyon").
    pairs: dict[frozenset, list[tuple[str | None, str | None, int]]] = {}
    meeting_at: dict[int, re.Match] = {}
    for m in _MEETING.finditer(text) if any(w in text for w in _MEETING_WORDS) else ():
        meeting_at.setdefault(doc.sentence_of(m.start()), m)
    for index in sorted(meeting_at):
        if index >= len(doc.sentences):
            continue
        s_start, s_end = doc.sentences[index]
        for a, b, how in _meeting_pairs(doc, index):
            key = frozenset((a.entity, b.entity))
            place, date, norm, end = _place_and_date(doc, index, b.end)
            told = pairs.setdefault(key, [])
            if any(p == place and d == norm for p, d, _ in told) or (
                told and place is None and norm is None
            ):
                continue  # the same meeting told again, or told with nothing new
            bare = next((k for p, d, k in told if p is None and d is None), None)
            if bare is not None:  # the headline's meeting, now with its place or day
                told[:] = [t for t in told if t[2] != bare]
                facts[bare] = None
            told.append((place, norm, len(facts)))
            facts.append(
                _fact(
                    doc,
                    "met",
                    a.entity,
                    b.entity,
                    a.start,
                    max(end, how),
                    participants=[a.entity, b.entity],
                    place=place,
                    date_text=date,
                    date_norm=norm,
                )
            )
        for g in _GROUP_MET.finditer(text, s_start, s_end):
            first = doc.by_start.get(g.end())
            if first is None or first.label not in _ACTOR:
                continue
            and_ = _AND_THE.match(text, first.end)  # not a copy of the rest of the text
            second = doc.by_start.get(and_.end()) if and_ else None
            if second is None or second.label not in _ACTOR:
                continue
            tail = _GROUP_MET_TAIL.match(text[second.end : s_end])
            if tail is None:
                continue
            role = _SPACES.sub(" ", g.group(1)).rstrip("s")
            role = role[:1].upper() + role[1:]
            a_name, b_name = f"{role} of {first.entity}", f"{role} of {second.entity}"
            count, count_text = _count_after(doc, index, second.end)
            place, date, norm, _ = _place_and_date(doc, index, second.end)
            end = s_end if count_text else second.end + tail.end()
            facts.append(
                _fact(
                    doc,
                    "met",
                    a_name,
                    b_name,
                    g.start(),
                    end,
                    participants=[a_name, b_name],
                    place=place,
                    date_text=date,
                    date_norm=norm,
                    count=count,
                    times=count_text,
                )
            )
    return [f for f in facts if f is not None]


# --- visited -------------------------------------------------------------------------------


def _is_place(m: Mention) -> bool:
    if m.label in _PLACE:
        return True
    if m.label != "ORG":
        return False
    from . import gazetteer

    return m.entity in gazetteer.country_names()


def _visited(doc: _Text) -> list[Fact]:
    facts: list[Fact] = []
    ms = doc.mentions
    for i, p in enumerate(ms[:-1]):
        if p.label != "PERSON":
            continue
        for place in (ms[i + 1],):
            if place.start - p.end > 60:
                break
            if _is_place(place) and _VISIT.match(doc.text[p.end : place.start]):
                index = doc.sentence_of(p.start)
                count, count_text = _count_after(doc, index, place.end)
                _, date, norm, _ = _place_and_date(doc, index, place.end)
                stop = doc.sentence_span(index)[1] if count_text else place.end
                facts.append(
                    _fact(
                        doc,
                        "visited",
                        p.entity,
                        place.entity,
                        p.start,
                        stop,
                        count=count,
                        times=count_text,
                        date_text=date,
                        date_norm=norm,
                    )
                )
            break
    return facts


# --- withdrew_from -------------------------------------------------------------------------


def _withdrew(doc: _Text) -> list[Fact]:
    facts: list[Fact] = []
    if not any(word in doc.text for word in _WITHDRAWAL_WORDS):
        return facts
    ms = doc.mentions
    for i, a in enumerate(ms):
        if a.label not in _ACTOR and a.label != "PERSON":
            continue
        for b in ms[i + 1 : i + 3]:
            if b.label not in ("ORG", "LAW", "GPE", "EVENT", "NORP"):
                continue
            gap = doc.text[a.end : b.start]
            if len(gap) > 50 or not (_WITHDRAWAL_NOUN.match(gap) or _WITHDRAWAL_VERB.match(gap)):
                continue
            index = doc.sentence_of(a.start)
            date = norm = None
            end = b.end
            for m in doc.by_sentence.get(index, ()):
                if m.label == "DATE" and m.start >= b.end and m.start - b.end < 40:
                    date, norm, end = m.text, m.norm, m.end
                    break
            facts.append(
                _fact(
                    doc,
                    "withdrew_from",
                    a.entity,
                    b.entity,
                    a.start,
                    end,
                    date_text=date,
                    date_norm=norm,
                )
            )
            break
    return facts


# --- amount --------------------------------------------------------------------------------


_AMOUNT_THING = regexes.compile(
    r"[ -]((?:(?!(?:in|of|on|for|to|at|by|with|from|and|or|a|an|the|its|their)\s)[a-z][\w-]*\s)"
    r"{0,2}(?:deal|contract|loan|investment|fund|package|bid|offer|fine"
    r"|budget|project|programme|program|plan|takeover|acquisition|merger|bail-?out|bonus|fee"
    r"|grant|subsidy|stake|settlement|pipeline|plant|factory|stadium|scheme|purchase|order"
    r"|debt|payment|transfer|prize|salary|tax|tariff|pay|rise|cut|cuts|increase)s?)\b"
)


# What was measured, in the words of business news: the phrase's kind, most specific first.
_METRICS = (
    ("net loss", r"net\s+loss(?:es)?"),
    ("pre-tax loss", r"pre-?tax\s+loss(?:es)?"),
    ("operating loss", r"operating\s+loss(?:es)?"),
    ("pre-tax profit", r"pre-?tax\s+(?:profits?|earnings|income)"),
    ("operating profit", r"operating\s+(?:profits?|income|earnings)"),
    ("net profit", r"net\s+(?:profits?|income|earnings)"),
    ("loss", r"loss(?:es)?"),
    ("profit", r"profits?|earnings|income"),
    ("revenue", r"revenues?|turnover"),
    ("sales", r"sales"),
    ("dividend", r"dividends?|payout"),
    ("trade", r"trade(?:\s+volume)?|(?:trade\s+)?surplus|(?:trade\s+)?deficit"),
    ("exports", r"exports"),
    ("imports", r"imports"),
    ("price", r"prices?"),
    ("stake", r"stake|holding|shareholding"),
    ("debt", r"debts?|borrowings?"),
    ("investment", r"investments?"),
    ("budget", r"budget"),
    ("output", r"output|production"),
)
_METRIC = regexes.compile(
    "|".join(rf"(?P<m{i}>\b(?:{p})\b)" for i, (_, p) in enumerate(_METRICS)), re.I
)
# "a net loss of 5 mln dlrs", "sales of 40 mln stg": the thing measured, then "of".
_METRIC_OF = regexes.compile(
    r"(?P<phrase>(?:\b(?!(?:a|an|the|its|their|his|her|reported|posted|declared|announced"
    r"|had|has|have|made|recorded|against|with|and|or|of|for|in|on|to|from|was|is|as|after"
    r"|before|by|at|than|but|will|would|could|may|might|can|require|requires|report|reports"
    r"|be|been|were|are)\b|[\w-]*ing\b)[\w-]+\s+){0,2}(?:"
    + "|".join(p for _, p in _METRICS)
    + r"))\s+of\s+$",
    re.I,
)
# The period a figure covers: "first-quarter", "in the six months to June", "full-year".
_PERIOD = regexes.compile(
    r"\b(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter"
    r"|\b(?P<h>first|second)[- ]half|\bhalf[- ]year(?:ly)?\b|\binterim\b"
    r"|\b(?:full[- ]year|annual|yearly|year[- ]end)\b"
    r"|\b(?:three|six|nine|twelve)[- ]months?\b(?:\s+to\s+(?:\d{1,2}\s+)?\w+)?"
    r"|\b(?:fiscal|financial)\s+(?:year\s+)?\d{4}(?:/\d\d)?",
    re.I,
)
_YEAR_NORM = regexes.compile(r"\d{4}(?:-Q\d)?$")
# "to 310 mln dlrs from 290 mln": the figure before, for the same period a year or a
# quarter earlier.
_FROM_VALUE = regexes.compile(r"[ \t]*,?[ \t]*(?:up|down)?[ \t]*from[ \t]+")


def _metric(phrase: str) -> str | None:
    m = _METRIC.search(phrase)
    if m is None or m.lastgroup is None:
        return None
    return _METRICS[int(m.lastgroup[1:])][0]


def _period(doc: _Text, index: int, phrase_start: int, value: Mention) -> dict[str, Any]:
    """The period a figure covers, with a norm ("1987-Q1", "Q1", "1986") where the text gives
    one: a year or quarter right after the figure ("in 1985"), else a period word in the
    phrase or sentence ("first-quarter"), with the sentence's year when no other figure owns
    it."""
    text = doc.text
    s_start, s_end = doc.sentence_span(index)
    own = loose = None
    for m in doc.by_sentence.get(index, ()):
        if m.label != "DATE" or not isinstance(m.norm, str) or not _YEAR_NORM.match(m.norm):
            continue
        if m.start >= value.end and _DATE_AFTER.fullmatch(text, value.end, m.start):
            own = m
            break
        before = doc.before(m.start, _DATE_AFTER_GAP)
        if loose is None and (before is None or before.label not in _VALUE_LABELS):
            loose = m
    if own is not None:
        return {"period": own.text, "period_norm": own.norm}
    found = _PERIOD.search(text, phrase_start, value.end) or _PERIOD.search(text, s_start, s_end)
    year = loose.norm[:4] if loose is not None else None
    if found is None:
        return {"period": loose.text, "period_norm": loose.norm} if loose is not None else {}
    out: dict[str, Any] = {"period": found.group().lower().replace("-", " ")}
    if found.group("q"):
        q = f"Q{_QUARTERS[found.group('q').lower()]}"
        out["period_norm"] = f"{year}-{q}" if year else q
    elif found.group("h"):
        h = "H1" if found.group("h").lower() == "first" else "H2"
        out["period_norm"] = f"{year}-{h}" if year else h
    elif year:
        out["period_norm"] = year
    return out


_DATE_AFTER = regexes.compile(r"[ \t]*,?[ \t]*(?:in|for|during)[ \t]+(?:the[ \t]+)?(?:year[ \t]+)?")
_DATE_AFTER_GAP = regexes.compile(r"[ \t]*,?[ \t]*(?:in|for|during)[ \t]+(?:the[ \t]+)?")
_VALUE_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})


def _earlier(period: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """The period of the figure before ("from 290 mln"): its own year if the text gives one
    ("from 290 mln in 1986"), else the same period a year before."""
    if own.get("period_norm") != period.get("period_norm") and own:
        return {**own, "earlier": True}
    out = dict(period)
    norm = out.get("period_norm")
    if isinstance(norm, str) and norm[:4].isdigit():
        out["period_norm"] = f"{int(norm[:4]) - 1}{norm[4:]}"
    else:
        out.pop("period_norm", None)
    out["earlier"] = True
    return out


def _amounts(doc: _Text) -> list[Fact]:
    text = doc.text
    facts: list[Fact] = []
    for v in doc.mentions:
        if v.label not in ("MONEY", "PERCENT", "QUANTITY") or not isinstance(v.norm, dict):
            continue
        index = doc.sentence_of(v.start)
        s_start, _ = doc.sentence_span(index)
        window_start = max(s_start, v.start - 160)
        verb = _AMOUNT_VERB.search(text, window_start, v.start)
        if verb is None:
            of = (
                _METRIC_OF.search(text, max(window_start, v.start - 60), v.start)
                if text.endswith("of ", window_start, v.start)
                else None
            )
            if of is not None:
                # "a net loss of 5 mln dlrs": the phrase before "of" is what was measured.
                phrase = _DETERMINER.sub("", of.group("phrase"))
                facts.append(
                    _fact(
                        doc,
                        "amount",
                        phrase,
                        v.text,
                        of.start("phrase"),
                        v.end,
                        metric=_metric(phrase),
                        **_period(doc, index, of.start("phrase"), v),
                        **dict(v.norm),
                    )
                )
                continue
            thing = _AMOUNT_THING.match(text, v.end)
            if thing is not None:
                # "a $500m deal": the amount names the thing after it.
                facts.append(
                    _fact(
                        doc, "amount", thing.group(1), v.text, v.start, thing.end(1), **dict(v.norm)
                    )
                )
            continue
        pre_end = verb.start()
        aside = _ASIDE_END.search(text, window_start, pre_end)
        if aside is not None:
            # "the estimate for the province - flattened by the tsunami - was 20 trillion
            # rupiah": what was measured is before the aside.
            opening = max(text.rfind(f" {aside.group(1)} ", window_start, aside.start()), -1)
            if opening > window_start:
                pre_end = opening
        pre = text[window_start:pre_end]
        clause = _CLAUSE_START.match(pre)
        np_start = window_start + (clause.end() if clause else 0)
        np_start, np_end = _strip_span(text, np_start, pre_end, ' \t\n,;:"“”(')
        if np_end - np_start < 2:
            continue
        subject_start = _subject_start(text, np_start, np_end)
        if subject_start is None:
            continue
        np_start = subject_start
        to = _TO_END.search(text, np_start, np_end)
        if to is not None:
            to_verb = _TO_VERB_END.search(text, np_start, np_end)
            np_end = to_verb.start() if to_verb is not None else to.start()
            np_start, np_end = _strip_span(text, np_start, np_end)
            last = text[max(text.rfind(" ", np_start, np_end), np_start - 1) + 1 : np_end]
            if (
                _subject_start(text, np_start, np_end) is None
                or last.lower() in _NOT_A_PAYER_END
                or last.endswith(("'s", "’s"))
            ):
                continue  # "it is thought to be worth", "already offered to pay"
        if verb.group("verb") in ("worth", "valued", "cost", "costs"):
            # "rejected a takeover offer worth $3bn": the thing is the last noun phrase.
            det = _last_match(_LAST_DETERMINER, text, np_start, np_end)
            if det is not None:
                np_start = det.start()
        phrase = text[np_start:np_end]
        measure = _MEASURE.match(phrase)
        subject = phrase[measure.end() :] if measure else _DETERMINER.sub("", phrase)
        if not subject or not any(c.isalpha() for c in subject):
            continue
        quals = dict(v.norm)
        metric = _metric(subject)
        period = _period(doc, index, np_start, v) if metric else {}
        facts.append(
            _fact(
                doc,
                "amount",
                subject,
                v.text,
                np_start,
                v.end,
                measure=measure.group("measure").lower() if measure else None,
                verb=verb.group("verb"),
                metric=metric,
                **period,
                **quals,
            )
        )
        before = _value_before(doc, v) if metric else None
        if before is not None:
            facts.append(
                _fact(
                    doc,
                    "amount",
                    subject,
                    before[0].text,
                    np_start,
                    before[0].end,
                    measure=measure.group("measure").lower() if measure else None,
                    verb=verb.group("verb"),
                    metric=metric,
                    **_earlier(period, _period(doc, index, np_start, before[0])),
                    **before[1],
                )
            )
    return facts


def _value_before(doc: _Text, v: Mention) -> tuple[Mention, dict[str, Any]] | None:
    """ "rose to 310 mln dlrs from 290 mln": the earlier figure, in the first one's currency."""
    gap = _FROM_VALUE.match(doc.text, v.end)
    w = doc.by_start.get(gap.end()) if gap else None
    if w is None or not isinstance(w.norm, dict) or "value" not in w.norm:
        return None
    if w.label == v.label:
        return w, dict(w.norm)
    if w.label == "CARDINAL":
        norm = dict(w.norm)
        for key in ("currency", "unit"):
            if key in v.norm:
                norm[key] = v.norm[key]
        return w, norm
    return None


def _last_match(pattern: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    last = None
    for last in pattern.finditer(text, start, end):  # noqa: B007 (the last one is wanted)
        pass
    return last


def _subject_start(text: str, start: int, end: int) -> int | None:
    """Where the thing measured starts in text[start:end], or None if there is none."""
    last_space = max(text.rfind(" ", start, end), start - 1)
    if text[last_space + 1 : end].lower() in _NOT_A_SUBJECT_END:
        return None
    verbal = _last_match(_VERBAL, text, start, end)
    if verbal is not None:
        start = verbal.end()
        conj = _last_match(_CONJUNCTION, text, start, end)
        if conj is not None:
            start = conj.end()
    while start < end and text[start].isspace():
        start += 1
    lead = _LEADING_PREPOSITION.match(text, start, end)
    if lead is not None:
        start = lead.end()
    if end - start < 2 or text.count(" ", start, end) > 12:
        return None
    if end - start == 2 and not text[start:end].isupper():
        return None  # two letters: only an acronym ("BT") names a thing
    if text[start:end].lower() in _PRONOUNS:
        return None
    return start


# --- located_in ----------------------------------------------------------------------------


_COMMA_GAP = regexes.compile(r",[ \t]*")
_IN_GAP = regexes.compile(r"[ \t]+in[ \t]+(?:the[ \t]+)?")


def _located_in(doc: _Text) -> list[Fact]:
    from . import gazetteer

    countries = gazetteer.country_names()
    demonyms = gazetteer.demonyms()
    text = doc.text
    facts: list[Fact] = []
    for a in doc.mentions:
        if a.label not in ("GPE", "FAC") or a.entity in countries:
            continue
        # "Moscow, Russia" / "Kabul, Afghanistan,"
        b = doc.after(a.end, _COMMA_GAP)
        if b is not None and b.label == "GPE" and b.entity in countries:
            facts.append(_fact(doc, "located_in", a.entity, b.entity, a.start, b.end))
            continue
        # "Wembley Stadium in London" / "Kabul in Afghanistan"
        b = doc.after(a.end, _IN_GAP)
        if b is not None and (
            (a.label == "FAC" and b.label in ("GPE", "LOC"))
            or (b.label == "GPE" and b.entity in countries)
        ):
            facts.append(_fact(doc, "located_in", a.entity, b.entity, a.start, b.end))
            continue
        # "Tehran, the Iranian capital" / "Tehran, a city in Iran"
        m = _CITY_OF.match(text[a.end : a.end + 60])
        if m is None:
            continue
        country = None
        if m.group("norp"):
            country = demonyms.get(m.group("norp"))
            end = a.end + m.end()
        else:
            b = doc.by_start.get(a.end + m.end())
            if b is not None and b.label in ("GPE", "LOC"):
                country, end = b.entity, b.end
        if country and country != a.entity:
            facts.append(_fact(doc, "located_in", a.entity, country, a.start, end))
    return facts
