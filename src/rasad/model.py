"""Plain data passed between pipeline stages.

All offsets (``start``/``end``) are Python ``str`` indices into the original
document text, end exclusive, unless a field name says otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rasad.text.clean import clean_text

EVENT_TYPES = ("VISIT", "MEET", "CALL", "SIGN", "MIL_COOP", "MIL_AID")
DIRECTED_TYPES = frozenset({"VISIT", "MIL_AID"})
SECTORS = ("MIL", "GOV", "SEC", "OTH")
# The closed lists of the contract's "Agreement and cooperation content".
AREAS = ("training", "exercises", "intelligence", "counterterrorism", "defence_industry", "arms", "maritime",
         "border_security", "cyber", "medical", "education", "logistics", "peacekeeping", "demining", "economic",
         "energy", "health", "culture", "other")
INSTRUMENTS = ("agreement", "memorandum", "protocol", "contract", "programme", "minutes", "declaration", "other")
VISIT_LEVELS = ("head_of_state", "head_of_government", "minister", "chief_of_staff", "commander", "official",
                "delegation")
CONTENT_TYPES = frozenset({"SIGN", "MIL_COOP"})


class PlaceHow(StrEnum):
    """How an event's place was found, recorded when it is decided."""

    NONE = "no place found"
    NAMED = "named in the event's sentence"
    CAPITAL_OF_NATIONALITY = "the capital of the state its adjective names (العاصمة التونسية)"
    POSTING = "where a party's ambassador serves"
    RECALLED = "where the story already is (named in an earlier sentence)"
    HOST_OF_RECEPTION = "the country of the official who received the guest"
    DESTINATION = "the destination of the visit"
    RECEIVER = "the country that received the aid"
    VISIT_OF_PAIR = "the place of the same pair's visit"
    ONLY_CITY = "the only city of that state the story names"
    SEAT_OF_BODY = "the seat of a body that belongs to one state (في البنتاغون، في قصر الاتحادية)"
    OUTLET_HOME = "the outlet's country, whose own official met the guest and no place abroad is named"


# Publication dates the date resolver can count from: relative dates ("قبل عامين",
# "الشهر المقبل") move a date by years, and Python's dates end at years 1 and 9999.
PUBLISHED_MIN = dt.date(1800, 1, 1)
PUBLISHED_MAX = dt.date(2199, 12, 31)


def check_published_range(value: dt.date) -> None:
    """Raise ValueError when ``value`` is outside :data:`PUBLISHED_MIN` … :data:`PUBLISHED_MAX`."""
    if not PUBLISHED_MIN <= value <= PUBLISHED_MAX:
        raise ValueError(f"{value.isoformat()} is outside the supported range "
                         f"{PUBLISHED_MIN.isoformat()} to {PUBLISHED_MAX.isoformat()}")


def _document_id(value: Any) -> str:
    """A string or whole-number id as text; anything else (a list, an object) is refused."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"field 'id' is not a string or a whole number: {type(value).__name__}")


@dataclass(slots=True)
class Document:
    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    home_country: str | None = None
    url: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Build a document from an EVENTS.md input object; raises ValueError on bad fields."""
        if not isinstance(data, dict):
            raise ValueError("a document must be a JSON object")
        doc_id = _document_id(data.get("id"))
        text = data.get("text")
        if not isinstance(text, str):
            raise ValueError("field 'text' is missing or not a string")
        published = data.get("published")
        pub_date = None
        if published:
            try:
                pub_date = dt.date.fromisoformat(str(published)[:10])
            except ValueError as exc:
                raise ValueError(f"field 'published' is not YYYY-MM-DD: {published!r}") from exc
            try:
                check_published_range(pub_date)
            except ValueError as exc:
                raise ValueError(f"field 'published' {exc}") from None
        home = data.get("home_country")
        if home is not None and not (isinstance(home, str) and len(home.strip()) == 3):
            raise ValueError(f"field 'home_country' is not an ISO alpha-3 code: {home!r}")
        title = data.get("title")
        source, url = data.get("source"), data.get("url")
        return cls(
            id=clean_text(doc_id),
            text=clean_text(text),
            title=clean_text(title) if isinstance(title, str) else None,
            published=pub_date,
            source=clean_text(source) if isinstance(source, str) else None,
            home_country=clean_text(home.strip().upper()) if home else None,
            url=clean_text(url) if isinstance(url, str) else None,
        )


