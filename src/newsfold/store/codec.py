"""Ids from content hashes, and the models written to and read back from rows and JSON columns.

Every id is a hash of what it names, so the same article read twice, in any run, in any order, gets the
same id and the second insert is a no-op:

* article: its outlet and its text (two outlets printing the same wire copy are two articles; the same
  text read again under another path is the same article);
* quotation: its article, offsets and kind;
* person: a name as compared across the store (case, accents, spacing and a leading "the" set aside).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import unicodedata
from typing import Any

from newsfold.ingest.docids import content_hash
from newsfold.models import Article, ClaimMention, Person, Quote, Span


def _digest(*parts: str, size: int = 10) -> str:
    h = hashlib.blake2b(digest_size=size)
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def article_id(article: Article) -> str:
    """The article's id: a hash of its outlet and its text (the hash `ingest.docids` renames by too)."""
    return "a" + content_hash(article)


def quote_id(article: str, quote: Quote) -> str:
    return f"{article}:{quote.start}-{quote.end}:{quote.kind}"


def person_key(name: str) -> str:
    """A name as compared across stories: NFKC, case-folded, single-spaced, without a leading "the"."""
    words = unicodedata.normalize("NFKC", name).replace("’", "'").casefold().split()
    while words and words[0] in ("the", "a", "an"):
        words.pop(0)
    return " ".join(words)


def person_id(name: str) -> str:
    return "p" + _digest(person_key(name), size=6)


def is_named(name: str | None) -> bool:
    """A speaker known by a name ("Ilse Marenko", "Tass"), not a description ("the minister", "officials").

    Only named speakers become people of the store: descriptions would join every minister of every story.
    """
    if not name or not name.strip():
        return False
    name = name.strip()
    return name[:1].isupper() and not name.lower().startswith(("the ", "a ", "an "))


def dumps(value: Any) -> str:
    """Compact JSON with keys in the order given (records keep their field order), models included."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_default)


def _default(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def span_from(d: dict[str, Any] | None) -> Span | None:
    return Span(d["start"], d["end"], d["text"]) if d else None


def quote_from_record(r: dict[str, Any]) -> Quote:
    """The Quote a `Quote.to_record()` dict was made from (its inverse)."""
    fragments = [tuple(f) for f in r.get("fragments") or []]
    if fragments == [(r["start"], r["end"])]:
        fragments = []  # to_record writes the whole span when there are no fragments
    return Quote(
        doc=r["doc"],
        start=r["start"],
        end=r["end"],
        text=r["text"],
        kind=r["kind"],
        speaker=r.get("speaker"),
        speaker_id=r.get("speaker_id"),
        speaker_mention=span_from(r.get("speaker_mention")),
        cue=span_from(r.get("cue")),
        via=r.get("via"),
        via_mention=span_from(r.get("via_mention")),
        sentence=span_from(r.get("sentence")),
        fragments=fragments,
        confidence=float(r.get("confidence", 1.0)),
    )


ARTICLE_META = ("source", "title", "date", "author", "outlet", "url", "encoding")


def article_from_row(row: dict[str, Any]) -> Article:
    return Article(
        doc=row["doc"],
        text=row["text"],
        **{k: row[k] for k in ARTICLE_META},
        body=(row["body_start"], row["body_end"]),
        residue=[Span(s["start"], s["end"], s["text"]) for s in loads(row["residue"])],
        story=row.get("story"),
    )


def person_from_row(row: dict[str, Any]) -> Person:
    return Person(
        id=row["local_id"],
        name=row["name"],
        kind=row["kind"],
        mentions=[Span(s["start"], s["end"], s["text"]) for s in loads(row["mentions"])],
        titles=loads(row["titles"]),
    )


def mention_detail(m: ClaimMention) -> str:
    return dumps({"outlet": m.outlet, "values": m.values, "terms": m.terms})


def mention_from_row(row: dict[str, Any], doc: str) -> ClaimMention:
    detail = loads(row["detail"])
    return ClaimMention(
        doc=doc,
        start=row["pos_start"],
        end=row["pos_end"],
        text=row["text"],
        kind=row["kind"],
        outlet=detail.get("outlet"),
        values=detail.get("values") or {},
        terms=detail.get("terms") or [],
    )
