"""fold_story: people resolved across articles, stable order and ids, and odd stories that must not fail.

Alignment, claim matching and coverage are injected here (they have their own tests), so these check
the fold itself; one test runs the real ones when they are installed.
"""

from __future__ import annotations

import importlib.util
import random

import pytest

from newsfold.align.fold import fold_story, quote_groups, resolve_people, story_title
from newsfold.models import Alignment, Article, ClaimMention, Extraction, Person, Quote, Ref, Span


def _article(doc: str, text: str, outlet: str | None = None, date: str | None = None,
             title: str | None = None) -> Article:
    return Article(doc, text, outlet=outlet, date=date, title=title)


def _speaker(doc: str, text: str, pid: str, name: str, quoted: str, mention: str,
             kind: str = "person") -> tuple[Person, Quote]:
    m = text.index(mention)
    q = text.index(quoted)
    person = Person(pid, name, kind=kind, mentions=[Span(m, m + len(mention), mention)])
    return person, Quote(doc, q, q + len(quoted), quoted, "direct", speaker=name, speaker_id=pid,
                         speaker_mention=Span(m, m + len(mention), mention))


def _one(doc: str, outlet: str, text: str, speakers: list[tuple[str, str, str, str]], **meta) -> Extraction:
    """An article whose speakers are (id, name, quoted words, mention) each."""
    people, quotes = [], []
    for pid, name, quoted, mention in speakers:
        p, q = _speaker(doc, text, pid, name, quoted, mention)
        people.append(p)
        quotes.append(q)
    return Extraction(_article(doc, text, outlet, **meta), quotes, people)


def _no_align(quotes, outlets, story):
    return []


def _no_match(mentions, story=None):
    return []


def _no_cover(story):
    return {}


def _fold(exs, claims=None, **kw):
    kw.setdefault("align", _no_align)
    kw.setdefault("match", _no_match)
    kw.setdefault("cover", _no_cover)
    return fold_story("s1", exs, claims or {}, **kw)


def _names(story) -> dict[str, list[str]]:
    return {p["name"]: sorted(m["doc"] for m in p["members"]) for p in story.people}


A = "“The dam will hold,” Mayor Ana Lund said. “We are ready,” said Piet Varga, the union leader."
B = "“The dam is safe,” Lund said on Monday. “Pumps are running,” the union leader said."
C = ("“It will hold,” said A. Lund. “Buses are waiting,” Interior Minister Jon Berg said. "
     "“Go home,” the minister added.")
D = "“We stay,” said Ines Lund, the mayor's sister. “Help is coming,” the minister said."


def test_same_person_named_three_ways_is_one_person():
    exs = [
        _one("a", "Post", A, [("p1", "Ana Lund", "The dam will hold", "Mayor Ana Lund")]),
        _one("b", "Radio", B, [("p1", "Lund", "The dam is safe", "Lund")]),
        _one("c", "Wire", C, [("p1", "A. Lund", "It will hold", "A. Lund")]),
    ]
    story = _fold(exs)
    assert _names(story) == {"Ana Lund": ["a", "b", "c"]}
    person = story.people[0]
    assert person["id"] == "ana-lund"
    assert person["outlets"] == ["Post", "Radio", "Wire"]
    assert person["titles"] == ["Mayor"]
    assert sorted(person["aliases"]) == ["A. Lund", "Lund"]
    assert [r.doc for r in person["quotes"]] == ["a", "b", "c"]


def test_two_people_sharing_a_surname_stay_apart_and_a_bare_surname_joins_neither():
    exs = [
        _one("a", "Post", A, [("p1", "Ana Lund", "The dam will hold", "Mayor Ana Lund")]),
        _one("b", "Radio", B, [("p1", "Lund", "The dam is safe", "Lund")]),
        _one("d", "Wire", D, [("p1", "Ines Lund", "We stay", "Ines Lund")]),
    ]
    names = _names(_fold(exs))
    assert names == {"Ana Lund": ["a"], "Ines Lund": ["d"], "Lund": ["b"]}


