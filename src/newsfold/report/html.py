"""report.html: one self-contained page per story (inline CSS, no scripts, nothing fetched).

The page shows the brief with a citation chip per outlet, the timeline, the coverage matrix (outlets
across, claims and quotations down, what each outlet left out), every utterance with each outlet's
wording and how it differs word by word, and the people who speak. `report_view` gathers what the page
shows into plain dicts; the Jinja template (autoescaping everything: article text may hold markup) lays
it out. story.json holds the same data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from newsfold import __version__
from newsfold.align.fold import outlet_of, quote_groups
from newsfold.models import Alignment, DiffOp, Quote, Story

TEMPLATES = Path(__file__).parent / "templates"

# Outlet colours: distinct hues of equal weight, readable as chip backgrounds with dark text; outlets get
# them in alphabetical order, so an outlet keeps its colour across the sections of one page.
PALETTE = ["#2f6db5", "#c4572a", "#2e8b57", "#8e44ad", "#b8860b", "#1f8a9e", "#c0396b", "#5d6d7e",
           "#6b8e23", "#a0522d"]
_STATUS_LABEL = {"corroborated": "corroborated", "conflict": "in dispute", "single-source": "single source"}
DIFFED = ("altered", "variant")  # relations whose wordings are shown word by word against the reference
_KIND_LABEL = {"direct": "quoted", "partial": "partly quoted", "indirect": "reported"}


@cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    return env


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Links:
    """Where the names on a page lead. report.html links an outlet's chip to its article's URL and nothing
    else; the web app passes its own pages: an outlet's page, a quotation's place in its article, a
    person's page, and store-wide outlet tones so an outlet keeps its colour on every page."""

    outlet: Callable[[str], str | None] | None = None  # outlet name -> href
    quote: Callable[[Quote], str | None] | None = None  # a quotation -> its place in the article
    person: Callable[[str], str | None] | None = None  # a speaker's name -> their page
    tones: dict[str, int] = field(default_factory=dict)  # outlet name -> index into PALETTE


@dataclass(frozen=True)
class _Outlets:
    names: list[str]
    tone: dict[str, int]
    labels: dict[str, str]
    link: Callable[[str], str | None] | None = None

    @classmethod
    def of(cls, story: Story, links: Links | None = None) -> _Outlets:
        names = sorted({outlet_of(a) for a in story.articles}, key=lambda o: (o.casefold(), o))
        # an article of unknown outlet goes by its document: shown by its file name when that is unique
        paths = {a.doc for a in story.articles if not a.outlet}
        short = {n: n.replace("\\", "/").rsplit("/", 1)[-1] for n in names if n in paths}
        unique = {v for v in short.values() if list(short.values()).count(v) == 1}
        labels = {n: short[n] if short.get(n) in unique else n for n in names}
        given = links.tones if links else {}
        tone = {o: given[o] % len(PALETTE) if o in given else i % len(PALETTE) for i, o in enumerate(names)}
        return cls(names, tone, labels, links.outlet if links else None)

    def label(self, name: str) -> str:
        return self.labels.get(name, name)

    def chip(self, name: str, title: str = "", href: str | None = None) -> dict[str, Any]:
        """An outlet's chip: its label, colour (and the tone class that carries it, for pages whose CSP
        forbids inline styles), a title, and a link: the page's own (Links.outlet) or an http(s) URL."""
        tone = self.tone.get(name)
        return {"name": self.label(name), "colour": PALETTE[tone] if tone is not None else "#777",
                "tone": tone, "title": title,
                "href": self.link(name) if self.link is not None else safe_url(href)}


