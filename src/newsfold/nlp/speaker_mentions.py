"""Who speaks through a cue, in the parse: the speaker mention's head and the words that name it.

Input: spaCy tokens of one parsed paragraph. `speaker_of(cue)` finds the token heading who speaks
through a reporting verb or noun (its subject, agent, possessor, the antecedent of "who");
`mention_tokens(head)` widens it to the words that name the speaker ("Russian President Vladimir
Putin", "a spokesperson for the Kremlin"). Which person a mention refers to is `speakers.Resolver`'s work.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Who can hold a view: people, organisations, and the nouns that stand for them.
SOURCE_NOUNS = {"official", "officials", "aide", "aides", "spokesman", "spokeswoman", "spokesperson", "poll",
                "polls", "survey", "surveys", "report", "reports", "study", "studies", "campaign", "critics",
                "analysts", "experts", "voters", "democrats", "republicans", "lawmakers", "leaders",
                "senator", "president", "governor", "candidate", "nominee", "administration", "government",
                "police", "prosecutors", "investigators", "researchers", "scientists", "economists", "data",
                "statement", "letter", "ad", "advertisement", "memo", "document", "documents", "court",
                "judge", "agency", "department", "committee", "group", "company", "source", "sources",
                "people", "supporters", "opponents", "activists", "residents", "families", "members",
                "advocates", "mayor", "minister", "secretary", "chairman", "director", "executive",
                "spokesmen", "paper", "article", "book", "website"}
# More nouns for those who speak, used where a quotation's speaker is only framed by its sentence.
SPEAKING_NOUNS = {"crowd", "crowds", "friend", "friends", "piece", "editorial", "column", "ad", "ads", "spot",
                  "video", "narrator", "host", "anchor", "audience", "protesters", "demonstrators", "fans",
                  "man", "woman", "men", "women", "mother", "father", "son", "daughter", "wife", "husband",
                  "sign", "signs", "banner", "tweet", "post", "message", "headline", "caption", "union",
                  "party", "team", "staff", "board", "council", "panel", "jury", "network", "newspaper",
                  "magazine", "site", "blog", "transcript"}
_AGENT_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "ent", "ents")

def antecedent_of(tok: Token) -> Token | None:
    """What a relative pronoun subject stands for: McConnell in "McConnell, who said"."""
    relative = tok.tag_ in ("WP", "WDT") or tok.lower_ == "that"
    if relative and tok.dep_ in SUBJECTS and tok.head.dep_ == "relcl":
        return tok.head.head
    if tok.tag_ in ("WP", "WDT") and tok.dep_ in SUBJECTS and tok.i > 0:
        # a relative clause the parser hung elsewhere: "turned to the Police Department which reported …"
        before = tok.doc[tok.i - 1]
        if before.text == "," and tok.i > 1:
            before = tok.doc[tok.i - 2]
        if before.pos_ in ("NOUN", "PROPN"):
            return before
    return None


_AUDIENCES = {"reporters", "journalists", "supporters", "voters", "audience", "crowd"}
_DOCUMENTS = {"statement", "letter", "report", "reports", "study", "data", "ad", "memo", "document",
              "documents"}


def is_addressee(tok: Token) -> bool:
    """Whether an object names people spoken to ("told reporters", "asked the government"), not a topic."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.lower_ in _AUDIENCES:
        return True
    people = tok.lower_ in SOURCE_NOUNS or tok.lower_ in SPEAKING_NOUNS
    return tok.pos_ == "NOUN" and people and tok.lower_ not in _DOCUMENTS


def same_token(a: Token | None, b: Token | None) -> bool:
    return a is not None and b is not None and a.i == b.i


def could_speak(tok: Token) -> bool:
    """Whether a word can name someone who speaks: a name, a personal pronoun, a person or source noun."""
    ante = antecedent_of(tok)
    if ante is not None:
        return tok.lower_ == "who" or could_speak(ante)
    if tok.lower_ in ("he", "she", "they", "we", "i", "who"):
        return True
    if tok.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    if tok.pos_ == "PROPN" and tok.ent_type_ in ("", "GPE"):
        return True
    if tok.pos_ == "NOUN":
        low = tok.lower_
        return low in SOURCE_NOUNS or low in SPEAKING_NOUNS or low.endswith(_AGENT_ENDINGS)
    return False


def names_someone(tok: Token) -> bool:
    """A name's head word likely to be the speaker: not part of a name, nor an outlet after a preposition."""
    if tok.dep_ in ("compound", "flat"):
        return False
    head = tok.head if tok.dep_ in ("poss", "appos") else tok
    return head.dep_ != "pobj"


def owner_of_noun(noun: Token) -> Token | None:
    """Who a speech noun belongs to: its possessor ("Trump's claim", "her remark") or its by/from object."""
    for c in noun.children:
        if c.dep_ == "poss" and c.i < noun.i:
            return c
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > noun.i:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs and (objs[0].pos_ in ("PROPN", "PRON") or objs[0].ent_type_ in ("PERSON", "ORG")
                         or objs[0].lower_ in SOURCE_NOUNS):
                return objs[0]
    return None


