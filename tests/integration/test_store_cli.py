"""`newsfold ingest` and `newsfold export` end to end: re-ingesting changes nothing, and a run killed with
SIGKILL at a random moment is finished by the next run with an export identical to an unbroken run's."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "store"
SEEDS = Path("/work/shared/corpus/seeds")
PG = os.environ.get("NEWSFOLD_TEST_PG")
KILLS = int(os.environ.get("NEWSFOLD_TEST_KILLS", "3"))  # bench/bench_store_crash.py runs 20


def newsfold(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsfold.cli", *map(str, args)], capture_output=True,
                          text=True, **kw)


def ingest_export(db, out, *paths, workers=1) -> tuple[subprocess.CompletedProcess, bytes]:
    proc = newsfold("ingest", *paths, "--db", db, "--workers", workers)
    exp = newsfold("export", "--db", db, "--output", out)
    assert exp.returncode == 0, exp.stderr
    return proc, Path(out).read_bytes()


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """An unbroken run over the invented articles: its export, how long the run took, and its store."""
    d = tmp_path_factory.mktemp("clean")
    started = time.monotonic()
    proc, export = ingest_export(d / "clean.db", d / "clean.jsonl", DATA)
    assert proc.returncode == 0, proc.stderr
    return export, time.monotonic() - started, d / "clean.db"


def test_ingest_stores_everything_and_reingest_changes_nothing(clean, tmp_path):
    export, _, db = clean
    records = [json.loads(line) for line in export.decode().splitlines()]
    kinds = [r["type"] for r in records]
    assert kinds.count("article") == 8 and kinds.count("story") == 3 and kinds.count("quote") >= 16
    for n in range(1, 4):
        proc, again = ingest_export(db, tmp_path / f"{n}.jsonl", DATA)
        assert proc.returncode == 0, proc.stderr
        assert "0 new articles" in proc.stderr and "8 already stored" in proc.stderr
        assert again == export


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_killed_runs_are_finished_by_the_next_run(clean, tmp_path):
    export, duration, _ = clean
    seed = int(os.environ.get("NEWSFOLD_TEST_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    db = tmp_path / "killed.db"
    moments = []
    for _ in range(KILLS):
        delay = rng.uniform(0.05, duration)
        moments.append(round(delay, 2))
        proc = subprocess.Popen([sys.executable, "-m", "newsfold.cli", "ingest", str(DATA), "--db", str(db),
                                 "--workers", str(rng.choice([1, 2]))],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the whole run, parse workers included
        proc.wait()
        if db.exists():
            assert _integrity(db) == "ok", f"seed {seed}, kills at {moments}"
    proc, resumed = ingest_export(db, tmp_path / "resumed.jsonl", DATA)
    assert proc.returncode == 0, proc.stderr
    assert _integrity(db) == "ok"
    assert resumed == export, f"seed {seed}, kills at {moments}"


def test_bad_inputs_are_reported_and_the_rest_stored(tmp_path):
    (tmp_path / "in").mkdir()
    good = tmp_path / "in" / "good.txt"
    good.write_text("\u201cThe bridge is safe,\u201d Mayor Ana Lund said on Monday.\n", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "in" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    proc, export = ingest_export(tmp_path / "s.db", tmp_path / "s.jsonl", tmp_path / "in")
    assert proc.returncode == 1
    assert len([ln for ln in proc.stderr.splitlines() if ln.startswith("newsfold: NF")]) == 2
    records = [json.loads(line) for line in export.decode().splitlines()]
    assert [r["doc"] for r in records if r["type"] == "article"] == [str(good)]
    assert any(r["type"] == "quote" and r["speaker"] == "Ana Lund" for r in records)


def test_export_of_a_missing_store_fails_cleanly(tmp_path):
    proc = newsfold("export", "--db", tmp_path / "none.db", "--output", tmp_path / "x.jsonl")
    assert proc.returncode == 2 and "none.db" in proc.stderr
    assert not (tmp_path / "x.jsonl").exists()


@pytest.mark.skipif(not PG, reason="NEWSFOLD_TEST_PG is not set")
def test_postgresql_store_exports_what_sqlite_does(clean, tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "unit" / "store"))
    from conftest import drop_pg_schema, pg_schema_url

    export, _, _ = clean
    name, url = pg_schema_url(PG)
    try:
        proc, pg = ingest_export(url, tmp_path / "pg.jsonl", DATA, workers=2)
        assert proc.returncode == 0, proc.stderr
    finally:
        drop_pg_schema(PG, name)
    assert pg == export


def test_seeds(tmp_path):
    if not (SEEDS / "a1.txt").is_file():
        pytest.skip("the shared corpus is not available here")
    seeds = [SEEDS / "a1.txt", SEEDS / "a2.txt"]
    proc, export = ingest_export(tmp_path / "seeds.db", tmp_path / "seeds.jsonl", *seeds)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in export.decode().splitlines()]
    stories = [r for r in records if r["type"] == "story"]
    assert len(stories) == 1 and len(stories[0]["articles"]) == 2  # the seeds report one event
    texts = {str(p): p.read_text(encoding="utf-8") for p in seeds}
    quotes = [r for r in records if r["type"] == "quote"]
    assert len(quotes) >= 30  # the seeds hold 40 gold statements
    for q in quotes:
        assert texts[q["doc"]][q["start"] : q["end"]] == q["text"]
    # The store holds exactly the records `newsfold story` writes for the same articles (story ids aside:
    # the store names stories by its own, stable ids).
    story = newsfold("story", *seeds, "--output", tmp_path / "story", "--workers", "1")
    assert story.returncode == 0, story.stderr
    folded = [json.loads(line) for line in (tmp_path / "story" / "records.jsonl").read_text().splitlines()]

    def comparable(rs):
        out = []
        for r in rs:
            if r["type"] in ("quote", "alignment", "claim"):
                kept = {k: v for k, v in r.items() if k not in ("story", "id")}
                out.append(json.dumps(kept, sort_keys=True))
        return sorted(out)

    assert {r["type"] for r in folded} >= {"quote", "alignment", "claim"}
    assert comparable(records) == comparable(folded)
