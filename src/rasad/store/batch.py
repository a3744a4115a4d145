"""Write a batch of analysed documents with a few statements per table: the bulk path of an ingest.

Storing documents one at a time costs some twenty statements each (the
document, its events, persons, and for every event the search for its
merged event and the refresh of that merged event's aggregates). Here a batch
of documents takes one statement per table: ids are drawn from the sequences
(PostgreSQL) or after the highest id under the write lock (SQLite), the
merged events the batch touches are read once and the batch's mentions are
assigned to them in memory by :class:`rasad.store.clusters.Assigner`, which
applies the rule of :func:`rasad.store.clusters.assign` in the same arrival
order, and everything is written at the end: with ``COPY`` on PostgreSQL,
multi-row inserts on SQLite.

It all happens inside the batch's transaction. When anything goes wrong the
caller rolls the batch back and stores its documents one savepoint at a
time, so that one bad document never costs the others.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, select, text, tuple_, update

from rasad.model import Document, Event, Person
from rasad.store import clusters, content, models
from rasad.store.models import utcnow
from rasad.store.normal import clip, fold, latin_key, pair_key

if TYPE_CHECKING:
    from rasad.store.db import Store
    from rasad.store.ingest import Found, Ingestor, _Entry

_DOCS = models.Document.__table__
_EVENTS = models.Event.__table__
_CLUSTERS = models.Cluster.__table__
# New merged events are numbered after every existing one until they get their real ids,
# so that ties between candidates go to the older one, as when documents come one by one.
_TEMPORARY = 2 ** 62
_GROUPS_PER_QUERY = 200
_C = _CLUSTERS.c
_NEAR = (select(_C.id, _C.type, _C.pair_a, _C.pair_b, _C.date_start)
         .where(tuple_(_C.type, _C.pair_a, _C.pair_b).in_(bindparam("groups", expanding=True)),
                _C.date_start >= bindparam("lo"), _C.date_start <= bindparam("hi")))


@dataclass
class Written:
    """What a batch stored: which of its documents were new, and the ids it created."""

    new: list[bool]
    places: dict[str, int] = field(default_factory=dict)
    persons: dict[str, int] = field(default_factory=dict)


def place_key(country: str | None, name: str) -> str:
    return f"{country or ''}|{name}"[:300]


def person_key(p: Person) -> str:
    return f"{fold(p.name)}|{p.country or ''}"[:600]


def place_values(country: str | None, name: str) -> dict[str, Any]:
    return {"name": clip(name, 255), "country": country}


def person_values(p: Person) -> dict[str, Any]:
    name_norm = fold(p.name)
    return {"name": clip(p.name, 512), "name_en": clip(p.name_en, 512), "name_norm": clip(name_norm, 512),
            "name_en_norm": clip(latin_key(p.name_en), 512) if p.name_en else None, "country": p.country}


def allocate(store: Store, conn: Connection, table: str, n: int) -> list[int]:
    """``n`` new ids for ``table``, increasing."""
    if n == 0:
        return []
    if store.is_sqlite:
        # The write lock (BEGIN IMMEDIATE) is held: nobody else can take these.
        top = conn.execute(text(f"SELECT COALESCE(MAX(id), 0) FROM {table}")).scalar_one()
        return list(range(top + 1, top + 1 + n))
    rows = conn.execute(text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
                        {"t": table, "n": n}).scalars().all()
    return sorted(rows)


def ensure(store: Store, conn: Connection, model: Any, wanted: dict[str, dict[str, Any]],
           known: dict[str, int]) -> dict[str, int]:
    """Ids of the places or persons ``wanted`` (by key), inserting those the store lacks."""
    missing = {k: v for k, v in wanted.items() if k not in known}
    if not missing:
        return {}
    table = model.__table__
    if store.is_sqlite:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    keys = sorted(missing)  # a fixed order: two writers inserting the same keys cannot deadlock
    conn.execute(dialect_insert(table).on_conflict_do_nothing(index_elements=["key"]),
                 [{"key": k, **missing[k]} for k in keys])
    found: dict[str, int] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        found.update((k, pid) for pid, k in conn.execute(select(table.c.id, table.c.key).where(table.c.key.in_(chunk))))
    return found


def load_clusters(conn: Connection, assigner: clusters.Assigner, reach: dict[clusters.Group, list[dt.date]],
                  window: int) -> None:
    """Put into ``assigner`` every stored merged event that a mention of the batch may join."""
    if not reach:
        return
    before = dt.timedelta(days=window + clusters._MAX_SPAN)
    after = dt.timedelta(days=window)
    lo = min(r[0] for r in reach.values()) - before
    hi = max(r[1] for r in reach.values()) + after
    groups = sorted(reach)
    ids: dict[int, clusters.Group] = {}
    for i in range(0, len(groups), _GROUPS_PER_QUERY):
        # The groups' clusters in the batch's whole date range, then each group's own range.
        rows = conn.execute(_NEAR, {"groups": groups[i:i + _GROUPS_PER_QUERY], "lo": lo, "hi": hi})
        for cid, type_, a, b, start in rows:
            g_lo, g_hi = reach[(type_, a, b)]
            if g_lo - before <= start <= g_hi + after:
                ids[cid] = (type_, a, b)
    if not ids:
        return
    states: dict[int, clusters.ClusterState] = defaultdict(clusters.ClusterState)
    members = (select(*clusters._MENTION_COLUMNS, models.Event.cluster_id)
               .join(models.Document, models.Document.id == models.Event.document_id)
               .where(models.Event.cluster_id.in_(bindparam("cids", expanding=True))))
    cids = sorted(ids)
    for i in range(0, len(cids), 500):
        for row in conn.execute(members, {"cids": cids[i:i + 500]}):
            states[row[-1]].add(clusters._mention(row[:-1]))
    for cid, group in ids.items():
        if cid in states:
            assigner.load(cid, group, states[cid])


class BatchWriter:
    """Stores one batch for an :class:`~rasad.store.ingest.Ingestor`, inside its transaction."""

    def __init__(self, ingestor: Ingestor, conn: Connection) -> None:
        self.ing = ingestor
        self.store = ingestor.store
        self.conn = conn

    def write(self, batch: Sequence[tuple[_Entry, Found]]) -> Written:
        keep = self._new_ones(batch)
        written = Written(new=[i in keep for i in range(len(batch))])
        todo = [batch[i] for i in sorted(keep)]
        if not todo:
            return written
        docs = [(entry, entry.item, found) for entry, found in todo]
        written.places, written.persons = self._places_and_persons(docs)
        places = {**self.ing._places, **written.places}
        persons = {**self.ing._persons, **written.persons}
        doc_ids = allocate(self.store, self.conn, "documents", len(docs))
        event_ids = iter(allocate(self.store, self.conn, "events", sum(len(f.events) for _, _, f in docs)))
        now = utcnow()
        doc_rows, event_rows, event_links, doc_links = [], [], [], []
        for (entry, doc, found), doc_pk in zip(docs, doc_ids, strict=True):
            assert isinstance(doc, Document)
            doc_rows.append(self.ing.document_row(doc, entry.key, entry.digest, entry.origin, len(found.events), now)
                            | {"id": doc_pk})
            for i, e in enumerate(found.events):
                row = self.ing.event_row(doc, doc_pk, i, e, self._place(places, e)) | {"id": next(event_ids)}
                event_rows.append(row)
                event_links.extend(_event_persons(row["id"], e, persons))
            doc_links.extend(_document_persons(doc_pk, found.persons, persons))
        touched, created = self._cluster(doc_rows, event_rows, now)
        self._insert(_DOCS, doc_rows)
        self._insert(_CLUSTERS, created)
        self._insert(_EVENTS, event_rows)
        self._insert(models.EventArea.__table__,
                     [a for r in event_rows for a in content.area_rows(r["id"], r.get("areas"))])
        self._insert(models.EventPerson.__table__, event_links)
        self._insert(models.DocumentPerson.__table__, doc_links)
        if touched:
            stmt = update(_CLUSTERS).where(_CLUSTERS.c.id == bindparam("c_id")).values(
                {k: bindparam(k) for k in touched[0] if k != "c_id"})
            self.conn.execute(stmt, touched)
        return written

    def _new_ones(self, batch: Sequence[tuple[_Entry, Found]]) -> set[int]:
        """Positions of the documents neither stored already nor repeated earlier in the batch."""
        from rasad.store.ingest import _SEEN_MANY

        keys = sorted({e.key for e, _ in batch})
        digests = sorted({e.digest for e, _ in batch})
        seen_keys: set[str] = set()
        seen_digests: set[str] = set()
        for i in range(0, max(len(keys), len(digests)), 500):
            for k, d in self.conn.execute(_SEEN_MANY, {"keys": keys[i:i + 500], "digests": digests[i:i + 500]}):
                seen_keys.add(k)
                seen_digests.add(d)
        keep = set()
        for i, (entry, _) in enumerate(batch):
            if entry.key in seen_keys or entry.digest in seen_digests:
                continue
            seen_keys.add(entry.key)
            seen_digests.add(entry.digest)
            keep.add(i)
        return keep

    def _places_and_persons(self, docs: Iterable[tuple[Any, Any, Found]]) -> tuple[dict[str, int], dict[str, int]]:
        places: dict[str, dict[str, Any]] = {}
        persons: dict[str, dict[str, Any]] = {}
        known_places, known_persons = self.ing._places, self.ing._persons
        for _, _, found in docs:
            for e in found.events:
                if e.location.place:
                    key = place_key(e.location.country, e.location.place)
                    if key not in known_places and key not in places:
                        places[key] = place_values(e.location.country, e.location.place)
            for p in itertools.chain(found.persons, *(e.persons for e in found.events)):
                key = person_key(p)
                if key not in known_persons and key not in persons:
                    persons[key] = person_values(p)
        return (ensure(self.store, self.conn, models.Place, places, known_places),
                ensure(self.store, self.conn, models.Person, persons, known_persons))

    @staticmethod
    def _place(places: dict[str, int], e: Event) -> int | None:
        return places[place_key(e.location.country, e.location.place)] if e.location.place else None

    def _cluster(self, doc_rows: list[dict[str, Any]], event_rows: list[dict[str, Any]],
                 now: dt.datetime) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Assign the batch's mentions to merged events; the rows to update and to insert."""
        window = self.ing.window(self.conn)
        docs = {r["id"]: r for r in doc_rows}
        mentions = []
        reach: dict[clusters.Group, list[dt.date]] = {}
        for r in event_rows:
            d = docs[r["document_id"]]
            m = clusters.Mention(event_id=r["id"], document_id=r["document_id"], date=r["date"],
                                 place_id=r["place_id"], location_country=r["location_country"],
                                 published=d["published"], ingested=now.date(), outlet=d["outlet_norm"],
                                 goldstein=r["goldstein"], confidence=r["confidence"],
                                 areas=tuple(r.get("areas") or ()), instrument=r.get("instrument"))
            group = (r["type"], r["pair_a"], r["pair_b"])
            mentions.append((group, m, r))
            interval = clusters.match_interval(m.date, m.published)
            if interval is not None:
                lo_hi = reach.setdefault(group, [interval[0], interval[1]])
                lo_hi[0], lo_hi[1] = min(lo_hi[0], interval[0]), max(lo_hi[1], interval[1])
        assigner = clusters.Assigner(window, itertools.count(_TEMPORARY).__next__)
        load_clusters(self.conn, assigner, reach, window)
        existing = set(assigner.clusters)
        for group, m, r in mentions:
            r["cluster_id"] = assigner.add(group, m).id
        new = [b for cid, b in assigner.clusters.items() if cid not in existing]
        real = dict(zip((b.id for b in new), allocate(self.store, self.conn, "clusters", len(new)), strict=True))
        for r in event_rows:
            r["cluster_id"] = real.get(r["cluster_id"], r["cluster_id"])
        created = [{"id": real[b.id], "type": b.type, "pair_a": b.pair_a, "pair_b": b.pair_b,
                    "pair": pair_key(b.pair_a, b.pair_b), **b.state.values()} for b in new]
        touched_ids = {r["cluster_id"] for r in event_rows} & existing
        touched = [{"c_id": cid, **assigner.clusters[cid].state.values()} for cid in sorted(touched_ids)]
        return touched, created

    def _insert(self, table: Any, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if self.store.is_sqlite:
            insert_rows(self.conn, table, rows)
        else:
            copy_rows(self.conn, table, rows)


def _columns(table: Any, row: dict[str, Any]) -> tuple[list[str], set[str]]:
    columns = [c.name for c in table.columns if c.name in row]
    return columns, {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}


def insert_rows(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """SQLite: one prepared INSERT run over all rows by the driver (SQLAlchemy's per-row work left out)."""
    columns, json_columns = _columns(table, rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    sql = f'INSERT INTO {table.name} ({names}) VALUES ({", ".join("?" * len(columns))})'
    conn.exec_driver_sql(sql, [tuple(_plain(r[c], c in json_columns) for c in columns) for r in rows])


def _plain(value: Any, is_json: bool) -> Any:
    if is_json and value is not None:
        return json.dumps(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")  # how SQLAlchemy stores a DateTime in SQLite
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def copy_rows(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """PostgreSQL's COPY through psycopg 3: one round trip for any number of rows."""
    columns, json_columns = _columns(table, rows[0])
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    names = ", ".join(f'"{c}"' for c in columns)
    with cursor.copy(f'COPY {table.name} ({names}) FROM STDIN') as copy:
        for r in rows:
            copy.write_row([json.dumps(r[c]) if c in json_columns and r[c] is not None else r[c] for c in columns])


def _event_persons(event_id: int, e: Event, persons: dict[str, int]) -> list[dict[str, Any]]:
    out, seen = [], set()
    for p in e.persons:
        pid = persons[person_key(p)]
        if pid not in seen:
            seen.add(pid)
            out.append({"event_id": event_id, "person_id": pid, "role": clip(p.role, 255), "sector": p.sector})
    return out


def _document_persons(doc_pk: int, found: list[Person], persons: dict[str, int]) -> list[dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for p in found:
        pid = persons[person_key(p)]
        out.setdefault(pid, {"document_id": doc_pk, "person_id": pid, "role": clip(p.role, 255),
                             "sector": p.sector})
    return list(out.values())
