"""`said` facts: direct quotes with their speaker (before or after the quotation, named,
by a title, a pronoun or "a spokesman"), partial quotes, and reported speech ("X said
that ...")."""

from __future__ import annotations

import bisect
import itertools
import re

from ...model import Fact, Mention
from .. import gazetteer, regexes, voices
from ..names.postnominals import POST_NOMINALS
from .quotations import _inside, _strip_span
from .referents import _KINDS, _named_earlier, _of_kind
from .text import (
    _ADVERB,
    _ADVERBS_BEFORE,
    _DATELINE_START,
    _FEW_LOWER_WORDS,
    _GAP_COMMA,
    _GAP_SPACE,
    _LOWER_WORD_AT,
    _PARTY,
    _PLACE,
    _POSSESSIVE_BEFORE,
    _PRONOUN_AT,
    _PRONOUN_BEFORE,
    _ROLE_NOUNS,
    _ROLES,
    _SPEECH,
    _SPEECH_VERBS,
    _WORD_AT,
    _fact,
    _last_match,
    _Text,
)
from .titles import _BLANK_AT, _possessive_end, _ticker_before

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
# Quotation marks, paired by `_quotations` (not by a regex: see there).
_QUOTE_MARK = regexes.compile(r"[\"“”]")
_AFTER_QUOTE_VERB_FIRST = regexes.compile(rf"[ \t]*,?[ \t]*(?P<verb>{_SPEECH_VERBS})[ \t]+")
# After "X said": more words ("X said the talks failed").
_CLAUSE_GOES_ON = regexes.compile(r"[ \t]+\w")
_PARAGRAPH_GAP = regexes.compile(r"[ \t]*\r?\n\s*")
_AFTER_QUOTE_SPEAKER_FIRST = regexes.compile(
    rf"\s*(?:{_ADVERB}\s+)*(?:(?:was|were)\s+quoted\s+as\s+)?(?P<verb>{_SPEECH_VERBS}|saying)\b"
)  # '"...," X said', '"...," X was quoted as saying'
# The comma that closes a name set off after its title: "Acme's chairman, John Smith, told".
_COMMA_AT = regexes.compile(r"[ \t]*,")
# An age set off after a name: '"...," Solchaga, 48, told reporters'.
_AGE_ASIDE = regexes.compile(r"[ \t]*,[ \t]*\d{1,3}[ \t]*,")
# The listener a verb before a quotation may name, a programme or a paper by its name: "told
# BBC Radio 4's Today programme:", "told the BBC's Breakfast with Frost programme:", "told
# Sky News:", "told the Guardian newspaper:".
_LISTENER = (
    r"\s+(?:the\s+)?(?:[A-Z0-9][\w&'’-]*\s+(?:(?:with|of|and|on|at|for|the)\s+)?){0,6}"
    r"[A-Z0-9][\w&'’-]*(?:\s+(?:programme|program|show|newspaper|paper|magazine|website|radio"
    r"|channel|station|podcast|documentary|(?:news\s+)?agency))?"
)
_BEFORE_QUOTE = regexes.compile(
    rf"(?:\b{_ADVERB}\s+)*\b(?P<verb>{_SPEECH_VERBS})\b(?:(?:\s+\w+){{0,3}}?|{_LISTENER})"
    r"\s*[:,]\s*$"
)
_HONORIFIC_BEFORE = regexes.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame|Baroness)\.?[ \t]+$"
)
_COMPOUND_TAIL = regexes.compile(r"-[a-z]+[ \t]*")  # "-based " after "Moscow" in "Moscow-based"
_ACCORDING = regexes.compile(r"[Aa](?<!\w.)ccording\s+to\s+(?:the\s+)?")  # \b[Aa]ccording
# An aside after a name, up to its closing comma: ", president of Acme Corp,".
_APPOSITION = regexes.compile(r"[ \t]*,[ \t]*([^,\"“”\n]{1,120}?)[ \t]*,")


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
        if m.label == "ORG" and (person := _person_of(doc, m)) is not None:
            return person.entity, person.start  # "Paul Hurd of The Times said"
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
    if m is not None and m.label == "ORG" and "," in text[gap:pos]:
        m = _person_of(doc, m) or m  # "Another critic, Paul Hurd of The Times, described"
    if m is not None and m.label == "PERSON" and _set_off(doc, m):
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
    return _body_before(doc, pos)  # "the Chilean embassy said", "Brazil's central bank said"


def _set_off(doc: _Text, m: Mention) -> bool:
    """Whether the person `m` is named after a phrase that says who they are, set off by a
    comma: "The chancellor, Gordon Brown, said" (after its title), "The president of Russia,
    Vladimir Putin, said" (any phrase that names them), "Its oldest member, 91-year-old Dai
    Price, said" (their age before the name)."""
    text = doc.text
    honorific = _HONORIFIC_BEFORE.search(text, max(0, m.start - 12), m.start)
    lead = honorific.start() if honorific else m.start  # "The Lord Chancellor, Lord X,"
    title = doc.before(lead, _GAP_COMMA)
    if title is not None and title.label == "TITLE":
        return True
    return text[max(0, lead - 3) : lead].rstrip(" \t").endswith(",") or bool(
        _SET_OFF_BEFORE.search(text, max(0, lead - 16), lead)
    )


def _person_of(doc: _Text, org: Mention) -> Mention | None:
    """The person named right before "of", "at" or "with" the organisation `org`: "Paul
    Hurd of The Times", "Jane Moss at the Observer"."""
    link = _OF_THE_BEFORE.search(doc.text, max(0, org.start - 12), org.start)
    person = doc.before(link.start()) if link is not None else None
    return person if person is not None and person.label == "PERSON" else None


