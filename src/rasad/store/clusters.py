"""Cross-source merging: which event mentions report the same real-world event.

The rule (``docs/store.md`` discusses its limits):

* Two mentions can only be the same event when they have the same type and
  the same country pair: ordered for the directed types (``VISIT``,
  ``MIL_AID``: the visitor and the host, the giver and the receiver),
  unordered otherwise.
* A mention joins an existing cluster of that type and pair when its date
  lies within ``window`` days of the cluster's date (distance between the two
  intervals: a month-only date spans its month), and the places agree where
  both are known (the city; an unknown place agrees with any).
* A mention without a date is matched on its document's publication date;
  with neither it forms a cluster of its own.
* Among several candidates the nearest date wins, then the oldest cluster.
* A cluster's date is its best-attested one: the most frequent day among its
  mentions (month-only dates count only when no mention gives a day), ties to
  the earliest; its place, location country and Goldstein value are the most
  frequent, ties to the earliest reported.

Clusters are kept up to date as documents arrive (:func:`assign`, inside the
document's transaction) and can be rebuilt from the stored events
(:func:`recompute`), e.g. after a change of window. Both use
:class:`ClusterState` for the aggregates, so the two agree.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import itertools
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, select, text, update

from rasad.store.content import ordered_areas
from rasad.store.models import Cluster, Document, Event, Setting, utcnow
from rasad.store.normal import pair_key

if TYPE_CHECKING:
    from rasad.store.db import Store

DEFAULT_WINDOW_DAYS = 3
WINDOW_SETTING = "cluster_window_days"
# The longest interval a date can stand for (a month-only date); bounds the
# index range that has to be searched for candidates.
_MAX_SPAN = 30

Interval = tuple[dt.date, dt.date]


def date_interval(value: str | None) -> Interval | None:
    """The days a reported date covers: one day, or a whole month for ``YYYY-MM``; None otherwise."""
    if not value:
        return None
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            return day, day
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
    except ValueError:
        return None
    return None


def gap_days(a: Interval, b: Interval) -> int:
    """Days between two intervals; 0 when they overlap."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def match_interval(date: str | None, published: dt.date | None) -> Interval | None:
    """What a mention is matched on: its own date, else its document's publication day."""
    interval = date_interval(date)
    if interval is None and published is not None:
        interval = (published, published)
    return interval


def get_window(conn: Connection) -> int:
    value = conn.execute(select(Setting.value).where(Setting.key == WINDOW_SETTING)).scalar_one_or_none()
    return int(value) if value is not None else DEFAULT_WINDOW_DAYS


def set_window(conn: Connection, days: int) -> None:
    conn.execute(delete(Setting).where(Setting.key == WINDOW_SETTING))
    conn.execute(insert(Setting).values(key=WINDOW_SETTING, value=str(days)))


# -- aggregates -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """What the cluster aggregates need to know about one event mention."""

    event_id: int
    document_id: int
    date: str | None
    place_id: int | None
    location_country: str | None
    published: dt.date | None
    ingested: dt.date
    outlet: str | None
    goldstein: float
    confidence: float
    areas: tuple[str, ...] = ()
    instrument: str | None = None

    @property
    def order(self) -> tuple[dt.date, int, int]:
        """Report order: publication day (ingest day when unknown), then arrival."""
        return (self.published or self.ingested, self.document_id, self.event_id)


def _best(counts: Counter[Any], first: dict[Any, tuple[Any, ...]]) -> Any:
    """Most frequent value; ties to the one reported first."""
    return min(counts, key=lambda v: (-counts[v], first[v]))


