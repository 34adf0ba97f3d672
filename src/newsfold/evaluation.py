"""Score extracted quotations against a gold file, with the same figures as the reference scorer.

Gold files follow `corpus/*/gold.json`: quotes with doc, offsets, kind, speaker (and optionally
fragments, speaker_span, neutral quoted terms and cross-article alignments). Matching, as in the
reference scorer: spans are stripped of marks, spaces and punctuation at their ends; a prediction
matches a gold quotation of the same article when they share at least half of the shorter one's
characters; a speaker is right when the predicted mention overlaps the gold speaker span or the last
words of the names agree.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath
from typing import Any

STRIP = " \t\r\n\"'“”‘’«».,;:!?—–-"
#: The figure newsfold adds to the reference scorer's alignment summary (found pairs with the gold relation);
#: `reference_fields` leaves it out when comparing with the reference scorer.
RELATION_RIGHT = "relation_right"
QUOTED = ("direct", "partial")
#: newsfold's speaker accuracy by the kind of speaker mention; `reference_fields` leaves it out.
SPEAKERS_BY_MENTION = "speaker_by_mention"


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start] in STRIP:
        start += 1
    while end > start and text[end - 1] in STRIP:
        end -= 1
    return start, end


def _chars(text: str | None, frags: Iterable[Iterable[int]]) -> set[int]:
    out: set[int] = set()
    if text is None:
        return out
    for s, e in frags:
        s, e = _clean(text, s, e)
        out.update(range(s, e))
    return out


def _last_word(name: str | None) -> str:
    # hyphens split words, as the reference scorer has it: "Kim Jong-un" and "Kim Jong Un" end alike
    words = (name or "").lower().replace(".", " ").replace("’s", "").replace("'s", "")
    words = words.replace("-", " ").split()
    return words[-1] if words else ""


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def _name(doc: Any) -> str:
    return PurePath(str(doc)).name


def gold_documents(gold: dict[str, Any]) -> list[str]:
    """Every article a gold file covers, by its file name relative to the gold file."""
    docs = {q["doc"] for q in gold.get("quotes", [])}
    for a in gold.get("articles", []) or []:
        if isinstance(a, dict) and a.get("doc"):
            docs.add(a["doc"])
    return sorted(docs)


def score(gold: dict[str, Any], text_of: Callable[[str], str | None],
          records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The summary the reference scorer prints as JSON, for `records` (quote and alignment records)."""
    complete = set(gold.get("complete_kinds", QUOTED))
    golds = []
    for q in gold["quotes"]:
        doc = _name(q["doc"])
        frags = q.get("fragments") or [[q["start"], q["end"]]]
        golds.append({**q, "doc": doc, "chars": _chars(text_of(doc), frags)})
    by_doc: dict[str, list[int]] = {}
    for i, g in enumerate(golds):
        by_doc.setdefault(g["doc"], []).append(i)
    neutral: dict[str, list[set[int]]] = {}
    for t in gold.get("neutral_quoted_terms", []):
        doc = _name(t["doc"])
        neutral.setdefault(doc, []).append(_chars(text_of(doc), [[t["start"], t["end"]]]))

    preds, aligns, records_claims = [], [], []
    for rec in records:
        kind = rec.get("type", "quote")
        if kind == "alignment":
            aligns.append(rec)
        elif kind == "claim":
            records_claims.append(rec)
        elif kind == "quote":
            preds.append(rec)

    def pred_chars(rec: dict[str, Any]) -> tuple[str, set[int]]:
        doc = _name(rec["doc"])
        text = text_of(doc) if doc in by_doc else None
        if text is None:
            return doc, set()
        return doc, _chars(text, [[int(rec["start"]), int(rec["end"])]])

    def matches(pc: set[int], gc: set[int]) -> bool:
        shared = len(pc & gc)
        return shared > 0 and shared >= 0.5 * min(len(pc), len(gc))

    def speaker_right(g: dict[str, Any], p: dict[str, Any]) -> bool:
        if not g.get("speaker") and not g.get("speaker_span"):
            return True
        m = p.get("speaker_mention") or {}
        span = g.get("speaker_span")
        if span and m.get("start") is not None and m.get("end") is not None:
            gs, ge = span
            if min(ge, int(m["end"])) > max(gs, int(m["start"])):
                return True
        return bool(g.get("speaker")) and _last_word(p.get("speaker")) == _last_word(g.get("speaker"))

    def group_of(g: dict[str, Any]) -> str:
        return "quoted" if g["kind"] in QUOTED else "indirect"

    pred_gold: list[Any] = []
    for p in preds:
        doc, pc = pred_chars(p)
        if pc and any(matches(pc, nc) for nc in neutral.get(doc, [])):
            pred_gold.append("neutral")
            continue
        hit = None
        for i in by_doc.get(doc, []):
            if pc and matches(pc, golds[i]["chars"]):
                if hit is None or len(pc & golds[i]["chars"]) > len(pc & golds[hit]["chars"]):
                    hit = i
        pred_gold.append(hit)

    summary: dict[str, Any] = {}
    for group in ("quoted", "indirect", "all"):
        gi = [i for i, g in enumerate(golds) if group == "all" or group_of(g) == group]
        gset = set(gi)
        n_pred = right = right_spk = 0
        found: set[int] = set()
        found_spk: set[int] = set()
        for p, hit in zip(preds, pred_gold, strict=True):
            if hit == "neutral":
                continue
            pg = "indirect" if p.get("kind") == "indirect" else "quoted"
            if group != "all" and pg != group:
                continue
            if hit is None:
                if pg == "quoted" or "indirect" in complete:
                    n_pred += 1
                continue
            if group != "all" and hit not in gset:
                n_pred += 1
                right += 1
                continue
            n_pred += 1
            right += 1
            found.add(hit)
            if speaker_right(golds[hit], p):
                right_spk += 1
                found_spk.add(hit)
        with_spk = [i for i in found if golds[i].get("speaker") or golds[i].get("speaker_span")]
        spk_ok = [i for i in with_spk if i in found_spk]
        if group == "quoted":
            summary[SPEAKERS_BY_MENTION] = _by_mention(preds, pred_gold, golds, with_spk, found_spk)
        p_, r_, f_ = _prf(right, n_pred, len(found), len(gi))
        summary[group] = {"gold": len(gi), "predicted": n_pred, "precision": p_, "recall": r_, "f1": f_,
                          "speaker_accuracy": round(len(spk_ok) / len(with_spk), 3) if with_spk else 0.0,
                          "with_speaker_f1": _prf(right_spk, n_pred, len(found_spk), len(gi))[2]}
    summary["neutral_hits"] = sum(1 for h in pred_gold if h == "neutral")

    gold_pairs = {frozenset((a["a"], a["b"])) for a in gold.get("alignments", [])}
    if gold_pairs:
        ids: dict[tuple[str, int, int], Any] = {}
        for p, hit in zip(preds, pred_gold, strict=True):
            if isinstance(hit, int):
                doc, _ = pred_chars(p)
                ids[(doc, int(p["start"]), int(p["end"]))] = golds[hit].get("id")
        gold_relation = {frozenset((a["a"], a["b"])): a.get("relation") for a in gold.get("alignments", [])}
        hits: set[frozenset] = set()
        relation_wrong: set[frozenset] = set()
        wrong = 0
        for a in aligns:
            ka = (_name(a["a"]["doc"]), int(a["a"]["start"]), int(a["a"]["end"]))
            kb = (_name(a["b"]["doc"]), int(a["b"]["start"]), int(a["b"]["end"]))
            pair = frozenset((ids.get(ka), ids.get(kb)))
            if pair in gold_pairs:
                hits.add(pair)
                if a.get("relation") != gold_relation[pair]:
                    relation_wrong.add(pair)
            elif None not in pair and ka[0] != kb[0]:
                wrong += 1
        summary["alignment"] = {"gold": len(gold_pairs), "found": len(hits), "wrong": wrong,
                                "recall": round(len(hits) / len(gold_pairs), 3),
                                "precision": (round(len(hits) / (len(hits) + wrong), 3)
                                              if hits or wrong else 0.0),
                                # newsfold's own figure, not the reference scorer's: found gold pairs whose
                                # every predicted alignment carries the gold relation
                                RELATION_RIGHT: len(hits - relation_wrong)}
    if gold.get("corroborated_claims"):
        summary["claims"] = score_claims(gold, records_claims)
    return summary


