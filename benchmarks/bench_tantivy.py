"""Issue 13's yardstick: explorer's sentence index against tantivy on the same million sentences.

Both engines index exactly the sentences of `bench_search` (the BBC sentences replicated by
`BenchCorpus` to 1M, `EXPLORER_BENCH_TANTIVY_SIZE` to change it), and are timed in turns in
fresh processes pinned to one core, `EXPLORER_BENCH_TANTIVY_ROUNDS` rounds (3), wall and CPU
time (CPU is the figure to compare on a shared machine); docs/scale.md reads the figures:

- build: the index written to disk (explorer: `SearchIndex.build` + `save`, its cache folder;
  tantivy: one writer thread, 128 MB heap, commit and merges waited for), with the peak RSS
  above the process's RSS before it started;
- per keystroke: every prefix of `bench_search.QUERIES`, top 50 with the text of each hit
  (explorer also computes highlight ranges; tantivy is not asked for snippets), and the RSS
  the loaded index adds after every keystroke;
- known item: `bench_search`'s 1,000 queries (rarer words, one typo, the last cut to a
  prefix) on the base corpus: is the sentence in the top 10?

The tantivy query is what a Lucene user would build for a typed query: the text split into
explorer's terms (`analysis.tokens`), each term a MUST clause; a term is
SHOULD(term query, fuzzy term query at explorer's typo budget: 0 below 4 letters, 1 from 4,
2 from 8, transpositions cost 1); the last term, when no space follows it (still being
typed), uses prefix fuzzy queries instead (distance 0 and the budget, `prefix=True`). The
term query gives BM25 ranking to exact words; tantivy scores fuzzy matches as a constant.
Its tokenizer: simple (letters and digits), lower case, ASCII folding, as explorer folds.
Skips when tantivy (the `dev` extra) or the BBC data is absent.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_search import (
    QUERIES,
    BenchCorpus,
    keystrokes,
    known_item_queries,
    load_base,
    one_core,
    rss_mb,
)
from benchmarks.common import BBC, REPO, data_or_skip, dir_size, figure, heading, percentile

ENGINES = ("explorer", "tantivy")
HEAP = 128_000_000
TOKENIZER = "explorer_words"


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# ---------------------------------------------------------------- tantivy side


def tantivy_schema() -> Any:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", stored=True, tokenizer_name=TOKENIZER)
    builder.add_unsigned_field("rec", stored=True)
    return builder.build()


def tantivy_open(directory: Path, create: bool) -> Any:
    import tantivy

    schema = tantivy_schema()
    if create:
        index = tantivy.Index(schema, path=str(directory))
    else:
        index = tantivy.Index.open(str(directory))
    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )
    index.register_tokenizer(TOKENIZER, analyzer)
    return index


class TantivyQuery:
    """A typed query as tantivy queries (see the module docstring)."""

    def __init__(self, index: Any) -> None:
        import tantivy

        self.t = tantivy
        self.schema = tantivy_schema()
        self.index = index

    def clause(self, word: str, typing: bool) -> Any:
        from explorer.search import typo_budget

        t = self.t
        budget = typo_budget(word)
        parts = [t.Query.term_query(self.schema, "text", word)]
        if typing:
            parts.append(t.Query.fuzzy_term_query(self.schema, "text", word, 0, True, True))
        if budget:
            parts.append(t.Query.fuzzy_term_query(self.schema, "text", word, budget, True, typing))
        if len(parts) == 1:
            return parts[0]
        return t.Query.boolean_query([(t.Occur.Should, p) for p in parts])

    def build(self, text: str) -> Any | None:
        from explorer.search.analysis import tokens

        words = tokens(text)
        if not words:
            return None
        typing = not text[-1:].isspace()
        clauses = [self.clause(w, typing and i == len(words) - 1) for i, w in enumerate(words)]
        if len(clauses) == 1:
            return clauses[0]
        return self.t.Query.boolean_query([(self.t.Occur.Must, c) for c in clauses])

    def search(self, searcher: Any, text: str, limit: int) -> list[tuple[int, str]]:
        query = self.build(text)
        if query is None:
            return []
        out = []
        for _score, address in searcher.search(query, limit).hits:
            doc = searcher.doc(address)
            out.append((doc["rec"][0], doc["text"][0]))
        return out


def tantivy_add(writer: Any, corpus: BenchCorpus) -> int:
    import tantivy

    n = 0
    for n, rec in enumerate(corpus.iter_sentences()):
        writer.add_document(tantivy.Document(text=rec.text, rec=n))
    return n + 1


# ---------------------------------------------------------------- workers (fresh processes)


def build_worker(engine: str, base_file: str, size: int, directory: str) -> dict:
    with open(base_file, "rb") as f:
        base = pickle.load(f)
    corpus = BenchCorpus(Path(directory) / "bench.json", base, size)
    if engine == "explorer":
        from explorer.search import SearchIndex

        rss0 = rss_mb()
        c0, t0 = time.process_time(), time.perf_counter()
        if hasattr(SearchIndex, "build_saved"):  # parts merged into the saved files
            SearchIndex.build_saved(corpus, Path(directory))
            built = time.perf_counter() - t0
        else:
            index = SearchIndex.build(corpus)
            built = time.perf_counter() - t0
            index.save(Path(directory))
    else:
        import tantivy  # noqa: F401

        rss0 = rss_mb()
        c0, t0 = time.process_time(), time.perf_counter()
        index = tantivy_open(Path(directory), create=True)
        writer = index.writer(heap_size=HEAP, num_threads=1)
        tantivy_add(writer, corpus)
        writer.commit()
        writer.wait_merging_threads()
        built = time.perf_counter() - t0
    return {
        "build_s": time.perf_counter() - t0,
        "build_cpu_s": time.process_time() - c0,
        "index_s": built,
        "peak_mb": peak_rss_mb() - rss0,
        "disk_mb": dir_size(Path(directory)) / 1e6,
    }


def query_worker(engine: str, directory: str) -> dict:
    """Every keystroke once, wall and CPU time (the CPU figure is the one to read on a
    machine others load)."""
    typed: list[float] = []
    cpu: list[float] = []
    if engine == "explorer":
        from explorer.search import SearchIndex

        rss0 = rss_mb()
        index = SearchIndex.load(Path(directory))
        for query in keystrokes(QUERIES):
            c0, t0 = time.process_time(), time.perf_counter()
            index.search(query, limit=50)
            typed.append((time.perf_counter() - t0) * 1000.0)
            cpu.append((time.process_time() - c0) * 1000.0)
    else:
        import tantivy  # noqa: F401

        rss0 = rss_mb()
        index = tantivy_open(Path(directory), create=False)
        index.reload()
        searcher = index.searcher()
        maker = TantivyQuery(index)
        for query in keystrokes(QUERIES):
            c0, t0 = time.process_time(), time.perf_counter()
            maker.search(searcher, query, 50)
            typed.append((time.perf_counter() - t0) * 1000.0)
            cpu.append((time.process_time() - c0) * 1000.0)
    return {"typed_ms": typed, "cpu_ms": cpu, "rss_mb": rss_mb() - rss0}


def known_worker(engine: str, base_file: str, directory: str) -> dict:
    """Known item on the base corpus; the queries come from explorer's index (its rarer words)
    whichever engine answers them, so both get the same 1,000 queries."""
    from explorer.search import SearchIndex

    with open(base_file, "rb") as f:
        base = pickle.load(f)
    corpus = BenchCorpus(Path(directory) / "known.json", base, len(base))
    ours = SearchIndex.build(corpus)
    queries = known_item_queries(base, ours)
    found = 0
    misses = []
    if engine == "explorer":
        for n, query in queries:
            hits = ours.search(query, limit=10)
            text = base[n][5]
            if any(
                (h.doc == base[n][0] and h.sentence == base[n][2]) or h.text == text for h in hits
            ):
                found += 1
            elif len(misses) < 5:
                misses.append(query)
    else:
        del ours
        index = tantivy_open(Path(directory), create=True)
        writer = index.writer(heap_size=HEAP, num_threads=1)
        tantivy_add(writer, corpus)
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        searcher = index.searcher()
        maker = TantivyQuery(index)
        for n, query in queries:
            hits = maker.search(searcher, query, 10)
            if any(rec == n or text == base[n][5] for rec, text in hits):
                found += 1
            elif len(misses) < 5:
                misses.append(query)
    return {"found": found, "tried": len(queries), "misses": misses}


def run_worker(args: list[str], workdir: Path) -> dict | None:
    proc = subprocess.run(
        [*one_core(), sys.executable, "-m", "benchmarks.bench_tantivy", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
        check=False,
    )
    if proc.returncode != 0:
        print(f"  worker {args[:2]} failed: {proc.stderr.strip()[-800:]}")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- the suite


def ranged(values: list[float], fmt: str = "{:.2f}") -> str:
    """Median (min-max) of the rounds."""
    med = statistics.median(values)
    if len(values) == 1:
        return fmt.format(med)
    return f"{fmt.format(med)} ({fmt.format(min(values))}-{fmt.format(max(values))})"


def report(results: dict[str, dict[str, list[float]]], known: dict[str, dict]) -> None:
    rows = (
        ("keystroke median, CPU (ms)", "cpu_median", 1.0, "{:.2f}"),
        ("keystroke p95, CPU (ms)", "cpu_p95", 1.0, "{:.2f}"),
        ("keystroke median, wall (ms)", "key_median", 1.0, "{:.2f}"),
        ("keystroke p95, wall (ms)", "key_p95", 1.0, "{:.2f}"),
        ("build to disk, CPU (s)", "build_cpu_s", 1.2, "{:.1f}"),
        ("build to disk, wall (s)", "build_s", 1.2, "{:.1f}"),
        ("index on disk (MB)", "disk_mb", 1.2, "{:.0f}"),
        ("build peak RSS above start (MB)", "peak_mb", 1.2, "{:.0f}"),
        ("loaded index RSS after typing (MB)", "rss_mb", 1.2, "{:.0f}"),
    )
    rounds = len(results["explorer"]["build_s"])
    print(f"  median of {rounds} rounds (min-max); ratio = explorer / tantivy of the medians")
    print("  (CPU: time.process_time of the process, all its threads; wall: perf_counter)")
    print(f"  {'':<38} {'explorer':>22} {'tantivy':>22} {'ratio':>7}   target")
    for name, key, target, fmt in rows:
        ours, theirs = results["explorer"][key], results["tantivy"][key]
        if not ours or not theirs:
            continue
        ratio = statistics.median(ours) / max(statistics.median(theirs), 1e-9)
        print(
            f"  {name:<38} {ranged(ours, fmt):>22} {ranged(theirs, fmt):>22} "
            f"{ratio:>6.2f}x   <= {target}"
        )
    if known.get("explorer") and known.get("tantivy"):
        rates = {e: known[e]["found"] / max(known[e]["tried"], 1) for e in ENGINES}
        print(
            f"  {'known item in top 10 (' + str(known['explorer']['tried']) + ' queries)':<38} "
            f"{rates['explorer']:>22.1%} {rates['tantivy']:>22.1%} "
            f"{rates['explorer'] - rates['tantivy']:>+6.1%}    >= tantivy's"
        )
        for engine in ENGINES:
            if known[engine]["misses"]:
                figure(f"  {engine} misses", ", ".join(repr(m) for m in known[engine]["misses"]))


def main() -> None:
    heading("search vs tantivy (issue 13): the same sentences, typed as a person types")
    try:
        import tantivy  # noqa: F401
    except ImportError:
        print("  skipped: tantivy is not installed (it is in the `dev` extra: make install)")
        return
    if not data_or_skip(BBC, "the tantivy comparison"):
        return
    size = int(os.environ.get("EXPLORER_BENCH_TANTIVY_SIZE", "1000000"))
    rounds = max(1, int(os.environ.get("EXPLORER_BENCH_TANTIVY_ROUNDS", "3")))
    base = load_base()
    workdir = Path(tempfile.mkdtemp(prefix="explorer-bench-tantivy-"))
    load = os.getloadavg()[0]
    figure(
        "sentences, rounds",
        f"{size:,}, {rounds}",
        f"{len(base):,} BBC sentences replicated; load average {load:.1f} at start",
    )
    try:
        base_file = workdir / "base.pkl"
        with open(base_file, "wb") as f:
            pickle.dump(base, f)
        results: dict[str, dict[str, list[float]]] = {e: {} for e in ENGINES}
        for r in range(rounds):
            order = ENGINES if r % 2 == 0 else ENGINES[::-1]
            for engine in order:
                directory = workdir / f"{engine}-{r}"
                directory.mkdir()
                built = run_worker(
                    ["--build", engine, str(base_file), str(size), str(directory)], workdir
                )
                typed = run_worker(["--query", engine, str(directory)], workdir) if built else None
                shutil.rmtree(directory, ignore_errors=True)
                if not built or not typed:
                    continue
                keys, cpu = typed.pop("typed_ms"), typed.pop("cpu_ms")
                row = {
                    **built,
                    **typed,
                    "key_median": percentile(keys, 50),
                    "key_p95": percentile(keys, 95),
                    "cpu_median": percentile(cpu, 50),
                    "cpu_p95": percentile(cpu, 95),
                }
                for key, value in row.items():
                    results[engine].setdefault(key, []).append(value)
                print(
                    f"  round {r + 1} {engine:<8} build {built['build_s']:.1f} s, "
                    f"keystroke median {row['key_median']:.2f} ms p95 {row['key_p95']:.2f} ms "
                    f"(CPU {row['cpu_median']:.2f}, {row['cpu_p95']:.2f}) "
                    f"({len(keys)} keystrokes), load average {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
        known: dict[str, dict] = {}
        for engine in ENGINES:
            directory = workdir / f"known-{engine}"
            directory.mkdir()
            got = run_worker(["--known", engine, str(base_file), str(directory)], workdir)
            if got:
                known[engine] = got
        if all(results[e].get("build_s") for e in ENGINES):
            report(results, known)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--build":
        print(json.dumps(build_worker(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])))
    elif len(sys.argv) > 1 and sys.argv[1] == "--query":
        print(json.dumps(query_worker(sys.argv[2], sys.argv[3])))
    elif len(sys.argv) > 1 and sys.argv[1] == "--known":
        print(json.dumps(known_worker(sys.argv[2], sys.argv[3], sys.argv[4])))
    else:
        main()
