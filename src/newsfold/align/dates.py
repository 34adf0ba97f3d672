"""Dates in news text: find them, resolve relative ones against the publication date, compare them.

News writes dates relative to the day of publication: "on Friday", "yesterday", "last month", "in
August", "earlier this week". Two outlets that published on different days can write different words
for the same day, and the same words for different days, so facts are compared by the day they resolve
to. Resolved dates are ISO 8601 strings of the granularity the text gives:

* ``2025-09-05`` a day, ``2025-09`` a month, ``2025`` a year, ``2025-W36`` an ISO week;
* ``--08-15`` / ``--08`` a day or month with no year (ISO 8601's omitted-year form), when the text
  names no year and the publication date is unknown.

An expression relative to the publication date ("last month") with no publication date resolves to
nothing; its normalised text (`normalise`) is still comparable with another outlet's.

Pure Python: no spaCy, so alignment, the store and Spark can use it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12}
_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}

# Month and weekday names must be capitalised: "may", "march" and "august" are also ordinary words.
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_COUNT = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few)"

_PATTERNS = [
    rf"\b{_YEAR}-[01]\d-[0-3]\d\b",
    rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
    rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b",
    rf"\b{_MONTH}\s+{_DAY}\b(?![,.]?\d)",
    rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\w)",
    rf"\b{_MONTH},?\s+{_YEAR}\b",
    rf"\b(?:(?:last|next|this|early|late)\s+)?{_WEEKDAY}{_PART}\b",
    r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow)\b",
    r"\bthis\s+(?:morning|afternoon|evening)\b",
    r"\b(?:(?:earlier|later)\s+)?(?:this|last|next|past)\s+(?:week|weekend|month|year)\b",
    rf"\b{_COUNT}\s+(?:days?|weeks?|months?|years?)\s+ago\b",
    rf"\b(?:in|since|until|till|by|from|during|early|late|mid-|last|next|this)\s*{_MONTH}(?!\s+\d)(?!\w)",
    rf"\b(?:in|since|until|till|by|from|before|after|during|of|early|late|mid-|spring|summer|autumn|fall"
    rf"|winter)\s*{_YEAR}\b(?![,.]?\d)",
    # news writes counts of a thousand or more with a comma ("2,000 troops"): a bare 19xx or 20xx is a
    # year ("the Koreas' 1945 division", "the 2015 agreement")
    r"(?<![$£€\d,.])\b(?:19|20)\d\d\b(?![,.]?\d|%| ?percent)",
]
_FIND_RE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_COMPILED = [re.compile(p) for p in _PATTERNS]

# Words that say a date lies ahead of publication ("More rain is forecast for Thursday").
FUTURE_CUES = frozenset({"will", "'ll", "’ll", "shall", "expect", "expects", "expected", "forecast",
                         "forecasts", "plan", "plans", "planned", "scheduled", "due", "upcoming", "next"})


@dataclass(frozen=True)
class DateExpr:
    """A date expression found in text: `text == source[start:end]`."""

    start: int
    end: int
    text: str


def find_dates(text: str) -> list[DateExpr]:
    """Every date expression in `text`, left to right, without overlaps (the longest at a position wins)."""
    out: list[DateExpr] = []
    pos = 0
    while True:
        m = _FIND_RE.search(text, pos)
        if m is None:
            return out
        start, end = m.start(), m.end()
        # alternation takes the first pattern that matches here, not the longest: try them all
        for p in _COMPILED:
            m2 = p.match(text, start)
            if m2 and m2.end() > end:
                end = m2.end()
        out.append(DateExpr(start, end, text[start:end]))
        pos = end


def parse_published(value: str | dt.date | None) -> dt.date | None:
    """A publication date from `Article.date` (ISO date or date-time), or None when absent or unreadable."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def normalise(expr: str) -> str:
    """The expression as comparable text: lower case, single spaces, no leading "on"/"in"/"the"."""
    words = re.sub(r"[.,]", " ", expr.lower()).split()
    while words and words[0] in ("on", "in", "the", "by", "until", "till", "from", "during", "since", "of"):
        words = words[1:]
    return " ".join(words)


