"""The HTTP API over the event store, and the dashboard beside it.

``create_app(db_url, token=...)`` builds the application; ``rasad serve``
runs it under uvicorn. Reads are open; the one write (``POST /documents``)
needs the token, and without a token configured writes are off. Every error
is a JSON object ``{"error", "message", "details"}``.
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import RedirectResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from rasad.model import AREAS, EVENT_TYPES
from rasad.model import Document as InputDocument
from rasad.store import queries
from rasad.store.db import Store, open_store
from rasad.store.queries import EventFilter
from rasad.web import data, views
from rasad.web.analysis import DEFAULT_WORKERS, AnalysisPool, AnalyzeAccess
from rasad.web.cache import DEFAULT_TTL, SharedCache
from rasad.web.errors import install_error_handlers
from rasad.web.filters import MAX_ID, MAX_LIMIT, MAX_OFFSET, MAX_TEXT, FilterInput, InvalidInput, country_code
from rasad.web.limits import DEFAULT_MAX_BODY, BodyLimitMiddleware
from rasad.web.profile import router as profile_router
from rasad.web.schemas import (
    AnalysisOut,
    ClusterPage,
    CountryOut,
    DocumentIn,
    DocumentOut,
    ErrorOut,
    EventDetail,
    EventPage,
    IngestOut,
    PairOut,
    StatsOut,
    TimelineOut,
)
from rasad.web.security import HeadMiddleware, PageLimitMiddleware, SecurityHeadersMiddleware, trusted_hosts

log = logging.getLogger("rasad.web")

MAX_DOCUMENTS = 100  # per POST /documents: bounds the work one request can ask for
TOKEN_ENV = "RASAD_TOKEN"

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": desc} for code, desc in (
        (404, "No such item."), (422, "A parameter or the body is invalid."))}


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput(field, message)


# -- dependencies -----------------------------------------------------------------------


def get_store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


def event_filter(
    country: Annotated[list[str] | None, Query(
        description="Events with this country (or organisation) on either side: a code (JOR, NATO) or an "
                    "English or Arabic name (Jordan, الأردن); repeat, or comma-separate, for any of several.",
        examples=["JOR"])] = None,
    pair: Annotated[str | None, Query(
        max_length=MAX_TEXT, description="Events between A and B, either direction unless `directed`: `A,B` "
                                         "(codes or names).", examples=["JOR,EGY"])] = None,
    directed: Annotated[bool, Query(description="With `pair`: only A as source and B as target.")] = False,
    type_: Annotated[list[str] | None, Query(
        alias="type", description=f"Event type ({', '.join(EVENT_TYPES)}); repeat for any of several.")] = None,
    sector: Annotated[list[str] | None, Query(description="Either side's sector (MIL, GOV, SEC, OTH).")] = None,
    person: Annotated[str | None, Query(
        max_length=MAX_TEXT, description="An official's name or part of it, Arabic or English.")] = None,
    date_from: Annotated[str | None, Query(
        alias="from", max_length=16, description="From this date on: YYYY-MM-DD, YYYY-MM or YYYY (a Hijri year "
                                                 "or month, 1445 or ١٤٤٥-٠٩, is converted).")] = None,
    date_to: Annotated[str | None, Query(
        alias="to", max_length=16, description="Up to this date, inclusive: YYYY-MM-DD, YYYY-MM or YYYY (or "
                                               "Hijri).")] = None,
    source: Annotated[list[str] | None, Query(description="Outlet name or part of it; repeat for any of several.")]
    = None,
    text: Annotated[str | None, Query(max_length=MAX_TEXT, description="Words the evidence sentences contain.")]
    = None,
    cluster: Annotated[int | None, Query(ge=1, le=MAX_ID, description="The reports of one merged event.")] = None,
    undated: Annotated[bool | None, Query(
        description="true: only events with no date at all (neither stated nor a publication date); "
                    "false: only dated ones.")] = None,
    area: Annotated[list[str] | None, Query(
        description=f"Agreements and cooperation in this field ({', '.join(AREAS)}); repeat, or comma-separate, "
                    "for any of several.", examples=["training"])] = None,
) -> EventFilter:
    """The filters of ``rasad events``."""
    return FilterInput(country=country, pair=pair, directed=directed, type=type_, sector=sector, person=person,
                       date_from=date_from, date_to=date_to, source=source, text=text,
                       cluster=cluster, undated=undated, area=area).to_filter()


FilterDep = Annotated[EventFilter, Depends(event_filter)]
# Declared as HTTP bearer so that /docs offers to send the token ("Authorize").
_BEARER = HTTPBearer(auto_error=False, description="The token the server was started with ($RASAD_TOKEN).")
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip (paging).")]
Sort = Annotated[str, Query(max_length=20, description="A sort key; prefix - for descending.")]
Mentions = Annotated[bool, Query(description="Count every report instead of each merged event once.")]
Code = Annotated[str, Path(max_length=MAX_TEXT, description="Country or organisation code (JOR) or name.")]


def check_token(token: str | None, credentials: HTTPAuthorizationCredentials | None) -> None:
    if token is None:
        raise HTTPException(403, f"writes are off on this server: start it with {TOKEN_ENV} set to allow them")
    given = credentials.credentials.strip() if credentials else ""
    if not given:
        raise HTTPException(401, "this endpoint needs the header Authorization: Bearer <token>",
                            headers={"WWW-Authenticate": "Bearer"})
    # Constant time: the comparison must not tell how much of a guess was right.
    if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"),
                               token.encode("utf-8", "surrogateescape")):
        raise HTTPException(401, "the token is not valid", headers={"WWW-Authenticate": "Bearer"})


def check_local(request: Request) -> None:
    """From this machine, and not sent by a page of another site (a form post needs no CORS preflight)."""
    peer = request.client.host if request.client else ""
    if not (peer.startswith("127.") or peer == "::1"):
        raise HTTPException(403, "POST /analyze without a token is allowed from this machine only")
    site = request.headers.get("sec-fetch-site", "")
    origin = request.headers.get("origin")
    if site == "cross-site" or (origin and urlsplit(origin).netloc != request.headers.get("host", "")):
        raise HTTPException(403, "POST /analyze is not allowed from another site's page")


def _add_middleware(app: FastAPI, opts: WebOptions, max_body: int) -> None:
    """Outermost last: headers on everything, then the Host check, CORS, HEAD, the body limit."""
    app.add_middleware(BodyLimitMiddleware, max_body=max_body)
    app.add_middleware(PageLimitMiddleware, limit=opts.page_workers)
    app.add_middleware(HeadMiddleware)
    if opts.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(opts.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"], max_age=600)
    hosts = ["*"] if "*" in opts.allowed_hosts else trusted_hosts(opts.host, opts.allowed_hosts)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts, www_redirect=False)
    app.add_middleware(SecurityHeadersMiddleware)


def warm_summaries(app: FastAPI) -> None:
    """Compute the whole-store summaries in the background at start, so the first visitor does not wait."""
    if getattr(app.state, "warm", None) is not None:
        threading.Thread(target=app.state.warm, name="rasad-warm", daemon=True).start()


# -- pieces of answers ---------------------------------------------------------------------------


def _months(result: queries.Stats) -> list[dict[str, Any]]:
    return [{"month": m.month, "counts": dict(m.counts), "total": m.total, "goldstein": round(m.goldstein, 3)}
            for m in result.months]


def _names(*codes: str) -> dict[str, dict[str, str]]:
    out = {}
    for c in codes:
        en, ar = data.country_name(c)
        out[c] = {"en": en, "ar": ar}
    return out


def _parse_json(body: bytes) -> Any:
    if not body.strip():
        raise _invalid("body", "the body is empty: send a JSON document object")
    try:
        return json.loads(body)
    except UnicodeDecodeError:
        raise _invalid("body", "the body is not UTF-8 text") from None
    except RecursionError:
        raise _invalid("body", "the JSON is nested too deeply") from None
    except ValueError as exc:
        raise _invalid("body", f"the body is not valid JSON: {exc}") from None


def _to_document(obj: Any, where: str, default_id: str) -> InputDocument:
    if not isinstance(obj, dict):
        raise _invalid(where or "body", "a document must be a JSON object with at least a `text` field")
    try:
        doc_in = DocumentIn.model_validate(obj)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise _invalid(f"{where}.{field}" if where else field, first["msg"]) from None
    from rasad.io.readers import text_problem

    problem = text_problem(doc_in.text)
    if problem:
        raise _invalid(f"{where}.text" if where else "text", problem)
    fields = doc_in.model_dump(exclude_none=True)
    fields.setdefault("id", default_id)
    try:
        return InputDocument.from_dict(fields)
    except ValueError as exc:
        raise _invalid(where or "body", str(exc)) from None


def _analysable(ctype: str) -> bool:
    return ctype in ("text/plain", "application/json", "") or ctype.endswith("+json")


def parse_analysis_body(body: bytes, ctype: str) -> InputDocument:
    """The document a ``POST /analyze`` body holds (run in an analysis worker); InvalidInput if none."""
    if ctype == "text/plain":
        try:
            obj: Any = {"id": "text", "text": body.decode("utf-8")}
        except UnicodeDecodeError:
            raise _invalid("body", "the body is not UTF-8 text") from None
    else:
        obj = _parse_json(body)
    return _to_document(obj, "", "doc")


def _body_schema(many: bool) -> dict[str, Any]:
    schema = DocumentIn.model_json_schema()
    if many:
        schema = {"oneOf": [schema, {"type": "array", "items": schema, "maxItems": MAX_DOCUMENTS}]}
    content: dict[str, Any] = {"application/json": {"schema": schema}}
    if not many:
        content["text/plain"] = {"schema": {"type": "string", "description": "The article text alone."}}
    return {"requestBody": {"required": True, "content": content}}


# -- the app ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WebOptions:
    """How the server faces the network (``rasad serve`` sets these from its options)."""

    host: str | None = None  # the address it is bound to: a trusted Host name besides the loopback ones
    allowed_hosts: Sequence[str] = ()  # more Host names to accept (a proxy's public name); "*" turns the check off
    cors_origins: Sequence[str] = ()  # origins whose pages may read the API; none by default
    analyze: AnalyzeAccess = AnalyzeAccess.TOKEN
    analyze_workers: int = DEFAULT_WORKERS
    analyze_queue: int | None = None  # analyses accepted at once per worker (running or waiting)
    page_workers: int = 1  # dashboard pages rendered at once (rasad.web.security.PageLimitMiddleware)
    cache_seconds: float = DEFAULT_TTL  # how long a summary is served before a background refresh; 0: no cache


def create_app(db_url: str | None = None, token: str | None = None, max_body: int = DEFAULT_MAX_BODY, *,
               store: Store | None = None, ui: bool = True, options: WebOptions | None = None) -> FastAPI:
    """The API (and the dashboard, unless ``ui=False``) over the store at ``db_url``.

    ``token``: the bearer token that ``POST /documents`` (and, by default,
    ``POST /analyze``) requires; None turns writes off. ``max_body``: the
    largest request body accepted, in bytes. ``options``: hosts, CORS and the
    analysis pool (:class:`WebOptions`).
    """
    from fastapi_offline import FastAPIOffline

    opts = options or WebOptions()
    if store is None:
        store = open_store(db_url)
    owned = store
    pool = AnalysisPool(opts.analyze_workers, opts.analyze_queue)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        warm_summaries(_app)
        yield
        pool.close()
        owned.close()

    # FastAPIOffline serves Swagger UI and ReDoc from files in its own package: no CDN.
    app = FastAPIOffline(
        title="rasad",
        summary="Interstate events from Arabic news: search them, see them by pair and by month, check each "
                "against its sentence.",
        version=_version(),
        lifespan=lifespan,
        static_url="/docs-assets",
        responses=_ERRORS,
    )
    app.state.store = store
    app.state.writes = token is not None
    # Whole-store and filtered summaries: computed once per key however many ask (rasad.web.cache).
    app.state.cache = summaries = SharedCache(opts.cache_seconds)
    app.state.analysis = pool
    _add_middleware(app, opts, max_body)

    install_error_handlers(app)

    _add_writes(app, store, token, pool, opts)
    _add_reads(app, summaries)

    from rasad.web.analyst import build_router

    app.include_router(build_router())
    app.include_router(profile_router)

    if ui:
        from rasad.web.ui import mount_ui

        mount_ui(app)

        @app.get("/", include_in_schema=False)
        def home() -> RedirectResponse:
            return RedirectResponse("/ui/", status_code=307)

    return app


def _add_writes(app: FastAPI, store: Store, token: str | None, pool: AnalysisPool, opts: WebOptions) -> None:
    """``POST /analyze`` and ``POST /documents``."""
    work_lock = threading.Lock()  # one ingest at a time: the pipeline's caches are shared


    def require_token(credentials: BearerDep) -> None:
        check_token(token, credentials)

    def may_analyze(request: Request, credentials: BearerDep) -> None:
        if opts.analyze is AnalyzeAccess.OFF:
            raise HTTPException(403, "POST /analyze is off on this server")
        if opts.analyze is AnalyzeAccess.TOKEN:
            check_token(token, credentials)
        else:
            check_local(request)

    @app.post("/analyze", response_model=AnalysisOut, tags=["analysis"], openapi_extra=_body_schema(many=False),
              dependencies=[Depends(may_analyze)],
              responses={401: {"model": ErrorOut, "description": "No token, or a wrong one."},
                         403: {"model": ErrorOut, "description": "Not allowed from here, or analysis is off."},
                         503: {"model": ErrorOut, "description": "The analysis queue is full: see Retry-After."}})
    async def analyze(request: Request) -> dict[str, Any]:
        """Extract the events of one document (a JSON document object, or plain text); nothing is stored.

        Needs `Authorization: Bearer <token>` unless the server was started with `--analyze loopback`.
        Analyses run in a bounded pool of worker processes; when it is full the answer is 503 with
        `Retry-After`.
        """
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if not _analysable(ctype):
            raise HTTPException(415, f"send application/json or text/plain, not {ctype}")
        pool.reserve()
        try:
            body = await request.body()
        except BaseException:
            pool.release()
            raise
        outcome = await pool.run(body, ctype)
        if "invalid" in outcome:
            raise _invalid(*outcome["invalid"])
        return outcome["record"]

    @app.post("/documents", response_model=IngestOut, tags=["store"], dependencies=[Depends(require_token)],
              openapi_extra=_body_schema(many=True),
              responses={401: {"model": ErrorOut, "description": "No token, or a wrong one."},
                         403: {"model": ErrorOut, "description": "Writes are off (no token configured)."},
                         413: {"model": ErrorOut, "description": "The body is over the size limit."}})
    async def add_documents(request: Request) -> dict[str, Any]:
        """Analyse documents and store them with their events (one object, or a list of up to 100).

        Needs `Authorization: Bearer <token>`. A document already stored (same URL or same text) is
        reported as a duplicate and adds nothing.
        """
        from starlette.concurrency import run_in_threadpool

        obj = _parse_json(await request.body())
        items = obj if isinstance(obj, list) else [obj]
        if not items:
            raise _invalid("body", "the list of documents is empty")
        if len(items) > MAX_DOCUMENTS:
            raise _invalid("body", f"at most {MAX_DOCUMENTS} documents per request")
        many = isinstance(obj, list)
        docs = [_to_document(o, f"[{i}]" if many else "", f"api-{i}") for i, o in enumerate(items)]
        result = await run_in_threadpool(_ingest, store, docs, work_lock)
        if result["new"]:
            request.app.state.cache.invalidate()
        return result


def _add_reads(app: FastAPI, summaries: SharedCache) -> None:
    """The read endpoints; whole-store and filtered summaries go through ``summaries``."""

    @app.get("/events", response_model=EventPage, tags=["events"])
    def list_events(store: StoreDep, f: FilterDep, sort: Sort = "-date", limit: Limit = 50,
                    offset: Offset = 0) -> dict[str, Any]:
        """Stored event reports that match the filters, one page at a time (as `rasad events`)."""
        from rasad.web.filters import parse_sort

        sort = parse_sort(sort)
        items = data.with_document_ids(store, queries.find_events(store, f, sort=sort, limit=limit, offset=offset))
        return {"total": queries.count_events(store, f), "offset": offset, "limit": limit, "sort": sort,
                "items": items}

    @app.get("/clusters", response_model=ClusterPage, tags=["events"])
    def list_clusters(store: StoreDep, f: FilterDep, sort: Sort = "-date", limit: Limit = 50,
                      offset: Offset = 0) -> dict[str, Any]:
        """Merged events (one per real-world event, across outlets) with a matching report (`rasad events
        --merged`)."""
        from rasad.web.filters import parse_sort

        sort = parse_sort(sort, merged=True)
        items = queries.find_clusters(store, f, sort=sort, limit=limit, offset=offset)
        return {"total": queries.count_clusters(store, f), "offset": offset, "limit": limit, "sort": sort,
                "items": items}

    @app.get("/events/{event_id}", response_model=EventDetail, tags=["events"])
    def get_event(store: StoreDep, event_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
        """One event report: its record, its merged event, every report of that event, and its evidence."""
        detail = event_detail(store, event_id)
        if detail is None:
            raise HTTPException(404, f"no event {event_id}")
        return detail

    @app.get("/documents/{document_id}", response_model=DocumentOut, tags=["store"])
    def get_document(store: StoreDep, document_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
        """A stored document: its text, its events, and where in the text each event's evidence is."""
        doc = document_detail(store, document_id)
        if doc is None:
            raise HTTPException(404, f"no document {document_id}")
        return doc

    @app.get("/pairs", response_model=list[PairOut], tags=["statistics"])
    def list_pairs(store: StoreDep, f: FilterDep,
                   limit: Annotated[int, Query(ge=1, le=2000, description="Pairs to return.")] = 200,
                   ) -> list[dict[str, Any]]:
        """Country pairs with their event reports by type, busiest first."""
        return views.pairs(summaries, store, f, limit)

    @app.get("/pairs/{a}/{b}/timeline", response_model=TimelineOut, tags=["statistics"])
    def pair_timeline(store: StoreDep, a: Code, b: Code, directed: bool = False,
                      type_: Annotated[list[str] | None, Query(alias="type")] = None,
                      date_from: Annotated[str | None, Query(alias="from", max_length=16)] = None,
                      date_to: Annotated[str | None, Query(alias="to", max_length=16)] = None,
                      mentions: Mentions = False) -> dict[str, Any]:
        """Events between A and B per month by type, with the month's Goldstein sum."""
        return timeline(store, a, b, directed=directed, types=type_, date_from=date_from, date_to=date_to,
                        mentions=mentions)

    @app.get("/countries", response_model=list[CountryOut], tags=["statistics"])
    def list_countries(store: StoreDep, f: FilterDep) -> list[dict[str, Any]]:
        """Every country and organisation in the matching events, with counts, busiest first."""
        return views.countries(summaries, store, f)

    @app.get("/stats", response_model=StatsOut, tags=["statistics"])
    def get_stats(store: StoreDep, f: FilterDep, mentions: Mentions = False,
                  top: Annotated[int, Query(ge=1, le=200, description="Busiest pairs to list.")] = 10,
                  ) -> dict[str, Any]:
        """What the store holds, events per month by type for the filters, and the busiest pairs."""
        return summaries.get(("stats", repr(f), mentions, top), lambda: stats(store, f, mentions=mentions, top=top))


