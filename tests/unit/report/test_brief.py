"""The brief cites the outlets that carry each sentence, corroborated first; the timeline is in date order."""

from __future__ import annotations

from conftest import POST, RADIO, claim_mentions, extractions, fold

from newsfold.models import Article, Claim, ClaimMention, Extraction, Story
from newsfold.report.brief import add_brief, write_brief, write_timeline


def test_corroborated_first_then_disputed_then_single_source(story):
    statuses = [s.status for s in story.brief]
    assert statuses == sorted(statuses, key=["corroborated", "conflict", "single-source"].index)
    assert statuses.count("corroborated") == 2  # the evacuation, and Okafor's line
    assert statuses.count("conflict") == 1  # 1,500 and 2,000 hectares on one line, each with its outlet
    assert statuses[-1] == "single-source"


def test_every_sentence_is_an_article_sentence_citing_who_carries_it(story):
    for s in story.brief:
        assert s.outlets and s.refs
        assert s.status == "conflict" or any(s.text in " ".join(t.split()) for t in (POST, RADIO))
        assert {r.outlet for r in s.refs} == set(s.outlets)
    evac = next(s for s in story.brief if "800" in s.text)
    assert evac.outlets == ["Coast Radio", "Valley Post"] and evac.status == "corroborated"
    assert not evac.text.startswith("GRANTHOLM")  # the dateline is left out
    # a disputed fact is one line, each version's own sentence cited by the outlet that gives it, its
    # attribution kept
    disputed = {s.text: s.outlets for s in story.brief if s.status == "conflict"}
    assert disputed == {
        "The fire service put the burned area at 2,000 hectares, says Coast Radio; The fire has burned "
        "1,500 hectares, the regional fire service said, says Valley Post.": ["Coast Radio", "Valley Post"],
    }


def test_no_fact_is_told_twice(story):
    assert sum("800" in s.text for s in story.brief) == 1
    assert sum("holding the line" in s.text for s in story.brief) == 1


def test_a_sentence_adding_one_outlets_figure_is_cited_by_that_outlet_alone():
    # Valley Post's lead now adds the burned area: Coast Radio carries the evacuation, not the 1,500 ha.
    post = POST.replace("as a wildfire crossed the Tarn ridge", "as 1,500 hectares burned")
    exs = extractions(post_text=post)
    claims = claim_mentions()
    for m in claims["post.txt"]:
        if "1,500" in m.text:
            m.start = post.index("1,500 hectares")
            m.end, m.text = m.start + len("1,500 hectares"), "1,500 hectares"
    story = add_brief(fold(exs, claims))
    lead = [s for s in story.brief if "evacuated 800" in s.text]
    radio = [s for s in story.brief if "800 residents" in s.text]
    # the corroborated fact is told by the sentence that holds nothing else
    assert radio and radio[0].status == "corroborated" and radio[0].outlets == ["Coast Radio", "Valley Post"]
    assert all(s.outlets == ["Valley Post"] for s in lead)


def test_a_copy_does_not_corroborate_its_original():
    exs = extractions()
    copy = Extraction(Article("copy.txt", POST, outlet="Hill Times", date="2024-07-08"),
                      exs[0].quotes, exs[0].people)
    copy.quotes = [q.__class__(**{**q.__dict__, "doc": "copy.txt"}) for q in exs[0].quotes]
    claims = claim_mentions()
    claims["copy.txt"] = [m.__class__(**{**m.__dict__, "doc": "copy.txt", "outlet": None})
                          for m in claims["post.txt"]]
    start = next(s for s in add_brief(fold([exs[0], copy], claims)).brief if "campsite" in s.text)
    assert start.status == "corroborated"  # two outlets, as far as anyone knows
    story = add_brief(fold([exs[0], copy], claims, copies={"copy.txt": "post.txt"}))
    start = next(s for s in story.brief if "campsite" in s.text)
    assert start.status == "single-source" and start.outlets == ["Hill Times", "Valley Post"]


def test_an_article_relaying_another_outlet_does_not_corroborate_it():
    import dataclasses

    story = add_brief(fold())
    evac = next(s for s in story.brief if "800" in s.text)
    assert evac.status == "corroborated"
    # Coast Radio's report comes via Valley Post: one source, whatever the two articles say
    relayed = dataclasses.replace(story, relays={"radio.txt": "Valley Post"}, brief=[])
    evac = next(s for s in add_brief(relayed).brief if "800" in s.text)
    assert evac.status == "single-source"


