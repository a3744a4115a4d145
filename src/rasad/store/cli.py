"""The store's commands: ``ingest``, ``reprocess``, ``events``, ``export``, ``stats``, ``failures``.

:func:`register` adds them to the main ``rasad`` app. Nothing heavy is
imported here at module level (SQLAlchemy, the pipeline), so ``rasad
analyze`` starts as fast as before; each command imports what it uses.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from rasad.cli_options import DataDirOpt, WorkersOpt, workers_or_default
from rasad.cli_options import check_home_country as _check_home_country
from rasad.cli_options import check_max_mb as _check_max_mb
from rasad.cli_options import check_published as _check_published
from rasad.cli_options import check_time_budget as _check_time_budget
from rasad.model import AREAS, EVENT_TYPES, SECTORS
from rasad.store.normal import date_bound

if TYPE_CHECKING:
    from rasad.store.db import Store
    from rasad.store.ingest import FailureInfo, IngestSummary
    from rasad.store.queries import EventFilter

PROG = "rasad"


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _out() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _usage_error(message: str) -> typer.Exit:
    _err().print(f"{PROG}: error: {message}", markup=False)
    return typer.Exit(2)


# -- option values -------------------------------------------------------------------


def _country(value: str) -> str:
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{2,5}", code):
        raise typer.BadParameter(f"{value!r} is not a country code (ISO alpha-3 such as JOR) or organisation code")
    return code


def _countries(values: list[str] | None) -> list[str]:
    return [_country(v) for v in values or []]


def _pair(value: tuple[str, str] | None) -> tuple[str, str] | None:
    if not value or value == (None, None):
        return None
    a, b = (_country(v) for v in value)
    return a, b


def _types(values: list[str] | None) -> list[str]:
    out = []
    for v in values or []:
        t = v.strip().upper()
        if t not in EVENT_TYPES:
            raise typer.BadParameter(f"{v!r} is not an event type: use one of {', '.join(EVENT_TYPES)}")
        out.append(t)
    return out


def _sectors(values: list[str] | None) -> list[str]:
    out = []
    for v in values or []:
        s = v.strip().upper()
        if s not in SECTORS:
            raise typer.BadParameter(f"{v!r} is not a sector: use one of {', '.join(SECTORS)}")
        out.append(s)
    return out


def _areas(values: list[str] | None) -> list[str]:
    out = []
    for v in values or []:
        a = v.strip().lower()
        if a not in AREAS:
            raise typer.BadParameter(f"{v!r} is not an area of cooperation: use one of {', '.join(AREAS)}")
        out.append(a)
    return out


def _parse_date(value: str | None, *, end: bool) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; a year or month stands for its first day (``--from``) or last (``--to``)."""
    if value is None:
        return None
    bound = date_bound(value, end=end)
    if bound is None:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return bound


def _check_from(value: str | None) -> str | None:
    _parse_date(value, end=False)
    return value


def _check_to(value: str | None) -> str | None:
    _parse_date(value, end=True)
    return value


DbOption = Annotated[str | None, typer.Option(
    "--db", help="The store: a file path or a postgresql:// URL. Default: $RASAD_DB, else ./rasad.db.",
    show_default=False)]
CountryOption = Annotated[list[str] | None, typer.Option(
    "--country", "-c", help="Events with this country (or organisation) on either side; repeat for any of several.",
    show_default=False)]
PairOption = Annotated[tuple[str, str] | None, typer.Option(
    "--pair", metavar="A B", help="Events between A and B, in either direction (see --directed).",
    show_default=False)]
DirectedOption = Annotated[bool, typer.Option(
    "--directed", help="With --pair: only A as source and B as target (visitor → host, giver → receiver).")]
TypeOption = Annotated[list[str] | None, typer.Option(
    "--type", "-t", help=f"Event type ({', '.join(EVENT_TYPES)}); repeat for any of several.", show_default=False)]
