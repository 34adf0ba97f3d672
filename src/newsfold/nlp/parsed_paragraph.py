"""One parsed paragraph as every attribution rule sees it, and what an attribution is.

`ParsedParagraph` maps the paragraph's quoted stretches onto its tokens (which tokens lie inside which
marks, by bisection over token offsets) and turns tokens into article offsets; `_fill_speaker` finds who
a cue (a reporting verb, "according to") names as its speaker. Quotations (`attribute`), reported speech
(`reported`) and quoted terms (`quoted_terms`) all stand on these, so they live apart from any one of
those rules.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .cues import lemma_of
from .marks import Quoted
from .names import DOCUMENT_WORDS
from .speaker_mentions import (
    antecedent_of,
    could_speak,
    mention_tokens,
    names_someone,
    speaker_and_relative,
    speaker_of,
)


@dataclass
class Attribution:
    """A statement found in a paragraph, in article offsets."""

    start: int
    end: int
    kind: str  # direct | partial | indirect
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None  # the speaker mention
    # its head word (a name's last word, a pronoun); for a relative pronoun ("who said"), the mention it
    # stands for
    speaker_head: tuple[int, int] | None = None
    speaker_is_subject: bool = True
    via: tuple[int, int] | None = None
    via_head: tuple[int, int] | None = None
    sentence: tuple[int, int] | None = None
    how: str = ""  # which rule attributed it, for error analysis
    confidence: float = 1.0
    fragments: list[tuple[int, int]] = field(default_factory=list)
    quoted: Quoted | None = None


def is_cue(tok: Token) -> bool:
    """A reporting verb (said, told, warned) or the "according" of "according to"."""
    if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
        return True
    lemma = lemma_of(tok.text)
    if lemma is None:
        return False
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB"):
        # "“…,” the statement read.": the small model tags a verb after a document as a noun with the
        # document as its subject; a noun with a subject is a verb
        return tok.pos_ == "NOUN" and any(c.dep_ == "nsubj" and c.lower_ in DOCUMENT_WORDS
                                          for c in tok.children)
    return True


def passive_without_agent(tok: Token) -> bool:
    """"would be considered targets": a passive cue with no agent says nothing about who speaks."""
    deps = {c.dep_ for c in tok.children}
    return "auxpass" in deps and "agent" not in deps


def span_of(tokens: list[Token], base: int) -> tuple[int, int]:
    """The article offsets from the first of `tokens` to the end of the last."""
    return base + tokens[0].idx, base + tokens[-1].idx + len(tokens[-1])


class ParsedParagraph:
    """A spaCy `Doc` of one paragraph at offset `base` in its article, with the quoted stretches found
    in it mapped onto its tokens; `state` carries the last speaker across paragraphs."""

    def __init__(self, doc: Doc, base: int, quoted: list[Quoted], state: dict) -> None:
        self.doc = doc
        self.base = base
        self.quoted = quoted
        self.state = state
        # token starts in article offsets, so quotations map to token ranges by bisection, not scans
        self.starts = [base + tok.idx for tok in doc]
        self.ranges: list[tuple[int, int]] = []  # per quotation: token range of its content
        # token index -> index of the quotation whose marks enclose it
        self.inside: dict[int, int] = {}
        for n, q in enumerate(quoted):
            lo, hi = bisect_left(self.starts, q.open), bisect_left(self.starts, q.close)
            for i in range(lo, hi):
                self.inside[i] = n
            self.ranges.append((bisect_left(self.starts, q.start), bisect_left(self.starts, q.end)))

    # -- helpers ---------------------------------------------------------------------------------
    def tokens_of(self, n: int) -> list[Token]:
        lo, hi = self.ranges[n]
        return list(self.doc[lo:hi])

    def _before(self, pos: int) -> int:
        """How many tokens end at or before article offset `pos`."""
        i = bisect_left(self.starts, pos)
        while i > 0 and self.starts[i - 1] + len(self.doc[i - 1]) > pos:
            i -= 1
        return i

    def outside(self, tok: Token) -> bool:
        return tok.i not in self.inside

    def char(self, tok: Token) -> tuple[int, int]:
        return self.base + tok.idx, self.base + tok.idx + len(tok)

    def sentence_span(self, sent: Span) -> tuple[int, int]:
        return self.base + sent.start_char, self.base + sent.end_char

    def _spans(self, head: Token) -> tuple[tuple[int, int], tuple[int, int]]:
        """The speaker mention around `head` and its head word; a relative pronoun ("McConnell, who said")
        is its own mention and has the name it follows as head."""
        ante = antecedent_of(head)
        if ante is not None:
            return self.char(head), span_of(mention_tokens(ante), self.base)
        toks = mention_tokens(head)
        return span_of(toks, self.base), self.char(head if head in toks else toks[-1])

    def _speaks(self, cue: Token) -> bool:
        subj = speaker_of(cue)
        return subj is not None and self.outside(subj) and subj.lower_ not in ("it", "this", "which", "that")

    def _fill_speaker(self, att: Attribution, cue: Token) -> None:
        att.cue = self.char(cue)
        if cue.lower_ == "according":
            to = next((c for c in cue.children if c.lower_ == "to"), None)
            if to is not None:
                att.cue = (self.base + cue.idx, self.base + to.idx + len(to))
        head, rel = speaker_and_relative(cue, self.outside)
        if head is not None and self.outside(head):
            who = rel if rel is not None and self.outside(rel) else head
            att.speaker, att.speaker_head = self._spans(who)
            return
        # "“…,” added a South Carolina Democrat": the speaker after an inverted cue parsed as its object
        if cue.i > 0 and (self.doc[cue.i - 1].is_punct or not self.outside(self.doc[cue.i - 1])):
            obj = next((c for c in cue.children if c.dep_ in ("dobj", "attr", "npadvmod", "oprd")
                        and c.i > cue.i and could_speak(c) and self.outside(c)), None)
            if obj is not None:
                att.speaker, att.speaker_head = self._spans(obj)
                att.how += "+inverted"
                return
        # no subject in the parse: another reporting verb of the sentence that has one ("Sanders said,
        # going on to say that …", with "going" parsed under the quotation), else the nearest name
        sent = cue.sent
        others = [t for t in sent if t.i != cue.i and self.outside(t) and is_cue(t)
                  and t.lower_ != "according" and not passive_without_agent(t)]
        for other in sorted(others, key=lambda t: (t.i > cue.i, abs(t.i - cue.i))):
            other_head = speaker_of(other)
            if other_head is not None and self.outside(other_head) and could_speak(other_head):
                att.speaker, att.speaker_head = self._spans(other_head)
                att.how += "+sentence-cue"
                return
        # the small model often labels a name beside quotation marks a work of art ("“…,” Roe wrote")
        names = [t for t in sent if self.outside(t) and t.pos_ == "PROPN"
                 and (t.ent_type_ in ("PERSON", "ORG", "")
                      or t.ent_type_ == "WORK_OF_ART" and t.dep_ not in ("dobj", "pobj", "dative", "oprd"))]
        if names:
            best = min(names, key=lambda t: (not names_someone(t), abs(t.i - cue.i)))
            toks = mention_tokens(best)
            att.speaker = span_of(toks, self.base)
            att.speaker_head = self.char(best)
            att.how += "+nearest-name"
        pron = [t for t in sent if self.outside(t) and t.lower_ in ("he", "she") and abs(t.i - cue.i) <= 2]
        if not names and pron:
            att.speaker = att.speaker_head = self.char(pron[0])
            att.how += "+nearest-pronoun"
