"""Fold the extractions of one story into one account: its quotations, their alignments across outlets,
its claims, the people who speak in it, and which outlet carries what.

`fold_story` is pure (no spaCy, no I/O) and deterministic: the same extractions give the same `Story`,
whatever order they come in, with the same ids. The store and the Spark job call it per story, so it
does only cheap work itself and leaves the comparisons to `align.quotes`, `align.claims` and
`align.coverage`.

People are resolved across the story's articles here. Each article resolves its own speakers (`nlp/
speakers.py`); across articles the same person may be "Ilse Marenko" in one and "Marenko" or "the
minister" in another. Two speakers are one person when

* their full names are the same (after case, accents, punctuation, hyphens, a leading "the" and the
  owner before a possessive are set aside: "Kim Jong-un", "North Korea's Kim Jong Un");
* one is named by surname only, by a first name compatible with the other's ("I." and "Ilse"), or by the
  tail of the other's name ("Wasserman Schultz"), and exactly one fully named person of the story has
  that surname;
* one is a description that ends in the other's name ("a more congenial Rick Santorum" and "Santorum");
* one is named only by a description ("the minister") whose head word is a title of exactly one
  person of the story ("Interior Minister Anton Sereda").

Merges that would be ambiguous are not made: two Marenkos keep a bare "Marenko" apart from both.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newsfold.align.sentences import Sentences, clean
from newsfold.models import Alignment, Claim, ClaimMention, Extraction, Person, Quote, Ref, Story

AlignFn = Callable[..., list[Alignment]]
MatchFn = Callable[..., list[Claim]]
CoverageFn = Callable[..., dict[str, Any]]

HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame lord lady prof rev madam mister messrs".split())
PRONOUNS = frozenset("he she him her his i we they them it you".split())
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_UNDATED = "9999"  # sorts undated articles after dated ones


def outlet_of(extraction_or_article: Any) -> str:
    """The name an article's outlet goes by in a story: its outlet, or its document when unknown."""
    article = getattr(extraction_or_article, "article", extraction_or_article)
    return article.outlet or article.doc


def quote_ref(quote: Quote, outlet: str | None = None) -> Ref:
    """Where a quotation stands: its document and offsets (and outlet, when given)."""
    return Ref(quote.doc, quote.start, quote.end, outlet)


