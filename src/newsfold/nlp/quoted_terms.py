"""Short quoted words: whether they are a label, a title, a heading or a scare quote rather than
something someone said, and which verb of saying or naming makes them someone's words.

`is_term` decides from the words around the marks ("the so-called “…”", "the film “…”", a list of
titles, a heading line); `_naming_verb` and `_reporting_ancestor` find the verb that makes quoted words
a speaker's own ("called it “a disgrace”", "said “thousands of our supporters” will “be heard”").
These decisions are about the quoted words themselves, before and apart from finding a quotation's cue,
so they are a module of their own; `ParagraphAttributor` takes them from `QuotedTerms`.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Token

from .cues import NEEDS_CLAUSE, is_stance_verb, lemma_of, word_forms
from .parsed_paragraph import ParsedParagraph, is_cue, passive_without_agent
from .reported import reports_speech
from .speaker_mentions import could_speak, speaker_of

# Words that make a short quoted term a label rather than a statement: the so-called “reassurance force”.
TERM_MARKERS = {"so-called", "dubbed", "term", "terms", "word", "words", "phrase", "nickname", "titled",
                "entitled", "named", "slogan", "hashtag", "label", "known", "coined", "motto", "banner"}
# Nouns for works whose titles are printed in quotation marks: the film “…”, “…”, a novel by …
WORK_NOUNS = {"film", "films", "movie", "movies", "book", "books", "novel", "novels", "memoir", "series",
              "show", "shows", "sitcom", "song", "songs", "album", "albums", "single", "play", "musical",
              "opera", "documentary", "podcast", "episode", "poem", "painting", "exhibition", "programme",
              "drama", "comedy", "thriller", "biopic", "track", "ballad", "anthem", "essay", "column"}
# Verbs of naming, beside the reporting and stance verbs, whose quoted object is the subject's own words
_NAMING_FORMS = word_forms({"nickname", "brand", "label", "dub", "term", "thunder", "tweet", "post", "chide",
                            "deride", "assail", "liken", "decry", "lambast", "hail", "tout", "vow"}, {})
# Filings that speak for those who filed them: "The lawsuit refers to the campaign as a “racketeering
# enterprise”" (newsfold counts a document as a source of what it says)
_FILINGS = {"lawsuit", "suit", "complaint", "indictment", "filing", "petition", "motion", "ruling", "opinion",
            "resolution", "bill", "brief", "affidavit", "subpoena", "warrant"}


class QuotedTerms(ParsedParagraph):
    """The decisions about short quoted words of a paragraph: term or statement, and whose words."""

    def is_term(self, n: int) -> bool:
        """A short quoted label, title or heading rather than something someone said."""
        q = self.quoted[n]
        content = self.doc.text[q.start - self.base : q.end - self.base]
        words = content.split()
        toks = self.tokens_of(n)
        before = list(self.doc[max(0, self._before(q.open) - 3) : self._before(q.open)])
        if any(t.lower_ in TERM_MARKERS for t in before):
            return True
        if self._is_title(n):
            return True
        # a heading: a short line that is nothing but a quotation with no closing punctuation
        para = self.doc.text.strip()
        if q.open - self.base <= 0 and q.close - self.base >= len(para) and len(words) <= 8 \
                and content.rstrip()[-1:] not in ".!?,":
            return True
        if len(words) <= 3 and toks and all(t.pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PUNCT", "NUM", "CCONJ")
                                            for t in toks):
            return None  # undecided: a term unless a speaker is found  # type: ignore[return-value]
        return False

    def _naming_verb(self, n: int) -> Token | None:
        """The verb of saying, naming or judging that quoted words hang from, when its subject can speak:
        "Trump called it “a disgrace”", "Comey defended him as a “true pro”", "likened them to “smugglers”".
        Words hung from any other verb ("signed the “deal”") are no one's words."""
        toks = self.tokens_of(n)
        ids = {t.i for t in toks}
        root = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), None)
        h = root
        for _ in range(5):
            if h is None or h.head.i == h.i:
                return None
            child, h = h, h.head
            if not self.outside(h):
                if self.inside.get(h.i) == n:
                    return None
                continue  # through another quotation: "assailed it as “insane” and “ridiculous”"
            # a verb the tagger took for a noun still has its subject: "whom Nielsen accuses of “coaching”"
            verb_like = h.pos_ in ("VERB", "AUX") or h.tag_.startswith("VB") or (
                h.dep_ in ("relcl", "ROOT", "ccomp") and any(c.dep_ == "nsubj" for c in h.children))
            if verb_like:
                naming = (is_cue(h) or is_stance_verb(h.text) or h.lower_ in _NAMING_FORMS
                          or lemma_of(h.text) is not None and h.pos_ == "NOUN")
                if not naming and h.dep_ == "acl" and h.tag_ == "VBN" and child.dep_ == "prep":
                    # "assailed the agreement made by Obama as “insane”": the "as" the parser hung on the
                    # participle belongs to the verb of the object the participle describes
                    continue
                if not naming:
                    return None
                if passive_without_agent(h):
                    return None
                subj = speaker_of(h)
                if subj is None and h.dep_ == "ROOT":
                    # a list of the speaker's verbs the parser split ("denounced him as “a madman”, …,
                    # derided him as “short and fat”"): the verb speaks for whoever another verb of
                    # saying in the sentence has as its subject (see `_fill_speaker`)
                    others = [t for t in h.sent if t.i != h.i and self.outside(t) and is_cue(t)
                              and t.lower_ != "according" and self._speaks(t) and could_speak(speaker_of(t))]
                    return h if others else None
                speaks = subj is not None and (could_speak(subj) or subj.lower_ in _FILINGS)
                return h if speaks and self.outside(subj) else None
            if h.dep_ not in ("prep", "pobj", "dobj", "oprd", "attr", "amod", "compound", "appos", "conj",
                              "acomp", "xcomp", "npadvmod"):
                return None
        return None

    def _reporting_ancestor(self, n: int) -> Token | None:
        """The reporting verb whose reported clause holds the quoted words, however deep, passing other
        quotations: "promised to “never use nuclear weapons” unless there is a “threat”", "said “thousands of
        our supporters” will “be heard”". Only verbs that report a clause count, not verbs of stance."""
        toks = self.tokens_of(n)
        ids = {t.i for t in toks}
        h = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), None)
        for _ in range(12):
            if h is None or h.head.i == h.i:
                return None
            child, h = h, h.head
            if not self.outside(h):
                continue
            for c in h.children:
                # "… would be a “very bad idea”, Trudeau said on Monday": the cue beside the clause
                if c.dep_ == "parataxis" and self.outside(c) and is_cue(c) and self._speaks(c) \
                        and (lemma_of(c.text) or "") not in NEEDS_CLAUSE and c.i != child.i:
                    return c
            if is_cue(h) and h.lower_ != "according":
                if child.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "parataxis", "dobj") \
                        or not reports_speech(h) or (lemma_of(h.text) or "") in NEEDS_CLAUSE \
                        and child.dep_ not in ("ccomp", "xcomp"):
                    return None
                subj = speaker_of(h)
                return h if subj is not None and self.outside(subj) and could_speak(subj) else None
        return None

    def _is_title(self, n: int) -> bool:
        """A title of a work in marks: capitalised words after a possessive or a creator ("Bong Joon Ho's
        “Parasite”"), beside "the film", "the book", "the series", or in a list of such titles."""
        q = self.quoted[n]
        words = re.findall(r"[A-Za-z][\w'’-]*", self.doc.text[q.start - self.base : q.end - self.base])
        if not words or len(words) > 10 or not words[0][0].isupper():
            return False
        if not all(w[0].isupper() for w in words if len(w) > 3):
            return False
        i = self._before(q.open)
        before = [t for t in self.doc[max(0, i - 3) : i] if not t.is_punct]
        if before and (before[-1].tag_ == "POS" or before[-1].lower_ in ("'s", "’s")):
            return True
        if any(t.lower_ in WORK_NOUNS for t in before):
            return True
        after = [t for t in self.doc[bisect_left(self.starts, q.close) :][:3] if not t.is_punct]
        if after and after[0].lower_ in WORK_NOUNS:
            return True
        # a list of titles: another capitalised quoted stretch beside it, joined by a comma or "and"
        for m in (n - 1, n + 1):
            if 0 <= m < len(self.quoted):
                a, b = sorted((self.quoted[m], q), key=lambda x: x.open)
                gap = self.doc.text[a.close - self.base : b.open - self.base].strip(" ,")
                other = self.doc.text[self.quoted[m].start - self.base : self.quoted[m].end - self.base]
                if gap in ("", "and", "or") and other[:1].isupper() and a.close <= b.open:
                    return True
        return False
