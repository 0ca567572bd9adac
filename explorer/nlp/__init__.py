"""Text to facts: sentences, mentions, entities and facts, by rules (no model download).

Imports are lazy: `explorer extract` pays only for the steps it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["extract", "split_sentences"]

if TYPE_CHECKING:
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
