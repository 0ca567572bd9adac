"""The TinyDB store (tables documents, mentions, facts, entities, files, meta), written in
batches by one writer at a time, each commit one new immutable segment, and read lazily.

The path the user names is the manifest, a small TinyDB file listing the live segments;
each segment in `<store>.segments/` is a plain TinyDB file (stock `TinyDB(file)` reads
either), with a derived, sealed sidecar: its document list, file hashes and the byte ranges
of each document's records, so opening a large store or showing one document never parses
every mention. A store of one file (written before segments) is read as it is and migrated
at its first write.

`Store` is the one way in; behind it, by what a newcomer would look for:
`schema` (tables, versions, the files of a store), `rows` (records <-> model),
`segments` (the files on disk, and how segments combine and merge), `snapshot` (the read
side), `writer` (lock, commit, merge), `ingest` (the ingest driver and its worker pool),
`pipeline` (what a worker runs for one file).
"""

from __future__ import annotations

import math
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from explorer.model import (
    NAME_LABELS,
    Document,
    DocumentSummary,
    Entity,
    Fact,
    Mention,
    SentenceRecord,
)

from .ingest import IngestReport, IngestRun, OnCommit, Progress
from .marks import Anchor, Marks, marks_path
from .rows import entity_from as _entity_from
from .rows import fact_from as _fact_from
from .rows import mention_from as _mention_from
from .rows import summaries_from_rows
from .rules import IdentityMap, RuleError, build_map, check_rule
from .schema import (
    IMPLIED_MARK,
    ROW_ID,
    ROW_SHA,
    ROW_TITLE,
    StoreError,
    stat_key,
)
from .segments import gc_paused
from .snapshot import Snapshot
from .writer import Writer, check_writable, clear_killed_writes, write_lock

__all__ = ["Store", "default_db_path"]


