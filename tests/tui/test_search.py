"""Search as you type: results per keystroke, highlighted, grouped; Enter opens the sentence."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from explorer.model import Hit
from explorer.tui.screens.reader import ReaderScreen
from explorer.tui.widgets.lists import HitList
from explorer.tui.widgets.panes import Preview, SearchPane
from explorer.tui.widgets.reader import ReaderView
from explorer.tui.widgets.rows import GroupRow

from .conftest import ready, screen_lines, settle, styled_runs, type_text


def _hits(app) -> HitList:
    return app.main.query_one(HitList)


async def test_search_typed_key_by_key_shows_the_highlighted_sentence(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input) and app.focused.id == "search"
        seen: list[int] = []
        word = "Kalamanov"
        for i in range(1, len(word) + 1):
            prefix = word[:i]
            await pilot.press(prefix[-1])
            await settle(pilot)
            hits = _hits(app)
            assert hits.query_text == prefix, "every keystroke gets its own results"
            seen.append(hits.row_count)
        assert seen[-1] > 0
        assert app.main.active_pane == "search"
        hits = _hits(app)
        sentences = [r for r in hits.rows if isinstance(r, Hit) and r.kind == "sentence"]
        assert sentences, "a sentence mentioning Kalamanov is found"
        # Results come grouped under headings: entities, facts, sentences.
        headings = [r.title for r in hits.rows if isinstance(r, GroupRow)]
        assert headings[-1] == "Sentences"
        # The matched characters are highlighted on screen, in the row itself.
        row = hits.rows.index(sentences[0])
        y = row + 1 - int(hits.scroll_y)  # + the column header
        match_style = hits.style("match")
        runs = styled_runs(hits, y)
        marked = "".join(
            text
            for text, style in runs
            if style and style.reverse and style.bold == match_style.bold
        )
        assert "Kalamanov" in marked
        # The result count and the time taken are shown above the results.
        toolbar = app.main.query_one("#search-toolbar").render()
        assert f"{len(hits.all_rows) - len(headings)} result" in str(toolbar)
        assert " ms" in str(toolbar)


async def test_enter_opens_the_document_at_that_sentence(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "imports comprise")
        await settle(pilot)
        hits = _hits(app)
        target = next(r for r in hits.rows if isinstance(r, Hit) and r.kind == "sentence")
        await pilot.press("down")  # from the search box into the results
        assert app.focused is hits
        hits.move_cursor(hits.rows.index(target))
        await settle(pilot)
        # The preview follows the cursor: the sentence in its paragraph.
        preview = str(app.main.query_one(Preview).render())
        assert "Russian imports comprise such groups of goods" in preview
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        reader = app.screen.query_one(ReaderView)
        assert reader.marked == reader.sentences[target.sentence]
        # The marked sentence is on screen (centred), with its gutter mark.
        line = reader.line_of(reader.marked[0])
        top = int(reader.scroll_y)
        assert top > 0, "the reader scrolled down to the sentence near the end"
        assert top <= line < top + reader.size.height
        shown = reader.render_line(line - top).text
        assert shown.startswith("▌")
        assert "foodstuffs" in " ".join(
            reader.render_line(y).text for y in range(reader.size.height)
        )


async def test_enter_in_the_search_box_opens_the_first_result(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "Zarif")
        await settle(pilot)
        first = _hits(app).current
        assert first is not None
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not app.main


async def test_no_results_says_so_with_the_query(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "xqzvwk")
        await settle(pilot)
        hits = _hits(app)
        assert hits.row_count == 0
        text = "\n".join(hits.render_line(y).text for y in range(4))
        assert "No results for “xqzvwk”" in text
        # Emptying the box shows how to search again.
        app.main.query_one("#search", Input).value = ""
        await settle(pilot)
        assert "Type to search" in "\n".join(hits.render_line(y).text for y in range(3))


async def test_escape_leaves_the_search_box_for_the_results(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "Moscow")
        await settle(pilot)
        await pilot.press("escape")
        assert app.focused is _hits(app)
        assert app.main.query_one(SearchPane).query_text == "Moscow"


async def test_keys_typed_right_after_slash_land_in_the_search_box(app_factory):
    """A person types '/sanai' in one go: the keys queued behind '/' are the query, not
    pane keys (s would switch panes, a/n/i do other things)."""
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        for key, char in [("slash", "/"), *((c, c) for c in "sanai")]:
            app.post_message(events.Key(key, char))  # queued at once, as a fast typist's
        await settle(pilot)
        box = app.main.query_one("#search", Input)
        assert box.value == "sanai"
        assert app.main.active_pane == "search"
        # In a text box '/' is a character.
        await type_text(pilot, "/x")
        assert box.value == "sanai/x"
        await pilot.press("backspace", "backspace")
        await settle(pilot)
        # From another screen too: back to the main screen, and the keys are the query.
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen is not app.main  # the entity Sanai
        for key, char in [("slash", "/"), *((c, c) for c in "trade")]:
            app.post_message(events.Key(key, char))
        await settle(pilot)
        # '/' selects the last query, so what is typed replaces it (issue 12).
        assert app.screen is app.main and box.value == "trade"


async def test_the_preview_heading_is_whole_from_the_first_keystroke(app_factory):
    """The results pane is hidden until the first key: the preview is first filled before it
    has a width, and its heading was cut to 'Entity · …' until the cursor moved."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        for key, char in [("slash", "/"), *((c, c) for c in "sanai")]:
            app.post_message(events.Key(key, char))  # typed in one go
        await settle(pilot)
        preview = app.main.query_one(Preview)
        assert _hits(app).current.kind == "entity"
        heading = screen_lines(preview)[0]
        assert "Entity · PERSON · Enter opens its detail" in heading, heading