_OF_THE_BEFORE = regexes.compile(r"[ \t]+(?:of|at|with)[ \t]+(?:[Tt]he[ \t]+)?$")


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
    voice = _voice_for_pronoun(doc, pron.group(1), pron.start())
    if voice is not None:  # "A spokesman said ... He said": the spokesman
        return True, ((voice, pron.start()) if voice else None)
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


_THE_KIND_BEFORE = regexes.compile(
    r"\b(?<![\w'’-])[Tt]he[ \t]+(?:(?P<mod>[a-z][\w-]*|[A-Z][\w.-]*-based)[ \t]+)?"
    rf"(?P<kind>{_KINDS})[ \t]*$"
)
# The same from its start, after a quotation: '"...," the ministry said'.
_THE_KIND_AT = regexes.compile(
    r"[Tt]he[ \t]+(?:(?P<mod>[a-z][\w-]*|[A-Z][\w.-]*-based)[ \t]+)?"
    rf"(?P<kind>{_KINDS})\b"
)
# The bodies a story names in lower case after a country's nationality or its name: "the
# Chilean embassy", "Brazil's central bank", "the German foreign office", "the Thai army".
_BODIES = rf"{_KINDS}|embassy|consulate|government|office|military|army|navy|police"
_BODY_AT = regexes.compile(rf"[ \t]*(?:(?P<mod>[a-z][\w-]*)[ \t]+)?(?P<kind>{_BODIES})\b")
_BODY_BEFORE = regexes.compile(
    rf"(?<![\w-])(?:(?P<mod>[a-z][\w-]*)[ \t]+)?(?P<kind>{_BODIES})[ \t]*$"
)
# The bodies of a state, which speak for their country when the story names none of them:
# not "the Chilean company", which is no more Chile than a Chilean is.
_STATE_BODIES = frozenset(
    "embassy consulate government ministry office central bank military army navy police "
    "department".split()
) | {"central bank"}
# Where an organisation's attribution ends when the verb came first: '"...," said the
# Foreign Ministry.', '"...," said the ministry in a statement'.
_BODY_SAID_ENDS = regexes.compile(r"[ \t]*(?:[.,;!?]|$|in[ \t]+a[ \t]+statement\b)")


def _organisation_at(
    doc: _Text, pos: int, said_first: bool, context: int | None = None
) -> tuple[str, int] | None:
    """Who speaks when the words from `pos` name an organisation: "the Vietnamese Foreign
    Ministry", "the ministry" (the one the story named), "the Chilean embassy", "Brazil's
    central bank" (of that country, named before, else the country for a body of its state);
    with where the words end. Only where the attribution goes on as one of an organisation
    does: to the speech verb ('"...," the ministry said'), or to its end when the verb came
    first ('"...," said the ministry.'); not "the Labour leader said", whose holder speaks.
    "The company" is one named before `context` (the quotation's start): not "Slimfast" in
    '"... disappointing sales in Slimfast," the company said'."""
    text = doc.text
    the = _THE_AT.match(text, pos)
    m = doc.by_start.get(the.end() if the is not None else pos)
    if m is None:
        kind = _THE_KIND_AT.match(text, pos)
        if kind is None:
            return None
        org = _named_earlier(doc, min(pos, context if context is not None else pos), _kind(kind))
        name, end = (org.entity if org is not None else None), kind.end()
    elif m.label == "ORG" and the is not None:
        name, end = m.entity, m.end
    elif (m.label == "NORP" and the is not None) or (m.label == "GPE" and the is None):
        at = m.end if m.label == "NORP" else _possessive_end(text, m)
        if at is None:
            return None
        named = doc.by_start.get(at) if m.label == "GPE" else None
        if named is not None and named.label == "ORG":
            name, end = named.entity, named.end  # "Brazil's Central Bank said"
        else:
            body = _BODY_AT.match(text, at)
            if body is None:
                return None
            at = min(pos, context if context is not None else pos)
            name, end = _body_of(doc, at, m.entity, body), body.end()
    else:
        return None
    where = _IN_AT.match(text, end)
    place = doc.by_start.get(where.end()) if where is not None else None
    if place is not None and place.label in _PLACE:
        end = place.end  # "the Chinese embassy in Hanoi said"
    ends = _BODY_SAID_ENDS if said_first else _AFTER_QUOTE_SPEAKER_FIRST
    if name is None or ends.match(text, end) is None:
        return None
    return name, end


_IN_AT = regexes.compile(r"[ \t]+(?:in|at)[ \t]+")


def _body_of(doc: _Text, pos: int, country: str, found: re.Match) -> str | None:
    """The organisation "the Chilean embassy" or "Brazil's central bank" at `pos` stands for
    (`found` the match of its kind): the latest the story named before of that kind and
    country ("Chilean Embassy", "Bank of Japan"); else, for a body of the state, the country."""
    kind = _kind(found)
    demonyms = gazetteer.demonyms()
    i = bisect.bisect_left(doc.mention_starts, pos) - 1
    for m in itertools.islice((doc.mentions[j] for j in range(i, -1, -1)), 200):
        if (
            m.label == "ORG"
            and (country in m.entity or any(demonyms.get(w) == country for w in m.entity.split()))
            and _of_kind(doc, m, kind)
        ):
            return m.entity
    if kind in _STATE_BODIES and country in gazetteer.country_names():
        return country
    return None


