"""A palette-style picker: type to narrow a list of names (fuzzy, typo-tolerant), Enter picks.

Names are data (entity names from documents): shown as Text, never parsed as markup, and
matched with rapidfuzz rather than Textual's fuzzy highlighter (textual#6155)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rapidfuzz import fuzz, process
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from explorer.tui.render import plain

#: The most choices shown at once (the best matches of what is typed).
SHOWN = 50


class PickerScreen(ModalScreen[str | None]):
    """Pick one of `choices` ((value, shown text) pairs); dismissed with the value or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", "Down", show=False, priority=True),
        Binding("up", "move(-1)", "Up", show=False, priority=True),
    ]

    DEFAULT_CSS = """
    PickerScreen { align: center top; }
    PickerScreen > Vertical { width: 80%; max-width: 90; height: auto; max-height: 80%;
        margin-top: 2; padding: 0 1; background: $surface; border: round $accent;
        border-title-color: $text-accent; }
    PickerScreen Static { color: $text-muted; }
    PickerScreen OptionList { height: auto; max-height: 20; border: none; padding: 0; }
    """

    def __init__(self, title: str, hint: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.choices = list(choices)
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.hint, markup=False)
            yield Input(placeholder="type to narrow", id="picker-input")
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = self.title_text
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, typed: str) -> None:
        typed = typed.strip()
        if typed:
            names = [shown for _value, shown in self.choices]
            found = process.extract(
                typed, names, scorer=fuzz.WRatio, processor=str.casefold, limit=SHOWN
            )
            # What a person typed in full comes first ("ORG" before "ORDINAL"), then names
            # that start with it, then the fuzzy score (a typo still finds a name).
            folded = typed.casefold()

            def rank(hit: tuple[str, float, int]) -> tuple[int, float]:
                name = hit[0].casefold()
                first = name.split()[0] if name.split() else ""
                return (0 if first == folded else 1 if name.startswith(folded) else 2, -hit[1])

            picked = [i for _name, score, i in sorted(found, key=rank) if score >= 50]
        else:
            picked = list(range(min(SHOWN, len(self.choices))))
        options = self.query_one(OptionList)
        options.clear_options()
        self._shown = [self.choices[i][0] for i in picked]
        options.add_options([Option(plain(self.choices[i][1])) for i in picked])
        if picked:
            options.highlighted = 0

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not self._shown:
            return
        at = options.highlighted or 0
        options.highlighted = max(0, min(len(self._shown) - 1, at + step))

    @on(Input.Submitted, "#picker-input")
    def _submitted(self) -> None:
        at = self.query_one(OptionList).highlighted
        if at is not None and 0 <= at < len(self._shown):
            self.dismiss(self._shown[at])

    @on(OptionList.OptionSelected, "#picker-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._shown[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)

    @property
    def shown(self) -> list[str]:
        """The values offered now, best first (for tests and the count line)."""
        return list(self._shown)