def _version() -> str:
    from rasad import __version__

    return __version__


# -- what the endpoints return (the dashboard uses the same) ---------------------------------------------


def _ingest(store: Store, docs: list[InputDocument], lock: threading.Lock) -> dict[str, Any]:
    from sqlalchemy import or_, select

    from rasad.store.ingest import FailureInfo, Ingestor, IngestSummary
    from rasad.store.models import Document as StoredDocument
    from rasad.store.normal import content_hash, document_key

    outcomes: list[str] = []
    last = [0, 0, 0]
    failures: list[FailureInfo] = []

    def progress(s: IngestSummary) -> None:
        # The summary's counters after each document tell what became of it.
        now = [s.new, s.duplicate, s.failed]
        changed = [i for i in range(3) if now[i] != last[i]]
        outcomes.append(("new", "duplicate", "failed")[changed[0]] if changed else "failed")
        last[:] = now

    with lock:
        summary = Ingestor(store, command="api", on_failure=failures.append).ingest(
            ((d, "api") for d in docs), progress=progress)
    reasons = iter(failures)
    results = []
    S = StoredDocument
    with store.read() as conn:
        for doc, outcome in zip(docs, outcomes, strict=True):
            result: dict[str, Any] = {"id": doc.id, "status": outcome}
            if outcome == "failed":
                info = next(reasons, None)
                result["reason"] = info.reason if info else "could not be stored"
            else:
                row = conn.execute(select(S.id, S.n_events).where(or_(
                    S.key == document_key(doc.url, doc.text), S.content_hash == content_hash(doc.text)))).first()
                if row is not None:
                    result["document_id"] = row.id
                    result["events"] = row.n_events if outcome == "new" else 0
            results.append(result)
    return {"new": summary.new, "duplicate": summary.duplicate, "failed": summary.failed, "documents": results}