@dataclass(slots=True)
class Span:
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(slots=True)
class Sentence:
    index: int
    start: int  # original offsets
    end: int
    nstart: int  # offsets in the normalised text
    nend: int
    is_heading: bool = False


@dataclass(slots=True)
class Token:
    """A whitespace/punctuation-delimited word of the normalised text."""

    text: str  # normalised form
    nstart: int
    nend: int
    sentence: int


@dataclass(slots=True)
class Mention:
    """A lexicon or grammar hit. ``kind`` says which layer produced it."""

    kind: str  # country | nisba | org | city | title | institution | trigger | person | date | cue
    start: int
    end: int
    sentence: int
    text: str
    tok_start: int = -1  # token indices [tok_start, tok_end)
    tok_end: int = -1
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    value: str | None = None  # trigger label, date value, English place name …
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Person:
    name: str
    name_en: str
    country: str | None
    role: str | None
    sector: str | None
    start: int
    end: int
    how: str = ""  # how the country was found

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "name_en": self.name_en, "country": self.country,
                "role": self.role, "sector": self.sector}


@dataclass(slots=True)
class Actor:
    """One side of an event: a country (or organisation code) and a sector."""

    country: str
    sector: str
    text: str
    start: int = -1
    end: int = -1
    person: Person | None = None
    how: str = ""  # explicit nationality, title, home country, coreference …
    role: str | None = None  # the post the text gives the acting official or body, in English
    offices: tuple[str, ...] = ()  # every post the title names, ranks left out ("deputy commander …")

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "sector": self.sector, "text": self.text}


@dataclass(slots=True)
class Place:
    country: str | None
    place: str | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "place": self.place}


@dataclass(slots=True)
class Cited:
    """A value read from the text, with where it was read."""

    value: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "start": self.span.start, "end": self.span.end}


@dataclass(slots=True)
class Content:
    """What the text states about an occasion beyond who, where and when."""

    areas: list[Cited] = field(default_factory=list)  # one per area, its first cue
    instrument: Cited | None = None
    first: Cited | None = None  # the text calls it the first ("أول زيارة")
    level: str | None = None  # VISIT: the rank of the visitor, one of VISIT_LEVELS
    duration_days: int | None = None
    duration: Cited | None = None

    def area_codes(self) -> list[str]:
        return [a.value for a in self.areas]

    def to_dict(self, event_type: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if event_type in CONTENT_TYPES:
            out["areas"] = self.area_codes()
            out["area_evidence"] = [{"area": a.value, **a.span.to_dict()} for a in self.areas]
        if event_type == "SIGN":
            out["instrument"] = self.instrument.value if self.instrument else None
            out["instrument_evidence"] = self.instrument.span.to_dict() if self.instrument else None
        out["first"] = self.first is not None
        out["first_evidence"] = self.first.span.to_dict() if self.first else None
        if event_type == "VISIT":
            out["level"] = self.level
            out["duration_days"] = self.duration_days
            out["duration_evidence"] = self.duration.span.to_dict() if self.duration else None
        return out


@dataclass(slots=True)
class Event:
    type: str
    source: Actor
    target: Actor
    location: Place
    date: str | None
    persons: list[Person]
    evidence: list[Span]
    confidence: float
    cameo: str = ""
    plover: str = ""
    plover_mode: str | None = None
    goldstein: float = 0.0
    trigger: str = ""
    rule: str = ""
    content: Content = field(default_factory=Content)
    place_how: PlaceHow = PlaceHow.NONE
    place_evidence: Span | None = None  # the words the place was read from, when the text names it
    date_how: str = ""

    def pair(self) -> tuple[str, str]:
        if self.type in DIRECTED_TYPES:
            return self.source.country, self.target.country
        a, b = sorted((self.source.country, self.target.country))
        return a, b

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.type,
            "cameo": self.cameo,
            "plover": self.plover,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "location": self.location.to_dict(),
            "date": self.date,
            "persons": [p.to_dict() for p in self.persons],
            "evidence": [s.to_dict() for s in self.evidence],
            "confidence": round(self.confidence, 3),
            "goldstein": self.goldstein,
            "trigger": self.trigger,
        }
        if self.plover_mode:
            out["plover_mode"] = self.plover_mode
        out.update(self.content.to_dict(self.type))
        return out
