"""The spaCy component: `nlp.add_pipe("newsfold_quotes")` gives every parsed Doc `doc._.quotes`.

Registered through spaCy's entry points (see pyproject.toml), so installing newsfold is enough. The
component reuses the parse the pipeline already made: each paragraph that can hold a statement is cut
out of the Doc as its own Doc and handed to the same attribution code `newsfold extract` runs.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..models import Article
from .extract import build, plan

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
if not Doc.has_extension("speakers"):
    Doc.set_extension("speakers", default=None)


class QuotesComponent:
    """Finds quotations and reported speech with their speakers; needs a parser and NER before it."""

    def __init__(self, nlp: Language, name: str = "newsfold_quotes", reported: str = "broad") -> None:
        self.name = name
        self.reported = reported

    def __call__(self, doc: Doc) -> Doc:
        article = Article(doc=str(doc.user_data.get("doc_id", "doc")), text=doc.text)
        quoted, warnings, paras = plan(article, self.reported)
        pieces = []
        for s, e, needs in paras:
            if needs:
                span = doc.char_span(s, e, alignment_mode="expand")
                piece = span.as_doc() if span is not None else doc.vocab.make_doc(doc.text[s:e])
                # the piece must start exactly at s: offsets are added to the paragraph's start
                if span is not None and span.start_char != s:
                    piece = doc.vocab.make_doc(doc.text[s:e])
                pieces.append(piece)
        result = build(article, quoted, warnings, paras, pieces, reported=self.reported)
        doc._.quotes = result.quotes
        doc._.speakers = result.people
        return doc


@Language.factory("newsfold_quotes", requires=["token.dep", "token.pos", "doc.ents"],
                  assigns=["doc._.quotes"], default_config={"reported": "broad"})
def make_quotes_component(nlp: Language, name: str, reported: str) -> QuotesComponent:
    """Factory spaCy calls for `nlp.add_pipe("newsfold_quotes")`; `config={"reported": "speech"}` keeps
    only reported speech introduced by a reporting verb's clause or "according to"."""
    return QuotesComponent(nlp, name, reported)
