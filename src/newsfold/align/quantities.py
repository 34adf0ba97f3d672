"""Numbers in news text, written in digits or words, with the hedge in front of them and the unit after.

"26", "1,200", "6.8", "2.5 million", "three and a half", "three-and-a-half", "two-thirds", "a dozen"
become floats; "more than", "about", "at least", "up to" become a qualifier, so that "more than 1,200"
and "some 1,200" can be told apart from "340" and "more than 400" (`compatible`). Units are reduced to
a class (`unit_class`: "homes" and "houses" are both "home", "metres" and "meters" both "metre") so two
outlets' wordings of one count compare.

Pure Python: no spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
              "fifths": 5, "tenth": 10, "tenths": 10}
_SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
                  "tn": 1_000_000_000_000}

_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES, *_FRACTIONS, "dozen", "and", "a"], key=len, reverse=True))
_WORDS_RE = re.compile(rf"\b(?:{_WORD})(?:[\s-]+(?:{_WORD}))*\b", re.IGNORECASE)
_DIGITS_RE = re.compile(
    r"(?<![\w.,:/])([$£€]\s?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:(?:\s+(million|billion|trillion))|(k|m|mn|bn|b|tn)\b)?"
    # not a decade ("2020s"), an ordinal ("26th"), a time ("10:30") or a fraction or date ("2/3")
    r"(?:\s+and\s+a\s+half)?(?![\w:/])"
)

_QUALIFIERS = [
    ("more", r"more than|over|at least|upwards of|in excess of|no fewer than|no less than"),
    ("less", r"less than|fewer than|under|up to|at most|no more than|below"),
    # "almost 48" and "nearly 48" fall short of 48: below it, as "at least 48" is not
    ("under", r"nearly|almost|just under|just shy of|nearly\s+a|almost\s+a"),
    ("about", r"about|around|some|roughly|approximately|an estimated|estimated|close to|circa|"
              r"about\s+a|around\s+a|some\s+a"),
]
# Figures told by their order of magnitude: "hundreds of thousands", "tens of thousands", "dozens",
# "thousands". The value is the least the words admit (two of the unit), the qualifier "order".
_MAGNITUDES = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000,
               "billions": 2_000_000_000}
_MAGNITUDE_RE = re.compile(
    r"\b(?:(tens|dozens|hundreds)\s+of\s+(thousands|millions|billions)|(dozens|scores|hundreds|thousands|millions"
    r"|billions))\b(?=\s+of\b)", re.IGNORECASE)
_QUALIFIER_RE = re.compile(
    r"(?:" + "|".join(f"(?P<{name}>\\b(?:{alt}))" for name, alt in _QUALIFIERS) + r")\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class NumberExpr:
    """A number found in text: `text == source[start:end]` (the qualifier, if any, included)."""

    start: int
    end: int
    text: str
    value: float
    qualifier: str = "exact"  # "exact", "about", "more" (a lower bound) or "less" (an upper bound)


def words_to_number(text: str) -> float | None:
    """The value of a number written in words ("three and a half", "two-thirds", "a dozen"), or None."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w]
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("and", "a", "an"):
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if w in ("a", "an") and nxt in _FRACTIONS:  # "a half", "and a third"
                current += 1.0 / _FRACTIONS[nxt]
                seen = True
                i += 2
                continue
            if w in ("a", "an") and (nxt in _SCALES or nxt == "dozen"):
                current = max(current, 1.0)
            i += 1
            continue
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "dozen":
            current = (current or 1.0) * 12
        elif w in _FRACTIONS:
            if not seen or current == 0:
                return None  # "third" alone is an ordinal
            # "two-thirds": the count so far is the numerator
            current = current / _FRACTIONS[w]
        elif w in _SCALES:
            scale = _SCALES[w]
            if scale == 100:
                current = (current or 1.0) * 100
            else:
                total += (current or 1.0) * scale
                current = 0.0
        else:
            return None
        seen = True
        i += 1
    if not seen:
        return None
    return total + current


def _qualifier(text: str, start: int) -> tuple[int, str]:
    m = _QUALIFIER_RE.search(text[max(0, start - 24):start])
    if not m:
        return start, "exact"
    name = next(k for k, v in m.groupdict().items() if v)
    return start - (len(text[max(0, start - 24):start]) - m.start()), name


