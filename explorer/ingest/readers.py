"""Readers by format: bytes of one file to one or more records of text and metadata.

Each reader returns `Record`s; `explorer.ingest.files` turns them into Documents (sanitised,
with ids). Readers raise `IngestFailure` with a reason a user understands.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .dates import parse_date
from .metadata import clean_title, normalize_author
from .text import DecodeFailure, decode


class IngestFailure(Exception):
    """A file (or record) that cannot be read; str() is the reason, without the path."""


@dataclass(slots=True)
class Record:
    """One document's worth of text from a file, before sanitising and id assignment."""

    text: str
    title: str | None = None  # None: sniff it from the text
    date: Any = None  # as written: parsed (and reported when not understood) by files.py
    date_source: str = "field"  # "field" or "meta tag": where `date` was read
    author: str | None = None
    key: str | None = None  # the record's own id or number inside a multi-record file
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None  # a record that could not be read (the others still are)


def _text(data: bytes, hint: str | None = None) -> str:
    try:
        return decode(data, hint)
    except DecodeFailure as exc:
        raise IngestFailure(str(exc)) from None


# --------------------------------------------------------------------------- plain text


def read_txt(data: bytes) -> list[Record]:
    """A plain text file: one record, its decoded text."""
    return [Record(_text(data))]


# --------------------------------------------------------------------------- markdown

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            fields[key.strip().lower()] = value.strip().strip("'\"")
    return fields, text[match.end() :]


def _markdown_to_text(source: str) -> tuple[str, str | None]:
    """Plain text of a markdown document, blocks separated by blank lines; the first heading."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(source)
    blocks: list[str] = []
    row: list[str] = []
    heading: str | None = None
    first_level = 7
    level = 0
    in_cell = False
    for token in tokens:
        kind = token.type
        if kind in ("th_open", "td_open"):
            in_cell = True
        elif kind in ("th_close", "td_close"):
            in_cell = False
        elif kind == "heading_open":
            level = int(token.tag[1:])
        elif kind == "heading_close":
            level = 0
        elif kind == "inline":
            pieces = []
            for child in token.children or ():
                if child.type in ("text", "code_inline"):
                    pieces.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    pieces.append("\n")
                elif child.type == "image":
                    pieces.append(child.content or "")
            line = "".join(pieces).strip()
            if not line:
                continue
            if level and level < first_level:
                heading, first_level = line, level
            if in_cell:
                row.append(line)
            else:
                blocks.append(line)
        elif kind == "tr_close":
            if row:
                blocks.append("\t".join(row))
            row = []
        elif kind in ("fence", "code_block"):
            if token.content.strip():
                blocks.append(token.content.rstrip("\n"))
        elif kind == "html_block":
            text = _html_fragment_text(token.content)
            if text:
                blocks.append(text)
    return "\n\n".join(blocks), heading


def read_md(data: bytes) -> list[Record]:
    """A Markdown file: one record, its text without markup; its fields from front matter
    (the first heading as the title when there is none)."""
    fields, body = _front_matter(_text(data).replace("\r\n", "\n"))
    text, heading = _markdown_to_text(body)
    meta = {k: v for k, v in fields.items() if k not in ("title", "date", "author")}
    return [
        Record(
            text,
            title=clean_title(fields.get("title") or heading) or None,
            date=fields.get("date"),
            author=normalize_author(fields.get("author")),
            meta=meta,
        )
    ]


# --------------------------------------------------------------------------- html

_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "footer",
    "form",
    "svg",
    "iframe",
    "button",
    "select",
    "canvas",
    "object",
    "embed",
    "head",
)
_BLOCKS = frozenset(
    (
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "thead",
        "tbody",
        "tfoot",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "address",
        "hr",
        "caption",
        "details",
        "summary",
        "body",
        "html",
    )
)
_CELLS = frozenset(("td", "th"))
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "timestamp",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "sailthru.author",
    "parsely-author",
    "twitter:creator",
)
_TITLE_META = ("og:title", "twitter:title", "dc.title", "headline", "title")


def _soup(markup: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(markup, "html.parser")


def _block_text(root) -> str:
    """Text of an element: blocks on their own lines, inline runs joined, spaces collapsed."""
    from bs4 import Comment, Doctype, NavigableString, Tag

    out: list[str] = []

    def walk(node) -> None:
        for child in node.children:
            if isinstance(child, (Comment, Doctype)):
                continue
            if isinstance(child, NavigableString):
                out.append(_SPACES.sub(" ", str(child).replace("\n", " ")))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "br":
                out.append("\n")
            elif name == "pre":
                out.append("\n\n" + child.get_text() + "\n\n")
            elif name in _BLOCKS:
                out.append("\n\n")
                walk(child)
                out.append("\n\n")
            elif name in _CELLS:
                out.append("\t")
                walk(child)
            else:
                walk(child)

    walk(root)
    lines = [line.strip(" \t") for line in "".join(out).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _html_fragment_text(markup: str) -> str:
    soup = _soup(markup)
    for tag in soup(list(_DROP)):
        tag.decompose()
    return _block_text(soup)


def _meta_values(soup) -> dict[str, str]:
    values: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        name = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip()
        content = tag.get("content")
        if name and isinstance(content, str) and content.strip():
            values.setdefault(name.lower(), content.strip())
    return values


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_:.-]+)""", re.I)


