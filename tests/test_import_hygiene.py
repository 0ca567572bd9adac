"""The core works without the TUI: ingest, nlp, store and search never import textual."""

import subprocess
import sys

import pytest


def _modules_after_import(*modules: str) -> set[str]:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in modules)
        + "print('\\n'.join(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


@pytest.mark.parametrize(
    "module", ["explorer.ingest", "explorer.nlp", "explorer.store", "explorer.search"]
)
def test_core_layer_never_imports_textual(module: str) -> None:
    loaded = _modules_after_import(module)
    assert module in loaded
    assert not any(name == "textual" or name.startswith("textual.") for name in loaded)


def test_extract_path_stays_light() -> None:
    """`explorer extract` is timed start-up included: no Textual, TinyDB or search index."""
    loaded = _modules_after_import("explorer.cli", "explorer.nlp", "explorer.ingest")
    heavy = {"textual", "tinydb", "explorer.store", "explorer.search", "explorer.tui"}
    assert not heavy & loaded
