"""A killed ingest loses and doubles nothing; two ingests at once share a store without harm.

These run the real command in subprocesses, on a few hundred small
documents made from the bundled examples.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select, text

from rasad.model import Document
from rasad.pipeline import default_pipeline
from rasad.store import clusters, models
from rasad.store.db import Store, open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles.jsonl"
OUTLETS = ["وكالة الأنباء الأولى", "صحيفة المساء", "قناة الخبر", "موقع المرصد", "إذاعة الصباح", "نشرة الدفاع"]


def make_batch(path: Path, start: int, stop: int) -> list[dict]:
    """Documents ``start``..``stop-1``: the examples, each with a sentence of its own and its own outlet."""
    base = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    rows = []
    for n in range(start, stop):
        doc = dict(base[n % len(base)])
        doc["id"] = f"{doc['id']}-{n}"
        doc["text"] = doc["text"] + f"\nوذكرت المصادر أن عدد الحضور بلغ {n} شخصا."
        doc["source"] = OUTLETS[n % len(OUTLETS)]
        rows.append(doc)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return rows


def ingest_cmd(store_url: str, *paths: Path) -> list[str]:
    return [sys.executable, "-m", "rasad.cli", "ingest", "--db", store_url, "--quiet", *map(str, paths)]


def count_documents(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(models.Document)).scalar_one())


def assert_consistent(store: Store, expected: list[dict]) -> None:
    """Every expected document once, with exactly the events the pipeline gives it, and sound clusters."""
    pipeline = default_pipeline()
    by_id = {d["id"]: d for d in expected}
    with store.read() as conn:
        docs = conn.execute(select(models.Document.id, models.Document.doc_id, models.Document.n_events)).all()
        assert sorted(d.doc_id for d in docs) == sorted(by_id)
        per_doc = dict(conn.execute(select(models.Event.document_id, func.count())
                                    .group_by(models.Event.document_id)).all())
        types = {}
        for pk, doc_id, n in docs:
            assert per_doc.get(pk, 0) == n, doc_id
            types[doc_id] = conn.execute(select(models.Event.type).where(models.Event.document_id == pk)
                                         .order_by(models.Event.ordinal)).scalars().all()
        assert clusters.check(conn) == []
        if store.is_sqlite:
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    # Compare with a fresh analysis of a sample (all of them would only repeat the work).
    for doc_id, row in list(by_id.items())[:: max(1, len(by_id) // 25)]:
        doc = Document.from_dict(row)
        assert types[doc_id] == [e.type for e in pipeline.run(doc).events], doc_id


def parse_summary(stdout: str) -> dict[str, int]:
    out = {}
    for key in ("new", "duplicate", "failed"):
        m = re.search(rf"^\s+{key}\s+(\d+)", stdout, re.M)
        assert m, stdout
        out[key] = int(m.group(1))
    return out


def test_sigkill_midway_then_rerun_loses_and_doubles_nothing(store_url: str, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    rows = make_batch(batch, 0, 600)
    store = open_store(store_url)  # created first, so the count below can be read at once
    try:
        proc = subprocess.Popen(ingest_cmd(store_url, batch), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        stored = 0
        while time.monotonic() < deadline and proc.poll() is None:
            stored = count_documents(store)
            if stored >= 60:
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.005)
        proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
        killed_at = count_documents(store)
        assert 60 <= killed_at < len(rows)
        # What the killed process committed is whole.
        stored_ids = {r.doc_id for r in _docs(store)}
        assert_consistent(store, [r for r in rows if r["id"] in stored_ids])

        rerun = subprocess.run(ingest_cmd(store_url, batch), capture_output=True, text=True, timeout=300)
        assert rerun.returncode == 0, rerun.stderr
        assert parse_summary(rerun.stdout) == {"new": len(rows) - killed_at, "duplicate": killed_at, "failed": 0}
        assert count_documents(store) == len(rows)
        assert_consistent(store, rows)
    finally:
        store.close()


def _docs(store: Store) -> list:
    with store.read() as conn:
        return conn.execute(select(models.Document.doc_id)).all()


def test_two_ingests_at_once_on_one_store(store_url: str, tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    rows_a = make_batch(a, 0, 240)
    rows_b = make_batch(b, 120, 360)  # 120 documents in both
    # Neither process finds a store: they also race to create it.
    procs = [subprocess.Popen(ingest_cmd(store_url, p), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for p in (a, b)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err and "locked" not in err
    summaries = [parse_summary(out) for out, _ in outputs]
    assert sum(s["new"] for s in summaries) == 360
    assert sum(s["duplicate"] for s in summaries) == 120
    assert all(s["failed"] == 0 for s in summaries)
    with open_store(store_url) as store:
        by_id = {r["id"]: r for r in rows_a + rows_b}
        assert_consistent(store, list(by_id.values()))
        with store.read() as conn:
            runs = conn.execute(select(models.IngestRun.started_at, models.IngestRun.finished_at)).all()
        assert len(runs) == 2 and all(r.finished_at is not None for r in runs)
        # They really ran at the same time.
        assert runs[0].started_at < runs[1].finished_at and runs[1].started_at < runs[0].finished_at


def test_reader_sees_a_consistent_store_during_an_ingest(store_url: str, tmp_path: Path) -> None:
    """Queries while an ingest writes: never a document without its events, never an error."""
    from rasad.store.queries import EventFilter, count_events, find_clusters

    batch = tmp_path / "batch.jsonl"
    rows = make_batch(batch, 0, 300)
    store = open_store(store_url)
    try:
        proc = subprocess.Popen(ingest_cmd(store_url, batch), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        checks = 0
        while proc.poll() is None:
            with store.read() as conn:
                docs, events = conn.execute(select(func.count(models.Document.id),
                                                   func.coalesce(func.sum(models.Document.n_events), 0))).one()
                stored = conn.execute(select(func.count()).select_from(models.Event)).scalar_one()
            assert stored >= events  # events of documents committed after the first count may be there too
            count_events(store, EventFilter(countries=["TUN"]))
            find_clusters(store, EventFilter(), limit=3)
            checks += 1
        assert proc.wait() == 0 and checks > 0
        assert count_documents(store) == len(rows)
    finally:
        store.close()
