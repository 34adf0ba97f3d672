"""newsfold on Spark (local mode) gives the records `newsfold story` gives, record for record.

One local[2] session serves the whole module (starting the JVM costs seconds); its Python workers are
reused from job to job, so each loads the spaCy model once. The parity runs on ../shared skip when it
is absent.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
pytest.importorskip("warcio")
if shutil.which("java") is None:
    pytest.skip("no Java runtime for Spark", allow_module_level=True)

from newsfold.spark.job import run_job  # noqa: E402
from newsfold.spark.submit import run  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def spark():
    from newsfold.spark.session import local_session

    session = local_session("local[2]", app_name="newsfold-tests", conf={"spark.driver.memory": "768m"})
    yield session
    session.stop()


_LOCAL = """
import json, os, sys
import newsfold.align.stories
from newsfold.report.records import story_records
from newsfold.story import build_stories
if os.environ.get("NEWSFOLD_TEST_SEGMENT"):
    newsfold.align.stories.SEGMENT = int(os.environ["NEWSFOLD_TEST_SEGMENT"])
run = build_stories(json.loads(sys.argv[1]), workers=2)
for story in run.stories:
    for r in story_records(story):
        print(json.dumps(r, ensure_ascii=False))
"""


def local_records(paths: list[str], segment: int | None = None) -> list[str]:
    """records.jsonl as `newsfold story` makes it: every story's records, stories in its order.

    Run with the hash seed Spark gives its Python workers (the driver's PYTHONHASHSEED, else 0): claim
    matching still sums weights in set order, which differs between processes with other seeds."""
    env = {**os.environ, "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "0")}
    if segment:
        env["NEWSFOLD_TEST_SEGMENT"] = str(segment)
    proc = subprocess.run([sys.executable, "-c", _LOCAL, json.dumps(paths)], capture_output=True, text=True,
                          encoding="utf-8", env=env, check=True)
    return proc.stdout.splitlines()


def spark_records(spark, paths: list[str], out: Path, **kw):
    result = run_job(spark, paths, out, **kw)
    return result, (out / "records.jsonl").read_text(encoding="utf-8").splitlines()


def assert_same(spark_lines: list[str], local_lines: list[str]) -> None:
    assert len(spark_lines) == len(local_lines)
    for s, loc in zip(spark_lines, local_lines, strict=True):
        assert json.loads(s) == json.loads(loc)
    assert spark_lines == local_lines


def test_the_example_index_gives_the_local_records_and_tables(spark, tmp_path):
    import pyarrow.parquet as pq

    result, lines = spark_records(spark, [str(EXAMPLES)], tmp_path / "out")
    expected = local_records([str(EXAMPLES)])
    assert_same(lines, expected)
    assert not result.failures
    assert result.articles == 2 and result.stories == 1
    kinds = {json.loads(line)["type"] for line in lines}
    assert {"quote", "alignment", "claim"} <= kinds
    # every Python worker that analysed articles reported its peak memory
    assert result.worker_rss_kb and all(kb > 0 for kb in result.worker_rss_kb.values())

    tables = {
        name: pq.read_table(tmp_path / "out" / name).to_pylist()
        for name in ("articles", "quotes", "alignments", "claims", "stories")
    }
    assert sorted(a["doc"] for a in tables["articles"]) == ["velmora-harbourwire.txt", "velmora-ledger.txt"]
    assert {a["story"] for a in tables["articles"]} == {"velmora-flood"}
    assert len(tables["quotes"]) == sum(json.loads(x)["type"] == "quote" for x in lines)
    assert len(tables["alignments"]) == sum(json.loads(x)["type"] == "alignment" for x in lines)
    assert len(tables["claims"]) == sum(json.loads(x)["type"] == "claim" for x in lines)
    (story,) = tables["stories"]
    assert story["story"] == "velmora-flood" and story["n_articles"] == 2
    assert json.loads(story["story_json"])["id"] == "velmora-flood"


EVENTS = [
    ("Marta Okonjo", "Tarvel", "bridge", "engineers"),
    ("Piet Lindqvist", "Osrana", "recount", "ballots"),
    ("Yusuf Haddad", "Belmora", "wildfire", "firefighters"),
    ("Ines Ferreira", "Caldwick", "strike", "dockworkers"),
    ("Kofi Abara", "Nemstad", "flood", "volunteers"),
]


def test_a_corpus_past_one_segment_is_clustered_a_segment_at_a_time_and_gives_the_local_records(
    spark, tmp_path, monkeypatch
):
    """More articles than a clustering segment: the driver ranks them by date, Spark builds each
    segment's graph, as the local command clusters them, and the records are the same."""
    import newsfold.align.stories as clustering
    import newsfold.spark.story_graph as story_graph

    index = tmp_path / "articles.jsonl"
    lines = []
    for k, (person, place, thing, crew) in enumerate(EVENTS):
        for t in range(3):
            text = (f"{place} woke to the {thing} on day {t}. “We will not leave {place} until it is done,” "
                    f"{person} said, as {crew} arrived from across the region.\n\n"
                    f"{person} said the {thing} in {place} was the worst in years.")
            date = None if (k, t) == (3, 1) else f"2024-05-{28 - 5 * k + t:02d}"  # newest first, one undated
            lines.append(json.dumps({"id": f"{place.lower()}-{t}", "text": text, "date": date,
                                     "outlet": f"Outlet {t}"}))
    lines.append(lines[0])  # the same id again: read as a second article under a new id, as locally
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")

    monkeypatch.setattr(clustering, "SEGMENT", 6)
    segments = []
    real = story_graph.segment_graph

    def spy(spark, texts, n, work):
        segments.append(n)
        return real(spark, texts, n, work)

    monkeypatch.setattr(story_graph, "segment_graph", spy)
    result, got = spark_records(spark, [str(index)], tmp_path / "out")
    assert len(segments) >= 3 and max(segments) <= 6 + 3  # a segment and at most half a segment carried
    assert_same(got, local_records([str(index)], segment=6))
    assert result.articles == 16 and result.stories >= 4  # not one heap


def test_a_segments_graph_by_spark_joins_is_the_local_graph(spark, tmp_path, monkeypatch):
    """Candidate pairs, copies and weights from Spark joins equal the ones built in one process, with
    settings small enough that the top-k cut, the too-common-term rule and tied scores all decide."""
    import numpy as np

    from newsfold.align import story_features as f
    from newsfold.spark.story_graph import segment_graph

    texts = []
    for k, (person, place, thing, crew) in enumerate(EVENTS):
        for t in range(8):
            other = EVENTS[(k + t) % 5][1]
            texts.append(f"{person} spoke in {place} about the {thing} on day {t % 3}. The {crew} and the "
                         f"{thing} crews from {other} worked through {t % 2 + 2} nights.")
    texts += texts[:3]  # copies, and ties between them
    # Every other article with a title, which heads its analysed text and so its lead.
    titles = [f"{EVENTS[i % 5][0]} in {EVENTS[i % 5][1]}" if i % 2 else None for i in range(len(texts))]
    analysed = [t if title is None else title + "\n\n" + t for t, title in zip(texts, titles, strict=True)]
    small = f.segment_graph(analysed)
    monkeypatch.setattr(f, "NEIGHBOURS", 3)
    monkeypatch.setattr(f, "BLOCK_TERMS", 4)
    monkeypatch.setattr(f, "BLOCK_MAX_DF", 6)
    local = f.segment_graph(analysed)
    assert len(local.pairs) < len(small.pairs)  # the settings matter here

    rows = [(i, t, title, 0, len(t)) for i, (t, title) in enumerate(zip(texts, titles, strict=True))]
    frame = spark.createDataFrame(rows, "i int, text string, title string, body_start int, body_end int")
    got = segment_graph(spark, frame.repartition(3), len(texts), tmp_path / "graph")
    assert np.array_equal(got.pairs, local.pairs)
    assert np.array_equal(got.copies, local.copies) and len(got.copies) >= 3
    assert np.array_equal(got.copy_jaccard, local.copy_jaccard)
    everyone = np.array([(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))])
    sims = f.pair_similarity(local.vectors, everyone)
    assert np.array_equal(f.pair_similarity(got.vectors, everyone), sims)


