"""Throughput of `newsfold spark` on local[1] and local[2] over the same input, and memory per Python worker.

    python bench/bench_spark.py [PATH ...] [--masters local[1],local[2]] [--partitions N]

PATHs are what `newsfold spark --input` takes; the default is ../shared/corpus/polnear-train/*.txt (840
articles, about three and a half minutes for both masters) when it exists, else the bundled examples/
repeated 24 times under distinct names.

Each master runs in a fresh subprocess of this script (hidden `--only` flag) with its own JVM and Python
workers. A warm-up job first has every Python worker load the spaCy model (as a long job's workers would
have, after their first task), then the timed job runs the three stages over the input. Printed per master:
articles, seconds per stage and in all, articles per second in the analysis stage (reading, parse,
speakers, claims: nearly all of the work) and end to end, the peak resident memory of each Python
worker that analysed articles (`ru_maxrss`, reported by the worker itself) and of the driver's Python
process, and the CPU seconds the analysis took in all workers (`time.process_time` around each chunk):
per article, and divided by the stage's wall time, the cores it kept busy on average. Then the ratio
local[2] / local[1]. On a machine shared with other work the cores a run gets are not its own: the CPU
figures tell a run that waited for a core from one that did not use it. Nothing asserts on timings.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
# Large enough that the analysis, nearly all of the cost at scale, outweighs the start of each stage.
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "polnear-train"
MARKER = "BENCH-RESULT "

try:  # a repository checkout that is not installed still works
    import newsfold  # noqa: F401
except ImportError:
    sys.path.insert(0, str(REPO / "src"))


def default_paths(tmp: Path) -> list[str]:
    if DEFAULT_CORPUS.is_dir():
        files = sorted(glob.glob(str(DEFAULT_CORPUS / "*.txt")))
        if files:
            return files
    # The bundled example, 24 times over under distinct names: enough tasks to keep two cores busy.
    out = tmp / "examples.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        for line in (REPO / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            meta = json.loads(line)
            text = (REPO / "examples" / meta["doc"]).read_text(encoding="utf-8")
            for i in range(24):
                fh.write(
                    json.dumps(
                        {
                            "id": f"{i}-{meta['doc']}",
                            "text": text,
                            "outlet": meta["outlet"],
                            "title": meta["title"],
                            "date": meta["date"],
                        }
                    )
                    + "\n"
                )
    return [str(out)]


def one(master: str, paths: list[str], partitions: int | None) -> dict:
    """Run the job on `master` in this process and return its figures."""
    from newsfold.spark.job import run_job
    from newsfold.spark.session import local_session

    spark = local_session(master, app_name="newsfold-bench")
    cores = spark.sparkContext.defaultParallelism
    with tempfile.TemporaryDirectory() as tmp:
        # Warm-up: a task per partition, so each Python worker loads the model before the clock starts.
        warm = Path(tmp) / "warm.jsonl"
        warm.write_text(
            "".join(
                json.dumps({"id": f"w{i}", "text": '"We are ready," the mayor said.'}) + "\n"
                for i in range(4 * cores)
            ),
            encoding="utf-8",
        )
        run_job(spark, [str(warm)], Path(tmp) / "warm-out", partitions=4 * cores)
        t0 = time.perf_counter()
        result = run_job(spark, paths, Path(tmp) / "out", partitions=partitions)
        total = time.perf_counter() - t0
    spark.stop()
    return {
        "master": master,
        "cores": cores,
        "articles": result.articles,
        "stories": result.stories,
        "records": result.records,
        "failures": len(result.failures),
        "seconds": {**{k: round(v, 2) for k, v in result.seconds.items()}, "total": round(total, 2)},
        "analyse_per_s": result.articles / result.seconds["analyse"]
        if result.seconds.get("analyse")
        else 0.0,
        "total_per_s": result.articles / total if total else 0.0,
        "analyse_cpu_s": round(result.analyse_cpu_s, 1),
        "worker_rss_mib": sorted(round(kb / 1024) for kb in result.worker_rss_kb.values()),
        "driver_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--masters", default="local[1],local[2]")
    parser.add_argument(
        "--partitions", type=int, default=None, help="analysis tasks (default: four per core of each master)"
    )
    parser.add_argument("--only", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.only:
        print(MARKER + json.dumps(one(args.only, args.paths, args.partitions)), flush=True)
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        paths = args.paths or default_paths(Path(tmp))
        print(
            f"input: {len(paths)} path(s), first {paths[0]}; load average {os.getloadavg()[0]:.1f} "
            f"on {os.cpu_count()} cores"
        )
        results = []
        for master in args.masters.split(","):
            cmd = [sys.executable, __file__, "--only", master, *paths]
            if args.partitions:
                cmd += ["--partitions", str(args.partitions)]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            lines = [x for x in proc.stdout.splitlines() if x.startswith(MARKER)]
            if proc.returncode or not lines:
                print(f"{master}: failed\n{proc.stderr[-3000:]}", file=sys.stderr)
                return 1
            r = json.loads(lines[-1][len(MARKER) :])
            results.append(r)
            s = r["seconds"]
            print(
                f"{r['master']:9} {r['articles']} articles, {r['stories']} stories, {r['records']} records, "
                f"{r['failures']} failed | analyse {s['analyse']:.1f}s ({r['analyse_per_s']:.2f} docs/s), "
                f"stories {s['stories']:.1f}s, fold {s['fold']:.1f}s, write {s['write']:.1f}s, "
                f"total {s['total']:.1f}s ({r['total_per_s']:.2f} docs/s) | peak RSS per Python worker "
                f"{r['worker_rss_mib']} MiB, driver (Python) {r['driver_rss_mib']} MiB"
            )
            cpu, per = r["analyse_cpu_s"], r["analyse_cpu_s"] / max(r["articles"], 1)
            print(
                f"{'':9} analysis CPU {cpu:.1f}s in all workers, {per:.2f}s an article, "
                f"{cpu / s['analyse']:.2f} cores busy on average over the stage"
            )
        if len(results) >= 2:
            a, b = results[0], results[-1]
            print(
                f"{b['master']} / {a['master']}: analysis {b['analyse_per_s'] / a['analyse_per_s']:.2f}x, "
                f"end to end {b['total_per_s'] / a['total_per_s']:.2f}x; load average now "
                f"{os.getloadavg()[0]:.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
