"""Feed files on disk: RSS 2.0, RSS 1.0 and Atom items read from their own HTML, nothing fetched."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from newsfold.errors import Failure, NewsfoldError
from newsfold.ingest import read_paths
from newsfold.ingest.feedfile import item_text
from newsfold.ingest.html import read_html
from newsfold.models import Article

QUOTE = "“We will open the bridge again on Monday,” said Petra Holm, the harbour mayor."
MORE = ("<p>The council voted seven to two on Tuesday evening to repair the old swing bridge, which has been "
        "closed to traffic since the winter storms cracked two of its piers.</p>"
        "<p>Ferry crossings will continue until the work is signed off by the engineers.</p>")

RSS2 = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>The Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <item>
    <title>Bridge to reopen on Monday</title>
    <link>/news/bridge</link>
    <pubDate>Tue, 14 Nov 2023 08:30:00 GMT</pubDate>
    <dc:creator>Ola Brenn</dc:creator>
    <description>A short teaser.</description>
    <content:encoded><![CDATA[<p>{QUOTE}</p>{MORE}<script>track("x")</script>
      <style>.ad {{color: red}}</style>]]></content:encoded>
  </item>
  <item>
    <title>Ferry timetable</title>
    <link>https://gazette.example/news/ferry</link>
    <description>&lt;p&gt;“The ferry runs every hour,” said Jon Eik.&lt;/p&gt;</description>
  </item>
</channel>
</rss>"""

RSS1 = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel rdf:about="https://ledger.example/"><title>Northern Ledger</title>
    <link>https://ledger.example/</link></channel>
  <item rdf:about="https://ledger.example/a/1">
    <title>Bridge repairs approved</title><link>https://ledger.example/a/1</link>
    <dc:date>2023-11-13T09:00:00Z</dc:date><dc:creator>Mia Sand</dc:creator>
    <content:encoded>&lt;p&gt;{QUOTE}&lt;/p&gt;</content:encoded>
  </item>
</rdf:RDF>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Coast Post</title>
  <link rel="alternate" href="https://post.example/"/>
  <author><name>Post Desk</name></author>
  <entry>
    <title>Mayor on the bridge</title>
    <id>tag:post.example,2023:1</id>
    <link rel="alternate" type="text/html" href="https://post.example/s/1"/>
    <published>2023-11-15T07:00:00Z</published>
    <author><name>Kai Lund</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{QUOTE}</p></div></content>
  </entry>
  <entry>
    <title>Summary only</title>
    <id>tag:post.example,2023:2</id>
    <link href="https://post.example/s/2"/>
    <updated>2023-11-16T07:00:00Z</updated>
    <summary>The ferry &lt;runs&gt; every hour, the operator said.</summary>
  </entry>
