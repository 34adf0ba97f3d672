"""Extract every quotation of an article with its cue and speaker: the nlp stage's entry point.

The parser is the cost, so it runs only on paragraphs that can hold a statement: those with a
quotation mark or a reporting word. Names in the other paragraphs are still learnt (cheaply, from
capitalised words) so that a later "he" or "the president" finds its person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..models import Article, Extraction, Quote, Span
from .attribute import Attribution, ParagraphAttributor, is_cue, mention_tokens
from .blas import one_blas_thread
from .cues import FORM_TO_LEMMA, STANCE_FORMS, has_cue_word
from .marks import Quoted, find_quoted, paragraphs
from .names import capitalised_runs
from .speakers import Resolver, widen_to_group

ENTITY_KINDS = {"PERSON": "person", "ORG": "org", "NORP": "group", "GPE": "org"}


def plan(article: Article,
         reported: str = "broad") -> tuple[list[Quoted], list[str], list[tuple[int, int, bool]]]:
    """The quoted stretches, warnings, and each paragraph with whether it needs a parse.

    With `reported` "broad", a paragraph whose only sign of a statement is a verb of stance ("China and
    Russia support the government") is parsed too, since such views are reported speech there."""
    start, end = article.body or (0, len(article.text))
    quoted, warnings = find_quoted(article.text, start, end)
    paras = []
    qi = 0
    for s, e in paragraphs(article.text, start, end):
        while qi < len(quoted) and quoted[qi].open < s:
            qi += 1
        has_quote = qi < len(quoted) and quoted[qi].open < e
        para = article.text[s:e]
        stance = reported == "broad" and _has_stance_word(para)
        paras.append((s, e, has_quote or _has_cue_word(para) or stance))
    return quoted, warnings, paras


_WORD_RE = re.compile(r"\w+")


def _headline(text: str) -> bool:
    """A line in title case ("Comey Memos Show Trump Fixated On Loyalty"): its capitalised runs are no
    names."""
    words = _WORD_RE.findall(text)
    if len(words) < 4 or len(text) > 200:
        return False
    return sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


def _has_cue_word(text: str) -> bool:
    """`cues.has_cue_word`, answered first by looking the words up among the reporting-verb forms.

    Most paragraphs hold a form, and a set lookup finds it about twenty times faster than the cue
    regex, which tries every form at every word boundary (0.3 s of PolNeAR dev's 6 s). Every form is
    one of that regex's alternatives, whole words either side, so a hit here is a hit there; the rest
    ("according to", …) is left to `has_cue_word`.
    """
    if any(w.lower() in FORM_TO_LEMMA for w in _WORD_RE.findall(text)):
        return True
    return has_cue_word(text)


def _has_stance_word(text: str) -> bool:
    """Whether `text` holds a form of a verb of stance, intention or judgement (see `cues.STANCE_VERBS`)."""
    return any(w.lower() in STANCE_FORMS for w in _WORD_RE.findall(text))


def build(article: Article, quoted: list[Quoted], warnings: list[str],
          paras: list[tuple[int, int, bool]], docs: Iterable[Doc], *, reported: str = "broad") -> Extraction:
    """Turn the parsed paragraphs (in order, one Doc per paragraph that needed a parse) into an Extraction.

    `reported` is how much reported speech to find: "broad" or "speech" (see ParagraphAttributor.reported)."""
    text = article.text
    resolver = Resolver(text)
    state: dict = {}
    found: list[Attribution] = []
    doc_iter = iter(docs)
    for s, e, needs_parse in paras:
        in_para = [q for q in quoted if s <= q.open < e]
        if not needs_parse:
            resolver.note_known(s, e)
            if not _headline(text[s:e]):
                for ns, ne in capitalised_runs(text, s, e):
                    resolver.add_name(ns, ne, weak=True)
            state["last_was_quote"] = False
            state.pop("intro", None)
            continue
        doc = next(doc_iter)
        if not in_para and not _has_cue_word(text[s:e]):
            # parsed only for a verb of stance: its names are learnt as an unparsed paragraph's are, since
            # the parse's entities can miss a name ("Ana Lund spoke first.") that a later "she" means
            resolver.note_known(s, e)
            if not _headline(text[s:e]):
                for ns, ne in capitalised_runs(text, s, e):
                    resolver.add_name(ns, ne, weak=True)
        attributor = ParagraphAttributor(doc, s, in_para, state)
        quotes = attributor.quotations()
        indirect = attributor.reported(quotes, reported)
        atts = sorted(quotes + indirect, key=lambda a: a.start)
        _learn_entities(doc, s, resolver, attributor, atts)
        found.extend(atts)
        state["last_was_quote"] = bool(quotes) and _ends_on_quote(text, quotes[-1].end, e)
        intro = attributor.intro()
        if intro is not None:
            state["intro"] = intro
        elif not (quotes and quotes[0].start - s <= 1):
            state.pop("intro", None)
    _describe_late(found, resolver)
    _share_along_run_ons(found)
    found = _join_split_quotes(found, text)
    return Extraction(article=article, quotes=_to_quotes(article, found, resolver), people=resolver.people(),
                      warnings=warnings)


def _describe_late(atts: list[Attribution], resolver: Resolver) -> None:
    """A description left as written ("Velm's ambassador") names the one person the article gives that
    title later on ("Ambassador Ann Roe")."""
    text = resolver.text
    first_line = text.find("\n")
    first_line = len(text) if first_line < 0 else first_line
    for a in atts:
        person = getattr(a, "_person", None)
        if person is not None and person.kind == "unknown" and a.speaker is not None:
            late = resolver.describe_late(*a.speaker)
            if late is not None:
                a._person = late  # type: ignore[attr-defined]
        elif person is None and a.speaker is not None and a.speaker[1] <= first_line <= 200:
            # a headline's "Roe signals …": the name of a person the article goes on to name
            late = resolver.known_person(*a.speaker)
            if late is not None:
                a._person = late  # type: ignore[attr-defined]


def _ends_on_quote(text: str, quote_end: int, para_end: int) -> bool:
    """Whether a paragraph ends on its last quotation, or on that quotation's own short attribution
    (“…,” Ann Roe said.): a paragraph that is only a quotation after it carries the same speaker on."""
    rest = text[quote_end:para_end].strip()
    if len(rest) <= 2:
        return True
    # one clause of attribution, no sentence after it
    return len(rest) <= 80 and not re.search(r"[.!?][”\"’']?\s+\S", rest) and rest[:1] in ",”\"’'?!—–"


def _share_along_run_ons(atts: list[Attribution]) -> None:
    """Pieces of one quotation that runs over paragraphs share one speaker, wherever it was named."""
    chains: list[list[Attribution]] = []
    for a in atts:
        q = a.quoted
        if q is None:
            continue
        if q.continued and chains and chains[-1][-1].quoted.runs_on:  # type: ignore[union-attr]
            chains[-1].append(a)
        else:
            chains.append([a])
    for chain in chains:
        named = [a for a in chain
                 if a.speaker is not None and a.how not in ("continued", "previous-paragraph")]
        if len(chain) < 2 or not named:
            continue
        for a in chain:
            if a.speaker is None or a.how in ("continued", "previous-paragraph"):
                src = named[0]
                a.speaker, a.speaker_head, a.cue = src.speaker, src.speaker_head, src.cue
                a.how = "run-on"
                if hasattr(src, "_person"):
                    a._person = src._person  # type: ignore[attr-defined]


def _join_split_quotes(atts: list[Attribution], text: str) -> list[Attribution]:
    """“A,” she said, “B.”: one quotation in two fragments, its cue between them."""
    out: list[Attribution] = []
    for a in atts:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "direct" and a.kind in ("direct", "partial")
                and a.quoted is not None
                and prev.cue is not None and prev.end < prev.cue[0] and prev.cue[1] <= a.start
                and a.start - prev.end < 80 and "\n" not in text[prev.end : a.start]
                and text[prev.end : a.start].rstrip(" \t\u00a0“\"'‘«„")[-1:] in (",", ":", "—", "–")
                and (a.cue is None or a.cue == prev.cue)):
            prev.fragments = (prev.fragments or [(prev.start, prev.end)]) + [(a.start, a.end)]
            prev.end = a.end
            prev.how += "+split"
            continue
        out.append(a)
    return out


