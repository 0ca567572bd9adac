"""Entity figures (issues 3 and 9): CoNLL-2003 dev-set accuracy and words/s through `explorer extract`.

Runs `../shared/eval/ner_eval.py` on `../shared/data/conll2003/eng.testa` with the venv's
`explorer extract --jsonl` (the whole process, start-up included, as the harness times it),
then times the recognizer alone in this process: the one-off cost of its word lists and the
cost per word of `find_names`.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import DATA, REPO, data_or_skip, figure, heading, spread

GOLD = DATA / "conll2003" / "eng.testa"
HARNESS = (REPO / ".." / "shared" / "eval" / "ner_eval.py").resolve()
REPEATS = 3


def _explorer() -> Path:
    return Path(sys.executable).parent / "explorer"


def _harness(cmd: str) -> dict | None:
    proc = subprocess.run(
        [sys.executable, str(HARNESS), str(GOLD), "--cmd", cmd, "--json"],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
        print(f"  the harness failed (exit {proc.returncode}): {last}")
        return None
    return json.loads(proc.stdout)


def _in_process() -> tuple[float, list[float], int]:
    """Seconds to load the word lists, seconds per pass of find_names, words."""
    sys.path.insert(0, str(HARNESS.parent))
    import ner_eval  # the harness's own reader, so the texts are the ones it sends

    texts = [ner_eval.build_text(doc)[0] for doc in ner_eval.read_conll(str(GOLD))]
    words = sum(len(t.split()) for t in texts)
    from explorer.nlp import gazetteer
    from explorer.nlp.names import find_names
    from explorer.nlp.sentences import split_sentences

    started = time.perf_counter()
    gazetteer.places()
    gazetteer.first_names()
    load = time.perf_counter() - started
    sentences = [split_sentences(t) for t in texts]
    passes = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        for text, sents in zip(texts, sentences, strict=True):
            find_names(text, sents)
        passes.append(time.perf_counter() - started)
    return load, passes, words


def main() -> None:
    heading("ner (issue 3): CoNLL-2003 English dev set through explorer extract --jsonl")
    if not data_or_skip(GOLD, "the CoNLL-2003 dev set") or not data_or_skip(
        HARNESS, "the ner_eval harness"
    ):
        return
    explorer = _explorer()
    if not explorer.exists():
        print(f"  skipped: {explorer} is absent (make install the package first)")
        return
    runs = []
    for _ in range(REPEATS):
        run = _harness(f"{explorer} extract --jsonl")
        if run is None:
            return
        runs.append(run)
    result = runs[0]
    for typ, s in result["types"].items():
        figure(
            f"{typ:4} P {s['precision']:.2%}  R {s['recall']:.2%}",
            f"F1 {s['f1']:.2%}",
            f"(gold {s['gold']}, predicted {s['pred']})",
        )
    figure("F1 over all four types", f"{result['f1']:.2%}", "(target >= 89%, issue 9)")
    figure("F1 over PER+ORG+LOC", f"{result['f1_per_org_loc']:.2%}", "(target >= 91%, issue 9)")
    figure("F1 of spans ignoring type", f"{result['f1_untyped_spans']:.2%}")
    rates = [r["words_per_second"] for r in runs]
    figure(
        f"extract words/s, whole process ({result['words']} words)",
        f"{statistics.median(rates):,.0f}",
        f"(target >= 150,000, issue 9; {min(rates):,}-{max(rates):,} over {REPEATS} runs)",
    )
    figure("extract seconds, whole process", spread([r["seconds"] for r in runs]))
    load, passes, words = _in_process()
    figure("recognizer word lists, one-off load", f"{load * 1000:.0f} ms")
    per_word = [p / words * 1e6 for p in passes]
    figure(
        "find_names per word (lists loaded)",
        f"{statistics.median(per_word):.2f} us",
        f"(budget ~5 us; {min(per_word):.2f}-{max(per_word):.2f})",
    )


if __name__ == "__main__":
    main()
