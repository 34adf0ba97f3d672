"""A hand-made story of three fictional outlets: two give one figure, the third another; a fact two of the
three carry. Run through the whole analysis (parse, quotations, claims, fold, brief)."""

from newsfold.align.fold import fold_story
from newsfold.models import Article
from newsfold.report.brief import add_brief
from newsfold.story import analyse_chunk

TEXTS = {
    "Daily": "About 300 residents were evacuated from the river district of Velmora on Tuesday as the "
             "Vel burst its banks, the regional council said.\n\nThe council closed the two road bridges "
             "into the old town.\n\nMayor Ana Lund visited the shelter at the sports hall.",
    "Courier": "Some 300 people were evacuated from Velmora's river district on Tuesday after the Vel "
               "overflowed.\n\nTwo road bridges into the old town were closed by the council.\n\nVolunteers "
               "handed out blankets at the shelter.",
    "Herald": "Officials evacuated 450 residents from the river district of Velmora on Tuesday when the "
              "river flooded.\n\nForecasters expect more rain on Friday.",
}


def _story():
    articles = [Article(doc=f"{o.lower()}.txt", text=t, outlet=o, date="2025-11-05")
                for o, t in TEXTS.items()]
    results = analyse_chunk(articles)
    return add_brief(fold_story("velmora", [r.extraction for r in results],
                                {r.extraction.article.doc: r.claims for r in results}))


def _at(doc: str, part: str) -> tuple[str, int, int]:
    text = TEXTS[doc.split(".")[0].capitalize()]
    start = text.index(part)
    return doc, start, start + len(part)


def test_the_disputed_figure_is_a_conflict_with_every_outlets_value_and_exact_citations():
    story = _story()
    (conflict,) = [c for c in story.claims if c.status == "conflict"]
    assert conflict.conflict["field"] == "number" and conflict.conflict["unit"] == "person"
    assert conflict.conflict["values"] == {"Courier": 300.0, "Daily": 300.0, "Herald": 450.0}
    places = {(m.doc, m.start, m.end) for m in conflict.mentions}
    assert places == {
        _at("daily.txt", "About 300 residents were evacuated from the river district of Velmora on Tuesday"),
        _at("courier.txt", "Some 300 people were evacuated from Velmora's river district on Tuesday after "
                           "the Vel overflowed"),
        _at("herald.txt", "Officials evacuated 450 residents from the river district of Velmora on Tuesday "
                          "when the river flooded"),
    }
    (line,) = [s for s in story.brief if s.status == "conflict"]
    assert line.text.endswith(", say Courier and Daily; 450, says Herald.")
    assert line.outlets == ["Courier", "Daily", "Herald"]
    assert {(r.doc, r.start, r.end) for r in line.refs} == places


def test_a_fact_two_of_three_carry_is_corroborated_by_exactly_those_two():
    story = _story()
    bridges = [c for c in story.claims if "bridges" in c.text]
    assert [c.status for c in bridges] == ["corroborated"]
    assert bridges[0].outlets() == ["Courier", "Daily"]
    assert {(m.doc, m.start, m.end) for m in bridges[0].mentions} == {
        _at("daily.txt", "The council closed the two road bridges into the old town"),
        _at("courier.txt", "Two road bridges into the old town were closed by the council"),
    }
    (line,) = [s for s in story.brief if "bridges" in s.text]
    assert line.status == "corroborated" and line.outlets == ["Courier", "Daily"]
    # corroborated first, then the dispute, then what one outlet alone reports
    order = [s.status for s in story.brief]
    assert order == sorted(order, key=["corroborated", "conflict", "single-source"].index)
    assert all(s.outlets == ["Herald"] for s in story.brief if "rain" in s.text)