def _learn_entities(doc: Doc, base: int, resolver: Resolver, attributor: ParagraphAttributor,
                    atts: list[Attribution]) -> None:
    """Feed the resolver every name in the paragraph and every speaker, in text order."""
    speakers = {a.speaker: a for a in atts if a.speaker}
    events: list[tuple[int, str, object]] = []
    for ent in doc.ents:
        if ent.label_ in ENTITY_KINDS and attributor.outside(ent.root):
            toks = mention_tokens(ent.root) if ent.label_ == "PERSON" else list(ent)
            s, e = base + toks[0].idx, base + toks[-1].idx + len(toks[-1])
            if (s, e) in speakers:
                continue
            kind = ENTITY_KINDS[ent.label_]
            if kind == "person" and _named_as_outlet(ent.root):
                kind = "org"
            events.append((s, "ent", (s, e, kind, _main_subject(ent.root))))
    for a in atts:
        if a.speaker:
            events.append((a.speaker[0], "speaker", a))
    events.sort(key=lambda ev: (ev[0], ev[1] != "ent"))
    for _, what, payload in events:
        if what == "ent":
            s, e, kind, subj = payload  # type: ignore[misc]
            if subj and kind == "person":
                # "A and B welcomed the deal": the two of them, whom a later "they" means
                s, e = widen_to_group(resolver.text, s, e)
            resolver.add_name(s, e, kind=kind, subject=subj)
        else:
            a = payload  # type: ignore[assignment]
            wide = widen_to_group(resolver.text, *a.speaker)  # type: ignore[misc]
            if wide != a.speaker:
                a.speaker = a.speaker_head = wide
            one_word = len(resolver.text[a.speaker[0]:a.speaker[1]].split()) == 1
            if one_word and _no_speaker(doc, base, a.speaker_head):
                a._person = None  # type: ignore[attr-defined]
                continue
            person = resolver.resolve(a.speaker[0], a.speaker[1], a.speaker_head,  # type: ignore[union-attr]
                                      proper=_proper(doc, base, a.speaker_head))
            a._person = person  # type: ignore[attr-defined]


