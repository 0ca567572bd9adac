"""A small dated corpus of our own words: short reports with a metadata.jsonl beside them,
spanning 1985 to 1988, so date filters and timelines have something to count."""

from __future__ import annotations

import json
from pathlib import Path

#: (file, date as the metadata writes it, text). Years, months and days differ on purpose.
REPORTS: list[tuple[str, str, str]] = [
    ("r01.txt", "1985-06-14", "Cocoa growers in Ghana met buyers in Accra to talk about prices."),
    ("r02.txt", "1985-11-02", "The grain board said wheat stocks were lower than a year before."),
    ("r03.txt", "1986-01-20", "Dollar trading was quiet in Tokyo as dealers waited for data."),
    ("r04.txt", "1986-07-08", "Sugar prices rose after Cuba said its harvest had been poor."),
    ("r05.txt", "1987-01-15", "The dollar fell against the yen as Japan reported a surplus."),
    ("r06.txt", "1987-02-26", "Cocoa stocks in Brazil rose sharply, Bahia traders said."),
    ("r07.txt", "1987-03-02", "The dollar firmed in London after comments by James Baker."),
    ("r08.txt", "1987-03-17", "Coffee exports from Colombia fell in the first quarter."),
    ("r09.txt", "1987-03-30", "James Baker said the dollar had fallen far enough."),
    ("r10.txt", "1987-04-06", "Grain shipments from Chicago were delayed by the weather."),
    ("r11.txt", "1987-06-22", "Tin prices held steady in London while copper eased."),
    ("r12.txt", "1987-10-19", "Stocks crashed in New York and the dollar slid sharply."),
    ("r13.txt", "1988-02-11", "Cocoa buyers in Ghana said the new crop looked strong."),
    ("r14.txt", "1988-08-30", "The dollar recovered in Tokyo as exporters sold yen."),
]
#: Documents without any date: never inside a date filter.
UNDATED: list[tuple[str, str]] = [
    ("u01.txt", "The dollar and cocoa were both mentioned in this undated note."),
]


def write_corpus(root: Path) -> Path:
    """Write the reports and their metadata.jsonl under `root`/wire; that folder."""
    folder = root / "wire"
    folder.mkdir(parents=True)
    with (folder / "metadata.jsonl").open("w", encoding="utf-8") as out:
        for name, when, text in REPORTS:
            (folder / name).write_text(text + "\n", encoding="utf-8")
            title = text.split(" ")[1].title() + " report"
            out.write(json.dumps({"file_name": name, "date": when, "title": title}) + "\n")
    for name, text in UNDATED:
        (folder / name).write_text(text + "\n", encoding="utf-8")
    return folder


def dated_store(root: Path):
    """A store holding the corpus, ingested as a user would."""
    from explorer.store import Store

    store = Store.open(root / "store.json")
    store.ingest([write_corpus(root)])
    return store
