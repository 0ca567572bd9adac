"""`explorer check`: verify a store as SQLite's integrity_check and Lucene's CheckIndex do.

What holds in a sound store, checked in this order:

1. the store file parses (JSON, TinyDB tables), its meta table names a schema this explorer
   reads, and no temporary file of a killed write lies beside it; for a segmented store,
   the manifest's every segment exists, has the size and SHA-256 the manifest lists, and
   parses, and no segment file lies in its folder that the manifest does not list;
2. record types: every field of every table has the type `schema.FIELDS` says;
3. cross references: mentions and facts point at stored documents and at a sentence of
   theirs, their offsets lie inside the document's text and overlap that sentence, every
   mention's entity key resolves to an entity record, `files` records name stored
   documents, document ids are unique, a document's counts match its records;
4. derived files: the sidecar (`.idx`) and the entity keys (`.keys`) hold their checksums,
   belong to this version of the store and agree with it (for a segmented store: each
   segment's sidecar, with its rows, spans and entity keys, its file hashes (`.files`) and
   its postings (`.post`: the documents of each entity key)); the search index (`.index/`)
   matches the checksums written with it.

Repair (`repair`) rebuilds derived files from the store, never guesses them; a damaged
store file is never written over: a repaired copy is written beside it, with how to swap.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from .rows import record_keys
from .schema import (
    FIELDS,
    ROW_DSPAN,
    ROW_FSPAN,
    ROW_ID,
    ROW_MSPAN,
    SCHEMA_VERSION,
    SIDECAR_FORMAT,
    TABLES,
    StoreError,
    keys_path,
    record_problems,
    sidecar_path,
    stat_key,
)
from .segments import DERIVED_ENDINGS
from .storage import file_sha256, temp_files, unseal

#: Where the search layer caches its index (explorer.search.cache_dir says the same).
INDEX_SUFFIX = ".index"
#: The file of an index folder that lists the checksums of the others.
INDEX_MANIFEST = "meta.json"
#: The manifest of an index that has grown: its parts beside the base (search/persist.py).
INDEX_PARTS = "parts.json"


@dataclass(frozen=True)
class Problem:
    """One thing wrong: the file, the record in it (table/id, or "" for the whole file)."""

    file: Path
    record: str
    message: str
    #: "store" (the primary file: repaired only into a copy), "derived" (rebuilt), "temp"
    kind: str = "store"

    def line(self) -> str:
        """The problem as one line: where, then what."""
        where = f"{self.file}: {self.record}: " if self.record else f"{self.file}: "
        return where + self.message

    def to_dict(self) -> dict[str, str]:
        """The problem as `check --json` writes it."""
        return {
            "file": str(self.file),
            "record": self.record,
            "kind": self.kind,
            "message": self.message,
        }


@dataclass
class CheckReport:
    """What `check` found (and, with repair, did)."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)  # records checked per table
    derived: list[str] = field(default_factory=list)  # derived files checked
    repaired: list[str] = field(default_factory=list)  # what repair did, one line each
    parsed: Any = None  # the store's tables, when it parses

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    def summary(self) -> str:
        """One line: what was checked and the verdict."""
        total = sum(self.records.values())
        counts = ", ".join(f"{n:,} {table}" for table, n in self.records.items())
        checked = f"{total:,} records ({counts})" if self.records else "no records"
        derived = f"; derived files checked: {', '.join(self.derived)}" if self.derived else ""
        verdict = "ok" if self.ok else f"{len(self.problems)} problem(s)"
        return f"{self.path}: {verdict}: {checked}{derived}"

    def to_dict(self) -> dict[str, Any]:
        """The report as `check --json` writes it."""
        return {
            "db": str(self.path),
            "ok": self.ok,
            "problems": [p.to_dict() for p in self.problems],
            "records": self.records,
            "derived": self.derived,
            "repaired": self.repaired,
        }


# --------------------------------------------------------------------------- records


def _sound_mention(r: dict[str, Any]) -> bool:
    g = r.get
    return (
        type(g("doc")) is str
        and type(g("start")) is int
        and type(g("end")) is int
        and type(g("label")) is str
        and type(g("entity")) is str
        and type(g("text", "")) is str
        and type(g("sentence", 0)) is int
    )


