"""TUI (issue 5): keystroke-to-paint while typing, and time to the first painted screen.

A headless Pilot run of the real app (make_app) over a store of about 100k sentences: the BBC
corpus ingested three times over (each copy's text differs by a last line, so each is a new
document). A frame counts as painted when the app hands the compositor's update to the driver
(`App._display`), which in a terminal is the write that follows.

Figures only: keystroke-to-paint is the time from a key press until the first frame that
shows that prefix's results (debounce, search in a worker, rows and preview, compositor).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import (
    BBC,
    REPO,
    child_env,
    data_or_skip,
    figure,
    heading,
    percentile,
    spread,
)

COPIES = 3  # 3 x the BBC's ~42k sentences: about 126k
QUERIES = (
    "gordon brown",
    "oil prices",
    "mobile phone",
    "chelsea",
    "iraq election",
    "microsoft",
    "film award",
    "tony blair",
    "interest rates",
    "yukos",
    "broadband",
    "world cup",
    "music downloads",
    "tax cuts",
    "jonny wilkinson",
)


def build_corpus(workdir: Path) -> Path:
    """COPIES copies of the BBC articles, each copy's texts made distinct by a last line."""
    root = workdir / "corpus"
    sources = sorted(p for p in BBC.rglob("*.txt") if p.parent != BBC)
    for copy in range(COPIES):
        target = root / f"copy{copy}"
        target.mkdir(parents=True)
        for i, path in enumerate(sources):
            text = path.read_text(encoding="utf-8", errors="replace")
            out = target / f"{path.parent.name}_{i:04d}.txt"
            out.write_text(text if copy == 0 else f"{text}\n(copy {copy})\n", encoding="utf-8")
    return root


def ingest(db: Path, corpus: Path) -> dict:
    from explorer.search import SearchIndex
    from explorer.store import Store

    store = Store.open(db)
    started = time.perf_counter()
    store.ingest([corpus])
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    SearchIndex.load_or_build(store)
    index_s = time.perf_counter() - started
    stats = store.stats()
    store.close()
    return {**stats, "ingest_s": ingest_s, "index_s": index_s}


