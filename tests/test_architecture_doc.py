"""docs/architecture.md stays true: the modules it names exist, and it names every module."""

import re
from pathlib import Path

import explorer

REPO = Path(explorer.__file__).parent.parent
DOC = REPO / "docs" / "architecture.md"
#: A module or package path as the page writes it: `explorer/search/ranking.py`, `explorer/nlp/`.
PATH = re.compile(r"explorer/(?:\w+/)*(?:\w+\.py)?")


def _named() -> set[str]:
    return set(PATH.findall(DOC.read_text(encoding="utf-8")))


def test_every_module_the_page_names_exists() -> None:
    missing = sorted(p for p in _named() if not (REPO / p).exists())
    assert not missing, f"docs/architecture.md names what does not exist: {missing}"


def test_the_page_names_every_module() -> None:
    named = _named()
    unnamed = sorted(
        path.relative_to(REPO).as_posix()
        for path in (REPO / "explorer").rglob("*.py")
        if path.relative_to(REPO).as_posix() not in named
        # A package's __init__ is named by its folder (`explorer/nlp/names/`).
        and not (
            path.name == "__init__.py" and f"{path.parent.relative_to(REPO).as_posix()}/" in named
        )
    )
    assert not unnamed, (
        f'new modules: say in docs/architecture.md what each is for ("Every module"): {unnamed}'
    )


def test_the_readme_links_the_page() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/architecture.md" in readme
