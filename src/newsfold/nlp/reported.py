"""Reported speech in one parsed paragraph: "X said (that) …", "…, X argued", "according to X, …", and
in the broad mode views and their objects ("X criticized the plan", "Trump's criticism of the Fed").

These rules look at the words outside quotation marks, where the quotation rules of `attribute` look at
the words inside them and the cue they hang from; they share only the paragraph's token map and the
speaker a cue names (`parsed_paragraph`), so they are a module of their own. `ParagraphAttributor`
takes `reported` from `ReportedSpeech`.
"""

from __future__ import annotations

from spacy.tokens import Token

from .cues import NEEDS_CLAUSE, is_stance_verb, lemma_of, word_forms
from .parsed_paragraph import Attribution, ParsedParagraph, is_cue, passive_without_agent, span_of
from .speaker_mentions import SOURCE_NOUNS, could_speak, is_addressee, speaker_of

# Shares of people, as polls report their views
_SHARES = {"majority", "majorities", "plurality", "half", "third", "quarter", "minority"}
# Pronouns for people that can hold a view as a verb's subject: "others have opposed the plan"
_PEOPLE_PRONOUNS = {"others", "many", "some", "most", "both", "several", "few", "all", "each", "none"}
PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "him", "her", "them"}
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
# What "on" names after a verb of speaking when it tells how, not about what: "spoke on condition of
# anonymity", "spoke on the record", "commented on background", "on several occasions"
_ON_TERMS = {"condition", "record", "background", "occasion", "occasions"}
# Entity types of a time, which is never what a view is about
_WHEN = {"DATE", "TIME"}
# "lay" states a view only as "lay out" ("laid out a plan"), not lying down on something
_LAY_FORMS = word_forms({"lay"}, {"lay": ["laid", "lays", "laying"]})

# How much reported speech to find: see ReportedSpeech.reported.
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


def _withheld(cue: Token, content: list[Token]) -> bool:
    """ "She did not say how much it cost" reports no statement; "he did not rule out a deal" does."""
    wh = {"how", "what", "whether", "why", "when", "where", "who", "which", "if"}
    return any(c.dep_ == "neg" for c in cue.children) and bool(content) and content[0].lower_ in wh


def reports_speech(tok: Token) -> bool:
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