def _sound_fact(r: dict[str, Any]) -> bool:
    g = r.get
    return (
        type(g("doc")) is str
        and type(g("predicate")) is str
        and type(g("subject")) is str
        and type(g("object", "")) is str
        and type(g("sentence")) is int
        and type(g("start")) is int
        and type(g("end")) is int
    )


#: Fast checks of the large tables' records: True means record_problems would find nothing
#: (False means: ask it what is wrong).
_SOUND = {"mentions": _sound_mention, "facts": _sound_fact}


# Complexity 40 (limit 25): merged minutes before the limit came; one check per table in
# functions of their own is the way down.
def table_problems(tables: dict[str, Any]) -> tuple[list[tuple[str, str, str]], set[str]]:  # noqa: C901
    """The problems of the store's tables (parsed), as (table, record id, message), and the
    records that readers must skip ("table/id"): wrongly typed, dangling, out of range."""
    out: list[tuple[str, str, str]] = []
    bad: set[str] = set()

    def flag(table: str, key: str, message: str, skip: bool = True) -> None:
        out.append((table, key, message))
        if skip:
            bad.add(f"{table}/{key}")

    for table in FIELDS:
        sound = _SOUND.get(table)
        for key, rec in (tables.get(table) or {}).items():
            if not key.isdigit():
                flag(table, key, "its id is not a number (TinyDB ids are)", skip=False)
            if sound is not None and type(rec) is dict and sound(rec):
                continue  # the common case, without a call per field
            for message in record_problems(table, rec):
                flag(table, key, message)

    docs: dict[str, dict[str, Any]] = {}
    for key, rec in tables.get("documents", {}).items():
        if f"documents/{key}" in bad:
            continue
        if rec["id"] in docs:
            flag("documents", key, f"duplicate document id {rec['id']!r}")
            continue
        docs[rec["id"]] = rec
        text = rec.get("text", "")
        if "chars" in rec and rec["chars"] != len(text):
            flag(
                "documents",
                key,
                f"'chars' is {rec['chars']} but its text has {len(text)}",
                skip=False,
            )
        for i, (start, end) in enumerate(rec.get("sentences", ())):
            if not 0 <= start <= end <= len(text):
                flag("documents", key, f"sentence {i} [{start}, {end}] is outside its text", False)
                break

    entity_keys: set[str] = set()
    for key, rec in tables.get("entities", {}).items():
        if f"entities/{key}" in bad:
            continue
        if rec["key"] != f"{rec['label']}:{rec['name']}":
            flag("entities", key, f"key {rec['key']!r} is not its label:name")
        elif rec["key"] in entity_keys:
            flag("entities", key, f"duplicate entity key {rec['key']!r}")
        entity_keys.add(rec["key"])

    per_doc: dict[str, Counter[str]] = {"mentions": Counter(), "facts": Counter()}
    for table in ("mentions", "facts"):
        for key, rec in tables.get(table, {}).items():
            if f"{table}/{key}" in bad:
                continue
            doc = docs.get(rec["doc"])
            if doc is None:
                flag(table, key, f"points at document {rec['doc']!r}, which the store lacks")
                continue
            per_doc[table][rec["doc"]] += 1
            start, end, size = rec["start"], rec["end"], len(doc.get("text", ""))
            if end < start:
                flag(table, key, f"ends before it starts ({start}, {end})")
                continue
            if start < 0 or end > size:
                flag(table, key, f"offsets [{start}, {end}] outside its document's {size} chars")
                continue
            sentences = doc.get("sentences", [])
            index = rec.get("sentence", -1)
            if table == "facts" or index != -1:
                if not 0 <= index < len(sentences):
                    flag(
                        table,
                        key,
                        f"sentence {index} out of range (its document has {len(sentences)})",
                    )
                    continue
                s_start, s_end = sentences[index]
                if not (start < s_end and end > s_start) and start != end:
                    # Reported, but readable: readers keep it (only what could mislead or
                    # crash a reader is set aside).
                    flag(table, key, f"[{start}, {end}] lies outside its sentence {index}", False)
                    continue
            if table == "mentions":
                entity = f"{rec['label']}:{rec['entity']}"
                if entity not in entity_keys:
                    flag(table, key, f"entity key {entity!r} resolves to no entity record")
                # nlp reads a layout-blind view (runs of spaces and soft line breaks as one
                # space), so a mention's text may differ from its span in whitespace only.
                if (
                    "text" in rec
                    and doc.get("text", "")[start:end] != rec["text"]
                    and doc.get("text", "")[start:end].split() != rec["text"].split()
                ):
                    flag(table, key, "its text is not its document's text at its offsets", False)

    for key, record in tables.get("documents", {}).items():
        if (
            f"documents/{key}" in bad
            or not isinstance(record, dict)
            or docs.get(record["id"]) is not record
        ):
            continue
        counts = record.get("counts") or {}
        for table in ("mentions", "facts"):
            if table in counts and counts[table] != per_doc[table][record["id"]]:
                flag(
                    "documents",
                    key,
                    f"counts {counts[table]} {table} but the store holds "
                    f"{per_doc[table][record['id']]}",
                    skip=False,
                )
        if "sentences" in counts and counts["sentences"] != len(record.get("sentences", ())):
            flag("documents", key, "its sentence count disagrees with its sentences", False)

    paths: set[str] = set()
    for key, rec in tables.get("files", {}).items():
        if f"files/{key}" in bad:
            continue
        if rec["path"] in paths:
            flag("files", key, f"duplicate path {rec['path']!r}")
        paths.add(rec["path"])
        missing = [d for d in rec["docs"] if d not in docs]
        if missing:
            flag("files", key, f"names document {missing[0]!r}, which the store lacks")

    metas = tables.get("meta", {})
    if len(metas) != 1:
        out.append(("meta", "", f"holds {len(metas)} records, not 1"))
    return out, bad


