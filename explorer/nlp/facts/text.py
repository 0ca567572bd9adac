"""What every fact extractor reads: `_Text` (the text, its sentences and its mentions,
indexed by offset, with the quotations, speech verbs and sentence subjects found once a
document), `_fact` to build a fact over the words that state it, and the patterns the
extractors share."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence

from ...model import Fact, Mention
from .. import gazetteer, regexes
from ..values import alternation
from .quotations import _inside, _quotations

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_PLACE = frozenset({"GPE", "LOC", "FAC"})
# How many persons back a pronoun may reach for one whose first name fits.
_PRONOUN_REACH = 30
_PARTY = frozenset({"GPE", "ORG", "NORP", "LOC"})

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
_ADVERBS_BEFORE = regexes.compile(rf"(?:\b{_ADVERB}\s+)+$")
_PRONOUN_BEFORE = regexes.compile(r"\b(he|she|He|She)\s*(?:(?:also|later|then|further)\s+)*$")
_PRONOUN_AT = regexes.compile(r"(he|she|He|She)\b")
_POSSESSIVE_AT = regexes.compile(r"['’]s[ \t]+")
# A capitalised word and the space after it: an honorific when the recognizer's list says so.
_WORD_AT = regexes.compile(r"([A-Z][\w.]*)[ \t]+")
_GAP_SPACE = regexes.compile(r"[ \t]*")
_GAP_COMMA = regexes.compile(r"[ \t]*,?[ \t]*")
# Small patterns of the extractors below, compiled once (and kept by `regexes`) rather than
# looked up in re's cache at every call.
_FEW_LOWER_WORDS = regexes.compile(r"(?:\s+[a-z][\w-]*){0,3}\s*")
_SPACES = regexes.compile(r"\s+")
# A party named as a modifier: "LSE boss Clara Furse", "US bank Wells Fargo", "the London
# market": the word after it is lower case and not one that ends a name's role in a clause.
_MODIFIER_AFTER = regexes.compile(
    r"\s+(?!(?:in|on|at|as|for|over|about|during|last|this|yesterday|today|to|and|or|but"
    r"|with|from|after|before|since|while|who|which|that|when|where|amid|ahead|earlier|later"
    r"|again|twice|privately|publicly|briefly|recently|said|says|is|was|were|are|has|have"
    r"|had|will|would|could|may|might|did|do|does|of|by)\b)[a-z][\w-]*\b"
)


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
        self.person_names = frozenset(p.entity for p in self.persons)
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
        self._nations: dict[str, set[str]] | None = None

    def nations(self, entity: str) -> set[str]:
        """The countries the story ties a person to where it names them: "Spain's Pedro
        Delgado", "Spanish rider Pedro Delgado", "Pedro Delgado of Spain", "Pedro Delgado
        (Spain)" (found once a document)."""
        if self._nations is None:
            self._nations = {}
            demonyms, countries = gazetteer.demonyms(), gazetteer.countries()
            nations = frozenset(demonyms.values())  # "West Germany", "Czechoslovakia"
            text = self.text
            for p in self.persons:
                found = []
                after = _NATION_AFTER.match(text, p.end)
                if after is not None:
                    found.append(self.by_start.get(after.end()))
                at = p.start
                lead = self.before(at)
                if lead is not None and lead.label == "TITLE":
                    at = lead.start  # "Spain's Sports Minister X"
                    lead = self.before(at)
                if lead is None:
                    words = _NATION_WORDS_BEFORE.search(text, max(0, at - 40), at)
                    lead = self.before(words.start()) if words is not None else None
                if lead is None:
                    owner = _POSSESSIVE_BEFORE.search(text, max(0, at - 4), at)
                    lead = self.before(owner.start()) if owner is not None else None
                found.append(lead)
                for m in found:
                    if m is None or m.label not in ("GPE", "NORP"):
                        continue
                    country = (
                        demonyms.get(m.text)
                        if m.label == "NORP"  # (a country no longer on the map: its own name)
                        else countries.get(m.entity) or (m.entity if m.entity in nations else None)
                    )
                    if country:
                        self._nations.setdefault(p.entity, set()).add(country)
        return self._nations.get(entity, set())

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
        from .speech import _speaker_at, _speaker_before  # speech reads this module

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


# After a name, where their country is named: " of Spain", ", from Spain", " (Spain)".
_NATION_AFTER = regexes.compile(r"[ \t]*(?:,[ \t]*)?(?:(?:of|from)[ \t]+|\([ \t]*)")
# Before a name, after their nationality or country: "Spanish rider ", "Ireland's ".
_NATION_WORDS_BEFORE = regexes.compile(r"(?:['’]s)?(?:[ \t]+[a-z][\w-]*){1,2}[ \t]+$")
_POSSESSIVE_BEFORE = regexes.compile(r"['’]s[ \t]+$")
# "his" or "her" before a title or an occupation: "Her spokesman, X", "his producer".
_HIS_OR_HER_BEFORE = regexes.compile(r"(?<![\w'’-])[Hh](er|is)[ \t]+$")

# A dateline that opens a story's first sentence: "VIENNA, June 27 - ".
_DATELINE_START = regexes.compile(
    r"[A-Z][A-Za-z.' ]{1,40}(?:,[ \t]+[A-Z][A-Za-z.]{1,12})?,[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}"
    r"[ \t]+-{1,2}[ \t]+"
)


def _last_match(pattern: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    last = None
    for last in pattern.finditer(text, start, end):  # noqa: B007 (the last one is wanted)
        pass
    return last
