"""Resolve speaker mentions within one article to the people, organisations and groups of the article.

"Robert S. Mueller III", "Mueller", "Mr. Mueller", "the special counsel" and "he" become one person,
named as fully as the article names him. Names are keyed by their family name (the last word that is
not a suffix; "Mr. Kim" also finds "Kim Jong-un", whose family name comes first); titles are learnt from
the article itself (the words before a name, "French President Emmanuel Macron", and appositions,
"Emmanuel Macron, the French president,"), so a later "the French president" finds its person.
Pronouns go to the most recent person of a fitting gender and number who was the subject of a
sentence, failing that the most recent person named. A document ("the lawsuit", "a statement from
…") speaks for its author or issuing body when the article names one; "A, B and C said" is one group,
which a later "they" or "the chairmen" finds. What names no one ("one question", a dateline) gives no
person: unknown beats wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Person, Span
from .names import (
    DOCUMENT_WORDS,
    GIVEN_NAMES,
    HONORIFICS,
    ORG_WORDS,
    QUALIFIERS,
    TITLE_WORDS,
    Name,
    is_capitalised,
    norm,
    parse_name,
    parse_org,
    words_of,
)

# How far back (characters) a new definite title looks for the person it describes: about two sentences.
# Chosen on the bundled example; on PolNeAR train it turns 2 quoted speakers right and none wrong,
# on dev it changes none.
RECENT_SUBJECT_CHARS = 300
# How far back (characters) a pronoun looks for its person before falling back to anyone named earlier.
PRONOUN_WINDOW = 1500
PRONOUN_PEOPLE = {"he", "she", "him", "her", "his", "i"}
PRONOUN_GROUPS = {"they", "we", "them", "their", "it", "its"}
PLURAL_PRONOUNS = {"they", "we", "them", "their"}
RELATIVES = {"who", "which", "that"}
_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
# Words that stand in a speaker's place but name no one: "one question asks", "another said", "some say".
NO_ONE = {"one", "another", "some", "others", "other", "this", "that", "these", "those", "all", "both",
          "none", "many", "few", "most", "each", "either", "neither", "something", "nothing", "everyone",
          "anyone", "someone", "nobody", "everybody", "it", "there", "what", "which", "such"}
# A party-and-state tag after a lawmaker's name ("Bob Roe, R-Va.,"): no one's name.
_PARTY_TAG = re.compile(r"^\(?[RDI]-[A-Z][A-Za-z.]*\)?$")
# Where a document names its author: "a statement from A and B", "the report, by C".
_ISSUER_AFTER = re.compile(r"^,?\s+(?:issued\s+|released\s+|signed\s+|written\s+|sent\s+)?(?:from|by)\s+"
                           r"((?:[^.;:!?“”\"()\n]|\.(?!\s+[A-Z“\"]|\s*$))+)")
_CUE_IN_ISSUER = re.compile(r"\s(?:said|says|read|reads|stated|states|added|wrote|writes|noted|argued|"
                            r"claimed|declared|warned|called|accused|show|shows|showed)\b")
# Document words that name the same document: "the suit" is the lawsuit filed earlier.
_DOCUMENT_FAMILIES = [{"suit", "lawsuit", "complaint", "filing", "motion", "petition", "brief"},
                      {"statement", "statements", "release", "announcement", "declaration", "communique",
                       "communiqué", "readout"},
                      {"memo", "memos", "memorandum", "document", "documents", "letter"},
                      {"report", "reports", "study", "survey", "poll"},
                      {"tweet", "tweets", "post", "message"}]
# a full stop after a lone capital is an initial ("Robert S. Mueller"), after a title an abbreviation
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bSt)"
                           r"[.!?]\s+(?=[A-Z“\"])|\n")


def _family(word: str) -> set[str]:
    for fam in _DOCUMENT_FAMILIES:
        if word in fam:
            return fam
    return {word}


def _initials(words: tuple[str, ...] | list[str]) -> str:
    caps = [w for w in words if is_capitalised(w) and norm(w) not in ("of", "the", "and", "for")]
    return "".join(w[0].lower() for w in caps) if len(caps) >= 2 else ""


@dataclass
class _Entry:
    person: Person
    surname: str
    first: str | None = None
    titles: set[str] = field(default_factory=set)
    gender: str | None = None
    members: list[_Entry] = field(default_factory=list)  # a group's people
    weak: bool = False  # known only from runs of capitalised words, never from the parse
    core_len: int = 0  # words in the fullest name seen, suffix left out


class Resolver:
    """Builds the article's people from names it sees, then maps mentions to them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entries: list[_Entry] = []
        # family name -> the people of the article who bear it ("Melania Trump", "Donald Trump")
        self.by_surname: dict[str, list[_Entry]] = {}
        self.by_first: dict[str, _Entry] = {}
        self.by_initials: dict[str, _Entry] = {}
        self.groups: dict[str, _Entry] = {}
        # (offset, entry, was_subject) for every name seen, to find pronoun antecedents
        self.timeline: list[tuple[int, _Entry, bool]] = []

    # -- learning ------------------------------------------------------------------------------
    def add_name(self, start: int, end: int, kind: str = "person", subject: bool = False,
                 weak: bool = False, others: tuple[_Entry, ...] = ()) -> _Entry | None:
        """Record a name seen at `text[start:end]` ("Russian President Vladimir Putin"); `weak` when it
        is only a run of capitalised words, not a name the parse found (a headline's "Comey Memos")."""
        raw = self.text[start:end]
        if kind == "person" and self._is_group(raw):
            return self.add_group(start, end, subject=subject)
        name = parse_name(raw) if kind == "person" else parse_org(raw)
        if name is None:
            return None
        if kind != "person" or name.core[-1].isupper() and len(name.core) == 1 and len(name.core[-1]) > 1:
            entry = self._org(name, start, kind if kind != "person" else "org")
        else:
            entry = self._person(name, start, weak, others)
        titles = list(name.titles)
        before = re.search(r"\b(" + "|".join(sorted(QUALIFIERS)) + r")[\s-]+$",
                           self.text[max(0, start - 20): start], re.IGNORECASE)
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

    def _person(self, name: Name, start: int, weak: bool = False, others: tuple[_Entry, ...] = ()) -> _Entry:
        """The entry of a person's name, learning it; `others` are people the name cannot be (the other
        members of a list it stands in: "President Roe and Ann Roe" are two people)."""
        entry = self._find_person(name)
        if entry in others:
            entry = None
        as_written = self.text[start + name.start: start + name.end]
        if entry is None:
            entry = self._new(as_written, "person", name.family)
            entry.weak = weak
            entry.first = name.first
            self.by_surname.setdefault(name.family, []).append(entry)
        elif len(name.core) > entry.core_len and entry.person.kind == "person":
            entry.person.name = as_written
        entry.weak = entry.weak and weak
        if len(name.core) > 1:
            entry.first = name.first
            if not weak:
                self.by_first.setdefault(name.first or "", entry)
        entry.core_len = max(entry.core_len, len(name.core))
        if name.honorific and entry.gender is None or name.gender and entry.gender is None:
            entry.gender = name.gender
        return entry

    def _find_person(self, name: Name) -> _Entry | None:
        """The known person a name names: by family name, told apart by the given name when two share it
        (a bare "Mr. Trump" is the man of the family most spoken of), else a name whose family name comes
        first ("Mr. Kim" for "Kim Jong-un")."""
        bearers = [e for e in self.by_surname.get(name.family, []) if e.person.kind == "person"]
        if bearers:
            if name.first is not None:
                same = [e for e in bearers if e.first == name.first or e.first is None
                        and (name.gender is None or e.gender in (None, name.gender))]
                return next((e for e in same if e.first == name.first), same[0] if same else None)
            gender = name.gender
            fitting = [e for e in bearers if gender is None or e.gender in (None, gender)]
            if not fitting:
                return None  # "Mr. Trump" after "Melania Trump": another person of the family
            title = " ".join(t for t in name.titles if t not in HONORIFICS)
            titled = [e for e in fitting if title and title in e.titles]
            if len(titled) == 1:
                return titled[0]  # "President Roe" after "President Roe and Melania Roe"
            return max(fitting, key=lambda e: (len(e.person.mentions), -self.entries.index(e)))
        if len(name.core) == 1:
            # "Mr. Kim" after "Kim Jong-un": a name whose family name comes first
            first = self.by_first.get(name.family)
            if first is not None and first.person.kind == "person":
                return first
        return None

    def _org(self, name: Name, start: int, kind: str) -> _Entry:
        key = " ".join(norm(w) for w in name.words)
        entry = self.groups.get(key) or self.by_initials.get(key)
        if entry is None and len(name.words) == 1:
            entry = next(iter(self.by_surname.get(key, [])), None)
        if entry is None:
            # an organisation keeps the article it is written with: "The Velm Herald"
            lead = 4 if self.text[max(0, start + name.start - 4): start + name.start] == "The " else 0
            entry = self._new(self.text[start + name.start - lead: start + name.end], kind, key)
            self.groups[key] = entry
            if initials := _initials(name.words):
                self.by_initials.setdefault(initials, entry)
        return entry

    @staticmethod
    def _is_group(raw: str) -> bool:
        return bool(re.search(r"\s(?:and|&)\s", raw)) and len(Resolver._group_parts(raw)) >= 2

    @staticmethod
    def _group_parts(raw: str) -> list[tuple[int, int]]:
        """The offsets of each person's part of "A, B and C" (titles and party tags aside)."""
        parts: list[tuple[int, int]] = []
        pos = 0
        for m in re.finditer(r"[,;]\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", raw + ","):
            piece = raw[pos: m.start()]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece and not _PARTY_TAG.match(piece):
                name = parse_name(piece)
                if name is None:
                    return []
                parts.append((pos + lead, pos + lead + len(piece)))
            pos = m.end()
        return parts

    def add_group(self, start: int, end: int, subject: bool = False) -> _Entry | None:
        """ "A, B and C": each one a person of the article, and the three of them one group."""
        raw = self.text[start:end]
        members = []
        for s, e in self._group_parts(raw):
            member = self.add_name(start + s, start + e, subject=False, others=tuple(members))
            if member is not None and member not in members:
                members.append(member)
        if len(members) < 2:
            return members[0] if members else None
        key = "group:" + "|".join(m.surname for m in members)
        entry = self.groups.get(key)
        if entry is None:
            names = [m.person.name for m in members]
            entry = self._new(", ".join(names[:-1]) + " and " + names[-1], "group", key)
            entry.members = members
            self.groups[key] = entry
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
                     self.text[end: end + 80])
        if m and not re.search(r"\b(said|says|who|which|that)\b", m.group(1)):
            entry.titles.add(m.group(1).lower().replace("’", "'"))

    def _learn_preceding_apposition(self, start: int, entry: _Entry) -> None:
        """ "the interior minister, Anton Sereda,": a description just before the name is a title of it."""
        m = _PRECEDING_TITLE.search(self.text[max(0, start - 80): start])
        if m and not re.search(r"\b(said|says|who|which|that|and|or)\b", m.group(1)):
            entry.titles.add(m.group(1).lower().replace("’", "'"))

    def note_known(self, start: int, end: int) -> None:
        """Learn, in a paragraph that is not parsed, where people already known are named by their family
        name alone ("Trump appeared skeptical."), so that a later "he" finds the person last spoken of; a
        name opening a sentence counts as its subject."""
        for s, _, w in words_of(self.text[start:end]):
            if not is_capitalised(w):
                continue
            bearers = self.by_surname.get(norm(w), [])
            entry = max(bearers, key=lambda e: len(e.person.mentions)) if bearers else None
            if entry is None or entry.person.kind != "person" or entry.weak:
                continue
            at = start + s
            before = self.text[max(0, at - 3): at]
            opening = at == start or bool(re.search(r"(?:[.!?][”\"]?\s+|\n\s*)$", before))
            self.timeline.append((at, entry, opening))
        self.timeline.sort(key=lambda t: t[0])

    def note_pronoun(self, start: int, gender: str) -> None:
        """A pronoun that already resolved tells the entry's gender; nothing else to learn here."""

    # -- resolving -----------------------------------------------------------------------------
    def resolve(self, start: int, end: int, head: tuple[int, int] | None,
                subject: bool = True, proper: bool | None = None) -> Person | None:
        """The person a speaker mention refers to, learning it when it is a new name; None when the
        mention names no one. `proper` is False when the parse says the head word is a common noun
        ("Aides said", capitalised only because it opens the sentence)."""
        raw = self.text[start:end]
        if raw.lower() in RELATIVES and head and head != (start, end):
            # "McConnell, who said": a relative pronoun's head is the mention it stands for
            return self.resolve(head[0], head[1], None, subject)
        head_text = self.text[head[0]: head[1]] if head else raw
        low = norm(head_text)
        if low in PRONOUN_PEOPLE:
            entry = self._antecedent(start, _GENDER.get(low))
            if entry is not None:
                if entry.gender is None and low in _GENDER and self._alone(start, entry):
                    entry.gender = _GENDER[low]  # learnt only when no one else could be meant
                self.timeline.append((start, entry, subject))
                return entry.person
            return None
        if low in PRONOUN_GROUPS:
            entry = self._antecedent(start, None, groups=True, plural=low in PLURAL_PRONOUNS)
            return entry.person if entry else None
        words = [w for _, _, w in words_of(raw)]
        if not words or all(norm(w) in NO_ONE or norm(w) in ("the", "a", "an") for w in words):
            return None
        if len(words) == 1 and raw.strip().isupper() and len(words[0]) > 3 and norm(words[0]) not in (
                self.by_initials.keys() | self.groups.keys() | self.by_surname.keys()):
            return None  # a dateline ("WASHINGTON —") or a shouted word, not a speaker
        doc_head = head_text if head is not None else words[-1]
        if norm(doc_head) in DOCUMENT_WORDS and doc_head[:1].islower():  # "Post" in a name is no document
            doc_word = norm(doc_head)
            return self._document(start, end, raw, doc_word, subject)
        return self._named_or_described(start, end, raw, head, head_text, subject, proper)

    def _named_or_described(self, start: int, end: int, raw: str, head: tuple[int, int] | None,
                            head_text: str, subject: bool, proper: bool | None = None) -> Person | None:
        described = head is not None and head_text[:1].islower() and head[0] > start
        if (proper is False and len(words_of(raw)) == 1 and not head_text.isupper()
                and not self.by_surname.get(norm(head_text))):
            # a common noun opening the sentence; not a known person's name the tagger took for a noun
            described = True
        name = None if described else parse_name(raw)
        if name is not None and self._is_group(raw):
            entry = self.add_group(start, end, subject)
            return entry.person if entry else None
        if name is not None:
            entry = self._find(name)
            bare_title = len(name.core) == 1 and raw.lower().startswith(("the ", "a ", "an "))
            if entry is not None and not (bare_title and not name.core[0].isupper()):
                entry.person.mentions.append(Span(start, end, raw))
                self.timeline.append((start, entry, subject))
                if entry.person.kind == "person" and len(name.core) > entry.core_len:
                    entry.person.name = raw[name.start: name.end]
                    entry.core_len = len(name.core)
                return entry.person
        described_entry = self._by_title(raw, start)
        if described_entry is not None:
            return self._seen(described_entry, start, end, subject)
        if _plural_description(raw):
            group = self._antecedent(start, None, groups=True, plural=True, people_only=True)
            if group is not None:
                group.person.mentions.append(Span(start, end, raw))
                return group.person
        if name is None and not described and head_text[:1].isupper() and proper is not False and (
                org := parse_org(raw)) is not None:
            # "the White House", "the Senate": a name made of title words is an organisation
            entry = self.add_name(start + org.start, start + org.end, kind="org", subject=subject)
            return entry.person if entry else None
        if name is not None and not raw.lower().startswith(("a ", "an ")):
            kind = "person" if raw.lower()[:4] != "the " else "org"
            entry = self.add_name(start, end, kind=kind, subject=subject)
            return entry.person if entry else None
        recent = self._recent_subject(raw, start)
        if recent is not None:
            recent.titles.add(" ".join(norm(w) for _, _, w in words_of(raw)[1:]))
            return self._seen(recent, start, end, subject)
        # a description with no name ("a source", "officials"): its own speaker, by its words
        return self._as_written(start, end, raw)

    def _seen(self, entry: _Entry, start: int, end: int, subject: bool) -> Person:
        """Record that `text[start:end]` names `entry`, as a pronoun may later need to know."""
        entry.person.mentions.append(Span(start, end, self.text[start:end]))
        self.timeline.append((start, entry, subject))
        return entry.person

    def _find(self, name: Name) -> _Entry | None:
        if len(name.core) == 1 and (name.core[0].isupper() or name.core[0].lower() in self.by_initials):
            entry = self.by_initials.get(norm(name.core[0]))
            if entry is not None:
                return entry
        person = self._find_person(name)
        if person is not None:
            return person
        key = " ".join(norm(w) for w in name.words)
        # a lone name that the tagger took for an organisation elsewhere ("the Trump administration")
        # still names a person when it speaks
        group = self.groups.get(key)
        if group is not None and (len(name.words) > 1 or group.person.kind != "org" or group.members):
            return group
        return None

    def _as_written(self, start: int, end: int, raw: str) -> Person:
        key = raw.lower().strip()
        entry = self.groups.get(key)
        if entry is None:
            entry = self._new(raw.strip(), "unknown", key)
            self.groups[key] = entry
        entry.person.mentions.append(Span(start, end, raw))
        return entry.person

    def _document(self, start: int, end: int, raw: str, doc_word: str, subject: bool) -> Person | None:
        """A document speaks for whoever issued it: the name inside the mention ("the White House
        statement", "Nielsen's statement"), the "from …"/"by …" after it, else the author of the same
        document where the article first mentions it ("The party filed a lawsuit …" for "the suit")."""
        words = words_of(raw)
        inside = [(s, e, w) for s, e, w in words[:-1]
                  if is_capitalised(w) and norm(w) not in ("the", "a", "an")
                  and norm(w) not in TITLE_WORDS - {"white", "house"}]
        if inside:
            s0, e0 = inside[0][0], inside[-1][1]
            entry = self._issuer(start + s0, start + e0, subject)
            if entry is not None:
                return entry.person
        m = _ISSUER_AFTER.match(self.text[end: end + 240])
        if m:
            issuer = m.group(1)
            cut = _CUE_IN_ISSUER.search(issuer)
            issuer = issuer[: cut.start()] if cut else issuer
            issuer = issuer.rstrip(" ,")
            s0 = end + m.start(1)
            entry = self._issuer(s0, s0 + len(issuer), subject)
            if entry is not None:
                return entry.person
        entry = self._earlier_issuer(start, doc_word)
        if entry is not None:
            return self._seen(entry, start, end, subject)
        return self._as_written(start, end, raw)

    def _issuer(self, start: int, end: int, subject: bool) -> _Entry | None:
        raw = self.text[start:end]
        if self._is_group(raw):
            return self.add_group(start, end, subject)
        name = parse_name(raw)
        if name is None:
            # "the White House statement": an issuer named by title words alone is an organisation
            org = parse_org(raw)
            if org is None:
                return None
            return self.add_name(start + org.start, start + org.end, kind="org", subject=subject)
        entry = self._find(name)
        if entry is None:
            low = raw.lower()
            kind = "org" if any(norm(w) in TITLE_WORDS | {"office"} for _, _, w in words_of(raw)) or (
                low.startswith("the ")) else "person"
            if name.core[-1].isupper():
                kind = "org"
            return self.add_name(start + name.start, start + name.end, kind=kind, subject=subject)
        entry.person.mentions.append(Span(start, end, raw))
        self.timeline.append((start, entry, subject))
        return entry

    def _earlier_issuer(self, pos: int, doc_word: str) -> _Entry | None:
        """Who issued the document where the article first mentions it: the subject of that sentence
        ("The party filed a lawsuit", "In its lawsuit, the party said"), else its first name before the
        document word."""
        family = _family(doc_word)
        pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(family)) + r")\b", re.IGNORECASE)
        for m in pattern.finditer(self.text, 0, pos):
            sent_start = max((s.end() for s in _SENTENCE_END.finditer(self.text, 0, m.start())), default=0)
            nxt = _SENTENCE_END.search(self.text, m.end())
            sent_end = min(nxt.start() if nxt else len(self.text), pos)
            issuers = [(off, e, subj) for off, e, subj in self.timeline
                       if sent_start <= off < sent_end and e.person.kind in ("person", "org", "group")]
            issuers.sort(key=lambda t: t[0])
            # who files a suit comes before it ("The party filed a lawsuit against A and B"): the names
            # after it are mostly whom it is against, so they count only when none comes before
            subjects = [e for off, e, subj in issuers if subj and off < m.start()]
            before = [e for off, e, _ in issuers if off < m.start()]
            after = [e for off, e, subj in issuers if subj and off >= m.start()]
            pick = subjects or before or after
            # only where the article first mentions it: a later mention ("the poll found …") is no
            # place where its author is introduced
            return pick[0] if pick else None
        return None

    def _antecedent(self, pos: int, gender: str | None, groups: bool = False, plural: bool = False,
                    people_only: bool = False) -> _Entry | None:
        """The most recent person before `pos` who was a subject (failing that, named) with a fitting
        gender; for "they", a group or an organisation."""
        def fits(e: _Entry) -> bool:
            if groups:
                if people_only:
                    return bool(e.members)
                return e.person.kind in ("org", "group") and (plural or e.person.kind == "org")
            return e.person.kind == "person" and (gender is None or e.gender in (None, gender))

        before = [(off, e, subj) for off, e, subj in self.timeline if off < pos and fits(e)]
        if not before:
            return None
        window = [t for t in before if pos - t[0] < PRONOUN_WINDOW]
        if groups and plural:
            # "they" is a group of people named lately before it is an organisation
            people = [t for t in window if t[1].members]
            window = people or window
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
        words = [norm(w) for _, _, w in words_of(raw)]
        words = [w for w in words if w not in ("the", "a", "an", "his", "her", "its", "their")]
        if not words:
            return None
        head = words[-1]
        if head in ORG_WORDS:
            # "the agency", "the committee": a body, never a person who heads one
            return self._org_by_word(head, pos)
        exact = full = partial = None
        for off, entry, _ in self.timeline:
            if off >= pos:
                continue
            for title in entry.titles:
                tw = title.replace("-", " ").split()
                if head not in tw or any(q in tw and q not in words for q in QUALIFIERS):
                    continue
                if tw == words:
                    exact = entry
                elif all(w in tw for w in words):
                    full = entry
                elif partial is None:
                    partial = entry
        # "the president" beside "President Roe" and "the French president Varga" is Roe: the one whose
        # title is the description itself, before one whose title says more
        return exact or full or partial

    def known_person(self, start: int, end: int) -> Person | None:
        """The person of the article a name names, without learning anything from it: for a headline's
        speaker, whom the tagger often takes for a modifier ("Roe signals openness …")."""
        name = parse_name(self.text[start:end])
        entry = self._find_person(name) if name is not None else None
        if entry is None or entry.person.kind != "person" or entry.weak:
            return None
        return self._seen(entry, start, end, True)

    def describe_late(self, start: int, end: int) -> Person | None:
        """The one person of the whole article a definite description names by title, wherever the
        article names them: "Velm's ambassador said …" before "Ambassador Ann Roe" comes up. None when
        no one or more than one person holds every word of the title."""
        raw = self.text[start:end]
        owned = re.match(r"^[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s\s", raw)  # "Velm's ambassador"
        definite = raw.lower().startswith("the ") or owned
        words = [norm(w) for _, _, w in words_of(re.sub(r"^.*['’]s\s+", "", raw))]
        words = [w for w in words if w not in ("the", "a", "an")]
        if not definite or not words or words[-1] not in TITLE_WORDS or words[-1] in ORG_WORDS:
            return None
        found = []
        for entry in self.entries:
            if entry.person.kind != "person" or entry in found:
                continue
            for title in entry.titles:
                tw = title.replace("-", " ").split()
                if all(w in tw for w in words) and not any(q in tw and q not in words for q in QUALIFIERS):
                    found.append(entry)
                    break
        if len(found) != 1:
            return None
        return self._seen(found[0], start, end, True)

    def _org_by_word(self, word: str, pos: int) -> _Entry | None:
        """The organisation named lately before `pos` whose name holds `word` ("the agency" for the
        International Harbour Agency)."""
        for off, entry, _ in reversed(self.timeline):
            if off < pos and entry.person.kind == "org" and word in (
                    norm(w) for w in entry.person.name.replace("-", " ").split()):
                return entry
        return None

    def _recent_subject(self, raw: str, pos: int) -> _Entry | None:
        """ "Tomas Brell, who leads the union, said … The union leader had a blunt message": a definite
        title no one holds yet names the person who was last the subject, if that was lately."""
        words = [w for _, _, w in words_of(raw)]
        if (len(words) < 2 or norm(words[0]) != "the" or norm(words[-1]) not in TITLE_WORDS
                or any(is_capitalised(w) for w in words[1:])):
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


