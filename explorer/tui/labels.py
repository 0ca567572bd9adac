"""How entity labels look: their written tags and meanings (model.LABEL_TABLE), and the colours
of their groups from the theme.

Colour is never the only carrier: every coloured mention also carries its written tag (in the
reader, lists and legend). Colours are theme variables, through component classes, so every
theme works.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from textual.widget import Widget

from explorer.model import LABEL_GROUPS, LABEL_INFO, LABEL_TABLE

#: The written tag of each label (at most six characters, so columns stay narrow).
SHORT: dict[str, str] = {info.label: info.short for info in LABEL_TABLE}

#: What each label means, in words, for the legend and the help.
MEANING: dict[str, str] = {info.label: info.meaning for info in LABEL_TABLE}

#: The colours of each label group (model.LABEL_GROUPS): text, then background.
COLOURS: dict[str, tuple[str, str]] = {
    "person": ("$text-primary", "$primary-muted"),
    "title": ("$text-secondary", "$secondary-muted"),
    "org": ("$text-accent", "$accent-muted"),
    "place": ("$text-success", "$success-muted"),
    "time": ("$text-warning", "$warning-muted"),
    "value": ("$text-error", "$error-muted"),
    "thing": ("$text-muted", "$panel-lighten-1"),
}

#: The component class of each label group, which a widget lists in COMPONENT_CLASSES.
GROUP_CLASS: dict[str, str] = {group: f"label--{group}" for group in LABEL_GROUPS}

COMPONENTS: set[str] = set(GROUP_CLASS.values())


def label_css(selector: str) -> str:
    """The component styles of the label colours, for a widget's DEFAULT_CSS."""
    rules = "".join(
        f"    {selector} > .{GROUP_CLASS[group]} {{ color: {text}; background: {back}; }}\n"
        for group, (text, back) in COLOURS.items()
    )
    return f"\n{rules}    "


def short_label(label: str) -> str:
    """The written tag of `label`."""
    return SHORT.get(label, label[:6])


def group_of(label: str) -> str:
    """The colour group of `label` ("thing" for a label the table does not know)."""
    info = LABEL_INFO.get(label)
    return info.group if info is not None else "thing"


def legend_order(labels: Iterable[str]) -> list[str]:
    """`labels` in the order a legend lists them: the table's, then unknown ones by name."""
    last = len(LABEL_TABLE)
    return sorted(
        labels,
        key=lambda label: (LABEL_INFO[label].legend, "") if label in LABEL_INFO else (last, label),
    )


def component_style(widget: Widget, name: str) -> Style:
    """A component's style to lay over text: its own colours and text style, nothing more.

    The full style resolves "auto" colours ($text-muted) but also carries the widget's
    background, which would paint over a cursor or a marked sentence; the partial style has
    only what the component sets, but leaves "auto" colours unresolved. Take each's good half.
    """
    full = widget.get_component_rich_style(name, default=Style())
    own = widget.get_component_rich_style(name, partial=True, default=Style())
    return Style(
        color=full.color if own.color is not None or full.color is not None else None,
        bgcolor=own.bgcolor,
        bold=own.bold,
        dim=own.dim,
        italic=own.italic,
        underline=own.underline,
        reverse=own.reverse,
        strike=own.strike,
    )


def label_style(widget: Widget, label: str) -> Style:
    """The rich style of `label` on `widget` (which lists COMPONENTS in its classes)."""
    return component_style(widget, f"label--{group_of(label)}")
