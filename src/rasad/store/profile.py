"""The relationship of two countries at a glance: what ``rasad profile A B``, ``GET /pairs/{a}/{b}/profile``
and the pair page show.

Built from the store's own queries: the merged events of the pair (one per
real-world occasion, across outlets) and their reports, so each occasion a
profile lists leads back to the reports and sentences it rests on. Counts are
of merged events; people, levels and "the first" are read from their reports.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from rasad.model import EVENT_TYPES, VISIT_LEVELS
from rasad.store import queries
from rasad.store.content import ordered_areas
from rasad.store.profile_queries import PersonTally, coverage, person_counts, undated_by_type
from rasad.store.queries import EventFilter

if TYPE_CHECKING:
    from rasad.store.db import Store

UNDATED = "undated"
QUOTE_CHARS = 280  # of an evidence sentence quoted in a profile; the document view has the whole text
# Goldstein points a year by which the yearly mean must move to count as a trend rather than noise.
TREND_SLOPE = 0.25


class Trend(StrEnum):
    """Which way the yearly mean Goldstein value of the pair's events moves."""

    rising = "rising"
    falling = "falling"
    steady = "steady"
    unknown = "unknown"  # fewer than two years with dated events


@dataclass
class Report:
    """One report of an occasion: where to read it (``/ui/events/{event_id}``, ``GET /events/{event_id}``)."""

    event_id: int
    doc_id: str
    outlet: str | None
    published: str | None
    url: str | None
    quote: str


@dataclass
class Participant:
    name: str
    name_en: str | None
    country: str | None
    role: str | None


@dataclass
class Occasion:
    """One merged event of the pair, with what its reports state."""

    cluster_id: int
    type: str
    source: str  # visitor or giver for directed types; the pair in order otherwise
    target: str
    date: str | None
    ref_date: str | None
    place: str | None
    location_country: str | None
    goldstein: float
    sources: int
    areas: list[str] = field(default_factory=list)
    instrument: str | None = None
    first: bool = False
    level: str | None = None
    duration_days: int | None = None
    persons: list[Participant] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)


@dataclass
class YearRow:
    year: str  # YYYY, or "undated"
    counts: dict[str, int]
    total: int
    goldstein_sum: float
    goldstein_mean: float


@dataclass
class AreaYear:
    year: str
    areas: dict[str, int]  # merged agreements and cooperation naming the area that year


@dataclass
class PairProfile:
    a: str
    b: str
    date_from: str | None
    date_to: str | None
    occasions: int  # merged events
    reports: int
    documents: int
    outlets: int  # distinct sources; a document without an outlet is a source of its own
    outlet_names: list[str]
    undated: int
    first_contact: Occasion | None
    latest_contact: Occasion | None
    years: list[YearRow]
    trend: Trend
    trend_slope: float | None  # Goldstein points per year, least squares over the yearly means
    agreements: list[Occasion]
    cooperation: list[Occasion]  # MIL_COOP (the latest ``max_contacts`` when capped)
    areas_by_year: list[AreaYear]
    people: dict[str, list[PersonTally]]  # by side: {a: [...], b: [...]}
    visits: dict[str, list[Occasion]]  # "A>B" and "B>A": visitor > host (the latest ``max_contacts`` when capped)
    contacts: list[Occasion]  # every occasion, oldest first, undated last (the latest dated ones when capped)
    contacts_total: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- reading the store ----------------------------------------------------------------------


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def _occasion(c: dict[str, Any]) -> Occasion:
    source, target = c["pair"]
    return Occasion(cluster_id=c["cluster_id"], type=c["type"], source=source, target=target, date=c["date"],
                    ref_date=c["ref_date"], place=c["location"]["place"], location_country=c["location"]["country"],
                    goldstein=c["goldstein"], sources=c["sources"], areas=list(c.get("areas") or []),
                    instrument=c.get("instrument"))


