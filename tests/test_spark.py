"""The Spark job gives the events of ``rasad analyze`` and the merged events of ``rasad ingest``,
and ``rasad load`` puts its output into a store that matches an ingest's.

Runs ``python -m rasad.spark`` in ``local[2]`` on a few dozen documents made from the bundled
examples. Skipped when pyspark or a Java runtime is missing, unless RASAD_REQUIRE_SPARK=1
(``.ci/run`` sets it), which makes that a failure.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import select

from rasad.store import models
from rasad.store.db import Store, open_store

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles.jsonl"
REQUIRE_SPARK = "RASAD_REQUIRE_SPARK"
OUTLETS = ["وكالة الأنباء الأولى", "صحيفة المساء", "قناة الخبر", "موقع المرصد"]


def _spark_or_skip() -> None:
    why = None
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as exc:
        why = f"pyspark and pyarrow are not installed ({exc.name}): pip install -e '.[spark]'"
    if why is None and not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        why = "no Java runtime (java on PATH or JAVA_HOME) for Spark"
    if why:
        if os.environ.get(REQUIRE_SPARK) == "1":
            pytest.fail(f"{REQUIRE_SPARK}=1 but the Spark test cannot run: {why}")
        pytest.skip(why)


def _documents(path: Path) -> list[dict]:
    """The examples, each reported by several outlets a day or two apart, in date order; plus a
    word-for-word copy (a duplicate) and a broken line (a failure)."""
    base = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    rows = []
    for doc in base:
        for n, outlet in enumerate(OUTLETS):
            row = dict(doc)
            row["id"] = f"{doc['id']}-{n}"
            row["source"] = outlet
            published = dt.date.fromisoformat(doc["published"]) + dt.timedelta(days=n // 2)
            row["published"] = published.isoformat()
            row["text"] = doc["text"] + f"\nوذكرت {outlet} أن عدد الحضور بلغ {10 + n} شخصا."
            rows.append(row)
    rows.sort(key=lambda r: (r["published"], r["id"]))
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    lines.insert(9, json.dumps({**rows[3], "id": "copy"}, ensure_ascii=False))
    lines.insert(15, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rows


def _rasad(*args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "rasad.cli", *args], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc


def _store_view(store: Store) -> tuple[dict[tuple[str, int], tuple], set[frozenset[tuple[str, int]]]]:
    """Every event mention by (document id, position), and the merged events as sets of mentions."""
    E, D, C, P = models.Event, models.Document, models.Cluster, models.Place
    with store.read() as conn:
        rows = conn.execute(
            select(D.doc_id, E.ordinal, E.type, E.source_country, E.target_country, E.date, E.evidence, P.name,
                   E.cluster_id, C.date, C.n_sources, C.n_documents)
            .select_from(E).join(D, D.id == E.document_id).join(C, C.id == E.cluster_id)
            .outerjoin(P, P.id == E.place_id)).all()
    events = {(r[0], r[1]): (r[2], r[3], r[4], r[5], json.dumps(r[6]), r[7], r[9], r[10], r[11]) for r in rows}
    groups: dict[int, set[tuple[str, int]]] = defaultdict(set)
    for r in rows:
        groups[r[8]].add((r[0], r[1]))
    return events, {frozenset(g) for g in groups.values()}


def _parquet(folder: Path) -> list[dict]:
    import pyarrow.dataset as ds

    return ds.dataset(str(folder), format="parquet", partitioning="hive").to_table().to_pylist()


def test_spark_job_equals_analyze_and_ingest_and_loads_into_the_store(tmp_path: Path) -> None:
    _spark_or_skip()
    source = tmp_path / "docs.jsonl"
    rows = _documents(source)
    out = tmp_path / "out"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    job = subprocess.run([sys.executable, "-m", "rasad.spark", str(source), str(out), "--master", "local[2]"],
                         capture_output=True, text=True, timeout=600, env=env)
    assert job.returncode == 0, job.stderr[-3000:]
    assert f"{len(rows) + 2} documents" in job.stdout and "1 duplicate, 1 failed" in job.stdout

    # Events: what rasad analyze reports for each document, field for field.
    analysed = {r["id"]: r for r in map(json.loads, _rasad("analyze", str(source)).stdout.splitlines())}
    spark_events = _parquet(out / "events")
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for e in sorted(spark_events, key=lambda e: (e["doc"], e["ordinal"])):
        by_doc[e["doc_id"]].append(e)
    assert sum(len(r["events"]) for i, r in analysed.items() if i != "copy") == len(spark_events) > 20
    for doc_id, events in by_doc.items():
        expected = analysed[doc_id]["events"]
        assert [(e["type"], e["source_country"], e["target_country"], e["date"], json.loads(e["evidence"]),
                 e["place"], round(e["confidence"], 3), [p["name"] for p in e["persons"]]) for e in events] == [
            (x["type"], x["source"]["country"], x["target"]["country"], x["date"], x["evidence"],
             x["location"]["place"], x["confidence"], [p["name"] for p in x["persons"]]) for x in expected]

    # Merged events: the ones rasad ingest builds from the same input.
    with open_store(tmp_path / "ingested.db") as a:
        _rasad("ingest", "--db", a.url.removeprefix("sqlite:///"), "--quiet", str(source))
        ingested_events, ingested_clusters = _store_view(a)
    docs = {d["ordinal"]: d["doc_id"] for d in _parquet(out / "documents")}
    spark_clusters = {frozenset((docs[m["doc"]], m["ordinal"]) for m in c["members"])
                      for c in _parquet(out / "clusters")}
    assert spark_clusters == ingested_clusters
    assert any(len(c) > 2 for c in spark_clusters)  # reports of one occasion by several outlets merged
    failures = _parquet(out / "failures")
    assert [(f["stage"], f["reason"].split(":")[0]) for f in failures] == [("read", "malformed JSON")]

    # rasad load: the same store an ingest makes.
    with open_store(tmp_path / "loaded.db") as b:
        proc = _rasad("load", str(out), "--db", b.url.removeprefix("sqlite:///"))
        assert "new" in proc.stdout
        assert _store_view(b) == (ingested_events, ingested_clusters)
        # Loading again adds nothing.
        again = _rasad("load", str(out), "--db", b.url.removeprefix("sqlite:///"))
        assert f"duplicate  {len(rows):>7}" in again.stdout


def test_events_come_back_from_the_job_rows_as_the_store_writes_them() -> None:
    """What rasad load rebuilds from the job's rows is stored exactly as the analysis itself would be."""
    from rasad.pipeline import default_pipeline
    from rasad.spark import rows as R
    from rasad.store.ingest import Ingestor

    base = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    lines = [json.dumps(doc, ensure_ascii=False) for doc in base] + ["{broken"]
    items = [(n, R.parse_line(line, n + 1, "in.jsonl")) for n, line in enumerate(lines)]
    records = list(R.analyse(items))
    assert [r["stage"] for r in records] == [None] * len(base) + ["read"]
    n_events = 0
    for record, raw in zip(records, base, strict=False):
        doc = R.document_of(record)
        assert (doc.id, doc.text, doc.source) == (raw["id"], raw["text"], raw["source"])
        analysis = default_pipeline().run(doc)
        for i, (e, row) in enumerate(zip(analysis.events, record["events"], strict=True)):
            back = R.event_of(row)
            assert Ingestor.event_row(doc, 1, i, back, 7) == Ingestor.event_row(doc, 1, i, e, 7)
            assert [p.to_dict() for p in back.persons] == [p.to_dict() for p in e.persons]
            assert back.content.to_dict(back.type) == e.content.to_dict(e.type)
            n_events += 1
    assert n_events >= 5
