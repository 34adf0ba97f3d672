from __future__ import annotations

import codecs

import pytest

from newsfold.errors import NewsfoldError
from newsfold.ingest import decode

FRENCH = "Le maire a déclaré: « Nous étions prêts. » Les élèves, déçus, sont rentrés à Noël."


def test_utf8() -> None:
    assert decode(FRENCH.encode("utf-8"), "x") == (FRENCH, "utf-8")


def test_utf8_sig_consumes_the_bom() -> None:
    text, enc = decode(codecs.BOM_UTF8 + FRENCH.encode("utf-8"), "x")
    assert (text, enc) == (FRENCH, "utf-8-sig")


def test_a_bom_char_that_is_not_a_leading_bom_is_kept() -> None:
    text, _ = decode("a\ufeffb".encode(), "x")
    assert text == "a\ufeffb"


@pytest.mark.parametrize(
    "data",
    [
        FRENCH.encode("utf-16"),
        codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"),
    ],
)
def test_utf16_with_bom(data: bytes) -> None:
    assert decode(data, "x") == (FRENCH, "utf-16")


def test_cp1252_with_smart_quotes_and_dashes() -> None:
    original = "“It’s done,” she said — the café reopens on Monday…"
    text, enc = decode(original.encode("cp1252"), "x")
    assert text == original
    assert enc == "cp1252"


@pytest.mark.parametrize("original", ["café", "Größe und Übermaß, schön müde", FRENCH])
def test_latin1_with_accents(original: str) -> None:
    text, enc = decode(original.encode("latin-1"), "x")
    assert text == original
    assert enc == "cp1252"  # Latin-1's printable range read through its superset


def test_cyrillic_single_byte_is_not_read_as_western() -> None:
    original = "Президент заявил, что переговоры продолжатся на следующей неделе в столице."
    text, enc = decode(original.encode("cp1251"), "x")
    assert enc != "cp1252"
    assert text == original


def test_newlines_are_kept_exactly() -> None:
    original = "One.\r\nTwo.\rThree.\n"
    assert decode(original.encode(), "x")[0] == original


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00" * 20,
        bytes(range(256)) * 8,
        b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 50,
    ],
)
def test_binary_is_nf102(data: bytes) -> None:
    with pytest.raises(NewsfoldError) as exc:
        decode(data, "blob.bin")
    assert exc.value.code == "NF102"
    assert exc.value.source == "blob.bin"


def test_broken_bom_is_nf103() -> None:
    with pytest.raises(NewsfoldError) as exc:
        decode(codecs.BOM_UTF8 + b"ok \xff\xfe\xfd broken", "x")
    assert exc.value.code == "NF103"