def _spy_frames(app) -> list[float]:
    """Times at which the app handed a frame to its driver (a frame was painted)."""
    frames: list[float] = []
    display = app._display

    def spy(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None:
            frames.append(time.perf_counter())

    app._display = spy  # type: ignore[method-assign]
    return frames


async def _until_documents_painted(app, frames: list[float]) -> tuple[float, float]:
    """(first frame, first frame showing the document list filled), as perf_counter times."""
    while not frames:
        await asyncio.sleep(0.001)
    first = frames[0]
    documents = app.main.query_one("#document-list")
    while documents.row_count == 0:
        await asyncio.sleep(0.001)
    filled = time.perf_counter()
    while not frames or frames[-1] < filled:
        await asyncio.sleep(0.001)
    return first, frames[-1]


async def measure(db: Path, size: tuple[int, int]) -> dict:
    from explorer.model import Entity
    from explorer.tui.app import make_app
    from explorer.tui.widgets.panes import SearchPane

    shown: dict[str, float] = {}
    engine: list[float] = []
    started = time.perf_counter()
    app = make_app(db)
    frames = _spy_frames(app)
    show_groups = SearchPane.show_groups

    def record(self, query, groups, elapsed_ms, *, keep=False) -> None:
        show_groups(self, query, groups, elapsed_ms, keep=keep)
        shown[query] = time.perf_counter()
        if elapsed_ms is not None:
            engine.append(elapsed_ms)

    SearchPane.show_groups = record  # type: ignore[method-assign]
    out: dict = {}
    try:
        async with app.run_test(size=size) as pilot:
            first, filled = await _until_documents_painted(app, frames)
            out["first_frame"] = first - started
            out["first_data"] = filled - started
            await app.workers.wait_for_complete()
            await pilot.pause()

            latencies: list[float] = []
            await pilot.press("slash")
            for query in QUERIES:
                for i, char in enumerate(query):
                    prefix = query[: i + 1]
                    pressed = time.perf_counter()
                    await pilot.press("space" if char == " " else char)
                    if not prefix.strip():
                        continue
                    while prefix not in shown or not frames or frames[-1] < shown[prefix]:
                        await asyncio.sleep(0.0005)
                    after = next(f for f in frames if f >= shown[prefix])
                    latencies.append(after - pressed)
                    shown.pop(prefix, None)
                await pilot.press("ctrl+u")  # clear the box (Input: delete to the start)
                await app.workers.wait_for_complete()
                await pilot.pause()
                shown.clear()
            out["latencies"] = latencies
            out["engine"] = list(engine)

            # Filling a list of 100k rows and painting it (Line API: only visible rows).
            await pilot.press("escape", "e")
            entities = app.main.query_one("#entity-list")
            rows = [Entity(f"Person {i:06d}", "PERSON", mentions=i) for i in range(100_000)]
            before = time.perf_counter()
            entities.set_rows(rows)
            mark = time.perf_counter()
            while not frames or frames[-1] < mark:
                await asyncio.sleep(0.0005)
            out["fill_100k"] = frames[-1] - before
            pressed = time.perf_counter()
            await pilot.press("G")
            while frames[-1] < pressed:
                await asyncio.sleep(0.0005)
            out["jump_end"] = frames[-1] - pressed
            await pilot.press("q")
    finally:
        SearchPane.show_groups = show_groups  # type: ignore[method-assign]
    return out


def main() -> None:
    heading("tui (issue 5): keystroke-to-paint in a headless Pilot run, first paint")
    if not data_or_skip(BBC, "the TUI benchmark"):
        return
    workdir = Path(tempfile.mkdtemp(prefix="explorer-bench-tui-"))
    try:
        corpus = build_corpus(workdir)
        db = workdir / "store.json"
        stats = ingest(db, corpus)
        figure(
            "store (BBC x3)",
            f"{stats['sentences']:,} sentences",
            f"{stats['documents']:,} documents, ingest {stats['ingest_s']:.0f} s, "
            f"index {stats['index_s']:.1f} s",
        )
        for size in ((120, 40), (80, 24)):
            result = asyncio.run(measure(db, size))
            lat = [x * 1000 for x in result["latencies"]]
            label = f"{size[0]}x{size[1]}"
            figure(
                f"first frame painted ({label})",
                f"{result['first_frame']:.2f} s",
                "make_app() to the first frame",
            )
            figure(
                f"first frame with documents ({label})",
                f"{result['first_data']:.2f} s",
                "store open + index load + panes filled",
            )
            figure(
                f"keystroke-to-paint median ({label})",
                f"{percentile(lat, 50):.1f} ms",
                f"{len(lat)} keystrokes, {len(QUERIES)} queries typed prefix by prefix",
            )
            figure(
                f"keystroke-to-paint p95 ({label})",
                f"{percentile(lat, 95):.1f} ms",
                f"max {max(lat):.1f} ms",
            )
            eng = result["engine"]
            figure(
                f"  of which the search call, median / p95 ({label})",
                f"{percentile(eng, 50):.1f} / {percentile(eng, 95):.1f} ms",
                "index.search in a thread, as the status line shows it",
            )
            figure(
                f"fill 100k rows and paint ({label})",
                f"{result['fill_100k'] * 1000:.1f} ms",
                "Line API list; OptionList: 16-26 s (MEASURED.md)",
            )
            figure(
                f"jump to row 100,000 and paint ({label})",
                f"{result['jump_end'] * 1000:.1f} ms",
                "",
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if os.environ.get("EXPLORER_BENCH_BIG") == "1":
        big_first_paint()
    else:
        print("  (set EXPLORER_BENCH_BIG=1 for the first screen of a 20,000-document store)")


async def _first_paint_child(db: Path) -> None:
    from explorer.store import Store
    from explorer.tui.app import make_app

    store = Store.open(db)  # as `explorer` does: a damaged store says so first
    app = make_app(db, store=store)
    frames = _spy_frames(app)
    async with app.run_test(size=(120, 40)):
        await _until_documents_painted(app, frames)
        print("painted", flush=True)
        os._exit(0)  # the figure is taken; tearing the app down is not part of it


def first_paint_fresh_process(db: Path) -> float:
    """Seconds from starting `python` to the first frame showing the documents of `db`."""
    code = (
        "import asyncio, pathlib, sys; from benchmarks.bench_tui import _first_paint_child; "
        "asyncio.run(_first_paint_child(pathlib.Path(sys.argv[1])))"
    )
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(db)],
        stdout=subprocess.PIPE,
        cwd=REPO,
        text=True,
        env=child_env(),
    )
    line = child.stdout.readline() if child.stdout else ""
    elapsed = time.perf_counter() - started
    child.wait()
    return elapsed if line.startswith("painted") else float("nan")


def big_first_paint() -> None:
    """Issue 6: a 20,000-document store opens to its first painted screen in under 1.5 s."""
    from benchmarks.bench_store import _replicate
    from explorer.store import Store

    workdir = Path(tempfile.mkdtemp(prefix="explorer-bench-tui-big-"))
    try:
        db = workdir / "store.json"
        store = Store.open(db)
        store.ingest([_replicate(20_000, workdir)])
        documents = len(store.documents())
        store.close()
        first_paint_fresh_process(db)  # builds and caches the search index once
        times = [first_paint_fresh_process(db) for _ in range(3)]
        figure(
            f"first screen with documents, {documents:,}-document store",
            spread(times),
            "fresh process, interpreter start included (issue 6: < 1.5 s)",
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
