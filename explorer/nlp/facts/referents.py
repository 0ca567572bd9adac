"""What "the company", "the union" or "the party" refers to: the organisation of that kind
named last, or stated to be of that kind ("Acme, the Ohio chemical company, ...")."""

from __future__ import annotations

import bisect
import itertools

from ...model import Mention
from .. import gazetteer, regexes
from .text import _Text

# "the company said", "the ministry said": an organisation the story named before.
_KINDS = (
    r"company|firm|corporation|group|ministry|bank|lender|insurer|airline|carrier|commission|agency"
    r"|department|exchange|fund|organisation|organization|union"
)
# "the party's", "the company's" before a title: whose title it is, named earlier; also of a
# kind a story names a title's owner by ("the museum's head of security") and with a word or
# two before the kind ("the Italian club's president", "the state airline's").
_THE_OWNER_BEFORE = regexes.compile(
    r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)[ \t]+(?:(?!(?:and|or|of|in|at|for)[ \t])[\w.'’-]+[ \t]+){0,2}?"
    rf"(?P<kind>party|{_KINDS}|club|team|museum|university|hospital|council|authority|mission|trust"
    r"|charity|federation|association|institute|league|festival|orchestra|band|side|squad|board)$"
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
    kind = _SAME_KIND.get(found.group("kind"), found.group("kind"))
    if kind == "band":
        return _band_before(doc, pos)
    if kind in _NAMED_AS_KIND:
        return _latest_named_as(doc, found.start(), kind)
    if kind != "party":
        org = _named_earlier(doc, found.start(), kind)
        if org is None and kind in _KINDS_NAMED_LOOSELY:
            org = _latest_unknown(doc, found.start(), kind)
        return org.entity if org is not None else None
    i = bisect.bisect_left(doc.mention_starts, found.start()) - 1
    for m in itertools.islice((doc.mentions[j] for j in range(i, -1, -1)), 200):
        if m.label in ("NORP", "ORG") and _party_named(m.entity):
            return m.entity
    return None


def _party_named(name: str) -> bool:
    """Whether `name` is a party's: "Labour", "Green Party"; not "Party" alone, the kind read
    as a name ("Party leader X")."""
    return name in _PARTY_NAMES or (name.endswith(_PARTY_ENDS) and " " in name)


#: Kinds whose names end in the kind ("Loch Shore Festival"), which a story may name once
#: near its top and call "the festival" long after.
_NAMED_AS_KIND = frozenset({"festival", "orchestra"})


def _latest_named_as(doc: _Text, pos: int, kind: str) -> str | None:
    """The latest organisation or event before `pos` whose name ends in `kind`."""
    i = bisect.bisect_left(doc.mention_starts, pos) - 1
    for m in itertools.islice((doc.mentions[j] for j in range(i, -1, -1)), 400):
        if m.label in ("ORG", "EVENT", "FAC") and m.entity.lower().endswith(kind):
            return m.entity
    return None


#: Words for a kind read as the kind: "the side's captain" is the team's.
_SAME_KIND = {"side": "team", "squad": "team"}
# "the band Pale Harbour": the band a story names, whatever the recognizer took it for.
_BAND_NAMED = regexes.compile(r"(?<![\w-])(?:band|group|duo|trio|quartet)[ \t]+(?=[A-Z])")


def _band_before(doc: _Text, pos: int) -> str | None:
    """The band the story named latest before `pos` ("the band Pale Harbour", a name the
    recognizer may take for a place's, a building's or a person's)."""
    found = None
    for m in _BAND_NAMED.finditer(doc.text, max(0, pos - 3000), pos):
        named = doc.by_start.get(m.end())
        if named is not None:
            found = named.entity
    return found


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