SectorOption = Annotated[list[str] | None, typer.Option(
    "--sector", help="Either side's sector (MIL, GOV, SEC, OTH); repeat for any of several.", show_default=False)]
PersonOption = Annotated[str | None, typer.Option(
    "--person", help="An official's name or part of it, in Arabic or English (spelling variants folded).",
    show_default=False)]
FromOption = Annotated[str | None, typer.Option(
    "--from", help="From this date on (YYYY-MM-DD, YYYY-MM or YYYY).", callback=_check_from, show_default=False)]
ToOption = Annotated[str | None, typer.Option(
    "--to", help="Up to this date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive.", callback=_check_to,
    show_default=False)]
SourceOption = Annotated[list[str] | None, typer.Option(
    "--source", "-s", help="Outlet name or part of it; repeat for any of several.", show_default=False)]
TextOption = Annotated[str | None, typer.Option(
    "--text", help="Words that the evidence sentences contain, in this order (not necessarily side by side).",
    show_default=False)]
ClusterOption = Annotated[int | None, typer.Option(
    "--cluster", help="The mentions of one merged event (its id).", show_default=False)]
AreaOption = Annotated[list[str] | None, typer.Option(
    "--area", help="Agreements and cooperation in this field (training, maritime, …); repeat for any of several.",
    show_default=False)]
MergedOption = Annotated[bool, typer.Option(
    "--merged", help="Merged events (one per real-world event, across outlets) instead of every report.")]


def _filter(country: list[str] | None, pair: tuple[str, str] | None, directed: bool, type_: list[str] | None,
            sector: list[str] | None, person: str | None, date_from: str | None, date_to: str | None,
            source: list[str] | None, text: str | None, cluster: int | None,
            area: list[str] | None = None) -> EventFilter:
    from rasad.store.queries import EventFilter

    try:
        f = EventFilter(countries=_countries(country), pair=_pair(pair), directed=directed, types=_types(type_),
                        sectors=_sectors(sector), person=person,
                        date_from=_parse_date(date_from, end=False), date_to=_parse_date(date_to, end=True),
                        sources=list(source or []), text=text, cluster=cluster, areas=_areas(area))
    except typer.BadParameter as exc:
        raise _usage_error(str(exc)) from None
    if directed and f.pair is None:
        raise _usage_error("--directed needs --pair A B")
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise _usage_error(f"--from {date_from} is after --to {date_to}")
    return f


@contextmanager
def _open(db: str | None) -> Iterator[Store]:
    from rasad.store.db import StoreError, open_store

    try:
        store = open_store(db)
    except StoreError as exc:
        raise _usage_error(str(exc)) from None
    try:
        yield store
    finally:
        store.close()


def _where(store: Store) -> str:
    from rasad.store.db import describe_url

    url = describe_url(store.url)
    return url.removeprefix("sqlite:///") if store.is_sqlite else url


# -- ingest and reprocess ----------------------------------------------------------------


@contextmanager
def _stop_requests() -> Iterator[Callable[[], bool]]:
    """Ctrl-C and SIGTERM (``kill``, a stopped service) ask an ingest to stop after the document
    in hand, so that it is stored whole and the run's row gets its end time and true counts;
    a second Ctrl-C stops at once. Yields the question the ingest asks between documents.
    (SIGKILL cannot be caught: its run keeps no end time, which is how such a run shows.)"""
    import signal
    import threading

    asked = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield asked.is_set
        return

    def request(signum: int, frame: object) -> None:
        if asked.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        asked.set()

    previous = {sig: signal.signal(sig, request) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield asked.is_set
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)