def _by_mention(preds: list[dict[str, Any]], pred_gold: list[Any], golds: list[dict[str, Any]],
                with_spk: list[int], found_spk: set[int]) -> dict[str, dict[str, Any]]:
    """Speaker accuracy over the found quotations, by the kind of speaker mention predicted for each
    (`nlp.names.mention_kind`: full name, surname or title, pronoun, description, document or
    organisation, none), so that it shows where the errors are."""
    from .nlp.names import MENTION_KINDS, mention_kind

    kind_of: dict[int, str] = {}
    for p, hit in zip(preds, pred_gold, strict=True):
        if isinstance(hit, int) and hit not in kind_of and p.get("kind") != "indirect":
            kind_of[hit] = mention_kind((p.get("speaker_mention") or {}).get("text"))
    out: dict[str, dict[str, Any]] = {}
    for kind in MENTION_KINDS:
        ids = [i for i in with_spk if kind_of.get(i, "none") == kind]
        if ids:
            right = sum(1 for i in ids if i in found_spk)
            out[kind] = {"found": len(ids), "right": right, "accuracy": round(right / len(ids), 3)}
    return out


def _overlaps(m: dict[str, Any], g: dict[str, Any]) -> bool:
    return (_name(m["doc"]) == _name(g["doc"]) and int(m["start"]) < int(g["end"])
            and int(g["start"]) < int(m["end"]))


