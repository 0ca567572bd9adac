"""The facts model shared by every layer: plain frozen dataclasses and their dict forms.

Offsets are Python string indexes (code points) into `Document.text` exactly as decoded and
sanitised by `explorer.ingest`. Nothing here imports anything outside the standard library.

The classes are frozen dataclasses written out (`_frozen`): what `@dataclass(frozen=True,
slots=True)` makes, but without the source code it writes and compiles for every method of
every class at each start (some 50 M instructions, a tenth of `explorer extract`'s start-up).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Container, Iterator, Mapping
from operator import attrgetter
from reprlib import recursive_repr

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Protocol, TypeVar, dataclass_transform

    _T = TypeVar("_T")
else:
    Protocol = object  # a protocol is the type checker's; at run time, a plain base

    def dataclass_transform(**_: object) -> Callable:
        """A mark for the type checker: at run time, the decorated as it is."""
        return lambda decorated: decorated


class _Factory:
    """The default of a field made afresh for each object, as `field(default_factory=...)`."""

    def __init__(self, factory: Callable[[], Any]) -> None:
        self.factory = factory

    def __repr__(self) -> str:
        return "<factory>"


#: `field(default_factory=dict)`: as an `__init__` default, each object gets a new dict.
_NEW_DICT: Any = _Factory(dict)

#: How a frozen class's `__init__` sets its fields (its own `__setattr__` refuses).
_setattr = object.__setattr__


@dataclass_transform(frozen_default=True)
def _frozen(cls: type[_T]) -> type[_T]:
    """A class with `__slots__` and its own `__init__` (its parameters the slots, in order)
    made what `@dataclass(frozen=True, slots=True)` makes of a class: the same repr,
    equality, hash, frozenness (assigning or deleting a field raises FrozenInstanceError),
    pickling and `__match_args__`, and a dataclass to `dataclasses.fields`, `replace` and
    `asdict`, with the defaults of its `__init__`. The methods are closures, not compiled
    source (tests/test_model.py holds them to what the decorator makes)."""
    names: tuple[str, ...] = cls.__slots__  # type: ignore[attr-defined]
    init = cls.__init__
    assert init.__code__.co_varnames[1 : len(names) + 1] == names, (cls, names)
    values = attrgetter(*names)  # several names: a tuple of the values

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(values(self))

    @recursive_repr()
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(names, values(self), strict=True))
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    def __getstate__(self: Any) -> list[Any]:
        return list(values(self))

    def __setstate__(self: Any, state: list[Any]) -> None:
        for name, value in zip(names, state, strict=False):
            object.__setattr__(self, name, value)

    methods: dict[str, Any] = {
        "__eq__": __eq__,
        "__hash__": __hash__,
        "__repr__": __repr__,
        "__setattr__": __setattr__,
        "__delattr__": __delattr__,
        "__getstate__": __getstate__,
        "__setstate__": __setstate__,
    }
    for name, method in methods.items():
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
    setattr(cls, "__match_args__", names)  # noqa: B010 (mypy: a dataclass's own)
    # A dataclass to the functions of `dataclasses`: its fields, with their defaults.
    dataclasses.dataclass(cls, init=False, repr=False, eq=False, match_args=False)
    specs = dataclasses.fields(cls)  # type: ignore[arg-type]
    assert tuple(spec.name for spec in specs) == names, (cls, names)
    defaults = init.__defaults__ or ()
    for spec, default in zip(specs[len(names) - len(defaults) :], defaults, strict=True):
        if isinstance(default, _Factory):
            spec.default_factory = default.factory
        else:
            spec.default = default
    return cls


@_frozen
class LabelInfo:
    """One entity label: its name, how it is written short, what it means, and its group."""

    __slots__ = ("label", "short", "meaning", "group", "legend")

    label: str  # as OntoNotes / spaCy name it (TITLE is ours: a role or office)
    short: str  # the written tag, at most six characters, so columns stay narrow
    meaning: str  # in words, for the legend and the help
    group: str  # one of LABEL_GROUPS: labels of a group share a colour
    legend: int  # its place in a document's legend of labels (people first)

    def __init__(self, label: str, short: str, meaning: str, group: str, legend: int) -> None:
        set_ = _setattr
        set_(self, "label", label)
        set_(self, "short", short)
        set_(self, "meaning", meaning)
        set_(self, "group", group)
        set_(self, "legend", legend)


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
    # compiled on first use (through re's cache), not at every start of `explorer extract`
    return re.sub(r"~\d+$", "", doc_id.split("#", 1)[0])


def entity_key(label: str, name: str) -> str:
    """The identity of an entity across documents: same label and canonical name."""
    return f"{label}:{name}"


@_frozen
class Document:
    """One document as read and sanitised by ingest; `text` is never altered afterwards."""

    __slots__ = ("id", "text", "title", "date", "author", "path", "meta", "sha256", "date_source")

    id: str
    text: str
    title: str
    date: str | None  # ISO 8601 at the precision given: 1987-02-26, 1987-02, 1987-Q1, 1987
    author: str | None
    path: str | None
    meta: Mapping[str, Any]
    sha256: str
    #: where the date was read: metadata, field, meta tag, byline, dateline, path or text
    date_source: str | None

    def __init__(
        self,
        id: str,
        text: str,
        title: str = "",
        date: str | None = None,
        author: str | None = None,
        path: str | None = None,
        meta: Mapping[str, Any] = _NEW_DICT,
        sha256: str = "",
        date_source: str | None = None,
    ) -> None:
        set_ = _setattr
        set_(self, "id", id)
        set_(self, "text", text)
        set_(self, "title", title)
        set_(self, "date", date)
        set_(self, "author", author)
        set_(self, "path", path)
        set_(self, "meta", {} if meta is _NEW_DICT else meta)
        set_(self, "sha256", sha256)
        set_(self, "date_source", date_source)

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


@_frozen
class Mention:
    """One span of text that names something: [start, end) into the document text."""

    __slots__ = ("start", "end", "text", "label", "entity", "sentence", "norm", "doc")

    start: int
    end: int
    text: str
    label: str
    entity: str  # the canonical name of the entity it refers to
    sentence: int  # index into the document's sentences
    norm: Any  # a normalised value: ISO date, {"value": 5e8, "currency": "USD"}, ...
    doc: str  # filled in by the store

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        label: str,
        entity: str,
        sentence: int = -1,
        norm: Any = None,
        doc: str = "",
    ) -> None:
        set_ = _setattr
        set_(self, "start", start)
        set_(self, "end", end)
        set_(self, "text", text)
        set_(self, "label", label)
        set_(self, "entity", entity)
        set_(self, "sentence", sentence)
        set_(self, "norm", norm)
        set_(self, "doc", doc)

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


@_frozen
class Entity:
    """What mentions refer to: a canonical name, a label, its aliases."""

    __slots__ = ("name", "label", "aliases", "mentions", "documents", "via", "implied")

    name: str
    label: str
    aliases: tuple[str, ...]
    mentions: int  # how many mentions refer to it (in the document, or in the store)
    documents: int  # how many documents mention it (filled in by the store)
    # A place the document is about without naming it alone: the names that say it ("Japan"
    # by "TOKYO" or "Bank of Japan"); such an entity has no mention of its own.
    via: tuple[str, ...]
    # How many documents imply it without naming it (filled in by the store): not among
    # `documents`, and none of its `mentions` are theirs.
    implied: int

    def __init__(
        self,
        name: str,
        label: str,
        aliases: tuple[str, ...] = (),
        mentions: int = 0,
        documents: int = 0,
        via: tuple[str, ...] = (),
        implied: int = 0,
    ) -> None:
        set_ = _setattr
        set_(self, "name", name)
        set_(self, "label", label)
        set_(self, "aliases", aliases)
        set_(self, "mentions", mentions)
        set_(self, "documents", documents)
        set_(self, "via", via)
        set_(self, "implied", implied)

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
            **({"via": list(self.via)} if self.via else {}),
        }


@_frozen
class Fact:
    """A typed relation with provenance: the sentence and characters it came from.

    `qualifiers` holds the predicate's other roles, flattened into the dict form as they are:
    `of`, `to` (title), `quote` (said), `participants`, `place`, `date` (met), `value`,
    `unit`, `currency` (amount), ...
    """

    __slots__ = ("predicate", "subject", "object", "sentence", "start", "end", "qualifiers", "doc")

    predicate: str
    subject: str
    object: str
    sentence: int
    start: int
    end: int
    qualifiers: Mapping[str, Any]
    doc: str  # filled in by the store

    def __init__(
        self,
        predicate: str,
        subject: str,
        object: str,
        sentence: int,
        start: int,
        end: int,
        qualifiers: Mapping[str, Any] = _NEW_DICT,
        doc: str = "",
    ) -> None:
        set_ = _setattr
        set_(self, "predicate", predicate)
        set_(self, "subject", subject)
        set_(self, "object", object)
        set_(self, "sentence", sentence)
        set_(self, "start", start)
        set_(self, "end", end)
        set_(self, "qualifiers", {} if qualifiers is _NEW_DICT else qualifiers)
        set_(self, "doc", doc)

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


@_frozen
class Extraction:
    """Everything the nlp pipeline found in one text."""

    __slots__ = ("sentences", "mentions", "entities", "facts")

    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]

    def __init__(
        self,
        sentences: tuple[tuple[int, int], ...],
        mentions: tuple[Mention, ...],
        entities: tuple[Entity, ...],
        facts: tuple[Fact, ...],
    ) -> None:
        set_ = _setattr
        set_(self, "sentences", sentences)
        set_(self, "mentions", mentions)
        set_(self, "entities", entities)
        set_(self, "facts", facts)

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


@_frozen
class DocumentSummary:
    """A document as the documents pane lists it: no text, just what a row shows."""

    __slots__ = ("id", "title", "date", "author", "path", "sentences", "mentions", "facts", "chars")

    id: str
    title: str
    date: str | None
    author: str | None
    path: str | None
    sentences: int
    mentions: int
    facts: int
    chars: int

    def __init__(
        self,
        id: str,
        title: str,
        date: str | None,
        author: str | None,
        path: str | None,
        sentences: int,
        mentions: int,
        facts: int,
        chars: int = 0,
    ) -> None:
        set_ = _setattr
        set_(self, "id", id)
        set_(self, "title", title)
        set_(self, "date", date)
        set_(self, "author", author)
        set_(self, "path", path)
        set_(self, "sentences", sentences)
        set_(self, "mentions", mentions)
        set_(self, "facts", facts)
        set_(self, "chars", chars)


@_frozen
class IngestError:
    """A file (or record) that could not be read, and why, in words a user understands."""

    __slots__ = ("path", "message")

    path: str
    message: str

    def __init__(self, path: str, message: str) -> None:
        set_ = _setattr
        set_(self, "path", path)
        set_(self, "message", message)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@_frozen
class Hit:
    """One search result, with the character ranges of `text` that matched the query."""

    __slots__ = (
        "kind",
        "doc",
        "title",
        "sentence",
        "text",
        "score",
        "highlights",
        "label",
        "entity",
        "predicate",
        "start",
        "end",
        "date",
        "implied",
    )

    kind: str  # "sentence" | "entity" | "fact"
    doc: str
    title: str
    sentence: int
    text: str
    score: float
    highlights: tuple[tuple[int, int], ...]
    label: str | None  # entity hits: the entity's label
    entity: str | None  # entity hits: the entity key (label:name)
    predicate: str | None  # fact hits
    start: int  # sentence hits: where `text` starts in the document
    end: int
    date: str | None  # ISO: a sentence's document's, a fact's own, an entity's latest
    #: entity hits: how many documents imply the entity without naming it (a country said
    #: only through a town or an institution); the others: 0
    implied: int

    def __init__(
        self,
        kind: str,
        doc: str,
        title: str,
        sentence: int,
        text: str,
        score: float,
        highlights: tuple[tuple[int, int], ...] = (),
        label: str | None = None,
        entity: str | None = None,
        predicate: str | None = None,
        start: int = -1,
        end: int = -1,
        date: str | None = None,
        implied: int = 0,
    ) -> None:
        set_ = _setattr
        set_(self, "kind", kind)
        set_(self, "doc", doc)
        set_(self, "title", title)
        set_(self, "sentence", sentence)
        set_(self, "text", text)
        set_(self, "score", score)
        set_(self, "highlights", highlights)
        set_(self, "label", label)
        set_(self, "entity", entity)
        set_(self, "predicate", predicate)
        set_(self, "start", start)
        set_(self, "end", end)
        set_(self, "date", date)
        set_(self, "implied", implied)

    def to_dict(self) -> dict[str, Any]:
        """The hit as `search --json` writes it (and the app's `x`, with the query before it):
        every field always there, in one order, null where the hit has none; `sentence` is
        -1 for an entity hit, as the command line's contract has it; `implied` is an entity
        hit's count of documents that imply it without naming it (null for other hits)."""
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
            "implied": self.implied if self.kind == "entity" else None,
        }


@_frozen
class SentenceRecord:
    """One sentence of the store, as the search index reads it."""

    __slots__ = ("doc", "title", "index", "start", "end", "text")

    doc: str
    title: str
    index: int  # the sentence's index in its document
    start: int  # offsets into the document text
    end: int
    text: str  # document.text[start:end]

    def __init__(self, doc: str, title: str, index: int, start: int, end: int, text: str) -> None:
        set_ = _setattr
        set_(self, "doc", doc)
        set_(self, "title", title)
        set_(self, "index", index)
        set_(self, "start", start)
        set_(self, "end", end)
        set_(self, "text", text)


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
