"""Agreement and cooperation content: areas, instrument, first, visit level and duration.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03

``events.fields`` becomes ``events.areas`` (it held the same codes); every
area also gets a row in ``event_areas`` so that an area filter is an index
lookup. Stores written before this revision have areas at most: their
instruments, first-visit flags, levels and durations appear after
``rasad reprocess``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from rasad.store.content import ordered_areas

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

_EVENTS = sa.table("events", sa.column("id", sa.Integer()), sa.column("cluster_id", sa.Integer()),
                   sa.column("areas", sa.JSON()))
_EVENT_AREAS = sa.table("event_areas", sa.column("event_id", sa.Integer()), sa.column("area", sa.String()))
_CLUSTERS = sa.table("clusters", sa.column("id", sa.Integer()), sa.column("areas", sa.JSON()))


def upgrade() -> None:
    # The same statement on SQLite (3.25 and later) and PostgreSQL, and no table copy.
    op.execute("ALTER TABLE events RENAME COLUMN fields TO areas")
    op.add_column("events", sa.Column("instrument", sa.String(16), nullable=True))
    op.add_column("events", sa.Column("first", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("events", sa.Column("level", sa.String(24), nullable=True))
    op.add_column("events", sa.Column("duration_days", sa.Integer(), nullable=True))
    op.add_column("events", sa.Column("content_evidence", sa.JSON(), nullable=True))
    op.add_column("clusters", sa.Column("areas", sa.JSON(), nullable=True))
    op.add_column("clusters", sa.Column("instrument", sa.String(16), nullable=True))
    op.create_table(
        "event_areas",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(24), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name="fk_event_areas_event_id_events",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "area", name="pk_event_areas"),
    )
    op.create_index("ix_event_areas_area", "event_areas", ["area", "event_id"])
    _copy_areas()


def _copy_areas() -> None:
    """Rows in ``event_areas`` and the clusters' union for areas stored before this revision."""
    conn = op.get_bind()
    links: list[dict[str, object]] = []
    by_cluster: dict[int, set[str]] = {}
    for event_id, cluster_id, areas in conn.execute(sa.select(_EVENTS.c.id, _EVENTS.c.cluster_id, _EVENTS.c.areas)):
        for area in dict.fromkeys(areas or ()):
            links.append({"event_id": event_id, "area": area})
            if cluster_id is not None:
                by_cluster.setdefault(cluster_id, set()).add(area)
    if links:
        conn.execute(sa.insert(_EVENT_AREAS), links)
    for cluster_id, areas in by_cluster.items():
        conn.execute(sa.update(_CLUSTERS).where(_CLUSTERS.c.id == cluster_id).values(areas=ordered_areas(areas)))


def downgrade() -> None:
    op.drop_index("ix_event_areas_area", table_name="event_areas")
    op.drop_table("event_areas")
    for table, column in (("clusters", "instrument"), ("clusters", "areas"), ("events", "content_evidence"),
                          ("events", "duration_days"), ("events", "level"), ("events", "first"),
                          ("events", "instrument")):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
    op.execute("ALTER TABLE events RENAME COLUMN areas TO fields")
