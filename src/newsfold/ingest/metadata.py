"""Clean titles and outlet names from what a page (or feed) says about itself.

trafilatura's title often keeps the site's name ("Harbour wall approved - The Westport Courier"), can be
a CMS or page name ("escenic", a slug, the site's own name), and its site name can be a tagline ("The
Courier | Best news of the coast"), a copyright notice or a Twitter handle. Nothing here knows any
outlet: a site is named by the page's own metadata (og:site_name, the JSON-LD publisher or website,
application-name, a publisher meta tag, a segment of its <title>), then by a feed's title, and by the
URL's host only as the last resort. A title loses a leading or trailing segment only when that segment
names the site by one of those names or by its host.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

# Separators between a title and the site's name: spaced dashes, bars, guillemets, bullets, colons
# doubled, slashes. A single spaced hyphen counts too; a hyphen inside a word ("Plus-Size") never does.
_SEPARATOR = re.compile(r"\s+(?:[-–—|•·»«›‹~/⁄]{1,2}|::)\s+")
# In an outlet name a colon also separates the name from its tagline ("Name: what we do | more").
_NAME_SEPARATOR = re.compile(r"\s+(?:[-–—|•·»«›‹~/⁄]{1,2}|::)\s+|:\s+")
_WORD = re.compile(r"\w+")
_DATE = re.compile(r"^\s*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\.?\s+\w+\.?\s+\d{4}|\d{4})\s*$")
_NOTICE = re.compile(r"^\s*(?:©|\(c\)|copyright\b|all rights reserved)", re.IGNORECASE)
# A template variable the CMS left unfilled ("{$plugin.site_name}", "{{ site.title }}", "<%= name %>").
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{\$|\$\{|<%|%>")
_URLISH = re.compile(r"^(?:https?:)?//|^www\.", re.IGNORECASE)
# Host labels that name no site: subdomains for languages, mobile and generic services.
_GENERIC_LABELS = frozenset(
    {"www", "www2", "www3", "m", "mobile", "amp", "en", "de", "fr", "es", "it", "news", "blog", "blogs"}
)
# Second-level labels under a country code that are not the site's name (example.co.uk, site.com.au).
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "or", "ne", "go", "gob"})
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe"})
#: A site-naming segment is a name, not a sentence: one with more words than this (or than twice the
#: host's words) is title text that happens to contain the site's name. Six words hold the long names
#: of the trafilatura test pages ("Brandenburgische Landeszentrale für politische Bildung").
MAX_NAME_WORDS = 6


def _fold(text: str) -> str:
    """Lowercased, accents and umlauts folded both ways' common form, letters and digits only."""
    text = text.lower().translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch))


def _words(text: str) -> list[str]:
    return [_fold(w) for w in _WORD.findall(text) if _fold(w)]


