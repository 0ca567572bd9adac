"""Extraction cost grows linearly: no text shape makes one sentence or line explode.

Each shape runs in a child process with a generous timeout (tens of times what linear code
needs), so a backtracking regex or a pairwise loop fails the test in bounded time instead of
hanging the suite; no wall-clock figure is asserted.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

_SHAPES = r"""
import random
random.seed(9)
caps = ["Alpha", "Beta", "North", "Bank", "Corp", "Union", "Smith", "Jones", "New", "York"]
titled = [
    "Treasury Secretary James Baker", "Federal Reserve Chairman Paul Volcker",
    "Deputy Minister of Industry and Trade Georgy Kalamanov", "Mr. Smith",
    "J.S. Winningham and Co.", "Prudential-Bache Securities", "Lieutenant-Colonel Anna Berg",
]
prose = (
    'Treasury Secretary James Baker said on Tuesday that "the dollar will not fall much '
    'further," and Federal Reserve Chairman Paul Volcker met Japanese Finance Minister '
    "Kiichi Miyazawa in Tokyo, where 310 mln dlrs changed hands, up 5.1 pct "
)
N = 100_000
SHAPES = {
    "people with titles on one line": ", ".join(random.choice(titled) for _ in range(N // 30)),
    "capitalised words without punctuation": " ".join(random.choice(caps) for _ in range(N // 5)),
    "news text on one line, no sentence end": (prose * (N // len(prose)))[:N],
    "a base64 blob": "".join(random.choice("ABCDEFGHabcdefgh0123+/=") for _ in range(N)),
    "a CSV field": ",".join(f"{i},Smith Corp,{i * 0.5}" for i in range(N // 20)),
    "repeated quotes and brackets": ('"' * 30 + "Smith said " + "(" * 30 + "Baker" + ")" * 30) * (N // 110),
    "initials": " ".join("J. S. A. Smith" for _ in range(N // 15)),
}
from explorer.nlp import extract
for name, text in SHAPES.items():
    extract(text)
    print(name, flush=True)
"""


def test_no_text_shape_makes_extraction_explode():
    proc = subprocess.run(
        [sys.executable, "-c", _SHAPES], capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len(proc.stdout.splitlines()) == 7


@pytest.mark.parametrize("words", [24, 48])
def test_a_sentence_listing_people_with_titles_is_cheap(words):
    sentence = (
        "Present were Treasury Secretary James Baker, Federal Reserve Chairman Paul Volcker, "
        "British Chancellor of the Exchequer Nigel Lawson and West German Finance Minister "
        "Gerhard Stoltenberg, officials said. "
    )
    code = (
        "from explorer.nlp import extract\n"
        f"r = extract({sentence!r} * {words // 24})\n"
        "print(sorted({m.text for m in r.mentions if m.label == 'PERSON'}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    for name in ("James Baker", "Paul Volcker", "Gerhard Stoltenberg"):
        assert name in proc.stdout
