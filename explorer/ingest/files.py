"""Files to Documents: walking folders, reading within limits, ids, and the fault reasons."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from explorer.model import Document, IngestError

from . import catalog
from .dates import dateline_date, parse_date, path_date, text_date, year_of
from .metadata import clean_title, normalize_author, sniff
from .readers import READERS, IngestFailure, Record
from .text import sanitize

DEFAULT_MAX_BYTES = 50_000_000
SUPPORTED = frozenset(READERS)


def is_supported(path: Path) -> bool:
    """True when `path`'s extension is a format ingest reads."""
    return path.suffix.lower() in SUPPORTED


def find_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | IngestError]:
    """Supported files under `paths` (folders walked recursively, hidden entries skipped),
    sorted within each folder; an IngestError for a path that does not exist or that is not
    a supported file when named explicitly."""
    for _raw, item, _link in walk_files(paths):
        yield item if isinstance(item, IngestError) else Path(item)


def walk_files(
    paths: Iterable[str | os.PathLike[str]],
) -> Iterator[tuple[Path, str | IngestError, bool]]:
    """find_files as (the path given, the file found or an IngestError, whether the file
    is a link), the files as strings: a folder of 200,000 files costs no Path object, no
    stat of a regular file and no lstat of one that is not a link (the directory listing
    says which is which)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found: list[tuple[str, str, bool]] = []
            errors: list[IngestError] = []

            def on_error(
                exc: OSError, errors: list[IngestError] = errors, path: Path = path
            ) -> None:
                errors.append(IngestError(printable_path(exc.filename or path), os_reason(exc)))

            for folder, dirs, files in _walk(str(path), on_error):
                dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
                prefix = folder if folder.endswith(os.sep) else folder + os.sep
                for entry in files:
                    name = entry.name
                    if name.startswith(".") or _suffix(name).lower() not in SUPPORTED:
                        continue
                    candidate = prefix + name
                    if name.lower() in catalog.NAMES and catalog.is_catalog(Path(candidate)):
                        continue  # the folder's metadata, not a document
                    problem = _unreadable_name(candidate) or _not_regular_entry(entry, candidate)
                    if problem:
                        errors.append(IngestError(printable_path(candidate), problem))
                    else:
                        # Paths order by their parts: as the strings do with the separator
                        # below every other character.
                        key = candidate.replace(os.sep, "\0")
                        found.append((key, candidate, _is_link(entry)))
            for error in errors:
                yield path, error, False
            found.sort(key=lambda f: f[0])
            for _key, candidate, link in found:
                yield path, candidate, link
        elif path.is_file():
            unreadable = _unreadable_name(path)
            if unreadable:
                yield path, IngestError(printable_path(path), unreadable), False
            elif is_supported(path):
                yield path, str(path), path.is_symlink()
            else:
                yield (
                    path,
                    IngestError(
                        str(path),
                        f"unsupported file type {path.suffix or '(none)'!r}"
                        f" (supported: {', '.join(sorted(SUPPORTED))})",
                    ),
                    False,
                )
        elif path.exists():
            yield path, IngestError(printable_path(path), "not a regular file or folder"), False
        else:
            yield path, IngestError(printable_path(path), "no such file or folder"), False


def _walk(top: str, on_error: Any) -> Iterator[tuple[str, list[str], list[os.DirEntry[str]]]]:
    """os.walk(top) top-down, not into linked folders, with the files' directory entries
    instead of their names (their type comes with the listing)."""
    dirs: list[str] = []
    files: list[os.DirEntry[str]] = []
    try:
        listing = os.scandir(top)
    except OSError as error:
        on_error(error)
        return
    with listing:
        while True:
            try:
                entry = next(listing)
            except StopIteration:
                break
            except OSError as error:
                on_error(error)
                return
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                dirs.append(entry.name)
            else:
                files.append(entry)
    yield top, dirs, files
    for name in dirs:
        inner = os.path.join(top, name)
        if not os.path.islink(inner):
            yield from _walk(inner, on_error)


def _suffix(name: str) -> str:
    # Path(name).suffix, without making a Path.
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def _not_regular_entry(entry: os.DirEntry[str], path: str) -> str | None:
    try:
        if entry.is_file():  # a regular file, or a link to one: known from the listing
            return None
    except OSError:
        pass
    return _not_regular(Path(path))


def printable_path(path: Path | str) -> str:
    """A path as a person can read it: undecodable bytes as \ufffd, control characters
    (an escape sequence in a file name) written as \\x1b, never sent to a terminal."""
    text = os.fsencode(path).decode("utf-8", "replace")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _unreadable_name(path: Path | str) -> str | None:
    # A name that is not UTF-8 would carry surrogates into ids, JSON and the store.
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8: rename the file to ingest it"
    return None


def _not_regular(path: Path) -> str | None:
    # Opening a FIFO blocks for ever, and a device never ends: only regular files are read.
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return os_reason(exc)
    if stat.S_ISREG(mode):
        return None
    return "not a regular file (a pipe, socket or device)"


def os_reason(exc: OSError) -> str:
    """Why a file could not be read, in a user's words, from the OSError that said so."""
    if isinstance(exc, FileNotFoundError):
        return "vanished before it could be read"
    if isinstance(exc, PermissionError):
        return "cannot read it: permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if exc.errno == errno.EISDIR:
        return "is a folder, not a file"
    return f"cannot read it: {exc.strerror or exc}"


