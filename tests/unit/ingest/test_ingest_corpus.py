"""Checks against the shared corpora (skipped where they are not available)."""

from __future__ import annotations

from pathlib import Path

from newsfold.errors import Failure
from newsfold.ingest import find_residue, read_paths, read_text_file
from newsfold.models import Article


def test_seed_residue(corpus: Path) -> None:
    a2 = read_text_file(corpus / "seeds" / "a2.txt")
    assert [(r.start, r.end, r.text) for r in a2.residue] == [(4531, 4553, "Head of Investigations")]
    assert read_text_file(corpus / "seeds" / "a1.txt").residue == []


def test_indexed_corpus(corpus: Path) -> None:
    out = list(read_paths([str(corpus / "newswcl50")]))
    assert not [o for o in out if isinstance(o, Failure)]
    assert len(out) == 50
    assert all(isinstance(o, Article) and o.story is not None and o.doc.endswith(".txt") for o in out)


def test_residue_is_only_at_the_edges(corpus: Path) -> None:
    for path in sorted((corpus / "polnear-dev").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        body, spans = find_residue(text)
        for span in spans:
            assert text[span.start : span.end] == span.text
            assert span.end <= body[0] or span.start >= body[1]
