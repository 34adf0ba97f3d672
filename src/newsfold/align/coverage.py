"""Coverage: which outlet carries which quotation and which claim of a story, and what each left out.

Quotations that alignment found to report one utterance count as one: an outlet carries the utterance
when it carries any of its versions. A claim is carried by the outlets of its mentions. What an outlet
left out is every utterance and claim some other outlet of the story carries and it does not.

Output (the `Story.coverage` dict):

    {"outlets": ["Harbour Wire", "The Northern Ledger"],
     "quotes": [{"id": "u1", "speaker": "Ilse Marenko", "text": "...", "outlets": [...],
                 "refs": [{"doc", "start", "end", "outlet"}, ...]}, ...],
     "claims": [{"id": "c…", "status": "corroborated", "kind": "number", "text": "...", "outlets": [...]}],
     "missing": {"Harbour Wire": {"quotes": ["u3"], "claims": ["c…"]}, ...},
     "counts": {"Harbour Wire": {"quotes": 5, "claims": 7, "missing_quotes": 1, "missing_claims": 2}}}

Pure: models in, a JSON-ready dict out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..models import Alignment, Article, Claim, Quote, Story


def coverage(story: Story | Sequence[Quote], alignments: Iterable[Alignment] = (),
             claims: Iterable[Claim] = (), outlets: Mapping[str, str] | None = None,
             articles: Iterable[Article] = ()) -> dict[str, Any]:
    """Which outlet carries which utterance and claim, and what each outlet left out.

    Call it with a `Story` (its articles, quotes, alignments and claims are used), or with a story's
    quotes, alignments and claims. An outlet is named as `outlets[doc]` when given, else by the
    article's outlet, else by the doc itself. Outlets with no quote and no claim still appear.
    """
    if isinstance(story, Story):
        quotes: Sequence[Quote] = story.quotes
        alignments, claims, articles = story.alignments, story.claims, story.articles
    else:
        quotes = story
    alignments, claims, articles = list(alignments), list(claims), list(articles)
    outlet_of: dict[str, str] = {a.doc: a.outlet or a.doc for a in articles}
    outlet_of.update(outlets or {})
    for al in alignments:
        for ref in (al.a, al.b):
            if ref.outlet and ref.doc not in outlet_of:
                outlet_of[ref.doc] = ref.outlet

    def name(doc: str, outlet: str | None = None) -> str:
        return outlet_of.get(doc) or outlet or doc

    utterances = _utterances(quotes, alignments)
    quote_rows = []
    for n, group in enumerate(utterances, 1):
        refs = [{"doc": q.doc, "start": q.start, "end": q.end, "outlet": name(q.doc)} for q in group]
        speakers = [q.speaker for q in group if q.speaker]
        quote_rows.append({"id": f"u{n}", "speaker": speakers[0] if speakers else None, "text": group[0].text,
                           "kinds": sorted({q.kind for q in group}),
                           "outlets": sorted({r["outlet"] for r in refs}), "refs": refs})
    claim_rows = [{"id": c.id, "status": c.status, "kind": c.kind, "text": c.text,
                   "outlets": sorted({name(m.doc, m.outlet) for m in c.mentions})}
                  for c in sorted(claims, key=_claim_order)]

    all_outlets = set(outlet_of[a.doc] for a in articles if a.doc in outlet_of)
    for row in (*quote_rows, *claim_rows):
        all_outlets.update(row["outlets"])
    names = sorted(all_outlets)
    missing: dict[str, dict[str, list[str]]] = {}
    counts: dict[str, dict[str, int]] = {}
    for o in names:
        left_quotes = [r["id"] for r in quote_rows if o not in r["outlets"]]
        left_claims = [r["id"] for r in claim_rows if o not in r["outlets"]]
        missing[o] = {"quotes": left_quotes, "claims": left_claims}
        counts[o] = {"quotes": len(quote_rows) - len(left_quotes),
                     "claims": len(claim_rows) - len(left_claims),
                     "missing_quotes": len(left_quotes), "missing_claims": len(left_claims)}
    return {"outlets": names, "quotes": quote_rows, "claims": claim_rows, "missing": missing,
            "counts": counts}


def _claim_order(c: Claim) -> tuple[str, int, str]:
    first = min(((m.doc, m.start) for m in c.mentions), default=("", 0))
    return first[0], first[1], c.id


def _utterances(quotes: Sequence[Quote], alignments: list[Alignment]) -> list[list[Quote]]:
    """Quotations joined by alignments into utterances, each in document order, in order of first version.

    An alignment whose ends are not among `quotes` is ignored (it belongs to another story's fold)."""
    ordered = sorted(quotes, key=lambda q: (q.doc, q.start, q.end))
    index = {(q.doc, q.start, q.end): i for i, q in enumerate(ordered)}
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for al in alignments:
        a = index.get((al.a.doc, al.a.start, al.a.end))
        b = index.get((al.b.doc, al.b.start, al.b.end))
        if a is not None and b is not None:
            parent[find(a)] = find(b)
    groups: dict[int, list[Quote]] = defaultdict(list)
    for i, q in enumerate(ordered):
        groups[find(i)].append(q)
    return sorted(groups.values(), key=lambda g: (g[0].doc, g[0].start, g[0].end))