def _month_of(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS.index(w) + 1
    return _MONTH_ABBR.get(w)


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def _day_iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _year_for(pub: dt.date, month: int, day: int | None, future: bool, past: bool = False) -> int:
    """The year of a month (and day) named without one: the nearest such date on the side of publication
    the tense points to. The month of publication itself is this year's whatever the tense. Without a
    tense, the past (news mostly reports what happened), unless the next one is much nearer: "by the end
    of May" in an April article is this May, not last year's, and so is "the vote on May 20" in a May 3
    article."""
    if day is None and month == pub.month:
        return pub.year
    key = (month, day or (1 if future else 31))
    here = (pub.month, pub.day)
    ahead = pub.year if key >= here else pub.year + 1
    back = pub.year if key <= here else pub.year - 1
    if past:
        return back
    if future:
        return ahead
    months_ahead = (ahead - pub.year) * 12 + month - pub.month
    months_back = (pub.year - back) * 12 + pub.month - month
    return ahead if 0 <= months_ahead and months_ahead * 3 < months_back else back


def resolve(expr: str, published: str | dt.date | None = None, *, future: bool = False,
            past: bool = False) -> str | None:
    """The ISO date (of the granularity the text gives) that `expr` names, or None.

    `published` is the publication date; `future` says the clause looks ahead ("will meet on Friday"),
    so a bare weekday or month means the next one rather than the last; `past` says it reports what
    happened ("the storm hit on April 2"), so never a date after publication, and wins over `future`.
    Without a publication date a month and day keep no year (``--04-02``). Returns None for text that
    is not a date, and for an expression relative to publication when the publication date is unknown.
    """
    pub = parse_published(published)
    future = future and not past
    text = normalise(expr)
    if not text:
        return None
    words = text.split()

    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return _day_iso(int(m[1]), int(m[2]), int(m[3]))

    # month day [year] / day [of] month [year] / month year / month
    month = next((_month_of(w) for w in words if _month_of(w)), None)
    if month is not None and (re.search(r"\d", text) or not any(w in WEEKDAYS for w in words)):
        year_m = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
        day_m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", re.sub(r"\b(1[89]\d\d|20\d\d)\b", "", text))
        day = int(day_m[1]) if day_m else None
        if day is not None and not 1 <= day <= 31:
            day = None
        if year_m:
            year = int(year_m[1])
            return _day_iso(year, month, day) if day else f"{year}-{month:02d}"
        mod = words[0] if words[0] in ("last", "next", "this") else None
        if mod == "next":
            future = True
        elif mod == "last":
            future = False
        if pub is None:
            return f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"
        if mod == "this":
            year = pub.year
        else:
            year = _year_for(pub, month, day, future, past and mod != "next")
        return _day_iso(year, month, day) if day else f"{year}-{month:02d}"

    m = re.fullmatch(r"(?:early |late |mid-? ?|spring |summer |autumn |fall |winter |before |after )?"
                     r"(1[89]\d\d|20\d\d)(?:'s|’s)?", text)
    if m:
        return m[1]

    weekday = next((WEEKDAYS.index(w) for w in words if w in WEEKDAYS), None)
    if weekday is not None:
        if pub is None:
            return None
        mod = words[0]
        delta = (pub.weekday() - weekday) % 7  # days back to the latest such weekday, today included
        if mod == "last":
            back = delta or 7
            return (pub - dt.timedelta(days=back)).isoformat()
        if mod == "next" or (future and mod != "last"):
            ahead = (weekday - pub.weekday()) % 7
            if mod == "next" and ahead == 0:
                ahead = 7
            return (pub + dt.timedelta(days=ahead)).isoformat()
        return (pub - dt.timedelta(days=delta)).isoformat()

    if pub is None:
        return None
    simple = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
              "yesterday": -1, "tomorrow": 1, "day before yesterday": -2}
    if text in simple:
        return (pub + dt.timedelta(days=simple[text])).isoformat()

    m = re.fullmatch(r"(?:(earlier|later) )?(this|last|next|past) (week|weekend|month|year)", text)
    if m:
        step = {"this": 0, "last": -1, "past": -1, "next": 1}[m[2]]
        unit = m[3]
        if unit in ("week", "weekend"):
            if unit == "weekend" and step == 0:
                step = 0 if pub.weekday() >= 5 or future else -1
            day = pub + dt.timedelta(weeks=step)
            if unit == "weekend":
                saturday = day + dt.timedelta(days=5 - day.weekday())
                return _iso_week(saturday)
            return _iso_week(day)
        if unit == "month":
            y, mo = _add_months(pub.year, pub.month, step)
            return f"{y}-{mo:02d}"
        return str(pub.year + step)

    m = re.fullmatch(r"(\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several"
                     r"|a few) (day|week|month|year)s? ago", text)
    if m:
        n = int(m[1]) if m[1].isdigit() else _NUM_WORDS.get(m[1])
        if n is None:
            return None
        unit = m[2]
        if unit == "day":
            return (pub - dt.timedelta(days=n)).isoformat()
        if unit == "week":
            return _iso_week(pub - dt.timedelta(weeks=n))
        if unit == "month":
            y, mo = _add_months(pub.year, pub.month, -n)
            return f"{y}-{mo:02d}"
        return str(pub.year - n)
    return None


