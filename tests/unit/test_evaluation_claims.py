"""The claims score of `newsfold evaluate`: gold claims found by a predicted claim of their status."""

from newsfold.evaluation import format_claim_misses, format_summary, reference_fields, score, score_claims

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
    assert got == {"gold": 2, "found": 1, "found_two": 1, "predicted": 3, "unmatched": 2, "recall": 0.5,
                   "recall_two": 0.5, "precision": 0.333}


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


THREE = {"quotes": [], "corroborated_claims": [
    {"claim": "the dam broke", "event": "1", "mentions": [
        {"doc": "a.txt", "start": 10, "end": 30, "text": "the dam broke at dawn"},
        {"doc": "b.txt", "start": 100, "end": 120, "text": "the dam gave way"},
        {"doc": "c.txt", "start": 0, "end": 20, "text": "a dam burst"}]}],
    "conflicts": [
        {"claim": "how many were moved", "event": "1", "mentions": [
            {"doc": "a.txt", "start": 50, "end": 70, "text": "1,200 moved"},
            {"doc": "c.txt", "start": 40, "end": 60, "text": "900 moved"}]}]}


def test_two_of_three_mentions_find_a_claim_but_only_all_three_find_it_fully():
    two = claim("corroborated", ("a.txt", 12, 20), ("c.txt", 5, 9))
    got = score_claims(THREE, [two])
    assert (got["found_two"], got["found"], got["precision"]) == (1, 0, 1.0)
    every = claim("corroborated", ("a.txt", 12, 20), ("b.txt", 110, 111), ("c.txt", 5, 9))
    got = score_claims(THREE, [every])
    assert (got["found_two"], got["found"], got["recall"], got["recall_two"]) == (1, 1, 1.0, 1.0)


def test_a_conflict_is_found_only_by_a_predicted_conflict():
    as_corroborated = claim("corroborated", ("a.txt", 50, 70), ("c.txt", 40, 60))
    got = score_claims(THREE, [as_corroborated])
    assert got["conflicts"] == {"gold": 1, "found": 0, "recall": 0.0, "predicted": 0}
    assert got["precision"] == 1.0  # it is a fact of the gold, only its status is wrong
    got = score_claims(THREE, [claim("conflict", ("a.txt", 55, 60), ("c.txt", 41, 42))])
    assert got["conflicts"]["found"] == 1
    assert "conflicts gold 1  found 1" in format_summary(score(THREE, lambda doc: "x" * 400,
                                                               [claim("conflict", ("a.txt", 55, 60),
                                                                      ("c.txt", 41, 42))]))


def test_misses_name_both_sides_with_their_words():
    stray = {**claim("corroborated", ("a.txt", 200, 210), ("b.txt", 300, 310)), "id": "c1", "text": "a stray"}
    stray["mentions"][0]["text"] = "stray words"
    text = format_claim_misses(THREE, [stray])
    assert "gold corroborated claim (1), not found: the dam broke" in text
    assert "b.txt 100-120: the dam gave way" in text
    assert "gold conflict (1), not found: how many were moved" in text
    assert "predicted corroborated claim c1 (None) matching no gold claim: a stray" in text
    assert "a.txt 200-210: stray words" in text
    full = claim("corroborated", ("a.txt", 12, 20), ("b.txt", 110, 111), ("c.txt", 5, 9))
    assert "the dam broke" not in format_claim_misses(THREE, [full])
