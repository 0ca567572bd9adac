"""What a store is on disk: its tables and versions, the files beside it, and the shape of
the sidecar's row for one document."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

#: The version of the tables' layout; a store of a newer one is refused, never guessed at.
SCHEMA_VERSION = 1
#: The version of the sidecar's layout; a sidecar of another one is ignored and rewritten.
SIDECAR_FORMAT = 1
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
    """The identity of one version of the store file, as a sidecar names it."""
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def check_schema(path: Path, schema: Any) -> None:
    """StoreError when the store at `path` was written by a newer explorer."""
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer explorer (store schema {schema}; this one reads "
            f"{SCHEMA_VERSION}); upgrade explorer, or pass --db PATH to use another store"
        )
