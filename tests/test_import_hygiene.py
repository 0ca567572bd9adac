"""The layers hold: ingest -> nlp -> store -> search -> tui, each importing only those to
its left (and the shared modules below), and only tui/ importing textual.

Two kinds of check. Static ones read every `import` in explorer/ (inside functions too, where
the lazy ones hide) without running anything. Run-time ones import a layer in a fresh
interpreter and look at what it pulled in, dependencies included.
"""

import ast
import functools
import subprocess
import sys
from pathlib import Path

import pytest

import explorer

PACKAGE = Path(explorer.__file__).parent
#: In dependency order: a layer may import itself and those before it, never those after.
LAYERS = ["ingest", "nlp", "store", "search", "tui"]
#: Shared by every layer, so they import no layer themselves.
SHARED = {"explorer", "explorer.model", "explorer.unicode_marks", "explorer.export"}


def _imports(path: Path) -> set[str]:
    """Absolute names of the modules `path` imports, relative imports resolved."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    package = parts[:-1]  # a module's package; for __init__ the package itself
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if not node.level:
                names.add(node.module or "")
                continue
            base = ".".join(package[: len(package) - node.level + 1])
            if node.module:
                names.add(f"{base}.{node.module}")
            else:  # `from . import name`: name may be a module of that package
                names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _owner(name: str) -> str:
    """What a module name belongs to: `explorer.<layer>`, a shared module, or a top-level
    distribution (`textual`)."""
    parts = name.split(".")
    return ".".join(parts[:2]) if parts[0] == "explorer" else parts[0]


@functools.cache
def _graph() -> dict[str, set[str]]:
    """Who imports what, by owner: {"explorer.store": {"explorer.nlp", "tinydb", ...}}."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        owner = _owner(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
        owner = owner.removesuffix(".__init__")
        graph.setdefault(owner, set()).update(_owner(name) for name in _imports(path))
    return graph


def test_the_static_graph_sees_the_imports_it_checks() -> None:
    """Guards the checks below: a walker that found nothing would pass them all."""
    graph = _graph()
    assert "textual" in graph["explorer.tui"]
    assert "explorer.nlp" in graph["explorer.store"]  # a lazy import, inside a function
    assert "explorer.model" in graph["explorer.ingest"]  # a relative import: from ..model
    assert set(LAYERS) <= {name.removeprefix("explorer.") for name in graph}


@pytest.mark.parametrize("layer", LAYERS)
def test_a_layer_imports_no_layer_to_its_right(layer: str) -> None:
    later = {f"explorer.{name}" for name in LAYERS[LAYERS.index(layer) + 1 :]}
    assert not _graph()[f"explorer.{layer}"] & later


@pytest.mark.parametrize("module", sorted(SHARED))
def test_shared_modules_import_no_layer(module: str) -> None:
    layers = {f"explorer.{name}" for name in LAYERS}
    assert not _graph().get(module, set()) & layers


def test_the_case_file_works_without_the_tui() -> None:
    """`explorer search 'tag:lead'` filters through explorer.casefile: no TUI under it."""
    assert "explorer.casefile" in _graph()
    assert not _graph()["explorer.casefile"] & {"explorer.tui", "textual"}


def test_only_the_tui_imports_textual() -> None:
    importers = {owner for owner, names in _graph().items() if "textual" in names}
    assert importers == {"explorer.tui"}


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


@pytest.mark.slow  # a fresh interpreter each
@pytest.mark.parametrize(
    "module", ["explorer.ingest", "explorer.nlp", "explorer.store", "explorer.search"]
)
def test_core_layer_never_imports_textual(module: str) -> None:
    """At run time too: no dependency of a core layer pulls textual in."""
    loaded = _modules_after_import(module)
    assert module in loaded
    assert not any(name == "textual" or name.startswith("textual.") for name in loaded)


@pytest.mark.slow
def test_extract_path_stays_light() -> None:
    """`explorer extract` is timed start-up included: no Textual, TinyDB or search index."""
    loaded = _modules_after_import("explorer.cli", "explorer.nlp", "explorer.ingest")
    heavy = {"textual", "tinydb", "explorer.store", "explorer.search", "explorer.tui"}
    assert not heavy & loaded


@pytest.mark.slow
def test_extract_jsonl_path_leaves_the_file_readers_out() -> None:
    """`explorer extract --jsonl` reads stdin: the package's file readers, imported when
    first used, stay out of its start-up."""
    loaded = _modules_after_import("explorer.cli", "explorer.ingest.metadata")
    assert not {"explorer.ingest.files", "explorer.ingest.readers", "hashlib"} & loaded


def test_every_name_ingest_offers_is_there() -> None:
    import explorer.ingest as ingest

    for name in ingest.__all__:
        assert getattr(ingest, name) is not None
    assert set(ingest.__all__) <= set(dir(ingest))
    with pytest.raises(AttributeError):
        _ = ingest.no_such_name
