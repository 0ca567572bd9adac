"""Messages that flow up to the app: what to open, filter or do next.

Widgets and palette providers post these instead of acting, so the app owns navigation and
history in one place (peplum's providers do the same).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message


@dataclass(frozen=True, slots=True)
class Location:
    """Something a person opened: a history entry, as a browser keeps one."""

    kind: str  # "main" | "document" | "entity"
    doc: str | None = None
    sentence: int | None = None
    entity: str | None = None  # entity key (LABEL:name)
    start: int | None = None  # a mention or match to mark in the reader
    end: int | None = None
    highlights: tuple[tuple[int, int], ...] = field(default=())  # offsets into the document
    #: a document that implies `entity` without naming it: the names that say it there
    #: ("Frankfurt", "Bundesbank" for Germany), marked in the reader
    via: tuple[str, ...] = field(default=())


class Open(Message):
    """Open a document (at a sentence) or an entity's detail view."""

    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location


def open_document(
    doc: str,
    sentence: int | None = None,
    *,
    entity: str | None = None,
    start: int | None = None,
    end: int | None = None,
    highlights: tuple[tuple[int, int], ...] = (),
    via: tuple[str, ...] = (),
) -> Open:
    return Open(Location("document", doc, sentence, entity, start, end, highlights, via))


def open_entity(key: str) -> Open:
    return Open(Location("entity", entity=key))


class FilterEntities(Message):
    """Show the entities pane filtered to one label (None: every label)."""

    def __init__(self, label: str | None) -> None:
        super().__init__()
        self.label = label


class ShowPane(Message):
    """Bring a pane of the main screen forward: documents, entities, facts or search."""

    def __init__(self, pane: str) -> None:
        super().__init__()
        self.pane = pane


class RunSearch(Message):
    """Search for `query` on the main screen, as if typed (a saved search)."""

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query = query


class CorpusProgress(Message):
    """Loading the store made progress: a line for the status bar."""

    def __init__(self, text: str, done: int = 0, total: int = 0) -> None:
        super().__init__()
        self.text = text
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, CorpusProgress)


class CorpusReady(Message):
    """The store is open and the search index loaded: panes can fill."""


class StoreChanged(Message):
    """Another process committed to the store: its new version, read and indexed, and a
    line saying what changed ("+347 documents, +1,204 facts")."""

    def __init__(self, store: object, index: object, summary: str) -> None:
        super().__init__()
        self.store = store
        self.index = index
        self.summary = summary


class CorpusFailed(Message):
    """The store could not be opened or ingested: one clear line to show."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error
