"""Where reported speech begins and ends, and which clause a cue reports, on short texts written for
these tests."""

import pytest

from newsfold.models import Article
from newsfold.nlp.extract import extract
from newsfold.nlp.model import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def indirect(nlp, text):
    return [(q.text, q.speaker) for q in extract(Article(doc="t.txt", text=text), nlp).quotes
            if q.kind == "indirect"]


@pytest.mark.parametrize("text, first, second", [
    ("Mayor Ana Lund said the plan would fail and warned against new taxes from the capital.",
     "the plan would fail", "new taxes"),
    ("The mayor, Ana Lund, said the tax was needed, arguing that the town had run out of money.",
     "the tax was needed", "that the town had run out of money"),
    ("Ana Lund said this week that the town would leave the league and suggested that it would build a "
     "new stadium.", "that the town would leave the league", "that it would build a new stadium"),
])
def test_a_second_statement_joined_to_the_first_is_its_own(nlp, text, first, second):
    found = indirect(nlp, text)
    assert (first, "Ana Lund") in found
    assert any(t.startswith(second) and s == "Ana Lund" for t, s in found), found


def test_a_statement_joined_with_its_own_speaker_is_cut_from_the_first(nlp):
    found = indirect(nlp, "Ana Lund stressed that the reforms were not complete, and several farm groups "
                          "warned that the council was giving up its leverage.")
    assert ("that the reforms were not complete", "Ana Lund") in found


def test_a_clause_after_the_cue_is_what_it_reports(nlp):
    found = indirect(nlp, "Writing for a panel that all agreed Roe won the debate, Ann Lund noted that the "
                          "way Roe carried himself was critical to his success.")
    assert ("that the way Roe carried himself was critical to his success", "Ann Lund") in found


def test_a_clause_before_a_semicolon_is_not_what_a_cue_reports(nlp):
    found = indirect(nlp, "It is an unlikely plan; Ana Lund's team says she will continue her tour later "
                          "this week.")
    assert [t for t, _ in found] == ["she will continue her tour later this week"]


@pytest.mark.parametrize("text, content, speaker", [
    # a name the model does not tag as a person, and a pronoun for people
    ("Reporters asked about the race. Velasco endorsed the mayor for a second term.",
     "the mayor for a second term", "Velasco"),
    ("Reporters asked about the race. Others in the party have opposed the new toll on the bridge.",
     "the new toll on the bridge", None),
])
def test_a_view_held_by_an_untagged_name_or_by_others_is_found(nlp, text, content, speaker):
    found = indirect(nlp, text)
    assert any(t == content and (speaker is None or s == speaker) for t, s in found), found


def test_a_view_joined_to_another_shares_its_subject(nlp):
    found = indirect(nlp, "Reporters asked about it. Mayor Ana Lund visited the farm on Monday and supported "
                          "the new toll on the bridge.")
    assert any(t.startswith("the new toll") and s == "Ana Lund" for t, s in found), found


def test_how_someone_spoke_is_not_what_they_spoke_about(nlp):
    found = indirect(nlp, "Two aides spoke on condition of anonymity. Another aide spoke on the new budget.")
    assert [t for t, _ in found] == ["the new budget"]


@pytest.mark.parametrize("text, content, speaker", [
    ("As one analyst pointed out, the gap between the two plans is very large.",
     "the gap between the two plans is very large", "one analyst"),
    ("The bridge will close in May, as the mayor has said.", "The bridge will close in May", "the mayor"),
])
def test_a_cue_introduced_by_as_reports_the_clause_beside_it(nlp, text, content, speaker):
    found = indirect(nlp, text)
    assert any(t == content and s.lower().endswith(speaker.split()[-1]) for t, s in found), found


def test_as_with_no_one_who_said_it_reports_nothing(nlp):
    assert indirect(nlp, "The company failed in July, as predicted.") == []


@pytest.mark.parametrize("text, content", [
    ("Reporters asked. Senator Ana Lund railed against the new toll on the bridge.",
     "the new toll on the bridge"),
    ("Reporters asked. Ana Lund bemoaned the loss of the old ferry.", "the loss of the old ferry"),
])
def test_verbs_of_complaint_report_their_object(nlp, text, content):
    assert (content, "Ana Lund") in indirect(nlp, text)


@pytest.mark.parametrize("text, found", [
    ("Reporters asked. In the new poll, 58 percent of voters support the new toll on the bridge.", True),
    ("Reporters asked. A majority of voters oppose the new toll on the bridge.", True),
    ("Reporters asked. Half of the bridge supports the weight of the new toll.", False),
])
def test_a_share_of_people_holds_a_view_a_share_of_a_thing_does_not(nlp, text, found):
    assert bool(indirect(nlp, text)) is found
