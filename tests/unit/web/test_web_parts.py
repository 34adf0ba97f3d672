"""The web app's pure parts: a person's picture over time, and an article cut into marked places."""

from __future__ import annotations

from newsfold.web.views.article import _runs
from newsfold.web.views.chart import MAX_BAR, statements_over_time

TONES = {"Courier": 0, "The Ledger": 2}


def q(date, outlet):
    return {"date": date, "outlet": outlet}


def test_days_weeks_and_months_by_span():
    days = statements_over_time([q("2026-03-02", "Courier"), q("2026-03-04T10:00:00", "The Ledger")], TONES)
    assert days["unit"] == "day" and [b["start"] for b in days["bins"]] == ["2026-03-02", "2026-03-03",
                                                                           "2026-03-04"]
    assert [b["total"] for b in days["bins"]] == [1, 0, 1]
    weeks = statements_over_time([q("2026-01-07", "Courier"), q("2026-03-20", "Courier")], TONES)
    assert weeks["unit"] == "week" and weeks["bins"][0]["start"] == "2026-01-05"  # a Monday
    months = statements_over_time([q("2023-01-15", "Courier"), q("2026-03-20", "Courier")], TONES)
    assert months["unit"] == "month" and months["bins"][0]["label"] == "2023-01"
    assert len(months["bins"]) == 39


def test_bars_stack_by_outlet_in_its_colour_and_undated_are_counted_apart():
    quotes = [q("2026-03-02", "Courier"), q("2026-03-02", "The Ledger"), q("2026-03-02", "The Ledger"),
              q(None, "Courier"), q("soon", "Courier")]
    chart = statements_over_time(quotes, TONES)
    assert chart["undated"] == 2 and chart["ymax"] == 3
    courier, ledger = chart["bars"]
    assert courier["fill"] == "#2f6db5" and ledger["fill"] == "#2e8b57"  # the outlets' tones
    assert abs(ledger["h"] - 2 * courier["h"]) < 0.05 and ledger["y"] < courier["y"]  # stacked above
    assert courier["w"] <= MAX_BAR and "1 by Courier" in courier["title"]
    assert statements_over_time([q(None, "Courier")], TONES)["bars"] == []


def quote(start, end, kind="direct", who=None, cue=None, fragments=None):
    rec = {"start": start, "end": end, "kind": kind, "anchor": f"q-{start}-{end}-{kind}", "speaker": "X"}
    rec["speaker_mention"] = {"start": who[0], "end": who[1], "text": ""} if who else None
    rec["cue"] = {"start": cue[0], "end": cue[1], "text": ""} if cue else None
    rec["fragments"] = fragments or [[start, end]]
    return rec


def flat(runs):
    return "".join(r.get("text") or "".join(p["text"] for p in r["pieces"]) for r in runs)


def span(text, part, after=0):
    start = text.index(part, after)
    return start, start + len(part)


def test_a_place_holds_the_quotation_its_speaker_and_cue():
    text = 'Intro. "We stay," Ann Lee said, "and fight." Then more.'
    a, b = span(text, "We stay,"), span(text, "and fight.")
    qt = quote(a[0], b[1], who=span(text, "Ann Lee"), cue=span(text, "said"), fragments=[list(a), list(b)])
    runs = _runs(text, [qt])
    assert flat(runs) == text  # nothing lost, nothing doubled
    place = next(r for r in runs if "place" in r)
    assert place["place"] == qt["anchor"]
    kinds = [(p.get("kind"), p["text"]) for p in place["pieces"]]
    assert kinds == [("q", "We stay,"), (None, '" '), ("who", "Ann Lee"), (None, " "), ("cue", "said"),
                     (None, ', "'), ("q", "and fight.")]


def test_overlapping_places_merge_and_every_quotation_keeps_its_anchor():
    text = '"One," she said, "two." "Three," she said.'
    who, cue = span(text, "she"), span(text, "said")
    first = quote(*span(text, "One,"), who=who, cue=cue)
    second = quote(*span(text, "two."), who=who, cue=cue)  # shares the first one's mention and cue
    third = quote(*span(text, "Three,"), who=span(text, "she", 25), cue=span(text, "said", 25))
    runs = _runs(text, [second, third, first])
    assert flat(runs) == text
    anchors = [r["place"] for r in runs if "place" in r]
    inner = [p["anchor"] for r in runs if "place" in r for p in r["pieces"] if p.get("anchor")]
    assert anchors == [first["anchor"], third["anchor"]] and inner == [second["anchor"]]
    assert _runs("short", [quote(3, 99)]) == [{"text": "short"}]  # out of range: left plain
