"""What the dashboard's pages show, computed from the store: summaries, facets, the map's colours.

Whole-store summaries and facet counts go through the shared single-flight
cache (:mod:`rasad.web.cache`), keyed by the filters they depend on, so a page
load never scans the whole store while another request is doing the same.
"""

from __future__ import annotations

import dataclasses
import json
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import func, select
from starlette.datastructures import QueryParams

from rasad.model import EVENT_TYPES, SECTORS
from rasad.store import queries
from rasad.store.db import Store
from rasad.store.models import Document, Event
from rasad.store.queries import EventFilter
from rasad.web import data
from rasad.web.cache import SharedCache
from rasad.web.filters import FilterInput

HERE = Path(__file__).parent
# The filters of a view: kept on every link that leads to another view of the same events.
FILTER_PARAMS = ("country", "pair", "directed", "type", "sector", "area", "person", "from", "to", "source", "text",
                 "undated")
# What a pair page or the network can narrow by (their other filters are the page itself).
PAIR_PARAMS = ("type", "from", "to", "unit")
MAP_BUCKETS = 6  # colour steps of the map


def filter_input(q: QueryParams) -> FilterInput:
    return FilterInput(country=q.getlist("country"), pair=q.get("pair"),
                       directed=q.get("directed") in ("1", "true", "on"), type=q.getlist("type"),
                       sector=[s for s in q.getlist("sector") if s], person=q.get("person"),
                       date_from=q.get("from"), date_to=q.get("to"),
                       source=[s for s in q.getlist("source") if s.strip()], text=q.get("text"),
                       cluster=q.get("cluster") or None, undated=q.get("undated") or None,
                       area=[a for a in q.getlist("area") if a])


def kept(q: QueryParams, names: tuple[str, ...] = FILTER_PARAMS, **changes: Any) -> str:
    """The query string of ``names`` in ``q`` (empty values dropped) with ``changes`` applied (None removes)."""
    params = [(k, v) for k, v in q.multi_items() if k in names and k not in changes and v.strip()]
    for k, v in changes.items():
        if v is None:
            continue
        params.extend((k, str(x)) for x in (v if isinstance(v, list | tuple) else [v]))
    return urlencode(params)


def _key(f: EventFilter) -> str:
    return repr(f)


# -- summaries -------------------------------------------------------------------------------------


def overview(cache: SharedCache, store: Store) -> dict[str, Any]:
    def make() -> dict[str, Any]:
        everything = EventFilter()
        months = queries.stats(store, everything)
        latest = data.with_document_ids(store, queries.find_events(store, everything, sort="-date", limit=10))
        return {"overview": queries.store_overview(store), "pairs": pairs(cache, store, everything, 12),
                "months": [{"month": m.month, "counts": m.counts, "total": m.total, "goldstein": m.goldstein}
                           for m in months.months],
                "active_months": sum(1 for m in months.months if m.total), "undated": months.undated,
                "latest": latest}

    return cache.get("overview", make)


def _sides(cache: SharedCache, store: Store, f: EventFilter) -> list[tuple[str, str, str, int]]:
    return cache.get(("sides", _key(f)), lambda: data.side_counts(store, f))


def countries(cache: SharedCache, store: Store, f: EventFilter | None = None) -> list[dict[str, Any]]:
    f = f or EventFilter()
    return cache.get(("countries", _key(f)), lambda: data.country_counts(store, f, rows=_sides(cache, store, f)))


def pairs(cache: SharedCache, store: Store, f: EventFilter, limit: int | None) -> list[dict[str, Any]]:
    return cache.get(("pairs", _key(f), limit),
                     lambda: data.pair_counts(store, f, limit, rows=_sides(cache, store, f)))


