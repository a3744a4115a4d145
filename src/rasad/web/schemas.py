"""The shapes of the API's requests and answers (they make the OpenAPI document at ``/openapi.json``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# -- requests --------------------------------------------------------------------------


class DocumentIn(BaseModel):
    """A document as in EVENTS.md; only ``text`` is required."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [{
        "id": "a1", "text": "وصل وزير الدفاع الإيطالي إلى تونس اليوم في زيارة رسمية.", "published": "2024-03-12",
        "source": "وكالة تونس للأنباء", "home_country": "TUN"}]})

    id: str | None = Field(None, max_length=512, description="Your id for the document.")
    text: str = Field(..., min_length=1, description="The article body, Arabic.")
    title: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=10, description="YYYY-MM-DD: relative dates resolve against it.")
    source: str | None = Field(None, max_length=512, description="Outlet name.")
    home_country: str | None = Field(None, max_length=3, description="The outlet's country, ISO alpha-3.")
    url: str | None = Field(None, max_length=2048)


# -- parts of records --------------------------------------------------------------------


class Side(BaseModel):
    country: str
    sector: str | None = None
    text: str | None = None


class Location(BaseModel):
    country: str | None = None
    place: str | None = None


class PersonOut(BaseModel):
    name: str
    name_en: str | None = None
    country: str | None = None
    role: str | None = None
    sector: str | None = None


class Span(BaseModel):
    start: int
    end: int


class SpanText(Span):
    text: str


class AreaSpan(Span):
    area: str


class ContentFields(BaseModel):
    """What the text states about an occasion beyond who, where and when (EVENTS.md, "Agreement and
    cooperation content"); offsets are into the document's text. Absent or empty when the text states none."""

    areas: list[str] = Field([], description="Fields of cooperation of a SIGN or MIL_COOP (closed list).")
    area_evidence: list[AreaSpan] = []
    instrument: str | None = Field(None, description="SIGN: what was signed (agreement, memorandum, …).")
    instrument_evidence: Span | None = None
    first: bool = Field(False, description="The text calls the visit or agreement the first.")
    first_evidence: Span | None = None
    level: str | None = Field(None, description="VISIT: the visitor's rank (head_of_state, minister, …).")
    duration_days: int | None = Field(None, description="VISIT: how many days it lasts, where stated.")
    duration_evidence: Span | None = None


class AnalysedEvent(ContentFields):
    """An event record of EVENTS.md."""

    type: str
    cameo: str
    plover: str
    plover_mode: str | None = None
    source: Side
    target: Side
    location: Location
    date: str | None
    persons: list[PersonOut]
    evidence: list[Span]
    confidence: float
    goldstein: float
    trigger: str | None = None


class AnalysisOut(BaseModel):
    """What ``rasad analyze`` writes for one document."""

    id: str
    events: list[AnalysedEvent]
    persons: list[PersonOut]


class DocumentRef(BaseModel):
    id: str = Field(description="The document's own id (as ingested).")
    key: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None


class EventRecord(ContentFields):
    """A stored event mention: the EVENTS.md fields plus where it is stored and which merged event it belongs to."""

    event_id: int
    document_id: int | None = Field(None, description="Id for GET /documents/{id}.")
    cluster_id: int | None
    cluster_sources: int | None = Field(None, description="Outlets that reported the merged event.")
    type: str
    cameo: str
    plover: str
    plover_mode: str | None = None
    source: Side
    target: Side
    location: Location
    date: str | None
    ref_date: str | None = Field(None, description="The date used for filters and sorting: the event's own first "
                                                   "day, else its document's publication date.")
    persons: list[PersonOut]
    evidence: list[Span]
    evidence_text: str
    confidence: float
    goldstein: float
    trigger: str | None = None
    document: DocumentRef


