"""Claim matching across outlets, on mentions written by hand (no spaCy)."""

from newsfold.align.claims import match_claims, stem
from newsfold.models import ClaimMention


def mention(outlet, text, start=0, kind="event", terms=(), **values):
    values = {k: (v if isinstance(v, list) else [v]) for k, v in values.items()}
    return ClaimMention(doc=f"{outlet}.txt", start=start, end=start + len(text), text=text, kind=kind,
                        outlet=outlet, values=values, terms=list(terms))


def quantity(value, unit, qualifier="exact"):
    return {"value": float(value), "unit": unit, "qualifier": qualifier}


def by_status(claims):
    out = {}
    for c in claims:
        out.setdefault(c.status, []).append(c)
    return out


# Background mentions: a story has more than the facts under test, and rarity is measured among them.
def background(outlet, offset=1000):
    """Three facts of the story about Tarvo only this outlet gives (so the place is common, the facts not)."""
    facts = {
        1000: [("the mayor visited the harbour", ["mayor", "visited", "harbour"]),
               ("schools stayed closed in Tarvo", ["schools", "stayed", "closed"]),
               ("the army sent trucks to Tarvo", ["army", "sent", "trucks"])],
        2000: [("a ferry ran aground near Tarvo", ["ferry", "ran", "aground"]),
               ("volunteers filled sandbags in Tarvo", ["volunteers", "filled", "sandbags"]),
               ("the power failed across Tarvo", ["power", "failed", "across"])],
        3000: [("a bus line was cut to Tarvo", ["bus", "line", "cut"]),
               ("the church opened a shelter in Tarvo", ["church", "opened", "shelter"]),
               ("rail services to Tarvo were halted", ["rail", "services", "halted"])],
    }[offset]
    return [mention(outlet, text, offset + 100 * n, terms=terms, place="tarvo")
            for n, (text, terms) in enumerate(facts)]


def test_the_same_figure_in_other_words_is_corroborated():
    ms = [
        mention("Ledger", "12 people died when the bus fell into the Arna gorge", kind="number",
                terms=["people", "died", "bus", "fell", "gorge"], number=12, quantity=quantity(12, "death"),
                place="arna gorge"),
        mention("Wire", "the crash in the Arna gorge killed 12", kind="number",
                terms=["crash", "gorge", "killed"], number=12, quantity=quantity(12, "death"),
                place="arna gorge"),
        *background("Ledger"), *background("Wire", 2000),
    ]
    claims = match_claims(ms, story="s1")
    (c,) = [c for c in claims if c.status == "corroborated" and c.kind == "number"]
    assert c.outlets() == ["Ledger", "Wire"]
    assert c.conflict is None and c.story == "s1"


def test_different_figures_for_one_fact_conflict():
    ms = [
        mention("Ledger", "12 dead after the bus fell into the Arna gorge", kind="number",
                terms=["dead", "bus", "fell", "gorge"], number=12, quantity=quantity(12, "death"),
                place="arna gorge"),
        mention("Wire", "15 dead as the bus plunged into the Arna gorge", kind="number",
                terms=["dead", "bus", "plunged", "gorge"], number=15, quantity=quantity(15, "death"),
                place="arna gorge"),
        *background("Ledger"), *background("Wire", 2000),
    ]
    (c,) = by_status(match_claims(ms))["conflict"]
    assert c.conflict == {"field": "number", "unit": "death", "values": {"Ledger": 12.0, "Wire": 15.0}}
    assert len(c.mentions) == 2


def test_figures_of_different_things_neither_match_nor_conflict():
    ms = [
        mention("Ledger", "1,200 people were evacuated from Tarvo", kind="number",
                terms=["people", "evacuated"], number=1200, quantity=quantity(1200, "person"), place="tarvo"),
        mention("Wire", "12 people died in Tarvo", kind="number",
                terms=["people", "died"], number=12, quantity=quantity(12, "death"), place="tarvo"),
        *background("Ledger"), *background("Wire", 2000),
    ]
    statuses = {c.status for c in match_claims(ms)}
    assert statuses == {"single-source"}


