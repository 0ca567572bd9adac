"""The frequency view (VisiData's Shift+F): a list's rows counted by one facet.

`b` cycles the facet (label, document, date, ...); Enter drills down: the list behind it is
filtered to the rows with that value, and Esc on that list clears the filter.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Footer

from explorer.tui.render import pluralise
from explorer.tui.widgets.lists import CountList, CountRow
from explorer.tui.widgets.panes import Aside, Toolbar
from explorer.tui.widgets.rows import RowList, is_data

#: The order `b` cycles facets in: what a row is (label, predicate, kind, subject, author),
#: then where it comes from (document) and when (month, then the exact date).
PREFERRED = (
    "label",
    "predicate",
    "kind",
    "subject",
    "author",
    "document",
    "month",
    "date",
    "text",
)


class FrequencyScreen(ModalScreen[tuple[str, str] | None]):
    """Counts of the rows of a list by one facet, largest first."""

    BINDING_GROUP_TITLE = "Frequency view"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss_none", "Close", id="frequency.close"),
        Binding(
            "b",
            "next_facet",
            "Count by",
            id="frequency.by",
            tooltip="Count by the next facet: label, month, ...",
        ),
        Binding("B", "previous_facet", "Count by (back)", show=False, id="frequency.by_back"),
        # A modal screen hides the app's bindings: '?' would do nothing here.
        Binding("question_mark", "app.keys", "Keys", id="frequency.keys"),
    ]

    DEFAULT_CSS = """
    FrequencyScreen { align: center middle; }
    FrequencyScreen > #frequency-box { width: 90%; max-width: 110; height: 85%; background: $surface;
        border: round $accent; border-title-color: $text-accent; }
    FrequencyScreen CountList { height: 1fr; }
    """

    def __init__(self, source: RowList) -> None:
        super().__init__()
        self.source = source
        facets = source.facets()
        self.facets = [f for f in PREFERRED if f in facets] + [
            f for f in facets if f not in PREFERRED
        ]
        self.facet = self.facets[0]

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        with Vertical(id="frequency-box"):
            yield Toolbar(id="frequency-toolbar")
            yield CountList(id="count-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        box = self.query_one("#frequency-box")
        box.border_title = f"Frequency of {self.source.KIND}"
        self.query_one(CountList).focus()
        self.count()

    @work(exclusive=True, group="frequency")
    async def count(self) -> None:
        counts_list = self.query_one(CountList)
        counts_list.empty_text = "Counting …"
        counts_list.set_rows([])
        facet = self.facet
        values_of = self.source.facets()[facet]
        rows = [r for r in self.source.rows if is_data(r)]

        def tally() -> tuple[list[CountRow], int]:
            counter: Counter[str] = Counter()
            for row in rows:
                for value in set(values_of(row)):
                    counter[value] += 1
            top = counter.most_common(1)[0][1] if counter else 1
            describe: Any = getattr(self.source, "describe", lambda f, v: v)
            return [
                CountRow(v, describe(facet, v), n, n / top) for v, n in counter.most_common()
            ], len(rows)

        out, total = await asyncio.to_thread(tally)
        counts_list.total = total
        counts_list.empty_text = CountList.EMPTY
        counts_list.set_rows(out)
        following = self.facets[(self.facets.index(facet) + 1) % len(self.facets)]
        self.query_one(Toolbar).say(
            f"{pluralise(len(out), 'value')} of {facet} over {total:,} {self.source.KIND}",
            Aside(f"b: count by {following}") if following != facet else "",
            Aside("Enter shows the rows behind a count"),
        )

    def action_next_facet(self) -> None:
        self._cycle(1)

    def action_previous_facet(self) -> None:
        self._cycle(-1)

    def _cycle(self, step: int) -> None:
        if len(self.facets) < 2:
            self.app.bell()
            return
        self.facet = self.facets[(self.facets.index(self.facet) + step) % len(self.facets)]
        self.count()

    @on(RowList.Selected, "#count-list")
    def _drill(self, event: RowList.Selected) -> None:
        row: CountRow = event.row
        self.dismiss((self.facet, row.value))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
