"""Attribute quoted stretches and find reported speech in one parsed paragraph.

Input: a spaCy `Doc` of one paragraph, the paragraph's offset in the article, and the quoted stretches
`marks.find_quoted` found in it. Output: `Attribution`s holding character offsets only, so nothing
downstream needs the `Doc`.

A quotation's cue is found first through the parse (the reporting verb the quoted clause hangs from:
“A,” he said / she called it “a disgrace”), then by proximity (a cue just after the closing mark or
just before the opening one), then by the paragraph's flow (a quote standing alone after a sentence
whose subject speaks, or a paragraph that carries on a quotation). Quoted words no cue claims may still
be a speaker's by their frame (a naming verb, "according to" in their clause, a headline's source), and
a quotation kept with no cue at all takes the subject its sentence frames it with. Those are the rules
of this module.

`ParagraphAttributor` is the one class callers use; it puts these rules together with those of three
modules beside this one: `parsed_paragraph` (the token map every rule reads, `Attribution`, the speaker
a cue names), `quoted_terms` (whether short quoted words are a label, a title or a scare quote, and
which verb of naming makes them someone's) and `reported` (reported speech outside quotation marks,
`ParagraphAttributor.reported`).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Token

from .cues import NEEDS_CLAUSE, SPEECH_NOUNS, lemma_of
from .parsed_paragraph import Attribution, is_cue, passive_without_agent, span_of
from .quoted_terms import QuotedTerms
from .reported import ReportedSpeech
from .speaker_mentions import could_speak, mention_tokens, same_token, speaker_of

# “…” ― Jane Doe: a reader's or a source's name after a dash, as collections of comments print them
_DASH_NAME = re.compile(r"[ \t\u00a0]*([―—–]|--?)[ \t\u00a0]*"
                        r"((?:[A-Z][\w.'’-]*)(?:[ \t\u00a0]+[A-Z][\w.'’-]*){0,4})")
# "a self-described “…”": words the one the phrase describes uses of himself
_SELF_DESCRIBED = re.compile(r"\bself-(?:described|confessed|proclaimed|styled|declared)\s*$", re.IGNORECASE)
# "the deal that Trump calls “insane”", "what he called “…”": a naming verb and its subject just before
# the marks
_NAMED_BY = re.compile(r"\b(he|she|they|[A-Z][\w'’.-]+)\s+(call|calls|called|dubs|dubbed|brands|branded|"
                       r"labels|labelled|labeled|terms|termed|describes as|described as)\s*$")
# a headline opening with a name and a reporting verb in the present tense: "Trump tweets that …"
_HEADLINE_CUE = re.compile(r"\s*((?:[A-Z][\w.'’-]*[ \u00a0]){0,2}[A-Z][\w.'’-]*)[ \u00a0]+([a-z]+s)\b")
# a headline's source before a colon: one to six words, capitalised first, no sentence end among them
_HEADLINE_SOURCE = re.compile(r"\s*([A-Z][\w.'’&-]*(?:[ \u00a0][\w.'’&-]+){0,5}):\s+\S")
# WALLACE: … at the start of a transcript line
_TRANSCRIPT = re.compile(r"([A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+)?):\s")


class ParagraphAttributor(QuotedTerms, ReportedSpeech):
    """Attribute the quotations of one parsed paragraph; `state` carries the last speaker across
    paragraphs."""

    def _outer_cue(self, cue: Token) -> Token | None:
        """The outermost reporting verb whose reported clause holds `cue`: "Obama said a majority have come to
        believe …", "Mulgrew said he hopes the day sends a message that …"."""
        h, found = cue, None
        if cue.pos_ == "NOUN" and cue.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
            h = cue.head  # a speech noun: from the verb that sends or makes it
        for _ in range(5):
            for c in h.children:
                # an interjected "…, Mr. Obama said, …" beside the clause
                if (c.dep_ == "parataxis" and c.i != cue.i and self.outside(c) and is_cue(c)
                        and (lemma_of(c.text) or "") not in NEEDS_CLAUSE and self._speaks(c)):
                    return c
            # up through reported clauses and infinitives ("have come to believe", often parsed as advcl)
            infinitive = h.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in h.children)
            if h.dep_ not in ("ccomp", "xcomp") and not infinitive or h.head.i == h.i:
                break
            h = h.head
            if not self.outside(h):
                break
            if is_cue(h) and h.lower_ != "according" and not passive_without_agent(h) and self._speaks(h):
                found = h
        return found

    def find_cue_by_parse(self, n: int) -> Token | None:
        """Climb from the quotation's words to the reporting verb they hang from."""
        toks = self.tokens_of(n)
        if not toks:
            return None
        span_ids = {t.i for t in toks}
        roots = [t for t in toks if t.head.i not in span_ids or t.head.i == t.i]
        impersonal = None  # a cue whose subject is "it": the speaker only when no one else is found
        for root in roots:
            h = root
            for _ in range(5):
                if h.head.i == h.i:
                    break
                child, h = h, h.head
                if not self.outside(h):
                    if self.inside.get(h.i) != n:
                        break  # hangs from another quotation
                    continue
                if is_cue(h) and not passive_without_agent(h):
                    weak = (lemma_of(h.text) or "") in NEEDS_CLAUSE
                    if weak and child.dep_ not in ("ccomp", "xcomp", "parataxis", "dobj", "oprd", "attr"):
                        continue
                    subj = speaker_of(h)
                    if subj is not None and subj.lower_ in ("it", "this", "which") and h.dep_ != "ROOT":
                        if subj.lower_ == "it":
                            impersonal = impersonal or h
                        continue  # "it underscores that …" inside "she says": the speaker is further up
                    # words quoted inside someone's reported speech are that someone's to report, as
                    # PolNeAR annotates them: "Trump said Clinton described it as “the gold standard”"
                    # but a whole quotation a verb of the reported clause introduces ("Roe wrote that Ann
                    # told him, “…”") is the inner speaker's own words, which the outer one reports
                    inner = (not self.embedded(n) and child.dep_ in ("ccomp", "dobj", "parataxis")
                             and h.dep_ == "ccomp" and 0 < toks[0].i - h.i <= 6)
                    outer = None if inner else self._outer_cue(h)
                    if outer is not None and not same_token(speaker_of(outer), subj):
                        return outer
                    return h
                if h.lower_ in SPEECH_NOUNS and h.pos_ == "NOUN":
                    outer = self._outer_cue(h)
                    if outer is not None and not same_token(speaker_of(outer), speaker_of(h)):
                        return outer
                    return h
        # the verb may instead hang from the quotation: “A,” he said, parsed with said as the child
        for t in toks:
            for child in t.children:
                if (self.outside(child) and is_cue(child)
                        and child.dep_ in ("parataxis", "ccomp", "advcl", "conj")):
                    return child
        return impersonal

    def find_cue_nearby(self, n: int) -> tuple[Token | None, str]:
        """A cue right after the closing mark (“…,” he said) or right before the opening one
        (she said: “…”)."""
        q = self.quoted[n]
        after = self.doc[bisect_left(self.starts, q.close):]
        steps = 0
        # a long inverted subject still ends on its verb ("“…,” leader of the town's biggest tenants'
        # union Ann Roe said"), but only after a comma and with no other verb on the way: past a full
        # stop or a relative clause, a cue belongs to the next sentence's quotation
        at = q.close - self.base  # just past the closing mark
        text = self.doc.text
        far = text[max(0, at - 3) : at].rstrip("”\"’'»")[-1:] == "," or text[at : at + 1] == ","
        for t in after:
            if t.i in self.inside:
                break
            if t.is_punct and t.text in ".!?" and steps > 0:
                break
            if is_cue(t) and t.lower_ != "according":
                return t, "after"
            if t.lower_ == "according":
                return t, "after"
            if not t.is_punct:
                steps += 1
            far = far and t.pos_ not in ("VERB", "AUX")
            if steps > (12 if far else 8):
                break
        before = self.doc[: self._before(q.open)]
        steps = 0
        for t in reversed(before):
            if t.i in self.inside:
                break
            if t.is_punct and t.text in ".!?":
                break
            if is_cue(t):
                return t, "before"
            if not t.is_punct:
                steps += 1
            if steps > 14:
                break
        return None, ""

    def embedded(self, n: int) -> bool:
        """Whether the quotation sits inside a clause (partial) rather than standing as a whole (direct)."""
        q = self.quoted[n]
        text = self.doc.text
        i = q.open - self.base - 1
        while i >= 0 and text[i] in " \t\u00a0":
            i -= 1
        if i < 0:
            return False
        prev = text[i]
        if prev in ":,—–-(\"“‘'«…" or prev in ".!?":
            if prev == "," and q.start < len(self.doc.text) + self.base:
                first = self.doc.text[q.start - self.base: q.start - self.base + 1]
                return first.islower()
            return False
        return True

    # -- main ------------------------------------------------------------------------------------
    def quotations(self) -> list[Attribution]:
        out: list[Attribution] = []
        for n, q in enumerate(self.quoted):
            toks = self.tokens_of(n)
            if not toks or not any(t.is_alpha for t in toks):
                continue
            term = self.is_term(n)
            if term is True:
                continue
            embedded = self.embedded(n)
            kind = "partial" if embedded else "direct"
            att = Attribution(q.start, q.end, kind, quoted=q, confidence=q.confidence)
            att.sentence = self.sentence_span(self.doc[toks[0].i].sent)
            if self._by_label(att, n):
                out.append(att)
                self.state["last_speaker"] = (att.speaker, att.speaker_head, att.cue)
                continue
            cue = self.find_cue_by_parse(n)
            how = "parse"
            if cue is None and not embedded:
                cue, where = self.find_cue_nearby(n)
                how = "near-" + where
            if cue is not None and (cue.lower_ != "according" or self.outside(cue)):
                self._fill_speaker(att, cue)
                att.how = how + att.how
            elif q.continued and self.state.get("last_speaker"):
                self._inherit(att, "continued")
            elif q.open - self.base <= 1 and self.state.get("intro"):
                self.state["last_speaker"] = self.state["intro"]
                self._inherit(att, "introduced")
            elif not embedded:
                self._inherit_from_flow(att, n)
            if att.speaker is None and embedded:
                # short words a speaker is said to have used: "called it “phony”", "derided him as “…”"
                verb = self._naming_verb(n) or self._reporting_ancestor(n)
                if verb is not None:
                    self._fill_speaker(att, verb)
                    att.how = "naming" + att.how
                    if not is_cue(verb):
                        att.confidence *= 0.9  # a verb of judging is a weaker sign than one of saying
                else:
                    self._said_by_frame(att, n)
            if att.speaker is None and (term is None or embedded and len(toks) <= 6):
                continue  # an unattributed short term: a scare quote, not a statement
            if att.cue is None and att.speaker is None:
                if term is None or embedded and len(toks) <= 6:
                    continue  # an unattributed short term: a scare quote, not a statement
                att.confidence *= 0.5
            if att.speaker is None:
                self._fallback_speaker(att, n)
            self._chain(att, cue)
            out.append(att)
            if att.speaker is not None:
                self.state["last_speaker"] = (att.speaker, att.speaker_head, att.cue)
        return out

    # -- short quoted words whose speaker the words around them name ------------------------------
    def _said_by_frame(self, att: Attribution, n: int) -> None:
        """Quoted words inside a sentence that no parsed verb attributes, whose frame still names who used
        them: "according to X" in their clause, "a self-described “…”", a headline "Name: … “…”", or a
        naming verb just before the marks that the parser took for a noun ("the deal Trump calls
        “insane”")."""
        q = self.quoted[n]
        toks = self.tokens_of(n)
        ids = {t.i for t in toks}
        root = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), toks[0])
        ancestors = {a.i for a in root.ancestors}
        for tok in root.sent:
            if tok.lower_ == "according" and self.outside(tok) and tok.head.i in ancestors | {root.i}:
                self._fill_speaker(att, tok)
                if att.speaker is not None:
                    att.how = "according-clause"
                    return
                att.cue = None
        before = self.doc.text[: q.open - self.base]
        if _SELF_DESCRIBED.search(before):
            h = root
            for _ in range(3):
                if h.dep_ == "appos" and self.outside(h.head) and could_speak(h.head):
                    att.speaker, att.speaker_head = self._spans(h.head)
                    att.how = "self-described"
                    return
                h = h.head
        m = _NAMED_BY.search(before)
        if m:
            who = self.doc.char_span(m.start(1), m.end(1))
            if who is not None and len(who) == 1 and self.outside(who[0]) and could_speak(who[0]):
                att.speaker, att.speaker_head = self._spans(who[0])
                att.cue = (self.base + m.start(2), self.base + m.end(2))
                att.how = "named-by"
                return
        cue, where = self.find_cue_nearby(n)
        if cue is not None and where == "before" and cue.lower_ != "according":
            between = [t for t in self.doc[cue.i + 1 : self._before(q.open)] if not t.is_punct]
            if len(between) <= 2 and self._speaks(cue):
                # "chanted phrases like, “…”", "tweeted simply, “…”": the verb just before the marks
                self._fill_speaker(att, cue)
                att.how = "cue-before"
                return
        m = _HEADLINE_CUE.match(self.doc.text)
        if m and q.open - self.base > m.end(2) and lemma_of(m.group(2)) is not None:
            who = self.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            if who is not None and all(self.outside(t) for t in who):
                # a headline's present tense the parser reads as nouns: "Trump tweets that memos
                # ‘clearly’ show …", "Trump signals openness to a ‘new deal’"
                toks = [t for t in who if not t.is_punct]
                att.speaker = (self.base + toks[0].idx, self.base + toks[-1].idx + len(toks[-1]))
                att.speaker_head = self.char(toks[-1])
                att.cue = (self.base + m.start(2), self.base + m.end(2))
                att.how = "headline-cue"
                return
        head = self._headline_source()
        if head is not None and q.open - self.base > head[1]:
            att.speaker, att.speaker_head = self._spans(head[0])
            att.cue = (self.base + head[1], self.base + head[1] + 1)
            att.how = "headline-colon"

    def _headline_source(self) -> tuple[Token, int] | None:
        """A line opening with who speaks and a colon, as headlines print it ("Netanyahu: Evidence proves
        …", "Israeli Ambassador to US: …"): the head of that source and the colon's offset in the
        paragraph. Section labels ("Analysis:", "Live:") name no one and give None."""
        m = _HEADLINE_SOURCE.match(self.doc.text)
        if not m:
            return None
        span = self.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None or any(not self.outside(t) for t in span):
            return None
        head = span.root
        if not could_speak(head) or head.ent_type_ in ("GPE", "DATE", "TIME"):
            return None
        return head, m.end(1)

    # -- speakers by the sentence's frame, when no reporting word gives one ------------------------
    def _fallback_speaker(self, att: Attribution, n: int) -> None:
        """A kept quotation with no cue: the speaker the sentence frames it with, at lower confidence.

        “The union leader had a blunt message: “…””: the subject before a colon that introduces it;
        “Moore thanked him for “…””: the subject of the verb the quoted words belong to; failing both,
        the person the previous sentence was about when the quotation stands alone after it.
        """
        for rule in (self._colon_subject, self._governing_subject, self._previous_subject):
            head = rule(n)
            if head is not None:
                att.speaker, att.speaker_head = self._spans(head)
                att.how = (att.how + "+" if att.how else "") + rule.__name__.strip("_").replace("_", "-")
                att.confidence *= 0.7
                if rule == self._colon_subject and att.cue is None:
                    # the colon introduces it, as a dash label's dash does
                    att.cue = self.char(self.doc[self._colon_at(n)])
                    att.confidence = 0.8 * self.quoted[n].confidence
                return

    def _colon_subject(self, n: int) -> Token | None:
        """The subject of the clause a colon closes just before the quotation ("She had a message: “…”")."""
        i = self._colon_at(n)
        return self._clause_subject(self.doc[i]) if i > 0 else None

    def _colon_at(self, n: int) -> int:
        """The index of the colon just before the quotation's opening mark, or -1."""
        i = self._before(self.quoted[n].open) - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        return i if i >= 1 and self.doc[i].text == ":" and self.outside(self.doc[i]) else -1

    def _clause_subject(self, end: Token) -> Token | None:
        """Who the clause ending at `end` is about: its main verb's subject, or the last person it names."""
        sent = end.sent
        clause = [t for t in sent if t.i < end.i and self.outside(t)]
        if not clause:
            return None
        ids = {t.i for t in clause}
        roots = [t for t in clause if t.head.i not in ids or t.head.i == t.i]
        for root in roots:
            for c in root.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i in ids and could_speak(c):
                    return c
        people = [t for t in clause if t.ent_type_ == "PERSON" and t.ent_iob_ != "O"
                  and (t.i + 1 >= len(self.doc) or self.doc[t.i + 1].ent_type_ != "PERSON"
                       or self.doc[t.i + 1].ent_iob_ == "B")]
        return people[-1] if people else None

    def _governing_subject(self, n: int) -> Token | None:
        """The subject of the verb the quoted words hang from: “Trump attacked “the hateful ideology …””."""
        toks = self.tokens_of(n)
        if not toks:
            return None
        ids = {t.i for t in toks}
        root = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), None)
        h = root
        for _ in range(6):
            if h is None or h.head.i == h.i:
                break
            h = h.head
            if not self.outside(h):
                return None
            if h.pos_ in ("VERB", "AUX"):
                subj = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    return subj if could_speak(subj) and self.outside(subj) else None
                if h.dep_ not in ("xcomp", "advcl", "conj", "acl", "relcl", "pcomp", "prep", "pobj", "dobj",
                                  "ccomp"):
                    return None
        return None

    def _previous_subject(self, n: int) -> Token | None:
        """A quotation standing alone as a sentence speaks for the person the sentence before it is about."""
        q = self.quoted[n]
        if self.embedded(n):
            return None
        before = [t for t in self.doc[: self._before(q.open)] if self.outside(t) and not t.is_space]
        if not before:
            return None
        return self._clause_subject(before[-1]) if before[-1].is_punct else None

    def _by_label(self, att: Attribution, n: int) -> bool:
        """Speakers named by layout: “…” ― Jane Doe, or a transcript's WALLACE: inside the marks."""
        q = self.quoted[n]
        text = self.doc.text
        rest = text[q.close - self.base :]
        m = _DASH_NAME.match(rest)
        if m and q.closed:
            base = q.close
            att.cue = (base + m.start(1), base + m.end(1))
            att.speaker = (base + m.start(2), base + m.end(2))
            last = m.group(2).rstrip(".").split()[-1]
            att.speaker_head = (base + m.end(2) - len(m.group(2).rstrip("."))
                                + m.group(2).rstrip(".").rfind(last),
                                base + m.start(2) + len(m.group(2).rstrip(".")))
            att.how = "dash"
            return True
        m = _TRANSCRIPT.match(text[q.start - self.base :])
        if m:
            base = q.start
            att.speaker = att.speaker_head = (base + m.start(1), base + m.end(1))
            att.cue = (base + m.end(1), base + m.end(1) + 1)
            att.start = base + m.end()
            att.how = "transcript"
            return True
        return False

    def intro(self) -> tuple | None:
        """A paragraph ending in a colon after a cue ("The New York Times reports:") introduces the next."""
        if not self.doc.text.rstrip().endswith(":"):
            return None
        for tok in reversed(self.doc):
            if self.outside(tok) and is_cue(tok) and tok.lower_ != "according":
                head = speaker_of(tok)
                if head is not None and self.outside(head):
                    toks = mention_tokens(head)
                    return (span_of(toks, self.base), self.char(head), self.char(tok))
        # no reporting verb: who the sentence is about ("Sanders made the following comment:")
        colon = next((t for t in reversed(self.doc) if not t.is_space), None)
        if colon is not None and colon.text == ":" and self.outside(colon):
            head = self._clause_subject(colon)
            if head is not None:
                toks = mention_tokens(head)
                head_span = self.char(head if head in toks else toks[-1])
                return (span_of(toks, self.base), head_span, self.char(colon))
        return None

    def _inherit(self, att: Attribution, how: str) -> None:
        speaker, head, cue = self.state["last_speaker"]
        att.speaker, att.speaker_head, att.cue = speaker, head, cue
        att.how = how
        att.confidence *= 0.8

    def _inherit_from_flow(self, att: Attribution, n: int) -> None:
        """A quotation standing alone speaks for the subject of the sentence before it, or the last
        speaker."""
        q = self.quoted[n]
        toks = self.tokens_of(n)
        sent = toks[0].sent
        # the sentence just before the quotation, in this paragraph
        prev_tokens = [t for t in self.doc[: self._before(q.open)] if self.outside(t)]
        if prev_tokens:
            prev_sent = prev_tokens[-1].sent
            cues = [t for t in prev_sent if self.outside(t) and is_cue(t) and t.lower_ != "according"]
            for t in cues:
                head = speaker_of(t)
                if head is not None and self.outside(head):
                    att.speaker, att.speaker_head = self._spans(head)
                    att.cue = self.char(t)
                    att.how = "previous-sentence"
                    att.confidence *= 0.9
                    return
            for t in cues:
                # no subject for any of them: the same fallbacks as a cue of the quotation's own
                self._fill_speaker(att, t)
                if att.speaker is not None:
                    att.how = "previous-sentence" + att.how
                    att.confidence *= 0.8
                    return
                att.cue = None
        paragraph_is_quote = q.open - self.base <= 1 and sent is not None
        if paragraph_is_quote and self.state.get("last_speaker") and self.state.get("last_was_quote"):
            self._inherit(att, "previous-paragraph")

    def _chain(self, att: Attribution, cue: Token | None) -> None:
        """Keep the relay: “…,” Putin said, according to the state-run Tass agency."""
        if att.sentence is None:
            return
        s, e = att.sentence
        for tok in self.doc:
            pos = self.base + tok.idx
            if (s <= pos < e and tok.lower_ == "according" and self.outside(tok)
                    and (cue is None or tok.i != cue.i)):
                obj = speaker_of(tok)
                if obj is not None and att.speaker is not None:
                    toks = mention_tokens(obj)
                    att.via = span_of(toks, self.base)
                    att.via_head = self.char(obj)
        if att.via is None and att.speaker is not None and cue is not None and cue.dep_ == "ccomp":
            # "Roe wrote that Ann told him, “…”": Ann's words, as Roe reports them
            outer = self._outer_cue(cue)
            teller = speaker_of(outer) if outer is not None else None
            if teller is not None and self.outside(teller) and not same_token(teller, speaker_of(cue)):
                att.via = span_of(mention_tokens(teller), self.base)
                att.via_head = self.char(teller)
