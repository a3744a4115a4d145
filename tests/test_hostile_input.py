"""Input built to break a batch: each case ends as one skip line naming the document, and the rest goes on."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ARABIC_CALL, ARABIC_VISIT
from typer.testing import CliRunner

from rasad.budget import Enforcement, TooSlow, enforcement, time_budget, within
from rasad.cli import app
from rasad.io.readers import ReadError, read_documents, walk_files
from rasad.model import PUBLISHED_MAX, PUBLISHED_MIN, Document
from rasad.text.clean import REPLACEMENT, clean_text

runner = CliRunner()


def _line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"


def _read(*paths, **kw) -> list:
    return list(read_documents([str(p) for p in paths], **kw))


def _rasad(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rasad.cli", *args], capture_output=True, text=True, timeout=120,
                          **kw)


# -- the readers -----------------------------------------------------------------------


def test_deeply_nested_json_line_is_skipped_and_the_next_is_read(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    f.write_text('{"id": "deep", "text": ' + "[" * 100_000 + "\n" + _line(id="ok", text=ARABIC_VISIT),
                 encoding="utf-8")
    items = _read(f)
    assert isinstance(items[0], ReadError) and items[0].reason == "malformed JSON: nested too deeply"
    assert items[0].source.endswith("docs.jsonl:1")
    assert isinstance(items[1], Document) and items[1].id == "ok"


def test_deeply_nested_json_file_is_one_read_error(tmp_path: Path) -> None:
    f = tmp_path / "deep.json"
    f.write_text("[" * 100_000, encoding="utf-8")
    [item] = _read(f)
    assert isinstance(item, ReadError) and item.reason == "malformed JSON: nested too deeply"


def test_json_messages_say_at_column_once(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    f.write_text('{"id": "x", "text": "a\tb"}\n', encoding="utf-8")
    [item] = _read(f)
    assert isinstance(item, ReadError)
    assert item.reason == "malformed JSON: Invalid control character at column 23"


def test_lone_surrogate_and_nul_become_replacement_characters(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    f.write_text('{"id": "s\\ud800", "title": "\\udfff", "text": "' + ARABIC_VISIT + ' \\ud800 \\u0000"}\n',
                 encoding="utf-8")
    [doc] = _read(f)
    assert isinstance(doc, Document)
    assert doc.text == ARABIC_VISIT + f" {REPLACEMENT} {REPLACEMENT}"
    assert doc.id == f"s{REPLACEMENT}" and doc.title == REPLACEMENT
    doc.text.encode("utf-8")  # writable as UTF-8, which the surrogate was not


def test_clean_text_keeps_length_and_ordinary_text() -> None:
    assert clean_text(ARABIC_CALL) == ARABIC_CALL
    dirty = "أ\x00ب\ud800ج\udc00"
    assert clean_text(dirty) == f"أ{REPLACEMENT}ب{REPLACEMENT}ج{REPLACEMENT}"
    assert len(clean_text(dirty)) == len(dirty)


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "1799-12-31", "2200-01-01"])
def test_published_outside_the_supported_range_is_a_bad_field(tmp_path: Path, published: str) -> None:
    f = tmp_path / "docs.jsonl"
    f.write_text(_line(id="far", text=ARABIC_VISIT, published=published) + _line(id="ok", text=ARABIC_CALL),
                 encoding="utf-8")
    bad, good = _read(f)
    assert isinstance(bad, ReadError) and bad.doc_id == "far"
    assert bad.reason == (f"field 'published' {published} is outside the supported range "
                          f"{PUBLISHED_MIN.isoformat()} to {PUBLISHED_MAX.isoformat()}")
    assert isinstance(good, Document)


def test_the_edges_of_the_supported_range_are_analysed() -> None:
    from rasad.pipeline import default_pipeline

    for day in (PUBLISHED_MIN, PUBLISHED_MAX):
        analysis = default_pipeline().run(Document(id="edge", text=ARABIC_VISIT, published=day))
        assert analysis.events and analysis.events[0].type == "VISIT"


@pytest.mark.parametrize("raw_id", [["a", "b"], {"x": 1}, 1.5, True])
def test_an_id_that_is_not_a_string_or_whole_number_is_refused(tmp_path: Path, raw_id) -> None:
    f = tmp_path / "docs.jsonl"
    f.write_text(_line(id=raw_id, text=ARABIC_VISIT) + _line(id=7, text=ARABIC_CALL), encoding="utf-8")
    bad, good = _read(f)
    assert isinstance(bad, ReadError) and bad.reason.startswith("field 'id' is not a string or a whole number")
    assert bad.doc_id == "" and "[" not in bad.label
    assert isinstance(good, Document) and good.id == "7"


def test_a_device_is_read_only_up_to_the_size_bound() -> None:
    [item] = _read("/dev/zero", max_bytes=4096)
    assert isinstance(item, ReadError) and item.reason == "text over the size limit of 0.00391 MB"


def test_a_named_pipe_is_read_with_the_size_bound(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)

    def writer() -> None:
        with open(fifo, "wb") as f:
            try:
                for _ in range(64):  # 4 MB offered, far past the bound
                    f.write(b"x" * 65536)
            except BrokenPipeError:
                pass  # the reader stopped at the bound, as it should

    t = threading.Thread(target=writer)
    t.start()
    [item] = _read(fifo, max_bytes=100_000)
    t.join(timeout=30)
    assert isinstance(item, ReadError) and "over the size limit" in item.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_subfolder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARABIC_VISIT, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(ARABIC_CALL, encoding="utf-8")
    locked.chmod(0)
    try:
        items = _read(tmp_path)
    finally:
        locked.chmod(0o755)
    assert isinstance(items[0], Document)
    assert isinstance(items[1], ReadError) and items[1].reason.startswith("cannot read folder")


def test_a_folder_that_cannot_be_listed_is_an_error_not_silence(tmp_path: Path, monkeypatch) -> None:
    # As root every folder is readable, so the listing failure is made where os.walk meets it.
    (tmp_path / "a.txt").write_text(ARABIC_VISIT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(walk_files(tmp_path, (".txt",)))
    assert found[0] == tmp_path / "a.txt"
    assert isinstance(found[1], ReadError)
    assert found[1].source.endswith("sub") and found[1].reason == "cannot read folder: Permission denied"


def test_walk_skips_hidden_files_pipes_and_link_cycles(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text(ARABIC_VISIT, encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(_line(id="a", text=ARABIC_CALL), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ARABIC_VISIT, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "b" / "up").symlink_to(tmp_path)
    found = [p.relative_to(tmp_path).as_posix() for p in walk_files(tmp_path, (".txt", ".jsonl"))]
    assert found[:2] == ["a.jsonl", "b/x.txt"]
    assert "pipe.txt" not in found and ".hidden.txt" not in found


# -- the command line ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "5000"])
def test_max_mb_that_is_not_a_size_is_a_usage_error(tmp_path: Path, value: str) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARABIC_VISIT, encoding="utf-8")
    for command in ("analyze", "explain"):
        result = runner.invoke(app, [command, str(f), "--max-mb", value])
        assert result.exit_code == 2, result.output
        assert "is not a size between 0.001 and 1024 MB" in " ".join(result.stderr.split())


def test_published_option_outside_the_range_is_a_usage_error(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARABIC_VISIT, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(f), "--published", "9999-12-31"])
    assert result.exit_code == 2
    assert "outside the supported range" in " ".join(result.stderr.replace("│", " ").split())


def test_output_that_is_an_input_is_refused_and_left_intact(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    content = _line(id="a", text=ARABIC_VISIT)
    f.write_text(content, encoding="utf-8")
    for command in ("analyze", "explain"):
        result = runner.invoke(app, [command, str(f), "-o", str(f)])
        assert result.exit_code == 2
        assert "is also an input" in result.stderr
        assert f.read_text(encoding="utf-8") == content


def test_output_inside_an_input_folder_is_not_read_back(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(_line(id="a", text=ARABIC_VISIT), encoding="utf-8")
    out = tmp_path / "z-out.jsonl"
    result = runner.invoke(app, ["analyze", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["a"]
    assert "skipped" not in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_write_errors_exit_2_with_a_message(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARABIC_VISIT, encoding="utf-8")
    to_file = _rasad("analyze", str(f), "-o", "/dev/full")
    assert to_file.returncode == 2
    assert to_file.stderr.strip() == "rasad: error: cannot write /dev/full: No space left on device"
    with open("/dev/full", "w") as full:
        to_stdout = subprocess.run([sys.executable, "-m", "rasad.cli", "explain", str(f)], stdout=full,
                                   stderr=subprocess.PIPE, text=True, timeout=120)
    assert to_stdout.returncode == 2
    assert to_stdout.stderr.strip() == "rasad: error: cannot write standard output: No space left on device"


def test_a_crashing_batch_of_every_kind_goes_on(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    f.write_text("".join([
        '{"id": "deep", "text": ' + "[" * 50_000 + "\n",
        '{"id": "sur", "text": "' + ARABIC_VISIT + '\\ud800"}\n',
        _line(id="old", text=ARABIC_CALL, published="0001-01-01"),
        _line(id=["l"], text=ARABIC_CALL),
        _line(id="last", text=ARABIC_CALL, published="2024-05-08"),
    ]), encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(f)])
    assert result.exit_code == 0
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["sur", "last"]
    skipped = [x for x in result.stderr.splitlines() if x.startswith("rasad: skipped")]
    assert len(skipped) == 3
    assert "docs.jsonl:1: malformed JSON: nested too deeply" in skipped[0]
    assert skipped[1].startswith("rasad: skipped old (") and "'published'" in skipped[1]


# -- the time budget -----------------------------------------------------------------


def test_a_document_over_its_budget_is_interrupted_and_reported() -> None:
    def slow() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # pure Python, as every stage is
            pass

    start = time.monotonic()
    with pytest.raises(TooSlow) as caught:
        within(0.2, slow)
    assert time.monotonic() - start < 10
    assert caught.value.reason == "too slow: not analysed within the budget of 0.2 s per document"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # nothing left armed


def test_no_budget_and_threads_run_unbounded() -> None:
    assert enforcement(None) is Enforcement.none and enforcement(0) is Enforcement.none
    assert within(None, lambda: 3) == 3
    seen = []
    t = threading.Thread(target=lambda: seen.append(enforcement(5.0)))
    t.start()
    t.join()
    assert seen == [Enforcement.none]
    with time_budget(5.0) as how:
        assert how is Enforcement.timer


def test_a_too_slow_document_is_skipped_and_the_batch_goes_on(tmp_path: Path, monkeypatch) -> None:
    from rasad.pipeline import Pipeline

    real_run = Pipeline.run

    def run(self, doc):
        if doc.id == "slow":
            while True:
                pass
        return real_run(self, doc)

    monkeypatch.setattr(Pipeline, "run", run)
    f = tmp_path / "docs.jsonl"
    f.write_text(_line(id="slow", text=ARABIC_VISIT) + _line(id="next", text=ARABIC_CALL), encoding="utf-8")
    # The budget leaves the real analysis of "next" room on a busy machine; "slow" never ends.
    for command in ("analyze", "explain"):
        result = runner.invoke(app, [command, str(f), "--time-budget", "1.5"])
        assert result.exit_code == 0
        assert ("rasad: skipped slow: too slow: not analysed within the budget of 1.5 s per document"
                in result.stderr)
        assert "next" in result.stdout
        if command == "analyze":
            assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["next"]


def test_dates_at_the_range_edges_parse() -> None:
    assert Document.from_dict({"id": "a", "text": ARABIC_VISIT, "published": "1800-01-01"}).published == \
        dt.date(1800, 1, 1)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_store_commands_that_cannot_write_exit_2_with_a_message(tmp_path: Path, examples_dir: Path) -> None:
    from rasad.store.db import open_store
    from rasad.store.ingest import ingest

    db = str(tmp_path / "store.db")
    store = open_store(db)
    assert ingest(store, read_documents([examples_dir / "articles.jsonl"])).new == 6
    store.close()
    for args in (["export", "--db", db, "-o", "/dev/full"], ["export", "--db", db, "--format", "jsonl"],
                 ["events", "--db", db]):
        with open("/dev/full", "w") as full:
            result = subprocess.run([sys.executable, "-m", "rasad.cli", *args], stdout=full, stderr=subprocess.PIPE,
                                    text=True, timeout=120)
        assert result.returncode == 2, args
        assert result.stderr.strip() == "rasad: error: cannot write: No space left on device", args