class _Bar:
    """A progress line with documents/s on standard error, only when it is a terminal."""

    def __init__(self, stack: ExitStack, verb: str, enabled: bool) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.console = _err()
        self.progress = None
        self.task: Any = None
        if enabled and self.console.is_terminal:
            self.progress = stack.enter_context(Progress(
                SpinnerColumn(), TextColumn(verb),
                TextColumn("{task.completed} documents · {task.fields[rate]:.0f}/s · {task.fields[detail]}"),
                TimeElapsedColumn(), console=self.console, transient=True))
            self.task = self.progress.add_task(verb, total=None, rate=0.0, detail="")
            self.console = self.progress.console

    def update(self, s: IngestSummary, reprocess: bool = False) -> None:
        if self.progress is None:
            return
        detail = (f"{s.changed} changed, {s.failed} failed" if reprocess
                  else f"{s.new} new, {s.duplicate} duplicate, {s.failed} failed")
        self.progress.update(self.task, completed=s.read, rate=s.rate, detail=detail)


def _interrupted(stack: ExitStack) -> typer.Exit:
    """Close the store and say what an interrupted load leaves; the exit to raise (130)."""
    stack.close()
    _err().print(f"{PROG}: interrupted; every document stored so far is complete, "
                 "run the same command again to go on", markup=False)
    return typer.Exit(130)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _print_summary(s: IngestSummary, store: Store, *, reprocess: bool = False) -> None:
    from rasad.store.ingest import stored_counts

    out = _out()
    rate = f"{s.elapsed:.1f} s, {s.rate:.0f} documents/s"
    if reprocess:
        out.print(f"re-analysed {_n(s.read, 'document')} ({rate}): {s.changed} with changed events, "
                  f"{s.failed} failed; {_n(s.events, 'event')} now", markup=False)
    else:
        out.print(f"read {_n(s.read, 'document')} ({rate})", markup=False)
        out.print(f"  new        {s.new:>7}  ({_n(s.events, 'event')})", markup=False)
        out.print(f"  duplicate  {s.duplicate:>7}", markup=False)
        out.print(f"  failed     {s.failed:>7}", markup=False)
    for reason, n in s.reasons.most_common():
        out.print(f"    {n:>6}  {reason}", markup=False)
    if s.failed:
        out.print(f"  (`{PROG} failures --run {s.run_id}` lists each document)", markup=False)
    counts = stored_counts(store)
    out.print(f"store {_where(store)}: {counts['documents']} documents, {counts['events']} events, "
              f"{counts['clusters']} merged events", markup=False)


def ingest(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH|URL", show_default=False,
        help=".txt, .jsonl, .json, .html pages, RSS/Atom feeds (.rss, .atom, .xml), folders, - for stdin, "
             "or http(s) URLs of feeds and pages.")],
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date (YYYY-MM-DD) for documents that lack one.", callback=_check_published,
        show_default=False)] = None,
    home_country: Annotated[str | None, typer.Option(
        help="Outlet's country (ISO alpha-3) for documents that lack one.", callback=_check_home_country,
        show_default=False)] = None,
    max_mb: Annotated[float, typer.Option(
        "--max-mb", callback=_check_max_mb, help="Refuse documents with more text than this many MB.")] = 2.0,
    follow_links: Annotated[bool, typer.Option(
        "--follow-links", help="Feeds: fetch each entry's page and read the full article, not the summary.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a web server.", min=1.0)] = 30.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No line per failed document (the summary stays).")]
    = False,
    workers: WorkersOpt = None,
    time_budget: Annotated[float, typer.Option(
        "--time-budget", callback=_check_time_budget, metavar="SECONDS",
        help="Record a document as failed (\"too slow\") when its analysis takes longer; 0: no limit.")] = 60.0,
    data_dir: DataDirOpt = None,
) -> None:
    """Analyse documents and store them with their events; documents already stored are skipped."""
    from rasad.io.sources import is_url, read_sources
    from rasad.store.ingest import Ingestor

    for p in paths:
        if p != "-" and not is_url(p) and not Path(p).exists():
            raise _usage_error(f"no such file or directory: {p}")
    if paths.count("-") > 1:
        raise _usage_error("standard input (-) can be given only once")
    defaults = {"published": published or "", "home_country": home_country or ""}
    items = read_sources(paths, max_bytes=int(max_mb * 1024 * 1024), defaults=defaults,
                         follow_links=follow_links, timeout=timeout)
    with _open(db) as store, ExitStack() as stack:
        bar = _Bar(stack, "ingesting", enabled=True)

        def report(info: FailureInfo) -> None:
            if not quiet:
                bar.console.print(f"{PROG}: failed {info.label}: {info.reason}", markup=False)

        ingestor = Ingestor(store, command="ingest", on_failure=report, workers=workers_or_default(workers),
                            time_budget=time_budget)
        try:
            with _stop_requests() as should_stop:
                summary = ingestor.ingest(items, progress=bar.update, should_stop=should_stop)
            if summary.stopped:
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise _interrupted(stack) from None
        stack.close()
        _print_summary(summary, store)
    if summary.new + summary.duplicate == 0:
        raise typer.Exit(1)


