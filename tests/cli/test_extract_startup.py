"""What `explorer extract --jsonl` leaves out of its start-up still works when it is needed."""

from __future__ import annotations

import subprocess
import sys

_DEFERRED = """
import sys
from explorer import cli
cli._defer_inspect()
import dataclasses, orjson
print("ast" in sys.modules, "tokenize" in sys.modules)
import inspect
print(inspect.signature(lambda a, b=2: None), inspect.isfunction(print))
@dataclasses.dataclass
class Point:
    x: int
print(Point.__doc__, "ast" in sys.modules)
"""


def test_inspect_is_loaded_in_full_at_its_first_use() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _DEFERRED], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == ["False False", "(a, b=2) False", "Point(x: int) True"]


def test_extract_jsonl_starts_without_argparse_inspect_or_typing() -> None:
    """Modules `extract --jsonl` has no use for: each cost its start-up 16-40 M instructions."""
    code = (
        "import sys, io\n"
        'sys.stdin = io.TextIOWrapper(io.BytesIO(b\'{"id": 1, "text": "Ann Lee met Bob."}\\n\'))\n'
        "from explorer import cli\n"
        "code = cli.main(['extract', '--jsonl', '--jobs', '1'])\n"
        "print(code, sorted(m for m in ('argparse', 'ast', 'tokenize', 'typing') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    last = result.stdout.splitlines()
    assert last[0].startswith('{"id":1,')
    assert last[-1] == "0 []"
