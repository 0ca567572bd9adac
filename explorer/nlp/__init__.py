"""Text to facts: sentences, mentions, entities and facts, by rules (no model download).

Imports are lazy: `explorer extract` pays only for the steps it runs.
"""

from __future__ import annotations

__all__ = ["extract", "split_sentences"]

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .pipeline import extract
    from .sentences import split_sentences


def __getattr__(name: str) -> Any:
    if name == "extract":
        from .pipeline import extract

        return extract
    if name == "split_sentences":
        from .sentences import split_sentences

        return split_sentences
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
