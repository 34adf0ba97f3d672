"""The analysis tasks of a folder of article files: every file once, and about equal bytes per task."""

import pytest

pytest.importorskip("pandas")  # newsfold.spark.job imports the stages, which need the spark extra

from newsfold.spark.job import _balanced, _one_article  # noqa: E402


def _slices(tasks, n):
    k = len(tasks)
    return [tasks[i * k // n : (i + 1) * k // n] for i in range(n)]  # as SparkContext.parallelize cuts


def test_tasks_carry_every_file_once_and_even_bytes(tmp_path):
    sizes = [5000, 4800, 4700, 4000, 3900] * 4 + [100, 120, 90, 110, 130] * 4  # the long ones first
    files = []
    for i, size in enumerate(sizes):
        p = tmp_path / f"{i:03d}.txt"
        p.write_text("x" * size)
        files.append(str(p))
    tasks = _balanced(files, 4)
    assert sorted(tasks) == list(enumerate(files))  # each file once, with its place in the input
    loads = [sum(sizes[i] for i, _ in s) for s in _slices(tasks, 4)]
    naive = [sum(sizes[i] for i, _ in s) for s in _slices(list(enumerate(files)), 4)]
    assert max(loads) - min(loads) < (max(naive) - min(naive)) / 4
    assert max(loads) <= 1.1 * sum(sizes) / 4


def test_a_missing_file_is_still_a_task_and_fewer_files_than_tasks_work(tmp_path):
    (tmp_path / "a.txt").write_text("some words")
    files = [str(tmp_path / "a.txt"), str(tmp_path / "gone.txt")]
    assert sorted(_balanced(files, 3)) == list(enumerate(files))
    assert _balanced([], 2) == []


def test_only_single_article_files_skip_the_shuffle():
    assert _one_article("/x/a.txt") and _one_article("/x/B.HTML")
    assert not _one_article("/x/articles.jsonl") and not _one_article("/x/crawl.warc.gz")
