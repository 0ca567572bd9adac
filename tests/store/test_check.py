"""`explorer check`: each corruption of a list is caught, named by file and record, and the
exit code says so; `--repair` rebuilds derived files and never writes over a damaged store."""

from __future__ import annotations

import hashlib
import os
import re
import shutil

import orjson
import pytest
import zstandard

from explorer.cli import main
from explorer.store import Store, StoreError
from explorer.store.storage import seal

pytestmark = pytest.mark.usefixtures("nlp_ready")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory, nlp_ready):
    """A store of the sample corpus with its sidecar, keys and search index, built once."""
    root = tmp_path_factory.mktemp("pristine")
    corpus = _write_corpus(root)
    db = root / "store.json"
    Store.open(db).ingest([corpus])
    assert main(["search", "Sanai", "--db", str(db)]) == 0  # builds <store>.index/
    return db


def _write_corpus(root):
    folder = root / "corpus"
    folder.mkdir()
    (folder / "iran.txt").write_text(
        "Iranian Ambassador to Russia Mehdi Sanai met Russian Deputy Minister Georgy "
        "Kalamanov in Moscow.\n\nSanai said trade between Iran and Russia reached $500 "
        "million in 2018.\n",
        encoding="utf-8",
    )
    (folder / "talks.md").write_text(
        "# Talks in Tehran\n\nMohammed Javad Zarif met Sergei Lavrov in Tehran on Monday. "
        "Zarif said the talks were useful.\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def db(tmp_path, pristine):
    """A fresh copy of the pristine store and its derived files."""
    for item in pristine.parent.iterdir():
        if item.name.startswith(pristine.name):
            target = tmp_path / item.name
            if item.is_dir():
                shutil.copytree(item, target)
            else:
                shutil.copy2(item, target)
    return tmp_path / pristine.name


def _check(db, capsys, *extra):
    code = main(["check", "--db", str(db), *extra])
    out = capsys.readouterr().out
    return code, out


def _segment(db):
    """The store's one segment file (an ingest merges its batches into one)."""
    (record,) = orjson.loads(db.read_bytes())["segments"].values()
    return db.with_name(db.name + ".segments") / record["file"]


def _tables(db):
    return orjson.loads(_segment(db).read_bytes())


def _save(db, tables, *, keep_sidecar=False):
    """Write the segment's tables as a bug would: the manifest's size and checksum follow."""
    segment = _segment(db)
    data = orjson.dumps(tables)
    segment.write_bytes(data)
    manifest = orjson.loads(db.read_bytes())
    (record,) = manifest["segments"].values()
    record.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    db.write_bytes(orjson.dumps(manifest))
    if not keep_sidecar:  # a store edit by hand, without the derived files that describe it
        segment.with_name(segment.name + ".idx").unlink(missing_ok=True)


def _first(tables, table, where=lambda rec: True):
    return next(k for k, rec in tables[table].items() if where(rec))


def test_a_sound_store_checks_clean(db, capsys):
    code, out = _check(db, capsys)
    assert code == 0
    assert re.search(
        r"derived files checked: (\d{6}-[0-9a-f]{12})\.json\.idx, \1\.json\.keys, "
        r"\1\.json\.post, \1\.json\.files, "
        r"aggregates-[0-9a-f]{12}\.json, store\.json\.index/$",
        out.strip(),
    ), out
    assert ": ok: " in out and "documents" in out


# --------------------------------------------------------------------------- the list


def truncated(db):
    db.write_bytes(db.read_bytes()[:-40])
    return "", "not valid JSON (truncated)"


def invalid_json(db):
    db.write_bytes(b'{"documents": {"1": {"id": "x",,}}}')
    return "", "not valid JSON"


def wrong_type(db):
    t = _tables(db)
    key = _first(t, "mentions")
    t["mentions"][key]["start"] = "12"
    _save(db, t)
    return f"mentions/{key}", "'start' is '12', not an integer"


def document_not_an_object(db):
    t = _tables(db)
    key = _first(t, "documents")
    t["documents"][key] = ["not", "a", "record"]
    _save(db, t)
    return f"documents/{key}", "is list, not an object"


def dangling_mention(db):
    t = _tables(db)
    key = _first(t, "documents")
    gone = t["documents"].pop(key)["id"]
    for rec in t["files"].values():
        rec["docs"] = [d for d in rec["docs"] if d != gone]
    _save(db, t)
    mention = _first(t, "mentions", lambda m: m["doc"] == gone)
    return f"mentions/{mention}", f"points at document {gone!r}, which the store lacks"


def fact_sentence_out_of_range(db):
    t = _tables(db)
    key = _first(t, "facts")
    t["facts"][key]["sentence"] = 999
    _save(db, t)
    return f"facts/{key}", "sentence 999 out of range"


def mention_offsets_out_of_range(db):
    t = _tables(db)
    key = _first(t, "mentions")
    t["mentions"][key]["end"] = 10**6
    _save(db, t)
    return f"mentions/{key}", "outside its document's"


def end_before_start(db):
    t = _tables(db)
    key = _first(t, "facts")
    rec = t["facts"][key]
    rec["start"], rec["end"] = rec["end"], rec["start"] - 1
    _save(db, t)
    return f"facts/{key}", "ends before it starts"


def mention_text_not_at_its_offsets(db):
    t = _tables(db)
    key = _first(t, "mentions")
    t["mentions"][key]["text"] = "Someone Else"
    _save(db, t)
    return f"mentions/{key}", "its text is not its document's text at its offsets"


def entity_key_resolves_to_nothing(db):
    t = _tables(db)
    mention = next(iter(t["mentions"].values()))
    key = f"{mention['label']}:{mention['entity']}"
    entity = _first(t, "entities", lambda e: e["key"] == key)
    del t["entities"][entity]
    _save(db, t)
    return "mentions/", f"entity key {key!r} resolves to no entity record"


def entity_key_not_its_name(db):
    t = _tables(db)
    key = _first(t, "entities")
    t["entities"][key]["key"] = "PERSON:Nobody"
    _save(db, t)
    return f"entities/{key}", "is not its label:name"


def edited_search_index(db):
    tables = db.with_name(db.name + ".index") / "tables.json.zst"
    text = zstandard.ZstdDecompressor().decompress(tables.read_bytes())
    assert b"Sanai" in text
    tables.write_bytes(zstandard.ZstdCompressor().compress(text.replace(b"Sanai", b"Sanaj", 1)))
    return "", "tables.json.zst: does not match its checksum"


def stale_sidecar(db):
    t = _tables(db)
    t["documents"][_first(t, "documents")]["title"] = "Retitled by hand"
    _save(db, t, keep_sidecar=True)
    return "", ".json.idx: stale: its segment changed after it was written"


def _sidecar(db):
    segment = _segment(db)
    return segment.with_name(segment.name + ".idx")


def _sidecar_body(side):
    return orjson.loads(side.read_bytes()[len('{"sha256":"') + 64 + len('","body":') : -1])


def sidecar_wrong_checksum(db):
    side = _sidecar(db)
    raw = side.read_bytes()
    side.write_bytes(raw.replace(b'"docs":[["', b'"docs":[["X', 1))
    return "", ".json.idx: its checksum does not match its content"


def keys_wrong_checksum(db):
    segment = _segment(db)
    keys = segment.with_name(segment.name + ".keys")
    keys.write_bytes(keys.read_bytes().replace(b"PERSON:", b"PERSON:X", 1))
    return "", ".json.keys: its checksum, generation or length does not match its segment"


def keys_disagree(db):
    segment = _segment(db)
    keys = segment.with_name(segment.name + ".keys")
    body = _sidecar_body(keys)
    body["keys"][0] = ["PERSON:Nobody"]
    keys.write_bytes(seal(orjson.dumps(body)))
    return "", ".json.keys: disagrees with its segment: the entity keys of"


def files_wrong_checksum(db):
    # The segment's files and their hashes (what a re-ingest compares), edited by hand.
    segment = _segment(db)
    files = segment.with_name(segment.name + ".files")
    files.write_bytes(files.read_bytes().replace(b'"files":{"', b'"files":{"X', 1))
    return "", ".json.files: its checksum or generation does not match its segment"


def files_disagree(db):
    # Sealed, but not the segment's records (written by a bug): a file's hash changed.
    segment = _segment(db)
    files = segment.with_name(segment.name + ".files")
    body = _sidecar_body(files)
    first = next(iter(body["files"]))
    body["files"][first][0] = "0" * 64
    files.write_bytes(seal(orjson.dumps(body)))
    return "", ".json.files: disagrees with its segment: its file hashes"


def postings_wrong_checksum(db):
    # A key's documents edited by hand, past the sealed directory (each key's own crc32).
    segment = _segment(db)
    post = segment.with_name(segment.name + ".post")
    data = bytearray(post.read_bytes())
    data[-1] ^= 0x01
    post.write_bytes(bytes(data))
    return "", ".json.post: the documents of a key do not match their checksum"


def postings_disagree(db):
    # Whole and sealed, but not the segment's (written by a bug): a key's documents lost.
    from explorer.store.segments import Postings, postings_bytes

    segment = _segment(db)
    manifest = orjson.loads(db.read_bytes())["segments"]["1"]
    postings = dict(Postings.open(segment, manifest["generation"]).items())
    postings[next(iter(postings))].pop()
    post = segment.with_name(segment.name + ".post")
    post.write_bytes(b"".join(postings_bytes(manifest["generation"], postings)))
    return "", ".json.post: disagrees with its segment: the documents of its entity keys"


def sidecar_sealed_but_wrong(db):
    # A sidecar whose checksum holds but whose rows are not the segment's (written by a bug).
    side = _sidecar(db)
    body = _sidecar_body(side)
    body["docs"].reverse()
    side.write_bytes(seal(orjson.dumps(body)))
    return "", ".json.idx: disagrees with its segment: its document list"


def aggregates_disagree(db):
    # The writer's entity totals (so a change does not read every document) gone stale.
    name = orjson.loads(db.read_bytes())["meta"]["1"]["aggregates"]
    file = db.with_name(db.name + ".segments") / name
    body = _sidecar_body(file)
    body["agg"]["PERSON:Mehdi Sanai"][3] += 5
    file.write_bytes(seal(orjson.dumps(body)))
    return "", "disagrees with the entity records (their counts)"


def segment_edited(db):
    segment = _segment(db)
    segment.write_bytes(segment.read_bytes().replace(b"Sanai", b"Sanaj", 1))
    return "", "does not match the manifest's checksum (edited or damaged)"


def segment_truncated(db):
    segment = _segment(db)
    segment.write_bytes(segment.read_bytes()[:-40])
    return "", "not valid JSON (truncated)"


def segment_missing(db):
    _segment(db).unlink()
    return "", "the manifest lists it, but it cannot be read"


def manifest_segment_record_damaged(db):
    manifest = orjson.loads(db.read_bytes())
    del manifest["segments"]["1"]["sha256"]
    db.write_bytes(orjson.dumps(manifest))
    return "segments/1", "not a segment record"


def stray_segment(db):
    folder = db.with_name(db.name + ".segments")
    (folder / "000099-0123456789ab.json").write_bytes(b'{"documents": {}}')
    return "", "a segment file the manifest does not list"


def files_record_without_hash(db):
    t = _tables(db)
    key = _first(t, "files")
    del t["files"][key]["sha256"]
    _save(db, t)
    return f"files/{key}", "has no 'sha256'"


def files_record_naming_a_lost_document(db):
    t = _tables(db)
    key = _first(t, "files")
    t["files"][key]["docs"].append("no-such-doc")
    _save(db, t)
    return f"files/{key}", "names document 'no-such-doc', which the store lacks"


def duplicate_document_ids(db):
    t = _tables(db)
    first = t["documents"][_first(t, "documents")]
    second = _first(t, "documents", lambda d: d is not first)
    t["documents"][second]["id"] = first["id"]
    _save(db, t)
    return f"documents/{second}", f"duplicate document id {first['id']!r}"


def meta_without_schema(db):
    manifest = orjson.loads(db.read_bytes())
    del manifest["meta"]["1"]["schema"]
    db.write_bytes(orjson.dumps(manifest))
    return "meta", "the meta table has no schema version"


def counts_disagree(db):
    t = _tables(db)
    key = _first(t, "documents")
    t["documents"][key]["counts"]["facts"] += 3
    _save(db, t)
    return f"documents/{key}", "facts but the store holds"


def leftover_temp_file(db):
    (db.parent / f".{db.name}.4242.tmp").write_bytes(b'{"documents": {')
    return "", f".{db.name}.4242.tmp: a temporary file left by a killed write"


def index_file_missing(db):
    (db.with_name(db.name + ".index") / "vocab.txt").unlink()
    return "", "vocab.txt: missing from the index"


CORRUPTIONS = [
    truncated,
    invalid_json,
    wrong_type,
    document_not_an_object,
    dangling_mention,
    fact_sentence_out_of_range,
    mention_offsets_out_of_range,
    end_before_start,
    mention_text_not_at_its_offsets,
    entity_key_resolves_to_nothing,
    entity_key_not_its_name,
    edited_search_index,
    stale_sidecar,
    sidecar_wrong_checksum,
    keys_wrong_checksum,
    keys_disagree,
    sidecar_sealed_but_wrong,
    files_wrong_checksum,
    files_disagree,
    postings_wrong_checksum,
    postings_disagree,
    aggregates_disagree,
    segment_edited,
    segment_truncated,
    segment_missing,
    manifest_segment_record_damaged,
    stray_segment,
    files_record_without_hash,
    files_record_naming_a_lost_document,
    duplicate_document_ids,
    meta_without_schema,
    counts_disagree,
    leftover_temp_file,
    index_file_missing,
]


@pytest.mark.parametrize("corrupt", CORRUPTIONS, ids=lambda f: f.__name__)
def test_each_corruption_is_caught_and_named(db, capsys, corrupt):
    record, message = corrupt(db)
    code, out = _check(db, capsys)
    assert code == 1
    lines = out.strip().splitlines()
    summary = lines[-1]
    assert "problem(s)" in summary and summary.startswith(str(db))
    named = [line for line in lines[:-1] if message in line]
    assert named, out
    assert all(str(db.parent) in line for line in named)  # every line names its file
    if record:
        assert any(f": {record}" in line for line in named), out


def test_a_mention_whose_text_differs_from_its_span_only_in_layout_is_sound(db, capsys):
    # nlp reads a layout-blind view: "No   Results" in the text is the mention "No Results".
    t = _tables(db)
    key = _first(t, "mentions", lambda m: " " in m["text"])
    mention = t["mentions"][key]
    doc = next(d for d in t["documents"].values() if d["id"] == mention["doc"])
    mention["text"] = mention["text"].replace(" ", "\n", 1)
    assert doc["text"][mention["start"] : mention["end"]] != mention["text"]
    _save(db, t)
    assert _check(db, capsys)[0] == 0


def test_json_output_lists_problems(db, capsys):
    wrong_type(db)
    code, out = _check(db, capsys, "--json")
    report = orjson.loads(out)
    assert code == 1 and report["ok"] is False
    assert any(p["record"].startswith("mentions/") for p in report["problems"])


# --------------------------------------------------------------------------- repair


@pytest.mark.parametrize(
    "corrupt",
    [
        edited_search_index,
        stale_sidecar,
        sidecar_wrong_checksum,
        keys_wrong_checksum,
        keys_disagree,
        sidecar_sealed_but_wrong,
        files_wrong_checksum,
        files_disagree,
        postings_wrong_checksum,
        postings_disagree,
        aggregates_disagree,
        leftover_temp_file,
        stray_segment,
        index_file_missing,
    ],
    ids=lambda f: f.__name__,
)
def test_repair_rebuilds_derived_files_and_removes_temp_files(db, capsys, corrupt, tmp_path):
    corrupt(db)
    alone = tmp_path / "alone" / "store.json"  # the store without derived files: the truth
    alone.parent.mkdir()
    shutil.copy(db, alone)
    shutil.copytree(
        db.with_name(db.name + ".segments"),
        alone.with_name(alone.name + ".segments"),
        ignore=shutil.ignore_patterns("*.idx", "*.keys", "*.files", "*.post", "000099-*"),
    )
    documents = Store.open(alone, readonly=True).documents()
    code, out = _check(db, capsys, "--repair")
    assert code == 0, out
    assert "repaired: " in out
    assert _check(db, capsys)[0] == 0
    assert Store.open(db, readonly=True).documents() == documents


@pytest.mark.parametrize(
    "corrupt",
    [wrong_type, dangling_mention, end_before_start, files_record_without_hash],
    ids=lambda f: f.__name__,
)
def test_repair_never_writes_over_a_damaged_store(db, capsys, corrupt):
    corrupt(db)
    before = db.read_bytes()
    code, out = _check(db, capsys, "--repair")
    assert code == 1  # the store itself still has its problems
    assert db.read_bytes() == before
    copy = db.with_name(db.name + ".repaired")
    assert f"mv {db} {db}.broken && mv {copy} {db}" in out
    assert _check(copy, capsys)[0] == 0  # the copy is sound
    assert Store.open(copy).ingest([]).documents == len(Store.open(copy).documents())


def test_repair_of_an_unparsable_store_touches_nothing(db, capsys):
    truncated(db)
    before = db.read_bytes()
    code, out = _check(db, capsys, "--repair")
    assert code == 1 and "cannot repair" in out and "left untouched" in out
    assert db.read_bytes() == before
    assert not db.with_name(db.name + ".repaired").exists()


def test_no_store_is_one_clear_line(tmp_path, capsys):
    assert main(["check", "--db", str(tmp_path / "nothing.json")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


# --------------------------------------------------------------------------- bad records elsewhere


@pytest.mark.parametrize(
    "corrupt",
    [wrong_type, document_not_an_object, dangling_mention, files_record_without_hash],
    ids=lambda f: f.__name__,
)
def test_damaged_records_are_skipped_by_readers_and_refused_by_the_writer(db, corrupt, capsys):
    corrupt(db)
    before = db.read_bytes()
    for command in (
        ["stats"],
        ["entities"],
        ["facts"],
        ["search", "Sanai"],
        ["export", "mentions"],
        ["export", "documents"],
    ):
        assert main([*command, "--db", str(db)]) == 0, command  # no traceback
        err = capsys.readouterr().err
        assert "damaged record(s) skipped" in err and "explorer check" in err, command
    with pytest.raises(StoreError, match=r"damaged record.*nothing was written.*check --repair"):
        Store.open(db).ingest([db.parent])
    assert db.read_bytes() == before


def test_a_bad_files_record_is_never_written_back_mangled(db, capsys):
    t = _tables(db)
    key = _first(t, "files")
    t["files"][key]["docs"] = "iran.txt"  # a string where a list belongs
    _save(db, t)
    before = db.read_bytes()
    assert main(["ingest", str(db.parent), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert f"files/{key}: 'docs' is 'iran.txt', not a list of strings" in err
    assert err.count("\n") == 1
    assert db.read_bytes() == before


def test_temp_files_of_a_killed_commit_are_removed_at_the_next_open(db):
    stale = db.parent / f".{db.name}.99999.tmp"
    stale.write_bytes(b'{"documents": {"1": ')  # what a kill mid-commit leaves
    side = db.parent / f".{db.name}.idx.99999.tmp"
    side.write_bytes(b"{")
    before = db.read_bytes()
    documents = Store.open(db, readonly=True).documents()
    store = Store.open(db)
    assert not stale.exists() and not side.exists()
    assert store.documents() == documents and db.read_bytes() == before


def test_a_long_list_of_ingested_paths_keeps_the_sidecar_trusted(tmp_path, capsys):
    # The sidecar was once tied to the store by its last 512 bytes: past ~450 bytes of
    # remembered paths, every open parsed the whole store and every ingest rewrote it.
    roots = []
    for i in range(12):
        folder = tmp_path / f"a-folder-with-a-rather-long-name-for-news-number-{i:02d}"
        folder.mkdir()
        (folder / "a.txt").write_text(f"Story {i}\n\nRome met Madrid on day {i}.\n")
        roots.append(folder)
    db = tmp_path / "store.json"
    Store.open(db).ingest(roots)
    assert len(orjson.dumps(orjson.loads(db.read_bytes())["meta"])) > 1000
    st = os.stat(db)
    Store.open(db).ingest(roots)  # nothing changed: nothing is written
    after = os.stat(db)
    assert (after.st_ino, after.st_mtime_ns) == (st.st_ino, st.st_mtime_ns)
