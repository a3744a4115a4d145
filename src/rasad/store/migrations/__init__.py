"""Alembic migrations of the event store, shipped inside the package so an installed rasad can upgrade a store."""
