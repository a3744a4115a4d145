"""Worker processes: results in input order, a failing document skipped in its place, read errors passed through."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from conftest import ARABIC_AID, ARABIC_CALL, ARABIC_VISIT
from typer.testing import CliRunner

from rasad.cli import app
from rasad.io.readers import DocumentReader, Line, ReadError
from rasad.model import Document
from rasad.parallel import CHUNK, ParsingLines, TaskError, default_workers, ordered_map


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


def _jsonl(tmp_path: Path, n: int) -> Path:
    """``n`` documents with a broken line, a text without Arabic, an empty text and a line
    without an id among them, so that every kind of skip happens in a worker."""
    texts = [ARABIC_VISIT, ARABIC_CALL, ARABIC_AID]
    lines = []
    for i in range(n):
        doc: dict[str, object] = {"id": f"n{i}", "text": texts[i % 3]}
        if i == 7:
            doc["text"] = "An English text only, with no Arabic at all."
        if i == 8:
            doc["text"] = "   "
        if i == 9:
            del doc["id"]
        lines.append(json.dumps(doc, ensure_ascii=False))
        if i == 40:
            lines.append("{broken")
    src = tmp_path / "docs.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return src


def test_deferred_lines_parse_to_what_the_reader_yields(tmp_path: Path) -> None:
    src = _jsonl(tmp_path, 12)
    defaults = {"published": "2024-05-01"}
    parsed = list(DocumentReader(defaults=defaults).read([src]))
    reader = DocumentReader(defaults=defaults, defer_lines=True)
    deferred = list(reader.read([src]))
    assert all(isinstance(x, Line) for x in deferred)
    assert [reader.line_parser()(x) for x in deferred] == parsed
    assert {type(x) for x in parsed} == {Document, ReadError}


def test_a_line_parsed_in_a_worker_reports_its_read_error_or_its_failure_by_id(tmp_path: Path) -> None:
    src = _jsonl(tmp_path, CHUNK * 3)
    reader = DocumentReader(defer_lines=True)
    items = list(reader.read([src]))
    results = list(ordered_map(ParsingLines(Echo(), reader.line_parser()), items, workers=2,
                               document=_document))
    assert [item for item, _ in results] == items
    read_errors = {r.doc_id or r.source: r.reason for _, r in results if isinstance(r, ReadError)}
    assert read_errors == {"n7": "no Arabic text", "n8": "empty text",
                           f"{src}:42": "malformed JSON: Expecting property name enclosed in double quotes "
                                        "at column 2"}
    done = [r for _, r in results if isinstance(r, tuple)]
    assert [doc_id for doc_id, _ in done][:8] == [f"n{i}" for i in range(7)] + ["docs:10"]
    assert os.getpid() not in {pid for _, pid in done}
    # A task failing on a document parsed in the worker names it: the reading process never saw its id.
    bad = Line(json.dumps({"id": "x-bad", "text": ARABIC_VISIT}, ensure_ascii=False), "f:1", 1, "f")
    assert ParsingLines(Echo(), reader.line_parser())(bad) == TaskError(
        "internal error (ValueError: cannot use x-bad)", "x-bad")


def test_a_line_over_its_time_budget_in_a_worker_is_skipped_by_id() -> None:
    reader = DocumentReader(defer_lines=True)
    ids = [f"d{i}" + ("-slow" if i == 40 else "") for i in range(CHUNK * 3)]
    items = [Line(json.dumps({"id": i, "text": ARABIC_VISIT}, ensure_ascii=False), f"f:{n}", n, "f")
             for n, i in enumerate(ids, 1)]
    start = time.monotonic()
    results = list(ordered_map(ParsingLines(Stall(), reader.line_parser()), items, workers=2,
                               document=_document))
    assert time.monotonic() - start < 20
    assert [r for _, r in results if isinstance(r, TaskError)] == [
        TaskError("too slow: not analysed within the budget of 0.2 s per document", "d40-slow")]


def test_analyze_skips_the_same_documents_with_the_same_messages_with_workers(tmp_path: Path) -> None:
    src = _jsonl(tmp_path, CHUNK * 3)
    runner = CliRunner()
    for fmt in ("jsonl", "json", "table"):
        one = runner.invoke(app, ["analyze", str(src), "--workers", "1", "--format", fmt])
        two = runner.invoke(app, ["analyze", str(src), "--workers", "2", "--format", fmt])
        assert one.exit_code == two.exit_code == 0, two.stderr
        assert two.stdout == one.stdout
        assert two.stderr == one.stderr
        assert "skipped n7 (" in two.stderr and ": no Arabic text" in two.stderr
        assert "skipped n8 (" in two.stderr and ": empty text" in two.stderr
        assert f"skipped {src}:42: malformed JSON" in two.stderr
        assert f"{CHUNK * 3 - 2} documents analysed, 3 skipped" in two.stderr


def test_ctrl_c_ends_analyze_with_workers_promptly_and_takes_the_workers_along(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    src = _jsonl(tmp_path, 12000)  # enough that the interrupt comes mid-run
    out = tmp_path / "out.jsonl"
    # A session of its own: whatever is left of it can be killed if it hangs.
    proc = subprocess.Popen([sys.executable, "-m", "rasad.cli", "analyze", str(src), "--workers", "2", "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None and (
                not out.exists() or out.read_bytes().count(b"\n") < 100):
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert proc.returncode == 130, err
    assert b"interrupted after" in err
    written = out.read_text(encoding="utf-8").splitlines()
    assert 100 <= len(written) < 12000
    assert [json.loads(line)["id"] for line in written[:7]] == [f"n{i}" for i in range(7)]
    time.sleep(0.5)
    listed = subprocess.run(["ps", "-o", "stat=,args=", "-s", str(proc.pid)], capture_output=True, text=True).stdout
    assert [line for line in listed.splitlines() if not line.startswith("Z")] == []  # exited, if not yet reaped
