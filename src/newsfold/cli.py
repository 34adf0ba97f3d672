"""The newsfold command: thin, each subcommand parses its arguments and calls one library function.

Exit status: 0 when everything went well, 1 when any input failed (each failure is reported on one
line on stderr and the rest is still processed), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .errors import Failure, printable


def _say(line: str) -> None:
    """One line on stderr, whole even while a progress bar is drawn there (see `newsfold.progress`)."""
    from .progress import say

    say(line)


def _report(failure: Failure) -> None:
    _say(f"newsfold: {failure.line()}")


def _warn(line: str) -> None:
    """Something a user should know that cost nothing (an article read under another doc id)."""
    _say(f"newsfold: warning: {printable(line)}")


def _bar(args: argparse.Namespace) -> bool | None:
    """Whether to draw progress bars: never with --quiet, else when stderr is a terminal (None)."""
    return False if getattr(args, "quiet", False) else None


def _add_quiet_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quiet", "-q", action="store_true",
                   help="no progress bar and no summary lines; errors and warnings are still reported")


def _summarise(result, emit: Callable[[str], None] = print) -> None:
    """Who said what in one article, one line a quotation, for people reading along."""
    article = result.article
    emit(f"\n{printable(article.doc)} ({printable(article.outlet or 'unknown outlet')}): "
         f"{len(result.quotes)} statements")
    for q in result.quotes:
        text = q.text if len(q.text) <= 70 else q.text[:67] + "..."
        cue = q.cue.text if q.cue else "-"
        via = f" via {printable(q.via)}" if q.via else ""
        speaker = printable(q.speaker or "?")
        emit(f"  {q.kind:8} {speaker:22.22} {printable(cue):12.12} {printable(text)}{via}")


def _store_failure(db: str, err: Exception) -> str | None:
    """The one line for a store that cannot be opened (`newsfold: <db>: could not connect (…)`), or None
    when `err` is not about the store. psycopg is optional, so its errors are told by their module."""
    from .store import SchemaError

    if isinstance(err, (SchemaError, OSError)):
        why = str(err)
    elif isinstance(err, sqlite3.Error):
        why = f"not a usable SQLite store ({err})"
    elif type(err).__module__.split(".")[0] == "psycopg":
        first = (str(err).strip().splitlines() or [type(err).__name__])[0]
        connecting = type(err).__name__ in ("OperationalError", "InterfaceError")
        why = f"could not connect ({first})" if connecting else f"the database refused ({first})"
    else:
        return None
    return f"newsfold: {_shown_db(db)}: {printable(why)}"


def _shown_db(db: str) -> str:
    """`db` as printed: a PostgreSQL URL's password masked, control characters escaped."""
    from urllib.parse import urlsplit

    try:
        password = urlsplit(db).password
    except ValueError:
        password = None
    return printable(db.replace(f":{password}@", ":***@") if password else db)


def _open_store(db: str, *, readonly: bool = False):
    """`open_store(db)`, or None after one line on stderr saying why the store cannot be opened."""
    from .store import open_store

    store = None
    try:
        store = open_store(db, readonly=readonly)
        # SQLite opens any file lazily: read one count so a file that is not a store fails here, by name
        store.count_stories()
        return store
    except Exception as err:
        if store is not None:
            store.close()
        if (line := _store_failure(db, err)) is None:
            raise
        print(line, file=sys.stderr)
        return None


def _count(text: str) -> int:
    """A cap for an option: a positive whole number, or one with a k, M or G suffix (50M: 50,000,000)."""
    scale = {"k": 1_000, "m": 1_000_000, "g": 1_000_000_000}.get(text[-1:].lower(), 1)
    digits = text[:-1] if scale > 1 else text
    if not digits.strip().isdigit() or int(digits) * scale <= 0:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r} (say 50000000 or 50M)")
    return int(digits) * scale


