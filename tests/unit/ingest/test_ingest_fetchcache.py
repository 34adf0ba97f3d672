"""The fetch memory file: what goes in reads back; a damaged file is an empty memory, never an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfold.ingest import fetchcache
from newsfold.ingest.fetchcache import FetchCache, default_cache_path


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "fetch.json"
    cache = FetchCache(path)
    cache.remember("https://a.example/feed", '"e1"', "Wed, 15 Nov 2023 07:00:00 GMT")
    cache.remember("https://b.example/page", None, "Thu, 16 Nov 2023 07:00:00 GMT")
    cache.mark_seen("https://a.example/feed", ["k1", "k2", "k1"])
    cache.save()
    again = FetchCache(path)
    assert again.validators("https://a.example/feed") == {
        "etag": '"e1"',
        "last_modified": "Wed, 15 Nov 2023 07:00:00 GMT",
    }
    assert again.validators("https://b.example/page") == {"last_modified": "Thu, 16 Nov 2023 07:00:00 GMT"}
    assert again.validators("https://c.example/") == {}
    assert again.seen("https://a.example/feed", "k2") and not again.seen("https://b.example/page", "k2")
    again.forget("https://a.example/feed")
    again.save()
    assert FetchCache(path).validators("https://a.example/feed") == {}
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


@pytest.mark.parametrize(
    "content", ["", "{not json", "[1, 2]", '{"validators": [], "seen": {"f": "k"}}', "\x00\xff"]
)
def test_damaged_file_is_an_empty_memory(tmp_path: Path, content: str) -> None:
    path = tmp_path / "fetch.json"
    path.write_text(content, encoding="latin-1")
    cache = FetchCache(path)
    assert cache.validators("https://a.example/") == {}
    assert not cache.seen("f", "k")
    cache.mark_seen("f", ["k"])
    cache.save()
    assert json.loads(path.read_text())["seen"] == {"f": ["k"]}


def test_seen_keys_are_bounded_oldest_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetchcache, "MAX_SEEN_PER_FEED", 3)
    cache = FetchCache(tmp_path / "f.json")
    cache.mark_seen("feed", ["a", "b", "c", "d"])
    assert [cache.seen("feed", k) for k in "abcd"] == [False, True, True, True]


def test_default_path_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSFOLD_CACHE_DIR", str(tmp_path))
    assert default_cache_path() == tmp_path / "fetch.json"
    monkeypatch.delenv("NEWSFOLD_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if fetchcache.sys.platform.startswith("linux"):
        assert default_cache_path() == tmp_path / "xdg" / "newsfold" / "fetch.json"


def test_without_a_path_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cache = FetchCache()
    cache.remember("u", '"e"', None)
    cache.save()
    assert list(tmp_path.iterdir()) == []
    assert cache.validators("u") == {"etag": '"e"'}


def test_save_on_commit_writes_only_when_committed(tmp_path):
    from newsfold.ingest.fetchcache import FetchCache, SaveOnCommit

    path = tmp_path / "fetch.json"
    memory = SaveOnCommit(FetchCache(path))
    memory.mark_seen("https://news.example/feed", ["item-1"])
    memory.remember("https://news.example/feed", '"v1"', None)
    memory.save()  # what the reader calls as it goes: nothing reaches the file yet
    assert memory.seen("https://news.example/feed", "item-1") and not path.exists()
    memory.commit()
    again = FetchCache(path)
    assert again.seen("https://news.example/feed", "item-1")
    assert again.validators("https://news.example/feed")
