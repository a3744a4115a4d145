"""Alembic environment: runs on the connection that :func:`rasad.store.migrate.upgrade` passes in.

There is no ``alembic.ini`` to edit and no URL here: the store decides where
the database is, and the caller holds the transaction (and the lock that
keeps two processes from migrating at once).
"""

from __future__ import annotations

from alembic import context

from rasad.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("rasad store migrations run through rasad.store.migrate.upgrade(), not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things in place; batch mode rebuilds the table.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
