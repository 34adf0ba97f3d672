"""WARC files in CC-NEWS's layout (one gzip member per record), written here with warcio."""

from __future__ import annotations

import gzip
import io

import pytest

from newsfold.ingest.warc import WarcStats, read_warc

# warcio comes with the spark extra, which `make` installs; it writes the fixtures and reads them.
pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

PAGE = """<!DOCTYPE html><html><head><title>{title}</title>
<meta property="og:site_name" content="The Westport Courier"></head><body><article>
<h1>{title}</h1>
<p>The harbour council voted on Tuesday to rebuild the old sea wall before the winter storms arrive.</p>
<p>"We cannot wait another year," said council leader Mara Holt, who proposed the plan in March.</p>
<p>Work is due to start next month and to cost about four million euros, the council said.</p>
</article></body></html>"""


def write_warc(records: list[tuple[str, str, bytes, str]]) -> bytes:
    """A WARC, gzip per record, with a warcinfo record then one response per (url, status, body, type)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "newsfold tests"}))
    for url, status, body, ctype in records:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
        )
    return out.getvalue()


def page(title: str) -> bytes:
    return PAGE.format(title=title).encode("utf-8")


def test_reads_html_responses_and_skips_the_rest(tmp_path):
    path = tmp_path / "news.warc.gz"
    path.write_bytes(
        write_warc(
            [
                (
                    "https://courier.example/a",
                    "200 OK",
                    page("Council approves harbour wall"),
                    "text/html; charset=utf-8",
                ),
                ("https://courier.example/logo.png", "200 OK", b"\x89PNG....", "image/png"),
                ("https://courier.example/old", "301 Moved Permanently", b"", "text/html"),
                ("https://courier.example/b", "200 OK", page("Sea wall work to start"), "text/html"),
            ]
        )
    )
    stats = WarcStats()
    items = list(read_warc(path, stats=stats))
    assert [a.doc for a in items] == ["https://courier.example/a", "https://courier.example/b"]
    assert items[0].title == "Council approves harbour wall"
    assert "Mara Holt" in items[0].text
    assert items[0].url == "https://courier.example/a"
    assert items[0].source.startswith(str(path) + "@")
    assert (stats.records, stats.articles, stats.skipped, stats.corrupt) == (5, 2, 3, 0)


def test_a_corrupt_record_is_skipped_and_counted(tmp_path):
    data = write_warc(
        [
            ("https://courier.example/a", "200 OK", page("First report"), "text/html"),
            ("https://courier.example/b", "200 OK", page("Second report"), "text/html"),
            ("https://courier.example/c", "200 OK", page("Third report"), "text/html"),
        ]
    )
    # The members start at each gzip header; garble the deflate stream of the second response.
    starts = [i for i in range(len(data)) if data.startswith(b"\x1f\x8b\x08", i)]
    assert len(starts) == 4
    bad = bytearray(data)
    mid = (starts[2] + starts[3]) // 2
    bad[mid : mid + 40] = b"\xff" * 40
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(bytes(bad))
    stats = WarcStats()
    items = list(read_warc(path, stats=stats))
    docs = [a.doc for a in items if not hasattr(a, "error")]
    failures = [f for f in items if hasattr(f, "error")]
    assert docs == ["https://courier.example/a", "https://courier.example/c"]
    assert stats.corrupt == 1
    assert len(failures) == 1 and failures[0].error.code == "NF110"
    assert failures[0].source == f"{path}@{starts[2]}"


def test_a_truncated_file_keeps_the_records_before_the_cut(tmp_path):
    data = write_warc(
        [
            ("https://courier.example/a", "200 OK", page("First report"), "text/html"),
            ("https://courier.example/b", "200 OK", page("Second report"), "text/html"),
        ]
    )
    path = tmp_path / "short.warc.gz"
    path.write_bytes(data[: len(data) - 30])
    items = list(read_warc(path))
    assert [a.doc for a in items if not hasattr(a, "error")] == ["https://courier.example/a"]
    assert [f.error.code for f in items if hasattr(f, "error")] == ["NF110"]


def test_garbage_and_missing_files_are_failures_not_exceptions(tmp_path):
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(gzip.compress(b"this is not a WARC record at all\r\n\r\n"))
    assert [f.error.code for f in read_warc(path)] == ["NF110"]
    assert [f.error.code for f in read_warc(tmp_path / "absent.warc.gz")] == ["NF101"]
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    assert [f.error.code for f in read_warc(empty)] == ["NF104"]


def test_the_http_charset_decodes_the_page(tmp_path):
    body = page("Café council approves harbour wall").decode("utf-8").encode("cp1252")
    path = tmp_path / "latin.warc.gz"
    path.write_bytes(
        write_warc([("https://courier.example/c", "200 OK", body, "text/html; charset=windows-1252")])
    )
    (article,) = list(read_warc(path))
    assert article.title == "Café council approves harbour wall"
    assert article.encoding == "cp1252"


def test_a_decompression_bomb_costs_the_cap_not_its_size(tmp_path):
    import gzip
    import io
    import tracemalloc

    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as g:  # 64 MB of zeros in about 64 kB
        g.write(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 67108864\r\n\r\n")
        for _ in range(64):
            g.write(b"\0" * (1 << 20))
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(buf.getvalue())
    tracemalloc.start()
    out = list(read_warc(path, max_bytes=1_000_000))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [f.error.code for f in out] == ["NF107"]
    assert peak < 16_000_000  # the cap plus a chunk or two, never the 64 MB the member inflates to


# --- WARC files among the inputs of extract, story and ingest (read_paths) -----------------------------


def test_read_paths_reads_warc_files_by_name_and_by_their_bytes(tmp_path):
    from newsfold.ingest import read_paths

    records = [("https://courier.example/a", "200 OK", page("First report"), "text/html"),
               ("https://courier.example/logo.png", "200 OK", b"\x89PNG....", "image/png"),
               ("https://courier.example/b", "200 OK", page("Second report"), "text/html")]
    (tmp_path / "crawl.warc.gz").write_bytes(write_warc(records))
    (tmp_path / "download.bin").write_bytes(write_warc([records[0], records[2]]))  # named otherwise
    warnings: list[str] = []
    out = list(read_paths([str(tmp_path)], on_warning=warnings.append))
    # doc ids are the records' URLs, as `newsfold spark` names them; a URL crawled twice is read once
    assert [a.doc for a in out] == ["https://courier.example/a", "https://courier.example/b"]
    assert [a.source.rsplit("@", 1)[0] for a in out] == [str(tmp_path / "crawl.warc.gz")] * 2
    assert warnings == [f"{tmp_path / 'download.bin'}: 2 records repeat a URL read before: the first copy "
                        "of each is kept"]


def test_an_uncompressed_warc_is_read_record_by_record(tmp_path):
    from warcio.warcwriter import WARCWriter

    from newsfold.ingest import read_paths

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for n in range(3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://courier.example/{n}", "response",
                                                      payload=io.BytesIO(page(f"Report {n}")),
                                                      http_headers=headers))
    path = tmp_path / "plain.warc"
    path.write_bytes(out.getvalue())
    assert [a.title for a in read_paths([str(path)])] == ["Report 0", "Report 1", "Report 2"]


def test_a_corrupt_record_through_read_paths_is_nf110_and_the_rest_is_read(tmp_path):
    from newsfold.errors import Failure
    from newsfold.ingest import read_paths

    data = write_warc([("https://courier.example/a", "200 OK", page("First report"), "text/html"),
                       ("https://courier.example/b", "200 OK", page("Second report"), "text/html")])
    starts = [i for i in range(len(data)) if data.startswith(b"\x1f\x8b\x08", i)]
    bad = bytearray(data)
    bad[starts[1] + 20 : starts[1] + 60] = b"\xff" * 40
    path = tmp_path / "news.warc.gz"
    path.write_bytes(bytes(bad))
    out = list(read_paths([str(path)]))
    assert [o.error.code for o in out if isinstance(o, Failure)] == ["NF110"]
    assert [o.doc for o in out if not isinstance(o, Failure)] == ["https://courier.example/b"]
