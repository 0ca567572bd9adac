"""Compiled patterns kept between processes: whatever the cache file holds (nothing, the right
code, garbage), a pattern matches exactly as `re.compile` makes it match."""

from __future__ import annotations

import os
import re

import pytest

from explorer.nlp import regexes, values

PATTERNS = [
    (r"(?P<year>\d{4})-(?P<month>\d\d)", 0),
    (r"\b(?:mid-)?(?i:fiscal)\s(\d+)\b", 0),
    (r"(?:km|miles?)$", re.IGNORECASE),
    (r"[\"“] ?([A-Z][\w'’-]*)(?: of)? ?[\"”]", 0),
]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache directory and a fresh process's state, so each test starts cold."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("EXPLORER_NO_CACHE", raising=False)
    monkeypatch.setattr(regexes, "_dirty", True)  # no atexit hook from the tests
    _new_process(monkeypatch)
    return tmp_path


def _new_process(monkeypatch) -> None:
    monkeypatch.setattr(regexes, "_entries", None)
    monkeypatch.setattr(regexes, "_used", set())
    monkeypatch.setattr(regexes, "_texts", {})
    monkeypatch.setattr(regexes, "_texts_used", set())
    monkeypatch.setattr(regexes, "_stamps", {})


def test_patterns_come_back_from_the_file_equal_to_re_compile(cache, monkeypatch) -> None:
    for pattern, flags in PATTERNS:
        assert regexes.compile(pattern, flags) == re.compile(pattern, flags)
    regexes._save()
    path = regexes.cache_path()
    assert path is not None and path.is_file()
    _new_process(monkeypatch)

    def no_compile(*args):
        raise AssertionError("the pattern should have come from the cache file")

    monkeypatch.setattr(regexes, "_compile_fresh", no_compile)
    for pattern, flags in PATTERNS:
        cached = regexes.compile(pattern, flags)
        assert cached == re.compile(pattern, flags)
        assert cached.groupindex == re.compile(pattern, flags).groupindex
    assert regexes.compile(*PATTERNS[0]).match("1987-06 x").group("month") == "06"


def test_the_value_pattern_from_the_file_finds_the_same_values(cache, monkeypatch) -> None:
    source = values._PATTERN.pattern
    regexes.compile(source)
    regexes._save()
    _new_process(monkeypatch)
    cached = regexes.compile(source)
    assert cached == values._PATTERN
    text = "He paid $500 million on June 3, 1996, about 5.5 per cent more than two years ago."
    found = [m.group() for m in cached.finditer(text)]
    assert found == [m.group() for m in values._PATTERN.finditer(text)]
    assert "$500 million" in found


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not a cache", regexes._MAGIC + b"\0\0\0\0" + b"junk"],
)
def test_a_corrupt_file_is_ignored_and_rewritten(cache, monkeypatch, garbage) -> None:
    path = regexes.cache_path()
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(garbage)
    for pattern, flags in PATTERNS:
        assert regexes.compile(pattern, flags) == re.compile(pattern, flags)
    regexes._save()
    _new_process(monkeypatch)
    assert regexes._load().keys() == set(PATTERNS)


def test_wrong_code_in_the_file_falls_back_to_compiling(cache, monkeypatch) -> None:
    pattern, flags = PATTERNS[0]
    regexes.compile(pattern, flags)
    regexes._save()
    _new_process(monkeypatch)
    entries = regexes._load()
    flags_, _code, _groups, _groupindex, _indexgroup = entries[(pattern, flags)]
    monkeypatch.setattr(regexes, "_entries", {(pattern, flags): (flags_, [9999], 0, {}, ())})
    assert regexes.compile(pattern, flags) == re.compile(pattern, flags)


def test_no_file_with_explorer_no_cache(cache, monkeypatch) -> None:
    monkeypatch.setenv("EXPLORER_NO_CACHE", "1")
    assert regexes.compile(*PATTERNS[1]) == re.compile(*PATTERNS[1])
    regexes._save()
    assert not list(cache.rglob("regex-*"))


