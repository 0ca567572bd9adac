"""Rows out as JSON Lines or CSV: one writer for `explorer export` and the TUI's export."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import orjson

FORMATS = ("jsonl", "csv")


def format_for(path: Path) -> str:
    """CSV for a path ending in .csv, JSON Lines for anything else."""
    return "csv" if path.suffix.lower() == ".csv" else "jsonl"


def dumps(obj: Any) -> str:
    return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS, default=str).decode()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return dumps(value)  # a cell a spreadsheet shows and a script can parse back
    return value


def write_rows(rows: Iterable[dict[str, Any]], out: IO[str], fmt: str) -> int:
    """Write rows to an open text stream; the number written. CSV columns: every key seen."""
    rows = list(rows)
    if fmt == "csv":
        columns: dict[str, None] = {}
        for row in rows:
            columns.update(dict.fromkeys(row))
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: _cell(value) for key, value in row.items()})
    else:
        for row in rows:
            out.write(dumps(row))
            out.write("\n")
    return len(rows)


def write_file(rows: Iterable[dict[str, Any]], path: Path, fmt: str | None = None) -> int:
    """Write rows to `path` atomically (a half-written export never replaces a whole one).

    The folder must exist: a typo in a path is an error, not a new tree of folders."""
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            count = write_rows(rows, out, fmt or format_for(path))
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return count