def safe_url(url: str | None) -> str | None:
    """A link the page may hold: http(s) only, so an article's `javascript:` URL never becomes a link."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _flip(ops: Sequence[DiffOp]) -> list[DiffOp]:
    """A diff from a to b, read from b to a."""
    swap = {"delete": "insert", "insert": "delete"}
    return [DiffOp(swap.get(d.op, d.op), d.b, d.a) for d in ops]  # type: ignore[arg-type]


def _diff_tokens(ops: Sequence[DiffOp]) -> list[dict[str, str]]:
    """The diff as runs the template marks up: "same", "gone" (only in the reference wording), "new"
    (only in this one)."""
    ops = list(ops)
    # words of the reference before and after the part this outlet quotes are not differences in it
    while ops and ops[0].op == "delete":
        ops.pop(0)
    while ops and ops[-1].op == "delete":
        ops.pop()
    out = []
    for d in ops:
        if d.op == "equal":
            out.append({"kind": "same", "text": d.a or d.b})
        else:
            if d.a:
                out.append({"kind": "gone", "text": d.a})
            if d.b:
                out.append({"kind": "new", "text": d.b})
    return out


def _speaker(q: Quote, person_of: dict[tuple[str, int, int], dict]) -> str:
    """Who said it, by the name the story resolved the speaker to."""
    person = person_of.get((q.doc, q.start, q.end))
    return person["name"] if person else (q.speaker or "unknown speaker")


def _utterances(story: Story, outlets: _Outlets, person_of: dict[tuple[str, int, int], dict],
                links: Links | None = None, *, singles: bool = False) -> list[dict]:
    """Each group of aligned quotations: the reference wording (first article's) and every other outlet's,
    with its relation to the reference and the word-level difference. With `singles`, a quotation no
    other outlet carries is an utterance too, of one version (relation "only")."""
    by_pair: dict[tuple[tuple[str, int, int], tuple[str, int, int]], Alignment] = {}
    for al in story.alignments:
        a, b = (al.a.doc, al.a.start, al.a.end), (al.b.doc, al.b.start, al.b.end)
        by_pair[(a, b)] = al
    order = {a.doc: i for i, a in enumerate(story.articles)}
    articles = {a.doc: a for a in story.articles}
    rows = []
    for group in quote_groups(story.quotes, story.alignments):
        if len({q.doc for q in group}) < 2 and not singles:
            continue
        group = sorted(group, key=lambda q: (order.get(q.doc, 0), q.start))
        # the fullest wording is the one the others are compared with: quoted rather than reported, and
        # the most words; the first report's on a tie
        ref = max(group, key=lambda q: (q.kind != "indirect", len(q.text.split()), -group.index(q)))
        group.remove(ref)
        group.insert(0, ref)
        rkey = (ref.doc, ref.start, ref.end)
        versions = []
        for q in group:
            key = (q.doc, q.start, q.end)
            entry = _quote_view(q, outlets, articles, links)
            if q is ref:
                alone = len(group) == 1
                entry.update(relation="only" if alone else "reference", diff=None, against=None)
            else:
                al, ops, against = _alignment_for(key, rkey, by_pair)
                # word differences matter where the words differ: an excerpt's are the reference's own
                entry.update(relation=al.relation if al else "aligned", against=against,
                             diff=_diff_tokens(ops) if ops and al and al.relation in DIFFED else None,
                             score=round(al.score, 2) if al else None)
                if against:
                    doc = against[0]
                    entry["against"] = outlets.label(outlet_of(articles[doc])) if doc in articles else doc
            versions.append(entry)
        person = person_of.get(rkey)
        speaker = person["name"] if person else (ref.speaker or "unknown speaker")
        rows.append({"speaker": speaker,
                     "person_id": person["id"] if person else None,
                     "person_href": links.person(speaker) if links and links.person else None,
                     "outlets": sorted({v["outlet_key"] for v in versions}),
                     "versions": versions,
                     "relations": sorted({v["relation"] for v in versions} - {"reference", "only"})})
    rows.sort(key=lambda r: (-len(r["outlets"]), r["speaker"].casefold()))
    return rows


def _alignment_for(key, rkey, by_pair) -> tuple[Alignment | None, list[DiffOp], tuple | None]:
    """The alignment of a wording with the reference (or, failing that, with any wording of its group),
    and its diff read from the other wording to this one."""
    if (rkey, key) in by_pair:
        al = by_pair[(rkey, key)]
        return al, list(al.diff), None
    if (key, rkey) in by_pair:
        al = by_pair[(key, rkey)]
        return al, _flip(al.diff), None
    for (a, b), al in sorted(by_pair.items()):
        if b == key:
            return al, list(al.diff), a
        if a == key:
            return al, _flip(al.diff), b
    return None, [], None


def quote_text(q: Quote, article=None) -> str:
    """A quotation as the page prints it: its quoted pieces joined by an ellipsis (not the attribution
    between them), on one line, without the comma the reporting clause needed."""
    pieces = [q.text]
    if article is not None and len(q.fragments) > 1:
        pieces = [article.text[s:e] for s, e in q.fragments if 0 <= s < e <= len(article.text)] or pieces
    text = " … ".join(" ".join(p.split()).strip() for p in pieces)
    return text.rstrip(",;: ") if text.rstrip().endswith((",", ";", ":")) else text


def _quote_view(q: Quote, outlets: _Outlets, articles: dict, links: Links | None = None) -> dict[str, Any]:
    article = articles.get(q.doc)
    name = outlet_of(article) if article else q.doc
    return {
        "href": links.quote(q) if links and links.quote else None,
        # the web app's pages gather wordings of several days; report.html's one story needs no date
        "date": ((article.date or "")[:10] or None) if links and article else None,
        "outlet": outlets.chip(name, href=article.url if article else None),
        "outlet_key": name,
        "text": quote_text(q, article),
        "kind": q.kind,
        "kind_label": _KIND_LABEL.get(q.kind, q.kind),
        "cue": q.cue.text if q.cue else None,
        "via": q.via,
        "speaker": q.speaker,
        "doc": q.doc,
        "start": q.start,
        "end": q.end,
    }


_QUALIFIER = {"about": "≈", "more": ">", "less": "<", "over": ">", "under": "<", "at least": "≥",
              "at most": "≤"}


def _number(v: float) -> str:
    """1200.0 as "1,200", 6.8 as "6.8"."""
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.3f}".rstrip("0").rstrip(".")


_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_IRREGULAR = {"person": "people", "man": "men", "woman": "women", "child": "children", "foot": "feet"}


def _date(value: str) -> str:
    """An ISO date as a cell shows it; a date without its year ("--08-15") as "15 Aug"."""
    parts = value.split("-")
    if value.startswith("--") and len(parts) >= 3 and parts[2].isdigit() and 1 <= int(parts[2]) <= 12:
        month = _MONTHS[int(parts[2]) - 1]
        return f"{int(parts[3])} {month}" if len(parts) > 3 and parts[3].isdigit() else month
    return value


def _plural(unit: str) -> str:
    if unit in _IRREGULAR:
        return _IRREGULAR[unit]
    if unit.endswith("y") and unit[-2:-1] not in tuple("aeiou"):
        return unit[:-1] + "ies"
    if unit.endswith(("s", "x", "ch", "sh")):
        return unit if unit.endswith("s") else unit + "es"
    return unit + "s"


def _fact_values(values: dict[str, Any]) -> list[str]:
    """The figures and dates a claim mention asserts, as a matrix cell shows them ("≈340 homes")."""
    out = []
    quantities = [q for q in values.get("quantity", []) or [] if isinstance(q, dict)]
    for q in quantities:
        v = q.get("value")
        num = _number(v) if isinstance(v, (int, float)) else str(v)
        unit = str(q.get("unit") or "")
        if unit and isinstance(v, (int, float)) and v != 1:
            unit = _plural(unit)
        qualifier = _QUALIFIER.get(str(q.get("qualifier")), "")
        out.append(f"{qualifier}{num} {unit}".strip())
    if not quantities:
        for v in values.get("number", []) or []:
            out.append(_number(v) if isinstance(v, (int, float)) else str(v))
    out.extend(_date(str(d)) for d in values.get("date", []) or [])
    return out


def _claim_cell(mentions: list, conflict: bool) -> dict[str, Any]:
    values: list[str] = []
    for m in mentions:
        for s in _fact_values(m.values):
            if s not in values:
                values.append(s)
    return {"carried": True, "conflict": conflict, "values": values[:3],
            "title": _short(" / ".join(m.text for m in mentions), 300)}


def _coverage(story: Story, outlets: _Outlets, utterances: list[dict],
              person_of: dict[tuple[str, int, int], dict]) -> dict[str, Any]:
    """Outlets × claims and outlets × quotations, and per outlet what others carry that it left out."""
    claim_rows = []
    for c in sorted(story.claims, key=lambda c: ({"corroborated": 0, "conflict": 1}.get(c.status, 2),
                                                  -len(c.outlets()), c.id)):
        by_outlet: dict[str, list] = defaultdict(list)
        for m in c.mentions:
            by_outlet[m.outlet or m.doc].append(m)
        cells = [(_claim_cell(by_outlet[o], c.status == "conflict") if o in by_outlet else {"carried": False})
                 for o in outlets.names]
        claim_rows.append({"label": _short(c.text), "full": c.text, "status": c.status,
                           "status_label": _STATUS_LABEL.get(c.status, c.status), "kind": c.kind,
                           "cells": cells, "carriers": sorted(outlets.label(o) for o in by_outlet)})
    quote_rows = []
    order = {a.doc: i for i, a in enumerate(story.articles)}
    articles = {a.doc: a for a in story.articles}
    rank = {r: i for i, r in enumerate(("reference", "identical", "excerpt", "altered", "variant"))}
    for u in utterances:
        by_outlet: dict[str, str] = {}
        for v in u["versions"]:  # an outlet quoting it twice shows its closest wording
            have = by_outlet.get(v["outlet_key"])
            if have is None or rank.get(v["relation"], 9) < rank.get(have, 9):
                by_outlet[v["outlet_key"]] = v["relation"]
        cells = [{"carried": o in by_outlet, "relation": by_outlet.get(o)} for o in outlets.names]
        quote_rows.append({"label": _short(u["versions"][0]["text"], 90), "speaker": u["speaker"],
                           "cells": cells, "carriers": sorted(outlets.label(o) for o in by_outlet)})
    aligned = {(v["doc"], v["start"]) for u in utterances for v in u["versions"]}
    for q in sorted(story.quotes, key=lambda q: (order.get(q.doc, 0), q.start)):
        if q.kind == "indirect" or (q.doc, q.start) in aligned:
            continue  # reported speech is covered by the claims; aligned quotes are above
        name = outlet_of(articles[q.doc]) if q.doc in articles else q.doc
        cells = [{"carried": o == name, "relation": "only" if o == name else None} for o in outlets.names]
        quote_rows.append({"label": _short(quote_text(q, articles.get(q.doc)), 90),
                           "speaker": _speaker(q, person_of), "cells": cells,
                           "carriers": [outlets.label(name)]})
    missing = []
    total = len(claim_rows) + len(quote_rows)
    for i, o in enumerate(outlets.names):
        left_claims = [r for r in claim_rows if not r["cells"][i]["carried"]]
        left_quotes = [r for r in quote_rows if not r["cells"][i]["carried"]]
        # what the others agree on and this outlet does not carry matters most
        left_claims.sort(key=lambda r: (-len(r["carriers"]), r["label"]))
        left_quotes.sort(key=lambda r: (-len(r["carriers"]), r["label"]))
        carried = total - len(left_claims) - len(left_quotes)
        missing.append({"outlet": outlets.chip(o), "carried": carried, "total": total,
                        "claims": left_claims, "quotes": left_quotes})
    # what one outlet alone carries goes in a table of its own, folded away: the matrix shows what is shared
    return {"claims": [r for r in claim_rows if len(r["carriers"]) > 1],
            "quotes": [r for r in quote_rows if len(r["carriers"]) > 1],
            "single_claims": [r for r in claim_rows if len(r["carriers"]) <= 1],
            "single_quotes": [r for r in quote_rows if len(r["carriers"]) <= 1],
            "missing": missing}


def _person_of(story: Story) -> dict[tuple[str, int, int], dict]:
    """The story-wide person of each quotation, by (doc, start, end)."""
    person_of = {}
    for p in story.people:
        for r in p.get("quotes", []):
            person_of[(r.doc, r.start, r.end) if hasattr(r, "doc") else (r["doc"], r["start"], r["end"])] = p
    return person_of


def story_utterances(story: Story, links: Links | None = None, *, singles: bool = False) -> list[dict]:
    """The story's utterances as report.html's quotation section shows them (the `utterance` macro's
    input), for pages that show some of them: a person's, an outlet's."""
    return _utterances(story, _Outlets.of(story, links), _person_of(story), links, singles=singles)


def report_view(story: Story, links: Links | None = None) -> dict[str, Any]:
    """Everything report.html shows, as plain dicts and strings (escaped by the template, not here).
    `links` says where names lead (see `Links`); report.html itself passes none."""
    outlets = _Outlets.of(story, links)
    articles = {a.doc: a for a in story.articles}
    person_of = _person_of(story)
    utterances = _utterances(story, outlets, person_of, links)

    def chips(names: Sequence[str], refs=()) -> list[dict[str, Any]]:
        where: dict[str, str] = {}
        for r in refs:
            name = r.outlet or r.doc
            a = articles.get(r.doc)
            if a and name not in where:
                where[name] = _short(a.text[r.start : r.end], 200)
        out = []
        for n in names:
            doc = next((a for a in story.articles if outlet_of(a) == n), None)
            out.append(outlets.chip(n, where.get(n, ""), doc.url if doc else None))
        return out

    brief = [{"text": s.text, "status": s.status, "status_label": _STATUS_LABEL.get(s.status, s.status),
              "chips": chips(s.outlets, s.refs)} for s in story.brief]
    bodies = {(a.doc, *(a.body or (0, len(a.text)))) for a in story.articles}
    timeline = [{"date": t.date, "text": t.text, "chips": chips(t.outlets, t.refs),
                 "report": len(t.refs) == 1 and (t.refs[0].doc, t.refs[0].start, t.refs[0].end) in bodies}
                for t in story.timeline]
    people = []
    quotes_by_ref = {(q.doc, q.start, q.end): q for q in story.quotes}
    for p in story.people:
        refs = p.get("quotes", [])
        qs = [quotes_by_ref.get((r.doc, r.start, r.end)) for r in refs if hasattr(r, "doc")]
        qs = [q for q in qs if q is not None]
        direct = [q for q in qs if q.kind != "indirect"] or qs
        people.append({"id": p["id"], "name": p["name"], "kind": p.get("kind", "person"),
                       "titles": p.get("titles", []), "aliases": p.get("aliases", []),
                       "chips": chips(p.get("outlets", [])), "count": len(refs),
                       "sample": [{"text": _short(quote_text(q, articles.get(q.doc)), 160), "kind": q.kind,
                                   "outlet": outlets.chip(outlet_of(articles[q.doc]) if q.doc in articles
                                                          else q.doc)} for q in direct[:3]]})
    status_counts = defaultdict(int)
    for c in story.claims:
        status_counts[c.status] += 1
    relation_counts = defaultdict(int)
    for al in story.alignments:
        relation_counts[al.relation] += 1
    dates = sorted(a.date[:10] for a in story.articles if a.date)
    return {
        "story": {"id": story.id, "title": story.title or story.id,
                  "dates": (dates[0] if dates and dates[0] == dates[-1] else
                            f"{dates[0]} – {dates[-1]}" if dates else None)},
        "outlets": [outlets.chip(o) for o in outlets.names],
        "articles": [{"outlet": outlets.chip(outlet_of(a)), "title": a.title or a.doc, "url": safe_url(a.url),
                      "date": a.date, "doc": a.doc, "author": a.author,
                      "copy_of": outlet_of(articles[story.copies[a.doc]]) if a.doc in story.copies
                      and story.copies[a.doc] in articles else None} for a in story.articles],
        "counts": {"articles": len(story.articles), "quotes": len(story.quotes),
                   "utterances": len(utterances), "claims": len(story.claims),
                   "corroborated": status_counts["corroborated"], "conflict": status_counts["conflict"],
                   "single": status_counts["single-source"], "people": len(story.people),
                   "relations": dict(sorted(relation_counts.items()))},
        "brief": brief,
        "timeline": timeline,
        "coverage": _coverage(story, outlets, utterances, person_of),
        "utterances": utterances,
        "people": people,
        "version": __version__,
    }


@cache
def _css() -> Markup:
    """The page's CSS, inlined: the parts it shares with the web app, then its own layout."""
    names = ("parts.css", "report.css")
    return Markup("\n".join((TEMPLATES / name).read_text(encoding="utf-8") for name in names))


def render_report(story: Story) -> str:
    """The report page of one story, as a string."""
    return _environment().get_template("report.html").render(css=_css(), **report_view(story))


def write_report(story: Story, path: str | Path) -> None:
    Path(path).write_text(render_report(story), encoding="utf-8")


def write_index(stories: Sequence[Story], folders: Sequence[str], path: str | Path) -> None:
    """index.html: one line per story, linking to its report."""
    rows = []
    for story, folder in zip(stories, folders, strict=True):
        outlets = _Outlets.of(story)
        rows.append({"title": story.title or story.id, "href": f"{folder}/report.html", "id": story.id,
                     "articles": len(story.articles), "quotes": len(story.quotes),
                     "claims": len(story.claims),
                     "corroborated": sum(1 for c in story.claims if c.status == "corroborated"),
                     "outlets": [outlets.chip(o) for o in outlets.names]})
    html = _environment().get_template("index.html").render(css=_css(), rows=rows, version=__version__)
    Path(path).write_text(html, encoding="utf-8")