def reprocess(
    db: DbOption = None,
    clusters_only: Annotated[bool, typer.Option(
        "--clusters", help="Only rebuild the merged events from the stored events (no re-analysis).")] = False,
    window: Annotated[int | None, typer.Option(
        "--window", min=0, max=365, show_default=False,
        help="With --clusters: the date window in days for merging (stored for later ingests; default 3).")] = None,
    workers: WorkersOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Re-analyse every stored document after a lexicon or code change and replace its events."""
    from rasad.store.clusters import recompute
    from rasad.store.ingest import Ingestor

    if window is not None and not clusters_only:
        raise _usage_error("--window applies with --clusters")
    with _open(db) as store:
        if clusters_only:
            result = recompute(store, window)
            _out().print(f"rebuilt {result.clusters} merged events from {result.events} events "
                         f"({result.multi_source} reported by more than one source)", markup=False)
            return
        with ExitStack() as stack:
            bar = _Bar(stack, "re-analysing", enabled=True)
            ingestor = Ingestor(store, command="reprocess", workers=workers_or_default(workers),
                                on_failure=lambda i: bar.console.print(f"{PROG}: failed {i.label}: {i.reason}",
                                                                       markup=False))
            try:
                summary = ingestor.reprocess(progress=lambda s: bar.update(s, reprocess=True))
            except KeyboardInterrupt:
                stack.close()
                _err().print(f"{PROG}: interrupted; re-analysed documents are complete", markup=False)
                raise typer.Exit(130) from None
        _print_summary(summary, store, reprocess=True)


def load(
    output: Annotated[Path, typer.Argument(
        metavar="OUTPUT", show_default=False, help="The folder `python -m rasad.spark INPUT OUTPUT` wrote.")],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No line per failed document (the summary stays).")]
    = False,
) -> None:
    """Load what the Spark job wrote (documents, events, persons, failures) into the store."""
    from rasad.store.load import LoadError, check_output
    from rasad.store.load import load as load_output

    try:
        check_output(output)
    except LoadError as exc:
        raise _usage_error(str(exc)) from None
    with _open(db) as store, ExitStack() as stack:
        bar = _Bar(stack, "loading", enabled=True)

        def report(info: FailureInfo) -> None:
            if not quiet:
                bar.console.print(f"{PROG}: failed {info.label}: {info.reason}", markup=False)

        try:
            summary = load_output(store, output, on_failure=report, progress=bar.update)
        except KeyboardInterrupt:
            raise _interrupted(stack) from None
        stack.close()
        _print_summary(summary, store)
    if summary.new + summary.duplicate == 0:
        raise typer.Exit(1)


# -- events and export -----------------------------------------------------------------------


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    plover = "plover"


def _short(text: str | None, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _fit(text: str, width: int) -> str:
    """Pad or cut ``text`` to ``width`` terminal cells."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    return set_cell_size(text, max(width - 1, 0)) + "…"


def _print_rows(header: list[tuple[str, int]], rows: list[list[str]]) -> None:
    """A plain table, one line per row: the codes keep their width, the last column takes what is left.

    (rich's Table drops whole columns when a terminal is narrow; an analyst
    needs the id and type more than the end of the evidence sentence.)
    """
    out = _out()
    widths = [max([w, len(h)] + [len(r[i]) for r in rows]) if w < 0 else w for i, (h, w) in enumerate(header)]
    fixed = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(20, out.width - fixed - 1)
    out.print("  ".join(_fit(h, w) for (h, _), w in zip(header, widths, strict=True)).rstrip(),
              markup=False, style="bold", no_wrap=True, crop=False)
    for r in rows:
        out.print("  ".join(_fit(c, w) for c, w in zip(r, widths, strict=True)).rstrip(), markup=False,
                  no_wrap=True, crop=False)


def _print_events(rows: list[dict[str, Any]]) -> None:
    lines = []
    for r in rows:
        place = ", ".join(x for x in (r["location"]["place"], r["location"]["country"]) if x)
        persons = "; ".join(p["name"] + (f" ({p['name_en']})" if p.get("name_en") else "") for p in r["persons"])
        merged = f"#{r['cluster_id']}×{r['cluster_sources']}" if r["cluster_id"] is not None else ""
        lines.append([str(r["event_id"]), r["date"] or f"({r['document']['published'] or '?'})", r["type"],
                      f"{r['source']['country']}/{r['source']['sector']} → {r['target']['country']}/"
                      f"{r['target']['sector']}", place, r["document"]["outlet"] or "", merged,
                      persons, " ".join(r["evidence_text"].split())])
    # Width -1: as wide as the longest value.
    _print_rows([("id", -1), ("date", 12), ("type", 8), ("source → target", -1), ("place", 14), ("outlet", 16),
                 ("merged", -1), ("persons", 16), ("evidence", 0)], lines)


def _print_clusters(rows: list[dict[str, Any]]) -> None:
    lines = []
    for r in rows:
        arrow = " → " if r["directed"] else " – "
        place = ", ".join(x for x in (r["location"]["place"], r["location"]["country"]) if x)
        lines.append([str(r["cluster_id"]), r["date"] or f"({r['ref_date'] or '?'})", r["type"],
                      arrow.join(r["pair"]), place, r["first_reported"] or "", str(r["sources"]),
                      str(r["documents"]), ", ".join(r["outlets"])])
    _print_rows([("id", -1), ("date", 12), ("type", 8), ("pair", -1), ("place", 16), ("first report", 12),
                 ("sources", 7), ("docs", 4), ("outlets", 0)], lines)


def events(
    db: DbOption = None,
    country: CountryOption = None,
    pair: PairOption = None,
    directed: DirectedOption = False,
    type_: TypeOption = None,
    sector: SectorOption = None,
    person: PersonOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    source: SourceOption = None,
    text: TextOption = None,
    cluster: ClusterOption = None,
    area: AreaOption = None,
    merged: MergedOption = False,
    sort: Annotated[str, typer.Option(
        help="date, published, confidence, goldstein, type, source, sources, id (merged: date, first, sources, "
             "documents, mentions, goldstein, confidence, type, id); prefix - for descending.")] = "-date",
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first (paging).")] = 0,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
) -> None:
    """List stored events (or merged events) that match the filters."""
    from rasad.store import exports, queries

    f = _filter(country, pair, directed, type_, sector, person, date_from, date_to, source, text, cluster, area)
    with _open(db) as store:
        try:
            if merged:
                rows = queries.find_clusters(store, f, sort=sort, limit=limit, offset=offset)
            else:
                rows = queries.find_events(store, f, sort=sort, limit=limit, offset=offset)
        except ValueError as exc:
            raise _usage_error(str(exc)) from None
        if fmt is ListFormat.table:
            total = queries.count_clusters(store, f) if merged else queries.count_events(store, f)
            noun = "merged events" if merged else "events"
            out = _out()
            shown = f", showing {offset + 1}–{offset + len(rows)}" if rows and len(rows) < total else ""
            out.print(f"{total} {noun}{shown} (sorted by {sort})", markup=False)
            if rows:
                (_print_clusters if merged else _print_events)(rows)
        elif fmt is ListFormat.jsonl:
            for r in rows:
                sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            exports.write_export(iter(rows), "csv", sys.stdout, merged=merged)


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, jsonl, or plover (PLOVER JSON lines).")]
    = ExportFormat.jsonl,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.",
                                                 dir_okay=False, show_default=False)] = None,
    db: DbOption = None,
    country: CountryOption = None,
    pair: PairOption = None,
    directed: DirectedOption = False,
    type_: TypeOption = None,
    sector: SectorOption = None,
    person: PersonOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    source: SourceOption = None,
    text: TextOption = None,
    cluster: ClusterOption = None,
    area: AreaOption = None,
    merged: MergedOption = False,
    sort: Annotated[str, typer.Option(help="As for `rasad events`.")] = "date",
) -> None:
    """Export every matching event (or merged event) as CSV, JSON lines or PLOVER records."""
    from rasad.store import exports, queries

    f = _filter(country, pair, directed, type_, sector, person, date_from, date_to, source, text, cluster, area)
    with _open(db) as store, ExitStack() as stack:
        out: IO[str] = sys.stdout
        if output is not None:
            try:
                out = stack.enter_context(output.open("w", encoding="utf-8", newline=""))
            except OSError as exc:
                raise _usage_error(f"cannot write {output}: {exc.strerror or exc}") from None
        records = (queries.iter_clusters(store, f, sort=sort) if merged else queries.iter_events(store, f, sort=sort))
        try:
            n = exports.write_export(records, fmt.value, out, merged=merged)
        except ValueError as exc:
            raise _usage_error(str(exc)) from None
        out.flush()
    noun = "merged events" if merged else "events"
    _err().print(f"{PROG}: exported {n} {noun}" + (f" to {output}" if output else ""), markup=False)


