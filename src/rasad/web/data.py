"""What the API and the dashboard read from the store beyond :mod:`rasad.store.queries`.

Every user filter goes through :class:`~rasad.store.queries.EventFilter` and
:func:`~rasad.store.queries.event_conditions`, so the API selects exactly what
``rasad events`` selects and user values only ever reach the database as
bound parameters. What is added here are look-ups by primary key (an event,
a document) and aggregates the dashboard draws (events per pair and type,
per country), plus the names of countries in English and Arabic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select

from rasad.model import EVENT_TYPES
from rasad.store import queries
from rasad.store.models import Document, Event
from rasad.store.queries import EventFilter
from rasad.web import countries

if TYPE_CHECKING:
    from rasad.store.db import Store

E, D = Event, Document

# Lookups by id take at most this many ids at once (SQLite's bound-parameter limit is 32766; far below it).
_CHUNK = 500

TYPE_LABELS: dict[str, tuple[str, str]] = {
    "VISIT": ("Visit", "زيارة"),
    "MEET": ("Meeting", "لقاء"),
    "CALL": ("Call", "اتصال"),
    "SIGN": ("Agreement signed", "توقيع اتفاق"),
    "MIL_COOP": ("Military cooperation", "تعاون عسكري"),
    "MIL_AID": ("Military aid", "مساعدة عسكرية"),
}
SECTOR_LABELS: dict[str, tuple[str, str]] = {
    "MIL": ("military", "عسكري"),
    "GOV": ("government", "حكومي"),
    "SEC": ("security", "أمني"),
    "OTH": ("other", "آخر"),
}
# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
TYPE_COLOURS: dict[str, str] = {
    "VISIT": "#0072B2",
    "MEET": "#009E73",
    "CALL": "#56B4E9",
    "SIGN": "#E69F00",
    "MIL_COOP": "#CC79A7",
    "MIL_AID": "#D55E00",
}


# -- names ---------------------------------------------------------------------------


def country_name(code: str | None) -> tuple[str, str]:
    """(English, Arabic) for a country or organisation code; the code itself when unknown."""
    if not code:
        return ("", "")
    names = countries.names_of(code)
    return (names.en, names.ar) if names else (code, "")


def is_known_code(code: str) -> bool:
    return countries.names_of(code) is not None


# -- records by id ------------------------------------------------------------------------


def _document_ids(store: Store, event_ids: Sequence[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    with store.read() as conn:
        for i in range(0, len(event_ids), _CHUNK):
            chunk = list(event_ids[i:i + _CHUNK])
            out.update((r.id, r.document_id) for r in conn.execute(select(E.id, E.document_id)
                                                                   .where(E.id.in_(chunk))))
    return out


def with_document_ids(store: Store, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add ``document_id`` (the store's id of the document, for ``GET /documents/{id}``) to event records."""
    missing = [r["event_id"] for r in records if "document_id" not in r]
    if missing:
        ids = _document_ids(store, missing)
        for r in records:
            r.setdefault("document_id", ids.get(r["event_id"]))
    return records


