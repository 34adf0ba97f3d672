from __future__ import annotations

import json
from pathlib import Path

from newsfold.errors import Failure
from newsfold.ingest import read_index
from newsfold.models import Article


def make_index(folder: Path, page: str) -> Path:
    (folder / "texts").mkdir()
    (folder / "texts" / "one.txt").write_text("The port reopened on Monday.\n\nFollow us on Twitter\n")
    (folder / "two.html").write_text(page)
    entries = [
        {
            "doc": "texts/one.txt",
            "story": "s1",
            "outlet": "Courier",
            "title": None,
            "date": "2024-05-01",
            "url": None,
        },
        {"doc": "gone.txt", "story": "s1", "outlet": "Courier", "title": None, "date": None, "url": None},
        {
            "doc": "two.html",
            "story": "s2",
            "outlet": "Index Outlet",
            "title": None,
            "date": None,
            "url": None,
        },
    ]
    index = folder / "articles.jsonl"
    index.write_text("\n".join(json.dumps(e) for e in entries) + "\n")
    return index


def test_index_reads_named_files_and_keeps_going(tmp_path: Path, page: str) -> None:
    index = make_index(tmp_path, page)
    out = list(read_index(index))
    assert [type(o).__name__ for o in out] == ["Article", "Failure", "Article"]
    one, missing, two = out
    assert isinstance(one, Article) and isinstance(two, Article) and isinstance(missing, Failure)
    assert one.doc == "texts/one.txt"  # as written in the index
    assert one.story == "s1"
    assert (one.outlet, one.date) == ("Courier", "2024-05-01")
    assert [r.text for r in one.residue] == ["Follow us on Twitter"]
    assert missing.error.code == "NF106"
    assert missing.source == f"{index}:2"
    assert "gone.txt" in missing.line()
    assert two.doc == "two.html" and two.story == "s2"
    assert two.outlet == "Index Outlet"  # the index wins where it has a value
    assert two.title and "harbour" in two.title.lower()  # the page fills the index's nulls
    assert two.url == "https://courier.example/news/harbour-wall"


def test_index_line_without_doc(tmp_path: Path) -> None:
    index = tmp_path / "articles.jsonl"
    index.write_text('{"story": "s"}\n{"doc": 3}\n')
    out = list(read_index(index))
    assert [o.error.code for o in out if isinstance(o, Failure)] == ["NF105", "NF105"]
