"""The two databases the store runs on, behind one small interface: SQLite (a file) and PostgreSQL (a URL).

Everything above this module writes SQL once, with `?` placeholders and the subset both databases share
(`INSERT ... ON CONFLICT DO NOTHING`, `ON CONFLICT (...) DO UPDATE`, plain types), and gets rows back as
dicts. What differs, full-text search and locking, is asked of the backend by name.

SQLite runs in WAL mode: readers (the web app) never block the writer, and a commit is durable against a
killed process. Each unit of work is one `transaction()`: `BEGIN IMMEDIATE` on SQLite takes the write
lock up front, so two ingests into one file take turns instead of failing half-way.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

Row = dict[str, Any]


def is_postgres_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


class Database:
    """A connection to one store database. Not shared between threads; open one per thread."""

    dialect: str = ""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; returns the number of rows it changed."""
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run a query; returns its rows as dicts."""
        raise NotImplementedError

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One unit of work: committed whole when the block ends, rolled back whole if it raises."""
        raise NotImplementedError
        yield self

    @contextmanager
    def snapshot(self) -> Iterator[Database]:
        """A read-only transaction: every query inside sees the database as it was when it began."""
        raise NotImplementedError
        yield self

    def close(self) -> None:
        raise NotImplementedError


class SqliteDatabase(Database):
    dialect = "sqlite"

    def __init__(self, path: str, *, readonly: bool = False) -> None:
        self.path = path
        if readonly:
            uri = "file:" + path.replace("?", "%3f").replace("#", "%23") + "?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        # A writer waits for another writer's transaction instead of failing at once.
        self.conn.execute("PRAGMA busy_timeout = 60000")
        if not readonly:
            self.conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode: a commit survives a killed process; only a power cut can lose the last
            # commits, and never leaves the file inconsistent.
            self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        self._depth = 0
        self._lock = threading.RLock()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self.conn.execute(sql, tuple(params)).rowcount

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return [dict(r) for r in self.conn.execute(sql, tuple(params)).fetchall()]

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        with self._lock:
            if self._depth:  # nested: part of the enclosing unit of work
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self
            except BaseException:
                self._depth = 0
                self.conn.execute("ROLLBACK")
                raise
            self._depth = 0
            self.conn.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[Database]:
        with self._lock:
            if self._depth:
                yield self
                return
            self.conn.execute("BEGIN")  # deferred: a WAL reader takes no lock and sees one snapshot
            self._depth = 1
            try:
                yield self
            finally:
                self._depth = 0
                self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


_PLACEHOLDER = re.compile(r"\?")


class PostgresDatabase(Database):
    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise RuntimeError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from exc
        self.url = url
        self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        self._tx = None
        self._lock = threading.RLock()

    @staticmethod
    def _sql(sql: str) -> str:
        # The store's SQL never holds a literal '?' or '%', so the translation is a plain substitution.
        return _PLACEHOLDER.sub("%s", sql)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        cur = self.conn.execute(self._sql(sql), tuple(params), prepare=False)
        return cur.rowcount

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(self._sql(sql), [tuple(r) for r in rows])

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self.conn.execute(self._sql(sql), tuple(params)).fetchall())

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        with self._lock, self.conn.transaction():
            yield self

    @contextmanager
    def snapshot(self) -> Iterator[Database]:
        with self._lock, self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield self

    def lock(self, key: int) -> None:
        """Hold an advisory lock until the current transaction ends (one clustering at a time)."""
        self.execute("SELECT pg_advisory_xact_lock(?)", (key,))

    def close(self) -> None:
        self.conn.close()


def connect(db: str, *, readonly: bool = False) -> Database:
    """A connection to `db`: a `postgresql://` URL, or the path of a SQLite file (created when missing)."""
    if is_postgres_url(db):
        return PostgresDatabase(db)
    return SqliteDatabase(db, readonly=readonly)
