"""Whose a bare office is: "chief executive Annegret Vollmer told reporters" in a story about
Kessler-Werke AG is Kessler-Werke AG's chief executive, and "deputy governor X" in a story
about a central bank is that bank's. A title fact with no `of` gets one only where the
story gives a single answer:

- the person's own organisation, where another fact of the story ties them to one and only
  one (`affiliated_with`: "Jochen Albrecht of Kessler said"), else
- for a firm's offices (chief executive, chairman, finance director, ...), the firm the
  story is about: the organisation named most, at least three times and more than twice as
  often as any other, whose name has a company's form ("AG", "Corp", "Plc") or which the
  story calls "the company", "the group" or "the firm"; for a central bank's (governor,
  deputy governor), the one central bank the story names; for a judge or a councillor, the
  one court or council it names.

A state's or a party's offices (president, leader, minister) are never given one so: the
organisation a story names most says nothing of whose president a person is.
"""

from __future__ import annotations

from collections import Counter

from ...model import Fact
from .. import regexes
from .referents import _COMPANY_FORMS, _COMPANY_HEADS
from .text import _fact, _Text

#: Offices only a firm has, lower case.
_FIRM_OFFICES = frozenset(
    (
        "chief executive",
        "chief executive officer",
        "chairman",
        "chairwoman",
        "executive chairman",
        "vice chairman",
        "deputy chairman",
        "managing director",
        "finance director",
        "chief financial officer",
        "chief operating officer",
        "chief technology officer",
        "group chief executive",
    )
)
#: Offices of a central or commercial bank, lower case.
_BANK_OFFICES = frozenset(("governor", "deputy governor"))
_BANK_WORDS = frozenset(("Bank", "Banco", "Banque", "Banca", "Bundesbank", "Reserve"))
#: Offices of a body of one kind, and the last word of that kind's names: a judge sits in a
#: court, a councillor on a council.
_BODY_OFFICES = {
    "judge": "Court",
    "district judge": "Court",
    "councillor": "Council",
    "council leader": "Council",
    "leader of the council": "Council",
}
_OFFICES = _FIRM_OFFICES | _BANK_OFFICES | frozenset(_BODY_OFFICES)
#: A central bank's name: "Banco Central de Chile", "Reserve Bank of India", "Bank of
#: England", "Bundesbank", "Norges Bank".
_CENTRAL_BANK = regexes.compile(
    r"(?:\b(?:Central|Reserve|National|People's)\b.*\b(?:Bank|Banco|Banque|Banca)\b"
    r"|\b(?:Bank|Banco|Banque|Banca)\b.*\b(?:Central|Reserve|Nacional|Nationale)\b"
    r"|^(?:Bank|Banque|Banca|Banco) (?:of|de|d'|di)\b"
    r"|\b(?:Bundesbank|Riksbank|Nationalbank|Norges Bank)\b)"
)
#: How a story refers back to the firm it is about.
_THE_FIRM = regexes.compile(r"\b[Tt]he (?:company|group|firm|bank)\b")


def _story_owners(doc: _Text, facts: list[Fact]) -> list[Fact]:
    """`facts` with an `of` on each bare office the story says whose it is, and the
    `affiliated_with` fact that goes with it."""
    bare = [
        i
        for i, f in enumerate(facts)
        if f.predicate == "title" and not f.qualifiers.get("of") and f.object.lower() in _OFFICES
    ]
    if not bare:
        return facts
    # a person's organisations, each with the office it was given with (None: none said)
    affiliations: dict[str, list[tuple[str, str | None]]] = {}
    for f in facts:
        if f.predicate == "affiliated_with":
            title = f.qualifiers.get("title")
            affiliations.setdefault(f.subject, []).append((f.object, title and str(title).lower()))
    firm = _story_firm(doc)
    out = list(facts)
    for i in bare:
        f = facts[i]
        if _owner_written(doc, f):
            continue
        # the person's organisation where it is this office's or no office was said with it
        # ("Raines, head of the Office of Management and Budget" is not its chief executive)
        office = f.object.lower()
        own = {org for org, title in affiliations.get(f.subject, ()) if title in (None, office)}
        if len(own) == 1:
            (of,) = own
        elif own:
            continue
        elif f.object.lower() in _BANK_OFFICES:
            bank = _story_bank(doc)
            if bank is None:
                continue
            of = bank
        elif f.object.lower() in _BODY_OFFICES:
            body = _story_body(doc, _BODY_OFFICES[f.object.lower()])
            if body is None:
                continue
            of = body
        elif firm is None:
            continue
        else:
            of = firm
        out[i] = Fact(f.predicate, f.subject, f.object, f.sentence, f.start, f.end,
                      {**f.qualifiers, "of": of})  # fmt: skip
        if of not in own:
            affiliations.setdefault(f.subject, []).append((of, office))
            out.append(_fact(doc, "affiliated_with", f.subject, of, f.start, f.end, title=f.object))
    return out


#: What follows an office that says whose it is: "chairman of The Island Def Jam Music Group".
_OWNER_AFTER = regexes.compile(r"\s+(?:of|at|for|with)\s")
#: Capitalised words before an office that name no owner.
_NO_OWNER = frozenset(("The", "A", "An", "Its", "Their", "His", "Her", "Former", "New", "Acting"))


def _owner_written(doc: _Text, f: Fact) -> bool:
    """Whether the words round the office say whose it is, though the title fact did not
    read them: "chairman of X", "Standard Chartered chief executive" (a name before it)."""
    text = doc.text
    for m in doc.by_sentence.get(f.sentence, ()):
        if (
            m.label != "TITLE"
            or not (f.start <= m.start < f.end)
            or m.text.lower() != f.object.lower()
        ):
            continue
        if _OWNER_AFTER.match(text, m.end):
            return True
        k = m.start
        while k > 0 and text[k - 1] in " \t\n":
            k -= 1
        j = k
        while j > 0 and text[j - 1] not in " \t\n":
            j -= 1
        word = text[j:k]
        if word[:1].isupper() and word[-1:].isalpha() and word not in _NO_OWNER:
            return True  # "Standard Chartered chief executive": an owner the fact missed
    return False


def _story_bank(doc: _Text) -> str | None:
    """The one central bank the story names, or None (none, or several)."""
    banks = {m.entity for m in doc.mentions if m.label == "ORG" and _CENTRAL_BANK.search(m.entity)}
    return banks.pop() if len(banks) == 1 else None


def _story_body(doc: _Text, kind: str) -> str | None:
    """The one court or council (`kind`, its names' last word) the story names, or None."""
    bodies = {
        m.entity for m in doc.mentions if m.label == "ORG" and m.entity.rsplit(" ", 1)[-1] == kind
    }
    return bodies.pop() if len(bodies) == 1 else None


def _story_firm(doc: _Text) -> str | None:
    """The organisation the story is about, where it is a firm or a bank (see the module's
    docstring), or None."""
    counts = Counter(m.entity for m in doc.mentions if m.label == "ORG")
    if not counts:
        return None
    ranked = counts.most_common(2)
    name, n = ranked[0]
    if n < 3 or (len(ranked) > 1 and ranked[1][1] * 2 >= n):
        return None
    words = name.split()
    if (
        words[-1] in _COMPANY_FORMS
        or words[-1].lower() in _COMPANY_HEADS
        or _BANK_WORDS.intersection(words)
        or _THE_FIRM.search(doc.text) is not None
    ):
        return name
    return None
