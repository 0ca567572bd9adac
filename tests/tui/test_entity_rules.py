"""Merge, split, rename and relabel from an entity's view: each a rule in the store, the view
showing the entity as it now is, and u undoing the last one."""

from __future__ import annotations

from explorer.store import Store
from explorer.tui.messages import Location
from explorer.tui.screens.casefile import TextPrompt
from explorer.tui.screens.entity import EntityHead, EntityScreen
from explorer.tui.screens.picker import PickerScreen
from explorer.tui.widgets.lists import EntityList

from .conftest import ready, settle, type_text, until


async def _open(pilot, key: str) -> EntityScreen:
    app = pilot.app
    app.open_location(Location("entity", entity=key))
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, EntityScreen)
    await until(pilot, lambda: screen.entity is not None, "the entity loaded")
    return screen


def _head(screen: EntityScreen) -> str:
    return str(screen.query_one(EntityHead).render())


async def _rules_settled(pilot, screen: EntityScreen, key: str) -> None:
    await settle(pilot)
    await until(
        pilot,
        lambda: screen.entity is not None and screen.entity.key == key,
        f"the view showing {key}",
    )
    await settle(pilot)


async def test_merge_by_fuzzy_pick_then_split_it_off_then_undo(app_factory, db):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = await _open(pilot, "GPE:Moscow")
        await pilot.press("m")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        await type_text(pilot, "rusia")  # a typo still finds it
        await settle(pilot)
        assert picker.shown[0] == "GPE:Russia"
        await pilot.press("enter")
        await _rules_settled(pilot, screen, "GPE:Russia")
        assert "Moscow" in _head(screen)  # now one of Russia's names
        with Store.open(db, readonly=True) as store:
            (rule,) = store.rules()
            assert (rule["op"], rule["name"], rule["target"]) == ("merge", "Moscow", "Russia")
        # The entities pane follows: Moscow is no longer an entity of its own.
        await until(
            pilot,
            lambda: "GPE:Moscow" not in {e.key for e in app.main.query_one(EntityList).all_rows},
            "the entities pane reloaded",
        )

        await pilot.press("S")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert picker.shown == ["GPE:Moscow"]
        await pilot.press("enter")
        await settle(pilot)
        await until(pilot, lambda: "Moscow" not in _head(screen), "Moscow split off")
        with Store.open(db, readonly=True) as store:
            assert [r["op"] for r in store.rules()] == ["merge", "split"]
            assert store.entity("GPE:Moscow").name == "Moscow"

        await pilot.press("u")
        await settle(pilot)
        await until(pilot, lambda: "Moscow" in _head(screen), "the split undone")
        await pilot.press("u")
        await _rules_settled(pilot, screen, "GPE:Moscow")
        with Store.open(db, readonly=True) as store:
            assert store.rules() == []


async def test_rename_and_relabel_are_rules_and_undo_goes_back(app_factory, db):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = await _open(pilot, "PERSON:Georgy Kalamanov")
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one("#prompt-input").value = "Georgiy Kalamanov"
        await pilot.press("enter")
        await _rules_settled(pilot, screen, "PERSON:Georgiy Kalamanov")
        assert "Georgiy Kalamanov" in _head(screen)

        await pilot.press("L")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        await type_text(pilot, "ORG")
        await settle(pilot)
        assert app.screen.shown[0] == "ORG"
        await pilot.press("enter")
        await _rules_settled(pilot, screen, "ORG:Georgiy Kalamanov")
        with Store.open(db, readonly=True) as store:
            assert [(r["op"], r["target"]) for r in store.rules()] == [
                ("rename", "Georgiy Kalamanov"),
                ("relabel", "ORG"),
            ]

        await pilot.press("u")
        await _rules_settled(pilot, screen, "PERSON:Georgiy Kalamanov")
        await pilot.press("u")
        await _rules_settled(pilot, screen, "PERSON:Georgy Kalamanov")
        with Store.open(db, readonly=True) as store:
            assert store.rules() == []
