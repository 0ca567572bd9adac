"""Export, the frequency view, the command palette, and a store that cannot be opened."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from textual.widgets import Input

from explorer.model import Entity
from explorer.tui.app import make_app
from explorer.tui.screens.entity import EntityScreen
from explorer.tui.screens.export import ExportScreen
from explorer.tui.screens.frequency import FrequencyScreen
from explorer.tui.widgets.lists import CountRow
from explorer.tui.widgets.panes import EntitiesPane

from .conftest import palette_choose, ready, screen_lines, settle, type_text, until


async def _export(pilot, path) -> None:
    await pilot.press("x")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ExportScreen)
    box = pilot.app.screen.query_one(Input)
    box.value = str(path)
    await pilot.press("enter")
    await until(pilot, path.exists, f"{path} written")
    await settle(pilot)


async def test_export_entities_to_csv_with_provenance(app_factory, tmp_path):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("e", "n")
        await type_text(pilot, "sanai")
        await pilot.press("enter")
        out = tmp_path / "out" / "entities.csv"
        await _export(pilot, out)
        assert app.screen is app.main
    with out.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and {r["entity"] for r in rows} == {"Mehdi Sanai"}
    for row in rows:
        assert row["doc"] and row["sentence"].isdigit()
        assert int(row["end"]) > int(row["start"])
        assert row["text"] in ("Mehdi Sanai", "Sanai")


async def test_export_search_results_to_json_lines(app_factory, tmp_path):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "trade")
        await settle(pilot)
        await pilot.press("escape")  # to the results list
        out = tmp_path / "hits.jsonl"
        await _export(pilot, out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["query"] == "trade" for r in records)
    sentences = [r for r in records if r["kind"] == "sentence"]
    assert sentences
    for r in sentences:
        assert r["doc"] and r["sentence"] >= 0 and r["end"] > r["start"]
        spans = r["highlights"]  # an array, as `explorer search --json` writes it
        assert any("trade" in r["text"][s:e].lower() for s, e in spans)


async def test_export_facts_then_cancel_another(app_factory, tmp_path):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        out = tmp_path / "facts.jsonl"
        await _export(pilot, out)
        await pilot.press("x", "escape")
        assert app.screen is app.main
    facts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert facts and all(
        {"predicate", "subject", "doc", "sentence", "start", "end"} <= set(f) for f in facts
    )
    assert any(f["text"] for f in facts)


async def test_frequency_by_label_and_drill_down(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("e", "F")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FrequencyScreen) and screen.facet == "label"
        counts = screen.query_one("#count-list")
        rows = [r for r in counts.rows if isinstance(r, CountRow)]
        entities = app.main.query_one(EntitiesPane).list_widget
        assert sum(r.count for r in rows) == entities.row_count
        assert [r.count for r in rows] == sorted((r.count for r in rows), reverse=True)
        top = rows[0]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main
        assert entities.row_count == top.count
        assert all(isinstance(e, Entity) and e.label == top.value for e in entities.rows)
        assert "Esc clears" in str(app.main.query_one("#entities-toolbar").render())
        await pilot.press("escape")
        assert entities.row_count == sum(r.count for r in rows)


async def test_frequency_by_document_then_by_date(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("e", "F", "b")
        await settle(pilot)
        screen = app.screen
        assert screen.facet == "document"
        shown = "\n".join(screen_lines(screen.query_one("#count-list")))
        assert "Iranian Ambassador" in shown  # documents are shown by title
        await pilot.press("b")
        await settle(pilot)
        assert screen.facet == "date"
        values = {r.value for r in screen.query_one("#count-list").rows}
        assert "2019-04-30" in values


async def test_palette_jumps_to_an_entity_and_filters_by_label(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await palette_choose(pilot, "Kalamanov")
        assert isinstance(app.screen, EntityScreen)
        assert app.screen.location.entity == "PERSON:Georgy Kalamanov"
        await pilot.press("ctrl+p")
        await palette_choose(pilot, "Entities labelled GPE")
        assert app.screen is app.main and app.main.active_pane == "entities"
        pane = app.main.query_one(EntitiesPane)
        assert pane.label == "GPE"
        assert all(e.label == "GPE" for e in pane.list_widget.rows)


async def test_palette_reingests_the_corpus(app_factory, corpus):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        (corpus / "new.txt").write_text(
            "Olaf Scholz visited Warsaw on Tuesday.\n", encoding="utf-8"
        )
        await pilot.press("ctrl+p")
        await palette_choose(pilot, "Re-ingest")
        documents = app.main.query_one("#document-list")
        await until(pilot, lambda: documents.row_count == 3, "the new document listed")
        assert any("Olaf Scholz" in d.title for d in documents.rows)


async def test_palette_reingest_without_paths_reads_new_files_in_the_ingested_folders(tmp_path, db):
    """`explorer --db X` alone: re-ingest reads the folders the store's documents came
    from, so a file added there since (even in a new subfolder) is picked up."""
    import shutil

    from explorer.store import Store

    from .conftest import SAMPLE

    root = tmp_path / "news"
    (root / "world").mkdir(parents=True)
    shutil.copy(SAMPLE, root / "world" / SAMPLE.name)
    with Store.open(db) as store:
        store.ingest([root])
    app = make_app(db)  # no paths on the command line
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        documents = app.main.query_one("#document-list")
        assert [d.id for d in documents.rows] == [f"world/{SAMPLE.name}"]
        (root / "business").mkdir()
        (root / "business" / "new.txt").write_text(
            "Olaf Scholz visited Warsaw on Tuesday.\n", encoding="utf-8"
        )
        await pilot.press("ctrl+p")
        await palette_choose(pilot, "Re-ingest")
        await until(pilot, lambda: documents.row_count == 2, "the new document listed")
        new = next(d for d in documents.rows if "Olaf Scholz" in d.title)
        # Read through the folder, so its id is as `explorer ingest news/` would name it.
        assert new.id == "business/new.txt"
        await until(
            pilot,
            lambda: any("1 added" in n.message for n in app._notifications),
            "a notice of what the re-ingest did",
        )


async def test_a_damaged_store_is_one_clear_line_not_a_crash(tmp_path):
    db = tmp_path / "broken.json"
    db.write_text("{this is not json", encoding="utf-8")
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.return_code is not None, "the app to exit")
    assert app.return_code == 2
    message = app.exit_message  # printed by the command line once the terminal is back
    assert message and "broken.json" in message and "\n" not in message
    assert "Traceback" not in message


async def test_palette_switches_the_theme(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.theme != "textual-light"
        await pilot.press("ctrl+p")
        await palette_choose(pilot, "Theme")
        await palette_choose(pilot, "textual-light")
        assert app.theme == "textual-light"
        assert app.screen is app.main


async def test_the_mouse_selects_and_opens_rows(app_factory):
    from explorer.tui.screens.reader import ReaderScreen

    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        documents = app.main.query_one("#document-list")
        await pilot.click(documents, offset=(5, 2))  # the header, then the second row
        assert documents.cursor == 1
        await pilot.click(documents, offset=(5, 2))  # a click on the cursor row opens it
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.location.doc == documents.rows[1].id


async def test_the_export_dialog_drops_its_error_once_the_path_is_edited(app_factory, tmp_path):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("x")
        await settle(pilot)
        box = app.screen.query_one(Input)
        box.value = ""
        await pilot.press("enter")
        await settle(pilot)
        error = app.screen.query_one("#export-error")
        assert "file name" in str(error.render())
        await type_text(pilot, "out.csv")
        await settle(pilot)
        assert str(error.render()) == ""


async def test_palette_reingest_of_a_file_given_alone_does_not_read_its_neighbours(tmp_path, db):
    """The store remembers what was given to ingest: one file given alone is re-read alone,
    not every file beside it."""
    import shutil

    from explorer.store import Store

    from .conftest import SAMPLE

    folder = tmp_path / "downloads"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    with Store.open(db) as store:
        store.ingest([folder / SAMPLE.name])
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        (folder / "unrelated.txt").write_text("Olaf Scholz visited Warsaw.\n", encoding="utf-8")
        await pilot.press("ctrl+p")
        await palette_choose(pilot, "Re-ingest")
        await until(
            pilot,
            lambda: any("unchanged" in n.message for n in app._notifications),
            "a notice of what the re-ingest did",
        )
        assert app.main.query_one("#document-list").row_count == 1


def test_ingest_roots_of_a_store_that_did_not_record_them(tmp_path):
    """Stores written before they kept the ingested paths: the folder given to ingest is a
    document's path with its folder-relative id taken off."""
    from explorer.model import DocumentSummary
    from explorer.tui.app import ingest_roots

    def doc(doc_id: str, path: Path) -> DocumentSummary:
        return DocumentSummary(doc_id, doc_id, None, None, str(path), 1, 1, 0)

    news = tmp_path / "news"
    flat = tmp_path / "flat"
    for folder in (news / "world", news / "business" / "2024", flat):
        folder.mkdir(parents=True)
    docs = [
        doc("world/a.txt", news / "world" / "a.txt"),
        doc("business/2024/b.txt", news / "business" / "2024" / "b.txt"),
        doc("c.txt", flat / "c.txt"),
        doc("c.json#2", flat / "c.json"),
        doc("gone/d.txt", tmp_path / "vanished" / "gone" / "d.txt"),  # folder deleted since
    ]
    assert ingest_roots(docs) == [flat, news]
