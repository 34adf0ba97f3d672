"""A person's statements over time as a picture: stacked bars per day, week or month, one colour per
outlet, drawn on the server as inline SVG (no scripts; each bar's <title> tells its figures on hover)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from newsfold.report.html import PALETTE

WIDTH, HEIGHT = 760, 170  # the picture's viewBox; the page scales it to its column
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 10, 26
MAX_DAYS = 62  # up to two months a bar per day, up to two years a bar per week, beyond a bar per month
MAX_WEEKS = 104
MAX_BAR = 40  # a bar never wider than this, so a few days do not fill the picture with blocks


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _bins(first: date, last: date) -> tuple[str, list[date]]:
    span = (last - first).days
    if span < MAX_DAYS:
        return "day", [first + timedelta(days=i) for i in range(span + 1)]
    if span < MAX_WEEKS * 7:
        start = first - timedelta(days=first.weekday())
        return "week", [start + timedelta(weeks=i) for i in range((last - start).days // 7 + 1)]
    months, d = [], first.replace(day=1)
    while d <= last:
        months.append(d)
        d = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
    return "month", months


def _bin_of(unit: str, d: date) -> date:
    if unit == "day":
        return d
    if unit == "week":
        return d - timedelta(days=d.weekday())
    return d.replace(day=1)


def _label(unit: str, d: date) -> str:
    return d.strftime("%Y-%m") if unit == "month" else d.isoformat()


def statements_over_time(quotes: list[dict[str, Any]], tones: dict[str, int]) -> dict[str, Any]:
    """The picture's data (`unit`, `bins` with counts by outlet, `undated`) and its geometry (`bars`:
    rectangles with their fill and title; `ticks`; `ymax`), for the template to draw as it is."""
    dated = [(d, q.get("outlet") or q.get("doc") or "?") for q in quotes if (d := _day(q.get("date")))]
    undated = len(quotes) - len(dated)
    if not dated:
        return {"unit": None, "bins": [], "undated": undated, "bars": [], "ticks": [], "ymax": 0,
                "width": WIDTH, "height": HEIGHT, "outlets": []}
    unit, slots = _bins(min(d for d, _ in dated), max(d for d, _ in dated))
    counts: dict[date, Counter[str]] = defaultdict(Counter)
    for d, outlet in dated:
        counts[_bin_of(unit, d)][outlet] += 1
    outlets = sorted({o for _, o in dated}, key=lambda o: (tones.get(o, len(tones)), o.casefold(), o))
    ymax = max(sum(c.values()) for c in counts.values())
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(slots)
    gap = min(2.0, step * 0.2)
    width = min(step - gap, MAX_BAR)
    bars, bins = [], []
    for i, slot in enumerate(slots):
        c = counts.get(slot, Counter())
        bins.append({"start": slot.isoformat(), "label": _label(unit, slot), "total": sum(c.values()),
                     "outlets": {o: c[o] for o in outlets if c[o]}})
        y = TOP + plot_h
        for o in outlets:
            if not c[o]:
                continue
            h = plot_h * c[o] / ymax
            y -= h
            tone = tones.get(o)
            bars.append({"x": round(LEFT + i * step + (step - width) / 2, 2), "y": round(y, 2),
                         "w": round(max(width, 0.5), 2), "h": round(h, 2),
                         "fill": PALETTE[tone % len(PALETTE)] if tone is not None else "#777",
                         "title": f"{_label(unit, slot)}: {c[o]} by {o}"
                                  + (f" (week of {slot.isoformat()})" if unit == "week" else "")})
    every = max(1, -(-len(slots) // 7))  # at most about seven dates along the axis
    ticks = [{"x": round(LEFT + i * step + step / 2, 2), "label": _label(unit, s)}
             for i, s in enumerate(slots) if i % every == 0]
    return {"unit": unit, "bins": bins, "undated": undated, "bars": bars, "ticks": ticks, "ymax": ymax,
            "width": WIDTH, "height": HEIGHT, "left": LEFT, "top": TOP, "base": TOP + plot_h,
            "right": WIDTH - RIGHT, "outlets": outlets}
