"""Where the store lives and how to talk to it.

SQLite is the default: one file, WAL journal (readers never block the
writer), a busy timeout, and write transactions that take the write lock at
``BEGIN`` (``BEGIN IMMEDIATE``). Without the last, two ingests that both read
before writing would fail with "database is locked" instead of waiting: a
deferred transaction cannot wait for a lock once its snapshot is stale.

PostgreSQL is reached through a ``postgresql://`` URL (psycopg 3). Writers
that touch the same clusters serialise on advisory locks (see
:meth:`Store.lock_keys`).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

DEFAULT_DB = "rasad.db"
ENV_DB = "RASAD_DB"
BUSY_TIMEOUT_S = 60.0


class StoreError(Exception):
    """A store that cannot be opened or used, with a message a person can act on."""


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """The SQLAlchemy URL for ``--db``: a path or URL, else ``$RASAD_DB``, else ``./rasad.db``."""
    value = str(db) if db not in (None, "") else os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    scheme, rest = value.split("://", 1)
    if scheme in ("postgresql", "postgres", "postgresql+psycopg2"):
        # psycopg 3 is the driver the project installs.
        return f"postgresql+psycopg://{rest}"
    return value


def describe_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # a malformed URL is reported by create_engine later
        return url


def _enable_wal(cur: Any) -> None:
    """Switch a new database file to WAL. The switch needs the file to itself and SQLite
    does not always wait for it through the busy timeout, so two processes creating one
    store at once retry here instead of failing with "database is locked"."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_engine(url: str, *, deferred: bool) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        # Hand transaction control to us: pysqlite would otherwise BEGIN lazily,
        # deferred, on the first write.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        _enable_wal(cur)
        # NORMAL is safe in WAL mode against a killed process (only a power cut
        # can lose the last commits, never corrupt the file).
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")

    return engine


class Store:
    """An open event store: engines for writing and reading, and the schema at the latest revision."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        self.dialect = make_url(url).get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise StoreError(f"unsupported database {describe_url(url)}: use a file path or a postgresql:// URL")
        if self.is_sqlite:
            path = make_url(url).database
            if path and path != ":memory:":
                parent = Path(path).parent
                if not parent.is_dir():
                    raise StoreError(f"cannot create the store {path}: no such directory {parent}")
            self.engine = _sqlite_engine(url, deferred=False)
            self.read_engine = _sqlite_engine(url, deferred=True)
        else:
            self.engine = create_engine(url, pool_pre_ping=True)
            self.read_engine = self.engine
        if migrate:
            from rasad.store.migrate import upgrade

            upgrade(self)

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def __repr__(self) -> str:
        return f"Store({describe_url(self.url)})"

    def close(self) -> None:
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: committed when the block ends, rolled back on any exception."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.read_engine.connect() as conn:
            yield conn

    @contextmanager
    def session(self) -> Iterator[Session]:
        """An ORM session in one transaction (for scripts and tests; the hot paths use Core)."""
        with Session(self.engine) as session, session.begin():
            yield session

    def lock_keys(self, conn: Connection, keys: Iterable[str]) -> None:
        """Serialise writers that touch the same keys until the transaction ends.

        SQLite needs nothing: ``BEGIN IMMEDIATE`` already lets one writer in
        at a time. PostgreSQL gets transaction-scoped advisory locks, taken in
        sorted order so that two writers cannot deadlock on them.
        """
        if self.is_sqlite:
            return
        numbers = sorted({int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)
                          for key in keys})
        if numbers:
            # One round trip for all of them, taken in the sorted order of the subquery.
            conn.execute(text("SELECT count(pg_advisory_xact_lock(n)) FROM "
                              "(SELECT n FROM unnest(CAST(:ns AS bigint[])) AS n ORDER BY n) AS sorted_keys"),
                         {"ns": numbers})

    def size_bytes(self) -> int:
        """Bytes the store takes on disk (the database file and its WAL, or the PostgreSQL database)."""
        if self.is_sqlite:
            path = make_url(self.url).database or ""
            return sum(_file_size(p) for p in (path, path + "-wal"))
        with self.read() as conn:
            return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())


def open_store(db: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Store:
    """Open (and create or upgrade) the store at ``db``; see :func:`resolve_url`."""
    url = resolve_url(db)
    try:
        return Store(url, migrate=migrate)
    except StoreError:
        raise
    except Exception as exc:
        raise StoreError(f"cannot open the store {describe_url(url)}: {type(exc).__name__}: {exc}") from exc


def _file_size(path: str) -> int:
    """A file's size, 0 when it is not there: SQLite removes its WAL file when the last
    connection closes, possibly between a check and a read."""
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