# -- stats and failures ------------------------------------------------------------------------


def stats(
    db: DbOption = None,
    pair: PairOption = None,
    country: Annotated[str | None, typer.Option(
        "--country", "-c", help="Events with this country on either side.", show_default=False)] = None,
    directed: DirectedOption = False,
    type_: TypeOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    mentions: Annotated[bool, typer.Option(
        "--mentions", help="Count every report, not each merged event once.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV on stdout instead of a table.")] = False,
) -> None:
    """Events per month by type and the Goldstein sum per month, for a pair or a country.

    Without --pair or --country: what the store holds.
    """
    from rasad.store import queries

    if pair and country:
        raise _usage_error("give --pair or --country, not both")
    f = _filter([country] if country else None, pair, directed, type_, None, None, date_from, date_to, None,
                None, None)
    with _open(db) as store:
        if not pair and not country:
            overview = queries.store_overview(store)
            if as_csv:
                w = csv.writer(sys.stdout, lineterminator="\n")
                w.writerow(["key", "value"])
                for k, v in overview.items():
                    w.writerows([[f"{k}.{t}", n] for t, n in v.items()] if isinstance(v, dict) else [[k, v]])
                return
            out = _out()
            out.print(f"store {_where(store)} ({overview['size_bytes'] / 1048576:.1f} MB)", markup=False)
            for k in ("documents", "events", "clusters", "multi_source_clusters", "outlets", "persons", "places",
                      "failures", "first_date", "last_date"):
                out.print(f"  {k.replace('_', ' '):<22} {overview[k]}", markup=False)
            out.print("  events by type         " + ", ".join(f"{t} {n}" for t, n in
                                                             overview["events_by_type"].items()), markup=False)
            return
        result = queries.stats(store, f, mentions=mentions)
    header = ["month", *EVENT_TYPES, "total", "goldstein"]
    totals = result.totals()
    rows = [[m.month, *(m.counts.get(t, 0) for t in EVENT_TYPES), m.total, round(m.goldstein, 2)]
            for m in result.months]
    if as_csv:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        return
    what = f"{pair[0].upper()}–{pair[1].upper()}" if pair else (country or "").upper()
    if pair and directed:
        what = f"{pair[0].upper()} → {pair[1].upper()}"
    unit = "reports" if mentions else "events (merged across outlets)"
    table = Table(title=f"{what}: {unit} per month", box=None, header_style="bold", title_justify="left")
    for i, col in enumerate(header):
        table.add_column(col, justify="left" if i == 0 else "right")
    for row in rows:
        table.add_row(*(str(v) if v != 0 else "·" for v in row))
    table.add_row("total", *(str(totals.counts.get(t, 0)) for t in EVENT_TYPES), str(totals.total),
                  str(round(totals.goldstein, 2)), style="bold")
    out = _out()
    if not rows:
        out.print(f"no dated events for {what}", markup=False)
    else:
        out.print(table)
    if result.undated:
        out.print(f"({result.undated} without any date not counted)", markup=False)


