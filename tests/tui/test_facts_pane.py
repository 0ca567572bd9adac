"""A facts pane for reading: the object gets the width, qualifiers that repeat it are gone,
`o`/`O` sort by any column, `n` narrows, `b` groups by subject; in search results a long
fact keeps its speaker and predicate and is cut in its object."""

from __future__ import annotations

from explorer.model import Fact, Hit
from explorer.tui.widgets.lists import FactList, HitList
from explorer.tui.widgets.panes import FactCard, FactsPane
from explorer.tui.widgets.rows import GroupRow

from .conftest import ready, screen_lines, settle, type_text

TEXT = (
    "Deals\n\n"
    "Acme Corporation said the acquisition complements its microfiltration business and "
    "will add sales in every region of the world over the next several years. "
    "Zenith Holdings said it expects the deal to close in the spring. "
    "Acme Corporation said it will keep every factory of the company it bought open.\n"
)


def _folder(tmp_path):
    folder = tmp_path / "deals"
    folder.mkdir()
    (folder / "deals.txt").write_text(TEXT, encoding="utf-8")
    return folder


def _facts(app) -> FactList:
    return app.main.query_one("#fact-list", FactList)


async def test_sort_by_any_column_reverse_narrow_and_group(app_factory, tmp_path):
    app = app_factory(_folder(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        facts = _facts(app)
        pane = app.main.query_one(FactsPane)
        assert app.focused is facts
        said = [f for f in facts.rows if isinstance(f, Fact) and f.predicate == "said"]
        assert {f.subject for f in said} >= {"Acme Corporation", "Zenith Holdings"}
        await pilot.press("o")  # found -> subject
        assert pane.sort == "subject"
        subjects = [f.subject.casefold() for f in facts.rows if isinstance(f, Fact)]
        assert subjects == sorted(subjects)
        await pilot.press("O")
        subjects = [f.subject.casefold() for f in facts.rows if isinstance(f, Fact)]
        assert subjects == sorted(subjects, reverse=True)
        assert "by subject ↓ (o O)" in str(app.main.query_one("#facts-toolbar").render())
        await pilot.press("o", "o")  # predicate, then object
        assert pane.sort == "object"
        # n narrows as one types; Esc clears it.
        await pilot.press("n")
        await type_text(pilot, "zenith")
        await settle(pilot)
        assert {f.subject for f in facts.rows if isinstance(f, Fact)} == {"Zenith Holdings"}
        await pilot.press("escape")
        await settle(pilot)
        assert any(f.subject == "Acme Corporation" for f in facts.rows)
        # b: a heading per subject, the one with the most facts first.
        await pilot.press("b")
        headings = [r for r in facts.rows if isinstance(r, GroupRow)]
        assert headings and headings[0].title == "Acme Corporation" and headings[0].count >= 2
        after = facts.rows[facts.rows.index(headings[0]) + 1]
        assert isinstance(after, Fact) and after.subject == "Acme Corporation"


async def test_the_quote_is_read_whole_and_not_repeated(app_factory, tmp_path):
    app = app_factory(_folder(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        facts = _facts(app)
        long = next(f for f in facts.rows if isinstance(f, Fact) and "microfiltration" in f.object)
        facts.move_cursor(facts.rows.index(long))
        await settle(pilot)
        line = next(x for x in screen_lines(facts) if "Acme Corporation" in x and "said" in x)
        assert "the acquisition complements its micro" in line, "the object gets the width"
        assert line.count("the acquisition") == 1, "no qualifier repeats the quote"
        card = str(app.main.query_one(FactCard).render())
        assert "over the next several years" in card, "the card under the list reads it whole"


async def test_a_long_fact_in_the_results_keeps_its_speaker(app_factory, tmp_path):
    app = app_factory(_folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "microfiltration")
        await settle(pilot)
        hits = app.main.query_one(HitList)
        fact = next(r for r in hits.rows if isinstance(r, Hit) and r.kind == "fact")
        row = hits.rows.index(fact) + 1 - int(hits.scroll_y)
        line = screen_lines(hits)[row].strip()
        assert line.startswith("Acme Corporation · said · "), line
        assert "microfiltration" in line, "the object is cut around the match"
