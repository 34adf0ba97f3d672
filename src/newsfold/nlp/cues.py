"""The words that introduce speech: reporting verbs by lemma, and every inflected form of them.

Matching on forms (said, says, saying, told) lets newsfold decide which sentences need a parse
without running the parser first. The list was grown from the cues annotated in PolNeAR's train split.
"""

from __future__ import annotations

import re

# Verbs that report what someone said, wrote, claimed or believed.
SPEECH_VERBS = """
say tell add note write warn claim argue insist explain state declare announce report suggest
acknowledge admit ask answer reply respond continue conclude recall agree deny concede contend assert
maintain stress emphasize emphasise predict promise pledge vow threaten urge call describe praise
accuse criticize criticise blast slam tweet post reveal confirm complain believe think hope fear worry
estimate find show indicate signal testify observe remark mention quip joke boast lament charge allege
dismiss reject hail welcome reiterate repeat counter retort recount cite question wonder proclaim demand
propose recommend advise caution confess disclose inform assure affirm decry denounce condemn lambast
tout forecast calculate determine discover learn hear read yell shout scream whisper murmur mutter
exclaim chant sing brag concur dispute object protest plead beg implore pray swear guarantee vouch
insinuate imply hint speculate muse reason surmise guess assume expect anticipate doubt suspect
acknowledge recognize recognise admit underline underscore highlight point reassure reaffirm explain
describe characterize characterise label dub brand term deem judge consider feel know understand
predict project estimate assess conclude announce publish release issue tell inform notify brief
interview ask query inquire enquire thunder
""".split()

# Irregular forms the suffix rules below do not produce.
_IRREGULAR = {
    "say": ["said", "says", "saying"],
    "tell": ["told", "tells", "telling"],
    "write": ["wrote", "written", "writes", "writing"],
    "think": ["thought", "thinks", "thinking"],
    "find": ["found", "finds", "finding"],
    "show": ["showed", "shown", "shows", "showing"],
    "hear": ["heard", "hears", "hearing"],
    "read": ["reads", "reading"],
    "know": ["knew", "known", "knows", "knowing"],
    "feel": ["felt", "feels", "feeling"],
    "understand": ["understood", "understands", "understanding"],
    "swear": ["swore", "sworn", "swears", "swearing"],
    "sing": ["sang", "sung", "sings", "singing"],
    "learn": ["learned", "learnt", "learns", "learning"],
    "brief": ["briefed", "briefs", "briefing"],
    "plead": ["pleaded", "pled", "pleads", "pleading"],
}


def _forms(lemma: str, irregular: dict[str, list[str]] | None = None) -> set[str]:
    irregular = _IRREGULAR if irregular is None else irregular
    if lemma in irregular:
        return {lemma, *irregular[lemma]}
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma + "s", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies", lemma + "ing"}
    elif re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma) and lemma not in {"answer", "counter", "wonder",
                                                                         "mutter", "murmur", "offer"}:
        forms |= {lemma + lemma[-1] + "ed", lemma + "s", lemma + lemma[-1] + "ing", lemma + "ed",
                  lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "ed", lemma + "es", lemma + "ing"}
    else:
        forms |= {lemma + "ed", lemma + "s", lemma + "ing"}
    return forms


def word_forms(lemmas: set[str], irregular: dict[str, list[str]]) -> set[str]:
    """Every inflected form of some verbs (the model runs without a lemmatizer, so forms are matched)."""
    return {form for lemma in lemmas for form in _forms(lemma, irregular)}


FORM_TO_LEMMA: dict[str, str] = {}
for _lemma in SPEECH_VERBS:
    for _form in _forms(_lemma):
        FORM_TO_LEMMA.setdefault(_form, _lemma)