def _covered(p: dict[str, Any], g: dict[str, Any]) -> int:
    """How many of gold claim `g`'s mentions some mention of predicted claim `p` overlaps."""
    return sum(1 for gm in g["mentions"] if any(_overlaps(m, gm) for m in p.get("mentions", [])))


def _found(p: dict[str, Any], g: dict[str, Any], *, every: bool) -> bool:
    """Whether predicted claim `p` finds gold claim `g`: its mentions overlap at least two of the gold
    mentions (all of them when `every`; a gold claim of one mention needs that one)."""
    n = _covered(p, g)
    need = len(g["mentions"]) if every else min(2, len(g["mentions"]))
    return n >= need > 0


def claim_matches(gold: dict[str, Any], records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Which gold claims the predicted claims find, and which predictions find none (for reading misses).

    Returns lists: `corroborated` and `conflicts` as (gold claim, found by two, found by all), and
    `unmatched`, the predicted corroborated claims that find no gold claim (corroborated or conflict) by
    two of its mentions."""
    records = [r for r in records if r.get("type") == "claim"]
    corroborated = [r for r in records if r.get("status") == "corroborated"]
    conflicted = [r for r in records if r.get("status") == "conflict"]
    golds = gold.get("corroborated_claims", []) or []
    gold_conflicts = gold.get("conflicts", []) or []
    listed = [*golds, *gold_conflicts]
    out: dict[str, Any] = {"corroborated": [], "conflicts": [], "unmatched": []}
    for g in golds:
        out["corroborated"].append((g, any(_found(p, g, every=False) for p in corroborated),
                                    any(_found(p, g, every=True) for p in corroborated)))
    for g in gold_conflicts:
        out["conflicts"].append((g, any(_found(p, g, every=False) for p in conflicted),
                                 any(_found(p, g, every=True) for p in conflicted)))
    for p in corroborated:
        if not any(_found(p, g, every=False) for g in listed):
            out["unmatched"].append(p)
    return out


def score_claims(gold: dict[str, Any], records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """newsfold's claims score (not the reference scorer's), against the gold's `corroborated_claims` and
    `conflicts`. A gold claim is found when one predicted claim of its status (corroborated, conflict) has
    mentions overlapping at least two of its gold mentions (same document, one character in common):
    `recall_two`; stricter, all of them: `found` and `recall` (on a two-outlet gold these are the same).
    `precision` is the share of predicted corroborated claims that find some gold claim by two of its
    mentions; `unmatched` counts the others."""
    records = list(records)
    m = claim_matches(gold, records)
    n_gold = len(m["corroborated"])
    two = sum(1 for _, a, _ in m["corroborated"] if a)
    every = sum(1 for _, _, b in m["corroborated"] if b)
    predicted = sum(1 for r in records if r.get("type") == "claim" and r.get("status") == "corroborated")
    unmatched = len(m["unmatched"])
    out = {"gold": n_gold, "found": every, "found_two": two, "predicted": predicted, "unmatched": unmatched,
           "recall": round(every / n_gold, 3) if n_gold else 0.0,
           "recall_two": round(two / n_gold, 3) if n_gold else 0.0,
           "precision": round((predicted - unmatched) / predicted, 3) if predicted else 0.0}
    if m["conflicts"]:
        n_c = len(m["conflicts"])
        found_c = sum(1 for _, a, _ in m["conflicts"] if a)
        out["conflicts"] = {"gold": n_c, "found": found_c, "recall": round(found_c / n_c, 3),
                            "predicted": sum(1 for r in records if r.get("type") == "claim"
                                             and r.get("status") == "conflict")}
    return out


def format_claim_misses(gold: dict[str, Any], records: Iterable[dict[str, Any]]) -> str:
    """The claims misses as readable text: gold claims (corroborated, conflicts) no prediction finds by
    all their mentions, with each mention's words and whether a prediction finds it by two, then the
    predicted corroborated claims that find no gold claim, with their mentions' words."""
    m = claim_matches(gold, records)
    lines: list[str] = []

    def show(ms: Iterable[dict[str, Any]]) -> None:
        for x in ms:
            text = " ".join(str(x.get("text", "")).split())
            lines.append(f"    {_name(x['doc'])} {x['start']}-{x['end']}: {text}")

    for part, label in (("corroborated", "corroborated claim"), ("conflicts", "conflict")):
        for g, two, every in m[part]:
            if every:
                continue
            state = "found by two mentions, not all" if two else "not found"
            lines.append(f"gold {label} ({g.get('event', '-')}), {state}: {g.get('claim', '')}")
            show(g["mentions"])
    for p in m["unmatched"]:
        lines.append(f"predicted corroborated claim {p.get('id', '')} ({p.get('story')}) matching no gold "
                     f"claim: {' '.join(str(p.get('text', '')).split())}")
        show(p.get("mentions", []))
    return "\n".join(lines) + ("\n" if lines else "")


