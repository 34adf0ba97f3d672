"""Time claim finding (parse included) and claim matching per story, and print what came out.

    python bench/bench_claims.py [INDEX_OR_PATH ...] [--limit N]

The default is ../shared/corpus/newswcl50/articles.jsonl when it exists, else the bundled examples/.
Articles are grouped into stories by their index's `story` (one story when there is none). Prints
articles, characters, seconds and characters per second for `find_claims`, seconds for `match_claims`
over all stories, the largest story's matching time, and the claims by status; then what `newsfold
story` pays for quotations and claims together: the quotation extraction followed by `find_claims`
parsing again (as before the parse was shared), against one extraction whose parse the claims read
(`extract_many(on_parsed=...)` and `claims_of_parses`). Nothing here asserts on timings.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "corpus" / "newswcl50" / "articles.jsonl"

try:  # a repository checkout that is not installed still works
    import newsfold  # noqa: F401
except ImportError:
    sys.path.insert(0, str(REPO / "src"))

from newsfold.align.claims import match_claims  # noqa: E402
from newsfold.ingest import read_paths  # noqa: E402
from newsfold.nlp.claims import claims_of_parses, find_claims  # noqa: E402
from newsfold.nlp.extract import extract_many  # noqa: E402
from newsfold.nlp.model import load_model  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()
    paths = args.paths or [str(DEFAULT if DEFAULT.exists() else REPO / "examples" / "articles.jsonl")]
    articles = [a for a in read_paths(paths) if not hasattr(a, "error")][: args.limit]
    nlp = load_model()
    nlp("Warm-up: 12 people met in Oslo on Friday.")

    t0 = time.perf_counter()
    found = find_claims(articles, nlp)
    t_find = time.perf_counter() - t0
    chars = sum(len(a.text) for a in articles)
    mentions = sum(len(v) for v in found.values())

    stories: dict[str, list] = defaultdict(list)
    for a in articles:
        stories[a.story or "-"].extend(found[a.doc])
    status: Counter = Counter()
    slowest = (0.0, "", 0)
    t0 = time.perf_counter()
    for story, ms in stories.items():
        t1 = time.perf_counter()
        claims = match_claims(ms, story=story)
        slowest = max(slowest, (time.perf_counter() - t1, story, len(ms)))
        status.update(c.status for c in claims)
    t_match = time.perf_counter() - t0

    print(f"corpus          {', '.join(paths)}")
    print(f"articles        {len(articles)}  ({chars} characters, {len(stories)} stories)")
    rate = chars / t_find if t_find else 0.0
    print(f"find_claims     {t_find:.2f} s  {rate:.0f} chars/s  {mentions} mentions")
    print(f"match_claims    {t_match:.2f} s  (largest story {slowest[1]!r}: {slowest[2]} mentions, "
          f"{slowest[0]:.2f} s)")
    print(f"claims          {dict(sorted(status.items()))}")

    t0 = time.perf_counter()
    list(extract_many(articles, nlp))
    find_claims(articles, nlp)
    t_twice = time.perf_counter() - t0
    shared: dict[str, list] = {}
    t0 = time.perf_counter()
    list(extract_many(articles, nlp, on_parsed=lambda a, parsed: shared.setdefault(
        a.doc, claims_of_parses(a, parsed))))
    t_once = time.perf_counter() - t0
    same = all(shared[a.doc] == found[a.doc] for a in articles)
    print(f"quotes+claims   {t_twice:.2f} s parsing twice, {t_once:.2f} s sharing one parse "
          f"({t_twice / max(1, len(articles)):.3f} -> {t_once / max(1, len(articles)):.3f} s an article; "
          f"same mentions: {same})")


if __name__ == "__main__":
    main()