async def test_the_footer_says_how_to_leave_the_search_box(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await settle(pilot)
        shown = {
            key: b.binding.description
            for key, b in app.screen.active_bindings.items()
            if b.binding.show and b.enabled
        }
        assert shown.get("down") == "To the list" and shown.get("escape") == "Leave"
        assert "slash" not in shown  # in the box, '/' is a character


async def test_a_name_in_many_facts_leaves_room_for_its_sentences(app_factory, tmp_path):
    # Seventy things Blair said: seventy facts, seventy sentences. Results used to be the
    # best hundred of all kinds, and facts rank before sentences, so sentences lost out.
    folder = tmp_path / "speeches"
    folder.mkdir()
    lines = [f'"Point number {n} matters," said Tony Blair.' for n in range(70)]
    (folder / "speech.txt").write_text("Speech\n\n" + " ".join(lines) + "\n", encoding="utf-8")
    app = app_factory(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "blar")  # a typo, as people type
        await settle(pilot)
        rows = [r for r in _hits(app).all_rows if isinstance(r, Hit)]
        kinds = {kind: sum(r.kind == kind for r in rows) for kind in ("entity", "fact", "sentence")}
        assert kinds["entity"] >= 1 and kinds["fact"] >= 20 and kinds["sentence"] == 70


async def test_a_group_with_more_hits_than_its_page_says_how_many(app_factory, tmp_path):
    folder = tmp_path / "birds"
    folder.mkdir()
    lines = [f"A pelican landed on pier number {i} today." for i in range(130)]
    (folder / "pelicans.txt").write_text("\n\n".join(lines), encoding="utf-8")
    app = app_factory(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "pelican")
        await settle(pilot)
        hits = _hits(app)
        groups = {r.title: r for r in hits.rows if isinstance(r, GroupRow)}
        sentences = groups["Sentences"]
        shown = sum(1 for r in hits.rows if isinstance(r, Hit) and r.kind == "sentence")
        assert (sentences.count, shown, sentences.total) == (100, 100, 130)
        assert any(" Sentences · 100 of 130" in line for line in screen_lines(hits))


async def test_an_entity_found_by_its_alias_says_whose_alias_it_is(app_factory):
    """Typing a surname finds the person by the alias "Sanai": the row names Mehdi Sanai, or
    a reader cannot tell which Sanai it is without opening it. A row found by its full name
    does not repeat it."""
    app = app_factory()
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "Sanai")
        await settle(pilot)
        hits = _hits(app)
        entity = next(r for r in hits.rows if isinstance(r, Hit) and r.kind == "entity")
        assert entity.text == "Sanai"
        line = hits.render_line(hits.rows.index(entity) + 1 - int(hits.scroll_y)).text
        assert "Sanai → Mehdi Sanai" in line
        app.main.query_one("#search", Input).value = "Zarif"
        await settle(pilot)
        entity = next(r for r in hits.rows if isinstance(r, Hit) and r.kind == "entity")
        line = hits.render_line(hits.rows.index(entity) + 1 - int(hits.scroll_y)).text
        assert "Mohammed Javad Zarif" in line and "→" not in line