def test_hedged_figures_that_can_agree_are_corroborated():
    ms = [
        mention("Ledger", "more than 1,200 residents were moved out of Tarvo", kind="number",
                terms=["residents", "moved"], number=1200, quantity=quantity(1200, "person", "more"),
                place="tarvo", date="2025-11-04"),
        mention("Wire", "some 1,200 people were forced from their homes in Tarvo", kind="number",
                terms=["people", "forced", "homes"], number=1200, quantity=quantity(1200, "person", "about"),
                place="tarvo", date="2025-11-04"),
    ]
    (c,) = match_claims(ms)
    assert c.status == "corroborated"


def test_different_dates_for_one_event_conflict():
    ms = [
        mention("Ledger", "the ceasefire talks opened in Geneva on March 3", kind="date",
                terms=["ceasefire", "talks", "opened"], place="geneva", date="2025-03-03", event="meeting"),
        mention("Wire", "ceasefire talks began in Geneva on March 5", kind="date",
                terms=["ceasefire", "talks", "began"], place="geneva", date="2025-03-05", event="meeting"),
        *background("Ledger"), *background("Wire", 2000),
    ]
    (c,) = by_status(match_claims(ms))["conflict"]
    assert c.conflict == {"field": "date", "values": {"Ledger": "2025-03-03", "Wire": "2025-03-05"}}


def test_dates_of_different_precision_do_not_conflict():
    # "his August 15 meeting" (no year known) and "a summit last month" resolved to August
    ms = [
        mention("Ledger", "his August 15 meeting with Putin in Alaska", kind="date",
                terms=["meeting"], place="alaska", actor="putin", date="--08-15", event="meeting"),
        mention("Wire", "hosted Putin for a summit in Alaska last month", kind="date",
                terms=["hosted", "summit"], place="alaska", actor="putin", date="2025-08", event="meeting"),
    ]
    (c,) = match_claims(ms)
    assert c.status == "corroborated"


def test_unresolved_relative_dates_compare_as_text():
    ms = [
        mention("Ledger", "Speaking on Friday at the forum in Halden", terms=["speaking", "forum"],
                place="halden", date_text="friday"),
        mention("Wire", "said at the Halden forum on Friday", terms=["said", "forum"], place="halden",
                date_text="friday"),
    ]
    (c,) = match_claims(ms)
    assert c.status == "corroborated"


def test_one_shared_common_place_is_not_a_match():
    ms = [
        mention("Ledger", "Tarvo is open to dialogue", terms=["open", "dialogue"], place="tarvo"),
        mention("Wire", "Tarvo could regroup", terms=["regroup"], place="tarvo"),
        *background("Ledger"), *background("Wire", 2000),
    ]
    assert {c.status for c in match_claims(ms)} == {"single-source"}


def test_single_source_and_stable_ids():
    ms = [
        mention("Ledger", "the lock was closed at 6 pm on Sunday", terms=["lock", "closed"],
                place="kessel lock", date="2025-11-02"),
        *background("Wire", 2000),
    ]
    first = match_claims(ms, story="s")
    again = match_claims(list(reversed(ms)), story="s")
    assert [c.id for c in first] == [c.id for c in again]
    assert len({c.id for c in first}) == len(first)
    assert all(c.status == "single-source" for c in first)
    assert match_claims(ms, story="other")[0].id != first[0].id


def test_mentions_of_one_outlet_are_never_corroboration():
    ms = [
        mention("Ledger", "12 dead in the Arna gorge", 0, terms=["dead", "gorge"], place="arna gorge",
                quantity=quantity(12, "death"), number=12),
        mention("Ledger", "the Arna gorge crash left 12 dead", 500, terms=["crash", "dead", "gorge"],
                place="arna gorge", quantity=quantity(12, "death"), number=12),
    ]
    assert {c.status for c in match_claims(ms)} == {"single-source"}


