"""What newsfold remembers between fetches: validators for conditional requests, feed items already read.

With it a feed read again asks `If-None-Match` / `If-Modified-Since` and gets a bodiless 304 when
nothing changed, and when it did change only the items not seen before are fetched. The memory is a
small JSON file (under the user's cache folder by default); anything with the `FetchMemory` methods
can stand in for it, such as a table in newsfold's database.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

# Enough for a busy feed's items over months; older keys drop off first (a feed lists only its newest).
MAX_SEEN_PER_FEED = 5000


class FetchMemory(Protocol):
    """The memory the fetcher reads and updates; `save` is called after each URL given is done."""

    def validators(self, url: str) -> dict[str, str]: ...

    def remember(self, url: str, etag: str | None, last_modified: str | None) -> None: ...

    def forget(self, url: str) -> None: ...

    def seen(self, feed: str, key: str) -> bool: ...

    def mark_seen(self, feed: str, keys: Iterable[str]) -> None: ...

    def save(self) -> None: ...


def default_cache_path() -> Path:
    """`$NEWSFOLD_CACHE_DIR/fetch.json`, else newsfold's folder in the platform's user cache folder."""
    if os.environ.get("NEWSFOLD_CACHE_DIR"):
        return Path(os.environ["NEWSFOLD_CACHE_DIR"]) / "fetch.json"
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "newsfold" / "fetch.json"


class FetchCache:
    """The JSON-file FetchMemory. A missing or unreadable file is an empty memory: the worst that costs
    is fetching again what was fetched before, never losing an item."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._validators: dict[str, dict[str, str]] = {}
        self._seen: dict[str, list[str]] = {}
        self._seen_sets: dict[str, set[str]] = {}
        self._dirty = False
        if self.path is not None:
            self._load(self.path)

    def _load(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(data, dict):
            return
        validators = data.get("validators")
        if isinstance(validators, dict):
            self._validators = {
                str(url): {k: str(v) for k, v in val.items() if k in ("etag", "last_modified") and v}
                for url, val in validators.items()
                if isinstance(val, dict)
            }
        seen = data.get("seen")
        if isinstance(seen, dict):
            self._seen = {
                str(f): [str(k) for k in keys] for f, keys in seen.items() if isinstance(keys, list)
            }
            self._seen_sets = {f: set(keys) for f, keys in self._seen.items()}

    def validators(self, url: str) -> dict[str, str]:
        """The `etag` and `last_modified` remembered for `url` (either may be missing)."""
        return dict(self._validators.get(url, {}))

    def remember(self, url: str, etag: str | None, last_modified: str | None) -> None:
        val = {k: v for k, v in (("etag", etag), ("last_modified", last_modified)) if v}
        if val:
            self._validators[url] = val
        else:
            self._validators.pop(url, None)
        self._dirty = True

    def forget(self, url: str) -> None:
        if self._validators.pop(url, None) is not None:
            self._dirty = True

    def seen(self, feed: str, key: str) -> bool:
        return key in self._seen_sets.get(feed, ())

    def mark_seen(self, feed: str, keys: Iterable[str]) -> None:
        listed = self._seen.setdefault(feed, [])
        known = self._seen_sets.setdefault(feed, set())
        for key in keys:
            if key not in known:
                listed.append(key)
                known.add(key)
                self._dirty = True
        if len(listed) > MAX_SEEN_PER_FEED:
            del listed[: len(listed) - MAX_SEEN_PER_FEED]
            self._seen_sets[feed] = set(listed)

    def save(self) -> None:
        """Write the file atomically (a crash leaves the old file or the new one, never half of one)."""
        if self.path is None or not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(
            {"version": 1, "validators": self._validators, "seen": self._seen},
            ensure_ascii=False,
            sort_keys=True,
        )
        fd, tmp = tempfile.mkstemp(prefix=".fetch-", suffix=".json", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(payload)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._dirty = False


class SaveOnCommit:
    """A FetchMemory that reaches its file only on `commit()`.

    `newsfold ingest` reads every article before it stores them. Were the memory saved as items are read,
    a run killed between reading and storing would have marked as seen items it never stored, and the
    next run would skip them: lost. Saved only once the run has stored what it read, a killed run leaves
    the old memory, the next run fetches those items again, and the store's content-hash ids keep them
    from being stored twice.
    """

    def __init__(self, inner: FetchCache) -> None:
        self.inner = inner

    def validators(self, url: str) -> dict[str, str]:
        return self.inner.validators(url)

    def remember(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.inner.remember(url, etag, last_modified)

    def forget(self, url: str) -> None:
        self.inner.forget(url)

    def seen(self, feed: str, key: str) -> bool:
        return self.inner.seen(feed, key)

    def mark_seen(self, feed: str, keys: Iterable[str]) -> None:
        self.inner.mark_seen(feed, keys)

    def save(self) -> None:
        """Not yet: see `commit`."""

    def commit(self) -> None:
        """Write the memory now that what was read is stored."""
        self.inner.save()
