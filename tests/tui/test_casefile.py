"""The case file: space marks, * stars, # tags and N notes a row of any list; the marks show
beside the rows, live in the store, and the case file (c) lists them and writes a report."""

from __future__ import annotations

from textual.containers import Vertical
from textual.widgets import Input, Static

from explorer.model import DocumentSummary, Entity, Fact, Hit
from explorer.store import Store
from explorer.tui.screens.casefile import CaseFileList, CaseFileScreen, TextPrompt
from explorer.tui.widgets.lists import DocumentList, EntityList, FactList, HitList

from .conftest import ready, screen_lines, settle, type_text, until


async def _enter_text(pilot, text: str) -> None:
    assert isinstance(pilot.app.screen, TextPrompt)
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


async def test_marks_stars_tags_and_notes_from_the_lists_reach_the_case_file(
    app_factory, db, tmp_path
):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        documents = app.main.query_one(DocumentList)
        documents.focus()
        first = documents.current
        assert isinstance(first, DocumentSummary)
        await pilot.press("space")
        await settle(pilot)
        # The marker shows beside the row, in the gutter.
        assert screen_lines(documents)[1 + documents.cursor].startswith("●")
        await pilot.press("asterisk")
        await settle(pilot)
        assert screen_lines(documents)[1 + documents.cursor].startswith("★")

        await pilot.press("e")
        entities = app.main.query_one(EntityList)
        entities.focus()
        await settle(pilot)
        entity = entities.current
        assert isinstance(entity, Entity)
        await pilot.press("number_sign")
        await settle(pilot)
        await _enter_text(pilot, "lead")
        await pilot.press("N")
        await settle(pilot)
        await _enter_text(pilot, "who is this")

        await pilot.press("f")
        facts = app.main.query_one(FactList)
        facts.focus()
        await settle(pilot)
        fact = facts.current
        assert isinstance(fact, Fact)
        await pilot.press("number_sign")
        await settle(pilot)
        # Completion of the tags already given.
        await type_text(pilot, "le")
        prompt_input = app.screen.query_one(Input)
        assert prompt_input._suggestion == "lead"
        await pilot.press("right")
        await pilot.press("enter")
        await settle(pilot)

        # The case file lists all three, with document title and date.
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        items = app.screen.query_one(CaseFileList)
        kinds = [row.record["kind"] for row in items.rows]
        assert kinds == ["document", "entity", "fact"]
        doc_row, entity_row, fact_row = items.rows
        assert doc_row.record["title"] == (first.title or first.id)
        assert doc_row.mark.starred and doc_row.mark.marked
        assert entity_row.record["tags"] == ["lead"] and entity_row.record["note"] == "who is this"
        assert fact_row.record["tags"] == ["lead"]
        assert fact_row.record["sentence"] and fact_row.record["date"]
        text = "\n".join(screen_lines(items))
        assert "#lead" in text and "who is this" in text

        # x writes a Markdown report with every item's sentence, title, date, path, offsets.
        report = tmp_path / "out" / "case.md"
        await pilot.press("x")
        await settle(pilot)
        assert str(app.screen.query_one(Vertical).border_title) == "Case file report"
        field = app.screen.query_one(Input)
        field.value = str(report)
        await pilot.press("enter")
        await settle(pilot)
        await until(pilot, report.exists, "the report written")
        md = report.read_text(encoding="utf-8")
        assert md.startswith("# Case file") and "3 items." in md
        assert "- sentence: " in md and "- offsets: " in md and "- path: " in md
        assert "\\#lead" in md and "note: who is this" in md

        # Space again on the case file's row unmarks; the star keeps the item.
        assert isinstance(app.screen, CaseFileScreen)
        items.focus()
        items.move_cursor(0)
        await pilot.press("space")
        await settle(pilot)
        assert not items.rows[0].mark.marked and items.rows[0].mark.starred

    # The marks are in the store, for the command line and the next session.
    with Store.open(db, readonly=True) as store:
        assert store.marks.tags() == {"lead": 2}
        assert [m.anchor.kind for m in store.marks.starred()] == ["document"]


