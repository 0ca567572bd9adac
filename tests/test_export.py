"""Safe outputs (explorer.export): what reaches a terminal, a spreadsheet or a tool."""

from __future__ import annotations

import csv
import io
import json

import pytest

from explorer.export import (
    FACT_COLUMNS,
    Records,
    clean_id,
    clean_record,
    clean_text,
    csv_cell,
    printable,
    write_rows,
)
from explorer.model import Document, DocumentSummary, Fact, Hit

# One of each kind of control character a terminal acts on.
CONTROLS = {
    "NUL": "\x00",
    "BEL": "\x07",
    "BS": "\x08",
    "VT": "\x0b",
    "FF": "\x0c",
    "CR": "\r",
    "ESC": "\x1b",
    "DEL": "\x7f",
    "C1 NEL": "\x85",
    "C1 CSI": "\x9b",
    "C1 OSC": "\x9d",
}
ESCAPE_SEQUENCES = {
    "colour": "\x1b[31mred\x1b[0m",
    "clear screen": "\x1b[2J",
    "window title": "\x1b]0;pwned\x07",
    "hyperlink": "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "8-bit CSI": "\x9b31m",
}
BIDI = {
    "LRE": "\u202a",
    "RLE": "\u202b",
    "PDF": "\u202c",
    "LRO": "\u202d",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
}
MARKS = {"LRM": "\u200e", "RLM": "\u200f", "ALM": "\u061c"}


def _terminal_safe(text: str) -> bool:
    return not any(c in text for c in (*CONTROLS.values(), *BIDI.values()))


@pytest.mark.parametrize("char", CONTROLS.values(), ids=CONTROLS.keys())
def test_each_control_character_is_neutralised(char: str) -> None:
    raw = f"a{char}b"
    assert clean_text(raw) == "a\ufffdb"  # one for one: offsets after it still hold
    assert clean_id(raw) == "a" + repr(char)[1:-1] + "b"  # visible, as ingest names files
    assert printable(raw) == clean_id(raw)


@pytest.mark.parametrize("sequence", ESCAPE_SEQUENCES.values(), ids=ESCAPE_SEQUENCES.keys())
def test_escape_sequences_are_shown_never_run(sequence: str) -> None:
    raw = f"Oil {sequence} rose"
    for cleaned in (clean_text(raw), clean_id(raw), printable(raw)):
        assert _terminal_safe(cleaned)
    assert len(clean_text(raw)) == len(raw)
    assert "\\x1b" in clean_id(raw) or "\\x9b" in clean_id(raw)


@pytest.mark.parametrize("char", BIDI.values(), ids=BIDI.keys())
def test_each_bidi_override_and_isolate_is_neutralised(char: str) -> None:
    raw = f"invoice{char}fdp.exe"
    assert clean_text(raw) == "invoice\ufffdfdp.exe"
    assert clean_id(raw) == f"invoice\\u{ord(char):04x}fdp.exe"
    assert printable(raw) == clean_id(raw)


@pytest.mark.parametrize("char", MARKS.values(), ids=MARKS.keys())
def test_direction_marks_stay_in_text_and_are_escaped_in_ids(char: str) -> None:
    # Right-to-left text needs the marks, and they reorder nothing beyond a neighbour; an id
    # or a file name has no use for them but to look like another.
    raw = f"\u05e9\u05dc\u05d5\u05dd{char} 2019"
    assert clean_text(raw) == raw
    assert printable(raw) == raw
    assert clean_id(raw) == raw.replace(char, f"\\u{ord(char):04x}")


def test_newlines_and_tabs_stay_in_text_but_not_on_one_line() -> None:
    raw = "first line\n\tsecond"
    assert clean_text(raw) == raw
    assert printable(raw) == "first line\\n\\tsecond"
    assert clean_id(raw) == "first line\\n\\tsecond"


def test_records_clean_ids_as_ids_and_text_as_text_with_highlights_still_valid() -> None:
    hit = Hit(
        kind="sentence",
        doc="news\x1b]0;pwned\x07.txt",
        title="Title \u202eevil",
        sentence=0,
        text="\x1b[31mTrade\x1b[0m grew",
        score=1.0,
        highlights=((5, 10),),
        start=0,
        end=20,
    )
    record = clean_record(Records(None).hit(hit, "trade"))
    assert record["doc"] == "news\\x1b]0;pwned\\x07.txt"
    assert record["title"] == "Title \ufffdevil"
    ((start, end),) = record["highlights"]
    assert record["text"][start:end] == "Trade"
    assert _terminal_safe(json.dumps(record, ensure_ascii=False))


