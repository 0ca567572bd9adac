"""Run every benchmark (`make bench`) or the ones named: `python -m benchmarks search nlp`."""

from __future__ import annotations

import importlib
import sys
import time

# In the order of the data flow; each module has a main() that prints its figures.
SUITES = (
    "dates",
    "nlp",
    "facts",
    "ner",
    "sports",
    "startup",
    "v1",
    "store",
    "commit",
    "identity",
    "integrity",
    "search",
    "search_update",
    "search_build",
    "tantivy",
    "tui",
    "workbench",
    "timeline",
)


def main(argv: list[str]) -> int:
    wanted = argv or list(SUITES)
    unknown = [name for name in wanted if name not in SUITES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(SUITES)}")
        return 2
    for name in wanted:
        try:
            module = importlib.import_module(f"benchmarks.bench_{name}")
        except ModuleNotFoundError as exc:
            print(f"\n== {name}: not available ({exc})")
            continue
        started = time.perf_counter()
        module.main()
        print(f"  ({name} took {time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
