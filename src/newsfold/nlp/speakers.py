"""Resolve speaker mentions within one article to people and organisations.

"Vladimir Putin", "Putin", "Mr Putin", "Russian President Vladimir Putin", "the Russian president" and
"he" become one person. Names are keyed by their last word; titles are learnt from the article itself
(the words before a name, "French President Emmanuel Macron", and appositions, "Emmanuel Macron, the
French president,"), so a later "the French president" finds its person. Pronouns go to the most
recent person who was the subject of a sentence, failing that the most recent person named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Person, Span

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "rev", "gen", "sen",
              "rep", "gov", "lt", "col", "capt", "sgt", "adm", "messrs", "mx", "madam", "mister"}
TITLE_WORDS = {
    "president", "prime", "minister", "chancellor", "secretary", "general", "secretary-general", "senator",
    "governor", "mayor", "spokesman", "spokeswoman", "spokesperson", "leader", "chief", "director",
    "chairman", "chairwoman", "chair", "ceo", "head", "ambassador", "king", "queen", "prince", "princess",
    "pope", "judge", "justice", "attorney", "speaker", "representative", "congressman", "congresswoman",
    "commissioner", "officer", "official", "aide", "adviser", "advisor", "candidate", "nominee", "vice",
    "deputy", "foreign", "defense", "defence", "state", "sheriff", "captain", "colonel", "lieutenant",
    "sergeant", "professor", "economist", "analyst", "strategist", "manager", "founder", "executive",
    "commander", "envoy", "emir", "sultan", "premier", "majority", "minority", "house", "senate", "white",
    "press", "campaign", "former", "then", "us", "uk", "eu", "un", "russian", "french", "german", "british",
    "ukrainian", "american", "chinese", "democratic", "republican", "gop", "interior", "finance", "economy",
    "health", "energy", "trade", "transport", "education", "environment", "labour", "labor", "union",
    "opposition", "party", "national", "regional", "city", "county", "district", "senior", "acting",
    # roles written before a name as titles are: "rival Hillary Clinton", "Democrat Tim Kaine"
    "rival", "democrat", "independent", "challenger", "incumbent", "opponent", "contender", "hopeful",
    "activist", "author", "actor", "actress", "singer", "comedian", "host", "anchor", "reporter",
    "correspondent", "columnist", "commentator", "pollster", "billionaire", "businessman", "businesswoman",
    "mogul", "tycoon", "lawmaker", "presidential", "gubernatorial", "congressional", "pastor", "reverend",
    "rabbi", "imam", "bishop",
}
# Words that make a title another office than the bare title: "the president" is not the vice president.
QUALIFIERS = {"former", "then", "vice", "deputy", "ex", "acting", "assistant", "lieutenant", "late",
              "outgoing", "incoming", "co", "past"}
# How far back (characters) a new definite title looks for the person it describes: about two sentences.
# Chosen on the bundled example; on PolNeAR train it turns 2 quoted speakers right and none wrong,
# on dev it changes none.
RECENT_SUBJECT_CHARS = 300
# How far back (characters) a pronoun looks for its person before falling back to anyone named earlier.
PRONOUN_WINDOW = 1500
# Common given names whose bearers are usually one gender, so "she" does not go to a man named just
# before; a pronoun only teaches a person's gender when no one else was named nearby.
GIVEN_NAMES = {**dict.fromkeys("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra
ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura
cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine debra
rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina
lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara
janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia
marie diana brittany natalie isabella charlotte rose alexis kayla hillary chelsea melania ivanka nikki loretta
condoleezza sonia elena ruth nancy kellyanne huma hope sheryl carly elise kirsten claire tammy jeanne jill
michele marsha dianne barbara kamala ilhan angela theresa marine ursula christine federica jacinda ana olga
ilse nadia mira
""".split(), "f"), **dict.fromkeys("""
james robert john michael william david richard joseph thomas charles christopher daniel matthew anthony mark
donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob
gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory frank alexander raymond
patrick jack dennis jerry tyler aaron jose adam henry nathan douglas zachary peter kyle walter ethan jeremy
harold keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan
billy bruce albert willy gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis
bobby philip johnny barack bill bernie ted marco jeb chris mike mitt newt rudy rand ben tim mitch harry chuck
nick hugh rush sean reince vladimir emmanuel boris xi recep benjamin justin narendra shinzo angus piet tomas
anton marc
""".split(), "m")}
PRONOUN_PEOPLE = {"he", "she", "him", "her", "his", "i"}
PRONOUN_GROUPS = {"they", "we", "them", "their", "it", "its"}
RELATIVES = {"who", "which", "that"}
_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_PRECEDING_TITLE = re.compile(r"(?:^|[\s(])(?:the|a|an|his|her|its|their|[A-Z][\w.]*['’]s)\s+"
                              r"([a-z][^,;.\n“”\"]{2,60}?),\s*$")
_QUALIFIER_BEFORE = re.compile(r"\b(" + "|".join(sorted(QUALIFIERS)) + r")[\s-]+$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z.'’\-]*")


def _words(text: str) -> list[str]:
    return [w.strip(".").replace("’", "'") for w in _WORD.findall(text)]


