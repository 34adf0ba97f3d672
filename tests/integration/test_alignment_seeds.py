"""The seeds' cross-outlet pairs: newsfold's own extraction, then alignment, against the hand-made gold.

Target (issue 3): all 8 gold pairs found with the gold relation, no wrong pair. Skips without ../shared.
"""

import json
from pathlib import Path

import pytest

from newsfold.evaluation import load_gold
from newsfold.evaluation_run import evaluate_gold

GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds" / "gold.json"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    if not GOLD.exists():
        pytest.skip(f"{GOLD} is not here")
    out = tmp_path_factory.mktemp("seeds") / "pred.jsonl"
    summary, failures = evaluate_gold(GOLD, output=str(out))
    assert not failures
    return summary, out


def test_every_gold_pair_found_with_its_relation_and_none_wrong(run):
    summary, _ = run
    a = summary["alignment"]
    assert (a["found"], a["relation_right"], a["wrong"]) == (a["gold"], a["gold"], 0)


def test_relations_pair_by_pair(run):
    """The same check read from the written records, so a wrong relation names its pair."""
    _, out = run
    gold, _ = load_gold(GOLD)
    spans = {(q["doc"], q["start"], q["end"]): q["id"] for q in gold["quotes"]}
    records = [json.loads(line) for line in out.read_text().splitlines()]
    quotes = [r for r in records if r["type"] == "quote"]

    def gold_id(ref):
        # a prediction stands for the gold quotation whose span it shares most of
        best, share = None, 0
        for (doc, s, e), qid in spans.items():
            if doc == ref["doc"]:
                n = min(e, ref["end"]) - max(s, ref["start"])
                if n > share:
                    best, share = qid, n
        return best

    assert quotes
    predicted = {frozenset((gold_id(r["a"]), gold_id(r["b"]))): r["relation"]
                 for r in records if r["type"] == "alignment"}
    for g in gold["alignments"]:
        assert predicted.get(frozenset((g["a"], g["b"]))) == g["relation"], g
