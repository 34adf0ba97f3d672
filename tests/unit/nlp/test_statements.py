"""What counts as a statement, on short texts written for these tests: reported speech that is speech, verbs
of other events that are not, short quoted words someone is said to have used, and titles of works."""

import pytest

from newsfold.models import Article
from newsfold.nlp.cues import is_stance_verb
from newsfold.nlp.extract import extract
from newsfold.nlp.model import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def quotes(nlp, text):
    return extract(Article(doc="t.txt", text=text), nlp).quotes


def indirect(nlp, text):
    return [q for q in quotes(nlp, text) if q.kind == "indirect"]


def test_stance_verbs_are_verbs_of_view_or_intention():
    assert is_stance_verb("wants") and is_stance_verb("declined") and is_stance_verb("sought")
    assert not is_stance_verb("surrounded") and not is_stance_verb("committed") and not is_stance_verb("won")


@pytest.mark.parametrize("text", [
    "The mayor surrounded herself with loyal advisers from the river towns.",
    "Live music will continue to be permitted in the old market hall.",
    "Three men were charged with fraud after the bridge collapsed.",
    "Two patients admitted to the county hospital were sent home on Friday.",
])
def test_verbs_of_other_events_report_nothing(nlp, text):
    assert indirect(nlp, text) == []


def test_a_view_with_an_object_is_still_reported(nlp):
    # (a paragraph is parsed when it holds a reporting word, as "asked" here)
    qs = indirect(nlp, "Reporters asked about the budget. "
                       "Mayor Ana Lund wants a second bridge across the river.")
    q = next(q for q in qs if "bridge" in q.text)
    assert q.text == "a second bridge across the river" and q.speaker == "Ana Lund"


def test_a_view_in_a_paragraph_without_a_reporting_word_is_found(nlp):
    # no form of a reporting verb here, only a verb of stance: the paragraph must still be parsed
    qs = indirect(nlp, "Violence goes on in the valley as Norland and Estmark support the old government.")
    assert [q.text for q in qs] == ["the old government"]


def test_a_person_supported_or_attacked_is_what_the_view_is_about(nlp):
    qs = indirect(nlp, "Reporters asked about the race. Senator Ana Lund attacked Bo Kerr in a late debate.")
    assert any(q.text == "Bo Kerr" and q.speaker == "Ana Lund" for q in qs)


def test_someone_spoken_to_is_not_what_is_said(nlp):
    assert not [q for q in indirect(nlp, "Mayor Ana Lund told Bo Kerr on Monday.") if "Kerr" in q.text]


def test_the_object_of_calling_keeps_what_it_is_called(nlp):
    qs = indirect(nlp, "The Lund campaign called the charges unfounded.")
    assert [q.text for q in qs] == ["the charges unfounded"]


@pytest.mark.parametrize("text, content, speaker", [
    ("If the ferry plan fails, Mayor Ana Lund argues, there are other boats on the river.",
     "If the ferry plan fails", "Ana Lund"),
    ("The difference now, she told me on Friday, is that the toll pays for the ferry.",
     "The difference now", "she"),
    ("Turnout in the valley will fall this spring, experts say.",
     "Turnout in the valley will fall this spring", "experts"),
    ("The ferry will not run in winter, noted the county's harbour master.",
     "The ferry will not run in winter", "harbour master"),
])
def test_a_cue_set_into_the_sentence_by_commas_reports_the_rest(nlp, text, content, speaker):
    qs = indirect(nlp, text)
    assert len(qs) == 1 and qs[0].text.startswith(content) and speaker in qs[0].speaker_mention.text


@pytest.mark.parametrize("text, content", [
    ("Senator Bo Kerr called him divisive on Monday.", "him divisive"),
    ("Senator Bo Kerr called for her dismissal.", "her dismissal"),
])
def test_two_words_are_what_a_verb_of_calling_reports(nlp, text, content):
    assert [q.text for q in indirect(nlp, text)] == [content]


def test_reported_content_ends_before_a_clause_holding_a_quotation(nlp):
    qs = quotes(nlp, "Mayor Ana Lund says she trusts the council and calls it “a fine bunch of people.”")
    assert [q.text for q in qs if q.kind == "indirect"] == ["she trusts the council"]
    assert find_quote(qs, "fine bunch").kind == "partial"


def test_what_a_poll_shows_without_a_clause(nlp):
    qs = indirect(nlp, "The latest averages show Ana Lund with a lead of four points.")
    assert [q.text for q in qs] == ["Ana Lund with a lead of four points"]


@pytest.mark.parametrize("text, content, speaker", [
    ("Reporters asked about it. Mayor Ana Lund's criticism of the ferry board grew louder.",
     "the ferry board", "Ana Lund"),
    ("Reporters asked about it. Her claim that the vote was rigged drew scorn.",
     "that the vote was rigged", "Her"),
    ("Reporters asked about it. Bo Kerr's decision to close the ferry surprised the council.",
     "to close the ferry", "Bo Kerr"),
])
def test_a_nominal_cue_owned_by_someone_reports(nlp, text, content, speaker):
    q = next(q for q in indirect(nlp, text) if q.text == content)
    assert speaker in q.speaker_mention.text


