"""Find quoted stretches of text by their quotation marks, without spaCy.

One odd mark never loses an article: marks are paired within a paragraph, a mark that cannot be
paired is reported and skipped, and a quotation left open at a paragraph's end either continues into
the next paragraph (when that one opens with a mark, as news style does for quotes that run on) or is
closed at the paragraph's end with a lower confidence.

Handles curly (“ ” ‘ ’), straight (" '), doubled apostrophes ('' as some archives write “ and ”),
low-9 („ ‚) and guillemet (« » ‹ ›) marks, and nesting (“… ‘…’ …”). Apostrophes (don’t, Ukraine’s,
’90s, allies’) are told from single quotation marks by the letters around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE, SINGLE, GUILLEMET, SINGLE_GUILLEMET = "double", "single", "guillemet", "single_guillemet"

# mark -> (family, role) where role is "open", "close" or "either"
_MARKS: dict[str, tuple[str, str]] = {
    "“": (DOUBLE, "open"),
    "”": (DOUBLE, "close"),
    "„": (DOUBLE, "open"),
    "‟": (DOUBLE, "open"),
    '"': (DOUBLE, "either"),
    "''": (DOUBLE, "either"),
    "``": (DOUBLE, "open"),
    "‘": (SINGLE, "open"),
    "‚": (SINGLE, "open"),
    "’": (SINGLE, "close"),
    "'": (SINGLE, "either"),
    "«": (GUILLEMET, "open"),
    "»": (GUILLEMET, "close"),
    "‹": (SINGLE_GUILLEMET, "open"),
    "›": (SINGLE_GUILLEMET, "close"),
}
_MARK_RE = re.compile(r"''|``|[“”„‟\"‘‚’'«»‹›]")
_OPENERS_BEFORE = set(" \t\u00a0([{—–-/:;,“‘«‹\"'…")
_CLOSERS_AFTER = set(" \t\u00a0)]}—–-/:;,.!?”’»›\"'…")


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch: marks at `open`/`close`, content in `start`..`end` (marks excluded).

    `closed` is False when the paragraph ended before a closing mark; `continued` is True when this
    piece carries on a quotation opened in an earlier paragraph; `runs_on` when it carries on into the
    next one.
    """

    open: int
    close: int
    start: int
    end: int
    family: str
    closed: bool = True
    continued: bool = False
    runs_on: bool = False
    paragraph: int = 0

    @property
    def confidence(self) -> float:
        return 1.0 if self.closed or self.runs_on else 0.5