def events_by_id(store: Store, event_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Event records (the fields of ``rasad events --format jsonl`` plus ``document_id``), in the order given.

    The store selects by filters only; an id is not one of them, so the
    store's own select and record builder are narrowed to the ids here.
    """
    if not event_ids:
        return []
    rows: dict[int, dict[str, Any]] = {}
    with store.read() as conn:
        for i in range(0, len(event_ids), _CHUNK):
            chunk = list(event_ids[i:i + _CHUNK])
            result = conn.execute(queries._events_select(EventFilter()).where(E.id.in_(chunk))).all()
            persons = queries._persons_of(conn, [r.id for r in result])
            for r in result:
                record = queries._event_record(r, persons.get(r.id, []))
                record["document_id"] = r.document_id
                rows[r.id] = record
    return [rows[i] for i in event_ids if i in rows]


@dataclass
class StoredDocument:
    id: int
    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    home_country: str | None
    text: str
    event_ids: list[int]


def document(store: Store, pk: int) -> StoredDocument | None:
    with store.read() as conn:
        row = conn.execute(select(D.id, D.doc_id, D.title, D.published, D.outlet, D.url, D.home_country, D.text)
                           .where(D.id == pk)).first()
        if row is None:
            return None
        ids = conn.execute(select(E.id).where(E.document_id == pk).order_by(E.ordinal)).scalars().all()
    return StoredDocument(id=row.id, doc_id=row.doc_id, title=row.title,
                          published=row.published.isoformat() if row.published else None, outlet=row.outlet,
                          url=row.url, home_country=row.home_country, text=row.text, event_ids=list(ids))


def document_text(store: Store, pk: int) -> str | None:
    with store.read() as conn:
        return conn.execute(select(D.text).where(D.id == pk)).scalar_one_or_none()


def evidence_spans(text: str, evidence: Sequence[dict[str, int]]) -> list[dict[str, Any]]:
    """The evidence offsets with the text they cover; offsets outside the text are dropped."""
    out = []
    for span in evidence or ():
        start, end = int(span.get("start", -1)), int(span.get("end", -1))
        if 0 <= start < end <= len(text):
            out.append({"start": start, "end": end, "text": text[start:end]})
    return out


def segments(text: str, events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut at every evidence boundary: each piece with the events whose evidence covers it.

    Evidence of several events often overlaps (a visit and the meeting held
    during it cite the same sentence), so pieces, not spans, are what can be
    marked up without nesting.
    """
    cuts = {0, len(text)}
    spans: list[tuple[int, int, int]] = []
    for e in events:
        for s in evidence_spans(text, e.get("evidence") or []):
            spans.append((s["start"], s["end"], e["event_id"]))
            cuts.update((s["start"], s["end"]))
    points = sorted(cuts)
    out = []
    for start, end in zip(points, points[1:], strict=False):
        covering = sorted({eid for s, t, eid in spans if s <= start and end <= t})
        out.append({"start": start, "end": end, "text": text[start:end], "events": covering})
    return out


def locate_event(store: Store, event_id: int) -> tuple[int, int | None] | None:
    """(document id, cluster id) of an event, or None when there is no such event."""
    with store.read() as conn:
        row = conn.execute(select(E.document_id, E.cluster_id).where(E.id == event_id)).first()
    return (row.document_id, row.cluster_id) if row else None


# -- aggregates ------------------------------------------------------------------------------


def side_counts(store: Store, f: EventFilter) -> list[tuple[str, str, str, int]]:
    """(source country, target country, type, event reports) for the matching events: one grouped scan
    from which both the pair and the country summaries are derived."""
    n = func.count().label("n")
    stmt = select(E.source_country, E.target_country, E.type, n).select_from(E)
    if f.sources:  # only the outlet filter reads the documents table
        stmt = stmt.join(D, D.id == E.document_id)
    stmt = stmt.where(*queries.event_conditions(f)).group_by(E.source_country, E.target_country, E.type)
    with store.read() as conn:
        return [(src, tgt, type_, int(count)) for src, tgt, type_, count in conn.execute(stmt)]


def pair_counts(store: Store, f: EventFilter, limit: int | None = 200,
                rows: list[tuple[str, str, str, int]] | None = None) -> list[dict[str, Any]]:
    """Country pairs (either direction) with their event mentions by type, busiest first."""
    by_pair: dict[tuple[str, str], dict[str, int]] = {}
    for src, tgt, type_, count in side_counts(store, f) if rows is None else rows:
        counts = by_pair.setdefault(tuple(sorted((src, tgt))), {})  # type: ignore[arg-type]
        counts[type_] = counts.get(type_, 0) + count
    out = [{"pair": [a, b], "events": sum(counts.values()), "by_type": {t: counts.get(t, 0) for t in EVENT_TYPES}}
           for (a, b), counts in by_pair.items()]
    out.sort(key=lambda p: (-p["events"], p["pair"]))
    return out[:limit] if limit is not None else out


def country_counts(store: Store, f: EventFilter | None = None,
                   rows: list[tuple[str, str, str, int]] | None = None) -> list[dict[str, Any]]:
    """Every country or organisation in the matching events, with its mentions as source, as target, by type."""
    counts: dict[str, dict[str, Any]] = {}
    partners: dict[str, set[str]] = {}
    for src, tgt, type_, n in side_counts(store, f or EventFilter()) if rows is None else rows:
        for code, side, other in ((src, "as_source", tgt), (tgt, "as_target", src)):
            c = counts.setdefault(code, {"code": code, "as_source": 0, "as_target": 0,
                                         "by_type": {t: 0 for t in EVENT_TYPES}})
            c[side] += n
            c["by_type"][type_] = c["by_type"].get(type_, 0) + n
            partners.setdefault(code, set()).add(other)
    out = []
    for code, c in counts.items():
        en, ar = country_name(code)
        # An event between a country and itself does not occur (two states are needed), so no double count.
        out.append({**c, "name_en": en, "name_ar": ar, "events": c["as_source"] + c["as_target"],
                    "partners": len(partners.get(code, ()))})
    out.sort(key=lambda c: (-c["events"], c["code"]))
    return out


# -- persons ---------------------------------------------------------------------------------

PERSON_PAGE = 500  # a person's events listed at once; the total says how many there are


def search_persons(store: Store, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Officials whose Arabic or English name contains ``query`` (folded as the store folds names), busiest first."""
    from rasad.store.models import EventPerson, Person
    from rasad.store.normal import fold, latin_key

    ar, en = fold(query), latin_key(query)
    if not ar and not en:
        return []
    conds = []
    if ar:
        conds.append(Person.name_norm.contains(ar, autoescape=True))
    if en:
        conds.append(Person.name_en_norm.contains(en, autoescape=True))
    n = func.count(EventPerson.event_id).label("n")
    stmt = (select(Person.id, Person.name, Person.name_en, Person.country, n)
            .outerjoin(EventPerson, EventPerson.person_id == Person.id)
            .where(or_(*conds)).group_by(Person.id, Person.name, Person.name_en, Person.country)
            .order_by(n.desc(), Person.id).limit(limit))
    with store.read() as conn:
        return [{"person_id": r.id, "name": r.name, "name_en": r.name_en, "country": r.country, "events": int(r.n)}
                for r in conn.execute(stmt)]


def person_detail(store: Store, person_id: int) -> dict[str, Any] | None:
    """An official: roles, the officials named in the same events, and the events (newest first)."""
    from rasad.store.models import EventPerson as EP
    from rasad.store.models import Person

    with store.read() as conn:
        row = conn.execute(select(Person.id, Person.name, Person.name_en, Person.country)
                           .where(Person.id == person_id)).first()
        if row is None:
            return None
        mine = select(EP.event_id).where(EP.person_id == person_id)
        total = int(conn.execute(select(func.count()).select_from(mine.subquery())).scalar_one())
        ids = list(conn.execute(select(E.id).where(E.id.in_(mine)).order_by(E.ref_date.desc().nulls_last(),
                                                                             E.id.desc()).limit(PERSON_PAGE))
                   .scalars())
        roles = [r for r, in conn.execute(select(EP.role).where(EP.person_id == person_id, EP.role.is_not(None))
                                          .group_by(EP.role).order_by(func.count().desc()).limit(10))]
        shared = func.count().label("n")
        others = conn.execute(
            select(Person.id, Person.name, Person.name_en, Person.country, shared)
            .join(EP, EP.person_id == Person.id)
            .where(EP.event_id.in_(mine), Person.id != person_id)
            .group_by(Person.id, Person.name, Person.name_en, Person.country)
            .order_by(shared.desc(), Person.id).limit(50)).all()
    return {"person": {"person_id": row.id, "name": row.name, "name_en": row.name_en, "country": row.country,
                       "events": total},
            "roles": roles, "total": total, "events": events_by_id(store, ids),
            "counterparts": [{"person_id": o.id, "name": o.name, "name_en": o.name_en, "country": o.country,
                              "events": int(o.n)} for o in others]}


def person_ids(store: Store, records: list[dict[str, Any]]) -> dict[tuple[str, str | None], int]:
    """(Arabic name, country) -> person id, for linking the persons of event records to their pages."""
    from rasad.store.models import Person

    names = {p["name"] for r in records for p in r.get("persons", [])}
    if not names:
        return {}
    with store.read() as conn:
        rows = conn.execute(select(Person.id, Person.name, Person.country).where(Person.name.in_(list(names)[:_CHUNK])))
        return {(r.name, r.country): r.id for r in rows}


# -- merged events ---------------------------------------------------------------------------

CLUSTER_REPORTS = 1000


def cluster_detail(store: Store, cluster_id: int) -> dict[str, Any] | None:
    """A merged event and every report of it (outlet, date, link, evidence), earliest published first."""
    f = EventFilter(cluster=cluster_id)
    found = queries.find_clusters(store, f, limit=1)
    if not found:
        return None
    return {"cluster": found[0], "reports": cluster_reports(store, cluster_id)}


def cluster_reports(store: Store, cluster_id: int, limit: int = CLUSTER_REPORTS) -> list[dict[str, Any]]:
    """Every report of a merged event, earliest published first.

    Read by the cluster's index and sorted here: asked to sort by publication
    date, SQLite walks the whole documents index instead (0.3 s on 100,000 events).
    """
    with store.read() as conn:
        ids = list(conn.execute(select(E.id).where(E.cluster_id == cluster_id).order_by(E.id).limit(limit)).scalars())
    records = events_by_id(store, ids)
    records.sort(key=lambda r: (r["document"]["published"] is None, r["document"]["published"] or "",
                                r["event_id"]))
    return records


# -- evidence ----------------------------------------------------------------------------------


def highlight(record: dict[str, Any]) -> list[dict[str, str]]:
    """The evidence sentence cut into pieces, each marked ``trigger``, ``source``, ``target`` or plain ``""``.

    The trigger and the sides' own words (as the pipeline found them) are
    looked up in the sentence; the first occurrence of each is marked, the
    longest first so a side that contains the trigger word keeps its mark.
    """
    text = record.get("evidence_text") or ""
    sides = [(role, (record.get(role) or {}).get("text")) for role in ("source", "target")]
    wanted = [*sides, ("trigger", record.get("trigger"))]
    marks: list[tuple[int, int, str]] = []
    for role, words in sorted(wanted, key=lambda w: -len(w[1] or "")):
        if not words:
            continue
        at = text.find(words)
        while at >= 0 and any(at < e and s < at + len(words) for s, e, _ in marks):
            at = text.find(words, at + 1)
        if at >= 0:
            marks.append((at, at + len(words), role))
    marks.sort()
    pieces, pos = [], 0
    for start, end, role in marks:
        if start > pos:
            pieces.append({"text": text[pos:start], "role": ""})
        pieces.append({"text": text[start:end], "role": role})
        pos = end
    if pos < len(text):
        pieces.append({"text": text[pos:], "role": ""})
    return pieces
