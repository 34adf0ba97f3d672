"""Benchmark newsfold's quotation extraction against textacy's `direct_quotations` on the same articles.

    python bench/bench_quotes.py [PATH ...] [--repeat N] [--rounds N] [--workers N[,N...]]

PATHs are files, directories or glob patterns, read with `newsfold.ingest.read_paths`. The default is
../shared/corpus/polnear-dev/*.txt beside the project when it exists, else the bundled examples/ folder.

Contenders, each run in a fresh subprocess of this script (hidden `--only` flag) so that peak memory
(`ru_maxrss` of the process and of its worker children) belongs to one contender only:

  textacy      the model package newsfold picks, loaded whole (`spacy.load(name)`, lemmatizer included,
               as textacy needs lemmas), then `textacy.extract.triples.direct_quotations(doc)` over
               `nlp.pipe(texts)`; a doc on which it raises (odd quotation-mark counts) counts as failed.
  newsfold/N   `newsfold.pipeline.extract_articles(articles, workers=N)`; a `Failure` counts as failed.

Models are loaded and warmed up before timing; only extraction (parse included) is timed, in wall
seconds and in CPU seconds (user + system, of the process and its worker children). With --repeat N
the best of N timed runs is reported. With --rounds N every contender runs N times, one after the
other in turn, and the ratios of each round are printed with their median: on a machine shared with
other work the load moves between contenders, and a ratio taken within a round is the fairer figure.
Nothing here asserts on timings.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "polnear-dev"
MARKER = "BENCH-RESULT "
WARMUP_TEXT = '"We will be ready by Monday," the mayor said. She said the city had "no other choice."\n'

try:  # a repository checkout that is not installed still works
    import newsfold  # noqa: F401
except ImportError:
    sys.path.insert(0, str(REPO / "src"))


# ---------------------------------------------------------------------------------------------------
# inputs


def default_paths() -> list[str]:
    if DEFAULT_CORPUS.is_dir():
        files = sorted(glob.glob(str(DEFAULT_CORPUS / "*.txt")))
        if files:
            return files
    return [str(REPO / "examples")]


def expand(paths: list[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        if any(ch in p for ch in "*?[") and not os.path.exists(p):
            out.extend(sorted(glob.glob(p)) or [p])  # an unmatched pattern is reported by read_paths
        else:
            out.append(p)
    return out


def read_articles(paths: list[str]):
    from newsfold.errors import Failure
    from newsfold.ingest import read_paths

    articles, unreadable = [], []
    for item in read_paths(paths):
        (unreadable if isinstance(item, Failure) else articles).append(item)
    return articles, unreadable


def cpu_seconds() -> float:
    """User + system CPU time of this process and of its reaped children (pool workers), in seconds."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest reaped child, in MB."""
    per_mb = 1024 * 1024 if sys.platform == "darwin" else 1024  # macOS reports bytes
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / per_mb,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / per_mb)


# ---------------------------------------------------------------------------------------------------
# contenders (each runs in its own process)


def run_textacy(articles, repeat: int) -> dict:
    import spacy
    from textacy.extract.triples import direct_quotations

    from newsfold.nlp.model import model_name

    name = model_name()
    nlp = spacy.load(name)  # the full default pipeline, as a textacy user loads it
    list(direct_quotations(nlp(WARMUP_TEXT)))  # warm-up
    texts = [a.text for a in articles]
    best = best_cpu = None
    for _ in range(repeat):
        found = failed = 0
        errors: dict[str, int] = {}
        first_error = ""
        c0, t0 = cpu_seconds(), time.perf_counter()
        for doc in nlp.pipe(texts):
            try:
                found += sum(1 for _ in direct_quotations(doc))
            except Exception as err:  # noqa: BLE001 - textacy raises on odd quotation-mark counts
                failed += 1
                errors[type(err).__name__] = errors.get(type(err).__name__, 0) + 1
                first_error = first_error or f"{type(err).__name__}: {' '.join(str(err).split())[:160]}"
        secs, cpu = time.perf_counter() - t0, cpu_seconds() - c0
        if best is None or secs < best:
            best, best_cpu = secs, cpu
    return {"model": f"{name} {nlp.meta.get('version', '?')} ({','.join(nlp.pipe_names)})",
            "seconds": best, "cpu": best_cpu, "quotes_dp": found, "quotes_all": None, "failed": failed,
            "errors": errors, "first_error": first_error}


