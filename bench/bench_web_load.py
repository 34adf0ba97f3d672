"""Load on the web app while an ingest writes to the same store: errors and latency percentiles.

    python bench/bench_web_load.py [--requests 1000] [--clients 16] [--corpus DIR] [--store-corpus DIR]

It fills a fresh SQLite store with the bundled example (or `--store-corpus`, e.g. NewsWCL50), starts
`newsfold serve` in a process of its own,
then starts `newsfold ingest` on a corpus (default: ../shared/corpus/polnear-dev when present, else the
bundled example again under new names) and, while that runs, sends `--requests` GETs from `--clients`
concurrent clients over a mix of pages and JSON twins (stories, people, outlets, articles, filtered and
paged lists, scoped search). It prints the error count, the latency
percentiles and whether the ingest was still writing during the whole load. Figures, never assertions.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent / "newsfold"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[int, float, bytes]:
    t = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, time.perf_counter() - t, body
    finally:
        conn.close()


def page_kind(path: str) -> str:
    """/people/ID.json for /people/p123.json: the figures are told by kind of page."""
    where = path.split("?")[0]
    parts = where.removesuffix(".json").strip("/").split("/")
    return "/" + parts[0] + ("/ID" if len(parts) > 1 else "") + (".json" if where.endswith(".json") else "")


def wait_up(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            get(port, "/.json")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not come up")


def corpus_copy(where: Path, corpus: Path | None) -> Path:
    """A folder of articles to ingest during the load, none of them in the store yet."""
    out = where / "incoming"
    out.mkdir()
    if corpus and corpus.exists():
        for f in sorted(corpus.glob("*.txt")):
            shutil.copy(f, out / f.name)
    else:  # the example under new outlets: new articles, same stories
        for i in range(20):
            for f in sorted((ROOT / "examples").glob("*.txt")):
                text = f.read_text(encoding="utf-8")
                (out / f"{i}-{f.name}").write_text(text + f"\n\nEdition {i}.\n", encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=16)
    default_corpus = ROOT.parent / "shared" / "corpus" / "polnear-dev"
    ap.add_argument("--corpus", type=Path, default=default_corpus if default_corpus.exists() else None)
    ap.add_argument("--store-corpus", type=Path, default=ROOT / "examples",
                    help="what the store holds before the load (default: the bundled example)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="nf-load-"))
    db = tmp / "load.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    subprocess.run([str(BIN), "ingest", str(args.store_corpus), "--db", str(db), "--workers", "1"],
                   check=True, env=env, capture_output=True)
    port = free_port()
    server = subprocess.Popen([str(BIN), "serve", "--db", str(db), "--port", str(port)], env=env,
                              stderr=subprocess.PIPE)
    ingest = None
    try:
        wait_up(port, server)
        stories = json.loads(get(port, "/.json")[2])["stories"]
        people = json.loads(get(port, "/people.json")[2])["people"]
        outlets = json.loads(get(port, "/outlets.json")[2])["outlets"]
        paths = ["/", "/.json", "/people", "/people.json", "/search?q=river", "/search.json?q=mayor+said",
                 "/openapi.json", "/static/app.css", "/static/parts.css", "/outlets", "/outlets.json",
                 "/people?per=20&page=2", "/people?sort=outlets&kind=organisations", "/people.json?sort=name",
                 "/?sort=quotes", "/.json?from=2018-04-20&to=2018-04-25"]
        paths += [f"/stories/{s['id']}" for s in stories] + [f"/stories/{s['id']}.json" for s in stories]
        paths += ([f"/people/{p['id']}" for p in people[:10]]
                  + [f"/people/{p['id']}.json" for p in people[:10]])
        paths += ([f"/outlets/{o['id']}" for o in outlets[:10]]
                  + [f"/outlets/{o['id']}.json" for o in outlets[:10]])
        paths += [f"/?outlet={o['id']}" for o in outlets[:5]] + [f"/search?q=said&outlet={o['id']}"
                                                                  for o in outlets[:5]]
        paths += [f"/?person={p['id']}" for p in people[:5]]
        for s in stories[:5]:
            story = json.loads(get(port, f"/stories/{s['id']}.json")[2])
            paths += [f"/articles/{a['id']}" for a in story["articles"][:3]]
            paths.append(f"/search?q=said&story={s['id']}")
        rng = random.Random(7)
        plan = [rng.choice(paths) for _ in range(args.requests)]

        incoming = corpus_copy(tmp, args.corpus)
        ingest = subprocess.Popen([str(BIN), "ingest", str(incoming), "--db", str(db), "--workers", "1"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(2)  # let the ingest get past reading and into writing
        t0 = time.perf_counter()
        results: list[tuple[str, int, float]] = []

        def one(path: str) -> tuple[str, int, float]:
            try:
                status, secs, _ = get(port, path)
            except OSError as err:
                print(f"  {path}: {type(err).__name__}: {err}")
                return path, 0, 0.0
            return path, status, secs

        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            results = list(pool.map(one, plan))
        wall = time.perf_counter() - t0
        ingest_running = ingest.poll() is None
        errors = [r for r in results if r[1] != 200]
        lat = sorted(r[2] * 1000 for r in results if r[1] == 200)

        def pct(p: float) -> float:
            return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] if lat else float("nan")

        print(f"web load: {args.requests} requests from {args.clients} clients in {wall:.1f} s "
              f"({args.requests / wall:.0f} req/s), "
              f"ingest {'still running' if ingest_running else 'finished'} "
              f"at the end of the load")
        print(f"  errors: {len(errors)}" + (f" (first: {errors[0][0]} -> {errors[0][1]})" if errors else ""))
        slow: dict[str, list[float]] = {}
        for path, status, secs in results:
            if status == 200:
                slow.setdefault(page_kind(path), []).append(secs)
        worst = sorted(((max(v) * 1000, k, len(v)) for k, v in slow.items()), reverse=True)[:4]
        print("  slowest kinds (max ms, requests): " + ", ".join(f"{k} {m:.0f} ({n})" for m, k, n in worst))
        print(f"  latency ms: p50 {pct(50):.1f}  p90 {pct(90):.1f}  p99 {pct(99):.1f}  "
              f"max {lat[-1] if lat else 0:.1f}"
              f"  mean {statistics.fmean(lat) if lat else 0:.1f}")
        ingest.wait(timeout=1800)
        err = ingest.stderr.read().decode().strip().splitlines() if ingest.stderr else []
        print(f"  ingest exit {ingest.returncode}: {err[-1] if err else ''}")
    finally:
        for proc in (server, ingest):
            if proc and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