def test_a_nominal_cue_with_no_owner_reports_nothing(nlp):
    assert indirect(nlp, "Reporters asked about it. The criticism of the ferry board grew louder.") == []


def test_two_words_found_are_not_a_finding(nlp):
    assert indirect(nlp, "Senator Bo Kerr found the keys.") == []


@pytest.mark.parametrize("text", [
    "Mayor Ana Lund spoke on Nov. 14 at the town hall.",
    "Bo Kerr lay down on the train tracks after the rally.",
    "The clinic admitted Ana Lund to the county hospital on Monday.",
    "Prosecutors charged Bo Kerr with fraud after the audit.",
    "Bo Kerr, who endorsed Ana Lund in March, opened the rally with a prayer.",
])
def test_times_lying_down_hospitals_charges_and_background_are_no_statements(nlp, text):
    assert indirect(nlp, text) == []


def test_continue_still_introduces_a_quotation(nlp):
    qs = quotes(nlp, "Ana Lund spoke first.\n“We will rebuild the bridge,” she continued.")
    q = next(q for q in qs if "rebuild" in q.text)
    assert q.kind == "direct" and q.speaker == "Ana Lund"


def test_an_interjected_cue_reports_the_whole_sentence(nlp):
    qs = indirect(nlp, "The new bridge, Mayor Ana Lund said, will open to traffic in the spring.")
    assert len(qs) == 1 and qs[0].speaker == "Ana Lund"
    assert qs[0].text.startswith("The new bridge") and qs[0].text.endswith("in the spring")


def test_short_words_a_speaker_is_said_to_use_are_a_partial_quotation(nlp):
    qs = quotes(nlp, "Mayor Ana Lund derided the council as “lazy” on Monday.")
    q = find_quote(qs, "lazy")
    assert q.kind == "partial" and q.speaker == "Ana Lund"


@pytest.mark.parametrize("text, words, speaker", [
    # a second quoted stretch inside the same reported clause, past the first
    ("Mayor Ana Lund promised to “never close the ferry” unless there is a “real emergency” on the river.",
     "real emergency", "Ana Lund"),
    ("Mayor Ana Lund said “hundreds of our neighbours” will “very definitely be heard” at the hearing.",
     "hundreds of our neighbours", "Ana Lund"),
    # a "…, X said" beside the clause that holds the words
    ("Any toll on the bridge would be a “very bad idea” for the valley towns, Mayor Ana Lund said on Monday.",
     "very bad idea", "Ana Lund"),
    # "as" hung on a participle of the object
    ("Mayor Ana Lund again assailed the budget drafted by the council as “reckless” and “cruel”.",
     "cruel", "Ana Lund"),
    ("The ferry toll, according to Mayor Ana Lund, went “up and up” all summer.", "up and up", "Ana Lund"),
    ("The river towns back Bo Kerr, a self-described “ferry man” of the old school.", "ferry man", "Bo Kerr"),
    ("The councillors met on the toll that Lund calls “theft”.", "theft", "Lund"),
    ("Bo Kerr: Valley budget ‘built on sand and wishful thinking’", "built on sand and wishful thinking",
     "Bo Kerr"),
    ("Lund warns council that ferry tolls ‘cannot’ rise again", "cannot", "Lund"),
    ("On the quay, the strikers waved flags and chanted slogans like, “no toll, no ferry!”",
     "no toll, no ferry!", "strikers"),
])
def test_short_words_framed_as_someones_are_quotations(nlp, text, words, speaker):
    q = find_quote(quotes(nlp, text), words)
    assert q.speaker_mention is not None and speaker in q.speaker_mention.text


def test_a_filing_speaks_for_its_quoted_words(nlp):
    qs = quotes(nlp, "The lawsuit refers to the toll board as a “closed shop” of insiders.")
    q = find_quote(qs, "closed")
    assert q.kind == "partial" and q.speaker_mention.text == "The lawsuit"


def test_a_section_label_before_a_colon_names_no_speaker(nlp):
    assert not [q for q in quotes(nlp, "Analysis: Why the “deal” fails the river towns") if q.text == "deal"]


def test_a_scare_quote_no_one_is_said_to_use_is_dropped(nlp):
    qs = quotes(nlp, "The “caravan” reached the border town on Monday, and the crossing was closed.")
    assert not [q for q in qs if q.text == "caravan"]


@pytest.mark.parametrize("text", [
    "Ana Lund said she had watched Bong Joon Ho’s “Parasite” twice.",
    "Ana Lund said she had watched the film “Silent River” twice.",
    "Ana Lund said her favourites were “Silent River” and “Cold Harbour Nights”.",
])
def test_titles_of_works_are_not_quotations(nlp, text):
    assert [q for q in quotes(nlp, text) if q.kind != "indirect"] == []


def find_quote(qs, fragment):
    hits = [q for q in qs if fragment in q.text and q.kind != "indirect"]
    assert hits, f"no quotation containing {fragment!r} in {[q.text for q in qs]}"
    return hits[0]
