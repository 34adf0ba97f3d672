"""story.json: the whole story as one JSON document, the same data the HTML report shows.

Articles appear with their metadata (not their text); quotations, alignments and claims as their
records; people, coverage, the brief and the timeline as they are, with every `Ref` as a dict.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from newsfold.align.fold import outlet_of
from newsfold.models import Story
from newsfold.report.records import story_records


def jsonable(value: Any) -> Any:
    """`value` with every dataclass (a `Ref`, a `DiffOp`…) turned into plain JSON types."""
    if hasattr(value, "to_dict"):
        return jsonable(value.to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [jsonable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    return value


def story_to_dict(story: Story) -> dict[str, Any]:
    """The whole story, JSON-ready."""
    records = list(story_records(story))
    outlets = sorted({outlet_of(a) for a in story.articles}, key=lambda o: (o.casefold(), o))
    articles = []
    for a in story.articles:
        meta = a.meta()
        meta["outlet_name"] = outlet_of(a)
        meta["copy_of"] = story.copies.get(a.doc)
        if a.doc in story.relays:  # the outlet whose reporting it reproduces
            meta["relays"] = story.relays[a.doc]
        meta["chars"] = len(a.text)
        articles.append(meta)
    return {
        "id": story.id,
        "title": story.title,
        "outlets": outlets,
        "articles": articles,
        "brief": [s.to_dict() for s in story.brief],
        "timeline": [t.to_dict() for t in story.timeline],
        "people": jsonable(story.people),
        "coverage": jsonable(story.coverage),
        "quotes": [r for r in records if r["type"] == "quote"],
        "alignments": [r for r in records if r["type"] == "alignment"],
        "claims": [r for r in records if r["type"] == "claim"],
        "copies": dict(story.copies),
    }


def write_story_json(story: Story, path: str | Path) -> None:
    """Write story.json (UTF-8, indented for people who open it)."""
    text = json.dumps(story_to_dict(story), ensure_ascii=False, indent=1)
    Path(path).write_text(text + "\n", encoding="utf-8")
