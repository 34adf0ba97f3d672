from newsfold.align.sentences import Sentences, clean
from newsfold.models import Article


def _sentences(text: str) -> list[str]:
    s = Sentences(Article("a", text))
    return [text[a:b] for a, b in s.spans]


def test_sentence_ends_but_not_abbreviations_or_initials():
    text = ("Mr. Okafor met Gov. Hale in the U.S. capital. J. Smith said “no.” Then it rained!\n"
            "A new paragraph without a full stop\nAnd 12 more.")
    assert _sentences(text) == [
        "Mr. Okafor met Gov. Hale in the U.S. capital.",
        "J. Smith said “no.”",
        "Then it rained!",
        "A new paragraph without a full stop",
        "And 12 more.",
    ]


def test_around_covers_a_span_over_two_sentences_and_stays_in_the_body():
    text = "Residue. One two. Three four. More residue"
    article = Article("a", text, body=(9, 29))
    s = Sentences(article)
    assert [text[a:b] for a, b in s.spans] == ["One two.", "Three four."]
    i = text.index("two")
    assert text.__getitem__(slice(*s.around(i, i + 9))) == "One two. Three four."
    assert s.around(0, 3) == (0, 3)  # outside the body: the span itself


def test_clean_drops_a_dateline_and_joins_lines():
    assert clean("VELMORA (Harbour Wire) - Some 1,200\n people left.") == "Some 1,200 people left."
    assert clean("LONDON, May 3 — It rained.") == "It rained."
    assert clean("A normal sentence - with a dash.") == "A normal sentence - with a dash."