def _body_before(doc: _Text, pos: int) -> tuple[str, int] | None:
    """`_organisation_at` for the words before `pos`: "the Chilean embassy said", "Brazil's
    central bank said": (name, where the words start)."""
    text = doc.text
    body = _BODY_BEFORE.search(text, max(0, pos - 30), pos)
    if body is None:
        return None
    poss = _POSSESSIVE_BEFORE.search(text, max(0, body.start() - 4), body.start())
    m = doc.before(poss.start() if poss is not None else body.start())
    if m is None or m.label != ("GPE" if poss is not None else "NORP"):
        return None
    start = m.start
    if poss is None:
        the = _DETERMINER_BEFORE.search(text, max(0, m.start - 6), m.start)
        if the is None or not the.group().lower().startswith("the"):
            return None
        start = the.start()
    name = _body_of(doc, start, m.entity, body)
    return (name, start) if name is not None else None


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
_INDEFINITE_AT = regexes.compile(r"(?:[Aa]n?|[Oo]ne|[Aa]nother)[ \t]")
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


# "a spokesman for the company", "an official at the ministry", "a spokeswoman for Acme".
_FOR_WHOM = regexes.compile(
    rf"[ \t]+(?:for|of|at)[ \t]+(?:the[ \t]+(?:(?P<mod>central)[ \t]+)?(?P<kind>{_KINDS})\b)?"
)


def _voice_for(doc: _Text, end: int) -> tuple[str, int] | None:
    """Whom an unnamed spokesman or official ending at `end` speaks for, where the words
    after say so: the organisation named there, or the one of the kind named there that the
    story named before ("a spokesman for the company" after "Northern Grid said")."""
    found = _FOR_WHOM.match(doc.text, end)
    if found is None:
        return None
    if found.group("kind"):
        org = _named_earlier(doc, found.start("kind"), _kind(found))
        said_end = found.end()
    else:
        org = doc.by_start.get(found.end())
        said_end = org.end if org is not None else end
    return (org.entity, said_end) if org is not None and org.label == "ORG" else None


def _voice_for_pronoun(doc: _Text, pronoun: str, pos: int) -> str | None:
    """Who "he" or "she" at `pos` is when the speaker just before was an unnamed spokesman or
    official ('A company spokesman said ... "...," he said.'; in this sentence or the one
    before, nobody named since): the organisation they speak for, or "" for someone
    unnamed; None when no such voice spoke last (a pronoun for a person named)."""
    text = doc.text
    index = doc.sentence_of(pos)
    lo = doc.sentence_span(max(0, index - 1))[0]
    if "spokes" not in text[lo:pos] and "official" not in text[lo:pos]:
        return None  # (most pronouns: a plain scan first)
    voice = _last_match(_VOICE_SPOKE, text, lo, pos)
    if voice is None or _inside(voice.start(), doc.quoted):
        return None
    role = voice.group("role")
    female = role.endswith("woman")
    if (female and pronoun.lower() == "he") or (role.endswith("man") and not female and
                                                pronoun.lower() == "she"):  # fmt: skip
        return None
    i = bisect.bisect_left(doc.person_starts, voice.end())
    if i < len(doc.persons) and doc.persons[i].start < pos:
        return None  # someone named since
    k = bisect.bisect_left(doc.person_starts, voice.start("role"))
    if k < i:  # "A spokesman for DLF Builders, Dr Vancheshwar, told": named after all
        return doc.persons[k].entity
    whose = doc.by_start.get(voice.start("whose")) if voice.group("whose") else None
    if whose is not None and whose.label == "ORG":
        return whose.entity  # "A spokesman for the UK Film Council said"
    found = _unnamed_voice(doc, voice.start("role"))
    return found[0] if found is not None else ""


# An unnamed spokesman or official who speaks: "A company spokesman said", "an Atlas official
# told", "said a ministry spokeswoman".
_VOICE_SPOKE = regexes.compile(
    r"(?<![\w-])(?:(?:said|says|told)[ \t]+(?P<after>))?(?:[Aa]n?|[Oo]ne|[Aa]nother)[ \t]+"
    r"(?:[\w&.'’-]+[ \t]+){0,3}?(?P<role>spokes(?:man|woman|person)|official)\b"
    # "An official of the tournament, who asked not to be named, said"
    r"(?(after)|(?:[ \t]+(?:of|for|at)[ \t]+(?:the[ \t]+)?(?P<whose>[^,.;:\"“”]{1,40}?))?"
    r"(?:[ \t]*,[^,.;:\"“”]{1,80},)?"
    rf"[ \t]+(?:{_ADVERB}[ \t]+)*(?:{_SPEECH_VERBS})\b)"
)


def _pronoun_unnamed(doc: _Text, pos: int, qs: int, qe: int) -> bool:
    """Whether '"...," he said' at `pos` is an unnamed voice's, of nobody the story names."""
    text = doc.text
    pron = _PRONOUN_AT.match(text, pos)
    return (
        pron is not None
        and _CLAUSE_AFTER_QUOTE.match(text, qe) is not None  # not '"...." He added: "..."'
        and _AFTER_QUOTE_SPEAKER_FIRST.match(text, pron.end()) is not None
        and _voice_for_pronoun(doc, pron.group(1), qs) == ""
    )


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
    lead = _BEFORE_QUOTE.search(text, max(0, qs - 80), qs)
    return lead is not None and voices.them_before(text, lead.start())


# An aside between a name and its verb, from its opening comma to the closing one: ", a Texas
# Democrat", ", who is also Nigeria's oil minister".
_ASIDE_BEFORE = regexes.compile(r",[ \t]*[^,\"“”\n;:()]{2,90}$")
_ASIDE_OPENER = regexes.compile(r",[ \t]*([a-z]+)\b")
# How an aside about the one named before it opens: "a Texas Democrat", "who is also ...",
# "once the owner of ...", "of Burnley", "writing in ...", "based in ...", "commentating for
# the BBC", "speaking at a rally in Leeds".
_ASIDE_OPENERS = frozenset(
    "a an the his her its their who whose which once now then formerly former until himself "
    "herself itself also both each of from in at with writing speaking based headquartered"
    " located commentating talking reporting appearing addressing responding replying answering"
    " giving testifying campaigning visiting standing interviewed".split()
)
_LIST_END = regexes.compile(r"\b(?:and|or|&)[ \t]+[A-Z][^ \t]*(?:[ \t]+[A-Z][^ \t]*)*[ \t]*$")


