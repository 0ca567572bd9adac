"""Issue 4, "updated when documents are added or removed": the saved search index of a
100k-sentence corpus brought up to date after 1% new documents, against a full rebuild.

The corpus is the BBC articles replicated to 100k sentences with distinct document names (as
`bench_search`), given what the store gives the index: document summaries with content
hashes, the sentences of chosen documents, and entities, mentions and facts. The nlp would
take minutes here, so names are the capitalised runs of the text (about 5 a sentence, a
label each by a hash) and every sentence with "said" gives a fact: roughly the counts a
store of these articles holds, which the update indexes afresh each time.

Both paths are timed as `SearchIndex.load_or_build` runs them, saving included: the update
from the saved index of the corpus before, the rebuild with no saved index. Median of 3.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import statistics
import tempfile
import time
import zlib
from pathlib import Path

from benchmarks.common import BBC, REPO, child_env, data_or_skip, figure, heading, spread

SIZE = 100_000
ADDED = 0.01
REPEATS = 3
#: Besides bench_search's typed queries: filters, exclusions, phrases, the new names.
QUERIES = (
    "tony blair elecion",
    "@person brown",
    "label:ORG profit",
    "oil !gas",
    '"world cup"',
    "^the minister",
    "doc:new zzb",
    "zzab corespondent",
    "'euro | dollar",
)
_NAME = re.compile(r"(?:[A-Z][a-z]+ )*[A-Z][a-z]+")
_LABELS = ("PERSON", "ORG", "GPE")


class UpdateCorpus:
    """The BBC documents replicated to `size` sentences, plus `extra` more documents."""

    def __init__(self, path: Path, base: dict, size: int, extra: int = 0):
        from explorer.model import DocumentSummary, Entity, Fact, Mention, SentenceRecord

        self._path = path
        self._records: list = []  # (doc, [SentenceRecord])
        self._summaries: list = []
        self._hashes: dict[str, str] = {}
        self._mentions: list[tuple] = []
        self._facts: list = []
        counts: dict[tuple[str, str], int] = {}
        names = list(base)

        def add(doc_id: str, base_doc: str, byline: str = "") -> int:
            title, sentences, sha = base[base_doc]
            recs = [SentenceRecord(doc_id, title, i, s, e, t) for i, s, e, t in sentences]
            if byline:  # a new document: new text, and a name no other document has
                end = recs[-1].end if recs else 0
                text = f"{byline} Correspondent reported it."
                recs.append(
                    SentenceRecord(doc_id, title, len(recs), end + 1, end + 1 + len(text), text)
                )
                sha = hashlib.sha256((sha + byline).encode()).hexdigest()
            self._records.append((doc_id, recs))
            mentions = facts = 0
            for rec in recs:
                for m in _NAME.finditer(rec.text):
                    label = _LABELS[zlib.crc32(m.group().encode()) % 3]
                    self._mentions.append(
                        (
                            rec.start + m.start(),
                            rec.start + m.end(),
                            m.group(),
                            label,
                            rec.index,
                            doc_id,
                        )
                    )
                    counts[(m.group(), label)] = counts.get((m.group(), label), 0) + 1
                    mentions += 1
                    if " said" in rec.text and m.start() == 0:
                        self._facts.append(
                            Fact(
                                "said",
                                m.group(),
                                rec.text[:80],
                                rec.index,
                                rec.start,
                                rec.end,
                                doc=doc_id,
                            )
                        )
                        facts += 1
            self._hashes[doc_id] = sha
            self._summaries.append(
                DocumentSummary(doc_id, title, None, None, None, len(recs), mentions, facts)
            )
            return len(recs)

        n = copy = 0
        while n < size:
            for doc in names:
                n += add(doc if copy == 0 else f"{doc}#copy{copy}", doc)
                if n >= size:
                    break
            copy += 1
        added = self.added_documents = 0
        for k, doc in enumerate(names):
            if added >= extra:
                break
            self.added_documents += 1
            added += add(
                f"{doc}#new{k}", doc, byline="Zz" + "".join(chr(97 + int(c)) for c in str(k))
            )
        self.sentences = n + added
        self._entities = sorted(
            (Entity(name, label, mentions=c) for (name, label), c in counts.items()),
            key=lambda e: (-e.mentions, e.name.lower(), e.label),
        )
        self._mention_type = Mention
        self._mentions_by_doc: dict | None = None
        self._mentions_by_key: dict | None = None
        self._facts_by_doc: dict | None = None
        self._mentions_by_doc: dict | None = None
        self._mentions_by_key: dict | None = None
        self._facts_by_doc: dict | None = None

    @property
    def path(self) -> Path:
        return self._path

    def generation(self) -> str:
        return f"update-bench-{self.sentences}"

    def documents(self):
        return list(self._summaries)

    def document_hashes(self) -> dict[str, str]:
        return dict(self._hashes)

    def iter_sentences(self, doc_ids=None):
        wanted = None if doc_ids is None else set(doc_ids)
        for doc_id, recs in self._records:
            if wanted is None or doc_id in wanted:
                yield from recs

    def entities(self, label=None):
        return [e for e in self._entities if label is None or e.label == label]

    def mentions(self, *, doc=None, entity=None):
        """By document, in document order (as the store); new objects each call, as the
        store makes them from its records."""
        if doc is not None:
            rows = self._by_doc().get(doc, [])
        elif entity is not None:  # the store finds them through its per-document keys
            rows = self._by_key().get(entity, [])
        else:
            rows = self._mentions
        return [self._mention_type(s, e, t, label, t, i, doc=d) for s, e, t, label, i, d in rows]

    def _by_key(self) -> dict:
        if self._mentions_by_key is None:
            self._mentions_by_key = {}
            for row in self._mentions:
                self._mentions_by_key.setdefault(f"{row[3]}:{row[2]}", []).append(row)
        return self._mentions_by_key

    def _by_doc(self) -> dict:
        if self._mentions_by_doc is None:
            self._mentions_by_doc = {}
            for row in self._mentions:
                self._mentions_by_doc.setdefault(row[5], []).append(row)
        return self._mentions_by_doc

    def facts(self, predicate=None, *, doc=None):
        """In document order, or one document's (as the store)."""
        if doc is None:
            return list(self._facts)
        if self._facts_by_doc is None:
            self._facts_by_doc = {}
            for fact in self._facts:
                self._facts_by_doc.setdefault(fact.doc, []).append(fact)
        return list(self._facts_by_doc.get(doc, []))


