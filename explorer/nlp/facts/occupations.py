"""`title` facts of what someone does, read beside their name: "singer Dean Rowe", "England
fast bowler Jack Pryor", "music journalist Kay Moss", "X, the band's guitarist,", "X, a
golfer from Fife", "X, who plays bass in the band". A reader (and a librarian) marks these
as the person's title, though the recognizer reads them as no office (no TITLE mention): the
words are read here, from data/occupations.txt and data/occupation_titles.txt, with the words
of their field before them (data/occupation_fields.txt: "music", "fast", "festival")."""

from __future__ import annotations

import bisect

from ...model import Fact, Mention
from .. import gazetteer, regexes
from ..names.lists import OCCUPATIONS, PLAYER_ROLES, gazetteer_label
from .referents import _band_before, _whose
from .text import _HIS_OR_HER_BEFORE, _fact, _Text

_OCCUPATIONS = OCCUPATIONS | frozenset(gazetteer.word_list("occupation_titles"))
#: An occupation of a hyphen as the analysis view joins it where a wrap broke it at the hyphen
#: ("full-" / "back" reads "fullback"): the title is written as the list writes it.
_JOINED = {w.replace("-", ""): w for w in _OCCUPATIONS if "-" in w}


def _occupation(word: str) -> str | None:
    """The occupation `word` is (in lower case, as the list writes it), if any."""
    low = word.lower()
    return low if low in _OCCUPATIONS else _JOINED.get(low)


_FIELDS = frozenset(gazetteer.word_list("occupation_fields"))
#: Occupations a team holds, which a place's name before them is the team of: "England fast
#: bowler X", "Lowmoor goalkeeper X" (not "Glasgow singer X": where the singer is from).
_SPORT = PLAYER_ROLES | frozenset(
    "spinner batter wicketkeeper wicket-keeper all-rounder prop referee umpire caddie trainer "
    "physio physiotherapist vice-captain chief".split()
)
_WORD = regexes.compile(r"[A-Za-z][a-z]*(?:-[a-z]+)*")
_POSSESSIVE_BEFORE = regexes.compile(
    r"(?:(?<![\w'’-])([a-z]+)|(?<=[\w.]))['’]s[ \t]+$|(?<=s)['’][ \t]+$"  # "Barclays' chief"
)
_THE_BEFORE = regexes.compile(r"(?<![\w'’-])[Tt]he[ \t]+$")
_FORMER_BEFORE = regexes.compile(r"(?<![\w-])(?:[Ff]ormer|ex-)[ \t]*$")
# After a name, the occupation set off: ", the band's guitarist," ", 34, a golfer from Fife".
_SET_OFF = regexes.compile(
    r"[ \t]*,[ \t]*(?:\d{1,3}[ \t]*,[ \t]*)?(?:(?:now|then|also)[ \t]+)?"
    r"(?P<det>(?:the|an?)[ \t]+(?P<former>former[ \t]+)?|his[ \t]+|her[ \t]+|its[ \t]+"
    r"|their[ \t]+)?"
)
_LOWER_OWNER = regexes.compile(r"([a-z]+)['’]s[ \t]+")
_SET_OFF_WORDS = regexes.compile(
    r"(?:[a-z][\w-]*[ \t]+){0,2}[a-z][\w-]*"
    r"(?=[ \t]*[,.;:)]|[ \t]*$|[ \t]+(?:who|and|with|for|at|of|in|on|from|said|says|told)\b)"
)
_LINK_AFTER = regexes.compile(r"[ \t]+(?:with|for|at|of|in)[ \t]+(?:the[ \t]+)?")
# "X, who plays bass in the band": the player of the instrument.
_PLAYS = regexes.compile(
    r"[ \t]*,[ \t]*who[ \t]+(?:also[ \t]+|still[ \t]+)?(?P<verb>plays|played)[ \t]+"
    r"(?P<inst>(?:lead|rhythm|bass)[ \t]+guitar|bass|guitar|drums|keyboards|piano|violin"
    r"|cello|saxophone|trumpet)[ \t]+(?:in|for|with)[ \t]+(?:the[ \t]+)?"
)
_PLAYER_OF = {
    "bass": "Bassist",
    "bass guitar": "Bassist",
    "guitar": "Guitarist",
    "lead guitar": "Lead Guitarist",
    "rhythm guitar": "Rhythm Guitarist",
    "drums": "Drummer",
    "keyboards": "Keyboardist",
    "piano": "Pianist",
    "violin": "Violinist",
    "cello": "Cellist",
    "saxophone": "Saxophonist",
    "trumpet": "Trumpeter",
}


def _occupations(doc: _Text, seen: set[tuple]) -> list[Fact]:
    """An occupation held beside a name, before it or set off after it, as a title; of the
    team or band whose it is where the words say ("England", "the band's")."""
    facts: list[Fact] = []
    held = {(key[0], key[1].lower()) for key in seen}
    for p in doc.persons:
        for found in (_before(doc, p), _after(doc, p), _plays(doc, p)):
            if found is None:
                continue
            name, of, start, end, former = found
            if (p.entity, name.lower()) in held or of == p.entity:
                continue
            held.add((p.entity, name.lower()))
            seen.add((p.entity, name, of, None))
            facts.append(
                _fact(doc, "title", p.entity, name, start, end, of=of, former=former or None)
            )
    return facts