def _fold_text(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def name_words(name: str) -> list[str]:
    """A name's words as they are compared: lower case, no accents, no possessive, no leading "the"; a name
    after a possessive is the name without its owner ("North Korea's Kim" is "Kim"; "Trump's lawyer" stays
    whole)."""
    owner = re.match(r"^(.*)['’]s\s+(?=[^\W\d_])(.*)$", name.strip())
    if owner and owner.group(2)[:1].isupper():
        name = owner.group(2)
    words = [re.sub(r"'s?$", "", w) for w in _WORD.findall(_fold_text(name))]
    words = [w for w in words if w]
    while words and words[0] in ("the", "a", "an"):
        words.pop(0)
    return words


# What a quotation comes from when no person is named: "a written statement", "the complaint". Such a word
# is no one's title, so a description by it is never resolved to a person through titles.
DOCUMENTS = frozenset("""statement statements report letter memo memos tweet tweets post lawsuit suit
    complaint filing announcement release interview speech remarks comments document documents""".split())
# A name ending in one of these is a description written with capitals ("Valley Interior Minister").
ROLE_HEADS = frozenset("""minister president leader official officials spokesman spokeswoman spokesperson
    secretary chairman chairwoman director ambassador aide aides adviser advisor senator governor
    mayor""".split())


def _is_description(person: Person) -> bool:
    """A speaker known only by what they are ("the minister", "officials", "Valley Interior Minister"), not
    by a name."""
    name = person.name.strip()
    if not name or name[:1].islower() or name.lower().startswith(("the ", "a ", "an ")):
        return True
    words = name_words(name)
    return bool(words) and words[-1] in ROLE_HEADS | DOCUMENTS


_RAW_WORD = re.compile(r"[^\W_][\w.'’-]*")


def _norm_word(word: str) -> str:
    return re.sub(r"'s?$", "", _fold_text(word).replace(".", "")).strip("'-")


def _titles(person: Person) -> set[str]:
    """Titles the article gives the person, as written: its own titles, the words before the name in a
    mention ("Interior Minister" from "Interior Minister Anton Sereda"), and descriptions ("mayor" from
    "the mayor")."""
    titles = {t.strip() for t in person.titles}
    name = [_norm_word(w) for w in _RAW_WORD.findall(person.name)]
    descriptions = [person.name] if _is_description(person) else []
    for text in [m.text for m in person.mentions] + descriptions:
        raw = _RAW_WORD.findall(text)
        norm = [_norm_word(w) for w in raw]
        if not norm or norm[0] in PRONOUNS:
            continue
        if name and name[-1] in norm and not descriptions:
            head = list(zip(raw, norm, strict=True))[: norm.index(name[-1])]
        elif text.strip()[:1].islower() or text.lower().startswith("the ") or descriptions:
            head = list(zip(raw, norm, strict=True))
        else:
            head = []
        words = [r.rstrip(".") if r.endswith(".") and r.count(".") == 1 else r
                 for r, n in head if n not in name and n not in HONORIFICS and n not in ("the", "a", "an")
                 and not n.isdigit()]
        if words:
            titles.add(" ".join(words))
    titles.discard("")
    return titles


@dataclass
class _Speaker:
    """One article's speaker, and what the story-wide resolution compares."""

    doc: str
    person: Person
    outlet: str
    words: list[str]
    description: bool
    titles: set[str]
    quotes: list[Quote] = field(default_factory=list)
    shown: str = ""  # the name as the story shows it (the person's own, or the name inside a description)

    def __post_init__(self) -> None:
        self.shown = self.shown or self.person.name


def _first_compatible(a: list[str], b: list[str]) -> bool:
    """Whether two names' first words can belong to one person: absent, equal, one an initial of the
    other ("I." and "Ilse"), or one name the tail of the other ("Wasserman Schultz" of "Debbie Wasserman
    Schultz")."""
    if len(a) < 2 or len(b) < 2:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if long[-len(short):] == short:
        return True
    x, y = a[0], b[0]
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _speakers(extractions: Sequence[Extraction]) -> list[_Speaker]:
    """Every speaker of every article, with the quotations attributed to them, in document order."""
    out: list[_Speaker] = []
    for ex in extractions:
        by_id = {p.id: p for p in ex.people}
        local: dict[str, _Speaker] = {}
        for q in ex.quotes:
            if q.speaker_id and q.speaker_id in by_id:
                key, person = "id:" + q.speaker_id, by_id[q.speaker_id]
            elif q.speaker:
                key, person = "name:" + q.speaker, Person(id=q.speaker_id or q.speaker, name=q.speaker)
            else:
                continue  # an unattributed quotation has no speaker to resolve
            sp = local.get(key)
            if sp is None:
                sp = local[key] = _Speaker(ex.article.doc, person, outlet_of(ex), name_words(person.name),
                                           _is_description(person), _titles(person))
                out.append(sp)
            sp.quotes.append(q)
    return out


# Words that, before a name in a description, make something else its head ("supporters of Rick Santorum",
# "the lawyer for Ana Lund")
_NOT_BEFORE_A_NAME = frozenset("""of for to with by from and or at in on against about than like as behind
    near under over""".split())


def _names_in_descriptions(speakers: list[_Speaker]) -> None:
    """A description that ends in a name of the story's people ("a more congenial Rick Santorum" where
    another article names "Rick Santorum", or only "Santorum") is that name: the speaker is named by it.

    The name is the description's last run of two or more capitalised words, with no preposition or
    possessive before it (so not "supporters of Rick Santorum", "Santorum's aides"); it must be a full name
    of a named speaker of the story, or end in the surname of one, so that "the Texas Republican" stays a
    description."""
    named = [sp for sp in speakers if not sp.description and sp.words]
    full = {tuple(sp.words) for sp in named if len(sp.words) >= 2}
    surnames = {sp.words[-1] for sp in named}
    for sp in speakers:
        if not sp.description:
            continue
        raw = sp.person.name.split()
        k = len(raw)
        while k > 0 and raw[k - 1][:1].isupper():
            k -= 1
        run = raw[k:]
        before = [_norm_word(w) for w in raw[:k]]
        if len(run) < 2 or k == 0 or set(before) & _NOT_BEFORE_A_NAME or any("'" in w or "’" in w
                                                                             for w in raw[:k]):
            continue
        words = name_words(" ".join(run))
        if not words or words[-1] in ROLE_HEADS | DOCUMENTS or words[0] in HONORIFICS:
            continue
        if tuple(words) in full or words[-1] in surnames:
            sp.words, sp.description, sp.shown = words, False, " ".join(run).strip(".,;:")


def _without_descriptive_heads(use: Counter[str]) -> list[str]:
    """The names a person may be shown by: all, less those that put words before another of their names
    more used than they are ("Watergate Bagman Fred LaRue" once, "Fred LaRue" often): the words before are
    more likely a description than a first name."""
    words = {s: name_words(s) for s in use}
    out = [s for s in use if not any(len(words[t]) >= 2 and len(words[t]) < len(words[s])
                                     and words[s][-len(words[t]):] == words[t] and use[t] > use[s]
                                     for t in use)]
    return out or list(use)


def _specificity(words: list[str]) -> tuple[int, bool]:
    """How fully a person is named: more words, then a first name written out rather than an initial."""
    return (len(words), len(words) > 1 and len(words[0]) > 1)


def _named_person(sp: _Speaker) -> bool:
    return not sp.description and bool(sp.words) and sp.person.kind in ("person", "unknown")


def resolve_people(
    extractions: Sequence[Extraction],
) -> tuple[list[dict[str, Any]], dict[tuple[str, str], str]]:
    """Speakers resolved across a story's articles.

    Returns the people, most quoted first ({"id", "name", "kind", "titles", "aliases", "quotes": [Ref],
    "outlets", "members": [{"doc", "id"}]}), and a map from each attributed quotation (`_qkey`) to its
    person's id.
    """
    speakers = _speakers(sorted(extractions, key=lambda e: e.article.doc))
    _names_in_descriptions(speakers)
    uf = _Union(len(speakers))
    # 1. the same full name (organisations and people alike), hyphens read as spaces ("Kim Jong-un")
    first_by_name: dict[tuple[str, ...], int] = {}
    for i, sp in enumerate(speakers):
        if sp.words:
            parts = tuple(part for w in sp.words for part in w.split("-") if part)
            uf.join(i, first_by_name.setdefault(parts, i))
    # 2. a less fully named person ("Marenko", "I. Marenko") joins the one person of the story named more
    # fully with that surname and a compatible first name. The fullest names go first, so by the time
    # "Marenko" is looked at, "Ilse Marenko" and "Ilse M. Marenko" are already one.
    by_surname: dict[str, list[int]] = defaultdict(list)
    for i, sp in enumerate(speakers):
        if _named_person(sp) and len(sp.words) >= 2:
            by_surname[sp.words[-1]].append(i)
    order = sorted((i for i, sp in enumerate(speakers) if _named_person(sp)),
                   key=lambda i: (tuple(-x for x in _specificity(speakers[i].words)), i))
    for i in order:
        sp = speakers[i]
        roots = {uf.find(j) for j in by_surname.get(sp.words[-1], ())
                 if _specificity(speakers[j].words) > _specificity(sp.words)
                 and _first_compatible(sp.words, speakers[j].words)}
        if len(roots) == 1:
            uf.join(i, roots.pop())
    # 3. a description whose head word is a title of exactly one named person; when it is the title of
    # several, the one whose titles hold every word of the description ("the North Korean leader" beside
    # "North Korean leader Kim Jong Un" and "South Korean leader Moon Jae-in")
    titles_of: dict[int, set[str]] = defaultdict(set)  # title words, by person
    called: dict[int, set[str]] = defaultdict(set)  # title and name words, by person
    for i, sp in enumerate(speakers):
        if not sp.description:
            titles_of[uf.find(i)].update(w for t in sp.titles for w in title_words(t))
            called[uf.find(i)].update(sp.words)
    for i, sp in enumerate(speakers):
        if sp.description and sp.words and sp.words[-1] not in DOCUMENTS:
            owners = [r for r, titles in titles_of.items() if sp.words[-1] in titles]
            if len(owners) > 1:  # of those, the one that all its words name ("the Indian navy" is
                said = set(sp.words) - HONORIFICS  # not a ship titled so when the Indian Navy speaks too)
                owners = [r for r in titles_of if said <= titles_of[r] | called[r]]
            if len(owners) == 1:
                uf.join(i, owners[0])

    groups: dict[int, list[_Speaker]] = defaultdict(list)
    for i, sp in enumerate(speakers):
        groups[uf.find(i)].append(sp)
    people: list[dict[str, Any]] = []
    for members in groups.values():
        named = [m for m in members if not m.description] or members
        # the fullest name, then the most used, then the first alphabetically
        use = Counter(m.shown for m in named)
        name = min(_without_descriptive_heads(use), key=lambda s: (-len(name_words(s)), -use[s], s))
        kinds = Counter(m.person.kind for m in named)
        titles = _distinct_titles(set().union(*(m.titles for m in members)))
        quotes = sorted((q for m in members for q in m.quotes), key=lambda q: (q.doc, q.start, q.end))
        outlets_by_doc = {m.doc: m.outlet for m in members}
        people.append({
            "name": name,
            "kind": min(kinds, key=lambda k: (-kinds[k], k)),
            "titles": titles,
            "aliases": sorted({m.person.name for m in members} - {name}),
            "quotes": [quote_ref(q, outlets_by_doc[q.doc]) for q in quotes],
            "outlets": sorted({m.outlet for m in members}),
            "members": [{"doc": m.doc, "id": m.person.id}
                        for m in sorted(members, key=lambda m: (m.doc, _id_order(m.person.id)))],
        })
    people.sort(key=lambda p: (-len(p["quotes"]), p["name"].casefold(), p["name"]))
    _assign_ids(people)
    speaker_of: dict[tuple[str, str], str] = {}
    for p in people:
        for r in p["quotes"]:
            speaker_of[_qkey(r.doc, r.start, r.end)] = p["id"]
    return people, speaker_of


def title_words(title: str) -> set[str]:
    """A title's words as they are compared ("U.S. President": {"us", "president"})."""
    return {_norm_word(w) for w in _RAW_WORD.findall(title)} - {""}


def _distinct_titles(titles: set[str]) -> list[str]:
    """Titles without those another one already says ("minister" beside "Interior Minister"), one way of
    writing each (capitalised first: "Interior Minister" rather than "interior minister")."""
    words = {t: title_words(t) for t in titles}
    keep: dict[frozenset[str], str] = {}
    for t in sorted(titles):  # capitals sort first
        if not words[t] or any(words[t] < words[o] for o in titles):
            continue
        keep.setdefault(frozenset(words[t]), t)
    return sorted(keep.values(), key=lambda t: (t.casefold(), t))


def _id_order(pid: str) -> tuple[int, str]:
    digits = re.sub(r"\D", "", pid)
    return (int(digits) if digits else 0, pid)


def _qkey(doc: str, start: int, end: int) -> tuple[str, str]:
    return (doc, f"{start}-{end}")


def _slug(name: str) -> str:
    return "-".join(name_words(name))[:60].strip("-") or "speaker"


def _assign_ids(people: list[dict[str, Any]]) -> None:
    """Readable ids from the person's name ("ilse-marenko"), numbered when two people share one; given in
    order of name so they do not depend on how many quotations each has."""
    seen: Counter[str] = Counter()
    for p in sorted(people, key=lambda p: (_slug(p["name"]), p["name"], p["members"][0]["doc"],
                                           p["members"][0]["id"])):
        base = _slug(p["name"])
        seen[base] += 1
        p["id"] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    # Put "id" first, as in every other record.
    for i, p in enumerate(people):
        people[i] = {"id": p.pop("id"), **p}


def _article_order(ex: Extraction) -> tuple[str, str]:
    return ((ex.article.date or _UNDATED)[:10], ex.article.doc)


def story_title(extractions: Sequence[Extraction]) -> str | None:
    """The story's title: the title of its earliest titled article; failing that, the opening sentence of
    its earliest article, without its dateline (cut at a word, with an ellipsis, beyond 120 characters)."""
    ordered = sorted(extractions, key=_article_order)
    for ex in ordered:
        if ex.article.title and ex.article.title.strip():
            return " ".join(ex.article.title.split())
    for ex in ordered:
        sentences = Sentences(ex.article)
        if not sentences.spans:
            continue
        a, b = sentences.spans[0]
        text = clean(ex.article.text[a:b])
        if len(text) <= 120:
            return text
        cut = text[:120].rsplit(" ", 1)[0] if " " in text[:120] else text[:119]
        return cut.rstrip(",;:") + "…"
    return None


def quote_groups(quotes: Sequence[Quote], alignments: Iterable[Alignment]) -> list[list[Quote]]:
    """Quotations that report one utterance: the connected groups of `alignments`, each in document order,
    groups in order of their first quotation; unaligned quotations are groups of one."""
    ordered = sorted(quotes, key=lambda q: (q.doc, q.start, q.end))
    index = {(q.doc, q.start, q.end): i for i, q in enumerate(ordered)}
    uf = _Union(len(ordered))
    for al in alignments:
        a = index.get((al.a.doc, al.a.start, al.a.end))
        b = index.get((al.b.doc, al.b.start, al.b.end))
        if a is not None and b is not None:
            uf.join(a, b)
    groups: dict[int, list[Quote]] = defaultdict(list)
    for i, q in enumerate(ordered):
        groups[uf.find(i)].append(q)
    return [groups[k] for k in sorted(groups)]


def _as_people(quotes: Sequence[Quote], people: list[dict[str, Any]], speaker_of: dict[tuple[str, str], str],
               ) -> tuple[list[Quote], dict[tuple[str, int, int], str]]:
    """The quotations with each attributed one's speaker given its story-wide name, and the person each
    stands for by (doc, start, end).

    Alignment compares speakers as the story's people: "the minister" in one outlet and "Anton Sereda" in
    another are one speaker when the story resolves them so. The stored quotations keep the article's own.
    """
    names = {p["id"]: p["name"] for p in people}
    resolved: list[Quote] = []
    persons: dict[tuple[str, int, int], str] = {}
    for q in quotes:
        pid = speaker_of.get(_qkey(q.doc, q.start, q.end))
        if pid is None:
            resolved.append(q)
            continue
        resolved.append(replace(q, speaker=names[pid]))
        persons[(q.doc, q.start, q.end)] = pid
    return resolved, persons


def story_quotes(extractions: Sequence[Extraction]) -> tuple[list[Quote], dict[tuple[str, int, int], str]]:
    """A story's quotations as `fold_story` aligns them: in (doc, start, end) order, speakers named as the
    story's people (see `resolve_people`), with the person id of each attributed one by (doc, start, end)."""
    quotes = sorted((q for ex in extractions for q in ex.quotes), key=lambda q: (q.doc, q.start, q.end))
    people, speaker_of = resolve_people(extractions)
    return _as_people(quotes, people, speaker_of)


def _default_align() -> AlignFn:
    from newsfold.align.quotes import align_quotes

    return align_quotes


def _default_match() -> MatchFn:
    from newsfold.align.claims import match_claims

    return match_claims


def _default_coverage() -> CoverageFn:
    from newsfold.align.coverage import coverage

    return coverage


def _relays(quotes: Sequence[Quote], outlets: dict[str, str]) -> dict[str, str]:
    from newsfold.align.claims import relays

    return relays(quotes, outlets)


def fold_story(
    story_id: str,
    extractions: Sequence[Extraction],
    claim_mentions: dict[str, list[ClaimMention]] | None = None,
    *,
    copies: dict[str, str] | None = None,
    align: AlignFn | None = None,
    match: MatchFn | None = None,
    cover: CoverageFn | None = None,
) -> Story:
    """Fold one story's extractions (and the claim mentions found in its articles, by doc) into a `Story`.

    `copies` maps a doc to the doc it copies (`StoryAssignment.copy_of`); claim matching gets it, so a copy
    does not corroborate its original. `align`, `match` and `cover`
    default to `align.quotes.align_quotes`, `align.claims.match_claims` and `align.coverage.coverage`.
    The brief and the timeline are left empty: `report.brief` writes them.
    """
    extractions = sorted(extractions, key=_article_order)
    outlets = {ex.article.doc: outlet_of(ex) for ex in extractions}
    quotes = sorted((q for ex in extractions for q in ex.quotes), key=lambda q: (q.doc, q.start, q.end))

    people, speaker_of = resolve_people(extractions)
    resolved, persons = _as_people(quotes, people, speaker_of)
    if len(outlets) < 2:
        alignments: list[Alignment] = []
    elif align is None:
        alignments = _default_align()(resolved, outlets, story_id, people=persons)
    else:
        alignments = align(resolved, outlets, story_id)
    alignments = sorted(alignments, key=lambda a: (a.a.doc, a.a.start, a.a.end, a.b.doc, a.b.start, a.b.end))

    mentions: list[ClaimMention] = []
    for doc in sorted((claim_mentions or {}).keys()):
        if doc not in outlets:
            continue  # mentions of an article outside this story
        for m in claim_mentions[doc]:
            mentions.append(m if m.outlet else replace(m, outlet=outlets[doc]))
    mentions.sort(key=lambda m: (m.doc, m.start, m.end))
    story_copies = {d: o for d, o in sorted((copies or {}).items()) if d in outlets and o in outlets}
    # a copy repeats its original: claim matching must not count it as a second outlet
    kwargs: dict[str, Any] = {"copies": story_copies} if story_copies else {}
    # and an article that reproduces another outlet's reporting is no second source beside it
    story_relays = _relays(quotes, outlets) if len(outlets) > 1 else {}
    if story_relays:
        kwargs["relayed"] = story_relays
    claims = (match or _default_match())(mentions, story=story_id, **kwargs) if mentions else []
    for c in claims:
        c.story = story_id
    claims = sorted(claims, key=lambda c: c.id)

    story = Story(
        id=story_id,
        articles=[ex.article for ex in extractions],
        quotes=quotes,
        alignments=alignments,
        claims=claims,
        people=people,
        title=story_title(extractions),
        copies=story_copies,
        relays=story_relays,
    )
    story.coverage = (cover or _default_coverage())(story)
    return story
