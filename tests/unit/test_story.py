"""newsfold.story without the language model: which articles form a story, and safe folder names."""

from newsfold.models import Article
from newsfold.story import folder_name, group_stories

QUAKE = ("A magnitude 6.1 earthquake struck Qeshm island off southern Iran on Sunday, killing ten people in "
         "the village of Zirang, Governor Ahmad Karimi said. Rescue teams searched the rubble overnight.")
REHAB = ("Actress Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage on Thursday to begin 90 "
         "days of court-ordered rehab, her lawyer Shawn Holley said in a statement.")


def test_the_index_names_the_stories_unless_told_to_regroup():
    arts = [Article("a", QUAKE, story="one"), Article("b", REHAB, story="one"),
            Article("c", QUAKE, story="two")]
    stories, copies = group_stories(arts)
    assert stories == {"one": ["a", "b"], "two": ["c"]}
    assert copies == {}  # c copies a, but they are not in one story
    stories, copies = group_stories(arts, regroup=True)
    assert sorted(stories.values()) == [["a", "c"], ["b"]]
    assert copies == {"c": "a"}


def test_without_a_story_on_every_article_the_clustering_decides():
    arts = [Article("a", QUAKE, story="one"), Article("b", REHAB), Article("c", QUAKE)]
    stories, copies = group_stories(arts)
    assert sorted(stories.values()) == [["a", "c"], ["b"]] and copies == {"c": "a"}


def test_folder_names_stay_inside_the_output():
    assert folder_name("velmora-flood") == "velmora-flood"
    assert folder_name("../../etc/passwd") == "etc-passwd"
    assert folder_name("a story: part 2") == "a-story-part-2"
    assert folder_name("...") == "story"
    assert len(folder_name("x" * 500)) == 80


def test_articles_sharing_a_doc_id_are_all_read_under_ids_of_their_own(tmp_path):
    import json

    from newsfold.story import read_articles

    feed = tmp_path / "dup.jsonl"
    feed.write_text(json.dumps({"id": "d1", "outlet": "Daily A", "text": QUAKE}) + "\n"
                    + json.dumps({"id": "d1", "outlet": "Courier B", "text": REHAB}) + "\n", encoding="utf-8")
    warnings: list[str] = []
    articles, failures = read_articles([str(feed)], on_warning=warnings.append)
    assert failures == []
    assert [(a.doc[:3], a.outlet, a.text) for a in articles] == [("d1", "Daily A", QUAKE),
                                                                  ("d1@", "Courier B", REHAB)]
    assert len(warnings) == 1 and warnings[0].startswith(f"{feed}:2: the doc id 'd1' is taken")
    assert articles[1].doc in warnings[0]


def test_an_article_too_long_to_analyse_is_refused_before_any_parsing(monkeypatch):
    from newsfold import pipeline
    from newsfold.story import analyse_chunk

    def no_model():
        raise AssertionError("the language model was asked for")

    monkeypatch.setattr(pipeline, "_model", no_model)
    huge = Article("huge", ("“The dam will hold,” Mayor Ana Lund said. " * 80_000)[:3_000_000])
    for results in (pipeline.extract_chunk([huge]), analyse_chunk([huge]),
                    analyse_chunk([Article("a", QUAKE), Article("b", REHAB)], max_chars=100)):
        assert results and all(r.error.code == "NF109" for r in results)
    [refusal] = pipeline.extract_chunk([huge])
    assert refusal.line() == ("NF109 huge: 3000000 characters to analyse, over the cap of 2000000 "
                              "(raise it with --max-chars)")


def test_cluster_paths_beyond_a_segment_spills_to_disk_and_gives_the_same_stories(tmp_path, monkeypatch):
    import json
    import tempfile

    from newsfold.align.stories import cluster_articles
    from newsfold.story import cluster_paths, read_articles

    places = ["Tarvel", "Osrana", "Belmora", "Caldwick", "Nemstad"]
    index = tmp_path / "articles.jsonl"
    with open(index, "w", encoding="utf-8") as fh:
        for k, place in enumerate(places):
            for t, (day, title) in enumerate([(1, "Bridge closes"), (2, None), (3, "Repairs begin")]):
                doc = f"{place.lower()}-{t}.txt"
                (tmp_path / doc).write_text(
                    f"The old bridge at {place} shut on day {t} after engineers from {place} found cracked "
                    f"girders; Mayor {place}son said crews from {place} would start repairs.",
                    encoding="utf-8")
                # newest story first and one article undated: the date order is not the input's
                date = None if (k, t) == (2, 1) else f"2024-03-{20 - 3 * k + day:02d}"
                fh.write(json.dumps({"doc": doc, "date": date, "title": title}) + "\n")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    got, failures = cluster_paths([str(index)], segment=4)
    assert not failures
    assert list(scratch.iterdir())  # the articles went to the scratch file...
    got = list(got)
    assert not list(scratch.iterdir())  # ...which is gone once the assignments are read
    articles, _ = read_articles([str(index)])
    assert got == cluster_articles(articles, segment=4)
    assert [a.doc for a in got] == [a.doc for a in articles]
    assert len({a.story for a in got}) >= 4  # not one heap: there is something to get wrong

    small, _ = cluster_paths([str(index)])  # one segment: in memory, as cluster_articles does it
    assert list(small) == cluster_articles(articles)
