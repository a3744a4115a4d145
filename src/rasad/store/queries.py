"""Questions an analyst asks of the store: which events, which merged events, how many per month.

Every value a user types reaches the database as a bound parameter, never as
SQL text; sort keys are looked up in fixed tables; ``LIKE`` wildcards in
search terms are escaped, so ``%`` finds a percent sign and nothing else.
Names, outlets and search terms are folded as the stored copies were
(:mod:`rasad.store.normal`).

An event's date, for filters, sorting and statistics, is its own first day
when it has a date, else its document's publication date (``ref_date``).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select

from rasad.model import DIRECTED_TYPES, EVENT_TYPES
from rasad.store.content import record_fields
from rasad.store.models import Cluster, Document, Event, EventArea, EventPerson, Person, Place
from rasad.store.normal import fold, latin_key, pair_key

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from rasad.store.db import Store

E, D, C, P = Event, Document, Cluster, Place

EVENT_SORTS: dict[str, Any] = {
    "date": E.ref_date, "published": D.published, "confidence": E.confidence, "goldstein": E.goldstein,
    "type": E.type, "source": D.outlet, "sources": C.n_sources, "id": E.id,
}
CLUSTER_SORTS: dict[str, Any] = {
    "date": C.ref_date, "first": C.first_reported, "sources": C.n_sources, "documents": C.n_documents,
    "mentions": C.n_events, "goldstein": C.goldstein, "confidence": C.confidence, "type": C.type, "id": C.id,
}


@dataclass
class EventFilter:
    """What to select. Empty fields select everything; several values in one field mean "any of"."""

    countries: Sequence[str] = ()  # either side
    pair: tuple[str, str] | None = None  # both sides, either direction unless ``directed``
    directed: bool = False  # pair as source → target
    types: Sequence[str] = ()
    sectors: Sequence[str] = ()  # either side's sector
    person: str | None = None  # Arabic or English name, or part of one
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sources: Sequence[str] = ()  # outlet names, or parts of them
    text: str | None = None  # words in the evidence sentences
    cluster: int | None = None
    undated: bool | None = None  # True: only events with no date at all; False: only dated ones
    areas: Sequence[str] = ()  # fields of cooperation (SIGN, MIL_COOP): any of these

    def __post_init__(self) -> None:
        # Control characters match nothing in news text, and a NUL would end the
        # pattern early in SQLite (matching everything) and is refused by PostgreSQL.
        self.countries = [_clean(c) for c in self.countries]
        self.pair = (_clean(self.pair[0]), _clean(self.pair[1])) if self.pair else None
        self.types = [_clean(t) for t in self.types]
        self.sectors = [_clean(x) for x in self.sectors]
        self.sources = [_clean(x) for x in self.sources]
        self.areas = [_clean(x) for x in self.areas]
        self.person = _clean(self.person) if self.person is not None else None
        self.text = _clean(self.text) if self.text is not None else None

    def has_member_filters(self) -> bool:
        """Filters that a cluster can only answer through its mentions."""
        return bool(self.sectors or self.person is not None or self.sources or self.text is not None or self.areas)


def _clean(value: str) -> str:
    return "".join(ch for ch in value if unicodedata.category(ch) != "Cc" or ch in "\t\n")


def _contains(column: Any, value: str) -> ColumnElement[bool]:
    if not value:
        return false()
    return column.contains(value, autoescape=True)


def _words(column: Any, value: str) -> ColumnElement[bool]:
    """Every word of ``value``, in its order, anywhere in ``column`` (not only as one phrase).

    One LIKE pattern with ``%`` between the words, each word's own ``%``, ``_``
    and ``/`` escaped: the statement is the same whatever the value.
    """
    words = value.split()
    if not words:
        return false()
    escaped = [w.replace("/", "//").replace("%", "/%").replace("_", "/_") for w in words]
    return column.like("%" + "%".join(escaped) + "%", escape="/")


def _person_condition(query: str) -> ColumnElement[bool]:
    ar, en = fold(query), latin_key(query)
    if not ar and not en:
        return false()
    people = select(Person.id).where(or_(_contains(Person.name_norm, ar), _contains(Person.name_en_norm, en)))
    return E.id.in_(select(EventPerson.event_id).where(EventPerson.person_id.in_(people)))


def event_conditions(f: EventFilter, *, members_only: bool = False) -> list[ColumnElement[bool]]:
    """WHERE clauses over events joined with their documents."""
    cond: list[ColumnElement[bool]] = []
    if not members_only:
        if f.countries:
            cond.append(or_(E.source_country.in_(f.countries), E.target_country.in_(f.countries)))
        if f.pair:
            a, b = f.pair
            cond.append(E.pair == pair_key(a, b))
            if f.directed:
                cond.append(and_(E.source_country == a, E.target_country == b))
        if f.types:
            cond.append(E.type.in_(f.types))
        if f.date_from:
            cond.append(E.ref_date >= f.date_from)
        if f.date_to:
            cond.append(E.ref_date <= f.date_to)
        if f.cluster is not None:
            cond.append(E.cluster_id == f.cluster)
        if f.undated is not None:
            cond.append(E.ref_date.is_(None) if f.undated else E.ref_date.is_not(None))
    if f.sectors:
        cond.append(or_(E.source_sector.in_(f.sectors), E.target_sector.in_(f.sectors)))
    if f.person is not None:
        cond.append(_person_condition(f.person))
    if f.sources:
        cond.append(or_(*(_contains(D.outlet_norm, fold(s)) for s in f.sources)))
    if f.text is not None:
        cond.append(_words(E.evidence_norm, fold(f.text)))
    if f.areas:
        # One index range per area (ix_event_areas_area), whatever else is filtered.
        cond.append(E.id.in_(select(EventArea.event_id).where(EventArea.area.in_(f.areas))))
    return cond


def cluster_conditions(f: EventFilter) -> list[ColumnElement[bool]]:
    cond: list[ColumnElement[bool]] = []
    if f.countries:
        cond.append(or_(C.pair_a.in_(f.countries), C.pair_b.in_(f.countries)))
    if f.pair:
        a, b = f.pair
        cond.append(C.pair == pair_key(a, b))
        if f.directed:
            # Only directed types have a direction to match; the others match either way.
            cond.append(or_(C.type.not_in(DIRECTED_TYPES), and_(C.pair_a == a, C.pair_b == b)))
    if f.types:
        cond.append(C.type.in_(f.types))
    if f.date_from:
        cond.append(C.ref_date >= f.date_from)
    if f.date_to:
        cond.append(C.ref_date <= f.date_to)
    if f.cluster is not None:
        cond.append(C.id == f.cluster)
    if f.undated is not None:
        cond.append(C.ref_date.is_(None) if f.undated else C.ref_date.is_not(None))
    if f.has_member_filters():
        members = select(E.cluster_id)
        if _needs_documents(f):
            members = members.join(D, D.id == E.document_id)
        members = members.where(E.cluster_id.is_not(None), *event_conditions(f, members_only=True))
        cond.append(C.id.in_(members))
    return cond


def _order(sort: str, table: dict[str, Any], tiebreak: Any, f: EventFilter) -> list[Any]:
    desc = sort.startswith("-")
    key = sort.lstrip("-+")
    if key not in table:
        raise ValueError(f"unknown sort key {key!r}: use one of {', '.join(sorted(table))}")
    col = table[key]
    ordered = col.desc() if desc else col.asc()
    # Undated events sort last. When a date bound already excludes them, the
    # NULLS clause is left out: PostgreSQL can then read the (pair, date)
    # index in order and stop after one page instead of sorting every match.
    if not (key == "date" and (f.date_from or f.date_to)):
        ordered = ordered.nulls_last()
    return [ordered, tiebreak.desc() if desc else tiebreak.asc()]


# -- events ------------------------------------------------------------------------


def _events_select(f: EventFilter) -> Select[Any]:
    return (
        select(*Event.__table__.c, D.doc_id.label("doc_id"), D.key.label("doc_key"), D.url.label("doc_url"),
               D.outlet.label("outlet"), D.published.label("published"), D.title.label("title"),
               P.name.label("place_name"), C.n_sources.label("cluster_sources"))
        .join(D, D.id == E.document_id)
        .outerjoin(P, P.id == E.place_id)
        .outerjoin(C, C.id == E.cluster_id)
        .where(*event_conditions(f))
    )


def _persons_of(conn: Connection, event_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i:i + 500]
        rows = conn.execute(
            select(EventPerson.event_id, Person.name, Person.name_en, Person.country, EventPerson.role,
                   EventPerson.sector)
            .join(Person, Person.id == EventPerson.person_id)
            .where(EventPerson.event_id.in_(chunk))
            .order_by(EventPerson.event_id, Person.id)
        )
        for eid, name, name_en, country, role, sector in rows:
            out.setdefault(eid, []).append({"name": name, "name_en": name_en, "country": country, "role": role,
                                            "sector": sector})
    return out


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _event_record(row: Any, persons: list[dict[str, Any]]) -> dict[str, Any]:
    e = row
    return {
        "event_id": e.id,
        "cluster_id": e.cluster_id,
        "cluster_sources": row.cluster_sources,
        "type": e.type,
        "cameo": e.cameo,
        "plover": e.plover,
        "plover_mode": e.plover_mode,
        "source": {"country": e.source_country, "sector": e.source_sector, "text": e.source_text},
        "target": {"country": e.target_country, "sector": e.target_sector, "text": e.target_text},
        "location": {"country": e.location_country, "place": row.place_name},
        "date": e.date,
        "ref_date": _iso(e.ref_date),
        "persons": persons,
        "evidence": e.evidence,
        "evidence_text": e.evidence_text,
        "confidence": e.confidence,
        "goldstein": e.goldstein,
        "trigger": e.trigger,
        **record_fields(e),
        "document": {"id": row.doc_id, "key": row.doc_key, "url": row.doc_url, "outlet": row.outlet,
                     "published": _iso(row.published), "title": row.title},
    }


def _needs_documents(f: EventFilter) -> bool:
    """Whether the filters read the documents table (joining it for nothing costs a lookup per event)."""
    return bool(f.sources)


def count_events(store: Store, f: EventFilter) -> int:
    stmt = select(func.count()).select_from(E)
    if _needs_documents(f):
        stmt = stmt.join(D, D.id == E.document_id)
    stmt = stmt.where(*event_conditions(f))
    with store.read() as conn:
        return int(conn.execute(stmt).scalar_one())


def find_events(store: Store, f: EventFilter, *, sort: str = "-date", limit: int | None = 50,
                offset: int = 0) -> list[dict[str, Any]]:
    """One page of matching event mentions, as records (EVENTS.md fields plus store fields)."""
    stmt = _events_select(f).order_by(*_order(sort, EVENT_SORTS, E.id, f)).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    with store.read() as conn:
        rows = conn.execute(stmt).all()
        persons = _persons_of(conn, [r.id for r in rows])
    return [_event_record(r, persons.get(r.id, [])) for r in rows]


def events_of_clusters(store: Store, cluster_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Every report of the given merged events, as records, oldest first."""
    out: list[dict[str, Any]] = []
    ids = sorted(set(cluster_ids))
    with store.read() as conn:
        for i in range(0, len(ids), 500):
            stmt = (_events_select(EventFilter()).where(E.cluster_id.in_(ids[i:i + 500]))
                    .order_by(D.published.asc().nulls_last(), E.id))
            rows = conn.execute(stmt).all()
            persons = _persons_of(conn, [r.id for r in rows])
            out.extend(_event_record(r, persons.get(r.id, [])) for r in rows)
    return out


