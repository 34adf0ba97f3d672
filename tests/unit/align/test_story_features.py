"""Story clustering's graph is exact: the same whatever order or batches its sums are made in."""

from __future__ import annotations

import numpy as np
import pytest

from newsfold.align import story_features as f
from newsfold.align import story_terms
from newsfold.align.minhash import bucket_pairs, lsh_pairs


def _entries(rng: np.random.Generator, articles: int, vocab: int = 30):
    """Random entries, each article's together: (doc, block, term, count)."""
    doc, block, term, count = [], [], [], []
    for i in range(articles):
        for b in range(len(f.BLOCKS)):
            terms = rng.choice(vocab, size=rng.integers(0, 8), replace=False)
            doc += [i] * len(terms)
            block += [b] * len(terms)
            term += [b * vocab + int(t) for t in terms]
            count += rng.integers(1, 6, size=len(terms)).tolist()
    arrays = [np.asarray(x, dtype=np.int64) for x in (doc, block, term, count)]
    df = np.bincount(arrays[2], minlength=len(f.BLOCKS) * vocab)[arrays[2]]
    return (*arrays, df)


def test_weights_do_not_depend_on_the_batch_or_the_order_of_an_articles_entries():
    rng = np.random.default_rng(3)
    doc, block, term, count, df = _entries(rng, 40)
    whole = f.quantised_weights(doc, block, count, df, 40)
    # Article by article, each article's entries shuffled within their block: the same integers.
    for i in range(40):
        where = np.flatnonzero(doc == i)
        for b in range(len(f.BLOCKS)):
            part = where[block[where] == b]
            perm = rng.permutation(len(part))
            d, b, c, n = doc[part][perm], block[part][perm], count[part][perm], df[part][perm]
            alone = f.quantised_weights(d, b, c, n, 40)
            assert np.array_equal(alone, whole[part][perm])
    assert whole.max() <= 1 << f.QUANT_BITS
    # Terms of one article alone weigh nothing, but in the blocks that only veto (headline figures, days).
    rare = df < f.MIN_DF
    assert (whole[rare & (block < story_terms.FIGURES)] == 0).all()
    assert (whole[rare & (block >= story_terms.FIGURES)] > 0).all()


def test_a_blocks_weights_are_a_unit_vector():
    doc = np.zeros(3, dtype=np.int64)
    block = np.zeros(3, dtype=np.int64)
    q = f.quantised_weights(doc, block, np.array([1, 1, 1]), np.array([2, 2, 2]), 10)
    assert q.tolist() == [round((1 << f.QUANT_BITS) / 3**0.5)] * 3


def test_blocking_keeps_the_strongest_terms_ties_to_the_earlier_entry():
    doc = np.array([0, 0, 0, 0, 1, 1], dtype=np.int64)
    block = np.array([0, 0, 2, 0, 0, 0], dtype=np.int64)  # block 2 (numbers) counts half
    q = np.array([5, 9, 6, 5, 3, 0], dtype=np.int64)
    df = np.array([2, 2, 2, 2, 2, 2], dtype=np.int64)
    mask, weight = f.blocking(doc, block, q, df, terms=2)
    # 9 (words, 2·81); then 5 (words, 2·25) before the later 5, and before 6 (numbers, 1·36)
    assert mask.tolist() == [True, True, False, False, True, False]
    assert weight.tolist() == [10, 18, 6, 10, 6, 0]
    # A term in more articles than max_df is never blocked on.
    mask, _ = f.blocking(doc, block, q, np.array([2, 9, 2, 2, 2, 2]), terms=2, max_df=5)
    assert mask.tolist() == [True, False, False, True, True, False]


def test_neighbours_are_the_best_scores_ties_to_the_lower_index(monkeypatch):
    monkeypatch.setattr(f, "NEIGHBOURS", 2)
    rng = np.random.default_rng(5)
    n = 30
    doc = np.repeat(np.arange(n), 4)
    term = rng.integers(0, 12, size=len(doc))
    keep = np.unique(np.stack([doc, term], axis=1), axis=0)
    doc, term = keep[:, 0], keep[:, 1]
    weight = rng.integers(1, 3, size=len(doc))  # small values: many tied scores
    q = rng.integers(1, 3, size=len(doc))
    got = f.neighbour_pairs(doc, term, weight, q, n)
    w = np.zeros((n, 12), dtype=np.int64)
    v = np.zeros((n, 12), dtype=np.int64)
    w[doc, term] = weight
    v[doc, term] = q
    scores = w @ v.T
    expected = set()
    for i in range(n):
        ranked = sorted((-scores[i, j], j) for j in range(n) if j != i and scores[i, j] > 0)
        expected |= {(min(i, j), max(i, j)) for _, j in ranked[:2]}
    assert {tuple(p) for p in got.tolist()} == expected


def test_similarity_is_the_weighted_mean_over_blocks_both_articles_have():
    texts = ["Ana Lund opened the bridge in Tarvel on Monday with 300 workers.",
             "Ana Lund opened the bridge in Tarvel with the workers.",
             "Rain fell on the hills of Osrana for a third day."] * 2
    g = f.segment_graph(texts)
    sims = f.pair_similarity(g.vectors, np.array([[0, 3], [0, 1], [0, 2]]))
    assert sims[0] == pytest.approx(1.0, abs=1e-5)  # the same text
    assert 0.3 < sims[1] < 1.0
    assert sims[2] < sims[1]
    assert {(0, 3), (1, 4), (2, 5)} <= {tuple(p) for p in g.copies.tolist()}
    assert (g.copy_jaccard == 1.0).all()