def test_the_brief_is_short():
    # thirty different facts (sentences of the same words would be one fact told again)
    many = " ".join(f"The {n}th pump{n} arrived{n} at {n} o'clock{n}." for n in range(30))
    ex = Extraction(Article("p.txt", many, outlet="Valley Post"))
    from newsfold.models import ClaimMention

    claims = {"p.txt": [ClaimMention("p.txt", many.index(f"The {n}th"), many.index(f"The {n}th") + 8,
                                     f"The {n}th", values={"number": [float(n)]}) for n in range(30)]}
    story = fold([ex], claims)
    brief = write_brief(story)
    assert len(brief) == 10
    assert brief[0].text == "The 0th pump0 arrived0 at 0 o'clock0."  # the top of the article first


def _one_outlet_story(text: str, parts: list[str]) -> Story:
    claims = [Claim(f"c{n}", "single-source", p, "event",
                    [ClaimMention("p.txt", text.index(p), text.index(p) + len(p), p, outlet="Valley Post")])
              for n, p in enumerate(parts)]
    return Story("s", articles=[Article("p.txt", text, outlet="Valley Post")], claims=claims)


def test_no_headline_no_opening_pronoun_no_repetition():
    text = ("Flood Forces Hundreds From Velmora\n"
            "The river rose 5 metres in Velmora on Tuesday, forcing 300 residents of the old river district "
            "from their homes.\n"
            "He said the dam at Korsa would hold through the night.\n"
            "The river rose five metres in Velmora on Tuesday and forced 300 residents out of their homes.\n"
            "The council closed two bridges over the Vel on Wednesday morning.")
    parts = ["Flood Forces Hundreds From Velmora", "The river rose 5 metres in Velmora on Tuesday",
             "He said the dam at Korsa would hold", "The river rose five metres in Velmora on Tuesday",
             "The council closed two bridges over the Vel"]
    brief = [s.text for s in write_brief(_one_outlet_story(text, parts))]
    assert brief == ["The river rose 5 metres in Velmora on Tuesday, forcing 300 residents of the old river "
                     "district from their homes.",
                     "The council closed two bridges over the Vel on Wednesday morning."]


def test_a_question_and_a_clause_from_inside_a_sentence_are_no_brief_sentences():
    a = ("Why did the dam at Korsa hold through the night of the flood?\n"
         "The council met on Tuesday about the flood and Mayor Ana Lund's plan for a new dam at Korsa.")
    b = "Mayor Ana Lund's plan for a new dam at Korsa, which would cost 40 million, was approved."
    plan = "Mayor Ana Lund's plan for a new dam at Korsa"
    met = "The council met on Tuesday about the flood"
    why = "Why did the dam at Korsa hold"

    def mention(doc, text, part, outlet):
        return ClaimMention(doc, text.index(part), text.index(part) + len(part), part, outlet=outlet)

    claims = [Claim("c1", "corroborated", plan, "event", [mention("a.txt", a, plan, "Ledger"),
                                                          mention("b.txt", b, plan, "Courier")]),
              Claim("c2", "single-source", met, "event", [mention("a.txt", a, met, "Ledger")]),
              Claim("c3", "single-source", why, "event", [mention("a.txt", a, why, "Ledger")])]
    story = Story("s", articles=[Article("a.txt", a, outlet="Ledger"), Article("b.txt", b, outlet="Courier")],
                  claims=claims)
    brief = [s.text for s in write_brief(story)]
    assert not any(t.startswith(("Why", "Mayor Ana Lund's plan for a new dam at Korsa.")) for t in brief)


