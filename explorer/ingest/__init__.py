"""Reading documents: files and folders to sanitised Documents with metadata.

Formats: .txt, .md, .html/.htm, .json/.jsonl/.csv (one document per record), .pdf. Any
encoding is decoded or reported; control characters are removed before any offset exists.

The names below are imported when first used (module __getattr__), not with the package:
`explorer extract --jsonl` needs only `explorer.ingest.metadata`, and importing the package
for it would import the file readers, the catalog and hashlib too (~66 M instructions of
every process's start-up, measured with callgrind).
"""

from __future__ import annotations

import importlib

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .files import (
        DEFAULT_MAX_BYTES,
        SUPPORTED,
        content_hash,
        document_from_text,
        document_id,
        find_files,
        is_supported,
        iter_documents,
        read_bytes,
        read_file,
        read_source,
    )
    from .readers import IngestFailure
    from .text import sanitize

# Each public name and the submodule that defines it.
_WHERE = {
    "DEFAULT_MAX_BYTES": "files",
    "SUPPORTED": "files",
    "content_hash": "files",
    "document_from_text": "files",
    "document_id": "files",
    "find_files": "files",
    "is_supported": "files",
    "iter_documents": "files",
    "read_bytes": "files",
    "read_file": "files",
    "read_source": "files",
    "IngestFailure": "readers",
    "sanitize": "text",
}

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED",
    "IngestFailure",
    "content_hash",
    "document_from_text",
    "document_id",
    "find_files",
    "is_supported",
    "iter_documents",
    "read_bytes",
    "read_file",
    "read_source",
    "sanitize",
]


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{where}"), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
