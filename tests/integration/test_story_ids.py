"""One story id for the same articles, whichever command groups them: `story`, `cluster` and `ingest`."""

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def run(*args):
    return subprocess.run([sys.executable, "-m", "newsfold.cli", *map(str, args)], capture_output=True,
                          text=True)


def test_the_same_two_articles_get_one_story_id_from_story_cluster_and_ingest(tmp_path):
    # the two example articles as plain files, no index: their story is found by clustering
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("velmora-ledger.txt", "velmora-harbourwire.txt"):
        shutil.copy(EXAMPLES / name, folder / name)

    proc = run("story", folder, "--output", tmp_path / "story", "--workers", "1", "--regroup")
    assert proc.returncode == 0, proc.stderr
    from_story = json.loads((tmp_path / "story" / "story.json").read_text(encoding="utf-8"))["id"]

    proc = run("cluster", folder, "--output", tmp_path / "cluster.jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = (tmp_path / "cluster.jsonl").read_text(encoding="utf-8").splitlines()
    from_cluster = {json.loads(line)["story"] for line in lines}

    db = tmp_path / "store.db"
    proc = run("ingest", folder, "--db", db, "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    with sqlite3.connect(db) as conn:
        from_ingest = {story for (story,) in conn.execute("SELECT story FROM articles")}
        stored = [sid for (sid,) in conn.execute("SELECT id FROM stories")]

    assert from_cluster == {from_story}
    assert from_ingest == {from_story} and stored == [from_story]
