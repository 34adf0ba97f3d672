"""The alignment figures of `newsfold evaluate`: the reference scorer's, plus pairs with the gold relation."""

from newsfold.evaluation import RELATION_RIGHT, check_floors, format_summary, reference_fields, score

TEXTS = {
    "a.txt": "Lund said the dam is “a real disgrace” and “We will rebuild every home,” she added.",
    "b.txt": "“It is a real disgrace,” Lund said. “We will rebuild every house,” she said.",
}


def _span(doc: str, words: str) -> tuple[int, int]:
    start = TEXTS[doc].index(words)
    return start, start + len(words)


GOLD = {
    "quotes": [
        {"id": f"{doc[0]}{n}", "doc": doc, "start": s, "end": e, "kind": "direct", "speaker": "Ana Lund"}
        for doc, n, words in [
            ("a.txt", 1, "a real disgrace"), ("a.txt", 2, "We will rebuild every home"),
            ("b.txt", 1, "It is a real disgrace"), ("b.txt", 2, "We will rebuild every house"),
        ]
        for s, e in [_span(doc, words)]
    ],
    "alignments": [
        {"a": "a1", "b": "b1", "relation": "excerpt"},
        {"a": "a2", "b": "b2", "relation": "altered"},
    ],
}


def _quote(q):
    return {"type": "quote", "doc": q["doc"], "start": q["start"], "end": q["end"], "kind": "direct",
            "speaker": "Ana Lund", "speaker_mention": None}


def _align(qa, qb, relation):
    ref = lambda q: {"doc": q["doc"], "start": q["start"], "end": q["end"]}  # noqa: E731
    return {"type": "alignment", "a": ref(qa), "b": ref(qb), "relation": relation}


def test_relation_right_counts_found_pairs_with_the_gold_relation():
    a1, a2, b1, b2 = GOLD["quotes"]
    records = [_quote(q) for q in GOLD["quotes"]]
    records += [_align(a1, b1, "excerpt"), _align(a2, b2, "variant"), _align(a1, b2, "excerpt")]
    s = score(GOLD, TEXTS.get, records)["alignment"]
    assert (s["gold"], s["found"], s["wrong"], s[RELATION_RIGHT]) == (2, 2, 1, 1)
    assert "relation right 1" in format_summary(score(GOLD, TEXTS.get, records))


def test_reference_fields_are_the_reference_scorers():
    records = [_quote(q) for q in GOLD["quotes"]]
    summary = score(GOLD, TEXTS.get, records)
    assert RELATION_RIGHT in summary["alignment"]
    ref = reference_fields(summary)
    assert set(ref["alignment"]) == {"gold", "found", "wrong", "recall", "precision"}
    assert ref["quoted"] == summary["quoted"]


def test_floors_and_ceilings():
    summary = {"alignment": {"recall": 1.0, "wrong": 2, RELATION_RIGHT: 8}}
    assert check_floors(summary, {"alignment.recall": 1.0, f"alignment.{RELATION_RIGHT}": 8}) == []
    assert check_floors(summary, {"alignment.wrong": {"max": 2}}) == []
    [line] = check_floors(summary, {"alignment.wrong": {"max": 0}})
    assert "above its ceiling" in line
    [line] = check_floors(summary, {"alignment.recall": {"min": 1.5}})
    assert "below its floor" in line
    [line] = check_floors(summary, {"claims.recall": 0.5})
    assert "not measured" in line


def test_alignment_stays_within_the_stories_of_the_corpus_index(tmp_path):
    """A gold with an articles.jsonl beside it: quotations are aligned within each story the index gives."""
    import json

    from newsfold.evaluation_run import article_index, gold_alignments
    from newsfold.models import Article, Extraction, Quote

    line = "We will rebuild every home that the water took, and we will start on Monday morning."
    (tmp_path / "gold.json").write_text(json.dumps({"quotes": [], "alignments": []}))
    index = [{"doc": d, "story": s, "outlet": o} for d, s, o in
             [("a.txt", "1", "Ledger"), ("b.txt", "1", "Wire"), ("c.txt", "2", "Post")]]
    (tmp_path / "articles.jsonl").write_text("\n".join(json.dumps(r) for r in index) + "\nnot json\n")
    meta = article_index(tmp_path / "gold.json")
    assert sorted(meta) == ["a.txt", "b.txt", "c.txt"] and meta["c.txt"]["story"] == "2"
    exs = [Extraction(Article(d, line), [Quote(d, 0, len(line), line, "direct", speaker="Ana Lund")])
           for d in ("a.txt", "b.txt", "c.txt")]
    found = gold_alignments(meta, exs)
    assert [(a.a.doc, a.b.doc, a.story, a.a.outlet) for a in found] == [("a.txt", "b.txt", "1", "Ledger")]
    # without an index (and no articles in the gold), all articles are one story
    assert len(gold_alignments({}, exs)) == 3
    # the gold's own articles come first
    (tmp_path / "gold.json").write_text(json.dumps({"articles": [{"doc": "a.txt", "story": "9"}]}))
    assert article_index(tmp_path / "gold.json") == {"a.txt": {"doc": "a.txt", "story": "9"}}
