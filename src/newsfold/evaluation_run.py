"""Run extraction on a gold file's articles and score it (the `newsfold evaluate` command)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .align.quotes import align_quotes
from .errors import Failure, NewsfoldError
from .evaluation import gold_documents, load_gold, score
from .ingest import read_text_file
from .models import Alignment, Article, Claim, ClaimMention, Quote
from .pipeline import extract_articles


def gold_articles(gold_path: Path) -> tuple[list[Article], list[Failure]]:
    """The gold file's articles, read as `newsfold extract` reads plain text, named as the gold names them."""
    gold, _ = load_gold(gold_path)
    base = Path(gold_path).resolve().parent
    meta = {a["doc"]: a for a in gold.get("articles", []) or [] if isinstance(a, dict)}
    articles, failures = [], []
    for doc in gold_documents(gold):
        try:
            article = read_text_file(base / doc, doc=doc)
        except NewsfoldError as err:
            failures.append(Failure(doc, err))
            continue
        m = meta.get(doc, {})
        article.outlet, article.date, article.title = m.get("outlet"), m.get("date"), m.get("title")
        articles.append(article)
    return articles, failures


def gold_alignments(gold: dict[str, Any], articles: list[Article], quotes: list[Quote]) -> list[Alignment]:
    """The quotations aligned across the gold file's articles: one story, unless its articles name stories."""
    meta = {a["doc"]: a for a in gold.get("articles", []) or [] if isinstance(a, dict) and a.get("doc")}
    story_of = {a.doc: meta.get(a.doc, {}).get("story") for a in articles}
    outlets = {a.doc: a.outlet for a in articles}
    by_story: dict[Any, list[Quote]] = {}
    for q in quotes:
        by_story.setdefault(story_of.get(q.doc), []).append(q)
    out: list[Alignment] = []
    for story, story_quotes in sorted(by_story.items(), key=lambda kv: str(kv[0])):
        out.extend(align_quotes(story_quotes, outlets, story=None if story is None else str(story)))
    return out


def gold_claims(gold: dict[str, Any], articles: list[Article]) -> list[Claim]:
    """The claims of the gold file's articles, matched across them: one story, unless its articles name
    stories."""
    from .align.claims import match_claims
    from .nlp.claims import find_claims
    from .nlp.model import load_model

    meta = {a["doc"]: a for a in gold.get("articles", []) or [] if isinstance(a, dict) and a.get("doc")}
    found = find_claims(articles, load_model())
    by_story: dict[Any, list[ClaimMention]] = {}
    for a in articles:
        by_story.setdefault(meta.get(a.doc, {}).get("story"), []).extend(found.get(a.doc, []))
    out: list[Claim] = []
    for story, mentions in sorted(by_story.items(), key=lambda kv: str(kv[0])):
        out.extend(match_claims(mentions, story=None if story is None else str(story)))
    return out


def evaluate_gold(gold_path: Path, *, output: str | None = None, workers: int | None = None,
                  progress: bool | None = False) -> tuple[dict[str, Any], list[Failure]]:
    """Extract the gold file's articles, align their quotations when the gold has alignments, match their
    claims when it has corroborated claims, and score. `progress` draws a bar of the articles parsed on
    standard error (None: when it is a terminal; see `newsfold.progress`)."""
    from .progress import Progress

    gold, text_of = load_gold(gold_path)
    articles, failures = gold_articles(gold_path)
    records: list[dict[str, Any]] = []
    quotes: list[Quote] = []
    with Progress("parsing", len(articles), enabled=progress) as bar:
        for result in extract_articles(articles, workers=workers):
            bar.update()
            if isinstance(result, Failure):
                failures.append(result)
                continue
            records.extend(q.to_record() for q in result.quotes)
            quotes.extend(result.quotes)
    if gold.get("alignments"):
        records.extend(a.to_record() for a in gold_alignments(gold, articles, quotes))
    if gold.get("corroborated_claims"):
        records.extend(c.to_record() for c in gold_claims(gold, articles))
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return score(gold, text_of, records), failures
