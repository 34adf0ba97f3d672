"""The same quotation across outlets: invented quotations, a pair (or a small story) a case.

Each relation has cases either side of the thresholds in `newsfold.align.quotes`; hard negatives are
pairs that share a speaker and a topic, or words, but not an utterance.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.align.quotes import align_quotes, compare, parse_speaker, prepare, same_utterance
from newsfold.models import Quote, Span


def q(
    doc: str,
    text: str,
    speaker: str | None = "Ana Lund",
    kind: str = "direct",
    at: int = 0,
    sentence: str | None = None,
) -> Quote:
    """A quotation at offset `at` of article `doc` (texts need not exist: alignment reads the Quote only)."""
    sent = Span(at, at + len(sentence), sentence) if sentence else None
    return Quote(
        doc=doc,
        start=at,
        end=at + len(text),
        text=text,
        kind=kind,
        speaker=speaker,  # type: ignore[arg-type]
        sentence=sent,
    )


def pair(
    a: str,
    b: str,
    sa: str | None = "Ana Lund",
    sb: str | None = "Ana Lund",
    ka: str = "direct",
    kb: str = "direct",
):
    """The relation align_quotes finds between two quotations of two articles, or None."""
    found = align_quotes([q("a.txt", a, sa, ka), q("b.txt", b, sb, kb)])
    assert len(found) <= 1
    return found[0].relation if found else None


# --- identical --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("We will rebuild every home that the water took.", "we will rebuild every home that the water took"),
        (
            "Sen. Moss and the I.R.S. will meet on Jan. 5 in the U.S. capital.",
            "Senator Moss and the IRS will meet on January 5 in the US capital",
        ),
        (
            "Two-in-three families lost power for three and a half days.",
            "2 in 3 families lost power for 3.5 days",
        ),
        ("It cost one thousand dollars, and that's all we had.", "It cost $1,000, and that is all we had."),
        ("[Governor Ian] Vance's plan will not save the valley.", "Vance's plan will not save the valley."),
        ("[He] will not save the valley this year.", "Vance will not save the valley this year."),
        (
            "We won't leave; it's our home and we'll stay.",
            "We will not leave, it is our home and we will stay.",
        ),
        ("He told us: ‘Stay inside and wait.’", 'He told us: "Stay inside and wait."'),
    ],
)
def test_identical(a, b):
    assert pair(a, b) == "identical"


# --- excerpt -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a partial quotation inside a full one
        (
            "a disgrace to this city",
            "What happened on the bridge is a disgrace to this city, and I will not forget it.",
        ),
        ("practically hopeless", "Without new pumps it is practically hopeless to save the lower town."),
        # a cut marked by an ellipsis
        (
            "The dam will hold … we have checked it twice.",
            "The dam will hold, and I want to be clear about that, we have checked it twice.",
        ),
        (
            "The dam will hold. [...] We have checked it twice.",
            "The dam will hold. I am sure of it. We have checked it twice.",
        ),
        # two overlapping pieces of one utterance
        (
            "We warned them for years that the river would rise faster than the levees could handle",
            "the river would rise faster than the levees could handle, and nobody listened to us",
        ),
        # one content word, same speaker
        ("reckless", "This plan is reckless and it will cost lives in the valley."),
        ("shameful", "What they did to the farmers was shameful."),
    ],
)
def test_excerpt(a, b):
    assert pair(a, b) == "excerpt"


# --- altered -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a word changed
        (
            "We will rebuild every home the flood destroyed, street by street.",
            "We will rebuild every house the flood destroyed, street by street.",
        ),
        (
            "Twenty-six countries have promised to send engineers before winter.",
            "Twenty-five countries have promised to send engineers before winter.",
        ),
        ("the dam will hold", "the dams will hold"),
        # words left out inside the marks, no ellipsis
        ("the first real step", "This is the first real and lasting step toward a safer valley."),
        ("the dam will hold", "the dam will certainly hold"),
        (
            "We will rebuild every home before winter.",
            "We will rebuild every single home in the valley before winter.",
        ),
    ],
)
def test_altered(a, b):
    assert pair(a, b) == "altered"


# --- variant ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two translations of one statement
        ("We will not let the flood decide our future.", "We will not allow the flood to decide our fate."),
        (
            "We are ready to meet at any level, but the talks must take place in Moscow.",
            "We are prepared to meet at the highest level, but the negotiations have to be held in Moscow.",
        ),
        (
            "If foreign soldiers appear on our land during the fighting, we will regard them as targets.",
            "Should any foreign troops appear on our territory while the hostilities go on, we will consider"
            " them targets.",
        ),
        (
            "Our country has never threatened anyone and does not intend to attack its neighbours now.",
            "Our nation has never threatened anybody and has no intention to attack its neighbours today.",
        ),
    ],
)
def test_variant(a, b):
    assert pair(a, b) == "variant"


# --- speakers -----------------------------------------------------------------------------------------------


def test_speaker_names_are_compared_by_surname():
    assert parse_speaker("Mr Putin").same(parse_speaker("Vladimir Putin"))
    assert parse_speaker("President Vladimir Putin").same(parse_speaker("Putin"))
    assert parse_speaker("Volodymyr Zelensky").same(parse_speaker("Zelenskyy"))
    assert parse_speaker("Zelenskiy").same(parse_speaker("Mr Zelensky"))
    assert not parse_speaker("Joe Biden").same(parse_speaker("Hunter Biden"))
    assert parse_speaker("Prosecutor David Rossi").same(parse_speaker("David Rossi"))
    assert parse_speaker("Police Constable Tim Fanning").same(parse_speaker("Tim Fanning"))
    assert not parse_speaker("Detective Joe Biden").same(parse_speaker("Hunter Biden"))
    assert not parse_speaker("Ana Lund").same(parse_speaker("Ian Vance"))
    for description in (
        "the Russian president",
        "Kremlin officials",
        "His comments",
        "he",
        "a spokesman",
        None,
        "",
    ):
        assert parse_speaker(description) is None, description


def test_a_one_word_name_meets_a_full_name_that_starts_with_it():
    assert pair("reckless", "This plan is reckless.", "Kim", "Kim Jong Un") == "excerpt"
    assert pair("reckless", "This plan is reckless.", "Mr Kim", "Kim Jong-un") == "excerpt"


def test_descriptions_count_as_unknown_speakers():
    long = "We will rebuild every home that the water took from this valley."
    assert pair(long, long, "Ana Lund", "the mayor") == "identical"  # long enough without a speaker
    assert pair("Mr Putin said it", "Mr Putin said it", "Vladimir Putin", "Mr Putin") == "identical"


def test_different_speakers_do_not_pair_on_common_words():
    assert pair("We will not back down.", "We will not back down.", "Ana Lund", "Ian Vance") is None
    assert (
        pair(
            "The American people deserve better",
            "the American people deserve better than this",
            "Ana Lund",
            "Ian Vance",
        )
        is None
    )


def test_different_speakers_pair_on_a_long_verbatim_run():
    """Twelve words in a row are no coincidence: one article named the wrong speaker."""
    text = "We will rebuild every home that the water took, and we will start on Monday morning."
    assert pair(text, text, "Ana Lund", "Ian Vance") == "identical"


def test_unknown_speaker_needs_more_text():
    assert pair("the American people", "I trust the American people to decide", None, "Ana Lund") is None
    assert pair("reckless", "This plan is reckless.", None, "Ana Lund") is None
    assert pair("a disgrace to this city", "It is a disgrace to this city.", None, "Ana Lund") is None
    assert (
        pair(
            "what happened on the old bridge is a disgrace",
            "What happened on the old bridge is a disgrace to this city.",
            None,
            "Ana Lund",
        )
        == "excerpt"
    )
    assert (
        pair(
            "what happened on the old bridge is a disgrace",
            "What happened on the old bridge is a disgrace to this city.",
            None,
            None,
        )
        == "excerpt"
    )
    # a whole statement word for word needs fewer content words than a part of one
    assert pair("These people should be taken to court.", "these people should be taken to court", None,
                "Ana Lund") == "identical"
    assert pair("these people should be taken to court", "I say these people should be taken to court.", None,
                "Ana Lund") is None


# --- hard negatives: same speaker, different utterances -----------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Foreign troops in the valley would be legitimate targets.",
            "We will never allow foreign troops in the valley.",
        ),
        (
            "The flood damaged three hundred homes in the valley.",
            "We will rebuild the homes in the valley before winter.",
        ),
        (
            "We are ready to meet the governor in the capital.",
            "The governor is not ready to meet us anywhere, and that says everything.",
        ),
        (
            "The pumps arrived on Tuesday and the water is falling.",
            "The water is still rising and nobody has sent us pumps.",
        ),
        ("very", "The river is very high tonight."),  # a function word
        ("the dam", "We are watching the dam all night."),  # no content word of weight
        ("said", "I said the dam would hold."),
        # the same frame, other content words
        ("We will not let the river destroy our town.", "We will not let the river decide our future."),
        ("We will rebuild the bridge before winter.", "We will rebuild the school before spring."),
        (
            "It is a disaster for the farmers, a real disaster, and the state must pay for it.",
            "The state must pay the farmers for the harvest they lost last year.",
        ),
    ],
)
def test_same_speaker_different_utterances(a, b):
    assert pair(a, b) is None


def test_reported_speech_is_paired_conservatively():
    direct = "The dam will hold through the weekend, I promise you."
    indirect = "that the dam would hold through the weekend"
    assert pair(direct, indirect, kb="indirect") is None
    long_direct = "Any troops deployed on our land will be legitimate targets for destruction by our army."
    long_indirect = "troops deployed on Russian land would be legitimate targets for destruction by the army"
    assert pair(long_direct, long_indirect, kb="indirect") is not None
    assert pair(long_direct, long_indirect, sb=None, kb="indirect") is None
    assert pair("reckless", "This plan is reckless.", ka="indirect") is None


# --- stories of several articles ----------------------------------------------------------------------------


def test_a_short_quotation_fitting_two_utterances_is_placed_by_its_sentence():
    story = [
        q(
            "a.txt",
            "disaster",
            at=10,
            sentence="Lund called the loss of the orchards and the harvest a “disaster” on Friday.",
        ),
        q("b.txt", "This is a disaster for the orchards, and the harvest is gone.", at=100),
        q("b.txt", "We avoided a disaster at the dam last night.", at=300),
    ]
    found = align_quotes(story)
    assert [(a.a.doc, a.b.start, a.relation) for a in found] == [("a.txt", 100, "excerpt")]


def test_a_short_quotation_with_no_telling_context_is_left_alone():
    story = [
        q("a.txt", "disaster", at=10, sentence="Lund used the word “disaster” twice."),
        q("b.txt", "This is a disaster for the orchards.", at=100),
        q("b.txt", "We avoided a disaster at the dam last night.", at=300),
    ]
    assert align_quotes(story) == []


def test_pieces_of_one_utterance_all_pair_across_articles():
    """As in the seeds' gold: every piece in one article pairs with every piece of those words in another."""
    story = [
        q("a.txt", "legitimate targets", kind="partial", at=10),
        q("a.txt", "If any troops appear there, they will be legitimate targets for destruction.", at=100),
        q("b.txt", "legitimate", kind="partial", at=5),
        q("b.txt", "If some troops appear there, these will be legitimate targets for destruction.", at=200),
    ]
    found = {(a.a.start, a.b.start): a.relation for a in align_quotes(story)}
    assert found == {(10, 5): "excerpt", (10, 200): "excerpt", (100, 5): "excerpt", (100, 200): "altered"}


