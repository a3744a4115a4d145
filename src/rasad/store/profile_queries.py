"""The aggregates of a pair profile that are counted in the database, so a busy pair costs a few grouped
queries rather than loading every report.

Each takes the merged events a filter selects (``cluster_conditions``) and
looks at their reports: the same reports the profile's lists link to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, select

from rasad.store.models import Cluster, Document, Event, EventPerson, Person
from rasad.store.queries import EventFilter, cluster_conditions

if TYPE_CHECKING:
    from rasad.store.db import Store

E, D, C, P, EP = Event, Document, Cluster, Person, EventPerson


def _reports(f: EventFilter) -> Select[Any]:
    """The reports of the selected merged events, joined from the merged events: the planners then start
    from the (pair, date) index instead of scanning every report for membership."""
    return select().select_from(C).join(E, E.cluster_id == C.id).where(*cluster_conditions(f))


@dataclass
class Coverage:
    reports: int
    documents: int
    outlets: int  # distinct outlets, a document without one counting as a source of its own
    outlet_names: list[str]


def coverage(store: Store, f: EventFilter) -> Coverage:
    """How widely the selected merged events were reported."""
    # Rows, not GROUP BY: grouping lets SQLite's planner walk a whole index (every document or every report)
    # to save a sort, where reading the pair's reports through its merged events touches only those.
    stmt = _reports(f).join(D, D.id == E.document_id).add_columns(D.id, D.outlet_norm, D.outlet)
    reports = 0
    documents: set[int] = set()
    named: dict[str, str] = {}
    unnamed: set[int] = set()
    with store.read() as conn:
        for doc_id, norm, outlet in conn.execute(stmt):
            reports += 1
            documents.add(doc_id)
            if norm:
                named.setdefault(norm, outlet)
            else:
                unnamed.add(doc_id)
    return Coverage(reports=reports, documents=len(documents), outlets=len(named) + len(unnamed),
                    outlet_names=sorted(named.values()))


@dataclass
class PersonTally:
    """An official of one side who took part in the pair's occasions."""

    name: str
    name_en: str | None
    country: str
    occasions: int
    roles: list[str]  # most frequent first
    types: dict[str, int]  # merged events by type
    first_date: str | None
    last_date: str | None


def person_counts(store: Store, f: EventFilter, countries: Sequence[str]) -> list[PersonTally]:
    """The officials of ``countries`` in the selected merged events: in how many, by type, with which roles."""
    stmt = (_reports(f).join(EP, EP.event_id == E.id).join(P, P.id == EP.person_id)
            .where(P.country.in_(list(countries)))
            .add_columns(P.id, P.name, P.name_en, P.country, EP.role, C.id, C.type, C.ref_date))
    people: dict[int, dict[str, Any]] = {}
    with store.read() as conn:
        for pid, name, name_en, country, role, cid, type_, day in conn.execute(stmt):
            entry = people.setdefault(pid, {"row": (name, name_en, country), "clusters": {}, "roles": Counter()})
            entry["clusters"][cid] = (type_, day)
            if role:
                entry["roles"][role] += 1
    out = []
    for e in people.values():
        name, name_en, country = e["row"]
        types = Counter(t for t, _ in e["clusters"].values())
        days = [d for _, d in e["clusters"].values() if d is not None]
        out.append(PersonTally(
            name=name, name_en=name_en, country=country, occasions=len(e["clusters"]),
            roles=[r for r, _ in sorted(e["roles"].items(), key=lambda kv: (-kv[1], kv[0]))],
            types=dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
            first_date=min(days).isoformat() if days else None, last_date=max(days).isoformat() if days else None))
    return out


def undated_by_type(store: Store, f: EventFilter) -> dict[str, tuple[int, float]]:
    """Selected merged events with no date at all: (how many, Goldstein sum) by type."""
    stmt = (select(C.type, func.count(), func.sum(C.goldstein)).where(*cluster_conditions(f), C.ref_date.is_(None))
            .group_by(C.type))
    with store.read() as conn:
        return {t: (int(n), float(g or 0.0)) for t, n, g in conn.execute(stmt)}