# Verbs that are cues only in some of their uses, e.g. "find" is a cue in "a poll found that …" but not
# in "found the keys"; these need a clausal complement to count.
NEEDS_CLAUSE = {
    "find", "show", "know", "feel", "understand", "think", "believe", "hope", "fear", "worry", "expect",
    "learn", "hear", "read", "add", "continue", "point", "note", "guess", "assume", "doubt", "suspect",
    "consider", "recognize", "recognise", "mean", "see", "determine", "discover", "anticipate", "indicate",
    "signal", "reason", "project", "calculate", "judge", "deem", "ask", "question", "wonder",
    "answer", "respond", "reply", "publish", "release", "issue", "brief", "interview", "query", "inquire",
    "enquire", "highlight", "underline", "underscore", "recall", "estimate", "forecast", "predict",
    "imply", "hint", "speculate", "muse", "surmise",
}

# Speech verbs that need no complement to introduce a quotation placed beside them ("…," he said).
_CUE_WORD_RE = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(f) for f in FORM_TO_LEMMA), key=len, reverse=True)) + r")\b"
    r"|\baccording to\b|\bin (?:a|an|his|her|their) (?:statement|interview|tweet|post|letter|speech)\b"
    # a paragraph ending in a colon introduces the next one ("Sanders made the following comment:")
    r"|:\s*$",
    re.IGNORECASE,
)

# Nouns after which a clause or quotation is the content of a statement ("in a statement", "the claim that").
SPEECH_NOUNS = {
    "statement", "interview", "tweet", "post", "letter", "speech", "remarks", "comments", "announcement",
    "report", "claim", "argument", "assertion", "warning", "message", "email", "memo", "testimony",
}


def lemma_of(word: str) -> str | None:
    """The reporting-verb lemma of a word form, or None: lemma_of("Said") == "say"."""
    return FORM_TO_LEMMA.get(word.lower())


def has_cue_word(text: str) -> bool:
    """Whether `text` holds any reporting-verb form, "according to", or ends in a colon that introduces
    what follows: a cheap test before parsing."""
    return _CUE_WORD_RE.search(text) is not None

# Verbs of a stance, an intention or a judgement that PolNeAR counts as attributing a view to their subject
# even with only an object ("Clinton wants a vote", "he declined to comment", "she defended the plan").
# Grown from the verbs of PolNeAR train's annotated attributions that take no reported clause, keeping
# those that mostly carry a view there: verbs of doing ("surrounded himself with", "committed suicide",
# "unveiled the plan") are not here, so their objects are not taken for what someone said.
STANCE_VERBS = """
want wish desire prefer like love hate dislike resent admire appreciate value trust fear
plan intend aim seek decline refuse decide opt vow attempt
support oppose back endorse favor favour champion advocate embrace reject defend
attack mock deride ridicule blame credit applaud praise congratulate thank criticize criticise
condemn denounce lambaste berate castigate scold rebuke slam blast assail bash eviscerate demonize
malign disparage dismiss chide lecture
offer propose request order demand push press lobby urge
express voice articulate outline detail sketch lay float broach raise echo repeat reiterate
discuss debate talk speak comment mention reference invoke cite quote list name allude refer touch
portray frame describe characterize characterise liken compare contrast view regard see perceive
envision foresee remember recall realize realise notice acknowledge concede apologize apologise clarify
challenge question dispute confront rebut counter rebuff disavow renounce repudiate recant
ignore disregard brush shrug heed
rail bemoan retweet
""".split()

_STANCE_IRREGULAR = {
    "seek": ["sought", "seeks", "seeking"],
    "see": ["saw", "seen", "sees", "seeing"],
    "foresee": ["foresaw", "foreseen", "foresees", "foreseeing"],
    "speak": ["spoke", "spoken", "speaks", "speaking"],
    "lay": ["laid", "lays", "laying"],
    "quote": ["quoted", "quotes", "quoting"],
    "refer": ["referred", "refers", "referring"],
    "prefer": ["preferred", "prefers", "preferring"],
    "rebut": ["rebutted", "rebuts", "rebutting"],
    "plan": ["planned", "plans", "planning"],
    "recall": ["recalled", "recalls", "recalling"],
}
STANCE_FORMS = word_forms(set(STANCE_VERBS), _STANCE_IRREGULAR)


def is_stance_verb(word: str) -> bool:
    """Whether `word` is a form of a verb of stance, intention or judgement ("wants", "declined")."""
    return word.lower() in STANCE_FORMS
