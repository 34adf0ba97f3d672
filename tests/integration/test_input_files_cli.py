"""Inputs as users have them, through the newsfold command: saved RSS 2.0, RSS 1.0 and Atom feeds, WARC
files, and folders of mixed files (what a walk skips is named, and nothing read at all is exit 1)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsfold.cli import main

QUOTES = {
    "rss": ("“We will open the bridge again on Monday,” said Petra Holm, the harbour mayor.",
            "We will open the bridge again on Monday,", "Petra Holm"),
    "rdf": ("“The ferry will run every hour until the bridge reopens,” said Jon Eik, the operator.",
            "The ferry will run every hour until the bridge reopens,", "Jon Eik"),
    "atom": ("“Repairs will cost four million euros,” said Mia Sand, the council treasurer.",
             "Repairs will cost four million euros,", "Mia Sand"),
}

RSS2 = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Harbour Gazette</title><link>https://gazette.example/</link>
  <item><title>Bridge to reopen on Monday</title><link>https://gazette.example/news/bridge</link>
    <pubDate>Tue, 14 Nov 2023 08:30:00 GMT</pubDate><dc:creator>Ola Brenn</dc:creator>
    <content:encoded><![CDATA[<p>{QUOTES["rss"][0]}</p><style>p {{margin: 0}}</style>]]></content:encoded>
  </item>
</channel></rss>"""

RSS1 = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://ledger.example/"><title>Northern Ledger</title>
    <link>https://ledger.example/</link></channel>
  <item rdf:about="https://ledger.example/a/1"><title>Ferry timetable</title>
    <link>https://ledger.example/a/1</link><dc:date>2023-11-13</dc:date><dc:creator>Kai Lund</dc:creator>
    <description>&lt;p&gt;{QUOTES["rdf"][0]}&lt;/p&gt;</description></item>
</rdf:RDF>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Post</title>
  <entry><title>The cost of the bridge</title><id>tag:post.example,2023:1</id>
    <link href="https://post.example/s/1"/><published>2023-11-15T07:00:00Z</published>
    <author><name>Ida Berg</name></author>
    <content type="html">&lt;p&gt;{QUOTES["atom"][0]}&lt;/p&gt;</content></entry>
