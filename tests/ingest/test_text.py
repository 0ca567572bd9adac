"""Decoding any encoding (or saying why not) and removing control characters."""

from __future__ import annotations

import codecs

import pytest

from explorer.ingest import sanitize
from explorer.ingest.text import DecodeFailure, decode

FRENCH = "Le garçon a mangé à la fenêtre. Ça va très bien, merci. Noël approche, déjà !"
GERMAN = "Café crème, déjà vu. Größe über Straße. Die Bürger äußern sich."


def test_utf8_and_utf8_with_bom_decode_exactly():
    assert decode(FRENCH.encode("utf-8")) == FRENCH
    assert decode(codecs.BOM_UTF8 + FRENCH.encode("utf-8")) == FRENCH


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    assert decode(bom + GERMAN.encode(encoding)) == GERMAN


@pytest.mark.parametrize("text", [FRENCH, GERMAN, "He said “hello” – and left… it cost £5 or €6."])
@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_western_single_byte_files_are_not_mojibake(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip("not representable")
    assert decode(data) == text


def test_cyrillic_single_byte_file_is_read_as_cyrillic():
    text = "Привет, как дела? Это обычный текст новостей из Москвы о торговле."
    assert decode(text.encode("cp1251")) == text


def test_binary_data_is_reported_not_decoded():
    with pytest.raises(DecodeFailure, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(DecodeFailure, match=r"binary|cannot decode"):
        decode(bytes(range(256)) * 8)


def test_invalid_bytes_after_a_utf16_bom_are_reported():
    with pytest.raises(DecodeFailure, match="UTF-16"):
        decode(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")  # a lone surrogate


def test_sanitize_keeps_newlines_and_tabs_and_normalises_line_ends():
    assert sanitize("a\r\nb\rc\td\n") == "a\nb\nc\td\n"


def test_sanitize_removes_c0_c1_controls_and_escape_sequences():
    dirty = "Red\x1b[31mALERT\x1b[0m bell\x07 nul\x00 c1\x85\x9b2Jx osc\x1b]0;title\x07end \x7f"
    clean = sanitize(dirty)
    assert clean == "RedALERT bell nul c1\nx oscend "
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in clean)
    assert not any(0x7F <= ord(ch) <= 0x9F for ch in clean)


def test_sanitize_drops_a_leading_byte_order_mark():
    assert sanitize("\ufeffTitle") == "Title"


def test_an_unterminated_escape_does_not_swallow_the_text():
    assert sanitize("keep \x1b]this line\nand the next") == "keep \nand the next"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(encoding):
    text = "Le garçon a mangé à la fenêtre. Привет из Москвы."
    assert decode(text.encode(encoding)) == text


def test_text_with_nul_bytes_that_is_not_utf16_is_binary():
    with pytest.raises(DecodeFailure, match="binary"):
        decode(b"abc\x00def" * 100)


def test_utf8_with_a_stray_windows_1252_byte_is_not_mojibake():
    data = "Café in Paris, déjà vu. ".encode() * 3 + b"Na\xefve \x93quote\x94.\n"
    assert decode(data) == "Café in Paris, déjà vu. " * 3 + "Naïve \u201cquote\u201d.\n"


def test_sanitize_removes_direction_overrides_and_keeps_the_rest_as_decoded():
    # A right-to-left override would reorder the line on screen: it goes. Soft hyphens,
    # zero-width characters and ligatures are text as decoded: search matches across them.
    dirty = "\u202eevil\u202c inter\u00adnational zero\u200bwidth the ﬁnance office"
    assert sanitize(dirty) == "evil inter\u00adnational zero\u200bwidth the ﬁnance office"
    persian = "می\u200cخواهم"  # the zero-width non-joiner is part of the spelling
    assert sanitize(persian) == persian
