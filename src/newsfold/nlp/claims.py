"""Statements of fact in an article: the clause around each number, date, place or named event.

A claim mention is the clause that carries a fact anchor, cut down to the phrase around the anchor when
the clause is long, never inside a quotation (quotations are the quote extractor's) and never across a
paragraph. Each mention carries normalised values for matching with other outlets (`align.claims`):

* ``number``: floats ("26", "three and a half" -> 3.5, "two-thirds" -> 0.667); ``quantity`` the same
  with what is counted and the hedge: ``{"value": 340.0, "unit": "home", "qualifier": "about"}``;
* ``date``: ISO dates resolved against the publication date (`align.dates`), ``date_text`` the
  normalised words of those that need a publication date nobody gave ("last month"),
  ``reference_date`` those of the dates that are a point the fact is measured from, not when it
  happened ("the highest since 1952");
* ``place`` (lower case), ``event`` (named events and event words: "summit", "flood"), ``actor``
  (people and organisations taking part, by surname or name);
* ``context``: the place and date of the sentence when the clause names none itself ("flooding about
  340 homes" in a sentence about Velmora on Tuesday), as "place:velmora" / "date:2025-11-04".

`terms` are the clause's content words (lower case) and its subject's, for matching paraphrases.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..align import dates as datelib
from ..align.quantities import find_numbers, unit_class
from ..models import Article, ClaimMention
from .cues import lemma_of
from .marks import find_quoted, paragraphs
from .names import is_title

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Endings of the English names of languages and nationalities ("Ukrainian", "Chinese", "Polish"): the
# tagger sometimes labels them GPE ("addressed reporters in Dravian"), but they say who or in what
# words, not where.
_DEMONYM_ENDINGS = ("ian", "ians", "ese", "ish")
ACTOR_LABELS = {"PERSON", "ORG"}
# Nouns that name an event a story can be about; a named ORG ending in one is an event ("the Eastern
# Economic Forum"). Classes put words outlets use for the same thing together.
EVENT_CLASSES = {
    "meeting": ("summit", "meeting", "talks", "forum", "conference", "gathering", "session", "visit",
                "negotiation", "negotiations", "briefing", "congress", "convention"),
    "vote": ("election", "vote", "referendum", "ballot", "poll", "primary"),
    "ceasefire": ("ceasefire", "truce", "armistice"),
    "attack": ("attack", "strike", "strikes", "bombing", "shelling", "raid", "offensive", "assault",
               "invasion"),
    "war": ("war", "conflict", "fighting", "hostilities"),
    "flood": ("flood", "floods", "flooding", "deluge"),
    "storm": ("storm", "hurricane", "typhoon", "cyclone", "tornado"),
    "quake": ("earthquake", "quake", "tremor"),
    "fire": ("fire", "wildfire", "blaze"),
    "crash": ("crash", "collision", "derailment"),
    "protest": ("protest", "demonstration", "rally", "march", "strike action"),
    "trial": ("trial", "hearing", "verdict", "sentencing"),
    "deal": ("deal", "agreement", "accord", "treaty", "pact"),
    "evacuation": ("evacuation", "evacuated", "evacuate"),
}
EVENT_OF = {w: cls for cls, words in EVENT_CLASSES.items() for w in words}
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "csubj", "csubjpass", "parataxis"}
_VERBAL = {"VERB", "AUX"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
_RELATIVES = {"who", "which", "that", "whom"}
_DEATH_WORDS = {"killed", "kill", "died", "die", "dead", "death", "deaths", "fatalities", "perished"}
_INJURY_WORDS = {"injured", "wounded", "hurt", "injuries"}
_CHANGE_WORDS = {"rise", "rose", "risen", "rises", "increase", "increased", "increases", "jump", "jumped",
                 "fall", "fell", "fallen", "falls", "drop", "dropped", "drops", "decline", "declined", "gain",
                 "gained", "growth", "grew", "grown", "climb", "climbed", "cut", "slump", "slumped",
                 "surge", "surged", "up", "down", "higher", "lower"}

# A clause of fewer content tokens than this joins the clause it hangs from ("deployed to Ukraine",
# "after the invasion began"): on its own it says too little to match. Chosen on the seeds' claims.
MIN_CLAUSE_TOKENS = 6
# A longer clause is cut down to the verb and the phrase that holds the anchor (a claim is a clause or a
# short span, not a whole sentence). Chosen on the seeds' claims and the bundled example.
MAX_MENTION_TOKENS = 22
# Quoted stretches of at least this many words are quotations (left to the quote extractor); shorter
# ones are scare quotes or titles ("reassurance forces") and may sit inside a claim.
QUOTATION_MIN_WORDS = 4
# Verbs whose clausal complement is what someone said, thought or claimed: a statement, not a claim of
# fact ("Trump said he will pull out of the deal"). Verbs that make news of their content (announce,
# confirm, reveal, report, find) are left out: that a thing was announced or found is the fact.
STATEMENT_LEMMAS = frozenset({
    "say", "tell", "add", "note", "write", "warn", "claim", "argue", "insist", "explain", "state", "declare",
    "suggest", "acknowledge", "admit", "predict", "promise", "pledge", "vow", "threaten", "urge", "contend",
    "assert", "maintain", "stress", "emphasize", "emphasise", "accuse", "tweet", "post", "complain",
    "believe", "think", "hope", "fear", "worry", "insinuate", "imply", "hint", "speculate", "allege",
    "charge", "deny", "concede", "reiterate", "repeat", "counter", "retort", "testify", "remark", "boast",
    "expect", "doubt", "suspect", "feel", "assure", "reassure", "caution", "guarantee", "swear"})
# Subjects that make a reported clause a news report rather than someone's statement ("media reports
# said Pompeo met Kim"): their content is what the outlets carry as fact.
REPORT_SUBJECTS = frozenset({"report", "reports", "media", "newspaper", "newspapers", "outlet", "outlets",
                             "agency", "paper"})
# A mention of fewer content tokens than this says too little to be a fact ("President Trump").
MIN_MENTION_TOKENS = 4
# A paragraph longer than this is parsed in pieces (cut at spaces).
MAX_PARAGRAPH_CHARS = 100_000


@dataclass
class _Anchor:
    start: int  # character offsets in the doc
    end: int
    kind: str  # number, date, place, event
    value: object = None
    extra: dict = field(default_factory=dict)


def _quotation_ranges(article: Article) -> list[tuple[int, int]]:
    start, end = article.body or (0, len(article.text))
    quoted, _ = find_quoted(article.text, start, end)
    return [(q.open, q.close) for q in quoted
            if len(article.text[q.start:q.end].split()) >= QUOTATION_MIN_WORDS]


def _in_ranges(s: int, e: int, ranges: list[tuple[int, int]]) -> bool:
    return any(rs <= s and e <= re_ for rs, re_ in ranges)


def _is_clause_root(t: Token) -> bool:
    if t.dep_ == "ROOT":
        return True
    if t.dep_ in _CLAUSE_DEPS:
        return t.pos_ in _VERBAL or any(c.dep_ in _SUBJECTS for c in t.children)
    if t.dep_ == "conj":
        # "flooding about 340 homes and closing three bridges": a conjoined verb, even one the tagger
        # took for a noun, as long as it has an object or subject of its own
        verbal = t.pos_ in _VERBAL or t.tag_.startswith("VB")
        has_args = any(c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in t.children)
        return (verbal and t.head.pos_ in _VERBAL) or ((verbal or t.lower_.endswith("ing")) and has_args)
    if t.dep_ == "acl":
        return t.pos_ in _VERBAL
    return False


def _is_statement_verb(t: Token) -> bool:
    """A verb reporting what someone said or believes, whose subject is a person or body, not a news
    report."""
    if lemma_of(t.text) not in STATEMENT_LEMMAS or not (t.pos_ in _VERBAL or t.tag_.startswith("VB")):
        return False
    subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not (subj and subj[0].lower_ in REPORT_SUBJECTS)


def _saying(t: Token) -> bool:
    """A participle clause of speech hung on another clause ("rejected the idea, saying on Friday that
    ..."): it tells the same act as its head and stays in its claim."""
    return t.dep_ in ("advcl", "xcomp", "conj") and t.tag_ == "VBG" and _is_statement_verb(t)


def _content_count(tokens: Iterable[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


class _Sentence:
    """One sentence (within one paragraph): which clause each of its tokens belongs to."""

    def __init__(self, sent: Span) -> None:
        self.sent = sent
        lo, hi = sent.start, sent.end
        self.heads = {t.i: (t.head.i if lo <= t.head.i < hi else t.i) for t in sent}
        content = {t.i for t in sent if not t.is_punct and not t.is_space}
        depth = {i: self._depth(i) for i in self.heads}
        roots = {t.i for t in sent if _is_clause_root(t)}
        # what someone said is told with who said it, as one claim that they said it: "[Trump said he
        # will pull out of the deal]", never the statement in the brief's own voice
        roots = {r for r in roots if not (sent.doc[r].dep_ in ("ccomp", "parataxis")
                                          and _is_statement_verb(sent.doc[r].head))
                 and not _saying(sent.doc[r])}
        # small clauses join the clause above them, from the innermost out
        for r in sorted(roots, key=lambda i: -depth[i]):
            if self.heads[r] == r:
                continue
            owner = self._owners(roots)
            if sum(1 for i, o in owner.items() if o == r and i in content) < MIN_CLAUSE_TOKENS:
                roots.discard(r)
        self.roots = roots
        self.owner = self._owners(roots)

    def _depth(self, i: int) -> int:
        d = 0
        while self.heads[i] != i and d < 200:
            i = self.heads[i]
            d += 1
        return d

    def _owners(self, roots: set[int]) -> dict[int, int]:
        owner: dict[int, int] = {}
        for i in self.heads:
            node = i
            while node not in roots and self.heads[node] != node:
                node = self.heads[node]
            owner[i] = node
        return owner


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in sorted(indices):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _trim(doc: Doc, idx: list[int]) -> list[int]:
    # a dateline ("VELMORA —") is not part of the claim
    for k, i in enumerate(idx[:4]):
        if doc[i].text in ("—", "–", "-") and k > 0 and all(doc[j].text.isupper() or doc[j].is_punct
                                                             for j in idx[:k]):
            idx = idx[k + 1:]
            break
    while idx and (doc[idx[0]].dep_ in {"cc", "punct"} or doc[idx[0]].is_space
                   or (doc[idx[0]].dep_ == "mark" and doc[idx[0]].lower_ in ("that", "whether"))):
        idx = idx[1:]
    # a preposition left at the end lost its object to another clause ("accused Russia of")
    while idx and (doc[idx[-1]].dep_ in ("cc", "punct", "mark", "prep") or doc[idx[-1]].is_space
                   or doc[idx[-1]].is_punct):
        idx = idx[:-1]
    return idx


def _narrow(doc: Doc, run: list[int], root: Token, anchor_tokens: list[Token]) -> list[list[int]]:
    """Windows of at most MAX_MENTION_TOKENS around the anchors of an over-long run."""
    in_run = set(run)
    windows: list[list[int]] = []
    for a in anchor_tokens:
        # the child of the clause root whose phrase holds the anchor
        phrase = a
        while phrase.head.i != root.i and phrase.head.i != phrase.i and phrase.i != root.i:
            phrase = phrase.head
        candidates = []
        if phrase.i != root.i:
            lo, hi = min(root.i, phrase.left_edge.i), max(root.i, phrase.right_edge.i)
            candidates.append([i for i in range(lo, hi + 1) if i in in_run])
            candidates.append([i for i in range(phrase.left_edge.i, phrase.right_edge.i + 1) if i in in_run])
        # else the largest phrase around the anchor that fits
        climb = []
        node = a
        while True:
            climb.append([i for i in range(node.left_edge.i, node.right_edge.i + 1) if i in in_run])
            if node.head.i == node.i or node.i == root.i or node.head.i not in in_run:
                break
            node = node.head
        candidates.extend(reversed(climb))
        chosen = None
        for c in candidates:
            run_c = next((r for r in _runs(c) if a.i in r), [])
            if run_c and _content_count(doc[i] for i in run_c) <= MAX_MENTION_TOKENS:
                chosen = run_c
                break
        if chosen is None or _content_count(doc[i] for i in chosen) < 4:
            # no phrase fits, or only the anchor does: a few words either side, within commas
            lo = hi = a.i
            while lo - 1 in in_run and a.i - lo < 6 and doc[lo - 1].text not in ",;:—–(":
                lo -= 1
            while hi + 1 in in_run and hi - a.i < 6 and doc[hi + 1].text not in ",;:—–)":
                hi += 1
            chosen = list(range(lo, hi + 1))
        windows.append(chosen)
    # merge overlapping windows
    windows = sorted({tuple(w) for w in windows})
    merged: list[list[int]] = []
    for w in map(list, windows):
        if merged and w[-1] <= merged[-1][-1]:
            continue
        if merged and w[0] <= merged[-1][-1] + 1:
            union = sorted(set(merged[-1]) | set(w))
            if _content_count(doc[i] for i in union) <= MAX_MENTION_TOKENS:
                merged[-1] = union
                continue
            w = [i for i in w if i > merged[-1][-1]]
            if not w:
                continue
        merged.append(w)
    return merged


def _anchors(sent: Span, ents: list[Span], base: int, article: Article,
             quotations: list[tuple[int, int]]) -> list[_Anchor]:
    """The fact anchors of a sentence: numbers, dates, places and named events outside quotations."""
    doc = sent.doc
    text = sent.text
    s0 = sent.start_char
    out: list[_Anchor] = []
    future = any(t.lower_ in datelib.FUTURE_CUES for t in sent)
    taken: list[tuple[int, int]] = []
    for d in datelib.find_dates(text):
        s, e = s0 + d.start, s0 + d.end
        iso = datelib.resolve(d.text, article.date, future=future, past=_past(doc, s, e))
        out.append(_Anchor(s, e, "date", iso, {"text": datelib.normalise(d.text),
                                                "reference": _since(doc, s, e)}))
        taken.append((s, e))
    for ent in ents:
        if ent.label_ not in ("DATE", "TIME") or any(s < ent.end_char and ent.start_char < e
                                                     for s, e in taken):
            continue
        iso = datelib.resolve(ent.text, article.date, future=future,
                              past=_past(doc, ent.start_char, ent.end_char))
        if iso is None and not datelib.is_relative(ent.text):
            continue  # a duration ("80 years") is a number; "a day" is nothing
        out.append(_Anchor(ent.start_char, ent.end_char, "date", iso, {
            "text": datelib.normalise(ent.text), "reference": _since(doc, ent.start_char, ent.end_char)}))
        taken.append((ent.start_char, ent.end_char))
    for n in find_numbers(text):
        s, e = s0 + n.start, s0 + n.end
        if any(ts < e and s < te for ts, te in taken):
            continue
        out.append(_Anchor(s, e, "number", n.value, {"qualifier": n.qualifier, "unit": _unit(doc, s, e)}))
    for ent in ents:
        name = ent.text.lower().removeprefix("the ").strip()
        if _is_place(ent):
            out.append(_Anchor(ent.start_char, ent.end_char, "place", name))
        elif ent.label_ == "EVENT" or (ent.label_ == "ORG" and ent[-1].lower_ in EVENT_OF):
            out.append(_Anchor(ent.start_char, ent.end_char, "event", name))
        elif ent.label_ in ACTOR_LABELS:
            # who did something is a fact's anchor as much as where and when ("Lund met Sarin")
            out.append(_Anchor(ent.start_char, ent.end_char, "actor", name))
        elif ent.label_ == "NORP":
            # a nationality or bloc says whose ("rejected Western forces"): an anchor, matched as a word
            out.append(_Anchor(ent.start_char, ent.end_char, "group", name))
    return [a for a in out if not _in_ranges(base + a.start, base + a.end, quotations)]


def _verb_of(doc: Doc, start: int, end: int) -> Token | None:
    """The verb a date says when of, through prepositions only: None when the date modifies a noun ("came
    days before a May 12 deadline": the deadline's date, not the coming's)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    node = span.root
    for _ in range(10):
        if node.pos_ in _VERBAL:
            return node
        if node.head.i == node.i or not (span.start <= node.i < span.end or node.pos_ == "ADP"):
            return None
        node = node.head
    return None


def _past(doc: Doc, start: int, end: int) -> bool:
    """Whether a date's clause reports what happened ("the storm hit on April 2", "was signed on May 3"):
    its date then lies before publication."""
    verb = _verb_of(doc, start, end)
    if verb is None:
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" for c in aux):
        return False  # "will meet", "would hold"
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux):
        return True
    # a participle on its own ("a deal signed on May 3") or a perfect ("has signed"), not a present
    # passive ("rain is forecast for Thursday")
    return verb.tag_ == "VBN" and (not aux or any(c.dep_ == "aux" and c.lemma_ == "have" for c in aux))


def _since(doc: Doc, start: int, end: int) -> bool:
    """Whether a date is a point something is measured from, not when it happened: "the highest reading
    since 1952", "its highest level since records began in 1952"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    if span[0].lower_ == "since" or (span.start > 0 and doc[span.start - 1].lower_ == "since"):
        return True
    node = span.root
    for _ in range(10):  # up to the verb of the date's own clause
        if node.lower_ == "since" and node.dep_ == "prep":
            return True
        if node.pos_ in _VERBAL:
            return any(c.lower_ == "since" and c.dep_ == "mark" for c in node.children)
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _is_place(ent: Span) -> bool:
    """A place entity, not a language or nationality the tagger took for one: a one-word name used as an
    adjective ("Ukrainian troops") or ending as those names do ("in Dravian", "in Chinese")."""
    if ent.label_ not in PLACE_LABELS:
        return False
    if len(ent) == 1 and (ent[0].tag_ == "JJ" or ent[0].lower_.endswith(_DEMONYM_ENDINGS)):
        return False
    return True


def _unit(doc: Doc, start: int, end: int) -> str | None:
    """What a number counts: "-year" glued to it, "%", the noun it modifies, or "26 *of* the allies"."""
    text = doc.text
    after = text[end:end + 12]
    if after.startswith("-"):
        parts = text[end + 1:end + 24].split()[0].split("-") if text[end + 1:end + 24].strip() else [""]
        word = "".join(ch for ch in parts[0] if ch.isalpha())
        if word.lower() in ("square", "cubic") and len(parts) > 1:
            # "15,800-square-metre" and "170,000-square-foot" are different units
            word += "-" + "".join(ch for ch in parts[1] if ch.isalpha())
        if word:
            return unit_class(word)
    span = doc.char_span(start, end, alignment_mode="expand")
    if after.lstrip().startswith(("%", "percent", "per cent")):
        return _percent_kind(doc, span)
    if span is None or len(span) == 0:
        return None
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None:
        if nxt.lower_ in ("m", "km", "mm", "cm"):
            return unit_class(nxt.lower_)
        # "1,200 residents", "12 dead", "three and a half years"
        if nxt.pos_ in ("NOUN", "PROPN") or nxt.lower_ in ("dead", "injured", "wounded", "missing"):
            # "two road bridges" counts bridges: a noun modifying the next counts what that one names
            while nxt.dep_ == "compound" and nxt.head.i > nxt.i and nxt.head.pos_ in ("NOUN", "PROPN"):
                nxt = nxt.head
            return _counted(nxt)
    for tok in span:
        head = tok.head
        outside = not span.start <= head.i < span.end
        if tok.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and outside:
            if head.pos_ in ("NOUN", "PROPN", "ADJ"):
                return _counted(head)
    for tok in span:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":  # "26 of Ukraine's allies"
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    return _counted(pobj[0])
    return None


def _percent_kind(doc: Doc, span: Span | None) -> str:
    """"percent-change" for a rise or fall ("rose 15 percent", "a 15% increase"), else "percent" (a
    share: "5 percent of imports"): two outlets' figures compare only within one kind."""
    if span is None or len(span) == 0:
        return "percent"
    end = span.end
    while end < len(doc) and end - span.end < 3 and doc[end].lower_ in ("%", "percent", "per", "cent"):
        end += 1
    words = {doc[i].lower_ for i in range(end, min(len(doc), end + 2))}
    # the verb the figure is the amount of: "rose 15 percent", "fell by 5%"; not "raise rates above 80%"
    node = span[-1]
    for _ in range(3):
        if node.head.i == node.i:
            break
        if node.dep_ == "pobj" and node.head.lower_ != "by":
            break
        node = node.head
        words.add(node.lower_)
    return "percent-change" if words & _CHANGE_WORDS else "percent"


def _counted(noun: Token) -> str | None:
    cls = unit_class(noun.lower_)
    if cls == "person":
        # "12 people were killed" counts deaths, as "12 dead" does
        around = {t.lower_ for t in noun.head.subtree} | {noun.head.lower_}
        if around & _DEATH_WORDS:
            return "death"
        if around & _INJURY_WORDS:
            return "injury"
    return cls


def _sentences(doc: Doc) -> Iterable[Span]:
    """The doc's sentences, split again at line breaks (a paragraph boundary is always a sentence's)."""
    for sent in doc.sents:
        start = sent.start
        for t in sent:
            if t.is_space and "\n" in t.text:
                if t.i > start:
                    yield doc[start:t.i]
                start = t.i + 1
        if start < sent.end:
            yield doc[start:sent.end]


def claim_mentions(doc: Doc, article: Article, offset: int | None = None,
                   quotations: list[tuple[int, int]] | None = None) -> list[ClaimMention]:
    """The claim mentions of `doc`, a parse of `article`'s body (or of a part of it beginning at `offset`).

    Offsets in the mentions index `article.text`. Without `offset`, the doc is taken to be the body
    (or the whole text, when that is what it holds).
    """
    if offset is None:
        b0, b1 = article.body or (0, len(article.text))
        offset = b0 if article.text[b0:b1] == doc.text else (0 if article.text == doc.text else
                                                                article.text.find(doc.text))
        if offset < 0:
            return []
    if quotations is None:
        quotations = _quotation_ranges(article)
    outlet = article.outlet
    out: list[ClaimMention] = []
    for sent in _sentences(doc):
        out.extend(_sentence_mentions(sent, offset, article, outlet, quotations))
    return out


def _sentence_mentions(sent: Span, base: int, article: Article, outlet: str | None,
                       quotations: list[tuple[int, int]]) -> list[ClaimMention]:
    doc = sent.doc
    ents = list(sent.ents)
    anchors = _anchors(sent, ents, base, article, quotations)
    if not anchors:
        return []
    info = _Sentence(sent)
    lo, hi = base + sent.start_char, base + sent.end_char
    near = [(s, e) for s, e in quotations if s < hi and lo < e]
    quoted_tokens = {t.i for t in sent if near and _in_ranges(base + t.idx, base + t.idx + len(t), near)}
    # what someone said is a statement (the quote extractor's), not a claim of fact

    def tokens_of(a: _Anchor) -> list[Token]:
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        return list(span) if span is not None else []

    by_root: dict[int, list[tuple[_Anchor, list[Token]]]] = {}
    for a in anchors:
        toks = tokens_of(a)
        if not toks:
            continue
        root = info.owner[toks[-1].i]
        by_root.setdefault(root, []).append((a, toks))

    # a conjoined verb has the subject of the first ("Kremlin officials insisted ... but rejected the
    # plan"): who does it anchors its clause as a name in it would
    for r in info.roots:
        root = doc[r]
        if root.dep_ != "conj" or root.pos_ not in _VERBAL or _is_statement_verb(root):
            continue
        subject = {t.i for t in _subject(root)}
        who = [e for e in ents if e.label_ in ACTOR_LABELS and any(e.start <= i < e.end for i in subject)]
        if who and not any(e.start <= r < e.end for e in who):
            name = who[0].text.lower().removeprefix("the ").strip()
            a = _Anchor(root.idx, root.idx + len(root), "actor", name)
            by_root.setdefault(r, []).append((a, [root]))
    sentence_places = [a.value for a in anchors if a.kind == "place"]
    sentence_dates = [a for a in anchors if a.kind == "date"]
    mentions: list[ClaimMention] = []
    for r, items in by_root.items():
        root = doc[r]
        clause = [t.i for t in sent if info.owner[t.i] == r and t.i not in quoted_tokens]
        for run in _runs(clause):
            inside = [(a, toks) for a, toks in items if toks[-1].i in run]
            if not inside:
                continue
            windows = [run]
            if _content_count(doc[i] for i in run) > MAX_MENTION_TOKENS:
                windows = _narrow(doc, run, root, [toks[-1] for _, toks in inside])
            for w in windows:
                w = _trim(doc, w)
                if not w:
                    continue
                lo, hi = doc[w[0]].idx, doc[w[-1]].idx + len(doc[w[-1]])
                held = [a for a, _ in inside if lo <= a.start and a.end <= hi]
                if not any(a.kind in ("number", "date", "place", "event", "actor", "group") for a in held):
                    continue
                if _content_count(doc[i] for i in w) < MIN_MENTION_TOKENS:
                    continue
                if _is_statement_verb(root) and not any(a.kind in ("date", "place", "number") for a in held):
                    # "Macron said", "Trump has said he wants a new deal": that someone spoke is a claim
                    # with when, where or how many ("said Tuesday in Paris"); what they said is theirs.
                    # Chosen on NewsWCL50: keeping these when they say something lost precision
                    # (0.545 to 0.516) for little recall (0.385 to 0.397).
                    continue
                mentions.append(_mention(doc, ents, w, root, held, base, article, outlet,
                                         sentence_places, sentence_dates))
    return mentions


def _mention(doc: Doc, ents: list[Span], idx: list[int], root: Token, held: list[_Anchor], base: int,
             article: Article, outlet: str | None, sentence_places: list,
             sentence_dates: list[_Anchor]) -> ClaimMention:
    lo, hi = doc[idx[0]].idx, doc[idx[-1]].idx + len(doc[idx[-1]])
    # a scare quote cut at its end keeps its closing mark: “reassurance force”
    if hi < len(doc.text) and _opens_unclosed(doc.text[lo:hi], doc.text[hi]):
        hi += 1
    tokens = [doc[i] for i in idx]
    values: dict[str, list] = {}

    def add(key: str, value: object) -> None:
        if value is not None and value not in values.setdefault(key, []):
            values[key].append(value)

    for a in sorted(held, key=lambda a: a.start):
        if a.kind == "number":
            add("number", float(a.value))
            add("quantity", {"value": float(a.value), "unit": a.extra.get("unit"),
                             "qualifier": a.extra.get("qualifier", "exact")})
        elif a.kind == "date":
            if a.value:
                add("date", a.value)
                if a.extra.get("reference"):
                    add("reference_date", a.value)
            else:
                add("date_text", a.extra["text"])
        elif a.kind == "place":
            add("place", a.value)
        elif a.kind == "event":
            add("event", a.value)
            add("named_event", a.value)
    dated = [(a.start, a.end) for a in held if a.kind == "date"]
    for t in tokens:
        # "march" is an event, "March 8" a date; "Strike Force" a name
        if (t.lower_ in EVENT_OF and t.pos_ in ("NOUN", "VERB") and (t.is_lower or t.is_sent_start)
                and not any(s <= t.idx < e for s, e in dated)):
            add("event", EVENT_OF[t.lower_])
    subject_tokens = _subject(root)
    events = set(values.get("event", []))
    for ent in ents:
        if ent.label_ not in ACTOR_LABELS or ent.text.lower().removeprefix("the ") in events:
            continue
        if lo <= ent.start_char < hi or any(ent.start <= t.i < ent.end for t in subject_tokens):
            name = ent.text.lower().removesuffix("'s").removesuffix("’s")
            add("actor", person_name(name) if ent.label_ == "PERSON" else name)
    if "place" not in values:
        for p in sentence_places:
            add("context", f"place:{p}")
    if "date" not in values and "date_text" not in values:
        for d in sentence_dates:
            add("context", f"date:{d.value}" if d.value else f"date_text:{d.extra['text']}")
    # figures, dates and names are matched by their values, not again as words
    valued = [(a.start, a.end) for a in held if a.kind in ("number", "date")]
    valued += [(e.start_char, e.end_char) for e in ents if e.label_ == "PERSON" or _is_place(e)]
    terms: list[str] = []
    for t in [*tokens, *subject_tokens]:
        if any(s <= t.idx < e for s, e in valued):
            continue
        if t.is_alpha and not t.is_stop and not t.like_num and len(t.text) > 1:
            w = t.lower_
            if w not in terms:
                terms.append(w)
    nums = [v for v in values.get("quantity", [])]
    kind = "number" if nums else "date" if ("date" in values or "date_text" in values) else \
        "event" if "event" in values else "place"
    start, end = base + lo, base + hi
    return ClaimMention(doc=article.doc, start=start, end=end, text=article.text[start:end], kind=kind,
                        outlet=outlet, values=values, terms=terms)


def person_name(text: str) -> str:
    """A person's name as claims compare it: lower case, without titles, honorifics or a possessive, its
    hyphens as spaces ("Mr. Park Ji-hoon's" -> "park ji hoon"); `align.claims` maps a short form onto the
    fullest name of the story that holds it."""
    words = text.lower().replace("-", " ").replace("’", "'").split()
    words = [w.removesuffix("'s").strip(".,") for w in words]
    words = [w for w in words if w]
    lead = 0
    while lead < len(words) - 1 and is_title(words[lead]):  # titles come before the name
        lead += 1
    return " ".join(words[lead:])


def _opens_unclosed(piece: str, nxt: str) -> bool:
    if nxt == "”":
        return piece.count("“") > piece.count("”")
    if nxt == '"':
        return piece.count('"') % 2 == 1
    if nxt == "’":
        return piece.count("‘") > piece.count("’")
    return False


def _subject(root: Token) -> list[Token]:
    """The subject of a clause, borrowed from the first verb when the clause is a conjunct ("X did A
    but rejected B"); only the words of a short subject."""
    node = root
    for _ in range(3):
        subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and subj[0].lower_ in _RELATIVES and node.dep_ == "relcl" and node.head.i != node.i:
            # "Flynn, who was ousted in February": who is ousted is the noun the clause hangs on
            return [node.head]
        if subj:
            toks = list(subj[0].subtree)
            return toks if len(toks) <= 6 else [subj[0]]
        if node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        else:
            break
    return []


def _pieces(text: str, start: int, end: int, cap: int) -> Iterable[tuple[int, int]]:
    """A paragraph in pieces of at most `cap` characters, cut at spaces: a page that is one endless
    line (scraped without line breaks) must not exceed the parser's limit."""
    while end - start > cap:
        cut = text.rfind(" ", start + cap // 2, start + cap)
        cut = cut if cut > start else start + cap
        yield start, cut
        start = cut
    if end > start:
        yield start, end


def claims_of_parses(article: Article, parsed: Iterable[tuple[int, Doc]]) -> list[ClaimMention]:
    """The claim mentions of `article` from parses already made of its paragraphs: (offset of the
    paragraph in `article.text`, its Doc), as `nlp.extract.extract_many` hands them to `on_parsed`, so that
    the quotation extraction's parse serves the claims too."""
    quotations = _quotation_ranges(article)
    out: list[ClaimMention] = []
    for start, doc in parsed:
        out.extend(claim_mentions(doc, article, offset=start, quotations=quotations))
    return out


def find_claims(articles: Iterable[Article], nlp: Language,
                batch_size: int = 64) -> dict[str, list[ClaimMention]]:
    """The claim mentions of each article, by `Article.doc`, parsing paragraphs with `nlp.pipe`.

    Use the pipeline from `newsfold.nlp.model.load_model()`. An article with no text, or none with a
    fact in it, maps to an empty list.
    """
    articles = list(articles)
    result: dict[str, list[ClaimMention]] = {a.doc: [] for a in articles}
    quotations = [_quotation_ranges(a) for a in articles]

    def texts():
        for n, a in enumerate(articles):
            start, end = a.body or (0, len(a.text))
            for ps, pe in paragraphs(a.text, start, end):
                for s, e in _pieces(a.text, ps, pe, min(MAX_PARAGRAPH_CHARS, nlp.max_length)):
                    yield a.text[s:e], (n, s)

    for doc, (n, ps) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        a = articles[n]
        result[a.doc].extend(claim_mentions(doc, a, offset=ps, quotations=quotations[n]))
    return result
