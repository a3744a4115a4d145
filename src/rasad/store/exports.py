"""Write selected events (or merged events) as CSV, JSON lines, or PLOVER JSON records.

PLOVER records follow the field names of the PLOVER specification's "JSON
Data Fields" chapter: ``id``, ``date`` (and ``enddate`` for a month-only
date), ``source`` and ``recipient`` as lists of actor objects (``code``,
``sector``, ``actor_text``), ``event``, ``mode``, ``context``,
``event_loc`` (GeoNames-style ``name`` and ``cc3``), ``event_text``,
``quad_code``, ``event_scale`` (the Goldstein value), ``link`` (the merged
event the record belongs to), ``cite_info``, ``coder`` and ``coded_date``.
As the specification asks for reciprocal events, the undirected types
(meetings, calls, signings, joint military activity) list both parties as
``source`` and no ``recipient``; visits and military aid keep their
direction. One record a line (newline-delimited JSON, as PLOVER suggests).
What was agreed goes into ``context`` (areas mapped to the specification's
context values) and, whole, into ``attributes``, a field of our own as the
specification invites: areas, instrument, first, level, duration.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

import rasad
from rasad.model import DIRECTED_TYPES

EXPORT_FORMATS = ("csv", "jsonl", "plover")

EVENT_CSV_COLUMNS = (
    "event_id", "cluster_id", "type", "cameo", "plover", "plover_mode",
    "source_country", "source_sector", "source_text", "target_country", "target_sector", "target_text",
    "location_country", "place", "date", "ref_date", "confidence", "goldstein", "trigger",
    "areas", "instrument", "first", "level", "duration_days", "persons",
    "document_id", "document_key", "outlet", "url", "published", "title", "evidence_text",
)
CLUSTER_CSV_COLUMNS = (
    "cluster_id", "type", "actor_a", "actor_b", "directed", "date", "ref_date", "location_country", "place",
    "first_reported", "sources", "documents", "mentions", "outlets", "goldstein", "confidence",
    "areas", "instrument", "first_document_id", "first_url",
)

# Areas of cooperation as PLOVER context values (the manual's "General contexts" table); areas
# with no context of their own (health, other) are left to ``attributes``.
_AREA_CONTEXTS = {
    "training": "military", "exercises": "military", "defence_industry": "military", "arms": "military",
    "maritime": "military", "border_security": "military", "medical": "military", "logistics": "military",
    "demining": "military", "intelligence": "intelligence", "counterterrorism": "terrorism", "cyber": "cyber",
    "peacekeeping": "peacekeeping", "education": "culture", "culture": "culture", "economic": "economic",
    "energy": "economic",
}
_QUAD = {"CONSULT": 1, "SUPPORT": 1, "AGREE": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2}
_MILITARY_TYPES = frozenset({"MIL_COOP", "MIL_AID"})


def _persons_cell(persons: list[dict[str, Any]]) -> str:
    parts = []
    for p in persons:
        label = p["name"]
        if p.get("name_en"):
            label += f" ({p['name_en']})"
        if p.get("country"):
            label += f" [{p['country']}]"
        parts.append(label)
    return "; ".join(parts)


def event_csv_row(r: dict[str, Any]) -> dict[str, Any]:
    doc = r["document"]
    return {
        "event_id": r["event_id"], "cluster_id": r["cluster_id"], "type": r["type"], "cameo": r["cameo"],
        "plover": r["plover"], "plover_mode": r["plover_mode"] or "",
        "source_country": r["source"]["country"], "source_sector": r["source"]["sector"] or "",
        "source_text": r["source"]["text"] or "", "target_country": r["target"]["country"],
        "target_sector": r["target"]["sector"] or "", "target_text": r["target"]["text"] or "",
        "location_country": r["location"]["country"] or "", "place": r["location"]["place"] or "",
        "date": r["date"] or "", "ref_date": r["ref_date"] or "", "confidence": r["confidence"],
        "goldstein": r["goldstein"], "trigger": r["trigger"] or "", **_content_cells(r),
        "persons": _persons_cell(r["persons"]),
        "document_id": doc["id"], "document_key": doc["key"], "outlet": doc["outlet"] or "", "url": doc["url"] or "",
        "published": doc["published"] or "", "title": doc["title"] or "", "evidence_text": r["evidence_text"],
    }


def cluster_csv_row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "cluster_id": r["cluster_id"], "type": r["type"], "actor_a": r["pair"][0], "actor_b": r["pair"][1],
        "directed": int(r["directed"]), "date": r["date"] or "", "ref_date": r["ref_date"] or "",
        "location_country": r["location"]["country"] or "", "place": r["location"]["place"] or "",
        "first_reported": r["first_reported"] or "", "sources": r["sources"], "documents": r["documents"],
        "mentions": r["mentions"], "outlets": "; ".join(r["outlets"]), "goldstein": r["goldstein"],
        "confidence": r["confidence"], "areas": ";".join(r.get("areas") or []),
        "instrument": r.get("instrument") or "", "first_document_id": r["first_document"]["id"] or "",
        "first_url": r["first_document"]["url"] or "",
    }


def _content_cells(r: dict[str, Any]) -> dict[str, Any]:
    """Content columns of a CSV row: areas joined with ``;``, empty cells for what the text does not state."""
    duration = r.get("duration_days")
    return {"areas": ";".join(r.get("areas") or []), "instrument": r.get("instrument") or "",
            "first": int(bool(r.get("first"))), "level": r.get("level") or "",
            "duration_days": "" if duration is None else duration}


def _context(type_: str, sectors: Iterable[str | None], areas: Iterable[str] = ()) -> list[str]:
    out = ["military"] if type_ in _MILITARY_TYPES or "MIL" in sectors else []
    for area in areas:
        context = _AREA_CONTEXTS.get(area)
        if context and context not in out:
            out.append(context)
    return out


def _attributes(r: dict[str, Any]) -> dict[str, Any]:
    """What the text states about the event beyond PLOVER's own fields; only what it states."""
    out: dict[str, Any] = {}
    if r.get("areas"):
        out["areas"] = list(r["areas"])
    for key in ("instrument", "level", "duration_days"):
        if r.get(key) is not None:
            out[key] = r[key]
    if r.get("first"):
        out["first"] = True
    return out