def _add_analysis_arguments(p: argparse.ArgumentParser) -> None:
    """Options for how articles are analysed."""
    from .pipeline import DEFAULT_MAX_CHARS

    p.add_argument("--max-chars", metavar="N", type=_count, default=DEFAULT_MAX_CHARS,
                   help="leave out, unparsed, any article with more than N characters to analyse, so that "
                   "every input comes back in bounded time; each is reported as NF109 (k, M allowed; "
                   f"default: {DEFAULT_MAX_CHARS // 1_000_000}M)")


def _add_read_arguments(p: argparse.ArgumentParser) -> None:
    """Options for how input files are read."""
    from .ingest.text import DEFAULT_MAX_BYTES

    p.add_argument("--max-bytes", metavar="SIZE", type=_count, default=DEFAULT_MAX_BYTES,
                   help="leave out any file or JSONL line larger than SIZE bytes; each is reported as NF107 "
                   f"(k, M, G allowed; default: {DEFAULT_MAX_BYTES // 1_000_000}M)")


def _add_fetch_arguments(p: argparse.ArgumentParser) -> None:
    """Options for PATHs that are http(s) URLs of article pages or RSS/Atom feeds."""
    g = p.add_argument_group("fetching URLs and feeds")
    g.add_argument("--only-new", action="store_true",
                   help="remember what was fetched and skip pages and feed items read before")
    g.add_argument("--fetch-cache", metavar="FILE", default=None,
                   help="remember in FILE (implies --only-new; default: newsfold/fetch.json in the user's "
                   "cache folder)")
    g.add_argument("--fetch-timeout", metavar="SECONDS", type=float, default=15.0,
                   help="seconds to wait for a connection or a read (default: 15)")
    g.add_argument("--allow-loopback", action="store_true",
                   help="allow fetching from loopback addresses (testing against a local server only)")


def _add_follow_argument(p: argparse.ArgumentParser) -> None:
    """The option for RSS/Atom files on disk, whose items are read from the feed's own HTML by default."""
    p.add_argument("--follow-links", action="store_true",
                   help="fetch the page each item of a feed file links to, instead of reading the item's "
                   "own text in the feed (with the guards of fetching URLs)")


def _fetch_options(args: argparse.Namespace):
    """FetchOptions from the options `_add_fetch_arguments` adds (those a command lacks take defaults)."""
    from .ingest.fetch import FetchOptions
    from .ingest.fetchcache import default_cache_path

    remember = getattr(args, "only_new", False) or getattr(args, "fetch_cache", None)
    cache = getattr(args, "fetch_cache", None) or (str(default_cache_path()) if remember else None)
    timeout = getattr(args, "fetch_timeout", 15.0)
    return FetchOptions(timeout=timeout, deadline=max(60.0, 4 * timeout),
                        allow_loopback=getattr(args, "allow_loopback", False), cache_path=cache,
                        follow_links=getattr(args, "follow_links", False))


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import extract_paths
    from .progress import Progress, is_terminal, say

    failed = 0
    articles = quotes = 0
    if args.output != "-":
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    out = open(args.output, "w", encoding="utf-8") if args.output != "-" else sys.stdout  # noqa: SIM115
    # the inputs are read as they are analysed, so the number of articles is not known until the end
    bar = Progress("extracting", None, enabled=_bar(args))
    # records and summaries to a terminal the bar is drawn on go round the bar as the error lines do
    to_terminal = bar.enabled and is_terminal(sys.stdout)

    def emit(line: str, stream=out) -> None:
        if to_terminal and stream is sys.stdout:
            say(line, stream)
        else:
            stream.write(line + "\n")

    try:
        for result in extract_paths(args.paths, workers=args.workers, fetch_options=_fetch_options(args),
                                    on_warning=_warn, max_bytes=args.max_bytes, max_chars=args.max_chars):
            bar.update()
            if isinstance(result, Failure):
                failed += 1
                _report(result)
                continue
            articles += 1
            for warning in result.warnings if args.verbose else []:
                _say(f"newsfold: {printable(result.article.doc)}: {printable(warning)}")
            for quote in result.quotes:
                emit(json.dumps(quote.to_record(), ensure_ascii=False))
                quotes += 1
            if args.summary:
                _summarise(result, lambda line: emit(line, sys.stdout))
    finally:
        bar.close()
        if out is not sys.stdout:
            out.close()
    if not args.quiet:
        print(f"newsfold: {quotes} quotations from {articles} articles; {failed} inputs failed",
              file=sys.stderr)
    return 1 if failed else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluation import check_floors, format_summary
    from .evaluation_run import evaluate_gold

    summary, failures = evaluate_gold(Path(args.gold), output=args.output, workers=args.workers,
                                      progress=_bar(args), show_claims=args.show_claims)
    for failure in failures:
        _report(failure)
    print(json.dumps(summary) if args.json else format_summary(summary))
    status = 1 if failures else 0
    if args.floors:
        floors_all = json.loads(Path(args.floors).read_text(encoding="utf-8"))
        name = args.set or Path(args.gold).resolve().parent.name
        if name not in floors_all:
            print(f"newsfold: no floors named {name!r} in {args.floors}", file=sys.stderr)
            return 2
        below = check_floors(summary, floors_all[name])
        for line in below:
            print(f"newsfold: below floor ({name}) {line}", file=sys.stderr)
        if below:
            return 1
        if not args.quiet:
            print(f"newsfold: all {len(floors_all[name])} floors of {name!r} hold", file=sys.stderr)
    return status