def find_numbers(text: str) -> list[NumberExpr]:
    """Every number in `text` with its qualifier, left to right.

    "one" on its own is left out (it is mostly a pronoun: "one of the reasons", "no one"), and so are
    ordinals ("first", "26th") and digits inside words or codes ("G7", "COVID-19").
    """
    found: list[tuple[int, int, float]] = []
    for m in _DIGITS_RE.finditer(text):
        if m.start() > 0 and text[m.start() - 1] == "-" and m.start() > 1 and text[m.start() - 2].isalpha():
            continue  # COVID-19, F-16
        currency, digits, decimals, scale_word, suffix = m[1], m[2], m[3], m[4], m[5]
        value = float(digits.replace(",", "") + (decimals or ""))
        end = m.end()
        if scale_word:
            value *= _SCALES[scale_word.lower()]
        elif suffix and (currency or suffix.lower() != "m"):
            value *= _SUFFIX_SCALES[suffix.lower()]
        elif suffix:  # "6.8m" without a currency is metres: leave the unit to the caller
            end = m.start(5)
        if m.group(0).endswith("half"):
            value += 0.5
        start = m.start(2)
        found.append((start, end, value))
    for m in _WORDS_RE.finditer(text):
        s, e = m.start(), m.end()
        piece = m.group(0)
        # trim leading and trailing connectives: "and three" / "two and"
        lead = re.match(r"(?:(?:and|a|an)[\s-]+)+", piece, re.IGNORECASE)
        # keep a leading "a" when a fraction or scale follows it ("a half", "a dozen", "a hundred")
        if lead and not re.match(r"an?[\s-]+(?:half|third|quarter|dozen|hundred|thousand|million|billion)",
                                 piece, re.IGNORECASE):
            s += lead.end()
            piece = text[s:e]
        trail = re.search(r"(?:[\s-]+(?:and|a|an))+$", piece, re.IGNORECASE)
        if trail:
            e = s + trail.start()
            piece = text[s:e]
        if not piece or piece.lower() in ("a", "an", "and", "one") or piece.lower() in _FRACTIONS:
            continue
        value = words_to_number(piece)
        if value is None:
            continue
        if any(s < fe and fs < e for fs, fe, _ in found):
            continue
        found.append((s, e, value))
    magnitudes = []
    for m in _MAGNITUDE_RE.finditer(text):
        if any(m.start() < fe and fs < m.end() for fs, fe, _ in found):
            continue
        if m[1]:
            base = 20 if m[1].lower() == "tens" else _MAGNITUDES[m[1].lower()]
            value = float(base * _SCALES[m[2].lower()[:-1]])
        else:
            value = float(_MAGNITUDES[m[3].lower()])
        magnitudes.append(NumberExpr(m.start(), m.end(), m[0], value, "order"))
    out = []
    for s, e, value in sorted(found):
        qs, qual = _qualifier(text, s)
        out.append(NumberExpr(qs, e, text[qs:e], value, qual))
    return sorted(out + magnitudes, key=lambda n: n.start)


def interval(value: float, qualifier: str) -> tuple[float, float]:
    """The values a reported figure admits: exact figures within 5% (news rounds), "about" within 15%,
    "more than x" up to half as much again and "up to x" down to two thirds of it (news would give a
    larger figure if it had one: "more than three years" is not eighty), "almost x" a little short of x,
    and a figure told by its order of magnitude ("tens of thousands") up to the next one."""
    if qualifier == "more":
        return value, value * 1.5
    if qualifier == "less":
        return value / 1.5, value
    if qualifier == "under":  # "almost 48": short of it, by a little
        return value * 0.85, value * 0.999
    if qualifier == "order":  # "tens of thousands": from two tens of thousands to under a hundred thousand
        return value, value * 4.99
    slack = 0.15 if qualifier == "about" else 0.05
    return value * (1 - slack), value * (1 + slack)


def compatible(a: float, qa: str, b: float, qb: str) -> bool:
    """Whether two reported figures can describe the same count ("more than 1,200" and "some 1,200" can;
    "about 340" and "more than 400" cannot; "12" and "15" cannot)."""
    lo1, hi1 = interval(a, qa)
    lo2, hi2 = interval(b, qb)
    return lo1 <= hi2 and lo2 <= hi1


# Words that name one kind of thing counted; news uses them interchangeably for one figure.
_UNIT_CLASSES = {
    # people counted by what they are there as: a crowd of "members", "participants" or "migrants" of one
    # group is one count of people
    "person": ("people", "person", "persons", "resident", "individual", "civilian", "inhabitant", "citizen",
               "villager", "local", "member", "participant", "migrant", "protester", "demonstrator",
               "supporter", "attendee", "refugee", "evacuee", "passenger", "worker"),
    "home": ("home", "house", "household", "dwelling", "property", "residence"),
    "death": ("dead", "death", "fatality", "killed", "victim", "body", "life", "lives"),
    "injury": ("injured", "injury", "wounded", "hurt", "casualty"),
    "metre": ("metre", "meter", "m"),
    "kilometre": ("kilometre", "kilometer", "km"),
    "millimetre": ("millimetre", "millimeter", "mm"),
    "centimetre": ("centimetre", "centimeter", "cm"),
    "percent": ("percent", "per cent", "%", "pct", "percentage"),
    "dollar": ("dollar", "$", "usd"),
    "euro": ("euro", "€", "eur"),
    "pound": ("pound", "£", "gbp"),
    "troop": ("troop", "soldier"),
    "year": ("year", "yr"),
    "month": ("month",),
    "week": ("week",),
    "day": ("day",),
    "hour": ("hour", "hr"),
}
_UNIT_OF = {w: cls for cls, words in _UNIT_CLASSES.items() for w in words}


def singular(word: str) -> str:
    """A plural English noun's singular, by the regular rules (good enough for matching)."""
    w = word.lower()
    if len(w) <= 3 or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zes")):
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def unit_class(word: str | None) -> str | None:
    """The class of a counted word ("houses" -> "home", "meters" -> "metre"), or its singular."""
    if not word:
        return None
    w = word.lower().strip(" .")
    if w in _UNIT_OF:
        return _UNIT_OF[w]
    s = singular(w)
    return _UNIT_OF.get(s, s)