def _covered(doc: _Text, start: int, end: int) -> bool:
    """Whether a mention covers any of start..end."""
    i = bisect.bisect_right(doc.mention_starts, end - 1) - 1
    return i >= 0 and doc.mentions[i].end > start


def _title_name(words: list[str]) -> str:
    return " ".join(w.capitalize() for w in words)


def _before(doc: _Text, p: Mention):
    """ "Scottish singer X", "Festival organiser X", "England fast bowler X"."""
    text = doc.text
    before = text[max(0, p.start - 30) : p.start].rstrip(_BLANKS).removesuffix(",")
    last = before.rpartition(" ")[2].rpartition("\n")[2]
    if _occupation(last) is None and _occupation(_OPENING_MARKS.split(last)[-1]) is None:
        return None  # most names: no occupation right before (a look-up, no search)
    words = _last_words(text, p.start)
    if not words:
        return None
    s, e = words[-1]
    gap = text[e : p.start]
    set_off = gap.lstrip(" \t").startswith(",")
    if not (gap.isspace() or (set_off and gap.replace(",", " ", 1).isspace())):
        return None
    occupation = _occupation(text[s:e])
    if occupation is None or _covered(doc, s, e):
        return None
    opening = doc.sentence_span(doc.sentence_of(p.start))[0]
    if text[s].isupper() and not _opens(text, opening, s):
        return None  # "Harbour Singer X": a name's word
    if doc.sentence_of(s) != doc.sentence_of(p.start):
        return None
    field: list[str] = []
    left = s
    for fs, fe in reversed(words[:-1][-2:]):
        word = text[fs:fe]
        if (
            word.lower() not in _FIELDS
            or (word[0].isupper() and not _opens(text, opening, fs))
            or not text[fe:left].isspace()
            or (_covered(doc, fs, fe) and not _opens(text, opening, fs))  # "Festival organiser"
        ):
            break
        field.insert(0, word.lower())
        left = fs
    name = _title_name([*field, occupation])
    former = _FORMER_BEFORE.search(text, max(0, left - 8), left) is not None
    of, start = _owner_before(doc, left, occupation, p)
    if set_off and start == left:
        article = _THE_BEFORE.search(text, max(0, left - 5), left)
        if article is None or text[p.end : p.end + 1] not in (",", ";"):
            return None  # "X met singer, Y": set off from the name only after "the" or an owner
        start = article.start()  # "the referee, Alan Steel,"
    return name, of, min(start, left), p.end, former


_BLANKS = " \t\r\n"
_OPENING_MARKS = regexes.compile(r"[^A-Za-z-]")  # "[actor", "Singer/guitarist"


def _last_words(text: str, pos: int) -> list[tuple[int, int]]:
    """The (start, end) of up to three words before `pos` on its line, nearest last, each only
    letters (and hyphens): ", " may stand between the last and `pos`, spaces between the
    others."""
    out: list[tuple[int, int]] = []
    end, floor = pos, max(0, pos - 60)
    for k in range(3):
        e = end
        while e > floor and text[e - 1] in " \t":  # not past a line break: the analysis view
            e -= 1  # keeps only the hard ones
        if k == 0 and e > floor and text[e - 1] == ",":
            e -= 1
            while e > floor and text[e - 1] in " \t":
                e -= 1
        if e == end and k == 0 and pos > 0:
            return out  # a name joined to what comes before: no word of its own
        s = e
        while s > floor and not (text[s - 1] in _BLANKS or text[s - 1] == ","):
            s -= 1
        w = e
        while w > s and (text[w - 1].isalpha() or text[w - 1] == "-"):
            w -= 1
        if w == e or not _WORD.fullmatch(text, w, e):
            break
        out.append((w, e))
        if w > s:
            break  # "[actor X", "Singer/guitarist X": the word after a mark ends the run
        end = s
    out.reverse()
    return out


def _opens(text: str, opening: int, pos: int) -> bool:
    """Whether only quotation marks and spaces come between a sentence's opening and `pos`."""
    return not text[opening:pos].strip(" \t\r\n\"'“‘(")