def test_no_caption_and_no_clause_cut_off_before_what_it_says():
    a = ("Mayor Ana Lund, left, and Piet Sarin at the Korsa dam on Sunday after the flood.\n"
         "Volunteers carry sandbags along the river in Velmora, Friday, May 2, 2025.\n"
         "The council of Velmora signaled on Tuesday that it would rebuild the dam at Korsa by May.")
    b = "The council of Velmora signaled on Tuesday that it would rebuild the dam, a plan that costs 40m."
    sig = "The council of Velmora signaled on Tuesday"
    cap = "Mayor Ana Lund, left, and Piet Sarin at the Korsa dam on Sunday"
    rebuild_a, rebuild_b = "it would rebuild the dam at Korsa by May", "a plan that costs 40m"

    def mention(doc, text, part, outlet):
        return ClaimMention(doc, text.index(part), text.index(part) + len(part), part, outlet=outlet)

    carry = "Volunteers carry sandbags along the river in Velmora"
    claims = [Claim("c0", "single-source", carry, "event", [mention("a.txt", a, carry, "Ledger")]),
              Claim("c1", "corroborated", sig, "event", [mention("a.txt", a, sig, "Ledger"),
                                                         mention("b.txt", b, sig, "Courier")]),
              Claim("c2", "single-source", cap, "event", [mention("a.txt", a, cap, "Ledger")]),
              Claim("c3", "single-source", rebuild_a, "event", [mention("a.txt", a, rebuild_a, "Ledger")]),
              Claim("c4", "single-source", rebuild_b, "event", [mention("b.txt", b, rebuild_b, "Courier")])]
    story = Story("s", articles=[Article("a.txt", a, outlet="Ledger"), Article("b.txt", b, outlet="Courier")],
                  claims=claims)
    brief = [s.text for s in write_brief(story)]
    assert "The council of Velmora signaled on Tuesday." not in brief
    assert not any("left," in t or "sandbags" in t for t in brief)
    # and neither outlet's sentence of the plan is told as single-source: the other outlet says it too
    assert not any(t.startswith("The council of Velmora signaled on Tuesday that") for t in brief)


def test_a_quotation_is_told_with_its_attribution_or_not_at_all():
    from newsfold.models import Quote, Span

    text = ("The river rose 5 metres in Velmora on Tuesday, the council said in a long statement.\n"
            "“The dam will hold through the night,” Mayor Ana Lund said at the town hall.\n"
            "“We have sandbags for every street of the river district of Velmora.”")
    first = text.index("The dam")
    second = text.index("We have")
    quotes = [Quote("p.txt", first, text.index(",”"), "The dam will hold through the night", "direct",
                    speaker="Ana Lund", speaker_mention=Span(text.index("Mayor"), text.index(" said at"),
                                                             "Mayor Ana Lund"),
                    cue=Span(text.index("said at"), text.index("said at") + 4, "said")),
              Quote("p.txt", second, text.index(".”") + 1, "We have sandbags …", "direct", speaker="Ana Lund",
                    speaker_mention=Span(text.index("Mayor"), text.index(" said at"), "Mayor Ana Lund"))]
    story = _one_outlet_story(text, ["The river rose 5 metres in Velmora on Tuesday", "The dam will hold",
                                     "We have sandbags for every street"])
    story.quotes = quotes
    brief = [s.text for s in write_brief(story)]
    # the second quotation names no one in its own sentence: its words would become the brief's
    assert brief == ["The river rose 5 metres in Velmora on Tuesday, the council said in a long statement.",
                     "“The dam will hold through the night,” Mayor Ana Lund said at the town hall."]


def test_timeline_in_date_order_facts_before_reports():
    story = add_brief(fold())
    entries = [(t.date, t.text) for t in story.timeline]
    assert entries[0] == ("2024-07-06", "The blaze started on Saturday near a campsite")
    assert [d for d, _ in entries] == sorted(d for d, _ in entries)
    on_the_day = [t for t in story.timeline if t.date == "2024-07-08"]
    assert on_the_day[0].outlets == ["Coast Radio", "Valley Post"]  # the evacuation, then the two reports
    assert [t.text for t in on_the_day[1:]] == ["Valley Post reports: Wildfire forces 800 from Grantholm",
                                                 "Coast Radio reports: Grantholm evacuated"]


def test_no_claims_no_quotes_no_dates():
    ex = Extraction(Article("a.txt", "A quiet day in Grantholm. Nothing happened."))
    story = fold([ex], {})
    assert write_brief(story) == []
    assert write_timeline(story) == []


# A disputed figure inside a lead that also tells a fact both outlets agree on.
LEAD_A = ("Some 900 people left Tarvo on Friday as the Ulm rose, flooding about 250 homes and cutting two "
          "roads. The Ulm peaked at 5.1 metres on Friday, the highest since 1987.")
LEAD_B = ("About 900 residents left Tarvo on Friday after the Ulm burst its banks, flooding 410 homes and "
          "cutting two roads. The river reached 5.1 metres, its highest level since records began in 1987.")


def _claim(cid, status, *parts, conflict=None):
    ms = []
    for doc, text, outlet, part, values in parts:
        start = text.index(part)
        ms.append(ClaimMention(doc, start, start + len(part), part, outlet=outlet, values=values))
    return Claim(cid, status, ms[0].text, "number", ms, conflict=conflict)


