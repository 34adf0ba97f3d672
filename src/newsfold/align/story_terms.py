"""The terms story clustering reads in an article: content words (stemmed), capitalised names, numbers, time
words, and the lead (title and first sentence) where they weigh again."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from newsfold.align.normalise import stem

STOP_WORDS = frozenset(
    """a about above after again against all almost also although always am among an and another any are
    around as at be became because become been before being below between both but by can cannot could did
    do does doing done down during each either else even ever every few for from further had has have having
    he her here hers herself him himself his how however i if in into is it its itself just least less
    like many may me might more most much must my myself neither no nor not now of off often on once one only
    or other others our ours ourselves out over own per perhaps quite rather said same say says she should
    since so some still such than that the their theirs them themselves then there therefore these they
    this those though through thus to too under until up upon us very via was we were what whatever when
    where whether which while who whom whose why will with within without would yet you your yours yourself
    yourselves mr mrs ms dr st""".split()
)
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,:/]\d+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
# Lowercase words that may sit inside a name ("Bank of America", "Ludwig van Beethoven").
_NAME_JOINERS = frozenset("of de van von der den bin al la le du da del di y".split())
_SENTENCE_END = frozenset(".!?\"“”'‘’:;\n")
_DATE_WORDS = MONTHS | WEEKDAYS
# Block indices, in `align.story_features.BLOCKS` order.
WORDS, NAMES, NUMBERS, TIME, LEAD, FIGURES, DAYS = range(7)
# A headline figure: a count of 1,000 or more (thousands separators already removed), which a report of a
# recurring series (weekly claims, a daily toll) leads with. Clock times ("10:30") and dates ("5/3") are
# not figures; years are time words.
_FIGURE = re.compile(r"\d{4,}(?:\.\d+)?")

_UPPER = "".join(ch for ch in map(chr, range(0x530)) if ch.isupper())
_CAP_WORD = rf"[{_UPPER}][^\W_]*(?:['’][^\W\d_]+)*"
# A run of capitalised words on one line, optionally joined by a lowercase name particle.
_NAME_RUN = re.compile(
    rf"(?<![\w'’]){_CAP_WORD}(?:[ \t]+(?:(?:{'|'.join(sorted(_NAME_JOINERS))})[ \t]+)?{_CAP_WORD})*"
)


def names(text: str, lowerish: Callable[[str], bool]) -> list[str]:
    """Capitalised name runs of `text`: each whole name, and the parts of multi-word names. `lowerish`
    tells the words the corpus mostly writes in lower case."""
    out: list[str] = []
    for m in _NAME_RUN.finditer(text):
        j = m.start() - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        initial = j < 0 or text[j] in _SENTENCE_END
        words = [w.lower().removesuffix("'s").removesuffix("’s") for w in m.group().split()]
        # Drop edge words that are not names: stop words, dates, and a sentence-initial capitalised word
        # that this corpus mostly writes in lower case ("Yesterday Obama said").
        k = 0
        while k < len(words) and (words[k] in STOP_WORDS or words[k] in _DATE_WORDS
                                  or (k == 0 and initial and lowerish(words[k]))):
            k += 1
        words = words[k:]
        while words and (words[-1] in STOP_WORDS or words[-1] in _NAME_JOINERS or words[-1] in _DATE_WORDS):
            words.pop()
        if not words:
            continue
        if len(words) == 1:
            if not lowerish(words[0]):
                out.append(words[0])
        else:
            out.append("_".join(words))
            out.extend(w for w in words if w not in _NAME_JOINERS and w not in STOP_WORDS)
    return out


@lru_cache(maxsize=1 << 18)  # a corpus repeats its words: look each up once
def category(token: str) -> tuple[int, str] | None:
    """Which block a lowercased token feeds, and its feature there (None: a stop word)."""
    if token[0].isdigit():
        v = token.replace(",", "")
        return (TIME, v) if _YEAR.fullmatch(v) else (NUMBERS, v)
    if token in STOP_WORDS or len(token) < 2:  # before dates: lowercased, "may" is the verb more often
        return None
    if token in _DATE_WORDS:
        return (TIME, token[:3])
    # Stemmed: one event told from different angles inflects its words differently ("vaccine", "vaccines";
    # "decriminalize", "decriminalizing"). Names are not stemmed: "Adams" is not "Adam".
    return (WORDS, stem(token))


def figure(feature: str) -> bool:
    """Whether a `NUMBERS` feature (as `category` gives it) is a headline figure: 1,000 or more."""
    return _FIGURE.fullmatch(feature) is not None


def lead(text: str, tokens: int) -> str:
    """The start of `text` up to the end of its `tokens`-th token (all of it when shorter)."""
    end = 0
    for k, m in enumerate(TOKEN.finditer(text)):
        if k == tokens:
            break
        end = m.end()
    else:
        return text
    return text[:end]
