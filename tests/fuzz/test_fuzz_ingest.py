"""Property tests: every ingest reader yields an Article or a typed error for any bytes at all."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfold.errors import CATALOGUE, Failure, NewsfoldError
from newsfold.ingest import read_paths
from newsfold.ingest.html import read_html
from newsfold.ingest.text import text_from_bytes
from newsfold.models import Article

from .strategies import encoded

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])


def check_article(article: Article) -> None:
    assert isinstance(article.text, str) and article.text.strip()
    s, e = article.body
    assert 0 <= s < e <= len(article.text)
    for r in article.residue:
        assert r.text == article.text[r.start:r.end]


@FUZZ
@given(data=st.one_of(encoded(), st.binary(max_size=400)))
def test_plain_text_bytes(data):
    try:
        check_article(text_from_bytes(data, doc="f.txt", source="f.txt"))
    except NewsfoldError as err:
        assert err.code in CATALOGUE and "f.txt" in err.line()


html_doc = st.builds(
    lambda head, body, junk: f"<html><head><title>{head}</title></head><body><article><p>{body}</p>"
                             f"<p>{junk}</p></article></body></html>",
    st.text(max_size=40), st.text(max_size=300),
    st.sampled_from(["", "<script>alert(1)</script>", "<p><p><div>", "&#0;&#xD800;&bogus;", "<![CDATA[x",
                     "\x00\x01"]))


@FUZZ
@given(page=st.one_of(html_doc, st.text(max_size=300)), raw=st.booleans())
def test_html_pages(page, raw):
    try:
        check_article(read_html(page.encode("utf-8", "surrogatepass") if raw else page,
                                doc="p.html", source="p.html"))
    except NewsfoldError as err:
        assert err.code in CATALOGUE
    except UnicodeEncodeError:
        pass  # a lone surrogate cannot be bytes in the first place: not an input a file can hold


@FUZZ
@given(lines=st.lists(st.one_of(st.text(max_size=60), st.just('{"text": "A \\u201cquote\\u201d, she said."}'),
                                st.just('{"html": "<p>x</p>"}'), st.just("[1,2]"), st.just('{"text": 5}')),
                      max_size=8))
def test_jsonl_files(tmp_path_factory, lines):
    path: Path = tmp_path_factory.mktemp("j") / "a.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    for item in read_paths([str(path)]):
        if isinstance(item, Failure):
            assert item.error.code in CATALOGUE and "a.jsonl" in item.line()
        else:
            check_article(item)


def _warc_record(payload: bytes) -> bytes:
    import gzip

    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + payload
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/a\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: " + str(len(http)).encode())
    return gzip.compress(head + b"\r\n\r\n" + http + b"\r\n\r\n", mtime=0)


@FUZZ
@given(payloads=st.lists(st.one_of(st.binary(max_size=200),
                                   html_doc.map(lambda s: s.encode("utf-8", "replace"))),
                         min_size=1, max_size=4),
       cuts=st.lists(st.integers(0, 400), max_size=3), flips=st.lists(st.integers(0, 2000), max_size=3))
def test_warc_files_with_cut_and_flipped_records(tmp_path_factory, payloads, cuts, flips):
    from newsfold.ingest.warc import read_warc

    data = bytearray(b"".join(_warc_record(p) for p in payloads))
    for f in flips:
        if data:
            data[f % len(data)] ^= 0x5A
    for c in cuts:
        del data[c % (len(data) + 1):][:7]
    path = tmp_path_factory.mktemp("w") / "f.warc.gz"
    path.write_bytes(bytes(data))
    for item in read_warc(path, max_bytes=1 << 20):
        if isinstance(item, Failure):
            assert item.error.code in CATALOGUE and "f.warc.gz" in item.line()
        else:
            check_article(item)