class ReportedSpeech(ParsedParagraph):
    """The reported-speech rules of a paragraph: statements outside quotation marks and who made them."""

    def _stance_subject(self, verb: Token) -> bool:
        """Whether the verb's subject is someone who can hold a view (a person, an organisation, a poll)."""
        if verb.lower_ in NON_STANCE_FORMS:
            return False
        subj = next((c for c in verb.children if c.dep_ in ("nsubj",)), None)
        if subj is None and verb.dep_ in ("conj", "xcomp") and verb.head.dep_ != "relcl":
            # "Roe praised the plan and attacked its critics", "she refused to back the bill": the
            # subject of the verb this one shares it with (not inside a relative clause, background)
            subj = speaker_of(verb)
        if subj is None:
            return False
        if subj.lower_ in ("he", "she", "they", "we", "i", "who"):
            return True
        if subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return True
        if subj.pos_ == "PROPN" and subj.ent_type_ in ("", "GPE") or subj.lower_ in _PEOPLE_PRONOUNS:
            return True  # a name the model did not tag, "others", "many"
        if subj.ent_type_ == "PERCENT" or subj.lower_ in _SHARES:
            # a poll's share of people: "58 percent support the plan", "a majority of voters oppose it"
            of = [g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                  if g.dep_ == "pobj"]
            return not of or could_speak(of[0])
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
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in _WHEN
                    and not (c.lower_ == "on" and g.lower_ in _ON_TERMS)]
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

    def _before_sequel(self, cue: Token, content: list[Token]) -> list[Token]:
        """Content after its cue ends before a second statement joined to it: "said the plan would fail and
        warned against new taxes", "said taxes were needed, arguing that …", "emphasized that X, and
        others warned that Y". The second cue, hung inside the first one's clause by the parser, reports
        a statement of its own; with no subject of its own it is the first cue's speaker's
        (`_sequels`)."""
        if not content or content[0].i < cue.i:
            return content
        ids = {t.i for t in content}
        for t in content:
            if t.i == content[0].i or not self.outside(t) or t.head.i not in ids or t.pos_ != "VERB":
                continue
            if not (is_cue(t) or is_stance_verb(t.text)):
                continue
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            if t.dep_ == "conj":
                joined = any(c.dep_ == "cc" for c in t.head.children if c.i < t.i) or \
                    self.doc[t.left_edge.i - 1].text == ","
            elif t.dep_ == "advcl" and t.tag_ == "VBG" and not own_subject:
                joined = self.doc[t.left_edge.i - 1].text == ","  # "…, arguing that": not "by arguing"
            else:
                continue
            if not joined:
                continue
            head = [x for x in content if x.i < t.left_edge.i]
            while head and (head[-1].is_punct or head[-1].dep_ == "cc" or head[-1].pos_ == "CCONJ"):
                head.pop()
            if len(head) < 2:
                return content
            if not own_subject:
                self._sequels[t.i] = cue
            return head
        return content

    def _emit(self, tok: Token, content: list[Token], out: list[Attribution], taken: list, how: str,
              min_words: int = 1, confidence: float = 0.6) -> None:
        """Record `content` as what `tok` reports, trimmed and cut before a quotation, unless it is shorter
        than `min_words`, withheld, already covered by a quotation or inside quotation marks."""
        while content and (content[0].is_punct or content[0].is_space):
            content.pop(0)
        # content ends neither on punctuation nor on the conjunction of a clause the parser left out of it
        # ("that X, and others warned that Y")
        while content and (content[-1].is_punct or content[-1].is_space or content[-1].pos_ == "CCONJ"):
            content.pop()
        content = self._before_quotation(self._before_sequel(tok, content))
        if not content or len(content) < min_words:
            return
        if _withheld(tok, content):
            return
        start, end = span_of(content, self.base)
        if any(s < end and start < e for s, e in taken) or any(not self.outside(t) for t in content):
            return
        att = Attribution(start, end, "indirect", how=how, confidence=confidence)
        att.sentence = self.sentence_span(tok.sent)
        first = self._sequels.get(tok.i)
        if first is not None:
            # a statement joined to an earlier one is its speaker's: "Roe said …, arguing that …"
            self._fill_speaker(att, first)
            att.cue = self.char(tok)
            att.how += "+sequel"
        else:
            self._fill_speaker(att, tok)
        if att.speaker is None:
            return
        out.append(att)
        taken.append((start, end))

    def _as_content(self, cue: Token) -> list[Token] | None:
        """The clause a cue introduced by "as" stands beside: "As Roe pointed out, the plan will fail" and
        "The plan will fail, as Roe said." report the plan failing."""
        if cue.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
            return None
        if not any(c.dep_ == "nsubj" for c in cue.children):
            return None  # "failed, as predicted": no one is said to have predicted it
        if any(c.dep_ in ("ccomp", "dobj") for c in cue.children):
            return None  # "as she told reporters that …" reports its own clause
        head = cue.head
        if head.pos_ not in ("VERB", "AUX") or not any(c.dep_ in _CLAUSE_SUBJECTS for c in head.children):
            return None
        skip = {t.i for t in cue.subtree}
        content = [t for t in head.subtree if t.i not in skip and t.sent == cue.sent]
        return content if any(self.outside(t) for t in content) else None

    def _parted(self, clause: Token, cue: Token) -> bool:
        """Whether a semicolon or a colon lies between a clause before a cue and the cue."""
        return any(t.text in (";", ":") for t in self.doc[clause.right_edge.i : cue.i])

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
        self._sequels: dict[int, Token] = {}  # a joined second cue -> the cue whose speaker it shares
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
            if not reports_speech(tok):
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
                # a clause after the cue is what it reports; one before it is, unless a semicolon or
                # a colon parts them ("It is unlikely; her team says she will go on", "… on Friday:
                # Republicans said they …")
                comps = sorted((c for c in comps if c.i > tok.i or not self._parted(c, tok)),
                               key=lambda c: c.i < tok.i)
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
                content = (self._as_content(tok) or self._interjected_content(tok)
                           or self._comma_framed_content(tok))
            if not content and broad and (lemma_of(tok.text) or "") not in NO_OBJECT_CONTENT:
                content = self._stance_content(tok)
                how = "reported-object"
            if not content:
                continue
            # two words are enough for a verb that reports what it takes ("called for his dismissal",
            # "called him divisive"), not for one that takes many other things ("found the keys", "released
            # it", "asked him"); lengths chosen on PolNeAR train, where two-word objects of the latter were
            # mostly no attribution
            shortest = 3 if lemma_of(tok.text) in _SHORT_OBJECT_UNSURE else 2
            self._emit(tok, content, out, taken, how=how, min_words=shortest, confidence=1.0)
        for tok in nominal:
            content = self._nominal_content(tok)
            if content and len(content) >= 2:
                self._emit(tok, content, out, taken, how="nominal")
        out.sort(key=lambda a: a.start)
        return out
