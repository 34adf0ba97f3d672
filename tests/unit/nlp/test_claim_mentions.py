"""Claim mentions from parsed text, and claims matched across two invented outlets (loads the model once)."""

import pytest

from newsfold.align.claims import match_claims
from newsfold.models import Article
from newsfold.nlp.claims import claim_mentions, find_claims
from newsfold.nlp.model import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def mentions_of(nlp, text, date=None, outlet="Ledger", doc="a.txt"):
    article = Article(doc=doc, text=text, date=date, outlet=outlet)
    return find_claims([article], nlp)[doc]


def test_offsets_index_the_article_text(nlp):
    text = "HARBOUR NEWS\n\nAbout 340 homes were flooded in Velmora on Tuesday.\n\nRead more here."
    article = Article(doc="a.txt", text=text, body=(14, 67))
    ms = find_claims([article], nlp)["a.txt"]
    assert ms
    for m in ms:
        assert text[m.start:m.end] == m.text
        assert 14 <= m.start and m.end <= 67


def test_claim_mentions_on_a_doc_of_the_body(nlp):
    text = "Residue line\nThe dam at Korsa burst on Monday, flooding 40 farms."
    article = Article(doc="a.txt", text=text, body=(13, len(text)), date="2025-06-11")
    ms = claim_mentions(nlp(text[13:]), article)
    assert ms and all(text[m.start:m.end] == m.text for m in ms)
    assert any(m.values.get("date") == ["2025-06-09"] for m in ms)


def test_values_are_normalised(nlp):
    text = "Russia has fought the three-and-a-half-year war in Ukraine with two-thirds of its army."
    ms = mentions_of(nlp, text)
    numbers = sorted(v for m in ms for v in m.values.get("number", []))
    assert numbers == pytest.approx([2 / 3, 3.5])
    (war,) = [m for m in ms if 3.5 in m.values.get("number", [])]
    assert {"value": 3.5, "unit": "year", "qualifier": "exact"} in war.values["quantity"]


def test_places_and_resolved_dates(nlp):
    # 2025-03-10 is a Monday
    ms = mentions_of(nlp, "The ceasefire talks took place on Friday in Geneva.", date="2025-03-10")
    (m,) = ms
    assert m.values["date"] == ["2025-03-07"]
    assert m.values["place"] == ["geneva"]
    assert "ceasefire" in m.terms and "talks" in m.terms


def test_without_a_date_relative_dates_stay_text(nlp):
    (m,) = mentions_of(nlp, "The council met in Halden last month.")
    assert m.values["date_text"] == ["last month"]
    assert "date" not in m.values


def test_quotations_are_left_to_the_quote_extractor(nlp):
    text = "\u201cWe pulled 12 people out of the river at Tarvo,\u201d the mayor said."
    assert mentions_of(nlp, text) == []
    # a scare-quoted term is not a quotation: the fact around it stays a claim
    ms = mentions_of(nlp, "The council's \u201cflood-proof\u201d wall in Tarvo failed in 2021.")
    assert ms and ms[0].values["date"] == ["2021"]


def test_a_clause_not_the_whole_sentence(nlp):
    text = ("The minister, who flew in from the capital on a military plane early in the morning, "
            "said that emergency crews would remain in Velmora until the water had gone down and that "
            "the state would pay for temporary housing for every family.")
    ms = mentions_of(nlp, text)
    velmora = [m for m in ms if "velmora" in m.values.get("place", [])]
    assert velmora and all(len(m.text) < len(text) / 2 for m in velmora)


def test_an_article_without_facts(nlp):
    assert mentions_of(nlp, "It was a quiet day. Nobody said much.") == []
    assert find_claims([Article(doc="e.txt", text="")], nlp) == {"e.txt": []}


# Two invented outlets of one made-up story; Ledger published on Sunday, Wire on Monday.
LEDGER = """Twelve people were killed when a bus plunged into the Arna gorge near Tarvo on Friday, police
said.

The regional governor, Ilka Sarin, opened an inquiry in Tarvo yesterday.

Rescuers pulled 30 passengers from the wreck.

The road was reopened in 2019 after a landslide.
"""
WIRE = """Fifteen people were killed on Friday when a bus plunged into the Arna gorge near Tarvo.

Governor Ilka Sarin opened an inquiry in Tarvo on Saturday.

The road had been closed for repairs since January 2024, residents said.
"""


