"""Past and saved searches of one store, kept in a small JSON file beside it.

Beside the store rather than in its `meta` table: the store is one JSON file rewritten
whole on each commit under the writer's lock, so recording a query there would rewrite
megabytes per search, contend with a running ingest, and change the store's generation (every
open app would see a "new snapshot" that holds no new document). A query is not corpus
data; it belongs to the person reading this store, so it sits beside the store it searched.
A file that cannot be read or written leaves the history in memory only.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

#: How many past queries are kept (the oldest go first).
KEEP = 200


def searches_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".searches.json")


@dataclass
class SearchMemory:
    """Past queries, oldest first, and saved ones (name, query) in the order saved."""

    path: Path | None = None
    past: list[str] = field(default_factory=list)
    saved: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def beside(cls, db_path: Path) -> SearchMemory:
        path = searches_path(db_path)
        memory = cls(path)
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            data = json.loads(path.read_text(encoding="utf-8"))
            memory.past = [str(q) for q in data.get("past", []) if str(q).strip()][-KEEP:]
            memory.saved = [
                (str(s["name"]), str(s["query"]))
                for s in data.get("saved", [])
                if isinstance(s, dict) and str(s.get("query", "")).strip()
            ]
        return memory

    def remember(self, query: str) -> None:
        """Add `query` as the newest past query (once: an older copy moves up)."""
        query = query.strip()
        if not query:
            return
        if self.past and self.past[-1] == query:
            return
        with contextlib.suppress(ValueError):
            self.past.remove(query)
        self.past.append(query)
        del self.past[:-KEEP]
        self.write()

    def save(self, query: str, name: str | None = None) -> bool:
        """Keep `query` in the saved list; False when it is there already."""
        query = query.strip()
        if not query or any(q == query for _, q in self.saved):
            return False
        self.saved.append((name or query, query))
        self.write()
        return True

    def forget(self, query: str) -> None:
        self.saved = [(n, q) for n, q in self.saved if q != query]
        self.write()

    def write(self) -> None:
        if self.path is None:
            return
        data = {"past": self.past, "saved": [{"name": n, "query": q} for n, q in self.saved]}
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            self.path = None  # read-only: kept in memory from now on


class HistoryWalk:
    """Up and Down through past queries from a search box, as a shell does: Up goes back,
    Down forward, and past the newest is the query being typed."""

    def __init__(self, memory: SearchMemory) -> None:
        self.memory = memory
        self.position: int | None = None  # index into memory.past while walking
        self.typed = ""

    def reset(self) -> None:
        self.position = None

    @property
    def walking(self) -> bool:
        return self.position is not None

    def back(self, current: str) -> str | None:
        past = self.memory.past
        if not past:
            return None
        if self.position is None:
            self.typed = current
            self.position = len(past)
            # The query shown is usually the newest past one: Up then goes one further.
            if past[-1] == current.strip():
                self.position -= 1
        if self.position == 0:
            return None
        self.position -= 1
        return past[self.position]

    def forward(self) -> str | None:
        """The next newer query; the typed one past the newest; None when not walking."""
        if self.position is None:
            return None
        self.position += 1
        past = self.memory.past
        if self.position >= len(past) or (
            self.position == len(past) - 1 and past[-1] == self.typed.strip()
        ):
            self.position = None
            return self.typed
        return self.memory.past[self.position]
