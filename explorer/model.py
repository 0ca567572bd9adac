"""The facts model shared by every layer: plain frozen dataclasses and their dict forms.

Offsets are Python string indexes (code points) into `Document.text` exactly as decoded and
sanitised by `explorer.ingest`. Nothing here imports anything outside the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class LabelInfo:
    """One entity label: its name, how it is written short, what it means, and its group."""

    label: str  # as OntoNotes / spaCy name it (TITLE is ours: a role or office)
    short: str  # the written tag, at most six characters, so columns stay narrow
    meaning: str  # in words, for the legend and the help
    group: str  # one of LABEL_GROUPS: labels of a group share a colour
    legend: int  # its place in a document's legend of labels (people first)


#: Label groups, in the order a reader meets them; "time" and "value" hold values, the rest
#: names of things.
LABEL_GROUPS: tuple[str, ...] = ("person", "title", "org", "place", "time", "value", "thing")
_VALUE_GROUPS = frozenset({"time", "value"})

#: Every entity label, in the order of LABELS. The order is part of stored data (the search
#: index keeps labels as bits in this order): a new label goes at the end.
LABEL_TABLE: tuple[LabelInfo, ...] = (
    LabelInfo("PERSON", "PERSON", "person", "person", 0),
    LabelInfo("NORP", "NORP", "nationality or group", "place", 3),
    LabelInfo("FAC", "FAC", "building, airport, road", "place", 6),
    LabelInfo("ORG", "ORG", "organisation", "org", 2),
    LabelInfo("GPE", "GPE", "country, city, state", "place", 4),
    LabelInfo("LOC", "LOC", "place", "place", 5),
    LabelInfo("PRODUCT", "PROD", "product", "thing", 17),
    LabelInfo("EVENT", "EVENT", "event", "thing", 14),
    LabelInfo("WORK_OF_ART", "WORK", "work of art", "thing", 18),
    LabelInfo("LAW", "LAW", "law", "thing", 16),
    LabelInfo("LANGUAGE", "LANG", "language", "thing", 15),
    LabelInfo("DATE", "DATE", "date", "time", 7),
    LabelInfo("TIME", "TIME", "time", "time", 8),
    LabelInfo("PERCENT", "PCT", "percent", "value", 10),
    LabelInfo("MONEY", "MONEY", "money", "value", 9),
    LabelInfo("QUANTITY", "QTY", "quantity", "value", 11),
    LabelInfo("ORDINAL", "ORD", "ordinal", "value", 13),
    LabelInfo("CARDINAL", "NUM", "number", "value", 12),
    LabelInfo("TITLE", "TITLE", "role or office", "title", 1),
)

#: Each label's LabelInfo, by label.
LABEL_INFO: dict[str, LabelInfo] = {info.label: info for info in LABEL_TABLE}

#: Entity labels, as OntoNotes / spaCy name them, plus TITLE for a role or office.
LABELS: tuple[str, ...] = tuple(info.label for info in LABEL_TABLE)

#: Labels whose mentions are names of things (entities a reader browses), as opposed to values.
NAME_LABELS: frozenset[str] = frozenset(
    info.label for info in LABEL_TABLE if info.group not in _VALUE_GROUPS
)

#: Every predicate the fact extractor (nlp) writes, in the order they were added.
PREDICATES: tuple[str, ...] = (
    "title",
    "said",
    "met",
    "amount",
    "visited",
    "withdrew_from",
    "located_in",
    "deal",
    "affiliated_with",
)


def unique_document_id(wanted: str, taken: Container[str], folder: str | None = None) -> str:
    """The id for a document that would be `wanted`, distinct from every id in `taken`.

    `wanted` itself when free; else the name of the folder given to ingest before it
    ("bbc/business/001.txt"); else `wanted~2`, `wanted~3`, ... `document_id_path` reads the
    `~n` back off.
    """
    if wanted not in taken:
        return wanted
    if folder and f"{folder}/{wanted}" not in taken:
        return f"{folder}/{wanted}"
    n = 2
    while f"{wanted}~{n}" in taken:
        n += 1
    return f"{wanted}~{n}"


def document_id_path(doc_id: str) -> str:
    """The path a document id was made from, relative to the folder given to ingest: the id
    without the `#record` of one record of a many-document file and without the `~n` of
    `unique_document_id`."""
    return _COPY_SUFFIX.sub("", doc_id.split("#", 1)[0])


_COPY_SUFFIX = re.compile(r"~\d+$")


def entity_key(label: str, name: str) -> str:
    """The identity of an entity across documents: same label and canonical name."""
    return f"{label}:{name}"


@dataclass(frozen=True, slots=True)
class Document:
    """One document as read and sanitised by ingest; `text` is never altered afterwards."""

    id: str
    text: str
    title: str = ""
    date: str | None = None  # ISO 8601 at the precision given: 1987-02-26, 1987-02, 1987-Q1, 1987
    author: str | None = None
    path: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    sha256: str = ""
    #: where the date was read: metadata, field, meta tag, byline, dateline, path or text
    date_source: str | None = None

    def meta_dict(self) -> dict[str, Any]:
        """The `meta` object of the extract contract: title, date, author, then the rest."""
        out: dict[str, Any] = {"title": self.title, "date": self.date, "author": self.author}
        if self.date_source:
            out["date_source"] = self.date_source
        if self.path:
            out["path"] = self.path
        for key, value in self.meta.items():
            out.setdefault(key, value)
        return out


@dataclass(frozen=True, slots=True)
class Mention:
    """One span of text that names something: [start, end) into the document text."""

    start: int
    end: int
    text: str
    label: str
    entity: str  # the canonical name of the entity it refers to
    sentence: int = -1  # index into the document's sentences
    norm: Any = None  # a normalised value: ISO date, {"value": 5e8, "currency": "USD"}, ...
    doc: str = ""  # filled in by the store

    @property
    def key(self) -> str:
        """The mention's entity key (label and canonical name)."""
        return entity_key(self.label, self.entity)

    def to_dict(self) -> dict[str, Any]:
        """The mention as the extract contract writes it."""
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "entity": self.entity,
            "sentence": self.sentence,
        }
        if self.norm is not None:
            out["norm"] = self.norm
        return out


