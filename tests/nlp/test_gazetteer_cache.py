"""The word lists' cache file: a missing, stale, corrupt or unwritable cache never changes
what the recognizer finds; an edited word list takes effect on the next run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import explorer
from explorer.nlp import gazetteer as gz

pytestmark = pytest.mark.slow  # each test builds the word lists' tables anew

ARTICLE = Path(explorer.__file__).parent / "seeds" / "000_89ed38884c8c83f1.txt"
TEXT = ARTICLE.read_text("utf-8")
#: Documents on the `extract --jsonl` contract; every table gets a chance to matter.
DOCUMENTS = "".join(
    json.dumps({"id": doc_id, "text": text}) + "\n"
    for doc_id, text in [
        ("sample", TEXT),
        ("sport", "Rapid Vienna beat Sporting Lisbon 2-1 in Zurich on Sunday."),
        ("caps", "GERMANY BEAT WALES AS KLINSMANN SCORES TWICE"),
    ]
)


@pytest.fixture(scope="module")
def built() -> dict:
    return gz.build_tables()


def test_cache_file_is_written_then_read_back_unchanged(tmp_path, built, monkeypatch) -> None:
    path = tmp_path / "cache" / "gazetteer.marshal"
    first = gz.load_tables(path)
    assert path.is_file()
    assert first == built

    def no_build() -> dict:
        raise AssertionError("the cache file should have been read")

    monkeypatch.setattr(gz, "build_tables", no_build)
    assert gz.load_tables(path) == built
    assert not list(path.parent.glob("*.tmp"))  # no temporary file left behind


def _cache_with(path: Path, key: tuple, tables: dict) -> None:
    assert gz._write_cache(path, key, tables)


def test_stale_cache_is_rebuilt(tmp_path, built) -> None:
    path = tmp_path / "gazetteer.marshal"
    wrong = dict(built, first_names=frozenset({"Zorblax"}))
    _cache_with(path, ("an older key",), wrong)
    assert gz.load_tables(path) == built
    assert gz._read_cache(path, gz.cache_key()) == built  # and rewritten for next time


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # cut short
        lambda b: b[:40] + bytes([b[40] ^ 0xFF]) + b[41:],  # one byte flipped
        lambda b: b"",
        lambda b: b"not a cache file at all",
        lambda b: b[:12] + b"\x00" * (len(b) - 12),
    ],
    ids=["truncated", "flipped", "empty", "garbage", "zeroed"],
)
def test_corrupt_cache_is_rebuilt(tmp_path, built, damage) -> None:
    path = tmp_path / "gazetteer.marshal"
    gz.load_tables(path)
    path.write_bytes(damage(path.read_bytes()))
    assert gz.load_tables(path) == built
    assert gz._read_cache(path, gz.cache_key()) == built


def test_unwritable_cache_falls_back_to_memory(tmp_path, built) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    path = blocker / "explorer" / "gazetteer.marshal"
    assert gz.load_tables(path) == built
    assert not path.exists()


def test_edited_word_list_takes_effect(tmp_path, monkeypatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(gz.DATA_DIR, data)
    monkeypatch.setattr(gz, "DATA_DIR", str(data))
    path = tmp_path / "gazetteer.marshal"
    assert "zorblax" not in gz.load_tables(path)["stopwords"]
    with (data / "stopwords.txt").open("a", encoding="utf-8") as fh:
        fh.write("\nzorblax\n")
    os.utime(data / "stopwords.txt", ns=(1, 1))  # a different mtime even on a coarse clock
    assert "zorblax" in gz.load_tables(path)["stopwords"]


def test_cache_dir_is_platformdirs_user_cache_dir(tmp_path, monkeypatch) -> None:
    import platformdirs

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert gz.cache_dir() == Path(platformdirs.user_cache_dir("explorer"))
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert gz.cache_dir() == Path(platformdirs.user_cache_dir("explorer"))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # ignored, as the XDG spec says
    assert gz.cache_dir() == Path(platformdirs.user_cache_dir("explorer"))


def _extract(cache_home: Path, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "extract", "--jsonl"],
        input=DOCUMENTS,
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home), **env},
        check=True,
    )
    assert result.stdout.count("\n") == 3 and '"error"' not in result.stdout
    return result.stdout


def test_extract_output_is_the_same_whatever_state_the_cache_is_in(tmp_path) -> None:
    home = tmp_path / "cache"
    reference = _extract(tmp_path / "unused", EXPLORER_NO_CACHE="1")
    assert not (tmp_path / "unused").exists()
    assert '"Mehdi Sanai"' in reference  # the recognizer really ran

    assert _extract(home) == reference  # built, then written
    cache = gz.cache_path().relative_to(gz.cache_dir())
    written = home / "explorer" / cache
    assert written.is_file()
    assert _extract(home) == reference  # read back

    written.write_bytes(written.read_bytes()[:1000])
    assert _extract(home) == reference  # corrupt: rebuilt
    assert written.stat().st_size > 1000

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert _extract(blocker) == reference  # cannot be written


def test_town_table_answers_as_the_towns_dict_did(monkeypatch, tmp_path) -> None:
    """The towns' table, kept as blocks of text, answers every look-up as the dict it is
    built from, read back from its cache file or built in memory."""
    towns = gz._build_town_nations()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    tables = []
    for _ in range(2):  # written, then read back
        gz.town_nations.cache_clear()
        tables.append(gz.town_nations())
    gz.town_nations.cache_clear()
    for table in [*tables, gz.TownTable(towns)]:
        assert all(table.get(name) == countries for name, countries in towns.items())
        for other in ["", "S", "Solihul", "Solihull ", " Solihull", "Solihull\tX", "Sol\nihull"]:
            assert table.get(other) is None
            assert table.get(other, ("",)) == ("",)
    assert towns["Solihull"] == ("United Kingdom", "United Kingdom")
