"""The dashboard: server-rendered pages (Jinja2) with small scripts of our own for the charts.

Every asset is a file of this package (``templates/``, ``static/``): the
pages work with no internet. The pages call the same functions as the API,
so a number on screen is the number the API gives.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from rasad.model import EVENT_TYPES, SECTORS
from rasad.store import queries
from rasad.store.content import AREA_LABELS, INSTRUMENT_LABELS, LEVEL_LABELS
from rasad.store.db import Store
from rasad.store.queries import EVENT_SORTS, EventFilter
from rasad.web import data
from rasad.web.filters import MAX_ID, FilterInput, InvalidInput, country_code, parse_sort
from rasad.web.profile import PAGE_CONTACTS, profile_of

HERE = Path(__file__).parent
PAGE_SIZE = 50
# The overview and the network aggregate the whole store; a few seconds' staleness is invisible there.
CACHE_SECONDS = 10.0
# Pages are ours alone: scripts and styles from this server only, nothing framed, nothing fetched elsewhere.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
_HEADERS = {"Content-Security-Policy": _CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}

T = TypeVar("T")


class _Cache:
    def __init__(self) -> None:
        self._items: dict[Any, tuple[float, Any]] = {}

    def get(self, key: Any, make: Callable[[], T]) -> T:
        now = time.monotonic()
        hit = self._items.get(key)
        if hit and now - hit[0] < CACHE_SECONDS:
            return hit[1]
        value = make()
        if len(self._items) > 256:
            self._items.clear()
        self._items[key] = (now, value)
        return value


def _query_string(request: Request, **changes: Any) -> str:
    """The current query string with some parameters replaced (None removes one)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    for k, v in changes.items():
        if v is not None:
            params.append((k, str(v)))
    return urlencode(params)


def _filter_input(request: Request) -> FilterInput:
    q = request.query_params
    return FilterInput(country=q.getlist("country"), pair=q.get("pair"), directed=q.get("directed") in ("1", "true",
                       "on"), type=q.getlist("type"), sector=[s for s in q.getlist("sector") if s],
                       person=q.get("person"), date_from=q.get("from"), date_to=q.get("to"),
                       source=[s for s in q.getlist("source") if s.strip()], text=q.get("text"),
                       cluster=q.get("cluster") or None, area=[a for a in q.getlist("area") if a])


def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(request.query_params.get(name, default)), low), high)
    except ValueError:
        return default


def _pages(total: int, offset: int, size: int) -> dict[str, Any]:
    return {"total": total, "offset": offset, "size": size, "first": offset + 1 if total else 0,
            "last": min(offset + size, total), "prev": max(offset - size, 0) if offset > 0 else None,
            "next": offset + size if offset + size < total else None}