def iter_events(store: Store, f: EventFilter, *, sort: str = "-date", batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every matching event, streamed (for exports of any size)."""
    stmt = _events_select(f).order_by(*_order(sort, EVENT_SORTS, E.id, f))
    with store.read() as conn:
        result = conn.execution_options(stream_results=True, yield_per=batch).execute(stmt)
        for part in result.partitions(batch):
            persons = _persons_of(conn, [r.id for r in part])
            for r in part:
                yield _event_record(r, persons.get(r.id, []))


# -- clusters -----------------------------------------------------------------------


def _clusters_select(f: EventFilter) -> Select[Any]:
    return (select(*Cluster.__table__.c, P.name.label("place_name"), D.doc_id.label("first_doc_id"),
                   D.outlet.label("first_outlet"), D.url.label("first_url"), D.title.label("first_title"))
            .outerjoin(P, P.id == C.place_id)
            .outerjoin(D, D.id == C.first_document_id)
            .where(*cluster_conditions(f)))


def _outlets_of(conn: Connection, cluster_ids: Sequence[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for i in range(0, len(cluster_ids), 500):
        chunk = cluster_ids[i:i + 500]
        rows = conn.execute(select(E.cluster_id, D.outlet, func.min(D.id).label("first"))
                            .join(D, D.id == E.document_id)
                            .where(E.cluster_id.in_(chunk)).group_by(E.cluster_id, D.outlet)
                            .order_by(E.cluster_id, func.min(D.id)))
        for cid, outlet, _ in rows:
            if outlet:
                out.setdefault(cid, []).append(outlet)
    return out


def _cluster_record(row: Any, outlets: list[str]) -> dict[str, Any]:
    c = row
    return {
        "cluster_id": c.id,
        "type": c.type,
        "pair": [c.pair_a, c.pair_b],
        "directed": c.type in DIRECTED_TYPES,
        "date": c.date,
        "ref_date": _iso(c.ref_date),
        "location": {"country": c.location_country, "place": row.place_name},
        "first_reported": _iso(c.first_reported),
        "first_document": {"id": row.first_doc_id, "outlet": row.first_outlet, "url": row.first_url,
                           "title": row.first_title},
        "sources": c.n_sources,
        "documents": c.n_documents,
        "mentions": c.n_events,
        "outlets": outlets,
        "goldstein": c.goldstein,
        "confidence": c.confidence,
        "areas": list(c.areas or []),
        "instrument": c.instrument,
    }


def count_clusters(store: Store, f: EventFilter) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(C).where(*cluster_conditions(f))).scalar_one())


def find_clusters(store: Store, f: EventFilter, *, sort: str = "-date", limit: int | None = 50,
                  offset: int = 0) -> list[dict[str, Any]]:
    """One page of merged events (clusters) with a matching mention."""
    stmt = _clusters_select(f).order_by(*_order(sort, CLUSTER_SORTS, C.id, f)).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    with store.read() as conn:
        rows = conn.execute(stmt).all()
        outlets = _outlets_of(conn, [r.id for r in rows])
    return [_cluster_record(r, outlets.get(r.id, [])) for r in rows]


def iter_clusters(store: Store, f: EventFilter, *, sort: str = "-date",
                  batch: int = 1000) -> Iterator[dict[str, Any]]:
    stmt = _clusters_select(f).order_by(*_order(sort, CLUSTER_SORTS, C.id, f))
    with store.read() as conn:
        result = conn.execution_options(stream_results=True, yield_per=batch).execute(stmt)
        for part in result.partitions(batch):
            outlets = _outlets_of(conn, [r.id for r in part])
            for r in part:
                yield _cluster_record(r, outlets.get(r.id, []))


# -- statistics ------------------------------------------------------------------------


@dataclass
class MonthStats:
    month: str  # YYYY-MM
    counts: dict[str, int] = field(default_factory=dict)
    goldstein: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Stats:
    unit: str  # "events" (merged, one per cluster) or "mentions"
    months: list[MonthStats]
    undated: int  # matching events with no date and no publication date

    def totals(self) -> MonthStats:
        out = MonthStats("total", {t: 0 for t in EVENT_TYPES})
        for m in self.months:
            for t, n in m.counts.items():
                out.counts[t] = out.counts.get(t, 0) + n
            out.goldstein += m.goldstein
        return out


def _month(store: Store, column: Any) -> Any:
    if store.is_sqlite:
        return func.strftime("%Y-%m", column)
    return func.to_char(column, "YYYY-MM")


def _month_range(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def stats(store: Store, f: EventFilter, *, mentions: bool = False) -> Stats:
    """Events per month by type and the Goldstein sum per month, every month in the range listed.

    By default each merged event (cluster) counts once, in the month of its
    best-attested date, with its Goldstein value; ``mentions=True`` counts
    every report instead.
    """
    if mentions:
        table, cond, date_col, gold = E, event_conditions(f), E.ref_date, E.goldstein
        base = select().select_from(E)
        if _needs_documents(f):
            base = base.join(D, D.id == E.document_id)
    else:
        table, cond, date_col, gold = C, cluster_conditions(f), C.ref_date, C.goldstein
        base = select().select_from(C)
    month = _month(store, date_col).label("month")
    stmt = (base.add_columns(month, table.type, func.count().label("n"), func.sum(gold).label("g"))
            .where(*cond, date_col.is_not(None)).group_by(month, table.type).order_by(month))
    undated_stmt = base.add_columns(func.count()).where(*cond, date_col.is_(None))
    with store.read() as conn:
        rows = conn.execute(stmt).all()
        undated = int(conn.execute(undated_stmt).scalar_one())
    by_month: dict[str, MonthStats] = {}
    for month_value, type_, n, g in rows:
        ms = by_month.setdefault(month_value, MonthStats(month_value, {t: 0 for t in EVENT_TYPES}))
        ms.counts[type_] = ms.counts.get(type_, 0) + int(n)
        ms.goldstein += float(g or 0.0)
    months: list[MonthStats] = []
    if by_month:
        first = min(by_month)
        last = max(by_month)
        if f.date_from:
            first = min(first, f.date_from.isoformat()[:7])
        if f.date_to:
            last = max(last, f.date_to.isoformat()[:7])
        for m in _month_range(first, last):
            months.append(by_month.get(m) or MonthStats(m, {t: 0 for t in EVENT_TYPES}))
    for ms in months:
        ms.goldstein = round(ms.goldstein, 6)
    return Stats(unit="mentions" if mentions else "events", months=months, undated=undated)


def store_overview(store: Store) -> dict[str, Any]:
    """Counts and extent of the whole store (for ``rasad stats`` without a pair or country)."""
    with store.read() as conn:
        def count(model: Any) -> int:
            return int(conn.execute(select(func.count()).select_from(model)).scalar_one())

        first, last = conn.execute(select(func.min(E.ref_date), func.max(E.ref_date))).one()
        outlets = conn.execute(select(func.count(func.distinct(D.outlet_norm)))).scalar_one()
        multi = conn.execute(select(func.count()).select_from(C).where(C.n_sources > 1)).scalar_one()
        by_type = dict(conn.execute(select(E.type, func.count()).group_by(E.type)).all())
        from rasad.store.models import Failure

        overview = {
            "documents": count(D), "events": count(E), "clusters": count(C), "multi_source_clusters": int(multi),
            "outlets": int(outlets), "persons": count(Person), "places": count(P), "failures": count(Failure),
            "first_date": _iso(first), "last_date": _iso(last),
            "events_by_type": {t: int(by_type.get(t, 0)) for t in EVENT_TYPES},
        }
    overview["size_bytes"] = store.size_bytes()
    return overview
