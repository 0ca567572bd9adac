"""Rows out as JSON Lines or CSV: the one place that turns documents, entities, mentions, facts
and search hits into export records (for `explorer export` and the TUI's `x` alike), and that
makes every string safe for the terminal, spreadsheet or tool it goes to.

What "safe" means, for every output of the CLI and the TUI (README, "Safe outputs"):

- Document ids and paths (and the file names in messages): every control character (C0,
  DEL, C1), directional formatting character (embeddings, overrides, isolates, and the
  LRM/RLM/ALM marks) and line separator is written as its Python escape (`\\x1b`,
  `\\u202e`), as ingest already names such files: visible, and still telling two names apart.
- Text (titles, names and entity keys, sentences, quotes, qualifiers): the same characters,
  except newline, tab and the LRM/RLM/ALM marks (which right-to-left text needs), become
  U+FFFD, one character for one, so every offset into the text (search highlights) stays
  valid. An escape sequence thus loses its ESC and is shown, never run.
- CSV cells that a spreadsheet would read as a formula (a leading `=`, `+`, `-`, `@`, tab or
  carriage return) get a leading `'`, as OWASP advises; numbers are written as numbers.
- JSON keeps every other character exactly. The extract contract is the one exception: its
  mentions index into the caller's own text, so only its ids and metadata are cleaned.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence

import orjson

from explorer.model import Document, DocumentSummary, Entity, Fact, Hit, Mention

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import IO, Any, Protocol
else:
    Protocol = object  # a protocol is the type checker's; at run time, a plain base

FORMATS = ("jsonl", "csv")

# --------------------------------------------------------------------------- safe strings

# C0 controls, DEL and C1 controls; the directional embeddings, overrides and isolates that
# reorder a line on screen (Trojan Source, CVE-2021-42574); the line separators.
_CONTROLS = "\x00-\x1f\x7f-\x9f"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_MARKS = "\u200e\u200f\u061c"  # left-to-right, right-to-left and Arabic letter marks
_SEPARATORS = "\u2028\u2029"
# Patterns as text, compiled by `re` on first use (through its cache): most values are
# printable, and `explorer extract` would compile them at every start for nothing.
_UNSAFE_ID = f"[{_CONTROLS}{_BIDI}{_MARKS}{_SEPARATORS}]"
_UNSAFE_TEXT = f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_SEPARATORS}]"
_UNSAFE_LINE = f"[{_CONTROLS}{_BIDI}{_SEPARATORS}]"

#: Fields that name a document or a file: cleaned as identifiers, not as text. An entity's
#: `key` is its label and name, and is cleaned as the name is, so that keys still join.
ID_FIELDS = frozenset({"id", "doc", "path", "paths", "db"})


def _escape(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]  # \x1b, \n, \u202e: as ingest writes file names


def clean_id(value: str) -> str:
    """An id or a path safe to print or store elsewhere: unsafe characters as escapes."""
    if value.isprintable():  # every unsafe character is unprintable: the common case is free
        return value
    return re.sub(_UNSAFE_ID, _escape, value)


def clean_text(value: str) -> str:
    """Text safe to print, the same length: unsafe characters (not newline or tab) as U+FFFD."""
    if value.isprintable():
        return value
    return re.sub(_UNSAFE_TEXT, "\ufffd", value)


def printable(value: str) -> str:
    """Text for one line of a terminal (a table cell, a message): unsafe characters, newline
    and tab included, as escapes; right-to-left marks stay, as the text needs them."""
    if value.isprintable():
        return value
    return re.sub(_UNSAFE_LINE, _escape, value)


_PLAIN = (int, float, bool, type(None))


def clean_value(value: Any, key: str = "") -> Any:
    """A record's value made safe: strings by their field's rule, containers throughout."""
    if isinstance(value, str):
        if value.isprintable():
            return value
        return clean_id(value) if key in ID_FIELDS else clean_text(value)
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, Mapping):
        return clean_record(value, key)
    if isinstance(value, (list, tuple)):
        return [clean_value(v, key) for v in value]
    return value


def clean_record(record: Mapping[Any, Any], field: str | None = None) -> dict[str, Any]:
    """Every string of a record made safe (ids and paths as ids, the rest as text); keys
    too, as metadata brings its own. Inside a field, values follow the field's rule."""
    return {
        (key if isinstance(key, str) and key.isprintable() else clean_text(str(key))): (
            clean_value(value, key if field is None else field)
        )
        for key, value in record.items()
    }