def failures(
    db: DbOption = None,
    run: Annotated[int | None, typer.Option(help="Only this run (its number is in the ingest summary).",
                                            show_default=False)] = None,
    last: Annotated[bool, typer.Option("--last", help="Only the latest run that had failures.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many, newest first.")] = 100,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
) -> None:
    """Documents that could not be read, analysed or stored, and why."""
    from sqlalchemy import func, select

    from rasad.store.models import Failure

    with _open(db) as store, store.read() as conn:
        cond = []
        if last:
            latest = conn.execute(select(func.max(Failure.run_id))).scalar_one()
            cond.append(Failure.run_id == latest)
        if run is not None:
            cond.append(Failure.run_id == run)
        total = conn.execute(select(func.count()).select_from(Failure).where(*cond)).scalar_one()
        by_reason = conn.execute(select(Failure.reason, Failure.stage).where(*cond)).all()
        rows = conn.execute(select(Failure.__table__).where(*cond).order_by(Failure.id.desc()).limit(limit)).all()
    records = [{"run": r.run_id, "time": r.created_at.isoformat(timespec="seconds"), "stage": r.stage,
                "doc_id": r.doc_id, "source": r.source, "reason": r.reason} for r in rows]
    if fmt is ListFormat.jsonl:
        for rec in records:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return
    if fmt is ListFormat.csv:
        w = csv.DictWriter(sys.stdout, fieldnames=["run", "time", "stage", "doc_id", "source", "reason"],
                           lineterminator="\n")
        w.writeheader()
        w.writerows(records)
        return
    out = _out()
    if not total:
        out.print("no failures recorded", markup=False)
        return
    from collections import Counter

    from rasad.store.ingest import reason_kind

    kinds = Counter(f"{stage}: {reason_kind(reason)}" for reason, stage in by_reason)
    out.print(f"{total} failed document{'s' if total != 1 else ''}", markup=False)
    for kind, n in kinds.most_common():
        out.print(f"  {n:>6}  {kind}", markup=False)
    table = Table(box=None, pad_edge=False, header_style="bold")
    for col in ("run", "time", "stage", "document", "reason"):
        table.add_column(col, overflow="fold")
    for rec in records:
        label = rec["doc_id"] if rec["doc_id"] and rec["doc_id"] != rec["source"] else ""
        label = f"{label} ({rec['source']})" if label else rec["source"]
        table.add_row(str(rec["run"] or ""), rec["time"], rec["stage"], label, rec["reason"])
    out.print(table)
    if total > len(records):
        out.print(f"(newest {len(records)} of {total}; --limit shows more)", markup=False)


def register(app: typer.Typer) -> None:
    """Add the store's commands to the ``rasad`` app."""
    from rasad.store.profile_cli import profile

    for command in (ingest, reprocess, load, events, export, stats, failures, profile):
        app.command()(command)
