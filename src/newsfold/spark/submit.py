"""Entry point for spark-submit, and the run that `newsfold spark` makes locally.

    spark-submit --py-files newsfold-0.1.0-py3-none-any.whl \\
        --archives newsfold-env.tar.gz#env ... src/newsfold/spark/submit.py --input PATH --output DIR

(the README's Spark section says how the wheel and the spaCy model reach the executors). Exit status as
the CLI's: 0 when every input was read and analysed, 1 when any failed (each reported on one line).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from newsfold.errors import Failure


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options `newsfold spark` and spark-submit's entry point share."""
    parser.add_argument(
        "--input",
        "-i",
        action="append",
        required=True,
        metavar="PATH",
        help="JSONL, Parquet, article index (articles.jsonl), WARC (.warc.gz), text or HTML "
        "files, or folders of them; repeat for several",
    )
    parser.add_argument(
        "--output", "-o", required=True, metavar="DIR", help="folder for the Parquet tables and records.jsonl"
    )
    parser.add_argument(
        "--partitions",
        type=int,
        default=None,
        help="tasks the analysis is split into (default: four per core)",
    )
    parser.add_argument(
        "--regroup",
        action="store_true",
        help="cluster into stories even when the article index names each article's story",
    )
    parser.add_argument(
        "--keep-stages",
        action="store_true",
        help="keep the stage outputs (stages/analysed, stages/folded) beside the tables",
    )


def run(spark, args: argparse.Namespace) -> int:
    """Run the job with `spark`, report every failure on one line, print what was made; exit status."""
    from newsfold.spark.job import clean_intermediate, run_job

    result = run_job(spark, args.input, args.output, regroup=args.regroup, partitions=args.partitions)
    for failure in result.failures:
        _report(failure)
    if result.warc:
        w = result.warc
        print(
            f"newsfold: WARC: {w['records']} records, {w['articles']} articles, {w['skipped']} skipped "
            f"(not HTML pages), {w['corrupt']} corrupt",
            file=sys.stderr,
        )
    if result.repeated:
        print(f"newsfold: {result.repeated} articles repeat a doc read before (a page crawled twice): "
              "the first copy is kept", file=sys.stderr)
    if result.worker_rss_kb:
        peak = max(result.worker_rss_kb.values()) / 1024
        print(
            f"newsfold: {len(result.worker_rss_kb)} Python workers analysed articles, peak memory "
            f"{peak:.0f} MiB",
            file=sys.stderr,
        )
    print(
        f"newsfold: {result.records} records from {result.articles} articles in {result.stories} "
        f"{'story' if result.stories == 1 else 'stories'} "
        f"under {args.output}; {len(result.failures)} inputs failed",
        file=sys.stderr,
    )
    if not args.keep_stages:
        clean_intermediate(args.output)
    return 1 if result.failures else 0


def _report(failure: Failure) -> None:
    print(f"newsfold: {failure.line()}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """spark-submit's entry: the session (master, resources, the shipped wheel) is spark-submit's."""
    from newsfold.spark.session import cluster_session

    parser = argparse.ArgumentParser(
        prog="newsfold-spark", description="newsfold story over a corpus, on Spark"
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    spark = cluster_session()
    try:
        return run(spark, args)
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())
