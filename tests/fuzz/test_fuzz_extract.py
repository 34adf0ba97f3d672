"""Property tests: extraction never fails an article, and everything it returns points at real text.

The default run tries a few hundred inputs; `bench/fuzz.py` runs the same properties at scale.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from newsfold.errors import NewsfoldError
from newsfold.ingest.text import text_article
from newsfold.models import Article, Extraction
from newsfold.nlp.extract import extract_many
from newsfold.nlp.model import load_model

from .strategies import news_text

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def check_extraction(article: Article, result: Extraction) -> None:
    """The invariants every extraction keeps, whatever the input."""
    text = article.text
    assert result.article is article
    for q in result.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert q.text == text[q.start:q.end]
        assert q.kind in ("direct", "partial", "indirect")
        for s, e in q.fragments:
            assert 0 <= s <= e <= len(text)
        for span in (q.speaker_mention, q.cue, q.sentence, q.via_mention):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert span.text == text[span.start:span.end]


def articles_of(text: str) -> list[Article]:
    try:
        return [text_article(text, doc="fuzz.txt", source="fuzz.txt")]
    except NewsfoldError as err:  # an empty or residue-only text is a typed refusal, which is fine
        assert err.code == "NF104"
        return []


@FUZZ
@given(text=news_text)
def test_extraction_keeps_its_invariants(nlp, text):
    for article in articles_of(text):
        (result,) = list(extract_many([article], nlp))
        check_extraction(article, result)


def test_one_article_with_every_mark_unbalanced(nlp):
    text = "“Open ‘never closed « and » then ” “ ‹ „ the end said Ana Lund.\n\n» “ ' ' \" ``"
    (result,) = list(extract_many([Article(doc="m.txt", text=text)], nlp))
    check_extraction(result.article, result)


def test_a_huge_page_still_comes_back(nlp):
    # one paragraph per line, a quotation in every tenth: about 500 kB, parsed only where quotes are
    para = "The council met again on Monday to discuss the budget and the roads of the district.\n\n"
    quote = "“We will rebuild the bridge,” Mayor Ana Lund said.\n\n"
    text = "".join(quote if i % 10 == 0 else para for i in range(6_000))
    (result,) = list(extract_many([Article(doc="big.txt", text=text)], nlp))
    check_extraction(result.article, result)
    assert sum(q.speaker == "Ana Lund" for q in result.quotes) == 600
