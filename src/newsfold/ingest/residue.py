"""Scraping residue at the edges of plain text: bylines, share/follow prompts, credits, copyright lines.

Only whole lines at the very start or end of the text are considered, and scanning stops at the first
line that is not residue, so nothing inside the article is ever touched. A line is residue when it
matches one of the known shapes below, or (at the end only) when it is a short title-cased line with no
sentence punctuation that names a newsroom role ("Head of Investigations", optionally under a name
line), right after the article's last sentence. A line
ending with a closing quotation mark, or a long line, is article text.
"""

from __future__ import annotations

import re

from newsfold.models import Span

_MAX_LEAD_LINES = 5
_MAX_TRAIL_LINES = 6
_MAX_PATTERN_LEN = 200

_NAME = r"[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|de|van|von|der|la|le|bin|al))*"
_SOCIAL = r"(?i:twitter|x|facebook|instagram|threads|bluesky|linkedin|tiktok|youtube)"
_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?"
    r"|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?"
)
# A date or time stamp: digits, month and day names, a.m./p.m., time zones, "3 hours ago".
_STAMP_TOKEN = (
    rf"(?:\d[\d:/.,-]*|{_MONTH}|[ap]\.?m\.?|(?i:[a-z]{{0,2}}[sd]t|gmt|utc|et|pt|ct)"
    r"|ago|on|at|hours?|hrs?|minutes?|mins?|days?|weeks?|[|,•·–—-])"
)
_STAMP = rf"{_STAMP_TOKEN}(?:\s+{_STAMP_TOKEN})*"

# Residue at either edge. Matched against the whole stripped line; a final period is optional.
_EITHER = [
    r"(?i:advertisements?|sponsored(?: content)?|story continues below(?: advertisement)?)",
    r"(?i:share (?:this|the) (?:article|story|page|post)\b.*|share on \w+\b.*)",
    rf"(?i:follow) (?:(?i:us|me|him|her|them)|{_NAME}) (?i:on) {_SOCIAL}\b.*",
    rf"{_SOCIAL}\s*:\s*@\w+.*",
    r"(?i:sign up\b.*\b(?:newsletters?|e-?mails?|alerts?|updates|briefing|digest|here|today|now|free)\b.*)",
    r"(?i:subscribe\b.*\b(?:newsletters?|today|now|here|channel|podcast|free|subscription)\b.*)",
    r"(?i:click here\b.*|continue reading\b.*|(?:read|see) more\s*(?:[:>»].*|here|at .*|on .*)?)",
    r"(?i:read the (?:rest|full|original|complete|whole)\b.*)",
    r"(?:©|\((?i:c)\)|(?i:copyright\b)).*",
    r"(?i:.*\ball rights reserved\b.*)",
    r"(?i:(?:images?|photos?|photograph|pictures?|videos?|captions?|illustration|graphic)"
    r"(?: credits?)?\s*:.*)",
    r"(?i:[^.!?]{0,80}(?:/\s*|\b)(?:getty images|shutterstock|alamy)\)?)",
    r"\((?i:ap|afp|reuters|epa)(?i: photo)?\s*/[^)]*\)",
    r"\(?(?i:reporting|writing|additional reporting|compiled|editing|edited) by\b.*",
    r"[-–—\s]*(?i:additional reporting (?:by|from)\b.*)",
    r"(?i:contributing\s*:.*)",
    r"[^!?]{0,120}\b(?i:contributed (?:reporting|to this (?:report|article|story))(?: from .*)?)",
    r"(?i:this (?:article|story|report|post|piece) (?:originally |first |also |has (?:also )?been |was |is )*"
    r"(?:appeared|published|updated|corrected|republished|adapted)\b.*)",
    rf"(?i:(?:last )?(?:updated|published|posted|modified))\s*:?\s*{_STAMP}",
]
# Residue at the end only: the press-release wire's closing "SOURCE Company Name".
_TRAILING = [r"SOURCE [A-Z][^.!?]{0,80}"]
# Residue at the start only.
_LEADING = [
    rf"(?i:by)\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*(?:\s*[,|/–—-]\s*{_NAME})?",
]

