"""A folder laid out as wire archives and scraped sites are: a few hundred short articles with
a metadata.jsonl beside them, plus HTML pages, JSON records and dateline-only text files.

`make_corpus(root)` writes it and returns what each document's date and source must be.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

PLACES = ["SALVADOR", "LONDON", "NEW YORK", "TOKYO", "Paris", "BONN", "SYDNEY", "Chicago"]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov"]
SENTENCES = [
    "Hog slaughter was 300,000 head versus 292,000 week ago.",
    "Cocoa prices rose in the first quarter, traders said.",
    "The company said fiscal 1987 earnings would rise.",
    "Output fell last Tuesday, a ministry official said.",
    "Shipments were 40,000 tonnes versus 38,000 year earlier.",
    "Talks resumed a week ago and will end in June.",
]
# How metadata files write their dates: every one must be understood.
FORMS = [
    lambda d: d.strftime("%d-%b-%Y %H:%M:%S.79").upper(),  # 26-FEB-1987 15:01:01.79
    lambda d: d.isoformat(),
    lambda d: d.strftime("%b %d, %Y"),
    lambda d: d.strftime("%d %B %Y"),
    lambda d: d.strftime("%a, %d %b %Y 10:00:00 +0000"),
    lambda d: d.strftime("%m/%d/%y"),
    lambda d: d.strftime("%Y/%m/%d"),
]


def make_corpus(root: Path, articles: int = 300, seed: int = 10) -> dict[str, tuple[str, str]]:
    """Write the corpus under `root`; {document id: (ISO date, date_source)}."""
    rng = random.Random(seed)
    expected: dict[str, tuple[str, str]] = {}
    wire = root / "wire"
    wire.mkdir(parents=True)
    records = []
    start = date(1987, 2, 1)
    for n in range(articles):
        day = start + timedelta(days=rng.randrange(60))
        name = f"{n // 100:03d}/{n:05d}.txt"
        path = wire / name
        path.parent.mkdir(exist_ok=True)
        place = rng.choice(PLACES)
        body = " ".join(rng.sample(SENTENCES, 3))
        # The dateline's day differs from the metadata's: the metadata wins.
        path.write_text(f"Report {n}\n\n{place}, {MONTHS[n % 11]} 3 - {body}\n", encoding="utf-8")
        record = {
            "file_name": name,
            "date": FORMS[n % len(FORMS)](day),
            "title": f"REPORT {n}",
            "topics": rng.sample(["cocoa", "grain", "hog", "earn", "acq"], 2),
            "places": [place.lower()],
        }
        records.append(record)
        expected[f"wire/{name}"] = (day.isoformat(), "metadata")
    records.append({"file_name": "missing/00001.txt", "date": "1987-02-02"})
    (wire / "metadata.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8"
    )

    pages = root / "pages"
    pages.mkdir()
    for n in range(20):
        day = date(2019, 4, 1) + timedelta(days=n)
        (pages / f"page{n:02d}.html").write_text(
            f'<html><head><meta property="article:published_time" content="{day}T09:00:00Z">'
            f"<title>Page {n}</title></head><body><article><p>Trade grew last week, by {n} per cent.</p>"
            "</article></body></html>",
            encoding="utf-8",
        )
        expected[f"pages/page{n:02d}.html"] = (day.isoformat(), "meta tag")
    (root / "records.jsonl").write_text(
        "\n".join(
            json.dumps(
                {"id": f"r{n}", "date": f"Feb {n + 1}, 1987", "text": f"Prices rose {n} cents."}
            )
            for n in range(10)
        )
        + "\n",
        encoding="utf-8",
    )
    for n in range(10):
        expected[f"records.jsonl#r{n}"] = (f"1987-02-{n + 1:02d}", "field")
    datelines = root / "datelines"
    datelines.mkdir()
    for n in range(10):
        (datelines / f"d{n}.txt").write_text(
            f"Story {n}\n\nLONDON, March {n + 1} (Reuters) - Prices rose in 1987, dealers said.\n",
            encoding="utf-8",
        )
        expected[f"datelines/d{n}.txt"] = (f"1987-03-{n + 1:02d}", "dateline")
    dated_paths = root / "blog" / "2019" / "04" / "30"
    dated_paths.mkdir(parents=True)
    (dated_paths / "post.md").write_text("# A post\n\nNothing dated inside.\n", encoding="utf-8")
    expected["blog/2019/04/30/post.md"] = ("2019-04-30", "path")
    return expected