def run_newsfold(articles, repeat: int, workers: int) -> dict:
    import multiprocessing

    from newsfold import pipeline
    from newsfold.errors import Failure
    from newsfold.nlp.model import model_name

    nlp = pipeline._model()  # loaded here first: forked workers inherit it instead of loading their own
    from newsfold.models import Article

    list(pipeline.extract_articles([Article(doc="warm-up", text=WARMUP_TEXT)], workers=1))  # warm-up
    best = best_cpu = None
    for _ in range(repeat):
        dp = total = failed = 0
        c0, t0 = cpu_seconds(), time.perf_counter()
        for result in pipeline.extract_articles(articles, workers=workers):
            if isinstance(result, Failure):
                failed += 1
                continue
            total += len(result.quotes)
            dp += sum(1 for q in result.quotes if q.kind in ("direct", "partial"))
        secs, cpu = time.perf_counter() - t0, cpu_seconds() - c0
        if best is None or secs < best:
            best, best_cpu = secs, cpu
    method = multiprocessing.get_start_method()
    note = "" if workers <= 1 or method == "fork" else f"start method {method}: worker model loads are timed"
    speed_up = ", ".join(nlp.meta.get("newsfold", {}).get("speed_up", [])) or "none"
    return {"model": f"{model_name()} {nlp.meta.get('version', '?')} ({','.join(nlp.pipe_names)}; "
                     f"same weights, run with: {speed_up})",
            "seconds": best, "cpu": best_cpu, "quotes_dp": dp, "quotes_all": total, "failed": failed,
            "note": note}


def child_main(only: str, paths: list[str], repeat: int) -> int:
    articles, unreadable = read_articles(paths)
    if only == "textacy":
        res = run_textacy(articles, repeat)
    else:
        res = run_newsfold(articles, repeat, int(only.split("/", 1)[1]))
    self_mb, child_mb = peak_rss_mb()
    res.update(docs=len(articles), unreadable=len(unreadable), rss_self_mb=self_mb, rss_children_mb=child_mb)
    print(MARKER + json.dumps(res), flush=True)
    return 0


# ---------------------------------------------------------------------------------------------------
# driver


def run_contender(name: str, paths: list[str], repeat: int) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--only", name, "--repeat", str(repeat),
           "--", *paths]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER):])
    tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
    return {"error": f"exit {proc.returncode}: {tail}"}


