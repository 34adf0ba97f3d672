"""`newsfold story` and `newsfold cluster` end to end: the bundled example, the seeds when ../shared is
there, and the inputs that must give a sensible result rather than an error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def run(*args):
    return subprocess.run([sys.executable, "-m", "newsfold.cli", *map(str, args)], capture_output=True,
                          text=True)


def _records(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "records.jsonl").read_text(encoding="utf-8").splitlines()]


def test_story_on_the_bundled_example(tmp_path):
    out = tmp_path / "story"
    proc = run("story", EXAMPLES, "--output", out, "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["records.jsonl", "report.html", "story.json"]
    records = _records(out)
    kinds = {r["type"] for r in records}
    assert kinds == {"quote", "alignment", "claim"}
    texts = {d: (EXAMPLES / d).read_text(encoding="utf-8") for d in {r["doc"] for r in records if "doc" in r}}
    for r in records:
        if r["type"] == "quote":
            assert texts[r["doc"]][r["start"] : r["end"]] == r["text"]
        elif r["type"] == "alignment":
            assert r["a"]["doc"] != r["b"]["doc"]
            assert r["relation"] in ("identical", "excerpt", "altered", "variant")
        else:
            assert r["status"] in ("corroborated", "single-source", "conflict") and r["mentions"]
    assert any(r["type"] == "claim" and r["status"] == "corroborated" for r in records)
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    assert story["id"] == "velmora-flood"  # the index names the story
    assert story["outlets"] == ["Harbour Wire", "The Northern Ledger"]
    assert story["brief"] and story["brief"][0]["status"] == "corroborated"
    people = {p["name"] for p in story["people"]}
    assert people >= {"Ilse Marenko", "Tomas Brell", "Nadia Holm", "Anton Sereda"}
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Harbour Wire" in html and 'id="coverage"' in html


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared corpus is not beside the project")
def test_story_on_the_seeds(tmp_path):
    out = tmp_path / "seeds"
    proc = run("story", SEEDS / "a1.txt", SEEDS / "a2.txt", "--output", out, "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    records = _records(out)  # the two seeds are one story: its files are written straight into out
    counts = {k: sum(r["type"] == k for r in records) for k in ("quote", "alignment", "claim")}
    assert counts["quote"] >= 40 and counts["alignment"] >= 6 and counts["claim"] >= 7, counts
    assert json.loads((out / "story.json").read_text(encoding="utf-8"))["brief"]


def test_cluster_writes_a_story_per_article_and_reports_bad_entries(tmp_path):
    out = tmp_path / "stories.jsonl"
    proc = run("cluster", EXAMPLES / "articles.jsonl", "--output", out)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["doc"] for r in records] == ["velmora-ledger.txt", "velmora-harbourwire.txt"]
    assert set(records[0]) == {"doc", "story", "copy_of", "similarity"}
    assert records[0]["story"] == records[1]["story"]

    (tmp_path / "a.txt").write_text((EXAMPLES / "velmora-ledger.txt").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    index = tmp_path / "articles.jsonl"
    index.write_text('{"doc": "a.txt", "outlet": "A"}\n{"doc": "gone.txt", "outlet": "B"}\n',
                     encoding="utf-8")
    proc = run("cluster", index, "--output", out)
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("newsfold: NF")]
    assert len(errors) == 1 and "gone.txt" in errors[0]
    assert [json.loads(line)["doc"] for line in out.read_text().splitlines()] == ["a.txt"]


FLOOD = (
    "Water levels in the Merrow valley rose by two metres on Sunday, forcing 300 families from their homes "
    "in Tallis. “We moved everyone before midnight,” said Mayor Edda Voss. Voss said the school in Tallis "
    "would stay open as a shelter. Engineers from the Merrow Water Board will inspect the dam on Tuesday."
)
QUIET = "The library on Quay Street reopened after repairs to its roof. Opening hours are unchanged."


def test_odd_stories_give_sensible_results(tmp_path):
    """Exact copies, an article with no quotation and no date, a story of one article, a bad file."""
    from newsfold.story import build_stories, write_stories

    src = tmp_path / "in"
    src.mkdir()
    (src / "flood.txt").write_text(FLOOD, encoding="utf-8")
    (src / "flood-copy.txt").write_text(FLOOD, encoding="utf-8")
    (src / "quiet.txt").write_text(QUIET, encoding="utf-8")
    (src / "broken.txt").write_bytes(b"\x00\x01\x02" * 200)
    run_ = build_stories([str(src)], workers=1)
    assert [f.source for f in run_.failures] == [str(src / "broken.txt")]
    assert sorted(len(s.articles) for s in run_.stories) == [1, 2]
    flood = next(s for s in run_.stories if len(s.articles) == 2)
    quiet = next(s for s in run_.stories if len(s.articles) == 1)
    # the copy: both carry everything, but nothing is corroborated by a copy of itself
    assert list(flood.copies.items()) in ([(str(src / "flood-copy.txt"), str(src / "flood.txt"))],
                                          [(str(src / "flood.txt"), str(src / "flood-copy.txt"))])
    assert flood.alignments and all(a.relation == "identical" for a in flood.alignments)
    assert flood.brief and all(s.status == "single-source" and len(s.outlets) == 2 for s in flood.brief)
    assert [p["name"] for p in flood.people] == ["Edda Voss"]
    # no quotation, no date, one article
    assert quiet.quotes == [] and quiet.alignments == [] and quiet.timeline == []
    assert quiet.title == "The library on Quay Street reopened after repairs to its roof."

    out = tmp_path / "out"
    folders = write_stories(run_.stories, out)
    assert len(folders) == 2 and (out / "index.html").is_file()
    for folder in folders:
        assert sorted(p.name for p in folder.iterdir()) == ["records.jsonl", "report.html", "story.json"]
        json.loads((folder / "story.json").read_text(encoding="utf-8"))
    quiet_folder = next(f for f in folders if json.loads((f / "story.json").read_text())["id"] == quiet.id)
    assert {r["type"] for r in _records(quiet_folder)} <= {"claim"}


def test_story_with_nothing_readable_fails_cleanly(tmp_path):
    proc = run("story", tmp_path / "missing.txt", "--output", tmp_path / "out")
    assert proc.returncode == 1
    assert "NF101" in proc.stderr and "nothing written" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_a_hostile_title_reaches_the_terminal_escaped(tmp_path, capsys):
    """A title from an input is printed in the summary line: its escape sequences come out inert."""
    from newsfold.cli import main

    feed = tmp_path / "hostile.jsonl"
    article = {"id": "h1", "outlet": "Daily \u001b[31mRed",
               "title": "\u001b]0;pwned\u0007Flood\nnewsfold: forged", "text": FLOOD}
    feed.write_text(json.dumps(article) + "\n", encoding="utf-8")
    assert main(["story", str(feed), "--output", str(tmp_path / "out"), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "\\x1b]0;pwned\\x07Flood" in err
    assert not any(line.startswith("newsfold: forged") for line in err.splitlines())


BERG = ("“We are doing everything we can,” fire chief Tom Berg said on Friday. The Merrow river rose by two "
        "metres. Berg said 300 families were moved from their homes in Tallis.")


def test_two_articles_with_one_doc_id_are_both_kept(tmp_path, capsys):
    """Two lines both `"id": "d1"`: the second is renamed as the store renames it, with one warning line,
    and every quotation and claim mention names the article it comes from."""
    from newsfold.cli import main

    feed = tmp_path / "dup.jsonl"
    feed.write_text(json.dumps({"id": "d1", "outlet": "Daily A", "text": FLOOD}) + "\n"
                    + json.dumps({"id": "d1", "outlet": "Courier B", "text": BERG}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["story", str(feed), "--output", str(out), "--workers", "1"]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"newsfold: warning: {feed}:2: the doc id 'd1'")
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    docs = {a["doc"]: a for a in story["articles"]}
    assert len(docs) == 2 and "d1" in docs and docs["d1"]["outlet"] == "Daily A"
    renamed = next(d for d in docs if d != "d1")
    assert renamed.startswith("d1@") and renamed in warnings[0] and docs[renamed]["outlet"] == "Courier B"
    texts = {"d1": FLOOD, renamed: BERG}
    records = _records(out)
    quotes = [r for r in records if r["type"] == "quote"]
    assert len({(q["doc"], q["start"], q["end"]) for q in quotes}) == len(quotes)  # none twice
    assert any(q["doc"] == "d1" and "moved everyone" in q["text"] for q in quotes)  # Daily A's own quote
    for q in quotes:
        assert texts[q["doc"]][q["start"]:q["end"]] == q["text"]
    for claim in (r for r in records if r["type"] == "claim"):
        for m in claim["mentions"]:
            assert m["outlet"] == docs[m["doc"]]["outlet"]
            assert texts[m["doc"]][m["start"]:m["end"]] == m["text"]