def test_quotations_of_one_article_never_pair():
    story = [
        q("a.txt", "We will rebuild every home.", at=0),
        q("a.txt", "We will rebuild every home.", at=50),
    ]
    assert align_quotes(story) == []


def test_alignment_records_refs_outlets_speaker_and_story():
    story = [
        q("a.txt", "a disgrace to this city", "Mrs Lund", kind="partial", at=40),
        q("b.txt", "It is a disgrace to this city.", "Ana Lund", at=7),
    ]
    [al] = align_quotes(story, outlets={"a.txt": "Daily A", "b.txt": None}, story="s1")
    assert (al.a.doc, al.a.start, al.a.end, al.a.outlet) == ("a.txt", 40, 63, "Daily A")
    assert (al.b.doc, al.b.start, al.b.outlet) == ("b.txt", 7, None)
    assert al.speaker == "Ana Lund" and al.story == "s1" and 0 < al.score <= 1
    rec = al.to_record()
    assert rec["type"] == "alignment" and rec["relation"] == "excerpt"


def test_order_of_input_does_not_matter():
    story = [q("b.txt", "It is a disgrace to this city.", at=7), q("a.txt", "a disgrace to this city", at=40)]
    assert [a.to_record() for a in align_quotes(story)] == [a.to_record() for a in align_quotes(story[::-1])]
    assert align_quotes(story)[0].a.doc == "a.txt"


