"""Label colours come from the model's one label table: every label has a colour class."""

from __future__ import annotations

from explorer.model import LABEL_GROUPS, LABEL_TABLE, LABELS
from explorer.tui.labels import (
    COLOURS,
    COMPONENTS,
    GROUP_CLASS,
    MEANING,
    group_of,
    label_css,
    legend_order,
    short_label,
)


def test_every_label_has_a_colour_class_with_colours() -> None:
    css = label_css("Reader")
    for info in LABEL_TABLE:
        name = GROUP_CLASS[group_of(info.label)]
        assert name in COMPONENTS, info.label
        assert f"Reader > .{name} {{" in css, info.label
    assert set(COLOURS) == set(LABEL_GROUPS) == set(GROUP_CLASS)


def test_the_tui_writes_labels_as_the_table_says() -> None:
    for info in LABEL_TABLE:
        assert short_label(info.label) == info.short
        assert MEANING[info.label] == info.meaning
    assert short_label("SOMETHING_NEW") == "SOMETH"
    assert group_of("SOMETHING_NEW") == "thing"


def test_the_legend_lists_people_roles_organisations_places_times_values_then_things() -> None:
    order = legend_order(reversed(LABELS))
    assert order[:3] == ["PERSON", "TITLE", "ORG"]
    groups = [group_of(label) for label in order]
    assert groups == sorted(groups, key=LABEL_GROUPS.index)
    assert legend_order(["ZZZ", "AAA", "PERSON"]) == ["PERSON", "AAA", "ZZZ"]
