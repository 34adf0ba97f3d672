"""records.jsonl and story.json: every record JSON-ready, in a stable order, the quotation records exactly
as `extract` writes them."""

from __future__ import annotations

import json

from conftest import extractions, fold

from newsfold.report.brief import add_brief
from newsfold.report.json import story_to_dict, write_story_json
from newsfold.report.records import story_records, write_records


def test_records_hold_quotes_alignments_and_claims_in_order(story, tmp_path):
    path = tmp_path / "records.jsonl"
    n = write_records(story, path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert n == len(records) == 4 + 1 + 3
    assert [r["type"] for r in records] == ["quote"] * 4 + ["alignment"] + ["claim"] * 3
    quotes = {(q.doc, q.start): q.to_record() for q in story.quotes}
    for r in records[:4]:
        assert r == quotes[(r["doc"], r["start"])]
    where = [(r["doc"], r["start"]) for r in records[:4]]
    assert where == sorted(where)
    al = records[4]
    assert al["relation"] == "altered" and al["story"] == "s-fire"
    assert {k for k in al["a"]} == {"doc", "start", "end", "outlet"}
    assert [d["op"] for d in al["diff"]] == ["equal", "replace", "equal"]
    claims = records[5:]
    assert [c["id"] for c in claims] == ["c-area", "c-evac", "c-start"]
    assert [c["status"] for c in claims] == ["conflict", "corroborated", "single-source"]
    assert all(m["outlet"] for c in claims for m in c["mentions"])


def test_records_do_not_depend_on_input_order():
    a = list(story_records(fold()))
    b = list(story_records(fold(list(reversed(extractions())))))
    assert a == b


def test_story_json_is_the_whole_story(story, tmp_path):
    path = tmp_path / "story.json"
    write_story_json(story, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(story_to_dict(story)))
    assert data["id"] == "s-fire" and data["title"] == "Wildfire forces 800 from Grantholm"
    assert data["outlets"] == ["Coast Radio", "Valley Post"]
    assert [a["doc"] for a in data["articles"]] == ["post.txt", "radio.txt"]
    assert "text" not in data["articles"][0]
    assert data["people"][0]["name"] == "Maria Okafor"
    assert data["people"][0]["quotes"][0] == {"doc": "post.txt", "start": story.quotes[0].start,
                                              "end": story.quotes[0].end, "outlet": "Valley Post"}
    assert data["brief"][0]["status"] == "corroborated" and data["brief"][0]["refs"]
    assert data["timeline"][0]["date"] == "2024-07-06"
    assert len(data["quotes"]) == 4 and len(data["alignments"]) == 1 and len(data["claims"]) == 3
    assert data["coverage"] == {"outlets": ["Coast Radio", "Valley Post"]}


def test_story_of_one_quoteless_article_writes_valid_files(tmp_path):
    from newsfold.models import Article, Extraction

    story = add_brief(fold([Extraction(Article("a.txt", "Nothing was said."))], {}))
    assert write_records(story, tmp_path / "r.jsonl") == 0
    write_story_json(story, tmp_path / "s.json")
    data = json.loads((tmp_path / "s.json").read_text())
    assert data["quotes"] == [] and data["brief"] == [] and data["articles"][0]["outlet_name"] == "a.txt"
