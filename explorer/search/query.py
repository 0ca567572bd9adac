"""The query language (fzf's): parse a typed line into terms, OR groups, exclusions and filters.

    iran russia        both must match (each exact, as a prefix or, from 4 letters, with a typo)
    'word              exact word only (no prefix, no typo)
    "a phrase"         these words, adjacent, exactly (an unclosed quote reads as closed)
    ^word              the text starts with it
    !word              no word starting with it (!'word: no such exact word; !"a b": no phrase)
    a | b              either (binds tighter than the space: `x a | b` is x AND (a OR b))
    label:PERSON @per  entities of a label whose name starts with it; sentences mentioning one
    doc:NAME           records of documents whose id or title contains NAME
    tag:NAME is:starred  only what the user tagged NAME / starred (applied by the caller,
                       through the store's marks; also is:marked, is:noted)

Parsing never fails: stray operators are ignored and every input yields a `Query`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.model import LABELS
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
tag:NAME           only what you tagged NAME (is:starred, is:marked, is:noted)"""


@dataclass(frozen=True, slots=True)
class Term:
    """One positive or negative term: its normalised words (several for a phrase)."""

    words: tuple[str, ...]
    exact: bool = False  # 'word or "phrase": no prefix, no typo
    anchored: bool = False  # ^word: at the start of the text
    typing: bool = False  # the last term, still being typed: a prefix at any length

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True, slots=True)
class Query:
    """AND of OR-groups of terms, minus exclusions, within filters."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excludes: tuple[Term, ...] = ()
    labels: tuple[str, ...] = ()  # labels allowed (filters OR-ed within, e.g. @p → PERSON, ...)
    label_filter: bool = False  # a label filter was given (it may have matched no label)
    docs: tuple[str, ...] = field(default=())  # folded substrings of doc id or title (AND)
    #: the user's marks (the caller applies them): tags wanted (AND), and is:starred, ...
    tags: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()  # "starred", "marked", "noted", "tagged"

    @property
    def marks_filter(self) -> bool:
        return bool(self.tags or self.marks)

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.label_filter and not self.docs


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
            if name.strip():  # `label:` alone (still being typed) filters nothing yet
                label_filter = True
                labels.extend(_labels_for(name))
            join_next = False
            continue
        if not quoted and lowered.startswith("tag:"):
            name = text[4:].lstrip("#").strip()
            if name:
                tags.append(name)
            join_next = False
            continue
        if not quoted and lowered.startswith("is:"):
            wanted = lowered[3:].strip()
            found = [m for m in MARK_FILTERS if wanted and m.startswith(wanted)]
            if found:  # `is:st` while typing already means starred
                marks.append(found[0])
            join_next = False
            continue
        if lowered.startswith("doc:"):
            name = fold(text[4:]).strip()
            if name:
                docs.append(name)
            join_next = False
            continue
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
        tags=tuple(dict.fromkeys(tags)),
        marks=tuple(dict.fromkeys(marks)),
    )