def test_a_description_joins_the_one_person_with_that_title():
    text_b = "“Buses are waiting,” the minister said."
    exs = [
        _one("c", "Wire", C, [("p2", "Jon Berg", "Buses are waiting", "Interior Minister Jon Berg")]),
        _one("b", "Radio", text_b, [("p9", "the minister", "Buses are waiting", "the minister")]),
    ]
    story = _fold(exs)
    assert _names(story) == {"Jon Berg": ["b", "c"]}
    assert story.people[0]["titles"] == ["Interior Minister"]  # "minister" is said by it already
    assert story.people[0]["aliases"] == ["the minister"]


def test_titles_keep_their_spelling_and_one_way_of_writing_each():
    ta = "“Yes,” U.S. President Jo Hale said."
    tb = "“No,” said the U.S. president, Jo Hale. “Maybe,” the president said."
    a = _one("a", "Post", ta, [("p1", "Jo Hale", "Yes", "U.S. President Jo Hale")])
    b = _one("b", "Radio", tb, [("p1", "Jo Hale", "No", "the U.S. president")])
    at = tb.index("the president")
    b.people[0].mentions.append(Span(at, at + 13, "the president"))
    assert _fold([a, b]).people[0]["titles"] == ["U.S. President"]


def test_a_description_matching_two_people_stays_on_its_own():
    text_b = "“Buses are waiting,” the minister said."
    exs = [
        _one("c", "Wire", C, [("p2", "Jon Berg", "Buses are waiting", "Interior Minister Jon Berg")]),
        _one("e", "Post", "“No,” said Finance Minister Eva Dahl.", [("p1", "Eva Dahl", "No",
                                                                     "Finance Minister Eva Dahl")]),
        _one("b", "Radio", text_b, [("p9", "the minister", "Buses are waiting", "the minister")]),
    ]
    assert _names(_fold(exs)) == {"Jon Berg": ["c"], "Eva Dahl": ["e"], "the minister": ["b"]}


def test_organisations_join_by_their_whole_name_only():
    ta = "“Levels are falling,” the Water Institute said."
    tb = "“Levels are high,” the Water Institute’s director said. “No,” said Institute."
    a = Extraction(_article("a", ta, "Post"), [], [])
    p, q = _speaker("a", ta, "p1", "Water Institute", "Levels are falling", "the Water Institute", kind="org")
    a.people, a.quotes = [p], [q]
    b = Extraction(_article("b", tb, "Radio"), [], [])
    p2, q2 = _speaker("b", tb, "p1", "Water Institute", "Levels are high", "the Water Institute", kind="org")
    p3, q3 = _speaker("b", tb, "p2", "Institute", "No", "Institute", kind="org")
    b.people, b.quotes = [p2, p3], [q2, q3]
    names = _names(_fold([a, b]))
    assert names == {"Water Institute": ["a", "b"], "Institute": ["b"]}


def _varied():
    return [
        _one("a", "Post", A, [("p1", "Ana Lund", "The dam will hold", "Mayor Ana Lund"),
                              ("p2", "Piet Varga", "We are ready", "Piet Varga")], date="2024-05-02"),
        _one("b", "Radio", B, [("p1", "Lund", "The dam is safe", "Lund")], date="2024-05-01",
             title="Dam holds"),
        _one("c", "Wire", C, [("p1", "A. Lund", "It will hold", "A. Lund"),
                              ("p2", "Jon Berg", "Buses are waiting", "Interior Minister Jon Berg")]),
    ]


def test_fold_is_deterministic_whatever_the_input_order():
    from newsfold.report.json import story_to_dict

    first = story_to_dict(_fold(_varied()))
    for seed in range(3):
        exs = _varied()
        random.Random(seed).shuffle(exs)
        for ex in exs:
            random.Random(seed).shuffle(ex.quotes)
        assert story_to_dict(_fold(exs)) == first
    # articles: dated first, earliest first; quotations in document order; most quoted person first
    assert [a["doc"] for a in first["articles"]] == ["b", "a", "c"]
    where = [(q["doc"], q["start"]) for q in first["quotes"]]
    assert where == sorted(where)
    assert first["people"][0]["id"] == "ana-lund"
    assert first["title"] == "Dam holds"