def test_two_outlets(nlp):
    ledger = Article(doc="ledger.txt", text=LEDGER, outlet="Ledger", date="2025-05-11")
    wire = Article(doc="wire.txt", text=WIRE, outlet="Wire", date="2025-05-12")
    found = find_claims([ledger, wire], nlp)
    claims = match_claims([m for ms in found.values() for m in ms], story="bus")
    status = {c.status for c in claims}
    assert status >= {"conflict", "corroborated", "single-source"}

    (toll,) = [c for c in claims if c.status == "conflict"]
    assert toll.conflict["field"] == "number"
    assert toll.conflict["values"] == {"Ledger": 12.0, "Wire": 15.0}

    # "yesterday" on Sunday and "on Saturday" on Monday are both 2025-05-10; "on Friday" is 2025-05-09
    # for both
    inquiry = [c for c in claims if c.status == "corroborated" and "inquiry" in c.text]
    assert len(inquiry) == 1 and inquiry[0].outlets() == ["Ledger", "Wire"]

    (crash,) = [c for c in claims if c.status == "corroborated" and "gorge" in c.text]
    assert all(m.values.get("date", ["2025-05-09"]) == ["2025-05-09"] for m in crash.mentions)

    single = [c for c in claims if c.status == "single-source"]
    assert any("30 passengers" in c.text for c in single)
    for c in claims:
        for m in c.mentions:
            text = LEDGER if m.doc == "ledger.txt" else WIRE
            assert text[m.start:m.end] == m.text


def test_publication_days_decide_whether_dates_agree(nlp):
    # published on Saturday, "yesterday" is Friday: the inquiry dates now disagree
    ledger = Article(doc="ledger.txt", text=LEDGER, outlet="Ledger", date="2025-05-10")
    wire = Article(doc="wire.txt", text=WIRE, outlet="Wire", date="2025-05-12")
    found = find_claims([ledger, wire], nlp)
    claims = match_claims([m for ms in found.values() for m in ms])
    (inquiry,) = [c for c in claims if "inquiry" in c.text]
    assert inquiry.status == "conflict"
    assert inquiry.conflict == {"field": "date", "values": {"Ledger": "2025-05-09", "Wire": "2025-05-10"}}


def test_a_story_of_one_article(nlp):
    ledger = Article(doc="ledger.txt", text=LEDGER, outlet="Ledger")
    claims = match_claims(find_claims([ledger], nlp)["ledger.txt"])
    assert claims and {c.status for c in claims} == {"single-source"}


def test_an_endless_paragraph_is_parsed_in_pieces(nlp, monkeypatch):
    import newsfold.nlp.claims as claims

    monkeypatch.setattr(claims, "MAX_PARAGRAPH_CHARS", 60)
    text = "The dam at Korsa burst on Monday. " * 4
    ms = mentions_of(nlp, text)
    assert len(ms) >= 3 and all(text[m.start:m.end] == m.text for m in ms)


def test_a_change_in_percent_is_not_a_share(nlp):
    (rise,) = mentions_of(nlp, "Steel imports from Norvia rose 15 percent.")
    (share,) = mentions_of(nlp, "Norvia shipped about 5 percent of the steel.")
    assert rise.values["quantity"][0]["unit"] == "percent-change"
    assert share.values["quantity"][0]["unit"] == "percent"
    (level,) = [m for m in mentions_of(nlp, "Norvia wants mills to raise their output above 80 percent.")
                if "quantity" in m.values]
    assert level.values["quantity"][0]["unit"] == "percent"
    (by,) = mentions_of(nlp, "Norvia's exports fell by 5% in March.")
    assert by.values["quantity"][0]["unit"] == "percent-change"


def test_the_same_sentence_with_other_figures_is_a_conflict(nlp):
    a = Article(doc="a.txt", outlet="Ledger", date="2025-03-07",
                text="About 300 homes were flooded, officials said. The storm killed 12 people last month.")
    b = Article(doc="b.txt", outlet="Wire", date="2025-03-08",
                text="About 500 homes were flooded, officials said. The storm killed 15 people in February.")
    found = find_claims([a, b], nlp)
    claims = match_claims([m for ms in found.values() for m in ms])
    assert sorted((c.status, tuple(sorted(c.conflict["values"].values()))) for c in claims) == [
        ("conflict", (12.0, 15.0)), ("conflict", (300.0, 500.0))]


def test_square_measures_keep_what_they_measure(nlp):
    (m,) = mentions_of(nlp, "The 15,800-square-metre hall in Tarvo was sold.")
    (f,) = mentions_of(nlp, "The 170,000-square-foot hall in Tarvo was sold.")
    assert m.values["quantity"][0]["unit"] != f.values["quantity"][0]["unit"]


def test_a_language_or_nationality_is_not_a_place(nlp):
    # the small model labels both GPE here
    ms = mentions_of(nlp, "Mayor Ilse Marenko, who addressed reporters in Dravian at an emergency briefing "
                          "in the city hall, said the evacuation would continue through the night.")
    ms += mentions_of(nlp, "Ukrainian troops entered Kursk on Monday.")
    assert not {p for m in ms for p in m.values.get("place", [])}
    (norway,) = mentions_of(nlp, "Heavy rain fell in Norway on Friday.")
    assert norway.values["place"] == ["norway"]


