"""The text helpers every widget shows document text through."""

from __future__ import annotations

from rich.text import Text

from explorer.tui.render import highlighted, plain, window, wrap_ranges


def test_control_characters_become_visible_one_for_one():
    raw = "a\x1b[31mb\x07c\x9bd\te\nf\x7f"
    shown = plain(raw)
    assert len(shown) == len(raw)  # offsets computed on the raw text still line up
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown)
    assert shown.startswith("a␛[31mb␇c")
    assert "\n" in plain(raw, multiline=True) and "\t" not in plain(raw, multiline=True)


def test_bidi_overrides_and_isolates_become_visible_one_for_one():
    raw = "report\u202eexe.txt \u2066x\u2069 \u200fRTL"
    shown = plain(raw)
    assert shown == "report\ufffdexe.txt \ufffdx\ufffd \u200fRTL"  # the marks RTL needs stay


def test_markup_is_never_parsed():
    text = highlighted(
        "rose [/ 5% and [bold]x[/bold] [link=https://e.example]y[/link]", [(0, 4)], "bold"
    )
    assert text.plain == "rose [/ 5% and [bold]x[/bold] [link=https://e.example]y[/link]"
    assert [(s.start, s.end) for s in text.spans] == [(0, 4)]


def test_wrap_breaks_at_spaces_keeps_offsets_and_cuts_long_words():
    text = "The quick brown fox\n\njumps over a dogdogdogdogdog."
    lines = wrap_ranges(text, 10)
    shown = [text[a:b] for a, b in lines]
    assert shown[:2] == ["The quick ", "brown fox"]
    assert shown[2] == ""  # the empty paragraph
    assert all(len(line.rstrip()) <= 10 for line in shown)
    assert "".join(shown).replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_window_keeps_the_match_in_view():
    line = Text("x" * 200 + "MATCH" + "y" * 200)
    cut = window(line, 200, 40)
    assert cut.cell_len <= 40
    assert "MATCH" in cut.plain and cut.plain.startswith("…")