def _opens_aside(doc: _Text, comma: int, first: Mention | None) -> bool:
    """Whether the words after `comma` open an aside about the one named before it (`first`
    the mention they open with, if any): "a Texas Democrat", "who runs a bakery", "Acme's
    chairman"; not the next of a list ("Smith, Jones and Brown said", "Acme, Apex and Zenith
    said") nor a clause ("..., Francesco Galesi, remain defendants in the lawsuit, said")."""
    if first is not None:
        return first.label in ("TITLE", "NORP", "GPE", "ORG", "CARDINAL") and not (
            first.label == "ORG" and _possessive_end(doc.text, first) is None
        )
    word = _ASIDE_OPENER.match(doc.text, comma)
    return word is not None and (word.group(1) in _ASIDE_OPENERS or word.group(1) in _ROLES)


def _named_before_aside(doc: _Text, comma: int, nested: bool = False) -> tuple[str, int] | None:
    """ "X, a Texas Democrat, said": X (a person, or an organisation when nobody is named) set
    off from the verb by an aside, or two ("X, head of the union, speaking outside the
    factory, said"); not one of a list ("Smith, Jones and Brown said")."""
    text = doc.text
    s_start = doc.sentence_span(doc.sentence_of(comma))[0]
    aside = _ASIDE_BEFORE.search(text, max(s_start, comma - 92), comma)  # comma: its end
    if aside is None:
        return None
    first = doc.after(aside.start() + 1)
    if not _opens_aside(doc, aside.start(), first):
        return None
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
    if m is not None and m.label == "CARDINAL":
        # "Anna Berg, 72, whose husband died in the fire, told": the person of that age
        person = doc.before(m.start, _GAP_COMMA)
        m = person if person is not None and person.label == "PERSON" else m
    if m is None and not nested and (found := _named_before_aside(doc, aside.start(), True)):
        return found
    if m is None:
        kind = _THE_KIND_BEFORE.search(text, max(s_start, aside.start() - 30), aside.start())
        org = _named_earlier(doc, kind.start(), _kind(kind)) if kind else None
        return (org.entity, kind.start()) if org is not None and kind is not None else None
    if m.label not in ("PERSON", "ORG"):
        return None
    if m.end in doc.appositives:
        return doc.appositives[m.end]
    return m.entity, m.start


#: What may follow a speaker's name: a stop or a comma, the line's end, its initials in
#: brackets, a verb of speech ("the Department for Transport said"), "in" or "on" ("said the
#: IMF in a statement", "said the Fed on Monday").
_CLAUSE_ENDS = regexes.compile(
    rf"[ \t]*(?:[.,;:!?(]|\r?$)|[ \t]+(?:(?:{_ADVERB})[ \t]+)?(?:{_SPEECH_VERBS}|in|on)\b",
    re.MULTILINE,
)


def _named_after_a_word(doc: _Text, pos: int):
    """The mention after the word at `pos` that may open a speaker's name: a person's after
    an honorific ("said Mr Blair": "Blair" speaks), a body's after "the" ('"...," said the
    Met Office'); None if there is none."""
    text = doc.text
    if text.startswith(("the ", "The "), pos):
        m = doc.by_start.get(pos + 4)
        # the body alone; not "said the Chelsea striker", one of its people
        if m is not None and m.label == "ORG" and _CLAUSE_ENDS.match(text, m.end):
            return m
        return None
    honorific = _WORD_AT.match(text, pos)
    if honorific is not None and honorific.group(1) in gazetteer.honorifics():
        m = doc.by_start.get(honorific.end())
        return m if m is not None and m.label == "PERSON" else None
    return None


def _speaker_at(
    doc: _Text, pos: int, context: int | None = None, said_first: bool = True
) -> tuple[str, int] | None:
    """Who speaks when the words from `pos` are "X" or "he": (name, where X ends).

    A pronoun stands for the latest person named before `context` (the quotation's start, so
    that a name inside the quotation is not taken for the speaker). After the verb
    (`said_first`), "said US lawyer Jamie Firestone" is the person, not the country; before
    it, the quotation may be someone else's ('"..." Welsh leader X said: "..."'). An
    organisation after "the" ('"...," the Vietnamese Foreign Ministry said', "the ministry
    said") is `_organisation_at`'s.
    """
    return _organisation_at(doc, pos, said_first, context) or _named_at(
        doc, pos, context, said_first
    )


