"""How entity labels look: a short written tag for each, and a colour group from the theme.

Colour is never the only carrier: every coloured mention also carries its written tag (in the
reader, lists and legend). Colours are theme variables, through component classes, so every
theme works.
"""

from __future__ import annotations

from rich.style import Style
from textual.dom import DOMNode

#: The written tag of each label (at most six characters, so columns stay narrow).
SHORT: dict[str, str] = {
    "PERSON": "PERSON",
    "NORP": "NORP",
    "FAC": "FAC",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "PRODUCT": "PROD",
    "EVENT": "EVENT",
    "WORK_OF_ART": "WORK",
    "LAW": "LAW",
    "LANGUAGE": "LANG",
    "DATE": "DATE",
    "TIME": "TIME",
    "PERCENT": "PCT",
    "MONEY": "MONEY",
    "QUANTITY": "QTY",
    "ORDINAL": "ORD",
    "CARDINAL": "NUM",
    "TITLE": "TITLE",
}

#: What each label means, in words, for the legend and the help.
MEANING: dict[str, str] = {
    "PERSON": "person",
    "NORP": "nationality or group",
    "FAC": "building, airport, road",
    "ORG": "organisation",
    "GPE": "country, city, state",
    "LOC": "place",
    "PRODUCT": "product",
    "EVENT": "event",
    "WORK_OF_ART": "work of art",
    "LAW": "law",
    "LANGUAGE": "language",
    "DATE": "date",
    "TIME": "time",
    "PERCENT": "percent",
    "MONEY": "money",
    "QUANTITY": "quantity",
    "ORDINAL": "ordinal",
    "CARDINAL": "number",
    "TITLE": "role or office",
}

GROUP: dict[str, str] = {
    "PERSON": "person",
    "TITLE": "title",
    "ORG": "org",
    "NORP": "place",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "DATE": "time",
    "TIME": "time",
    "MONEY": "value",
    "PERCENT": "value",
    "QUANTITY": "value",
    "CARDINAL": "value",
    "ORDINAL": "value",
}

COMPONENTS: set[str] = {
    f"label--{g}" for g in ("person", "title", "org", "place", "time", "value", "thing")
}


def label_css(selector: str) -> str:
    """The component styles of the label colours, for a widget's DEFAULT_CSS."""
    return f"""
    {selector} > .label--person {{ color: $text-primary; background: $primary-muted; }}
    {selector} > .label--title {{ color: $text-secondary; background: $secondary-muted; }}
    {selector} > .label--org {{ color: $text-accent; background: $accent-muted; }}
    {selector} > .label--place {{ color: $text-success; background: $success-muted; }}
    {selector} > .label--time {{ color: $text-warning; background: $warning-muted; }}
    {selector} > .label--value {{ color: $text-error; background: $error-muted; }}
    {selector} > .label--thing {{ color: $text-muted; background: $panel-lighten-1; }}
    """


def short_label(label: str) -> str:
    return SHORT.get(label, label[:6])


def group_of(label: str) -> str:
    return GROUP.get(label, "thing")


def component_style(widget: DOMNode, name: str) -> Style:
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


def label_style(widget: DOMNode, label: str) -> Style:
    """The rich style of `label` on `widget` (which lists COMPONENTS in its classes)."""
    return component_style(widget, f"label--{group_of(label)}")