def read_html(data: bytes) -> list[Record]:
    """An HTML page: one record, the text of its article; title, date and author from meta tags."""
    declared = _CHARSET.search(data[:4096])
    soup = _soup(_text(data, declared.group(1).decode("ascii") if declared else None))
    meta = _meta_values(soup)
    title = next((meta[k] for k in _TITLE_META if k in meta), None)
    if not title and soup.title and soup.title.string:
        title = soup.title.string
    # The first meta tag whose date is understood; else the first one, to be reported.
    written = [meta[k] for k in _DATE_META if k in meta]
    time_tag = soup.find("time", attrs={"datetime": True})
    if time_tag is not None and isinstance(time_tag["datetime"], str):
        written.append(time_tag["datetime"])
    date = next((d for d in written if parse_date(d)), written[0] if written else None)
    author = next((normalize_author(meta[k]) for k in _AUTHOR_META if k in meta), None)
    if author is None:
        link = soup.find(attrs={"rel": "author"})
        if link is not None:
            author = normalize_author(link.get_text(" "))
    extra = {}
    if "description" in meta:
        extra["description"] = meta["description"]
    canonical = soup.find("link", attrs={"rel": "canonical", "href": True})
    url = meta.get("og:url") or (canonical["href"] if canonical is not None else None)
    if url:
        extra["url"] = url
    for tag in soup(list(_DROP)):
        tag.decompose()
    for tag in soup.find_all(attrs={"role": ("navigation", "banner", "contentinfo")}):
        tag.decompose()
    for tag in soup.find_all(attrs={"hidden": True}):
        tag.decompose()
    # One <article> is the story; several (an index page) are read within <main> or <body>.
    articles = soup.find_all("article")
    main = (
        (articles[0] if len(articles) == 1 else None)
        or soup.find("main")
        or soup.find(attrs={"role": "main"})
        or soup.body
        or soup
    )
    text = _block_text(main)
    if not title:
        h1 = soup.find("h1")
        title = h1.get_text(" ") if h1 is not None else None
    return [
        Record(
            text,
            title=clean_title(title) or None,
            date=date,
            date_source="meta tag",
            author=author,
            meta=extra,
        )
    ]


# --------------------------------------------------------------------------- records

_TEXT_FIELDS = ("text", "body", "content")
_KNOWN = {"text", "body", "content", "title", "date", "author", "url", "id"}
# Other names of a record's date field, tried when there is no `date`.
_DATE_FIELDS = ("date", "published", "published_at", "publish_date", "pubdate", "datetime")