def default_db_path(explicit: str | None = None) -> Path:
    """--db, else $EXPLORER_DB, else the user data directory's explorer.json."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("EXPLORER_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("explorer", appauthor=False)) / "explorer.json"


def _rule_identity(rule: Mapping[str, Any]) -> tuple:
    return tuple(rule.get(k) for k in ("op", "name", "target", "label", "target_label"))


def log_likelihood(k11: int, a: int, b: int, n: int) -> float:
    """Dunning's G² for two things seen together in `k11` of `n` documents, one in `a`, the
    other in `b`: large when they meet far more often than chance, negative (by convention)
    when less often."""
    cells = (
        (k11, a * b / n),
        (a - k11, a * (n - b) / n),
        (b - k11, (n - a) * b / n),
        (n - a - b + k11, (n - a) * (n - b) / n),
    )
    g2 = 2.0 * sum(o * math.log(o / e) for o, e in cells if o > 0 and e > 0)
    return g2 if k11 * n >= a * b else -g2


def _file_key(path: Path) -> list[int] | None:
    try:
        return stat_key(path.stat())
    except OSError:
        return None


def _manifest_identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


class Store:
    """The store of one file: documents, their mentions and facts, and the entities."""

    #: documents per commit at least; commits grow with the store (a third of it) so that a
    #: long ingest rewrites the file a bounded number of times.
    commit_every = 256
    commit_seconds = 20.0
    lock_timeout = 5.0
    max_bytes = 50_000_000
    #: below this many files to parse, parsing stays in this process (a pool costs ~1 s)
    parallel_min = 48

    def __init__(self, path: Path, snap: Snapshot, *, readonly: bool) -> None:
        self._path = path
        self._snap = snap
        self.readonly = readonly
        #: The store file's identity when it was last read (see `changed_on_disk`).
        self._seen = _file_key(path)
        self.workers = max(1, min(2, _env_int("EXPLORER_WORKERS", os.cpu_count() or 1)))
        self.commit_every = _env_int("EXPLORER_COMMIT_EVERY", type(self).commit_every)
        self.lock_timeout = float(os.environ.get("EXPLORER_LOCK_TIMEOUT", self.lock_timeout))
        self.max_bytes = _env_int("EXPLORER_MAX_BYTES", type(self).max_bytes)
        self._marks: Marks | None = None
        #: The manifest file's inode, size and mtime when it was last read (a commit always
        #: replaces the file, so an unchanged one needs no new read).
        self._manifest_id: tuple[int, int, int] | None = None

    # ---------------------------------------------------------------- lifecycle

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, readonly: bool = False) -> Store:
        """Open (or, for writing, prepare) the store at `path`; StoreError when it is
        damaged, of a newer schema, or (for writing) read-only."""
        path = Path(path).expanduser()
        if not readonly:
            check_writable(path)
            clear_killed_writes(path)
        seen = _file_key(path)  # before reading: a commit after it shows as a change
        identity = _manifest_identity(path)
        snap = Snapshot.load(path)
        store = cls(path, snap, readonly=readonly)
        store._seen = seen
        store._manifest_id = identity
        return store

    @property
    def path(self) -> Path:
        """The store's file."""
        return self._path

    def close(self) -> None:
        """Release the store's file and caches."""
        self._snap.cache.clear()
        self._snap.close()

    def forget_caches(self) -> None:
        """Drop what was made from the current snapshot (documents' summaries, entities,
        indexes by key): made again when next asked for."""
        self._snap.cache.clear()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refresh(self) -> bool:
        """Reload if another process committed since; True when the content changed."""
        before = self._snap.generation
        seen, identity = self._seen, _manifest_identity(self._path)
        self._seen = _file_key(self._path)  # before reading: a commit after it shows next time
        if (
            before
            and self._snap.layout == "segments"
            and identity is not None
            and identity == self._manifest_id
            and self._seen == seen
        ):
            return False  # the same manifest file: every commit replaces it
        self._manifest_id = identity
        # The segments the open snapshot read and the new manifest still begins with are
        # not read again (after a commit of one document: one small sidecar).
        snap = Snapshot.load(self._path, previous=self._snap)
        if snap.generation == before and before:
            snap.close()
            return False
        # The old snapshot is not closed here: a reader in another thread may still be
        # slicing it; its memory map goes with its last reference.
        self._snap = snap
        return True

    def changed_on_disk(self) -> bool:
        """Whether the store file is no longer the one last read here (another process
        committed, most likely): one stat, cheap enough for a view to poll every second.
        `refresh()` then reads the new version and says whether its content changed."""
        return _file_key(self._path) != self._seen

    # ---------------------------------------------------------------- reading

    @property
    def damaged(self) -> list[str]:
        """Records set aside as damaged ("table/id: what is wrong"); `explorer check` says
        more, and `check --repair` writes a copy without them."""
        return list(self._snap.problems)

    def generation(self) -> str:
        """An id of the committed state, changed by every commit ("empty" before the first)."""
        return self._snap.generation or "empty"

    def is_empty(self) -> bool:
        """True when the store holds no document."""
        return not self._snap.rows

    def stats(self) -> dict[str, Any]:
        """The counts of documents, sentences, mentions, entities and facts; the store's path."""
        counts = {k: int(v) for k, v in self._snap.counts.items()}
        counts["documents"] = len(self._snap.rows)
        return {**counts, "db": str(self._path)}

    @staticmethod
    def _cached(snap: Snapshot, name: str, build: Callable[[], Any]) -> Any:
        # Built once per snapshot and kept on it: a commit in another thread swaps in a new
        # snapshot with an empty cache, so a value built from the old one can never be filed
        # under the new one (it once was, and a reader then saw an empty store for good).
        value = snap.cache.get(name)
        if value is None:
            value = build()
            snap.cache[name] = value
        return value

    def documents(self) -> list[DocumentSummary]:
        """Every document, in the order they were ingested (no text is loaded)."""
        snap = self._snap
        return list(self._cached(snap, "documents", lambda: _summaries(snap.rows)))

    def _record(self, doc_id: str) -> dict[str, Any]:
        snap = self._snap
        if doc_id not in snap.index:
            raise KeyError(doc_id)
        return snap.doc_record(doc_id)

    def document(self, doc_id: str) -> Document:
        """One document with its text; KeyError when the store has no such document."""
        record = self._record(doc_id)
        meta = dict(record.get("meta") or {})
        paths = record.get("paths") or []
        if len(paths) > 1:
            meta["paths"] = paths
        return Document(
            id=record["id"],
            text=record.get("text", ""),
            title=record.get("title", ""),
            date=record.get("date"),
            author=record.get("author"),
            path=record.get("path"),
            meta=meta,
            sha256=record.get("sha256", ""),
            date_source=record.get("date_source"),
        )

    def dates(self) -> dict[str, Any]:
        """How many documents are dated and from which source, and how many dates were not
        understood: read from the documents table once per version of the store."""

        def build() -> dict[str, Any]:
            sources: Counter[str] = Counter()
            unparsed = 0
            for rec in snap.table("documents").values():
                if not isinstance(rec, dict) or "id" not in rec:
                    continue
                if rec.get("date"):
                    sources[rec.get("date_source") or "unknown"] += 1
                if (rec.get("meta") or {}).get("date_unparsed"):
                    unparsed += 1
            dated = sum(sources.values())
            return {
                "dated": dated,
                "undated": len(snap.rows) - dated,
                "date_sources": dict(sources.most_common()),
                "dates_not_understood": unparsed,
            }

        snap = self._snap
        return dict(self._cached(snap, "dates", build))

    def sentences(self, doc_id: str) -> list[tuple[int, int]]:
        """The (start, end) offsets of document `doc_id`'s sentences."""
        return [(s, e) for s, e in self._record(doc_id).get("sentences", ())]

    def _all_mentions(self, snap: Snapshot) -> list[dict[str, Any]]:
        return self._cached(snap, "mentions", lambda: list(snap.table("mentions").values()))

    def _mention_index(self, snap: Snapshot) -> dict[str, list[dict[str, Any]]]:
        def build() -> dict[str, list[dict[str, Any]]]:
            index: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for rec in self._all_mentions(snap):
                index[f"{rec.get('label')}:{rec.get('entity')}"].append(rec)
            return index

        return self._cached(snap, "mention_index", build)

    def mentions(
        self, *, doc: str | None = None, entity: str | None = None, resolved: bool = True
    ) -> list[Mention]:
        """Mentions in store order (by document, then position); filtered by document and/or
        entity key ("LABEL:name"). A mention of an entity that identity resolution or a rule
        merged into another names that entity (its label and canonical name); its text and
        offsets are as extracted. Without `resolved`, label and name are as extracted too
        (and no identity map is made for a document's mentions)."""
        snap = self._snap
        if not resolved and entity is None:
            if doc is None:
                return [_mention_from(r) for r in self._all_mentions(snap)]
            if doc not in snap.index:
                return []
            return [_mention_from(r) for r in snap.doc_items(doc, "mentions")]
        ident = self._identity(snap)
        members: set[str] | None = None
        if entity is not None:
            shown = ident.shown(entity)
            members = set(ident.members.get(shown, (entity,)))
        if doc is not None:
            if doc not in snap.index:
                return []
            records = snap.doc_items(doc, "mentions")
            if members is not None:
                records = [r for r in records if f"{r.get('label')}:{r.get('entity')}" in members]
        elif members is not None:
            docs = self._docs_of_keys(snap)
            if docs is not None:
                doc_ids = sorted(
                    {d for k in members for d in docs.get(k, ())}, key=snap.index.__getitem__
                )
                records = [
                    r
                    for doc_id in doc_ids
                    for r in snap.doc_items(doc_id, "mentions")
                    if f"{r.get('label')}:{r.get('entity')}" in members
                ]
            else:
                index = self._mention_index(snap)
                records = [r for k in sorted(members) for r in index.get(k, [])]
                if len(members) > 1:
                    order = {id(r): i for i, r in enumerate(self._all_mentions(snap))}
                    records.sort(key=lambda r: order[id(r)])
        else:
            records = self._all_mentions(snap)
        canon = ident.canon if resolved else None
        if not canon:
            return [_mention_from(r) for r in records]
        out = []
        for r in records:
            mention = _mention_from(r)
            joined = canon.get(mention.key)
            if joined is not None:
                label, name = joined.split(":", 1)
                mention = replace(mention, label=label, entity=name)
            out.append(mention)
        return out

    def entity_documents(self) -> dict[str, list[str]]:
        """Entity key -> the ids of the documents that mention it, in store order; without
        parsing every mention when the derived keys file is there."""
        snap = self._snap
        docs = self._key_documents(snap)
        ident = self._identity(snap)
        if not ident.canon:
            return {k: v for k, v in docs.items() if not k.startswith(IMPLIED_MARK)}
        merged: dict[str, list[str]] = {}
        for shown, keys in ident.members.items():
            lists = [docs[k] for k in keys if k in docs]
            if not lists:
                continue
            if len(lists) == 1:
                merged[shown] = list(lists[0])
            else:
                merged[shown] = sorted(
                    {d for ids in lists for d in ids}, key=snap.index.__getitem__
                )
        return merged

    def relabelled_documents(self) -> set[str]:
        """The ids of the documents that mention an entity shown under another label than
        the one it was extracted with (an identity decision or a rule joined it to one of
        another label): there `mentions()` labels differ from the extracted ones."""
        snap = self._snap
        ident = self._identity(snap)
        docs = self._key_documents(snap)
        out: set[str] = set()
        for key, shown in ident.canon.items():
            if key.split(":", 1)[0] != shown.split(":", 1)[0]:
                out.update(docs.get(key, ()))
        return out

    def documents_of(self, key: str) -> list[str]:
        """The ids of the documents that mention one entity (with the names merged into it),
        in store order: `entity_documents()[key]` without merging every other entity's."""
        snap = self._snap
        docs = self._key_documents(snap)
        ident = self._identity(snap)
        shown = ident.shown(key)
        lists = [docs[k] for k in ident.members.get(shown, (shown,)) if k in docs]
        if len(lists) == 1:
            return list(lists[0])
        return sorted({d for ids in lists for d in ids}, key=snap.index.__getitem__)

    def implied_documents(self, key: str) -> list[tuple[str, tuple[str, ...]]]:
        """The documents that imply one entity (with the names merged into it) without
        naming it, in store order, each with the names that say it there (`via`: "Frankfurt",
        "Bundesbank" for Germany): none of them is among `documents_of(key)`."""
        snap = self._snap
        ident = self._identity(snap)
        members = ident.members.get(ident.shown(key), (ident.shown(key),))
        implied = self._implied_index(snap)
        found = {d for k in members for d in implied.get(k, ())}
        if not found:
            return []
        found.difference_update(self.documents_of(key))
        names = {tuple(k.split(":", 1)) for k in members}
        out = []
        for doc_id in sorted(found, key=snap.index.__getitem__):
            via: dict[str, None] = {}
            for item in self._record(doc_id).get("implied") or ():
                if (item.get("label"), item.get("name")) in names:
                    via.update(dict.fromkeys(item.get("via") or ()))
            out.append((doc_id, tuple(via)))
        return out

    def _implied_index(self, snap: Snapshot) -> dict[str, list[str]]:
        """Extracted entity key -> the documents that imply it without naming it, in store
        order: from the derived keys files (their keys after IMPLIED_MARK), else from every
        document's record."""
        docs = self._docs_of_keys(snap)

        def build() -> dict[str, list[str]]:
            if docs is not None:
                cut = len(IMPLIED_MARK)
                return {k[cut:]: v for k, v in docs.items() if k.startswith(IMPLIED_MARK)}
            index: dict[str, list[str]] = defaultdict(list)
            for row in snap.rows:
                record = snap.doc_record(row[ROW_ID])
                for item in record.get("implied") or ():
                    index[f"{item.get('label')}:{item.get('name')}"].append(row[ROW_ID])
            return index

        return self._cached(snap, "implied_documents", build)

    def _key_documents(self, snap: Snapshot) -> dict[str, list[str]]:
        """Extracted entity key -> the documents that mention it, in store order."""
        docs = self._docs_of_keys(snap)
        if docs is not None:
            return docs

        def build() -> dict[str, list[str]]:
            index: dict[str, list[str]] = defaultdict(list)
            for rec in self._all_mentions(snap):
                key, doc_id = f"{rec.get('label')}:{rec.get('entity')}", rec.get("doc", "")
                listed = index[key]
                if not listed or listed[-1] != doc_id:
                    listed.append(doc_id)
            return index

        return self._cached(snap, "entity_documents", build)

    def _docs_of_keys(self, snap: Snapshot) -> dict[str, list[str]] | None:
        """entity key -> the documents that mention it, in store order, from the derived keys
        file (None when it does not match this store)."""
        keys = snap.doc_keys()
        if keys is None:
            return None

        def build() -> dict[str, list[str]]:
            index: dict[str, list[str]] = defaultdict(list)
            for row, doc_keys in zip(snap.rows, keys, strict=False):
                for key in doc_keys:
                    index[key].append(row[ROW_ID])
            return index

        return self._cached(snap, "docs_of_keys", build)

    def _entity_table(self, snap: Snapshot) -> dict[str, dict[str, Any]]:
        return self._cached(
            snap,
            "entities",
            lambda: {
                rec["key"]: rec
                for rec in snap.table("entities").values()
                if isinstance(rec, dict) and "key" in rec
            },
        )

    # ---------------------------------------------------------------- identity

    def _rules(self, snap: Snapshot) -> list[dict[str, Any]]:
        def build() -> list[dict[str, Any]]:
            table = snap.table("rules") if self._has_rules(snap) else {}
            return [
                {**rec, "id": int(rid)}
                for rid, rec in sorted(table.items(), key=lambda kv: int(kv[0]))
                if isinstance(rec, dict)
            ]

        return self._cached(snap, "rules", build)

    @staticmethod
    def _has_rules(snap: Snapshot) -> bool:
        return snap.has_table("rules")

    def _identity(self, snap: Snapshot) -> IdentityMap:
        """The automatic identity decisions, then the user's rules (built once a version)."""
        return self._cached(
            snap, "identity", lambda: build_map(self._entity_table(snap), self._rules(snap))
        )

    def _merged(self, snap: Snapshot) -> dict[str, Entity]:
        """Shown key -> the entity a reader sees: a group's names, counts and aliases."""

        def build() -> dict[str, Entity]:
            table = self._entity_table(snap)
            ident = self._identity(snap)
            docs_of = None
            out: dict[str, Entity] = {}
            for shown, keys in ident.members.items():
                label, name = shown.split(":", 1)
                if len(keys) == 1 and keys[0] == shown:
                    out[shown] = _entity_from(table[shown])
                    continue
                aliases: set[str] = set()
                for k in keys:
                    aliases.update(table[k].get("aliases", ()))
                    aliases.add(table[k]["name"])
                aliases.discard(name)
                head = ident.head[keys[0]]
                if len(keys) == 1:
                    documents = table[keys[0]].get("documents", 0)
                elif ident.auto_groups.get(head) == frozenset(keys):
                    documents = table[head].get("group_documents", 0)
                else:
                    if docs_of is None:
                        docs_of = self._docs_of_keys(snap) or {}
                    found = {d for k in keys for d in docs_of.get(k, ())}
                    documents = len(found) or max(table[k].get("documents", 0) for k in keys)
                implied = 0
                if any(table[k].get("implied") for k in keys):
                    # the documents that imply one of its names and name none of them
                    implying = self._implied_index(snap)
                    found_implied = {d for k in keys for d in implying.get(k, ())}
                    named = self._key_documents(snap)
                    found_implied.difference_update(d for k in keys for d in named.get(k, ()))
                    implied = len(found_implied)
                out[shown] = Entity(
                    name=name,
                    label=label,
                    aliases=tuple(sorted(aliases)),
                    mentions=sum(table[k].get("mentions", 0) for k in keys),
                    documents=documents,
                    implied=implied,
                )
            return out

        return self._cached(snap, "merged", build)

    def entities(self, label: str | None = None) -> list[Entity]:
        """Entities as a reader sees them (identity resolution and the user's rules applied),
        most mentioned first (then by name)."""
        snap = self._snap

        def build() -> list[Entity]:
            items = [e for e in self._merged(snap).values() if label is None or e.label == label]
            items.sort(key=lambda e: (-e.mentions, e.name.lower(), e.label))
            return items

        return list(self._cached(snap, f"entities:{label}", build))

    def entity(self, key: str) -> Entity:
        """One entity by key ("LABEL:name"), or by the key of a name merged into it; KeyError
        when there is none."""
        snap = self._snap
        record = self._merged(snap).get(self._identity(snap).shown(key))
        if record is None:
            raise KeyError(key)
        return record

    def canonical_key(self, key: str) -> str:
        """The key of the entity that `key` (as extracted) belongs to."""
        return self._identity(self._snap).shown(key)

    def identity(self, key: str) -> dict[str, Any]:
        """Why an entity is what it is: each key merged into it with its reason and
        confidence (`merged`), and a nationality's country (`country`); KeyError when there is
        no such entity."""
        snap = self._snap
        ident = self._identity(snap)
        shown = ident.shown(key)
        keys = ident.members.get(shown)
        if keys is None:
            raise KeyError(key)
        table = self._entity_table(snap)
        merged = []
        for k in keys:
            why = ident.why.get(k)
            if k == shown or why is None:
                continue
            item = {
                "key": k,
                "name": table[k]["name"],
                "label": table[k]["label"],
                "mentions": table[k].get("mentions", 0),
                "reason": why.get("reason", ""),
                "confidence": why.get("confidence", 1.0),
            }
            if "rule" in why:
                item["rule"] = why["rule"]
            merged.append(item)
        out: dict[str, Any] = {"merged": merged}
        for k in keys:
            if k in ident.country:
                out["country"] = ident.shown(ident.country[k])
                break
        return out

    def rules(self) -> list[dict[str, Any]]:
        """The user's identity rules, oldest first, each with its `id`."""
        return [dict(r) for r in self._rules(self._snap)]

    def unmatched_rules(self) -> list[int]:
        """Ids of rules that matched no entity of this store (a typo, or data not ingested)."""
        return list(self._identity(self._snap).unmatched)

    def _all_facts(self, snap: Snapshot) -> list[Fact]:
        return self._cached(
            snap, "facts", lambda: [_fact_from(r) for r in snap.table("facts").values()]
        )

    def _fact_index(self, snap: Snapshot) -> dict[str, list[Fact]]:
        def build() -> dict[str, list[Fact]]:
            index: dict[str, list[Fact]] = defaultdict(list)
            for fact in self._all_facts(snap):
                index[fact.subject].append(fact)
                if fact.object != fact.subject:
                    index[fact.object].append(fact)
            return index

        return self._cached(snap, "fact_index", build)

    def facts(
        self, predicate: str | None = None, *, doc: str | None = None, entity: str | None = None
    ) -> list[Fact]:
        """Facts in store order; `entity` (a key) keeps those whose subject or object is that
        entity's name."""
        snap = self._snap
        names: set[str] | None = None
        if entity:
            name = entity.split(":", 1)[1] if ":" in entity else entity
            names = {name}
            if ":" in entity:
                ident = self._identity(snap)
                shown = ident.shown(entity)
                names.add(shown.split(":", 1)[1])
                table = self._entity_table(snap)
                names.update(table[k]["name"] for k in ident.members.get(shown, ()) if k in table)
        if doc is not None:
            if doc not in snap.index:
                return []
            facts = [_fact_from(r) for r in snap.doc_items(doc, "facts")]
            if names is not None:
                facts = [f for f in facts if f.subject in names or f.object in names]
        elif names is not None:
            index = self._fact_index(snap)
            if len(names) == 1:
                facts = list(index.get(next(iter(names)), []))
            else:
                seen: set[int] = set()
                picked = [
                    f
                    for n in names
                    for f in index.get(n, [])
                    if id(f) not in seen and not seen.add(id(f))  # type: ignore[func-returns-value]
                ]
                order = {id(f): i for i, f in enumerate(self._all_facts(snap))}
                facts = sorted(picked, key=lambda f: order[id(f)])
        else:
            facts = list(self._all_facts(snap))
        if predicate is not None:
            facts = [f for f in facts if f.predicate == predicate]
        return facts

    def _cooccurrence(self, snap: Snapshot) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        known = snap.doc_keys()
        shown = self._identity(snap).shown

        def build() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
            doc_keys: dict[str, set[str]] = defaultdict(set)
            key_docs: dict[str, set[str]] = defaultdict(set)
            if known is not None:
                for row, keys in zip(snap.rows, known, strict=False):
                    named = {shown(k) for k in keys if k.split(":", 1)[0] in NAME_LABELS}
                    doc_keys[row[ROW_ID]] = named
                    for k in named:
                        key_docs[k].add(row[ROW_ID])
                return doc_keys, key_docs
            for rec in self._all_mentions(snap):
                if rec.get("label") in NAME_LABELS:
                    k = shown(f"{rec['label']}:{rec.get('entity')}")
                    doc_keys[rec.get("doc", "")].add(k)
                    key_docs[k].add(rec.get("doc", ""))
            return doc_keys, key_docs

        return self._cached(snap, "cooccurrence", build)

    def related(self, key: str, limit: int = 20) -> list[tuple[Entity, int, float]]:
        """Named entities that appear in the same documents as `key`: (entity, documents
        shared, score), most significant first. The score is Dunning's log-likelihood ratio
        (G²) of the two appearing together against chance, negative when they meet less often
        than chance would have them; entities met in one document only come after those met
        in two or more (the floor), so a list is not led by one article's cast, and those met
        no more often than chance come last."""
        snap = self._snap
        doc_keys, key_docs = self._cooccurrence(snap)
        key = self._identity(snap).shown(key)
        mine = key_docs.get(key, set())
        shared: Counter[str] = Counter()
        for doc_id in mine:
            shared.update(doc_keys[doc_id])
        shared.pop(key, None)
        total = max(len(snap.rows), len(doc_keys), 1)
        a = len(mine)
        merged = self._merged(snap)
        scored = []
        for other, k11 in shared.items():
            if other not in merged:
                continue
            b = len(key_docs.get(other, ()))
            score = log_likelihood(k11, a, b, total)
            floor = 2 if score <= 0 else 0 if k11 >= 2 or a < 2 else 1
            scored.append((floor, -score, -k11, other))
        scored.sort()
        return [(merged[other], -neg_k, -neg_s) for _f, neg_s, neg_k, other in scored[:limit]]

    def cooccurring(self, key: str, limit: int = 20) -> list[tuple[Entity, int]]:
        """Named entities that appear in the same documents as `key`, with how many
        documents they share, most significant first (see `related`)."""
        return [(entity, count) for entity, count, _score in self.related(key, limit)]

    def iter_sentences(self, doc_ids: Iterable[str] | None = None) -> Iterator[SentenceRecord]:
        """Every sentence of every document, in store order; with `doc_ids`, only those of
        these documents (still in store order; ids the store does not hold are skipped), read
        without parsing the other documents."""
        if doc_ids is not None:
            snap = self._snap
            wanted = sorted({d for d in doc_ids if d in snap.index}, key=snap.index.__getitem__)
            records: Iterable[Any] = (snap.doc_record(doc_id) for doc_id in wanted)
        else:
            records = self._snap.table("documents").values()
        for record in records:
            if not isinstance(record, dict) or "id" not in record:
                continue
            text = record.get("text", "")
            doc_id, title = record["id"], record.get("title", "")
            for i, (start, end) in enumerate(record.get("sentences", ())):
                yield SentenceRecord(doc_id, title, i, start, end, text[start:end])

    def release_pages(self) -> None:
        """Let go of the store file pages read so far (see `Snapshot.release_pages`): a
        long pass over every document calls it now and then."""
        self._snap.release_pages()

    def roots(self) -> list[Path]:
        """The files and folders given to ingest (absolute), oldest first: what a re-ingest
        reads again to find files added since."""
        return [Path(r) for r in self._snap.roots()]

    def document_hashes(self) -> dict[str, str]:
        """Document id -> the sha256 of its content, in store order (no text is loaded): a
        document whose hash is unchanged has the same text, sentences, mentions and facts."""
        return {row[ROW_ID]: row[ROW_SHA] for row in self._snap.rows}

    # ---------------------------------------------------------------- rules

    def _change_rules(
        self, change: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
    ) -> list[dict[str, Any]]:
        """Rewrite the `rules` table with `change(rules)` under the writer's lock (a commit: the
        next read, the search index and every later ingest apply them)."""
        if self.readonly:
            raise StoreError(f"{self._path}: opened read-only; open it for writing to change rules")
        check_writable(self._path)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        with write_lock(self._path, self.lock_timeout):
            self.refresh()
            rules = change([dict(r) for r in self._rules(self._snap)])
            writer = Writer(self._snap)
            table = {str(r["id"]): {k: v for k, v in r.items() if k != "id"} for r in rules}
            writer.extra_tables["rules"] = orjson.dumps(table)
            writer.dirty = True
            writer.commit()
        self.refresh()
        return rules

    def add_rule(
        self,
        op: str,
        name: str,
        target: str | None = None,
        *,
        label: str | None = None,
        target_label: str | None = None,
    ) -> dict[str, Any]:
        """Keep one rule (`op` merge, split, rename or relabel); the rule with its `id`.
        RuleError when it is not a rule."""
        rule = check_rule(
            {"op": op, "name": name, "target": target, "label": label, "target_label": target_label}
        )
        added: dict[str, Any] = {}

        def change(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
            added.update(rule, id=max((r["id"] for r in rules), default=0) + 1)
            added["created"] = datetime.now(UTC).isoformat(timespec="seconds")
            return [*rules, dict(added)]

        self._change_rules(change)
        return added

    def merge(self, name: str, into: str, *, label: str | None = None) -> dict[str, Any]:
        """Every entity named `name` joins the one named `into` (of `label`, when given)."""
        return self.add_rule("merge", name, into, label=label)

    def split(self, name: str, *, label: str | None = None) -> dict[str, Any]:
        """The entity named `name` leaves the entity it was merged into."""
        return self.add_rule("split", name, label=label)

    def rename(self, name: str, new: str, *, label: str | None = None) -> dict[str, Any]:
        """Add a rule that names the entity `name` (of `label`, if given) `new` from now on."""
        return self.add_rule("rename", name, new, label=label)

    def relabel(self, name: str, new_label: str, *, label: str | None = None) -> dict[str, Any]:
        """Add a rule that gives the entity `name` (of `label`, if given) the label `new_label`."""
        return self.add_rule("relabel", name, new_label, label=label)

    def remove_rule(self, rule_id: int) -> dict[str, Any] | None:
        """Forget rule `rule_id`; the rule removed, or None when there was none."""
        removed: list[dict[str, Any]] = []

        def change(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
            removed.extend(r for r in rules if r["id"] == rule_id)
            return [r for r in rules if r["id"] != rule_id]

        if not any(r["id"] == rule_id for r in self.rules()):
            return None
        self._change_rules(change)
        return removed[0] if removed else None

    def undo(self) -> dict[str, Any] | None:
        """Forget the newest rule; it, or None when there are no rules."""
        rules = self.rules()
        return self.remove_rule(rules[-1]["id"]) if rules else None

    def import_rules(self, rules: Iterable[Mapping[str, Any]]) -> int:
        """Keep every rule of `rules` (as `export_rules` writes them) that is not kept
        already; how many were added. RuleError (naming the rule's place) on a bad one."""
        checked = []
        for n, rule in enumerate(rules, start=1):
            try:
                checked.append(check_rule(rule))
            except RuleError as exc:
                raise RuleError(f"rule {n}: {exc}") from None
        added = 0

        def change(kept: list[dict[str, Any]]) -> list[dict[str, Any]]:
            nonlocal added
            seen = {_rule_identity(r) for r in kept}
            out = list(kept)
            next_id = max((r["id"] for r in kept), default=0) + 1
            for rule in checked:
                if _rule_identity(rule) in seen:
                    continue
                seen.add(_rule_identity(rule))
                out.append({**rule, "id": next_id})
                next_id += 1
                added += 1
            return out

        if checked:
            self._change_rules(change)
        return added

    def export_rules(self) -> list[dict[str, Any]]:
        """The rules as `import_rules` reads them (no ids: they are the store's own)."""
        return [{k: v for k, v in r.items() if k != "id"} for r in self.rules()]

    # ---------------------------------------------------------------- marks

    @property
    def marks(self) -> Marks:
        """The user's marks, stars, tags and notes (kept beside the store, `<store>.marks`)."""
        if self._marks is None:
            self._marks = Marks(marks_path(self._path))
        return self._marks

    def anchor(
        self,
        kind: str,
        *,
        doc: str = "",
        start: int = -1,
        end: int = -1,
        text: str = "",
        predicate: str = "",
        label: str = "",
        entity: str = "",
    ) -> Anchor:
        """Where a mark of `kind` attaches, with the document's current hash and title (or
        the entity's key as readers see it), so the mark can be found again after a
        re-ingest."""
        if kind == "entity":
            key = self.canonical_key(entity)
            return Anchor(
                kind="entity", entity=key, label=key.split(":", 1)[0], title=key.split(":", 1)[-1]
            )
        sha = title = ""
        snap = self._snap
        at = snap.index.get(doc)
        if at is not None:
            row = snap.rows[at]
            sha, title = row[ROW_SHA], row[ROW_TITLE]
        return Anchor(
            kind=kind,
            doc=doc,
            sha=sha,
            start=start,
            end=end,
            text=text,
            predicate=predicate,
            label=label,
            entity=entity,
            title=title,
        )

    # ---------------------------------------------------------------- writing

    def compact(self) -> None:
        """Merge every segment of the store into one (as the end of an ingest does for its
        own batches): the fastest layout to open. StoreError when it cannot be written."""
        if self.readonly:
            raise StoreError(f"{self._path}: opened read-only; open it for writing to compact")
        check_writable(self._path)
        with write_lock(self._path, self.lock_timeout):
            self.refresh()
            writer = Writer(self._snap)
            if writer.rewrite_all:
                if self._snap.rows:
                    writer.commit()
            elif len(writer.segments) > 1:
                writer.merge(0, len(writer.segments) - 1)
        self.refresh()

    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        progress: Progress | None = None,
        prune: bool = False,
        scheduler: str | None = None,
        on_commit: OnCommit | None = None,
    ) -> IngestReport:
        """Read, extract and store `paths` (files and folders). Unchanged files cost a hash;
        changed ones replace their documents; with `prune`, documents whose file vanished go.
        Commits in batches; StoreError when the store cannot be written (nothing committed
        before is lost). Parsing runs in spawned worker processes for larger batches, so a
        script that calls this needs the usual `if __name__ == "__main__":` guard. With
        `scheduler` (a Dask scheduler's address, or "local:N"), parsing runs on that cluster
        instead (cluster.py), with the same result. `on_commit(store)` is called after each
        batch committed before the last (the store refreshed to that batch): what a caller
        derives from the store (the search index) can follow the ingest batch by batch; the
        last commit is the ingest's end, when this returns."""
        if self.readonly:
            raise StoreError(f"{self._path}: opened read-only; open it for writing to ingest")
        started = time.perf_counter()
        check_writable(self._path)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        with write_lock(self._path, self.lock_timeout):
            self.refresh()
            report = IngestRun(self, self._snap, paths, progress, prune, scheduler, on_commit).run()
        self.refresh()
        report.seconds = time.perf_counter() - started
        return report


def _summaries(rows: list[list[Any]]) -> list[DocumentSummary]:
    # Long-lived (cached on the snapshot) and free of cycles: built out of the cyclic
    # collector's sight, or its passes walk 191,232 new objects on the first screen.
    with gc_paused(keep=True):
        return summaries_from_rows(rows)