def read_bytes(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or IngestFailure: vanished, unreadable, empty or over the limit."""
    try:
        # O_NONBLOCK: a FIFO opens at once instead of waiting for a writer, then is refused.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise IngestFailure("not a regular file (a pipe, socket or device)")
            size = info.st_size
            if size > max_bytes:
                raise IngestFailure(
                    f"too large: {size:,} bytes, over the limit of {max_bytes:,} bytes"
                )
            data = _read_fd(fd, min(size, max_bytes) + 1, max_bytes + 1)
        finally:
            os.close(fd)
    except IngestFailure:
        raise
    except OSError as exc:
        raise IngestFailure(os_reason(exc)) from None
    if len(data) > max_bytes:
        raise IngestFailure(f"too large: over the limit of {max_bytes:,} bytes")
    if not data or data.isspace():
        raise IngestFailure("empty file" if not data else "empty file (only whitespace)")
    return data


def _read_fd(fd: int, want: int, limit: int) -> bytes:
    """Up to `limit` bytes of an open file, asking for `want` first (its size and one byte:
    a file that grew since is read on). os.read, not a buffered file's read(limit), which
    allocates the whole limit (50 MB) for every file: 38 against 7 µs a 4 KB file."""
    parts: list[bytes] = []
    total = 0
    while total < limit:
        chunk = os.read(fd, min(want - total if total < want else 1 << 20, limit - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def document_id(path: Path, root: Path | None) -> str:
    """A stable, readable id: the path relative to the folder given, else the file name."""
    if root is not None:
        try:
            return printable_path(path.relative_to(root).as_posix())
        except ValueError:
            pass
    return printable_path(path.name)


def content_hash(text: str) -> str:
    """The SHA-256 of a decoded text: the identity of a document's content."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def document_from_text(
    doc_id: str,
    text: str,
    *,
    path: str | os.PathLike[str] | None = None,
    meta: Mapping[str, Any] | None = None,
) -> Document:
    """A Document from raw text: sanitised, with title/date/author from `meta` when given
    there, else sniffed from the first lines.

    `meta["date"]` is the date as written and `meta["date_source"]` where it was read
    ("metadata", "field" by default, "meta tag"). Without one understood, the date comes from
    the byline, a dateline, the path, then the text (`Document.date_source` says which); a
    date written but not understood is kept verbatim as `meta["date_unparsed"]`.
    """
    clean = sanitize(text)
    meta = dict(meta or {})
    sniffed_title, sniffed_date, sniffed_author = sniff(clean)
    title = clean_title(sanitize(str(meta.pop("title")))) if meta.get("title") else ""
    written = meta.pop("date", None)
    source = meta.pop("date_source", None) or "field"
    where = meta.pop("_relpath", None) or path  # a date in the path below the folder given
    date, date_source = _document_date(
        clean, written, source, sniffed_date, "byline" if sniffed_author else "text", where, meta
    )
    author = normalize_author(sanitize(str(meta.pop("author")))) if meta.get("author") else None
    meta = {k: (sanitize(v) if isinstance(v, str) else v) for k, v in meta.items() if v is not None}
    return Document(
        id=doc_id,
        text=clean,
        title=title or sniffed_title or doc_id,
        date=date,
        date_source=date_source,
        author=author or sniffed_author,
        path=str(path) if path is not None else None,
        meta=meta,
        sha256=content_hash(clean),
    )