def base_documents() -> dict:
    """doc -> (title, [(index, start, end, text)], sha256) for the BBC articles."""
    from benchmarks.bench_search import load_base

    docs: dict = {}
    for doc, title, i, start, end, text in load_base():
        docs.setdefault(doc, (title, []))[1].append((i, start, end, text))
    return {
        doc: (title, sents, hashlib.sha256(repr(sents).encode()).hexdigest())
        for doc, (title, sents) in docs.items()
    }


def run_size(base: dict, size: int, workdir: Path) -> None:

    from benchmarks.bench_search import QUERIES as TYPED
    from explorer.search import SearchIndex, cache_dir

    label = f"{size // 1000}k" if size < 1_000_000 else f"{size // 1_000_000}M"
    heading(f"search index update (issue 4): 1% new documents on {label} sentences vs a rebuild")
    path = workdir / f"store-{label}.json"
    before = UpdateCorpus(path, base, size)
    after = UpdateCorpus(path, base, size, extra=int(size * ADDED))
    directory = cache_dir(path)
    saved = workdir / f"saved-before-{label}"
    SearchIndex.load_or_build(before)
    shutil.copytree(directory, saved)
    before_sentences = before.sentences
    del before
    figure(
        "corpus before / after",
        f"{before_sentences:,} / {after.sentences:,} sentences",
        f"{after.added_documents} documents added "
        f"(each with a new name), {len(after._entities):,} entities, {len(after._facts):,} facts",
    )
    updates, rebuilds = [], []
    update_cpu, rebuild_cpu = [], []
    stats: dict = {}
    for _ in range(REPEATS):
        shutil.rmtree(directory, ignore_errors=True)
        shutil.copytree(saved, directory)
        t0, c0 = time.perf_counter(), time.process_time()
        updated = SearchIndex.load_or_build(after)
        updates.append(time.perf_counter() - t0)
        update_cpu.append(time.process_time() - c0)
        if not updated.updated_from_cache:
            print("  the update fell back to a rebuild: no figure")
            return
        stats = updated.update_stats
        del updated
        shutil.rmtree(directory, ignore_errors=True)
        t0, c0 = time.perf_counter(), time.process_time()
        rebuilt = SearchIndex.load_or_build(after)
        rebuilds.append(time.perf_counter() - t0)
        rebuild_cpu.append(time.process_time() - c0)
        del rebuilt
    shutil.rmtree(directory, ignore_errors=True)
    shutil.copytree(saved, directory)
    updated = SearchIndex.load_or_build(after)
    built = SearchIndex.build(after)
    queries = [*TYPED, *QUERIES]
    same_hits = all(updated.search(q) == built.search(q) for q in queries)
    same_groups = all(updated.search_grouped(q) == built.search_grouped(q) for q in queries)
    same_arrays = (
        updated.part_count == 1
        and updated.vocab == built.vocab
        and not updated.arrays.differences(built.arrays)
    )
    parts = updated.part_count
    del updated, built
    up, re_ = statistics.median(updates), statistics.median(rebuilds)
    figure(
        "update (load_or_build, saved index before)",
        f"{up:.3f} s",
        f"median of {REPEATS} ({min(updates):.3f}-{max(updates):.3f}); CPU {spread(update_cpu)}",
    )
    figure(
        "full rebuild (load_or_build, nothing saved)",
        f"{re_:.3f} s",
        f"median of {REPEATS} ({min(rebuilds):.3f}-{max(rebuilds):.3f}); CPU {spread(rebuild_cpu)}",
    )
    figure("  rebuild / update", f"{re_ / up:.1f}x")
    figure(
        "  records kept / indexed afresh",
        f"{stats['records_kept']:,} / {stats['records_indexed']:,}",
        f"{stats['sentences_indexed']:,} sentences of {stats['documents_indexed']} documents",
    )
    figure(
        f"  same hits as a build ({len(queries)} queries)",
        "yes" if same_hits and same_groups else "NO",
        f"grouped pages too; {parts} parts"
        + ("" if parts > 1 else f", arrays identical: {'yes' if same_arrays else 'NO'}"),
    )
    shutil.rmtree(saved, ignore_errors=True)
    shutil.rmtree(directory, ignore_errors=True)