# --------------------------------------------------------------------------- the check


def check_store(path: str | os.PathLike[str]) -> CheckReport:
    """Check the store at `path` and its derived files; read-only."""
    path = Path(path)
    report = CheckReport(path)
    problem = report.problems.append

    for tmp in temp_files(path):
        problem(Problem(tmp, "", "a temporary file left by a killed write", "temp"))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problem(Problem(path, "", "no store here"))
        return report
    except OSError as exc:
        problem(Problem(path, "", f"cannot read it ({exc.strerror})"))
        return report
    if not data.strip():
        problem(Problem(path, "", "the store file is empty"))
        return report
    try:
        tables = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        cut = (
            " (truncated)"
            if "unexpected end" in str(exc).lower() or not data.rstrip().endswith(b"}")
            else ""
        )
        problem(Problem(path, "", f"not valid JSON{cut}: {exc}"))
        return report
    if not isinstance(tables, dict):
        problem(Problem(path, "", f"not TinyDB tables (a JSON {type(tables).__name__})"))
        return report
    from .segments import parse_manifest

    manifest = parse_manifest(tables)
    if manifest is not None:
        _check_segmented(path, manifest, report)
        _check_index(path, report)
        return report
    for name in TABLES:
        if not isinstance(tables.get(name, {}), dict):
            problem(Problem(path, name, "the table is not a JSON object"))
            tables[name] = {}
        tables.setdefault(name, {})
    report.parsed = tables

    meta = next(iter(tables["meta"].values()), None) if tables["meta"] else None
    if not _check_meta(path, meta, report):
        return report
    found, _bad = table_problems(tables)
    for table, key, message in found:
        if table == "meta" and not key and meta is None:
            continue  # said above
        problem(Problem(path, f"{table}/{key}" if key else table, message))
    report.records = {name: len(tables[name]) for name in TABLES}

    generation = meta.get("generation", "") if isinstance(meta, dict) else ""
    _check_sidecar(path, data, tables, generation, report)
    _check_index(path, report)
    return report


def _check_meta(path: Path, meta: Any, report: CheckReport) -> bool:
    """The meta record names a schema this explorer reads (False: stop, it is newer)."""
    if not isinstance(meta, dict) or "schema" not in meta:
        report.problems.append(Problem(path, "meta", "the meta table has no schema version"))
    elif isinstance(meta["schema"], int) and meta["schema"] > SCHEMA_VERSION:
        report.problems.append(
            Problem(
                path,
                "meta",
                f"written by a newer explorer (schema {meta['schema']}; this one reads "
                f"{SCHEMA_VERSION}): check it with that one",
            )
        )
        return False
    return True


