"""Mentions grouped into entities, one per label and canonical name."""

from __future__ import annotations

from collections.abc import Sequence

from explorer.model import Entity, Mention


def build_entities(mentions: Sequence[Mention]) -> list[Entity]:
    """One Entity per (label, canonical name), in order of first appearance."""
    order: list[tuple[str, str]] = []
    aliases: dict[tuple[str, str], list[str]] = {}
    counts: dict[tuple[str, str], int] = {}
    for m in mentions:
        key = (m.label, m.entity)
        if key not in counts:
            order.append(key)
            counts[key] = 0
            aliases[key] = []
        counts[key] += 1
        # An alias is a name as written, on one line: "Boris\tJohnson" is "Boris Johnson".
        alias = m.text if m.text.isprintable() else " ".join(m.text.split())
        if alias != m.entity and alias not in aliases[key]:
            aliases[key].append(alias)
    return [
        Entity(
            name=name,
            label=label,
            aliases=tuple(aliases[(label, name)]),
            mentions=counts[(label, name)],
        )
        for label, name in order
    ]
