"""The tables of the event store.

Events are stored one row per *mention* (one event as one document reports
it); a :class:`Cluster` is one real-world event that several mentions, often
from several outlets, describe. The columns that queries filter on are copied
onto the event row (pair, date, sectors) so that the common questions are
answered from one index without joins.

Schema changes go through Alembic (``migrations/versions``); a test compares
these models with the migrated database on every backend, so the two cannot
drift apart silently.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Explicit constraint names keep the Alembic migrations identical on SQLite
# and PostgreSQL (each backend would otherwise invent its own).
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Setting(Base):
    """Store-wide settings that must stay the same across runs (the cluster window)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class IngestRun(Base):
    """One ``rasad ingest`` or ``rasad reprocess`` invocation and what it did."""

    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    command: Mapped[str] = mapped_column(String(32))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    read: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    duplicate: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)


class Document(Base):
    """A stored article. ``key`` is its identity: ``url:…`` when it has a URL, else ``sha256:…``."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(2100), unique=True)
    # sha256 of the normalised, whitespace-folded text: the same story under
    # another URL (or none) is still the same document.
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    doc_id: Mapped[str] = mapped_column(String(512), index=True)
    url: Mapped[str | None] = mapped_column(String(2048))
    origin: Mapped[str | None] = mapped_column(String(2048))  # file:line or feed URL it was read from
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    outlet: Mapped[str | None] = mapped_column(String(512))
    outlet_norm: Mapped[str | None] = mapped_column(String(512), index=True)
    home_country: Mapped[str | None] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    analysed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    analyser: Mapped[str] = mapped_column(String(64))  # rasad version that produced the events
    n_events: Mapped[int] = mapped_column(Integer, default=0)

    events: Mapped[list[Event]] = relationship(back_populates="document", cascade="all, delete-orphan",
                                               passive_deletes=True)


class Place(Base):
    """A named place (English GeoNames spelling) in a country."""

    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)  # COUNTRY|name: NULLs would not be unique
    name: Mapped[str] = mapped_column(String(255))
    country: Mapped[str | None] = mapped_column(String(8))


class Person(Base):
    """An official as named in the news, one row per normalised name and country."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(600), unique=True)  # name_norm|COUNTRY
    name: Mapped[str] = mapped_column(String(512))
    name_en: Mapped[str | None] = mapped_column(String(512))
    name_norm: Mapped[str] = mapped_column(String(512), index=True)
    name_en_norm: Mapped[str | None] = mapped_column(String(512), index=True)
    country: Mapped[str | None] = mapped_column(String(8))


class DocumentPerson(Base):
    """Every official a document names, whether or not they took part in an event."""

    __tablename__ = "document_persons"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), primary_key=True, index=True)
    role: Mapped[str | None] = mapped_column(String(255))
    sector: Mapped[str | None] = mapped_column(String(8))


class Cluster(Base):
    """One real-world event: the mentions of it, merged across documents and outlets."""

    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(16))
    pair_a: Mapped[str] = mapped_column(String(8))
    pair_b: Mapped[str] = mapped_column(String(8))
    pair: Mapped[str] = mapped_column(String(20))  # "A-B", sorted: the pair whatever the direction
    date: Mapped[str | None] = mapped_column(String(10))  # best-attested, as reported (YYYY-MM-DD or YYYY-MM)
    # The interval the cluster is matched on: the best date's days, or the
    # first report's publication day when no mention is dated.
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    ref_date: Mapped[dt.date | None] = mapped_column(Date)  # for filters and monthly statistics
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    location_country: Mapped[str | None] = mapped_column(String(8))
    first_reported: Mapped[dt.date | None] = mapped_column(Date)
    first_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    n_events: Mapped[int] = mapped_column(Integer, default=0)
    n_documents: Mapped[int] = mapped_column(Integer, default=0)
    n_sources: Mapped[int] = mapped_column(Integer, default=0)
    goldstein: Mapped[float] = mapped_column(Float, default=0.0)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    # What was agreed: the union of the mentions' areas (in the contract's
    # order) and the instrument of the first report that names one.
    areas: Mapped[list[str] | None] = mapped_column(JSON)
    instrument: Mapped[str | None] = mapped_column(String(16))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    place: Mapped[Place | None] = relationship()
    events: Mapped[list[Event]] = relationship(back_populates="cluster")

    __table_args__ = (
        Index("ix_clusters_match", "type", "pair_a", "pair_b", "date_start"),
        # Type and Goldstein value ride along in the filter indexes so that
        # monthly statistics are read from the index alone.
        Index("ix_clusters_pair_ref", "pair", "ref_date", "type", "goldstein"),
        # "Country X on either side" is two range scans, one per side.
        Index("ix_clusters_a_ref", "pair_a", "ref_date", "type", "goldstein"),
        Index("ix_clusters_b_ref", "pair_b", "ref_date", "type", "goldstein"),
        Index("ix_clusters_ref_date", "ref_date"),
    )


