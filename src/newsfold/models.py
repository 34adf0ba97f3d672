"""The data that flows through newsfold: articles in, quotations and speakers out.

Everything downstream of `nlp/` (alignment, the store, reports, the web app, Spark) works with these
plain dataclasses, never with a spaCy `Doc`. Offsets are Python `str` indices into `Article.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "partial", "indirect"]


@dataclass(frozen=True)
class Span:
    """A stretch of an article's text: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Article:
    """One article as newsfold reads it.

    `text` is what every offset indexes: for a plain-text file the decoded file, unchanged; for HTML the
    main text that trafilatura extracted. `body` is the part of `text` that is analysed: scraping residue
    at the edges (bylines, "Read the rest here.") lies outside it and is listed in `residue`.
    """

    doc: str
    text: str
    source: str = ""
    title: str | None = None
    date: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    encoding: str | None = None
    body: tuple[int, int] | None = None
    residue: list[Span] = field(default_factory=list)
    story: str | None = None

    def __post_init__(self) -> None:
        if self.body is None:
            self.body = (0, len(self.text))

    def meta(self) -> dict[str, Any]:
        """The article's metadata as a JSON-ready dict (no text)."""
        return {
            "doc": self.doc,
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "author": self.author,
            "outlet": self.outlet,
            "url": self.url,
            "encoding": self.encoding,
            "body": list(self.body) if self.body else None,
            "residue": [r.to_dict() for r in self.residue],
        }


@dataclass
class Person:
    """A speaker resolved within one article: every mention that names the same person or organisation."""

    id: str
    name: str
    kind: Literal["person", "org", "group", "unknown"] = "person"
    mentions: list[Span] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "titles": self.titles,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass
class Quote:
    """One attributed statement: direct, partial (quoted words inside reported speech) or indirect.

    `start`/`end` cover the content without its outer quotation marks. A direct quotation split by its
    attribution ("“A,” he said, “B.”") is one Quote whose `fragments` are the two quoted pieces.
    `via` names the source that relayed it ("according to the state-run Tass agency").
    """

    doc: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_mention: Span | None = None
    cue: Span | None = None
    via: str | None = None
    via_mention: Span | None = None
    sentence: Span | None = None
    fragments: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 1.0

    def to_record(self) -> dict[str, Any]:
        """The JSONL record `newsfold extract` writes (a superset of what the scorer reads)."""
        return {
            "type": "quote",
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "speaker_mention": self.speaker_mention.to_dict() if self.speaker_mention else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "via": self.via,
            "via_mention": self.via_mention.to_dict() if self.via_mention else None,
            "sentence": self.sentence.to_dict() if self.sentence else None,
            "fragments": [list(f) for f in self.fragments] or [[self.start, self.end]],
            "confidence": round(self.confidence, 3),
        }


@dataclass
class Extraction:
    """What extraction returns for one article: its quotations and the people who speak in it."""

    article: Article
    quotes: list[Quote] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- cross-source: what `align/` makes of the extractions of one story -------------------------------

Relation = Literal["identical", "excerpt", "altered", "variant"]
ClaimStatus = Literal["corroborated", "single-source", "conflict"]


@dataclass(frozen=True)
class Ref:
    """Where something stands in an article: a quotation or a claim mention, by document and offsets."""

    doc: str
    start: int
    end: int
    outlet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "outlet": self.outlet}


@dataclass
class DiffOp:
    """One step of a word-level diff from quotation `a` to quotation `b`.

    `op` is "equal", "delete" (words only in a), "insert" (words only in b) or "replace".
    """

    op: Literal["equal", "delete", "insert", "replace"]
    a: str = ""
    b: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "a": self.a, "b": self.b}


@dataclass
class Alignment:
    """Two quotations in different articles that report the same utterance, and how their wordings relate."""

    a: Ref
    b: Ref
    relation: Relation
    diff: list[DiffOp] = field(default_factory=list)
    speaker: str | None = None
    score: float = 1.0
    story: str | None = None
    #: whose attribution `speaker` is: "both" sides', or only "a"'s or "b"'s (the other side unattributed,
    #: described, or attributed to another name), None when neither names a speaker
    speaker_from: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "type": "alignment",
            "story": self.story,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "relation": self.relation,
            "speaker": self.speaker,
            "speaker_from": self.speaker_from,
            "score": round(self.score, 3),
            "diff": [d.to_dict() for d in self.diff],
        }


@dataclass
class ClaimMention:
    """A statement of fact in one article: the clause, its kind and the values it asserts.

    `values` holds normalised facts the clause carries, e.g. {"number": [26.0], "date": ["2025-08-15"],
    "place": ["vladivostok"]}; `terms` the content words used to match it with other outlets' mentions.
    """

    doc: str
    start: int
    end: int
    text: str
    kind: str = "event"
    outlet: str | None = None
    values: dict[str, list[Any]] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)

    def ref(self) -> Ref:
        return Ref(self.doc, self.start, self.end, self.outlet)

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "outlet": self.outlet,
                "text": self.text, "kind": self.kind, "values": self.values}


@dataclass
class Claim:
    """One fact as the outlets of a story carry it: corroborated, single-source, or in conflict."""

    id: str
    status: ClaimStatus
    text: str
    kind: str
    mentions: list[ClaimMention] = field(default_factory=list)
    conflict: dict[str, Any] | None = None
    story: str | None = None
    # the independent sources among its outlets: a copy counts as its original, an article relaying
    # another outlet's reporting as that outlet (None: not worked out)
    independent: list[str] | None = None

    def outlets(self) -> list[str]:
        return sorted({m.outlet or m.doc for m in self.mentions})

    def to_record(self) -> dict[str, Any]:
        return {
            "type": "claim",
            "id": self.id,
            "story": self.story,
            "status": self.status,
            "kind": self.kind,
            "text": self.text,
            "outlets": self.outlets(),
            "conflict": self.conflict,
            **({"independent": self.independent} if self.independent is not None else {}),
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass
class BriefSentence:
    """One sentence of a story's brief, with the outlets that carry it and where (its citations)."""

    text: str
    outlets: list[str]
    refs: list[Ref] = field(default_factory=list)
    status: str = "single-source"

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "outlets": self.outlets, "status": self.status,
                "refs": [r.to_dict() for r in self.refs]}


@dataclass
class TimelineEntry:
    """A dated event of the story: an ISO date (or date-time), what happened, and who reported it."""

    date: str
    text: str
    outlets: list[str] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "text": self.text, "outlets": self.outlets,
                "refs": [r.to_dict() for r in self.refs]}


@dataclass
class Story:
    """Everything newsfold knows of one story: its articles and the fold of their coverage.

    `people` are speakers resolved across the story's articles ({"id", "name", "titles", "quotes":
    [Ref...], "outlets"}); `coverage` says which outlet carries which quotation and claim and what each
    left out ({"outlets": [...], "quotes": [...], "claims": [...], "missing": {outlet: {...}}}).
    `copies` maps an article that copies another of the story (syndicated wire text) to that article:
    a copy carries what its original carries, but it does not corroborate it. `relays` maps an article
    that reproduces another outlet's reporting (most of its quotations come "via" that outlet) to that
    outlet: it is no source independent of it.
    """

    id: str
    articles: list[Article] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    alignments: list[Alignment] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    coverage: dict[str, Any] = field(default_factory=dict)
    brief: list[BriefSentence] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    title: str | None = None
    copies: dict[str, str] = field(default_factory=dict)
    relays: dict[str, str] = field(default_factory=dict)
