"""The user's marks: what they marked, starred, tagged or noted, kept beside the store.

A mark attaches to content, not to row numbers: a document by its id and content hash, a
sentence by its document, offsets and text, a fact or mention by its document, offsets and
predicate or label, an entity by its key. So marks survive a re-ingest; when a marked
document's hash changed, the mark is kept and flagged "document changed", and a sentence
whose text moved is found again by its text.

The marks live in `<store>.marks`, a TinyDB file with one table `marks` (`TinyDB(path)` reads
it), not inside the store file: marking is a keystroke, and rewriting a store of 20,000
documents (and making its search index stale) for each one would be neither fast nor needed.
The file is the user's own data: nothing rebuilds it, and ingest never touches it.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import orjson

from .schema import StoreError
from .storage import LockTimeout, StoreLock, atomic_write

__all__ = ["KINDS", "Anchor", "Mark", "Marks", "marks_path"]

#: What a mark may attach to.
KINDS = ("document", "sentence", "fact", "mention", "entity")
#: A mark's flags besides tags and a note.
FLAGS = ("marked", "starred")


def marks_path(store_path: Path) -> Path:
    """The file of the user's marks beside the store at `store_path`."""
    return store_path.with_name(store_path.name + ".marks")


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a mark attaches: enough of the content to find it again after a re-ingest."""

    kind: str
    doc: str = ""  # document id (all kinds but entity)
    sha: str = ""  # the document's content hash when marked
    start: int = -1  # offsets into the document text (sentence, fact, mention)
    end: int = -1
    text: str = ""  # the sentence (or mention) text when marked
    predicate: str = ""  # facts
    label: str = ""  # mentions and entities
    entity: str = ""  # entities: the key ("LABEL:name"); facts: the subject
    title: str = ""  # document title (or entity name) when marked, for reports
    #: facts: the document's characters at start:end when marked (`text` is the fact's line,
    #: which the document does not hold), to find the fact again after a re-ingest
    quote: str = ""

    def key(self) -> str:
        """The identity of what is marked: one mark per key."""
        if self.kind == "entity":
            return f"entity|{self.entity}"
        if self.kind == "document":
            return f"document|{self.doc}"
        extra = self.predicate if self.kind == "fact" else self.label
        if self.kind == "fact":
            extra = f"{self.predicate}|{self.entity}"
        return f"{self.kind}|{self.doc}|{self.start}|{self.end}|{extra}"

    def to_dict(self) -> dict[str, Any]:
        """The anchor as a record of the marks file."""
        out: dict[str, Any] = {"kind": self.kind}
        for name in ("doc", "sha", "text", "predicate", "label", "entity", "title", "quote"):
            value = getattr(self, name)
            if value:
                out[name] = value
        if self.start >= 0:
            out["start"], out["end"] = self.start, self.end
        return out

    @classmethod
    def from_dict(cls, rec: Mapping[str, Any]) -> Anchor:
        """The anchor a record of the marks file names."""
        kind = rec.get("kind")
        if kind not in KINDS:
            raise ValueError(f"unknown kind of mark {kind!r}: one of {', '.join(KINDS)}")
        return cls(
            kind=kind,
            doc=str(rec.get("doc", "")),
            sha=str(rec.get("sha", "")),
            start=int(rec.get("start", -1)),
            end=int(rec.get("end", -1)),
            text=str(rec.get("text", "")),
            predicate=str(rec.get("predicate", "")),
            label=str(rec.get("label", "")),
            entity=str(rec.get("entity", "")),
            title=str(rec.get("title", "")),
            quote=str(rec.get("quote", "")),
        )


@dataclass(frozen=True)
class Mark:
    """One marked item: its anchor, flags, tags and note, and (when checked against the
    store) where it is now and whether its document changed."""

    anchor: Anchor
    marked: bool = False
    starred: bool = False
    tags: tuple[str, ...] = ()
    note: str = ""
    created: str = ""
    updated: str = ""
    id: int = 0
    #: "" (as marked), "document changed", "moved" (changed, its text found again),
    #: "text not found" (changed, the text is gone), "document missing"
    status: str = ""
    start: int = -1  # where it is now (the anchor's offsets, or where its text moved)
    end: int = -1
    date: str | None = None  # the document's date, when checked
    path: str | None = None  # the document's path, when checked
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The anchor's identity: one mark per key."""
        return self.anchor.key()

    @property
    def empty(self) -> bool:
        """Whether the mark holds nothing any more (no mark, star, tag or note)."""
        return not (self.marked or self.starred or self.tags or self.note)

    def passes(self, tags: Iterable[str] = (), flags: Iterable[str] = ()) -> bool:
        """Whether the mark carries every tag of `tags` (any case, with or without '#') and
        every flag of `flags`: "starred", "marked", "noted", "tagged" (what search's `tag:`
        and `is:` filters ask of it)."""
        have = {t.casefold() for t in self.tags}
        if any(clean_tag(t).casefold() not in have for t in tags):
            return False
        checks = {
            "starred": self.starred,
            "marked": self.marked,
            "noted": bool(self.note),
            "tagged": bool(self.tags),
        }
        return all(checks.get(flag, False) for flag in flags)

    @property
    def changed(self) -> bool:
        """Whether the anchored document's content changed since the mark was made."""
        return bool(self.status)

    def to_dict(self) -> dict[str, Any]:
        """The mark as a record of the marks file."""
        out: dict[str, Any] = {"id": self.id, **self.anchor.to_dict()}
        out.update(marked=self.marked, starred=self.starred, tags=list(self.tags))
        if self.note:
            out["note"] = self.note
        if self.created:
            out["created"] = self.created
        if self.updated:
            out["updated"] = self.updated
        if self.status:
            out["status"] = self.status
        if self.start >= 0 and (self.start, self.end) != (self.anchor.start, self.anchor.end):
            out["now_start"], out["now_end"] = self.start, self.end
        if self.date:
            out["date"] = self.date
        if self.path:
            out["path"] = self.path
        return out

    @classmethod
    def from_record(cls, rid: int, rec: Mapping[str, Any]) -> Mark:
        """The mark record `rid` of the marks file."""
        anchor = Anchor.from_dict(rec)
        tags = rec.get("tags") or ()
        return cls(
            anchor=anchor,
            marked=bool(rec.get("marked")),
            starred=bool(rec.get("starred")),
            tags=tuple(str(t) for t in tags if str(t).strip()),
            note=str(rec.get("note") or ""),
            created=str(rec.get("created") or ""),
            updated=str(rec.get("updated") or ""),
            id=rid,
            start=anchor.start,
            end=anchor.end,
        )

    def record(self) -> dict[str, Any]:
        """The mark as stored (a row of the `marks` table)."""
        out = self.anchor.to_dict()
        out.update(marked=self.marked, starred=self.starred, tags=list(self.tags))
        if self.note:
            out["note"] = self.note
        out["created"] = self.created
        out["updated"] = self.updated
        return out