def _check_segmented(
    path: Path, manifest: tuple[dict[str, Any], list[Any]], report: CheckReport
) -> None:
    """A manifest and its segments: each segment whole (size, checksum, JSON), no stray
    segment file; then the tables the segments combine into, as one store's; then each
    segment's sidecar."""
    from .segments import (
        combine_tables,
        live_meta,
        orphan_files,
        segment_ok,
        segment_sidecar,
        segments_dir,
    )

    meta, records = manifest
    problem = report.problems.append
    if not _check_meta(path, meta, report):
        return
    folder = segments_dir(path)
    parsed: list[dict[str, Any]] = []
    datas: list[bytes] = []
    whole = True
    for n, rec in enumerate(records, start=1):
        if not segment_ok(rec):
            problem(Problem(path, f"segments/{n}", "not a segment record (file, size, sha256)"))
            whole = False
            continue
        file = folder / rec["file"]
        try:
            data = file.read_bytes()
        except OSError as exc:
            problem(Problem(file, "", f"the manifest lists it, but it cannot be read ({exc})"))
            whole = False
            continue
        if len(data) != rec["size"]:
            problem(Problem(file, "", f"is {len(data)} bytes, the manifest says {rec['size']}"))
        elif hashlib.sha256(data).hexdigest() != rec["sha256"]:
            problem(Problem(file, "", "does not match the manifest's checksum (edited or damaged)"))
        try:
            value = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            cut = " (truncated)" if not data.rstrip().endswith(b"}") else ""
            problem(Problem(file, "", f"not valid JSON{cut}: {exc}"))
            whole = False
            continue
        if not isinstance(value, dict) or any(
            not isinstance(value.get(name, {}), dict) for name in TABLES
        ):
            problem(Problem(file, "", "not TinyDB tables"))
            whole = False
            continue
        parsed.append(value)
        datas.append(data)
    aggregates = meta.get("aggregates") or ""
    live = [r["file"] for r in records if segment_ok(r)]
    for stray in orphan_files(path, [*live, aggregates] if isinstance(aggregates, str) else live):
        problem(
            Problem(
                stray, "", "a segment file the manifest does not list (a killed write's)", "temp"
            )
        )
    if not whole:
        return  # what is missing cannot be cross-checked
    tables = combine_tables(parsed, live_meta(meta))
    report.parsed = tables
    found, _bad = table_problems(tables)
    for table, key, message in found:
        if table == "meta" and not key:
            continue  # said above
        problem(Problem(path, f"{table}/{key}" if key else table, message))
    report.records = {name: len(tables[name]) for name in TABLES}
    for rec, value, data in zip(records, parsed, datas, strict=True):
        _check_segment_sidecar(segment_sidecar(folder / rec["file"]), rec, value, data, report)
    if isinstance(aggregates, str) and aggregates:
        _check_aggregates(folder / aggregates, meta, tables, report)


def _check_aggregates(
    file: Path, meta: dict[str, Any], tables: dict[str, Any], report: CheckReport
) -> None:
    """The writer's entity totals against the entity records they were written with."""
    from .segments import read_aggregates

    if not file.exists():
        return
    report.derived.append(file.name)
    found = read_aggregates(file, str(meta.get("generation", "")))
    agg = found["agg"] if found is not None else None
    message = ""
    if agg is None:
        message = "its checksum does not match its content (edited or torn)"
    else:
        try:
            want = {
                rec["key"]: (rec.get("mentions"), rec.get("documents"), rec.get("implied", 0))
                for rec in tables["entities"].values()
                if isinstance(rec, dict) and isinstance(rec.get("key"), str)
            }
            # (totals written before implied entities were kept have no count of them: 0)
            have = {
                key: (entry[3], entry[4], entry[7] if len(entry) > 7 else 0)
                for key, entry in agg.items()
            }
            if have != want:
                message = "disagrees with the entity records (their counts)"
        except (TypeError, IndexError, KeyError):
            message = "its layout is not the entity totals'"
    if message:
        report.problems.append(Problem(file, "", message + "; --repair rebuilds it", "derived"))


