"""Bytes to clean text: decoding (any encoding, or a clear reason why not) and sanitising."""

from __future__ import annotations

import codecs
import re

__all__ = ["DecodeFailure", "decode", "looks_binary", "sanitize"]


class DecodeFailure(ValueError):
    """The bytes are not text we can decode; the message says why, in a user's words."""


# ESC sequences first (CSI, OSC, other two-byte escapes; also the 8-bit CSI/OSC forms), then
# every remaining C0/C1 control except \n and \t. Carriage returns become newlines.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b\n]{0,512}(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b\n]{0,512}(?:\x1b\\)?"  # DCS, SOS, PM, APC ... ST
    r"|\x1b[ -/]*[0-~]?"  # any other escape and its final byte
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x9d[^\x07\x9c\n]{0,512}[\x07\x9c]?"  # 8-bit OSC
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Directional formatting characters (embeddings, overrides, isolates): control characters that
# would reorder what a terminal shows. Everything else stays as decoded: soft hyphens,
# zero-width characters and ligatures are matched by search, beside the text.
_BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def sanitize(text: str) -> str:
    """Text safe to show and index: \\r\\n and \\r become \\n; control characters and terminal
    escape sequences go (\\n and \\t stay); a leading byte-order mark goes; so do the
    directional overrides and isolates that would reorder a line on screen.

    Runs once, at ingest, before any offset exists; offsets always point into its result.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = _NEWLINES.sub("\n", text)
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    if not text.isascii():
        text = _BIDI_CONTROLS.sub("", text)
    return text


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of common binary formats people keep beside their documents.
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"%PDF", "a PDF"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"SQLite format 3", "an SQLite database"),
)

# Characters that a Western (cp1252) decoding produces from Central European bytes and that
# never sit inside a real word: superscripts, fractions, currency and diacritic signs.
_ODD_IN_WORD = re.compile(
    r"\w[\xa4\xa6\xa8\xaa\xaf\xb2\xb3\xb4\xb8\xb9\xba\xbc-\xbe\xd7\xf7]|"
    r"[\xa4\xa6\xa8\xaa\xaf\xb2\xb3\xb4\xb8\xb9\xba\xbc-\xbe\xd7\xf7]\w"
)
_LATIN_ALPHABETS = {
    "Basic Latin",
    "Latin-1 Supplement",
    "Latin Extended-A",
    "Latin Extended-B",
    "Latin Extended Additional",
    "General Punctuation",
    "Currency Symbols",
    "Letterlike Symbols",
    "Spacing Modifier Letters",
}


def looks_binary(data: bytes) -> str | None:
    """A reason the bytes are binary (not text), or None."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"binary file ({what}), not text"
    return None


def _utf16_or_binary(data: bytes) -> str:
    sample = data[:4096]
    pairs = max(1, len(sample) // 2)
    zeros_even = sample[0::2].count(0) / pairs
    zeros_odd = sample[1::2].count(0) / pairs
    for encoding, text_zeros, other_zeros in (
        ("utf-16-le", zeros_odd, zeros_even),
        ("utf-16-be", zeros_even, zeros_odd),
    ):
        if text_zeros >= 0.3 and other_zeros <= 0.02 and len(data) % 2 == 0:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                break
            if "\x00" not in text:
                return text
    raise DecodeFailure("binary file (contains NUL bytes), not text")


def _declared(hint: str | None) -> str | None:
    if not hint:
        return None
    try:
        name = codecs.lookup(hint.strip().strip("'\"")).name
    except LookupError:
        return None
    # As browsers do (WHATWG Encoding): a page labelled Latin-1 or ASCII is Windows-1252.
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _cp1252_for_bad_bytes(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("explorer.cp1252", _cp1252_for_bad_bytes)


def _mostly_utf8(data: bytes) -> str | None:
    """A UTF-8 file with a few stray Windows-1252 bytes (pasted text, a joined export):
    decoded as UTF-8 where it is, the stray bytes as cp1252. None when it is not that."""
    loose = data.decode("utf-8", errors="surrogateescape")
    invalid = sum(1 for c in loose if "\udc80" <= c <= "\udcff")
    valid = sum(1 for c in loose if c >= "\x80" and not "\udc80" <= c <= "\udcff")
    if valid and invalid <= valid:
        return data.decode("utf-8", errors="explorer.cp1252")
    return None


def decode(data: bytes, hint: str | None = None) -> str:
    """Decode bytes of unknown encoding; raise DecodeFailure with a reason when we cannot.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are exact. Anything else is guessed
    with charset-normalizer, except that a Latin-script guess decodes as Windows-1252 (the
    superset of Latin-1 that Western files use) unless that decoding puts signs inside words:
    a Latin-1 file is never mojibake. `hint` is an encoding the file declares (an HTML
    meta charset): used when the bytes are not UTF-8 and decode cleanly with it.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeFailure(
                    f"cannot decode: starts with a {encoding.upper()} byte-order mark but "
                    f"byte {exc.start + len(bom)} is invalid {encoding.upper()}"
                ) from None
    reason = looks_binary(data)
    if reason:
        raise DecodeFailure(reason)
    if b"\x00" not in data[:4096]:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            mixed = _mostly_utf8(data)
            if mixed is not None:
                return mixed
        declared = _declared(hint)
        if declared and not declared.startswith(("utf-16", "utf-32")):
            try:
                return data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                pass
    else:  # NULs: UTF-16 without a byte-order mark, or binary
        return _utf16_or_binary(data)
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262_144] if len(data) > 262_144 else data).best()
    if best is None:
        if b"\x00" in data[:8192]:
            raise DecodeFailure("binary file (contains NUL bytes), not text")
        raise DecodeFailure("cannot decode: not UTF-8, and no known text encoding fits")
    encoding = best.encoding
    if set(best.alphabets) <= _LATIN_ALPHABETS:
        try:
            western = data.decode("cp1252")
        except UnicodeDecodeError:
            western = data.decode("latin-1")
        if not _ODD_IN_WORD.search(western):
            return western
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise DecodeFailure(f"cannot decode: not valid {encoding}") from None
    if "\x00" in text:
        raise DecodeFailure("binary file (contains NUL bytes), not text")
    return text