# A cell a spreadsheet would evaluate: OWASP's "CSV injection" leads.
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"


def csv_cell(value: Any) -> Any:
    """A cleaned value as a CSV cell: JSON for lists and objects, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple, dict)):
        return dumps(value)  # a cell a spreadsheet shows and a script can parse back
    text = str(value)
    if text.startswith(_FORMULA_LEADS) and not re.fullmatch(_NUMBER, text):
        return "'" + text
    return text


# --------------------------------------------------------------------------- records

#: The columns of each kind of record, in their CSV order (README, "Export").
DOCUMENT_COLUMNS = ("doc", "title", "date", "author", "path", "sentences", "mentions", "facts")
ENTITY_COLUMNS = ("key", "name", "label", "aliases", "mentions", "documents", "implied")
MENTION_COLUMNS = (
    "key",
    "entity",
    "label",
    "text",
    "norm",
    "doc",
    "title",
    "date",
    "sentence",
    "start",
    "end",
    "sentence_text",
)
FACT_COLUMNS = (
    "predicate",
    "subject",
    "object",
    "qualifiers",
    "date",
    "doc",
    "title",
    "sentence",
    "start",
    "end",
    "text",
    "sentence_text",
)
HIT_COLUMNS = (
    "query",
    "kind",
    "doc",
    "title",
    "date",
    "sentence",
    "start",
    "end",
    "text",
    "highlights",
    "score",
    "label",
    "entity",
    "predicate",
    "implied",
)

_ISO_DATE = r"\d{4}(?:-(?:Q[1-4]|W\d{2}|\d{2}(?:-\d{2})?))?"


class Documents(Protocol):
    """What records need to name their document (explorer.store.Store and the TUI's
    StoreReader both are this)."""

    def documents(self) -> list[DocumentSummary]:
        """Every document's summary, in the store's order."""

    def document(self, doc_id: str) -> Document:
        """The whole document `doc_id`, its text included."""

    def sentences(self, doc_id: str) -> list[tuple[int, int]]:
        """The (start, end) offsets of `doc_id`'s sentences."""


class Records:
    """Export records of one store's rows, each with its provenance: the document's id,
    title and date, the sentence and the offsets, and the text they point at.

    Every export goes through here, so a fact exported from the TUI and from
    `explorer export facts` is the same record: same columns, same order, same types.
    """

    def __init__(self, source: Documents | None) -> None:
        self.source = source
        self._summaries: dict[str, DocumentSummary] | None = None
        self._texts: OrderedDict[str, tuple[str, list[tuple[int, int]]]] = OrderedDict()

    def summary(self, doc_id: str) -> DocumentSummary | None:
        """The summary of `doc_id`, or None without a source or for an unknown id."""
        if self.source is None:
            return None
        if self._summaries is None:
            self._summaries = {d.id: d for d in self.source.documents()}
        return self._summaries.get(doc_id)

    def _title(self, doc_id: str) -> str | None:
        summary = self.summary(doc_id)
        return (summary.title or doc_id) if summary else None

    def _date(self, doc_id: str) -> str | None:
        summary = self.summary(doc_id)
        return summary.date if summary else None

    def _text(self, doc_id: str) -> tuple[str, list[tuple[int, int]]]:
        """A document's text and sentence spans; a few kept, as rows come document by
        document."""
        cached = self._texts.get(doc_id)
        if cached is None:
            try:
                if self.source is None:
                    raise KeyError(doc_id)
                text = self.source.document(doc_id).text
                spans = [(s, e) for s, e in self.source.sentences(doc_id)]
            except KeyError:
                text, spans = "", []
            cached = self._texts[doc_id] = (text, spans)
            while len(self._texts) > 16:
                self._texts.popitem(last=False)
        return cached

    def _sentence_text(self, doc_id: str, index: int) -> str | None:
        text, spans = self._text(doc_id)
        if 0 <= index < len(spans):
            start, end = spans[index]
            return text[start:end]
        return None

    def document(self, summary: DocumentSummary) -> dict[str, Any]:
        """The export record of one document (no text)."""
        return {
            "doc": summary.id,
            "title": summary.title,
            "date": summary.date,
            "author": summary.author,
            "path": summary.path,
            "sentences": summary.sentences,
            "mentions": summary.mentions,
            "facts": summary.facts,
        }

    def entity(self, entity: Entity) -> dict[str, Any]:
        """The export record of one entity."""
        return {
            "key": entity.key,
            "name": entity.name,
            "label": entity.label,
            "aliases": list(entity.aliases),
            "mentions": entity.mentions,
            "documents": entity.documents,
            # documents that imply it without naming it: not among `documents`
            "implied": entity.implied,
        }

    def mention(self, mention: Mention) -> dict[str, Any]:
        """The export record of one mention, with its sentence and provenance."""
        return {
            "key": mention.key,
            "entity": mention.entity,
            "label": mention.label,
            "text": mention.text,
            "norm": mention.norm,
            "doc": mention.doc,
            "title": self._title(mention.doc),
            "date": self._date(mention.doc),
            "sentence": mention.sentence,
            "start": mention.start,
            "end": mention.end,
            "sentence_text": self._sentence_text(mention.doc, mention.sentence),
        }

    def fact(self, fact: Fact) -> dict[str, Any]:
        """The export record of one fact, with its sentence and provenance."""
        text, _ = self._text(fact.doc)
        return {
            "predicate": fact.predicate,
            "subject": fact.subject,
            "object": fact.object,
            "qualifiers": dict(fact.qualifiers),
            "date": fact_date(fact) or self._date(fact.doc),
            "doc": fact.doc,
            "title": self._title(fact.doc),
            "sentence": fact.sentence,
            "start": fact.start,
            "end": fact.end,
            "text": text[fact.start : fact.end] if text else None,
            "sentence_text": self._sentence_text(fact.doc, fact.sentence),
        }

    def hit(self, hit: Hit, query: str) -> dict[str, Any]:
        """The export record of one search hit for `query` (see `hit_record`)."""
        return hit_record(hit, query)


