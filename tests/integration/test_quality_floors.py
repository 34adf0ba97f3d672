"""The accuracy gate: extraction scored on annotated corpora must stay above the floors in eval/floors.json.

Lowering a floor is its own commit. The corpora live in ../shared (others' text, for evaluation only);
without it these tests skip.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsfold.evaluation import check_floors, load_gold, reference_fields, score
from newsfold.evaluation_run import evaluate_gold

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text())


def gold_path(name: str) -> Path:
    path = SHARED / "corpus" / name / "gold.json"
    if not path.exists():
        pytest.skip(f"{path} is not here")
    return path


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floors_hold(name, tmp_path):
    summary, failures = evaluate_gold(gold_path(name), output=str(tmp_path / "pred.jsonl"))
    assert not failures
    assert check_floors(summary, FLOORS[name]) == []
    # the reference scorer reads the same predictions and must print the same figures (newsfold adds one)
    ref = SHARED / "eval" / "score_quotes.py"
    out = subprocess.run([sys.executable, str(ref), str(gold_path(name)), str(tmp_path / "pred.jsonl"),
                          "--json"], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.strip().splitlines()[-1]) == reference_fields(summary)


def test_scorer_counts_wrong_predictions(tmp_path):
    """A prediction on no gold quotation lowers precision; a missing one lowers recall."""
    gold, text_of = load_gold(gold_path("seeds"))
    first = gold["quotes"][0]
    right = {"type": "quote", "doc": first["doc"], "start": first["start"], "end": first["end"],
             "kind": "direct", "speaker": first["speaker"], "speaker_mention": None}
    wrong = {**right, "start": 0, "end": 5, "speaker": "Nobody"}
    s = score(gold, text_of, [right, wrong])
    assert s["quoted"]["precision"] == 0.5 and s["quoted"]["recall"] < 0.1
