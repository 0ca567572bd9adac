"""Every test runs with its store and data directories inside its own tmp_path.

Tests that take seconds rather than milliseconds carry the `slow` mark, so that
`pytest -m "not slow"` is a quick loop while working. Besides the marks written on a test,
two kinds are marked here, by what they do: a TUI test that runs the app (an `async def` in
tests/tui/, or an SVG snapshot) and a CLI test that runs `explorer` in a subprocess.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

TUI_TESTS = Path(__file__).parent / "tui"


def _runs_the_app_or_the_command(item: pytest.Item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    if "snap_compare" in fixtures or "explorer" in fixtures:
        return True
    function = getattr(item, "function", None)
    return item.path.is_relative_to(TUI_TESTS) and inspect.iscoroutinefunction(function)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _runs_the_app_or_the_command(item):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch) -> None:
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("EXPLORER_DB", str(home / "explorer.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