def test_alignment_sees_the_story_wide_speaker_but_records_keep_the_articles_own():
    seen = {}

    def align(quotes, outlets, story):
        seen.update({q.doc: q.speaker for q in quotes})
        assert outlets == {"a": "Post", "b": "Radio"} and story == "s1"
        return []

    exs = [_one("a", "Post", A, [("p1", "Ana Lund", "The dam will hold", "Mayor Ana Lund")]),
           _one("b", "Radio", B, [("p1", "Lund", "The dam is safe", "Lund")])]
    story = _fold(exs, align=align)
    assert seen == {"a": "Ana Lund", "b": "Ana Lund"}
    assert {q.doc: q.speaker for q in story.quotes} == {"a": "Ana Lund", "b": "Lund"}


def test_claims_get_the_story_and_outlet_and_leave_other_stories_alone():
    got = []

    def match(mentions, story=None):
        got.extend(mentions)
        return []

    exs = [_one("a", "Post", A, []), _one("b", None, B, [])]
    claims = {"a": [ClaimMention("a", 0, 5, "x")], "b": [ClaimMention("b", 0, 5, "y")],
              "zz": [ClaimMention("zz", 0, 5, "elsewhere")]}
    _fold(exs, claims, match=match)
    assert [(m.doc, m.outlet) for m in got] == [("a", "Post"), ("b", "b")]


def test_a_story_of_one_article_without_quotes_or_date():
    ex = Extraction(_article("lone.txt", "Nothing was said. The river rose overnight."))
    calls = []
    story = _fold([ex], align=lambda *a: calls.append(a) or [])
    assert story.articles[0].doc == "lone.txt"
    assert story.quotes == [] and story.people == [] and story.alignments == []
    assert calls == []  # nothing to align within one article
    assert story.title == "Nothing was said."


def test_an_empty_article_and_an_unattributed_quote():
    empty = Extraction(_article("e.txt", ""))
    text = "“Run,” someone shouted."
    unattributed = Extraction(_article("u.txt", text), [Quote("u.txt", 1, 4, "Run", "direct")])
    story = _fold([empty, unattributed])
    assert [q.doc for q in story.quotes] == ["u.txt"]
    assert story.people == []
    assert story_title([empty]) is None


def test_exact_copies_are_recorded_and_their_people_merged():
    a = _one("a", "Post", A, [("p1", "Ana Lund", "The dam will hold", "Mayor Ana Lund")])
    b = _one("b", "Wire", A, [("p1", "Ana Lund", "The dam will hold", "Mayor Ana Lund")])
    story = _fold([a, b], copies={"b": "a", "x": "a"})
    assert story.copies == {"b": "a"}  # a copy of an article outside the story is dropped
    assert _names(story) == {"Ana Lund": ["a", "b"]}


def test_quote_groups_join_chains_of_alignments():
    qs = [Quote(d, 0, 5, "words", "direct") for d in ("a", "b", "c", "d")]
    als = [Alignment(Ref("a", 0, 5), Ref("b", 0, 5), "identical"),
           Alignment(Ref("b", 0, 5), Ref("c", 0, 5), "excerpt"),
           Alignment(Ref("x", 0, 5), Ref("d", 0, 5), "excerpt")]  # one side not in the story
    assert [[q.doc for q in g] for g in quote_groups(qs, als)] == [["a", "b", "c"], ["d"]]


def test_people_ids_are_unique_when_names_repeat():
    ta = "“Yes,” said Ana Lund. “No,” said Ana Lund."
    ex = Extraction(_article("a", ta, "Post"))
    p1, q1 = _speaker("a", ta, "p1", "Ana Lund", "Yes", "Ana Lund")
    ex.people, ex.quotes = [p1], [q1]
    people, speaker_of = resolve_people([ex])
    assert [p["id"] for p in people] == ["ana-lund"]
    assert speaker_of == {("a", f"{q1.start}-{q1.end}"): "ana-lund"}