class _Documents(Protocol):
    """What checking marks needs of a store."""

    def document_hashes(self) -> dict[str, str]: ...

    def document(self, doc_id: str) -> Any: ...


def clean_tag(tag: str) -> str:
    """A tag as kept: trimmed, inner spaces as dashes, no leading '#'."""
    return "-".join(tag.strip().lstrip("#").split())


def _spelt(tags: Iterable[str], folded: str) -> str:
    """The spelling among `tags` of the tag `folded` (casefolded)."""
    return next(t for t in tags if t.casefold() == folded)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Marks:
    """The marks of one store (`<store>.marks`); every change is written at once, atomically,
    under a lock of its own (an ingest holding the store's lock does not hold up a mark)."""

    lock_timeout = 5.0

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._cache: tuple[Any, dict[str, Mark]] | None = None

    # ---------------------------------------------------------------- reading

    def _read(self) -> dict[str, Mark]:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read the marks ({exc.strerror})") from None
        stamp = (st.st_ino, st.st_size, st.st_mtime_ns)
        if self._cache is not None and self._cache[0] == stamp:
            return self._cache[1]
        try:
            data = orjson.loads(self.path.read_bytes() or b"{}")
        except orjson.JSONDecodeError:
            raise StoreError(
                f"{self.path}: the marks file is damaged (not JSON); move it aside to start afresh"
            ) from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read the marks ({exc.strerror})") from None
        table = data.get("marks", {}) if isinstance(data, dict) else {}
        out: dict[str, Mark] = {}
        for rid, rec in sorted(table.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0):
            with contextlib.suppress(ValueError, TypeError, AttributeError):
                mark = Mark.from_record(int(rid), rec)
                out[mark.key] = mark
        self._cache = (stamp, out)
        return out

    def all(self) -> list[Mark]:
        """Every mark, oldest first."""
        return sorted(self._read().values(), key=lambda m: m.id)

    def get(self, anchor: Anchor) -> Mark | None:
        """The mark on `anchor`, or None."""
        return self._read().get(anchor.key())

    def keys(self) -> dict[str, Mark]:
        """Anchor key -> mark (for showing marks beside rows)."""
        return dict(self._read())

    def tags(self) -> Counter[str]:
        """Each tag with how many items carry it (`Lead` and `lead` are one tag, spelt as
        it was first given)."""
        spelling: dict[str, str] = {}
        counts: Counter[str] = Counter()
        for mark in self.all():
            for tag in dict.fromkeys(t.casefold() for t in mark.tags):
                counts[spelling.setdefault(tag, _spelt(mark.tags, tag))] += 1
        return counts

    def matching(self, tags: Iterable[str] = (), flags: Iterable[str] = ()) -> list[Mark]:
        """The marks that carry every tag of `tags` and every flag of `flags`, oldest first
        (see `Mark.passes`)."""
        tags, flags = tuple(tags), tuple(flags)
        return [m for m in self.all() if m.passes(tags, flags)]

    def by_tag(self, tag: str) -> list[Mark]:
        """The marks tagged `tag`."""
        wanted = clean_tag(tag).casefold()
        return [m for m in self.all() if any(t.casefold() == wanted for t in m.tags)]

    def starred(self) -> list[Mark]:
        """The starred marks."""
        return [m for m in self.all() if m.starred]

    def notes(self) -> list[Mark]:
        """The marks with a note."""
        return [m for m in self.all() if m.note]

    # ---------------------------------------------------------------- writing

    def _write(self, marks: Iterable[Mark]) -> None:
        table = {str(m.id): m.record() for m in sorted(marks, key=lambda m: m.id)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            atomic_write(self.path, [orjson.dumps({"marks": table})])
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the marks ({exc.strerror})") from None
        self._cache = None

    def _change(self, anchor: Anchor, **changes: Any) -> Mark | None:
        """Apply `changes` to the mark of `anchor` (made if new); the mark after, or None
        when nothing is left of it (it is then forgotten)."""
        lock = StoreLock(self.path.with_name(self.path.name + ".lock"))
        try:
            lock.acquire(self.lock_timeout)
        except LockTimeout:
            raise StoreError(
                f"{self.path}: another explorer is writing the marks; try again"
            ) from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the marks ({exc.strerror})") from None
        try:
            self._cache = None
            current = dict(self._read())
            now = _now()
            mark = current.get(anchor.key())
            if mark is None:
                next_id = max((m.id for m in current.values()), default=0) + 1
                mark = Mark(anchor=anchor, created=now, id=next_id)
            else:
                # The content as now seen wins (a re-marked sentence that moved, a new hash).
                mark = replace(mark, anchor=anchor)
            for name, value in changes.items():
                if callable(value):
                    value = value(getattr(mark, name))
                mark = replace(mark, **{name: value})
            mark = replace(mark, updated=now)
            if mark.empty:
                current.pop(anchor.key(), None)
                result = None
            else:
                current[anchor.key()] = mark
                result = mark
            self._write(current.values())
            return result
        finally:
            lock.release()

    def mark(self, anchor: Anchor, on: bool = True) -> Mark | None:
        """Mark `anchor` (or unmark it with `on=False`)."""
        return self._change(anchor, marked=on)

    def unmark(self, anchor: Anchor) -> Mark | None:
        """Unmark `anchor`; the mark goes once nothing is left on it."""
        return self._change(anchor, marked=False)

    def toggle_mark(self, anchor: Anchor) -> Mark | None:
        """Mark `anchor` if it is not marked, else unmark it."""
        return self._change(anchor, marked=lambda was: not was)

    def star(self, anchor: Anchor, on: bool = True) -> Mark | None:
        """Star `anchor` (or unstar it with `on=False`)."""
        return self._change(anchor, starred=on)

    def toggle_star(self, anchor: Anchor) -> Mark | None:
        """Star `anchor` if it is not starred, else unstar it."""
        return self._change(anchor, starred=lambda was: not was)

    def tag(self, anchor: Anchor, *tags: str) -> Mark | None:
        """Add `tags` to `anchor`."""
        # A tag given again in other letters is the one already there (`#Lead` is `lead`).
        known = {t.casefold(): t for t in reversed(list(self.tags()))}
        names = [known.get(t.casefold(), t) for t in map(clean_tag, tags) if t]

        def add(was: tuple[str, ...]) -> tuple[str, ...]:
            have = {t.casefold() for t in was}
            new = [t for t in dict.fromkeys(names) if t.casefold() not in have]
            return (*was, *new)

        return self._change(anchor, tags=add)

    def untag(self, anchor: Anchor, *tags: str) -> Mark | None:
        """Remove `tags` from `anchor`."""
        gone = {clean_tag(t).casefold() for t in tags}
        return self._change(
            anchor, tags=lambda was: tuple(t for t in was if t.casefold() not in gone)
        )

    def note(self, anchor: Anchor, text: str) -> Mark | None:
        """Set (or, with an empty text, clear) the note of `anchor`."""
        return self._change(anchor, note=text.strip())

    def forget(self, anchor: Anchor) -> bool:
        """Remove every mark, star, tag and note of `anchor`; whether there were any."""
        had = self.get(anchor) is not None
        if had:
            self._change(anchor, marked=False, starred=False, tags=(), note="")
        return had

    # ---------------------------------------------------------------- against the store

    def checked(self, store: _Documents, marks: Iterable[Mark] | None = None) -> list[Mark]:
        """`marks` (default: all) as they stand in `store` now: the document's date and path,
        and a status when the document changed since it was marked (a sentence's text found
        again when it moved)."""
        hashes = store.document_hashes()
        docs: dict[str, Any] = {}
        out: list[Mark] = []
        for mark in self.all() if marks is None else marks:
            a = mark.anchor
            if a.kind == "entity" or not a.doc:
                out.append(mark)
                continue
            if a.doc not in hashes:
                out.append(replace(mark, status="document missing"))
                continue
            doc = docs.get(a.doc)
            if doc is None:
                try:
                    doc = docs[a.doc] = store.document(a.doc)
                except KeyError:
                    out.append(replace(mark, status="document missing"))
                    continue
            found = replace(mark, date=doc.date, path=doc.path)
            if a.sha and hashes[a.doc] != a.sha:
                found = replace(found, status="document changed")
                needle = a.quote or a.text  # what the document held at the offsets
                if needle and a.start >= 0 and doc.text[a.start : a.end] != needle:
                    where = _nearest(doc.text, needle, a.start)
                    if where < 0:
                        found = replace(found, status="document changed, text not found")
                    else:
                        found = replace(
                            found,
                            status="document changed, text moved",
                            start=where,
                            end=where + len(needle),
                        )
            out.append(found)
        return out


def _nearest(text: str, needle: str, near: int) -> int:
    """Where `needle` occurs in `text` closest to `near`; -1 when it does not."""
    best = -1
    at = text.find(needle)
    while at >= 0:
        if best < 0 or abs(at - near) < abs(best - near):
            best = at
        at = text.find(needle, at + 1)
    return best
