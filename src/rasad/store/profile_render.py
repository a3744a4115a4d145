"""A pair profile for people: Rich text for a terminal, Markdown for a report.

Both show the same sections in the same order as the dashboard's pair page;
every occasion ends with the ids of its reports (``e12``), which
``rasad events --format jsonl`` and ``GET /events/{id}`` open with their
evidence, and ``/ui/events/{id}`` opens in the document view.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.console import Console
from rich.table import Table

from rasad.model import EVENT_TYPES
from rasad.store.content import AREA_LABELS, INSTRUMENT_LABELS, LEVEL_LABELS
from rasad.store.profile import Occasion, PairProfile, PersonTally

Rows = list[list[str]]


def _label(labels: dict[str, tuple[str, str]], code: str | None) -> str:
    if not code:
        return ""
    return labels[code][0] if code in labels else code


def _country(code: str) -> str:
    from rasad.web.data import country_name

    name = country_name(code)[0]
    return f"{name} ({code})" if name and name != code else code


def _when(o: Occasion) -> str:
    return o.date or (f"({o.ref_date})" if o.ref_date else "undated")


def _where(o: Occasion) -> str:
    return ", ".join(x for x in (o.place, o.location_country) if x)


def _reports(o: Occasion) -> str:
    return " ".join(f"e{r.event_id}" for r in o.reports)


def _people(o: Occasion, country: str | None = None) -> str:
    return "; ".join(p.name_en or p.name for p in o.persons if country is None or p.country == country)


def _areas(codes: list[str]) -> str:
    return ", ".join(_label(AREA_LABELS, a) for a in codes)


def _arrow(o: Occasion) -> str:
    return f"{o.source} → {o.target}" if o.type in ("VISIT", "MIL_AID") else f"{o.source} – {o.target}"


# -- the sections as (title, header, rows), shared by both renderings ------------------------


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _summary(p: PairProfile) -> list[str]:
    span = f" from {p.date_from or 'the start'} to {p.date_to or 'now'}" if p.date_from or p.date_to else ""
    lines = [f"{_n(p.occasions, 'occasion')} (merged events){span}, from {_n(p.reports, 'report')} in "
             f"{_n(p.documents, 'document')} by {_n(p.outlets, 'outlet')}"
             + (f": {', '.join(p.outlet_names)}" if p.outlet_names else "")]
    for label, o in (("First contact", p.first_contact), ("Latest contact", p.latest_contact)):
        if o is not None:
            lines.append(f"{label}: {_when(o)} {o.type} {_arrow(o)} {_where(o)} [{_reports(o)}]".rstrip())
    if p.undated:
        lines.append(f"{_n(p.undated, 'occasion')} without a date (neither the text nor the publication gives one)")
    slope = f" ({p.trend_slope:+.2f} a year)" if p.trend_slope is not None else ""
    lines.append(f"Goldstein trend: {p.trend.value}{slope}")
    return lines


def _years(p: PairProfile) -> tuple[list[str], Rows]:
    header = ["year", *EVENT_TYPES, "total", "Goldstein sum", "mean"]
    rows = [[y.year, *(str(y.counts[t] or "·") for t in EVENT_TYPES), str(y.total), f"{y.goldstein_sum:g}",
             f"{y.goldstein_mean:g}"] for y in p.years]
    return header, rows


def _agreements(p: PairProfile) -> tuple[list[str], Rows]:
    header = ["date", "instrument", "areas", "place", "first", "signatories", "reports"]
    rows = [[_when(o), _label(INSTRUMENT_LABELS, o.instrument) or "not named", _areas(o.areas) or "none stated",
             _where(o), "yes" if o.first else "", _people(o), _reports(o)] for o in p.agreements]
    return header, rows


def _cooperation(p: PairProfile) -> tuple[list[str], Rows]:
    header = ["date", "areas", "place", "persons", "reports"]
    rows = [[_when(o), _areas(o.areas) or "none stated", _where(o), _people(o), _reports(o)] for o in p.cooperation]
    return header, rows


def _areas_by_year(p: PairProfile) -> tuple[list[str], Rows]:
    header = ["year", "areas (agreements and cooperation naming each)"]
    rows = [[a.year, ", ".join(f"{_label(AREA_LABELS, k)} {n}" for k, n in a.areas.items())] for a in p.areas_by_year]
    return header, rows


def _visits(p: PairProfile, key: str) -> tuple[list[str], Rows]:
    visitor = key.split(">")[0]
    header = ["date", "place", "level", "first", "days", "visitors", "reports"]
    rows = [[_when(o), _where(o), _label(LEVEL_LABELS, o.level), "first" if o.first else "",
             str(o.duration_days or ""), _people(o, visitor), _reports(o)] for o in p.visits.get(key, [])]
    return header, rows


def _tally_row(t: PersonTally) -> list[str]:
    name = f"{t.name_en} ({t.name})" if t.name_en else t.name
    span = " – ".join(dict.fromkeys(d for d in (t.first_date, t.last_date) if d))
    return [name, ", ".join(t.roles), str(t.occasions), ", ".join(f"{k} {n}" for k, n in t.types.items()), span]


def _contacts(p: PairProfile) -> tuple[list[str], Rows]:
    header = ["date", "type", "sides", "place", "persons", "reports", "evidence"]
    rows = [[_when(o), o.type, _arrow(o), _where(o), _people(o), _reports(o), o.reports[0].quote if o.reports else ""]
            for o in p.contacts]
    return header, rows


def sections(p: PairProfile) -> Iterator[tuple[str, list[str], Rows]]:
    """(title, header, rows) of every table of the profile, in order; empty tables are left out."""
    yield "Events per year, by type", *_years(p)
    yield "Agreements signed", *_agreements(p)
    yield "Military cooperation", *_cooperation(p)
    yield "Areas of cooperation over time", *_areas_by_year(p)
    for key in p.visits:
        a, b = key.split(">")
        yield f"Visits {_country(a)} → {_country(b)}", *_visits(p, key)
    tally_header = ["person", "roles", "occasions", "by type", "dates"]
    for side, tallies in p.people.items():
        yield f"People of {_country(side)}", tally_header, [_tally_row(t) for t in tallies]
    more = f" (latest {len(p.contacts)} of {p.contacts_total})" if len(p.contacts) < p.contacts_total else ""
    yield f"Every occasion{more}", *_contacts(p)


def title(p: PairProfile) -> str:
    return f"{_country(p.a)} – {_country(p.b)}: relationship profile"


# -- renderings ---------------------------------------------------------------------------------------


def print_text(p: PairProfile, console: Console) -> None:
    console.print(title(p), style="bold", markup=False, highlight=False)
    for line in _summary(p):
        console.print(line, markup=False, highlight=False)
    for name, header, rows in sections(p):
        if not rows:
            continue
        table = Table(title=name, title_justify="left", title_style="bold", box=None, header_style="bold",
                      pad_edge=False)
        for col in header:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print()
        console.print(table)


def _md_cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def to_markdown(p: PairProfile) -> str:
    out = [f"# {title(p)}", ""]
    out += [f"- {line}" for line in _summary(p)]
    for name, header, rows in sections(p):
        if not rows:
            continue
        out += ["", f"## {name}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"