def _named_at(
    doc: _Text, pos: int, context: int | None, said_first: bool
) -> tuple[str, int] | None:
    """`_speaker_at` but for an organisation after "the"."""
    m = doc.by_start.get(pos)
    if m is None and (voice := _UNNAMED_AT.match(doc.text, pos)) is not None:
        # '"...," said a company spokesman': the company the story names speaks
        found = _unnamed_voice(doc, voice.start("role"))
        if not (found and found[0]) and (spoken := _voice_for(doc, voice.end())) is not None:
            return spoken  # '"...," a spokesman for the company said': the one "for" names
        if found is not None:
            return (found[0], voice.end()) if found[0] else None
    if m is None and (held := _title_held_after(doc, pos)) is not None:
        return held  # '"...," said its plant manager, George Whitfield.'
    if m is None and (end := _anaphor_end(doc, pos)) is not None:
        # '"...," the Austrian said', '"...," the 28-year-old said': the person just named;
        # '"...," said the Frenchman, Alain Prost': the one named after
        person = doc.after(end, _GAP_COMMA)
        if person is None or person.label != "PERSON":
            at = context if context is not None else pos
            person = _of_nation(doc, pos, at)
        return (person.entity, max(end, person.end)) if person is not None else None
    if m is None:
        m = _named_after_a_word(doc, pos)
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
                closing = _COMMA_AT.match(doc.text, person.end)
                if not said_first and closing is not None:
                    # '"...," Acme's chief financial officer, John Smith, told analysts'
                    return person.entity, closing.end()
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
        spoke = _voice_for_pronoun(doc, pron.group(1), context if context is not None else pos)
        if spoke is not None:  # 'A company spokesman said ... "...," he said.'
            return (spoke, pron.end()) if spoke else None
        if context is None:
            person = doc.last_person(pos, pron.group(1))
        else:
            lo = bisect.bisect_left(doc.person_starts, context)
            hi = bisect.bisect_left(doc.person_starts, pos)
            named = frozenset(p.entity for p in doc.persons[lo:hi])
            person = doc.last_person(context, pron.group(1), named)
        return (person.entity, pron.end()) if person else None
    return None


def _of_nation(doc: _Text, pos: int, before: int) -> Mention | None:
    """Who "the Spaniard" at `pos` is: the person `last_person` takes for "the" before
    `before`, unless the story ties them to other countries only ("Ireland's Stephen
    Roche"); then the one named last whom it ties to Spain ("Spain's Pedro Delgado",
    "Delgado of Spain"), else the one named last whom it ties to none."""
    person = doc.last_person(before, "the")
    anaphor = _ANAPHOR_AT.match(doc.text, pos)
    norp = doc.by_start.get(anaphor.end()) if anaphor is not None else None
    country = gazetteer.demonyms().get(norp.text) if norp is not None else None
    if not country or person is None:
        return person
    nations = doc.nations(person.entity)
    if country in nations:
        return person
    if not nations:
        # tied to no country: the one the sentence before names first, where the story ties
        # them to none either, before one named in passing ("Carlton's coach, X, protested
        # that Y had fouled his goalkeeper, Z. '...,' the Italian said": X)
        k = doc.sentence_of(before)
        first = next((m for m in doc.by_sentence.get(k - 1, ()) if m.label == "PERSON"), None)
        if (
            first is not None
            and first.entity != person.entity
            and first.start - doc.sentence_span(k - 1)[0] <= _SUBJECT_REACH  # its subject
            and not doc.nations(first.entity)
        ):
            return first
        return person
    i = bisect.bisect_left(doc.person_starts, before)
    untied = None
    for p in doc.persons[max(0, i - _NATION_REACH) : i][::-1]:
        nations = doc.nations(p.entity)
        if country in nations:
            return p
        if not nations and untied is None:
            untied = p
    return untied


# How far into a sentence its subject may be named: "Carlton's head coach, Marco Bellandi,".
_SUBJECT_REACH = 40
# How many persons back "the Spaniard" may reach for the one of Spain.
_NATION_REACH = 60


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


def _speaker_after_verb(doc: _Text, pos: int, qs: int) -> tuple[str, int] | None:
    """`_speaker_at` after '"...," said', or the person a title names there: '"...," said
    Bolivia's Mines Minister Jaime Villalobos.', '"...," said union president Carlos Mota'
    (the person, not the country, nor nobody)."""
    found = _speaker_at(doc, pos, qs)
    if found is None or found[0] not in doc.person_names:
        named = _named_after_phrase(doc, pos)
        if named is not None and _SAID_ENDS.match(doc.text, named[1]):
            return named
    return found


def _attribution(
    doc: _Text, found: tuple[str, int] | None, qe: int, pos: int
) -> tuple[tuple[str, int] | None, re.Match | None, list[str]]:
    """The speaker `found` after a quotation (at `pos`) with the match of their speech verb
    and who else says it (`_attribution_after`, or after an aside); else the person a title
    names there ('"...," Bolivia's Mines and Metallurgy Minister Jaime Villalobos told',
    '"...," union president Carlos Mota told a rally')."""
    tail, co = _attribution_after(doc, found)
    if found and tail is None:
        tail = _verb_after_aside(doc, found)
    if (
        tail is None
        and _CLAUSE_AFTER_QUOTE.match(doc.text, qe)  # not '"...". Mr X said'
        and (named := _named_after_phrase(doc, pos)) is not None
    ):
        named_tail, named_co = _attribution_after(doc, named)
        if named_tail is None:
            named_tail = _verb_after_aside(doc, named)  # "historian X, writing on her blog, said"
        if named_tail is not None:
            return named, named_tail, named_co
    return found, tail, co


def _named_after_phrase(doc: _Text, pos: int) -> tuple[str, int] | None:
    """The person named after the words that say who they are, at `pos` after a quotation,
    and where their name ends: "Bolivia's Mines and Metallurgy Minister Jaime Villalobos",
    "union president Carlos Mota", "mine workers leader Pedro Soto"; not one the words put
    beside the speaker ("the lawyer for Carlos Mota", "the wife of ...", "X and Y")."""
    i = bisect.bisect_left(doc.person_starts, pos)
    if i == len(doc.persons):
        return None
    person = doc.persons[i]
    if person.start - pos > 90 or _NAMING_PHRASE.fullmatch(doc.text, pos, person.start) is None:
        return None
    words = doc.text[pos : person.start].split()
    if words[-1] in _NOT_BEFORE_NAME or any(
        w in _NOT_NAMING or (w.endswith(".") and not _ABBREVIATION.fullmatch(w)) for w in words
    ):
        return None  # '"...". But Ms Jowell insisted': a sentence of its own
    return person.entity, person.end


