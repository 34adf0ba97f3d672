"""Titles and outlet names cleaned from the page's own metadata (newsfold.ingest.metadata)."""

from __future__ import annotations

import json

import pytest
import trafilatura

from newsfold.ingest import read_html
from newsfold.ingest.metadata import PageNames, Site, host_name, outlet_name, page_names, strip_site

BODY = (
    "<article><h1>{h1}</h1>"
    "<p>The council voted on Tuesday to rebuild the harbour wall before the winter storms arrive.</p>"
    "<p>\u201cWe cannot keep patching it,\u201d said the harbour master, Ines Varga, after the vote.</p>"
    "<p>Work is due to start in March and to last eighteen months, the council said in a statement.</p>"
    "</article>"
)


def page(title: str, *, head: str = "", h1: str = "Council votes to rebuild the harbour wall") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{BODY.format(h1=h1)}</body></html>"


URL = "https://www.harbourgazette.example/news/wall"


def names(html: str, url: str | None = URL, title: str | None = None) -> PageNames:
    tree = trafilatura.load_html(html)
    if title is None:
        title = tree.findtext(".//title")
    return page_names(tree, url=url, title=title)


GAZETTE = '<meta property="og:site_name" content="The Harbour Gazette">'


# --- titles ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sep", [" - ", " | ", " – ", " — ", " :: ", " » ", " · "])
def test_site_name_suffix_is_removed_whatever_the_separator(sep: str) -> None:
    got = names(page(f"Council votes on the wall{sep}The Harbour Gazette", head=GAZETTE))
    assert got.title == "Council votes on the wall"


def test_site_name_before_the_title_is_removed() -> None:
    got = names(page("The Harbour Gazette | Council votes on the wall", head=GAZETTE))
    assert got.title == "Council votes on the wall"


def test_suffix_naming_the_host_is_removed_without_any_site_metadata() -> None:
    got = names(page("Council votes on the wall - HarbourGazette.example"))
    assert got.title == "Council votes on the wall"
    assert got.outlet == "HarbourGazette.example"  # the <title>'s segment that names the host


def test_sections_and_dates_after_the_site_name_go_with_it() -> None:
    got = names(page("Council votes on the wall | The Harbour Gazette | Politics | 14.11.2023", head=GAZETTE))
    assert got.title == "Council votes on the wall"


def test_a_dash_that_does_not_name_the_site_stays() -> None:
    got = names(page("Harbour wall - what the vote means for fishermen", head=GAZETTE))
    assert got.title == "Harbour wall - what the vote means for fishermen"
    got = names(page("Council votes - and the harbour cheers | The Harbour Gazette", head=GAZETTE))
    assert got.title == "Council votes - and the harbour cheers"


def test_a_title_longer_segment_mentioning_the_site_is_not_the_site() -> None:
    # A headline about the outlet keeps its words: only a short, name-like segment names the site.
    got = names(page("Harbour council questions the Harbour Gazette over its wall reporting | Opinion",
                     head=GAZETTE))
    assert got.title == "Harbour council questions the Harbour Gazette over its wall reporting | Opinion"


def test_a_headline_mentioning_the_site_after_a_section_is_kept() -> None:
    html = page("harbourgazette.example - Harbour - New storm walls planned for harbourgazette.example")
    assert names(html).title == "Harbour - New storm walls planned for harbourgazette.example"


def test_a_first_segment_of_three_words_mentioning_the_site_is_title_text() -> None:
    got = names(page("Advertising on HarbourGazette | Overview"), url="https://harbourgazette.example/ads")
    assert got.title == "Advertising on HarbourGazette | Overview"


def test_a_long_title_segment_naming_the_host_names_the_outlet() -> None:
    html = page("Letters - 26 October 2010 - Pictures, News and Tales of Quayside!")
    got = names(html, url="https://quayside.example/letters", title=None)
    assert got.outlet == "Pictures, News and Tales of Quayside!"
    # Five words are too many to tell a name from a headline mentioning the site: the title keeps them.
    assert got.title == "Letters - 26 October 2010 - Pictures, News and Tales of Quayside!"


def test_a_site_name_that_holds_a_separator_is_removed_whole() -> None:
    head = '<meta property="og:site_name" content="Gazette Plus - BLOG">'
    got = names(page("Council votes on the wall - Gazette Plus - BLOG", head=head))
    assert got.title == "Council votes on the wall"


