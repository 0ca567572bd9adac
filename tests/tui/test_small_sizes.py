"""Small terminals: at 80x24 at least 12 result rows show (the preview shrinks), at 60x15 the
preview goes, and at 60 or 40 columns nothing is drawn over anything else."""

from __future__ import annotations

import itertools

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from explorer.tui.widgets.lists import HitList
from explorer.tui.widgets.panes import Preview

from .conftest import ready, settle, type_text


def _pelicans(tmp_path):
    folder = tmp_path / "birds"
    folder.mkdir()
    lines = [f"A pelican landed on pier number {i} today." for i in range(40)]
    (folder / "pelicans.txt").write_text("\n\n".join(lines), encoding="utf-8")
    return folder


async def test_at_80x24_at_least_12_result_rows_show(app_factory, tmp_path):
    app = app_factory(_pelicans(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "pelican")
        await pilot.press("down")
        await settle(pilot)
        hits = app.main.query_one(HitList)
        shown = hits.scrollable_content_region.height - 1  # less the column header
        assert shown >= 12
        preview = app.main.query_one(Preview)
        assert preview.display and preview.region.height >= 3, "the preview shrinks, still there"


@pytest.mark.parametrize("size", [(60, 15), (40, 15)])
async def test_nothing_overlaps_at_small_sizes(app_factory, tmp_path, size):
    app = app_factory(_pelicans(tmp_path))
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "pelican")
        await pilot.press("down")
        await settle(pilot)
        hits = app.main.query_one(HitList)
        assert hits.scrollable_content_region.height - 1 >= 5, "results, not only a preview"
        assert not app.main.query_one(Preview).region.area, "the preview gives way"
        footer = app.main.query_one(Footer)
        keys = [k for k in footer.query(FooterKey) if k.display and k.region.area]
        assert keys, "the footer still shows keys"
        assert not any("-command-palette" in k.classes for k in keys), (
            "the palette hint was drawn over the keys at this width"
        )
        regions = sorted((k.region for k in keys), key=lambda r: r.x)
        for left, right in itertools.pairwise(regions):
            assert left.right <= right.x, "footer keys overlap"