def cmd_cluster(args: argparse.Namespace) -> int:
    from .story import cluster_paths

    assignments, failures = cluster_paths(args.paths, on_warning=_warn, max_bytes=args.max_bytes,
                                          progress=_bar(args))
    for failure in failures:
        _report(failure)
    if args.output != "-":
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    out = open(args.output, "w", encoding="utf-8") if args.output != "-" else sys.stdout  # noqa: SIM115
    n = copies = 0
    stories: set[str] = set()
    try:
        for a in assignments:
            record = {"doc": a.doc, "story": a.story, "copy_of": a.copy_of, "similarity": a.similarity}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
            copies += a.copy_of is not None
            stories.add(a.story)
    finally:
        if out is not sys.stdout:
            out.close()
    if not args.quiet:
        print(f"newsfold: {n} articles in {len(stories)} stories ({copies} copies); "
              f"{len(failures)} inputs failed", file=sys.stderr)
    return 1 if failures else 0


def cmd_story(args: argparse.Namespace) -> int:
    from .story import build_stories, write_stories

    run = build_stories(args.paths, workers=args.workers, regroup=args.regroup, on_warning=_warn,
                        max_bytes=args.max_bytes, max_chars=args.max_chars, progress=_bar(args),
                        fetch_options=_fetch_options(args))
    for failure in run.failures:
        _report(failure)
    if not run.stories:
        print("newsfold: no article could be read; nothing written", file=sys.stderr)
        return 1
    folders = write_stories(run.stories, args.output)
    if args.quiet:
        return 1 if run.failures else 0
    for story, folder in zip(run.stories, folders, strict=True):
        corroborated = sum(1 for c in story.claims if c.status == "corroborated")
        title = printable(story.title or story.id)
        print(f"newsfold: {printable(str(folder))}: {title} ({len(story.articles)} articles, "
              f"{len(story.quotes)} statements, {len(story.alignments)} alignments, "
              f"{len(story.claims)} claims, {corroborated} corroborated)", file=sys.stderr)
    print(f"newsfold: {len(run.stories)} stories from {run.articles} articles; "
          f"{len(run.failures)} inputs failed", file=sys.stderr)
    return 1 if run.failures else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from .pipeline import default_workers

    if (store := _open_store(args.db)) is None:
        return 2
    from .ingest import read_paths
    from .ingest.fetchcache import FetchCache, SaveOnCommit
    from .report.brief import add_brief

    options = _fetch_options(args)
    # what was fetched is remembered only once it is stored, so a killed run never skips it next time
    memory = SaveOnCommit(FetchCache(options.cache_path)) if options.cache_path else None
    with store:
        workers = default_workers() if args.workers is None else args.workers
        report = store.ingest(args.paths, workers=workers, on_failure=_report, enrich=add_brief,
                              max_chars=args.max_chars, progress=_bar(args),
                              read=lambda paths: read_paths(paths, max_bytes=args.max_bytes,
                                                            fetch_options=options, fetch_memory=memory,
                                                            on_warning=_warn))
    if memory is not None:
        memory.commit()
    if not args.quiet:
        print(f"newsfold: {report.summary()}", file=sys.stderr)
    return 1 if report.failures else 0