def format_summary(summary: dict[str, Any]) -> str:
    """The lines the reference scorer prints, the JSON summary last."""
    lines = []
    for group in ("quoted", "indirect", "all"):
        s = summary[group]
        lines.append(f"{group:9} gold {s['gold']:5}  predicted {s['predicted']:5}  "
                     f"P {s['precision']:.3f}  R {s['recall']:.3f}"
                     f"  F1 {s['f1']:.3f}  speaker {s['speaker_accuracy']:.3f}  "
                     f"quote+speaker F1 {s['with_speaker_f1']:.3f}")
    if summary.get(SPEAKERS_BY_MENTION):
        by_kind = summary[SPEAKERS_BY_MENTION].items()
        lines.append("speaker by mention (quoted): " + "  ".join(
            f"{kind} {v['accuracy']:.3f} of {v['found']}" for kind, v in by_kind))
    if "alignment" in summary:
        a = summary["alignment"]
        line = (f"alignment gold {a['gold']}  found {a['found']}  wrong {a['wrong']}  "
                f"R {a['recall']}  P {a['precision']}")
        if RELATION_RIGHT in a:
            line += f"  relation right {a[RELATION_RIGHT]}"
        lines.append(line)
    if "claims" in summary:
        c = summary["claims"]
        lines.append(f"claims    gold {c['gold']}  found as corroborated {c['found']}  "
                     f"predicted corroborated {c['predicted']}  matching no gold claim {c['unmatched']}")
        lines.append(f"claims    recall (two outlets / all) {c.get('recall_two', 0.0):.3f} / "
                     f"{c['recall']:.3f}  precision {c.get('precision', 0.0):.3f}")
        if "conflicts" in c:
            k = c["conflicts"]
            lines.append(f"conflicts gold {k['gold']}  found {k['found']}  R {k['recall']:.3f}  "
                         f"predicted {k['predicted']}")
    lines.append(json.dumps(summary))
    return "\n".join(lines)


def load_gold(path: Path) -> tuple[dict[str, Any], Callable[[str], str | None]]:
    """The gold file and a reader of its articles' texts (UTF-8 files beside it)."""
    gold = json.loads(Path(path).read_text(encoding="utf-8"))
    base = Path(path).resolve().parent
    cache: dict[str, str | None] = {}

    def text_of(doc: str) -> str | None:
        if doc not in cache:
            p = base / doc
            cache[doc] = p.read_text(encoding="utf-8") if p.exists() else None
        return cache[doc]

    return gold, text_of


def metric(summary: dict[str, Any], name: str) -> float:
    """A figure by dotted name: "quoted.f1", "all.speaker_accuracy", "alignment.recall"."""
    value: Any = summary
    for part in name.split("."):
        value = value[part]
    return float(value)


def reference_fields(summary: dict[str, Any]) -> dict[str, Any]:
    """The summary as the reference scorer prints it: newsfold's own figures left out."""
    out = dict(summary)
    out.pop("claims", None)
    out.pop(SPEAKERS_BY_MENTION, None)
    if "alignment" in out:
        out["alignment"] = {k: v for k, v in out["alignment"].items() if k != RELATION_RIGHT}
    return out


def check_floors(summary: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    """The figures that fell below their floor (or rose above their ceiling), as readable lines.

    A floor is a number (the least the figure may be) or {"max": number} for figures where less is better,
    such as "alignment.wrong". Empty when all hold.
    """
    below = []
    for name, floor in sorted(floors.items()):
        try:
            value = metric(summary, name)
        except KeyError:
            below.append(f"{name}: not measured (floor {floor})")
            continue
        if isinstance(floor, dict):
            if "max" in floor and value - 1e-9 > float(floor["max"]):
                below.append(f"{name}: {value:.3f} is above its ceiling {float(floor['max']):.3f}")
            if "min" in floor and value + 1e-9 < float(floor["min"]):
                below.append(f"{name}: {value:.3f} is below its floor {float(floor['min']):.3f}")
        elif value + 1e-9 < floor:
            below.append(f"{name}: {value:.3f} is below its floor {floor:.3f}")
    return below