def speaker_of(cue: Token) -> Token | None:
    """The token heading who speaks through `cue`: its subject, or the subject it shares."""
    return speaker_and_relative(cue)[0]


def speaker_and_relative(cue: Token, outside: Callable[[Token], bool] | None = None
                         ) -> tuple[Token | None, Token | None]:
    """`speaker_of`, and the relative pronoun standing for that speaker ("McConnell, who said …"), if any.

    `outside` tells words outside the quotation marks: a parse that gives the cue two subjects, one of
    them inside the quotation ("“… the campaign …,” Roe said"), speaks through the one outside.
    """
    if cue.lower_ == "according":
        for to in cue.children:
            if to.lower_ == "to":
                objs = [c for c in to.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0], None
        return None, None
    if cue.pos_ in ("NOUN", "PROPN"):
        # a speech noun names its speaker itself: "Trump's claim that …", "a statement by the Kremlin"
        owner = owner_of_noun(cue)
        if owner is not None:
            return owner, None
    tok: Token | None = cue
    for _ in range(4):
        if tok is None:
            break
        if outside is not None and tok is not cue and not outside(tok) and tok.head.i != tok.i:
            # "…, adding that …" hung from a verb inside a quotation: the quoted verb's subject is
            # whom the quotation is about, not who speaks; the speaker is further up
            tok = tok.head
            continue
        # a dash the tagger took for a noun is no subject ("… made public ― Trump boasted")
        subj = [c for c in tok.children if c.dep_ in SUBJECTS and any(ch.isalnum() for ch in c.text)]
        if outside is not None and len(subj) > 1:
            subj = [c for c in subj if outside(c)] or subj
        if len(subj) > 1:
            # "British Ambassador to Velm Sir Ann Roe said", parsed with two subjects: the name
            subj = [c for c in subj if c.ent_type_ == "PERSON"] or subj
        if subj:
            if subj[0].tag_ in ("WP", "WDT") or subj[0].lower_ == "that":
                # "a letter that says", "an aide who said": the speaker is what the clause describes
                if tok.dep_ == "relcl":
                    return tok.head, subj[0]
                ante = antecedent_of(subj[0])
                if ante is not None:
                    return ante, subj[0]
                return None, None  # "that was not her view": a clause, not a speaker
            return subj[0], None
        agents = [c for c in tok.children if c.dep_ == "agent"]
        for agent in agents:
            objs = [c for c in agent.children if c.dep_ == "pobj"]
            if objs:
                return objs[0], None
        # "…, saying", "and added", "who said": the subject belongs to the verb this one hangs from
        if tok.dep_ == "relcl":
            return tok.head, None
        if tok.dep_ in ("advcl", "conj", "xcomp", "acl", "pcomp", "prep", "pobj") and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    return None, None


def mention_tokens(head: Token) -> list[Token]:
    """The words naming a speaker around its head: titles, first names and compounds, not clauses.

    "Russian President Vladimir Putin" for Putin; "a spokesperson for the Kremlin" for spokesperson;
    an apposed name is preferred ("his spokesman, Dmitry Peskov," gives Dmitry Peskov).
    """
    for child in head.children:
        # a capitalised title is no name either: "British Ambassador to Velm Sir Ann Roe" gives Ann Roe
        title = head.pos_ != "PROPN" or (head.ent_type_ != "PERSON" and child.ent_type_ == "PERSON")
        if child.dep_ == "appos" and child.pos_ == "PROPN" and title:
            head = child
            break
    if head.ent_type_ and head.ent_iob_ != "O":
        ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
        if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
            left = [t for t in head.lefts if t.dep_ in ("compound", "amod", "det", "poss", "nmod", "nn")
                    and t.i < ent.start and t.i >= ent.start - 4]
            start = min([ent.start] + [t.left_edge.i for t in left])
            toks = list(head.doc[start:ent.end])
            return [t for t in toks if not t.is_punct or t.i not in (toks[0].i, toks[-1].i)] or toks
    keep = {"compound", "amod", "det", "poss", "nmod", "nn", "flat", "case", "nummod", "quantmod"}
    lo = head.i
    for t in sorted(head.lefts, key=lambda t: -t.i):
        if t.dep_ in keep and t.i == lo - 1 or (t.dep_ in keep and t.right_edge.i == lo - 1):
            lo = t.left_edge.i
    hi = head.i
    for t in head.rights:
        if t.dep_ in ("flat", "compound") and t.i == hi + 1:
            hi = t.i
        elif t.dep_ == "prep" and t.lower_ in ("for", "of", "at") and t.i == hi + 1 and head.pos_ == "NOUN":
            # "a spokesperson for the Kremlin": the organisation is part of who speaks
            hi = t.right_edge.i
    toks = list(head.doc[lo : hi + 1])
    while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS"):
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    return toks or [head]
