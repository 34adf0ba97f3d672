"""Normalise a quotation's wording for comparison across outlets, keeping each token's place in the original.

Two outlets rarely print a statement character for character alike: one writes “Sen.” and “U.S.”, the other
"Senator" and "US"; one "two-in-three", the other "2 in 3"; one inserts "[President Barack]" before "Obama's"
or cuts words out with "…". `tokens()` reduces a quotation to word tokens that compare equal when only such
conventions differ:

* case, accents, punctuation, whitespace and every style of quotation mark are dropped;
* abbreviations and acronyms take one form: "Sen."/"Senator" -> "senator", "I.R.S."/"IRS" -> "irs",
  "U.S."/"US"/"United States" -> "usa" (the lower-case pronoun "us" stays "us");
* contractions are spelt out ("won't" -> "will not", "it's" -> "it is"), possessive "'s" is dropped;
* numbers written as words or digits take one form: "two-in-three"/"2 in 3" -> "2 in 3",
  "three and a half" -> "3.5", "one thousand"/"1,000" -> "1000", "first"/"1st" -> "1th", "%"/"per cent" ->
  "percent", "$5" -> "5 dollar", "6:00 p.m." -> "6 pm";
* British and American spellings meet ("organise"/"organize", "labour"/"labor", "defence"/"defense");
* text the outlet inserted in brackets ("[President Barack] Obama's") or parentheses ("(sic)", "(Russian
  President Vladimir) Putin": speech has no parentheses) is dropped, leaving a `gap` token where it stood; an
  ellipsis ("...", "…", "[…]") is kept as a `cut` token: the outlet says words are missing there.

Every token carries the offsets of the original characters it came from (`text[start:end]`), so a diff of
normalised tokens can point back to the words as printed. Several tokens may share one span ("won't" gives
"will" and "not"); one token may span several words ("United States" gives "usa").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

import snowballstemmer

TokenKind = Literal["word", "number", "cut", "gap"]


class Token(NamedTuple):
    """One normalised token: `norm` compares across outlets, `text[start:end]` is what was printed."""

    norm: str
    start: int
    end: int
    kind: TokenKind = "word"

    @property
    def is_marker(self) -> bool:
        """A cut (ellipsis) or gap (bracketed insertion): a place in the text, not a word."""
        return self.kind in ("cut", "gap")


# --- the scanner --------------------------------------------------------------------------------------------

_APOS = "'’ʼ`´"
_SCAN = re.compile(
    r"(?P<cut>\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|\(\s*(?:\.\s*){3}\)|\(\s*…\s*\)|\.(?:\s?\.){2,}|…)"
    r"|(?P<gap>\[[^\[\]\n]{0,120}\]|\([^()\n]{0,80}\))"
    r"|(?P<acro>\b(?:[^\W\d_]\.){2,}(?![^\W\d_]))"
    r"|(?P<time>\b\d{1,2}:\d{2}\b)"
    r"|(?P<num>[$£€]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:st|nd|rd|th)?%?|[$£€]?\d+(?:\.\d+)?(?:st|nd|rd|th)?%?)"
    r"|(?P<word>[^\W_]+(?:[" + _APOS + r"][^\W_]+)*)",
    re.IGNORECASE,
)

# --- tables -------------------------------------------------------------------------------------------------

# Titles and other abbreviations that outlets spell out or not. Expanded when printed with a capital or a dot.
_ABBREVIATIONS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "lt": "lieutenant",
    "col": "colonel", "capt": "captain", "cpt": "captain", "sgt": "sergeant", "adm": "admiral",
    "cmdr": "commander", "pres": "president", "dr": "doctor", "prof": "professor", "rev": "reverend",
    "hon": "honourable", "atty": "attorney", "supt": "superintendent", "dept": "department",
    "govt": "government", "mister": "mr", "missus": "mrs", "mt": "mount", "ft": "fort", "sec": "secretary",
    "amb": "ambassador", "insp": "inspector", "sr": "senior", "jr": "junior", "vs": "versus", "v": "versus",
}  # fmt: skip
# Abbreviations taken as such only when a dot follows them ("Co." but not the word "co").
_DOTTED = {
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june", "jul": "july",
    "aug": "august", "sep": "september", "sept": "september", "oct": "october", "nov": "november",
    "dec": "december", "corp": "corporation", "inc": "incorporated", "co": "company", "ltd": "limited",
    "bros": "brothers", "assn": "association", "intl": "international", "natl": "national",
    "univ": "university", "approx": "approximately", "st": "saint",
}  # fmt: skip
# Acronyms written in capitals or with dots, and the spelt-out names that mean the same.
_ACRONYMS = {"us": "usa", "usa": "usa", "uk": "uk", "un": "un", "eu": "eu"}
_PHRASES = {
    ("united", "states"): "usa", ("united", "states", "of", "america"): "usa", ("united", "kingdom"): "uk",
    ("united", "nations"): "un", ("european", "union"): "eu", ("per", "cent"): "percent",
}  # fmt: skip
_PHRASE_FIRST = {k[0] for k in _PHRASES}

# "it's" is "it is"; after other words "'s" is a possessive and goes.
_IS_AFTER = set(
    """it that there here what who where how he she when why this everything nothing something everyone
    someone nobody everybody somebody one""".split()
)
_CONTRACTIONS = {
    "won't": ["will", "not"], "can't": ["can", "not"], "shan't": ["shall", "not"], "ain't": ["is", "not"],
    "cannot": ["can", "not"], "let's": ["let", "us"], "gonna": ["going", "to"], "wanna": ["want", "to"],
    "gotta": ["got", "to"], "y'all": ["you", "all"], "ma'am": ["madam"],
}  # fmt: skip
_SUFFIXES = {"n't": "not", "'m": "am", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would"}

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000, "millionth": 1_000_000,
}  # fmt: skip
_FRACTIONS = {"half": 0.5, "quarter": 0.25}
_CURRENCY = {"$": "dollar", "£": "pound", "€": "euro"}

# British spellings that differ from American ones only by a rule; applied to both sides alike, so a
# collision between two real words costs at most a false equality of two rare words.
_SPELLING = [
    (re.compile(r"(?<=\w\w)iz(e|es|ed|ing|ation|ations|er|ers)$"), r"is\1"),
    (re.compile(r"(?<=\w\w)yz(e|es|ed|ing|er|ers)$"), r"ys\1"),
    (re.compile(r"(?<=\w\w[^aeiou])our(s|ed|ing|able|ably|ite|ites|er|ers|hood|hoods|ful|less|ism|ist|ists)?$"),
     r"or\1"),
    (re.compile(r"(?<=\w\w[^aeiou])tre(s)?$"), r"ter\1"),
]
_SPELLING_WORDS = {
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "programme": "program", "programmes": "programs", "judgement": "judgment", "travelled": "traveled",
    "travelling": "traveling", "cancelled": "canceled", "cancelling": "canceling", "labelled": "labeled",
    "modelling": "modeling", "fuelled": "fueled", "grey": "gray", "towards": "toward", "whilst": "while",
    "amongst": "among", "enrol": "enroll", "fulfil": "fulfill", "sceptical": "skeptical", "tonnes": "tons",
    "tonne": "ton", "aluminium": "aluminum", "cheque": "check", "kilometres": "kilometers",
    "behaviour": "behavior", "behaviours": "behaviors", "behavioural": "behavioral", "saviour": "savior",
    # currencies as "$5" gives them ("5 dollar"): "five dollars" must meet it
    "dollars": "dollar", "euros": "euro", "pounds": "pound",
}  # fmt: skip


def fold(word: str) -> str:
    """Lower case without accents: "São" -> "sao"."""
    word = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in word if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def _spelling(word: str) -> str:
    if word in _SPELLING_WORDS:
        return _SPELLING_WORDS[word]
    if len(word) >= 6:
        for pattern, repl in _SPELLING:
            new = pattern.sub(repl, word)
            if new != word:
                return new
    return word


def _number_text(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return repr(round(value, 6)).rstrip("0").rstrip(".")


# --- raw tokens ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Raw:
    text: str  # folded, apostrophes unified
    orig: str
    start: int
    end: int
    kind: str  # cut, gap, acro, num, word


@lru_cache(maxsize=65536)
def _fold_token(raw: str) -> str:
    folded = fold(raw)
    for a in _APOS[1:]:
        folded = folded.replace(a, "'")
    return folded


def _scan(text: str) -> list[_Raw]:
    return [_Raw(_fold_token(m.group()), m.group(), m.start(), m.end(), m.lastgroup or "word")
            for m in _SCAN.finditer(text)]


def _followed_by_dot(text: str, end: int) -> bool:
    return end < len(text) and text[end] == "."


# --- number words -----------------------------------------------------------------------------------------


def _word_class(w: str) -> str | None:
    if w in _UNITS:
        v = _UNITS[w]
        return "unit" if v < 10 else ("teen" if v < 20 else "tens")
    if w == "hundred":
        return "hundred"
    if w in _SCALES:
        return "scale"
    if w in _ORDINALS:
        return "ordinal"
    return None


# Which word classes may follow which in one number ("twenty" "five", "two" "hundred" "and" "ten").
_MAY_FOLLOW = {
    "unit": {None, "tens", "hundred", "scale", "and"},
    "teen": {None, "hundred", "scale", "and"},
    "tens": {None, "hundred", "scale", "and"},
    "hundred": {"unit", "teen", "tens", "a", "digits"},
    "scale": {"unit", "teen", "tens", "hundred", "a", "digits", "half"},
}


def _read_number(raws: list[_Raw], i: int) -> tuple[float, int, bool] | None:
    """A number in words (or digits and a scale word) starting at raws[i]: (value, next index, ordinal).

    Reads "twenty-five", "three and a half", "two hundred and ten", "one thousand", "2.5 million",
    "a hundred", "twenty-first". Returns None when no number starts here.
    """
    n = len(raws)
    total = current = 0.0
    last: str | None = None
    j = i
    first = raws[i]
    if first.kind == "num":
        if not (i + 1 < n and raws[i + 1].kind == "word" and raws[i + 1].text in _SCALES):
            return None
        try:
            current = float(first.text.replace(",", ""))
        except ValueError:
            return None
        last, j = "digits", i + 1
    elif first.text == "a" and i + 1 < n and raws[i + 1].text in _SCALES:
        current, last, j = 1.0, "a", i + 1
    while j < n and raws[j].kind == "word":
        w = raws[j].text
        cls = _word_class(w)
        if cls == "ordinal":
            v = _ORDINALS[w]
            ok = (
                last is None
                or (v < 10 and last == "tens")
                or (v < 100 and last in ("hundred", "scale", "and"))
                or (v >= 100 and last in ("unit", "teen", "tens", "a"))
            )
            if not ok:
                break
            current = current * v if v >= 100 else current + v
            return total + current, j + 1, True
        if cls in ("unit", "teen", "tens"):
            if last not in _MAY_FOLLOW[cls]:
                break
            current += _UNITS[w]
        elif cls == "hundred":
            if last not in _MAY_FOLLOW["hundred"]:
                break
            current *= 100
        elif cls == "scale":
            if last not in _MAY_FOLLOW["scale"]:
                break
            total += current * _SCALES[w]
            current = 0.0
        elif w == "and" and last in ("unit", "teen", "tens", "hundred", "scale", "digits") and j + 1 < n:
            nxt = raws[j + 1].text
            if (
                nxt == "a"
                and j + 2 < n
                and raws[j + 2].text in _FRACTIONS
                and last in ("unit", "teen", "tens", "digits")
            ):
                current += _FRACTIONS[raws[j + 2].text]
                last, j = "half", j + 3
                continue
            if last in ("hundred", "scale") and _word_class(nxt) in ("unit", "teen", "tens", "ordinal"):
                last, j = "and", j + 1
                continue
            break
        else:
            break
        last = cls
        j += 1
    if last is None or last in ("a", "digits", "and"):
        return None
    return total + current, j, False


# --- the tokeniser ----------------------------------------------------------------------------------------


def _expand_word(raw: _Raw, text: str) -> tuple[str, ...]:
    """The normalised words one printed word stands for (usually one)."""
    return _expand(raw.text, raw.orig, _followed_by_dot(text, raw.end))


@lru_cache(maxsize=65536)
def _expand(w: str, orig: str, dot: bool) -> tuple[str, ...]:
    if w in _CONTRACTIONS:
        return tuple(_CONTRACTIONS[w])
    if "'" in w:
        for suffix, full in _SUFFIXES.items():
            if w.endswith(suffix) and len(w) > len(suffix):
                return (w[: -len(suffix)], full)
        if w.endswith("'s"):
            base = w[:-2]
            return (base, "is") if base in _IS_AFTER else (_spelling(base),)
        w = w.replace("'", "")
    if w in _ACRONYMS and orig.isupper() and len(orig) > 1:
        return (_ACRONYMS[w],)
    # "v" alone is a letter unless it is printed "v." between names
    if w in _ABBREVIATIONS and (dot or (orig[:1].isupper() and w != "v")):
        return (_ABBREVIATIONS[w],)
    if w in _DOTTED and dot:
        return (_DOTTED[w],)
    return (_spelling(w),)


def tokens(text: str) -> list[Token]:
    """The normalised tokens of `text`, words and markers in order, each with its span in `text`."""
    return list(_tokens(text))


# Wire copy repeats a quotation word for word across a story's articles: a small cache spares retokenising.
@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[Token, ...]:
    raws = _scan(text)
    out: list[Token] = []
    i, n = 0, len(raws)
    while i < n:
        r = raws[i]
        if r.kind == "cut":
            out.append(Token("…", r.start, r.end, "cut"))
            i += 1
            continue
        if r.kind == "gap":
            out.append(Token("[]", r.start, r.end, "gap"))
            i += 1
            continue
        if r.kind == "time":  # "6:00" is "6", as in "6 p.m."
            hour, minute = r.text.split(":")
            norm = str(int(hour)) if minute == "00" else f"{int(hour)}:{minute}"
            out.append(Token(norm, r.start, r.end, "number"))
            i += 1
            continue
        if r.kind == "acro":
            letters = r.text.replace(".", "")
            out.append(Token(_ACRONYMS.get(letters, letters), r.start, r.end, "word"))
            i += 1
            continue
        if r.kind == "num" and r.text[:1] in _CURRENCY:
            cur = _CURRENCY[r.text[:1]]
            inner = _Raw(r.text[1:], r.orig[1:], r.start + 1, r.end, "num")
            raws[i] = inner
            got = _read_number(raws, i)
            if got:
                value, j, _ = got
                out.append(Token(_number_text(value), r.start, raws[j - 1].end, "number"))
                i = j
            else:
                out.append(Token(_digits(inner.text), r.start, r.end, "number"))
                i += 1
            out.append(Token(cur, r.start, r.start + 1, "word"))
            continue
        if r.kind == "num":
            got = _read_number(raws, i)
            if got:
                value, j, _ = got
                out.append(Token(_number_text(value), r.start, raws[j - 1].end, "number"))
                i = j
                continue
            out.append(Token(_digits(r.text), r.start, r.end, "number"))
            if r.text.endswith("%"):
                out.append(Token("percent", r.end - 1, r.end, "word"))
            i += 1
            continue
        # a word
        if r.text in _PHRASE_FIRST:
            matched = _phrase(raws, i)
            if matched:
                norm, j = matched
                out.append(Token(norm, r.start, raws[j - 1].end, "word"))
                i = j
                continue
        if _word_class(r.text) not in (None, "hundred", "scale") or (
            r.text == "a" and i + 1 < n and raws[i + 1].text in _SCALES
        ):
            got = _read_number(raws, i)
            if got:
                value, j, ordinal = got
                norm = _number_text(value) + ("th" if ordinal else "")
                out.append(Token(norm, r.start, raws[j - 1].end, "number"))
                i = j
                continue
        for w in _expand_word(r, text):
            if w:
                out.append(Token(w, r.start, r.end, "word"))
        i += 1
    return tuple(out)


def _digits(num: str) -> str:
    """ "1,000" -> "1000", "3.50" -> "3.5", "21st" -> "21th", "10%" -> "10"."""
    s = num.rstrip("%").replace(",", "")
    ordinal = s[-2:] in ("st", "nd", "rd", "th")
    if ordinal:
        s = s[:-2]
    try:
        s = _number_text(float(s))
    except ValueError:
        pass
    return s + ("th" if ordinal else "")


def _phrase(raws: list[_Raw], i: int) -> tuple[str, int] | None:
    best = None
    for words, norm in _PHRASES.items():
        k = len(words)
        if i + k <= len(raws) and all(
            raws[i + m].kind == "word" and raws[i + m].text == words[m] for m in range(k)
        ):
            if best is None or k > best[1] - i:
                best = (norm, i + k)
    return best


def normalise(text: str) -> str:
    """The normalised wording of `text` as one string: tokens joined by spaces, markers included."""
    return " ".join(t.norm for t in tokens(text))


# --- stems and function words -------------------------------------------------------------------------------

_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(norm: str) -> str:
    """The English Snowball stem of a normalised word ("targets" -> "target"); numbers are their own stem."""
    if not norm or norm[0].isdigit():
        return norm
    return _STEMMER.stemWord(norm)


#: Function words: they carry no evidence that two quotations report the same utterance.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each even ever every few for from further get
    got had has have having he her here hers herself him himself his how i if in into is it its itself just
    let me more most much must my myself no nor not now of off on once only or other our ours ourselves out
    over own quite rather really same shall she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up upon us very was we were what
    when where whether which while who whom whose why will with within without would yes yet you your yours
    yourself yourselves one 1 mr mrs ms said say says going go well like think know see want thing things
    way lot many people""".split()
)


def is_content(norm: str) -> bool:
    """Whether a normalised word carries meaning of its own (not a function word, not a marker)."""
    return norm not in STOPWORDS and norm not in ("…", "[]") and (len(norm) > 1 or norm.isdigit())