def test_initials_of_the_site_name_name_the_site() -> None:
    head = '<meta property="og:site_name" content="Frankfurt Morning Post">'
    got = names(page("Council votes on the wall | FMP", head=head), url="https://fmp.example/a")
    assert got.title == "Council votes on the wall"


@pytest.mark.parametrize("generic", ["escenic", "council-votes-wall-2023", "index_page"])
def test_a_cms_or_slug_title_is_replaced_by_og_title(generic: str) -> None:
    head = '<meta property="og:title" content="Council votes to rebuild the harbour wall">'
    got = names(page(generic, head=head), title=generic)
    assert got.title == "Council votes to rebuild the harbour wall"


def test_a_title_that_is_the_site_name_is_replaced_by_the_heading() -> None:
    got = names(page("The Harbour Gazette", head=GAZETTE), title="The Harbour Gazette")
    assert got.title == "Council votes to rebuild the harbour wall"


def test_the_site_part_of_the_title_element_taken_for_the_title_is_replaced() -> None:
    # The site's segment of the <title> is not the article's title, even when it does not match a name.
    html = page("Harbour Town Council - Wall rebuild approved")
    got = names(html, url="https://harbour-town-council.example/a", title="Harbour Town Council")
    assert got.title == "Wall rebuild approved"


def test_a_cms_title_through_read_html() -> None:
    # trafilatura takes "escenic" from the <title> when the page has several <h1>; newsfold does not.
    html = (
        "<html><head><title>escenic</title></head><body><h1>Council votes to rebuild the harbour wall</h1>"
        + BODY.format(h1="Related stories")
        + "</body></html>"
    )
    article = read_html(html, doc="d", source="s", url="https://harbourgazette.example/a")
    assert article.title == "Council votes to rebuild the harbour wall"


def test_a_one_word_heading_is_not_taken_for_the_title() -> None:
    html = page("The Harbour Gazette", head=GAZETTE, h1="Sections")
    assert names(html, title="The Harbour Gazette").title == "The Harbour Gazette"


def test_a_generic_title_with_nothing_better_is_kept() -> None:
    got = names("<html><head><title>escenic</title></head><body><p>Text.</p></body></html>", title="escenic")
    assert got.title == "escenic"


def test_strip_site_never_empties_a_title() -> None:
    site = Site(names=("The Harbour Gazette",), host="harbourgazette.example")
    assert strip_site("The Harbour Gazette", site) == "The Harbour Gazette"
    assert strip_site("The Harbour Gazette | The Harbour Gazette", site) == "The Harbour Gazette"


# --- outlets -----------------------------------------------------------------------------------------------


def test_tagline_outlet_is_reduced_to_the_name() -> None:
    assert outlet_name("Harbour Gazette | Best news of the coast") == "Harbour Gazette"
    assert outlet_name("Harbour Gazette: what happens by the sea") == "Harbour Gazette"
    assert outlet_name("Harbour Gazette - Best news of the coast", "https://x.example/") == "Harbour Gazette"


def test_the_segment_naming_the_host_wins_over_a_tagline_before_it() -> None:
    got = outlet_name("News of the whole coast | HarbourGazette.example", "https://harbourgazette.example/a")
    assert got == "HarbourGazette.example"


def test_two_names_in_title_case_are_not_taken_for_a_tagline() -> None:
    # Without a host to tell which is the name, "Arts & Letters // Books & Film" is kept whole.
    assert outlet_name("Arts & Letters // Books & Film") == "Arts & Letters // Books & Film"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Harbour Gazette | Harbour Gazette", "Harbour Gazette"),
        ("Harbour Gazette (www.harbourgazette.example)", "Harbour Gazette"),
        ("HG - Harbour Gazette", "Harbour Gazette"),
        ("Harbour Gazette - HG", "Harbour Gazette"),
        ("{$plugin.tx_news.opengraph.site_name}", None),
        ("{{ site.name }}", None),
        ("Copyright 2003 - 2023 by Harbour Gazette Ltd", None),
        ("© Harbour Gazette", None),
        ("@harbourgazette", None),
        ("https://www.facebook.com/harbourgazette", None),
        ("   ", None),
    ],
)
def test_outlet_values_that_are_not_names(value: str, expected: str | None) -> None:
    assert outlet_name(value) == expected


