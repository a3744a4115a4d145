"""Exports parse back to what is stored; monthly statistics match counts made by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasad.cli import app
from rasad.io.readers import ReadError, read_documents
from rasad.store import queries
from rasad.store.db import Store
from rasad.store.exports import EVENT_CSV_COLUMNS, write_export
from rasad.store.ingest import Ingestor
from rasad.store.queries import EventFilter

from .conftest import Spec, StubPipeline, arabic_doc

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles.jsonl"
runner = CliRunner()


@pytest.fixture
def examples(store: Store) -> Store:
    Ingestor(store).ingest(read_documents([EXAMPLES]))
    return store


def test_exports_parse_back(examples: Store, store_url: str, tmp_path: Path) -> None:
    stored = queries.find_events(examples, EventFilter(), sort="id", limit=None)
    assert len(stored) >= 5

    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "--db", store_url, "-f", "csv", "-o", str(out), "--sort", "id"])
    assert result.exit_code == 0, result.output
    assert f"exported {len(stored)} events to {out}" in result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert tuple(rows[0]) == EVENT_CSV_COLUMNS
    assert [(int(r["event_id"]), r["type"], r["source_country"], r["target_country"], r["date"], r["evidence_text"])
            for r in rows] == [(e["event_id"], e["type"], e["source"]["country"], e["target"]["country"],
                                e["date"] or "", e["evidence_text"]) for e in stored]

    result = runner.invoke(app, ["export", "--db", store_url, "-f", "jsonl", "--sort", "id"])
    assert result.exit_code == 0
    back = [json.loads(line) for line in result.stdout.splitlines()]
    assert back == json.loads(json.dumps(stored))  # the same records, dates as strings

    result = runner.invoke(app, ["export", "--db", store_url, "-f", "plover", "--sort", "id"])
    plover = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(plover) == len(stored)
    for p, e in zip(plover, stored, strict=True):
        assert {"id", "date", "source", "recipient", "event", "mode", "context", "event_loc", "event_text",
                "quad_code", "event_scale", "link", "cite_info", "coder"} <= set(p)
        assert p["id"] == f"rasad-e{e['event_id']}" and p["link"] == f"rasad-c{e['cluster_id']}"
        assert p["event"] == [e["plover"]] and p["event_scale"] == e["goldstein"]
        assert p["cite_info"]["citation"] == e["document"]["id"] and p["cite_info"]["language"] == "ar"
        codes = [a["code"] for a in p["source"]] + [a["code"] for a in p["recipient"]]
        if e["type"] in ("VISIT", "MIL_AID"):
            assert [a["code"] for a in p["source"]] == [e["source"]["country"]]
            assert [a["code"] for a in p["recipient"]] == [e["target"]["country"]]
        else:
            assert p["recipient"] == [] and codes == [e["source"]["country"], e["target"]["country"]]
        assert p["quad_code"] == (2 if e["plover"] in ("COOPERATE", "AID") else 1)
        assert p["date"] == e["date"]
        if e["type"] in ("MIL_COOP", "MIL_AID"):
            assert p["context"] == ["military"]
    by_type = {p["rasad_type"]: p for p in plover}
    assert by_type["VISIT"]["mode"] == ["visit"] and by_type["CALL"]["mode"] == ["phone"]


def test_merged_exports(examples: Store, store_url: str) -> None:
    result = runner.invoke(app, ["export", "--db", store_url, "--merged", "-f", "csv", "--sort", "id"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    clusters = queries.find_clusters(examples, EventFilter(), sort="id", limit=None)
    assert [int(r["cluster_id"]) for r in rows] == [c["cluster_id"] for c in clusters]
    assert all(r["sources"] == "1" and r["documents"] == "1" for r in rows)
    result = runner.invoke(app, ["export", "--db", store_url, "--merged", "-f", "plover", "--type", "MIL_AID"])
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["source"] == [{"code": "USA"}] and record["recipient"] == [{"code": "LBN"}]
    assert (record["num_sources"], record["num_documents"], record["event"]) == (1, 1, ["AID"])


def test_export_of_nothing_and_unknown_format(store: Store) -> None:
    buf = io.StringIO()
    assert write_export(iter([]), "csv", buf) == 0
    assert buf.getvalue().strip() == ",".join(EVENT_CSV_COLUMNS)
    with pytest.raises(ValueError):
        write_export(iter([]), "xml", buf)


# -- statistics --------------------------------------------------------------------------

STATS_SPECS = {
    # JOR–EGY: two outlets report the January meeting (one merged event), one reports a call in
    # January, nothing in February, a signing in March, and an Italian visit to Jordan in March.
    "s1": [Spec("MEET", "JOR", "EGY", "2024-01-10", goldstein=2.8)],
    "s2": [Spec("MEET", "EGY", "JOR", "2024-01-11", goldstein=2.8)],
    "s3": [Spec("CALL", "JOR", "EGY", "2024-01-25", goldstein=1.0)],
    "s4": [Spec("SIGN", "EGY", "JOR", "2024-03", goldstein=8.0)],
    "s5": [Spec("VISIT", "ITA", "JOR", "2024-03-02", goldstein=1.9), Spec("MEET", "ITA", "JOR", "2024-03-02")],
    "s6": [Spec("CALL", "JOR", "EGY", None, goldstein=1.0)],  # undated, published 2024-03-30
    "s7": [Spec("CALL", "JOR", "EGY", None, goldstein=1.0)],  # no date at all
}
STATS_PUBLISHED = {"s1": "2024-01-10", "s2": "2024-01-12", "s3": "2024-01-25", "s4": "2024-03-20",
                   "s5": "2024-03-02", "s6": "2024-03-30", "s7": None}


@pytest.fixture
def stats_store(store: Store) -> Store:
    docs = [arabic_doc(d, published=STATS_PUBLISHED[d], source=f"outlet {d}") for d in STATS_SPECS]
    Ingestor(store, StubPipeline(STATS_SPECS)).ingest(docs)
    return store


def _table(stats: queries.Stats) -> list[tuple]:
    return [(m.month, m.counts["VISIT"], m.counts["MEET"], m.counts["CALL"], m.counts["SIGN"], m.total,
             m.goldstein) for m in stats.months]


def test_stats_by_hand(stats_store: Store) -> None:
    s = stats_store
    pair = queries.stats(s, EventFilter(pair=("JOR", "EGY")))
    # Merged: Jan = 1 meeting (2.8) + 1 call (1.0); Feb = nothing; Mar = signing (8.0) + undated call
    # dated by its publication (1.0). The call with no date at all is left out and counted apart.
    assert _table(pair) == [("2024-01", 0, 1, 1, 0, 2, pytest.approx(3.8)),
                            ("2024-02", 0, 0, 0, 0, 0, 0.0),
                            ("2024-03", 0, 0, 1, 1, 2, pytest.approx(9.0))]
    assert pair.undated == 1
    mentions = queries.stats(s, EventFilter(pair=("EGY", "JOR")), mentions=True)
    assert _table(mentions)[0] == ("2024-01", 0, 2, 1, 0, 3, pytest.approx(6.6))
    jordan = queries.stats(s, EventFilter(countries=["JOR"]))
    assert _table(jordan)[-1] == ("2024-03", 1, 1, 1, 1, 4, pytest.approx(1.9 + 1.0 + 1.0 + 8.0))
    assert jordan.totals().total == 6 and jordan.totals().goldstein == pytest.approx(3.8 + 11.9)
    narrowed = queries.stats(s, EventFilter(countries=["JOR"], types=["CALL"], date_from=dt.date(2023, 12, 1)))
    assert [(m.month, m.total) for m in narrowed.months] == [("2023-12", 0), ("2024-01", 1), ("2024-02", 0),
                                                             ("2024-03", 1)]


def test_stats_on_the_command_line(stats_store: Store, store_url: str) -> None:
    result = runner.invoke(app, ["stats", "--db", store_url, "--pair", "JOR", "EGY", "--csv"])
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["month", "VISIT", "MEET", "CALL", "SIGN", "MIL_COOP", "MIL_AID", "total", "goldstein"],
        ["2024-01", "0", "1", "1", "0", "0", "0", "2", "3.8"],
        ["2024-02", "0", "0", "0", "0", "0", "0", "0", "0.0"],
        ["2024-03", "0", "0", "1", "1", "0", "0", "2", "9.0"],
    ]
    table = runner.invoke(app, ["stats", "--db", store_url, "--country", "jor"])
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].startswith("JOR: events (merged across outlets) per month")
    total = next(line for line in lines if line.strip().startswith("total") and "goldstein" not in line)
    assert total.split() == ["total", "1", "2", "2", "1", "0", "0", "6", "15.7"]
    assert "(1 without any date not counted)" in table.stdout
    overview = runner.invoke(app, ["stats", "--db", store_url])
    assert overview.exit_code == 0 and "documents              7" in overview.stdout
    both = runner.invoke(app, ["stats", "--db", store_url, "--pair", "A", "B", "--country", "JOR"])
    assert both.exit_code == 2


def test_example_documents_are_readable(examples: Store) -> None:
    docs = [d for d in read_documents([EXAMPLES]) if not isinstance(d, ReadError)]
    stored = {r["document"]["id"] for r in queries.find_events(examples, EventFilter(), limit=None)}
    assert stored == {d.id for d in docs} - {"domestic-graduation"}