def main() -> None:
    heading("search index update (issue 4): BBC sentences replicated, 1% new documents")
    if not data_or_skip(BBC, "the search update benchmark"):
        return
    base = base_documents()
    workdir = Path(tempfile.mkdtemp(prefix="explorer-bench-update-"))
    try:
        one_document(workdir)
        if os.environ.get("EXPLORER_BENCH_UPDATE_ONE_ONLY") == "1":
            return
        run_size(base, SIZE, workdir)
        if os.environ.get("EXPLORER_BENCH_UPDATE_1M", "0") == "1":
            run_size(base, 1_000_000, workdir)
        else:
            print("  (1M sentences: EXPLORER_BENCH_UPDATE_1M=1; about 2 GB of memory)")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()


# --------------------------------------------------------------------------- one document
#
# Issue 13 point 2: a one-document ingest's index update on real stores (the writer's, as
# bench_store's COMMIT_PHASE build leaves them in EXPLORER_BENCH_STORES), in a fresh process
# per run, for this checkout and the one EXPLORER_BENCH_BEFORE names, alternated.

_PHASE = r"""
import json, os, resource, shutil, statistics, sys, time
from pathlib import Path
import explorer
from explorer.store import Store
from explorer.search import SearchIndex, cache_dir
phase, db = sys.argv[1], Path(sys.argv[2])

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

def rss_mb(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024

out = {"explorer": explorer.__file__}
if phase == "prepare":  # the index of the store, saved; then one new document ingested
    store = Store.open(db)
    SearchIndex.load_or_build(store)
    store.close()
    shutil.copytree(cache_dir(db), Path(sys.argv[3]))
    store = Store.open(db)
    store.ingest([Path(sys.argv[4])])
    out["documents"] = len(store.documents())
    store.close()
elif phase in ("update", "build", "merge"):
    if phase == "build":
        shutil.rmtree(cache_dir(db), ignore_errors=True)
    if phase == "merge":  # the update made to merge its tail into the base
        from explorer.search import build as _build
        if not hasattr(_build, "TAIL_FLOOR"):
            raise SystemExit("no grown index in this checkout")
        _build.TAIL_FLOOR, _build.TAIL_SHARE = 0, 0.0
    store = Store.open(db)
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # the peak RSS from here on
    rss0 = rss_mb("VmRSS:")
    c0, t0 = cpu(), time.perf_counter()
    index = SearchIndex.load_or_build(store)
    out["cpu_s"], out["wall_s"] = cpu() - c0, time.perf_counter() - t0
    out["rss_growth_mb"] = rss_mb("VmHWM:") - rss0
    out["grown"] = getattr(index, "part_count", 1) > 1
    out["updated"] = index.updated_from_cache
    out["merged"] = index.update_stats.get("merged", 0)
    if len(sys.argv) > 3:
        from benchmarks.bench_search import QUERIES
        times = []
        for query in QUERIES:
            for n in range(1, len(query) + 1):
                c = time.thread_time()
                index.search_grouped(query[:n])
                times.append(time.thread_time() - c)
        times.sort()
        out["key_median_ms"] = statistics.median(times) * 1000
        out["key_p95_ms"] = times[int(0.95 * (len(times) - 1))] * 1000
        out["keystrokes"] = len(times)
    store.close()
print(json.dumps(out))
"""