@pytest.mark.skipif(importlib.util.find_spec("newsfold.align.claims") is None
                    or importlib.util.find_spec("newsfold.align.coverage") is None,
                    reason="claim matching or coverage is not installed")
def test_fold_with_the_real_alignment_and_claims():
    ta = "“We will not let the river decide our future,” Mayor Ana Lund said on Tuesday."
    tb = "“We will not let the river decide our future,” Lund told reporters."
    exs = [_one("a", "Post", ta, [("p1", "Ana Lund", "We will not let the river decide our future",
                                   "Mayor Ana Lund")]),
           _one("b", "Radio", tb, [("p1", "Lund", "We will not let the river decide our future", "Lund")])]
    story = fold_story("s1", exs, {})
    assert [(a.a.doc, a.b.doc, a.relation) for a in story.alignments] == [("a", "b", "identical")]
    assert isinstance(story.coverage, dict)


def test_claim_matching_is_told_which_articles_are_copies():
    got = {}

    def match(mentions, story=None, copies=None):
        got["copies"] = copies
        return []

    exs = [_one("a", "Post", A, []), _one("b", "Wire", A, [])]
    claims = {"a": [ClaimMention("a", 0, 5, "x")], "b": [ClaimMention("b", 0, 5, "x")]}
    _fold(exs, claims, match=match, copies={"b": "a", "x": "a"})
    assert got["copies"] == {"b": "a"}


def test_a_capitalised_description_joins_the_one_person_with_that_title():
    """ "Valley Interior Minister" is a description, though capitalised; "minister" is Jon Berg's title."""
    text_b = "“Buses are waiting,” Valley Interior Minister said."
    story = _fold([
        _one("a", "Post", C, [("p2", "Jon Berg", "Buses are waiting", "Interior Minister Jon Berg")]),
        _one("b", "Radio", text_b, [("p9", "Valley Interior Minister", "Buses are waiting",
                                     "Valley Interior Minister")]),
    ])
    assert _names(story) == {"Jon Berg": ["a", "b"]}


def test_a_statement_is_no_ones_title():
    """ "a statement" quoted in one article, and "Jon Berg said in a statement" in another, stay apart: a
    document named as the source is not a title of the person who issued another."""
    text_a = "“Buses are waiting,” said a statement from Jon Berg."
    text_b = "“The roads are open,” a statement said."
    story = _fold([
        _one("a", "Post", text_a, [("p2", "Jon Berg", "Buses are waiting", "a statement from Jon Berg")]),
        _one("b", "Radio", text_b, [("p9", "a statement", "The roads are open", "a statement")]),
    ])
    assert _names(story) == {"Jon Berg": ["a"], "a statement": ["b"]}


def test_the_alignment_compares_speakers_as_the_storys_people():
    """ "the minister" resolved to Jon Berg: a one-word excerpt of his pairs by speaker agreement."""
    ta = "“Buses are waiting at every school in the valley,” Interior Minister Jon Berg said."
    tb = "The minister called the plan “waiting” and left."
    exs = [_one("a", "Post", ta, [("p2", "Jon Berg", "Buses are waiting at every school in the valley",
                                   "Interior Minister Jon Berg")]),
           _one("b", "Radio", tb, [("p9", "the minister", "waiting", "The minister")])]
    story = fold_story("s1", exs, {}, match=_no_match, cover=_no_cover)
    assert [(a.a.doc, a.b.doc, a.relation, a.speaker, a.speaker_from) for a in story.alignments] == [
        ("a", "b", "excerpt", "Jon Berg", "both")]


