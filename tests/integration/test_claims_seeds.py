"""Claims on the seeds (gold: the 7 claims both outlets carry) and on the bundled example story.

The seeds live in ../shared (others' text, for evaluation only); without it that test skips.
"""

import json
from pathlib import Path

import pytest

from newsfold.align.claims import match_claims
from newsfold.evaluation import score_claims
from newsfold.evaluation_run import gold_articles
from newsfold.ingest import read_paths
from newsfold.nlp.claims import find_claims
from newsfold.nlp.model import load_model

ROOT = Path(__file__).resolve().parents[1].parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds" / "gold.json"


def test_seed_claims_found_as_corroborated():
    if not SEEDS.exists():
        pytest.skip(f"{SEEDS} is not here")
    gold = json.loads(SEEDS.read_text(encoding="utf-8"))
    articles, failures = gold_articles(SEEDS)
    assert not failures
    found = find_claims(articles, load_model())
    claims = match_claims([m for ms in found.values() for m in ms])
    for c in claims:
        for m in c.mentions:
            text = next(a.text for a in articles if a.doc == m.doc)
            assert text[m.start:m.end] == m.text
    result = score_claims(gold, [c.to_record() for c in claims])
    assert result["gold"] == 7
    assert result["found"] >= 6


def test_example_story_claims():
    articles = [a for a in read_paths([str(ROOT / "examples" / "articles.jsonl")]) if not hasattr(a, "error")]
    assert len(articles) == 2
    found = find_claims(articles, load_model())
    claims = match_claims([m for ms in found.values() for m in ms], story="velmora-flood")
    corroborated = [c for c in claims if c.status == "corroborated"]
    conflicts = [c for c in claims if c.status == "conflict"]
    # both report 1,200 moved out, a 6.8 m peak, three bridges
    for value in (1200.0, 6.8, 3.0):
        assert any(all(value in m.values.get("number", []) for m in c.mentions) for c in corroborated), value
    # and disagree on the homes flooded: about 340 against more than 400
    (homes,) = conflicts
    assert homes.conflict["field"] == "number" and homes.conflict["unit"] == "home"
    assert sorted(homes.conflict["values"].values()) == [340.0, 400.0]