def _phase(tree: Path, *args: str) -> dict:
    import json
    import subprocess
    import sys

    env = child_env()
    env["PYTHONPATH"] = f"{tree}{os.pathsep}{REPO}"  # the checkout's explorer; our benchmarks
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "explorer-bench-pycache")
    done = subprocess.run(
        [sys.executable, "-c", _PHASE, *args],
        env=env,
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def one_document(workdir: Path) -> None:
    """A one-document ingest's index update (what `explorer ingest` runs after its commit):
    CPU, wall and peak RSS growth, and the keystrokes typed on the index it leaves."""
    from benchmarks.bench_store import _prebuilt

    heading("search index (issue 13): update after a one-document ingest (median of 3)")
    if not os.environ.get("EXPLORER_BENCH_STORES"):
        print("  skipped: EXPLORER_BENCH_STORES names no folder of prebuilt stores")
        return
    trees = [("after", REPO)]
    before = os.environ.get("EXPLORER_BENCH_BEFORE")
    if before:
        trees.insert(0, ("before", Path(before).resolve()))
    sizes = [int(s) for s in os.environ.get("EXPLORER_BENCH_UPDATE_SIZES", "2000,20000").split(",")]
    new_doc = workdir / "new" / "late-story.txt"
    new_doc.parent.mkdir()
    new_doc.write_text(
        "Quokka museum opens\n\nThe quokka museum in Perth opened on Monday, Maria Lopez said. "
        "Visitors queued for hours to see the zebra exhibit.\n",
        encoding="utf-8",
    )
    for size in sizes:
        runs: dict[str, list[dict]] = {name: [] for name, _tree in trees}
        saved: dict[str, tuple[Path, Path]] = {}
        for name, tree in trees:
            db = workdir / f"{name}-{size}" / f"base-{size}.json"
            db.parent.mkdir()
            if _prebuilt(size, db) is None:
                print(f"  skipped {size:,}: no base-{size}.json in EXPLORER_BENCH_STORES")
                return
            index_copy = workdir / f"{name}-{size}-index"
            prepared = _phase(tree, "prepare", str(db), str(index_copy), str(new_doc))
            saved[name] = (db, index_copy)
            print(f"  {name}: {prepared['explorer']}, {prepared['documents']:,} documents")
        for _ in range(REPEATS):
            for name, tree in trees:
                db, index_copy = saved[name]
                directory = db.with_name(db.name + ".index")
                shutil.rmtree(directory, ignore_errors=True)
                shutil.copytree(index_copy, directory)
                runs[name].append(_phase(tree, "update", str(db), "keys"))
        for name, _tree in trees:
            got = runs[name]
            how = "grown (base + tail)" if got[0]["grown"] else "one index"
            figure(
                f"{name}: {size:,} docs, one-document update",
                f"CPU {spread([r['cpu_s'] for r in got])}",
                f"wall {spread([r['wall_s'] for r in got])}; {how}",
            )
            figure(
                "  peak RSS growth of the update",
                f"{statistics.median(r['rss_growth_mb'] for r in got):,.0f} MB",
                f"({min(r['rss_growth_mb'] for r in got):,.0f}-"
                f"{max(r['rss_growth_mb'] for r in got):,.0f})",
            )
            figure(
                f"  keystroke CPU after it ({got[0]['keystrokes']} typed)",
                f"median {spread([r['key_median_ms'] for r in got], 'ms')}",
                f"p95 {spread([r['key_p95_ms'] for r in got], 'ms')}",
            )
        # The merge into the base: before this work a build; now base, names and the new
        # tail merged on their arrays (`merge.merge`). Alternated, each from the saved index.
        merges: dict[str, list[dict]] = {"build": [], "merge": []}
        db, index_copy = saved["after"]
        directory = db.with_name(db.name + ".index")
        for _ in range(int(os.environ.get("EXPLORER_BENCH_MERGE_REPEATS", "1"))):
            for phase in ("build", "merge"):
                shutil.rmtree(directory, ignore_errors=True)
                shutil.copytree(index_copy, directory)
                merges[phase].append(_phase(REPO, phase, str(db), "keys"))
        for phase, got in merges.items():
            what = "a build" if phase == "build" else "the k-way merge"
            if phase == "merge" and not all(r["merged"] for r in got):
                what = "NOT merged: a build"
            figure(
                f"  after: the merge into the base ({what})",
                f"CPU {spread([r['cpu_s'] for r in got])}",
                f"wall {spread([r['wall_s'] for r in got])}; peak RSS growth "
                f"{statistics.median(r['rss_growth_mb'] for r in got):,.0f} MB",
            )
            figure(
                f"    keystroke CPU on its index ({got[0]['keystrokes']} typed)",
                f"median {spread([r['key_median_ms'] for r in got], 'ms')}",
                f"p95 {spread([r['key_p95_ms'] for r in got], 'ms')}",
            )
        for name, _tree in trees:
            shutil.rmtree(saved[name][0].parent, ignore_errors=True)
            shutil.rmtree(saved[name][1], ignore_errors=True)
