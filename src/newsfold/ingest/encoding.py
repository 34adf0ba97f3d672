"""Bytes to text: BOM, then strict UTF-8, then a Western-European check, then charset-normalizer."""

from __future__ import annotations

import codecs
import unicodedata

import charset_normalizer

from newsfold.errors import NewsfoldError

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# cp1252 characters that turn up in Western-European news text; anything else read through cp1252
# (superscripts, "¤", "¦", C1 controls) means the bytes are in some other code page.
_WESTERN_PUNCT = set("“”‘’„‚–—…«»‹›€£¥¢©®™°§¶·•†‡¿¡ªº×÷±½¼¾\u00a0\u00ad")

_SAMPLE = 1 << 16
_UNPRINTABLE = {"Cc", "Cs", "Co", "Cn"}


def _bom(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


# C0 control bytes that never occur in text files (tab, newlines, form feed and escape are allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


def _binary_bytes(data: bytes) -> bool:
    """NUL-heavy or control-byte-heavy: an image, archive or executable rather than text.

    Only called when there is no BOM: UTF-16/32 text is full of NUL bytes.
    """
    sample = data[:_SAMPLE]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return sample.count(0) / len(sample) > 0.01 or controls / len(sample) > 0.05


def looks_binary(data: bytes) -> bool:
    """Whether a file's first bytes look like an image, archive or executable rather than text."""
    return _bom(data) is None and _binary_bytes(data)


def _mostly_unprintable(text: str) -> bool:
    sample = text[:_SAMPLE]
    if not sample:
        return False
    bad = sum(1 for ch in sample if unicodedata.category(ch) in _UNPRINTABLE and ch not in "\t\n\r\f\v")
    return bad / len(sample) > 0.1


def _western(data: bytes) -> str | None:
    """The cp1252 reading of `data` if it reads as Western-European text, else None.

    charset-normalizer guesses badly on short Latin-1/cp1252 texts (it picks cp1250, or UTF-16 for a
    single accented word), and those are the legacy encodings English news files actually come in.
    cp1252 is a superset of Latin-1's printable range (browsers treat Latin-1 labels as cp1252 too).
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = non_ascii_letters = 0
    for ch in text:
        if ch.isascii():
            letters += ch.isalpha()
        elif ch.isalpha():
            letters += 1
            non_ascii_letters += 1
            if not ("\u00c0" <= ch <= "\u00ff" or ch in "ŠšŒœŽžŸƒ"):
                return None
        elif ch not in _WESTERN_PUNCT:
            return None
    # Cyrillic or Greek single-byte text also maps onto À-ÿ through cp1252, but then nearly every letter
    # is non-ASCII; in French, German or Spanish accented letters are a small minority.
    if letters and non_ascii_letters / letters > 0.3:
        return None
    return text


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode a file's bytes; return (text, encoding name). Raises NewsfoldError NF102 or NF103.

    A BOM that names the encoding is consumed as part of decoding (utf-8-sig, utf-16, utf-32), so the
    text does not start with U+FEFF; every other character is kept exactly as decoded.
    """
    bom = _bom(data)
    if bom is not None:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as exc:
            detail = f"starts with a {bom} byte-order mark but {exc.reason}"
            raise NewsfoldError("NF103", source, detail) from exc
        encoding = bom
    elif _binary_bytes(data):
        raise NewsfoldError("NF102", source)
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            western = _western(data)
            if western is not None:
                text, encoding = western, "cp1252"
            else:
                best = charset_normalizer.from_bytes(data).best()
                if best is None:
                    raise NewsfoldError("NF103", source) from None
                text, encoding = str(best), best.encoding
    if _mostly_unprintable(text):
        raise NewsfoldError("NF102", source)
    return text, encoding