def _check_segment_sidecar(
    side_file: Path, rec: dict[str, Any], tables: dict[str, Any], data: bytes, report: CheckReport
) -> None:
    from .segments import ROW_TID, SEGMENT_SIDECAR_FORMATS, tombstones_of

    if not side_file.exists():
        return
    report.derived.append(side_file.name)

    def problem(message: str) -> None:
        report.problems.append(
            Problem(side_file, "", message + "; --repair rebuilds it", "derived")
        )

    body = unseal(side_file.read_bytes())
    if body is None:
        problem("its checksum does not match its content (edited or torn)")
        return
    side = orjson.loads(body)
    if not isinstance(side, dict) or side.get("format") not in SEGMENT_SIDECAR_FORMATS:
        problem("written in another format")
        return
    if side.get("generation") != rec["generation"] or side.get("size") != len(data):
        problem("stale: its segment changed after it was written")
        return
    try:
        rows = side["docs"]
        if [row[ROW_ID] for row in rows] != _rows_expected(tables):
            problem("disagrees with its segment: its document list")
            return
        for name, span in side["tables"].items():
            if orjson.loads(data[span[0] : span[1]]) != tables.get(name, {}):
                problem(f"disagrees with its segment: its span of table {name!r}")
                return
        from .segments import read_segment_keys, segment_keys

        keys_file = segment_keys(side_file.with_name(side_file.name[: -len(".idx")]))
        keys_list = None
        if keys_file.exists():
            report.derived.append(keys_file.name)
            keys_list = read_segment_keys(
                keys_file.with_name(side_file.name[: -len(".idx")]), rec["generation"], len(rows)
            )
            if keys_list is None:
                report.problems.append(
                    Problem(
                        keys_file,
                        "",
                        "its checksum, generation or length does not match its segment; "
                        "--repair rebuilds it",
                        "derived",
                    )
                )
        first_stored: list[tuple[int, list[str]]] = []  # what the postings must say
        for n, row in enumerate(rows):
            keys = keys_list[n] if keys_list is not None else None
            blob = data[row[ROW_DSPAN][0] : row[ROW_DSPAN][1]]
            ((tid, doc),) = orjson.loads(b"{" + blob + b"}").items()
            if doc.get("id") != row[ROW_ID] or int(tid) != row[ROW_TID]:
                problem(f"disagrees with its segment: its span of document {row[ROW_ID]!r}")
                return
            for where, table in ((ROW_MSPAN, tables["mentions"]), (ROW_FSPAN, tables["facts"])):
                if row[where]:
                    items = orjson.loads(b"{" + data[row[where][0] : row[where][1]] + b"}")
                    if any(
                        table.get(k) != v or v.get("doc") != row[ROW_ID] for k, v in items.items()
                    ):
                        problem(f"disagrees with its segment: the records of {row[ROW_ID]!r}")
                        return
            want = record_keys([*(doc.get("entities") or ()), *(doc.get("implied") or ())])
            if len(row) <= ROW_DSPAN + 4 or row[ROW_DSPAN + 4]:
                first_stored.append((row[ROW_TID], want))
            if keys is not None and keys != want:
                report.problems.append(
                    Problem(
                        keys_file,
                        "",
                        f"disagrees with its segment: the entity keys of {row[ROW_ID]!r}; "
                        "--repair rebuilds it",
                        "derived",
                    )
                )
                return
        _check_postings(side_file, rec, first_stored, report)
        files = {
            r["path"]: [r["sha256"], r["size"], r["mtime_ns"], r["docs"]]
            for r in tables["files"].values()
            if not record_problems("files", r)
        }
        if side.get("format") == 1:
            if side.get("files") != files:
                problem("disagrees with its segment: its file hashes")
                return
        elif not _segment_files_agree(side_file, rec, files, report):
            return
        tombs = tombstones_of(tables)
        if any(side["tombstones"].get(k, []) != v for k, v in tombs.items()):
            problem("disagrees with its segment: its tombstones")
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        problem("its layout is not a segment sidecar's")


def _check_postings(
    side_file: Path, rec: dict[str, Any], docs: list[tuple[int, list[str]]], report: CheckReport
) -> None:
    """The segment's postings (when it has them: a segment written before them has none
    until a writer needs them) against its documents' entity keys."""
    from .segments import Postings, postings_of, segment_postings

    segment = side_file.with_name(side_file.name[: -len(".idx")])
    post_file = segment_postings(segment)
    if not post_file.exists():
        return
    report.derived.append(post_file.name)
    reader = Postings.open(segment, rec["generation"])
    message = ""
    if reader is None:
        message = "its checksum, generation or layout does not match its segment"
    else:
        try:
            want = {key: tids.tolist() for key, tids in postings_of(docs).items()}
            if dict(reader.items()) != want:
                message = "disagrees with its segment: the documents of its entity keys"
        except StoreError:
            message = "the documents of a key do not match their checksum (edited or torn)"
    if message:
        report.problems.append(
            Problem(post_file, "", message + "; --repair rebuilds it", "derived")
        )


