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


def check_read(item: Article | Failure, name: str) -> None:
    if isinstance(item, Failure):
        assert item.error.code in CATALOGUE and name in item.line()
    else:
        check_article(item)


@FUZZ
@given(data=st.one_of(encoded(), st.binary(max_size=400)),
       suffix=st.sampled_from([".rss", ".atom", ".xml", ".warc.gz", ".warc", ""]))
def test_any_bytes_as_a_feed_or_warc_file_give_articles_or_typed_failures(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("f") / f"input{suffix}"
    path.write_bytes(data)
    for item in read_paths([str(path)]):
        check_read(item, "input")


feed_markup = st.one_of(html_doc, st.text(max_size=200), st.sampled_from(
    ["<p>“Fine,” Ana Lund said.</p>", "<aside><p>a</p></aside>", "<script>x</script>", "&lt;p&gt;", "]]>",
     "<div xmlns='http://www.w3.org/1999/xhtml'><p>x</p></div>", "<br><br>", "&amp;amp;"]))


@st.composite
def feed_files(draw) -> bytes:
    """An RSS 2.0, RSS 1.0 or Atom document whose items hold drawn HTML, as CDATA, escaped or inline."""
    from html import escape

    kind = draw(st.sampled_from(["rss", "rdf", "atom"]))
    items = []
    for n, markup in enumerate(draw(st.lists(feed_markup, max_size=4))):
        way = draw(st.sampled_from(["cdata", "escaped", "inline"]))
        body = {"cdata": f"<![CDATA[{markup}]]>", "escaped": escape(markup), "inline": markup}[way]
        link = draw(st.sampled_from([f"https://x.example/{n}", "", "/rel", "javascript:x"]))
        if kind == "atom":
            items.append(f'<entry><id>{n}</id><link href="{escape(link)}"/>'
                         f'<content type="{"xhtml" if way == "inline" else "html"}">{body}</content></entry>')
        elif kind == "rss":
            items.append(f"<item><link>{escape(link)}</link><content:encoded>{body}</content:encoded></item>")
        else:
            items.append(f'<item rdf:about="{escape(link)}"><description>{body}</description></item>')
    joined = "".join(items)
    doc = {
        "rss": '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
               f"<title>T</title><link>https://x.example/</link>{joined}</channel></rss>",
        "rdf": '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
               f"<channel><title>T</title></channel>{joined}</rdf:RDF>",
        "atom": f'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>{joined}</feed>',
    }[kind]
    return doc.encode("utf-8", "surrogatepass")


@FUZZ
@given(data=feed_files())
def test_feed_files_with_any_item_html_give_articles_or_typed_failures(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("f") / "feed.xml"
    path.write_bytes(data)
    for item in read_paths([str(path)]):
        check_read(item, "feed.xml")
        if isinstance(item, Article):
            assert item.outlet == "T" and "<script" not in item.text