def _most_common(values: Iterable[Any], order: tuple[str, ...] = ()) -> Any:
    """The most frequent non-empty value; ties to the earliest in ``order`` (the most senior level)."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    rank = {v: i for i, v in enumerate(order)}
    return min(counts, key=lambda v: (-counts[v], rank.get(v, len(rank)), str(v)))


def _add_reports(occasions: dict[int, Occasion], mentions: Iterable[dict[str, Any]]) -> None:
    """Attach each report to its occasion, and read the occasion's level, duration and "first" from them."""
    kept = []
    for r in mentions:
        occ = occasions.get(r["cluster_id"]) if r["cluster_id"] is not None else None
        if occ is None:
            continue
        kept.append(r)
        doc = r["document"]
        occ.reports.append(Report(event_id=r["event_id"], doc_id=doc["id"], outlet=doc["outlet"],
                                  published=doc["published"], url=doc["url"], quote=_quote(r["evidence_text"])))
        seen = {(p.name, p.country) for p in occ.persons}
        for p in r["persons"]:
            if (p["name"], p["country"]) not in seen:
                seen.add((p["name"], p["country"]))
                occ.persons.append(Participant(p["name"], p.get("name_en"), p["country"], p.get("role")))
    by_cluster: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in kept:
        by_cluster[r["cluster_id"]].append(r)
    for cid, reports in by_cluster.items():
        occ = occasions[cid]
        occ.first = any(r.get("first") for r in reports)
        occ.level = _most_common((r.get("level") for r in reports), VISIT_LEVELS)
        occ.duration_days = _most_common(r.get("duration_days") for r in reports)
        occ.reports.sort(key=lambda x: (x.published or "9999", x.event_id))


# -- aggregates ---------------------------------------------------------------------------------


def _year(occ: Occasion) -> str:
    return occ.ref_date[:4] if occ.ref_date else UNDATED


def _years(stats: queries.Stats) -> list[YearRow]:
    """Merged events per year by type from the monthly statistics (every year of the span listed)."""
    by_year: dict[str, tuple[Counter[str], list[float]]] = {}
    for m in stats.months:
        counts, gold = by_year.setdefault(m.month[:4], (Counter(), [0.0]))
        counts.update(m.counts)
        gold[0] += m.goldstein
    out = []
    for year, (counts, gold) in sorted(by_year.items()):
        total = sum(counts.values())
        out.append(YearRow(year=year, counts={t: counts.get(t, 0) for t in EVENT_TYPES}, total=total,
                           goldstein_sum=round(gold[0], 3), goldstein_mean=round(gold[0] / total, 3) if total else 0.0))
    return out


def _trend(years: list[YearRow]) -> tuple[Trend, float | None]:
    points = [(int(y.year), y.goldstein_mean) for y in years if y.year != UNDATED and y.total]
    if len(points) < 2:
        return Trend.unknown, None
    slope = statistics.linear_regression([p[0] for p in points], [p[1] for p in points]).slope
    if slope > TREND_SLOPE:
        return Trend.rising, round(slope, 3)
    if slope < -TREND_SLOPE:
        return Trend.falling, round(slope, 3)
    return Trend.steady, round(slope, 3)


def _areas_by_year(occasions: list[Occasion]) -> list[AreaYear]:
    by_year: dict[str, Counter[str]] = defaultdict(Counter)
    for occ in occasions:
        if occ.type in ("SIGN", "MIL_COOP") and occ.areas:
            by_year[_year(occ)].update(occ.areas)
    years = sorted(y for y in by_year if y != UNDATED) + ([UNDATED] if UNDATED in by_year else [])
    return [AreaYear(year=y, areas={a: by_year[y][a] for a in ordered_areas(by_year[y])}) for y in years]


def _people(tallies: list[PersonTally], sides: tuple[str, str]) -> dict[str, list[PersonTally]]:
    out: dict[str, list[PersonTally]] = {s: [] for s in sides}
    for t in sorted(tallies, key=lambda t: (-t.occasions, t.name_en or t.name)):
        out[t.country].append(t)
    return out