@dataclass
class ClusterState:
    """The aggregates of one cluster, updated one mention at a time."""

    days: Counter[str] = field(default_factory=Counter)
    months: Counter[str] = field(default_factory=Counter)
    places: Counter[int] = field(default_factory=Counter)
    place_first: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    countries: Counter[str] = field(default_factory=Counter)
    country_first: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    goldsteins: Counter[float] = field(default_factory=Counter)
    goldstein_first: dict[float, tuple[Any, ...]] = field(default_factory=dict)
    documents: set[int] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    n_events: int = 0
    confidence: float = 0.0
    first: Mention | None = None
    first_published: Mention | None = None  # earliest mention whose document has a date
    areas: set[str] = field(default_factory=set)
    instrument_first: Mention | None = None  # earliest mention that names what was signed

    def add(self, m: Mention) -> None:
        order = m.order
        self.n_events += 1
        if m.date and len(m.date) == 10:
            self.days[m.date] += 1
        elif m.date and len(m.date) == 7:
            self.months[m.date] += 1
        if m.place_id is not None:
            self.places[m.place_id] += 1
            self.place_first[m.place_id] = min(self.place_first.get(m.place_id, order), order)
        if m.location_country:
            self.countries[m.location_country] += 1
            self.country_first[m.location_country] = min(self.country_first.get(m.location_country, order), order)
        self.goldsteins[m.goldstein] += 1
        self.goldstein_first[m.goldstein] = min(self.goldstein_first.get(m.goldstein, order), order)
        self.documents.add(m.document_id)
        # A document without an outlet is a source of its own: merging all
        # unnamed sources into one would understate how widely it was reported.
        self.sources.add(m.outlet or f"document:{m.document_id}")
        self.confidence = max(self.confidence, m.confidence)
        if self.first is None or order < self.first.order:
            self.first = m
        if m.published is not None and (self.first_published is None or order < self.first_published.order):
            self.first_published = m
        self.areas.update(m.areas)
        if m.instrument and (self.instrument_first is None or order < self.instrument_first.order):
            self.instrument_first = m

    @property
    def date(self) -> str | None:
        counts = self.days or self.months
        if not counts:
            return None
        # ISO strings sort in date order, so the smallest is the earliest.
        return min(counts, key=lambda v: (-counts[v], v))

    @property
    def interval(self) -> Interval | None:
        """What new mentions are matched against."""
        interval = date_interval(self.date)
        if interval is None and self.first_published is not None:
            day = self.first_published.published
            assert day is not None
            interval = (day, day)
        return interval

    @property
    def place_id(self) -> int | None:
        return _best(self.places, self.place_first) if self.places else None

    def values(self) -> dict[str, Any]:
        """The cluster row's aggregate columns."""
        assert self.first is not None, "a cluster has at least one mention"
        interval = self.interval
        return {
            "date": self.date,
            "date_start": interval[0] if interval else None,
            "date_end": interval[1] if interval else None,
            "ref_date": interval[0] if interval else None,
            "place_id": self.place_id,
            "location_country": _best(self.countries, self.country_first) if self.countries else None,
            "first_reported": self.first.published or self.first.ingested,
            "first_document_id": self.first.document_id,
            "n_events": self.n_events,
            "n_documents": len(self.documents),
            "n_sources": len(self.sources),
            "goldstein": _best(self.goldsteins, self.goldstein_first),
            "confidence": self.confidence,
            "areas": ordered_areas(self.areas) or None,
            "instrument": self.instrument_first.instrument if self.instrument_first else None,
            "updated_at": utcnow(),
        }


def places_agree(a: int | None, b: int | None) -> bool:
    return a is None or b is None or a == b


# -- incremental, inside a document's transaction --------------------------------


@dataclass(frozen=True, slots=True)
class NewMention:
    """An event just stored, waiting for its cluster."""

    event_id: int
    type: str
    pair_a: str
    pair_b: str
    date: str | None
    published: dt.date | None
    place_id: int | None


def lock_key(type_: str, pair_a: str, pair_b: str) -> str:
    return f"cluster:{type_}:{pair_a}:{pair_b}"


_MENTION_COLUMNS = (Event.id, Event.document_id, Event.date, Event.place_id, Event.location_country,
                    Document.published, Document.ingested_at, Document.outlet_norm, Event.goldstein,
                    Event.confidence, Event.areas, Event.instrument)


