"""report.html: the sections are there, everything from articles is escaped, and a real browser renders it
with a <script> in an article staying inert text."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser

import pytest
from conftest import extractions, fold

from newsfold.models import Article, Extraction
from newsfold.report.brief import add_brief
from newsfold.report.html import render_report, safe_url, write_index, write_report

EVIL = "<script>document.title='pwned';document.body.setAttribute('data-pwned','1')</script>"


def _evil_story():
    """The wildfire story with markup in a title, an outlet name, a quotation, a URL and a speaker."""
    exs = extractions(title_post=f"Fire {EVIL} spreads")
    exs[0].article.outlet = "Valley <b>Post</b>"
    exs[0].article.url = "javascript:alert(1)"
    q = exs[1].quotes[0]
    evil_radio = exs[1].article.text.replace("along the river", f"along the river {EVIL}")
    exs[1].article.text = evil_radio
    exs[1].article.body = (0, len(evil_radio))
    q.text = q.text + " " + EVIL
    q.end = q.start + len(q.text)
    exs[1].people[0].name = "Okafor <img src=x onerror=alert(1)>"
    q.speaker = exs[1].people[0].name
    return add_brief(fold(exs))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_report_has_every_section(story):
    html = render_report(story)
    for section in ("brief", "timeline", "coverage", "quotes", "people", "articles"):
        assert f'id="{section}"' in html
    assert "Wildfire forces 800 from Grantholm" in html
    assert '<del class="w">at</del>' in html and '<ins class="w">along</ins>' in html  # the word diff
    assert "left out" in html and "in dispute" in html
    assert "Maria Okafor" in html and "fire chief" in html


def test_the_page_is_self_contained(story):
    html = render_report(story)
    tags = _Tags()
    tags.feed(html)
    assert "script" not in tags.tags and "link" not in tags.tags and "img" not in tags.tags
    for name, value in tags.attrs:
        assert name != "src"
        if name == "href":
            assert value.startswith(("#", "https://", "http://"))
    assert not re.search(r"url\(|@import", html)


def test_everything_from_articles_is_escaped():
    html = render_report(_evil_story())
    tags = _Tags()
    tags.feed(html)
    assert "script" not in tags.tags and "img" not in tags.tags
    assert "<b>Post</b>" not in html and "Valley &lt;b&gt;Post&lt;/b&gt;" in html
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html
    assert not any(name.startswith("on") for name, _ in tags.attrs)


def test_word_diff_keeps_replacements_and_drops_words_outside_the_quoted_part():
    from newsfold.models import DiffOp
    from newsfold.report.html import _diff_tokens

    ops = [DiffOp("delete", "I think that"), DiffOp("replace", "These", "The"),
           DiffOp("equal", "banks", "banks"), DiffOp("insert", "", "held"), DiffOp("delete", "today")]
    assert _diff_tokens(ops) == [{"kind": "gone", "text": "These"}, {"kind": "new", "text": "The"},
                                 {"kind": "same", "text": "banks"}, {"kind": "new", "text": "held"}]


def test_safe_url():
    assert safe_url("https://a.example/x") == "https://a.example/x"
    assert safe_url(" JavaScript:alert(1)") is None and safe_url("data:text/html,x") is None
    assert safe_url(None) is None


def test_a_lone_article_without_quotes_or_dates_renders(tmp_path):
    story = add_brief(fold([Extraction(Article("a.txt", "Nothing was said."))], {}))
    write_report(story, tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "No claim or quotation was found" in html and "undated" in html


def test_index_links_each_story(story, tmp_path):
    other = add_brief(fold([Extraction(Article("a.txt", "Nothing <i>was</i> said.", title="<i>Quiet</i>"))],
                           {}, story_id="s-quiet"))
    write_index([story, other], ["s-fire", "s-quiet"], tmp_path / "index.html")
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="s-fire/report.html"' in html and 'href="s-quiet/report.html"' in html
    assert "&lt;i&gt;Quiet&lt;/i&gt;" in html


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium here (CI installs it)")
def test_chromium_renders_the_page_and_the_script_stays_text(tmp_path):
    path = tmp_path / "report.html"
    write_report(_evil_story(), path)
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tempfile.mkdtemp(dir=tmp_path)}", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    dom = proc.stdout
    assert proc.returncode == 0 and "<body" in dom, proc.stderr[-2000:]
    for section in ("brief", "timeline", "coverage", "quotes", "people", "articles"):
        assert f'id="{section}"' in dom
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]  # the script did not run
    assert "<title>pwned</title>" not in dom
    assert "<script" not in dom and "&lt;script&gt;" in dom
    assert "Okafor &lt;img" in dom