def _from_mapping(obj: Mapping[str, Any], number: int) -> Record:
    lower = {str(k).lower(): k for k in obj}
    own_id = obj.get(lower["id"]) if "id" in lower else None
    key = str(own_id) if own_id not in (None, "") else str(number)
    text = next(
        (
            obj[lower[f]]
            for f in _TEXT_FIELDS
            if f in lower and isinstance(obj[lower[f]], str) and obj[lower[f]].strip()
        ),
        None,
    )
    meta = {
        str(k): v
        for k, v in obj.items()
        if str(k).lower() not in _KNOWN or (str(k).lower() in _TEXT_FIELDS and obj[k] is not text)
    }
    if "url" in lower and obj[lower["url"]]:
        meta["url"] = obj[lower["url"]]
    if own_id not in (None, ""):
        meta["record_id"] = own_id
    title = obj.get(lower["title"]) if "title" in lower else None
    if text is None:
        return Record("", key=key, error="no text: the record has no text, body or content field")
    return Record(
        text,
        title=clean_title(title) or None if title not in (None, "") else None,
        date=next((obj[lower[f]] for f in _DATE_FIELDS if f in lower and obj[lower[f]]), None),
        author=normalize_author(obj.get(lower["author"])) if "author" in lower else None,
        key=key,
        meta=meta,
    )


def read_json(data: bytes) -> list[Record]:
    """A JSON file: one record per object (or string) in it, or in its list under `documents`,
    `records`, ...; a .json file that holds JSON Lines is read as JSON Lines."""
    import orjson

    text = _text(data)
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        # A .json file that is really JSON Lines is common; read it as such.
        if "\n" in text.strip():
            try:
                return read_jsonl(data)
            except IngestFailure:
                pass
        raise IngestFailure(f"not valid JSON ({exc})") from None
    if isinstance(value, dict):
        for name in ("documents", "records", "items", "articles", "data"):
            if isinstance(value.get(name), list):
                value = value[name]
                break
    if isinstance(value, dict):
        return [_from_mapping(value, 1)]
    if not isinstance(value, list):
        raise IngestFailure("JSON holds neither an object nor a list of objects")
    records = []
    for number, item in enumerate(value, start=1):
        if isinstance(item, dict):
            records.append(_from_mapping(item, number))
        elif isinstance(item, str) and item.strip():
            records.append(Record(item, key=str(number)))
        else:
            records.append(Record("", key=str(number), error="not a JSON object with text"))
    return records


def read_jsonl(data: bytes) -> list[Record]:
    """A JSON Lines file: one record per non-blank line (a line that is no object: a failure)."""
    import orjson

    records = []
    for number, line in enumerate(_text(data).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            records.append(
                Record("", key=str(number), error=f"line {number}: not valid JSON ({exc})")
            )
            continue
        if isinstance(item, dict):
            records.append(_from_mapping(item, number))
        else:
            records.append(
                Record("", key=str(number), error=f"line {number}: not a JSON object with text")
            )
    return records


def read_csv(data: bytes) -> list[Record]:
    """A CSV file (dialect sniffed) with a text, body or content column: one record per row."""
    text = _text(data)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    if not reader.fieldnames or not {f.strip().lower() for f in reader.fieldnames if f} & set(
        _TEXT_FIELDS
    ):
        raise IngestFailure("CSV has no text, body or content column")
    records = []
    try:
        for number, row in enumerate(reader, start=1):
            row = {(k or "").strip(): v for k, v in row.items() if k is not None}
            records.append(_from_mapping(row, number))
    except csv.Error as exc:
        raise IngestFailure(f"not valid CSV ({exc})") from None
    return records


# --------------------------------------------------------------------------- pdf


def read_pdf(data: bytes) -> list[Record]:
    """A PDF file: one record, the text of its pages."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise IngestFailure("PDF support needs pypdf (pip install pypdf)") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise IngestFailure("encrypted PDF: cannot read its text") from None
        pages = [page.extract_text() or "" for page in reader.pages]
        info: Mapping[str, Any] = reader.metadata or {}
    except IngestFailure:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestFailure(f"not a readable PDF ({exc})") from None
    text = "\n\n".join(page.strip("\n") for page in pages if page.strip())
    if not text.strip():
        raise IngestFailure("PDF has no text layer (scanned images?)")
    return [
        Record(
            text,
            title=clean_title(info.get("/Title")) or None,
            date=info.get("/CreationDate"),
            author=normalize_author(info.get("/Author")),
            meta={"pages": len(pages)},
        )
    ]


READERS: dict[str, Callable[[bytes], list[Record]]] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".md": read_md,
    ".markdown": read_md,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".pdf": read_pdf,
}
