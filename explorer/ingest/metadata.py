"""Metadata a reader expects: a headline as title, an ISO 8601 date, an author from a byline."""

from __future__ import annotations

import functools
import re

from .dates import parse_date

__all__ = ["clean_title", "normalize_author", "normalize_date", "sniff"]

_DATE_TEXT = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{4}/\d{1,2}/\d{1,2}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
)
# A name in a byline: capitalised words, with particles (van, de, al-) and initials.
_NAME = (
    r"(?P<author>(?:[A-Z][\w'’.-]*|(?:van|von|de|der|da|di|al|bin|ibn|la|le)(?=\s))"
    r"(?:[ \t]+(?:[A-Z][\w'’.-]*|van|von|de|der|da|di|al|bin|ibn|la|le|and|&)){0,5})"
)
# A line of metadata and a byline open as these say (the start of `_meta_line` with a date or
# an author, and of `_author_line`): most first lines do not, and the two long patterns are
# compiled only for a text that has one (each process compiled them at start: issue 9).
_META_START = re.compile(r"[\s,|·-]*(?:date|published|posted|updated|by\s|author\s*:)", re.I)
_AUTHOR_START = re.compile(r"\s*(?:by\s|author\s*:|written by\s)", re.I)


@functools.cache
def _meta_line() -> re.Pattern[str]:
    return re.compile(
        r"^\s*(?:(?:date|published|posted|updated)\s*:?\s*(?P<date>" + _DATE_TEXT + r"))?"
        r"[\s,|·-]*(?:(?:by|author\s*:)\s+" + _NAME + r")?\s*$",
        re.I,
    )


@functools.cache
def _author_line() -> re.Pattern[str]:
    return re.compile(r"^\s*(?:by|author\s*:|written by)\s+" + _NAME + r"\s*$", re.I)


# "By Jane Doe, 30 April 2019", "By John Smith | Published March 3, 1987 10:15 GMT".
# Compiled when a line first starts as it must (about 9 ms): most texts have no byline.
_BYLINE_DATE = (
    r"^\s*(?:by|written by)\s+" + _NAME + r"\s*[,|·–—-]+\s*"
    r"(?:(?:published|updated|posted)\s*:?\s*)?(?P<date>" + _DATE_TEXT + r")\b.{0,40}$"
)
_BYLINE_START = re.compile(r"\s*(?:by|written by)\s", re.I)


@functools.cache
def _byline_date() -> re.Pattern[str]:
    return re.compile(_BYLINE_DATE, re.I)


_DATE_LINE = re.compile(
    r"^\s*(?:(?:date|published|posted|updated)\s*:?\s*)?(?P<date>" + _DATE_TEXT + r")\s*$",
    re.I,
)
_TITLE_MAX = 120


def normalize_date(value: object) -> str | None:
    """ISO 8601 at the precision `value` gives (see `explorer.ingest.dates.parse_date`)."""
    return parse_date(value)


def normalize_author(value: object) -> str | None:
    """An author's name: no "By", no trailing punctuation or spaces; None when empty."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        names = [n for n in (normalize_author(v) for v in value) if n]
        return ", ".join(names) or None
    text = " ".join(str(value).split())
    text = re.sub(r"^(?:by|written by)\s+", "", text, flags=re.I).strip(" ,;|-")
    return text or None


def clean_title(value: object) -> str:
    """A title on one line, trimmed; a paragraph used as a title is cut at a word boundary."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    if len(text) > _TITLE_MAX:
        cut = text[:_TITLE_MAX].rsplit(" ", 1)[0]
        text = cut.rstrip(" ,;:-") + "…"
    return text


#: How a dateline in capitals ends: "FRANKFURT, MARCH 3 -", "LONDON (Reuters) -".
_DATELINE_END = re.compile(r"\s[-–—]\s|\s[-–—]$|\d")


def _caps_line(line: str) -> bool:
    """A short line in capitals: letters, none of them in lower case."""
    return len(line) < 90 and not any(c.islower() for c in line) and any(c.isalpha() for c in line)


def sniff(text: str) -> tuple[str, str | None, str | None]:
    """(title, date, author) from the first lines of a text.

    A leading line of metadata (` date 2019-04-30 By Abdul Kerimkhanov`, `By Jane Doe`,
    `Published: 30 April 2019`) gives the date and author and is not the title; the title is
    the first other non-empty line (the headline, as in news exports).
    """
    title = ""
    found_date: str | None = None
    author: str | None = None
    lines_seen = 0
    for line in text.split("\n", 40)[:40]:
        if not line.strip():
            continue
        lines_seen += 1
        if lines_seen > 6:
            break
        meta = _meta_line().match(line) if len(line) < 200 and _META_START.match(line) else None
        if meta and (meta.group("date") or meta.group("author")):
            found_date = found_date or normalize_date(meta.group("date"))
            author = author or normalize_author(meta.group("author"))
            continue
        if len(line) < 120:
            only_date = _DATE_LINE.match(line)
            if only_date and normalize_date(only_date.group("date")):
                found_date = found_date or normalize_date(only_date.group("date"))
                continue
            by = (_author_line().match(line) if _AUTHOR_START.match(line) else None) or (
                _byline_date().match(line) if _BYLINE_START.match(line) else None
            )
            if by and "date" in by.re.groupindex and normalize_date(by.group("date")):
                found_date = found_date or normalize_date(by.group("date"))
            if by:
                author = author or normalize_author(by.group("author"))
                continue
        if not title:
            title = clean_title(line)
            if found_date or author:
                break
            continue
        if _caps_line(title) and _caps_line(line) and not _DATELINE_END.search(line):
            # a headline in capitals hard-wrapped onto a second line ("... MARK FIRMS AGAINST\n
            # DOLLAR"): the title is both lines, as the story is read
            title = clean_title(f"{title} {line}")
            continue
        if author is None and lines_seen <= 4:
            continue  # a byline may follow the headline
        break
    return title, found_date, author
