"""`?`: every key that works right now, grouped by where it comes from.

The focused list first, then the pane and screen around it, then the app: the same binding
chain Textual itself walks, so the help can never disagree with what a key does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from explorer.tui.render import plain
from explorer.tui.widgets.rows import Column, GroupRow, RowList

if TYPE_CHECKING:
    from textual.app import App


class KeyRow:
    __slots__ = ("keys", "description", "tooltip", "action", "node")

    def __init__(
        self,
        keys: str,
        description: str,
        tooltip: str,
        action: str = "",
        node: DOMNode | None = None,
    ) -> None:
        self.keys = keys
        self.description = description
        self.tooltip = tooltip
        self.action = action  # what the key does, run by Enter in the help
        self.node = node  # where the binding lives (the action's namespace)


class KeyList(RowList):
    BINDING_GROUP_TITLE = "Keys"
    KIND = "keys"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select",
            "Do it",
            id="keys.run",
            tooltip="Close the help and do what the key does",
        ),
    ]
    COLUMNS = (
        Column("Key", 11),
        Column("Does", 18),
        Column("", 10, flex=1, hide_below=60),
    )

    def render_row(self, row: KeyRow, widths: list[int]) -> list[Text | str]:
        return [
            Text(row.keys, style="bold", end=""),
            row.description,
            Text(row.tooltip, style=self.style("dim"), end=""),
        ]

    def export_records(self) -> list[dict[str, Any]]:
        return [
            {"keys": r.keys, "does": r.description, "more": r.tooltip}
            for r in self.rows
            if isinstance(r, KeyRow)
        ]


def binding_rows(app: App, screen: Screen) -> list[Any]:
    """The active bindings of `screen`, merged per action and grouped by their owner."""
    groups: dict[
        int, tuple[str, dict[tuple[str, str], list[str]], dict[tuple[str, str], Binding]]
    ] = {}
    owners: dict[int, DOMNode] = {}
    for key, active in screen.active_bindings.items():
        node = active.node
        binding = active.binding
        title = getattr(node, "BINDING_GROUP_TITLE", None) or type(node).__name__
        if node is app:
            title = "App"
        group = groups.setdefault(id(node), (title, {}, {}))
        owners[id(node)] = node
        name = (binding.action, binding.description)
        group[1].setdefault(name, []).append(app.get_key_display(Binding(key, binding.action)))
        group[2].setdefault(name, binding)
    rows: list[Any] = []
    seen_titles: set[str] = set()
    for owner, (title, keys, bindings) in groups.items():
        if not keys:
            continue

        label = title if title not in seen_titles else f"{title} (more)"
        seen_titles.add(title)
        rows.append(GroupRow(label))
        for name, displays in keys.items():
            binding = bindings[name]
            description = binding.description or binding.action.replace("_", " ")
            rows.append(
                KeyRow(
                    " ".join(dict.fromkeys(displays)),
                    description,
                    binding.tooltip,
                    binding.action,
                    owners[owner],
                )
            )
    return rows


class HelpScreen(ModalScreen[None]):
    """Every binding of the focused pane, its screen and the app."""

    BINDING_GROUP_TITLE = "Help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss(None)", "Close", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 100%; max-width: 110; height: 90%; background: $surface;
        border: round $accent; border-title-color: $text-accent; }
    HelpScreen #help-intro { height: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, rows: list[Any], intro: str) -> None:
        super().__init__()
        self.rows = rows
        self.intro = intro

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.intro, multiline=True), id="help-intro", markup=False)
            yield KeyList(id="key-list")
        yield Footer(compact=True)

    @on(RowList.Selected, "#key-list")
    def _run(self, event: RowList.Selected) -> None:
        """Enter on a key: close the help and do what that key does, where it does it."""
        row = event.row
        if not isinstance(row, KeyRow) or not row.action:
            return
        app = self.app
        self.dismiss(None)
        app.call_later(app.run_action, row.action, row.node)

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = "Keys"
        keys = self.query_one(KeyList)
        keys.set_rows(self.rows)
        keys.focus()
