"""Count noisy titles and outlet names on real news pages, before and after newsfold's cleaning.

    NEWSFOLD_REAL_PAGES=/path/to/trafilatura/tests python bench/bench_metadata.py [--list]

The pages are those of trafilatura's own test suite (https://github.com/adbar/trafilatura, folder
tests/: cache/*.html with their URLs from realworld_tests.py's MOCK_PAGES, and resources/*.html;
with --pages eval, the 883 pages of eval/ with their URLs from evaldata.json), extracted outside
this repository; they are never committed. "before" is what newsfold took until
now: trafilatura's title and site name as they come. "after" is `newsfold.ingest.read_html`.

Each title and outlet is judged against the page's own metadata by rules written apart from
`newsfold.ingest.metadata` and looser than it (a segment "names the site" when it contains, or is
contained in, any site name the page gives, or contains a label of the URL's host), so a figure of
zero after is not the cleaner agreeing with itself:

  title keeps the site      the first or last of its separator-delimited segments names the site
  title is generic          none, a lone lower-case token (a CMS or slug name), or the site's name
  outlet missing            no outlet although the page's URL is known
  outlet tagline            a name with more after a separator ("Name | Best news of the coast",
                            "Name: what we do"), the same name twice, or a copyright notice
  outlet not the page's     found in none of the page's site names, <title> or host (a Twitter
                            handle title-cased, a copyright line with a city)
  outlet is the host        the bare host although the page names its site

Where trafilatura's realworld_tests.py asserts a page's title or site name, agreement with it is
counted too (newsfold drops site suffixes that trafilatura's expectations keep, so the two differ by
design on a few pages). --list prints every page with its values and the flags raised.
"""

from __future__ import annotations

import argparse
import ast
import glob
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ENV = "NEWSFOLD_REAL_PAGES"
SEP = re.compile(r"\s+(?:[-–—|•·»«›‹~/⁄:]{1,2})\s+")
NAME_SEP = re.compile(r"\s+(?:[-–—|•·»«›‹~/⁄]{1,2}|::)\s+|:\s+")
TITLE_FLAGS = ("title keeps the site", "title is generic")
OUTLET_FLAGS = ("outlet missing", "outlet tagline", "outlet not the page's", "outlet is the host")


def fold(text: str) -> str:
    text = text.lower().replace("ü", "ue").replace("ö", "oe").replace("ä", "ae")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch))


def pages_dir() -> Path | None:
    """The trafilatura tests folder named by NEWSFOLD_REAL_PAGES, None when unset or absent."""
    value = os.environ.get(ENV)
    if not value:
        return None
    path = Path(value)
    if (path / "tests" / "cache").is_dir():
        path = path / "tests"
    return path if (path / "cache").is_dir() else None


def mock_urls(root: Path) -> dict[str, str]:
    """File name -> URL, from the MOCK_PAGES literal of realworld_tests.py and from evaldata.json."""
    urls: dict[str, str] = {}
    evaldata = root / "evaldata.json"
    if evaldata.exists():
        urls.update((v["file"], url) for url, v in json.loads(evaldata.read_text(encoding="utf-8")).items())
    source = root / "realworld_tests.py"
    if source.exists():
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            targets = getattr(node, "targets", [])
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "MOCK_PAGES" for t in targets):
                urls.update((fname, url) for url, fname in ast.literal_eval(node.value).items())
    return urls


def expected_meta(root: Path) -> dict[str, dict[str, str]]:
    """URL -> {"title": ..., "sitename": ...} as realworld_tests.py's test_pages asserts them."""
    source = root / "realworld_tests.py"
    if not source.exists():
        return {}
    out: dict[str, dict[str, str]] = {}
    url = None
    pattern = re.compile(
        r'load_mock_page_meta\(\s*"(?P<call>[^"]+)"|^\s*url = "(?P<var>[^"]+)"'
        r'|^\s*assert metadata\.(?P<key>title|sitename) == "(?P<value>(?:[^"\\]|\\.)*)"',
        re.MULTILINE,
    )
    for m in pattern.finditer(source.read_text(encoding="utf-8")):
        if m["call"] or m["var"]:
            url = m["call"] or m["var"]
        elif url:
            out.setdefault(url, {})[m["key"]] = ast.literal_eval(f'"{m["value"]}"')
    return out


