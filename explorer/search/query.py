"""The query language (fzf's): parse a typed line into terms, OR groups, exclusions and filters.

    iran russia        both must match (each exact, as a prefix or, from 4 letters, with a typo)
    'word              exact word only (no prefix, no typo)
    "a phrase"         these words, adjacent, exactly (an unclosed quote reads as closed)
    ^word              the text starts with it
    !word              no word starting with it (!'word: no such exact word; !"a b": no phrase)
    a | b              either (binds tighter than the space: `x a | b` is x AND (a OR b))
    label:PERSON @per  entities of a label whose name starts with it; sentences mentioning one
    doc:NAME           records of documents whose id or title contains NAME
    pred:deal          facts of that relation only (said, title, deal, met, ...; a prefix will do)
    date:1987-03       records dated within a day, month, quarter (1987-Q1) or year
    after:1987-03-01   dated on or after the start of that period
    before:1987-04     dated before the start of that period
    tag:NAME is:starred  only what the user tagged NAME / starred (applied by the caller,
                       through the store's marks; also is:marked, is:noted)

Parsing never fails: stray operators are ignored and every input yields a `Query`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from explorer.model import LABELS, PREDICATES
from explorer.search.analysis import fold, normalize_query, tokens

#: The query language in a few lines, for `--help`, the README and the TUI's help screen.
SYNTAX = """\
iran russia        every term must match: exactly, as a prefix, or from 4 letters with a typo
'word              this exact word (no prefix, no typo)
"a phrase"         these words together, in this order
^word              the text starts with it
!word              leave out what has a word starting with it
a | b              either one
label:PERSON @per  entities of that label, and sentences that mention one
doc:NAME           only documents whose id or title contains NAME
pred:deal          only facts of that relation (said, title, deal, met, amount, ...)
date:1987-03       dated in that day, month, quarter (1987-Q1) or year
after:1987-03-01   dated on or after it; before:1987-04 dated before it
tag:NAME           only what you tagged NAME (is:starred, is:marked, is:noted)"""

#: The `word:` filters the language knows (`@` is short for `label:`).
FILTERS = ("label", "doc", "pred", "date", "after", "before", "tag", "is")
#: A record without a date: its period in `Query.dates` terms (never inside a window).
NO_DATE = 0
_LAST_DAY = date.max.toordinal()

_PERIOD_RE = re.compile(
    r"(?P<y>\d{4})(?:-(?:(?P<q>[qQ][1-4])|[wW](?P<w>\d{1,2})|(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?))?"
)
_PARTIAL_RE = re.compile(r"^\d{1,4}(?:-(?:[qQ][1-4]?|\d{0,2}(?:-\d{0,2})?)?)?$")
_FILTER_RE = re.compile(r"^!?([A-Za-z][A-Za-z_]*):")


def period(text: str | None) -> tuple[int, int] | None:
    """The first and last day (proleptic ordinals, `date.toordinal()`) of an ISO date at the
    precision written: `1987-02-26`, `1987-W09` (an ISO week), `1987-02`, `1987-Q1`, `1987`
    (a time after the day is ignored); None when it is none of those."""
    if not text:
        return None
    m = _PERIOD_RE.match(str(text).strip())
    if m is None:
        return None
    rest = str(text).strip()[m.end() :]
    if rest and not (m["d"] and rest[0] in "T "):
        return None
    year = int(m["y"])
    try:
        if m["w"]:  # an ISO week, Monday to Sunday (the timeline's weeks)
            first = date.fromisocalendar(year, int(m["w"]), 1)
            last = first + timedelta(days=6)
        elif m["q"]:
            q = int(m["q"][1])
            first = date(year, 3 * q - 2, 1)
            last = _month_end(year, 3 * q)
        elif m["m"]:
            month = int(m["m"])
            if m["d"]:
                first = last = date(year, month, int(m["d"]))
            else:
                first, last = date(year, month, 1), _month_end(year, month)
        else:
            if year < 1:
                return None
            first, last = date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None
    return first.toordinal(), last.toordinal()


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Term:
    """One positive or negative term: its normalised words (several for a phrase)."""

    words: tuple[str, ...]
    exact: bool = False  # 'word or "phrase": no prefix, no typo
    anchored: bool = False  # ^word: at the start of the text
    typing: bool = False  # the last term, still being typed: a prefix at any length

    @property
    def is_phrase(self) -> bool:
        """True for a quoted phrase of several words."""
        return len(self.words) > 1


@dataclass(frozen=True, slots=True)
class Query:
    """AND of OR-groups of terms, minus exclusions, within filters."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excludes: tuple[Term, ...] = ()
    labels: tuple[str, ...] = ()  # labels allowed (filters OR-ed within, e.g. @p → PERSON, ...)
    label_filter: bool = False  # a label filter was given (it may have matched no label)
    docs: tuple[str, ...] = field(default=())  # folded substrings of doc id or title (AND)
    # facts of these predicates only (filters OR-ed within); a pred: filter was given (it may
    # have named no predicate: then nothing matches)
    predicates: tuple[str, ...] = ()
    predicate_filter: bool = False
    # The window of days (ordinals, inclusive) a record's date period must lie within: every
    # date:/after:/before: filter intersected; None without one.
    dates: tuple[int, int] | None = None
    # What the hint says of `word:` pieces: ("date", True) understood, ("foo", False) not a
    # filter (then read as words), ("date:19x", False) a date not understood (ignored).
    filters: tuple[tuple[str, bool], ...] = ()
    #: the user's marks (the caller applies them): tags wanted (AND), and is:starred, ...
    tags: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()  # "starred", "marked", "noted", "tagged"

    @property
    def marks_filter(self) -> bool:
        """Whether the line asks for the user's marks (tag:, is:)."""
        return bool(self.tags or self.marks)

    @property
    def is_empty(self) -> bool:
        """True when the query asks for nothing (no words, label, document, relation or date
        filter)."""
        return (
            not self.groups
            and not self.label_filter
            and not self.docs
            and not self.predicate_filter
            and self.dates is None
        )

    @property
    def hint(self) -> str:
        """The filters of the line in words: "date: understood; foo: is not a filter"."""
        parts = []
        for name, ok in self.filters:
            if ok:
                parts.append(f"{name}: understood")
            elif name.startswith("pred:"):
                parts.append(f"{name} is not a relation ({', '.join(PREDICATES)})")
            elif ":" in name:
                parts.append(f"{name} is not a date (a day, month, 1987-Q1 or year)")
            else:
                parts.append(f"{name}: is not a filter")
        return "; ".join(dict.fromkeys(parts))


