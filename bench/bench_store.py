"""Store benchmarks that print figures (never timed assertions).

python bench/bench_store.py crash [--kills 20] [--seed N] [PATH...]
    `newsfold ingest` killed with SIGKILL at random moments, KILLS times, then run once more: is the
    export identical to an unbroken run's, and does `PRAGMA integrity_check` pass after every kill?
    PATH defaults to the invented articles of tests/data/store.

python bench/bench_store.py incremental [--batches 5] [--seed N] [CORPUS...]
    Story clustering as a store grows: the articles of each corpus index (default: ../shared/corpus/
    newswcl50 and ecbplus) ingested in BATCHES runs of random order, against clustering all at once;
    B-cubed precision / recall / F1 against the index's gold stories, and the time of each.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsfold.align.stories import bcubed, cluster_articles  # noqa: E402
from newsfold.errors import Failure  # noqa: E402
from newsfold.ingest import read_paths  # noqa: E402
from newsfold.models import Extraction, Story  # noqa: E402
from newsfold.store import open_store  # noqa: E402


def _env(code: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if code:
        env["PYTHONPATH"] = code + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _run(*args: str, code: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsfold.cli", *args], capture_output=True, text=True,
                          env=_env(code))


def _start(args: list[str], code: str | None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsfold.cli", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True, env=_env(code))


def _state(db: str) -> tuple[str, str]:
    """`PRAGMA integrity_check`'s answer, and what the store holds."""
    if not os.path.exists(db):
        return "ok", "no store yet"
    with sqlite3.connect(db) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if not conn.execute("SELECT name FROM sqlite_master WHERE name = 'stories'").fetchone():
            return ok, "no tables yet"
        n, waiting = conn.execute("SELECT count(*), count(*) - count(story) FROM articles").fetchone()
        dirty = conn.execute("SELECT count(*) FROM stories WHERE dirty = 1").fetchone()[0]
    return ok, f"{n} articles stored, {waiting} waiting for a story, {dirty} stories to fold"


def _stored(db: str) -> int:
    if not os.path.exists(db):
        return 0
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def crash(args: argparse.Namespace) -> None:
    paths = args.paths or [str(ROOT / "tests" / "data" / "store")]
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        # Run the committed code, frozen: edits to the working tree during the benchmark must not make
        # two runs of "the same" program differ.
        code = f"{tmp}/code"
        os.makedirs(code)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD", "src"], capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", code], input=archive, check=True)
        code += "/src"
        # The unbroken run, watched: when its first article is stored (start-up, model, first chunk).
        t = time.monotonic()
        proc = _start(["ingest", *paths, "--db", f"{tmp}/clean.db", "--workers", "1"], code)
        first = None
        while proc.poll() is None:
            time.sleep(0.2)
            if first is None and _stored(f"{tmp}/clean.db"):
                first = time.monotonic() - t
        duration = time.monotonic() - t
        first = first or duration
        _run("export", "--db", f"{tmp}/clean.db", "--output", f"{tmp}/clean.jsonl", code=code)
        expected = Path(f"{tmp}/clean.jsonl").read_bytes()
        print(f"unbroken run: {duration:.1f} s, the first article stored after {first:.1f} s "
              f"({_state(f'{tmp}/clean.db')[1]})", flush=True)
        # Kill moments spread over the unbroken run's work: run k gets the start-up it needs (or a little
        # less, to be killed in start-up) plus the k-th slice of the work between sorted random points,
        # so successive runs advance through reading, parsing, clustering and folding.
        points = sorted(rng.uniform(0, duration - first) for _ in range(args.kills))
        db = f"{tmp}/killed.db"
        killed = finished = bad = 0
        previous = 0.0
        for i, point in enumerate(points):
            delay = rng.uniform(0.6, 1.0) * first + (point - previous)
            previous = point
            proc = _start(["ingest", *paths, "--db", db, "--workers", str(rng.choice([1, 2]))], code)
            time.sleep(delay)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)  # the whole run, parse workers included
                killed += 1
            else:
                finished += 1
            proc.wait()
            ok, state = _state(db)
            bad += ok != "ok"
            print(f"  run {i + 1:2}: stopped at {delay:5.2f} s, {state}, integrity {ok}", flush=True)
        _run("ingest", *paths, "--db", db, "--workers", "1", code=code)
        _run("export", "--db", db, "--output", f"{tmp}/resumed.jsonl", code=code)
        got = Path(f"{tmp}/resumed.jsonl").read_bytes()
        same = got == expected
        print(f"{killed} runs killed ({finished} finished before their kill), {bad} failed integrity checks; "
              f"final export {'identical to' if same else 'DIFFERENT from'} the unbroken run's "
              f"({len(expected.splitlines())} records; seed {args.seed})")
        if not same:
            for n, (a, b) in enumerate(zip(expected.splitlines(), got.splitlines(), strict=False)):
                if a != b:
                    print(f"first difference, line {n + 1}:\n  unbroken: {a[:300]!r}\n"
                          f"  resumed:  {b[:300]!r}")
                    break


def incremental(args: argparse.Namespace) -> None:
    corpora = args.corpora or [str(ROOT.parent / "shared" / "corpus" / n) for n in ("newswcl50", "ecbplus")]
    for corpus in corpora:
        arts = [a for a in read_paths([corpus]) if not isinstance(a, Failure)]
        gold = {a.doc: a.story for a in arts if a.story}
        t = time.monotonic()
        batch = {a.doc: a.story for a in cluster_articles(arts)}
        t_batch = time.monotonic() - t
        order = list(arts)
        random.Random(args.seed).shuffle(order)
        size = -(-len(order) // args.batches)
        with tempfile.TemporaryDirectory() as tmp, open_store(f"{tmp}/s.db") as store:
            t = time.monotonic()
            for i in range(0, len(order), size):
                # quotations play no part in clustering: store the articles alone, without a parse
                store.ingest_articles(
                    order[i : i + size],
                    extract=lambda xs: [(Extraction(a), None) for a in xs],
                    fold=lambda sid, exs, m, **k: Story(sid),
                    progress=False,
                )
            t_inc = time.monotonic() - t
            grown = {r["doc"]: r["story"] for r in store.db.query("SELECT doc, story FROM articles")}
        name = Path(corpus).name
        p, r, f = bcubed(batch, gold)
        print(f"{name}: {len(arts)} articles, all at once: P {p:.3f} R {r:.3f} F1 {f:.3f} ({t_batch:.1f} s)")
        p, r, f = bcubed(grown, gold)
        print(
            f"{name}: in {args.batches} runs of random order: P {p:.3f} R {r:.3f} F1 {f:.3f} "
            f"({t_inc:.1f} s, store writes included)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("crash")
    p.add_argument("paths", nargs="*")
    p.add_argument("--kills", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(func=crash)
    p = sub.add_parser("incremental")
    p.add_argument("corpora", nargs="*")
    p.add_argument("--batches", type=int, default=5)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(func=incremental)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
