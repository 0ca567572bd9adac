"""Extraction speed over the BBC corpus (whole pipeline and each step), and the Golden Rules.

Targets (issue 3): the whole `explorer extract --jsonl` process >= 100,000 words/s on CoNLL
eng.testa (ner_eval.py measures that); here, in-process: sentences + values + merge + facts
at most ~3 µs a word, and >= 46 of the 48 Golden Rules.

Targets (issue 9): the whole `explorer extract --jsonl` process >= 150,000 words/s on CoNLL
eng.testa, here in one process (`--jobs 1`) and in workers (the default: one a core), timed in
turn with their CPU time; the BBC corpus rewrapped at 60, 65 and 72 columns (four-space indent,
CRLF), and unwrapped to one line per paragraph or per document, gives the same (name, label)
entities and (predicate, subject, object) facts as the original for >= 99% of them, every
offset on the same non-space characters; the slowest 1% of BBC sentences cost <= 5x the
median per word; a generated 1 MB one-line document extracts in <= 2 s and <= 200 MB, and a
49 MB one is refused at once.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import textwrap
import time

from benchmarks.common import (
    BBC,
    DATA,
    REPO,
    child_env,
    data_or_skip,
    figure,
    heading,
    percentile,
    spread,
)

REPEATS = 3


def _texts() -> list[str]:
    return [
        p.read_text("utf-8", errors="replace")
        for p in sorted(BBC.rglob("*.txt"))
        if p.parent != BBC
    ]


def _golden_rules() -> None:
    from explorer.nlp import split_sentences

    path = DATA / "golden_rules_en.json"
    if not data_or_skip(path, "Golden Rules"):
        return
    rules = json.loads(path.read_text("utf-8"))
    ok = 0
    failed = []
    for rule in rules:
        got = [rule["text"][s:e] for s, e in split_sentences(rule["text"])]
        if got == [s.strip() for s in rule["sentences"]]:
            ok += 1
        else:
            failed.append(str(rule["id"]))
    figure("Golden Rules split exactly", f"{ok} / {len(rules)}", ">= 46")
    if failed:
        print(f"  failing rules: {', '.join(failed)}")


def _steps(texts: list[str], words: int) -> None:
    """Each step's CPU cost per word, every step fed by the steps before it.

    CPU time (time.process_time), not wall-clock: the machine is shared, and a busy neighbour
    doubles wall-clock figures without changing what a step costs.
    """
    from explorer.nlp.pipeline import PIPELINE, Doc

    docs = [Doc(t, {"date": "2005-01-01"}) for t in texts]
    mine = {"sentences", "values", "merge", "facts"}
    total = 0.0
    for name, step in PIPELINE:
        samples = []
        for _ in range(REPEATS):
            started = time.process_time()
            for doc in docs:
                step(doc)
            samples.append(time.process_time() - started)
        figure(f"step {name} (CPU)", spread(samples, "µs/word", 1e6 / words))
        if name in mine:
            total += statistics.median(samples)
    figure(
        "sentences + values + merge + facts (CPU)", f"{total * 1e6 / words:.2f} µs/word", "<= ~3"
    )


def main() -> None:
    heading("nlp: extraction (BBC news corpus, in-process extract())")
    _golden_rules()
    if not data_or_skip(BBC, "BBC extraction speed"):
        return
    from explorer.nlp import extract

    texts = _texts()
    words = sum(len(t.split()) for t in texts)
    figure("documents / words", f"{len(texts):,} / {words:,}")
    started = time.perf_counter()
    extract(texts[0], {"date": "2005-01-01"})  # first call loads the word lists
    figure("first extract() (lazy loading)", f"{time.perf_counter() - started:.3f} s")
    samples, cpu = [], []
    facts = mentions = 0
    for _ in range(REPEATS):
        started, started_cpu = time.perf_counter(), time.process_time()
        facts = mentions = 0
        for text in texts:
            result = extract(text, {"date": "2005-01-01"})
            facts += len(result.facts)
            mentions += len(result.mentions)
        samples.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    for what, seconds in (("wall-clock", samples), ("CPU", cpu)):
        rates = sorted(words / s for s in seconds)
        figure(
            f"extract() words/s, {what} (median, min-max)",
            f"{statistics.median(rates):,.0f} ({rates[0]:,.0f}-{rates[-1]:,.0f})",
            ">= 100,000 (whole process, CoNLL)",
        )
    figure("extract() seconds, wall-clock", spread(samples))
    figure("mentions / facts found", f"{mentions:,} / {facts:,}")
    _steps(texts, words)
    _layout_invariance(texts)
    _sentence_tail(texts)
    _one_line_documents(texts)
    _whole_process()


def _whole_process() -> None:
    """`explorer extract --jsonl` over CoNLL dev, start-up included, serial and in workers;
    with EXPLORER_BENCH_BEFORE=/path/to/another/checkout, that checkout too, in turn with
    this one; with EXPLORER_BENCH_INSTRUCTIONS=1, each one's instructions a word under
    valgrind (--jobs 1: the count does not depend on the machine's load, as times do)."""
    import os
    import resource
    from pathlib import Path

    gold = DATA / "conll2003" / "eng.testa"
    harness = (REPO / ".." / "shared" / "eval" / "ner_eval.py").resolve()
    if not data_or_skip(gold, "the CoNLL-2003 dev set") or not data_or_skip(harness, "ner_eval"):
        return
    sys.path.insert(0, str(harness.parent))
    import ner_eval  # the harness's own reader, so the texts are the ones it sends

    texts = [ner_eval.build_text(doc)[0] for doc in ner_eval.read_conll(str(gold))]
    payload = "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts))
    words = sum(len(t.split()) for t in texts)
    checkouts = {"": REPO}
    if os.environ.get("EXPLORER_BENCH_BEFORE"):
        checkouts = {
            "before: ": Path(os.environ["EXPLORER_BENCH_BEFORE"]).resolve(),
            "after: ": REPO,
        }

    def command(repo: Path, jobs: str, prefix: tuple[str, ...] = ()) -> tuple[list[str], dict]:
        explorer = repo / ".venv" / "bin" / "explorer"
        argv = [*prefix, str(explorer) if explorer.exists() else "explorer"]
        # Each checkout's own code, its bytecode written and read as a user's is.
        return [*argv, "extract", "--jsonl", "--jobs", jobs], child_env(repo)

    cores = len(os.sched_getaffinity(0))
    runs: dict[tuple[str, str], tuple[list[float], list[float]]] = {
        (name, jobs): ([], []) for name in checkouts for jobs in ("1", str(cores))
    }
    for repo in checkouts.values():  # a first run writes bytecode and the caches
        argv, env = command(repo, "1")
        subprocess.run(argv, input=payload.encode(), stdout=subprocess.DEVNULL, env=env, check=True)
    for _ in range(5):  # in turn, so that other load on the machine hits all alike
        for (name, jobs), (rates, cpus) in runs.items():
            argv, env = command(checkouts[name], jobs)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(
                argv, input=payload.encode(), stdout=subprocess.DEVNULL, env=env, check=True
            )
            rates.append(words / (time.perf_counter() - started))
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    for (name, jobs), (rates, cpus) in runs.items():
        figure(
            f"{name}extract --jsonl --jobs {jobs}, CoNLL dev words/s (median, min-max)",
            f"{statistics.median(rates):,.0f} ({min(rates):,.0f}-{max(rates):,.0f})",
            ">= 150,000 (whole process)",
        )
        figure(
            "  its CPU seconds, all processes",
            spread(cpus),
            f"{statistics.median(cpus) / words * 1e6:.2f} µs a word",
        )
    load = os.getloadavg()[0]
    figure("load average (1 min) while measured", f"{load:.1f} on {cores} cores")
    if os.environ.get("EXPLORER_BENCH_INSTRUCTIONS") == "1":
        _instructions(checkouts, command, payload, words)


def _instructions(checkouts: dict, command, payload: str, words: int) -> None:
    """Instructions a word of `extract --jsonl --jobs 1` over CoNLL dev (start-up included),
    counted by valgrind's callgrind: one run each, independent of the machine's load."""
    import re
    import shutil

    if shutil.which("valgrind") is None:
        print("  skipped instruction counts: valgrind is not installed")
        return
    for name, repo in checkouts.items():
        argv, env = command(
            repo, "1", ("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null")
        )
        python = repo / ".venv" / "bin" / "python"
        if python.exists():  # the console script's interpreter, under valgrind
            argv.insert(3, str(python))
        done = subprocess.run(
            argv, input=payload.encode(), capture_output=True, env=env, check=True
        )
        m = re.search(rb"I\s+refs:\s+([\d,]+)", done.stderr)
        count = int(m.group(1).replace(b",", b"")) if m else 0
        figure(
            f"{name}instructions a word, --jobs 1 (callgrind)",
            f"{count / words:,.0f}",
            f"{count / 1e6:,.0f} M in all",
        )
        # Start-up alone: the same command with no input (imports, argument parsing; the
        # word lists are loaded with the first document, so they are not in it).
        done = subprocess.run(argv, input=b"", capture_output=True, env=env, check=True)
        m = re.search(rb"I\s+refs:\s+([\d,]+)", done.stderr)
        start = int(m.group(1).replace(b",", b"")) if m else 0
        figure(
            f"{name}  start-up, no input (callgrind)",
            f"{start / 1e6:,.0f} M",
            f"{start / count:.1%} of the run" if count else "",
        )


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _wrapped(text: str, width: int) -> str:
    """Every paragraph hard-wrapped at `width`, its first line indented by four spaces, CRLF."""
    paragraphs = [textwrap.fill(p, width, initial_indent="    ") for p in _paragraphs(text)]
    return "\r\n\r\n".join(paragraphs).replace("\n", "\r\n").replace("\r\r", "\r") + "\r\n"


def _squeezed(s: str) -> str:
    return "".join(s.split())


def _offsets_hold(text: str, result, facts_at: dict) -> tuple[int, int]:
    """(offsets checked, offsets on the same non-space characters) of one variant."""
    checked = good = 0
    for m in result.mentions:
        checked += 1
        good += _squeezed(text[m.start : m.end]) == _squeezed(m.text)
    for f in result.facts:
        want = facts_at.get((f.predicate, f.subject, f.object))
        if want is not None:
            checked += 1
            good += _squeezed(text[f.start : f.end]) in want
    return checked, good


def _layout_invariance(texts: list[str]) -> None:
    """The same entities and facts however the corpus is laid out (issue 9, point 1)."""
    from explorer.nlp import extract
    from explorer.nlp.runin import headline_end

    variants = {
        f"wrapped at {w}, indent 4, CRLF": (lambda t, w=w: _wrapped(t, w)) for w in (60, 65, 72)
    }
    variants["one line per paragraph, no blank lines"] = lambda t: "\n".join(_paragraphs(t))
    variants["one line per document"] = lambda t: " ".join(_paragraphs(t))
    base = []
    for t in texts:
        r = extract(t, {"date": "2005-01-01"})
        facts_at: dict = {}
        for f in r.facts:
            facts_at.setdefault((f.predicate, f.subject, f.object), set()).add(
                _squeezed(t[f.start : f.end])
            )
        base.append(
            (
                {(e.name, e.label) for e in r.entities},
                {(f.predicate, f.subject, f.object) for f in r.facts},
                facts_at,
            )
        )
    for name, make in variants.items():
        ents = [0, 0]  # shared, union
        facts = [0, 0]
        checked = good = headlines = 0
        for t, (b_ents, b_facts, facts_at) in zip(texts, base, strict=True):
            v = make(t)
            first_line = v.find("\n")
            headlines += headline_end(v, 0, len(v) if first_line < 0 else first_line) is not None
            r = extract(v, {"date": "2005-01-01"})
            v_ents = {(e.name, e.label) for e in r.entities}
            v_facts = {(f.predicate, f.subject, f.object) for f in r.facts}
            ents[0] += len(b_ents & v_ents)
            ents[1] += len(b_ents | v_ents)
            facts[0] += len(b_facts & v_facts)
            facts[1] += len(b_facts | v_facts)
            c, g = _offsets_hold(v, r, facts_at)
            checked += c
            good += g
        figure(
            f"same entities / facts: {name}",
            f"{100 * ents[0] / ents[1]:.2f}% / {100 * facts[0] / facts[1]:.2f}%",
            ">= 99% (of the union)" if "wrapped" in name or "paragraph" in name else "",
        )
        figure(
            "  offsets on the same non-space characters",
            f"{good:,} / {checked:,}",
            "all",
        )
        if headlines:
            figure(
                "  headline run into the first sentence, cut off",
                f"{headlines:,} / {len(texts):,} documents",
            )


def _sentence_tail(texts: list[str]) -> None:
    """Each BBC sentence extracted alone: the slowest 1% against the median, per word."""
    from explorer.nlp import extract, split_sentences

    clock = time.process_time
    per_word = []
    for t in texts:
        for s, e in split_sentences(t):
            sentence = t[s:e]
            words = len(sentence.split())
            if words < 5:  # a headline: the fixed cost of a call, not the text, would show
                continue
            best = float("inf")
            for _ in range(REPEATS):
                started = clock()
                extract(sentence)
                best = min(best, clock() - started)
            per_word.append(best / words)
    med = statistics.median(per_word)
    p99 = percentile(per_word, 99)
    figure("sentences timed alone (5 words or more)", f"{len(per_word):,}")
    figure("median / slowest 1% (CPU per word)", f"{med * 1e6:.1f} / {p99 * 1e6:.1f} µs")
    figure("slowest 1% of sentences vs the median", f"{p99 / med:.1f}x", "<= 5x")


_ONE_LINE = """
import resource, sys, time
from explorer.nlp import extract
text = sys.stdin.read()
extract("Warm up.")
started = time.process_time()
result = extract(text)
print(time.process_time() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def _one_line_documents(texts: list[str]) -> None:
    """Whole documents on one line: 1 MB parses in bounded time and memory, 49 MB is refused."""
    from explorer.nlp.pipeline import MAX_CHARS, TextTooLong, extract

    line = " ".join(" ".join(t.split()) for t in texts)
    mb = line[:1_000_000]
    proc = subprocess.run(
        [sys.executable, "-c", _ONE_LINE], input=mb, capture_output=True, text=True, cwd=REPO
    )
    if proc.returncode == 0:
        seconds, rss = (float(x) for x in proc.stdout.split())
        figure(
            "1 MB on one line: CPU seconds / peak RSS",
            f"{seconds:.2f} s / {rss:.0f} MB",
            "<= 2 s, <= 200 MB",
        )
    else:
        figure("1 MB on one line", "failed: " + proc.stderr.strip().splitlines()[-1])
    huge = (line + " ") * (49_000_000 // (len(line) + 1) + 1)
    started = time.perf_counter()
    try:
        extract(huge[:49_000_000])
        outcome = "extracted"
    except TextTooLong:
        outcome = "refused"
    figure(
        "49 MB on one line",
        f"{outcome} in {time.perf_counter() - started:.3f} s",
        f"refused over {MAX_CHARS:,} characters",
    )


if __name__ == "__main__":
    main()