def _predicates_for(name: str) -> list[str]:
    """The predicates `pred:NAME` means: the one named, else those it begins ("sa" said)."""
    name = name.replace("-", "_")
    if name in PREDICATES:
        return [name]
    return [p for p in PREDICATES if p.startswith(name)]


#: What `is:` may say (of the user's marks).
MARK_FILTERS = ("starred", "marked", "noted", "tagged")


def _split(line: str) -> list[tuple[str, bool, bool]]:
    """Whitespace-separated pieces; a double quote keeps spaces until the next quote or the end.

    Each piece comes with whether it was quoted (so `"a b"` stays one phrase) and whether its
    quote was left open (the phrase is still being typed)."""
    pieces: list[tuple[str, bool, bool]] = []
    buf: list[str] = []
    quoted = False
    in_quote = False
    for char in line:
        if in_quote:
            if char == '"':
                in_quote = False
            else:
                buf.append(char)
        elif char == '"':
            in_quote = True
            quoted = True
        elif char.isspace():
            if buf or quoted:
                pieces.append(("".join(buf), quoted, False))
            buf, quoted = [], False
        else:
            buf.append(char)
    if buf or quoted:
        pieces.append(("".join(buf), quoted, in_quote))
    return pieces


def _labels_for(name: str) -> tuple[str, ...]:
    wanted = name.strip().upper()
    if not wanted:
        return ()
    if wanted in LABELS:
        return (wanted,)
    return tuple(label for label in LABELS if label.startswith(wanted))


def _date_piece(
    which: str, value: str, typing: bool, window: tuple[int, int] | None
) -> tuple[tuple[int, int] | None, tuple[str, bool] | None]:
    """A `date:`/`after:`/`before:` piece: the window of days it leaves (intersected with
    `window`), and what the hint says of it (None: nothing yet)."""
    if not value:  # `date:` alone, still being typed: filters nothing yet
        return window, (which, True)
    when = period(value)
    if when is None and typing and _PARTIAL_RE.match(value):
        # Still being typed (`date:19`, `date:1987-0`): the part already whole counts.
        cut = value
        while cut and when is None:
            cut = cut[:-1]
            when = period(cut)
        if when is None:
            return window, None
    if when is None:
        return window, (f"{which}:{value}", False)
    lo, hi = when
    if which == "after":
        hi = _LAST_DAY
    elif which == "before":
        lo, hi = 1, lo - 1
    if window is not None:
        lo, hi = max(lo, window[0]), min(hi, window[1])
    return (lo, hi), (which, True)