def network(cache: SharedCache, store: Store, f: EventFilter, max_nodes: int) -> tuple[list, list, int]:
    def make() -> tuple[list, list, int]:
        top = countries(cache, store, f)[:max_nodes]
        keep = {c["code"] for c in top}
        nodes = [{"id": c["code"], "en": c["name_en"], "ar": c["name_ar"], "events": c["events"]} for c in top]
        edges = [{"a": p["pair"][0], "b": p["pair"][1], "events": p["events"], "by_type": p["by_type"]}
                 for p in pairs(cache, store, f, None) if p["pair"][0] in keep and p["pair"][1] in keep]
        return nodes, edges[:600], len(edges)

    return cache.get(("network", _key(f), max_nodes), make)


# -- facets ----------------------------------------------------------------------------------------


def _grouped(store: Store, f: EventFilter, *columns: Any) -> list[Any]:
    stmt = select(*columns, func.count()).select_from(Event)
    if f.sources:
        stmt = stmt.join(Document, Document.id == Event.document_id)
    stmt = stmt.where(*queries.event_conditions(f)).group_by(*columns)
    with store.read() as conn:
        return conn.execute(stmt).all()


def facets(cache: SharedCache, store: Store, f: EventFilter) -> dict[str, Any]:
    """Counts beside the filters: per type (other filters applied), per sector, and the undated events.

    Each count leaves out its own filter, so it says what ticking that box
    would give; ``undated`` counts the events a date range leaves out.
    """
    no_types = dataclasses.replace(f, types=[])
    no_sectors = dataclasses.replace(f, sectors=[])
    undated_f = dataclasses.replace(f, date_from=None, date_to=None, undated=True)

    def by_type() -> dict[str, int]:
        rows = dict(_grouped(store, no_types, Event.type))
        return {t: int(rows.get(t, 0)) for t in EVENT_TYPES}

    def by_sector() -> dict[str, int]:
        out = dict.fromkeys(SECTORS, 0)
        for src, tgt, n in _grouped(store, no_sectors, Event.source_sector, Event.target_sector):
            for s in {src, tgt} & set(SECTORS):
                out[s] += int(n)
        return out

    def undated() -> int:
        return sum(int(n) for _, n in _grouped(store, undated_f, Event.type))

    return {"type": cache.get(("facet-type", _key(no_types)), by_type),
            "sector": cache.get(("facet-sector", _key(no_sectors)), by_sector),
            "undated": cache.get(("facet-undated", _key(undated_f)), undated)}


# -- the map ---------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def world() -> dict[str, Any]:
    """Country outlines (scripts/build_world_map.py): a viewBox and one SVG path per ISO3 code."""
    return json.loads((HERE / "geo" / "world.json").read_text(encoding="utf-8"))


def map_view(cache: SharedCache, store: Store, f: EventFilter) -> dict[str, Any]:
    """Every outline with its events and a colour step; the codes without an outline (organisations) apart."""
    counts = {c["code"]: c for c in countries(cache, store, f)}
    shapes = world()["countries"]
    peak = max((c["events"] for c in counts.values()), default=0)

    # Steps on a square-root scale: a few very busy countries must not leave every other one pale.
    def step(n: int) -> int:
        return 0 if n <= 0 or peak <= 0 else 1 + min(MAP_BUCKETS - 1, int((n / peak) ** 0.5 * MAP_BUCKETS))

    shapes_out = []
    for code, path in shapes.items():
        c = counts.get(code)
        n = c["events"] if c else 0
        en, ar = data.country_name(code)
        shapes_out.append({"code": code, "d": path, "events": n, "step": step(n), "en": en, "ar": ar})
    off_map = [c for code, c in counts.items() if code not in shapes]
    # The legend shows, for each step in use, the counts that fall in it: no empty or repeated ranges.
    ranges: dict[int, list[int]] = {}
    for c in counts.values():
        lo_hi = ranges.setdefault(step(c["events"]), [c["events"], c["events"]])
        lo_hi[0], lo_hi[1] = min(lo_hi[0], c["events"]), max(lo_hi[1], c["events"])
    legend = [{"step": k, "low": lo, "high": hi} for k, (lo, hi) in sorted(ranges.items()) if k]
    return {"viewBox": world()["viewBox"], "shapes": shapes_out, "off_map": off_map, "peak": peak,
            "legend": legend if peak else [], "total": sum(c["events"] for c in counts.values())}
