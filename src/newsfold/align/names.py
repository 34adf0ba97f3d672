"""Speaker names compared across articles: "Mr Putin", "Vladimir Putin" and "Putin" are one speaker.

Quotations arrive with the speaker extraction resolved within each article ("the Russian president" becomes
"Vladimir Putin" there when the article names him). Across articles only the name is compared: surnames,
with transliteration endings evened ("Zelensky", "Zelenskyy", "Zelenskiy"), and first names when both give
one. What is not a name (a description, a pronoun, "officials") is an unknown speaker, not a different one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsfold.align.dates import MONTHS, WEEKDAYS
from newsfold.align.normalise import fold

# a speaker beginning with one of these is a description or a pronoun, not a name
_NOT_NAMES = set("he she they it we i you his her their its our the a an this that these those some".split())
_TITLES = set(
    """mr mrs ms miss dr sir dame lord lady president senator sen gov governor rep representative prime
    minister chancellor king queen prince princess pope general gen secretary judge justice mayor chief
    professor prof rev reverend father sheikh ayatollah vice premier prosecutor coach detective officer
    constable sergeant sgt lieutenant lt captain capt commissioner inspector superintendent attorney sheriff
    deputy ambassador spokesman spokeswoman police""".split()
)


# a name ending in one of these is a description ("British Ambassador", "Aides"), not a person
_ROLES = _TITLES | set(
    """ambassador spokesman spokeswoman spokesperson official officials director chairman chairwoman chair
    leader leaders aide aides source sources analyst analysts police ministry office spokespeople staff
    lawmakers lawmaker member members residents people committee commission council campaign agency
    department government administration""".split()
)
_PARTICLES = set("de van von bin al la le du da di der den ter dos del el".split())
# capitalised words that name a time, never a person: a speaker resolved to one is an extraction error
# ("May" is a surname as often as a month)
_TIMES = set(WEEKDAYS) | (set(MONTHS) - {"may"}) | {"today", "yesterday", "tonight"}
# words of a mention that point to a speaker without naming one ("he", "that", "the suit", "the report")
_POINTERS = set("he she they it we i you him her them who which that this".split())
_DOCUMENTS = set("""statement statements report reports letter memo memos tweet tweets post lawsuit suit
    complaint filing announcement release document documents study survey indictment ruling""".split())
# the head of an organisation's name: its spokesperson speaks for it ("a British government spokeswoman" and
# "the British government" are one source)
_ORG_HEADS = set("""government ministry office department administration agency committee campaign council
    commission embassy party company union court""".split())
_SPOKESPEOPLE = set("spokesman spokeswoman spokesperson spokespeople representative".split())


@dataclass(frozen=True, slots=True)
class Speaker:
    """A known speaker: the folded words of the name, the surname key and the first name if given."""

    key: str
    first: str | None
    name: str
    words: tuple[str, ...] = ()
    owner: tuple[str, ...] = ()  # whose the speaker is, named by a possessive ("Microsoft's Dustin Childs")

    def same(self, other: Speaker) -> bool:
        """One person: same surname and no two different first names ("Joe Biden" is not "Hunter Biden").

        A one-word name may also be the first word of a full one: "Kim" and "Kim Jong Un". A first name
        found inside the other name counts as the same ("David Rossi", "Prosecutor David Rossi").
        """
        if self.key == other.key:
            if self.first is None or other.first is None or self.first == other.first:
                return True
            # a title not known as one ("Prosecutor David Rossi"): the first name is further in
            return self.first in other.words[:-1] or other.first in self.words[:-1]
        if _acronym_of(self.name, other.name) or _acronym_of(other.name, self.name):
            return True
        if (self.owner and self.owner == other.words) or (other.owner and other.owner == self.words):
            return True  # an organisation's own spokesperson speaks for it
        if len(self.words) == 1 and len(other.words) > 1:
            return self.key == surname_key(other.words[0])
        if len(other.words) == 1 and len(self.words) > 1:
            return other.key == surname_key(self.words[0])
        return False


def _acronym_of(short: str, long: str) -> bool:
    """Whether `short` is one capitalised acronym of `long`'s words ("USGS", "US Geological Survey"; "HRW",
    "Human Rights Watch"): each word gives its initial, or itself when it is an acronym; "of", "the" and
    "and" none. Three letters at least: two ("AP") would fit too many names."""
    short = short.strip().strip(".")
    if " " in short or len(short) < 3 or not short.isupper() or not short.isalpha():
        return False
    words = [w.strip(".,;:'’\"“”()") for w in long.split()]
    letters = "".join(w if w.isupper() else w[:1] for w in words
                      if w and w.lower() not in ("of", "the", "and", "for"))
    return len(words) > 1 and letters.upper() == short


def surname_key(word: str) -> str:
    """ "Zelenskyy", "Zelenskiy" and "Zelensky" give one key: doubled letters and a final i/y evened."""
    w = re.sub(r"(.)\1+", r"\1", fold(word))
    return re.sub(r"[iy]+$", "", w) if len(w) > 4 else w


@lru_cache(maxsize=65536)
def parse_speaker(name: str | None) -> Speaker | None:
    """The speaker of a quotation when it is a name; None for no speaker or a description ("the president").

    The name is the last run of capitalised words: "Kremlin spokesman Dmitry Peskov" is "Dmitry Peskov",
    "Microsoft's Dustin Childs" is "Dustin Childs" (Microsoft's: its `owner`, with whom he agrees),
    "Trump and Melania Trump" is "Melania Trump"; titles and acronyms before it go ("MP David Lammy").
    None when it starts with a pronoun or article ("the Russian president", "His comments") or ends in a
    role ("Kremlin officials", "British Ambassador").
    """
    if not name:
        return None
    text = name.replace("’", "'")
    # "North Korea's Kim": the owner of a possessive is not part of the name after it
    head, sep, tail = text.rpartition("'s ")
    owner = tuple(fold(w.strip(".,;:'’\"“”()")) for w in head.split()) if sep and tail.strip() else ()
    owner = tuple(w for w in owner if w and w not in _NOT_NAMES)
    text = (tail if sep and tail.strip() else text).replace("'s", "")
    words = [w.strip(".,;:'’\"“”()") for w in text.split()]
    words = [w for w in words if w]
    if not words or words[0].lower() in _NOT_NAMES:
        return None
    run: list[str] = []
    for w in reversed(words):
        if w[:1].isupper() or (run and w.lower() in _PARTICLES):
            run.insert(0, w)
        else:
            break
    while len(run) > 1 and (run[0].lower() in _TITLES or (run[0].isupper() and len(run[0]) > 1)):
        run = run[1:]
    if run and run[-1].lower() in ("jr", "sr", "ii", "iii") and len(run) > 1:
        run = run[:-1]
    if not run or run[-1].lower() in _ROLES or (len(run) == 1 and run[0].lower() in _TIMES):
        return None
    # "Kim Jong-un" ends in "un" as "Kim Jong Un" does; "Ocasio-Cortez" is a surname, not a first name
    folded = tuple(fold(part) for w in run for part in w.split("-") if part)
    lead = run[0]
    has_first = len(run) > 1 and len(lead) > 1 and lead.lower() not in _PARTICLES
    first = fold(lead.split("-")[0]) if has_first else None
    return Speaker(surname_key(folded[-1]), first, name, folded, owner)


def document_mention(mention: str | None) -> bool:
    """Whether a speaker mention is a document ("the suit", "a statement"): its words are fixed text."""
    words = [fold(w.strip(".,;:'’\"“”()")) for w in (mention or "").split()]
    words = [w for w in words if w]
    return bool(words) and words[-1] in _DOCUMENTS


def weak_mention(mention: str | None) -> bool:
    """Whether a speaker was found through a mention that does not name them: a pronoun ("he", "that"), a
    description ("the president") or a document ("the suit", "Comey memos"). Such an attribution is the
    extraction's resolution, not the article's words, and is the first to be wrong."""
    if not mention or not mention.strip():
        return False
    words = [fold(w.strip(".,;:'’\"“”()")) for w in mention.split()]
    words = [w for w in words if w]
    if not words:
        return False
    if len(words) == 1 and words[0] in _POINTERS:
        return True
    if words[-1] in _DOCUMENTS:
        return True
    # "the Russian president" describes; "the White House" names, article and all
    last = mention.split()[-1].strip(".,;:'’\"“”()")
    if words[0] in _NOT_NAMES:
        return not last[:1].isupper()
    return not mention.strip()[:1].isupper()


def organisation_key(name: str | None) -> tuple[str, ...] | None:
    """The organisation a description names, its spokesperson and articles set aside: ("british",
    "government") for "A British government spokeswoman" and for "the British government"; None for a
    description of no named organisation ("the president", "officials", "a senior official")."""
    if not name:
        return None
    raw = [w.strip(".,;:'’\"“”()") for w in name.split()]
    raw = [w for w in raw if w and fold(w) not in ("the", "a", "an")]
    while raw and fold(raw[-1]) in _SPOKESPEOPLE:
        raw.pop()
    if len(raw) < 2 or fold(raw[-1]) not in _ORG_HEADS or not any(w[:1].isupper() for w in raw[:-1]):
        return None
    return tuple(fold(w) for w in raw)
