"""The newsfold command end to end: records on the bundled example, and bad inputs that cost only
themselves."""

import json
import subprocess
import sys
from pathlib import Path, PurePath

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "newsfold.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd)


def test_extract_writes_scorer_records(tmp_path):
    out = tmp_path / "q.jsonl"
    proc = run("extract", *sorted(EXAMPLES.glob("*.txt")), "--output", out, "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) >= 10
    texts = {r["doc"]: Path(r["doc"]).read_text(encoding="utf-8") for r in records}
    for r in records:
        assert r["type"] == "quote" and r["kind"] in ("direct", "partial", "indirect")
        assert texts[r["doc"]][r["start"] : r["end"]] == r["text"]
        if r["cue"]:
            assert texts[r["doc"]][r["cue"]["start"] : r["cue"]["end"]] == r["cue"]["text"]
        if r["speaker_mention"]:
            m = r["speaker_mention"]
            assert texts[r["doc"]][m["start"] : m["end"]] == m["text"]
    assert any(r["speaker"] and r["speaker_id"] for r in records)


def test_bad_inputs_are_reported_and_the_rest_processed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("“The bridge is safe,” Mayor Ana Lund said on Monday.\n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    broken = tmp_path / "feed.jsonl"
    broken.write_text('{"text": "“Fine,” Ana Lund said.", "id": "ok"}\n{not json\n', encoding="utf-8")
    out = tmp_path / "q.jsonl"
    proc = run("extract", binary, good, empty, tmp_path / "missing.txt", broken, "--output", out,
               "--workers", "1")
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("newsfold: NF")]
    named = " ".join(errors)
    assert len(errors) == 4
    for bad in ("image.txt", "empty.txt", "missing.txt", "feed.jsonl:2"):
        assert bad in named
    docs = {json.loads(line)["doc"] for line in out.read_text().splitlines()}
    assert any(d.endswith("good.txt") for d in docs) and "ok" in docs


def test_evaluate_reports_figures_and_gates_on_floors(tmp_path):
    art = tmp_path / "a.txt"
    text = "“The bridge is safe,” Mayor Ana Lund said on Monday."
    art.write_text(text, encoding="utf-8")
    gold = {"complete_kinds": ["direct", "partial"], "quotes": [
        {"id": "q1", "doc": "a.txt", "start": 1, "end": 20, "kind": "direct", "speaker": "Ana Lund"}]}
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"mine": {"quoted.f1": 1.0}, "strict": {"quoted.f1": 1.01}}))
    ok = run("evaluate", tmp_path / "gold.json", "--floors", floors, "--set", "mine", "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["quoted"]["f1"] == 1.0
    below = run("evaluate", tmp_path / "gold.json", "--floors", floors, "--set", "strict")
    assert below.returncode == 1 and "below its floor" in below.stderr


def test_a_store_that_cannot_be_opened_is_one_line_and_exit_2(tmp_path, capsys):
    """An unreachable PostgreSQL server (a socket folder that does not exist: no traffic leaves the
    machine), a file that is not a store: one line naming the store, no traceback, exit 2."""
    from newsfold.cli import main

    pytest.importorskip("psycopg")
    unreachable = f"postgresql://nobody:s3cret@/x?host={tmp_path / 'no-server'}"
    junk = tmp_path / "junk.db"
    junk.write_text("not a database\n", encoding="utf-8")
    for args in (["export", "--db", unreachable, "-o", str(tmp_path / "e.jsonl")],
                 ["ingest", "--db", unreachable, str(tmp_path / "missing.txt")],
                 ["serve", "--db", unreachable, "--port", "0"],
                 ["export", "--db", str(junk), "-o", str(tmp_path / "e.jsonl")],
                 ["ingest", "--db", str(junk), str(tmp_path / "missing.txt")]):
        assert main(args) == 2, args
        lines = capsys.readouterr().err.splitlines()
        assert len(lines) == 1, lines
        if args[2] == unreachable:
            assert lines[0].startswith("newsfold: postgresql://nobody:***@/x?host=")
            assert "could not connect (" in lines[0] and "s3cret" not in lines[0]
        else:
            assert lines[0] == f"newsfold: {junk}: not a usable SQLite store (file is not a database)"
    assert not (tmp_path / "e.jsonl").exists()


def test_extract_tells_apart_two_articles_with_one_doc_id(tmp_path, capsys):
    from newsfold.cli import main

    a = "“The bridge is safe,” Mayor Ana Lund said on Monday."
    b = "“We need a new bridge,” engineer Tom Berg said on Tuesday."
    feed = tmp_path / "dup.jsonl"
    feed.write_text(json.dumps({"id": "d1", "outlet": "A", "text": a}) + "\n"
                    + json.dumps({"id": "d1", "outlet": "B", "text": b}) + "\n", encoding="utf-8")
    out = tmp_path / "q.jsonl"
    assert main(["extract", str(feed), "--output", str(out), "--workers", "1"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert sum("warning" in line for line in err) == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_doc = {r["doc"]: r["text"] for r in records}
    assert len(by_doc) == 2 and by_doc["d1"] == "The bridge is safe,"
    renamed = next(d for d in by_doc if d != "d1")
    assert renamed.startswith("d1@") and by_doc[renamed] == "We need a new bridge,"
    assert f"read as '{renamed}'" in next(line for line in err if "warning" in line)


def test_max_bytes_caps_what_extract_story_cluster_and_ingest_read(tmp_path, capsys):
    from newsfold.cli import main

    big = tmp_path / "big.txt"
    big.write_text("“The bridge is safe,” Mayor Ana Lund said on Monday. " * 4, encoding="utf-8")
    size = big.stat().st_size
    assert 200 < size < 1000
    for command in (["extract", str(big), "-o", str(tmp_path / "q.jsonl"), "--workers", "1"],
                    ["cluster", str(big), "-o", str(tmp_path / "c.jsonl")],
                    ["story", str(big), "-o", str(tmp_path / "story"), "--workers", "1"],
                    ["ingest", str(big), "--db", str(tmp_path / "s.db"), "--workers", "1"]):
        assert main([*command, "--max-bytes", "200"]) == 1, command
        errors = [line for line in capsys.readouterr().err.splitlines() if "NF107" in line]
        assert errors == [f"newsfold: NF107 {big}: {size} bytes is over the cap of 200 "
                          "(raise it with --max-bytes)"]
    out = tmp_path / "q.jsonl"
    assert main(["extract", str(big), "-o", str(out), "--workers", "1", "--max-bytes", "1k"]) == 0
    assert "NF107" not in capsys.readouterr().err
    assert out.read_text(encoding="utf-8").count('"type": "quote"') == 4
    with pytest.raises(SystemExit):
        main(["extract", str(big), "--max-bytes", "lots"])


def test_an_article_too_long_to_analyse_is_one_line_and_the_rest_goes_on(tmp_path, capsys):
    from newsfold.cli import main

    small = "“The bridge is safe,” Mayor Ana Lund said on Monday."
    huge = ("“The dam will hold,” engineer Tom Berg said. " * 70_000)[:3_000_000]  # generated: 3 MB
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "small", "text": small}), json.dumps({"id": "huge", "text": huge})]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "q.jsonl"
    assert main(["extract", str(feed), "-o", str(out), "--workers", "1"]) == 1
    err = capsys.readouterr().err.splitlines()
    [refusal] = [line for line in err if "NF" in line]
    assert refusal.startswith("newsfold: NF109 huge: 2999")
    assert refusal.endswith(" characters to analyse, over the cap of 2000000 (raise it with --max-chars)")
    assert [json.loads(line)["doc"] for line in out.read_text(encoding="utf-8").splitlines()] == ["small"]

    story = tmp_path / "story"
    assert main(["story", str(feed), "-o", str(story), "--workers", "1", "--max-chars", "40"]) == 1
    err = capsys.readouterr().err
    assert err.count("NF109") == 2 and "over the cap of 40 (raise it with --max-chars)" in err
    assert "nothing written" in err and not story.exists()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_an_over_long_article_beside_good_ones_is_one_line_on_any_number_of_workers(tmp_path, workers):
    """The refusal crosses the worker processes intact: the good articles are written, one NF109 line,
    exit 1, no traceback, for each command that analyses."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"good{i}.txt").write_text(f"“The bridge {i} is safe,” Mayor Ana Lund said on Monday.",
                                             encoding="utf-8")
    (folder / "long.txt").write_text("“The dam will hold,” engineer Tom Berg said. " * 40, encoding="utf-8")
    commands = {
        "extract": ["extract", folder, "-o", tmp_path / "q.jsonl"],
        "story": ["story", folder, "-o", tmp_path / "story"],
        "ingest": ["ingest", folder, "--db", tmp_path / "s.db"],
    }
    for name, command in commands.items():
        proc = run(*command, "--workers", workers, "--max-chars", "400")
        assert proc.returncode == 1, (name, proc.stderr)
        assert "Traceback" not in proc.stderr, (name, proc.stderr)
        refusals = [line for line in proc.stderr.splitlines() if "NF" in line]
        assert len(refusals) == 1 and refusals[0].startswith(f"newsfold: NF109 {folder / 'long.txt'}: "), (
            name, proc.stderr)
    quotes = [json.loads(line) for line in (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(PurePath(q["doc"]).name for q in quotes) == [f"good{i}.txt" for i in range(4)]
    story = (tmp_path / "story" / "records.jsonl").read_text(encoding="utf-8")
    assert all(f"good{i}.txt" in story for i in range(4)) and "long.txt" not in story
    assert run("export", "--db", tmp_path / "s.db", "-o", tmp_path / "all.jsonl").returncode == 0
    exported = (tmp_path / "all.jsonl").read_text(encoding="utf-8")
    assert exported.count('"type": "quote"') == 4
