"""Query-string values → :class:`~rasad.store.queries.EventFilter`, with messages a person can act on.

The API and the dashboard share this, so a filter means the same in both and
the same as the ``rasad events`` option of that name. Values are checked for
shape only (a country code is 2–5 letters, a date is a date); whatever passes
reaches the database as a bound parameter, so no value can change the SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rasad.model import AREAS, EVENT_TYPES, SECTORS
from rasad.store.normal import date_bound
from rasad.store.queries import CLUSTER_SORTS, EVENT_SORTS, EventFilter
from rasad.web.hijri import DIGITS

MAX_TEXT = 200  # characters in a name, outlet or search term
MAX_VALUES = 50  # values of one repeated filter
MAX_OFFSET = 10_000_000
MAX_LIMIT = 500
MAX_ID = 2**31 - 1  # the id columns are 32-bit integers on PostgreSQL


class InvalidInput(ValueError):
    """A filter value that cannot be used; ``field`` names the query parameter, ``suggestions`` what may be meant."""

    def __init__(self, field: str, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.suggestions = suggestions or []


def _split(values: Iterable[str] | None) -> list[str]:
    """Repeated parameters and comma-separated lists alike: ``type=VISIT&type=MEET`` = ``type=VISIT,MEET``."""
    out = []
    for v in values or ():
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


def _bounded(field: str, values: list[str]) -> list[str]:
    if len(values) > MAX_VALUES:
        raise InvalidInput(field, f"at most {MAX_VALUES} values")
    return values


def country_code(field: str, value: str) -> str:
    """A code (JOR, NATO), or an English or Arabic name from the knowledge files (Jordan, الأردن), as its code."""
    from rasad.web import countries

    if len(value) > MAX_TEXT:
        raise InvalidInput(field, f"at most {MAX_TEXT} characters")
    code = countries.resolve(value)
    if code is not None:
        return code
    hints = countries.suggestions(value)
    hint = f"; did you mean {', '.join(hints)}?" if hints else ""
    raise InvalidInput(field, f"{_show(value)} is not a known country or organisation: give a code (JOR, NATO) "
                              f"or a name in English or Arabic (Jordan, الأردن){hint}", hints)


def _choices(field: str, values: list[str], allowed: Iterable[str], what: str) -> list[str]:
    allowed = tuple(allowed)
    out = []
    for v in values:
        u = v.strip().upper()
        if u not in allowed:
            raise InvalidInput(field, f"{_show(v)} is not {what}: use one of {', '.join(allowed)}")
        out.append(u)
    return out


def _areas(values: list[str]) -> list[str]:
    out = []
    for v in values:
        a = v.strip().lower()
        if a not in AREAS:
            raise InvalidInput("area", f"{_show(v)} is not an area of cooperation: use one of {', '.join(AREAS)}")
        out.append(a)
    return out


def parse_date(field: str, value: str | None, *, end: bool) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; a year or month stands for its first day (from) or last (to).

    Arabic-Indic digits are read as digits, and a Hijri year or month (``1445``,
    ``1445-09``, ``1445هـ``) as the Gregorian days it covers (:mod:`rasad.web.hijri`).
    """
    from rasad.web.hijri import HijriError, hijri_bound

    if value is None or not value.strip():
        return None
    try:
        bound = hijri_bound(value, end=end)
    except HijriError as exc:
        raise InvalidInput(field, str(exc)) from None
    if bound is None:
        bound = date_bound(value.translate(DIGITS), end=end)
    if bound is None:
        raise InvalidInput(field, f"{_show(value)} is not a date (YYYY-MM-DD, YYYY-MM or YYYY; "
                                  "a Hijri year or month such as 1445 or 1445-09)")
    return bound


