"""Metadata files beside documents: `metadata.jsonl`, `metadata.csv` or `metadata.json` in a
folder, one record per document, naming its file relative to that folder (Hugging Face's
folder-dataset convention: `file_name`; also `path`, `file` or `txt`).

Such a file is metadata, not a document. Its records' fields (date, title, author, url, tags
and any other, lists kept as lists) become the named document's metadata; a record that
names a file that is not there is reported once per metadata file, as a warning.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["NAMES", "Catalog", "is_catalog", "load", "lookup", "warnings"]

#: File names of metadata files (case-insensitive).
NAMES = frozenset({"metadata.jsonl", "metadata.csv", "metadata.json"})
#: Fields that name a record's file, in order of preference.
FILE_FIELDS = ("file_name", "path", "file", "txt")


@dataclass
class Catalog:
    """One metadata file, read: records by the path they name (relative, with '/')."""

    path: Path
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    bad: list[str] = field(default_factory=list)  # records that could not be read, and why


_CACHE: dict[str, tuple[tuple[int, int, int], Catalog | None]] = {}


def _key(name: object) -> str | None:
    if not isinstance(name, str) or not name.strip():
        return None
    parts = [p for p in name.strip().replace("\\", "/").split("/") if p not in ("", ".")]
    return "/".join(parts) or None


def _rows(path: Path, data: bytes) -> list[Any]:
    from .readers import _text

    text = _text(data)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return list(csv.DictReader(io.StringIO(text, newline="")))
    import orjson

    if suffix == ".json":
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            value = None
        if isinstance(value, dict):
            value = next((v for v in value.values() if isinstance(v, list)), [value])
        if isinstance(value, list):
            return value
    rows: list[Any] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            try:
                rows.append(orjson.loads(line))
            except orjson.JSONDecodeError:
                rows.append(f"line {number}: not valid JSON")
    return rows


def load(path: Path) -> Catalog | None:
    """The metadata file at `path`, read once per process while it is unchanged; None when it
    is not a metadata file after all (no record names a file: then it is a document)."""
    try:
        st = path.stat()
    except OSError:
        return None
    stamp = (st.st_ino, st.st_size, st.st_mtime_ns)
    cached = _CACHE.get(str(path))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    from .readers import IngestFailure

    catalog = Catalog(path)
    try:
        rows = _rows(path, path.read_bytes())
    except (OSError, IngestFailure, csv.Error, RecursionError) as exc:
        rows = []
        catalog.bad.append(f"cannot read it ({exc})")
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            catalog.bad.append(row if isinstance(row, str) else f"record {number}: not an object")
            continue
        lower = {str(k).lower(): k for k in row}
        named = next((f for f in FILE_FIELDS if _key(row.get(lower.get(f, ""))) is not None), None)
        key = _key(row[lower[named]]) if named is not None else None
        if named is None or key is None:
            catalog.bad.append(f"record {number}: names no file ({', '.join(FILE_FIELDS)})")
            continue
        meta = {str(k): v for k, v in row.items() if k != lower[named] and v not in (None, "")}
        catalog.records[key] = meta
    # Records, but none names a file: documents, not metadata.
    found = None if not catalog.records and rows else catalog
    _CACHE[str(path)] = (stamp, found)
    return found


def is_catalog(path: Path) -> bool:
    """Whether `path` is a metadata file of the folder it is in (by name, then by content)."""
    return path.name.lower() in NAMES and load(path) is not None


_FOLDERS: dict[str, tuple[int, list[Path]]] = {}


def _catalogs_in(folder: Path) -> list[Path]:
    # Listed once per folder while it is unchanged: a folder of 20,000 articles is not read
    # again for each of them.
    try:
        stamp = os.stat(folder).st_mtime_ns
    except OSError:
        return []
    cached = _FOLDERS.get(str(folder))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        found = sorted(
            folder / e.name for e in os.scandir(folder) if e.name.lower() in NAMES and e.is_file()
        )
    except OSError:
        found = []
    _FOLDERS[str(folder)] = (stamp, found)
    return found


def lookup(path: Path, root: Path | None) -> dict[str, Any] | None:
    """The metadata record naming `path` in a metadata file of its folder or of a folder
    above it up to `root` (the nearest wins), or None."""
    path = Path(path)
    folder = path.parent
    stop = Path(root) if root is not None else folder
    while True:
        for candidate in _catalogs_in(folder):
            catalog = load(candidate)
            if catalog is None:
                continue
            try:
                rel = path.relative_to(folder).as_posix()
            except ValueError:
                continue
            record = catalog.records.get(rel)
            if record is not None:
                return record
        if folder == stop or folder.parent == folder or stop not in folder.parents:
            return None
        folder = folder.parent


def warnings(paths: list[Path]) -> list[str]:
    """One line per metadata file under `paths` whose records name missing files or could not
    be read."""
    out: list[str] = []
    for raw in paths:
        raw = Path(raw)
        if not raw.is_dir():
            continue
        for folder, dirs, files in os.walk(raw):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
            for name in sorted(n for n in files if n.lower() in NAMES):
                catalog = load(Path(folder, name))
                if catalog is None:
                    continue
                missing = [
                    rel for rel in catalog.records if not Path(folder, *rel.split("/")).is_file()
                ]
                problems = []
                if missing:
                    shown = ", ".join(missing[:3]) + (", ..." if len(missing) > 3 else "")
                    problems.append(
                        f"{len(missing)} record{'s' if len(missing) > 1 else ''} name"
                        f"{'' if len(missing) > 1 else 's'} a file that is not there ({shown})"
                    )
                if catalog.bad:
                    problems.append(
                        f"{len(catalog.bad)} record{'s' if len(catalog.bad) > 1 else ''} "
                        f"not read ({catalog.bad[0]})"
                    )
                if problems:
                    out.append(f"{catalog.path}: " + "; ".join(problems))
    return out