def test_no_outlet_means_one_outlet_per_document():
    a = mention("x", "26 allies pledged troops in Paris", terms=["allies", "pledged", "troops"],
                place="paris", quantity=quantity(26, "ally"), number=26)
    b = mention("y", "26 allies ready to commit troops at the Paris summit",
                terms=["allies", "commit", "troops"], place="paris", quantity=quantity(26, "ally"), number=26)
    a.outlet = b.outlet = None
    (c,) = match_claims([a, b])
    assert c.status == "corroborated" and c.outlets() == ["x.txt", "y.txt"]


def test_empty_and_odd_input():
    assert match_claims([]) == []
    bare = ClaimMention(doc="d", start=0, end=3, text="abc")
    (c,) = match_claims([bare])
    assert c.status == "single-source" and c.text == "abc"
    rec = c.to_record()
    assert rec["type"] == "claim" and rec["mentions"][0]["doc"] == "d"


def test_stem():
    assert stem("meetings") == stem("meeting") == stem("meet")
    assert stem("committed") == stem("commit")
    assert stem("forces") == stem("force")
    assert stem("Ukraine's") == stem("ukraine")


def test_a_chain_of_pairwise_matches_is_not_one_claim():
    ms = [
        mention("Ledger", "Lund met Sarin at the Halden summit", terms=["met", "summit"], place="halden",
                actor=["lund", "sarin"]),
        mention("Wire", "Sarin met Brell at the Halden summit and flew on to Korsa",
                terms=["met", "summit", "flew"], place=["halden", "korsa"], actor=["sarin", "brell"]),
        mention("Courier", "Brell flew to Korsa", terms=["flew"], place="korsa", actor="brell"),
        *background("Ledger"), *background("Wire", 2000), *background("Courier", 3000),
    ]
    claims = match_claims(ms)
    grouped = [c for c in claims if len(c.mentions) > 1]
    assert grouped and all(len(c.mentions) == 2 for c in grouped)


def test_far_apart_dates_are_two_events_not_a_conflict():
    # "Feb. 8" given a year from the publication date may be a year off
    ms = [
        mention("Ledger", "In a Feb. 8 meeting with Priebus in the Oval Office", terms=["meeting"],
                actor="priebus", place="oval office", date="2018-02-08", event="meeting"),
        mention("Wire", "a Feb. 8, 2017, meeting with Priebus in the Oval Office", terms=["meeting"],
                actor="priebus", place="oval office", date="2017-02-08", event="meeting"),
        *background("Ledger"), *background("Wire", 2000),
    ]
    assert "conflict" not in {c.status for c in match_claims(ms)}


def test_percentages_of_different_things_do_not_conflict():
    ms = [
        mention("Ledger", "steel imports from Norvia rose 15 percent last year", kind="number",
                terms=["steel", "imports", "rose", "year"], place="norvia", number=15,
                quantity=quantity(15, "percent-change")),
        mention("Wire", "Norvia shipped about 5 percent of steel imports", kind="number",
                terms=["shipped", "steel", "imports"], place="norvia", number=5,
                quantity=quantity(5, "percent", "about")),
        *background("Ledger"), *background("Wire", 2000),
    ]
    assert "conflict" not in {c.status for c in match_claims(ms)}


def test_different_days_of_one_person_are_not_a_date_conflict():
    ms = [
        mention("Ledger", "Prime Minister Lund presented the plan on Monday", terms=["prime", "minister",
                "presented", "plan"], actor="lund", date="2025-03-10"),
        mention("Wire", "who met Prime Minister Lund on Sunday", terms=["met", "prime", "minister"],
                actor="lund", date="2025-03-09"),
        *background("Ledger"), *background("Wire", 2000),
    ]
    assert "conflict" not in {c.status for c in match_claims(ms)}


def _copied(ms, doc, outlet):
    return [ClaimMention(doc=doc, start=m.start, end=m.end, text=m.text, kind=m.kind, outlet=outlet,
                         values=m.values, terms=m.terms) for m in ms]


