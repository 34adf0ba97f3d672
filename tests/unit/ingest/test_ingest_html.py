from __future__ import annotations

import pytest

from newsfold.errors import NewsfoldError
from newsfold.ingest import read_html


def test_main_text_without_script_or_nav(page: str) -> None:
    article = read_html(page, doc="harbour", source="harbour.html")
    assert "rebuild the old harbour wall" in article.text
    assert "We cannot keep patching it" in article.text
    for noise in ("SCRIPT-NOISE", "trackingConfig", "Contact us", "Weather", "Privacy policy", "color: red"):
        assert noise not in article.text
    assert article.doc == "harbour"
    assert article.source == "harbour.html"
    assert article.body == (0, len(article.text))


def test_paragraphs_are_separated_by_a_blank_line(page: str) -> None:
    text = read_html(page, doc="d", source="s").text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) >= 3
    assert all(p.strip() == p and "\n" not in p for p in paragraphs)


def test_metadata(page: str) -> None:
    article = read_html(page.encode("utf-8"), doc="d", source="s", url="https://elsewhere.example/x")
    assert article.url == "https://courier.example/news/harbour-wall"  # the canonical link wins
    assert article.title and "harbour wall" in article.title.lower()
    assert article.author == "Priya Calder"
    assert article.outlet == "The Westport Courier"
    assert article.date == "2023-11-14"
    assert article.encoding == "utf-8"


def test_url_argument_without_canonical_link(page: str) -> None:
    page = page.replace('<link rel="canonical" href="https://courier.example/news/harbour-wall">', "")
    assert (
        read_html(page, doc="d", source="s", url="https://given.example/a").url == "https://given.example/a"
    )


def test_declared_charset(page: str) -> None:
    page = page.replace("<head>", '<head><meta charset="windows-1252">').replace("quay", "quai côté")
    article = read_html(page.encode("cp1252"), doc="d", source="s")
    assert "quai côté" in article.text
    assert article.encoding == "cp1252"


def test_date_from_htmldate_when_metadata_has_none(page: str) -> None:
    page = page.replace('<meta property="article:published_time" content="2023-11-14T08:30:00Z">', "")
    page = page.replace("<article>", '<article><time datetime="2022-02-03">3 February 2022</time>')
    assert read_html(page, doc="d", source="s").date == "2022-02-03"


@pytest.mark.parametrize(
    "empty",
    [
        "<html><head><title>Empty</title><script>var a = 1;</script></head>"
        "<body><nav>Home</nav></body></html>",
        "<html><body></body></html>",
    ],
)
def test_no_text_is_nf108(empty: str) -> None:
    with pytest.raises(NewsfoldError) as exc:
        read_html(empty, doc="d", source="empty.html")
    assert exc.value.code == "NF108"
    assert exc.value.source == "empty.html"


def test_empty_input_is_nf104() -> None:
    with pytest.raises(NewsfoldError) as exc:
        read_html(b"  ", doc="d", source="blank.html")
    assert exc.value.code == "NF104"


def test_a_huge_page_is_refused_at_once():
    from newsfold.errors import NewsfoldError
    from newsfold.ingest.html import read_html

    para = "<p>The council met on Monday, “we will rebuild,” said Mayor Ana Lund.</p>\n"
    page = "<html><body><article>" + para * (20_000_000 // len(para)) + "</article></body></html>"
    try:  # refused before any parsing (a 20 MB page takes trafilatura minutes)
        read_html(page.encode("utf-8"), doc="big.html", source="big.html")
    except NewsfoldError as err:
        assert err.code == "NF111" and "big.html" in err.line()
    else:
        raise AssertionError("a 20 MB page was read")
