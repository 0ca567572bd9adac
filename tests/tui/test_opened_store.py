"""`explorer` opens the store before any screen (a damaged one is one line, not a screen):
the app shows that store without reading it a second time."""

from __future__ import annotations

from explorer.store import Store
from explorer.tui.widgets.rows import RowList

from .conftest import ready


async def test_the_app_shows_the_store_it_was_given_without_opening_it_again(
    db, corpus, monkeypatch
):
    from explorer.tui.app import make_app

    Store.open(db).ingest([corpus])
    given = Store.open(db)
    opens: list[object] = []
    real = Store.open.__func__  # type: ignore[attr-defined]

    def counted(cls, *args, **kwargs):
        opens.append(args)
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(Store, "open", classmethod(counted))
    app = make_app(db, store=given)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        titles = [d.title for d in app.main.query_one("#document-list", RowList).rows]
        assert len(titles) == len(given.documents()) == 2
        assert app.reader is not None and app.reader.store is given
    assert opens == []
