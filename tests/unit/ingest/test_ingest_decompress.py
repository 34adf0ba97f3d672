"""Capped gzip and deflate: bodies come back whole under the cap, bombs stop at it."""

from __future__ import annotations

import gzip
import zlib

import pytest

from newsfold.errors import NewsfoldError
from newsfold.ingest.decompress import decompress

TEXT = "The harbour wall will be rebuilt in the spring, the council said. " * 40


def test_gzip_zlib_and_raw_deflate_round_trip() -> None:
    data = TEXT.encode()
    assert decompress(gzip.compress(data), "gzip", max_bytes=10_000, source="s") == data
    assert decompress(gzip.compress(data), "x-gzip", max_bytes=10_000, source="s") == data
    assert decompress(zlib.compress(data), "deflate", max_bytes=10_000, source="s") == data
    raw = zlib.compressobj(wbits=-15)
    assert decompress(raw.compress(data) + raw.flush(), "deflate", max_bytes=10_000, source="s") == data
    assert decompress(data, "identity", max_bytes=10, source="s") == data


def test_concatenated_gzip_members_are_all_read() -> None:
    assert decompress(
        gzip.compress(b"first ") + gzip.compress(b"second"), "gzip", max_bytes=100, source="s"
    ) == (b"first second")


def test_bomb_stops_at_the_cap() -> None:
    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)  # ~50 KB that inflate to 50 MB
    assert len(bomb) < 100_000
    with pytest.raises(NewsfoldError) as info:
        decompress(bomb, "gzip", max_bytes=1_000_000, source="http://x/bomb")
    assert info.value.code == "NF406"
    assert info.value.source == "http://x/bomb"


def test_exact_cap_is_allowed() -> None:
    assert len(decompress(gzip.compress(b"a" * 1000), "gzip", max_bytes=1000, source="s")) == 1000
    with pytest.raises(NewsfoldError):
        decompress(gzip.compress(b"a" * 1001), "gzip", max_bytes=1000, source="s")


@pytest.mark.parametrize(
    "data, coding",
    [
        (b"not gzip at all", "gzip"),
        (gzip.compress(TEXT.encode())[:-20], "gzip"),
        (b"\xff\xfe", "deflate"),
        (b"abc", "br"),
        (b"abc", "compress"),
    ],
)
def test_bad_or_unknown_coding_is_nf409(data: bytes, coding: str) -> None:
    with pytest.raises(NewsfoldError) as info:
        decompress(data, coding, max_bytes=10_000, source="s")
    assert info.value.code == "NF409"