def _page(title: str, outlet: str, text: str) -> bytes:
    paras = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n") if p.strip())
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        f'<meta property="og:site_name" content="{outlet}"></head>'
        f"<body><article><h1>{title}</h1>\n{paras}</article></body></html>"
    ).encode()


def _example_pages() -> list[tuple[str, bytes]]:
    pages = []
    for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        text = (EXAMPLES / meta["doc"]).read_text(encoding="utf-8")
        pages.append((meta["url"], _page(meta["title"], meta["outlet"], text)))
    return pages


def _warc(pages: list[tuple[str, bytes]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(writer.create_warcinfo_record("news.warc.gz", {"software": "newsfold tests"}))
    records = [(url, "200 OK", body, "text/html; charset=utf-8") for url, body in pages]
    records.insert(1, ("https://harbourwire.example/logo.png", "200 OK", b"\x89PNG\r\n", "image/png"))
    records.append(records[0])  # the first page crawled again: the job keeps the first copy
    records.append(
        ("https://northern-ledger.example/broken", "200 OK", _page("Cut", "Ledger", "x " * 400), "text/html")
    )
    for url, status, body, ctype in records:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
        )
    data = bytearray(out.getvalue())
    last = data.rfind(b"\x1f\x8b\x08")
    data[last + 40 : last + 80] = b"\x00" * 40  # the last record is corrupt
    return bytes(data)


def _parquet_rows() -> list[dict]:
    rows = []
    for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        rows.append(
            {
                "id": "pq-" + meta["doc"],
                "text": (EXAMPLES / meta["doc"]).read_text(encoding="utf-8"),
                "outlet": meta["outlet"],
                "title": meta["title"],
                "date": meta["date"],
            }
        )
    return rows


def test_warc_parquet_and_a_missing_path_give_the_local_records_of_the_same_pages(spark, tmp_path, capsys):
    """One run over a WARC in CC-NEWS's layout (a corrupt record and a non-HTML response among its pages),
    a Parquet file (with an empty row) and a path that is not there; locally, the same pages and rows as
    JSONL. The bad inputs are reported and cost only themselves."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pages = _example_pages()
    warc = tmp_path / "in" / "CC-NEWS-test.warc.gz"
    warc.parent.mkdir()
    warc.write_bytes(_warc(pages))
    rows = _parquet_rows()
    parquet = tmp_path / "articles.parquet"
    pq.write_table(
        pa.Table.from_pylist(
            [*rows, {"id": "empty", "text": "  ", "outlet": None, "title": None, "date": None}]
        ),
        parquet,
    )
    local_in = tmp_path / "same.jsonl"
    local_in.write_text(
        "".join(json.dumps({"id": url, "url": url, "html": body.decode()}) + "\n" for url, body in pages)
        + "".join(json.dumps(r) + "\n" for r in rows),
        encoding="utf-8",
    )

    # Through the entry point `newsfold spark` and spark-submit share, as a user meets it.
    out = tmp_path / "out"
    args = argparse.Namespace(input=[str(tmp_path / "in"), str(parquet), str(tmp_path / "absent.jsonl")],
                              output=str(out), partitions=None, regroup=False, keep_stages=False)
    assert run(spark, args) == 1
    err = capsys.readouterr().err.splitlines()
    failed = [line.split()[1:3] for line in err if line.startswith("newsfold: NF")]
    assert [code for code, _ in failed] == ["NF101", "NF110", "NF104"]
    assert failed[1][1].startswith(f"{warc}@")
    assert "newsfold: WARC: 5 records, 3 articles, 2 skipped (not HTML pages), 1 corrupt" in err
    assert any(line.startswith("newsfold: 1 articles repeat a doc read before") for line in err)
    assert any(" from 4 articles in " in line and line.endswith("; 3 inputs failed") for line in err)
    assert not (out / "stages").exists() and (out / "articles").is_dir()
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert any(
        json.loads(x)["type"] == "quote" and x.startswith('{"type": "quote", "doc": "https:') for x in lines
    )
    assert_same(lines, local_records([str(local_in)]))


def _shared(name: str) -> Path:
    path = SHARED / name
    if not path.is_dir():
        pytest.skip(f"{path} is not here")
    return path


def test_seeds_and_polnear_dev_give_the_local_records(spark, tmp_path):
    seeds = _shared("seeds")
    corpus = _shared("polnear-dev")
    docs = [a["doc"] for a in json.loads((corpus / "gold.json").read_text(encoding="utf-8"))["articles"]]
    paths = [str(seeds / "a1.txt"), str(seeds / "a2.txt")] + [str(corpus / d) for d in docs]
    result, lines = spark_records(spark, paths, tmp_path / "out")
    assert not result.failures
    assert result.articles == len(paths)
    assert_same(lines, local_records(paths))
