"""The timeline (issue 10): a 20,000-document list charted in <= 100 ms after a keystroke.

A headless Pilot run of the real app (make_app, over the bundled sample) whose documents
pane is given 20,000 documents dated over ten years. Timed from the key press to the first
frame painted after the bars were set (`App._display`, as bench_tui counts a frame): `t`
opening the timeline, `-`/`+` zooming, and the bars redrawn when the list they follow
changes (what a search keystroke does to the results). Synthetic rows: no shared data needed.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks.bench_tui import _spy_frames
from benchmarks.common import figure, heading, spread

DOCUMENTS = 20_000


def documents(n: int, seed: int = 0) -> list:
    from explorer.model import DocumentSummary

    start = date(1980, 1, 1)
    return [
        DocumentSummary(
            id=f"doc{i:05d}",
            title=f"Report {i}",
            date=(start + timedelta(days=(i * 7919 + seed) % 3652)).isoformat(),
            author=None,
            path=None,
            sentences=10,
            mentions=5,
            facts=1,
        )
        for i in range(n)
    ]


async def _painted_after(frames: list[float], mark: float) -> float:
    while not frames or frames[-1] < mark:
        await asyncio.sleep(0.0005)
    return next(f for f in frames if f >= mark)


async def measure(db: Path) -> dict[str, list[float]]:
    from explorer.tui.app import make_app
    from explorer.tui.screens.timeline import TimelineScreen
    from explorer.tui.widgets.panes import DocumentsPane
    from explorer.tui.widgets.timeline import BarList

    app = make_app(db)
    frames = _spy_frames(app)
    drawn: list[float] = []  # when bars were last set
    set_rows = BarList.set_rows

    def spy(self, rows, **kwargs) -> None:
        set_rows(self, rows, **kwargs)
        drawn.append(time.perf_counter())

    BarList.set_rows = spy  # type: ignore[method-assign]
    out: dict[str, list[float]] = {"open": [], "zoom": [], "follow": []}
    async with app.run_test(size=(120, 40)) as pilot:
        while app.reader is None or not app.main.query_one("#document-list").row_count:
            await pilot.pause(0.02)
        await app.workers.wait_for_complete()
        pane = app.main.query_one(DocumentsPane)
        pane.load(documents(DOCUMENTS))
        await pilot.pause()
        for _ in range(5):
            pressed = time.perf_counter()
            await pilot.press("t")
            screen = app.screen
            assert isinstance(screen, TimelineScreen)
            while not drawn or drawn[-1] < pressed:
                await asyncio.sleep(0.0005)
            out["open"].append(await _painted_after(frames, drawn[-1]) - pressed)
            for key in ("minus", "plus", "plus", "plus", "plus", "minus", "minus"):
                grain = screen.grain
                pressed = time.perf_counter()
                await pilot.press(key)
                while not drawn or drawn[-1] < pressed:
                    await asyncio.sleep(0.0005)
                assert screen.grain != grain
                out["zoom"].append(await _painted_after(frames, drawn[-1]) - pressed)
            # The list it charts changes (as results do while a search is typed): redrawn
            # by the timeline's own watch of its list.
            for seed in range(1, 4):
                rows = documents(DOCUMENTS, seed)
                changed = time.perf_counter()
                screen.source.set_rows(rows)
                while not drawn or drawn[-1] < changed:
                    await asyncio.sleep(0.0005)
                out["follow"].append(await _painted_after(frames, drawn[-1]) - changed)
            await pilot.press("escape")
            await pilot.pause()
    BarList.set_rows = set_rows  # type: ignore[method-assign]
    return out


def main() -> None:
    heading(f"timeline (issue 10): a {DOCUMENTS:,}-document list charted by period")
    workdir = Path(tempfile.mkdtemp(prefix="explorer-bench-timeline-"))
    try:
        got = asyncio.run(measure(workdir / "store.json"))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for name, what in (
        ("open", "t to the bars painted"),
        ("zoom", "+/- to the bars painted"),
        ("follow", "list changed to the bars redrawn (polled every 20 ms)"),
    ):
        times = got[name]
        figure(
            f"timeline, {what}",
            spread(times),
            f"max {max(times) * 1000:.0f} ms over {len(times)} (target <= 100 ms)",
        )


if __name__ == "__main__":
    main()