class Event(Base):
    """One event as one document reports it (a mention)."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)  # position in the document's event list
    type: Mapped[str] = mapped_column(String(16))
    cameo: Mapped[str] = mapped_column(String(8))
    plover: Mapped[str] = mapped_column(String(16))
    plover_mode: Mapped[str | None] = mapped_column(String(32))
    source_country: Mapped[str] = mapped_column(String(8))
    source_sector: Mapped[str | None] = mapped_column(String(8))
    source_text: Mapped[str | None] = mapped_column(Text)
    target_country: Mapped[str] = mapped_column(String(8))
    target_sector: Mapped[str | None] = mapped_column(String(8))
    target_text: Mapped[str | None] = mapped_column(Text)
    # Source → target for directed types (VISIT, MIL_AID), sorted otherwise:
    # the key under which reports of one occasion meet.
    pair_a: Mapped[str] = mapped_column(String(8))
    pair_b: Mapped[str] = mapped_column(String(8))
    # "A-B" sorted: one index range answers "A and B, either direction" in
    # date order, so a pair query with a LIMIT reads only the rows it returns.
    pair: Mapped[str] = mapped_column(String(20))
    location_country: Mapped[str | None] = mapped_column(String(8))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    date: Mapped[str | None] = mapped_column(String(10))
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    # The event's own first day, else its document's publication date: what
    # date filters, sorting and monthly statistics use.
    ref_date: Mapped[dt.date | None] = mapped_column(Date)
    confidence: Mapped[float] = mapped_column(Float)
    goldstein: Mapped[float] = mapped_column(Float)
    trigger: Mapped[str | None] = mapped_column(String(255))
    evidence: Mapped[list[dict[str, int]]] = mapped_column(JSON)
    evidence_text: Mapped[str] = mapped_column(Text)
    evidence_norm: Mapped[str] = mapped_column(Text)  # normalised for free-text search
    # Agreement and cooperation content (EVENTS.md). ``areas`` is the list as
    # the record gives it, for reading; ``event_areas`` holds the same codes a
    # row each, for filtering. ``content_evidence`` keeps the offsets of every
    # content value: {"areas": [{area, start, end}], "instrument": {start, end},
    # "first": …, "duration": …}.
    areas: Mapped[list[str] | None] = mapped_column(JSON)
    instrument: Mapped[str | None] = mapped_column(String(16))
    first: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    level: Mapped[str | None] = mapped_column(String(24))
    duration_days: Mapped[int | None] = mapped_column(Integer)
    content_evidence: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("clusters.id", ondelete="SET NULL"), index=True)

    document: Mapped[Document] = relationship(back_populates="events")
    cluster: Mapped[Cluster | None] = relationship(back_populates="events")
    place: Mapped[Place | None] = relationship()

    __table_args__ = (
        # Type and Goldstein value ride along so that statistics over every
        # report (--mentions) are read from the index alone.
        Index("ix_events_pair_date", "pair", "ref_date", "type", "goldstein"),
        Index("ix_events_source_date", "source_country", "ref_date", "type", "goldstein"),
        Index("ix_events_target_date", "target_country", "ref_date", "type", "goldstein"),
        Index("ix_events_type_date", "type", "ref_date"),
        Index("ix_events_ref_date", "ref_date"),
        # A document's events are stored once: a replayed ingest cannot double them.
        UniqueConstraint("document_id", "ordinal"),
    )


class EventArea(Base):
    """One area of cooperation of one event mention: what ``--area`` filters on.

    A row per code rather than a JSON array: the same B-tree index answers
    "events with area X" on SQLite and PostgreSQL alike, where a JSON column
    would need a GIN index on PostgreSQL and a full scan on SQLite.
    """

    __tablename__ = "event_areas"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    area: Mapped[str] = mapped_column(String(24), primary_key=True)

    __table_args__ = (Index("ix_event_areas_area", "area", "event_id"),)


class EventPerson(Base):
    """The officials named as taking part in one event mention."""

    __tablename__ = "event_persons"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), primary_key=True, index=True)
    role: Mapped[str | None] = mapped_column(String(255))
    sector: Mapped[str | None] = mapped_column(String(8))


class Failure(Base):
    """A document that could not be read, analysed or stored, and why."""

    __tablename__ = "failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id", ondelete="SET NULL"), index=True)
    doc_id: Mapped[str] = mapped_column(String(512))
    source: Mapped[str] = mapped_column(String(2048))  # where the document came from: file:line, URL
    stage: Mapped[str] = mapped_column(String(16))  # read | analyse | store
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


def row_dict(obj: Any) -> dict[str, Any]:
    """A model instance's column values, for tests and debugging."""
    return {c.key: getattr(obj, c.key) for c in obj.__table__.columns}
