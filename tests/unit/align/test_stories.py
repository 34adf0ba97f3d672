import json
import os
from pathlib import Path

import numpy as np
import pytest

from newsfold.align.stories import StoryAssignment, bcubed, cluster_articles, relative_similarity, story_id
from newsfold.models import Article

QUAKE_A = (
    "A magnitude 6.1 earthquake struck Qeshm island off southern Iran on Sunday, killing ten people in the "
    "village of Zirang, Governor Ahmad Karimi said. Rescue teams from Bandar Abbas searched the rubble of "
    "mud-brick homes through the night."
)
QUAKE_B = (
    "Ten people died when a 6.1 earthquake hit Qeshm island in the Gulf on Sunday. Governor Ahmad Karimi "
    "said rescuers from Bandar Abbas were still digging in Zirang, where most mud-brick homes collapsed."
)
REHAB = (
    "Actress Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage on Thursday to begin 90 days "
    "of court-ordered rehab, her lawyer Shawn Holley said in a statement to reporters in Los Angeles."
)
WIRE = (
    "Lindsay Lohan has left the Betty Ford Center and moved to a rehab facility in Malibu, her attorney "
    "Shawn Holley confirmed on Monday. A judge in Los Angeles signed the order allowing the transfer, and "
    "the actress will complete the 90 days of treatment the court required of her."
)


def _stories(result: list[StoryAssignment]) -> dict[str, str]:
    return {r.doc: r.story for r in result}


def test_two_events_three_articles():
    arts = [Article(doc="a", text=QUAKE_A), Article(doc="b", text=REHAB), Article(doc="c", text=QUAKE_B)]
    res = cluster_articles(arts)
    assert [r.doc for r in res] == ["a", "b", "c"]
    s = _stories(res)
    assert s["a"] == s["c"] != s["b"]
    by_doc = {r.doc: r for r in res}
    assert by_doc["b"].similarity == 1.0
    assert 0 < by_doc["a"].similarity <= 1
    assert all(r.copy_of is None for r in res)


def test_syndicated_copy_is_marked_and_joined():
    arts = [
        Article(doc="wire", text=WIRE, outlet="AP", date="2013-06-13"),
        Article(doc="quake", text=QUAKE_A, date="2013-06-13"),
        Article(doc="reprint", text="Lohan moves rehab\n\n" + WIRE + " Read more.", outlet="Daily",
                date="2013-06-14"),
    ]
    res = {r.doc: r for r in cluster_articles(arts)}
    assert res["reprint"].story == res["wire"].story != res["quake"].story
    assert res["reprint"].copy_of == "wire"
    assert res["wire"].copy_of is None


def test_dates_far_apart_are_split_and_missing_dates_do_not_constrain():
    arts = [
        Article(doc="old", text=QUAKE_A, date="2005-11-27"),
        Article(doc="new", text=QUAKE_B, date="2013-04-16"),
        Article(doc="undated", text=QUAKE_A + " More to follow."),
    ]
    res = _stories(cluster_articles(arts))
    assert res["old"] != res["new"]
    assert res["undated"] in (res["old"], res["new"])


def test_story_id_is_stable_and_order_free():
    arts = [Article(doc="a", text=QUAKE_A), Article(doc="c", text=QUAKE_B)]
    one = _stories(cluster_articles(arts))
    two = _stories(cluster_articles(list(reversed(arts))))
    assert one == two
    assert one["a"] == story_id(["c", "a"])


def test_empty_and_degenerate_inputs():
    assert cluster_articles([]) == []
    res = cluster_articles([Article(doc="x", text=""), Article(doc="y", text="")])
    assert res[0].story != res[1].story


def test_bcubed():
    gold = {"a": 1, "b": 1, "c": 2}
    assert bcubed(gold, gold) == (1.0, 1.0, 1.0)
    p, r, f = bcubed({"a": "x", "b": "x", "c": "x"}, gold)
    assert r == 1.0 and p == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    p, r, f = bcubed({"a": "x", "b": "y", "c": "z"}, gold)
    assert p == 1.0 and r == pytest.approx((0.5 + 0.5 + 1) / 3)


NEWSWCL = str(Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "newswcl50")


def test_newswcl50_bcubed_floor():
    path = os.path.join(NEWSWCL, "articles.jsonl")
    if not os.path.exists(path):
        pytest.skip("newswcl50 corpus not available")
    arts = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            with open(os.path.join(NEWSWCL, r["doc"]), encoding="utf-8") as t:
                arts.append(Article(doc=r["doc"], text=t.read(), title=r.get("title"), date=r.get("date"),
                                    outlet=r.get("outlet"), story=str(r["story"])))
    gold = {a.doc: a.story for a in arts}
    _, _, f1 = bcubed(_stories(cluster_articles(arts)), gold)
    assert f1 >= 0.97  # measured 1.000 with the default setting


def test_a_pair_is_weighed_against_both_articles_best_matches():
    pairs = np.array([[0, 1], [1, 2], [2, 3]])
    sims = np.array([0.6, 0.4, 0.6])
    out = relative_similarity(4, pairs, sims)
    # 0-1 and 2-3 are each other's best: kept. 1-2 is alike, but each side has a closer match.
    assert out[0] == pytest.approx(0.6) and out[2] == pytest.approx(0.6)
    assert out[1] == pytest.approx(0.4 * 0.4 / 0.6)
    assert relative_similarity(0, np.zeros((0, 2), dtype=np.int64), np.zeros(0)).tolist() == []


WEEKS = [
    "Osk port claims rise to 41,200\n\nDockers at the Osk port filed 41,200 new claims last week, up from "
    "the week before, the port board said on Thursday.",
    "Port claims at Osk climb to 41,200\n\nNew claims by Osk dockers rose to 41,200 last week, the port "
    "board reported Thursday, as the harbour slowed.",
    "Osk port claims fall to 38,900\n\nDockers at the Osk port filed 38,900 new claims last week, down from "
    "the week before, the port board said on Thursday.",
    "Port claims at Osk drop to 38,900\n\nNew claims by Osk dockers fell to 38,900 last week, the port board "
    "reported Thursday, as the harbour recovered.",
]


def test_weekly_reports_of_one_series_are_told_apart_by_their_figures():
    arts = [Article(doc=f"w{i}", text=t) for i, t in enumerate(WEEKS)]
    s = _stories(cluster_articles(arts))
    assert s["w0"] == s["w1"] != s["w2"] == s["w3"]