def _segment_files_agree(
    side_file: Path, rec: dict[str, Any], files: dict[str, list[Any]], report: CheckReport
) -> bool:
    """Whether the segment's `.files` (when there is one) holds its `files` records."""
    from .segments import read_segment_files, segment_files

    segment = side_file.with_name(side_file.name[: -len(".idx")])
    files_file = segment_files(segment)
    if not files_file.exists():
        return True  # read from the segment itself until a rewrite brings it back
    report.derived.append(files_file.name)
    found = read_segment_files(segment, rec["generation"])
    message = ""
    if found is None:
        message = "its checksum or generation does not match its segment"
    elif found != files or list(found) != list(files):
        message = "disagrees with its segment: its file hashes"
    if message:
        report.problems.append(
            Problem(files_file, "", message + "; --repair rebuilds it", "derived")
        )
    return not message


def _rows_expected(tables: dict[str, Any]) -> list[str]:
    return [
        rec["id"] for rec in tables["documents"].values() if isinstance(rec, dict) and "id" in rec
    ]


def _check_sidecar(
    path: Path, data: bytes, tables: dict[str, Any], generation: str, report: CheckReport
) -> None:
    side_file, keys_file = sidecar_path(path), keys_path(path)

    def problem(file: Path, message: str) -> None:
        report.problems.append(Problem(file, "", message + "; --repair rebuilds it", "derived"))

    side = None
    if side_file.exists():
        report.derived.append(side_file.name)
        raw = side_file.read_bytes()
        body = unseal(raw)
        if body is None:
            problem(side_file, "its checksum does not match its content (edited or torn)")
        else:
            side = orjson.loads(body)
            if not isinstance(side, dict) or side.get("format") != SIDECAR_FORMAT:
                problem(side_file, "written in another format")
                side = None
            elif side.get("generation") != generation or side.get("stat") != stat_key(path.stat()):
                problem(side_file, "stale: the store changed after it was written")
                side = None
    if side is not None:
        why = _sidecar_disagrees(side, data, tables)
        if why:
            problem(side_file, f"disagrees with the store: {why}")
            side = None
    if keys_file.exists():
        report.derived.append(keys_file.name)
        body = unseal(keys_file.read_bytes())
        if body is None:
            problem(keys_file, "its checksum does not match its content (edited or torn)")
        else:
            keys = orjson.loads(body)
            if not isinstance(keys, dict) or keys.get("generation") != generation:
                problem(keys_file, "stale: the store changed after it was written")
            else:
                want = [
                    record_keys([*(rec.get("entities") or ()), *(rec.get("implied") or ())])
                    for rec in tables["documents"].values()
                    if isinstance(rec, dict)
                    and "id" in rec
                    and not record_problems("documents", rec)
                ]
                if keys.get("docs") != want:
                    problem(keys_file, "disagrees with the store's documents' entities")


def _sidecar_disagrees(side: dict[str, Any], data: bytes, tables: dict[str, Any]) -> str:
    """Why the sidecar's rows and byte spans do not describe the store file; "" when they do."""
    try:
        rows = side["docs"]
        ids = [row[ROW_ID] for row in rows]
        if ids != _rows_expected(tables):
            return "its document list is not the store's"
        for name, span in side["tables"].items():
            if orjson.loads(data[span[0] : span[1]]) != tables.get(name):
                return f"its span of table {name!r} does not hold that table"
        mentions = tables["mentions"]
        facts = tables["facts"]
        for row in rows:
            blob = data[row[ROW_DSPAN][0] : row[ROW_DSPAN][1]]
            (rec,) = orjson.loads(b"{" + blob + b"}").values()
            if rec.get("id") != row[ROW_ID]:
                return f"its span of document {row[ROW_ID]!r} holds another record"
            for where, table in ((ROW_MSPAN, mentions), (ROW_FSPAN, facts)):
                if row[where]:
                    blob = data[row[where][0] : row[where][1]]
                    items = orjson.loads(b"{" + blob + b"}")
                    if any(
                        table.get(k) != v or v.get("doc") != row[ROW_ID] for k, v in items.items()
                    ):
                        return f"its span of {row[ROW_ID]!r}'s records holds other records"
        files = {
            rec["path"]: [rec["sha256"], rec["size"], rec["mtime_ns"], rec["docs"]]
            for rec in tables["files"].values()
            if not record_problems("files", rec)
        }
        if side.get("files") != files:
            return "its file hashes are not the store's"
    except (KeyError, TypeError, ValueError, IndexError):
        return "its layout is not a sidecar's"
    return ""