def test_a_copy_is_listed_with_its_original_but_does_not_corroborate_it():
    ledger = [
        mention("Ledger", "12 people died when the bus fell into the Arna gorge", kind="number",
                terms=["people", "died", "bus", "fell", "gorge"], number=12, quantity=quantity(12, "death"),
                place="arna gorge"),
        mention("Ledger", "the lock was closed at 6 pm on Sunday", 300, terms=["lock", "closed"],
                place="kessel lock", date="2025-11-02"),
        *background("Ledger"),
    ]
    wire = [mention("Wire", "the crash in the Arna gorge killed 12", kind="number",
                    terms=["crash", "gorge", "killed"], number=12, quantity=quantity(12, "death"),
                    place="arna gorge")]
    copy = _copied(ledger, "hill.txt", "Hill Times")
    # without knowing it is a copy, Hill Times looks like a second outlet
    assert "corroborated" in {c.status for c in match_claims(ledger + copy)}
    claims = match_claims(ledger + copy + wire, copies={"hill.txt": "Ledger.txt"})
    assert len(claims) == len(ledger)  # each fact once, the copy's mention beside its original's
    for c in claims:
        assert sorted(m.doc for m in c.mentions if m.doc != "Wire.txt") == ["Ledger.txt", "hill.txt"]
    crash = next(c for c in claims if "Wire.txt" in {m.doc for m in c.mentions})
    assert crash.status == "corroborated"  # by the Wire, an outlet of its own
    assert {c.status for c in claims if c is not crash} == {"single-source"}
    # a copy of a copy is no more independent
    again = match_claims(ledger + copy + _copied(ledger, "dale.txt", "Dale News"),
                         copies={"hill.txt": "Ledger.txt", "dale.txt": "hill.txt"})
    assert {c.status for c in again} == {"single-source"} and len(again) == len(ledger)


def test_the_same_words_but_for_the_figure_conflict_without_a_place_or_actor():
    ms = [
        mention("Ledger", "About 300 homes were flooded, officials said", kind="number",
                terms=["homes", "flooded", "officials", "said"], number=300,
                quantity=quantity(300, "home", "about")),
        mention("Ledger", "The gale killed 12 people last month", 100, kind="number",
                terms=["gale", "killed", "people"], number=12, quantity=quantity(12, "death"), date="2025-02",
                event="storm"),
        mention("Wire", "About 500 homes were flooded, officials said", kind="number",
                terms=["homes", "flooded", "officials", "said"], number=500,
                quantity=quantity(500, "home", "about")),
        mention("Wire", "The gale killed 15 people in February", 100, kind="number",
                terms=["gale", "killed", "people"], number=15, quantity=quantity(15, "death"), date="2025-02",
                event="storm"),
    ]
    conflicts = by_status(match_claims(ms)).get("conflict", [])
    assert sorted(c.conflict["unit"] for c in conflicts) == ["death", "home"]
    assert {c.conflict["unit"]: c.conflict["values"] for c in conflicts} == {
        "home": {"Ledger": 300.0, "Wire": 500.0}, "death": {"Ledger": 12.0, "Wire": 15.0}}


def test_counts_that_differ_in_more_than_the_figure_or_in_where_do_not_conflict():
    ms = [
        # a part and the whole: "11 Korsan sailors" of "23 Korsan and Velan sailors"
        mention("Ledger", "to free 12 Velan and 11 Korsan sailors", kind="number",
                terms=["free", "velan", "korsan", "sailors"], number=11, quantity=quantity(11, "sailor")),
        mention("Wire", "Of the 23 sailors freed, 12 are Velan and 11 Korsan by birth", kind="number",
                terms=["sailors", "freed", "velan", "korsan", "birth"], number=23,
                quantity=quantity(23, "sailor")),
        # the same words of two places
        mention("Ledger", "About 300 homes were flooded in Tarvo", 100, kind="number",
                terms=["homes", "flooded"], quantity=quantity(300, "home", "about"), place="tarvo"),
        mention("Wire", "About 500 homes were flooded in Korsa", 100, kind="number",
                terms=["homes", "flooded"], quantity=quantity(500, "home", "about"), place="korsa"),
        # the same words on two days
        mention("Ledger", "The storm destroyed 40 boats on March 3", 200, kind="number",
                terms=["storm", "destroyed", "boats"], quantity=quantity(40, "boat"), date="2025-03-03"),
        mention("Wire", "The storm destroyed 90 boats on June 9", 200, kind="number",
                terms=["storm", "destroyed", "boats"], quantity=quantity(90, "boat"), date="2025-06-09"),
    ]
    assert "conflict" not in by_status(match_claims(ms))