# Nouns for bodies that publish or act as one: a name set beside one of them names no person, though
# the small model often tags it PERSON ("a South Korean newspaper, Ilsan Ilbo,").
_OUTLET_NOUNS = {"newspaper", "paper", "daily", "tabloid", "magazine", "agency", "broadcaster", "network",
                 "channel", "station", "website", "site", "outlet", "publication", "company", "firm", "group",
                 "organization", "organisation", "party", "union", "charity", "bank", "newswire", "wire"}


def _named_as_outlet(tok) -> bool:  # noqa: ANN001 - a spaCy Token
    """Whether a name is in apposition with, or compounded into, a noun for an outlet or organisation:
    "the newspaper Ilsan Ilbo", "a daily, Ilsan Ilbo,", "Ilsan Ilbo, a newspaper,"."""
    if tok.dep_ in ("appos", "compound") and tok.head.pos_ == "NOUN" and tok.head.lower_ in _OUTLET_NOUNS:
        return True
    # the noun right after the name: in "Ann Roe, co-director of Velm Aid, a group that …" the group is
    # Velm Aid, whatever the parse hangs it from
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lower_ in _OUTLET_NOUNS
               and c.left_edge.i <= tok.i + 2 for c in tok.children)


def _main_subject(tok) -> bool:  # noqa: ANN001 - a spaCy Token
    """Whether a name is the subject of its sentence's main clause, not of a relative or subordinate
    clause ("which Mr. Roe pulled out of"): who a later "he" most likely means."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "ccomp" and is_cue(verb.head):
        # "Roe confirmed Varga would come. He told …": whom a report is about is not who reports it
        return False
    return verb.dep_ in ("ROOT", "ccomp", "parataxis") or verb.head.i == verb.i


def _proper(doc: Doc, base: int, head: tuple[int, int] | None) -> bool | None:
    """Whether the parse takes a speaker's head word for a name (None when it lies outside `doc`)."""
    tok = _head_token(doc, base, head)
    if tok is None:
        return None
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


def _no_speaker(doc: Doc, base: int, head: tuple[int, int] | None) -> bool:
    """A head word that cannot name who speaks: a participle or adjective opening the sentence
    ("Speaking at a rally, …"), a place or demonym modifying another word ("Boston", "Tory" in
    "Tory lawmakers"), a number."""
    tok = _head_token(doc, base, head)
    if tok is None:
        return False
    if tok.pos_ in ("VERB", "AUX", "ADJ", "ADV", "NUM", "ADP", "SCONJ", "CCONJ", "PART", "INTJ"):
        return tok.lower_ not in ("who", "which", "that")
    return tok.dep_ in ("amod", "compound", "nmod") and tok.head.i != tok.i and tok.head.pos_ in ("NOUN",
                                                                                                  "PROPN")


