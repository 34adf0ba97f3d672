"""Attribute quoted stretches and find reported speech in one parsed paragraph.

Input: a spaCy `Doc` of one paragraph, the paragraph's offset in the article, and the quoted stretches
`marks.find_quoted` found in it. Output: `Attribution`s holding character offsets only, so nothing
downstream needs the `Doc`.

A quotation's cue is found first through the parse (the reporting verb the quoted clause hangs from:
“A,” he said / she called it “a disgrace”), then by proximity (a cue just after the closing mark or
just before the opening one), then by the paragraph's flow (a quote standing alone after a sentence
whose subject speaks, or a paragraph that carries on a quotation).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Token

from .cues import NEEDS_CLAUSE, SPEECH_NOUNS, is_stance_verb, lemma_of, word_forms
from .parsed_paragraph import Attribution, ParsedParagraph, is_cue, passive_without_agent, span_of
from .speaker_mentions import (
    SOURCE_NOUNS,
    could_speak,
    is_addressee,
    mention_tokens,
    same_token,
    speaker_of,
)

PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "him", "her", "them"}
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
# Verbs whose subject takes no stance on anything: "Trump is in Ohio", "she went home".
NON_STANCE = {"be", "have", "do", "get", "go", "come", "take", "make", "give", "put", "set", "keep", "let",
              "become", "seem", "remain", "stay", "live", "die", "sit", "stand", "walk", "run", "travel",
              "visit", "arrive", "leave", "return", "move", "turn", "fall", "rise", "grow", "begin", "start",
              "end", "win", "lose", "pay", "spend", "cost", "earn", "buy", "sell", "hold", "meet", "include",
              "contain", "face", "use", "try", "need", "help", "work", "play", "serve", "lead", "follow",
              "watch", "look", "wait", "happen", "occur", "appear", "enter", "open", "close", "host",
              "attend", "join", "receive", "reach", "send", "bring", "carry", "drive", "fly", "hit", "kill",
              "shoot", "born", "marry", "raise", "apply", "file", "sign", "vote", "owe", "lend", "borrow",
              "hire", "fire", "address", "represent", "build", "launch", "draw",
              "beat", "struggle", "crest", "flood", "burst"}
# Their irregular forms, so that "won", "took" and "led" are recognised without a lemmatizer.
_NON_STANCE_IRREGULAR = {
    "be": ["is", "are", "was", "were", "been", "being", "am"], "have": ["has", "had", "having"],
    "do": ["does", "did", "done", "doing"], "get": ["got", "gotten", "gets", "getting"],
    "go": ["goes", "went", "gone", "going"], "come": ["came", "comes", "coming"],
    "take": ["took", "taken", "takes", "taking"], "make": ["made", "makes", "making"],
    "give": ["gave", "given", "gives", "giving"], "put": ["puts", "putting"], "set": ["sets", "setting"],
    "keep": ["kept", "keeps", "keeping"], "let": ["lets", "letting"],
    "become": ["became", "becomes", "becoming"], "sit": ["sat", "sits", "sitting"],
    "stand": ["stood", "stands", "standing"], "run": ["ran", "runs", "running"],
    "leave": ["left", "leaves", "leaving"], "fall": ["fell", "fallen", "falls", "falling"],
    "rise": ["rose", "risen", "rises", "rising"], "grow": ["grew", "grown", "grows", "growing"],
    "begin": ["began", "begun", "begins", "beginning"], "win": ["won", "wins", "winning"],
    "lose": ["lost", "loses", "losing"], "pay": ["paid", "pays", "paying"],
    "spend": ["spent", "spends", "spending"], "cost": ["costs", "costing"],
    "buy": ["bought", "buys", "buying"], "sell": ["sold", "sells", "selling"],
    "hold": ["held", "holds", "holding"], "meet": ["met", "meets", "meeting"],
    "lead": ["led", "leads", "leading"], "bring": ["brought", "brings", "bringing"],
    "drive": ["drove", "driven", "drives", "driving"], "fly": ["flew", "flown", "flies", "flying"],
    "hit": ["hits", "hitting"], "shoot": ["shot", "shoots", "shooting"], "send": ["sent", "sends", "sending"],
    "lend": ["lent", "lends", "lending"], "die": ["died", "dies", "dying"], "shut": ["shuts", "shutting"],
    "born": [], "marry": ["married", "marries", "marrying"], "build": ["built", "builds", "building"],
    "draw": ["drew", "drawn", "draws", "drawing"], "beat": ["beaten", "beats", "beating"],
    "burst": ["bursts", "bursting"],
}
NON_STANCE_FORMS = word_forms(NON_STANCE, _NON_STANCE_IRREGULAR)
STANCE_PREPS = {"of", "about", "for", "on", "against", "to", "with", "over", "as"}
# Verbs whose "to" names what a view is about ("pointed to the deficit", "objected to the plan"); after
# others it names a place or a listener ("admitted to hospital", "spoke to reporters").
_TO_TOPIC_FORMS = word_forms({"point", "refer", "allude", "object", "respond", "react", "reply", "agree"},
                             {"refer": ["referred", "refers", "referring"]})

# Verbs whose person object is someone spoken to ("told reporters", "urged the council", "thanked voters"),
# not the subject of a view; after other verbs of stance a person is what the view is about ("China and
# Russia support the government", "Trump attacked Machado").
_LISTENER_FORMS = word_forms(
    {"tell", "ask", "inform", "notify", "brief", "assure", "reassure", "warn", "urge", "advise", "caution",
     "beg", "implore", "interview", "query", "remind", "press", "lobby", "thank", "congratulate", "lecture",
     "order", "call", "promise", "threaten", "answer", "invite", "address", "show", "offer", "request",
     "push"},
    {"tell": ["told", "tells", "telling"], "show": ["showed", "shown", "shows", "showing"]})

# Verbs that name or judge their object ("called him divisive", "deemed the plan a failure")
_CALLING_FORMS = word_forms({"call", "name", "dub", "brand", "label", "term", "deem", "consider", "declare",
                             "pronounce", "judge", "rate", "rank", "proclaim", "nickname"}, {})
# Nouns that report a statement, a view or an intention of their owner: "Trump's criticism of the Fed",
# "her claim that …", "his decision to run" (PolNeAR's nominal cues). Nouns whose owned objects were
# mostly no attribution on PolNeAR train ("his plan for the weekend", "her position on the team",
# "his remarks at the dinner") are left out.
NOMINAL_CUES = {
    "criticism", "criticisms", "endorsement", "endorsements", "decision", "opposition", "support", "attacks",
    "claim", "claims", "call", "calls", "proposal", "proposals", "promise", "promises", "pledge", "vow",
    "warning", "warnings", "argument", "assertion", "accusation", "accusations", "allegation", "allegations",
    "demand", "demands", "insistence", "denial", "suggestion", "view", "views", "belief", "hope", "fear",
    "fears", "concern", "concerns", "praise", "defense", "defence", "rejection", "refusal", "desire",
    "intention", "threat", "threats", "complaint", "complaints", "prediction", "assessment", "admission",
    "acknowledgment", "opinion", "comments", "description", "characterization",
}
_NOMINAL_PREPS = {"of", "on", "for", "against", "about", "over"}
# Sources of evidence, beside `SOURCE_NOUNS`, whose findings are reported: "leaked emails showed …"
_EVIDENCE = {"emails", "records", "results", "figures", "numbers", "averages", "average", "filings", "files",
             "audit", "analysis", "tally", "count", "polling", "census", "returns", "data"}
# Entity types of a time, which is never what a view is about
_WHEN = {"DATE", "TIME"}
# "lay" states a view only as "lay out" ("laid out a plan"), not lying down on something
_LAY_FORMS = word_forms({"lay"}, {"lay": ["laid", "lays", "laying"]})

# How much reported speech to find: see ParagraphAttributor.reported.
REPORTED_MODES = ("broad", "speech")

# Reporting verbs that take their content as an object or complement rather than a clause.
OBJECT_CUES = {"call", "describe", "label", "dub", "brand", "term", "characterize", "characterise",
               "praise", "accuse", "hail", "welcome", "cite", "demand", "promise", "pledge", "vow",
               "urge", "decry", "denounce", "condemn", "criticize", "criticise", "blast", "slam", "tout",
               "reject", "dismiss", "warn", "threaten", "propose", "recommend"}


# Reporting verbs whose object alone is not what was said: "continued the tour", "added a stop",
# "interviewed the mayor", "maintains a blog"; with a reported clause they still report it. Chosen on PolNeAR
# train, where these objects were mostly not attributions.
NO_OBJECT_CONTENT = {"continue", "add", "interview", "brief", "maintain", "declare", "discover", "charge"}
# Reporting verbs whose two-word objects are mostly something other than what was said (see `reported`)
_SHORT_OBJECT_UNSURE = NEEDS_CLAUSE | {"release", "post", "issue", "publish", "write", "disclose", "chant",
                                      "sing", "read", "tweet", "reveal"}
# Verbs that introduce quotations ("“…,” he continued") but never report speech of their own: "the rain
# will continue to fall".
NOT_REPORTING = {"continue"}
_CLAUSE_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "mark"}


# “…” ― Jane Doe: a reader's or a source's name after a dash, as collections of comments print them
_DASH_NAME = re.compile(r"[ \t\u00a0]*([―—–]|--?)[ \t\u00a0]*"
                        r"((?:[A-Z][\w.'’-]*)(?:[ \t\u00a0]+[A-Z][\w.'’-]*){0,4})")
# Filings that speak for those who filed them: "The lawsuit refers to the campaign as a “racketeering
# enterprise”" (newsfold counts a document as a source of what it says)
_FILINGS = {"lawsuit", "suit", "complaint", "indictment", "filing", "petition", "motion", "ruling", "opinion",
            "resolution", "bill", "brief", "affidavit", "subpoena", "warrant"}
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


def _withheld(cue: Token, content: list[Token]) -> bool:
    """ "She did not say how much it cost" reports no statement; "he did not rule out a deal" does."""
    wh = {"how", "what", "whether", "why", "when", "where", "who", "which", "if"}
    return any(c.dep_ == "neg" for c in cue.children) and bool(content) and content[0].lower_ in wh


class ParagraphAttributor(ParsedParagraph):
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
                        or not self._reports(h) or (lemma_of(h.text) or "") in NEEDS_CLAUSE \
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

    # -- reported speech -------------------------------------------------------------------------
    def _stance_subject(self, verb: Token) -> bool:
        """Whether the verb's subject is someone who can hold a view (a person, an organisation, a poll)."""
        if verb.lower_ in NON_STANCE_FORMS:
            return False
        subj = next((c for c in verb.children if c.dep_ in ("nsubj",)), None)
        if subj is None:
            return False
        if subj.lower_ in ("he", "she", "they", "we", "i", "who"):
            return True
        if subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return True
        return subj.lower_ in SOURCE_NOUNS

    def _named_after(self, verb: Token, obj: Token) -> Token | None:
        """What the verb calls its object, after it and outside quotation marks: "divisive" in "called him
        divisive" (quoted words are a partial quotation instead)."""
        if verb.lower_ not in _CALLING_FORMS:
            return None  # "found him sleeping" says nothing about him
        named = next((g for g in verb.children if g.dep_ in ("oprd", "xcomp") and g.i > obj.i), None)
        if named is None or not all(self.outside(t) for t in named.subtree):
            return None
        return named

    def _stance_content(self, verb: Token) -> list[Token] | None:
        """What a view is about: a clause, an infinitive, an object, or the object of of/about/for/against.

        Someone spoken to is not what is said: "accused the port authority of waiting too long" gives
        "the port authority of waiting too long", "told reporters" alone gives nothing.
        """
        low = verb.lower_
        if low in _LAY_FORMS and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
            return None  # "lay out a plan" states one; "lay down on the tracks" does not
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in STANCE_PREPS
                 and (c.lower_ != "to" or verb.lower_ in _TO_TOPIC_FORMS)
                 and any(g.dep_ in ("pobj", "pcomp") for g in c.children)]
        for dep in ("ccomp", "xcomp", "dobj"):
            for c in verb.children:
                bare_pronoun = c.pos_ == "PRON" and self._named_after(verb, c) is None
                if c.dep_ == dep and not (dep == "dobj" and (bare_pronoun or c.ent_type_ in _WHEN)):
                    if dep == "ccomp" and not any(g.dep_ in _CLAUSE_SUBJECTS for g in c.children):
                        continue  # not a clause someone reports (see `reported`)
                    if dep == "dobj":
                        # "accused the port authority of waiting", "described it as": the object and
                        # its sequel
                        after = [p for p in preps if p.i > c.i and p.lower_ in ("of", "for", "about", "over",
                                                                                 "as")]
                        if after:
                            return list(self.doc[c.left_edge.i : after[0].right_edge.i + 1])
                        # "called the charges unsubstantiated", "deemed the plan a failure": the object
                        # with what it is called
                        named = self._named_after(verb, c)
                        if named is not None:
                            return list(self.doc[c.left_edge.i : named.right_edge.i + 1])
                        if is_addressee(c) and verb.lower_ in _LISTENER_FORMS:
                            return None
                    return list(c.subtree)
        for c in preps:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in _WHEN]
            if objs:  # "spoke on Nov. 14", "decided over the last week": when, not what
                return list(objs[0].subtree)
        return None

    def _nominal_content(self, noun: Token) -> list[Token] | None:
        """What a nominal cue owned by someone reports: "Trump's criticism of the Fed", "her claim that the
        vote was rigged", "his decision to run", "Republican calls for a special prosecutor". The owner
        must be a possessor who can speak; "the criticism of the plan" names no one."""
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.i < noun.i), None)
        if owner is None or not self.outside(owner) or not (could_speak(owner) or owner.lower_ in
                                                             ("his", "her", "their", "its", "our", "my")):
            return None
        for c in noun.children:
            if c.i < noun.i:
                continue
            if c.dep_ in ("acl", "ccomp", "relcl") and any(g.dep_ == "mark" and g.lower_ == "that"
                                                           for g in c.children):
                return list(c.subtree)
            if c.dep_ in ("acl", "xcomp") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                return list(c.subtree)
            if c.dep_ == "prep" and c.lower_ in _NOMINAL_PREPS:
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in _WHEN]
                if objs:
                    return list(objs[0].subtree)
        return None

    def _finding(self, verb: Token) -> list[Token] | None:
        """What a poll, a record or a study shows when the parser gives it no clause: an object with what
        it is doing or has ("a poll shows Sanders leading Clinton", "the averages show Clinton with a lead",
        "leaked emails showed staff favoring her"). The subject must be such a source, not a person finding
        keys ("she found him sleeping" is no finding)."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ not in _EVIDENCE and subj.lower_ not in SOURCE_NOUNS \
                or subj.lower_ in PRONOUNS:
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            return None
        if any(g.dep_ == "acl" and g.tag_ in ("VBG", "VBN") for g in obj.children):
            return list(obj.subtree)
        withs = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" and c.i > obj.i]
        if withs:
            return list(self.doc[obj.left_edge.i : withs[0].right_edge.i + 1])
        return None

    def _before_quotation(self, content: list[Token]) -> list[Token]:
        """Reported content that runs on into a clause holding a quotation ends before that clause: "he
        respects Clinton and calls her “…”" gives "he respects Clinton", "… could backfire, angering his
        supporters, both of which she praised “…”" ends at "supporters". Without a comma or conjunction
        before the quotation the quoted words belong to the content, and it stays whole (and is dropped)."""
        first = next((k for k, t in enumerate(content) if not self.outside(t)), None)
        if first is None:
            return content
        cut = next((k for k in range(first - 1, 0, -1)
                    if content[k].text == "," or content[k].dep_ == "cc"), None)
        if cut is None:
            return content
        head = content[:cut]
        while head and (head[-1].is_punct or head[-1].dep_ == "cc"):
            head.pop()
        return head if len(head) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in head) else content

    def _emit(self, tok: Token, content: list[Token], out: list[Attribution], taken: list, how: str) -> None:
        while content and (content[0].is_punct or content[0].is_space):
            content.pop(0)
        while content and (content[-1].is_punct or content[-1].is_space):
            content.pop()
        content = self._before_quotation(content)
        if not content:
            return
        if _withheld(tok, content):
            return
        start, end = span_of(content, self.base)
        if any(s < end and start < e for s, e in taken) or any(not self.outside(t) for t in content):
            return
        att = Attribution(start, end, "indirect", how=how, confidence=0.6)
        att.sentence = self.sentence_span(tok.sent)
        self._fill_speaker(att, tok)
        if att.speaker is None:
            return
        out.append(att)
        taken.append((start, end))

    def _interjected_content(self, cue: Token) -> list[Token] | None:
        """The sentence around an interjected cue: "The museum, Mr. Bush said, celebrated his heroes" and
        "Lenox was a juggernaut, Mr. Clarke said, until it failed" report all of it but the cue's clause."""
        if cue.dep_ != "parataxis" or speaker_of(cue) is None or any(c.dep_ == "ccomp" for c in cue.children):
            return None
        head = cue.head
        if not self.outside(head) or head.pos_ not in ("VERB", "AUX"):
            return None
        if not any(c.dep_ in _CLAUSE_SUBJECTS for c in head.children):
            return None
        skip = {t.i for t in cue.subtree}
        content = [t for t in cue.sent if t.i not in skip]
        # the clause must come before the cue, set off by a comma, as an interjection is
        first = cue.left_edge.i
        comma = self.doc[first].text == "," or first > 0 and self.doc[first - 1].text == ","
        if not comma or not any(t.i < first and not t.is_punct for t in content):
            return None
        return content

    def _comma_framed_content(self, cue: Token) -> list[Token] | None:
        """The sentence a cue and its subject are set into by commas, however the parser hung them:
        "If the plan fails, Mr. Roe argues, there are other tools", "The difference, he told me on Friday,
        is that …", "Turnout will fall, experts say." and "…, noted the county's clerk." report the rest of
        it."""
        subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children):
            return None
        sent = cue.sent
        if subj.i < cue.i:  # "…, Mr. Roe argues, …" or "…, experts say."
            lo = subj.left_edge.i
            if list(subj.subtree)[-1].i != cue.i - 1:
                return None
        else:  # "…, noted the county's clerk."
            lo = cue.i
            if subj.left_edge.i != cue.i + 1:
                return None
        if lo - 1 <= sent.start or self.doc[lo - 1].text != ",":
            return None
        # after the cue: its own short adjuncts ("me on Friday"), then a comma or the sentence's end
        r = max(cue.i, subj.right_edge.i) + 1
        steps = 0
        while r < sent.end and self.doc[r].text != "," and not self.doc[r].is_sent_end:
            tok = self.doc[r]
            if tok.pos_ in ("VERB", "AUX") or cue not in tok.ancestors or steps >= 4:
                return None
            r += 1
            steps += 1
        ends = r >= sent.end or self.doc[r].is_sent_end or self.doc[r].text in ".!?"
        before = [t for t in self.doc[sent.start : lo - 1]]
        after = [] if ends else [t for t in self.doc[r + 1 : sent.end]]
        if ends and subj.i > cue.i and not before:
            return None
        content = before + after
        if not any(t.pos_ in ("VERB", "AUX") for t in content):
            return None
        return content

    @staticmethod
    def _reports(tok: Token) -> bool:
        """Whether a reporting word reports speech here: not "the rain will continue", not a passive with no
        one who speaks ("the men were charged with fraud", "patients admitted to hospitals")."""
        if tok.lower_ == "according":
            return True
        if (lemma_of(tok.text) or "") in NOT_REPORTING:
            return False
        if passive_without_agent(tok):
            return False
        if lemma_of(tok.text) == "admit" and any(
                c.dep_ == "prep" and c.lower_ in ("to", "into") and any(g.dep_ == "pobj" and g.tag_ != "VBG"
                                                                       for g in c.children)
                for c in tok.children):
            return False  # "admitted to hospital", "admitting Poland to NATO"; "admitted to lying" reports
        # a past participle modifying a noun ("the three men charged with fraud") has no speaker
        return not (tok.dep_ == "acl" and tok.tag_ == "VBN")

    def reported(self, quotes: list[Attribution], mode: str = "broad") -> list[Attribution]:
        """Indirect speech: "X said (that) …", "…, X argued", "according to X, …".

        `mode` "broad" (the default, as PolNeAR annotates) also takes views and objects ("X criticized
        the plan", "the senator wants a vote"); "speech" keeps only reporting verbs with a reported
        clause and "according to": fewer attributions, more of them right (PolNeAR dev reported speech
        P 0.94 R 0.33 against P 0.82 R 0.53).
        """
        if mode not in REPORTED_MODES:
            raise ValueError(f"reported speech mode must be one of {', '.join(REPORTED_MODES)}, not {mode!r}")
        broad = mode == "broad"
        out: list[Attribution] = []
        taken = [(a.start, a.end) for a in quotes]
        nominal: list[Token] = []  # nominal cues, taken after the verbs, whose content is the wider
        for tok in self.doc:
            if not self.outside(tok):
                continue
            if not is_cue(tok):
                # a stance in a relative clause describes the one who holds it ("Reid, who endorsed Clinton,
                # said …"): background, not a statement of its own
                if (broad and tok.pos_ == "VERB" and is_stance_verb(tok.text) and tok.dep_ != "relcl"
                        and self._stance_subject(tok)):
                    content = self._stance_content(tok)
                    if content:
                        self._emit(tok, content, out, taken, how="stance")
                elif broad and tok.pos_ == "NOUN" and tok.lower_ in NOMINAL_CUES:
                    nominal.append(tok)
                continue
            if not self._reports(tok):
                continue
            content: list[Token] | None = None
            if tok.lower_ == "according":
                clause = tok.head
                while clause.dep_ not in ("ROOT", "ccomp", "conj") and clause.head.i != clause.i:
                    clause = clause.head
                skip = {t.i for t in tok.subtree}
                content = [t for t in clause.subtree if t.i not in skip]
            else:
                lemma = lemma_of(tok.text) or ""
                # a reported clause has a subject of its own, or a "that"/"whether" before it: "patients
                # admitted to hospital were sent home" is parsed as admitting a clause that has neither
                comps = [c for c in tok.children if c.dep_ in ("ccomp",)
                         and any(g.dep_ in _CLAUSE_SUBJECTS for g in c.children)]
                if not comps and lemma not in NEEDS_CLAUSE:
                    comps = [c for c in tok.children
                             if c.dep_ == "xcomp"
                             and lemma in ("urge", "call", "promise", "vow", "pledge", "threaten")]
                if comps:
                    content = list(comps[0].subtree)
                elif lemma in ("show", "find"):
                    content = self._finding(tok)
            how = "reported"
            if not content:
                content = self._interjected_content(tok) or self._comma_framed_content(tok)
            if not content and broad and (lemma_of(tok.text) or "") not in NO_OBJECT_CONTENT:
                content = self._stance_content(tok)
                how = "reported-object"
            if not content:
                continue
            while content and (content[0].is_punct or content[0].is_space):
                content.pop(0)
            while content and (content[-1].is_punct or content[-1].is_space):
                content.pop()
            # two words are enough for a verb that reports what it takes ("called for his dismissal",
            # "called him divisive"), not for one that takes many other things ("found the keys", "released
            # it", "asked him"); lengths chosen on PolNeAR train, where two-word objects of the latter were
            # mostly no attribution
            content = self._before_quotation(content)
            if len(content) < (3 if lemma_of(tok.text) in _SHORT_OBJECT_UNSURE else 2):
                continue
            if _withheld(tok, content):
                continue
            start, end = span_of(content, self.base)
            if any(s < end and start < e for s, e in taken):
                continue  # a quotation already covers it
            if any(not self.outside(t) for t in content):
                continue
            att = Attribution(start, end, "indirect", how=how)
            att.sentence = self.sentence_span(tok.sent)
            self._fill_speaker(att, tok)
            if att.speaker is None:
                continue
            out.append(att)
            taken.append((start, end))
        for tok in nominal:
            content = self._nominal_content(tok)
            if content and len(content) >= 2:
                self._emit(tok, content, out, taken, how="nominal")
        out.sort(key=lambda a: a.start)
        return out