def event_detail(store: Store, event_id: int) -> dict[str, Any] | None:
    where = data.locate_event(store, event_id)
    if where is None:
        return None
    document_id, cluster_id = where
    records = data.events_by_id(store, [event_id])
    if not records:
        return None  # deleted between the two reads
    record = records[0]
    cluster = None
    sources: list[dict[str, Any]] = []
    if cluster_id is not None:
        f = EventFilter(cluster=cluster_id)
        found = queries.find_clusters(store, f, limit=1)
        cluster = found[0] if found else None
        mentions = data.cluster_reports(store, cluster_id, limit=200)
        sources = [{"event_id": m["event_id"], "document_id": m.get("document_id"), "doc_id": m["document"]["id"],
                    "outlet": m["document"]["outlet"], "url": m["document"]["url"],
                    "title": m["document"]["title"], "published": m["document"]["published"], "date": m["date"],
                    "evidence_text": m["evidence_text"]} for m in mentions]
    text = data.document_text(store, document_id) or ""
    return {"event": record, "cluster": cluster, "sources": sources,
            "evidence": data.evidence_spans(text, record["evidence"])}


def document_detail(store: Store, document_id: int) -> dict[str, Any] | None:
    doc = data.document(store, document_id)
    if doc is None:
        return None
    events = data.events_by_id(store, doc.event_ids)
    evidence = [{"event_id": e["event_id"], **s} for e in events for s in data.evidence_spans(doc.text, e["evidence"])]
    return {"id": doc.id, "doc_id": doc.doc_id, "title": doc.title, "published": doc.published, "outlet": doc.outlet,
            "url": doc.url, "home_country": doc.home_country, "text": doc.text, "events": events,
            "evidence": evidence}


def timeline(store: Store, a: str, b: str, *, directed: bool = False, types: list[str] | None = None,
             date_from: str | None = None, date_to: str | None = None, mentions: bool = False) -> dict[str, Any]:
    a, b = country_code("a", a), country_code("b", b)
    if a == b:
        raise InvalidInput("b", "the two sides of a pair must differ")
    f = FilterInput(pair=f"{a},{b}", directed=directed, type=types, date_from=date_from,
                    date_to=date_to).to_filter()
    result = queries.stats(store, f, mentions=mentions)
    totals = result.totals()
    return {"pair": [a, b], "names": _names(a, b), "directed": directed, "unit": result.unit,
            "months": _months(result), "totals": dict(totals.counts), "goldstein": round(totals.goldstein, 3),
            "undated": result.undated}


def stats(store: Store, f: EventFilter, *, mentions: bool = False, top: int = 10) -> dict[str, Any]:
    result = queries.stats(store, f, mentions=mentions)
    return {"store": queries.store_overview(store), "unit": result.unit, "months": _months(result),
            "undated": result.undated, "pairs": data.pair_counts(store, f, top)}
