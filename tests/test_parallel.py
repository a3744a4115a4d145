"""Worker processes: results in input order, a failing document skipped in its place, read errors passed through."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from conftest import ARABIC_AID, ARABIC_CALL, ARABIC_VISIT
from typer.testing import CliRunner

from rasad.cli import app
from rasad.io.readers import ReadError
from rasad.model import Document
from rasad.parallel import CHUNK, TaskError, default_workers, ordered_map


class Echo:
    """Reports the worker's process id with the document, and fails on demand."""

    def __call__(self, doc: Document) -> tuple[str, int]:
        if doc.id.endswith("-bad"):
            raise ValueError(f"cannot use {doc.id}")
        return doc.id, os.getpid()


def _items(n: int) -> list[Document | ReadError]:
    out: list[Document | ReadError] = []
    for i in range(n):
        if i % 17 == 5:
            out.append(ReadError("", f"f.jsonl:{i}", "malformed JSON"))
        else:
            out.append(Document(id=f"d{i}" + ("-bad" if i % 29 == 3 else ""), text=ARABIC_VISIT))
    return out


def _document(x: Document | ReadError) -> Document | None:
    return None if isinstance(x, ReadError) else x


def test_workers_keep_input_order_and_skip_failures_in_place() -> None:
    items = _items(CHUNK * 9 + 5)
    results = list(ordered_map(Echo(), items, workers=2, document=_document))
    assert [item for item, _ in results] == items
    pids = set()
    for item, result in results:
        if isinstance(item, ReadError):
            assert result is None
        elif item.id.endswith("-bad"):
            assert result == TaskError(f"internal error (ValueError: cannot use {item.id})")
        else:
            assert isinstance(result, tuple) and result[0] == item.id
            pids.add(result[1])
    # The work really ran in other processes (the pool starts a second one only when the first is busy).
    assert pids and os.getpid() not in pids


def test_small_input_runs_in_this_process() -> None:
    items = _items(10)
    results = list(ordered_map(Echo(), items, workers=4, document=_document))
    pids = {r[1] for _, r in results if isinstance(r, tuple)}
    assert pids == {os.getpid()}
    assert [item for item, _ in results] == items


def test_stopping_early_leaves_no_worker_behind() -> None:
    gen = ordered_map(Echo(), _items(CHUNK * 20), workers=2, document=_document)
    first = [next(gen) for _ in range(3)]
    gen.close()
    assert [i for i, _ in first] == _items(3)


def test_default_workers_is_the_cpus_this_process_may_use() -> None:
    assert default_workers() == len(os.sched_getaffinity(0))


def test_analyze_and_explain_with_workers_match_one_worker(tmp_path: Path) -> None:
    lines = []
    texts = [ARABIC_VISIT, ARABIC_CALL, ARABIC_AID]
    for i in range(CHUNK * 3):
        lines.append(json.dumps({"id": f"n{i}", "text": texts[i % 3], "published": "2024-05-0" + str(1 + i % 9)},
                                ensure_ascii=False))
        if i == 40:
            lines.append("{broken")
    src = tmp_path / "docs.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runner = CliRunner()
    for command in ("analyze", "explain"):
        fmt = ["--format", "json"] if command == "explain" else []
        one = runner.invoke(app, [command, str(src), "--workers", "1", *fmt])
        two = runner.invoke(app, [command, str(src), "--workers", "2", *fmt])
        assert one.exit_code == two.exit_code == 0, two.stderr
        assert two.stdout == one.stdout
        assert len(two.stdout.splitlines()) == CHUNK * 3
        assert f"skipped {src}:42: malformed JSON" in two.stderr
    records = [json.loads(line) for line in two.stdout.splitlines()]
    assert [r["id"] for r in records] == [f"n{i}" for i in range(CHUNK * 3)]


class Stall:
    """Takes far longer than its budget on documents whose id ends in ``-slow``."""

    def __call__(self, doc: Document) -> str:
        from rasad.budget import within

        return within(0.2, lambda: _stall(doc))


def _stall(doc: Document) -> str:
    if doc.id.endswith("-slow"):
        time.sleep(30)
    return doc.id


def test_a_document_over_its_time_budget_is_skipped_in_a_worker() -> None:
    docs = [Document(id=f"d{i}" + ("-slow" if i == 40 else ""), text=ARABIC_VISIT) for i in range(CHUNK * 3)]
    start = time.monotonic()
    results = list(ordered_map(Stall(), docs, workers=2, document=_document))
    assert time.monotonic() - start < 20
    assert [r for _, r in results if isinstance(r, TaskError)] == [
        TaskError("too slow: not analysed within the budget of 0.2 s per document")]
    assert [r for _, r in results if not isinstance(r, TaskError)] == [d.id for d in docs if d.id != "d40-slow"]
