"""Extraction speed over the BBC corpus (whole pipeline and each step), and the Golden Rules.

Targets (issue 3): the whole `explorer extract --jsonl` process >= 100,000 words/s on CoNLL
eng.testa (ner_eval.py measures that); here, in-process: sentences + values + merge + facts
at most ~3 µs a word, and >= 46 of the 48 Golden Rules.
"""

from __future__ import annotations

import json
import statistics
import time

from benchmarks.common import BBC, DATA, data_or_skip, figure, heading, spread

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


if __name__ == "__main__":
    main()