def test_a_word_alternation_finds_what_a_bounded_alternation_finds():
    # word_alternation moves the word boundary after each branch's first letter (so the
    # engine can skip to those letters); it must find exactly the same words, at the same
    # places: not inside a word, not after a digit or an underscore, at the very start.
    import re

    from explorer.nlp.values import alternation, word_alternation

    words = ["met", "meet", "meeting", "talks", "Talks", "summit", "pointed out"]
    text = (
        "met at the summit; helmet, summitry, 2met, _met, Talks resumed, they pointed out "
        "that meeting-rooms and talks\nmet again (met) «meet» ümet"
    )
    old = re.compile(rf"\b(?:{alternation(words)})\b")
    new = re.compile(rf"{word_alternation(words)}\b")
    for start in range(len(text)):
        assert [m.span() for m in new.finditer(text, start)] == [
            m.span() for m in old.finditer(text, start)
        ]
    assert [m.group() for m in new.finditer(text)] == [
        "met", "summit", "Talks", "pointed out", "meeting", "talks", "met", "met", "meet",
    ]  # fmt: skip


# Text where the look-aheads and shortcuts below meet their edge cases: words followed by
# every kind of character, abbreviations, initials, possessives, joined words, accents.
EDGE_TEXT = (
    "Mr Smith, the U.S.-led team's coach, said: Corp. and Gov. Tex. A. Smith (Acme Inc) "
    "met O'Neill; AT&T's e.g. a.m. and p.m.\nZu\u0308rich, Zürich: naïve o'clock rock-and-roll "
    "said says told Told, added: pointed out that, unsaid sayso 2said _said "
    "A B c d Ab ab, Ab: ab) Ab\nab. Ab. ab- ab& ab' ab’ ab's Ab’s ab\u0301 X.Y. x. "
)


def test_the_plain_word_shortcut_tokenizes_as_the_full_pattern() -> None:
    import re

    from explorer.nlp.names.tokens import PLAIN_WORD, TOKEN

    full = re.compile(TOKEN.pattern.removeprefix(PLAIN_WORD + "|"))
    assert full.pattern != TOKEN.pattern
    for start in range(len(EDGE_TEXT)):
        assert [m.span() for m in TOKEN.finditer(EDGE_TEXT, start)] == [
            m.span() for m in full.finditer(EDGE_TEXT, start)
        ]


def test_the_tokenizer_reads_the_tokens_the_token_pattern_finds_whatever_the_spaces() -> None:
    from explorer.nlp.names.tokens import TOKEN, tokenize

    spaced = EDGE_TEXT + "  two  spaces\t\ttabs \u00a0nbsp\u2003em\r\nCRLF \n\n  end  "
    for start in range(len(spaced)):
        for end in (start, start + 1, start + 9, len(spaced)):
            end = min(end, len(spaced))
            assert [(t.start, t.end, t.text) for t in tokenize(spaced, start, end, True)] == [
                (*m.span(), m[0]) for m in TOKEN.finditer(spaced, start, end)
            ]
    assert [t.text for t in tokenize(" Acme  Inc ,\tA. Smith ", 0, 23, True)] == [
        "Acme", "Inc", ",", "A.", "Smith",
    ]  # fmt: skip


def test_the_speech_verbs_look_ahead_finds_what_the_pattern_finds() -> None:
    import re

    from explorer.nlp.facts.text import _SPEECH, _SPEECH_START

    full = re.compile(_SPEECH.pattern.removeprefix(_SPEECH_START))
    assert full.pattern != _SPEECH.pattern
    for start in range(len(EDGE_TEXT)):
        assert [m.span() for m in _SPEECH.finditer(EDGE_TEXT, start)] == [
            m.span() for m in full.finditer(EDGE_TEXT, start)
        ]


