"""gzip and deflate with a cap on what comes out, so a small hostile body cannot fill memory.

A decompression bomb is a few kilobytes that inflate to gigabytes. zlib is asked for at most one byte
past the cap at each step, so memory stays within the cap whatever the input claims.
"""

from __future__ import annotations

import zlib

from newsfold.errors import NewsfoldError

_GZIP_OR_ZLIB = 47  # wbits 32 + 15: zlib reads a gzip or a zlib header, whichever is there
_RAW_DEFLATE = -15  # servers that send "deflate" as a bare stream, against RFC 9110's zlib format


def _inflate(data: bytes, wbits: int, max_bytes: int, source: str) -> bytes:
    out = bytearray()
    while True:
        d = zlib.decompressobj(wbits)
        chunk = data
        while chunk:
            out += d.decompress(chunk, max_bytes + 1 - len(out))
            if len(out) > max_bytes:
                raise NewsfoldError("NF406", source, f"decompresses to more than {max_bytes} bytes")
            chunk = d.unconsumed_tail
        out += d.flush(max_bytes + 1 - len(out))
        if len(out) > max_bytes:
            raise NewsfoldError("NF406", source, f"decompresses to more than {max_bytes} bytes")
        if not d.eof:
            raise zlib.error("the stream is truncated")
        # A gzip file may hold several members one after another (RFC 1952 §2.2); read them all.
        data = d.unused_data
        if not data or wbits == _RAW_DEFLATE or not data.startswith(b"\x1f\x8b"):
            return bytes(out)


def decompress(data: bytes, encoding: str, *, max_bytes: int, source: str) -> bytes:
    """Undo one content coding (`gzip`, `x-gzip`, `deflate`, `identity`) with at most `max_bytes` out.

    Raises NewsfoldError NF406 past the cap, NF409 for a coding newsfold does not read or a body that is
    not in the coding it claims.
    """
    coding = encoding.strip().lower()
    if coding in ("", "identity") or not data:
        return data
    if coding not in ("gzip", "x-gzip", "deflate"):
        raise NewsfoldError("NF409", source, f"unsupported content coding {coding!r}")
    try:
        return _inflate(data, _GZIP_OR_ZLIB, max_bytes, source)
    except zlib.error as exc:
        if coding != "deflate":
            raise NewsfoldError("NF409", source, f"the body is not valid {coding}: {exc}") from exc
    try:
        return _inflate(data, _RAW_DEFLATE, max_bytes, source)
    except zlib.error as exc:
        raise NewsfoldError("NF409", source, f"the body is not valid deflate: {exc}") from exc