_PRECEDING_TITLE = re.compile(r"(?:^|[\s(])(?:the|a|an|his|her|its|their|[A-Z][\w.]*['’]s)\s+"
                              r"([a-z][^,;.\n“”\"]{2,60}?),\s*$")


_CAP = r"[^\W\d_a-z][\w.'’\-]*"
_NAMEPART = rf"(?:{_CAP}\s+){{0,5}}{_CAP}"
_PARTY = r"(?:,\s*\(?[RDI]-[A-Za-z.]+\)?)"
# a list's names are parted by commas, or by semicolons when each carries its own party tag
# ("A, R-Va.; B, R-S.C.; and C, R-Calif., said")
# a later name may come with its own owner: "A and the country's Trade Minister B"
_OWNER = r"(?:(?:the|his|her|its|their)\s+)?(?:[\w-]+['’]s\s+)?"
_CONJ_AFTER = re.compile(rf"{_PARTY}?(?:[,;]\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+)({_OWNER}{_NAMEPART})")
_CONJ_BEFORE = re.compile(rf"({_NAMEPART}){_PARTY}?[,;]?\s+(?:and|&)\s+$")


def widen_to_group(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of "A, B and C" around a speaker mention that names one of them (the parse often hangs
    the verb on one name of the list): a list of two or more names joined by "and" (commas before it),
    titles and party tags allowed. A name after a bare comma is an apposition ("Ann Roe, Liberal
    Democrat"), not a list, unless an "and" closes the list."""
    if parse_name(text[start:end]) is None:
        return start, end
    pos, new_end, ends = end, end, []
    while ((m := _CONJ_AFTER.match(text, pos)) and parse_name(m.group(1)) is not None
           and not _PARTY_TAG.match(m.group(1)) and not re.search(r"['’]s?$", m.group(1))):
        pos = m.end(1)
        ends.append((pos, bool(re.search(r"\b(?:and|&)\s", m.group(0)[: m.start(1) - m.start(0)]))))
    for pos, joined_by_and in reversed(ends):
        if joined_by_and:
            new_end = pos
            break
    new_start = start
    if (m := _CONJ_BEFORE.search(text, max(0, start - 200), start)) and parse_name(m.group(1)) is not None:
        new_start = m.start(1)
    return new_start, new_end


def _plural_description(raw: str) -> bool:
    """ "the chairmen", "the Republican lawmakers": a definite description of several people."""
    words = [norm(w) for _, _, w in words_of(raw)]
    if len(words) < 2 or words[0] not in ("the", "both", "all"):
        return False
    head = words[-1]
    return head.endswith(("men", "ers", "ors", "ists", "ians", "ents", "ants", "ives", "ees", "ies")) or (
        head.endswith("s") and head[:-1] in TITLE_WORDS)


__all__ = ["GIVEN_NAMES", "Resolver"]