def _document_date(
    text: str,
    written: Any,
    source: str,
    sniffed: str | None,
    sniffed_from: str,
    path: str | os.PathLike[str] | None,
    meta: dict[str, Any],
) -> tuple[str | None, str | None]:
    """(date, date_source) from the best place that gives one: the date given (metadata,
    field, meta tag), the first lines (a byline, or a date line: "text"), a dateline, the
    path; fills meta["date_unparsed"] and meta["dateline"] on the way."""
    if written not in (None, "") and not isinstance(written, (list, dict)):
        date = parse_date(written)
        if date:
            return date, source
        meta["date_unparsed"] = sanitize(str(written))
    elif isinstance(written, (list, dict)) and written:
        meta["date_unparsed"] = sanitize(str(written))
    if sniffed:
        return sniffed, sniffed_from  # a byline with its date, or a date line of its own
    from_path = path_date(str(path)) if path is not None else None
    from_text: str | None = None
    year = year_of(meta.get("date_unparsed")) or (int(from_path[:4]) if from_path else None)
    if year is None:
        from_text = text_date(text)
        year = int(from_text[:4]) if from_text else None
    date, line = dateline_date(text, year)
    if line:
        meta["dateline"] = line
    if date:
        return date, "dateline"
    if from_path:
        return from_path, "path"
    # The dates a story mentions are its events' (on the BBC corpus, of 2004-2005, the year
    # it names most is in that span for 36% of the stories, its latest full date for 31%):
    # they place a dateline's day in its year, never date the document alone.
    return None, None


def _documents(
    path: Path, root: Path | None, records: list[Record]
) -> tuple[list[Document], list[IngestError]]:
    base = document_id(path, root)
    described = catalog.lookup(path, root)
    many = len(records) > 1 or (records and records[0].key is not None)
    docs: list[Document] = []
    errors: list[IngestError] = []
    for record in records:
        doc_id = f"{base}#{record.key}" if many else base
        if record.error:
            errors.append(IngestError(f"{path}#{record.key}" if many else str(path), record.error))
            continue
        if not record.text.strip():
            errors.append(IngestError(f"{path}#{record.key}" if many else str(path), "no text"))
            continue
        meta: dict[str, Any] = dict(record.meta)
        if record.title:
            meta["title"] = record.title
        if record.date not in (None, ""):
            meta["date"] = record.date
            meta["date_source"] = record.date_source
        if record.author:
            meta["author"] = record.author
        if many:
            meta["record"] = record.key
        if described:
            # The metadata file beside the document wins over what the file itself says.
            meta.update({k: v for k, v in described.items() if k not in ("date", "text")})
            if described.get("date") not in (None, ""):
                meta["date"] = described["date"]
                meta["date_source"] = "metadata"
        if root is not None:
            meta["_relpath"] = base
        doc = document_from_text(doc_id, record.text, path=path, meta=meta)
        if described:
            # Its metadata record is part of what the document is: the same text described
            # twice is two documents, and a corrected record replaces the stored one.
            described_json = json.dumps(described, sort_keys=True, default=str)
            doc = replace(doc, sha256=content_hash(f"{doc.text}\0{described_json}"))
        docs.append(doc)
    return docs, errors


def read_source(
    path: str | os.PathLike[str],
    *,
    root: str | os.PathLike[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    data: bytes | None = None,
) -> tuple[list[Document], list[IngestError]]:
    """Every document of one file and an error for each record that could not be read.

    Raises IngestFailure when the file as a whole cannot be read.
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise IngestFailure(f"unsupported file type {path.suffix or '(none)'!r}")
    if data is None:
        data = read_bytes(path, max_bytes=max_bytes)
    try:
        records = reader(data)
    except IngestFailure:
        raise
    except RecursionError:
        raise IngestFailure("too deeply nested to read") from None
    docs, errors = _documents(path, Path(root) if root is not None else None, records)
    if not docs:
        if errors and len(errors) == 1 and len(records) == 1:
            raise IngestFailure(errors[0].message)
        if errors:
            raise IngestFailure(
                f"no readable record ({len(errors)} failed; first: {errors[0].message})"
            )
        raise IngestFailure("no text")
    return docs, errors


def read_file(
    path: str | os.PathLike[str],
    *,
    root: str | os.PathLike[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Document]:
    """The documents of one file (one, or one per record of .json/.jsonl/.csv)."""
    return read_source(path, root=root, max_bytes=max_bytes)[0]


def iter_documents(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | IngestError]:
    """Documents from files and folders, in order, with an IngestError for each failure."""
    for raw in paths:
        root = Path(raw) if Path(raw).is_dir() else None
        for item in find_files([raw]):
            if isinstance(item, IngestError):
                yield item
                continue
            try:
                docs, errors = read_source(item, root=root, max_bytes=max_bytes)
            except IngestFailure as exc:
                yield IngestError(printable_path(item), str(exc))
                continue
            yield from docs
            yield from errors
