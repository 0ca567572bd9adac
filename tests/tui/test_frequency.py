"""The frequency view over the facts and documents panes: counts by predicate, subject,
author and month, and Enter drilling down into exactly the rows behind a count."""

from __future__ import annotations

from collections import Counter

from explorer.model import DocumentSummary, Fact
from explorer.store import Store
from explorer.tui.screens.frequency import FrequencyScreen
from explorer.tui.widgets.lists import CountRow
from explorer.tui.widgets.panes import DocumentsPane, FactsPane

from .conftest import ready, screen_lines, settle


def _store_contents(db) -> tuple[list[Fact], list[DocumentSummary]]:
    store = Store.open(db, readonly=True)
    try:
        return store.facts(), store.documents()
    finally:
        store.close()


def _counts(screen: FrequencyScreen) -> dict[str, int]:
    return {
        r.value: r.count for r in screen.query_one("#count-list").rows if isinstance(r, CountRow)
    }


async def _count_by(pilot, facet: str) -> FrequencyScreen:
    """Shift+F, then `b` until the view counts by `facet`."""
    await pilot.press("F")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, FrequencyScreen)
    assert facet in screen.facets
    for _ in range(screen.facets.index(facet)):
        await pilot.press("b")
        await settle(pilot)
    assert screen.facet == facet
    return screen


async def _enter_on(pilot, screen: FrequencyScreen, value: str) -> None:
    counts = screen.query_one("#count-list")
    index = next(i for i, r in enumerate(counts.rows) if r.value == value)
    counts.move_cursor(index)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_facts_counted_by_predicate_and_drilled_into_said(app_factory, db):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        facts, _ = _store_contents(db)
        expected = Counter(f.predicate for f in facts)
        assert expected["said"] and len(expected) > 1  # the sample has more than said facts
        await pilot.press("f")
        facts_list = app.main.query_one(FactsPane).list_widget
        assert facts_list.row_count == len(facts)

        screen = await _count_by(pilot, "predicate")
        assert screen.facets[0] == "predicate"  # Shift+F on facts counts predicates first
        assert _counts(screen) == dict(expected)
        shown = "\n".join(screen_lines(screen.query_one("#count-list")))
        assert f"{len(expected)} values of predicate over {len(facts)} facts" in str(
            screen.query_one("#frequency-toolbar").render()
        )
        for predicate in expected:
            assert predicate in shown

        await _enter_on(pilot, screen, "said")
        assert app.screen is app.main and app.focused is facts_list
        assert facts_list.row_count == expected["said"]
        assert {f.predicate for f in facts_list.rows} == {"said"}
        toolbar = str(app.main.query_one("#facts-toolbar").render())
        assert "only predicate = said (Esc clears)" in toolbar

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main
        assert facts_list.drill is None
        assert facts_list.row_count == len(facts)
        assert "Esc clears" not in str(app.main.query_one("#facts-toolbar").render())


async def test_facts_counted_by_subject(app_factory, db):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        facts, _ = _store_contents(db)
        expected = Counter(f.subject for f in facts)
        await pilot.press("f")
        screen = await _count_by(pilot, "subject")
        assert _counts(screen) == dict(expected)
        top, n = expected.most_common(1)[0]
        await _enter_on(pilot, screen, top)
        facts_list = app.main.query_one(FactsPane).list_widget
        assert facts_list.row_count == n
        assert {f.subject for f in facts_list.rows} == {top}


async def test_documents_counted_by_author_and_month(app_factory, db):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        _, documents = _store_contents(db)
        by_author = Counter(d.author or "(no author)" for d in documents)
        authored = [d for d in documents if d.author]
        assert authored and len(authored) < len(documents)  # the tricky document has none
        await pilot.press("d")
        documents_list = app.main.query_one(DocumentsPane).list_widget

        screen = await _count_by(pilot, "author")
        assert _counts(screen) == dict(by_author)
        author = authored[0].author
        await _enter_on(pilot, screen, author)
        assert app.screen is app.main and app.focused is documents_list
        assert documents_list.row_count == by_author[author]
        assert {d.author for d in documents_list.rows} == {author}
        assert f"only author = {author}" in str(app.main.query_one("#documents-toolbar").render())
        await pilot.press("escape")
        await settle(pilot)
        assert documents_list.drill is None
        assert documents_list.row_count == len(documents)

        screen = await _count_by(pilot, "month")
        months = Counter(d.date[:7] if d.date else "(no date)" for d in documents)
        assert _counts(screen) == dict(months)
        assert "2019-04" in months  # the sample article is dated 2019-04-30
        await _enter_on(pilot, screen, "2019-04")
        assert documents_list.row_count == months["2019-04"]
        assert all(d.date.startswith("2019-04-") for d in documents_list.rows)
        await pilot.press("escape")
        await settle(pilot)
        assert documents_list.row_count == len(documents)


async def test_a_count_over_a_drilled_list_drills_into_exactly_its_rows(app_factory, db):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        facts, _ = _store_contents(db)
        said = [f for f in facts if f.predicate == "said"]
        subjects = Counter(f.subject for f in said)
        # a subject with facts besides "said" ones, so a drill that forgot "said" would show
        # more rows than its count
        subject = next(s for s in subjects if sum(f.subject == s for f in facts) > subjects[s])
        await pilot.press("f")
        facts_list = app.main.query_one(FactsPane).list_widget
        await _enter_on(pilot, await _count_by(pilot, "predicate"), "said")

        screen = await _count_by(pilot, "subject")
        assert _counts(screen) == dict(subjects)  # counted over the said facts only
        await _enter_on(pilot, screen, subject)
        assert facts_list.row_count == subjects[subject]
        assert {(f.predicate, f.subject) for f in facts_list.rows} == {("said", subject)}
        toolbar = str(app.main.query_one("#facts-toolbar").render())
        assert f"only predicate = said, subject = {subject} (Esc clears the last)" in toolbar

        await pilot.press("escape")  # back to every said fact
        await settle(pilot)
        assert facts_list.row_count == len(said)
        await pilot.press("escape")
        await settle(pilot)
        assert facts_list.row_count == len(facts)


async def test_at_80_columns_the_frequency_line_leaves_out_a_hint_rather_than_cut_it(
    app_factory,
):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        screen = await _count_by(pilot, "predicate")
        (line,) = screen_lines(screen.query_one("#frequency-toolbar"))
        line = line.strip()
        # No phrase cut short ('... · Enter' or an ellipsis): what is counted, and b's hint.
        assert line.endswith("b: count by subject"), line
        assert "…" not in line
        await pilot.press("escape")
        await settle(pilot)
        # Wide enough, every hint is there.
        await pilot.resize_terminal(140, 30)
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        (line,) = screen_lines(app.screen.query_one("#frequency-toolbar"))
        assert line.strip().endswith("Enter shows the rows behind a count"), line
