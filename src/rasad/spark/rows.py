"""The Spark job's per-record work, in plain Python: what runs inside ``mapPartitions`` and
``groupByKey``, and what ``rasad load`` turns back into documents and events.

Nothing here imports pyspark, so it is tested, and used by ``rasad load``, without it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterable, Iterator
from typing import Any

from rasad.io.readers import DocumentReader, ReadError
from rasad.model import Actor, Cited, Content, Document, Event, Person, Place, Span
from rasad.store import clusters
from rasad.store.batch import place_key
from rasad.store.models import utcnow
from rasad.store.normal import clip, content_hash, document_key, fold

UNKNOWN_MONTH = "unknown"
PERSON_FIELDS = ("name", "name_en", "country", "role", "sector")


def month_of(day: dt.date | None) -> str:
    """The partition a row goes to: ``YYYY-MM`` of its date, or ``unknown``."""
    return f"{day:%Y-%m}" if day else UNKNOWN_MONTH


def parse_line(line: str, lineno: int, source: str) -> Document | ReadError:
    """One JSONL line, read and checked as ``rasad analyze`` and ``rasad ingest`` read it."""
    return DocumentReader()._parse_line(line, f"{source}:{lineno}", lineno, source)


def parse_record(record: dict[str, Any], n: int, source: str) -> Document | ReadError:
    """One Parquet row (the JSONL fields as columns), checked the same way."""
    obj = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in record.items() if v is not None}
    return DocumentReader()._make(f"{source}:{n}", f"{source}:{n}", obj)


def _cited(c: Cited | None) -> dict[str, Any] | None:
    return c.to_dict() if c is not None else None


def _content(c: Content) -> dict[str, Any]:
    """Everything the pipeline read about the occasion, as it can be read back (:func:`_content_of`)."""
    return {"areas": [a.to_dict() for a in c.areas], "instrument": _cited(c.instrument), "first": _cited(c.first),
            "level": c.level, "duration_days": c.duration_days, "duration": _cited(c.duration)}


def _cited_of(d: dict[str, Any] | None) -> Cited | None:
    return Cited(d["value"], Span(d["start"], d["end"])) if d else None


def _content_of(d: dict[str, Any]) -> Content:
    return Content(areas=[c for c in map(_cited_of, d.get("areas") or []) if c is not None],
                   instrument=_cited_of(d.get("instrument")), first=_cited_of(d.get("first")), level=d.get("level"),
                   duration_days=d.get("duration_days"), duration=_cited_of(d.get("duration")))


def _person(p: Person) -> dict[str, Any]:
    return {f: getattr(p, f) for f in PERSON_FIELDS}


def _event(i: int, e: Event, doc: Document) -> dict[str, Any]:
    pair_a, pair_b = e.pair()
    interval = clusters.date_interval(e.date)
    ref = interval[0] if interval else doc.published
    return {
        "ordinal": i, "type": e.type, "cameo": e.cameo, "plover": e.plover, "plover_mode": e.plover_mode,
        "source_country": e.source.country, "source_sector": e.source.sector, "source_text": e.source.text,
        "target_country": e.target.country, "target_sector": e.target.sector, "target_text": e.target.text,
        "pair_a": pair_a, "pair_b": pair_b, "location_country": e.location.country, "place": e.location.place,
        "date": e.date, "ref_date": ref, "confidence": float(e.confidence),
        "goldstein": float(e.goldstein), "trigger": e.trigger,
        "evidence": json.dumps([s.to_dict() for s in e.evidence]),
        "content": json.dumps(_content(e.content)),
        "areas": list(dict.fromkeys(e.content.area_codes())) or None,
        "instrument": e.content.instrument.value if e.content.instrument else None,
        "persons": [_person(p) for p in e.persons],
    }


def analyse(items: Iterable[tuple[int, Document | ReadError]]) -> Iterator[dict[str, Any]]:
    """One output record per input item: the document with its events and persons, or why it failed.

    Runs once per Spark partition; the pipeline is the process's own (loaded on first use,
    then kept by the Python worker for the partitions that follow)."""
    from rasad.pipeline import default_pipeline

    pipeline = default_pipeline()
    for ordinal, item in items:
        if isinstance(item, ReadError):
            yield _failure(ordinal, item.doc_id, item.source, "read", item.reason, None)
            continue
        try:
            analysis = pipeline.run(item)
        except Exception as exc:  # one bad document must not end the job
            yield _failure(ordinal, item.id, item.url or item.id, "analyse",
                           f"internal error ({type(exc).__name__}: {exc})", item.published)
            continue
        seen: set[str] = set()
        persons = []
        for p in analysis.persons:
            if p.name not in seen:  # as the output record lists them
                seen.add(p.name)
                persons.append(_person(p))
        yield {
            "ordinal": ordinal, "doc_id": item.id, "key": document_key(item.url, item.text),
            "content_hash": content_hash(item.text), "url": item.url, "title": item.title,
            "published": item.published, "outlet": item.source, "home_country": item.home_country,
            "text": item.text, "month": month_of(item.published), "n_events": len(analysis.events),
            "events": [_event(i, e, item) for i, e in enumerate(analysis.events)], "persons": persons,
            "stage": None, "reason": None,
        }


def _failure(ordinal: int, doc_id: str, source: str, stage: str, reason: str,
             published: dt.date | None) -> dict[str, Any]:
    return {"ordinal": ordinal, "doc_id": doc_id, "key": None, "content_hash": None, "url": None, "title": None,
            "published": published, "outlet": source, "home_country": None, "text": None,
            "month": month_of(published), "n_events": 0, "events": [], "persons": [], "stage": stage,
            "reason": reason}


# -- merged events ---------------------------------------------------------------------


def cluster_group(group: tuple[str, str, str], mentions: Iterable[dict[str, Any]], window: int,
                  ingested: dt.date | None = None) -> Iterator[dict[str, Any]]:
    """The merged events of one type and pair, by the store's rule (:class:`rasad.store.clusters.Assigner`),
    over its mentions taken in input order, as an ingest of the same input takes them.

    A mention is ``{"doc", "ordinal", "date", "place", "location_country", "published", "outlet",
    "goldstein", "confidence"}``; ``doc`` is the document's position in the input."""
    day = ingested or utcnow().date()
    numbers = itertools.count(1)
    assigner = clusters.Assigner(window, numbers.__next__)
    members: dict[int, list[dict[str, int]]] = {}
    for m in sorted(mentions, key=lambda r: (r["doc"], r["ordinal"])):
        # Places are compared by name here; the store compares their ids, one per name.
        place = place_key(m["location_country"], m["place"]) if m["place"] else None
        mention = clusters.Mention(
            event_id=m["ordinal"], document_id=m["doc"], date=m["date"], place_id=place,  # type: ignore[arg-type]
            location_country=m["location_country"], published=m["published"], ingested=day,
            outlet=clip(fold(m["outlet"]), 512) if m["outlet"] else None, goldstein=m["goldstein"],
            confidence=m["confidence"], areas=tuple(m.get("areas") or ()), instrument=m.get("instrument"))
        b = assigner.add(group, mention)
        members.setdefault(b.id, []).append({"doc": m["doc"], "ordinal": m["ordinal"]})
    type_, a, b_ = group
    for cid, built in assigner.clusters.items():
        values = built.state.values()
        place = values.pop("place_id")
        values.pop("updated_at")
        first = values.pop("first_document_id")
        yield {"cluster": f"{type_}|{a}|{b_}|{cid}", "type": type_, "pair_a": a, "pair_b": b_,
               "place": place.split("|", 1)[1] if place else None, "first_doc": first,
               "month": month_of(values["ref_date"]), "members": members[cid], **values}


