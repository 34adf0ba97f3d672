"""An outlet: what it ran, story by story; how its wording of each quotation relates to the other
outlets' (altered ones first, with the word diff); the claims only it carries; what it left out that
others carried. Outlets are addressed by `store.read.outlet_id`."""

from __future__ import annotations

from typing import Any

from newsfold.web.views import NotFound, Page, compact_utterance, story_views

# altered wordings matter most to a reader comparing outlets, identical ones least
RANK = {r: i for i, r in enumerate(("altered", "variant", "excerpt", "identical", "aligned", "reference"))}


def index(store: Any, params: dict[str, str]) -> Page:
    return Page("outlets.html", {"outlets": store.list_outlets()}, title="Outlets")


def _relation(u: dict[str, Any], name: str) -> str:
    """How the outlet's wording of an utterance stands: its own relation, or, when it holds the fullest
    wording, the strongest difference the others show against it."""
    own = [v["relation"] for v in u["versions"] if v["outlet_key"] == name]
    rel = min(own, key=lambda r: RANK.get(r, 9)) if own else "aligned"
    if rel == "reference":
        others = [v["relation"] for v in u["versions"] if v["outlet_key"] != name]
        rel = min(others, key=lambda r: RANK.get(r, 9)) if others else rel
    return rel


def view(store: Any, params: dict[str, str], outlet: str) -> Page:
    data = store.get_outlet(outlet)
    if data is None:
        raise NotFound(f"no outlet {outlet}")
    name = data["name"]
    wordings, only_claims, left_out, counts = [], [], [], {}
    for s in data["stories"]:
        views = story_views(store, s["id"])
        if views is None:
            continue
        rv = views["rv"]
        ref = {"id": s["id"], "title": s.get("title")}
        for u in rv["utterances"]:
            if any(v["outlet_key"] == name for v in u["versions"]):
                rel = _relation(u, name)
                counts[rel] = counts.get(rel, 0) + 1
                wordings.append({"story": ref, "relation": rel, "utterance": u})
        label = next((o["name"] for o in rv["outlets"] if o["href"] and o["href"].endswith(outlet)), name)
        for c in rv["coverage"]["single_claims"]:
            if c["carriers"] == [label]:
                only_claims.append({"story": ref, "text": c["full"], "status": c["status"],
                                    "status_label": c["status_label"]})
        for m in rv["coverage"]["missing"]:
            if m["outlet"]["name"] == label and (m["claims"] or m["quotes"]):
                left_out.append({
                    "story": ref, "carried": m["carried"], "total": m["total"],
                    "claims": [{"text": c["full"], "status": c["status"], "status_label": c["status_label"],
                                "carriers": c["carriers"]} for c in m["claims"]],
                    "quotes": [{"speaker": q["speaker"], "text": q["label"], "carriers": q["carriers"]}
                               for q in m["quotes"]]})
    wordings.sort(key=lambda w: (RANK.get(w["relation"], 9), -len(w["utterance"]["outlets"]),
                                 w["story"]["id"], w["utterance"]["speaker"].casefold()))
    relations = dict(sorted(counts.items(), key=lambda kv: RANK.get(kv[0], 9)))
    twin = [{"story": w["story"], "relation": w["relation"], "utterance": compact_utterance(w["utterance"])}
            for w in wordings]
    data = {**data, "relations": relations, "wordings": twin, "only_here": only_claims, "left_out": left_out}
    return Page("outlet.html", data, title=name, extra={"wordings": wordings})
