"""The feed parser: RSS 2.0, RSS 1.0 and Atom read, entity declarations refused, the rest a typed error."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.errors import NewsfoldError
from newsfold.ingest.feeds import iso_date, looks_like_feed, parse_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Westport Courier</title>
  <link>https://courier.example/</link>
  <item>
    <title>Council approves harbour wall</title>
    <link>/news/harbour-wall</link>
    <guid isPermaLink="false">courier-1841</guid>
    <pubDate>Tue, 14 Nov 2023 08:30:00 GMT</pubDate>
    <dc:creator>Priya Calder</dc:creator>
  </item>
  <item>
    <title>Ferry &lt;b&gt;resumes&lt;/b&gt; &amp; sails</title>
    <guid>https://courier.example/news/ferry</guid>
    <pubDate>not a date</pubDate>
  </item>
  <item><description>No link, no guid.</description></item>
</channel>
</rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Northern &lt;em&gt;Ledger&lt;/em&gt;</title>
  <link rel="alternate" href="https://ledger.example/"/>
  <link rel="self" href="https://ledger.example/feed.atom"/>
  <author><name>Ledger Desk</name></author>
  <entry>
    <title>Flood defences tested</title>
    <id>tag:ledger.example,2023:77</id>
    <link rel="edit" href="https://ledger.example/edit/77"/>
    <link rel="alternate" type="text/html" href="stories/77"/>
    <updated>2023-11-15T10:00:00Z</updated>
    <published>2023-11-14T22:15:00+01:00</published>
    <author><name>Ola Brenn</name></author>
  </entry>
  <entry>
    <title>Second entry</title>
    <id>tag:ledger.example,2023:78</id>
    <link href="https://ledger.example/stories/78"/>
    <updated>2023-11-16</updated>
  </entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://gazette.example/"><title>Gazette</title><link>https://gazette.example/</link></channel>
  <item rdf:about="https://gazette.example/a/1">
    <title>Bridge reopens</title><link>https://gazette.example/a/1</link><dc:date>2023-11-13</dc:date>
  </item>
</rdf:RDF>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&secret;</title></channel></rss>"""


def test_rss_items_links_and_metadata() -> None:
    feed = parse_feed(RSS, source="f", base_url="https://courier.example/rss.xml")
    assert (feed.kind, feed.title, feed.link) == ("rss", "The Westport Courier", "https://courier.example/")
    first, second, third = feed.items
    assert first.link == "https://courier.example/news/harbour-wall"  # relative link resolved
    assert first.key == "courier-1841"
    assert (first.title, first.date, first.author) == (
        "Council approves harbour wall",
        "2023-11-14",
        "Priya Calder",
    )
    # A permalink guid stands in for a missing link; an escaped-HTML title loses its tags.
    assert second.link == "https://courier.example/news/ferry"
    assert second.title == "Ferry resumes & sails"
    assert second.date is None
    assert third.link is None


def test_atom_entries_prefer_the_html_alternate_link() -> None:
    feed = parse_feed(ATOM, source="f", base_url="https://ledger.example/feed.atom")
    assert (feed.kind, feed.title, feed.link) == ("atom", "Northern Ledger", "https://ledger.example/")
    first, second = feed.items
    assert first.link == "https://ledger.example/stories/77"
    assert first.key == "tag:ledger.example,2023:77"
    assert (first.title, first.date, first.author) == ("Flood defences tested", "2023-11-14", "Ola Brenn")
    assert second.link == "https://ledger.example/stories/78"
    assert (second.date, second.author) == ("2023-11-16", "Ledger Desk")  # the feed's author stands in


def test_rss1_rdf() -> None:
    feed = parse_feed(RDF, source="f")
    assert (feed.kind, feed.title) == ("rdf", "Gazette")
    assert [(i.link, i.title, i.date) for i in feed.items] == [
        ("https://gazette.example/a/1", "Bridge reopens", "2023-11-13")
    ]


def test_billion_laughs_is_refused_at_once() -> None:
    start = time.perf_counter()
    with pytest.raises(NewsfoldError) as info:
        parse_feed(BILLION_LAUGHS, source="http://x/feed")
    assert info.value.code == "NF408"
    assert "EntitiesForbidden" in info.value.detail
    assert time.perf_counter() - start < 5  # generous: expanded, this would take minutes and gigabytes


def test_external_entity_is_refused() -> None:
    with pytest.raises(NewsfoldError) as info:
        parse_feed(EXTERNAL_ENTITY, source="f")
    assert info.value.code == "NF408"


def test_a_plain_doctype_is_allowed() -> None:
    rss091 = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        b'<rss version="0.91"><channel><title>Old</title><item><link>http://old.example/1</link></item>'
        b"</channel></rss>"
    )
    assert [i.link for i in parse_feed(rss091, source="f").items] == ["http://old.example/1"]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<rss><channel>",
        b"<html><body>not a feed</body></html>",
        b"\x00\x01\x02",
        b"<?xml version='1.0'?>",
        b'<?xml version="1.0" encoding="no-such-codec"?><rss/>',
    ],
)
def test_malformed_or_not_a_feed_is_nf408(data: bytes) -> None:
    with pytest.raises(NewsfoldError) as info:
        parse_feed(data, source="http://x/feed")
    assert info.value.code == "NF408"


def test_sniffing() -> None:
    assert looks_like_feed(RSS) and looks_like_feed(ATOM) and looks_like_feed(RDF)
    assert looks_like_feed(b"\xef\xbb\xbf<!-- generated -->\n<rss version='2.0'>")
    assert looks_like_feed("<?xml version='1.0' encoding='utf-16'?><feed>".encode("utf-16"))
    assert not looks_like_feed(b"<!DOCTYPE html><html><body><rss>")
    assert not looks_like_feed(b"<feeds>")
    assert not looks_like_feed(b"plain text about an rss feed")


def test_iso_date() -> None:
    assert iso_date("Tue, 14 Nov 2023 08:30:00 GMT") == "2023-11-14"
    assert iso_date("2023-11-14T08:30:00Z") == "2023-11-14"
    assert iso_date("2023-11-14 junk") == "2023-11-14"
    assert iso_date("2023-13-45") is None
    assert iso_date("yesterday") is None


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_feed_or_a_typed_error(data: bytes) -> None:
    try:
        parse_feed(data, source="s")
    except NewsfoldError as err:
        assert err.code == "NF408"


@st.composite
def mutated_feeds(draw: st.DrawFn) -> bytes:
    """A real feed with bytes cut, swapped or inserted: near-misses reach deeper than random bytes."""
    raw = bytearray(draw(st.sampled_from([RSS, ATOM, RDF])))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(raw) - 1))
        op = draw(st.sampled_from(["flip", "cut", "insert"]))
        if op == "flip":
            raw[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del raw[at : at + draw(st.integers(1, 40))]
        else:
            raw[at:at] = draw(
                st.sampled_from(
                    [
                        b"<",
                        b">",
                        b"&",
                        b"&amp;",
                        b"]]>",
                        b"<item>",
                        b"</entry>",
                        b"<link>",
                        b"\xff",
                        b"&#0;",
                        b"<!ENTITY a 'b'>",
                    ]
                )
            )
    return bytes(raw)


@settings(max_examples=300, deadline=None)
@given(mutated_feeds())
def test_mutated_feeds_give_a_feed_or_a_typed_error(data: bytes) -> None:
    try:
        feed = parse_feed(data, source="s", base_url="https://courier.example/")
    except NewsfoldError as err:
        assert err.code == "NF408"
        return
    for item in feed.items:
        assert isinstance(item.key, str)
        assert item.date is None or len(item.date) == 10