def _head_token(doc: Doc, base: int, head: tuple[int, int] | None):  # noqa: ANN202 - a spaCy Token
    if head is None or head[0] < base or head[1] > base + len(doc.text):
        return None
    span = doc.char_span(head[0] - base, head[1] - base, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span[-1]


def _to_quotes(article: Article, atts: list[Attribution], resolver: Resolver) -> list[Quote]:
    text = article.text
    out = []
    for a in atts:
        person = getattr(a, "_person", None)
        sm = Span(a.speaker[0], a.speaker[1], text[a.speaker[0] : a.speaker[1]]) if a.speaker else None
        via = via_mention = None
        if a.via:
            via_mention = Span(a.via[0], a.via[1], text[a.via[0] : a.via[1]])
            via = _name_in(via_mention.text)
        out.append(
            Quote(
                doc=article.doc, start=a.start, end=a.end, text=text[a.start : a.end], kind=a.kind,  # type: ignore[arg-type]
                # unknown beats wrong: a mention that names no one keeps its span, not a speaker
                speaker=person.name if person else None,
                speaker_id=person.id if person else None, speaker_mention=sm,
                cue=Span(a.cue[0], a.cue[1], text[a.cue[0] : a.cue[1]]) if a.cue else None,
                via=via, via_mention=via_mention,
                sentence=(Span(a.sentence[0], a.sentence[1], text[a.sentence[0] : a.sentence[1]])
                          if a.sentence else None),
                confidence=a.confidence, fragments=list(a.fragments),
            )
        )
    return out


def _name_in(mention: str) -> str:
    """The proper name inside a relay mention: "the state-run Tass agency" gives "Tass"."""
    caps = [w for w in re.findall(r"[A-Z][\w.&'’-]*", mention) if w.lower() not in ("the", "a")]
    return " ".join(caps) if caps else mention


def extract(article: Article, nlp: Language, *, reported: str = "broad") -> Extraction:
    """Quotations and speakers of one article."""
    return next(extract_many([article], nlp, reported=reported))


ParsedParagraphs = Callable[[Article, list[tuple[int, Doc]]], None]


def extract_many(articles: Iterable[Article], nlp: Language, batch_size: int = 64, *,
                 reported: str = "broad", on_parsed: ParsedParagraphs | None = None) -> Iterator[Extraction]:
    """Extract articles in order, parsing the paragraphs of many articles in one `nlp.pipe` stream.

    With `on_parsed`, every paragraph of the body is parsed, not only those that can hold a statement,
    and `on_parsed(article, [(paragraph start, Doc), ...])` hears of them before the article's Extraction
    is yielded: a later stage (claims) reads the same parse instead of parsing the text again. The
    quotations are the same either way."""
    pending: list[tuple[Article, list[Quoted], list[str], list[tuple[int, int, bool]]]] = []

    def texts() -> Iterator[tuple[str, tuple[int, int, bool]]]:
        for n, (article, _, _, paras) in enumerate(pending):
            for s, e, needs in paras:
                if needs or on_parsed is not None:
                    yield article.text[s:e], (n, s, needs)

    def flush() -> Iterator[Extraction]:
        docs_by_article: dict[int, list[Doc]] = {n: [] for n in range(len(pending))}
        parsed: dict[int, list[tuple[int, Doc]]] = {n: [] for n in range(len(pending))}
        with one_blas_thread():  # parallelism comes from worker processes, not BLAS threads
            for doc, (n, start, needs) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
                if needs:
                    docs_by_article[n].append(doc)
                if on_parsed is not None:
                    parsed[n].append((start, doc))
        for n, (article, quoted, warnings, paras) in enumerate(pending):
            if on_parsed is not None:
                on_parsed(article, parsed.pop(n))
            yield build(article, quoted, warnings, paras, docs_by_article[n], reported=reported)
        pending.clear()

    for article in articles:
        pending.append((article, *plan(article, reported)))
        if len(pending) >= 32:
            yield from flush()
    if pending:
        yield from flush()