# How a quotation that its attribution follows in the sentence closes: on a comma inside or
# after the mark, or a question or an exclamation ('"...," X said', '"...?" X asked').
_CLAUSE_AFTER_QUOTE = regexes.compile(r"(?<=[,!?][\"”’'])|[ \t]*,")
# The words before a name that say who they are: "Chile's Mines Minister ", "union leader ".
# (A line break inside it too: a text whose wrap was not seen keeps its breaks.)
_NAMING_PHRASE = regexes.compile(r"(?:[\w.&'’-]+(?:[ \t]+|[ \t]*\r?\n[ \t]*)){1,8}")
# Right before a name: "the wife of X", "X and Y", "the Birchfield Harrier" (a name read as a
# person's that is none).
_NOT_BEFORE_NAME = frozenset({"of", "and", "&", "the", "a", "an"})
# A word with a full stop that ends no sentence: initials, an honorific, a rank.
_ABBREVIATION = regexes.compile(
    r"(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|Rev|St|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Prof|Maj|Cdr)\."
)
# Words that put the person named after them beside the speaker, or open a clause.
_NOT_NAMING = frozenset(
    "for to with by from at in on about as when while after before said says told tells who "
    "whom which that than but or not also has had have was were is are will would could he "
    "she it they we his her its their against between over under into through during since "
    "until if so then because where".split()
)


def _verb_after_aside(doc: _Text, found: tuple[str, int]) -> re.Match | None:
    """The speech verb after an aside about the speaker `found`: '"...," X, president of Y,
    said' (the aside names X's title), '"...," X, 48, told reporters'."""
    text = doc.text
    aside = _APPOSITION.match(text, found[1])
    if aside is not None and doc.appositives.get(aside.end(1), ("",))[0] == found[0]:
        return _AFTER_QUOTE_SPEAKER_FIRST.match(text, aside.end())
    pos = found[1]
    age = _AGE_ASIDE.match(text, pos)
    if age is not None:
        tail = _AFTER_QUOTE_SPEAKER_FIRST.match(text, age.end())
        if tail is not None:
            return tail
        pos = age.end() - 1  # the comma after the age opens another aside
        aside = _APPOSITION.match(text, pos)
    # '"...," X, 72, whose husband died in the fire, told reporters', '"...," X, speaking
    # at a rally in Leeds, said': an aside of any words that open one
    if aside is None or _SPEECH.search(text, aside.start(1), aside.end(1)):
        return None
    comma = text.index(",", aside.start())
    if not _opens_aside(doc, comma, doc.after(comma + 1)):
        return None
    return _AFTER_QUOTE_SPEAKER_FIRST.match(text, aside.end())


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
    """Who holds the office `title` names ("the minister", "the Iranian ambassador"): of the
    holders the story named before it, the one named last ("the minister" after Economy
    Minister Juan Sourrouille is Sourrouille, though the story named a mines minister
    first, or names another later); else the one the story names ("..., says the boss of
    the federation. Federation boss X told ...")."""
    office = title.entity.lower()
    latest = _latest_holder(doc, office, of, title.start)
    if latest is not None:
        return latest
    return doc.holders.get((office, of)) or doc.holders.get((office, None))


def _latest_holder(doc: _Text, office: str, of: str | None, pos: int) -> str | None:
    """The holder of `office` (lower case: "minister") whose title the story gave before
    `pos` and who was named last before it, among those of `of` if any is."""
    held: dict[str, bool] = {}  # holder -> whether of `of`
    for fact in doc.title_facts:
        if fact.start > pos or fact.qualifiers.get("former"):
            continue
        if fact.end > pos:  # the title's own fact: "the chairman of the committee, X"
            if _holds(fact.object.lower(), office):
                return fact.subject
            continue
        if _holds(fact.object.lower(), office):
            held[fact.subject] = held.get(fact.subject, False) or (
                of is not None and fact.qualifiers.get("of") == of
            )
    if not held:
        return None
    if any(held.values()):
        held = {name: True for name, mine in held.items() if mine}
    i = bisect.bisect_left(doc.person_starts, pos)
    for p in doc.persons[max(0, i - _HOLDER_REACH) : i][::-1]:
        if p.entity in held:
            return p.entity
    return None


# How many persons back "the minister" may reach for the one who holds the office.
_HOLDER_REACH = 200


def _holds(title: str, office: str) -> bool:
    """Whether a title (lower case) is the office named in lower case: "economy minister" and
    "minister for agrarian reform" are "the minister"; "deputy prime minister" is not "the
    prime minister", nor "shadow chancellor" "the chancellor"."""
    if title == office:
        return True
    if title.endswith(" " + office):
        return not any(w in _OTHER_RANK for w in title[: -len(office)].split())
    return title.startswith((office + " for ", office + " of "))


# Words before an office's name that make it another office.
_OTHER_RANK = frozenset(
    "shadow deputy vice assistant associate acting former junior under prime lieutenant "
    "first interim opposition party ex".split()
)


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
            found = _speaker_after_verb(doc, verb.end(), qs)
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
            if found is None and (
                _office_unnamed(doc, gap.end())  # '"...," the minister said', nobody named
                or _pronoun_unnamed(doc, gap.end(), qs, qe)  # "he" an unnamed spokesman
            ):
                unnamed = True
            found, tail, co = _attribution(doc, found, qe, gap.end())
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
            lead = _BEFORE_QUOTE.search(text, max(0, qs - 80), qs)
            if lead is not None:
                found = _speaker_before(doc, lead.start())
                if found:
                    speaker = (found[0], found[1], qe, lead.group("verb"))
                    co, co_before = [], _listed_people(doc, found[1])
        if speaker is None:
            speaker = after or _remarked_by(doc, qs, inner_e, qe)
        if (
            speaker is None
            and last is not None
            and not unnamed
            and not _attributed_after(doc, words_end, qe)
        ):
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


