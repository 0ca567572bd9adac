"""Walking folders, ids, and each fault: one clear reason naming the file, the rest read."""

from __future__ import annotations

import codecs

import pytest

import explorer.ingest.files as files_module
from explorer.ingest import IngestFailure, find_files, iter_documents, read_file
from explorer.model import Document, IngestError


def make_tree(tmp_path):
    root = tmp_path / "corpus"
    (root / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text("Alpha\n\nText a.")
    (root / "b" / "c.md").write_text("# Gamma\n\nText c.")
    (root / "b" / "skip.exe").write_bytes(b"MZ")
    (root / ".hidden" / "x.txt").write_text("hidden")
    (root / "Upper.TXT").write_text("Upper\n\ncase suffix")
    return root


def test_find_files_walks_folders_sorted_with_supported_suffixes_only(tmp_path):
    root = make_tree(tmp_path)
    found = list(find_files([root]))
    assert found == [root / "Upper.TXT", root / "a.txt", root / "b" / "c.md"]


def test_find_files_reports_missing_and_unsupported_paths(tmp_path):
    root = make_tree(tmp_path)
    items = list(find_files([tmp_path / "nope", root / "b" / "skip.exe"]))
    assert all(isinstance(i, IngestError) for i in items)
    assert "no such file" in items[0].message and "unsupported" in items[1].message


def test_ids_are_relative_to_the_folder_given_or_the_file_name(tmp_path):
    root = make_tree(tmp_path)
    ids = [d.id for d in iter_documents([root]) if isinstance(d, Document)]
    assert ids == ["Upper.TXT", "a.txt", "b/c.md"]
    assert [d.id for d in iter_documents([root / "b" / "c.md"])] == ["c.md"]


def fault_cases(tmp_path):
    return {
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        "empty.txt": (b"", "empty file"),
        "blank.md": (b"  \n\t\n", "empty file"),
        "garbage.txt": (bytes(range(128, 256)) * 40 + b"\x00\x01\x02", "binary|cannot decode"),
        "bad-utf16.txt": (codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "cannot decode"),
    }


def test_each_fault_is_one_clear_error_and_the_rest_is_read(tmp_path):
    root = tmp_path / "mixed"
    root.mkdir()
    (root / "good.txt").write_text("Good headline\n\nGood text.")
    for name, (data, _) in fault_cases(tmp_path).items():
        (root / name).write_bytes(data)
    items = list(iter_documents([root]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = {e.path.rsplit("/", 1)[-1]: e.message for e in items if isinstance(e, IngestError)}
    assert [d.id for d in docs] == ["good.txt"]
    assert set(errors) == set(fault_cases(tmp_path))
    import re

    for name, (_, reason) in fault_cases(tmp_path).items():
        assert re.search(reason, errors[name]), (name, errors[name])


def test_gigantic_file_over_the_limit(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 3000)
    with pytest.raises(IngestFailure, match="too large: 15,000 bytes, over the limit of 10,000"):
        read_file(path, max_bytes=10_000)
    assert read_file(path, max_bytes=20_000)[0].text.startswith("word word")


def test_unreadable_file_permission_denied(tmp_path, monkeypatch):
    # Tests run as root, who reads anything: simulate the denial where the file is opened.
    path = tmp_path / "secret.txt"
    path.write_text("Secret")
    import os

    real_open = os.open

    def guarded(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
    with pytest.raises(IngestFailure, match="permission denied"):
        read_file(path)


def test_file_vanishing_before_it_is_read(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    for name in ("1.txt", "2.txt", "3.txt"):
        (root / name).write_text(f"Doc {name}\n\ntext")
    items = []
    for item in iter_documents([root]):
        items.append(item)
        if isinstance(item, Document) and item.id == "1.txt":
            (root / "2.txt").unlink()
    assert [getattr(i, "id", None) for i in items] == ["1.txt", None, "3.txt"]
    assert items[1].message == "vanished before it could be read"
    assert items[1].path.endswith("2.txt")


def test_a_pipe_among_the_files_is_reported_not_waited_on(tmp_path):
    import os

    (tmp_path / "a.txt").write_text("Mayor Ann Lee visited Leeds.\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    items = list(iter_documents([tmp_path]))  # would block for ever on open() before
    errors = [i for i in items if isinstance(i, IngestError)]
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.id for d in docs] == ["a.txt"]
    assert len(errors) == 1 and errors[0].path.endswith("pipe.txt")
    assert "not a regular file" in errors[0].message
    with pytest.raises(IngestFailure, match="not a regular file"):
        files_module.read_bytes(tmp_path / "pipe.txt")


def test_a_file_name_that_is_not_utf8_is_named_and_skipped(tmp_path):
    import os

    (tmp_path / "a.txt").write_text("Mayor Ann Lee visited Leeds.\n", encoding="utf-8")
    bad = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(bad, "wb") as handle:
        handle.write(b"Pilots in Oslo went on strike.\n")
    items = list(iter_documents([tmp_path]))
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [d.id for d in items if isinstance(d, Document)] == ["a.txt"]
    assert len(errors) == 1 and "caf\ufffd.txt" in errors[0].path
    assert "not valid UTF-8" in errors[0].message
    errors[0].path.encode("utf-8")  # printable and JSON-safe: no surrogates


def test_escape_sequences_in_file_names_never_reach_ids_or_errors(tmp_path):
    (tmp_path / "news\x1b]0;pwned\x07.txt").write_text("Pilots in Oslo struck.\n", encoding="utf-8")
    (tmp_path / "empty\x1b[2J.txt").write_text("", encoding="utf-8")
    items = list(iter_documents([tmp_path]))
    (doc,) = [i for i in items if isinstance(i, Document)]
    (error,) = [i for i in items if isinstance(i, IngestError)]
    assert "\x1b" not in doc.id and "\x07" not in doc.id
    assert doc.id == "news\\x1b]0;pwned\\x07.txt"  # visible, still tells the files apart
    assert "\x1b" not in error.path and error.path.endswith("empty\\x1b[2J.txt")