def _norm(w: str) -> str:
    return w.lower().replace(".", "")


def _after_titles(words: list[str]) -> list[str]:
    """The name after the last title word: "Union leader Piet Varga" gives Piet Varga."""
    last = max((i for i, w in enumerate(words) if _norm(w) in TITLE_WORDS or _norm(w) in HONORIFICS),
               default=-1)
    return words[last + 1 :] if last + 1 < len(words) else words


def _strip_possessive(w: str) -> str:
    return re.sub(r"('s|')$", "", w)


@dataclass
class _Entry:
    person: Person
    surname: str
    first: str | None = None
    titles: set[str] = field(default_factory=set)
    last_seen: int = -1
    last_subject: int = -1
    gender: str | None = None


class Resolver:
    """Builds the article's people from names it sees, then maps mentions to them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entries: list[_Entry] = []
        self.by_surname: dict[str, _Entry] = {}
        self.groups: dict[str, _Entry] = {}
        # (offset, entry, was_subject) for every name seen, to find pronoun antecedents
        self.timeline: list[tuple[int, _Entry, bool]] = []

    # -- learning ------------------------------------------------------------------------------
    def add_name(self, start: int, end: int, kind: str = "person", subject: bool = False) -> _Entry | None:
        """Record a name seen at `text[start:end]` ("Russian President Vladimir Putin")."""
        raw = self.text[start:end]
        words = [_strip_possessive(w) for w in _words(raw)]
        words = [w for w in words if w]
        if not words:
            return None
        lead = len(words) - len(_after_titles(words))
        titles = [_norm(w) for w in words[:lead]]
        words = words[lead:]
        while words and (words[0].lower() in TITLE_WORDS or words[0].lower() in HONORIFICS
                         or words[0].islower()):
            titles.append(words.pop(0).lower())
        if not words:
            return None
        if kind != "person":
            key = " ".join(w.lower() for w in words)
            entry = self.groups.get(key) or self.by_surname.get(words[-1].lower())
            if entry is None:
                entry = self._new(" ".join(words), kind, key)
                self.groups[key] = entry
        else:
            surname = words[-1].lower()
            entry = self.by_surname.get(surname)
            if entry is None:
                entry = self._new(" ".join(words), kind, surname)
                self.by_surname[surname] = entry
            elif len(words) > len(entry.person.name.split()) and entry.person.kind == "person":
                entry.person.name = " ".join(words)
            if len(words) > 1:
                entry.first = words[0]
                if entry.gender is None:
                    entry.gender = GIVEN_NAMES.get(words[0].lower())
        honorific = [t for t in titles if t in HONORIFICS]
        if honorific:
            entry.gender = {"mr": "m", "sir": "m", "lord": "m", "mister": "m", "mrs": "f", "ms": "f",
                            "miss": "f", "dame": "f", "lady": "f",
                            "madam": "f"}.get(honorific[0], entry.gender)
        before = _QUALIFIER_BEFORE.search(self.text[max(0, start - 20) : start])
        if before and titles:
            # "former President Piet Varga", with "former" outside the name
            titles.insert(0, before.group(1).lower())
        title = " ".join(t for t in titles if t not in HONORIFICS)
        if title:
            entry.titles.add(title)
        self._learn_apposition(end, entry)
        self._learn_preceding_apposition(start, entry)
        entry.person.mentions.append(Span(start, end, raw))
        self.timeline.append((start, entry, subject))
        return entry

    def _new(self, name: str, kind: str, key: str) -> _Entry:
        person = Person(id=f"p{len(self.entries) + 1}", name=name, kind=kind)  # type: ignore[arg-type]
        entry = _Entry(person=person, surname=key)
        self.entries.append(entry)
        return entry

    def _learn_apposition(self, end: int, entry: _Entry) -> None:
        m = re.match(r",\s+(?:the|a|an|his|her|its|their)\s+([^,;.\n]{3,60}?)\s*[,;.]",
                     self.text[end : end + 80])
        if m and not re.search(r"\b(said|says|who|which|that)\b", m.group(1)):
            entry.titles.add(m.group(1).lower().replace("’", "'"))

    def _learn_preceding_apposition(self, start: int, entry: _Entry) -> None:
        """ "the interior minister, Anton Sereda,": a description just before the name is a title of it."""
        m = _PRECEDING_TITLE.search(self.text[max(0, start - 80) : start])
        if m and not re.search(r"\b(said|says|who|which|that|and|or)\b", m.group(1)):
            entry.titles.add(m.group(1).lower().replace("’", "'"))

    def note_pronoun(self, start: int, gender: str) -> None:
        """A pronoun that already resolved tells the entry's gender; nothing else to learn here."""

    # -- resolving -----------------------------------------------------------------------------
    def resolve(self, start: int, end: int, head: tuple[int, int] | None,
                subject: bool = True) -> Person | None:
        """The person a speaker mention refers to, learning it when it is a new name."""
        raw = self.text[start:end]
        if raw.lower() in RELATIVES and head and head != (start, end):
            # "McConnell, who said": a relative pronoun's head is the mention it stands for
            return self.resolve(head[0], head[1], None, subject)
        head_text = self.text[head[0] : head[1]] if head else raw
        low = head_text.lower()
        if low in PRONOUN_PEOPLE:
            entry = self._antecedent(start, _GENDER.get(low))
            if entry is not None:
                if entry.gender is None and low in _GENDER and self._alone(start, entry):
                    entry.gender = _GENDER[low]  # learnt only when no one else could be meant
                self.timeline.append((start, entry, subject))
                return entry.person
            return None
        if low in PRONOUN_GROUPS:
            entry = self._antecedent(start, None, groups=True)
            return entry.person if entry else None
        words = [_strip_possessive(w) for w in _words(raw)]
        names = [w for w in words
                 if w[:1].isupper() and _norm(w) not in TITLE_WORDS and _norm(w) not in HONORIFICS
                 and _norm(w) not in ("the", "a", "an")]
        names = [w for w in _after_titles(words) if w in names] or names
        if names:
            surname = names[-1].lower()
            entry = self.by_surname.get(surname)
            if entry is not None and not (len(names) == 1 and raw.lower().startswith(("the ", "a ", "an "))):
                entry.person.mentions.append(Span(start, end, raw))
                self.timeline.append((start, entry, subject))
                if len(names) > len(entry.person.name.split()):
                    entry.person.name = " ".join(names)
                return entry.person
        described = self._by_title(raw, start)
        if described is not None:
            described.person.mentions.append(Span(start, end, raw))
            self.timeline.append((start, described, subject))
            return described.person
        if names and not raw.lower().startswith(("a ", "an ")):
            kind = ("person" if len(names) >= 1 and head_text[:1].isupper() and raw.lower()[:4] != "the "
                    else "org")
            entry = self.add_name(start, end, kind=kind, subject=subject)
            return entry.person if entry else None
        recent = self._recent_subject(raw, start)
        if recent is not None:
            recent.titles.add(" ".join(w.lower() for w in _words(raw)[1:]))
            recent.person.mentions.append(Span(start, end, raw))
            self.timeline.append((start, recent, subject))
            return recent.person
        # a description with no name ("a source", "officials"): its own speaker, by its words
        key = raw.lower().strip()
        entry = self.groups.get(key)
        if entry is None:
            entry = self._new(raw.strip(), "unknown", key)
            self.groups[key] = entry
        entry.person.mentions.append(Span(start, end, raw))
        return entry.person

    def _antecedent(self, pos: int, gender: str | None, groups: bool = False) -> _Entry | None:
        """The most recent person before `pos` who was a subject (failing that, named) with a fitting
        gender."""
        def fits(e: _Entry) -> bool:
            if groups:
                return e.person.kind in ("org", "group")
            return e.person.kind == "person" and (gender is None or e.gender in (None, gender))

        before = [(off, e, subj) for off, e, subj in self.timeline if off < pos and fits(e)]
        if not before:
            return None
        window = [t for t in before if pos - t[0] < PRONOUN_WINDOW]
        subjects = [t for t in window if t[2]]
        pick = (subjects or window or before)[-1]
        return pick[1]

    def _alone(self, pos: int, entry: _Entry) -> bool:
        """Whether `entry` is the only person named in the stretch a pronoun at `pos` looks back over."""
        return all(e is entry for off, e, _ in self.timeline
                   if pos - PRONOUN_WINDOW < off < pos and e.person.kind == "person")

    def _by_title(self, raw: str, pos: int) -> _Entry | None:
        """The person a description ("the French president") names, by the titles learnt so far.

        A title with a qualifier the description lacks is another office: "the president" is not the
        vice president nor the former president. The most recent person whose title holds every word
        of the description wins; failing that, the first whose title holds its head word.
        """
        words = [w.lower() for w in _words(raw)]
        words = [w for w in words if w not in ("the", "a", "an", "his", "her", "its", "their")]
        if not words:
            return None
        head = words[-1]
        full = partial = None
        for off, entry, _ in self.timeline:
            if off >= pos:
                continue
            for title in entry.titles:
                tw = title.replace("-", " ").split()
                if head not in tw or any(q in tw and q not in words for q in QUALIFIERS):
                    continue
                if all(w in tw for w in words):
                    full = entry
                elif partial is None:
                    partial = entry
        return full or partial

    def _recent_subject(self, raw: str, pos: int) -> _Entry | None:
        """ "Tomas Brell, who leads the union, said … The union leader had a blunt message": a definite
        title no one holds yet names the person who was last the subject, if that was lately."""
        words = [w.lower() for w in _words(raw)]
        if len(words) < 2 or words[0] != "the" or words[-1] not in TITLE_WORDS or any(w[:1].isupper() for w in
                                                                                     _words(raw)[1:]):
            return None
        near = [(off, e) for off, e, subj in self.timeline
                if subj and pos - RECENT_SUBJECT_CHARS < off < pos and e.person.kind == "person"]
        return near[-1][1] if near else None

    def people(self) -> list[Person]:
        return [e.person for e in self.entries if e.person.mentions]

    def titles_of(self, person: Person) -> list[str]:
        for e in self.entries:
            if e.person is person:
                return sorted(e.titles)
        return []
