"""Analyse documents and store them with their events, each document all or nothing.

Documents are analysed in worker processes (``workers``) and written by this
one, in input order, in batched transactions: one transaction per batch of
documents (up to ``batch`` of them, or what arrived within a second), each
document inside it in a savepoint of its own. A document is either stored
whole (the document, its events, persons, places and cluster links) or not
at all, and one that the database refuses is rolled back alone while the
rest of its batch goes in. A process killed at any point leaves every batch
it had committed intact and nothing of the one it was writing, and running
the same ingest again stores exactly what is missing.
A document already in the store, by URL or by the hash of its normalised
text, adds nothing. Whatever cannot be read, analysed or stored is recorded
in the ``failures`` table and the batch goes on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Connection, bindparam, delete, insert, or_, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

import rasad
from rasad.budget import within
from rasad.io.readers import ReadError
from rasad.model import Document, Event, Person
from rasad.parallel import TaskError, apply_task, ordered_map
from rasad.store import batch, clusters, content, models
from rasad.store.models import utcnow
from rasad.store.normal import clip, content_hash, document_key, fold, normalise_url, pair_key
from rasad.text.clean import clean_optional, clean_text

if TYPE_CHECKING:
    from rasad.store.db import Store

_RETRIES = 3
BATCH = 100
BATCH_SECONDS = 1.0
_PENDING = 2000  # items read but not yet counted (duplicates, failures and a batch's documents)
_SEEN_CHUNK = 200

# Built once: the hot path runs them with new parameters only, so SQLAlchemy
# neither rebuilds nor recompiles them for each document.
_DOCS = models.Document.__table__
_EVENTS = models.Event.__table__
_SEEN = (select(_DOCS.c.id)
         .where(or_(_DOCS.c.key == bindparam("key"), _DOCS.c.content_hash == bindparam("digest"))).limit(1))
_SEEN_MANY = (select(_DOCS.c.key, _DOCS.c.content_hash)
              .where(or_(_DOCS.c.key.in_(bindparam("keys", expanding=True)),
                         _DOCS.c.content_hash.in_(bindparam("digests", expanding=True)))))
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


@dataclass(slots=True)
class Found:
    """What the writer needs of an analysis: small enough to send between processes."""

    events: list[Event]
    persons: list[Person]


class Analyse:
    """The analysis half of an ingest, run in worker processes (or in this one), each document
    within ``time_budget`` seconds (:mod:`rasad.budget`)."""

    def __init__(self, pipeline: PipelineLike | None = None, time_budget: float | None = None) -> None:
        self.pipeline = pipeline
        self.time_budget = time_budget

    def warm(self) -> None:
        self._pipeline()

    def _pipeline(self) -> PipelineLike:
        # Not kept: the default pipeline is the process's own (per folder of knowledge files),
        # loaded where the task runs, never pickled across to a worker.
        if self.pipeline is not None:
            return self.pipeline
        from rasad.pipeline import default_pipeline

        return default_pipeline()

    def __call__(self, doc: Document) -> Found:
        pipeline = self._pipeline()
        analysis = within(self.time_budget, lambda: pipeline.run(doc))
        return Found(list(analysis.events), list(analysis.persons))


class Outcome(StrEnum):
    """What became of one document in a batch."""

    NEW = "new"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(slots=True)
class _Entry:
    """One input item on its way through an ingest."""

    item: Document | ReadError
    origin: str | None
    key: str = ""
    digest: str = ""
    seen: bool = False

    @property
    def document(self) -> Document | None:
        """The document to analyse: None for read errors and documents already stored."""
        return None if self.seen or isinstance(self.item, ReadError) else self.item


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
    stopped: bool = False  # asked to stop (Ctrl-C, SIGTERM) and stopped between two documents

    @property
    def rate(self) -> float:
        return self.read / self.elapsed if self.elapsed > 0 else 0.0


_WITH_DETAIL = re.compile(r"([^:(]*)\(([^:)]*):[^)]*\)?")


def reason_kind(reason: str) -> str:
    """The general part of a reason, for grouping: "malformed JSON: Expecting …" → "malformed JSON",
    "internal error (KeyError: 'x')" → "internal error (KeyError)"."""
    m = _WITH_DETAIL.match(reason)
    if m and m.group(1).strip():
        return f"{m.group(1).strip()} ({m.group(2).strip()})"
    return reason.split(":", 1)[0].strip() or reason


def clean_document(doc: Document) -> Document:
    """The document with NUL and lone surrogates replaced, as the readers do (see rasad.text.clean):
    a document built in Python is stored as the same text in SQLite and in PostgreSQL.
    A document that is clean already is returned itself."""
    clean = dataclasses.replace(doc, id=clean_text(doc.id), text=clean_text(doc.text), title=clean_optional(doc.title),
                                source=clean_optional(doc.source), url=clean_optional(doc.url),
                                home_country=clean_optional(doc.home_country))
    return doc if clean == doc else clean


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
                 on_failure: Callable[[FailureInfo], None] | None = None, workers: int = 1,
                 batch: int = BATCH, time_budget: float | None = None) -> None:
        self.store = store
        self.task = Analyse(pipeline, time_budget)
        self.workers = workers
        self.batch = max(1, batch)
        self.command = command
        self.on_failure = on_failure
        self.analyser = f"rasad {rasad.__version__}"
        self._places: dict[str, int] = {}
        self._persons: dict[str, int] = {}
        self._window: int | None = None
        self._upserts: dict[str, tuple[Any, Any]] = {}

    # -- runs ----------------------------------------------------------------

    def ingest(self, items: Iterable[Document | ReadError | tuple[Document | ReadError, str | None]],
               progress: Callable[[IngestSummary], None] | None = None,
               should_stop: Callable[[], bool] | None = None) -> IngestSummary:
        """Store every document of ``items`` that is new; record every one that fails.

        An item may come with where it was read from (``(document, origin)``),
        which is kept with the document and named in its failure.
        """
        summary = IngestSummary()
        start = time.perf_counter()
        summary.run_id = self._start_run()
        entries = (_Entry(*e) if isinstance(e, tuple) else _Entry(e, None) for e in items)
        results = ordered_map(self.task, self._mark_seen(entries), workers=self.workers,
                              document=lambda e: e.document)
        # Everything read since the last batch was written, in input order: outcomes are counted
        # (and ``progress`` called) one document at a time in that order, once its batch is written.
        pending: list[tuple[_Entry, Any]] = []
        n_docs = 0
        opened = 0.0
        try:
            for entry, result in results:
                # Checked between documents, never inside one: a database driver interrupted
                # mid-query may turn the interruption into an error of the document in hand.
                if should_stop is not None and should_stop():
                    summary.stopped = True
                    break
                pending.append((entry, result))
                if entry.document is not None and not isinstance(result, TaskError):
                    if n_docs == 0:
                        opened = time.monotonic()
                    n_docs += 1
                if (n_docs >= self.batch or len(pending) >= _PENDING
                        or (n_docs and time.monotonic() - opened > BATCH_SECONDS)):
                    self._settle(pending, summary, progress, start)
                    pending, n_docs = [], 0
            self._settle(pending, summary, progress, start)
        finally:
            results.close()  # stops the workers when interrupted
            summary.elapsed = time.perf_counter() - start
            self._finish_run(summary)
        return summary

    def _settle(self, pending: list[tuple[_Entry, Any]], summary: IngestSummary,
                progress: Callable[[IngestSummary], None] | None, start: float) -> None:
        """Write the documents of ``pending`` as one batch, then count every item in input order."""
        batch = [(e, r) for e, r in pending if e.document is not None and not isinstance(r, TaskError)]
        outcomes = iter(self._write(batch) if batch else [])
        for entry, result in pending:
            summary.read += 1
            if isinstance(entry.item, ReadError):
                item = entry.item
                self._fail(summary, FailureInfo(item.doc_id, item.source, "read", item.reason))
            elif entry.seen:
                summary.duplicate += 1
            elif isinstance(result, TaskError):
                self._fail(summary, self._failure(entry, "analyse", result.reason))
            else:
                outcome, reason = next(outcomes)
                if outcome is Outcome.NEW:
                    summary.new += 1
                    summary.events += len(result.events)
                elif outcome is Outcome.DUPLICATE:
                    summary.duplicate += 1
                else:
                    self._fail(summary, self._failure(entry, "store", reason))
            summary.elapsed = time.perf_counter() - start
            if progress:
                progress(summary)

    def _mark_seen(self, entries: Iterable[_Entry]) -> Iterator[_Entry]:
        """Entries with their identity, and whether the store has them already: asked once per
        chunk of documents, before the analysis, which is the expensive part of a re-run."""
        it = iter(entries)
        while chunk := list(islice(it, _SEEN_CHUNK)):
            docs = [e for e in chunk if isinstance(e.item, Document)]
            for e in docs:
                assert isinstance(e.item, Document)
                e.item = clean_document(e.item)
                e.key = document_key(e.item.url, e.item.text)
                e.digest = content_hash(e.item.text)
            if docs:
                with self.store.read() as conn:
                    rows = conn.execute(_SEEN_MANY, {"keys": sorted({e.key for e in docs}),
                                                     "digests": sorted({e.digest for e in docs})}).all()
                keys = {r[0] for r in rows}
                digests = {r[1] for r in rows}
                for e in docs:
                    e.seen = e.key in keys or e.digest in digests
            yield from chunk

    @staticmethod
    def _failure(entry: _Entry, stage: str, reason: str) -> FailureInfo:
        doc = entry.item
        assert isinstance(doc, Document)
        return FailureInfo(doc.id, entry.origin or doc.url or doc.id, stage, reason)

    # -- batches -------------------------------------------------------------------

    def _write(self, items: list[tuple[_Entry, Found]]) -> list[tuple[Outcome, str]]:
        """Store a batch in one transaction: in bulk, or when that fails, each document in a
        savepoint of its own, so that one the database refuses is rolled back alone."""
        outcomes = self._write_bulk(items)
        return outcomes if outcomes is not None else self._write_nested(items)

    def _lock_batch(self, conn: Connection, items: list[tuple[_Entry, Found]]) -> None:
        # All of the batch's merged events at once, in sorted order: two writers cannot deadlock on them.
        self.store.lock_keys(conn, (clusters.lock_key(e.type, *e.pair()) for _, found in items for e in found.events))

    def _write_bulk(self, items: list[tuple[_Entry, Found]]) -> list[tuple[Outcome, str]] | None:
        """The batch with a few statements per table; None when it has to go document by document."""
        for attempt in range(_RETRIES):
            try:
                with self.store.write() as conn:
                    self._lock_batch(conn, items)
                    written = batch.BatchWriter(self, conn).write(items)
            except DBAPIError as exc:
                if attempt + 1 < _RETRIES and _is_retryable(exc):
                    time.sleep(0.05 * (attempt + 1))
                    continue
                return None
            except Exception:  # rolled back; the savepoint path finds and names the document at fault
                return None
            # Only ids of committed rows may be cached: a rolled-back insert's id is gone.
            self._places.update(written.places)
            self._persons.update(written.persons)
            return [(Outcome.NEW if new else Outcome.DUPLICATE, "") for new in written.new]
        return None

    def _write_nested(self, items: list[tuple[_Entry, Found]]) -> list[tuple[Outcome, str]]:
        outcomes: list[tuple[Outcome, str]] = []
        for attempt in range(_RETRIES):
            places: dict[str, int] = {}
            persons: dict[str, int] = {}
            try:
                with self.store.write() as conn:
                    self._lock_batch(conn, items)
                    outcomes = [self._add_nested(conn, entry, found, places, persons) for entry, found in items]
            except DBAPIError as exc:
                if attempt + 1 < _RETRIES and _is_retryable(exc):
                    time.sleep(0.05 * (attempt + 1))
                    continue
                # The batch as a whole cannot go in: each document on its own, as it would alone.
                return [self._add_alone(entry, found) for entry, found in items]
            self._places.update(places)
            self._persons.update(persons)
            return outcomes
        raise AssertionError("unreachable")

    def _add_nested(self, conn: Connection, entry: _Entry, found: Found, places: dict[str, int],
                    persons: dict[str, int]) -> tuple[Outcome, str]:
        """One document of a batch in its savepoint; a refused one is rolled back alone."""
        doc = entry.item
        assert isinstance(doc, Document)
        savepoint = conn.begin_nested()
        try:
            doc_pk = self._insert_document(conn, doc, entry.key, entry.digest, entry.origin, len(found.events))
            new_places, new_persons = self._store_analysis(conn, doc, doc_pk, found, (places, persons))
            savepoint.commit()
        except IntegrityError as exc:
            savepoint.rollback()
            if conn.execute(_SEEN, {"key": entry.key, "digest": entry.digest}).first() is not None:
                return Outcome.DUPLICATE, ""  # earlier in this batch, or another process stored it first
            return Outcome.FAILED, f"database refused the document ({exc.orig})"
        except DBAPIError as exc:
            if _is_retryable(exc):
                raise  # the whole batch is tried again
            savepoint.rollback()
            return Outcome.FAILED, f"database error ({type(exc.orig).__name__}: {exc.orig})"
        except Exception as exc:  # rolled back: nothing of the document remains
            savepoint.rollback()
            return Outcome.FAILED, f"internal error ({type(exc).__name__}: {exc})"
        places.update(new_places)
        persons.update(new_persons)
        return Outcome.NEW, ""

    def _add_alone(self, entry: _Entry, found: Found) -> tuple[Outcome, str]:
        doc = entry.item
        assert isinstance(doc, Document)
        try:
            outcome, _ = self._store(doc, entry.key, entry.digest, entry.origin, found)
        except _Failed as exc:
            return Outcome.FAILED, exc.reason
        return (Outcome.NEW if outcome == "new" else Outcome.DUPLICATE), ""

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
        """Analyse and store one document in its own transaction: ``("new", n_events)`` or
        ``("duplicate", 0)``; raises _Failed."""
        doc = clean_document(doc)
        key = document_key(doc.url, doc.text)
        digest = content_hash(doc.text)
        # Checked before the analysis, which is the expensive part of a re-run.
        if self.seen(key, digest):
            return "duplicate", 0
        found = apply_task(self.task, doc)
        if isinstance(found, TaskError):
            raise _Failed("analyse", found.reason)
        return self._store(doc, key, digest, origin, found)

    def _store(self, doc: Document, key: str, digest: str, origin: str | None, found: Found) -> tuple[str, int]:
        for attempt in range(_RETRIES):
            try:
                with self.store.write() as conn:
                    doc_pk = self._insert_document(conn, doc, key, digest, origin, len(found.events))
                    new_places, new_persons = self._store_analysis(conn, doc, doc_pk, found)
                # Only ids of committed rows may be cached: a rolled-back insert's id is gone.
                self._places.update(new_places)
                self._persons.update(new_persons)
                return "new", len(found.events)
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

    def document_row(self, doc: Document, key: str, digest: str, origin: str | None, n_events: int,
                     now: dt.datetime) -> dict[str, Any]:
        return {
            "key": key, "content_hash": digest, "doc_id": clip(doc.id, 512) or "",
            "url": clip(normalise_url(doc.url), 2048) if doc.url else None, "origin": clip(origin, 2048),
            "title": doc.title, "published": doc.published, "outlet": clip(doc.source, 512),
            "outlet_norm": clip(fold(doc.source), 512) if doc.source else None,
            "home_country": clip(doc.home_country, 8), "text": doc.text, "ingested_at": now, "analysed_at": now,
            "analyser": self.analyser, "n_events": n_events,
        }

    @staticmethod
    def event_row(doc: Document, doc_pk: int, ordinal: int, e: Event, place_id: int | None) -> dict[str, Any]:
        start, end = _date_span(e.date)
        pair_a, pair_b = e.pair()
        evidence = _evidence_text(doc, e)
        return {
            "document_id": doc_pk, "ordinal": ordinal, "type": e.type, "cameo": e.cameo, "plover": e.plover,
            "plover_mode": e.plover_mode, "source_country": e.source.country,
            "source_sector": e.source.sector, "source_text": e.source.text,
            "target_country": e.target.country, "target_sector": e.target.sector,
            "target_text": e.target.text, "pair_a": pair_a, "pair_b": pair_b,
            "pair": pair_key(pair_a, pair_b),
            "location_country": e.location.country, "place_id": place_id,
            "date": e.date, "date_start": start, "date_end": end, "ref_date": start or doc.published,
            "confidence": float(e.confidence), "goldstein": float(e.goldstein),
            "trigger": clip(e.trigger, 255) or None, "evidence": [s.to_dict() for s in e.evidence],
            "evidence_text": evidence, "evidence_norm": fold(evidence),
            **content.columns(e.content),
        }

    def _insert_document(self, conn: Connection, doc: Document, key: str, digest: str, origin: str | None,
                         n_events: int) -> int:
        row = self.document_row(doc, key, digest, origin, n_events, utcnow())
        return conn.execute(_INSERT_DOCUMENT, row).scalar_one()

    def _store_analysis(self, conn: Connection, doc: Document, doc_pk: int, analysis: AnalysisLike,
                        pending: tuple[dict[str, int], dict[str, int]] = ({}, {}),
                        ) -> tuple[dict[str, int], dict[str, int]]:
        """Events, persons, places and cluster links of one document, inside its transaction.

        ``pending`` holds the place and person ids that earlier documents of the same,
        not yet committed, transaction created."""
        new_places: dict[str, int] = {}
        new_persons: dict[str, int] = {}
        pending_places, pending_persons = pending

        def place_id(country: str | None, name: str | None) -> int | None:
            if not name:
                return None
            pkey = batch.place_key(country, name)
            pid = self._places.get(pkey) or pending_places.get(pkey) or new_places.get(pkey)
            if pid is None:
                pid = self._upsert(conn, models.Place, pkey, batch.place_values(country, name))
                new_places[pkey] = pid
            return pid

        def person_id(p: Person) -> int:
            pkey = batch.person_key(p)
            pid = self._persons.get(pkey) or pending_persons.get(pkey) or new_persons.get(pkey)
            if pid is None:
                pid = self._upsert(conn, models.Person, pkey, batch.person_values(p))
                new_persons[pkey] = pid
            return pid

        rows = [self.event_row(doc, doc_pk, i, e, place_id(e.location.country, e.location.place))
                for i, e in enumerate(analysis.events)]
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
        results = ordered_map(self.task, self._stored(batch), workers=self.workers, document=lambda x: x[1])
        try:
            for (doc_pk, doc), found in results:
                summary.read += 1
                try:
                    if isinstance(found, TaskError):
                        raise _Failed("analyse", found.reason)
                    changed, n = self.replace(doc_pk, doc, found)
                except _Failed as exc:
                    self._fail(summary, FailureInfo(doc.id, doc.url or doc.id, exc.stage, exc.reason))
                    continue
                summary.changed += changed
                summary.events += n
                summary.elapsed = time.perf_counter() - start
                if progress:
                    progress(summary)
        finally:
            results.close()
            summary.elapsed = time.perf_counter() - start
            self._finish_run(summary)
        return summary

    def _stored(self, batch: int) -> Iterator[tuple[int, Document]]:
        """Every stored document, a page at a time, in storage order."""
        D = models.Document
        last = 0
        while True:
            with self.store.read() as conn:
                page = conn.execute(
                    select(D.id, D.doc_id, D.text, D.title, D.published, D.outlet, D.home_country, D.url)
                    .where(D.id > last).order_by(D.id).limit(batch)).all()
            if not page:
                return
            for row in page:
                last = row.id
                yield row.id, Document(id=row.doc_id, text=row.text, title=row.title, published=row.published,
                                       source=row.outlet, home_country=row.home_country, url=row.url)

    def replace(self, doc_pk: int, doc: Document, found: AnalysisLike | None = None) -> tuple[bool, int]:
        """Re-analyse one stored document (or take ``found``, its new analysis) and swap its events
        in one transaction; (changed?, n_events)."""
        if found is None:
            result = apply_task(self.task, doc)
            if isinstance(result, TaskError):
                raise _Failed("analyse", result.reason)
            found = result
        analysis = found
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
