"""Browsing by keyboard: panes, entities and their mentions, the reader, history, help."""

from __future__ import annotations

from explorer.model import NAME_LABELS, DocumentSummary, Entity, Fact
from explorer.tui.screens.entity import EntityScreen
from explorer.tui.screens.help import HelpScreen, KeyRow
from explorer.tui.screens.reader import ReaderScreen
from explorer.tui.widgets.lists import MentionList, MentionRow, RelatedList
from explorer.tui.widgets.panes import DocumentsPane, EntitiesPane
from explorer.tui.widgets.reader import ReaderView

from .conftest import ready, screen_lines, settle, type_text, until


async def test_first_launch_on_an_empty_store_ingests_the_bundled_sample(db):
    from explorer.tui.app import make_app

    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        documents = app.main.query_one("#document-list")
        titles = [d.title for d in documents.rows]
        assert len(titles) == 1 and titles[0].startswith("Iranian Ambassador to Russia")
        status = str(app.main.query_one("#status").render())
        assert "1 document" in status and "facts" in status
        assert db.exists()


async def test_tab_and_letters_move_between_panes(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.focused.id == "document-list"
        await pilot.press("tab")
        assert app.main.active_pane == "entities" and app.focused.id == "entity-list"
        await pilot.press("tab")
        assert app.focused.id == "fact-list"
        await pilot.press("shift+tab")
        assert app.focused.id == "entity-list"
        await pilot.press("d")
        assert app.focused.id == "document-list"
        await pilot.press("f")
        assert app.main.active_pane == "facts"
        await pilot.press("s")
        assert app.focused.id == "hit-list"


async def test_lists_move_with_j_k_g_and_G(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        entities = app.focused
        assert entities.cursor == 0
        await pilot.press("j", "j", "down")
        assert entities.cursor == 3
        await pilot.press("k")
        assert entities.cursor == 2
        await pilot.press("G")
        assert entities.cursor == len(entities.rows) - 1
        # The last row is on screen: the list scrolled to it.
        assert "".join(screen_lines(entities)).count(entities.current.name) >= 1
        await pilot.press("g")
        assert entities.cursor == 0 and entities.scroll_y == 0


async def test_entity_filter_by_label_sort_and_narrow(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        pane = app.main.query_one(EntitiesPane)
        entities = pane.list_widget
        every = entities.row_count
        assert every and all(e.label in NAME_LABELS for e in entities.rows)
        await pilot.press("l")
        label = pane.label
        assert label is not None
        assert all(e.label == label for e in entities.rows)
        assert 0 < entities.row_count < every
        assert f"{label} (" in str(app.main.query_one("#entities-toolbar").render())
        await pilot.press("l")
        assert pane.label != label
        while pane.label is not None:  # the last stop: every label, values included
            await pilot.press("l")
        assert entities.row_count > every
        assert any(e.label == "MONEY" for e in entities.rows)
        await pilot.press("l")  # round to names again
        await pilot.press("o")  # by documents
        await pilot.press("o")  # by name
        names = [e.name.casefold() for e in entities.rows]
        assert names == sorted(names)
        await pilot.press("n")
        await type_text(pilot, "sanai")
        assert [e.name for e in entities.rows] == ["Mehdi Sanai"]
        await type_text(pilot, "x")  # "sanaix": a narrowing is exact; the way out is shown
        assert entities.row_count == 0
        assert "/ searches with typos forgiven" in entities.empty_text
        await pilot.press("escape")
        assert entities.row_count == every
        assert app.focused is entities


async def test_an_entitys_mentions_are_listed_and_enter_opens_one(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e", "n")
        await type_text(pilot, "Mehdi Sanai")
        await pilot.press("enter")  # from the narrowing box to the list
        await pilot.press("enter")  # open the entity
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EntityScreen)
        head = str(screen.query_one("#entity-head").render())
        assert "Mehdi Sanai" in head and "PERSON" in head and "Sanai" in head
        mentions = screen.query_one(MentionList)
        assert app.focused is mentions
        rows = [r for r in mentions.rows if isinstance(r, MentionRow)]
        assert len(rows) >= 5
        assert all(r.mention.key == "PERSON:Mehdi Sanai" for r in rows)
        # Each row is the sentence, the mention kept in view and highlighted.
        lines = screen_lines(mentions)
        assert all("Sanai" in line for line in lines[1 : len(rows) + 1])
        await pilot.press("j", "enter")
        await settle(pilot)
        reader_screen = app.screen
        assert isinstance(reader_screen, ReaderScreen)
        reader = reader_screen.query_one(ReaderView)
        chosen = rows[1].mention
        assert reader.mentions[reader.current].start == chosen.start
        assert reader.entity == "PERSON:Mehdi Sanai"
        status = str(reader_screen.query_one("#reader-status").render())
        assert "mention 2 of" in status
        # n / N walk the entity's mentions.
        await pilot.press("n")
        assert reader.mentions[reader.current].start == rows[2].mention.start
        await pilot.press("N", "N")
        assert reader.mentions[reader.current].start == rows[0].mention.start
        # Esc goes back to the entity, then to the main screen.
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("escape")
        assert app.screen is app.main


async def test_entity_detail_shows_facts_documents_and_related_each_one_enter_away(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.open_location(
            __import__("explorer.tui.messages", fromlist=["Location"]).Location(
                "entity", entity="PERSON:Mehdi Sanai"
            )
        )
        await settle(pilot)
        screen = app.screen
        await pilot.press("2")
        facts = app.focused
        assert facts.id == "entity-fact-list"
        assert any(isinstance(f, Fact) and f.subject == "Mehdi Sanai" for f in facts.rows)
        await pilot.press("3")
        assert app.focused.id == "entity-document-list" and app.focused.row_count == 1
        await pilot.press("tab")
        related = screen.query_one(RelatedList)
        assert app.focused is related
        names = [r.entity.name for r in related.rows]
        assert "Georgy Kalamanov" in names
        related.move_cursor(names.index("Georgy Kalamanov"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen)
        assert app.screen.entity.name == "Georgy Kalamanov"


async def test_back_and_forward_walk_the_history(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("enter")  # open the first document
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("m", "enter")  # first mention -> its entity
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen)
        key = app.screen.location.entity
        await pilot.press("left_square_bracket")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("left_square_bracket")
        assert app.screen is app.main
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen) and app.screen.location.entity == key
        await pilot.press("alt+left")
        assert isinstance(app.screen, ReaderScreen)


async def test_reader_shows_head_legend_and_tags(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        sample = next(
            d
            for d in app.main.query_one("#document-list").rows
            if isinstance(d, DocumentSummary) and d.date
        )
        app.main.query_one("#document-list").move_cursor(
            app.main.query_one("#document-list").rows.index(sample)
        )
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        head = str(screen.query_one("#doc-head").render())
        assert "2019-04-30" in head and "Abdul Kerimkhanov" in head
        legend = str(screen.query_one("#legend").render())
        assert "PERSON" in legend and "GPE" in legend and "country" in legend
        reader = screen.query_one(ReaderView)
        text = " ".join(screen_lines(reader))
        assert "Mehdi Sanai·PERSON" in text  # the label is written, not only coloured
        await pilot.press("t")
        text = " ".join(screen_lines(reader))
        assert "Mehdi Sanai" in text and "·PERSON" not in text
        # The choice holds for the next document opened.
        await pilot.press("escape", "enter")
        await settle(pilot)
        reader = app.screen.query_one(ReaderView)
        assert not reader.show_tags and "·" not in " ".join(screen_lines(reader))


async def test_facts_pane_filters_by_predicate_and_opens_the_source(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        facts = app.focused
        total = facts.row_count
        assert total > 0
        await pilot.press("p")
        predicate = app.main.query_one("#facts-pane").predicate
        assert predicate and all(f.predicate == predicate for f in facts.rows)
        fact = facts.current
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen.query_one(ReaderView)
        assert reader.marked == reader.sentences[fact.sentence]
        assert (fact.start, fact.end) in reader.highlights


async def test_help_lists_the_focused_panes_keys_and_the_apps(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = [r for r in app.screen.query_one("#key-list").rows if isinstance(r, KeyRow)]
        described = {r.description for r in rows}
        for wanted in (
            "Label",
            "Sort",
            "Narrow",
            "Open",
            "Search",
            "Quit",
            "Keys",
            "Frequency",
            "Export",
            "Back",
            "Forward",
        ):
            assert wanted in described, wanted
        keys = {key for r in rows for key in r.keys.split()}
        assert {"j", "k", "g", "G", "q", "?", "/", "l", "o", "n"} <= keys
        # Most specific first: the list's own keys come before the app's.
        descriptions = [r.description for r in rows]
        assert descriptions.index("Open") < descriptions.index("Quit")
        await pilot.press("escape")
        assert app.screen is app.main
        # In the reader, help shows the reader's keys.
        await pilot.press("d", "enter")
        await settle(pilot)
        await pilot.press("question_mark")
        described = {
            r.description for r in app.screen.query_one("#key-list").rows if isinstance(r, KeyRow)
        }
        assert {"Next", "Prev", "Tags", "Entity"} <= described


async def test_quit(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_entities_list_many_rows_render_on_demand(app_factory):
    """A list of 100k rows: only what is on screen is rendered."""
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        entities = app.main.query_one("#entity-list")
        rows = [Entity(f"Person {i:06d}", "PERSON", mentions=i) for i in range(100_000)]
        entities.set_rows(rows)
        await pilot.press("e", "G")
        await pilot.pause()
        assert entities.cursor == 99_999
        assert any("Person 099999" in line for line in screen_lines(entities))
        assert entities.virtual_size.height == 100_001


async def test_slash_searches_from_the_reader_and_forward_returns(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("slash")
        assert app.screen is app.main
        assert app.focused.id == "search"
        await type_text(pilot, "Moscow")
        await settle(pilot)
        assert app.main.query_one("#hit-list").row_count > 0
        await pilot.press("escape", "right_square_bracket")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)


async def test_an_empty_store_says_how_to_ingest(tmp_path, db):
    from explorer.tui.app import make_app

    empty = tmp_path / "nothing-here"
    empty.mkdir()
    app = make_app(db, [empty])
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.reader is not None, "an open store")
        await settle(pilot)
        documents = app.main.query_one("#document-list")
        assert documents.row_count == 0
        text = "\n".join(screen_lines(documents))
        assert "No documents yet" in text and "explorer PATH" in text
        await pilot.press("e")
        assert "ingest" in "\n".join(screen_lines(app.main.query_one("#entity-list")))


async def test_keys_can_be_remapped_by_binding_id(app_factory):
    import os

    from explorer.tui.app import keymap_path

    path = keymap_path()
    assert str(path).startswith(os.environ["XDG_CONFIG_HOME"])  # never the user's own
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('"list.down" = "ctrl+n"\n"main.entities" = "E"\n', encoding="utf-8")
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("E")
        entities = app.focused
        assert entities.id == "entity-list"
        await pilot.press("ctrl+n")
        assert entities.cursor == 1
        await pilot.press("j")  # remapped away
        assert entities.cursor == 1


async def test_r_returns_to_the_reader_at_the_last_document(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        assert app.screen is app.main  # nothing opened yet: a hint, no crash
        await pilot.press("f", "enter")
        await settle(pilot)
        first = app.screen.location
        await pilot.press("escape", "e", "r")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen.location == first


async def test_ingesting_a_large_folder_from_the_app_uses_worker_processes(tmp_path, db):
    """Many files are parsed in a process pool, which must start under Textual's stderr."""
    from explorer.tui.app import make_app

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(60):
        (folder / f"note{i:02d}.txt").write_text(
            f"Report {i}\n\nMinister Anna Berg{i} visited Oslo on Monday with {i} advisers.\n",
            encoding="utf-8",
        )
    app = make_app(db, [folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.reader is not None, "the folder ingested", tries=1500)
        await settle(pilot)
        assert app.main.query_one("#document-list").row_count == 60


async def test_the_legend_shows_every_label_written_at_80_columns(app_factory):
    from explorer.tui.labels import short_label

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        documents = app.main.query_one("#document-list")
        documents.move_cursor(next(i for i, d in enumerate(documents.rows) if d.date))
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen.query_one(ReaderView)
        counts: dict[str, int] = {}
        for m in reader.mentions:
            counts[m.label] = counts.get(m.label, 0) + 1
        assert len(counts) >= 6  # enough labels that they cannot fit on one line
        legend = app.screen.query_one("#legend")
        lines = screen_lines(legend)
        assert legend.size.height == len(lines) >= 2
        for label, count in counts.items():
            # Written (not colour alone), on screen, and its count on the same line.
            assert any(
                f" {short_label(label)} " in line and f" {count}" in line for line in lines
            ), (label, lines)
        # The document still gets most of the screen.
        assert reader.size.height >= 12


async def test_n_in_a_document_opened_plainly_selects_an_entity_and_counts_its_mentions(
    app_factory,
):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        documents = app.main.query_one("#document-list")
        documents.move_cursor(next(i for i, d in enumerate(documents.rows) if d.date))
        await pilot.press("enter")  # from the documents list: no entity selected
        await settle(pilot)
        reader = app.screen.query_one(ReaderView)
        assert reader.entity is None
        await pilot.press("n")
        await settle(pilot)
        first = reader.mentions[reader.current]
        assert reader.entity == first.key
        theirs = [m for m in reader.mentions if m.key == first.key]
        status = str(app.screen.query_one("#reader-status").render())
        assert f"{first.entity} ({first.label})" in status
        assert f"mention 1 of {len(theirs)} here" in status
        assert len(theirs) < len(reader.mentions)  # the count is not of every mention
        if len(theirs) > 1:
            await pilot.press("n")
            assert reader.mentions[reader.current].key == first.key


async def test_a_narrow_status_line_keeps_the_count_of_facts(app_factory):
    """Too narrow for every count, the status line drops sentences and mentions, whole,
    rather than end on a bare number ('… 20,951 entities · 7,161')."""
    app = app_factory()
    async with app.run_test(size=(60, 24)) as pilot:
        await ready(pilot)
        (line,) = screen_lines(app.main.query_one("#status"))
        assert "document" in line and "entities" in line and line.strip().endswith(" facts")
        assert "…" not in line
        await pilot.resize_terminal(120, 24)
        await settle(pilot)
        (line,) = screen_lines(app.main.query_one("#status"))
        assert "sentences" in line and "mentions" in line and line.strip().endswith(" facts")


async def test_sorting_documents_by_date_puts_the_newest_first_and_titles_a_to_z(
    app_factory, tmp_path
):
    import shutil

    from .conftest import SAMPLE

    root = tmp_path / "dated"
    root.mkdir()
    shutil.copy(SAMPLE, root / SAMPLE.name)  # dated 2019-04-30
    for name, title in (("c.txt", "Charlie story"), ("a.txt", "Alpha story"), ("b.txt", "Beta")):
        (root / name).write_text(f"{title}\n\nAngela Merkel spoke in Berlin.\n", encoding="utf-8")
    app = app_factory(root)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        documents = app.main.query_one("#document-list")
        await pilot.press("o")
        assert app.main.query_one(DocumentsPane).sort == "date"
        titles = [d.title for d in documents.rows]
        assert titles[0].startswith("Iranian Ambassador")  # the one with a date
        assert titles[1:] == ["Alpha story", "Beta", "Charlie story"]  # undated: A to Z


async def test_help_at_80_columns_shows_every_key_and_explanation_whole(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)

        async def check_help(where: str) -> None:
            await pilot.press("question_mark")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen), where
            keys = app.screen.query_one("#key-list")
            widths = keys.column_widths(keys.scrollable_content_region.width)
            for row in keys.rows:
                if isinstance(row, KeyRow):
                    assert len(row.keys) <= widths[0], (where, row.keys)
                    assert len(row.description) <= widths[1], (where, row.description)
                    assert len(row.tooltip or "") <= widths[2], (where, row.tooltip)
            await pilot.press("escape")
            await settle(pilot)

        for pane in ("d", "e", "f", "s"):
            await pilot.press(pane)
            await check_help(f"pane {pane}")
        await pilot.press("d", "enter")
        await settle(pilot)
        await check_help("reader")
        await pilot.press("escape", "e", "enter")
        await settle(pilot)
        await check_help("entity")
        await pilot.press("F")
        await settle(pilot)
        await check_help("frequency")


async def test_an_entity_without_facts_says_so_and_what_to_look_at_instead(app_factory):
    from explorer.tui.messages import Location

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        reader = app.reader
        entity = next(e for e in reader.entities() if not reader.facts(entity=e.key))
        app.open_location(Location("entity", entity=entity.key))
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        shown = "\n".join(screen_lines(app.screen.query_one("#entity-fact-list")))
        assert f"No fact has {entity.name} as its subject or object." in shown
        assert "1 shows its mentions" in shown
        related = reader.cooccurring(entity.key, 50)
        assert ("4 the entities it appears with" in shown) == bool(related)
        # Shift+F over the empty list: a notice, not an empty modal to close again.
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen)
        assert any("nothing to count" in n.message for n in app._notifications)


async def test_enter_in_the_help_does_what_the_key_does(app_factory):
    """The footer of the help offers Enter: on a key's row it closes the help and acts."""
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        pane = app.main.query_one(EntitiesPane)
        before = pane.label
        await pilot.press("question_mark")
        await settle(pilot)
        keys = app.screen.query_one("#key-list")
        keys.move_cursor(
            next(i for i, r in enumerate(keys.rows) if isinstance(r, KeyRow) and r.keys == "l")
        )
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main
        assert pane.label != before  # as if 'l' had been pressed in the entities pane
        assert all(e.label == pane.label for e in pane.list_widget.rows)


async def test_the_reader_status_line_at_80_columns_leaves_out_hints_whole(app_factory):
    from explorer.tui.messages import Location

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        documents = app.main.query_one("#document-list")
        sample = next(d for d in documents.rows if d.date)
        app.open_location(
            Location("document", doc=sample.id, sentence=8, entity="PERSON:Mehdi Sanai")
        )
        await settle(pilot)
        (line,) = screen_lines(app.screen.query_one("#reader-status"))
        line = line.strip()
        assert line.startswith("Mehdi Sanai (PERSON) · mention ")
        assert "…" not in line and not line.endswith(":"), line
        assert "sentence 9 of" in line  # what the bar in the gutter means stays
        await pilot.resize_terminal(140, 30)
        await settle(pilot)
        (line,) = screen_lines(app.screen.query_one("#reader-status"))
        assert line.strip().endswith("n/N next/previous · Enter: entity"), line


async def test_the_facts_pane_at_80_columns_writes_every_predicate_whole(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        facts = app.main.query_one("#fact-list")
        longest = max((f for f in facts.rows), key=lambda f: len(f.predicate))
        assert len(longest.predicate) > 9  # the sample has 'withdrew_from'
        facts.move_cursor(facts.rows.index(longest))
        await settle(pilot)
        lines = screen_lines(facts)
        assert any(f" {longest.predicate} " in line for line in lines), lines
