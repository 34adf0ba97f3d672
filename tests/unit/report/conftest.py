"""A small hand-built story for the report tests: two fictional outlets on one fictional wildfire.

Alignments and claims are built by hand (with injected `align`/`match` functions), so these tests check
the reports, not the matching.
"""

from __future__ import annotations

import pytest

from newsfold.align.fold import fold_story
from newsfold.models import (
    Alignment,
    Article,
    Claim,
    ClaimMention,
    DiffOp,
    Extraction,
    Person,
    Quote,
    Ref,
    Span,
)

POST = (
    "GRANTHOLM — Firefighters evacuated 800 people from Grantholm on Monday as a wildfire crossed the Tarn "
    "ridge. The fire has burned 1,500 hectares, the regional fire service said.\n\n"
    "“We are holding the line at the river,” fire chief Maria Okafor said. Okafor said crews would work "
    "through the night.\n\nThe blaze started on Saturday near a campsite."
)
RADIO = (
    "Some 800 residents left Grantholm on Monday. The fire service put the burned area at 2,000 hectares.\n\n"
    "\"We are holding the line along the river,\" said Chief Okafor. Tourism minister Paul Brandt said the "
    "campsite would stay closed."
)


def span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def quote(doc: str, text: str, part: str, kind: str, speaker: str, pid: str, mention: str) -> Quote:
    s = span(text, part)
    return Quote(doc=doc, start=s.start, end=s.end, text=part, kind=kind, speaker=speaker, speaker_id=pid,
                 speaker_mention=span(text, mention), sentence=None)


def mention(doc: str, text: str, part: str, outlet: str | None = None, **values) -> ClaimMention:
    s = span(text, part)
    return ClaimMention(doc, s.start, s.end, part, "number" if "number" in values else "event", outlet,
                        {k: v for k, v in values.items()}, part.lower().split())


def extractions(title_post: str = "Wildfire forces 800 from Grantholm", post_text: str = POST,
                radio_text: str = RADIO) -> list[Extraction]:
    post = Article("post.txt", post_text, outlet="Valley Post", title=title_post, date="2024-07-08",
                   url="https://valleypost.example/fire")
    radio = Article("radio.txt", radio_text, outlet="Coast Radio", title="Grantholm evacuated",
                    date="2024-07-08")
    okafor = Person("p1", "Maria Okafor", mentions=[span(post_text, "fire chief Maria Okafor"),
                                                     span(post_text, "Okafor said")])
    okafor_r = Person("p1", "Okafor", mentions=[span(radio_text, "Chief Okafor")])
    brandt = Person("p2", "Paul Brandt", mentions=[span(radio_text, "Tourism minister Paul Brandt")])
    return [
        Extraction(post, [
            quote("post.txt", post_text, "We are holding the line at the river", "direct", "Maria Okafor",
                  "p1", "fire chief Maria Okafor"),
            quote("post.txt", post_text, "crews would work through the night", "indirect", "Maria Okafor",
                  "p1", "Okafor said"),
        ], [okafor]),
        Extraction(radio, [
            quote("radio.txt", radio_text, "We are holding the line along the river", "direct", "Okafor",
                  "p1", "Chief Okafor"),
            quote("radio.txt", radio_text, "the campsite would stay closed", "indirect", "Paul Brandt", "p2",
                  "Tourism minister Paul Brandt"),
        ], [okafor_r, brandt]),
    ]


def claim_mentions() -> dict[str, list[ClaimMention]]:
    return {
        "post.txt": [
            mention("post.txt", POST, "Firefighters evacuated 800 people from Grantholm on Monday",
                    number=[800.0], date=["2024-07-08"]),
            mention("post.txt", POST, "The fire has burned 1,500 hectares", number=[1500.0]),
            mention("post.txt", POST, "The blaze started on Saturday near a campsite", date=["2024-07-06"]),
        ],
        "radio.txt": [
            mention("radio.txt", RADIO, "Some 800 residents left Grantholm on Monday", number=[800.0],
                    date=["2024-07-08"]),
            mention("radio.txt", RADIO, "The fire service put the burned area at 2,000 hectares",
                    number=[2000.0]),
        ],
    }


def fake_align(quotes, outlets, story):
    """The one alignment of this story: Okafor's line, "at" in one outlet and "along" in the other."""
    by_text = {q.text: q for q in quotes}
    a = by_text.get("We are holding the line at the river")
    b = by_text.get("We are holding the line along the river")
    if not (a and b) or a.speaker != b.speaker:
        return []
    return [Alignment(Ref(a.doc, a.start, a.end, outlets[a.doc]), Ref(b.doc, b.start, b.end, outlets[b.doc]),
                      "altered", [DiffOp("equal", "We are holding the line", "We are holding the line"),
                                  DiffOp("replace", "at", "along"),
                                  DiffOp("equal", "the river", "the river")],
                      speaker=a.speaker, score=0.9, story=story)]


_CLAIMS = {"evacuated 800": "c-evac", "800 residents": "c-evac", "1,500 hectares": "c-area",
           "2,000 hectares": "c-area", "started on Saturday": "c-start"}


def fake_match(mentions, story=None, copies=None):
    """Claims by a hand-made table: the evacuation is corroborated, the burned area disputed. Copies are
    ignored, so the brief is seen to tell a copy from an outlet on its own."""
    groups: dict[str, list[ClaimMention]] = {}
    for m in mentions:
        cid = next((c for k, c in _CLAIMS.items() if k in m.text), "c-" + m.text[:10])
        groups.setdefault(cid, []).append(m)
    claims = []
    for cid, ms in sorted(groups.items()):
        outlets = {m.outlet for m in ms}
        values = {tuple(m.values.get("number", [])) for m in ms}
        status = ("conflict" if len(outlets) > 1 and len(values) > 1 else
                  "corroborated" if len(outlets) > 1 else "single-source")
        claims.append(Claim(cid, status, ms[0].text, ms[0].kind, ms, story=story))
    return claims


def fake_cover(story):
    return {"outlets": sorted({a.outlet for a in story.articles})}


def fold(exs=None, claims=None, story_id="s-fire", **kw):
    return fold_story(story_id, exs if exs is not None else extractions(),
                      claims if claims is not None else claim_mentions(),
                      align=fake_align, match=fake_match, cover=fake_cover, **kw)


@pytest.fixture
def story():
    from newsfold.report.brief import add_brief

    return add_brief(fold())