def test_nested_values_are_cleaned_too() -> None:
    record = clean_record(
        {"qualifiers": {"quote": "a\x1b[2Jb", "participants": ["X\u202eY"]}, "paths": ["p\x07"]}
    )
    assert record == {
        "qualifiers": {"quote": "a\ufffd[2Jb", "participants": ["X\ufffdY"]},
        "paths": ["p\\x07"],
    }


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_lead_is_neutralised_in_csv(lead: str) -> None:
    formula = f'{lead}HYPERLINK("http://evil.example","x")'
    assert csv_cell(formula) == "'" + formula  # OWASP: a leading quote makes it text
    out = io.StringIO()
    write_rows([{"title": formula, "doc": f"{lead}cmd|' /C calc'!A0"}], out, "csv")
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    for cell in row.values():
        # Read back, no cell starts as a formula: quoted, or its lead cleaned to an escape.
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert "HYPERLINK" in cell or "calc" in cell


def test_negative_numbers_stay_numbers_in_csv() -> None:
    out = io.StringIO()
    write_rows(
        [{"value": -3.5, "count": -2, "text": "-3.5", "exp": "-1e5", "expr": "-2+3"}], out, "csv"
    )
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row == {"value": "-3.5", "count": "-2", "text": "-3.5", "exp": "-1e5", "expr": "'-2+3"}
    assert float(row["value"]) == -3.5


def test_csv_cells_other_than_formulas_are_unchanged() -> None:
    assert csv_cell("Iran") == "Iran"
    assert csv_cell(None) == ""
    assert csv_cell(True) == "true"
    assert csv_cell([[0, 5]]) == "[[0,5]]"
    assert csv_cell("a - b = c") == "a - b = c"  # only a lead is a formula


def test_json_lines_clean_ids_but_keep_every_other_character() -> None:
    out = io.StringIO()
    name = "\u0645\u0647\u062f\u06cc\u200c\u0633\u0646\u0627\u06cc\u06cc"  # a ZWNJ inside
    write_rows([{"doc": "a\u202eb", "name": name, "n": 3}], out, "jsonl")
    record = json.loads(out.getvalue())
    assert record == {"doc": "a\\u202eb", "name": name, "n": 3}


class _Docs:
    """A one-document store, as Records reads it."""

    text = "Sanai said trade rose. It fell in 2018."

    def documents(self) -> list[DocumentSummary]:
        return [DocumentSummary("d1", "A title", "2019-04-30", None, "/x/d1.txt", 2, 1, 1)]

    def document(self, doc_id: str) -> Document:
        if doc_id != "d1":
            raise KeyError(doc_id)
        return Document(id="d1", text=self.text, title="A title", date="2019-04-30")

    def sentences(self, doc_id: str) -> list[tuple[int, int]]:
        return [(0, 22), (23, 39)]


def test_a_fact_record_has_its_title_date_text_and_sentence_in_the_fixed_columns() -> None:
    fact = Fact("said", "Sanai", "trade rose", 0, 0, 21, {"quote": "trade rose"}, doc="d1")
    record = Records(_Docs()).fact(fact)
    assert tuple(record) == FACT_COLUMNS
    assert record["title"] == "A title"
    assert record["date"] == "2019-04-30"  # the document's, as the fact has none of its own
    assert record["text"] == "Sanai said trade rose"
    assert record["sentence_text"] == "Sanai said trade rose."
    assert record["qualifiers"] == {"quote": "trade rose"}
    dated = Fact("amount", "trade", "fell", 1, 23, 38, {"date": "2018", "date_norm": "2018"}, "d1")
    assert Records(_Docs()).fact(dated)["date"] == "2018"


def test_a_fact_of_a_vanished_document_still_exports() -> None:
    fact = Fact("said", "X", "y", 0, 0, 3, doc="gone")
    record = Records(_Docs()).fact(fact)
    assert record["title"] is None and record["text"] is None and record["sentence_text"] is None