def test_a_large_lsh_bucket_is_chained_not_paired_all_ways():
    all_ways = [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]
    assert bucket_pairs(np.arange(4), max_bucket=5).tolist() == all_ways
    assert bucket_pairs(np.arange(4), max_bucket=3).tolist() == [[0, 1], [1, 2], [2, 3]]
    sig = np.zeros((60, 64), dtype=np.uint32)  # sixty identical signatures: one bucket per band
    assert len(lsh_pairs(sig, 16)) == 59


def test_the_lead_is_the_texts_first_tokens():
    text = "Dam opens at Varn.\n\nThe new dam on the Osk river opened on Monday, 40 years late."
    assert story_terms.lead(text, 4) == "Dam opens at Varn"
    assert story_terms.lead(text, 100) == text
    assert story_terms.lead("", 5) == ""


def _block(text: str, name: str) -> dict[str, int]:
    blocks, terms, counts, _ = f.article_terms(text, {"varn", "osk", "tula", "adams"})
    b = f.BLOCKS.index(name)
    return {t: c for k, t, c in zip(blocks, terms, counts, strict=True) if k == b}


def test_the_titles_words_and_names_weigh_again_in_the_lead_block_and_the_tail_does_not():
    body = " ".join(["The ferry crews rested."] * 10) + " Tula hosted the regatta."
    lead = _block("Dam opens at Varn\n\n" + body, "lead")
    assert {"dam", "open", "varn"} <= set(lead)
    assert "regatta" not in lead and "tula" not in lead  # the body's tail is not in the lead
    assert "regatta" in _block("Dam opens at Varn\n\n" + body, "words")


def test_content_words_are_stemmed_names_are_not():
    words = _block("Vaccines were shipped; the vaccine ships today.", "words")
    assert words["vaccin"] == 2 and words["ship"] == 2
    assert "adams" in _block("The count was led by Adams in the hall.", "names")


def test_a_shared_headline_brings_two_angles_on_one_event_closer(monkeypatch):
    texts = ["Osk dam opens after forty years\n\nFarmers downstream welcomed water for the dry fields.",
             "Osk dam opens after forty years\n\nEngineers praised the concrete and the turbines.",
             "Farmers welcomed the rain on the dry fields near Tula.",
             "Engineers praised the turbines of the new Tula mill."]
    g = f.segment_graph(texts)
    pairs = np.array([[0, 1]])
    with_lead = f.pair_similarity(g.vectors, pairs)[0]
    monkeypatch.setitem(f.BLOCK_WEIGHTS, "lead", 0.0)
    assert with_lead > f.pair_similarity(g.vectors, pairs)[0]


def test_headline_figures_are_counts_of_a_thousand_or_more_in_the_lead():
    text = "Claims at Varn fell to 412,000 at 10:30 on 5/3 in 2021, 40 more\n\n" + "The port rested. " * 30
    assert _block(text, "figures") == {"412000": 1}
    assert _block(text + " Then 98,000 more.", "figures") == {"412000": 1}  # the body's tail is not the lead
    assert story_terms.figure("1500") and not story_terms.figure("2.5")


def test_two_reports_of_one_series_with_different_headline_figures_are_not_alike():
    week = "Osk port claims {} last week\n\nDockers at the Osk port filed {} claims for the week, it said."
    texts = [week.format("rise to 41,200", "41,200"), week.format("climb to 41,200", "41,200"),
             week.format("fall to 38,900", "38,900"), "Tula mill opens\n\nThe mill at Tula opened."]
    g = f.segment_graph(texts)
    same, other = f.pair_similarity(g.vectors, np.array([[0, 1], [0, 2]]))
    assert same > 0.5
    assert other == 0.0  # both lead with a figure and share none: a different week's report
    # Without figures to compare (one side has none), the pair is scored on its words as before.
    assert f.pair_similarity(g.vectors, np.array([[0, 3]]))[0] < same


def test_two_reports_naming_different_weekdays_in_their_leads_score_less(monkeypatch):
    texts = ["Varn council votes on the Osk bridge Tuesday\n\nThe council of Varn met on the bridge plan.",
             "Varn council votes on the Osk bridge Tuesday\n\nThe council of Varn debated the bridge plan.",
             "Varn council votes on the Osk bridge Friday\n\nThe council of Varn met on the bridge plan.",
             "Tula mill opens\n\nThe mill at Tula opened."]
    assert _block(texts[0], "days") == {"tue": 1}
    g = f.segment_graph(texts)
    pairs = np.array([[0, 1], [0, 2]])
    same_day, other_day = f.pair_similarity(g.vectors, pairs)
    monkeypatch.setattr(f, "DAY_CONFLICT", 1.0)
    unvetoed = f.pair_similarity(g.vectors, pairs)
    assert unvetoed[0] == same_day  # the same day named: no change
    assert other_day == pytest.approx(unvetoed[1] * 0.75)
    assert other_day < same_day
