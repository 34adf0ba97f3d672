"""Rows of the Spark job's tables, and the models they are made from and read back into.

An `Article` travels as columns (so the `articles` table is readable as it stands) and comes back exactly:
`body` from two offsets, `residue` from an array of spans. What extraction found in an article (its
quotations, people, warnings and claim mentions) travels between the job's stages pickled: an exact copy
of the dataclasses, which parity with the local pipeline needs, and never written anywhere the job keeps.
"""

from __future__ import annotations

import pickle
from typing import Any

from newsfold.errors import Failure
from newsfold.models import Article, ClaimMention, Extraction, Span

ARTICLE_FIELDS = (
    "doc string, text string, source string, title string, date string, author string, outlet string, "
    "url string, encoding string, body_start int, body_end int, "
    "residue array<struct<start:int,end:int,text:string>>, index_story string"
)
FAILURE_FIELDS = "code string, failed_source string, detail string"
PLACE_FIELDS = "file_ord int, pos long"

#: what the read stage gives: an article, a failure, or a WARC file's stats, by place in the input
READ_SCHEMA = f"{PLACE_FIELDS}, {ARTICLE_FIELDS}, {FAILURE_FIELDS}, stats array<long>"
#: what the analysis stage gives: the same, with what was found in each article and who found it
ANALYSED_SCHEMA = (
    f"{READ_SCHEMA}, found binary, n_quotes int, n_claims int, "
    "worker_pid long, worker_rss_kb long, cpu_s double"
)


def _empty(**place: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(
        [
            "doc",
            "text",
            "source",
            "title",
            "date",
            "author",
            "outlet",
            "url",
            "encoding",
            "body_start",
            "body_end",
            "residue",
            "index_story",
            "code",
            "failed_source",
            "detail",
            "stats",
        ]
    )
    row.update(place)
    return row


def article_row(article: Article, file_ord: int, pos: int) -> dict[str, Any]:
    """A read-stage row for one article."""
    start, end = article.body or (0, len(article.text))
    row = _empty(file_ord=file_ord, pos=pos)
    row.update(
        doc=article.doc,
        text=article.text,
        source=article.source,
        title=article.title,
        date=article.date,
        author=article.author,
        outlet=article.outlet,
        url=article.url,
        encoding=article.encoding,
        body_start=start,
        body_end=end,
        residue=[{"start": r.start, "end": r.end, "text": r.text} for r in article.residue],
        index_story=article.story,
    )
    return row


def failure_row(failure: Failure, file_ord: int, pos: int) -> dict[str, Any]:
    """A read-stage row for one input that failed."""
    return _empty(
        file_ord=file_ord,
        pos=pos,
        code=failure.error.code,
        failed_source=failure.source,
        detail=failure.error.detail,
    )


def stats_row(stats: list[int], source: str, file_ord: int, pos: int) -> dict[str, Any]:
    return _empty(file_ord=file_ord, pos=pos, failed_source=source, stats=stats)


def _value(v: Any) -> Any:
    # pandas hands missing strings over as None or NaN, and ints as numpy ints
    if v is None or (isinstance(v, float) and v != v):
        return None
    return v


def row_article(row: Any) -> Article:
    """The Article an `article_row` was made from (`row` a dict, a pandas row or a Spark Row)."""
    get = row.__getitem__
    residue = get("residue")
    return Article(
        doc=get("doc"),
        text=get("text"),
        source=_value(get("source")) or "",
        title=_value(get("title")),
        date=_value(get("date")),
        author=_value(get("author")),
        outlet=_value(get("outlet")),
        url=_value(get("url")),
        encoding=_value(get("encoding")),
        body=(int(get("body_start")), int(get("body_end"))),
        residue=[
            Span(int(r["start"]), int(r["end"]), r["text"])
            for r in (residue if _value(residue) is not None else [])
        ],
        story=_value(get("index_story")),
    )


def dump_found(extraction: Extraction, claims: list[ClaimMention]) -> bytes:
    """What extraction found in one article (its article aside), for the next stage."""
    return pickle.dumps((extraction.quotes, extraction.people, extraction.warnings, claims), protocol=5)


def load_found(article: Article, found: bytes) -> tuple[Extraction, list[ClaimMention]]:
    quotes, people, warnings, claims = pickle.loads(found)  # noqa: S301 - written by this job's own stage
    return Extraction(article, quotes, people, warnings), claims
