"""Claims across outlets: which facts several outlets carry, which only one does, and where they disagree.

Input: the claim mentions of a story's articles (`nlp.claims`). Two mentions from different outlets
state the same fact when they share what the fact is anchored on (a place, a figure of the same kind, a
date, a named event, a person) and enough of its words. Every feature is weighted by how rare it is
among the mentions (a place every paragraph names, "Ukraine" in a story about Ukraine, says little;
"Vladivostok" says a lot), and two mentions are compared by the weight they share over the weight of
the smaller of them, so a short mention can match the part of a long one that says the same.

Figures and dates are compared by value, not by words: "more than 1,200" and "some 1,200" agree,
"about 340 homes" and "more than 400 houses" do not; "on Friday" published on a Friday and "last
Friday" published on a Monday are the same day. When two mentions say the same thing but for a figure
or a date, the claim is a `conflict` and `Claim.conflict` records the values each outlet gives.

Scaling: candidate pairs come from blocks of mentions that share a key (a place, an actor, an event, a
figure's unit, a month, a rare word); keys held by more than `MAX_BLOCK` mentions are too common to
block on. Within a story the numbers are small.

Pure Python: works on `models.ClaimMention`, no spaCy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..models import Claim, ClaimMention, Quote
from . import dates as datelib
from . import quantities

# Two mentions of different outlets are one fact when the weight they share reaches this share of the
# smaller one's. Chosen on the seeds' 7 corroborated claims and the bundled example (0.3-0.45 give the
# same claims there), checked against the unit tests' invented two-outlet snippets.
LINK_THRESHOLD = 0.35
# Two mentions that disagree on a figure or a date are one fact told differently when everything else
# they say overlaps at least this much. Chosen as LINK_THRESHOLD is, a little stricter: a conflict is
# a stronger statement than a match.
CONFLICT_THRESHOLD = 0.4
# Units that say how much but not of what: a conflict on them needs the rest of the two mentions to agree
# this much (NewsWCL50 showed "a 15 percent increase" against "about 5 percent of imports").
GENERIC_UNITS = frozenset({"percent", "percent-change", "year", "month", "week", "day", "hour", "dollar",
                           "euro", "pound"})
GENERIC_CONFLICT_THRESHOLD = 0.7
# Two counts of one unit with no place, actor or date in common conflict when they are the same words
# but for the figure: the weight they share is at least this share of each one's. Chosen on the first 400
# ECB+ articles: "pointed a .38 caliber revolver" / "a .357 caliber revolver" (0.79) disagree; "12 Somali
# and 11 Yemeni pirates" / "23 Somali and Yemeni pirates" (0.65) and lists of seized arms (0.5) do not.
RESTATED_SHARE = 0.75
# Two counts of one kind of event with no place or person in common conflict when they share the event
# and at least this many more content words beside the unit. On NewsWCL50 1, 2 and 3 all find the one
# conflict of this kind and make no other; 2, so that one shared word besides the event is not enough
# (tests/unit/align/test_claims.py).
EVENT_COUNT_WORDS = 2
# A blocking key held by more mentions than this is too common to find candidates with (a story's
# mentions number in the hundreds; its rare anchors are held by a few).
MAX_BLOCK = 100

_KIND_WEIGHT = {"t": 1.0, "p": 2.0, "a": 1.5, "e": 1.0, "ne": 2.0, "dt": 1.0, "c": 0.5}
# Shared features that can anchor a match: places, actors, named events, unresolved dates, the place or
# date of the sentence (figures and resolved dates anchor when their values agree). Event words ("war",
# "summit") and other words cannot.
_ANCHOR_KINDS = ("p", "a", "ne", "dt", "c")
# An anchor held by more than this share of the mentions (and by more than three) is too common to
# anchor a match on its own: "Russia" in a story about Russia. Chosen on the seeds.
COMMON_SHARE = 0.15
# A pair sharing no rare anchor still states one fact when it shares who or where (however common in the
# story: "Lund", "Velmora") and at least this many words of what happened that are not titles or bystanders.
# Chosen on NewsWCL50 claims: 2 gave recall (two outlets) 0.406 at precision 0.523, 3 gave 0.403 at
# 0.548, none 0.388 at 0.550. (Counting a shared event word as one more gave 0.415 at 0.544 but made one
# of the seeds' two false matches: an event word is a term too, so it counted twice.)
COMMON_ANCHOR_WORDS = 3
_NUMBER_WEIGHT = 3.0  # an agreeing figure of the same unit
_DATE_WEIGHT = 2.0  # an agreeing resolved date
# Words that report rather than state: they match across any two attributions
_WEAK_TERMS = frozenset({"say", "said", "tell", "told", "add", "ad", "state", "report", "according", "mr",
                         "ms", "mrs", "dr", "also", "would", "could", "will"})


# Words of titles, as `stem` leaves them: they say who, not what happened ("Prime Minister Netanyahu").
_TITLES = frozenset({
    "president", "prim", "minister", "secretary", "chancellor", "mayor", "governor", "senator", "spokesman",
    "spokeswoman", "spokesperson", "leader", "director", "chief", "general", "official", "ambassador",
    "king", "queen", "princ", "chairman", "head"})


def stem(word: str) -> str:
    """A crude stem for matching: "meetings"/"meeting"/"meet", "committed"/"commit", "forces"/"force"."""
    w = word.lower().strip("'’.").removesuffix("'s").removesuffix("’s")
    w = quantities.singular(w)
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
                w = w[:-1]
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


# Words that say who is counted or who reports, not what happened: two counts sharing only them and the
# unit may be of different things ("300 people attended" and "500 people were arrested").
_BYSTANDERS = frozenset(stem(w) for w in ("people", "persons", "residents", "authorities", "sources",
                                          "witnesses", "police"))


@dataclass
class _M:
    """A mention with the features it is matched on."""

    mention: ClaimMention
    outlet: str
    # who stands behind the mention: its outlet, or for a syndicated copy the outlet of the article it
    # copies (a copy repeats its original; it is not a second outlet)
    source: str = ""
    features: set[str] = field(default_factory=set)
    quantities: list[tuple[float, str | None, str]] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)

    def keys(self) -> set[str]:
        """Features plus one key per figure and per date, for counting how common they are."""
        out = set(self.features)
        out.update(_number_key(v, u) for v, u, _ in self.quantities)
        out.update(f"d:{d}" for d in self.dates)
        return out


def _number_key(value: float, unit: str | None) -> str:
    return f"n:{unit}:{value:g}"


def story_people(mentions: Iterable[ClaimMention], key: str = "actor") -> dict[str, str]:
    """Each name a story's mentions give an actor (or, with `key="place"`, a place), mapped onto the
    fullest name of the story that holds all its words ("park", "park ji hoon" and "ji hoon" -> "park ji
    hoon"; "lund" -> "ana lund") or whose initials it is ("v.r.a." and "vra" -> "velmora river authority"),
    so that outlets naming one person, body or place differently state one fact about it. A short name
    that two full names hold goes to the one named more often (ties: the shorter, then the first in
    order)."""
    counts: dict[str, int] = defaultdict(int)
    for m in mentions:
        for a in (m.values or {}).get(key, []):
            counts[str(a)] += 1
    words = {n: frozenset(_name_words(n)) for n in counts}
    initials = {_initials(n): n for n in sorted(counts, key=lambda n: (-counts[n], n)) if len(words[n]) > 1}
    out: dict[str, str] = {}
    for name, ws in words.items():
        holders = [o for o, wo in words.items() if ws <= wo and len(wo) > len(ws)]
        if len(ws) == 1 and not holders:
            acronym = initials.get(next(iter(ws)))
            holders = [acronym] if acronym and acronym != name else []
        if not holders or not ws:
            out[name] = name
            continue
        # the holders that no longer holder contains: the full names
        full = [o for o in holders if not any(words[o] < words[x] for x in holders)]
        out[name] = min(full, key=lambda o: (-counts[o], len(words[o]), o))
    return out


_NAME_JOINERS = frozenset({"of", "and", "for", "the", "&"})


def _name_words(name: str) -> list[str]:
    """A name's words as compared: lower case, an abbreviation's dots dropped ("u.s." -> "us")."""
    return [w.replace(".", "") if w.count(".") >= 2 or (w.endswith(".") and len(w) <= 4) else w
            for w in name.lower().replace("’", "'").removesuffix("'s").split()]


def _initials(name: str) -> str:
    return "".join(w[0] for w in _name_words(name) if w not in _NAME_JOINERS and w[:1].isalpha())


def _features(m: ClaimMention, people: Mapping[str, str] | None = None,
              places: Mapping[str, str] | None = None) -> _M:
    v = m.values or {}
    people = people or {}
    places = places or {}
    out = _M(m, m.outlet or m.doc, m.outlet or m.doc)
    units = set()
    for q in v.get("quantity", []):
        if isinstance(q, dict) and q.get("value") is not None:
            out.quantities.append((float(q["value"]), q.get("unit"), q.get("qualifier", "exact")))
            if q.get("unit"):
                units.add(q["unit"])
    if not out.quantities:
        out.quantities = [(float(x), None, "exact") for x in v.get("number", [])]
    out.dates = [d for d in v.get("date", []) if isinstance(d, str)]
    f = out.features
    names = {w for key in ("place", "actor") for name in v.get(key, []) for w in str(name).split()}
    for t in m.terms:
        s = stem(t)
        if not s or s in _WEAK_TERMS or t.lower() in names:
            continue  # names are matched as places and actors, not twice
        # a unit word matches its class: "houses" and "homes" are both "home"
        cls = quantities.unit_class(t)
        f.add(f"t:{cls if cls in units else s}")
    f.update(f"p:{places.get(str(p), p)}" for p in v.get("place", []))
    f.update(f"a:{people.get(str(a), a)}" for a in v.get("actor", []))
    f.update(f"e:{e}" for e in v.get("event", []))
    f.update(f"ne:{e}" for e in v.get("named_event", []))
    f.update(f"dt:{d}" for d in v.get("date_text", []))
    f.update(f"c:{c}" for c in v.get("context", []))
    return out


def _specificity(value: float) -> float:
    """Small whole numbers recur by chance ("three bridges", "two districts"); other figures rarely do."""
    return 0.5 if value.is_integer() and value <= 10 else 1.0


class _Weights:
    """Feature weights: the kind's weight times the feature's rarity among the mentions matched."""

    def __init__(self, items: list[_M]) -> None:
        self.n = len(items)
        self.df: dict[str, int] = defaultdict(int)
        for it in items:
            for k in it.keys():
                self.df[k] += 1
        self._feature = {f: _KIND_WEIGHT[f.split(":", 1)[0]] * self.idf(f) for f in self.df if ":" in f
                         and f.split(":", 1)[0] in _KIND_WEIGHT}
        self._totals: dict[int, tuple[float, float]] = {}

    def idf(self, key: str) -> float:
        return math.log(1 + self.n / max(1, self.df.get(key, 1)))

    def common(self, key: str) -> bool:
        c = self.df.get(key, 0)
        return c > 3 and c > COMMON_SHARE * self.n

    def feature(self, f: str) -> float:
        w = self._feature.get(f)
        return w if w is not None else _KIND_WEIGHT[f.split(":", 1)[0]] * self.idf(f)

    def number(self, value: float, unit: str | None) -> float:
        return _NUMBER_WEIGHT * _specificity(value) * self.idf(_number_key(value, unit))

    def date(self, iso: str) -> float:
        return _DATE_WEIGHT * self.idf(f"d:{iso}")

    def total(self, it: _M) -> tuple[float, float]:
        """The weight of a mention's features, and of its figures and dates."""
        key = id(it)
        if key not in self._totals:
            # math.fsum, not sum: an exact sum does not depend on the order a set is iterated in, which
            # changes from one process to the next with the hash seed (claims must be reproducible)
            self._totals[key] = (math.fsum(self.feature(f) for f in it.features),
                                 math.fsum(self.number(v, u) for v, u, _ in it.quantities)
                                 + math.fsum(self.date(d) for d in it.dates))
        return self._totals[key]


@dataclass
class _Pair:
    score: float  # shared weight over the smaller mention's weight, figures and dates included
    anchored: bool  # they share a place, figure, date, named event, actor or unresolved date
    conflict: dict[str, Any] | None = None  # what differs when they disagree on a figure or a date
    rest: float = 0.0  # the score without the figures and dates that found no counterpart


def _compare(a: _M, b: _M, w: _Weights) -> _Pair:
    shared = a.features & b.features
    fa, va = w.total(a)
    fb, vb = w.total(b)
    ws = math.fsum(w.feature(f) for f in shared)
    anchors = [f for f in shared if f.split(":", 1)[0] in _ANCHOR_KINDS and not w.common(f)]
    if not anchors:
        # who or where, however common in the story, with enough of what happened to them
        common = [f for f in shared if f.split(":", 1)[0] in ("p", "a", "ne")]
        if common and _words_beside(shared, None) >= COMMON_ANCHOR_WORDS:
            anchors = common
    anchored = bool(anchors)
    placed = any(not _is_when(f) for f in anchors)  # a where, who or named event, not only a when
    evidence = len(shared)

    agree = 0.0
    conflict = None
    by_unit: dict[str | None, list[tuple[float, str]]] = defaultdict(list)
    for value, unit, qual in a.quantities:
        by_unit[unit].append((value, qual))
    for value, unit, qual in b.quantities:
        if unit is None or unit not in by_unit:
            continue
        if any(quantities.compatible(x, qx, value, qual) for x, qx in by_unit[unit]):
            agree += w.number(value, unit)
            anchored = placed = True
            evidence += 1
        elif conflict is None:
            values = {a.outlet: by_unit[unit][0][0], b.outlet: value}
            conflict = {"field": "number", "unit": unit, "values": values}
    date_agree = 0.0
    same_day = False
    date_conflict = None
    for da in a.dates:
        for db in b.dates:
            ok = datelib.compatible(da, db)
            if ok:
                date_agree = max(date_agree, min(w.date(da), w.date(db)))
                same_day = same_day or (_one_day(da) and _one_day(db))
            elif ok is False and date_conflict is None and _near(da, db):
                date_conflict = {"field": "date", "values": {a.outlet: da, b.outlet: db}}
    if date_agree:
        anchored = True
        evidence += 1
    else:
        conflict = conflict or date_conflict
    if conflict and conflict["field"] == "number" and agree:
        conflict = None  # another figure of the unit agrees: the odd one is about something else
    got = ws + agree + date_agree
    score = got / (min(fa + va, fb + vb) or 1.0)
    rest = got / (min(fa, fb) + agree + date_agree or 1.0)
    # one shared thing is a coincidence ("Russia", "on Friday"); a fact is two: where and what, who and
    # where, a figure and what it counts
    anchored = anchored and evidence >= 2
    if anchored and not placed:
        # a time in common says when, not what: "warned the council in 2021" and "the council's
        # embankment, finished four years ago" share a year and a word; the same happening shares an
        # event or more of its words (one will do when both name the same day: "rain is forecast for
        # Thursday", "rain on Thursday")
        anchored = _what(shared, 1 if same_day else 2)
    if conflict is not None:
        # a disagreement needs the two to be about the same thing: the same unit (or the same
        # precision of date), at least one place, actor, event or sentence date in common, however
        # common it is in the story, and something more ("Trump said on Tuesday" and "Trump tweeted
        # on Wednesday" share only Trump)
        anchored = any(f.split(":", 1)[0] in _ANCHOR_KINDS for f in shared)
        if not anchored and conflict["field"] == "number" and conflict["unit"] not in GENERIC_UNITS:
            # or, for a count of one kind of thing, the same words but for the figure: what happened to
            # it ("homes were flooded", "the storm killed") and next to nothing else on either side, with
            # no places, people or dates that set the two apart
            anchored = (ws >= RESTATED_SHARE * max(fa, fb) and _happening(shared, conflict["unit"])
                        and not _apart(a, b))
            # or the same kind of event counted in both, with words of it beside the unit ("an online
            # event for the march has 9,000 supporters" / "the online event for the march drew 2,500
            # attendees")
            anchored = anchored or (any(f.startswith("e:") for f in shared) and not _apart(a, b)
                                    and _words_beside(shared, conflict["unit"]) >= EVENT_COUNT_WORDS)
        anchored = anchored and len(shared) >= 2
        if conflict["field"] == "date":
            # and, for a date, the same happening: a word or event in common, not only who and where
            # ("met Netanyahu on Sunday" and "Netanyahu on Monday in a presentation")
            anchored = anchored and any(f.split(":", 1)[0] in ("t", "e") and f[2:] not in _TITLES
                                        for f in shared)
        elif conflict.get("unit") in GENERIC_UNITS:
            # "15 percent" of one thing and "5 percent" of another: a unit that does not say what is
            # counted needs the rest to agree much more
            rest = rest if rest >= GENERIC_CONFLICT_THRESHOLD else min(rest, CONFLICT_THRESHOLD - 1e-9)
    return _Pair(score=score, anchored=anchored, conflict=conflict, rest=rest)


def _is_when(feature: str) -> bool:
    """Whether a feature is a time: an unresolved date, or the date of the sentence."""
    return feature.startswith(("dt:", "c:date:", "c:date_text:"))


def _what(shared: set[str], words_needed: int) -> bool:
    """Whether shared features say what happened: an event, or enough content words that are not titles
    or bystanders."""
    if any(f.startswith("e:") for f in shared):
        return True
    words = {f for f in shared if f.startswith("t:") and f[2:] not in _TITLES and f[2:] not in _BYSTANDERS}
    return len(words) >= words_needed


def _one_day(iso: str) -> bool:
    span = datelib.bounds(iso)
    return span is not None and span[0] == span[1]


def _happening(shared: set[str], unit: str | None) -> bool:
    """Whether shared features say what happened: an event or a content word, not the counted unit, a
    title, or who reports or is counted ("officials", "people")."""
    return any(f.split(":", 1)[0] in ("t", "e") and f[2:] != unit and f[2:] not in _TITLES
               and f[2:] not in _BYSTANDERS for f in shared)


def _words_beside(shared: set[str], unit: str | None) -> int:
    """How many shared content words say what is counted or what happened, beside the unit itself."""
    return sum(1 for f in shared if f.startswith("t:") and f[2:] != unit and f[2:] not in _TITLES
               and f[2:] not in _BYSTANDERS)


def _apart(a: _M, b: _M) -> bool:
    """Whether two mentions are set apart by where, who or when: both name places (or people taking part)
    and none in common, or both give dates and none agree."""
    for kind in ("p:", "a:"):
        fa = {f for f in a.features if f.startswith(kind)}
        fb = {f for f in b.features if f.startswith(kind)}
        if fa and fb and not fa & fb:
            return True
    if a.dates and b.dates and not any(datelib.compatible(x, y) for x in a.dates for y in b.dates):
        return True
    return False


# Two dates of one event that differ by more than this are more likely two events, or a year guessed
# wrong for a date written without one ("Feb. 8" in an article of the next year), than a disagreement.
CONFLICT_MAX_DAYS = 31


def _near(a: str, b: str) -> bool:
    """Whether two days (or two weeks) are close enough apart for a difference to be a conflict."""
    if not datelib.same_granularity(a, b):
        return False
    ba, bb = datelib.bounds(a), datelib.bounds(b)
    if ba is None or bb is None or ba[1] - ba[0] > dt.timedelta(days=6):
        return False  # no year, or a month or a year: too coarse to tell two events apart
    return abs((ba[0] - bb[0]).days) <= CONFLICT_MAX_DAYS


def _blocks(items: list[_M], df: dict[str, int]) -> dict[str, list[int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for n, it in enumerate(items):
        keys = set()
        for f in it.features:
            kind = f.split(":", 1)[0]
            if kind in ("p", "a", "e", "dt", "c") or (kind == "t" and df[f] <= 3):
                keys.add(f)
        for _, unit, _ in it.quantities:
            keys.add(f"u:{unit}")
        for d in it.dates:
            keys.add(f"m:{d[:7] if not d.startswith('--') else d[:4]}")
            if not d.startswith("--") and len(d) >= 7 and "W" not in d:
                keys.add(f"m:--{d[5:7]}")
        for k in keys:
            blocks[k].append(n)
    return blocks


# An article reproduces another outlet's reporting when at least this share of its quotations, and at
# least RELAY_MIN of them, come "via" that one outlet ("…, Lund told the Wire Agency"): what it
# reports is that outlet's, not a second source. Half: an article quoting its own reporters' interviews
# more than the relayed ones is reporting of its own. Checked on the hand-made stories of the tests.
RELAY_SHARE = 0.5
RELAY_MIN = 2


def _outlet_key(name: str) -> str:
    words = "".join(ch if ch.isalnum() else " " for ch in name.casefold()).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def relays(quotes: Iterable[Quote], outlets: Mapping[str, str]) -> dict[str, str]:
    """Which articles reproduce another outlet's reporting: doc -> that outlet, named as the story names
    it when it is one of the story's outlets (`outlets`: doc -> outlet), else as the articles name it.

    An article relays an outlet when most of its quotations come via that one outlet (RELAY_SHARE,
    RELAY_MIN); an article relaying its own outlet relays nothing."""
    named = {_outlet_key(o): o for o in outlets.values() if o}
    total: dict[str, int] = defaultdict(int)
    via: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    as_written: dict[tuple[str, str], str] = {}  # (doc, outlet key) -> the first relay named so
    for q in quotes:
        total[q.doc] += 1
        if q.via:
            key = _outlet_key(q.via)
            via[q.doc][key] += 1
            as_written.setdefault((q.doc, key), q.via)
    out: dict[str, str] = {}
    for doc, counts in sorted(via.items()):
        key, n = max(sorted(counts.items()), key=lambda kv: kv[1])
        if n < RELAY_MIN or n < RELAY_SHARE * total[doc] or not key:
            continue
        if key == _outlet_key(outlets.get(doc) or ""):
            continue
        out[doc] = named.get(key) or as_written[(doc, key)]
    return out


def _sources(items: list[_M], copies: Mapping[str, str]) -> None:
    """Give each copy's mentions the outlet of the article it copies (followed to the first original)."""
    outlet_of = {it.mention.doc: it.outlet for it in items}
    for it in items:
        doc, seen = it.mention.doc, set()
        while doc in copies and doc not in seen:
            seen.add(doc)
            doc = copies[doc]
        if doc != it.mention.doc:
            it.source = outlet_of.get(doc, doc)


def match_claims(mentions: Iterable[ClaimMention], story: str | None = None,
                 copies: Mapping[str, str] | None = None,
                 relayed: Mapping[str, str] | None = None) -> list[Claim]:
    """Group claim mentions across outlets into claims: corroborated, single-source or in conflict.

    An outlet is `mention.outlet`, or its `doc` when no outlet is known. `copies` maps a doc to the doc
    it copies (a syndicated or duplicate article): a copy's mentions join the claims of what they repeat
    but count as the outlet of the original, so a copy never corroborates. `relayed` maps a doc to the
    outlet whose reporting it reproduces (`relays`): its mentions count as that outlet's. Each claim
    names its independent sources (`Claim.independent`). Every mention ends up in
    exactly one claim; a mention no other outlet matches is a single-source claim of its own. Claims come
    in the order of their first mention (by document and offset); ids are hashes of the mentions' texts.
    """
    mentions = list(mentions)
    people, places = story_people(mentions), story_people(mentions, "place")
    items = [_features(m, people, places) for m in mentions]
    if not items:
        return []
    if relayed:
        for it in items:
            if it.mention.doc in relayed:
                it.source = relayed[it.mention.doc]
    if copies:
        _sources(items, copies)
    n = len(items)
    weights = _Weights(items)

    candidates: set[tuple[int, int]] = set()
    for members in _blocks(items, weights.df).values():
        if len(members) > MAX_BLOCK:
            continue
        for i, x in enumerate(members):
            for y in members[i + 1:]:
                if items[x].source != items[y].source:
                    candidates.add((x, y) if x < y else (y, x))

    cache: dict[tuple[int, int], _Pair] = {}

    def pair_of(x: int, y: int) -> _Pair:
        key = (x, y) if x < y else (y, x)
        if key not in cache:
            cache[key] = _compare(items[key[0]], items[key[1]], weights)
        return cache[key]

    def strength(p: _Pair) -> float:
        return p.rest if p.conflict else p.score

    links = []
    for x, y in candidates:
        pair = pair_of(x, y)
        if not pair.anchored:
            continue
        ok = pair.score >= LINK_THRESHOLD if pair.conflict is None else pair.rest >= CONFLICT_THRESHOLD
        if ok:
            links.append((-strength(pair), x, y))
    links.sort()

    # Linkage from the strongest link down: two groups join when the mentions of different outlets
    # across them match on average as well as one linked pair must, and none of them is unrelated (half
    # that), so that a chain of pairwise links ("Lund met Sarin" ~ "Sarin met Brell and flew to Korsa"
    # ~ "Brell flew to Korsa") does not become one claim.
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, x, y in links:
        gx, gy = group_of[x], group_of[y]
        if gx == gy:
            continue
        cross = [pair_of(u, v) for u in members[gx] for v in members[gy]
                 if items[u].source != items[v].source]
        strengths = [strength(p) for p in cross]
        if math.fsum(strengths) < LINK_THRESHOLD * len(cross) or min(strengths) < LINK_THRESHOLD / 2:
            continue
        for u in members[gy]:
            group_of[u] = gx
        members[gx].extend(members.pop(gy))

    if copies or relayed:
        _attach_copies(items, group_of, members, weights)

    claims = []
    for group in members.values():
        ms = sorted((items[i] for i in group), key=lambda it: (it.mention.doc, it.mention.start))
        sources = {it.source for it in ms}
        # a disagreement counts between two mentions that say the same thing but for it
        found = [p.conflict for u in group for v in group
                 if u < v and items[u].source != items[v].source and (p := pair_of(u, v)).conflict
                 and p.anchored and p.rest >= CONFLICT_THRESHOLD]
        if found:
            status, conflict = "conflict", _merge_conflicts(found, ms)
        elif len(sources) > 1:
            status, conflict = "corroborated", None
        else:
            status, conflict = "single-source", None
        rep = _representative(ms, weights)
        claims.append(Claim(id=_claim_id(story, ms), status=status, text=rep.mention.text,
                            kind=rep.mention.kind, mentions=[it.mention for it in ms], conflict=conflict,
                            story=story, independent=sorted(sources, key=lambda o: (o.casefold(), o))))
    claims.sort(key=lambda c: (c.mentions[0].doc, c.mentions[0].start))
    return claims


def _attach_copies(items: list[_M], group_of: list[int], members: dict[int, list[int]],
                   weights: _Weights) -> None:
    """Put what a copy repeats into the claim of what it repeats: a copy's mention that no other outlet
    matched joins the mention of its original with the same words, or else the one it matches best (at
    least as well as one linked pair must)."""
    def place(j: int) -> tuple[str, int, int]:
        return items[j].mention.doc, items[j].mention.start, items[j].mention.end

    order = sorted(range(len(items)), key=place)  # whatever order the mentions came in
    family: dict[str, list[int]] = defaultdict(list)  # mentions by source, copies and originals alike
    for i in order:
        family[items[i].source].append(i)
    for i in order:
        it = items[i]
        if it.source == it.outlet or len(members[group_of[i]]) > 1:
            continue  # not a copy's, or already in a claim with others
        text = " ".join(it.mention.text.split())
        others = [j for j in family[it.source] if items[j].mention.doc != it.mention.doc]
        same = [j for j in others if " ".join(items[j].mention.text.split()) == text]
        if same:
            best = same[0]
        else:
            scored = [(p.score, j) for j in others if (p := _compare(it, items[j], weights)).anchored
                      and p.conflict is None and p.score >= LINK_THRESHOLD]
            if not scored:
                continue
            best = min(scored, key=lambda x: (-x[0], place(x[1])))[1]
        g, target = group_of[i], group_of[best]
        if g == target:
            continue
        for u in members[g]:
            group_of[u] = target
        members[target].extend(members.pop(g))


def _merge_conflicts(found: list[dict[str, Any]], ms: list[_M]) -> dict[str, Any]:
    """One record of what the outlets disagree on: the field (and unit) of the first disagreement found,
    with the value every outlet of the claim gives for it, not only the outlets of the pairs that showed
    it ("300, say A and B; 450, says C")."""
    first = found[0]
    merged = {k: v for k, v in first.items() if k != "values"}
    values: dict[str, Any] = {}
    for c in found:
        if c["field"] == first["field"] and c.get("unit") == first.get("unit"):
            values.update(c["values"])
    for it in ms:
        if it.outlet in values:
            continue
        if first["field"] == "number":
            own = [v for v, u, _ in it.quantities if u == first.get("unit")]
        else:
            own = [d for d in it.dates if any(datelib.same_granularity(d, x) for x in values.values())]
        if own:
            values[it.outlet] = own[0]
    merged["values"] = dict(sorted(values.items()))
    return merged


def _representative(ms: list[_M], weights: _Weights) -> _M:
    """The mention that says most of what the others say (ties: the shorter)."""
    if len(ms) == 1:
        return ms[0]

    def centrality(it: _M) -> tuple[float, int]:
        shared = math.fsum(weights.feature(f) for other in ms if other is not it
                     for f in it.features & other.features)
        return shared, -len(it.mention.text)

    return max(ms, key=centrality)


def _claim_id(story: str | None, ms: list[_M]) -> str:
    texts = sorted(f"{it.mention.doc}\t{' '.join(it.mention.text.split())}" for it in ms)
    key = "\n".join([story or "", *texts])
    return "c" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
