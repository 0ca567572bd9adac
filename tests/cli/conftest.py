"""CLI tests run the real `explorer` command in a subprocess, as scripts and users do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "seeds" / "000_89ed38884c8c83f1.txt"


class Explorer:
    def __init__(self, tmp_path: Path) -> None:
        self.db = tmp_path / "store.json"
        self.env = {
            **os.environ,
            "EXPLORER_DB": str(self.db),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "COLUMNS": "200",
            "NO_COLOR": "1",
        }

    def __call__(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "explorer", *args],
            input=input,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=300,
        )


@pytest.fixture
def explorer(tmp_path: Path) -> Explorer:
    return Explorer(tmp_path)


@pytest.fixture
def ingested(explorer: Explorer) -> Explorer:
    result = explorer("ingest", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    return explorer
