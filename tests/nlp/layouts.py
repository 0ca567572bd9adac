"""The layouts a story is read in by the tests of its forms: one line per paragraph with blank
lines between, hard-wrapped at 65 columns with a four-space indent, and that with CRLF."""

from __future__ import annotations

import textwrap


def layouts(paragraphs: list[str]) -> list[str]:
    one_line = "\n\n".join(paragraphs) + "\n"
    wrapped = "\n".join(textwrap.fill(p, 65, initial_indent="    ") for p in paragraphs) + "\n"
    return [one_line, wrapped, wrapped.replace("\n", "\r\n")]