async def test_a_search_result_sentence_is_marked_and_shows_its_marker(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "Kalamanov")
        await settle(pilot)
        await pilot.press("escape")
        hits = app.main.query_one(HitList)
        hits.focus()
        sentence = next(r for r in hits.rows if isinstance(r, Hit) and r.kind == "sentence")
        hits.move_cursor(hits.rows.index(sentence))
        await pilot.press("space")
        await settle(pilot)
        assert screen_lines(hits)[1 + hits.cursor - int(hits.scroll_y)].startswith("●")
        (mark,) = app.case_file.all()
        assert (mark.anchor.kind, mark.anchor.text) == ("sentence", sentence.text)


async def test_tag_and_is_starred_filter_the_search(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        store = app.reader.store
        hits = app.main.query_one(HitList)
        await pilot.press("slash")
        await type_text(pilot, "Kalamanov")
        await settle(pilot)
        found = [r for r in hits.rows if isinstance(r, Hit) and r.kind == "sentence"]
        assert found
        sentence = found[0]
        store.marks.tag(
            store.anchor(
                "sentence",
                doc=sentence.doc,
                start=sentence.start,
                end=sentence.end,
                text=sentence.text,
            ),
            "lead",
        )
        store.marks.star(store.anchor("entity", entity="GPE:Moscow"))

        async def search(query: str) -> list[Hit]:
            box = app.main.query_one("#search", Input)
            box.value = ""
            await settle(pilot)
            box.focus()
            await type_text(pilot, query)
            await settle(pilot)
            return [r for r in hits.rows if isinstance(r, Hit)]

        # A filter alone lists what was tagged; with words, only tagged hits that match them.
        assert [h.text for h in await search("tag:lead")] == [sentence.text]
        assert [h.text for h in await search("kalamanov tag:lead")] == [sentence.text]
        assert len(await search("russia")) > 1
        assert [h.text for h in await search("russia tag:lead")] in ([], [sentence.text])
        assert await search("tag:nothing") == []
        assert [h.entity for h in await search("is:starred")] == ["GPE:Moscow"]
        assert [h.entity for h in await search("mosc is:starred")] == ["GPE:Moscow"]


def test_the_query_language_reads_mark_filters():
    from explorer.search import parse

    q = parse("tag:lead iran is:star tag:#deal")
    assert (q.tags, q.marks) == (("lead", "deal"), ("starred",))
    assert [t.words for g in q.groups for t in g] == [("iran",)]
    assert parse("tag:lead").is_empty and parse("tag:lead").marks_filter


async def test_a_mark_whose_document_changed_says_so_in_the_case_file(app_factory, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    story = folder / "story.txt"
    story.write_text("Acme Corporation bought Zenith Holdings.\n\nThe deal closed in May.\n")
    app = app_factory(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        documents = app.main.query_one(DocumentList)
        documents.focus()
        await pilot.press("space")
        await settle(pilot)
    story.write_text("Acme Corporation bought Zenith Holdings for $5 million.\n")
    app = app_factory(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        documents = app.main.query_one(DocumentList)
        await until(
            pilot,
            lambda: "$5 million" in "\n".join(screen_lines(documents)),
            "the changed story re-ingested",
        )
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen), "the case file")
        case = app.screen.query_one(CaseFileList)
        await until(pilot, lambda: case.row_count == 1, "the marked document")
        await settle(pilot)
        # On the item's row, before its text (a long title cut to the column keeps it),
        # and counted in the title.
        (row,) = [line for line in screen_lines(case) if "Acme" in line]
        assert "document changed" in row
        assert row.index("document changed") < row.index("Acme")
        title = app.screen.query_one("#casefile-title", Static)
        assert "1 changed since marked" in str(title.render())
