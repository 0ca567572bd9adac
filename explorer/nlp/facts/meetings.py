"""`met`, `visited` and `withdrew_from` facts: who met whom (and where), who visited
which place, who withdrew from what."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable

from ...model import Fact, Mention
from .. import gazetteer, regexes
from ..values import word_alternation
from .text import _FEW_LOWER_WORDS, _MODIFIER_AFTER, _PLACE, _SPACES, _fact, _Text

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_ACTOR = frozenset({"GPE", "ORG", "NORP"})
_AS_OR_LIKE_BEFORE = regexes.compile(r"\b(?:as|like)\s+$")
# The object of a relative clause's verb: "councillors who back Mr Flight met Mr Tanguay" (the
# councillors met him, not Mr Flight).
_RELATIVE_BEFORE = regexes.compile(
    r"\b(?:who|whom|which|that)[ \t]+(?:[a-z][\w'’-]*[ \t]+){1,3}"
    r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady)\.?[ \t]+)?$"
)
_QUOTE_OR_SAID = regexes.compile(r"[\"“:]|\bsaid\b")
_AND_THE = regexes.compile(r"\s+and\s+(?:the\s+)?")

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


def _is_place(m: Mention) -> bool:
    if m.label in _PLACE:
        return True
    if m.label != "ORG":
        return False
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