class ClusterRecord(BaseModel):
    """A merged event: the reports of one real-world event across documents and outlets."""

    cluster_id: int
    type: str
    pair: list[str]
    directed: bool
    date: str | None
    ref_date: str | None
    location: Location
    first_reported: str | None
    first_document: dict[str, str | None]
    sources: int
    documents: int
    mentions: int
    outlets: list[str]
    goldstein: float
    confidence: float
    areas: list[str] = Field([], description="The union of its reports' areas of cooperation.")
    instrument: str | None = Field(None, description="What was signed, as the first report that names it says.")


class Page(BaseModel):
    total: int = Field(description="Matching rows in all pages.")
    offset: int
    limit: int
    sort: str


class EventPage(Page):
    items: list[EventRecord]


class ClusterPage(Page):
    items: list[ClusterRecord]


class SourceRef(BaseModel):
    """Another report of the same merged event."""

    event_id: int
    document_id: int | None
    doc_id: str
    outlet: str | None
    url: str | None
    title: str | None
    published: str | None
    date: str | None
    evidence_text: str


class EventDetail(BaseModel):
    event: EventRecord
    cluster: ClusterRecord | None
    sources: list[SourceRef] = Field(description="Every report of the merged event, this one included.")
    evidence: list[SpanText] = Field(description="The evidence offsets with the sentences they cover.")


class EvidenceOut(SpanText):
    event_id: int


class DocumentOut(BaseModel):
    id: int
    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    home_country: str | None
    text: str
    events: list[EventRecord]
    evidence: list[EvidenceOut] = Field(description="Each event's evidence spans in ``text`` (str offsets).")


class IngestResult(BaseModel):
    id: str
    status: Literal["new", "duplicate", "failed"]
    document_id: int | None = None
    events: int = 0
    reason: str | None = None


class IngestOut(BaseModel):
    new: int
    duplicate: int
    failed: int
    documents: list[IngestResult]


class MonthOut(BaseModel):
    month: str
    counts: dict[str, int]
    total: int
    goldstein: float = Field(description="Sum of the Goldstein values of the month's events.")


class TimelineOut(BaseModel):
    pair: list[str]
    names: dict[str, dict[str, str]]
    directed: bool
    unit: Literal["events", "mentions"]
    months: list[MonthOut]
    totals: dict[str, int]
    goldstein: float
    undated: int


class CountryOut(BaseModel):
    code: str
    name_en: str
    name_ar: str
    events: int
    as_source: int
    as_target: int
    partners: int
    by_type: dict[str, int]


class PairOut(BaseModel):
    pair: list[str]
    events: int
    by_type: dict[str, int]


class StatsOut(BaseModel):
    store: dict[str, int | str | None | dict[str, int]]
    unit: Literal["events", "mentions"]
    months: list[MonthOut]
    undated: int
    pairs: list[PairOut]


class ErrorDetail(BaseModel):
    field: str | None = None
    message: str


class ErrorOut(BaseModel):
    error: str = Field(description="A short code: bad_request, unauthorized, not_found, too_large, invalid, …")
    message: str
    details: list[ErrorDetail] = []


class PersonSummary(BaseModel):
    """An official as stored: one row per name and country."""

    person_id: int
    name: str
    name_en: str | None = None
    country: str | None = None
    events: int = Field(description="Event reports the person takes part in.")


class Counterpart(BaseModel):
    person_id: int
    name: str
    name_en: str | None = None
    country: str | None = None
    events: int = Field(description="Event reports the two share.")


class PersonDetail(BaseModel):
    person: PersonSummary
    roles: list[str] = Field(description="Roles the reports give the person, most frequent first.")
    counterparts: list[Counterpart] = Field(description="Officials named in the same events, most shared first.")
    total: int = Field(description="Event reports in all, of which `events` lists the newest (at most 500).")
    events: list[EventRecord]


class ClusterDetail(BaseModel):
    cluster: ClusterRecord
    reports: list[EventRecord] = Field(description="Every report of the merged event, earliest published first.")
