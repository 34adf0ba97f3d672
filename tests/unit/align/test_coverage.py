"""Coverage: who carries which utterance and claim, and what each outlet left out."""

from newsfold.align.coverage import coverage
from newsfold.models import Alignment, Article, Claim, ClaimMention, Quote, Ref, Story


def quote(doc, start, text, speaker="Ana Lund", kind="direct"):
    return Quote(doc=doc, start=start, end=start + len(text), text=text, kind=kind, speaker=speaker)


def claim(cid, status, *docs_outlets):
    mentions = [ClaimMention(doc=d, start=0, end=5, text="fact.", outlet=o) for d, o in docs_outlets]
    return Claim(id=cid, status=status, text="fact.", kind="number", mentions=mentions)


ARTICLES = [Article(doc="a.txt", text="", outlet="Ledger"), Article(doc="b.txt", text="", outlet="Wire"),
            Article(doc="c.txt", text="", outlet="Courier")]
QA = quote("a.txt", 10, "The dam will hold.")
QB = quote("b.txt", 40, "The dam will hold")
QA2 = quote("a.txt", 80, "We have pumps.", speaker="Tomas Brell")
QC = quote("c.txt", 5, "Close the lock.", speaker="Tomas Brell")
ALIGN = Alignment(a=Ref("a.txt", 10, 28, "Ledger"), b=Ref("b.txt", 40, 57, "Wire"), relation="excerpt")
CLAIMS = [claim("c1", "corroborated", ("a.txt", "Ledger"), ("b.txt", "Wire")),
          claim("c2", "single-source", ("c.txt", "Courier"))]


def test_aligned_quotes_are_one_utterance():
    cov = coverage([QA, QB, QA2, QC], [ALIGN], CLAIMS, articles=ARTICLES)
    assert cov["outlets"] == ["Courier", "Ledger", "Wire"]
    dam = [u for u in cov["quotes"] if u["text"].startswith("The dam")]
    assert len(dam) == 1 and dam[0]["outlets"] == ["Ledger", "Wire"] and len(dam[0]["refs"]) == 2
    assert len(cov["quotes"]) == 3


def test_what_each_outlet_left_out():
    cov = coverage([QA, QB, QA2, QC], [ALIGN], CLAIMS, articles=ARTICLES)
    ids = {u["text"]: u["id"] for u in cov["quotes"]}
    assert cov["missing"]["Courier"] == {"quotes": [ids["The dam will hold."], ids["We have pumps."]],
                                         "claims": ["c1"]}
    assert cov["missing"]["Wire"] == {"quotes": [ids["We have pumps."], ids["Close the lock."]],
                                      "claims": ["c2"]}
    assert cov["counts"]["Ledger"] == {"quotes": 2, "claims": 1, "missing_quotes": 1, "missing_claims": 1}


def test_from_a_story_gives_the_same():
    story = Story(id="s", articles=ARTICLES, quotes=[QA, QB, QA2, QC], alignments=[ALIGN], claims=CLAIMS)
    assert coverage(story) == coverage([QA, QB, QA2, QC], [ALIGN], CLAIMS, articles=ARTICLES)


def test_without_articles_outlets_come_from_refs_mentions_or_docs():
    cov = coverage([QA, QB], [ALIGN], [claim("c3", "single-source", ("z.txt", None))])
    assert cov["outlets"] == ["Ledger", "Wire", "z.txt"]
    assert cov["missing"]["z.txt"]["quotes"] == [cov["quotes"][0]["id"]]


def test_a_story_of_one_article_leaves_nothing_out():
    story = Story(id="s", articles=ARTICLES[:1], quotes=[QA2], claims=[claim("c9", "single-source",
                                                                               ("a.txt", "Ledger"))])
    cov = coverage(story)
    assert cov["outlets"] == ["Ledger"]
    assert cov["missing"] == {"Ledger": {"quotes": [], "claims": []}}


def test_empty_story():
    cov = coverage(Story(id="empty"))
    assert cov == {"outlets": [], "quotes": [], "claims": [], "missing": {}, "counts": {}}
    # an outlet with nothing in it still appears
    assert coverage(Story(id="s", articles=ARTICLES[:1]))["outlets"] == ["Ledger"]


def test_alignments_to_quotes_outside_the_story_are_ignored():
    stray = Alignment(a=Ref("a.txt", 10, 28), b=Ref("x.txt", 0, 5), relation="identical")
    cov = coverage([QA, QB], [stray], [], articles=ARTICLES[:2])
    assert len(cov["quotes"]) == 2