def test_a_shared_year_and_a_word_are_not_one_fact():
    ms = [
        mention("Ledger", "the institute had warned the council in 2019", kind="date",
                terms=["institute", "warned", "council"], date="2019"),
        mention("Wire", "The council's new embankment, finished six years ago", kind="date",
                terms=["council", "new", "embankment", "finished"], date="2019"),
        *background("Ledger"), *background("Wire", 2000),
    ]
    assert {c.status for c in match_claims(ms)} == {"single-source"}


def test_a_shared_time_with_what_happened_is_one_fact():
    ms = [
        # a year, and an event and words in common
        mention("Ledger", "the embankment was finished in 2019 after the flood", kind="date",
                terms=["embankment", "finished", "flood"], date="2019", event="flood"),
        mention("Wire", "the embankment, finished after the 2019 floods", kind="date",
                terms=["embankment", "finished", "floods"], date="2019", event="flood"),
        # one day, and what happens on it
        mention("Ledger", "More snow is forecast for Thursday", 100, kind="date", terms=["snow", "forecast"],
                date="2025-11-06"),
        mention("Wire", "Meteorologists expect 20 centimetres of snow on Thursday", 100, kind="number",
                terms=["meteorologists", "expect", "snow"], date="2025-11-06",
                quantity=quantity(20, "centimetre")),
        *background("Ledger"), *background("Wire", 2000),
    ]
    corroborated = [c for c in match_claims(ms) if c.status == "corroborated"]
    assert sorted(len(c.mentions) for c in corroborated) == [2, 2]
    assert {"embankment" in c.text or "snow" in c.text for c in corroborated} == {True}


def test_story_people_map_short_names_onto_the_fullest_name_holding_them():
    from newsfold.align.claims import story_people

    ms = [mention("A", "x", actor=["ana lund", "lund"]), mention("B", "y", actor=["ana lund", "piet lund"]),
          mention("C", "z", actor=["ji hoon", "park ji hoon", "park"])]
    people = story_people(ms)
    assert people["park"] == people["ji hoon"] == "park ji hoon"
    # held by two full names: the one named more often
    assert people["lund"] == "ana lund" and people["piet lund"] == "piet lund"


def test_a_body_or_place_by_its_initials_or_a_shorter_name_is_one():
    from newsfold.align.claims import story_people

    ms = [mention("A", "x", actor=["velmora river authority"],
                  place=["the united states", "10 harbour street"]),
          mention("B", "y", actor=["v.r.a."], place=["u.s.", "harbour street"]),
          mention("C", "z", actor=["vra"], place=["us"])]
    bodies, places = story_people(ms), story_people(ms, "place")
    assert bodies["v.r.a."] == bodies["vra"] == "velmora river authority"
    assert places["u.s."] == places["us"] == "the united states"
    assert places["harbour street"] == "10 harbour street"


def test_one_person_named_two_ways_corroborates():
    a = mention("Daily", "Park Ji Hoon met Ana Lund in Korsa", terms=["met"],
                actor=["park ji hoon", "ana lund"])
    b = mention("Courier", "Park met Lund", terms=["met"], actor=["park", "lund"])
    c = mention("Herald", "The storm hit Velmora", terms=["storm", "hit"], place="velmora")
    claims = by_status(match_claims([a, b, c]))
    assert [len(x.mentions) for x in claims.get("corroborated", [])] == [2]


def _quote(doc, start, via=None):
    from newsfold.models import Quote

    return Quote(doc=doc, start=start, end=start + 10, text="x" * 10, kind="direct", via=via)