def _owner_before(
    doc: _Text, left: int, occupation: str, holder: Mention
) -> tuple[str | None, int]:
    """Whose an occupation before a name is by the words before it: a team or band named
    ("England", "Blur"), owning it ("Blur's", "the band's", "her"); (of, where the words
    start: `left` when none does)."""
    text = doc.text
    pronoun = _HIS_OR_HER_BEFORE.search(text, max(0, left - 5), left)
    if pronoun is not None:
        # "Her producer, Sam Okafor": the one she is, as a reader takes "her"
        whose = doc.last_person(pronoun.start(), "she" if pronoun.group(1) == "er" else "he")
        if whose is None or whose.entity == holder.entity:
            return None, left
        return whose.entity, pronoun.start()
    poss = _POSSESSIVE_BEFORE.search(text, max(0, left - 24), left)
    if poss is not None:
        if poss.group(1):
            # "the band's guitarist, X": owned though the story may not say by whom
            of = _kind_owner(doc, poss.group(1), poss.start(1) + len(poss.group(1)))
            return of, poss.start()
        owner = doc.by_end.get(poss.start())
        if owner is not None and owner.label in ("ORG", "PERSON"):
            return owner.entity, owner.start
        return None, left
    owner = doc.before(left)
    if owner is None or not _may_own(owner):
        return None, left
    if occupation in _SPORT and owner.label in ("ORG", "GPE", "LOC", "EVENT"):
        return owner.entity, owner.start
    if owner.label == "ORG" and not _place_named(owner):
        return owner.entity, owner.start
    return None, left


#: Names before an occupation that say where or what kind, no one it works for: "Hollywood
#: actress", "R&B singer".
_KINDS_NAMED = frozenset({"Hollywood", "Bollywood", "Nollywood", "Broadway", "R&B", "Motown"})


def _may_own(m: Mention) -> bool:
    """Whether a name before an occupation may be whose it is: not a kind ("R&B singer"), a
    praise ("Oscar-nominated actress") or a nation's medium ("US TV presenter")."""
    words = m.text.split()
    return not (
        m.entity in _KINDS_NAMED
        or ("-" in words[-1] and words[-1].rpartition("-")[2].islower())
        or (len(words) > 1 and words[0] in gazetteer.demonyms())
        or (len(words) > 1 and gazetteer_label(words[:1]) is not None and words[-1] == "TV")
    )


def _place_named(m: Mention) -> bool:
    """Whether a name is a place's, though a sports story may read it as its team's."""
    if m.label != "ORG":
        return True
    place = gazetteer_label(m.text.split())
    return place is not None and place[0] in ("GPE", "LOC")


def _kind_owner(doc: _Text, kind: str, end: int) -> str | None:
    """The organisation "the band" or "the festival" ending at `end` stands for."""
    if kind == "group":  # "the group's singer": a band's, where the story named one
        return _band_before(doc, end) or _whose(doc, end)
    return _whose(doc, end)


def _after(doc: _Text, p: Mention):
    """ "X, the band's guitarist,", "X, a golfer from Fife", "X, the festival's organiser"."""
    text = doc.text
    lead = _SET_OFF.match(text, p.end)
    if lead is None:
        return None
    pos = lead.end()
    of = None
    owner = doc.by_start.get(pos)
    team = False  # "X, the Celtic striker,": a team named before the occupation, no possessive
    if owner is not None:
        if text[owner.end : owner.end + 2] in ("'s", "’s") and owner.label in ("ORG", "PERSON"):
            of, pos = owner.entity, owner.end + 2
        elif owner.label in ("ORG", "GPE", "LOC") and _may_own(owner) and lead.group("det"):
            of, pos, team = owner.entity, owner.end, _place_named(owner)
        else:
            return None
        while text[pos : pos + 1] in (" ", "\t"):
            pos += 1
    elif lead.group("det") and lead.group("det").startswith("the"):
        kind = _LOWER_OWNER.match(text, pos)
        if kind is not None:
            of = _kind_owner(doc, kind.group(1), kind.end(1))
            pos = kind.end()
    words = _SET_OFF_WORDS.match(text, pos)
    if words is None:
        return None
    said = words.group().split()
    occupation = _occupation(said[-1])
    if occupation in (None, "chief") or any(w not in _FIELDS for w in said[:-1]):
        return None
    said[-1] = occupation
    if team and occupation not in _SPORT:
        return None  # "X, the Glasgow singer": where from, not whose
    if _covered(doc, pos, words.end()):
        return None  # a title the title pass reads
    end = words.end()
    if of is None:
        link = _LINK_AFTER.match(text, end)
        org = doc.by_start.get(link.end()) if link is not None else None
        if org is not None and org.label == "ORG":
            of, end = org.entity, org.end
        elif link is not None and text.startswith("band", link.end()):
            of = _band_before(doc, link.end())
    return _title_name(said), of, p.start, end, bool(lead.group("former"))


def _plays(doc: _Text, p: Mention):
    """ "X, who plays bass in the band": the band's bassist."""
    text = doc.text
    if "who" not in text[p.end : p.end + 8]:
        return None
    found = _PLAYS.match(text, p.end)
    if found is None:
        return None
    name = _PLAYER_OF[" ".join(found.group("inst").split())]
    band = doc.by_start.get(found.end())
    of: str | None
    if band is not None and band.label in ("ORG", "FAC", "WORK_OF_ART"):
        of, end = band.entity, band.end
    elif text.startswith(("band", "group"), found.end()):
        of, end = _band_before(doc, found.end()), found.end() + 4
    else:
        return None
    return name, of, p.start, end, found.group("verb") == "played"