# -- back from Parquet, for rasad load --------------------------------------------------------


def document_of(row: dict[str, Any]) -> Document:
    return Document(id=row["doc_id"], text=row["text"], title=row["title"], published=row["published"],
                    source=row["outlet"], home_country=row["home_country"], url=row["url"])


def _person_of(p: dict[str, Any]) -> Person:
    return Person(name=p["name"], name_en=p["name_en"], country=p["country"], role=p["role"], sector=p["sector"],
                  start=0, end=0)


def event_of(r: dict[str, Any]) -> Event:
    return Event(
        type=r["type"], source=Actor(country=r["source_country"], sector=r["source_sector"], text=r["source_text"]),
        target=Actor(country=r["target_country"], sector=r["target_sector"], text=r["target_text"]),
        location=Place(country=r["location_country"], place=r["place"]), date=r["date"],
        persons=[_person_of(p) for p in r["persons"] or []],
        evidence=[Span(s["start"], s["end"]) for s in json.loads(r["evidence"])], confidence=r["confidence"],
        cameo=r["cameo"], plover=r["plover"], plover_mode=r["plover_mode"], goldstein=r["goldstein"],
        trigger=r["trigger"] or "", content=_content_of(json.loads(r["content"]) if r["content"] else {}))


def persons_of(rows: Iterable[dict[str, Any]]) -> list[Person]:
    return [_person_of(p) for p in rows]
