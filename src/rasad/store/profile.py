"""The relationship of two countries at a glance: what ``rasad profile A B``, ``GET /pairs/{a}/{b}/profile``
and the pair page show.

Built from the store's own queries: the merged events of the pair (one per
real-world occasion, across outlets) and every report of them, so each line
of a profile leads back to the reports and sentences it rests on. Counts are
of merged events; people, levels and "the first" are read from their reports.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from rasad.model import EVENT_TYPES, VISIT_LEVELS
from rasad.store import queries
from rasad.store.content import ordered_areas
from rasad.store.normal import fold
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
class PersonTally:
    """An official of one side who took part in the pair's occasions."""

    name: str
    name_en: str | None
    country: str
    occasions: int
    roles: list[str]  # most frequent first
    types: dict[str, int]
    first_date: str | None
    last_date: str | None


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
    cooperation: list[Occasion]  # MIL_COOP
    areas_by_year: list[AreaYear]
    people: dict[str, list[PersonTally]]  # by side: {a: [...], b: [...]}
    visits: dict[str, list[Occasion]]  # "A>B" and "B>A": visitor > host
    contacts: list[Occasion]  # every occasion, oldest first (the latest ``max_contacts`` when capped)
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


def _add_reports(occasions: dict[int, Occasion], mentions: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Attach each report to its occasion; returns the reports kept (those of the selected occasions)."""
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
    return kept


# -- aggregates ---------------------------------------------------------------------------------


def _year(occ: Occasion) -> str:
    return occ.ref_date[:4] if occ.ref_date else UNDATED


def _years(occasions: list[Occasion]) -> list[YearRow]:
    groups: dict[str, list[Occasion]] = defaultdict(list)
    for occ in occasions:
        groups[_year(occ)].append(occ)
    dated = sorted(y for y in groups if y != UNDATED)
    if dated:
        # Every year of the span, quiet years included, so a gap shows as a gap.
        dated = [str(y) for y in range(int(dated[0]), int(dated[-1]) + 1)]
    out = []
    for year in [*dated, *([UNDATED] if UNDATED in groups else [])]:
        occs = groups.get(year, [])
        counts = Counter(o.type for o in occs)
        total = sum(o.goldstein for o in occs)
        out.append(YearRow(year=year, counts={t: counts.get(t, 0) for t in EVENT_TYPES}, total=len(occs),
                           goldstein_sum=round(total, 3), goldstein_mean=round(total / len(occs), 3) if occs else 0.0))
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


def _people(occasions: list[Occasion], sides: tuple[str, str]) -> dict[str, list[PersonTally]]:
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for occ in occasions:
        for p in occ.persons:
            if p.country not in sides:
                continue
            entry = seen.setdefault((fold(p.name), p.country), {
                "name": p.name, "name_en": p.name_en, "country": p.country, "occasions": set(), "roles": Counter(),
                "types": Counter(), "dates": []})
            if occ.cluster_id not in entry["occasions"]:
                entry["occasions"].add(occ.cluster_id)
                entry["types"][occ.type] += 1
                if occ.ref_date:
                    entry["dates"].append(occ.ref_date)
            if p.role:
                entry["roles"][p.role] += 1
    out: dict[str, list[PersonTally]] = {s: [] for s in sides}
    for e in seen.values():
        out[e["country"]].append(PersonTally(
            name=e["name"], name_en=e["name_en"], country=e["country"], occasions=len(e["occasions"]),
            roles=[r for r, _ in e["roles"].most_common()], types=dict(e["types"].most_common()),
            first_date=min(e["dates"], default=None), last_date=max(e["dates"], default=None)))
    for tallies in out.values():
        tallies.sort(key=lambda t: (-t.occasions, t.name_en or t.name))
    return out


def _chronological(occasions: Iterable[Occasion]) -> list[Occasion]:
    return sorted(occasions, key=lambda o: (o.ref_date is None, o.ref_date or "", o.cluster_id))


def _sources(mentions: list[dict[str, Any]]) -> tuple[int, list[str]]:
    names: dict[str, str] = {}
    unnamed: set[str] = set()
    for r in mentions:
        outlet = r["document"]["outlet"]
        if outlet:
            names.setdefault(fold(outlet), outlet)
        else:
            unnamed.add(r["document"]["key"])
    return len(names) + len(unnamed), sorted(names.values())


def pair_profile(store: Store, a: str, b: str, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 max_contacts: int | None = None) -> PairProfile:
    """Everything the store knows about the relationship of ``a`` and ``b`` (merged events dated in the range).

    ``max_contacts`` caps the list of every occasion (the latest are kept); the other parts are never capped.
    """
    a, b = a.upper(), b.upper()
    f = EventFilter(pair=(a, b), date_from=date_from, date_to=date_to)
    occasions = {c["cluster_id"]: _occasion(c) for c in queries.iter_clusters(store, f, sort="date")}
    # Reports are selected by their merged event, not by their own dates, so an occasion keeps all its reports.
    mentions = _add_reports(occasions, queries.iter_events(store, EventFilter(pair=(a, b)), sort="id"))
    ordered = _chronological(occasions.values())
    dated = [o for o in ordered if o.ref_date]
    years = _years(ordered)
    trend, slope = _trend(years)
    n_outlets, outlet_names = _sources(mentions)
    visits: dict[str, list[Occasion]] = {f"{a}>{b}": [], f"{b}>{a}": []}
    for o in ordered:
        if o.type == "VISIT":
            visits.setdefault(f"{o.source}>{o.target}", []).append(o)
    return PairProfile(
        a=a, b=b, date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None, occasions=len(ordered), reports=len(mentions),
        documents=len({r["document"]["key"] for r in mentions}), outlets=n_outlets, outlet_names=outlet_names,
        undated=len(ordered) - len(dated), first_contact=dated[0] if dated else None,
        latest_contact=dated[-1] if dated else None, years=years, trend=trend, trend_slope=slope,
        agreements=[o for o in ordered if o.type == "SIGN"], cooperation=[o for o in ordered if o.type == "MIL_COOP"],
        areas_by_year=_areas_by_year(ordered), people=_people(ordered, (a, b)), visits=visits,
        contacts=ordered[-max_contacts:] if max_contacts else ordered, contacts_total=len(ordered),
    )