_EITHER_RE = [re.compile(p) for p in _EITHER]
_LEADING_RE = [re.compile(p) for p in _LEADING]
_TRAILING_RE = [re.compile(p) for p in _TRAILING]

# A title-cased closing line is only a signature when it names a newsroom role; otherwise it may be the
# writer's own sign-off ("Go Colts") and belongs to the article.
_ROLE_WORDS = {
    "editor",
    "correspondent",
    "reporter",
    "writer",
    "columnist",
    "contributor",
    "analyst",
    "producer",
    "director",
    "head",
    "chief",
    "bureau",
    "desk",
    "staff",
    "investigations",
    "photographer",
    "presenter",
    "anchor",
    "journalist",
    "critic",
    "commentator",
    "newsroom",
}

_SMALL_WORDS = {"of", "and", "the", "for", "at", "in", "on", "to", "&", "de", "du", "von", "van"}
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", "»", ")")
_CLOSING_QUOTES = ('"', "”", "’", "'", "»")


def _matches(patterns: list[re.Pattern[str]], line: str) -> bool:
    if len(line) > _MAX_PATTERN_LEN or line.endswith(_CLOSING_QUOTES):
        return False
    core = line[:-1] if line.endswith(".") else line
    return any(p.fullmatch(core) or p.fullmatch(line) for p in patterns)


def _signature_like(line: str) -> bool:
    """A short title-cased line with no sentence punctuation and no digits: "Head of Investigations"."""
    words = line.split()
    if not 1 <= len(words) <= 6 or len(line) > 50 or line.endswith((".", "!", "?", ":", ";", ",")):
        return False
    if line.endswith(_CLOSING_QUOTES) or any(ch.isdigit() for ch in line):
        return False
    if not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)


def _names_role(line: str) -> bool:
    return any(w.lower() in _ROLE_WORDS for w in re.split(r"[\s-]+", line))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, stripped of surrounding whitespace."""
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            start = pos + (len(raw) - len(raw.lstrip()))
            out.append((start, start + len(stripped)))
        pos += len(raw)
    return out


def find_residue(text: str) -> tuple[tuple[int, int], list[Span]]:
    """Find residue lines at the edges of `text`; return (body range, residue spans in text order).

    The body range excludes the residue and the whitespace around it, so `text[start:end]` begins and
    ends with article text.
    """
    lines = _lines(text)
    lead = 0
    while lead < min(len(lines), _MAX_LEAD_LINES):
        s, e = lines[lead]
        line = text[s:e]
        if not (_matches(_EITHER_RE, line) or _matches(_LEADING_RE, line)):
            break
        lead += 1
    trail = len(lines)
    signature_end: int | None = None  # the lowest line that no residue pattern matched
    while trail > lead and len(lines) - trail < _MAX_TRAIL_LINES:
        s, e = lines[trail - 1]
        line = text[s:e]
        if signature_end is None and (_matches(_EITHER_RE, line) or _matches(_TRAILING_RE, line)):
            trail -= 1
            continue
        if signature_end is None:
            signature_end = trail - 1
        if _signature_line(text, lines, trail - 1, lead, signature_end):
            trail -= 1
        else:
            break
    residue = [Span(s, e, text[s:e]) for s, e in lines[:lead] + lines[trail:]]
    body_start = lines[lead][0] if lead < len(lines) else (lines[-1][1] if lines else 0)
    body_end = lines[trail - 1][1] if trail > lead else body_start
    return (body_start, body_end), residue


def _signature_line(text: str, lines: list[tuple[int, int]], i: int, lead: int, last: int) -> bool:
    """Whether line `i` belongs to a closing signature: a role line ("Head of Investigations") as line
    `last`, optionally under a name line, right after a line that ends a sentence."""

    def line(k: int) -> str:
        return text[lines[k][0] : lines[k][1]]

    if i not in (last, last - 1) or not (_signature_like(line(last)) and _names_role(line(last))):
        return False
    if not _signature_like(line(i)):
        return False
    above = i - 1
    if i == last and above > lead and _signature_like(line(above)):
        above -= 1  # a name line between the article and the role line
    return above >= lead and line(above).endswith(_SENTENCE_END)
