"""Initial schema: documents, events, persons, places, clusters, failures.

Revision ID: 0001
Revises:
Create Date: 2024-06-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _fk(table: str, column: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}",
                                   ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("command", sa.String(32), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("read", sa.Integer(), nullable=False),
        sa.Column("new", sa.Integer(), nullable=False),
        sa.Column("duplicate", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_runs"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(2100), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("doc_id", sa.String(512), nullable=False),
        sa.Column("url", sa.String(2048), nullable=True),
        sa.Column("origin", sa.String(2048), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("outlet", sa.String(512), nullable=True),
        sa.Column("outlet_norm", sa.String(512), nullable=True),
        sa.Column("home_country", sa.String(8), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.Column("analysed_at", sa.DateTime(), nullable=False),
        sa.Column("analyser", sa.String(64), nullable=False),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("content_hash", name="uq_documents_content_hash"),
        sa.UniqueConstraint("key", name="uq_documents_key"),
    )
    op.create_index("ix_documents_doc_id", "documents", ["doc_id"])
    op.create_index("ix_documents_outlet_norm", "documents", ["outlet_norm"])
    op.create_index("ix_documents_published", "documents", ["published"])

    op.create_table(
        "persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(600), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("name_en", sa.String(512), nullable=True),
        sa.Column("name_norm", sa.String(512), nullable=False),
        sa.Column("name_en_norm", sa.String(512), nullable=True),
        sa.Column("country", sa.String(8), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_persons"),
        sa.UniqueConstraint("key", name="uq_persons_key"),
    )
    op.create_index("ix_persons_name_norm", "persons", ["name_norm"])
    op.create_index("ix_persons_name_en_norm", "persons", ["name_en_norm"])

    op.create_table(
        "places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("country", sa.String(8), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_places"),
        sa.UniqueConstraint("key", name="uq_places_key"),
    )

    op.create_table(
        "document_persons",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(255), nullable=True),
        sa.Column("sector", sa.String(8), nullable=True),
        _fk("document_persons", "document_id", "documents", "CASCADE"),
        _fk("document_persons", "person_id", "persons"),
        sa.PrimaryKeyConstraint("document_id", "person_id", name="pk_document_persons"),
    )
    op.create_index("ix_document_persons_person_id", "document_persons", ["person_id"])

    op.create_table(
        "clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("pair_a", sa.String(8), nullable=False),
        sa.Column("pair_b", sa.String(8), nullable=False),
        sa.Column("pair", sa.String(20), nullable=False),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("ref_date", sa.Date(), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("location_country", sa.String(8), nullable=True),
        sa.Column("first_reported", sa.Date(), nullable=True),
        sa.Column("first_document_id", sa.Integer(), nullable=True),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("goldstein", sa.Float(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _fk("clusters", "first_document_id", "documents", "SET NULL"),
        _fk("clusters", "place_id", "places"),
        sa.PrimaryKeyConstraint("id", name="pk_clusters"),
    )
    op.create_index("ix_clusters_match", "clusters", ["type", "pair_a", "pair_b", "date_start"])
    op.create_index("ix_clusters_pair_ref", "clusters", ["pair", "ref_date", "type", "goldstein"])
    op.create_index("ix_clusters_a_ref", "clusters", ["pair_a", "ref_date", "type", "goldstein"])
    op.create_index("ix_clusters_b_ref", "clusters", ["pair_b", "ref_date", "type", "goldstein"])
    op.create_index("ix_clusters_ref_date", "clusters", ["ref_date"])

    op.create_table(
        "failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("doc_id", sa.String(512), nullable=False),
        sa.Column("source", sa.String(2048), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("failures", "run_id", "ingest_runs", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_failures"),
    )
    op.create_index("ix_failures_created_at", "failures", ["created_at"])
    op.create_index("ix_failures_run_id", "failures", ["run_id"])

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("cameo", sa.String(8), nullable=False),
        sa.Column("plover", sa.String(16), nullable=False),
        sa.Column("plover_mode", sa.String(32), nullable=True),
        sa.Column("source_country", sa.String(8), nullable=False),
        sa.Column("source_sector", sa.String(8), nullable=True),
        sa.Column("source_text", sa.Text(), nullable=True),
        sa.Column("target_country", sa.String(8), nullable=False),
        sa.Column("target_sector", sa.String(8), nullable=True),
        sa.Column("target_text", sa.Text(), nullable=True),
        sa.Column("pair_a", sa.String(8), nullable=False),
        sa.Column("pair_b", sa.String(8), nullable=False),
        sa.Column("pair", sa.String(20), nullable=False),
        sa.Column("location_country", sa.String(8), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("ref_date", sa.Date(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("goldstein", sa.Float(), nullable=False),
        sa.Column("trigger", sa.String(255), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("evidence_norm", sa.Text(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=True),
        sa.Column("cluster_id", sa.Integer(), nullable=True),
        _fk("events", "cluster_id", "clusters", "SET NULL"),
        _fk("events", "document_id", "documents", "CASCADE"),
        _fk("events", "place_id", "places"),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("document_id", "ordinal", name="uq_events_document_id_ordinal"),
    )
    op.create_index("ix_events_cluster_id", "events", ["cluster_id"])
    op.create_index("ix_events_pair_date", "events", ["pair", "ref_date", "type", "goldstein"])
    op.create_index("ix_events_source_date", "events", ["source_country", "ref_date", "type", "goldstein"])
    op.create_index("ix_events_target_date", "events", ["target_country", "ref_date", "type", "goldstein"])
    op.create_index("ix_events_type_date", "events", ["type", "ref_date"])
    op.create_index("ix_events_ref_date", "events", ["ref_date"])

    op.create_table(
        "event_persons",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(255), nullable=True),
        sa.Column("sector", sa.String(8), nullable=True),
        _fk("event_persons", "event_id", "events", "CASCADE"),
        _fk("event_persons", "person_id", "persons"),
        sa.PrimaryKeyConstraint("event_id", "person_id", name="pk_event_persons"),
    )
    op.create_index("ix_event_persons_person_id", "event_persons", ["person_id"])


def downgrade() -> None:
    for table in ("event_persons", "events", "failures", "clusters", "document_persons", "places",
                  "persons", "documents", "ingest_runs", "settings"):
        op.drop_table(table)