def fmt(value, spec: str = "") -> str:
    return "-" if value is None else format(value, spec)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="newsfold vs textacy: quotation extraction speed, yield, memory")
    ap.add_argument("paths", nargs="*", help="article files, directories or glob patterns")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs per contender; the best is reported")
    ap.add_argument("--rounds", type=int, default=1,
                    help="run every contender this many times, in turn; report the median ratio")
    ap.add_argument("--workers", action="append", default=None,
                    help="newsfold worker counts, repeatable or comma-separated (default: 1 and 2)")
    ap.add_argument("--only", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    paths = expand(args.paths) or default_paths()
    repeat = max(1, args.repeat)
    if args.only:
        return child_main(args.only, paths, repeat)

    workers = sorted({int(w) for spec in (args.workers or ["1,2"]) for w in spec.split(",") if w.strip()})
    shown = paths[0] if len(paths) == 1 else f"{len(paths)} paths, e.g. {paths[0]}"
    print(f"newsfold quotation benchmark: {shown}; best of {repeat}; {args.rounds} round(s); "
          f"{os.cpu_count()} cores; "
          f"python {sys.version.split()[0]}", flush=True)

    articles, unreadable = read_articles(paths)
    for failure in unreadable:
        print(f"  unreadable: {failure.line()}")
    if not articles:
        print("no articles to benchmark")
        return 2
    del articles

    contenders = ["textacy"] + [f"newsfold/{w}" for w in workers]
    rounds = max(1, args.rounds)
    runs: dict[str, list[dict]] = {name: [] for name in contenders}
    round_ratios: dict[str, list[float]] = {name: [] for name in contenders if name != "textacy"}
    for k in range(rounds):
        turn = k % len(contenders)  # each contender goes first in turn
        order = contenders[turn:] + contenders[:turn]
        this: dict[str, dict] = {}
        for name in order:
            print(f"  round {k + 1}/{rounds}: running {name} ...", flush=True)
            this[name] = run_contender(name, paths, repeat)
            runs[name].append(this[name])
        tx_r = this.get("textacy", {})
        line = []
        for name in contenders[1:]:
            r = this[name]
            if "error" not in r and "error" not in tx_r and r["seconds"] and tx_r.get("seconds"):
                ratio = tx_r["seconds"] / r["seconds"]  # same docs: docs/s ratio = inverse time ratio
                round_ratios[name].append(ratio)
                line.append(f"{name} {ratio:.2f}x")
        if rounds > 1:
            print(f"  round {k + 1}: textacy {fmt(tx_r.get('seconds'), '.1f')} s; " + "; ".join(line),
                  flush=True)

    results = {name: _combine(rs) for name, rs in runs.items()}
    ok = {n: r for n, r in results.items() if "error" not in r}
    if ok:
        first = next(iter(ok.values()))
        print(f"docs read: {first['docs']} (unreadable inputs: {first['unreadable']})")
        for n, r in ok.items():
            print(f"model {n}: {r['model']}")
    tx = ok.get("textacy")
    tx_rate = tx["docs"] / tx["seconds"] if tx and tx["seconds"] else None

    head = (f"{'contender':<12} {'docs':>5} {'seconds':>8} {'CPU s':>7} {'docs/s':>8} "
            f"{'quotes d+p':>10} {'quotes all':>10} "
            f"{'failed':>6} {'RSS MB':>7} {'child MB':>8} {'vs textacy':>10}")
    print()
    print(head)
    print("-" * len(head))
    ratios: dict[str, float] = {}
    for name in contenders:
        r = results[name]
        if "error" in r:
            print(f"{name:<12} FAILED: {r['error']}")
            continue
        rate = r["docs"] / r["seconds"] if r["seconds"] else None
        if name != "textacy" and round_ratios[name]:
            ratios[name] = median(round_ratios[name])
        ratio = f"{ratios[name]:.2f}x" if name in ratios else "-"
        print(f"{name:<12} {r['docs']:>5} {r['seconds']:>8.2f} {fmt(r.get('cpu'), '.2f'):>7} "
              f"{fmt(rate, '.1f'):>8} "
              f"{r['quotes_dp']:>10} {fmt(r['quotes_all']):>10} {r['failed']:>6} {r['rss_self_mb']:>7.0f} "
              f"{(fmt(r['rss_children_mb'], '.0f') if r['rss_children_mb'] else '-'):>8} {ratio:>10}")
    print()
    if rounds > 1:
        print(f"seconds, CPU s, docs/s: medians over {rounds} rounds; "
              "vs textacy: the median of the rounds' ratios.")
    print("CPU s: user + system seconds of the contender's process and its workers while it extracted.")
    print("quotes d+p: textacy's direct quotations; newsfold's direct and partial quotes.")
    print("quotes all: every kind, indirect included.")
    print("failed: docs the extractor raised on (textacy) or returned a Failure for (newsfold).")
    print("RSS MB: peak RSS of the contender's process; child MB: peak RSS of its largest worker process.")
    if tx and tx.get("errors"):
        print("textacy errors: " + ", ".join(f"{k} x{v}" for k, v in tx["errors"].items())
              + f"; first: {tx['first_error']}")
    for name, r in ok.items():
        if r.get("note"):
            print(f"note {name}: {r['note']}")

    parts = []
    for name in contenders:
        if name == "textacy":
            continue
        r = results[name]
        if "error" in r:
            parts.append(f"{name} failed")
        elif name in ratios:
            each = ", ".join(f"{x:.2f}" for x in round_ratios[name])
            cpu = (f", {tx['cpu'] / r['cpu']:.2f}x less CPU" if tx and tx.get("cpu") and r.get("cpu") else "")
            parts.append(f"{name} {ratios[name]:.2f}x textacy docs/s"
                         + (f" (rounds: {each})" if rounds > 1 else "")
                         + f"{cpu} ({r['quotes_dp']} d+p quotes, {r['quotes_all']} all)")
        else:
            parts.append(f"{name} {fmt(r['docs'] / r['seconds'] if r['seconds'] else None, '.1f')} docs/s")
    tx_part = (f"textacy {tx_rate:.1f} docs/s, {tx['quotes_dp']} quotes, "
               f"failed on {tx['failed']}/{tx['docs']} docs"
               if tx and tx_rate else "textacy unavailable")
    print(f"\nSUMMARY: {tx_part}; " + "; ".join(parts))
    return 0 if len(ok) == len(results) else 1


def _combine(rs: list[dict]) -> dict:
    """One contender's rounds as one row: medians of the timings, the largest peaks, the first counts."""
    good = [r for r in rs if "error" not in r]
    if not good:
        return rs[0]
    out = dict(good[0])
    for key in ("seconds", "cpu"):
        values = [r[key] for r in good if r.get(key) is not None]
        out[key] = median(values) if values else None
    for key in ("rss_self_mb", "rss_children_mb"):
        out[key] = max(r[key] for r in good)
    return out


if __name__ == "__main__":
    sys.exit(main())
