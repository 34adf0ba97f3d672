"""Clustering a stream a segment at a time: the same stories as at once, stories yielded as they close,
and memory (the articles held) bounded by the segment."""

import itertools

from newsfold.align import stories as stories_mod
from newsfold.align.stories import cluster_articles, stream_stories
from newsfold.models import Article

# Five unrelated events, each told by three outlets in their own words.
EVENTS = [
    ("Marta Okonjo", "Tarvel", "bridge", "collapsed", "engineers", "girders"),
    ("Piet Lindqvist", "Osrana", "election", "recount", "ballots", "precincts"),
    ("Yusuf Haddad", "Belmora", "wildfire", "evacuation", "firefighters", "hillsides"),
    ("Ines Ferreira", "Caldwick", "strike", "walkout", "dockworkers", "cranes"),
    ("Kofi Abara", "Nemstad", "flood", "levee", "volunteers", "sandbags"),
]
TELLINGS = [
    "The {thing} in {place} {verb} on Monday, and {person} said {crew} worked through the night with {kit}.",
    "{person} told reporters in {place} that {crew} would stay until the {thing} was over; the {verb} "
    "left {kit} everywhere.",
    "In {place}, {crew} and {kit} filled the streets after the {thing}. {person} called the {verb} a "
    "turning point for {place}.",
]


def _article(event: int, telling: int, day: int) -> Article:
    person, place, thing, verb, crew, kit = EVENTS[event]
    text = TELLINGS[telling].format(person=person, place=place, thing=thing, verb=verb, crew=crew, kit=kit)
    return Article(doc=f"e{event}-t{telling}", text=text, date=f"2024-03-{day:02d}",
                   outlet=f"outlet{telling}")


def _corpus() -> list[Article]:
    # Events start on days 1, 4, 7, 10, 13 and are reported over three days, so they overlap in time.
    arts = [_article(e, t, 1 + 3 * e + t) for e in range(len(EVENTS)) for t in range(len(TELLINGS))]
    return sorted(arts, key=lambda a: (a.date, a.doc))


def _partition(assignments) -> set[frozenset[str]]:
    by_story: dict[str, set[str]] = {}
    for a in assignments:
        by_story.setdefault(a.story, set()).add(a.doc)
    return {frozenset(m) for m in by_story.values()}


def test_whole_corpus_finds_the_five_events():
    assert _partition(cluster_articles(_corpus())) == {
        frozenset(f"e{e}-t{t}" for t in range(3)) for e in range(len(EVENTS))
    }


def test_segments_give_the_same_stories_as_one_piece():
    whole = cluster_articles(_corpus())
    # Segments whose carry (segment // 2 articles) holds a whole story of three. A smaller one may hold one
    # event and a lone article of the next, whose names, in no other article of the segment, weigh nothing
    # there (MIN_DF), so that it looks like the event's fourth report.
    for segment in (6, 7, 8, 9, 12):
        pieces = cluster_articles(_corpus(), segment=segment)
        assert [a.doc for a in pieces] == [a.doc for a in whole]
        assert _partition(pieces) == _partition(whole), segment
        # a story's id depends only on its members, so equal stories have equal ids
        assert {a.doc: a.story for a in pieces} == {a.doc: a.story for a in whole}


def test_unsorted_input_is_put_in_date_order_and_answered_in_input_order():
    arts = list(reversed(_corpus()))
    res = cluster_articles(arts, segment=6)
    assert [a.doc for a in res] == [a.doc for a in arts]
    assert _partition(res) == _partition(cluster_articles(_corpus()))


def test_stories_are_yielded_as_soon_as_they_close():
    consumed = 0

    def feed():
        nonlocal consumed
        for a in _corpus():
            consumed += 1
            yield a

    stream = stream_stories(feed(), segment=6)
    first = next(stream)
    assert consumed < len(_corpus())  # the first story came out before the stream was read to its end
    assert {a.doc for a, _ in first} == {"e0-t0", "e0-t1", "e0-t2"}
    rest = list(stream)
    seen = [a.doc for story in [first, *rest] for a, _ in story]
    assert sorted(seen) == sorted(a.doc for a in _corpus())  # every article once


def test_held_articles_stay_bounded(monkeypatch):
    """A long stream of one-article events: no segment holds more than `segment` new articles plus the
    stories still open, however long the stream."""
    sizes: list[int] = []
    real = stories_mod._cluster_segment

    def spy(articles, threshold, window_days, graph):
        sizes.append(len(articles))
        return real(articles, threshold, window_days, graph)

    monkeypatch.setattr(stories_mod, "_cluster_segment", spy)
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]
    arts = [
        Article(doc=f"d{i}", text=f"{a.title()} {b} {c} {i} happened in Town{i}.",
                date=f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}")
        for i, (a, b, c) in enumerate(itertools.islice(itertools.product(words, words, words), 300))
    ]
    out = [a for story in stream_stories(arts, segment=20) for a, _ in story]
    assert len(out) == len(arts) and len({a.doc for a in out}) == len(arts)
    assert len(sizes) > 10
    assert max(sizes) <= 20 + 10  # the segment and at most half a segment carried


def test_a_crowded_day_cannot_grow_the_carry_without_limit():
    # Everything on one day: every story stays open at every cut, so the oldest are closed to bound memory.
    arts = [Article(doc=f"d{i}", text=f"Report number {i} from Village{i} about item{i}.", date="2024-05-05")
            for i in range(60)]
    out = [a.doc for story in stream_stories(arts, segment=10) for a, _ in story]
    assert sorted(out) == sorted(a.doc for a in arts)


def test_an_input_of_exactly_one_segment_is_clustered_once(monkeypatch):
    calls = []
    real = stories_mod._cluster_segment
    monkeypatch.setattr(stories_mod, "_cluster_segment",
                        lambda a, t, w, g: calls.append(len(a)) or real(a, t, w, g))
    cluster_articles(_corpus(), segment=len(_corpus()))
    assert calls == [len(_corpus())]
