"""Fixtures for the store tests: a fresh store on each backend, and a pipeline whose events the test decides.

Every test that takes ``store_url`` (or ``store``) runs on SQLite and, when
``RASAD_TEST_PG_URL`` names a PostgreSQL database that may be wiped, on
PostgreSQL too (``.ci/run`` starts a server and sets it).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from rasad.model import Actor, Content, Document, Event, Person, Place, Span
from rasad.store.db import Store, open_store, resolve_url

PG_ENV = "RASAD_TEST_PG_URL"
PG_SKIP = (f"PostgreSQL store tests need {PG_ENV}: a postgresql:// URL of a database they may wipe "
           "(.ci/run starts a throw-away server and sets it)")


def reset_postgres(url: str) -> None:
    engine = create_engine(resolve_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A location for a new, empty store on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(PG_SKIP)
    reset_postgres(url)
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()


# -- a pipeline whose events are written in the test ------------------------------


@dataclass
class Spec:
    """One event a :class:`StubPipeline` reports."""

    type: str
    source: str
    target: str
    date: str | None = None
    place: str | None = None
    location: str | None = None
    goldstein: float = 1.0
    sectors: tuple[str, str] = ("GOV", "GOV")
    persons: Sequence[tuple[str, str, str | None]] = ()  # (Arabic name, English name, country)
    confidence: float = 0.8
    content: Content = field(default_factory=Content)  # areas, instrument, first, level, duration
    roles: Sequence[str] = ()  # role of each person, in order (default "minister")


@dataclass
class StubAnalysis:
    events: list[Event]
    persons: list[Person] = field(default_factory=list)


class StubPipeline:
    """Reports, for each document id, the events listed for it (none for ids it does not know)."""

    def __init__(self, specs: dict[str, Sequence[Spec]] | None = None) -> None:
        self.specs: dict[str, Sequence[Spec]] = dict(specs or {})
        self.calls = 0

    def run(self, doc: Document) -> StubAnalysis:
        self.calls += 1
        events = []
        persons: list[Person] = []
        for s in self.specs.get(doc.id, ()):
            roles = [*s.roles, *["minister"] * len(s.persons)]
            people = [Person(name=n, name_en=en, country=c, role=role, sector="GOV", start=0, end=1)
                      for (n, en, c), role in zip(s.persons, roles, strict=False)]
            persons.extend(people)
            events.append(Event(
                type=s.type,
                source=Actor(country=s.source, sector=s.sectors[0], text=f"{s.source} side"),
                target=Actor(country=s.target, sector=s.sectors[1], text=f"{s.target} side"),
                location=Place(country=s.location, place=s.place),
                date=s.date, persons=people, evidence=[Span(0, len(doc.text))], confidence=s.confidence,
                cameo="040", plover="CONSULT", goldstein=s.goldstein, trigger="لقاء", content=s.content,
            ))
        return StubAnalysis(events=events, persons=persons)


def arabic_doc(doc_id: str, *, published: str | None = None, source: str | None = None, url: str | None = None,
               body: str = "") -> Document:
    """A short Arabic document with text of its own (so that no two share a content hash)."""
    text = f"خبر {doc_id}: التقى مسؤولون من البلدين وبحثوا العلاقات الثنائية. {body}".strip()
    return Document(id=doc_id, text=text, published=dt.date.fromisoformat(published) if published else None,
                    source=source, url=url)