def _dates(date: str | None, fallback: str | None) -> dict[str, Any]:
    """PLOVER wants YYYY-MM-DD: a month-only date becomes its first and last day."""
    from rasad.store.clusters import date_interval

    interval = date_interval(date)
    if interval is None:
        return {"date": fallback, "date_source": "published" if fallback else None}
    out: dict[str, Any] = {"date": interval[0].isoformat(), "date_source": "event"}
    if interval[1] != interval[0]:
        out["enddate"] = interval[1].isoformat()
    return out


def plover_event(r: dict[str, Any]) -> dict[str, Any]:
    """One stored event mention as a PLOVER record."""
    doc = r["document"]
    src = {"code": r["source"]["country"], "sector": r["source"]["sector"], "actor_text": r["source"]["text"]}
    tgt = {"code": r["target"]["country"], "sector": r["target"]["sector"], "actor_text": r["target"]["text"]}
    for actor, side in ((src, "source"), (tgt, "target")):
        offices = [p for p in r["persons"] if p.get("country") == r[side]["country"]]
        if offices:
            actor["persons"] = [{"name": p["name"], "name_en": p["name_en"], "office": p["role"]} for p in offices]
    directed = r["type"] in DIRECTED_TYPES
    record: dict[str, Any] = {
        "id": f"rasad-e{r['event_id']}",
        **_dates(r["date"], doc["published"]),
        "source": [src] if directed else [src, tgt],
        "recipient": [tgt] if directed else [],
        "event": [r["plover"]],
        "mode": [r["plover_mode"]] if r["plover_mode"] else [],
        "context": _context(r["type"], (r["source"]["sector"], r["target"]["sector"]), r.get("areas") or ()),
        "attributes": _attributes(r),
        "event_loc": {"name": r["location"]["place"], "cc3": r["location"]["country"]},
        "event_text": [r["evidence_text"]] if r["evidence_text"] else [],
        "quad_code": _QUAD.get(r["plover"]),
        "event_scale": r["goldstein"],
        "link": f"rasad-c{r['cluster_id']}" if r["cluster_id"] is not None else None,
        "cite_info": {"corpus": doc["key"], "citation": doc["id"], "url": doc["url"], "title": doc["title"],
                      "publication": doc["outlet"], "language": "ar", "coder": f"rasad {rasad.__version__}",
                      "codebook": "rasad EVENTS.md v1"},
        "coder": f"rasad {rasad.__version__}",
        "cameo": r["cameo"],
        "rasad_type": r["type"],
        "confidence": r["confidence"],
    }
    return record