# The sentence after a quotation that names whose words it was: "The remarks by Prime Minister
# X came ...", "Those comments from Ms Rowe's deputy, Sam Ure, were echoed ...".
_REMARKS_BY = regexes.compile(
    r"\s*(?:The|These|Those|Such)[ \t]+(?P<noun>remarks|comments|words|warning|criticism|claims?"
    r"|statement|outburst|plea|admission)[ \t]+(?:by|of|from)[ \t]+"
)


def _remarked_by(doc: _Text, qs: int, inner_e: int, qe: int) -> tuple[str, int, int, str] | None:
    """The speaker of a quotation with no attribution of its own whose next sentence (or
    paragraph) names them: '"We will not be lectured by anyone." The remarks by Prime
    Minister Jonas Berg came ...' is Berg's, not the last speaker's going on."""
    text = doc.text
    if text[inner_e - 1] not in ".!?":
        return None
    found = _REMARKS_BY.match(text, qe)
    who = (
        _speaker_at(doc, found.end(), qs) or _named_after_phrase(doc, found.end())
        if found is not None
        else None
    )
    if found is None or who is None:
        return None
    return who[0], qs, who[1], found.group("noun")


# An attribution after a quotation that names nobody the extractor reads: "the lawyer for
# Carlos Mota told", "a man in the crowd said".
_ATTRIBUTION_AHEAD = regexes.compile(rf"(?:[^\s\"“”.;:!?,]+[ \t]+){{1,10}}?(?:{_SPEECH_VERBS})\b")


def _attributed_after(doc: _Text, words_end: int, qe: int) -> bool:
    """Whether a quotation closed on a comma is followed by an attribution of its own that
    names someone the extractor does not take for the speaker ('"...," the lawyer for Carlos
    Mota told reporters', '"...," a man in the crowd said'): someone else speaks, not the
    last speaker going on (as "the spokeswoman said" or "it said" may be)."""
    text = doc.text
    if text[words_end - 1 : words_end] != ",":
        return False
    pos = qe
    while pos < len(text) and text[pos] in " \t,":
        pos += 1
    found = _ATTRIBUTION_AHEAD.match(text, pos)
    if found is None:
        return False
    if _INDEFINITE_AT.match(text, pos):
        return True
    i = bisect.bisect_left(doc.person_starts, pos)
    return i < len(doc.persons) and doc.persons[i].start < found.end()


# Verbs that judge someone in words of the subject's own: "accused the board of "smoke and
# mirrors"", "described him as a "much-loved colleague"", "branded the plan "a disgrace"",
# "called the shot "reckless"" (not "so-called", after a hyphen).
_JUDGED = regexes.compile(
    r"\b(?<!-)(?P<verb>accused|accuses|described|describes|called|calls|branded|brands|dubbed|labelled"
    r"|labeled|condemned|hailed|praised|criticised|criticized|attacked)\b"
)


# Verbs that say how their subject spoke, right before the words in marks (or a preposition
# between, or whom they told to): 'apologised "unreservedly"', 'warned of "serious
# consequences"', 'promised to "fight on"', 'denied "any wrongdoing"', 'urged drivers to
# "stay at home"'.
_MANNER_BEFORE = regexes.compile(
    r"\b(?<!-)(?P<verb>apologi[sz](?:ed|es)|warn(?:ed|s)|promis(?:ed|es)|vow(?:ed|s)|pledg(?:ed|es)"
    r"|den(?:ied|ies)|urg(?:ed|es)|threaten(?:ed|s)|demand(?:ed|s)|insist(?:ed|s)|admit(?:ted|s)"
    r"|complain(?:ed|s)|boast(?:ed|s)|predict(?:ed|s)|ask(?:ed|s)|told|tells)\b"
    r"(?:\s+(?:of|to|for|against|on))?(?:\s+(?:[\w'’-]+\s+){1,3}?to)?\s+$"
)
_PASSIVE_BEFORE = regexes.compile(r"(?:,|\b(?:was|were|is|are|be|been|being))[ \t]*$")


# Before a name set off by commas: the comma, and an age perhaps ("..., 91-year-old Dai Price,").
_SET_OFF_BEFORE = regexes.compile(r"[a-z],[ \t]*(?:\d{1,3}-year-old[ \t]+)?$")


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
    if named is not None and named.label == "ORG":
        named = _person_of(doc, named)  # "Another critic, Paul Hurd of The Times, described"
    if named is None or named.label != "PERSON":
        return True
    title = doc.before(named.start, _GAP_COMMA)
    if title is not None and title.label == "TITLE":
        return False  # "The leader, Tom Greaves, branded"
    # "the paper's chief critic, Mark Ash, called it": a name set off by commas, after a
    # phrase that says who they are (not "Smith and Jones, dubbed")
    return _SET_OFF_BEFORE.search(doc.text, max(0, named.start - 16), named.start) is None