def _mention(row: Sequence[Any]) -> Mention:
    ingested = row[6]
    return Mention(event_id=row[0], document_id=row[1], date=row[2], place_id=row[3], location_country=row[4],
                   published=row[5], ingested=ingested.date() if isinstance(ingested, dt.datetime) else ingested,
                   outlet=row[7], goldstein=row[8], confidence=row[9], areas=tuple(row[10] or ()),
                   instrument=row[11])


_MEMBERS = (select(*_MENTION_COLUMNS).join(Document, Document.id == Event.document_id)
            .where(Event.cluster_id == bindparam("cid")))
_CLUSTERS = Cluster.__table__
_UPDATE_CLUSTER = _CLUSTERS.update().where(_CLUSTERS.c.id == bindparam("cid"))
_DELETE_CLUSTER = _CLUSTERS.delete().where(_CLUSTERS.c.id == bindparam("cid"))
_NEW_CLUSTER = _CLUSTERS.insert().returning(_CLUSTERS.c.id)
_LINK_EVENT = Event.__table__.update().where(Event.__table__.c.id == bindparam("eid")).values(
    cluster_id=bindparam("cid"))
_CANDIDATES = (select(_CLUSTERS.c.id, _CLUSTERS.c.date_start, _CLUSTERS.c.date_end, _CLUSTERS.c.place_id)
               .where(_CLUSTERS.c.type == bindparam("type"), _CLUSTERS.c.pair_a == bindparam("a"),
                      _CLUSTERS.c.pair_b == bindparam("b"), _CLUSTERS.c.date_start >= bindparam("lo"),
                      _CLUSTERS.c.date_start <= bindparam("hi")))


def refresh(conn: Connection, cluster_id: int, *, delete_empty: bool = True) -> bool:
    """Recompute one cluster's aggregates from its mentions; False when it has none left.

    An empty cluster is deleted unless ``delete_empty`` is False: re-analysis
    keeps it (with its old date and place) for one more assignment round, so a
    mention that comes back unchanged returns to the cluster it had.
    """
    rows = conn.execute(_MEMBERS, {"cid": cluster_id}).all()
    if not rows:
        if delete_empty:
            conn.execute(_DELETE_CLUSTER, {"cid": cluster_id})
        return False
    state = ClusterState()
    for row in rows:
        state.add(_mention(row))
    conn.execute(_UPDATE_CLUSTER, {"cid": cluster_id, **state.values()})
    return True


def _candidates(conn: Connection, m: NewMention, interval: Interval, window: int) -> list[Any]:
    lo = interval[0] - dt.timedelta(days=window + _MAX_SPAN)
    hi = interval[1] + dt.timedelta(days=window)
    return conn.execute(_CANDIDATES, {"type": m.type, "a": m.pair_a, "b": m.pair_b, "lo": lo, "hi": hi}).all()


def choose(candidates: Iterable[Any], interval: Interval, place_id: int | None, window: int) -> int | None:
    """The cluster a mention joins among ``(id, date_start, date_end, place_id)`` rows, or None."""
    best: tuple[int, int] | None = None
    for cid, start, end, cplace in candidates:
        if start is None or end is None or not places_agree(place_id, cplace):
            continue
        gap = gap_days(interval, (start, end))
        if gap <= window and (best is None or (gap, cid) < best):
            best = (gap, cid)
    return best[1] if best else None


def assign(store: Store, conn: Connection, mentions: Sequence[NewMention], window: int) -> set[int]:
    """Put freshly stored mentions into clusters (joining or creating); returns the clusters touched."""
    if not mentions:
        return set()
    store.lock_keys(conn, (lock_key(m.type, m.pair_a, m.pair_b) for m in mentions))
    touched: set[int] = set()
    for m in mentions:
        interval = match_interval(m.date, m.published)
        cid = None
        if interval is not None:
            cid = choose(_candidates(conn, m, interval, window), interval, m.place_id, window)
        if cid is None:
            cid = conn.execute(_NEW_CLUSTER, {
                "type": m.type, "pair_a": m.pair_a, "pair_b": m.pair_b, "pair": pair_key(m.pair_a, m.pair_b),
                "n_events": 0, "n_documents": 0, "n_sources": 0, "goldstein": 0.0, "confidence": 0.0,
                "updated_at": utcnow()}).scalar_one()
        conn.execute(_LINK_EVENT, {"eid": m.event_id, "cid": cid})
        # Right away: the next mention of this document may be matched against it.
        refresh(conn, cid)
        touched.add(cid)
    return touched


