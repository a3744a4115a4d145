"""Write analysed documents as JSONL, one JSON array, or a table for people.

Every writer takes records in the shape of ``Analysis.to_record()``
(``{"id", "events", "persons"}``) one at a time and keeps nothing but the
output handle, so memory does not grow with the number of documents.

Arabic is written in logical order, which is what files, pipes and any
bidi-aware terminal want. Terminals without a bidi algorithm (xterm, tmux,
many IDE consoles) show Arabic letters left to right; for them the table
writer can reorder cells for display with python-bidi (``bidi=True``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping
from typing import IO, Any, Protocol

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rasad.model import Document

FORMATS = ("jsonl", "json", "table")


class Writer(Protocol):
    def write(self, record: Mapping[str, Any], doc: Document | None = None) -> None: ...

    def close(self) -> None: ...


def encode_record(record: Mapping[str, Any]) -> str:
    """A record as the JSON writers write it, without the line's end: what a worker process
    sends back, so that the process writing the output only writes."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


class _Out:
    """The output handle, or stdout looked up at each write.

    Looking stdout up late lets a progress display that redirects it keep the
    output above the bar.
    """

    def __init__(self, out: IO[str] | None) -> None:
        self._out = out

    @property
    def file(self) -> IO[str]:
        return self._out if self._out is not None else sys.stdout


class JsonlWriter(_Out):
    """One ``{"id", "events", "persons"}`` object a line, in input order."""

    def write(self, record: Mapping[str, Any], doc: Document | None = None) -> None:
        self.write_encoded(encode_record(record))

    def write_encoded(self, line: str) -> None:
        """Write a record already encoded by :func:`encode_record`."""
        self.file.write(line + "\n")

    def close(self) -> None:
        self.file.flush()


class JsonWriter(_Out):
    """One JSON array, written as it goes so that it never sits in memory."""

    def __init__(self, out: IO[str] | None) -> None:
        super().__init__(out)
        self._count = 0

    def write(self, record: Mapping[str, Any], doc: Document | None = None) -> None:
        self.write_encoded(encode_record(record))

    def write_encoded(self, line: str) -> None:
        """Write a record already encoded by :func:`encode_record`."""
        self.file.write(("[\n" if self._count == 0 else ",\n") + line)
        self._count += 1

    def close(self) -> None:
        self.file.write("[]\n" if self._count == 0 else "\n]\n")
        self.file.flush()


def _bidi_display() -> Callable[[str], str]:
    from bidi import get_display  # python-bidi: optional, only for terminals without bidi

    return get_display


def _actor(side: Mapping[str, Any] | None) -> str:
    if not side:
        return "?"
    return f"{side.get('country') or '?'}/{side.get('sector') or '?'}"


def _place(loc: Mapping[str, Any] | None) -> str:
    if not loc:
        return ""
    country, place = loc.get("country"), loc.get("place")
    if place and country:
        return f"{place}, {country}"
    return place or country or ""


class TableWriter(_Out):
    """A header line per document, then one row per event."""

    def __init__(self, out: IO[str] | None, *, bidi: bool = False, width: int | None = None,
                 color: bool | None = None) -> None:
        super().__init__(out)
        self._shape = _bidi_display() if bidi else (lambda s: s)
        self._width = width
        self._color = color

    def _console(self) -> Console:
        file = self.file
        is_tty = file.isatty() if hasattr(file, "isatty") else False
        # Files and pipes get a fixed, wide layout without colour codes.
        return Console(file=file, width=self._width or (None if is_tty else 120),
                       force_terminal=self._color, no_color=self._color is False,
                       highlight=False, soft_wrap=False)

    def _person(self, p: Mapping[str, Any]) -> str:
        name = self._shape(str(p.get("name") or ""))
        en = p.get("name_en")
        return f"{name} ({en})" if en else name

    def write(self, record: Mapping[str, Any], doc: Document | None = None) -> None:
        console = self._console()
        events = list(record.get("events") or [])
        header = Text()
        header.append(str(record.get("id", "")), style="bold")
        if doc is not None and doc.title:
            header.append("  " + self._shape(doc.title))
        if doc is not None and doc.published:
            header.append(f"  [{doc.published.isoformat()}]", style="dim")
        header.append(f"  {len(events)} event{'s' if len(events) != 1 else ''}", style="cyan")
        console.print(header)
        if not events:
            console.print(Text("  no in-scope event", style="dim"))
            console.print()
            return
        table = Table(show_header=True, header_style="bold", pad_edge=False, expand=False)
        for name, kw in (("type", {}), ("source", {}), ("target", {}), ("place", {}),
                         ("date", {}), ("persons", {"overflow": "fold"}),
                         ("conf.", {"justify": "right"})):
            table.add_column(name, **kw)
        for ev in events:
            persons = "\n".join(self._person(p) for p in ev.get("persons") or [])
            conf = ev.get("confidence")
            table.add_row(
                str(ev.get("type", "")),
                _actor(ev.get("source")),
                _actor(ev.get("target")),
                _place(ev.get("location")),
                str(ev.get("date") or ""),
                persons,
                f"{conf:.2f}" if isinstance(conf, int | float) else "",
            )
        console.print(table)
        console.print()

    def close(self) -> None:
        self.file.flush()


def make_writer(fmt: str, out: IO[str] | None = None, *, bidi: bool = False) -> Writer:
    """The writer for ``fmt`` (one of :data:`FORMATS`); ``out=None`` writes to stdout."""
    if fmt == "jsonl":
        return JsonlWriter(out)
    if fmt == "json":
        return JsonWriter(out)
    if fmt == "table":
        return TableWriter(out, bidi=bidi)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
