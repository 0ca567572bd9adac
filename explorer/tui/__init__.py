"""The Textual app: `make_app(db_path, ingest_paths)` builds it (explorer.tui.app)."""

from __future__ import annotations

from typing import Any

__all__ = ["ExplorerApp", "make_app"]


def __getattr__(name: str) -> Any:
    # Lazy, so `explorer.tui.render` and friends do not pay for the whole app.
    if name in __all__:
        from explorer.tui import app

        return getattr(app, name)
    raise AttributeError(name)