</feed>"""

EXPECTED = {  # doc: (outlet, title, date, author)
    "https://gazette.example/news/bridge": ("The Harbour Gazette", "Bridge to reopen on Monday", "2023-11-14",
                                            "Ola Brenn"),
    "https://ledger.example/a/1": ("Northern Ledger", "Ferry timetable", "2023-11-13", "Kai Lund"),
    "https://post.example/s/1": ("Coast Post", "The cost of the bridge", "2023-11-15", "Ida Berg"),
}
KIND_OF = {"https://gazette.example/news/bridge": "rss", "https://ledger.example/a/1": "rdf",
           "https://post.example/s/1": "atom"}


def write_feeds(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = [folder / "gazette.rss", folder / "ledger.xml", folder / "post.atom"]
    for path, text in zip(paths, (RSS2, RSS1, ATOM), strict=True):
        path.write_text(text, encoding="utf-8")
    return paths


def quote_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def exported(db: Path, out: Path) -> list[dict]:
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    return quote_records(out)


def check_quotes(records: list[dict], docs: set[str]) -> None:
    quotes = [r for r in records if r["type"] == "quote"]
    assert {q["doc"] for q in quotes} == docs
    for q in quotes:
        _, text, speaker = QUOTES[KIND_OF[q["doc"]]]
        assert (q["kind"], q["text"], q["speaker"]) == ("direct", text, speaker)


def check_articles(records: list[dict], docs: set[str]) -> None:
    articles = {r["doc"]: r for r in records if r["type"] == "article"}
    assert set(articles) == docs
    for doc, a in articles.items():
        assert (a["outlet"], a["title"], a["date"], a["author"]) == EXPECTED[doc]


@pytest.mark.parametrize("kind", ["files", "folder"])
def test_feed_files_through_extract_story_and_ingest(tmp_path, capsys, kind):
    paths = write_feeds(tmp_path / "feeds")
    inputs = [str(p) for p in paths] if kind == "files" else [str(tmp_path / "feeds")]
    out = tmp_path / "q.jsonl"
    assert main(["extract", *inputs, "-o", str(out), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "NF" not in err and "warning" not in err, err
    check_quotes(quote_records(out), set(EXPECTED))

    assert main(["story", *inputs, "-o", str(tmp_path / "story"), "--workers", "1", "--regroup"]) == 0
    story_files = list((tmp_path / "story").rglob("story.json"))
    articles = {a["doc"]: a for f in story_files for a in json.loads(f.read_text())["articles"]}
    assert {d: (a["outlet"], a["title"], a["date"]) for d, a in articles.items()} == {
        d: e[:3] for d, e in EXPECTED.items()}

    db = tmp_path / "s.db"
    assert main(["ingest", *inputs, "--db", str(db), "--workers", "1"]) == 0
    records = exported(db, tmp_path / "all.jsonl")
    check_articles(records, set(EXPECTED))
    check_quotes(records, set(EXPECTED))


def test_a_malformed_feed_file_is_one_nf408_line_and_the_rest_goes_on(tmp_path, capsys):
    paths = write_feeds(tmp_path / "feeds")
    (tmp_path / "feeds" / "broken.rss").write_text(RSS2[:200], encoding="utf-8")
    out = tmp_path / "q.jsonl"
    assert main(["extract", str(tmp_path / "feeds"), "-o", str(out), "--workers", "1"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if " NF" in line]
    assert len(errors) == 1 and errors[0].startswith(f"newsfold: NF408 {tmp_path / 'feeds' / 'broken.rss'}: ")
    check_quotes(quote_records(out), set(EXPECTED))
    assert len(paths) == 3


# --- WARC files ------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>{title}</title>
<meta property="og:site_name" content="{outlet}"></head><body><article>
<h1>{title}</h1>
<p>The harbour council voted on Tuesday to rebuild the old sea wall before the winter storms arrive,
after two years of temporary repairs that residents said had failed every spring.</p>
<p>{quote}</p>
<p>Work is due to start next month and to cost about four million euros, the council said.</p>
</article></body></html>"""


def write_warc(path: Path, pages: list[tuple[str, str, str, str]]) -> None:
    """A CC-NEWS-style WARC (gzip per record): a warcinfo record, then per (url, title, outlet, quote) a
    response, with an image response among them that is not an article."""
    pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsfold tests"}))
    responses = [(url, PAGE.format(title=t, outlet=o, quote=q).encode(), "text/html; charset=utf-8")
                 for url, t, o, q in pages]
    responses.insert(1, ("https://courier.example/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png"))
    for url, body, ctype in responses:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    path.write_bytes(buf.getvalue())


WARC_PAGES = [
    ("https://courier.example/wall", "Council approves sea wall", "The Westport Courier",
     "“We cannot wait another winter,” said council leader Mara Holt."),
    ("https://ledger.example/wall", "Sea wall plan approved", "Northern Ledger",
     "“We cannot wait another winter,” council leader Mara Holt said on Tuesday."),
]