def test_degenerate_stories():
    assert align_quotes([]) == []
    assert align_quotes([q("a.txt", "We stay.")]) == []
    assert align_quotes([q("a.txt", "“…”"), q("b.txt", "[sic]")]) == []
    copies = [
        q("a.txt", "We will rebuild every home that the water took."),
        q("b.txt", "We will rebuild every home that the water took."),
    ]
    assert [a.relation for a in align_quotes(copies)] == ["identical"]


# --- the word diff ------------------------------------------------------------------------------------------


def _diff(a: str, b: str):
    pa, pb = prepare(0, q("a.txt", a)), prepare(1, q("b.txt", b))
    c = compare(pa, pb)
    assert c is not None and same_utterance(pa, pb, c)
    return [(d.op, d.a, d.b) for d in align_quotes([q("a.txt", a), q("b.txt", b)])[0].diff]


def test_diff_shows_printed_words():
    assert _diff(
        "We will rebuild every home, street by street.", "We will rebuild every HOUSE, street by street"
    ) == [
        ("equal", "We will rebuild every", "We will rebuild every"),
        ("replace", "home", "HOUSE"),
        ("equal", "street by street", "street by street"),
    ]


def test_diff_of_an_excerpt_marks_what_the_other_leaves_out():
    assert _diff("a disgrace to this city", "It is a disgrace to this city, I say.") == [
        ("insert", "", "It is"),
        ("equal", "a disgrace to this city", "a disgrace to this city"),
        ("insert", "", "I say"),
    ]