def is_relative(expr: str) -> bool:
    """Whether `expr` needs the publication date to name a day, month or year ("on Friday", "last month")."""
    return resolve(expr, None) is None and resolve(expr, dt.date(2000, 1, 1)) is not None


def bounds(iso: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day an ISO date of any granularity covers; None for one without a year."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
            d = dt.date.fromisoformat(iso)
            return d, d
        if re.fullmatch(r"\d{4}-\d{2}", iso):
            y, m = int(iso[:4]), int(iso[5:7])
            ny, nm = _add_months(y, m, 1)
            return dt.date(y, m, 1), dt.date(ny, nm, 1) - dt.timedelta(days=1)
        if re.fullmatch(r"\d{4}", iso):
            return dt.date(int(iso), 1, 1), dt.date(int(iso), 12, 31)
        m = re.fullmatch(r"(\d{4})-W(\d{2})", iso)
        if m:
            first = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return first, first + dt.timedelta(days=6)
    except ValueError:
        return None
    return None


def compatible(a: str, b: str) -> bool | None:
    """Whether two ISO dates can name the same time (their spans overlap); None when they can't be compared.

    A date without a year (``--08-15``) is compared by month and day with any dated one.
    """
    ba, bb = bounds(a), bounds(b)
    if ba and bb:
        return ba[0] <= bb[1] and bb[0] <= ba[1]
    pa, pb = _partial(a), _partial(b)
    if pa and pb:
        return pa[0] == pb[0] and (pa[1] is None or pb[1] is None or pa[1] == pb[1])
    part, full = (pa, bb) if pa else (pb, ba)
    if part is None or full is None:
        return None
    month, day = part
    for year in range(full[0].year, full[1].year + 1):
        if day is None:
            lo = dt.date(year, month, 1)
            hi = dt.date(*_add_months(year, month, 1), 1) - dt.timedelta(days=1)
        else:
            try:
                lo = hi = dt.date(year, month, day)
            except ValueError:
                continue
        if lo <= full[1] and full[0] <= hi:
            return True
    return False


def _partial(iso: str) -> tuple[int, int | None] | None:
    m = re.fullmatch(r"--(\d{2})(?:-(\d{2}))?", iso)
    if not m:
        return None
    return int(m[1]), int(m[2]) if m[2] else None


def same_granularity(a: str, b: str) -> bool:
    """Whether two ISO dates are equally precise (both days, both months ...): a mismatch is a conflict."""
    def grain(s: str) -> str:
        if re.fullmatch(r"(?:\d{4}|-)-\d{2}-\d{2}", s):
            return "day"
        if "W" in s:
            return "week"
        if re.fullmatch(r"(?:\d{4}|-)-\d{2}", s):
            return "month"
        return "year"

    return grain(a) == grain(b)