@dataclass(frozen=True, slots=True)
class Entity:
    """What mentions refer to: a canonical name, a label, its aliases."""

    name: str
    label: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0  # how many mentions refer to it (in the document, or in the store)
    documents: int = 0  # how many documents mention it (filled in by the store)

    @property
    def key(self) -> str:
        """The entity's key (label and canonical name), shared across documents."""
        return entity_key(self.label, self.name)

    def to_dict(self) -> dict[str, Any]:
        """The entity as the extract contract writes it."""
        return {
            "name": self.name,
            "label": self.label,
            "aliases": list(self.aliases),
            "mentions": self.mentions,
        }


@dataclass(frozen=True, slots=True)
class Fact:
    """A typed relation with provenance: the sentence and characters it came from.

    `qualifiers` holds the predicate's other roles, flattened into the dict form as they are:
    `of`, `to` (title), `quote` (said), `participants`, `place`, `date` (met), `value`,
    `unit`, `currency` (amount), ...
    """

    predicate: str
    subject: str
    object: str
    sentence: int
    start: int
    end: int
    qualifiers: Mapping[str, Any] = field(default_factory=dict)
    doc: str = ""  # filled in by the store

    def to_dict(self) -> dict[str, Any]:
        """The fact as the extract contract writes it."""
        out: dict[str, Any] = {
            "predicate": self.predicate,
            "subject": self.subject,
            "object": self.object,
        }
        for key, value in self.qualifiers.items():
            out.setdefault(key, value)
        out["sentence"] = self.sentence
        out["start"] = self.start
        out["end"] = self.end
        return out


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the nlp pipeline found in one text."""

    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]

    def to_dict(self, doc_id: str, meta: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The extract contract's object for one document (DESIGN.md)."""
        return {
            "id": doc_id,
            "meta": dict(meta or {}),
            "sentences": [[s, e] for s, e in self.sentences],
            "mentions": [m.to_dict() for m in self.mentions],
            "entities": [e.to_dict() for e in self.entities],
            "facts": [f.to_dict() for f in self.facts],
        }


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A document as the documents pane lists it: no text, just what a row shows."""

    id: str
    title: str
    date: str | None
    author: str | None
    path: str | None
    sentences: int
    mentions: int
    facts: int
    chars: int = 0


@dataclass(frozen=True, slots=True)
class IngestError:
    """A file (or record) that could not be read, and why, in words a user understands."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result, with the character ranges of `text` that matched the query."""

    kind: str  # "sentence" | "entity" | "fact"
    doc: str
    title: str
    sentence: int
    text: str
    score: float
    highlights: tuple[tuple[int, int], ...] = ()
    label: str | None = None  # entity hits: the entity's label
    entity: str | None = None  # entity hits: the entity key (label:name)
    predicate: str | None = None  # fact hits
    start: int = -1  # sentence hits: where `text` starts in the document
    end: int = -1
    date: str | None = None  # ISO: a sentence's document's, a fact's own, an entity's latest

    def to_dict(self) -> dict[str, Any]:
        """The hit as `search --json` writes it (and the app's `x`, with the query before it):
        every field always there, in one order, null where the hit has none; `sentence` is
        -1 for an entity hit, as the command line's contract has it."""
        return {
            "kind": self.kind,
            "doc": self.doc,
            "title": self.title,
            "date": self.date,
            "sentence": self.sentence,
            "start": self.start if self.start >= 0 else None,
            "end": self.end if self.start >= 0 else None,
            "text": self.text,
            "highlights": [[s, e] for s, e in self.highlights],
            "score": round(self.score, 4),
            "label": self.label,
            "entity": self.entity,
            "predicate": self.predicate,
        }


@dataclass(frozen=True, slots=True)
class SentenceRecord:
    """One sentence of the store, as the search index reads it."""

    doc: str
    title: str
    index: int  # the sentence's index in its document
    start: int  # offsets into the document text
    end: int
    text: str  # document.text[start:end]


class Corpus(Protocol):
    """What the search index needs from the store (explorer.store.Store implements it)."""

    @property
    def path(self) -> Path:
        """The store file; the index cache lives beside it."""
        ...

    def generation(self) -> str:
        """A token that changes whenever documents are added, changed or removed."""
        ...

    def iter_sentences(self) -> Iterator[SentenceRecord]:
        """Every sentence of every document, with its document's id."""

    def entities(self, label: str | None = None) -> list[Entity]:
        """The entities, optionally only those of `label`."""

    def facts(self, predicate: str | None = None) -> list[Fact]:
        """The facts, optionally only those of `predicate`."""
