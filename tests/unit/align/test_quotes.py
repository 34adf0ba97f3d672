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
        # words added and a form changed, three places, but nearly every word of the shorter one kept
        (
            "If they close the bridge, they will have bigger problems than they have ever had before.",
            "If they close the bridge, they're going to have big problems, bigger than they've ever had"
            " before",
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


# --- the wording's own evidence, and speakers as the story's people --------------------------------------


def test_a_short_rare_phrase_pairs_without_a_speaker():
    """Two to five words with no speaker to agree on pair only when their words are rare."""
    long = "The board ran the port as a smuggling cartel for a decade, and everyone knew it."
    assert pair("a smuggling cartel", long, None, "Ana Lund") == "excerpt"
    assert pair("smuggling cartel", "smuggling cartel", "the report", "the lawsuit") == "identical"
    # common words recur by chance: "very good news" in two quotations is no evidence of one utterance
    assert pair("very good news", "This is very good news for the port.", None, "Ana Lund") is None
    assert pair("a great deal for families", "It is a great deal for families in the port.",
                None, "Ana Lund") is None
    assert pair("a total failure", "The plan was a total failure.", "the report", "the lawsuit") is None


def test_a_rare_phrase_fitting_two_people_is_left_alone():
    story = [
        q("a.txt", "a smuggling cartel", None),
        q("b.txt", "The board ran the port as a smuggling cartel for a decade.", "Ana Lund"),
        q("c.txt", "They called it a smuggling cartel and walked out of the hearing.", "Ian Vance"),
    ]
    pairs = {(al.a.doc, al.b.doc) for al in align_quotes(story)}
    assert ("a.txt", "b.txt") not in pairs and ("a.txt", "c.txt") not in pairs


def test_an_unattributed_quotation_takes_the_speaker_of_its_utterance():
    """A long quotation with no speaker pairs on its wording; it then carries its partner's speaker, and a
    short excerpt of it from a third outlet pairs by speaker agreement."""
    long = "We will rebuild every home that the water took, and we will start on Monday morning."
    story = [
        q("a.txt", long, None),
        q("b.txt", long, "Ana Lund"),
        q("c.txt", "start on Monday", "Ms Lund"),
    ]
    found = {(al.a.doc, al.b.doc): al for al in align_quotes(story)}
    assert found[("a.txt", "b.txt")].speaker == "Ana Lund"
    assert found[("a.txt", "b.txt")].speaker_from == "b"
    assert found[("a.txt", "c.txt")].relation == "excerpt"
    assert found[("a.txt", "c.txt")].speaker_from == "a"
    assert found[("b.txt", "c.txt")].speaker_from == "both"
    # without the long pair, the excerpt of an unattributed quotation is not enough
    assert pair(long, "start on Monday", None, "Ms Lund") is None


def test_a_carried_speaker_does_not_vouch_for_a_rewording():
    long = "We will rebuild every home that the water took, and we will start on Monday morning."
    story = [
        q("a.txt", long, None),
        q("b.txt", long, "Ana Lund"),
        q("c.txt", "We will repair each house the flood took, starting Monday.", "Ana Lund"),
    ]
    pairs = {(al.a.doc, al.b.doc) for al in align_quotes(story)}
    assert ("a.txt", "c.txt") not in pairs


def test_speakers_are_compared_as_the_storys_people():
    """Descriptions the story resolves to one person agree; names it keeps apart do not."""
    a = q("a.txt", "reckless", "the minister")
    b = q("b.txt", "This plan is reckless and it will cost lives.", "Anton Sereda")
    assert align_quotes([a, b]) == []
    people = {("a.txt", 0, a.end): "anton-sereda", ("b.txt", 0, b.end): "anton-sereda"}
    found = align_quotes([a, b], people=people)
    assert [(al.relation, al.speaker, al.speaker_from) for al in found] == [("excerpt", "Anton Sereda", "b")]


def test_overlapping_pieces_altered_in_the_overlap():
    a = "It is a scandal. It is a shame. It should have never been allowed,"
    b = "It should never have been allowed, but we will be looking into it."
    assert pair(a, b) == "altered"
    assert pair(a, b, "Ana Lund", None) is None  # the same speaker is needed


def test_fragments_split_by_the_attribution_meet_a_whole_quotation():
    """ "A," she said, "B." against "A ... B" with words between: an excerpt, as at an ellipsis."""
    text = 'We will see," she said, "whether the dam can be saved this winter.'
    frag = Quote(doc="a.txt", start=0, end=len(text), text=text, kind="direct", speaker="Ana Lund",
                 fragments=[(0, text.index('"')), (text.index("whether"), len(text))])
    whole = q("b.txt", "We will see, and we will see soon enough, whether the dam can be saved this winter.")
    found = align_quotes([frag, whole])
    assert [al.relation for al in found] == ["excerpt"]
    # the same words as one unbroken quotation: words left out with no mark, so altered
    assert pair("We will see whether the dam can be saved this winter.", whole.text) == "altered"


def test_a_function_word_at_the_edge_of_a_part_is_a_dropped_word():
    """ "the" where the longer one has "to halt" before the shared words: the part's own stretch is compared,
    not the whole longer quotation; a content word there ("altogether" / "site has done its job") is not."""
    longer = "We will join regional efforts to halt levee test altogether,"
    assert pair("the levee tests altogether.", longer) == "altered"
    assert pair("the levee test altogether.", "The levee test site has done its job,") is None
    assert pair("The harbour plan is a disaster,",
                "The harbour plan is a terrible plan. We paid for it twice. It is ridiculous.") is None


def test_a_short_piece_running_on_in_another_is_an_excerpt():
    """Same speaker, two pieces of one sentence: all but one word of the short one runs on in the other."""
    longer = "join regional efforts to halt the floods altogether"
    assert pair("will join regional efforts", longer) == "excerpt"
    assert pair("will join regional efforts", longer, "Ana Lund", None) is None
    assert pair("they say we must join regional efforts", longer) is None  # most of it is elsewhere


# --- weak attributions, sources, organisations ------------------------------------------------------------


def qm(doc: str, text: str, speaker: str | None, mention: str | None, kind: str = "direct",
       via: str | None = None) -> Quote:
    """A quotation whose speaker was found through `mention` (a name, a pronoun, a description)."""
    found = q(doc, text, speaker, kind)
    found.speaker_mention = Span(500, 500 + len(mention), mention) if mention else None
    found.via = via
    return found


def test_a_speaker_found_through_a_pronoun_gives_way_to_a_named_one():
    """ "..., he said" resolved to the wrong person: a long verbatim containment is still one utterance,
    and the pair carries the named speaker."""
    long = "They do have our support to rebuild the bridge before winter,"
    short = "have our support to rebuild the bridge before winter."
    found = align_quotes([qm("a.txt", long, "Ian Vance", "he"),
                          qm("b.txt", short, "Ana Lund", "Lund", "partial")])
    assert [(al.relation, al.speaker, al.speaker_from) for al in found] == [("excerpt", "Ana Lund", "b")]
    # both named at the quotation: two people, the shared words notwithstanding
    assert align_quotes([qm("a.txt", long, "Ian Vance", "Vance"),
                         qm("b.txt", short, "Ana Lund", "Lund", "partial")]) == []
    # an organisation named with its article names its speaker as firmly
    assert align_quotes([qm("a.txt", long, "Harbour Board", "the Harbour Board"),
                         qm("b.txt", short, "Ana Lund", "Lund", "partial")]) == []
    # a weak attribution still needs the evidence asked of an unknown speaker
    assert align_quotes([qm("a.txt", "have our support", "Ian Vance", "he", "partial"),
                         qm("b.txt", long, "Ana Lund", "Lund")]) == []


def test_a_speaker_the_other_quotation_speaks_of_is_a_weak_attribution():
    """ "Critics noted that Vance 'never said the dam was safe'" resolves the fragment to Vance; the
    statement it comes from names Vance in its own words, so it is not his."""
    statement = "The records also show Mayor Vance never said that the dam was safe or sound,"
    fragment = "never said that the dam was safe or sound,"
    found = align_quotes([qm("a.txt", statement, "Ana Lund", "Lund"),
                          qm("b.txt", fragment, "Ian Vance", "Vance", "partial")])
    assert [(al.relation, al.speaker) for al in found] == [("excerpt", "Ana Lund")]


def test_a_relayed_quotation_agrees_with_its_source_speaker():
    """One article names the relaying agency as the speaker and the speaker as its source."""
    a = qm("a.txt", "join regional efforts to halt the floods altogether,", "Nordpress", "Nordpress",
           "partial", via="Lund")
    b = qm("b.txt", "will join regional efforts", "Ana Lund", "Lund", "partial")
    assert [al.relation for al in align_quotes([a, b])] == ["excerpt"]
    assert align_quotes([qm("a.txt", a.text, "Nordpress", "Nordpress", "partial"), b]) == []


def test_a_spokesperson_speaks_for_the_organisation():
    a = qm("a.txt", "welcome,", "A Valdorian government spokeswoman", "A Valdorian government spokeswoman",
           "partial")
    b = qm("b.txt", "welcome,", "the Valdorian government", "the Valdorian government", "partial")
    assert [al.relation for al in align_quotes([a, b])] == ["identical"]
    other = qm("b.txt", "welcome,", "the Valdorian ministry", "the Valdorian ministry", "partial")
    assert align_quotes([a, other]) == []
    officials = [qm(doc, "welcome,", name, name, "partial")
                 for doc, name in (("a.txt", "a senior official"), ("b.txt", "the senior official"))]
    assert align_quotes(officials) == []


def test_names_of_a_possession_and_of_a_day():
    assert parse_speaker("Valdoria's Lund").key == "lund"
    assert parse_speaker("Valdoria's Lund").same(parse_speaker("Ana Lund"))
    assert parse_speaker("Lund's lawyer") is None
    assert parse_speaker("Harbour Board's Ana Lund").same(parse_speaker("Harbour Board"))  # speaks for it
    assert not parse_speaker("Harbour Board's Ana Lund").same(parse_speaker("Port Authority"))
    assert parse_speaker("Friday") is None
    assert parse_speaker("Theresa May").key == "may"


def test_one_quoted_word_pairs_without_a_speaker_only_when_rarer_than_the_word_list():
    sentence = "Just heard the levee was blocked by the obstructionist council,"
    assert pair("obstructionist", sentence, None, "Ana Lund", "partial") == "excerpt"
    assert pair("blocked", sentence, None, "Ana Lund", "partial") is None
    assert pair("obstructionist", sentence, "Ian Vance", "Ana Lund", "partial") is None


def test_a_quotation_nested_in_another_is_not_an_excerpt_of_it():
    """A memo reporting that someone said 'I need the vote' holds the other person's words, not its
    writer's; outside the nested marks the same words are an excerpt."""
    memo = "He then returned to the budget, saying 'I need the vote.' I replied that he would get it."
    assert pair(memo, "I need the vote.") is None
    assert pair(memo, "I replied that he would get it.") == "excerpt"
    plain = "He then returned to the budget, saying I need the vote. I replied that he would get it."
    assert pair(plain, "I need the vote.") == "excerpt"


def test_two_people_named_at_their_quotations_pair_only_when_copied_word_for_word():
    """A statement read out by two officials, each named at the quotation: two speakers, their words a
    little apart; the same words to the letter are copy that carried a wrong name."""
    text = "Depending on the river at the time of arrival, families may need to wait in the hills tonight,"
    read = "Depending upon the river at the time of arrival, those families may need to wait in the hills,"
    lund = qm("a.txt", text, "Ana Lund", "Commissioner Ana Lund")
    assert align_quotes([lund, qm("b.txt", read, "Ian Vance", "Ian Vance")]) == []
    assert [al.relation for al in align_quotes([lund, qm("b.txt", read, "Ian Vance", "he")])] == ["altered"]
    copied = qm("b.txt", text, "Ian Vance", "Ian Vance")
    assert [al.relation for al in align_quotes([lund, copied])] == ["identical"]


def test_a_document_reworded_by_someone_else_is_another_statement():
    """A complaint's sentence and its author's press statement in other words: not one utterance; the
    complaint's words quoted as written are."""
    complaint = ("The scheme constituted an act of previously unimaginable betrayal: the council of a major "
                 "city in league with a hostile developer to bolster its own chance to win the vote,")
    statement = ("This constituted an act of unprecedented betrayal: the leaders of the town council of "
                 "Valdor in league with a hostile developer to bolster its own chance to win the vote,")
    suit = qm("a.txt", complaint, "Valley Trust", "the suit")
    assert align_quotes([suit, qm("b.txt", statement, "Ana Lund", "he")]) == []
    quoted = qm("b.txt", complaint, "Ana Lund", "he")
    assert [al.relation for al in align_quotes([suit, quoted])] == ["identical"]


def test_an_article_with_the_words_themselves_does_not_also_reword_them():
    """One article has the question word for word, and a longer question in similar words: the pair with the
    longer one is dropped; with the verbatim one missing, the rewording pairs."""
    question = "What efforts were made to reach out to the mayor about the levee or a possible pardon?"
    longer = ("After the mayor resigned, what calls or efforts were made by people associated with you to "
              "reach out to him or to discuss the mayor seeking help over the levee or a possible pardon?")
    story = [q("a.txt", question, "Ana Lund"), q("b.txt", question, "Ana Lund", at=0),
             q("b.txt", longer, "Ana Lund", at=500)]
    found = [(al.b.start, al.relation) for al in align_quotes(story)]
    assert found == [(0, "identical")]
    assert [al.relation for al in align_quotes([story[0], story[2]])] == ["variant"]
    # a rewording of about its length beside the verbatim copy: the article carries the statement twice
    said = "The water is rising faster than any of our models predicted for this spring,"
    reworded = "The water rises more quickly than any of the models had predicted this spring,"
    twice = [q("a.txt", said), q("b.txt", said, at=0), q("b.txt", reworded, at=500)]
    assert [(al.b.start, al.relation) for al in align_quotes(twice)] == [(0, "identical"), (500, "variant")]


def test_two_short_pieces_overlapping_in_a_longer_quotation_pair():
    """ "can be good" and "good news" share one word, too little alone; both stand in "This can be good
    news ...", overlapping there, so they are one stretch of one utterance."""
    story = [q("a.txt", "can be good"), q("b.txt", "good news."),
             q("c.txt", "This can be good news for the valley and its farms.")]
    found = {(al.a.doc, al.b.doc): al.relation for al in align_quotes(story)}
    assert found == {("a.txt", "b.txt"): "excerpt", ("a.txt", "c.txt"): "excerpt",
                     ("b.txt", "c.txt"): "excerpt"}
    assert pair("can be good", "good news.") is None
    apart = [q("a.txt", "can be good"), q("b.txt", "the farms."),
             q("c.txt", "This can be good news for the valley and the farms.")]
    assert ("a.txt", "b.txt") not in {(al.a.doc, al.b.doc) for al in align_quotes(apart)}


def test_an_acronym_is_the_organisation_it_abbreviates():
    assert parse_speaker("VGS").same(parse_speaker("Valley Geological Survey"))
    assert parse_speaker("VGS").same(parse_speaker("Valley of Glass Society"))
    assert not parse_speaker("VGS").same(parse_speaker("Valley Survey"))
    assert not parse_speaker("AL").same(parse_speaker("Ana Lund"))


def test_an_organisations_own_spokesperson_agrees_with_it_even_on_one_word():
    found = align_quotes([q("a.txt", "critical", "Harbour Board's Ana Lund", "partial"),
                          q("b.txt", "Critical", "Harbour Board", "partial")])
    assert [al.relation for al in found] == ["identical"]


# --- one word written another way: closed compounds, comparatives ---------------------------------------


def test_closed_compound_is_one_word_changed():
    """"goodwill" against "good will": one changed spelling (altered), the diff showing both spellings."""
    a = "We have built a lot of goodwill with the river towns this winter"
    b = "We have built a lot of good will with the river towns this winter"
    found = align_quotes([q("a.txt", a), q("b.txt", b)])
    assert [f.relation for f in found] == ["altered"]
    assert ("replace", "goodwill", "good will") in [(d.op, d.a, d.b) for d in found[0].diff]
    c = compare(prepare(0, q("a.txt", "a lot of goodwill")), prepare(1, q("b.txt", "a lot of good will")))
    assert c is not None and c.contained and c.relation == "altered"


def test_short_excerpt_with_a_closed_compound():
    """A short excerpt whose one content word is printed as a compound in the other article: it is found (the
    two words block as the compound, under the speaker) and pairs by speaker agreement, as a verbatim excerpt
    would; with no speaker on one side its few words are not evidence enough."""
    a, b = "I truly think there is a lot of good will,", "there is a lot of goodwill"
    assert pair(a, b) == "altered"
    assert pair(a, b, sb=None) is None


def test_short_words_make_no_compound():
    """Two words of fewer than three letters each are not a closed compound: "a part" is not "apart"."""
    c = compare(prepare(0, q("a.txt", "they are apart now")), prepare(1, q("b.txt", "they are a part now")))
    assert c is None or not c.contained


def test_comparative_against_its_base_word():
    """"bigger problems" / "big problems", in a reworded warning of one speaker: the same utterance (variant),
    the degree shown as a changed word. Without the base evened the two share too few content words."""
    a = "If they reopen the old mill, they will have bigger problems than they have ever had before."
    b = "They reopen it, they're going to have big problems"
    found = align_quotes([q("a.txt", a), q("b.txt", b)])
    assert [f.relation for f in found] == ["variant"]
    assert any(d.a == "bigger" and d.b == "big" for d in found[0].diff if d.op == "replace")
    assert pair(a, b.replace("big", "serious")) is None


@pytest.mark.parametrize(("form", "base"), [("bigger", "big"), ("larger", "larg"), ("happier", "happi"),
                                           ("strongest", "strong")])
def test_comparative_bases(form, base):
    from newsfold.align.normalise import stem
    from newsfold.align.wording import _bases

    assert base in _bases(stem(form))


# --- a short restatement of a long quotation, its words spread over it ------------------------------------

_LONG = ("The harbour plan is a disastrous plan. We spent $40 million on it. We lost two years. "
         "It is absurd. It is ridiculous. It should never have been approved,")
_GIST = "People know my view. It is a disastrous plan, it should never have been approved,"


def test_restatement_spread_over_a_long_quotation():
    """One speaker's remark reported whole by one outlet and shortened to its gist by another ("It is a
    disastrous plan, it should never have been approved"): nearly all its content words, and two thirds of
    its words in order, stand in the long one, though spread over its sentences (variant)."""
    assert pair(_LONG, _GIST) == "variant"


@pytest.mark.parametrize(
    ("b", "sb"),
    [
        (_GIST, "Ivo Rask"),
        ("People know my view: the harbour was never a disastrous plan, it will be approved,", "Ana Lund"),
        ("People know my view. It is a disastrous plan and it should be approved again,", "Ana Lund"),
        ("The plan was approved, and it is not disastrous, people know my view, never mind the cost",
         "Ana Lund"),
    ],
)
def test_no_restatement(b, sb):
    """Another speaker, or the same topic words in another order or sense, is not the remark restated."""
    assert pair(_LONG, b, sb=sb) is None