def test_a_warc_file_through_extract_story_and_ingest(tmp_path, capsys):
    warc = tmp_path / "news.warc.gz"
    write_warc(warc, WARC_PAGES)
    urls = {p[0] for p in WARC_PAGES}

    out = tmp_path / "q.jsonl"
    assert main(["extract", str(warc), "-o", str(out), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "looks binary" not in err and "NF" not in err, err
    quotes = quote_records(out)
    assert {q["doc"] for q in quotes} == urls  # named by their URLs, as `newsfold spark` names them
    assert all(q["speaker"] == "Mara Holt" and q["text"].startswith("We cannot wait another winter")
               for q in quotes if q["kind"] == "direct")

    assert main(["story", str(warc), "-o", str(tmp_path / "story"), "--workers", "1"]) == 0
    story = json.loads((tmp_path / "story" / "story.json").read_text(encoding="utf-8"))
    assert {a["doc"]: a["outlet"] for a in story["articles"]} == {p[0]: p[2] for p in WARC_PAGES}
    records = quote_records(tmp_path / "story" / "records.jsonl")
    assert any(r["type"] == "alignment" for r in records)  # the two outlets' wordings of one utterance

    db = tmp_path / "s.db"
    assert main(["ingest", str(warc), "--db", str(db), "--workers", "1"]) == 0
    stored = exported(db, tmp_path / "all.jsonl")
    titles = {r["doc"]: r["title"] for r in stored if r["type"] == "article"}
    assert titles == {p[0]: p[1] for p in WARC_PAGES}


def test_a_corrupt_warc_record_is_nf110_and_the_rest_is_read(tmp_path, capsys):
    warc = tmp_path / "news.warc.gz"
    write_warc(warc, WARC_PAGES)
    data = bytearray(warc.read_bytes())
    starts = [i for i in range(len(data)) if data.startswith(b"\x1f\x8b\x08", i)]
    data[starts[1] + 20 : starts[1] + 60] = b"\xff" * 40  # the first page's record
    warc.write_bytes(bytes(data))
    out = tmp_path / "q.jsonl"
    assert main(["extract", str(warc), "-o", str(out), "--workers", "1"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if " NF" in line]
    assert len(errors) == 1 and errors[0].startswith(f"newsfold: NF110 {warc}@{starts[1]}: ")
    assert {q["doc"] for q in quote_records(out)} == {"https://ledger.example/wall"}


# --- folders of mixed files ------------------------------------------------------------------------------


def mixed_folder(folder: Path) -> dict[str, str]:
    """Files a folder walk skips, and the words its line gives for each."""
    folder.mkdir()
    (folder / "table.csv").write_text("doc,text\n1,hello\n", encoding="utf-8")
    (folder / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url/></urlset>', encoding="utf-8")
    (folder / "blob.dat").write_bytes(bytes(range(256)) * 8)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200))
    return {"table.csv": ".csv tables are not read", "sitemap.xml": "not an RSS or Atom feed",
            "blob.dat": "binary data (.dat)", "photo.jpg": "binary data (.jpg)"}


def skipped_lines(err: str) -> dict[str, str]:
    lines = [line for line in err.splitlines() if ": skipped: " in line]
    assert all(line.startswith("newsfold: warning: ") for line in lines)
    return {Path(line.split(": skipped: ")[0].removeprefix("newsfold: warning: ")).name:
            line.split(": skipped: ")[1] for line in lines}


def test_a_mixed_folder_names_what_it_skips_and_exits_0_when_some_is_read(tmp_path, capsys):
    folder = tmp_path / "mixed"
    reasons = mixed_folder(folder)
    (folder / "story.txt").write_text("“The bridge is safe,” Mayor Ana Lund said on Monday.",
                                      encoding="utf-8")
    write_feeds(folder / "feeds")
    out = tmp_path / "q.jsonl"
    assert main(["extract", str(folder), "-o", str(out), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    lines = skipped_lines(err)
    assert set(lines) == set(reasons) and all(reasons[n] in lines[n] for n in reasons)
    assert len([line for line in err.splitlines() if "skipped" in line]) == len(reasons)
    assert " NF" not in err
    assert {q["doc"] for q in quote_records(out)} == {str(folder / "story.txt"), *EXPECTED}


@pytest.mark.parametrize("command", ["extract", "story", "ingest"])
def test_a_folder_with_nothing_readable_exits_1(tmp_path, capsys, command):
    folder = tmp_path / "mixed"
    reasons = mixed_folder(folder)
    target = {"extract": ["-o", str(tmp_path / "q.jsonl")], "story": ["-o", str(tmp_path / "story")],
              "ingest": ["--db", str(tmp_path / "s.db")]}[command]
    assert main([command, str(folder), *target, "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert set(skipped_lines(err)) == set(reasons)
    assert (f"newsfold: NF112 {folder}: nothing read in the folder: none of its 4 files is one newsfold "
            "reads") in err