# -- in memory: rebuilding, batches, and the Spark job ------------------------------------

Group = tuple[str, str, str]  # type, pair_a, pair_b


@dataclass
class _Built:
    id: int
    type: str
    pair_a: str
    pair_b: str
    state: ClusterState
    key: tuple[dt.date, int] | None = None  # position in its group's index


class Assigner:
    """The rule of :func:`assign`, over clusters held in memory: mentions are added in arrival
    order and each joins the cluster :func:`choose` picks among those of its type and pair whose
    date lies in reach, or starts one numbered by ``new_id``.

    A rebuild, a batch of documents written at once and the Spark job all use it, so they
    merge exactly as documents stored one at a time do.
    """

    def __init__(self, window: int, new_id: Callable[[], int]) -> None:
        self.window = window
        self.new_id = new_id
        self.clusters: dict[int, _Built] = {}
        self._index: dict[Group, list[tuple[dt.date, int]]] = defaultdict(list)

    def load(self, cid: int, group: Group, state: ClusterState) -> None:
        """A cluster that exists already (with all its mentions in ``state``)."""
        b = _Built(id=cid, type=group[0], pair_a=group[1], pair_b=group[2], state=state)
        self.clusters[cid] = b
        _reindex(self._index[group], b)

    def add(self, group: Group, m: Mention) -> _Built:
        interval = match_interval(m.date, m.published)
        chosen: _Built | None = None
        if interval is not None:
            keys = self._index[group]
            win = dt.timedelta(days=self.window)
            lo = bisect.bisect_left(keys, (interval[0] - win - dt.timedelta(days=_MAX_SPAN), -1))
            hi = bisect.bisect_right(keys, (interval[1] + win, sys.maxsize))
            cands = []
            for _, cid in keys[lo:hi]:
                b = self.clusters[cid]
                iv = b.state.interval
                assert iv is not None
                cands.append((b.id, iv[0], iv[1], b.state.place_id))
            cid = choose(cands, interval, m.place_id, self.window)
            if cid is not None:
                chosen = self.clusters[cid]
        if chosen is None:
            chosen = _Built(id=self.new_id(), type=group[0], pair_a=group[1], pair_b=group[2], state=ClusterState())
            self.clusters[chosen.id] = chosen
        chosen.state.add(m)
        _reindex(self._index[group], chosen)
        return chosen


@dataclass
class RecomputeResult:
    events: int
    clusters: int
    multi_source: int  # clusters reported by more than one source


def recompute(store: Store, window: int | None = None,
              progress: Callable[[int, int], None] | None = None) -> RecomputeResult:
    """Rebuild every cluster from the stored events in one transaction (readers see old or new, never half).

    Mentions are taken in arrival order, as incremental assignment saw them,
    so a rebuild with an unchanged window reproduces the clusters that
    ingestion built. Clusters are numbered in order of creation, and only
    rows that change are written: a rebuild that changes nothing writes
    nothing. ``window`` replaces the stored window when given.
    """
    with store.write() as conn:
        if not store.is_sqlite:
            # Hold off concurrent ingests (they write both tables) until the rebuild commits.
            conn.execute(text("LOCK TABLE events, clusters IN EXCLUSIVE MODE"))
        if window is not None:
            set_window(conn, window)
        window = get_window(conn)
        total = conn.execute(select(func.count()).select_from(Event)).scalar_one()
        rows = conn.execute(
            select(Event.type, Event.pair_a, Event.pair_b, Event.cluster_id, *_MENTION_COLUMNS)
            .join(Document, Document.id == Event.document_id)
            .order_by(Event.document_id, Event.id)
        )
        assigner = Assigner(window, itertools.count(1).__next__)
        moved: list[dict[str, int]] = []
        n = 0
        for n, row in enumerate(rows, 1):
            m = _mention(row[4:])
            chosen = assigner.add((row[0], row[1], row[2]), m)
            if row[3] != chosen.id:
                moved.append({"e_id": m.event_id, "c_id": chosen.id})
            if progress and n % 10000 == 0:
                progress(n, total)
        rows.close()
        built = list(assigner.clusters.values())
        _write_clusters(store, conn, built, moved)
        if progress:
            progress(total, total)
        multi = sum(1 for b in built if len(b.state.sources) > 1)
        return RecomputeResult(events=n, clusters=len(built), multi_source=multi)


