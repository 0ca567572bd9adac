"""Issue 4's figures: search as you type over the BBC sentences replicated to 100k (and 1M).

Per keystroke (query -> ranked top 50 with highlight ranges) median and p95 over 60 queries
typed prefix by prefix (typos in a third of them), and the same keystrokes through the grouped
search the app runs (entities, facts, sentences: 25, 25, 100 hits and each group's total);
`fzf --filter` over the same sentences for
the same final queries, side by side; index build, cached-index load, index memory (RSS delta
of a fresh process that loads the index and runs every keystroke); known-item quality.

The corpus is built in memory straight from the files (sentences by `explorer.nlp`), not
through the store: ingesting a million sentences would make this a store benchmark.
The 1M part adds about two minutes (most of it fzf); `EXPLORER_BENCH_1M=0` skips it.
`EXPLORER_BENCH_AGAINST=DIR` (another checkout, say main's in a worktree) also types the same
keystrokes with that checkout's code on the same index, alternating, and prints both.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.common import BBC, REPO, data_or_skip, figure, heading, percentile, spread

# Sixty final queries, typed one character at a time; the 20 marked with a typo have one.
QUERIES = (
    "prime minister",
    "tony blair election",
    "gordon brown budget",
    "mobile phone",
    "economic growth",
    "interest rates",
    "world cup",
    "champions league",
    "oil prices",
    "stock market",
    "film festival",
    "box office",
    "video games",
    "broadband internet",
    "chelsea manager",
    "general election",
    "labour party",
    "conservative leader",
    "iraq war",
    "human rights",
    "music award",
    "best actor",
    "record label",
    "apple ipod",
    "microsoft software",
    "google search",
    "yukos oil",
    "dollar euro",
    "housing market",
    "unemployment rate",
    "tax cuts",
    "public spending",
    "house of lords",
    "identity cards",
    "terror suspects",
    "asylum seekers",
    "grand slam",
    "australian open",
    "rugby union",
    "six nations",
    # with one typo each
    "olympic champian",
    "arsenal wengr",
    "manchestr united",
    "liverpol",
    "hollywod star",
    "oscar nominatons",
    "digital musik",
    "computer viruss",
    "spam emial",
    "chinese econmy",
    "japanese exprts",
    "airline profts",
    "steal industry",
    "television viewrs",
    "goverment spending",
    "elecion campaign",
    "footbal club",
    "telecom compnay",
    "parliment vote",
    "presidnet bush",
)
TYPO_QUERIES = 20
#: Typed before every keystroke for the date-filtered figures: a year of the ten.
DATE_FILTER = "date:2004 "
FZF_QUERIES = 16  # fzf costs seconds a query at 1M: a fixed subset of the final queries
SEED = 7


def load_base() -> list[tuple[str, str, int, int, int, str]]:
    """(doc, title, index, start, end, text) for every sentence of the BBC articles."""
    try:
        from explorer.nlp import split_sentences
    except ImportError:  # the nlp layer not there yet: a plain regex split
        import re

        def split_sentences(text: str) -> list[tuple[int, int]]:
            return [m.span() for m in re.finditer(r"[^.!?\n]+[.!?]*", text) if m.group().strip()]

    out = []
    for path in sorted(BBC.rglob("*.txt")):
        if path.name == "README.TXT":
            continue
        text = path.read_text(encoding="utf-8", errors="replace").replace("\x00", " ")
        doc = f"{path.parent.name}/{path.name}"
        title = text.split("\n", 1)[0].strip()
        for i, (start, end) in enumerate(split_sentences(text)):
            out.append((doc, title, i, start, end, text[start:end].replace("\n", " ")))
    return out


class BenchCorpus:
    """The base sentences replicated, with distinct document names, to `size` sentences."""

    def __init__(self, path: Path, base: list, size: int):
        self._path = path
        self.base = base
        self.size = size

    @property
    def path(self) -> Path:
        return self._path

    def generation(self) -> str:
        return f"bench-{self.size}-{len(self.base)}"

    def iter_sentences(self) -> Iterator:
        from explorer.model import SentenceRecord

        n = 0
        copy = 0
        while n < self.size:
            suffix = "" if copy == 0 else f"#copy{copy}"
            for doc, title, i, start, end, text in self.base:
                yield SentenceRecord(doc + suffix, title, i, start, end, text)
                n += 1
                if n >= self.size:
                    return
            copy += 1

    def documents(self) -> list:
        """Every document with a date: ten years, spread by a hash of its name, so a year's
        filter keeps about a tenth of the sentences (`DATE_FILTER`)."""
        import zlib
        from datetime import date, timedelta
        from types import SimpleNamespace

        # Read off the base rows as `iter_sentences` replicates them, without making a
        # `SentenceRecord` a sentence: a store lists its documents from a table of its own,
        # and tantivy's side is not charged a second pass over the corpus either.
        docs: dict[str, str] = {}
        start = date(2000, 1, 1)
        every = list(dict.fromkeys(row[0] for row in self.base))  # a whole copy's
        n = 0
        copy = 0
        while n < self.size:
            suffix = "" if copy == 0 else f"#copy{copy}"
            rows = self.base[: self.size - n]
            names = every if len(rows) == len(self.base) else dict.fromkeys(r[0] for r in rows)
            for doc in names:
                doc_id = doc + suffix
                day = start + timedelta(days=zlib.crc32(doc_id.encode()) % 3652)
                docs[doc_id] = day.isoformat()
            n += len(rows)
            copy += 1
        return [SimpleNamespace(id=doc, date=when) for doc, when in docs.items()]

    def entities(self, label=None):
        return []

    def facts(self, predicate=None):
        return []


def keystrokes(queries) -> list[str]:
    return [q[:n] for q in queries for n in range(1, len(q) + 1)]


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def worker(directory: str) -> None:
    """In a fresh process: load the cached index, type every query, print figures as JSON."""
    from explorer.search import SearchIndex

    rss0 = rss_mb()
    loads = []
    for _ in range(3):
        t0 = time.perf_counter()
        index = SearchIndex.load(Path(directory))
        loads.append(time.perf_counter() - t0)
    typed, typed_cpu = [], []
    for query in keystrokes(QUERIES):
        t0, c0 = time.perf_counter(), time.process_time()
        index.search(query, limit=50)
        typed.append((time.perf_counter() - t0) * 1000.0)
        typed_cpu.append((time.process_time() - c0) * 1000.0)
    index.clear_caches()  # typed again from cold, as the app would be
    keystroke = app_keystroke(index)
    grouped, grouped_cpu = [], []
    for query in keystrokes(QUERIES):
        t0, c0 = time.perf_counter(), time.process_time()
        keystroke(query)
        grouped.append((time.perf_counter() - t0) * 1000.0)
        grouped_cpu.append((time.process_time() - c0) * 1000.0)
    index.clear_caches()
    dated = []
    for query in keystrokes(QUERIES):
        t0 = time.perf_counter()
        index.search(DATE_FILTER + query, limit=50)
        dated.append((time.perf_counter() - t0) * 1000.0)
    index.clear_caches()
    dated_grouped = []
    for query in keystrokes(QUERIES):
        t0 = time.perf_counter()
        keystroke(DATE_FILTER + query)
        dated_grouped.append((time.perf_counter() - t0) * 1000.0)
    finals = []
    for query in QUERIES[:FZF_QUERIES]:
        index.clear_caches()  # the whole query at once, nothing left from typing it
        t0 = time.perf_counter()
        index.search(query, limit=50)
        finals.append((time.perf_counter() - t0) * 1000.0)
    print(
        json.dumps(
            {
                "load_s": loads,
                "typed_ms": typed,
                "typed_cpu_ms": typed_cpu,
                "grouped_ms": grouped,
                "grouped_cpu_ms": grouped_cpu,
                "dated_ms": dated,
                "dated_grouped_ms": dated_grouped,
                "final_ms": finals,
                "rss_delta_mb": rss_mb() - rss0,
            }
        )
    )


def app_keystroke(index: Any) -> Callable[[str], object]:
    """What one keystroke of the app runs: the grouped search (before it existed, the app
    searched each kind apart: kept so this benchmark compares the two)."""
    grouped = getattr(index, "search_grouped", None)
    if grouped is not None:
        return grouped

    def per_kind(query: str) -> object:
        return [
            index.search(query, 25, kind="entity"),
            index.search(query, 25, kind="fact"),
            index.search(query, 100, kind="sentence"),
        ]

    return per_kind


def one_core() -> list[str]:
    return ["taskset", "-c", "0"] if shutil.which("taskset") else []


def fzf_times(lines_file: Path) -> list[float] | None:
    for step in (
        ["apt-get", "install", "-y", "-qq", "fzf"],
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "fzf"],
    ):
        if shutil.which("fzf") or not shutil.which("apt-get"):
            break
        subprocess.run(step, capture_output=True, check=False)
    if not shutil.which("fzf"):
        print("  skipped fzf: not installed and `apt-get install -y fzf` failed")
        return None
    out = []
    for query in QUERIES[:FZF_QUERIES]:
        t0 = time.perf_counter()
        with open(lines_file, "rb") as stdin:
            subprocess.run(
                [*one_core(), "fzf", "--filter", query],
                stdin=stdin,
                stdout=subprocess.DEVNULL,
                check=False,
            )
        out.append((time.perf_counter() - t0) * 1000.0)
    return out


def run_size(base: list, size: int, workdir: Path, with_fzf: bool) -> None:
    from explorer.search import SearchIndex, cache_dir

    label = f"{size // 1000}k" if size < 1_000_000 else f"{size // 1_000_000}M"
    heading(f"search (issue 4) at {label} sentences ({len(base):,} BBC sentences replicated)")
    corpus = BenchCorpus(workdir / f"bench-{label}.json", base, size)
    rss0 = rss_mb()
    t0 = time.perf_counter()
    index = SearchIndex.build(corpus)
    build_s = time.perf_counter() - t0
    build_rss = rss_mb() - rss0
    per100k = build_s / (size / 100_000)
    figure("index build", f"{build_s:.2f} s", f"{per100k:.2f} s per 100k (target <= 3 s)")
    figure("  RSS delta after build (same process)", f"{build_rss:.0f} MB")
    figure("  records, vocabulary", f"{index.records:,}, {len(index.vocab):,}")
    directory = cache_dir(corpus.path)
    index.save(directory)
    del index
    size_mb = sum(p.stat().st_size for p in directory.iterdir()) / 1e6
    figure("  cached index on disk", f"{size_mb:.0f} MB")

    against = os.environ.get("EXPLORER_BENCH_AGAINST")
    if against:
        compare(directory, Path(against).resolve())
    found = run_worker(directory, REPO)
    if found is None:
        return
    got = found[0]
    load_s = statistics.median(got["load_s"])
    figure(
        "load cached index",
        f"{load_s * 1000:.0f} ms",
        f"{load_s / (size / 100_000) * 1000:.0f} ms per 100k (target <= 300 ms)",
    )
    figure(
        "index memory: RSS delta, load + all keystrokes",
        f"{got['rss_delta_mb']:.0f} MB",
        "(target <= 300 MB at 1M)",
    )
    typed = got["typed_ms"]
    target = "median <= 2 ms, p95 <= 10 ms" if size < 1_000_000 else "p95 <= 50 ms"
    figure(
        f"per keystroke, {len(typed)} keystrokes of {len(QUERIES)} queries",
        f"median {percentile(typed, 50):.2f} ms",
        f"p95 {percentile(typed, 95):.2f} ms, max {max(typed):.1f} ms ({target})",
    )
    grouped = got["grouped_ms"]
    figure(
        "  grouped, as the app runs it (25/25/100 + totals)",
        f"median {percentile(grouped, 50):.2f} ms",
        f"p95 {percentile(grouped, 95):.2f} ms, max {max(grouped):.1f} ms",
    )
    for name, key in (("", "dated_ms"), ("  grouped, ", "dated_grouped_ms")):
        dated = got.get(key)
        if dated:
            figure(
                f"{name}with {DATE_FILTER.strip()} before each keystroke",
                f"median {percentile(dated, 50):.2f} ms",
                f"p95 {percentile(dated, 95):.2f} ms, max {max(dated):.1f} ms"
                " (target: p95 no worse than without)",
            )
    finals = got["final_ms"]
    figure(
        f"final query cold (no cache), {len(finals)} queries",
        f"median {percentile(finals, 50):.2f} ms",
        f"p95 {percentile(finals, 95):.2f} ms",
    )
    if with_fzf:
        lines = workdir / f"lines-{label}.txt"
        with open(lines, "w", encoding="utf-8") as out:
            for rec in corpus.iter_sentences():
                out.write(rec.text.replace("\n", " ").replace("\r", " "))
                out.write("\n")
        fzf = fzf_times(lines)
        lines.unlink()
        if fzf:
            ours = statistics.median(finals)
            figure(
                f"fzf --filter (1 core), same {len(fzf)} final queries",
                f"median {statistics.median(fzf):.0f} ms",
                f"p95 {percentile(fzf, 95):.0f} ms",
            )
            figure(
                "  ratio fzf / explorer (medians)",
                f"{statistics.median(fzf) / ours:.0f}x",
                "(target >= 5x at 1M)",
            )
    shutil.rmtree(directory, ignore_errors=True)


def run_worker(directory: Path, checkout: Path) -> tuple[dict, float] | None:
    """The keystrokes typed by `worker` in a fresh process running the code of `checkout`
    on the saved index in `directory`: its figures, and the CPU seconds it took."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    # This checkout's worker (the same keystrokes and figures on both sides of an A/B), with
    # `checkout`'s engine: run from a folder holding only a link to these benchmarks.
    with tempfile.TemporaryDirectory(prefix="explorer-bench-worker-") as here:
        (Path(here) / "benchmarks").symlink_to(REPO / "benchmarks")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run(
            [
                *one_core(),
                sys.executable,
                "-m",
                "benchmarks.bench_search",
                "--worker",
                str(directory),
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=here,
            check=False,
        )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        print(f"  worker ({checkout}) failed: {proc.stderr.strip()[-800:]}")
        return None
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return json.loads(proc.stdout.strip().splitlines()[-1]), cpu


#: Runs of each checkout when `EXPLORER_BENCH_AGAINST` names another one to compare with.
AB_RUNS = 3


def compare(directory: Path, other: Path) -> None:
    """This checkout's keystrokes against those of `other` (say, main's code in a worktree)
    on the same saved index, alternating the two `AB_RUNS` times so that the load of a
    shared machine falls on both: per kind of keystroke the median and p95 (the median of
    the runs, their min-max), and the worker's CPU time (loading the index included)."""
    runs: dict[str, list[tuple[dict, float]]] = {"this": [], "other": []}
    for n in range(AB_RUNS):
        order = [("this", REPO), ("other", other)]
        for name, checkout in order if n % 2 == 0 else order[::-1]:
            found = run_worker(directory, checkout)
            if found is not None:
                runs[name].append(found)
    print(f"  A/B, {AB_RUNS} runs each alternating: this checkout vs {other}")
    for key, what in (
        ("typed_ms", "per keystroke, top 50"),
        ("typed_cpu_ms", "per keystroke, top 50, CPU"),
        ("grouped_ms", "grouped, as the app runs it"),
        ("grouped_cpu_ms", "grouped, as the app runs it, CPU"),
        ("dated_grouped_ms", f"grouped with {DATE_FILTER.strip()}"),
    ):
        for name in ("other", "this"):
            got = [r for r, _cpu in runs[name] if r.get(key)]
            if not got:
                continue
            med = [percentile(r[key], 50) / 1000 for r in got]
            p95 = [percentile(r[key], 95) / 1000 for r in got]
            figure(
                f"  {what}, {'before' if name == 'other' else 'after'}",
                f"median {spread(med, 'ms', 1000)}",
                f"p95 {spread(p95, 'ms', 1000)}",
            )
    for name in ("other", "this"):
        rss = [r["rss_delta_mb"] for r, _cpu in runs[name]]
        if rss:
            figure(
                f"  index memory, {'before' if name == 'other' else 'after'}",
                spread(rss, "MB"),
                "RSS delta of a worker: load + every keystroke",
            )
    for name in ("other", "this"):
        cpu = [c for _r, c in runs[name]]
        if cpu:
            figure(
                f"  worker CPU, {'before' if name == 'other' else 'after'}",
                spread(cpu),
                "load + every keystroke of the 4 passes",
            )


def typo(word: str, rng: random.Random) -> str:
    """One edit: substitute, delete or insert a letter at a random place."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    i = rng.randrange(len(word))
    op = rng.choice(("sub", "del", "ins"))
    if op == "sub":
        return word[:i] + rng.choice([c for c in letters if c != word[i]]) + word[i + 1 :]
    if op == "del":
        return word[:i] + word[i + 1 :]
    return word[:i] + rng.choice(letters) + word[i:]


def known_item_queries(base: list, index: Any) -> list[tuple[int, str]]:
    """(sentence number, query) for 1,000 sampled sentences: 2-3 of their rarer words (by
    `index`'s postings), one with a typo, the last cut to a prefix of 4+ letters."""
    from explorer.search.analysis import tokens

    rng = random.Random(SEED)
    df = {}

    def freq(word: str) -> int:
        if word not in df:
            exp = index.vocabulary.expand(word, False, False)
            df[word] = exp.count
        return df[word]

    out = []
    for n in rng.sample(range(len(base)), 1000):
        text = base[n][5]
        words = [w for w in dict.fromkeys(tokens(text)) if len(w) >= 4 and not w.isdigit()]
        if len(words) < 2:
            continue
        k = min(len(words), rng.choice((2, 3)))
        chosen = sorted(words, key=lambda w: (freq(w), w))[:k]
        chosen.sort(key=words.index)  # in the order the sentence has them
        long_ones = [j for j, w in enumerate(chosen) if len(w) >= 5] or list(range(k))
        t = rng.choice(long_ones)
        chosen[t] = typo(chosen[t], rng)
        last = chosen[-1]
        if len(last) > 4:
            chosen[-1] = last[: rng.randint(4, len(last))]
        out.append((n, " ".join(chosen)))
    return out


def known_item(base: list, workdir: Path) -> None:
    """How often a sampled sentence is in the top 10 of a query made from its words
    (`known_item_queries`)."""
    from explorer.search import SearchIndex

    heading("search quality (issue 4): known item, 1,000 sentences of the BBC corpus")
    corpus = BenchCorpus(workdir / "bench-base.json", base, len(base))
    index = SearchIndex.build(corpus)
    found = tried = 0
    misses = []
    for n, query in known_item_queries(base, index):
        doc, _title, i, _s, _e, text = base[n]
        tried += 1
        hits = index.search(query, limit=10)
        if any((h.doc == doc and h.sentence == i) or h.text == text for h in hits):
            found += 1
        elif len(misses) < 5:
            misses.append(query)
    rate = found / tried if tried else 0.0
    figure(f"known item in top 10 ({tried} queries)", f"{rate:.1%}", "(target >= 95%)")
    if misses:
        figure("  some misses", ", ".join(repr(m) for m in misses))


def main() -> None:
    heading("search (issue 4): BBC sentences replicated, typed as a person types")
    if not data_or_skip(BBC, "the search benchmark"):
        return
    started = time.perf_counter()
    base = load_base()
    figure("BBC sentences (split once)", f"{len(base):,}", f"{time.perf_counter() - started:.1f} s")
    big = os.environ.get("EXPLORER_BENCH_1M", "1") != "0"
    workdir = Path(tempfile.mkdtemp(prefix="explorer-bench-search-"))
    try:
        run_size(base, 100_000, workdir, with_fzf=True)
        if big:
            run_size(base, 1_000_000, workdir, with_fzf=True)
        else:
            print("  (1M sentences skipped: EXPLORER_BENCH_1M=0)")
        known_item(base, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        worker(sys.argv[2])
    else:
        main()