def cmd_export(args: argparse.Namespace) -> int:
    if (store := _open_store(args.db, readonly=True)) is None:
        return 2
    with store:
        n = store.export(args.output)
    print(f"newsfold: {n} records written to {args.output}", file=sys.stderr)
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from .errors import CATALOGUE, codes_table, explain

    if args.markdown:
        print(codes_table(), end="")
        return 0
    codes = args.codes or sorted(CATALOGUE)
    unknown = [c for c in codes if explain(c) is None]
    for code in unknown:
        print(f"newsfold: no error code {printable(code)} (`newsfold explain` lists them all)",
              file=sys.stderr)
    print("\n\n".join(text for c in codes if (text := explain(c)) is not None))
    return 2 if unknown else 0


def cmd_spark(args: argparse.Namespace) -> int:
    from .spark.session import local_session
    from .spark.submit import run

    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("newsfold: `newsfold spark` needs pyspark: pip install 'newsfold[spark]'", file=sys.stderr)
        return 2
    spark = local_session(args.master, conf={"spark.driver.memory": args.driver_memory})
    try:
        return run(spark, args)
    finally:
        spark.stop()


def cmd_serve(args: argparse.Namespace) -> int:
    from .web.server import build_server

    try:
        server = build_server(args.db, args.host, args.port, verbose=args.verbose)
    except Exception as err:
        if (line := _store_failure(args.db, err)) is None:
            raise
        print(line, file=sys.stderr)
        return 2
    host, port = server.server_address[:2]
    print(f"newsfold: serving {_shown_db(args.db)} read-only at http://{host}:{port}/ (Ctrl-C stops)",
          file=sys.stderr)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