def _chronological(occasions: Iterable[Occasion]) -> list[Occasion]:
    return sorted(occasions, key=lambda o: (o.ref_date is None, o.ref_date or "", o.cluster_id))


def _undated_row(store: Store, f: EventFilter) -> YearRow:
    """The merged events without any date (the monthly statistics leave them out), by type."""
    by_type = undated_by_type(store, f)
    n = sum(count for count, _ in by_type.values())
    gold = sum(g for _, g in by_type.values())
    return YearRow(year=UNDATED, counts={t: by_type.get(t, (0, 0.0))[0] for t in EVENT_TYPES}, total=n,
                   goldstein_sum=round(gold, 3), goldstein_mean=round(gold / n, 3) if n else 0.0)


@dataclass
class _Lists:
    """The occasions a profile lists, each loaded once with its reports."""

    agreements: list[Occasion]
    cooperation: list[Occasion]
    visits: list[Occasion]
    latest: list[Occasion]  # the ``max_contacts`` latest, oldest first
    first: Occasion | None  # the earliest dated
    last: Occasion | None  # the latest dated


def _lists(store: Store, f: EventFilter, max_contacts: int | None) -> _Lists:
    by_id: dict[int, Occasion] = {}

    def load(rows: Iterable[dict[str, Any]]) -> list[Occasion]:
        return [by_id.setdefault(c["cluster_id"], _occasion(c)) for c in rows]

    agreements = load(queries.iter_clusters(store, replace(f, types=["SIGN"]), sort="date"))
    # Visits and joint activities can run to thousands for a busy pair: capped like the contacts.
    capped = {t: _chronological(load(queries.find_clusters(store, replace(f, types=[t]), sort="-date",
                                                            limit=max_contacts)))
              for t in ("MIL_COOP", "VISIT")}
    latest = load(queries.find_clusters(store, f, sort="-date", limit=max_contacts))
    first = load(queries.find_clusters(store, f, sort="date", limit=1))
    _add_reports(by_id, queries.events_of_clusters(store, list(by_id)))
    return _Lists(agreements=agreements, cooperation=capped["MIL_COOP"], visits=capped["VISIT"],
                  latest=_chronological(latest), first=first[0] if first and first[0].ref_date else None,
                  last=latest[0] if latest and latest[0].ref_date else None)


def pair_profile(store: Store, a: str, b: str, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 max_contacts: int | None = None) -> PairProfile:
    """Everything the store knows about the relationship of ``a`` and ``b`` (merged events dated in the range).

    Counts, people and outlets are counted in the database; the lists (every agreement, and the
    ``max_contacts`` latest cooperation activities, visits and occasions) are loaded with their reports.
    Undated occasions count only when no date range is given.
    """
    a, b = a.upper(), b.upper()
    f = EventFilter(pair=(a, b), date_from=date_from, date_to=date_to)
    total = queries.count_clusters(store, f)
    stats = queries.stats(store, f)
    years = _years(stats)
    trend, slope = _trend(years)
    if stats.undated:
        years.append(_undated_row(store, f))
    lists = _lists(store, f, max_contacts)
    cover = coverage(store, f)
    visits: dict[str, list[Occasion]] = {f"{a}>{b}": [], f"{b}>{a}": []}
    for o in lists.visits:
        visits.setdefault(f"{o.source}>{o.target}", []).append(o)
    return PairProfile(
        a=a, b=b, date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None, occasions=total, reports=cover.reports,
        documents=cover.documents, outlets=cover.outlets, outlet_names=cover.outlet_names, undated=stats.undated,
        first_contact=lists.first, latest_contact=lists.last, years=years, trend=trend, trend_slope=slope,
        agreements=lists.agreements, cooperation=lists.cooperation,
        areas_by_year=_areas_by_year([*lists.agreements, *lists.cooperation]),
        people=_people(person_counts(store, f, (a, b)), (a, b)), visits=visits, contacts=lists.latest,
        contacts_total=total,
    )
