"""Create or upgrade a store's schema with the Alembic revisions shipped in the package."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

    from rasad.store.db import Store

SCRIPT_LOCATION = "rasad.store:migrations"
# The newest revision in migrations/versions. Knowing it without loading
# Alembic keeps every command's start-up cheap when the store is up to date;
# a test checks that it is Alembic's head.
HEAD = "0002"
# Any constant works; it only has to be the same for every rasad process.
_PG_MIGRATION_LOCK = 0x72617361644D


def alembic_config(conn: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str | None:
    """The head revision according to Alembic's scripts (slow: loads them)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(conn: Connection) -> str | None:
    """The store's revision, or None for a new (or pre-Alembic) database."""
    if not conn.dialect.has_table(conn, "alembic_version"):
        return None
    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()
    except DBAPIError:
        return None


def upgrade(store: Store) -> None:
    """Bring the schema to the latest revision; a no-op (one read) when it is there already.

    Two processes that open a new store at once must not both create it: the
    upgrade runs inside the store's write lock (``BEGIN IMMEDIATE`` on SQLite,
    an advisory lock on PostgreSQL) and checks the revision again once it
    holds it.
    """
    with store.read() as conn:
        if current_revision(conn) == HEAD:
            return
    from alembic import command

    with store.write() as conn:
        if not store.is_sqlite:
            conn.execute(text("SELECT pg_advisory_xact_lock(:n)"), {"n": _PG_MIGRATION_LOCK})
        if current_revision(conn) == HEAD:
            return
        command.upgrade(alembic_config(conn), "head")
