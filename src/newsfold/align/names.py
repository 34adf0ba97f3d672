"""Speaker names compared across articles: "Mr Putin", "Vladimir Putin" and "Putin" are one speaker.

Quotations arrive with the speaker extraction resolved within each article ("the Russian president" becomes
"Vladimir Putin" there when the article names him). Across articles only the name is compared: surnames,
with transliteration endings evened ("Zelensky", "Zelenskyy", "Zelenskiy"), and first names when both give
one. What is not a name (a description, a pronoun, "officials") is an unknown speaker, not a different one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfold.align.normalise import fold

# a speaker beginning with one of these is a description or a pronoun, not a name
_NOT_NAMES = set("he she they it we i you his her their its our the a an this that these those some".split())
_TITLES = set(
    """mr mrs ms miss dr sir dame lord lady president senator sen gov governor rep representative prime
    minister chancellor king queen prince princess pope general gen secretary judge justice mayor chief
    professor prof rev reverend father sheikh ayatollah vice premier""".split()
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A known speaker by surname key (folded, transliteration endings evened) and first name if given."""

    key: str
    first: str | None
    name: str

    def same(self, other: Speaker) -> bool:
        """Same surname key and no two different first names ("Joe Biden" is not "Hunter Biden")."""
        if self.key != other.key:
            return False
        return self.first is None or other.first is None or self.first == other.first


def surname_key(word: str) -> str:
    """ "Zelenskyy", "Zelenskiy" and "Zelensky" give one key: doubled letters and a final i/y evened."""
    w = re.sub(r"(.)\1+", r"\1", fold(word))
    return re.sub(r"[iy]+$", "", w) if len(w) > 4 else w


def parse_speaker(name: str | None) -> Speaker | None:
    """The speaker of a quotation when it is a name; None for no speaker or a description ("the president").

    A name is known when its last word is capitalised and its first is no pronoun or article: "Vladimir
    Putin", "Mr Putin", "Russia"; "the Russian president", "Kremlin officials" and "His comments" are not.
    """
    if not name:
        return None
    words = [w.strip(".,;:'’\"“”") for w in name.replace("’s", "").replace("'s", "").split()]
    words = [w for w in words if w]
    if not words or words[0].lower() in _NOT_NAMES or not words[-1][:1].isupper():
        return None
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLES:
        words = words[1:]
    if words[-1].lower().rstrip(".") in ("jr", "sr", "ii", "iii") and len(words) > 1:
        words = words[:-1]
    first = fold(words[0]) if len(words) > 1 and len(words[0].rstrip(".")) > 1 else None
    return Speaker(surname_key(words[-1]), first, name)