def mount_ui(app: FastAPI) -> None:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.globals.update(
        EVENT_TYPES=EVENT_TYPES, SECTORS=SECTORS, TYPE_LABELS=data.TYPE_LABELS, TYPE_COLOURS=data.TYPE_COLOURS,
        SECTOR_LABELS=data.SECTOR_LABELS, AREA_LABELS=AREA_LABELS, INSTRUMENT_LABELS=INSTRUMENT_LABELS,
        LEVEL_LABELS=LEVEL_LABELS, country_name=data.country_name,
        EVENT_SORTS=sorted(EVENT_SORTS),
        version=_asset_version(),
    )
    cache = _Cache()
    app.mount("/ui/static", StaticFiles(directory=str(HERE / "static")), name="ui-static")
    router = APIRouter(prefix="/ui", include_in_schema=False)

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        context.setdefault("page", name.removesuffix(".html"))
        response = templates.TemplateResponse(request, name, context, status_code=status)
        response.headers.update(_HEADERS)
        return response

    def problem(request: Request, status: int, title: str, message: str) -> HTMLResponse:
        return page(request, "error.html", {"page": "error", "status": status, "title": title, "message": message},
                    status)

    def store_of(request: Request) -> Store:
        return request.app.state.store

    @router.get("/", response_class=HTMLResponse)
    def overview(request: Request) -> HTMLResponse:
        store = store_of(request)

        def make() -> dict[str, Any]:
            everything = EventFilter()
            months = queries.stats(store, everything)
            return {"overview": queries.store_overview(store), "pairs": data.pair_counts(store, everything, 12),
                    "months": [{"month": m.month, "counts": m.counts, "total": m.total, "goldstein": m.goldstein}
                               for m in months.months]}

        summary = cache.get("overview", make)
        latest = data.with_document_ids(store, queries.find_events(store, EventFilter(), sort="-date", limit=10))
        by_type = summary["overview"]["events_by_type"]
        return page(request, "overview.html", {**summary, "latest": latest, "by_type": by_type,
                                               "max_type": max(by_type.values(), default=0) or 1})

    @router.get("/events", response_class=HTMLResponse)
    def events(request: Request) -> HTMLResponse:
        store = store_of(request)
        form = _filter_input(request)
        offset = _int_param(request, "offset", 0, 0, 10_000_000)
        error = None
        rows: list[dict[str, Any]] = []
        total = 0
        sort = "-date"
        try:
            f = form.to_filter()
            sort = parse_sort(request.query_params.get("sort"))
            rows = data.with_document_ids(store, queries.find_events(store, f, sort=sort, limit=PAGE_SIZE,
                                                                     offset=offset))
            total = queries.count_events(store, f)
        except InvalidInput as exc:
            error = f"{exc.field}: {exc.message}"
        countries = cache.get("countries", lambda: data.country_counts(store))
        return page(request, "events.html", {
            "form": form, "rows": rows, "sort": sort, "error": error, "pages": _pages(total, offset, PAGE_SIZE),
            "countries": countries,
            "prev_qs": _query_string(request, offset=max(offset - PAGE_SIZE, 0)),
            "next_qs": _query_string(request, offset=offset + PAGE_SIZE),
        }, 422 if error else 200)

    @router.get("/events/{event_id}", response_model=None)
    def event(request: Request, event_id: int) -> RedirectResponse | HTMLResponse:
        where = data.locate_event(store_of(request), event_id) if 1 <= event_id <= MAX_ID else None
        if where is None:
            return problem(request, 404, "No such event", f"There is no event {event_id} in this store.")
        return RedirectResponse(f"/ui/documents/{where[0]}?event={event_id}#event-{event_id}", status_code=303)

    @router.get("/documents/{document_id}", response_class=HTMLResponse)
    def document(request: Request, document_id: int) -> HTMLResponse:
        from rasad.web.app import document_detail

        store = store_of(request)
        doc = document_detail(store, document_id) if 1 <= document_id <= MAX_ID else None
        if doc is None:
            return problem(request, 404, "No such document", f"There is no document {document_id} in this store.")
        selected = _int_param(request, "event", 0, 0, MAX_ID)
        types = {e["event_id"]: e["type"] for e in doc["events"]}
        pieces = data.segments(doc["text"], doc["events"])
        for p in pieces:
            p["types"] = [types[i] for i in p["events"]]
        return page(request, "document.html", {"doc": doc, "pieces": pieces, "selected": selected})

    @router.get("/pairs/{a}/{b}", response_class=HTMLResponse)
    def pair(request: Request, a: str, b: str) -> HTMLResponse:
        from rasad.web.app import timeline

        store = store_of(request)
        q = request.query_params
        mentions = q.get("unit") == "mentions"
        offset = _int_param(request, "offset", 0, 0, 10_000_000)
        try:
            a, b = country_code("a", a), country_code("b", b)
            line = timeline(store, a, b, types=q.getlist("type") or None, date_from=q.get("from"),
                            date_to=q.get("to"), mentions=mentions)
            f = FilterInput(pair=f"{a},{b}", type=q.getlist("type") or None, date_from=q.get("from"),
                            date_to=q.get("to")).to_filter()
            profile = profile_of(request, a, b, q.get("from"), q.get("to"), PAGE_CONTACTS)
        except InvalidInput as exc:
            return problem(request, 422, "Invalid pair", f"{exc.field}: {exc.message}")
        rows = data.with_document_ids(store, queries.find_events(store, f, sort="-date", limit=PAGE_SIZE,
                                                                 offset=offset))
        total = queries.count_events(store, f)
        merged = queries.count_clusters(store, f)
        return page(request, "pair.html", {
            "a": a, "b": b, "line": line, "rows": rows, "merged": merged, "mentions": mentions, "profile": profile,
            "pages": _pages(total, offset, PAGE_SIZE), "form": {"from": q.get("from", ""), "to": q.get("to", ""),
                                                                "type": q.getlist("type")},
            "prev_qs": _query_string(request, offset=max(offset - PAGE_SIZE, 0)),
            "next_qs": _query_string(request, offset=offset + PAGE_SIZE),
        })

    @router.get("/network", response_class=HTMLResponse)
    def network(request: Request) -> HTMLResponse:
        store = store_of(request)
        q = request.query_params
        error = None
        nodes: list[dict[str, Any]] = []
        edges: list[dict[str, Any]] = []
        links = 0
        max_nodes = _int_param(request, "nodes", 40, 2, 150)
        try:
            f = FilterInput(type=q.getlist("type") or None, date_from=q.get("from"), date_to=q.get("to"),
                            sector=[s for s in q.getlist("sector") if s]).to_filter()
            key = ("network", tuple(f.types), f.date_from, f.date_to, tuple(f.sectors), max_nodes)
            nodes, edges, links = cache.get(key, lambda: _network(store, f, max_nodes))
        except InvalidInput as exc:
            error = f"{exc.field}: {exc.message}"
        return page(request, "network.html", {"graph": {"nodes": nodes, "edges": edges, "links": links,
                                                        "types": list(EVENT_TYPES),
                                                        "colours": data.TYPE_COLOURS},
                                              "error": error, "max_nodes": max_nodes,
                                              "form": {"from": q.get("from", ""), "to": q.get("to", ""),
                                                       "type": q.getlist("type")}},
                    422 if error else 200)

    app.include_router(router)


def _network(store: Store, f: EventFilter, max_nodes: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """The busiest countries, the busiest pairs among them, and how many pairs there are among them."""
    countries = data.country_counts(store, f)[:max_nodes]
    keep = {c["code"] for c in countries}
    nodes = [{"id": c["code"], "en": c["name_en"], "ar": c["name_ar"], "events": c["events"]} for c in countries]
    edges = [{"a": p["pair"][0], "b": p["pair"][1], "events": p["events"], "by_type": p["by_type"]}
             for p in data.pair_counts(store, f, None) if p["pair"][0] in keep and p["pair"][1] in keep]
    return nodes, edges[:600], len(edges)


def _asset_version() -> str:
    """Changes when a static file changes, so browsers do not keep an old script."""
    newest = max((p.stat().st_mtime_ns for p in (HERE / "static").iterdir()), default=0)
    return str(newest // 1_000_000_000)