def test_a_name_that_is_the_tail_of_a_fuller_one_is_that_person():
    ta = "“The levee held,” said Ilse Marta Berg."
    tb = "“It held,” Marta Berg said."
    exs = [_one("a", "Post", ta, [("p1", "Ilse Marta Berg", "The levee held", "Ilse Marta Berg")]),
           _one("b", "Radio", tb, [("p1", "Marta Berg", "It held", "Marta Berg")])]
    assert _names(_fold(exs)) == {"Ilse Marta Berg": ["a", "b"]}


def test_a_description_ending_in_a_name_of_the_story_is_that_person():
    """ "a more congenial Ana Lund" is Ana Lund where the story names her, even by surname only; a
    description whose head comes before the name ("supporters of Ana Lund") is not."""
    ta = "“We stay,” a more congenial Ana Lund said."
    tb = "“We go,” Lund said."
    tc = "“Never,” said supporters of Ana Lund."
    described = ("p1", "a more congenial Ana Lund", "We stay", "a more congenial Ana Lund")
    exs = [_one("a", "Post", ta, [described]),
           _one("b", "Radio", tb, [("p1", "Lund", "We go", "Lund")]),
           _one("c", "Wire", tc, [("p1", "supporters of Ana Lund", "Never", "supporters of Ana Lund")])]
    assert _names(_fold(exs)) == {"Ana Lund": ["a", "b"], "supporters of Ana Lund": ["c"]}
    alone = [_one("a", "Post", ta, [described]),
             _one("d", "Wire", "“Yes,” the Valley Republican said.",
                  [("p1", "the Valley Republican", "Yes", "the Valley Republican")])]
    assert _names(_fold(alone)) == {"a more congenial Ana Lund": ["a"], "the Valley Republican": ["d"]}


def test_a_name_with_words_before_a_more_used_one_is_not_shown():
    ta = "“The levee held,” said Coroner Marta Berg. “It did,” Marta Berg added."
    tb = "“It held,” Marta Berg said."
    exs = [_one("a", "Post", ta, [("p1", "Coroner Marta Berg", "The levee held", "Coroner Marta Berg"),
                                  ("p2", "Marta Berg", "It did", "Marta Berg")]),
           _one("b", "Radio", tb, [("p1", "Marta Berg", "It held", "Marta Berg")])]
    assert _names(_fold(exs)) == {"Marta Berg": ["a", "a", "b"]}


def test_hyphens_and_possessives_name_one_person():
    """ "Kim Jong-un", "Kim Jong Un" and "Valdoria's Kim Jong Un" are one person; "Lund's lawyer" is not
    Lund."""
    def said(doc: str, name: str, words: str = "We stop") -> Extraction:
        return _one(doc, doc.upper(), f"“{words},” said {name}.", [("p1", name, words, name)])

    exs = [said("a", "Kim Jong Un"), said("b", "Kim Jong-un"), said("c", "Valdoria's Kim Jong Un", "Enough"),
           _one("d", "Daily", "“No,” Lund's lawyer said. “Yes,” said Ana Lund.",
                [("p2", "Lund's lawyer", "No", "Lund's lawyer"), ("p3", "Ana Lund", "Yes", "Ana Lund")])]
    names = _names(_fold(exs))
    assert names["Kim Jong Un"] == ["a", "b", "c"]
    assert names["Ana Lund"] == ["d"]


def test_a_description_fitting_two_titles_joins_the_one_it_names_fully():
    ta = "“We stop,” said Valdorian leader Ana Lund. “We watch,” said Ostrian leader Jon Berg."
    tb = "“We stop,” the Valdorian leader said. “Maybe,” the leader said."
    exs = [_one("a", "Post", ta, [("p1", "Ana Lund", "We stop", "Valdorian leader Ana Lund"),
                                  ("p2", "Jon Berg", "We watch", "Ostrian leader Jon Berg")]),
           _one("b", "Radio", tb, [("p1", "the Valdorian leader", "We stop", "the Valdorian leader"),
                                   ("p2", "the leader", "Maybe", "the leader")])]
    names = _names(_fold(exs))
    assert names["Ana Lund"] == ["a", "b"]
    assert names["the leader"] == ["b"]
