"""``rasad load``: put what the Spark job wrote (``python -m rasad.spark``) into the store.

The job's Parquet output is read a month of documents at a time (its tables are
partitioned by the month of each document's publication), in input order within
the month, and written by the ingest's batch writer: the same identity checks,
batched transactions, bulk inserts and merging rule as ``rasad ingest``, with no
analysis (the events are the job's). Loading into an empty store gives the merged
events the job computed whenever the job's input was in date order; into a store
that has events already, the new mentions join its merged events as an ingest's
would. Documents the job could not use are recorded as failures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasad.io.readers import ReadError
from rasad.model import Document
from rasad.spark import rows as R
from rasad.store.ingest import Found, Ingestor, IngestSummary

if TYPE_CHECKING:
    from rasad.store.db import Store

TABLES = ("documents", "events", "persons", "failures")


class LoadError(Exception):
    """An output folder that is not the Spark job's, with a message a person can act on."""


class _Given:
    """A pipeline that hands back the analysis the job made of each document, once."""

    def __init__(self) -> None:
        self.found: dict[int, Found] = {}

    def run(self, doc: Document) -> Found:
        return self.found.pop(id(doc))


def _months(folder: Path) -> list[str]:
    names = sorted(p.name.split("=", 1)[1] for p in folder.glob("month=*") if p.is_dir())
    # Documents without a date last: they cannot be placed among the others.
    return sorted(names, key=lambda m: (m == R.UNKNOWN_MONTH, m))


def _read(folder: Path, month: str, sort: list[str]) -> list[dict[str, Any]]:
    import pyarrow.dataset as ds

    part = folder / f"month={month}"
    if not part.is_dir():
        return []
    table = ds.dataset(str(part), format="parquet").to_table()
    return table.sort_by([(c, "ascending") for c in sort]).to_pylist() if table.num_rows else []


def check_output(output: Path) -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise LoadError("rasad load reads Parquet with pyarrow: pip install 'rasad[spark]'") from None
    missing = [t for t in TABLES if not (output / t).is_dir()]
    if missing:
        raise LoadError(f"{output} is not the output of `python -m rasad.spark`: no {', '.join(missing)} folder")


def _items(output: Path, given: _Given) -> Iterator[Document | ReadError | tuple[Document | ReadError, str]]:
    origin = f"spark:{output}"
    for month in _months(output / "failures"):
        for r in _read(output / "failures", month, ["ordinal"]):
            yield ReadError(r["doc_id"] or "", r["source"] or origin, r["reason"] or r["stage"])
    for month in _months(output / "documents"):
        events: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for e in _read(output / "events", month, ["doc", "ordinal"]):
            events[e["doc"]].append(e)
        persons: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for p in _read(output / "persons", month, ["doc", "position"]):
            persons[p["doc"]].append(p)
        for row in _read(output / "documents", month, ["ordinal"]):
            doc = R.document_of(row)
            given.found[id(doc)] = Found([R.event_of(e) for e in events.pop(row["ordinal"], [])],
                                         R.persons_of(persons.pop(row["ordinal"], [])))
            yield doc, origin


def load(store: Store, output: str | Path, *, on_failure: Callable[[Any], None] | None = None,
         progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Store the Spark job's output found in ``output``; documents already stored add nothing."""
    folder = Path(output)
    check_output(folder)
    given = _Given()
    # One process: the analysis is done, what is left is writing.
    ingestor = Ingestor(store, given, command="load", on_failure=on_failure, workers=1)
    return ingestor.ingest(_items(folder, given), progress=progress)
