"""Reading documents: files and folders to sanitised Documents with metadata.

Formats: .txt, .md, .html/.htm, .json/.jsonl/.csv (one document per record), .pdf. Any
encoding is decoded or reported; control characters are removed before any offset exists.
"""

from __future__ import annotations

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