def _write_clusters(store: Store, conn: Connection, built: list[_Built], moved: list[dict[str, int]]) -> None:
    """Make the clusters table and the events' links what ``built`` says, writing only the differences."""
    table = Cluster.__table__
    compared = [c.name for c in table.columns if c.name not in ("id", "updated_at")]
    old = {r.id: tuple(getattr(r, c) for c in compared) for r in conn.execute(select(table))}
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for b in built:
        values = {"type": b.type, "pair_a": b.pair_a, "pair_b": b.pair_b, "pair": pair_key(b.pair_a, b.pair_b),
                  **b.state.values()}
        prev = old.get(b.id)
        if prev is None:
            inserts.append({"id": b.id, **values})
        elif prev != tuple(values[c] for c in compared):
            updates.append({"c_id": b.id, **values})
    for i in range(0, len(inserts), 5000):
        conn.execute(insert(Cluster), inserts[i:i + 5000])
    if updates:
        stmt = update(Cluster).where(Cluster.id == bindparam("c_id")).values(
            {c: bindparam(c) for c in [*compared, "updated_at"]})
        for i in range(0, len(updates), 5000):
            conn.execute(stmt, updates[i:i + 5000])
    if moved:
        stmt = update(Event).where(Event.id == bindparam("e_id")).values(cluster_id=bindparam("c_id"))
        for i in range(0, len(moved), 10000):
            conn.execute(stmt, moved[i:i + 10000])
    # Nothing points at these any more.
    conn.execute(delete(Cluster).where(Cluster.id > len(built)))
    if not store.is_sqlite:
        conn.execute(text("SELECT setval(pg_get_serial_sequence('clusters', 'id'), "
                          "GREATEST((SELECT MAX(id) FROM clusters), 1))"))


def _reindex(keys: list[tuple[dt.date, int]], b: _Built) -> None:
    """Keep a group's sorted (start day, cluster) index in step with a cluster whose date may have moved."""
    if b.key is not None:
        i = bisect.bisect_left(keys, b.key)
        if i < len(keys) and keys[i] == b.key:
            keys.pop(i)
    interval = b.state.interval
    b.key = (interval[0], b.id) if interval else None
    if b.key is not None:
        bisect.insort(keys, b.key)


def check(conn: Connection) -> list[str]:
    """Inconsistencies between clusters and their mentions (empty when all is well); for tests and repair."""
    problems = []
    orphans = conn.execute(select(func.count()).select_from(Event).where(Event.cluster_id.is_(None))).scalar_one()
    if orphans:
        problems.append(f"{orphans} events without a cluster")
    counts = select(Event.cluster_id, func.count().label("n")).group_by(Event.cluster_id).subquery()
    wrong = conn.execute(
        select(Cluster.id, Cluster.n_events, counts.c.n)
        .outerjoin(counts, counts.c.cluster_id == Cluster.id)
        .where(~and_(counts.c.n.is_not(None), counts.c.n == Cluster.n_events))
    ).all()
    for cid, stored, actual in wrong[:10]:
        problems.append(f"cluster {cid}: n_events {stored}, mentions {actual or 0}")
    mixed = conn.execute(
        select(Event.cluster_id).join(Cluster, Cluster.id == Event.cluster_id)
        .where((Event.type != Cluster.type) | (Event.pair_a != Cluster.pair_a) | (Event.pair_b != Cluster.pair_b))
        .limit(10)
    ).scalars().all()
    problems.extend(f"cluster {cid} mixes types or pairs" for cid in mixed)
    return problems