def _initials(text: str) -> str:
    words = _words(text)
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _space(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def host_of(url: str | None) -> str | None:
    """The URL's host, lowercased, without a leading www./m. (None when there is no http(s) host)."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in ("www", "www2", "www3", "m", "mobile", "amp"):
        labels = labels[1:]
    return ".".join(labels)


def host_name(url: str | None) -> str | None:
    """The last-resort outlet name: the host without www. ("www.example-news.com" -> "example-news.com").

    The domain is kept as it is rather than turned into words: a guessed capitalisation ("Faz",
    "Example News") is as often wrong as right, and the domain is how readers know a site they have
    no other name for.
    """
    return host_of(url)


def _host_labels(host: str | None) -> list[str]:
    """The labels of a host that can name its site: not the public suffix, not www/language/mobile."""
    if not host or re.fullmatch(r"[\d.]+|\[?[\da-f:]+\]?", host):
        return []  # an IP address names no site
    labels = host.split(".")
    labels = labels[:-1]  # the top-level domain
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL and len(host.rsplit(".", 1)[-1]) == 2:
        labels = labels[:-1]
    return [label for label in labels if label not in _GENERIC_LABELS]


@dataclass(frozen=True)
class Site:
    """What a page says its site is called: names from its metadata and the host of its URL."""

    names: tuple[str, ...] = ()
    host: str | None = None

    def named_by(self, text: str, *, within: int = 3, parts: bool = True) -> bool:
        """Whether `text` (a title segment, a whole title, a name) is a name of this site.

        It is when it is one of the site's names or their initials ("FAZ"), with or without a
        bracketed tail ("Name (abbr)"), or when it names the host: its label ("DW" on dw.com), the
        label's initials, a part of the label ("Guardian" on theguardian.com), text of at most
        `within` words holding the label ("NDR Info", "DER SPIEGEL 52/2018", "MODEPILOT.de"), or, with
        `parts`, a short text holding every part of a hyphenated label ("CDU-Fraktion im Erfurter
        Stadtrat" on cdu-fraktion-erfurt.de). A headline may well mention its outlet, so callers
        judging a whole title or a title's first segment pass a smaller `within` and no `parts`.
        """
        words = _words(text)
        folded = "".join(words)
        if not folded:
            return False
        bare = _fold(re.sub(r"\s*\([^()]*\)\s*$", "", text))
        for name in self.names:
            name_folded = _fold(name)
            if name_folded in (folded, bare) or folded == _initials(name) or _initials(text) == name_folded:
                return True
        count = sum(1 for w in text.split() if any(ch.isalpha() for ch in w))
        for label in _host_labels(self.host):
            pieces = [_fold(p) for p in label.split("-") if _fold(p)]
            label_folded = "".join(pieces)
            if not label_folded:
                continue
            if label_folded in (folded, bare) or (len(words) >= 2 and _initials(text) == label_folded):
                return True
            if len(folded) >= 4 and 3 * len(folded) >= 2 * len(label_folded) and folded in label_folded:
                return True  # "Nouvelle République" on lanouvellerepublique.fr, "Guardian" on theguardian
            holds = label_folded in words or (len(label_folded) >= 4 and label_folded in folded)
            if count <= within and holds:
                return True
            if parts and len(pieces) >= 2 and count <= max(MAX_NAME_WORDS, 2 * len(pieces)):
                if all(any(w.startswith(p) for w in words) for p in pieces):
                    return True
        return False


# ---------------------------------------------------------------------------------------------------
# What the page says about itself


def _meta(tree: HtmlElement, *keys: str) -> Iterator[str]:
    """Contents of <meta property=KEY> / <meta name=KEY> / <meta itemprop=KEY>, in the keys' order."""
    for key in keys:
        for attr in ("property", "name", "itemprop"):
            for value in tree.xpath(f'//meta[translate(@{attr}, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", '
                                    f'"abcdefghijklmnopqrstuvwxyz")="{key}"]/@content'):
                value = _space(str(value))
                if value:
                    yield value


def _json_ld(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD scripts, nested ones and @graph members included."""
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        try:
            data = json.loads(script.text_content())
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                stack.extend(v for v in reversed(list(item.values())) if isinstance(v, (dict, list)))


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _ld_names(tree: HtmlElement) -> tuple[list[str], list[str]]:
    """The JSON-LD publisher names and website names of the page."""
    publishers: list[str] = []
    websites: list[str] = []
    for obj in _json_ld(tree):
        publisher = obj.get("publisher")
        for pub in publisher if isinstance(publisher, list) else [publisher]:
            if isinstance(pub, dict) and isinstance(pub.get("name"), str):
                publishers.append(_space(pub["name"]))
            elif isinstance(pub, str):
                publishers.append(_space(pub))
        if "website" in _types(obj) and isinstance(obj.get("name"), str):
            websites.append(_space(obj["name"]))
    return publishers, websites


def _spelling(name: str) -> tuple[bool, bool]:
    """How a name is written, for choosing among spellings of one name: capitalised, in words."""
    return name[:1].isupper(), " " in name


def _address_like(name: str, host: str | None) -> bool:
    """Whether a name is the site's address rather than its name in words ("DW.COM", "pcgamer")."""
    folded = _fold(name)
    if not host or " " in name.strip():
        return False
    return folded == _fold(host) or (name.islower() and folded in {_fold(x) for x in _host_labels(host)})


def _microdata_publishers(tree: HtmlElement) -> Iterator[str]:
    for el in tree.xpath('//*[@itemprop="publisher"]//*[@itemprop="name"]'):
        value = _space(str(el.get("content") or el.text_content()))
        if value:
            yield value


def _title_element(tree: HtmlElement) -> str | None:
    for el in tree.xpath("//head//title | //title"):
        text = _space(el.text_content())
        if text:
            return text
    return None


def _h1s(tree: HtmlElement) -> list[str]:
    return [t for t in (_space(h.text_content()) for h in tree.xpath("//body//h1")) if t]


def _plausible_name(value: str, host: str | None) -> bool:
    """Whether a metadata value can be a site's name at all (not a URL, handle, notice or sentence)."""
    if not value or len(value) > 100 or _URLISH.search(value) or value.startswith("@"):
        return False
    if len(_WORD.findall(value)) > 2 * MAX_NAME_WORDS:
        return False  # a sentence, not a name
    if _NOTICE.search(value) or _DATE.match(value) or _PLACEHOLDER.search(value):
        return False
    if host and value.lower().startswith("http"):
        return False
    return any(ch.isalpha() for ch in value)


def outlet_name(value: str | None, url: str | None = None) -> str | None:
    """A site name as the page or feed gives it, reduced to the name: no tagline, no doubling, no notice.

    "The Courier | Best news of the coast" -> "The Courier"; "News of the region | courier.example" ->
    "courier.example" when the URL's host is courier.example; "Name | Name" -> "Name". A segment that
    names the URL's host wins; without one, the first segment is the name when it is capitalised like
    a name and what follows reads like a phrase (lowercase words). None when nothing plausible is left.
    """
    if not value:
        return None
    value = _space(value)
    host = host_of(url)
    # "Deutsche Welle (www.dw.com)": the address in brackets is not part of the name.
    value = re.sub(r"\s*\((?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?\)\s*$", "", value) or value
    if not _plausible_name(value, host):
        return None
    parts = [p.strip() for p in _NAME_SEPARATOR.split(value) if p.strip()]
    if len(parts) <= 1:
        return value
    if len({_fold(p) for p in parts}) == 1:
        return parts[0]  # "Kulu Media | Kulu Media"
    if len(parts) == 2 and _fold(parts[0]) == _initials(parts[1]):
        return parts[1]  # "LN - Lübecker Nachrichten": the name, not its initials
    if len(parts) == 2 and _fold(parts[1]) == _initials(parts[0]):
        return parts[0]  # "International Biathlon Union - IBU"
    site = Site(host=host)
    for part in parts:
        if site.named_by(part):
            return part
    first, rest = parts[0], parts[1:]
    if _name_like(first) and any(_phrase_like(p) for p in rest):
        return first
    return value


def _name_like(text: str) -> bool:
    """Capitalised like a name: every word starts with an upper-case letter or a digit."""
    words = [w for w in re.split(r"\s+", text) if any(ch.isalpha() for ch in w)]
    return 0 < len(words) <= MAX_NAME_WORDS and all(w[0].isupper() or w[0].isdigit() for w in words)


def _phrase_like(text: str) -> bool:
    """Reads like a phrase: at least two words, one of them starting lower-case ("Best news of the coast")."""
    words = [w for w in re.split(r"\s+", text) if any(ch.isalpha() for ch in w)]
    return len(words) >= 2 and any(w[0].islower() for w in words)


def site_of(tree: HtmlElement, url: str | None) -> tuple[Site, list[str]]:
    """The page's Site and its name candidates, best first, each already reduced by `outlet_name`.

    The order is og:site_name, the JSON-LD publisher, the JSON-LD website, application-name,
    apple-mobile-web-app-title, a publisher meta tag, a microdata publisher's name.
    """
    host = host_of(url)
    publishers, websites = _ld_names(tree)
    raw = [
        *_meta(tree, "og:site_name"),
        *publishers,
        *websites,
        *_meta(tree, "application-name", "apple-mobile-web-app-title", "publisher", "article:publisher",
               "dc.publisher", "dcterms.publisher"),
    ]
    # Broken markup (microdata nested wrongly, a publisher filled with the headline) can give the
    # article's headline as the site's name; for microdata, any <h1> counts as a headline.
    headlines = {_fold(t) for t in _meta(tree, "og:title", "twitter:title")}
    by_host = Site(host=host)
    raw += [name for name in _microdata_publishers(tree) if _fold(name) not in {_fold(h) for h in _h1s(tree)}]
    names: list[str] = []
    for value in raw:
        name = outlet_name(value, url)
        if not name or (_fold(name) in headlines and not by_host.named_by(name, within=MAX_NAME_WORDS)):
            continue  # the headline, unless it is the site's name too (a page titled like its home page)
        same = next((i for i, n in enumerate(names) if _fold(n) == _fold(name)), None)
        if same is None:
            names.append(name)
        elif _spelling(name) > _spelling(names[same]):
            names[same] = name  # "PC Gamer" over "pcgamer", "The Guardian" over "the Guardian"
    # Full names as given (a name may itself contain a separator: "Name - BLOG") count for titles too.
    full = [_space(v) for v in raw if v and _plausible_name(_space(v), host)]
    return Site(names=tuple(dict.fromkeys([*names, *full])), host=host), names


# ---------------------------------------------------------------------------------------------------
# Titles


def split_site(title: str, site: Site) -> tuple[str, list[str]]:
    """The title without leading or trailing segments that name the site, and the segments taken off.

    "Harbour wall approved | The Courier | 14.11.2023" -> "Harbour wall approved": a trailing segment
    naming the site goes with what follows it when that is short furniture (a section, a date, the
    site again); "The Courier - Harbour wall approved" -> "Harbour wall approved". A title that is all
    site name is returned unchanged (the caller looks for a better title).
    """
    title = _space(title)
    removed: list[str] = []
    # A site name that itself contains a separator ("Name - BLOG") is matched whole first.
    for name in sorted(site.names, key=len, reverse=True):
        for m in _SEPARATOR.finditer(title):
            head, tail = title[: m.start()].strip(), title[m.end():].strip()
            if head and _fold(tail) == _fold(name):
                title, removed = head, [*removed, tail]
                break
            if tail and _fold(head) == _fold(name):
                title, removed = tail, [*removed, head]
                break
    pieces = _SEPARATOR.split(title)
    seps = _SEPARATOR.findall(title)
    # Trailing: the first segment after the first that names the site, with short furniture after it.
    for i in range(1, len(pieces)):
        if site.named_by(pieces[i]) and all(_furniture(p, site) for p in pieces[i + 1:]):
            removed += pieces[i:]
            pieces, seps = pieces[:i], seps[: i - 1]
            break
    # Leading: segments naming the site before the title proper.
    while len(pieces) >= 2 and site.named_by(pieces[0], within=2):
        removed.append(pieces[0])
        pieces, seps = pieces[1:], seps[1:]
    out = pieces[0]
    for sep, piece in zip(seps, pieces[1:], strict=True):
        out += sep + piece
    return out.strip(), removed


def strip_site(title: str, site: Site) -> str:
    """The title without the segments that name the site (see `split_site`)."""
    return split_site(title, site)[0]


def _furniture(segment: str, site: Site) -> bool:
    """A segment after the site's name that is not title text: a date, the site again, a short label."""
    return bool(_DATE.match(segment)) or site.named_by(segment) or len(_WORD.findall(segment)) <= 3


def generic_title(title: str | None, site: Site, *, site_segments: Iterable[str] = ()) -> bool:
    """Whether a title says nothing about the article: empty, the site's own name, or one bare token.

    A lower-case token ("escenic", "adac-test-2018", "index_page") is a CMS, template or slug name; a
    title that is a name of the site, or that is the part of the page's <title> naming the site
    (`site_segments`), is the site's title, not the article's.
    """
    if not title or not title.strip():
        return True
    text = title.strip()
    if site.named_by(text, within=2, parts=False) or _fold(text) in {_fold(s) for s in site_segments}:
        return True
    return " " not in text and text.islower()


def clean_title(title: str | None, tree: HtmlElement | None, site: Site) -> str | None:
    """The article's title: `title` (trafilatura's) without the site's segments, or a better one.

    When `title` is generic (see `generic_title`), the page's og:title, twitter:title, <title> and
    <h1> headings of two words or more are tried in turn, each without the site's segments; the
    first that is not generic wins. Without a better one the cleaned `title` is kept as it is.
    """
    head = _title_element(tree) if tree is not None else None
    segments = split_site(head, site)[1] if head else []
    cleaned = strip_site(title, site) if title else None
    if cleaned and not generic_title(cleaned, site, site_segments=segments):
        return cleaned
    if tree is not None:
        # A one-word <h1> is a menu or section heading ("Sections") more often than a headline.
        headings = [h for h in _h1s(tree) if len(h.split()) >= 2]
        for other in [*_meta(tree, "og:title", "twitter:title"), head, *headings]:
            if other:
                candidate = strip_site(other, site)
                if not generic_title(candidate, site, site_segments=segments):
                    return candidate
    return cleaned or (title.strip() if title and title.strip() else None)


# ---------------------------------------------------------------------------------------------------
# Both


@dataclass(frozen=True)
class PageNames:
    """A page's cleaned title and outlet; `outlet_from_host` says the outlet is only the URL's host."""

    title: str | None
    outlet: str | None
    outlet_from_host: bool


def page_names(tree: HtmlElement, *, url: str | None, title: str | None) -> PageNames:
    """The cleaned title and outlet of a parsed page at `url`, given trafilatura's `title`.

    The outlet is the first of the page's site names (see `site_of`) that names the URL's host in
    words, else one that is the host written out ("DW.COM", "pcgamer"), else the first site name (a
    blog on a platform's host names itself, and the platform may be what its <title> names), else
    the segment of the page's <title> that names the host ("Headline | NDR.de - NDR Info"), else the
    host itself.
    trafilatura's own site name is not used: beside these same sources it falls back on the Twitter
    handle (title-cased: "@futurezoneat" -> "Futurezoneat") and the copyright line.
    """
    site, names = site_of(tree, url)
    by_host = Site(host=site.host)
    # A site's name may well run to more words than a title segment that names it.
    naming = [n for n in names if by_host.named_by(n, within=MAX_NAME_WORDS)] if site.host else []
    # "changelog" and "changelog hosted by ...": the longer is the name and a tagline.
    naming = [n for n in naming if not any(m != n and _fold(n).startswith(_fold(m)) for m in naming)]
    segment = _title_site_segment(tree, by_host)
    ranked = [
        *(n for n in naming if not _address_like(n, site.host)),
        *naming,
        *names,
        *([segment] if segment else []),
    ]
    outlet = ranked[0] if ranked else None
    title_out = clean_title(title, tree, site)
    if outlet is None:
        return PageNames(title_out, host_name(url), True)
    return PageNames(title_out, outlet, False)


def _title_site_segment(tree: HtmlElement, site: Site) -> str | None:
    """The last (else first) segment of the <title> that names the host ("Headline - speicherguide.de")."""
    text = _title_element(tree)
    if not text or not site.host:
        return None
    pieces = [p.strip() for p in _SEPARATOR.split(text) if p.strip()]
    if len(pieces) < 2:
        return None
    # A name can run to a few words ("Pictures and Tales of Quayside!"); the title keeps a segment that
    # long (see `split_site`), but as the outlet's name it is the page's own word for its site.
    for piece in [*reversed(pieces[1:]), pieces[0]]:
        if site.named_by(piece, within=MAX_NAME_WORDS) and _plausible_name(piece, site.host):
            return outlet_name(piece, f"http://{site.host}/")
    return None
