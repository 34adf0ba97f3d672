from __future__ import annotations

import json
from pathlib import Path

from newsfold.errors import Failure
from newsfold.ingest import read_paths
from newsfold.models import Article


def docs(out: list[Article | Failure]) -> list[str]:
    return [o.doc for o in out if isinstance(o, Article)]


def test_directory_walk_sorted_recursive_and_keeps_going(tmp_path: Path, page: str) -> None:
    (tmp_path / "b.txt").write_text("Second story.")
    (tmp_path / "a.txt").write_text("First story.")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.md").write_text("Not an article type.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.htm").write_text(page)
    (tmp_path / "sub" / "d.jsonl").write_text('{"text": "Fourth."}\nbroken\n{"text": "Fifth."}\n')
    (tmp_path / "z.txt").write_text("Last story.")
    out = list(read_paths([str(tmp_path)]))
    assert docs(out) == [
        f"{tmp_path}/a.txt",
        f"{tmp_path}/b.txt",
        f"{tmp_path}/sub/c.htm",
        f"{tmp_path}/sub/d.jsonl#1",
        f"{tmp_path}/sub/d.jsonl#3",
        f"{tmp_path}/z.txt",
    ]
    failures = {o.source: o.error.code for o in out if isinstance(o, Failure)}
    assert failures == {
        f"{tmp_path}/bad.txt": "NF102",
        f"{tmp_path}/empty.txt": "NF104",
        f"{tmp_path}/sub/d.jsonl:2": "NF105",
    }


def test_index_in_a_directory_is_not_read_twice(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Indexed story.")
    (tmp_path / "loose.txt").write_text("Not in the index.")
    (tmp_path / "articles.jsonl").write_text(
        json.dumps({"doc": "one.txt", "story": "s"})
        + "\n"
        + json.dumps({"doc": "missing.txt", "story": "s"})
        + "\n"
    )
    out = list(read_paths([str(tmp_path)]))
    assert docs(out) == ["one.txt", f"{tmp_path}/loose.txt"]
    assert [o.error.code for o in out if isinstance(o, Failure)] == ["NF106"]


def test_files_by_kind(tmp_path: Path, page: str) -> None:
    sniffed = tmp_path / "page.txt"
    sniffed.write_text(page)
    other_index = tmp_path / "list.jsonl"
    other_index.write_text(json.dumps({"doc": "page.txt", "story": "p"}) + "\n")
    out = list(read_paths([str(sniffed), str(other_index)]))
    assert all(isinstance(o, Article) for o in out)
    page_article, indexed = out
    assert "<p>" not in page_article.text and "harbour wall" in page_article.text
    assert indexed.doc == "page.txt" and indexed.story == "p"


def test_missing_path_and_over_cap_are_failures(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Words. " * 50)
    ok = tmp_path / "ok.txt"
    ok.write_text("Fine.")
    out = list(read_paths([str(tmp_path / "nope"), str(big), str(ok)], max_bytes=100))
    assert [o.error.code for o in out if isinstance(o, Failure)] == ["NF101", "NF107"]
    assert docs(out) == [str(ok)]


def test_a_folder_walk_names_each_file_it_skips_and_why(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("“The wall will hold,” the council leader said.")
    (tmp_path / "table.csv").write_text("doc,text\n1,hello\n")
    (tmp_path / "blob.dat").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    (tmp_path / "gold.json").write_text('{"quotes": []}')
    (tmp_path / "notes.md").write_text("Some notes.")
    (tmp_path / ".hidden.csv").write_text("a,b\n")  # hidden files are passed over without a word
    warnings: list[str] = []
    out = list(read_paths([str(tmp_path)], on_warning=warnings.append))
    assert docs(out) == [f"{tmp_path}/story.txt"] and len(out) == 1
    reasons = dict(w.split(": skipped: ", 1) for w in warnings)
    assert list(reasons) == [f"{tmp_path}/{n}" for n in ("blob.dat", "gold.json", "notes.md", "sitemap.xml",
                                                           "table.csv")]
    assert reasons[f"{tmp_path}/blob.dat"].startswith("binary data (.dat)")
    assert "read only when named" in reasons[f"{tmp_path}/gold.json"]
    assert "name it to read it as plain text" in reasons[f"{tmp_path}/notes.md"]
    assert reasons[f"{tmp_path}/sitemap.xml"] == "XML whose root element is <urlset>, not an RSS or Atom feed"
    assert reasons[f"{tmp_path}/table.csv"].startswith(".csv tables are not read")


def test_a_folder_with_nothing_to_read_is_one_failure(tmp_path: Path) -> None:
    (tmp_path / "mixed").mkdir()
    (tmp_path / "mixed" / "table.csv").write_text("doc,text\n")
    (tmp_path / "mixed" / "blob.dat").write_bytes(b"\x00\x01" * 64)
    (tmp_path / "nothing").mkdir()
    warnings: list[str] = []
    out = list(read_paths([str(tmp_path / "mixed"), str(tmp_path / "nothing")], on_warning=warnings.append))
    assert len(warnings) == 2
    assert [(o.source, o.error.code) for o in out if isinstance(o, Failure)] == [
        (str(tmp_path / "mixed"), "NF112"), (str(tmp_path / "nothing"), "NF112")]
    assert "none of its 2 files is one newsfold reads" in out[0].line()
    assert "it has no files" in out[1].line()