def test_diff_never_shows_one_printed_word_twice():
    ops = _diff(
        "We won't leave the valley before the water falls.",
        "We will leave the valley before the water falls.",
    )
    assert ops[0] == ("equal", "We", "We")
    assert ("replace", "won't", "will") in ops
    assert sum(1 for op in ops if "won't" in op[1]) == 1


def test_diff_of_omitted_words_takes_the_nearest_match():
    ops = _diff(
        "the first real step", "For the first time in years, this is the first real and lasting step."
    )
    assert ("insert", "", "and lasting") in ops
    assert ops[0] == ("insert", "", "For the first time in years, this is")


WORDS = "the dam will hold … [he] won't two 2 Sen. river (sic) said a".split()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a.txt", "b.txt", "c.txt"]),
                          st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join),
                          st.sampled_from([None, "Ana Lund", "Lund", "Ian Vance", "the mayor"]),
                          st.sampled_from(["direct", "partial", "indirect"])), max_size=8))
def test_any_story_aligns_without_error(items):
    story = [q(doc, text, speaker, kind, at=100 * n) for n, (doc, text, speaker, kind) in enumerate(items)]
    texts = {(x.doc, x.start): x.text for x in story}
    for al in align_quotes(story):
        assert al.a.doc != al.b.doc and (al.a.doc, al.a.start) < (al.b.doc, al.b.start)
        assert al.relation in ("identical", "excerpt", "altered", "variant")
        for d in al.diff:
            assert d.a in texts[(al.a.doc, al.a.start)] and d.b in texts[(al.b.doc, al.b.start)]
            assert d.op in ("equal", "delete", "insert", "replace") and (d.a or d.b)
