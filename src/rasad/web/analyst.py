"""API endpoints an analyst's tools call beside the tables: export, persons, one merged event.

``GET /export`` streams every matching row (no page size, no cap) in the
formats of ``rasad export``; the rows are read from the database in batches
as the response is written, so memory stays flat whatever the size.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import StreamingResponse
from starlette.exceptions import HTTPException

from rasad.store import queries
from rasad.store.db import Store
from rasad.store.exports import iter_export
from rasad.store.queries import EventFilter
from rasad.web import data
from rasad.web.app import FilterDep, StoreDep
from rasad.web.filters import MAX_ID, MAX_TEXT, parse_sort
from rasad.web.schemas import ClusterDetail, PersonDetail, PersonSummary


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    JSONL = "jsonl"
    PLOVER = "plover"


MEDIA = {ExportFormat.CSV: "text/csv; charset=utf-8", ExportFormat.JSONL: "application/x-ndjson; charset=utf-8",
         ExportFormat.PLOVER: "application/x-ndjson; charset=utf-8"}
SUFFIX = {ExportFormat.CSV: "csv", ExportFormat.JSONL: "jsonl", ExportFormat.PLOVER: "plover.jsonl"}


def export_response(store: Store, f: EventFilter, fmt: ExportFormat, *, merged: bool, sort: str) -> StreamingResponse:
    """Every matching event (or merged event), streamed as CSV, JSON lines or PLOVER records."""
    sort = parse_sort(sort, merged=merged)
    rows = queries.iter_clusters(store, f, sort=sort) if merged else queries.iter_events(store, f, sort=sort)
    stamp = dt.date.today().isoformat()
    name = f"rasad-{'merged' if merged else 'events'}-{stamp}.{SUFFIX[fmt]}"
    return StreamingResponse(iter_export(rows, fmt.value, merged=merged), media_type=MEDIA[fmt],
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


def build_router() -> APIRouter:
    router = APIRouter()

    @router.get("/export", tags=["events"], response_class=StreamingResponse,
                responses={200: {"description": "The rows, streamed.",
                                 "content": {"text/csv": {}, "application/x-ndjson": {}}}})
    def export(store: StoreDep, f: FilterDep,
               format: Annotated[ExportFormat, Query(description="csv, jsonl or plover (PLOVER JSON records, one "
                                                                 "a line).")] = ExportFormat.CSV,
               merged: Annotated[bool, Query(description="Merged events instead of every report.")] = False,
               sort: Annotated[str, Query(max_length=20, description="A sort key; - for descending.")] = "-date",
               ) -> StreamingResponse:
        """Every event report (or merged event) matching the filters, in full, streamed: the filters of
        `GET /events`, no page size."""
        return export_response(store, f, format, merged=merged, sort=sort)

    @router.get("/persons", response_model=list[PersonSummary], tags=["persons"])
    def persons(store: StoreDep,
                q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT,
                                        description="A name or part of one, Arabic or English.")],
                limit: Annotated[int, Query(ge=1, le=200, description="Persons to return.")] = 50,
                ) -> list[dict[str, Any]]:
        """Officials whose Arabic or English name contains `q` (hamza, tashkeel and case folded), with how many
        events each takes part in, busiest first."""
        return data.search_persons(store, q, limit)

    @router.get("/persons/{person_id}", response_model=PersonDetail, tags=["persons"])
    def person(store: StoreDep, person_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
        """One official: the roles reports give them, the officials they met (named in the same events) and
        their events, newest first."""
        found = data.person_detail(store, person_id)
        if found is None:
            raise HTTPException(404, f"no person {person_id}")
        return found

    @router.get("/clusters/{cluster_id}", response_model=ClusterDetail, tags=["events"])
    def cluster(store: StoreDep, cluster_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
        """One merged event and every report of it: outlet, publication date, link and evidence."""
        found = data.cluster_detail(store, cluster_id)
        if found is None:
            raise HTTPException(404, f"no merged event {cluster_id}")
        return found

    return router