def _quoted_judgements(doc: _Text, spoken: set[int]) -> list[Fact]:
    """The words in marks after a verb of judging, said by its subject: "Union leader X
    accused the board of "smoke and mirrors"" gives X's "smoke and mirrors" (`partial`), and
    "X called the shot "reckless"" his "reckless": a word the verb says is his judgement,
    where a word in marks in reported speech may be only a scare quote."""
    text = doc.text
    out: list[Fact] = []
    quotations = doc.quotations
    starts = doc.quotation_starts
    for i, (qs, words_end, qe) in enumerate(quotations):
        if qs in spoken or (i and quotations[i - 1][2] > qs):
            continue  # a quotation with its speaker already
        index = doc.sentence_of(qs)
        s_start = doc.sentence_span(index)[0]
        verb = _last_match(_JUDGED, text, max(s_start, qs - 80), qs) or _MANNER_BEFORE.search(
            text, max(s_start, qs - 50), qs
        )
        if verb is None or bisect.bisect_left(starts, verb.end()) != i:
            continue  # no verb of judging before it in its sentence, or another quotation
        if _passive(doc, verb.start(), s_start):
            continue  # "X, dubbed the "McLibel Two"", "was branded "a liar"": others' words
        found = _speaker_before(doc, verb.start())
        if (
            found is None
            and out
            and out[-1].sentence == index
            and _AND_BEFORE.search(text, max(s_start, verb.start() - 6), verb.start())
        ):
            found = out[-1].subject, out[-1].start  # 'X described it as "..." and warned of "..."'
        words = _quoted_words(text, qs, words_end)
        if found is not None and words:  # one word too: "called it "reckless"" is his
            out.append(
                _fact(doc, "said", found[0], words, found[1], qe, quote=words, direct=True,
                      partial=True, verb=verb.group("verb"))
            )  # fmt: skip
    return out


_AND_BEFORE = regexes.compile(r"\band[ \t]+$")


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
        if fact.qualifiers.get("direct"):
            continue  # 'X said that "...".': its words already
        for i in range(bisect.bisect_left(doc.quotation_starts, fact.start), len(quotations)):
            qs, words_end, qe = quotations[i]
            if qe > fact.end:
                break
            words = _quoted_words(doc.text, qs, words_end)
            if words in fact.object and (
                " " in words  # not a scare-quoted word, but a word the clause says is theirs:
                or _one_word_said(doc.text, qs, words)  # 'the batting had been "reckless"'
            ):
                out.append(
                    _fact(doc, "said", fact.subject, words, fact.start, fact.end, quote=words,
                          direct=True, partial=True, verb=fact.qualifiers.get("verb"))
                )  # fmt: skip
    return out


def _one_word_said(text: str, qs: int, word: str) -> bool:
    """Whether one word in marks in reported speech is the speaker's own: an adjective in
    lower case after a verb of being ('said the batting had been "reckless"', 'said she was
    "delighted"'), not a name nor a term ('the so-called "war"')."""
    return (
        word.isalpha() and word.islower() and bool(_BEING_BEFORE.search(text, max(0, qs - 30), qs))
    )


# A verb of being before a word in marks, and an adverb perhaps: "had been ", "was not " (a
# line break of a wrapped story between them too).
_BEING_BEFORE = regexes.compile(
    r"\b(?:is|was|were|are|been|be|being|seemed|seems|looked|looks|felt|feels|remained"
    r"|remains|sounded)\s+(?:(?:very|so|too|utterly|totally|absolutely|quite|simply|not"
    r"|just|really|rather|pretty|extremely)\s+)?$"
)


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
    lead = _BEFORE_QUOTE.search(doc.text, max(0, qs - 80), qs)
    found = _speaker_before(doc, lead.start()) if lead is not None else None
    return found is not None and found[0] != name and _PRONOUN_AT.match(doc.text, found[1]) is None


_AFFILIATION_BEFORE = regexes.compile(r"\b(?:with|at|of|for|from)[ \t]+$")
# Who a speaker spoke of in their attribution: '"...," the Irishman said of Delgado.'
_SPOKEN_OF = regexes.compile(r"\b(?:said|says|spoke|speaking|talking)[ \t]+(?:of|about)[ \t]+$")
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
    if any(
        p.entity != last[0]
        # "said of Delgado"; "said Ann Lee, an analyst with Kim Eng in Singapore" (a firm
        # read as a person's name)
        and not _SPOKEN_OF.search(text, max(0, p.start - 20), p.start)
        and not _AFFILIATION_BEFORE.search(text, max(0, p.start - 8), p.start)
        for p in doc.persons[lo:hi]
    ):
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
        if (
            tail is not None
            and text.startswith(_OPENING_MARKS, tail.end())
            and v.group() in _BARE_VERBS
            and tail.group().split() != ["that"]
        ):
            # 'X said the win showed that "anything is possible"': the words before "that"
            # are the clause's own, not where or to whom it was said
            start = _adjuncts(doc, v, s_end)
            tail = (_BARE_TAIL.match(text, start, s_end) if start is not None else None) or tail
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
        if c_end - c_start < 3 or " " not in text[c_start:c_end]:
            continue  # not a clause: one word ("said on Thursday lunchtime")
        if text[c_start] in _OPENING_MARKS:
            # 'X told reporters that "anything is possible".': the quotation is theirs, a
            # part of a sentence; one that runs on after it is a clause with words in marks
            quotation = _quotation_at(doc, c_start)
            if quotation is None:
                continue
            if quotation[2] >= c_end:
                words = _quoted_words(text, c_start, quotation[1])
                done[index] = c_end
                out.extend(
                    _fact(doc, "said", name, words, start, quotation[2], quote=words,
                          direct=True, partial=True, verb=v.group())
                    for name, start in [*_listed_with(doc, found[1]), found]
                )  # fmt: skip
                continue
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


_OPENING_MARKS = ('"', "“")


def _quotation_at(doc: _Text, pos: int) -> tuple[int, int, int] | None:
    """The quotation that opens at `pos`, with more than one word, if one does."""
    i = bisect.bisect_left(doc.quotation_starts, pos)
    if i == len(doc.quotations) or doc.quotations[i][0] != pos:
        return None
    quotation = doc.quotations[i]
    return quotation if " " in _quoted_words(doc.text, pos, quotation[1]) else None


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