def _check_index(path: Path, report: CheckReport) -> None:
    """The search index folder against the checksums its parts list: the base's files (at
    the top of the folder) and, when the index has grown, each part its manifest names."""
    folder = path.with_name(path.name + INDEX_SUFFIX)
    if not folder.is_dir():
        return
    report.derived.append(folder.name + "/")

    def problem(file: Path, message: str) -> None:
        report.problems.append(Problem(file, "", message + "; --repair rebuilds it", "derived"))

    generation = _check_index_part(folder, {INDEX_MANIFEST, INDEX_PARTS}, problem)
    listed: list[str] = []
    parts_file = folder / INDEX_PARTS
    if parts_file.exists():
        try:
            manifest = orjson.loads(parts_file.read_bytes())
            listed = [str(name) for name in manifest["parts"]]
            if generation is not None and manifest["base"] != generation:
                problem(parts_file, "names another base than the index's (stale)")
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
            problem(parts_file, "not a valid list of the index's parts")
    for name in listed:
        if not (folder / name).is_dir():
            problem(folder / name, "missing from the index")
        else:
            _check_index_part(folder / name, {INDEX_MANIFEST}, problem)
    for entry in sorted(folder.iterdir()):
        if entry.is_dir() and entry.name not in listed:
            problem(entry, "not part of the index (no manifest lists it: a stale part)")


