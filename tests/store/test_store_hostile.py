"""Hostile input at the store: unstorable characters, crashing lines, slow documents and stopped ingests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rasad.io.readers import read_documents
from rasad.model import Document
from rasad.store import models
from rasad.store.db import Store, open_store
from rasad.store.ingest import Ingestor, reason_kind, stored_counts
from rasad.text.clean import REPLACEMENT

from .conftest import Spec, StubPipeline, arabic_doc
from .test_store_safety import count_documents, ingest_cmd, make_batch


def test_nul_and_lone_surrogates_are_stored_as_the_same_text_on_every_backend(store: Store, tmp_path: Path) -> None:
    direct = Document(id="direct\x00", text=arabic_doc("d").text + " \x00 \ud800", title="عنوان\udfff")
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"id": "read", "text": "' + arabic_doc("r").text + ' \\u0000 \\ud800"}\n', encoding="utf-8")
    pipe = StubPipeline({"read": [Spec("MEET", "JOR", "EGY", "2024-01-01")]})
    s = Ingestor(store, pipe).ingest([direct, *read_documents([batch])])
    assert (s.new, s.failed) == (2, 0), s.failures
    with store.read() as conn:
        rows = {r.doc_id: r for r in conn.execute(select(models.Document.doc_id, models.Document.text,
                                                         models.Document.title))}
    assert rows[f"direct{REPLACEMENT}"].text == arabic_doc("d").text + f" {REPLACEMENT} {REPLACEMENT}"
    assert rows[f"direct{REPLACEMENT}"].title == f"عنوان{REPLACEMENT}"
    assert rows["read"].text == arabic_doc("r").text + f" {REPLACEMENT} {REPLACEMENT}"


def test_a_deeply_nested_line_is_a_failure_and_the_rest_is_stored(store: Store, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    good = [json.dumps({"id": f"ok{i}", "text": arabic_doc(f"ok{i}").text}, ensure_ascii=False) for i in range(3)]
    batch.write_text("\n".join([good[0], '{"text": ' + "[" * 100_000, *good[1:]]) + "\n", encoding="utf-8")
    s = Ingestor(store, StubPipeline()).ingest(read_documents([batch]))
    assert (s.read, s.new, s.failed) == (4, 3, 1)
    assert s.failures[0].reason == "malformed JSON: nested too deeply"


class _Stuck(StubPipeline):
    def run(self, doc):  # type: ignore[no-untyped-def]
        while doc.id == "stuck":
            pass
        return super().run(doc)


def test_a_document_over_the_time_budget_is_a_failure_and_the_batch_goes_on(store: Store) -> None:
    ingestor = Ingestor(store, _Stuck(), time_budget=0.3)
    s = ingestor.ingest([arabic_doc("a"), arabic_doc("stuck"), arabic_doc("c")])
    assert (s.new, s.failed) == (2, 1)
    f = s.failures[0]
    assert (f.doc_id, f.stage) == ("stuck", "analyse")
    assert f.reason == "too slow: not analysed within the budget of 0.3 s per document"
    assert s.reasons == {"too slow": 1}


def test_reason_kinds_keep_the_error_type() -> None:
    assert reason_kind("internal error (RecursionError: maximum recursion depth exceeded)") == \
        "internal error (RecursionError)"
    assert reason_kind("database error (OperationalError: database is locked)") == "database error (OperationalError)"
    assert reason_kind("malformed JSON: Expecting value at column 1") == "malformed JSON"
    assert reason_kind("no Arabic text") == "no Arabic text"


def _run_row(store: Store) -> dict:
    with store.read() as conn:
        return dict(conn.execute(select(models.IngestRun).order_by(models.IngestRun.id.desc())).mappings().first())


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_stopped_ingest_finishes_its_run_row_with_true_counts(store_url: str, tmp_path: Path, signum: int) -> None:
    batch = tmp_path / "batch.jsonl"
    make_batch(batch, 0, 400)
    store = open_store(store_url)
    try:
        # A session of its own: the ingest and its worker processes can all be killed if it hangs.
        proc = subprocess.Popen(ingest_cmd(store_url, batch), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None and count_documents(store) < 30:
            time.sleep(0.005)
        os.kill(proc.pid, signum)
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            pytest.fail("rasad ingest still running 60 s after the stop request")
        assert proc.returncode == 130, err
        run = _run_row(store)
        stored = stored_counts(store)["documents"]
        assert run["finished_at"] is not None
        assert 30 <= stored < 400
        assert run["new"] == stored
        assert run["read"] == run["new"] + run["duplicate"] + run["failed"]
        with store.read() as conn:
            assert conn.execute(select(func.count()).select_from(models.Failure)).scalar_one() == 0
    finally:
        store.close()