def test_an_article_whose_quotations_come_via_another_outlet_relays_it():
    from newsfold.align.claims import relays

    outlets = {"wire.txt": "The Wire Agency", "blog.txt": "Hill Blog", "post.txt": "Valley Post"}
    quotes = [_quote("blog.txt", 0, "the Wire Agency"), _quote("blog.txt", 50, "Wire Agency"),
              _quote("blog.txt", 90), _quote("post.txt", 0, "Wire Agency"), _quote("post.txt", 40),
              _quote("post.txt", 80), _quote("wire.txt", 0)]
    # the blog quotes the agency twice of three times; the post once of three: reporting of its own
    assert relays(quotes, outlets) == {"blog.txt": "The Wire Agency"}
    # read once, so a stream of quotations does as well as a list; an outlet outside the story keeps
    # the name its first relay gives it
    assert relays(iter(quotes), outlets) == {"blog.txt": "The Wire Agency"}
    others = [_quote("blog.txt", 0, "the Far News"), _quote("blog.txt", 50, "Far News"),
              _quote("blog.txt", 90)]
    assert relays(iter(others), outlets) == {"blog.txt": "the Far News"}


def test_a_relaying_article_does_not_corroborate_the_outlet_it_relays():
    a = mention("Wire", "The storm killed 12 people in Korsa", terms=["storm", "kill"], place="korsa",
                quantity=quantity(12, "death"), number=12.0)
    b = mention("Blog", "The storm killed 12 people in Korsa", terms=["storm", "kill"], place="korsa",
                quantity=quantity(12, "death"), number=12.0)
    (claim,) = match_claims([a, b])
    assert claim.status == "corroborated" and claim.independent == ["Blog", "Wire"]
    (claim,) = match_claims([a, b], relayed={"Blog.txt": "Wire"})
    assert claim.status == "single-source" and claim.independent == ["Wire"]
    assert claim.to_record()["independent"] == ["Wire"] and len(claim.mentions) == 2


def test_a_common_place_with_enough_of_what_happened_is_one_fact():
    words = ["council", "closed", "old", "harbour", "bridge"]
    ms = [
        mention("Ledger", "Tarvo's council closed the old harbour bridge", terms=words, place="tarvo"),
        mention("Wire", "the council of Tarvo closed its old harbour bridge", terms=words, place="tarvo"),
        mention("Ledger", "Tarvo's ferry sank", 3000, terms=["ferry", "sank"], place="tarvo"),
        mention("Wire", "Tarvo's ferry service sank", 4000, terms=["ferry", "sank"], place="tarvo"),
        *background("Ledger"), *background("Wire", 2000),
    ]
    by_text = {m.text: c.status for c in match_claims(ms) for m in c.mentions}
    # the place is in every mention: alone it says nothing, with three words of what happened it does
    assert by_text["Tarvo's council closed the old harbour bridge"] == "corroborated"
    assert by_text["Tarvo's ferry sank"] == "single-source"


def test_counts_of_one_named_event_in_other_words_conflict():
    ms = [
        mention("Ledger", "an online event for the Tarvo march has 9,000 supporters", kind="number",
                terms=["online", "event", "march", "supporters"], event="protest", number=9000,
                quantity=quantity(9000, "person")),
        mention("Wire", "within a day the online event for the march drew 2,500 attendees", kind="number",
                terms=["day", "online", "event", "march", "drew", "attendees"], event="protest", number=2500,
                quantity=quantity(2500, "person")),
        *background("Ledger"), *background("Wire", 2000),
    ]
    (c,) = [c for c in match_claims(ms) if c.status == "conflict"]
    assert c.conflict["values"] == {"Ledger": 9000.0, "Wire": 2500.0}
    # the same event counted, but nothing else of it in common, is two facts
    ms[1] = mention("Wire", "2,500 attendees joined the march", kind="number", terms=["attendees", "joined",
                                                                                       "march"],
                    event="protest", number=2500, quantity=quantity(2500, "person"))
    assert not [c for c in match_claims(ms) if c.status == "conflict"]
