"""Where the time of one `explorer extract --jsonl` process goes (issue 3: start-up counts).

Every figure is measured in fresh processes (median and spread of REPEATS) over the CoNLL-2003
dev set, with the word-list cache in a temporary directory so the user's own is not touched:
the interpreter alone, the imports of the extract path, the word lists (built from the data
packages, or loaded from the cache file), each pipeline step, and the whole process with the
cache cold (built and written), warm, and switched off.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import DATA, data_or_skip, figure, heading

GOLD = DATA / "conll2003" / "eng.testa"
REPEATS = 5

# Runs in a fresh interpreter; prints one JSON object of seconds.
_PROBE = """
import json, sys, time
t0 = time.perf_counter()
import explorer.cli
from explorer.ingest import document_from_text
from explorer.nlp import pipeline
from explorer.nlp import facts, names, sentences, values  # what extract() imports lazily
from explorer.export import dumps
t1 = time.perf_counter()
from explorer.nlp import gazetteer
for table in ("places", "first_names", "cities", "stopwords", "titles", "countries"):
    getattr(gazetteer, table)()
t2 = time.perf_counter()
texts = json.loads(sys.stdin.read())
docs = [document_from_text(str(i), t) for i, t in enumerate(texts)]
t3 = time.perf_counter()
steps = {}
for d in docs:
    doc = pipeline.Doc(d.text, d.meta_dict())
    for name, step in pipeline.PIPELINE:
        a = time.perf_counter()
        step(doc)
        steps[name] = steps.get(name, 0.0) + time.perf_counter() - a
print(json.dumps({"imports": t1 - t0, "word lists": t2 - t1, "documents": t3 - t2, **steps}))
"""


def _conll_texts() -> list[str]:
    """The texts the harness sends: tokens joined by spaces, sentences by newlines."""
    docs: list[list[list[str]]] = []
    sentence: list[str] = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            docs.append([])
        elif not line.strip():
            if sentence and docs:
                docs[-1].append(sentence)
            sentence = []
        else:
            sentence.append(line.split()[0])
    if sentence and docs:
        docs[-1].append(sentence)
    return ["\n".join(" ".join(s) for s in doc) for doc in docs if doc]


def _run(args: list[str], stdin: str, env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run(args, input=stdin, capture_output=True, text=True, env=env, check=True)
    return time.perf_counter() - started, proc.stdout


def _ms(samples: list[float]) -> str:
    values = sorted(s * 1000 for s in samples)
    return f"{statistics.median(values):.1f} ms ({values[0]:.1f}-{values[-1]:.1f})"


def main() -> None:
    heading("startup (issue 3): one explorer extract --jsonl process over the CoNLL dev set")
    if not data_or_skip(GOLD, "the CoNLL-2003 dev set"):
        return
    texts = _conll_texts()
    words = sum(len(t.split()) for t in texts)
    payload = "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts))
    py = sys.executable
    extract = [py, "-m", "explorer", "extract", "--jsonl"]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache}
        no_cache = {**env, "EXPLORER_NO_CACHE": "1"}
        cold = []
        for _ in range(REPEATS):
            for f in Path(cache).rglob("*.marshal"):
                f.unlink()
            cold.append(_run(extract, payload, env)[0])
        warm = [_run(extract, payload, env)[0] for _ in range(REPEATS)]
        uncached = [_run(extract, payload, no_cache)[0] for _ in range(REPEATS)]
        bare = [_run([py, "-c", "pass"], "", env)[0] for _ in range(REPEATS)]
        stdin = json.dumps(texts)
        probes = [json.loads(_run([py, "-c", _PROBE], stdin, env)[1]) for _ in range(REPEATS)]
        built = [
            json.loads(_run([py, "-c", _PROBE], stdin, no_cache)[1])["word lists"]
            for _ in range(REPEATS)
        ]
    rate = [words / s for s in warm]
    figure(
        f"whole process, cache warm ({words} words)",
        f"{statistics.median(rate):,.0f} words/s",
        f"(target >= 150,000, issue 9; {min(rate):,.0f}-{max(rate):,.0f})",
    )
    figure("whole process, cache warm", _ms(warm))
    figure("whole process, first run (cache built, written)", _ms(cold))
    figure("whole process, EXPLORER_NO_CACHE=1", _ms(uncached))
    figure("python -c pass (interpreter, site)", _ms(bare))
    for name in probes[0]:
        figure(f"  {name}", _ms([p[name] for p in probes]))
    figure("  word lists built from the data packages", _ms(built))


if __name__ == "__main__":
    main()