def page_files(root: Path, folders: tuple[str, ...] = ("cache", "resources")) -> list[Path]:
    """The .html pages of the named folders of trafilatura's tests, sorted within each folder."""
    found = [sorted(Path(f) for f in glob.glob(str(root / folder / "*.html"))) for folder in folders]
    return [p for paths in found for p in paths]


class Facts:
    """What a page says about its site, read independently of newsfold.ingest.metadata."""

    def __init__(self, data: bytes, url: str | None) -> None:
        import lxml.html

        from newsfold.ingest.html import decode_html

        try:
            tree = lxml.html.fromstring(decode_html(data, "page")[0])
        except (ValueError, lxml.etree.ParserError):
            tree = lxml.html.fromstring("<html></html>")
        names = []
        for key in ("og:site_name", "application-name", "apple-mobile-web-app-title", "publisher",
                    "article:publisher", "dc.publisher"):
            names += [str(v) for v in tree.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content')]
        for script in tree.xpath('//script[@type="application/ld+json"]'):
            try:
                stack = [json.loads(script.text_content())]
            except ValueError:
                continue
            while stack:
                obj = stack.pop()
                if isinstance(obj, list):
                    stack += obj
                elif isinstance(obj, dict):
                    pub = obj.get("publisher")
                    if isinstance(pub, dict) and isinstance(pub.get("name"), str):
                        names.append(pub["name"])
                    if obj.get("@type") == "WebSite" and isinstance(obj.get("name"), str):
                        names.append(obj["name"])
                    stack += [v for v in obj.values() if isinstance(v, (dict, list))]
        self.names = [" ".join(n.split()) for n in names if n.strip() and not n.strip().startswith("http")]
        titles = tree.xpath("//title")
        self.title_element = " ".join(titles[0].text_content().split()) if titles else ""
        host = (urlsplit(url).hostname or "").lower() if url else ""
        self.host = host.removeprefix("www.")
        labels = self.host.split(".")[:-1]
        if len(labels) >= 2 and labels[-1] in ("co", "com", "org", "net", "ac", "gov"):
            labels = labels[:-1]
        self.labels = [x for x in labels if x not in ("www", "m", "en", "de", "blog", "news", "blogs")]

    def names_site(self, segment: str) -> bool:
        f = fold(segment)
        words = len(segment.split())
        if not f:
            return False
        for name in self.names:
            fn = fold(name)
            if len(fn) >= 2 and (f == fn or (len(f) >= 4 and f in fn) or (fn in f and words <= 6)):
                return True
        for label in self.labels:
            lf = fold(label)
            if lf and (f == lf or (len(lf) >= 4 and lf in f and words <= 6)):
                return True
            initials = "".join(w[0] for w in re.findall(r"\w+", segment.lower()))
            if len(initials) >= 2 and initials == lf:
                return True
        return False


def title_flags(title: str | None, facts: Facts) -> list[str]:
    if not title or not title.strip():
        return ["title is generic"]
    title = title.strip()
    if (" " not in title and title.islower()) or any(fold(title) == fold(n) for n in facts.names):
        return ["title is generic"]
    if facts.labels and fold(title) in {fold(x) for x in facts.labels}:
        return ["title is generic"]
    head = [s.strip() for s in SEP.split(facts.title_element)]
    others = [h for h in head if fold(h) != fold(title)]
    if len(others) < len(head) and facts.names_site(title) and not all(facts.names_site(h) for h in others):
        return ["title is generic"]  # the site-naming segment of the <title> taken for the title
    segments = [s for s in SEP.split(title) if s.strip()]
    if len(segments) >= 2 and (facts.names_site(segments[-1]) or facts.names_site(segments[0])):
        return ["title keeps the site"]
    return []


def outlet_flags(outlet: str | None, facts: Facts, url: str | None) -> list[str]:
    if not outlet:
        return ["outlet missing"] if url else []
    flags = []
    parts = [p for p in NAME_SEP.split(outlet) if p.strip()]
    notice = re.search(r"©|\bcopyright\b|\b(?:19|20)\d\d\b", outlet, re.IGNORECASE)
    if len(parts) >= 2 or notice:
        flags.append("outlet tagline")
    low = outlet.lower()
    haystack = [n.lower() for n in facts.names] + [facts.title_element.lower(), facts.host]
    if not any(low in h for h in haystack if h):
        flags.append("outlet not the page's")
    if facts.host and low in (facts.host, "www." + facts.host) and any(
        facts.names_site(n) and not re.search(r"\w\.[a-z]{2,}\b", n.lower()) for n in facts.names
    ):
        flags.append("outlet is the host")
    return flags


def measure(root: Path, folders: tuple[str, ...] = ("cache", "resources")) -> list[dict]:
    """One record per page: before and after values, their flags, trafilatura's expected values."""
    import trafilatura

    from newsfold.errors import NewsfoldError
    from newsfold.ingest.html import _canonical, _extract, decode_html, read_html

    urls = mock_urls(root)
    expected = expected_meta(root)
    rows = []
    for path in page_files(root, folders):
        data = path.read_bytes()
        url = urls.get(path.name)
        facts = Facts(data, url)
        text, _ = decode_html(data, str(path))
        tree = trafilatura.load_html(text)
        found = _extract(tree, _canonical(tree) or url) if tree is not None else None
        before_title = found.title if found is not None else None
        before_outlet = found.sitename if found is not None else None
        try:
            article = read_html(data, doc=path.name, source=str(path), url=url)
            after_title, after_outlet, error = article.title, article.outlet, None
        except NewsfoldError as err:  # no main text: the page is not read, so nothing to judge after
            after_title, after_outlet, error = None, None, err.code
        row = {
            "page": f"{path.parent.name}/{path.name}",
            "url": url,
            "error": error,
            "before": {"title": before_title, "outlet": before_outlet},
            "after": {"title": after_title, "outlet": after_outlet},
            "expected": expected.get(url or "", {}),
        }
        for when in ("before", "after"):
            if error:
                row[when]["flags"] = []
                continue
            row[when]["flags"] = title_flags(row[when]["title"], facts) + outlet_flags(
                row[when]["outlet"], facts, url
            )
        rows.append(row)
    return rows


def summary(rows: list[dict]) -> dict[str, dict[str, int]]:
    """Counts of each flag before and after, and agreement with trafilatura's expected values."""
    read = [r for r in rows if not r["error"]]
    out: dict[str, dict[str, int]] = {}
    for when in ("before", "after"):
        counts = Counter(f for r in read for f in r[when]["flags"])
        counts["pages read"] = len(read)
        counts["titles noisy"] = sum(any(f in TITLE_FLAGS for f in r[when]["flags"]) for r in read)
        counts["outlets wrong"] = sum(any(f in OUTLET_FLAGS for f in r[when]["flags"]) for r in read)
        for key in ("title", "sitename"):
            asserted = [r for r in read if key in r["expected"]]
            field = "title" if key == "title" else "outlet"
            counts[f"{key}s asserted by trafilatura"] = len(asserted)
            same = sum(r[when][field] == r["expected"][key] for r in asserted)
            counts[f"{key}s equal to trafilatura's"] = same
        out[when] = dict(counts)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print every page with its values and flags")
    parser.add_argument("--json", action="store_true", help="print the records as JSON lines")
    parser.add_argument(
        "--pages",
        default="cache,resources",
        help="folders of trafilatura's tests to read, comma-separated (default cache,resources; the "
        "883 pages of eval/ are a wider set, with their URLs from evaldata.json)",
    )
    args = parser.parse_args(argv)
    root = pages_dir()
    if root is None:
        print(f"bench_metadata: set {ENV} to trafilatura's tests folder (with cache/)", file=sys.stderr)
        return 2
    rows = measure(root, tuple(f for f in args.pages.split(",") if f))
    if args.json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    if args.list:
        for r in rows:
            if r["error"]:
                print(f"{r['page']}: not read ({r['error']})")
                continue
            b, a = r["before"], r["after"]
            print(f"{r['page']}\n  before: {b['title']!r} / {b['outlet']!r} {b['flags']}\n"
                  f"  after:  {a['title']!r} / {a['outlet']!r} {a['flags']}")
    counts = summary(rows)
    keys = ["pages read", "titles noisy", *TITLE_FLAGS, "outlets wrong", *OUTLET_FLAGS,
            "titles asserted by trafilatura", "titles equal to trafilatura's",
            "sitenames asserted by trafilatura", "sitenames equal to trafilatura's"]
    print(f"{'':36} {'before':>7} {'after':>7}")
    for key in keys:
        print(f"{key:36} {counts['before'].get(key, 0):7d} {counts['after'].get(key, 0):7d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
