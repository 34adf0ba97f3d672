"""The Spark job's reading plan and rows, without a Spark session: the plan reads what `read_paths`
reads, in its order, and an article comes back from its row unchanged."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("pandas")

from newsfold.ingest import read_paths  # noqa: E402
from newsfold.models import Article, Span  # noqa: E402
from newsfold.spark.inputs import file_rows, parquet_article, plan_inputs  # noqa: E402
from newsfold.spark.rows import article_row, row_article  # noqa: E402


def _corpus(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("“The dam will hold,” Mayor Ana Lund said.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("The council met on Monday.\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("not read\n", encoding="utf-8")
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    idx = tmp_path / "idx"
    idx.mkdir()
    (idx / "one.txt").write_text("Rain fell all week in Velmora.\n", encoding="utf-8")
    (idx / "articles.jsonl").write_text(
        json.dumps({"doc": "one.txt", "outlet": "Ledger", "story": "s1"}) + "\n", encoding="utf-8"
    )
    (tmp_path / "rows.jsonl").write_text(
        '{"id": "r1", "text": "Two ferries ran late."}\nnot json\n', encoding="utf-8"
    )
    (tmp_path / "t.parquet").write_bytes(b"PAR1")
    (tmp_path / "c.warc.gz").write_bytes(b"")
    return tmp_path


def test_the_plan_reads_what_read_paths_reads_in_its_order(tmp_path):
    root = _corpus(tmp_path)
    plan = plan_inputs([str(root), str(root / "absent.txt")])
    assert plan.parquet == [str(root / "t.parquet")]
    assert [f.error.code for f in plan.failures] == ["NF101"]
    # Everything but Parquet (which read_paths does not take) comes out as read_paths gives it, WARC
    # files too (their rows of counts aside).
    planned = []
    for i, path in enumerate(plan.files):
        planned += [r["doc"] or r["code"] for r in file_rows(path, i) if r.get("stats") is None]
    local = [getattr(x, "doc", None) or x.error.code for x in read_paths([str(root)])]
    assert planned == local
    assert "one.txt" in planned and str(root / "idx" / "one.txt") not in planned  # read through the index
    assert str(root / "c.warc.gz") in plan.files


def test_an_article_comes_back_from_its_row_unchanged():
    text = "Read more.\n“The dam will hold,” Mayor Ana Lund said.\nReporting by Staff"
    article = Article(
        doc="d1",
        text=text,
        source="x.txt",
        title="Dam",
        date="2025-11-04",
        author=None,
        outlet="Ledger",
        url="https://l.example/d1",
        encoding="utf-8",
        body=(11, 54),
        residue=[Span(0, 10, "Read more."), Span(55, len(text), text[55:])],
        story="s1",
    )
    assert row_article(article_row(article, 0, 0)) == article
    bare = Article(doc="d2", text="Plain.")
    assert row_article(article_row(bare, 0, 1)) == bare


def test_a_parquet_row_without_an_id_is_named_by_its_text():
    a = parquet_article(
        {"text": "Two ferries ran late.", "outlet": "Ledger", "title": None}, "s3a://b/p.parquet"
    )
    b = parquet_article({"text": "Two ferries ran late."}, "s3a://b/p.parquet")
    assert a.doc == b.doc and a.doc.startswith("p.parquet#")
    assert a.outlet == "Ledger"
    assert parquet_article({"id": "x", "text": "Hi there."}, "p.parquet").doc == "x"


def test_the_wheel_becomes_a_zip_python_workers_can_import(tmp_path):
    import subprocess
    import sys
    import zipfile

    from newsfold.spark.session import importable_zip

    wheel = tmp_path / "pkg-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("pkg/__init__.py", "")
        z.writestr("pkg/inner/mod.py", "VALUE = 42\n")  # a folder without __init__.py, as a namespace
        z.writestr("pkg-1.0.dist-info/METADATA", "Name: pkg\n")
    out = importable_zip(wheel, tmp_path / "pkg.zip")
    assert "pkg/inner/__init__.py" in zipfile.ZipFile(out).namelist()
    code = f"import sys; sys.path.insert(0, {str(out)!r}); from pkg.inner.mod import VALUE; print(VALUE)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "42"
    # zipimport alone does not find the namespace folder: the reason for the copy
    code = f"import sys; sys.path.insert(0, {str(wheel)!r}); import pkg.inner.mod"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode != 0