def parse_undated(value: bool | str | None) -> bool | None:
    """``undated``: true (only events with no date), false (only dated ones), or absent (both)."""
    if value is None or value == "" or isinstance(value, bool):
        return value if isinstance(value, bool) else None
    v = value.strip().lower()
    if v in ("1", "true", "yes", "only", "on"):
        return True
    if v in ("0", "false", "no"):
        return False
    raise InvalidInput("undated", f"{_show(value)} is not true or false")


def _text(field: str, value: str | None) -> str | None:
    if value is None:
        return None
    if len(value) > MAX_TEXT:
        raise InvalidInput(field, f"at most {MAX_TEXT} characters")
    v = value.strip()
    return v or None


def _show(value: str) -> str:
    """A value quoted for a message, cut short: messages echo input, not whole payloads."""
    return repr(value if len(value) <= 40 else value[:40] + "…")


def parse_pair(field: str, value: str | None) -> tuple[str, str] | None:
    if value is None or not value.strip():
        return None
    # Names may hold spaces ("Saudi Arabia,Jordan"): with a comma, only the comma separates.
    sep = r"\s*,\s*" if "," in value else r"[\-\s]+"
    parts = [p for p in re.split(sep, value.strip()) if p]
    if len(parts) != 2:
        raise InvalidInput(field, f"{_show(value)} is not a pair: give two codes, e.g. JOR,EGY")
    a, b = (country_code(field, p) for p in parts)
    if a == b:
        raise InvalidInput(field, "the two sides of a pair must differ")
    return a, b


def parse_sort(value: str | None, *, merged: bool = False) -> str:
    sort = (value or "-date").strip()
    table = CLUSTER_SORTS if merged else EVENT_SORTS
    if sort.lstrip("+-") not in table or sort.count("-") + sort.count("+") > 1:
        raise InvalidInput("sort", f"{_show(sort)} is not a sort key: use one of {', '.join(sorted(table))}, "
                                   "with - in front for descending")
    return sort


def parse_id(field: str, value: int | str | None) -> int | None:
    if value is None or value == "":
        return None
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise InvalidInput(field, f"{_show(str(value))} is not a whole number") from None
    if not 1 <= n <= MAX_ID:
        raise InvalidInput(field, f"must be between 1 and {MAX_ID}")
    return n


@dataclass
class FilterInput:
    """The filters of ``rasad events`` as query-string values (lists for repeatable ones)."""

    country: list[str] | None = None
    pair: str | None = None
    directed: bool = False
    type: list[str] | None = None
    sector: list[str] | None = None
    person: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    source: list[str] | None = None
    text: str | None = None
    cluster: int | str | None = None
    undated: bool | str | None = None
    area: list[str] | None = None

    def to_filter(self) -> EventFilter:
        countries = [country_code("country", c) for c in _bounded("country", _split(self.country))]
        pair = parse_pair("pair", self.pair)
        if self.directed and pair is None:
            raise InvalidInput("directed", "needs a pair (pair=A,B): the direction is A → B")
        f = EventFilter(
            countries=countries,
            pair=pair,
            directed=bool(self.directed),
            types=_choices("type", _bounded("type", _split(self.type)), EVENT_TYPES, "an event type"),
            sectors=_choices("sector", _bounded("sector", _split(self.sector)), SECTORS, "a sector"),
            person=_text("person", self.person),
            date_from=parse_date("from", self.date_from, end=False),
            date_to=parse_date("to", self.date_to, end=True),
            # Outlet names may hold commas: one value per parameter.
            sources=[s for s in (_text("source", v) for v in _bounded("source", list(self.source or []))) if s],
            text=_text("text", self.text),
            cluster=parse_id("cluster", self.cluster),
            undated=parse_undated(self.undated),
            areas=_areas(_bounded("area", _split(self.area))),
        )
        if f.date_from and f.date_to and f.date_from > f.date_to:
            raise InvalidInput("from", f"{self.date_from} is after to={self.date_to}")
        if f.undated and (f.date_from or f.date_to):
            raise InvalidInput("undated", "undated events have no date: leave out from and to")
        return f
