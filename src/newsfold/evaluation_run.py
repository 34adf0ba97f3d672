"""Run extraction on a gold file's articles and score it (the `newsfold evaluate` command)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .align.fold import story_quotes
from .align.quotes import align_quotes
from .errors import Failure, NewsfoldError
from .evaluation import format_claim_misses, gold_documents, load_gold, score
from .ingest import read_text_file
from .models import Alignment, Article, Claim, ClaimMention, Extraction
from .pipeline import extract_articles
from .story import Analysed


def article_index(gold_path: Path, gold: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """What is known of each article, by doc: the gold's own `articles`, else the corpus index beside it
    (`articles.jsonl`: doc, story, outlet, date, title), else nothing. A line of the index that is not a JSON
    object naming a doc is skipped."""
    if gold is None:
        gold, _ = load_gold(gold_path)
    listed = [a for a in gold.get("articles", []) or [] if isinstance(a, dict) and a.get("doc")]
    if listed:
        return {a["doc"]: a for a in listed}
    index = Path(gold_path).resolve().parent / "articles.jsonl"
    if not index.exists():
        return {}
    meta: dict[str, dict[str, Any]] = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        try:
            rec = json.loads(line) if line.strip() else None
        except json.JSONDecodeError:
            rec = None
        if isinstance(rec, dict) and isinstance(rec.get("doc"), str):
            meta[rec["doc"]] = rec
    return meta


def gold_articles(gold_path: Path) -> tuple[list[Article], list[Failure]]:
    """The gold file's articles, read as `newsfold extract` reads plain text, named as the gold names them,
    with the outlet, date, title and story `article_index` gives them."""
    gold, _ = load_gold(gold_path)
    base = Path(gold_path).resolve().parent
    meta = article_index(gold_path, gold)
    articles, failures = [], []
    for doc in gold_documents(gold):
        try:
            article = read_text_file(base / doc, doc=doc)
        except NewsfoldError as err:
            failures.append(Failure(doc, err))
            continue
        m = meta.get(doc, {})
        article.outlet, article.date, article.title = m.get("outlet"), m.get("date"), m.get("title")
        article.story = None if m.get("story") is None else str(m["story"])
        articles.append(article)
    return articles, failures


def gold_alignments(meta: dict[str, dict[str, Any]], extractions: list[Extraction]) -> list[Alignment]:
    """The quotations aligned across the gold file's articles as `newsfold story` aligns a story's: within
    each story that `meta` (the `article_index`) gives them (one story when it names none), speakers
    compared as the story's people."""
    by_story: dict[Any, list[Extraction]] = {}
    for ex in extractions:
        by_story.setdefault(meta.get(ex.article.doc, {}).get("story"), []).append(ex)
    out: list[Alignment] = []
    for story, group in sorted(by_story.items(), key=lambda kv: str(kv[0])):
        outlets = {ex.article.doc: ex.article.outlet or meta.get(ex.article.doc, {}).get("outlet")
                   for ex in group}
        quotes, persons = story_quotes(group)
        out.extend(align_quotes(quotes, outlets, story=None if story is None else str(story), people=persons))
    return out


def gold_claims(articles: list[Article], found: dict[str, list[ClaimMention]],
                extractions: list[Extraction] | None = None) -> list[Claim]:
    """The claims of the gold file's articles, matched across them as `newsfold story` matches them: per
    story (one, unless the articles name stories), a copy of another article counting as its original and,
    given the `extractions`, an article relaying another outlet's reporting as that outlet."""
    from .align.claims import match_claims, relays
    from .story import group_stories

    quotes = [q for ex in extractions or [] for q in ex.quotes]
    outlet_of = {a.doc: a.outlet or a.doc for a in articles}

    _, copies = group_stories(articles)
    story_of = {a.doc: a.story for a in articles}
    by_story: dict[Any, list[ClaimMention]] = {}
    for a in articles:
        by_story.setdefault(a.story, []).extend(found.get(a.doc, []))
    out: list[Claim] = []
    for story, mentions in sorted(by_story.items(), key=lambda kv: str(kv[0])):
        story_copies = {d: o for d, o in copies.items()
                        if story_of.get(d) == story and story_of.get(o) == story}
        docs = {a.doc for a in articles if a.story == story}
        relayed = relays([q for q in quotes if q.doc in docs], {d: outlet_of[d] for d in docs})
        out.extend(match_claims(mentions, story=None if story is None else str(story), copies=story_copies,
                                relayed=relayed))
    return out


def evaluate_gold(gold_path: Path, *, output: str | None = None, workers: int | None = None,
                  progress: bool | None = False,
                  show_claims: str | None = None) -> tuple[dict[str, Any], list[Failure]]:
    """Extract the gold file's articles, align their quotations when the gold has alignments, match their
    claims when it has corroborated claims, and score. `progress` draws a bar of the articles parsed on
    standard error (None: when it is a terminal; see `newsfold.progress`); `show_claims` names a file
    ("-": standard output) to write the claims misses to (`evaluation.format_claim_misses`)."""
    from .progress import Progress
    from .story import analyse_articles

    gold, text_of = load_gold(gold_path)
    articles, failures = gold_articles(gold_path)
    records: list[dict[str, Any]] = []
    extractions: list[Extraction] = []
    found: dict[str, list[ClaimMention]] = {}
    want_claims = bool(gold.get("corroborated_claims"))
    results = (analyse_articles(articles, workers=workers) if want_claims
               else extract_articles(articles, workers=workers))
    with Progress("parsing", len(articles), enabled=progress) as bar:
        for result in results:
            bar.update()
            if isinstance(result, Failure):
                failures.append(result)
                continue
            extraction = result.extraction if isinstance(result, Analysed) else result
            if isinstance(result, Analysed):
                found[extraction.article.doc] = result.claims
            records.extend(q.to_record() for q in extraction.quotes)
            extractions.append(extraction)
    if gold.get("alignments"):
        records.extend(a.to_record() for a in gold_alignments(article_index(gold_path, gold), extractions))
    if want_claims:
        records.extend(c.to_record() for c in gold_claims(articles, found, extractions))
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if show_claims and want_claims:
        misses = format_claim_misses(gold, records)
        if show_claims == "-":
            sys.stdout.write(misses)
        else:
            Path(show_claims).write_text(misses, encoding="utf-8")
    return score(gold, text_of, records), failures