def test_a_date_since_which_something_is_measured_is_a_reference_point(nlp):
    (crest,) = mentions_of(nlp, "The Ulm crested at 5.1 metres early Friday, the highest reading since 1987.",
                           date="2024-03-09")
    assert crest.values["date"] == ["2024-03-08", "1987"] and crest.values["reference_date"] == ["1987"]
    (level,) = mentions_of(nlp, "The Ulm reached 5.1 metres, its highest level since records began in 1987.")
    assert level.values["reference_date"] == ["1987"]
    (bridge,) = mentions_of(nlp, "The bridge in Korsa opened in 2019.")
    assert bridge.values["date"] == ["2019"] and "reference_date" not in bridge.values


def test_the_tense_of_a_dates_clause_picks_its_year(nlp):
    def dates(text):
        return [d for m in mentions_of(nlp, text, date="2025-03-07") for d in m.values.get("date", [])]

    assert dates("The storm hit Korsa on April 2.") == ["2024-04-02"]
    assert dates("A deal signed in Oslo on April 2 ended the strike.") == ["2024-04-02"]
    assert dates("Leaders will meet in Oslo on April 2.") == ["2025-04-02"]
    assert dates("More rain is forecast for Thursday.") == ["2025-03-13"]
    # a date inside a noun phrase is that noun's, not the verb's
    assert dates("The talks in Oslo came days before a May 12 deadline.") == ["2025-05-12"]
    # without a publication date a month and day keep no year
    (m,) = mentions_of(nlp, "The storm hit Korsa on April 2.")
    assert m.values["date"] == ["--04-02"]


def test_who_did_what_is_a_claim_without_a_figure_date_or_place(nlp):
    ms = mentions_of(nlp, "Senator Elizabeth Warren met Vice President Mike Pence for breakfast.")
    # people are named in full, without titles, for align.claims to map short forms onto
    assert ms and any({"elizabeth warren", "mike pence"} <= set(m.values.get("actor", [])) for m in ms)


def test_a_person_name_loses_titles_possessives_and_hyphens():
    from newsfold.nlp.claims import person_name

    assert person_name("Mr. Park Ji-hoon's") == "park ji hoon"
    assert person_name("President Ana Lund") == "ana lund"


def test_who_a_relative_clause_is_about_is_its_actor(nlp):
    ms = mentions_of(nlp, "The panel questioned Ilse Marenko, who was dismissed from the utility"
                          " in March 2024.")
    dismissed = [m for m in ms if "dismissed" in m.text]
    assert dismissed and "ilse marenko" in dismissed[0].values.get("actor", [])


def test_a_bare_attribution_is_no_claim_but_speech_keeps_its_speaker(nlp):
    ms = mentions_of(nlp, "The new rules are a mistake and will cost jobs, Angela Merkel said.")
    assert not any(m.text.strip(" ,.") in ("Angela Merkel said", "Merkel said") for m in ms)
    ms = mentions_of(nlp, "Angela Merkel said on Monday that the new rules would be delayed in Germany.")
    # what she said is told as her saying it, never in the claim's own voice
    assert all(m.text.startswith("Angela Merkel said") for m in ms if "delayed" in m.text)
    assert any("delayed" in m.text for m in ms)


def test_a_conjoined_verb_takes_its_subject_from_the_first(nlp):
    text = "Officials of the United Nations praised the talks but rejected the plan for a new border force."
    ms = mentions_of(nlp, text)
    rejected = [m for m in ms if "rejected" in m.text]
    assert rejected and any("united nations" in a for a in rejected[0].values.get("actor", []))


def test_a_noun_modifying_the_counted_noun_is_not_the_unit(nlp):
    (m,) = [m for m in mentions_of(nlp, "The council closed two road bridges into the old town of Korsa.")
            if m.values.get("quantity")]
    assert m.values["quantity"][0]["unit"] == "bridge"


def test_claims_read_the_parse_of_the_quotation_extraction(nlp):
    from newsfold.nlp.claims import claims_of_parses
    from newsfold.nlp.extract import extract_many

    text = ("About 340 homes were flooded in Velmora on Tuesday.\n\n"
            "“The dam will hold,” Mayor Ana Lund said on Wednesday.\n\n"
            "The council closed three bridges over the Vel.")
    article = Article(doc="a.txt", text=text, date="2025-11-05", outlet="Ledger")
    heard = {}
    shared = list(extract_many([article], nlp, on_parsed=lambda a, parsed: heard.setdefault(a.doc, parsed)))
    alone = list(extract_many([article], nlp))
    # every paragraph is parsed once, and the quotations are those of the usual extraction
    assert [start for start, _ in heard["a.txt"]] == [0, text.index("“"), text.index("The council")]
    assert [q.to_record() for q in shared[0].quotes] == [q.to_record() for q in alone[0].quotes]
    assert claims_of_parses(article, heard["a.txt"]) == find_claims([article], nlp)["a.txt"]
