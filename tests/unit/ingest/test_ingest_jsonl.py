from __future__ import annotations

import json
from pathlib import Path

from newsfold.errors import Failure
from newsfold.ingest import read_json, read_jsonl
from newsfold.models import Article


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_one_article_a_line_and_bad_lines_do_not_stop_it(tmp_path: Path, page: str) -> None:
    path = write_lines(
        tmp_path / "batch.jsonl",
        [
            json.dumps({"id": "a1", "text": "The bridge opened.\n\nRead more: bridges", "outlet": "Courier"}),
            "{not json",
            json.dumps({"title": "no text here"}),
            "",
            json.dumps(["a", "list"]),
            json.dumps({"text": "The dam held.", "date": "2024-01-02", "url": "https://x.example/d"}),
            json.dumps({"doc": "web-1", "html": page, "outlet": "Given Outlet"}),
            json.dumps({"text": "   "}),
        ],
    )
    out = list(read_jsonl(path))
    assert [type(o).__name__ for o in out] == [
        "Article",
        "Failure",
        "Failure",
        "Failure",
        "Article",
        "Article",
        "Failure",
    ]
    first, second, web = (o for o in out if isinstance(o, Article))
    assert first.doc == "a1"
    assert first.outlet == "Courier"
    assert first.source == f"{path}:1"
    assert [r.text for r in first.residue] == ["Read more: bridges"]
    assert first.text[first.body[0] : first.body[1]] == "The bridge opened."
    assert second.doc == f"{path}#6"
    assert (second.date, second.url) == ("2024-01-02", "https://x.example/d")
    assert "harbour wall" in web.text
    assert web.doc == "web-1"
    assert web.outlet == "Given Outlet"  # the record's value wins over the page's site name
    assert web.author == "Priya Calder"  # and the page fills what the record leaves out
    failures = [o for o in out if isinstance(o, Failure)]
    assert [f.source for f in failures] == [f"{path}:2", f"{path}:3", f"{path}:5", f"{path}:8"]
    assert [f.error.code for f in failures] == ["NF105", "NF105", "NF105", "NF104"]
    assert failures[0].line().startswith(f"NF105 {path}:2: ")


def test_a_line_over_the_cap(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "b.jsonl", [json.dumps({"text": "x" * 500}), json.dumps({"text": "Short."})]
    )
    out = list(read_jsonl(path, max_bytes=100))
    assert isinstance(out[0], Failure) and out[0].error.code == "NF107"
    assert isinstance(out[1], Article)


def test_missing_jsonl_is_one_failure(tmp_path: Path) -> None:
    out = list(read_jsonl(tmp_path / "none.jsonl"))
    assert len(out) == 1 and isinstance(out[0], Failure) and out[0].error.code == "NF101"


def test_json_list_and_object(tmp_path: Path) -> None:
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "One."}, {"nothing": 1}, {"id": "three", "text": "Three."}]))
    out = list(read_json(many))
    assert isinstance(out[0], Article) and out[0].doc == f"{many}#1"
    assert isinstance(out[1], Failure) and out[1].source == f"{many}#2"
    assert isinstance(out[2], Article) and out[2].doc == "three"
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "Alone.", "title": "T"}))
    (article,) = read_json(one)
    assert isinstance(article, Article) and article.doc == str(one) and article.title == "T"
