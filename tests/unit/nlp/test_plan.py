"""Which paragraphs are parsed: the fast cue-word check answers as `cues.has_cue_word` does."""

import pytest

from newsfold.nlp.cues import FORM_TO_LEMMA, has_cue_word
from newsfold.nlp.extract import _has_cue_word


def test_every_reporting_form_is_a_cue_word_to_the_regex_too():
    # the fast path relies on this: a form found as a whole word is a hit for has_cue_word
    assert all(has_cue_word(form) and has_cue_word(f"x {form.upper()}, y") for form in FORM_TO_LEMMA)


@pytest.mark.parametrize("text", [
    "The mayor SAID the dam would hold.",
    "The dam will hold, according to the mayor.",
    "In a statement, the port authority confirmed the closure.",
    "The river rose by two metres overnight.",
    "The co-chair said_x nothing; unsaid words, resaid.",
    "Flood defences: the full list",
    "",
])
def test_fast_check_agrees_with_the_regex(text):
    assert _has_cue_word(text) == has_cue_word(text)