</feed>"""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a feed file fetches nothing: any connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)


def read(*paths: Path) -> tuple[list[Article], list[Failure], list[str]]:
    warnings: list[str] = []
    out = list(read_paths([str(p) for p in paths], on_warning=warnings.append))
    return ([o for o in out if isinstance(o, Article)], [o for o in out if isinstance(o, Failure)], warnings)


def test_rss2_items_are_articles_with_the_feed_metadata(tmp_path: Path) -> None:
    path = tmp_path / "gazette.rss"
    path.write_text(RSS2, encoding="utf-8")
    arts, fails, _ = read(path)
    assert fails == []
    bridge, ferry = arts
    assert bridge.doc == bridge.url == "https://gazette.example/news/bridge"  # resolved on the channel link
    assert (bridge.title, bridge.date, bridge.author, bridge.outlet) == (
        "Bridge to reopen on Monday", "2023-11-14", "Ola Brenn", "The Harbour Gazette")
    assert bridge.source == f"{path}#1"
    # content:encoded, the fullest text, is read rather than the teaser; script and style are not text
    assert QUOTE in bridge.text and "teaser" not in bridge.text
    assert "track(" not in bridge.text and "color" not in bridge.text and "<" not in bridge.text
    # an escaped-HTML description too short for main-text extraction is read as its paragraphs
    assert ferry.text == "“The ferry runs every hour,” said Jon Eik."
    assert (ferry.outlet, ferry.date, ferry.author) == ("The Harbour Gazette", None, None)


def test_rss1_rdf_file(tmp_path: Path) -> None:
    path = tmp_path / "ledger.rdf"
    path.write_text(RSS1, encoding="utf-8")
    arts, fails, _ = read(path)
    assert fails == [] and len(arts) == 1
    a = arts[0]
    assert (a.doc, a.title, a.date, a.author, a.outlet) == (
        "https://ledger.example/a/1", "Bridge repairs approved", "2023-11-13", "Mia Sand", "Northern Ledger")
    assert a.text == QUOTE


def test_atom_file_xhtml_content_and_text_summary(tmp_path: Path) -> None:
    path = tmp_path / "post.atom"
    path.write_text(ATOM, encoding="utf-8")
    arts, fails, _ = read(path)
    assert fails == []
    first, second = arts
    assert (first.doc, first.title, first.date, first.author, first.outlet) == (
        "https://post.example/s/1", "Mayor on the bridge", "2023-11-15", "Kai Lund", "Coast Post")
    assert first.text == QUOTE
    # a type="text" summary stays text: its angle brackets are characters, not markup
    assert second.text == "The ferry <runs> every hour, the operator said."
    assert second.author == "Post Desk" and second.date == "2023-11-16"


def test_feeds_are_told_by_their_bytes_whatever_their_name(tmp_path: Path) -> None:
    (tmp_path / "saved.txt").write_text(RSS2, encoding="utf-8")
    (tmp_path / "download").write_text(ATOM, encoding="utf-8")  # no extension: sniffed in a folder walk
    (tmp_path / "ledger.xml").write_text(RSS1, encoding="utf-8")
    arts, fails, warnings = read(tmp_path)
    assert fails == [] and warnings == []
    assert [a.outlet for a in arts] == ["Coast Post", "Coast Post", "Northern Ledger", "The Harbour Gazette",
                                        "The Harbour Gazette"]
    assert not any("xmlns" in a.text or "content:encoded" in a.text for a in arts)


def test_a_malformed_feed_is_one_nf408_line_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a-broken.xml").write_text(RSS2[: len(RSS2) // 2], encoding="utf-8")
    (tmp_path / "b-good.rss").write_text(RSS2, encoding="utf-8")
    (tmp_path / "c-bomb.rss").write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]><rss><channel><title>&a;</title>'
        "</channel></rss>", encoding="utf-8")
    arts, fails, _ = read(tmp_path)
    assert len(arts) == 2
    assert [(Path(f.source).name, f.error.code) for f in fails] == [("a-broken.xml", "NF408"),
                                                                     ("c-bomb.rss", "NF408")]


def test_items_without_text_are_one_line_pointing_at_follow_links(tmp_path: Path) -> None:
    path = tmp_path / "headlines.rss"
    path.write_text('<rss version="2.0"><channel><title>Wire</title>'
                    "<item><title>One</title><link>https://wire.example/1</link></item>"
                    "<item><title>Two</title><link>https://wire.example/2</link></item>"
                    f"<item><title>Three</title><description>{QUOTE}</description></item>"
                    "</channel></rss>", encoding="utf-8")
    arts, fails, _ = read(path)
    assert [a.doc for a in arts] == [f"{path}#3"]  # no link: named by the file and the item's place
    assert arts[0].text == QUOTE
    assert len(fails) == 1 and fails[0].error.code == "NF104"
    assert "2 of the feed's 3 items hold no text" in fails[0].line() and "--follow-links" in fails[0].line()


def test_an_empty_feed_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "empty.rss"
    path.write_text('<rss version="2.0"><channel><title>Wire</title></channel></rss>', encoding="utf-8")
    arts, fails, _ = read(path)
    assert arts == [] and [f.error.code for f in fails] == ["NF104"]


def test_item_html_without_main_text_falls_back_to_its_paragraphs() -> None:
    # page furniture (an aside) is pruned before main-text extraction, which then finds nothing: the
    # item's own blocks are its text, one paragraph each
    markup = f"<aside><p>{QUOTE}</p><p>Second <b>paragraph</b><br>on two lines.</p></aside>"
    with pytest.raises(NewsfoldError):
        read_html(f"<html><body><article>{markup}</article></body></html>", doc="d", source="s")
    a = item_text(markup, doc="d", source="s", url="https://x.example/1")
    assert a.text == f"{QUOTE}\n\nSecond paragraph on two lines." and a.url == "https://x.example/1"
    with pytest.raises(NewsfoldError) as err:
        item_text("<script>only()</script>", doc="d", source="s")
    assert err.value.code == "NF104"