def plover_cluster(r: dict[str, Any]) -> dict[str, Any]:
    """One merged event as a PLOVER record: ``link`` is its own id, the first report is cited."""
    from rasad.codes import CODES

    code = CODES.get(r["type"])
    a, b = ({"code": r["pair"][0]}, {"code": r["pair"][1]})
    first = r["first_document"]
    return {
        "id": f"rasad-c{r['cluster_id']}",
        **_dates(r["date"], r["ref_date"]),
        "source": [a] if r["directed"] else [a, b],
        "recipient": [b] if r["directed"] else [],
        "event": [code.plover] if code else [],
        "mode": [code.plover_mode] if code and code.plover_mode else [],
        "context": _context(r["type"], (), r.get("areas") or ()),
        "attributes": _attributes(r),
        "event_loc": {"name": r["location"]["place"], "cc3": r["location"]["country"]},
        "quad_code": _QUAD.get(code.plover) if code else None,
        "event_scale": r["goldstein"],
        "link": f"rasad-c{r['cluster_id']}",
        "cite_info": {"url": first["url"], "title": first["title"], "publication": first["outlet"],
                      "citation": first["id"], "language": "ar", "coder": f"rasad {rasad.__version__}"},
        "coder": f"rasad {rasad.__version__}",
        "rasad_type": r["type"],
        "first_reported": r["first_reported"],
        "num_sources": r["sources"],
        "num_documents": r["documents"],
        "num_mentions": r["mentions"],
        "publications": r["outlets"],
    }


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def iter_export(records: Iterable[dict[str, Any]], fmt: str, *, merged: bool = False) -> Iterator[str]:
    """The export as text, a header (CSV) then one piece per record: for streaming it as it is read."""
    if fmt == "csv":
        columns = CLUSTER_CSV_COLUMNS if merged else EVENT_CSV_COLUMNS
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        to_row = cluster_csv_row if merged else event_csv_row
        for r in records:
            writer.writerow(to_row(r))
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        if buffer.tell():
            yield buffer.getvalue()
    elif fmt == "jsonl":
        for r in records:
            yield _json(r) + "\n"
    elif fmt == "plover":
        to_plover = plover_cluster if merged else plover_event
        for r in records:
            yield _json(to_plover(r)) + "\n"
    else:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")


def write_export(records: Iterator[dict[str, Any]], fmt: str, out: IO[str], *, merged: bool = False) -> int:
    """Write ``records`` (from :func:`rasad.store.queries.iter_events` or ``iter_clusters``); returns how many."""
    n = 0

    def counted() -> Iterator[dict[str, Any]]:
        nonlocal n
        for r in records:
            n += 1
            yield r

    for piece in iter_export(counted(), fmt, merged=merged):
        out.write(piece)
    return n