def _check_index_part(
    folder: Path, own: set[str], problem: Callable[[Path, str], None]
) -> str | None:
    """One part's files against the checksums its meta.json lists; its generation."""
    manifest = folder / INDEX_MANIFEST
    try:
        meta = orjson.loads(manifest.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        problem(manifest, "missing or not valid JSON (the index is incomplete)")
        return None
    sums = meta.get("checksums") if isinstance(meta, dict) else None
    if not isinstance(sums, dict):
        problem(manifest, "lists no checksums (written by an older explorer)")
        return None
    present = {p.name for p in folder.iterdir() if p.is_file()} - own
    for name, want in sorted(sums.items()):
        file = folder / name
        if name not in present:
            problem(file, "missing from the index")
        elif file_sha256(file) != want:
            problem(file, "does not match its checksum (edited or damaged)")
    for name in sorted(present - set(sums)):
        problem(folder / name, "not part of the index (no checksum lists it)")
    generation = meta.get("generation")
    return str(generation) if generation is not None else None


# --------------------------------------------------------------------------- repair


def repair_store(
    path: str | os.PathLike[str],
    *,
    rebuild_index: Callable[[Path], None] | None = None,
    lock_timeout: float = 5.0,
) -> CheckReport:
    """Check, then repair what can be repaired safely, then check again.

    Temporary files of killed writes are removed and derived files rebuilt from the store
    (the search index by `rebuild_index`, which the caller supplies: the store does not
    know how to build one). A store file with problems is never written over: when it
    parses, a copy without its bad records is written beside it (`<store>.repaired`), with
    how to swap it in; when it does not, nothing can be salvaged here.
    """
    from .snapshot import Snapshot
    from .writer import Writer, write_lock

    path = Path(path)
    first = check_store(path)
    done: list[str] = []
    primary = [p for p in first.problems if p.kind == "store"]
    derived = [p for p in first.problems if p.kind == "derived"]
    with write_lock(path, lock_timeout):  # also removes a killed writer's temporary files
        for p in first.problems:
            if p.kind == "temp" and not p.file.exists():
                done.append(f"removed {p.file}")
        if primary:
            done.extend(_write_repaired_copy(path, first, primary))
        elif derived or (first.parsed is not None and _sidecars_missing(path)):
            index = path.with_name(path.name + INDEX_SUFFIX)
            stale = {p.file for p in derived}
            for file in stale:
                if (
                    file.name.endswith(DERIVED_ENDINGS) or file.name.startswith("aggregates-")
                ) and index not in file.parents:
                    file.unlink(missing_ok=True)
            if any(p.file == index or index in p.file.parents for p in derived):
                shutil.rmtree(index, ignore_errors=True)
                if rebuild_index is None:
                    done.append(f"removed {index}/ (rebuilt at the next search)")
            snap = Snapshot.load(path)
            try:
                writer = Writer(snap)
                writer.rewrite_all = True  # every document into one segment, sidecar and all
                writer.aggregates = ""  # the entity totals, from the documents next time
                writer.commit()
            finally:
                snap.close()
            done.append("rebuilt the derived files (the store rewritten as one segment)")
    if rebuild_index is not None and any(
        p.file.name.startswith(path.name + INDEX_SUFFIX) or path.name + INDEX_SUFFIX in str(p.file)
        for p in derived
    ):
        rebuild_index(path)
        done.append(f"rebuilt {path.name}{INDEX_SUFFIX}/")
    report = check_store(path)
    report.repaired = done
    return report


def _sidecars_missing(path: Path) -> bool:
    """Whether a sidecar the store should have is missing (one per segment, or the
    single-file store's one)."""
    from .segments import parse_manifest, segment_ok, segment_sidecar, segments_dir

    with contextlib.suppress(OSError, orjson.JSONDecodeError):
        manifest = parse_manifest(orjson.loads(path.read_bytes()))
        if manifest is not None:
            folder = segments_dir(path)
            return any(
                segment_ok(rec) and not segment_sidecar(folder / rec["file"]).exists()
                for rec in manifest[1]
            )
    return not sidecar_path(path).exists()


def _write_repaired_copy(path: Path, first: CheckReport, primary: list[Problem]) -> list[str]:
    if first.parsed is None:
        return [
            f"cannot repair {path}: it does not parse, so nothing in it can be trusted; it "
            "was left untouched: restore a backup, or move it aside and ingest again"
        ]
    tables = {name: dict(table) for name, table in first.parsed.items() if isinstance(table, dict)}
    _found, bad = table_problems(tables)
    dropped = 0
    # Records that cannot be read are dropped, and with a dropped document its records.
    gone_docs: set[str] = set()
    for item in sorted(bad):
        table, key = item.split("/", 1)
        rec = tables[table].pop(key, None)
        dropped += 1
        if (
            table == "documents"
            and isinstance(rec, dict)
            and isinstance(rec.get("id"), str)
            and sum(
                isinstance(r, dict) and r.get("id") == rec["id"] for r in tables[table].values()
            )
            == 0
        ):
            gone_docs.add(rec["id"])
    for table in ("mentions", "facts"):
        for key in [k for k, r in tables[table].items() if r.get("doc") in gone_docs]:
            del tables[table][key]
            dropped += 1
    for rec in tables["files"].values():
        rec["docs"] = [d for d in rec["docs"] if d not in gone_docs]
    per_doc: dict[str, Counter[str]] = {"mentions": Counter(), "facts": Counter()}
    for table in ("mentions", "facts"):
        per_doc[table].update(r["doc"] for r in tables[table].values())
    for rec in tables["documents"].values():  # counts follow the records kept
        counts = rec.setdefault("counts", {})
        counts["sentences"] = len(rec.get("sentences", ()))
        for table in ("mentions", "facts"):
            counts[table] = per_doc[table][rec["id"]]
    meta = next(iter(tables["meta"].values()), None) if tables["meta"] else None
    if not isinstance(meta, dict):
        tables["meta"] = {"1": {"schema": SCHEMA_VERSION, "app": "explorer", "roots": []}}
    elif "schema" not in meta:
        meta["schema"] = SCHEMA_VERSION
    copy = path.with_name(path.name + ".repaired")
    from .storage import atomic_write

    atomic_write(copy, [orjson.dumps(tables)])
    left = check_store(copy)
    remaining = [p for p in left.problems if p.kind == "store"]
    still = f"; {len(remaining)} problem(s) remain in it" if remaining else ""
    with contextlib.suppress(OSError):
        os.chmod(copy, path.stat().st_mode & 0o7777)
    return [
        f"{path} was left untouched; wrote a repaired copy {copy} ({dropped} bad record(s) "
        f"dropped{still}); to use it: mv {path} {path}.broken && mv {copy} {path}"
    ]
