"""The TinyDB store: documents, mentions, facts and entities in immutable segment files
under a manifest, a commit one new segment written atomically by one writer at a time,
with incremental ingest."""

from __future__ import annotations

from .ingest import IngestReport
from .rules import RuleError
from .schema import SCHEMA_VERSION, TABLES, StoreError, sidecar_path
from .storage import AtomicJSONStorage, ReadOnlyStorage, StoreLock, atomic_write
from .storage import open_tinydb as tinydb
from .store import Store, default_db_path

__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "AtomicJSONStorage",
    "IngestReport",
    "ReadOnlyStorage",
    "RuleError",
    "Store",
    "StoreError",
    "StoreLock",
    "atomic_write",
    "default_db_path",
    "sidecar_path",
    "tinydb",
]