def hit_record(hit: Hit, query: str) -> dict[str, Any]:
    """One search hit for `query` as `search --json` and the app's `x` both write it: the
    query, then `Hit.to_dict()` (HIT_COLUMNS, every one always there)."""
    return {"query": query, **hit.to_dict()}


def fact_date(fact: Fact) -> str | None:
    """A fact's own ISO date (its sentence's), when it has one."""
    for key in ("date_norm", "date"):
        value = fact.qualifiers.get(key)
        if isinstance(value, str) and re.fullmatch(_ISO_DATE, value):
            return value
    return None


# --------------------------------------------------------------------------- writing


def format_for(path: Path | str) -> str:
    """CSV for a path ending in .csv, JSON Lines for anything else."""
    return "csv" if str(path).lower().endswith(".csv") else "jsonl"


def dumps(obj: Any) -> str:
    """`obj` as one line of JSON (non-string keys and unknown types as strings)."""
    try:
        # Every key a string, as nearly always: orjson's non-string-key option doubles the
        # time it takes to write an object (~3 ms of `explorer extract` on CoNLL dev)
        return orjson.dumps(obj, default=str).decode()
    except orjson.JSONEncodeError:
        return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS, default=str).decode()


def write_rows(
    rows: Iterable[Mapping[str, Any]], out: IO[str], fmt: str, columns: Sequence[str] = ()
) -> int:
    """Write rows, made safe, to an open text stream; the number written.

    CSV columns: `columns`, else every key seen in the order first seen."""
    cleaned: Iterator[dict[str, Any]] = (clean_record(row) for row in rows)
    count = 0
    if fmt == "csv":
        if not columns:
            held = list(cleaned)
            cleaned = iter(held)
            seen: dict[str, None] = {}
            for row in held:
                seen.update(dict.fromkeys(row))
            columns = list(seen)
        import csv  # only for CSV: `explorer extract` writes JSON Lines

        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in cleaned:
            writer.writerow({key: csv_cell(value) for key, value in row.items()})
            count += 1
    else:
        for row in cleaned:
            out.write(dumps(row))
            out.write("\n")
            count += 1
    return count


def write_file(
    rows: Iterable[Mapping[str, Any]],
    path: Path,
    fmt: str | None = None,
    columns: Sequence[str] = (),
) -> int:
    """Write rows to `path` atomically (a half-written export never replaces a whole one).

    The folder must exist: a typo in a path is an error, not a new tree of folders."""
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            count = write_rows(rows, out, fmt or format_for(path), columns)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return count