@dataclass
class _Mark:
    pos: int
    length: int
    family: str
    role: str


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The (start, end) of each non-blank line of `text[start:end]`; news paragraphs are lines."""
    end = len(text) if end is None else end
    out = []
    for m in re.finditer(r"[^\n\r\u2028\u2029]+", text[start:end]):
        s, e = m.start() + start, m.end() + start
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _classify(text: str, pos: int, mark: str, lo: int, hi: int) -> _Mark | None:
    family, role = _MARKS[mark]
    before = text[pos - 1] if pos > lo else " "
    after = text[pos + len(mark)] if pos + len(mark) < hi else " "
    if family == SINGLE:
        # An apostrophe inside or at the edge of a word is no quotation mark: don’t, Ukraine’s, ’90s.
        if before.isalnum() and after.isalnum():
            return None
        if mark in "’'" and after.isdigit() and not before.isalnum():
            return None
        if mark == "‘" and after.isdigit():
            return None
        if mark == "'" and before not in _OPENERS_BEFORE and after not in _CLOSERS_AFTER:
            return None
    if role == "either":
        can_open = before in _OPENERS_BEFORE or pos == lo
        can_close = after in _CLOSERS_AFTER or pos + len(mark) == hi
        if can_open and not can_close:
            role = "open"
        elif can_close and not can_open:
            role = "close"
        elif not can_open and not can_close:
            if family == SINGLE:
                return None
            role = "either"
    elif family == SINGLE and role == "close" and before in " \t\u00a0" and after.isalpha():
        # ’ used as an opening mark by mistake, as some sites do: ’Tis is rare, a quoted word is not.
        role = "either"
    return _Mark(pos, len(mark), family, role)


def _marks(text: str, lo: int, hi: int) -> list[_Mark]:
    found = []
    for m in _MARK_RE.finditer(text, lo, hi):
        mark = _classify(text, m.start(), m.group(), lo, hi)
        if mark is not None:
            found.append(mark)
    return found


def _pair(marks: list[_Mark]) -> tuple[list[tuple[_Mark, _Mark, int]], list[_Mark], list[_Mark]]:
    """Pair marks like brackets. Returns (pairs with depth, unclosed openers, stray closers)."""
    stack: list[_Mark] = []
    pairs: list[tuple[_Mark, _Mark, int]] = []
    stray: list[_Mark] = []
    for mark in marks:
        role = mark.role
        if role == "either":
            role = "close" if any(o.family == mark.family for o in stack) else "open"
        if mark.family == SINGLE and role == "close" and not any(o.family == SINGLE for o in stack):
            # A lone ’ after a word is a plural possessive (allies’), not a stray quotation mark.
            continue
        if role == "open":
            stack.append(mark)
            continue
        idx = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].family == mark.family), None)
        if idx is None:
            stray.append(mark)
            continue
        opener = stack[idx]
        # Openers left between the match and the top of the stack were never closed: drop them,
        # unless they are single marks, which were probably apostrophes all along.
        del stack[idx:]
        pairs.append((opener, mark, idx))
    unclosed = [o for o in stack if o.family != SINGLE]
    return pairs, unclosed, stray


def find_quoted(text: str, start: int = 0, end: int | None = None) -> tuple[list[Quoted], list[str]]:
    """Every outermost quoted stretch of `text[start:end]`, in order, and warnings about odd marks."""
    warnings: list[str] = []
    out: list[Quoted] = []
    paras = paragraphs(text, start, end)
    carrying = False  # the previous paragraph ended inside a quotation
    for n, (lo, hi) in enumerate(paras):
        marks = _marks(text, lo, hi)
        continued = False
        if carrying and marks and marks[0].pos == lo and marks[0].family == DOUBLE:
            continued = True
            marks[0].role = "open"
        elif carrying and out:
            # The run-on quotation stopped without reopening: close the previous piece for good.
            out[-1] = _replace(out[-1], runs_on=False)
        carrying = False
        pairs, unclosed, stray = _pair(marks)
        for o, c, depth in pairs:
            if depth == 0:
                out.append(
                    Quoted(o.pos, c.pos + c.length, o.pos + o.length, c.pos, o.family,
                           continued=continued and o.pos == lo, paragraph=n)
                )
        for mark in stray:
            warnings.append(f"unpaired closing quotation mark at offset {mark.pos}")
        if unclosed:
            o = unclosed[0]
            inside_pair = any(p[0].pos < o.pos < p[1].pos for p in pairs)
            if not inside_pair:
                nxt = paras[n + 1] if n + 1 < len(paras) else None
                runs_on = bool(nxt and text[nxt[0]] in "“\"„«'‘")
                out.append(
                    Quoted(o.pos, hi, o.pos + o.length, hi, o.family, closed=False,
                           continued=continued and o.pos == lo, runs_on=runs_on, paragraph=n)
                )
                carrying = runs_on
                if not runs_on:
                    warnings.append(f"quotation opened at offset {o.pos} is not closed "
                                    "by its paragraph's end")
            for extra in unclosed[1:]:
                warnings.append(f"unpaired opening quotation mark at offset {extra.pos}")
    out.sort(key=lambda q: q.open)
    return out, warnings


def _replace(q: Quoted, **changes: object) -> Quoted:
    from dataclasses import replace

    return replace(q, **changes)
