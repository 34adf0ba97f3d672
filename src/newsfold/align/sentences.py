"""Sentences of an article's text without a parser: enough to quote a whole sentence around a claim.

Boundaries are a full stop, question or exclamation mark (and any closing quotation mark or bracket after
it) followed by white space and a capital, a digit or an opening mark, and every line break. Common
abbreviations and initials ("Mr.", "Gov.", "U.S.", "J. Smith") are not boundaries.
"""

from __future__ import annotations

import bisect
import re

from newsfold.models import Article

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr st sen gov rep gen col lt capt sgt prof rev jr sr vs inc ltd co corp dept
    jan feb mar apr jun jul aug sep sept oct nov dec fig approx est""".split()
)
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Ý])|\n+")
# A dateline at the head of a report: "VELMORA (Harbour Wire) - ", "LONDON, May 3 (Reuters) — ".
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{1,40}(?:,[^()\n]{0,30})?(?:\([^()\n]{1,40}\))?\s*[-—–]+\s+")


class Sentences:
    """The sentence spans of one article's analysed body, for looking up the sentence around an offset."""

    def __init__(self, article: Article) -> None:
        self.text = article.text
        start, end = article.body or (0, len(article.text))
        self.spans: list[tuple[int, int]] = []
        s = start
        for m in _END.finditer(self.text, start, end):
            mark = m.group()
            if mark.startswith(".") and not mark.startswith("..") and self._abbreviation(m.start()):
                continue
            cut = m.start() if mark.startswith("\n") else m.end()
            self._add(s, cut)
            s = m.end()
        self._add(s, end)
        self.starts = [a for a, _ in self.spans]

    def _abbreviation(self, dot: int) -> bool:
        m = re.search(r"([^\W\d_]+)\.?$", self.text[max(0, dot - 12) : dot])
        if not m:
            return False
        word = m.group(1)
        if len(word) == 1:
            return True  # an initial: "J. Smith", "U.S."
        return word.lower() in _ABBREVIATIONS

    def _add(self, a: int, b: int) -> None:
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and self.text[b - 1].isspace():
            b -= 1
        if b > a:
            self.spans.append((a, b))

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence(s) holding `start`..`end` (the span itself when outside the body)."""
        if not self.spans:
            return start, end
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        j = max(i, bisect.bisect_left(self.starts, max(start, end - 1) + 1) - 1)
        a, b = self.spans[i][0], self.spans[j][1]
        if not (a <= start and end <= b):
            return start, end
        return a, b

    def index(self, offset: int) -> int:
        """The number of the sentence holding `offset` (0 for the first)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def clean(text: str) -> str:
    """A sentence as a brief shows it: one line, without a leading dateline."""
    text = " ".join(text.split())
    return _DATELINE.sub("", text, count=1) if _DATELINE.match(text) else text