def test_og_site_name_is_the_outlet() -> None:
    assert names(page("Council votes", head=GAZETTE)).outlet == "The Harbour Gazette"


def test_a_name_that_names_the_host_wins_over_a_section_name() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "publisher": {"@type": "Organization", "name": "Harbour Gazette"}}
    head = '<meta property="og:site_name" content="World">'
    head += f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    assert names(page("Council votes", head=head)).outlet == "Harbour Gazette"


def test_json_ld_graph_and_application_name_are_read() -> None:
    ld = {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Harbour Gazette"}]}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    assert names(page("Council votes", head=head)).outlet == "Harbour Gazette"
    head = '<meta name="application-name" content="Harbour Gazette">'
    assert names(page("Council votes", head=head)).outlet == "Harbour Gazette"


def test_a_name_in_words_wins_over_the_host_written_out() -> None:
    head = ('<meta property="og:site_name" content="HARBOURGAZETTE.EXAMPLE">'
            '<meta name="application-name" content="Harbour Gazette">')
    assert names(page("Council votes", head=head)).outlet == "Harbour Gazette"
    head = ('<meta property="og:site_name" content="harbourgazette">'
            '<meta name="apple-mobile-web-app-title" content="Harbour Gazette">')
    assert names(page("Council votes", head=head)).outlet == "Harbour Gazette"


def test_a_blog_on_a_platform_host_keeps_its_own_name() -> None:
    head = '<meta property="og:site_name" content="Notes From The Quay">'
    got = names(page("Council votes | Bloghost", head=head), url="https://quaynotes.bloghost.example/a")
    assert got.outlet == "Notes From The Quay"


def test_a_publisher_filled_with_the_headline_is_not_the_outlet() -> None:
    headline = "Storm walls planned for the quay"
    ld = {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": headline}}
    head = '<meta property="og:title" content="Storm walls planned for the quay">'
    head += f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    assert names(page("Storm walls planned for the quay", head=head)).outlet == "harbourgazette.example"


def test_a_name_that_is_also_the_og_title_is_kept_when_it_names_the_host() -> None:
    head = GAZETTE + '<meta property="og:title" content="The Harbour Gazette">'
    assert names(page("Council votes", head=head)).outlet == "The Harbour Gazette"


def test_of_a_name_and_the_name_with_a_tagline_the_name_wins() -> None:
    ld = {"@type": "WebSite", "name": "harbourgazette"}
    head = '<meta property="og:site_name" content="harbourgazette brought to you by Quay Media">'
    head += f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    assert names(page("Council votes", head=head)).outlet == "harbourgazette"


def test_twitter_handle_and_copyright_line_are_not_the_outlet() -> None:
    head = ('<meta name="twitter:site" content="@harbourgazette">'
            '<meta name="copyright" content="Harbour Gazette Ltd, Harbour Town, Westland">')
    got = names(page("Council votes", head=head), url="https://www.harbourgazette.example/a")
    assert got.outlet == "harbourgazette.example" and got.outlet_from_host


def test_the_host_is_the_last_resort() -> None:
    got = names(page("Council votes"), url="https://www.example-news.com/2023/wall")
    assert (got.outlet, got.outlet_from_host) == ("example-news.com", True)
    assert names(page("Council votes"), url=None).outlet is None
    assert host_name("https://m.example-news.com/a") == "example-news.com"
    assert host_name("http://127.0.0.1:8080/a") == "127.0.0.1"
    assert host_name("not a url") is None


def test_read_html_cleans_title_and_outlet() -> None:
    head = (
        '<meta property="og:site_name" content="The Harbour Gazette | Best news of the coast">'
        '<meta property="og:title" content="Council votes to rebuild the harbour wall | The Harbour Gazette">'
    )
    html = page("Harbour wall", head=head)
    article = read_html(html, doc="d", source="s", url="https://harbourgazette.example/a")
    assert article.title == "Council votes to rebuild the harbour wall"
    assert article.outlet == "The Harbour Gazette"


def test_read_html_falls_back_on_the_host() -> None:
    article = read_html(page("Council votes on the wall"), doc="d", source="s", url="https://www.example-news.com/a")
    assert article.outlet == "example-news.com"
