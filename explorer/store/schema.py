"""What a store is on disk: its tables and versions, the files beside it, and the shape of
the sidecar's row for one document."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

#: The version of the tables' layout; a store of a newer one is refused, never guessed at.
#: 2: segments and a manifest (segments.py); a single-file store (1) is still read.
SCHEMA_VERSION = 2
#: The version of the sidecar's layout; a sidecar of another one is ignored and rewritten.
#: 2: sealed with a checksum (storage.seal), and tied to the store by its meta table's span.
SIDECAR_FORMAT = 2
TABLES = ("documents", "mentions", "facts", "entities", "files", "meta")
#: The most paths given to ingest that the store remembers.
MAX_ROOTS = 100

# The sidecar's row of one document (a list, so that 20,000 of them load fast): its columns,
# then the byte spans of its records in the store file (documents, mentions, facts).
(
    ROW_ID,
    ROW_TITLE,
    ROW_DATE,
    ROW_AUTHOR,
    ROW_PATH,
    ROW_NSENT,
    ROW_NMENT,
    ROW_NFACT,
    ROW_CHARS,
    ROW_SHA,
    ROW_PATHS,
) = range(11)
ROW_DSPAN, ROW_MSPAN, ROW_FSPAN = 11, 12, 13

#: Before an entity key in a document's entity keys (the `.keys` files, their postings): an
#: entity the document implies without naming it ("~GPE:Germany" for a story from Frankfurt
#: about the Bundesbank), apart from the keys of the entities it mentions.
IMPLIED_MARK = "~"


class StoreError(Exception):
    """The store cannot be used as asked; str() is one line naming the path and what to do."""


def sidecar_path(path: Path) -> Path:
    """The derived file beside the store: the document list, file hashes and byte spans."""
    return path.with_name(path.name + ".idx")


def keys_path(path: Path) -> Path:
    """The derived file of each document's entity keys (entity pages without every mention)."""
    return path.with_name(path.name + ".keys")


def lock_path(path: Path) -> Path:
    """The file the one writer holds locked while it writes."""
    return path.with_name(path.name + ".lock")


def stat_key(st: os.stat_result) -> list[int]:
    """The identity of one version of the store file, as a sidecar names it (with the
    generation its meta table holds). Not the inode: a copy that keeps the mtime (cp -p,
    rsync -t, a backup restored) is the same version and keeps its sidecar."""
    return [st.st_size, st.st_mtime_ns]


def check_schema(path: Path, schema: Any) -> None:
    """StoreError when the store at `path` was written by a newer explorer."""
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer explorer (store schema {schema}; this one reads "
            f"{SCHEMA_VERSION}); upgrade explorer, or pass --db PATH to use another store"
        )


# ------------------------------------------------------------------ record types
#
# What every field of every table holds. A record that breaks these is reported by
# `explorer check`, skipped by readers (never a traceback), and refused by the writer.

_STR, _INT, _OPT_STR = "str", "int", "str|None"

#: table -> field -> (type, required)
FIELDS: dict[str, dict[str, tuple[str, bool]]] = {
    "documents": {
        "id": (_STR, True),
        "title": (_OPT_STR, False),
        "date": (_OPT_STR, False),
        "author": (_OPT_STR, False),
        "path": (_OPT_STR, False),
        "paths": ("list[str]", False),
        "sha256": (_STR, False),
        "chars": (_INT, False),
        "meta": ("dict", False),
        "counts": ("dict[int]", False),
        "sentences": ("list[span]", False),
        "entities": ("list[entity]", False),
        # entities the document implies without naming them: name, label, `via` the names
        # that say them (no mention, so no count: not among `entities`)
        "implied": ("list[implied]", False),
        "text": (_STR, False),
    },
    "mentions": {
        "doc": (_STR, True),
        "start": (_INT, True),
        "end": (_INT, True),
        "text": (_STR, False),
        "label": (_STR, True),
        "entity": (_STR, True),
        "sentence": (_INT, False),
        "norm": ("any", False),  # a date, an amount {value, currency, ...}, a number
    },
    "facts": {
        "doc": (_STR, True),
        "predicate": (_STR, True),
        "subject": (_STR, True),
        "object": (_STR, False),
        "sentence": (_INT, True),
        "start": (_INT, True),
        "end": (_INT, True),
    },
    "entities": {
        "key": (_STR, True),
        "name": (_STR, True),
        "label": (_STR, True),
        "aliases": ("list[str]", False),
        "mentions": (_INT, False),
        "documents": (_INT, False),
        "implied": (_INT, False),  # documents that imply it without naming it
    },
    "files": {
        "path": (_STR, True),
        "sha256": ("sha256", True),
        "size": (_INT, False),
        "mtime_ns": (_INT, False),
        "docs": ("list[str]", True),
    },
    "meta": {
        "schema": (_INT, True),
        "generation": (_STR, False),
        "app": (_STR, False),
        "updated": (_STR, False),
        "roots": ("list[str]", False),
    },
}