def test_a_built_text_comes_back_from_the_file_until_its_module_changes(cache, monkeypatch) -> None:
    source = cache / "builder.py"
    source.write_text("# the code that builds the text\n")
    built = []

    def build() -> str:
        built.append(1)
        return "(?:a|b)"

    assert regexes.text("test", "a b", build, str(source)) == "(?:a|b)"
    regexes._save()
    _new_process(monkeypatch)
    assert regexes.text("test", "a b", build, str(source)) == "(?:a|b)"
    assert len(built) == 1  # the second process read it
    assert regexes.text("test", "a b c", lambda: "(?:a|b|c)", str(source)) == "(?:a|b|c)"
    source.write_text("# the code that builds the text, changed\n")
    _new_process(monkeypatch)
    assert regexes.text("test", "a b", lambda: "(?:[ab])", str(source)) == "(?:[ab])"


def test_the_word_lists_tries_from_the_file_are_the_tries_built_afresh(cache, monkeypatch) -> None:
    words = ["met", "meet", "meeting", "talks", "Talks", "summit", "pointed out", "a.m."]
    fresh = values._trie_regex(values._trie(words)), values.word_alternation(words[:-1])
    assert values.alternation(words) == fresh[0]
    regexes._save()
    _new_process(monkeypatch)
    trie = values._trie
    monkeypatch.setattr(values, "_trie", None)  # nothing is built: both come from the file
    assert (values.alternation(reversed(words)), values.word_alternation(words[:-1])) == fresh
    monkeypatch.setattr(values, "_trie", trie)
    assert values.alternation(words[1:]) != fresh[0]  # other words, another trie


def test_what_a_start_compiled_through_re_is_in_res_cache_at_the_next_start(
    cache, monkeypatch
) -> None:
    """Modules that extract imports (platform, json...) compile patterns through `re` as they
    load: kept after a start (`keep_re_cache`), they are in re's own cache at the next one
    (`seed_re_cache`), equal to what re compiles, so re does not compile them again."""
    monkeypatch.setattr(re, "_cache", {})  # this test's own re cache, as a new process has
    text, raw = r"(?P<word>[a-z]+) at import (\d+)", rb"[\x80-\xff]+ at import"
    own = r"(?P<n>\d+) asked of this module"
    assert regexes.compile(own) == re.compile(own)  # this module's: kept on its own
    expected = [re.compile(text), re.compile(raw, re.IGNORECASE)]
    regexes.keep_re_cache("a start")
    regexes._save()
    _new_process(monkeypatch)
    monkeypatch.setattr(re, "_cache", {})
    monkeypatch.setattr(regexes, "_compile_fresh", lambda *args: pytest.fail("compiled afresh"))
    regexes.seed_re_cache("another start")
    assert re._cache == {}  # what a start of another kind kept is not put there
    regexes.seed_re_cache("a start")
    assert set(re._cache) == {(str, text, 0), (bytes, raw, re.IGNORECASE)}
    assert [re.compile(text), re.compile(raw, re.IGNORECASE)] == expected
    assert re.compile(text).match("abc at import 42").group("word") == "abc"
    assert re.compile(raw, re.IGNORECASE).search(b"x\xe9\xe9 AT IMPORT").start() == 1


def test_every_pattern_is_the_same_in_every_process() -> None:
    # A pattern built from a set in its iteration order differs from one process to the next
    # (string hashes are salted): the cache of compiled patterns never serves it, and every
    # `explorer` run compiles it again and grows the file by one more copy.
    import subprocess
    import sys

    script = (
        "import hashlib\n"
        "from explorer.nlp import extract, regexes\n"
        'extract(\'Chief executive Ann Lee of Acme Corp said: "We will grow." Shares rose 5 pct '
        "in London on Monday, the Bank of England said.')\n"
        "print(hashlib.sha256(repr(sorted(regexes._used)).encode()).hexdigest())\n"
    )
    digests = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "EXPLORER_NO_CACHE": "1"}
        out = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1
