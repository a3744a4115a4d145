"""The dashboard: server-rendered pages (Jinja2) with small scripts of our own for the charts.

Every asset is a file of this package (``templates/``, ``static/``,
``geo/``): the pages work with no internet. The pages call the same
functions as the API, so a number on screen is the number the API gives;
what they summarise over the whole store comes from :mod:`rasad.web.views`
through the shared cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from rasad.model import EVENT_TYPES, SECTORS
from rasad.store import queries
from rasad.store.content import AREA_LABELS, INSTRUMENT_LABELS, LEVEL_LABELS
from rasad.store.db import Store
from rasad.store.queries import EVENT_SORTS, EventFilter
from rasad.web import data, html, views
from rasad.web.analyst import ExportFormat, export_response
from rasad.web.cache import SharedCache
from rasad.web.filters import MAX_ID, MAX_TEXT, FilterInput, InvalidInput, country_code, parse_sort
from rasad.web.profile import PAGE_CONTACTS, profile_of
from rasad.web.views import FILTER_PARAMS, PAIR_PARAMS, kept

HERE = Path(__file__).parent
PAGE_SIZE = 50


def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(request.query_params.get(name, default)), low), high)
    except ValueError:
        return default


def _pages(total: int, offset: int, size: int) -> dict[str, Any]:
    return {"total": total, "offset": offset, "size": size, "first": offset + 1 if total else 0,
            "last": min(offset + size, total), "prev": max(offset - size, 0) if offset > 0 else None,
            "next": offset + size if offset + size < total else None}


def _paging(request: Request, offset: int, names: tuple[str, ...]) -> dict[str, str]:
    q = request.query_params
    extra = tuple(n for n in ("sort",) if n in q)
    return {"prev_qs": kept(q, names + extra, offset=max(offset - PAGE_SIZE, 0)),
            "next_qs": kept(q, names + extra, offset=offset + PAGE_SIZE)}


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(
        EVENT_TYPES=EVENT_TYPES, SECTORS=SECTORS, TYPE_LABELS=data.TYPE_LABELS, TYPE_COLOURS=data.TYPE_COLOURS,
        SECTOR_LABELS=data.SECTOR_LABELS, AREA_LABELS=AREA_LABELS, INSTRUMENT_LABELS=INSTRUMENT_LABELS,
        LEVEL_LABELS=LEVEL_LABELS, country_name=data.country_name, EVENT_SORTS=sorted(EVENT_SORTS),
        EXPORT_FORMATS=[f.value for f in ExportFormat], highlight=data.highlight, h=html, version=_asset_version(),
    )
    return templates


def mount_ui(app: FastAPI) -> None:
    templates = _templates()
    app.mount("/ui/static", StaticFiles(directory=str(HERE / "static")), name="ui-static")
    router = APIRouter(prefix="/ui", include_in_schema=False)

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        context.setdefault("page", name.removesuffix(".html"))
        q = request.query_params
        # Every page knows its filters, so its links can carry them on.
        context.setdefault("fq", kept(q))
        context.setdefault("pq", kept(q, PAIR_PARAMS[:3]))
        return templates.TemplateResponse(request, name, context, status_code=status)

    def problem(request: Request, status: int, title: str, message: str) -> Response:
        return page(request, "error.html", {"page": "error", "status": status, "title": title, "message": message},
                    status)

    app.state.html_error = problem

    def store_of(request: Request) -> Store:
        return request.app.state.store

    def cache_of(request: Request) -> SharedCache:
        return request.app.state.cache

    def warm() -> None:
        views.overview(app.state.cache, app.state.store)
        views.countries(app.state.cache, app.state.store)
        views.facets(app.state.cache, app.state.store, EventFilter())

    app.state.warm = warm

    @router.get("/", response_class=HTMLResponse)
    def overview(request: Request) -> HTMLResponse:
        summary = views.overview(cache_of(request), store_of(request))
        by_type = summary["overview"]["events_by_type"]
        return page(request, "overview.html", {**summary, "by_type": by_type,
                                               "max_type": max(by_type.values(), default=0) or 1})

    @router.get("/events", response_class=HTMLResponse)
    def events(request: Request) -> HTMLResponse:
        return _events_page(request, page, store_of(request), cache_of(request))

    @router.get("/export", response_model=None)
    def export(request: Request) -> Response:
        q = request.query_params
        try:
            fmt = ExportFormat(q.get("format", "csv"))
        except ValueError:
            return problem(request, 422, "Invalid export", "format must be csv, jsonl or plover")
        f = views.filter_input(q).to_filter()
        return export_response(store_of(request), f, fmt, merged=q.get("merged") in ("1", "true"),
                               sort=q.get("sort") or "-date")

    @router.get("/pairs/{a}/{b}", response_model=None)
    def pair(request: Request, a: str, b: str) -> Response:
        return _pair_page(request, page, problem, store_of(request), a, b)

    @router.get("/network", response_class=HTMLResponse)
    def network(request: Request) -> HTMLResponse:
        return _network_page(request, page, store_of(request), cache_of(request))

    @router.get("/map", response_class=HTMLResponse)
    def world_map(request: Request) -> HTMLResponse:
        form = views.filter_input(request.query_params)
        error, view = None, None
        try:
            view = views.map_view(cache_of(request), store_of(request), form.to_filter())
        except InvalidInput as exc:
            error = f"{exc.field}: {exc.message}"
        return page(request, "map.html", {"form": form, "map": view, "error": error}, 422 if error else 200)

    _add_record_pages(router, page, problem)
    app.include_router(router)


def _add_record_pages(router: APIRouter, page: Any, problem: Any) -> None:
    """Pages of one record: an event (a redirect to its document), a document, a merged event, persons."""

    def store_of(request: Request) -> Store:
        return request.app.state.store

    @router.get("/events/{event_id}", response_model=None)
    def event(request: Request, event_id: int) -> Response:
        where = data.locate_event(store_of(request), event_id) if 1 <= event_id <= MAX_ID else None
        if where is None:
            return problem(request, 404, "No such event", f"There is no event {event_id} in this store.")
        return RedirectResponse(f"/ui/documents/{where[0]}?event={event_id}#event-{event_id}", status_code=303)

    @router.get("/documents/{document_id}", response_model=None)
    def document(request: Request, document_id: int) -> Response:
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
        return page(request, "document.html", {"doc": doc, "pieces": pieces, "selected": selected,
                                               "person_ids": data.person_ids(store, doc["events"])})

    @router.get("/clusters/{cluster_id}", response_model=None)
    def cluster(request: Request, cluster_id: int) -> Response:
        found = data.cluster_detail(store_of(request), cluster_id) if 1 <= cluster_id <= MAX_ID else None
        if found is None:
            return problem(request, 404, "No such merged event", f"There is no merged event {cluster_id}.")
        return page(request, "cluster.html", found)

    @router.get("/persons", response_class=HTMLResponse)
    def persons(request: Request) -> HTMLResponse:
        q = (request.query_params.get("q") or "").strip()[:MAX_TEXT]
        found = data.search_persons(store_of(request), q, 100) if q else []
        return page(request, "persons.html", {"q": q, "found": found})

    @router.get("/persons/{person_id}", response_model=None)
    def person(request: Request, person_id: int) -> Response:
        found = data.person_detail(store_of(request), person_id) if 1 <= person_id <= MAX_ID else None
        if found is None:
            return problem(request, 404, "No such person", f"There is no person {person_id} in this store.")
        return page(request, "person.html", found)


def _events_page(request: Request, page: Any, store: Store, cache: SharedCache) -> HTMLResponse:
    q = request.query_params
    form = views.filter_input(q)
    offset = _int_param(request, "offset", 0, 0, 10_000_000)
    error, suggestions = None, []  # suggestions: (label, query string)
    rows: list[dict[str, Any]] = []
    total, sort, facets = 0, "-date", None
    try:
        f = form.to_filter()
        sort = parse_sort(q.get("sort"))
        rows = data.with_document_ids(store, queries.find_events(store, f, sort=sort, limit=PAGE_SIZE,
                                                                 offset=offset))
        total = queries.count_events(store, f)
        facets = views.facets(cache, store, f)
    except InvalidInput as exc:
        error = f"{exc.field}: {exc.message}"
        # A suggestion replaces the value at fault and keeps every other filter.
        if exc.field == "country":
            suggestions = [(s, kept(q, country=s.split(" ")[0])) for s in exc.suggestions]
    return page(request, "events.html", {
        "form": form, "rows": rows, "sort": sort, "error": error, "suggestions": suggestions, "facets": facets,
        "person_ids": data.person_ids(store, rows),
        "pages": _pages(total, offset, PAGE_SIZE), "countries": views.countries(cache, store),
        "dated_filter": bool(form.date_from or form.date_to), "export_qs": kept(q, FILTER_PARAMS + ("sort",)),
        "undated_qs": kept(q, **{"from": None, "to": None, "undated": "true"}),
        **_paging(request, offset, FILTER_PARAMS),
    }, 422 if error else 200)


def _pair_page(request: Request, page: Any, problem: Any, store: Store, a: str, b: str) -> Response:
    from rasad.web.app import timeline

    q = request.query_params
    mentions = q.get("unit") == "mentions"
    offset = _int_param(request, "offset", 0, 0, 10_000_000)
    types = q.getlist("type") or None
    try:
        a, b = country_code("a", a), country_code("b", b)
        line = timeline(store, a, b, types=types, date_from=q.get("from"), date_to=q.get("to"), mentions=mentions)
        f = FilterInput(pair=f"{a},{b}", type=types, date_from=q.get("from"), date_to=q.get("to")).to_filter()
        profile = profile_of(request, a, b, q.get("from"), q.get("to"), PAGE_CONTACTS)
    except InvalidInput as exc:
        return problem(request, 422, "Invalid pair", f"{exc.field}: {exc.message}")
    rows = data.with_document_ids(store, queries.find_events(store, f, sort="-date", limit=PAGE_SIZE, offset=offset))
    total = queries.count_events(store, f)
    return page(request, "pair.html", {
        "a": a, "b": b, "line": line, "rows": rows, "merged": queries.count_clusters(store, f),
        "person_ids": data.person_ids(store, rows),
        "mentions": mentions, "active_months": sum(1 for m in line["months"] if m["total"]), "profile": profile,
        "pages": _pages(total, offset, PAGE_SIZE),
        "form": {"from": q.get("from", ""), "to": q.get("to", ""), "type": q.getlist("type")},
        "unit_qs": {u: kept(q, PAIR_PARAMS, unit=u) for u in ("events", "mentions")},
        "events_qs": kept(q, ("type", "from", "to"), pair=f"{a},{b}"),
        **_paging(request, offset, PAIR_PARAMS),
    })


def _network_page(request: Request, page: Any, store: Store, cache: SharedCache) -> HTMLResponse:
    q = request.query_params
    error = None
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    links = 0
    max_nodes = _int_param(request, "nodes", 40, 2, 150)
    try:
        f = FilterInput(type=q.getlist("type") or None, date_from=q.get("from"), date_to=q.get("to"),
                        sector=[s for s in q.getlist("sector") if s]).to_filter()
        nodes, edges, links = views.network(cache, store, f, max_nodes)
    except InvalidInput as exc:
        error = f"{exc.field}: {exc.message}"
    graph = {"nodes": nodes, "edges": edges, "links": links, "types": list(EVENT_TYPES), "colours": data.TYPE_COLOURS,
             "pair_qs": kept(q, ("type", "from", "to")), "events_qs": kept(q, ("type", "from", "to", "sector"))}
    return page(request, "network.html", {"graph": graph, "error": error, "max_nodes": max_nodes,
                                          "form": {"from": q.get("from", ""), "to": q.get("to", ""),
                                                   "type": q.getlist("type")}},
                422 if error else 200)


def _asset_version() -> str:
    """Changes when a static file changes, so browsers do not keep an old script."""
    newest = max((p.stat().st_mtime_ns for p in (HERE / "static").iterdir()), default=0)
    return str(newest // 1_000_000_000)

