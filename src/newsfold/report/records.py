"""records.jsonl: a story's quotations, alignments and claims, one JSON record a line.

Quotation records are exactly what `newsfold extract` writes (`Quote.to_record()`), so tools that read
one read the other; alignment and claim records follow (`Alignment.to_record()`, `Claim.to_record()`).
The order is stable: quotations by document and offset, alignments by their first quotation, claims by id.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsfold.models import Alignment, Story


def story_records(story: Story) -> Iterator[dict[str, Any]]:
    """Every record of the story, in the order records.jsonl holds them."""
    for q in sorted(story.quotes, key=lambda q: (q.doc, q.start, q.end)):
        yield q.to_record()
    def where(a: Alignment) -> tuple:
        return (a.a.doc, a.a.start, a.a.end, a.b.doc, a.b.start, a.b.end)

    for a in sorted(story.alignments, key=where):
        record = a.to_record()
        record["story"] = record.get("story") or story.id
        yield record
    for c in sorted(story.claims, key=lambda c: c.id):
        record = c.to_record()
        record["story"] = record.get("story") or story.id
        yield record


def write_records(story: Story, path: str | Path) -> int:
    """Write the story's records to `path` (JSON Lines, UTF-8); returns how many were written."""
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for record in story_records(story):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n