_HEX = frozenset("0123456789abcdef")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _type_ok(kind: str, value: Any) -> bool:
    if kind == _STR:
        return isinstance(value, str)
    if kind == _OPT_STR:
        return value is None or isinstance(value, str)
    if kind == _INT:
        return _is_int(value)
    if kind == "dict":
        return isinstance(value, dict)
    if kind == "dict[int]":
        return isinstance(value, dict) and all(_is_int(v) for v in value.values())
    if kind == "list[str]":
        return type(value) is list and all(type(v) is str for v in value)
    if kind == "list[span]":
        return type(value) is list and all(
            type(v) is list and len(v) == 2 and type(v[0]) is int and type(v[1]) is int
            for v in value
        )
    if kind == "list[entity]":
        return type(value) is list and all(
            type(v) is dict
            and type(v.get("name")) is str
            and type(v.get("label")) is str
            and type(v.get("mentions", 0)) is int
            and type(aliases := v.get("aliases", [])) is list
            and all(type(a) is str for a in aliases)
            for v in value
        )
    if kind == "list[implied]":
        return type(value) is list and all(
            type(v) is dict
            and type(v.get("name")) is str
            and type(v.get("label")) is str
            and type(via := v.get("via")) is list
            and all(type(a) is str for a in via)
            for v in value
        )
    if kind == "any":
        return True
    if kind == "sha256":
        return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX
    raise ValueError(kind)


_TYPE_WORDS = {
    _STR: "a string",
    _OPT_STR: "a string or null",
    _INT: "an integer",
    "dict": "an object",
    "dict[int]": "an object of integers",
    "list[str]": "a list of strings",
    "list[span]": "a list of [start, end] pairs of integers",
    "list[entity]": "a list of entities (name, label, aliases, mentions)",
    "list[implied]": "a list of implied entities (name, label, via)",
    "sha256": "a sha256 (64 hex digits)",
}


#: The exact Python types of the simple kinds (bool is not an int here), for a fast path.
_EXACT: dict[str, frozenset[type] | None] = {
    _STR: frozenset((str,)),
    _INT: frozenset((int,)),
    _OPT_STR: frozenset((str, type(None))),
    "dict": frozenset((dict,)),
    "any": None,
}
_MISSING = object()
_CHECKS = {
    table: [
        (name, kind, required, _EXACT.get(kind, frozenset()))
        for name, (kind, required) in f.items()
    ]
    for table, f in FIELDS.items()
}


def record_problems(table: str, record: Any) -> list[str]:
    """What is wrong with the types of one record of `table` (empty when nothing is)."""
    if type(record) is not dict:
        return [f"is {type(record).__name__}, not an object"]
    out: list[str] = []
    get = record.get
    for name, kind, required, exact in _CHECKS.get(table, ()):
        value = get(name, _MISSING)
        if value is _MISSING:
            if required:
                out.append(f"has no {name!r}")
            continue
        if exact is None or type(value) in exact:
            continue
        if exact or not _type_ok(kind, value):
            out.append(f"{name!r} is {_shown(value)}, not {_TYPE_WORDS[kind]}")
    return out


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