def _lead_story():
    a = Article("a.txt", LEAD_A, outlet="Valley Post", date="2024-03-09")
    b = Article("b.txt", LEAD_B, outlet="Coast Radio", date="2024-03-09")
    A, B = ("a.txt", LEAD_A, "Valley Post"), ("b.txt", LEAD_B, "Coast Radio")
    claims = [
        _claim("c-left", "corroborated", (*A, "Some 900 people left Tarvo on Friday",
                                          {"number": [900.0], "date": ["2024-03-08"]}),
               (*B, "About 900 residents left Tarvo on Friday", {"number": [900.0], "date": ["2024-03-08"]})),
        _claim("c-homes", "conflict", (*A, "flooding about 250 homes", {"number": [250.0]}),
               (*B, "flooding 410 homes", {"number": [410.0]}),
               conflict={"field": "number", "unit": "home", "values": {"Coast Radio": 410.0,
                                                                       "Valley Post": 250.0}}),
        _claim("c-roads", "corroborated", (*A, "cutting two roads", {"number": [2.0]}),
               (*B, "cutting two roads", {"number": [2.0]})),
        _claim("c-peak", "corroborated",
               (*A, "The Ulm peaked at 5.1 metres on Friday, the highest since 1987",
                {"number": [5.1], "date": ["2024-03-08", "1987"], "reference_date": ["1987"]}),
               (*B, "The river reached 5.1 metres, its highest level since records began in 1987",
                {"number": [5.1], "date": ["1987"], "reference_date": ["1987"]})),
    ]
    return Story("s-ulm", articles=[a, b], claims=claims)


def test_a_disputed_figure_is_told_without_the_facts_told_before():
    brief = write_brief(_lead_story())
    assert sum("900" in s.text for s in brief) == 1  # the evacuation once, not again in each version
    assert sum("two roads" in s.text for s in brief) == 1
    # the first version by its whole sentence (a cut inside a clause is no sentence), the other by its
    # figure alone: the rest of its sentence was told
    disputed = {tuple(s.outlets): s.text for s in brief if s.status == "conflict"}
    assert disputed == {
        ("Coast Radio", "Valley Post"):
            "Some 900 people left Tarvo on Friday as the Ulm rose, flooding about 250 homes and cutting two "
            "roads, says Valley Post; 410, says Coast Radio.",
    }
    for s in brief:  # citations point at what the sentence shows
        assert all(r.doc in {"a.txt", "b.txt"} for r in s.refs)
        assert {r.outlet for r in s.refs} <= set(s.outlets) | {None}


def test_a_date_a_fact_is_measured_from_is_not_when_it_happened_and_one_fact_is_one_entry():
    entries = [(t.date, t.text, t.outlets) for t in write_timeline(_lead_story()) if "5.1" in t.text]
    assert entries == [("2024-03-08", "The Ulm peaked at 5.1 metres on Friday, the highest since 1987",
                        ["Coast Radio", "Valley Post"])]


def test_outlets_that_disagree_on_a_date_each_get_an_entry():
    a = Article("a.txt", "The dam at Korsa failed on Monday.", outlet="Valley Post")
    b = Article("b.txt", "The dam at Korsa failed on Tuesday.", outlet="Coast Radio")
    days = {"Valley Post": "2024-03-04", "Coast Radio": "2024-03-05"}
    claim = _claim("c-dam", "conflict",
                   ("a.txt", a.text, "Valley Post", a.text[:-1], {"date": [days["Valley Post"]]}),
                   ("b.txt", b.text, "Coast Radio", b.text[:-1], {"date": [days["Coast Radio"]]}),
                   conflict={"field": "date", "values": days})
    entries = [(t.date, t.outlets) for t in write_timeline(Story("s", articles=[a, b], claims=[claim]))]
    assert entries == [("2024-03-04", ["Valley Post"]), ("2024-03-05", ["Coast Radio"])]


def test_a_date_without_a_year_stays_off_the_timeline():
    a = Article("a.txt", "The dam at Korsa failed on April 2.", outlet="Valley Post")
    claim = _claim("c-dam", "single-source",
                   ("a.txt", a.text, "Valley Post", a.text[:-1], {"date": ["--04-02"]}))
    assert write_timeline(Story("s", articles=[a], claims=[claim])) == []