#: the help's last words, on every command that reports errors by code
EPILOG = ("An input that fails is reported on one line, `newsfold: NFxxx INPUT: why`, and the rest goes on; "
          "`newsfold explain NFxxx` says what a code means and what to do (`newsfold explain` lists every "
          "code). Exit status: 0 when all went well, 1 when any input failed, 2 for a usage error.")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsfold", description="Who said what, and who reported it how.",
                                     epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"newsfold {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract every quotation with its speaker, one JSON record a line",
                       epilog=EPILOG)
    p.add_argument("paths", nargs="+", help="text, HTML or JSONL files, article indexes, RSS/Atom feed "
                   "files, WARC files, directories, or http(s) URLs of article pages or RSS/Atom feeds")
    p.add_argument("--output", "-o", default="-", help="JSONL file to write (default: standard output)")
    p.add_argument("--workers", type=int, default=None,
                   help="processes to parse with (default: one per core)")
    p.add_argument("--verbose", "-v", action="store_true", help="also report odd quotation marks")
    p.add_argument("--summary", action="store_true", help="also print who said what, article by article")
    _add_read_arguments(p)
    _add_analysis_arguments(p)
    _add_fetch_arguments(p)
    _add_quiet_argument(p)
    _add_follow_argument(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("evaluate", help="score extraction against a gold file, as the reference scorer does",
                       epilog=EPILOG)
    p.add_argument("gold", help="a gold.json in the format of corpus/*/gold.json")
    p.add_argument("--output", "-o", default=None, help="also write the predictions to this JSONL file")
    p.add_argument("--floors", default=None,
                   help="a JSON file of floors; exit 1 if any figure falls below its floor")
    p.add_argument("--set", default=None, help="which floors to check (default: the gold file's folder name)")
    p.add_argument("--workers", type=int, default=None,
                   help="processes to parse with (default: one per core)")
    p.add_argument("--json", action="store_true", help="print only the JSON summary")
    p.add_argument("--show-claims", default=None, metavar="FILE", help="write the claims misses (gold "
                   "claims not found, predicted corroborated claims matching none) to FILE ('-': here)")
    _add_quiet_argument(p)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("cluster", help="group articles into stories: one JSON record per article",
                       epilog=EPILOG)
    p.add_argument("paths", nargs="+", metavar="INDEX", help="an article index (articles.jsonl), or any "
                   "inputs extract reads")
    p.add_argument("--output", "-o", default="-", help="JSONL file to write (default: standard output)")
    _add_read_arguments(p)
    _add_quiet_argument(p)
    p.set_defaults(func=cmd_cluster)

    p = sub.add_parser("story", help="fold each story's coverage into records.jsonl, story.json and "
                       "report.html",
                       epilog=EPILOG)
    p.add_argument("paths", nargs="+", help="text, HTML or JSONL files, article indexes, RSS/Atom feed "
                   "files, WARC files, or directories")
    p.add_argument("--output", "-o", required=True, help="folder to write; when the inputs hold several "
                   "stories, one sub-folder per story and an index.html")
    p.add_argument("--workers", type=int, default=None,
                   help="processes to parse with (default: one per core)")
    p.add_argument("--regroup", action="store_true", help="group articles into stories by their content even "
                   "when the article index names their story")
    _add_read_arguments(p)
    _add_analysis_arguments(p)
    _add_quiet_argument(p)
    _add_follow_argument(p)
    p.set_defaults(func=cmd_story)

    db_help = "a SQLite file (default: newsfold.db here) or a postgresql:// URL"
    p = sub.add_parser("ingest", help="store articles: quotations, people, stories, alignments and claims",
                       epilog=EPILOG)
    p.add_argument("paths", nargs="+", help="text, HTML or JSONL files, article indexes, RSS/Atom feed "
                   "files, WARC files, directories, or http(s) URLs of article pages or RSS/Atom feeds")
    p.add_argument("--db", default="newsfold.db", help=db_help)
    p.add_argument("--workers", type=int, default=None,
                   help="processes to parse with (default: one per core)")
    _add_read_arguments(p)
    _add_analysis_arguments(p)
    _add_fetch_arguments(p)
    _add_quiet_argument(p)
    _add_follow_argument(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("export", help="write every record of a store as JSON lines, in a stable order")
    p.add_argument("--db", default="newsfold.db", help=db_help)
    p.add_argument("--output", "-o", required=True, help="JSONL file to write")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("serve", help="browse a store in a web browser: stories, people, search (read-only)")
    p.add_argument("--db", default="newsfold.db", help=db_help)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: localhost only)")
    p.add_argument("--port", type=int, default=8001, help="port (default: 8001; 0 picks a free one)")
    p.add_argument("--verbose", action="store_true", help="log every request on stderr")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("explain", help="what an error code (NF109) means and what to do about it")
    p.add_argument("codes", nargs="*", metavar="CODE", help="codes to explain (default: every code)")
    p.add_argument("--markdown", action="store_true", help="every code as the README's Markdown table")
    p.set_defaults(func=cmd_explain)

    from .spark.submit import add_arguments as add_spark_arguments

    p = sub.add_parser("spark", help="the story pipeline on Apache Spark, for corpora beyond one machine "
                       "(needs the spark extra; on a cluster use spark-submit, see the README)")
    add_spark_arguments(p)
    p.add_argument("--master", default="local[2]", help="Spark master (default: local[2])")
    p.add_argument("--driver-memory", default="1g", help="JVM heap of the local driver (default: 1g)")
    p.set_defaults(func=cmd_spark)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
