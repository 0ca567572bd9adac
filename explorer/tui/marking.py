"""The case file as the app draws it: the marker beside a marked row. What a row is as a
mark, and which search hits the marks let through, live in `explorer.casefile`, for the
command line too. No textual here: the lists and screens call it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from explorer import casefile

if TYPE_CHECKING:
    from explorer.store import Store
    from explorer.tui.data import StoreReader

#: The gutter's width: a flag (star or mark) and a tag or note sign.
GUTTER = 2


class CaseFile(casefile.CaseFile):
    """The marks of the app's store, read through its StoreReader (and its lock), kept in
    memory and reloaded after every change; with each row's marker."""

    def __init__(self, reader: StoreReader) -> None:
        super().__init__(reader.store, reader)
        self.reader = reader
        self.reload()

    @property
    def store(self) -> Store:
        return self.reader.store  # the live view may swap in a newer store

    def reload(self) -> None:
        with self.reader._lock:  # finding moved marks again reads the store
            super().reload()

    def marker(self, row: Any) -> str:
        """Two characters: ★ starred or ● marked; # tagged or ✎ noted."""
        mark = self.mark_of(row)
        if mark is None:
            return "  "
        first = "★" if mark.starred else "●" if mark.marked else " "
        second = "#" if mark.tags else "✎" if mark.note else " "
        return first + second
