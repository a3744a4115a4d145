"""Analyse documents and store them with their events, one transaction per document.

A document is either stored whole (the document, its events, persons,
places and cluster links) or not at all: a process killed at any point
leaves every document it had committed intact and nothing of the one it was
writing, and running the same ingest again stores exactly what is missing.
A document already in the store, by URL or by the hash of its normalised
text, adds nothing. Whatever cannot be read, analysed or stored is recorded
in the ``failures`` table and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Connection, bindparam, delete, insert, or_, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

import rasad
from rasad.io.readers import ReadError
from rasad.model import Document, Event, Person
from rasad.store import clusters, content, models
from rasad.store.models import utcnow
from rasad.store.normal import clip, content_hash, document_key, fold, latin_key, normalise_url, pair_key

if TYPE_CHECKING:
    from rasad.store.db import Store

_RETRIES = 3

# Built once: the hot path runs them with new parameters only, so SQLAlchemy
# neither rebuilds nor recompiles them for each document.
_DOCS = models.Document.__table__
_EVENTS = models.Event.__table__
_SEEN = (select(_DOCS.c.id)
         .where(or_(_DOCS.c.key == bindparam("key"), _DOCS.c.content_hash == bindparam("digest"))).limit(1))
_INSERT_DOCUMENT = insert(_DOCS).returning(_DOCS.c.id)
_INSERT_EVENTS = insert(_EVENTS).returning(_EVENTS.c.id, sort_by_parameter_order=True)
_INSERT_EVENT_PERSONS = insert(models.EventPerson.__table__)
_INSERT_DOCUMENT_PERSONS = insert(models.DocumentPerson.__table__)
_INSERT_EVENT_AREAS = insert(models.EventArea.__table__)
# A re-analysis that changes what was agreed changes the document's events.
_CONTENT_COLUMNS = (models.Event.areas, models.Event.instrument, models.Event.first, models.Event.level,
                    models.Event.duration_days)


class AnalysisLike(Protocol):
    events: list[Event]

    @property
    def persons(self) -> list[Person]: ...


class PipelineLike(Protocol):
    def run(self, doc: Document) -> AnalysisLike: ...


@dataclass(frozen=True, slots=True)
class FailureInfo:
    doc_id: str
    source: str
    stage: str
    reason: str

    @property
    def label(self) -> str:
        if self.doc_id and self.doc_id != self.source:
            return f"{self.doc_id} ({self.source})"
        return self.source or self.doc_id or "?"


@dataclass
class IngestSummary:
    """What one run did.

    Ingest: ``read == new + duplicate + failed``. Reprocess: ``read`` documents
    re-analysed, ``changed`` of them with different events, ``failed``.
    """

    run_id: int | None = None
    read: int = 0
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    changed: int = 0
    events: int = 0
    elapsed: float = 0.0
    reasons: Counter[str] = field(default_factory=Counter)
    failures: list[FailureInfo] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.read / self.elapsed if self.elapsed > 0 else 0.0


def reason_kind(reason: str) -> str:
    """The general part of a reason ("malformed JSON: Expecting …" → "malformed JSON"), for grouping."""
    return reason.split(":", 1)[0].strip() or reason


def _is_retryable(exc: DBAPIError) -> bool:
    """Lock timeouts (SQLite) and deadlocks or serialisation failures (PostgreSQL) succeed when tried again."""
    code = getattr(exc.orig, "sqlstate", None)
    if code in ("40001", "40P01"):
        return True
    return isinstance(exc, OperationalError) and "locked" in str(exc.orig).lower()


def _date_span(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    interval = clusters.date_interval(value)
    return (interval[0], interval[1]) if interval else (None, None)


def _evidence_text(doc: Document, event: Event) -> str:
    parts = [doc.text[s.start:s.end].strip() for s in event.evidence if 0 <= s.start < s.end <= len(doc.text)]
    return " … ".join(p for p in parts if p)


class Ingestor:
    """Stores documents with their events. One instance per process; it caches place and person ids."""

    def __init__(self, store: Store, pipeline: PipelineLike | None = None, *, command: str = "ingest",
                 on_failure: Callable[[FailureInfo], None] | None = None) -> None:
        if pipeline is None:
            from rasad.pipeline import default_pipeline

            pipeline = default_pipeline()
        self.store = store
        self.pipeline = pipeline
        self.command = command
        self.on_failure = on_failure
        self.analyser = f"rasad {rasad.__version__}"
        self._places: dict[str, int] = {}
        self._persons: dict[str, int] = {}
        self._window: int | None = None
        self._upserts: dict[str, tuple[Any, Any]] = {}

    # -- runs ----------------------------------------------------------------

    def ingest(self, items: Iterable[Document | ReadError | tuple[Document | ReadError, str | None]],
               progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
        """Store every document of ``items`` that is new; record every one that fails.

        An item may come with where it was read from (``(document, origin)``),
        which is kept with the document and named in its failure.
        """
        summary = IngestSummary()
        start = time.perf_counter()
        summary.run_id = self._start_run()
        try:
            for entry in items:
                item, origin = entry if isinstance(entry, tuple) else (entry, None)
                summary.read += 1
                if isinstance(item, ReadError):
                    self._fail(summary, FailureInfo(item.doc_id, item.source, "read", item.reason))
                else:
                    self._add_counted(item, origin, summary)
                summary.elapsed = time.perf_counter() - start
                if progress:
                    progress(summary)
        finally:
            summary.elapsed = time.perf_counter() - start
            self._finish_run(summary)
        return summary

    def _add_counted(self, doc: Document, origin: str | None, summary: IngestSummary) -> None:
        try:
            outcome, n_events = self.add(doc, origin)
        except _Failed as exc:
            self._fail(summary, FailureInfo(doc.id, origin or doc.url or doc.id, exc.stage, exc.reason))
            return
        if outcome == "new":
            summary.new += 1
            summary.events += n_events
        else:
            summary.duplicate += 1

    def _fail(self, summary: IngestSummary, info: FailureInfo) -> None:
        summary.failed += 1
        summary.reasons[reason_kind(info.reason)] += 1
        if len(summary.failures) < 1000:
            summary.failures.append(info)
        try:
            with self.store.write() as conn:
                conn.execute(insert(models.Failure).values(
                    run_id=summary.run_id, doc_id=clip(info.doc_id, 512) or "", source=clip(info.source, 2048) or "",
                    stage=info.stage, reason=info.reason, created_at=utcnow()))
        except DBAPIError:
            # Recording the failure must not end the batch; the summary still counts it.
            pass
        if self.on_failure:
            self.on_failure(info)

    def _start_run(self) -> int:
        with self.store.write() as conn:
            return conn.execute(insert(models.IngestRun).values(
                command=self.command, started_at=utcnow(), read=0, new=0, duplicate=0, failed=0,
            ).returning(models.IngestRun.id)).scalar_one()

    def _finish_run(self, s: IngestSummary) -> None:
        if s.run_id is None:
            return
        with self.store.write() as conn:
            conn.execute(update(models.IngestRun).where(models.IngestRun.id == s.run_id).values(
                finished_at=utcnow(), read=s.read, new=s.new, duplicate=s.duplicate, failed=s.failed))

    # -- one document ------------------------------------------------------------

    def seen(self, key: str, digest: str) -> bool:
        with self.store.read() as conn:
            return conn.execute(_SEEN, {"key": key, "digest": digest}).first() is not None

    def add(self, doc: Document, origin: str | None = None) -> tuple[str, int]:
        """Analyse and store one document: ``("new", n_events)`` or ``("duplicate", 0)``; raises _Failed."""
        key = document_key(doc.url, doc.text)
        digest = content_hash(doc.text)
        # Checked before the analysis, which is the expensive part of a re-run.
        if self.seen(key, digest):
            return "duplicate", 0
        try:
            analysis = self.pipeline.run(doc)
        except Exception as exc:  # one bad document must not end a batch of thousands
            raise _Failed("analyse", f"internal error ({type(exc).__name__}: {exc})") from exc
        for attempt in range(_RETRIES):
            try:
                with self.store.write() as conn:
                    doc_pk = self._insert_document(conn, doc, key, digest, origin, len(analysis.events))
                    new_places, new_persons = self._store_analysis(conn, doc, doc_pk, analysis)
                # Only ids of committed rows may be cached: a rolled-back insert's id is gone.
                self._places.update(new_places)
                self._persons.update(new_persons)
                return "new", len(analysis.events)
            except IntegrityError as exc:
                if self.seen(key, digest):  # another process stored it first
                    return "duplicate", 0
                raise _Failed("store", f"database refused the document ({exc.orig})") from exc
            except DBAPIError as exc:
                if attempt + 1 < _RETRIES and _is_retryable(exc):
                    time.sleep(0.05 * (attempt + 1))
                    continue
                raise _Failed("store", f"database error ({type(exc.orig).__name__}: {exc.orig})") from exc
            except Exception as exc:  # the transaction is rolled back: nothing of the document remains
                raise _Failed("store", f"internal error ({type(exc).__name__}: {exc})") from exc
        raise AssertionError("unreachable")

    def _insert_document(self, conn: Connection, doc: Document, key: str, digest: str, origin: str | None,
                         n_events: int) -> int:
        now = utcnow()
        return conn.execute(_INSERT_DOCUMENT, {
            "key": key, "content_hash": digest, "doc_id": clip(doc.id, 512) or "",
            "url": clip(normalise_url(doc.url), 2048) if doc.url else None, "origin": clip(origin, 2048),
            "title": doc.title, "published": doc.published, "outlet": clip(doc.source, 512),
            "outlet_norm": clip(fold(doc.source), 512) if doc.source else None,
            "home_country": clip(doc.home_country, 8), "text": doc.text, "ingested_at": now, "analysed_at": now,
            "analyser": self.analyser, "n_events": n_events,
        }).scalar_one()

    def _store_analysis(self, conn: Connection, doc: Document, doc_pk: int,
                        analysis: AnalysisLike) -> tuple[dict[str, int], dict[str, int]]:
        """Events, persons, places and cluster links of one document, inside its transaction."""
        new_places: dict[str, int] = {}
        new_persons: dict[str, int] = {}

        def place_id(country: str | None, name: str | None) -> int | None:
            if not name:
                return None
            pkey = f"{country or ''}|{name}"[:300]
            pid = self._places.get(pkey) or new_places.get(pkey)
            if pid is None:
                pid = self._upsert(conn, models.Place, pkey, {"name": clip(name, 255), "country": country})
                new_places[pkey] = pid
            return pid

        def person_id(p: Person) -> int:
            name_norm = fold(p.name)
            pkey = f"{name_norm}|{p.country or ''}"[:600]
            pid = self._persons.get(pkey) or new_persons.get(pkey)
            if pid is None:
                pid = self._upsert(conn, models.Person, pkey, {
                    "name": clip(p.name, 512), "name_en": clip(p.name_en, 512), "name_norm": clip(name_norm, 512),
                    "name_en_norm": clip(latin_key(p.name_en), 512) if p.name_en else None, "country": p.country})
                new_persons[pkey] = pid
            return pid

        rows = []
        for i, e in enumerate(analysis.events):
            start, end = _date_span(e.date)
            pair_a, pair_b = e.pair()
            evidence = _evidence_text(doc, e)
            rows.append({
                "document_id": doc_pk, "ordinal": i, "type": e.type, "cameo": e.cameo, "plover": e.plover,
                "plover_mode": e.plover_mode, "source_country": e.source.country,
                "source_sector": e.source.sector, "source_text": e.source.text,
                "target_country": e.target.country, "target_sector": e.target.sector,
                "target_text": e.target.text, "pair_a": pair_a, "pair_b": pair_b,
                "pair": pair_key(pair_a, pair_b),
                "location_country": e.location.country, "place_id": place_id(e.location.country, e.location.place),
                "date": e.date, "date_start": start, "date_end": end, "ref_date": start or doc.published,
                "confidence": float(e.confidence), "goldstein": float(e.goldstein),
                "trigger": clip(e.trigger, 255) or None, "evidence": [s.to_dict() for s in e.evidence],
                "evidence_text": evidence, "evidence_norm": fold(evidence), **content.columns(e.content),
            })
        event_ids: list[int] = []
        if rows:
            event_ids = list(conn.execute(_INSERT_EVENTS, rows).scalars())
        links = []
        for eid, e in zip(event_ids, analysis.events, strict=True):
            seen: set[int] = set()
            for p in e.persons:
                pid = person_id(p)
                if pid not in seen:
                    seen.add(pid)
                    links.append({"event_id": eid, "person_id": pid, "role": clip(p.role, 255), "sector": p.sector})
        if links:
            conn.execute(_INSERT_EVENT_PERSONS, links)
        areas = [a for eid, r in zip(event_ids, rows, strict=True) for a in content.area_rows(eid, r["areas"])]
        if areas:
            conn.execute(_INSERT_EVENT_AREAS, areas)
        doc_links: dict[int, dict[str, Any]] = {}
        for p in analysis.persons:
            pid = person_id(p)
            doc_links.setdefault(pid, {"document_id": doc_pk, "person_id": pid, "role": clip(p.role, 255),
                                       "sector": p.sector})
        if doc_links:
            conn.execute(_INSERT_DOCUMENT_PERSONS, list(doc_links.values()))
        mentions = [clusters.NewMention(eid, r["type"], r["pair_a"], r["pair_b"], r["date"], doc.published,
                                        r["place_id"]) for eid, r in zip(event_ids, rows, strict=True)]
        clusters.assign(self.store, conn, mentions, self.window(conn))
        return new_places, new_persons

    def window(self, conn: Connection) -> int:
        if self._window is None:
            self._window = clusters.get_window(conn)
        return self._window

    def _upsert(self, conn: Connection, model: Any, key: str, values: dict[str, Any]) -> int:
        """The id of the row with ``key``, inserting it if absent (safe against a concurrent insert)."""
        table = model.__table__
        stmts = self._upserts.get(table.name)
        if stmts is None:
            if self.store.is_sqlite:
                from sqlalchemy.dialects.sqlite import insert as dialect_insert
            else:
                from sqlalchemy.dialects.postgresql import insert as dialect_insert
            stmts = (dialect_insert(table).on_conflict_do_nothing(index_elements=["key"]),
                     select(table.c.id).where(table.c.key == bindparam("key")))
            self._upserts[table.name] = stmts
        conn.execute(stmts[0], {"key": key, **values})
        return conn.execute(stmts[1], {"key": key}).scalar_one()

    # -- re-analysis ---------------------------------------------------------------

    def reprocess(self, progress: Callable[[IngestSummary], None] | None = None,
                  batch: int = 200) -> IngestSummary:
        """Re-run the pipeline over every stored document, replacing its events (one transaction each)."""
        summary = IngestSummary()
        start = time.perf_counter()
        summary.run_id = self._start_run()
        last = 0
        D = models.Document
        try:
            while True:
                with self.store.read() as conn:
                    page = conn.execute(
                        select(D.id, D.doc_id, D.text, D.title, D.published, D.outlet, D.home_country, D.url)
                        .where(D.id > last).order_by(D.id).limit(batch)).all()
                if not page:
                    break
                for row in page:
                    last = row.id
                    summary.read += 1
                    doc = Document(id=row.doc_id, text=row.text, title=row.title, published=row.published,
                                   source=row.outlet, home_country=row.home_country, url=row.url)
                    try:
                        changed, n = self.replace(row.id, doc)
                    except _Failed as exc:
                        self._fail(summary, FailureInfo(doc.id, doc.url or doc.id, exc.stage, exc.reason))
                        continue
                    summary.changed += changed
                    summary.events += n
                    summary.elapsed = time.perf_counter() - start
                    if progress:
                        progress(summary)
        finally:
            summary.elapsed = time.perf_counter() - start
            self._finish_run(summary)
        return summary

    def replace(self, doc_pk: int, doc: Document) -> tuple[bool, int]:
        """Re-analyse one stored document and swap its events in one transaction; (changed?, n_events)."""
        try:
            analysis = self.pipeline.run(doc)
        except Exception as exc:
            raise _Failed("analyse", f"internal error ({type(exc).__name__}: {exc})") from exc
        E = models.Event
        for attempt in range(_RETRIES):
            try:
                with self.store.write() as conn:
                    old = conn.execute(select(E.id, E.cluster_id, E.type, E.pair_a, E.pair_b, E.date,
                                              E.source_sector, E.target_sector, E.location_country, E.place_id,
                                              *_CONTENT_COLUMNS)
                                       .where(E.document_id == doc_pk).order_by(E.ordinal)).all()
                    old_ids = [r.id for r in old]
                    old_clusters = {r.cluster_id for r in old if r.cluster_id is not None}
                    self.store.lock_keys(conn, (clusters.lock_key(r.type, r.pair_a, r.pair_b) for r in old))
                    if old_ids:
                        conn.execute(delete(models.EventPerson).where(models.EventPerson.event_id.in_(old_ids)))
                        conn.execute(delete(models.EventArea).where(models.EventArea.event_id.in_(old_ids)))
                        conn.execute(delete(E).where(E.document_id == doc_pk))
                    conn.execute(delete(models.DocumentPerson).where(models.DocumentPerson.document_id == doc_pk))
                    for cid in old_clusters:
                        clusters.refresh(conn, cid, delete_empty=False)
                    new_places, new_persons = self._store_analysis(conn, doc, doc_pk, analysis)
                    for cid in old_clusters:
                        clusters.refresh(conn, cid, delete_empty=True)
                    conn.execute(update(models.Document).where(models.Document.id == doc_pk).values(
                        analysed_at=utcnow(), analyser=self.analyser, n_events=len(analysis.events)))
                    new = conn.execute(select(E.type, E.pair_a, E.pair_b, E.date, E.source_sector, E.target_sector,
                                              E.location_country, E.place_id, *_CONTENT_COLUMNS)
                                       .where(E.document_id == doc_pk).order_by(E.ordinal)).all()
                self._places.update(new_places)
                self._persons.update(new_persons)
                return [tuple(r[2:]) for r in old] != [tuple(r) for r in new], len(analysis.events)
            except DBAPIError as exc:
                if attempt + 1 < _RETRIES and _is_retryable(exc):
                    time.sleep(0.05 * (attempt + 1))
                    continue
                raise _Failed("store", f"database error ({type(exc.orig).__name__}: {exc.orig})") from exc
            except Exception as exc:  # rolled back: the document keeps its previous events
                raise _Failed("store", f"internal error ({type(exc).__name__}: {exc})") from exc
        raise AssertionError("unreachable")


class _Failed(Exception):
    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(reason)
        self.stage = stage
        self.reason = reason


def ingest(store: Store, items: Iterable[Document | ReadError], pipeline: PipelineLike | None = None,
           progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Store ``items`` (from :func:`rasad.io.readers.read_documents` or any iterable of documents)."""
    return Ingestor(store, pipeline).ingest(items, progress)


def stored_counts(store: Store) -> dict[str, int]:
    """Rows per table, for summaries and tests."""
    from sqlalchemy import func

    out = {}
    with store.read() as conn:
        for name, model in (("documents", models.Document), ("events", models.Event),
                            ("clusters", models.Cluster), ("persons", models.Person), ("places", models.Place),
                            ("failures", models.Failure)):
            out[name] = conn.execute(select(func.count()).select_from(model)).scalar_one()
    return out
