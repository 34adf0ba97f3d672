"""The claims score of `newsfold evaluate`: gold claims covered by a predicted corroborated claim."""

from newsfold.evaluation import format_summary, reference_fields, score, score_claims

GOLD = {"quotes": [], "corroborated_claims": [
    {"claim": "the dam broke", "mentions": [{"doc": "a.txt", "start": 10, "end": 30},
                                            {"doc": "b.txt", "start": 100, "end": 120}]},
    {"claim": "1,200 moved", "mentions": [{"doc": "a.txt", "start": 50, "end": 70},
                                          {"doc": "b.txt", "start": 5, "end": 25}]},
]}


def claim(status, *spans):
    return {"type": "claim", "status": status,
            "mentions": [{"doc": d, "start": s, "end": e} for d, s, e in spans]}


def test_found_needs_every_gold_mention_overlapped_by_one_corroborated_claim():
    records = [
        claim("corroborated", ("a.txt", 25, 40), ("dir/b.txt", 119, 130)),  # covers the first (by file name)
        claim("corroborated", ("a.txt", 50, 70), ("b.txt", 30, 40)),  # misses b.txt's mention
        claim("single-source", ("a.txt", 50, 70)),
        claim("corroborated", ("a.txt", 200, 210), ("b.txt", 300, 310)),  # no gold claim
    ]
    got = score_claims(GOLD, records)
    assert got == {"gold": 2, "found": 1, "predicted": 3, "unmatched": 2, "recall": 0.5}


def test_touching_is_not_overlapping():
    got = score_claims(GOLD, [claim("corroborated", ("a.txt", 30, 35), ("b.txt", 120, 125))])
    assert got["found"] == 0


def test_score_reports_claims_apart_from_the_reference_fields():
    both = claim("corroborated", ("a.txt", 10, 70), ("b.txt", 5, 120))
    summary = score(GOLD, lambda doc: "x" * 400, [both])
    assert summary["claims"]["found"] == 2
    assert "claims" not in reference_fields(summary)
    assert "claims    gold 2  found as corroborated 2" in format_summary(summary)
    assert "claims" not in score({"quotes": []}, lambda doc: None, [])