def parse(line: str) -> Query:
    """The `Query` a typed line means. Never raises."""
    line = normalize_query(line or "")
    pieces = _split(line)
    typing_last = bool(line) and not line[-1].isspace()
    groups: list[list[Term]] = []
    excludes: list[Term] = []
    labels: list[str] = []
    label_filter = False
    docs: list[str] = []
    predicates: list[str] = []
    predicate_filter = False
    window: tuple[int, int] | None = None
    filters: list[tuple[str, bool]] = []
    tags: list[str] = []
    marks: list[str] = []
    join_next = False  # the previous piece was `|`
    for i, (raw, quoted, open_quote) in enumerate(pieces):
        is_last = i == len(pieces) - 1
        if not quoted and raw == "|":
            join_next = bool(groups)
            continue
        text = raw
        negated = anchored = exact = False
        lowered = text.lower()
        if not quoted and (
            lowered.startswith("label:") or (text.startswith("@") and len(text) > 1)
        ):
            name = text[6:] if lowered.startswith("label:") else text[1:]
            filters.append(("label", True))
            if name.strip():  # `label:` alone (still being typed) filters nothing yet
                label_filter = True
                labels.extend(_labels_for(name))
            join_next = False
            continue
        if not quoted and lowered.startswith("tag:"):
            filters.append(("tag", True))
            name = text[4:].lstrip("#").strip()
            if name:
                tags.append(name)
            join_next = False
            continue
        if not quoted and lowered.startswith("is:"):
            filters.append(("is", True))
            wanted = lowered[3:].strip()
            found = [m for m in MARK_FILTERS if wanted and m.startswith(wanted)]
            if found:  # `is:st` while typing already means starred
                marks.append(found[0])
            join_next = False
            continue
        if not quoted and lowered.startswith("pred:"):
            filters.append(("pred", True))
            wanted = lowered[5:].strip()
            if wanted:  # `pred:` alone (still being typed) filters nothing yet
                predicate_filter = True
                found = _predicates_for(wanted)
                predicates.extend(found)
                if not found:
                    filters.append((f"pred:{wanted}", False))
            join_next = False
            continue
        if lowered.startswith("doc:"):
            filters.append(("doc", True))
            name = fold(text[4:]).strip()
            if name:
                docs.append(name)
            join_next = False
            continue
        named = None if quoted else _FILTER_RE.match(text)
        if named is not None and named[1].lower() in ("date", "after", "before"):
            value = text[named.end() :].strip()
            window, said = _date_piece(named[1].lower(), value, is_last and typing_last, window)
            if said is not None:
                filters.append(said)
            join_next = False
            continue
        if named is not None and named[1].lower() not in FILTERS:
            filters.append((named[1].lower(), False))  # read as words, and named in the hint
        elif named is not None:
            filters.append((named[1].lower(), True))
        # Leading operators, in any order: ! ' ^ (for a quoted piece, those before the quote).
        while text and text[0] in "!'^":
            if text[0] == "!":
                negated = True
            elif text[0] == "'":
                exact = True
            else:
                anchored = True
            text = text[1:]
        if quoted:
            exact = True
        else:
            text = text.rstrip("$")
        words = tuple(tokens(text))
        if not words:
            join_next = False
            continue
        term = Term(
            words=words,
            exact=exact,
            anchored=anchored,
            # 'word is exact even while typed; an open quote's last word is still being typed
            typing=is_last and typing_last and not negated and (open_quote or not exact),
        )
        if negated:
            excludes.append(term)
            join_next = False
            continue
        if join_next and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    return Query(
        groups=tuple(tuple(g) for g in groups),
        excludes=tuple(excludes),
        labels=tuple(dict.fromkeys(labels)),
        label_filter=label_filter,
        docs=tuple(docs),
        predicates=tuple(dict.fromkeys(predicates)),
        predicate_filter=predicate_filter,
        dates=window,
        filters=tuple(filters),
        tags=tuple(dict.fromkeys(tags)),
        marks=tuple(dict.fromkeys(marks)),
    )
