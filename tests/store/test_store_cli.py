"""The store's commands as a person uses them: messages, summaries, exit codes, the default location."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasad.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


def _run(*args: str, env: dict[str, str] | None = None):
    result = runner.invoke(app, list(args), env=env)
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    return result


def test_ingest_summary_then_nothing_new(store_url: str) -> None:
    first = _run("ingest", "--db", store_url, str(EXAMPLES / "articles.jsonl"))
    assert first.exit_code == 0, first.output
    lines = first.stdout.splitlines()
    assert lines[0].startswith("read 6 documents (")
    assert lines[1].split()[:2] == ["new", "6"] and lines[2].split() == ["duplicate", "0"]
    assert lines[3].split() == ["failed", "0"]
    assert lines[-1].endswith("6 documents, 6 events, 6 merged events") or "6 documents," in lines[-1]
    assert first.stderr == ""  # no progress bar when standard error is not a terminal
    second = _run("ingest", "--db", store_url, str(EXAMPLES))
    assert second.exit_code == 0
    assert second.stdout.splitlines()[1].split()[:2] == ["new", "0"]
    assert second.stdout.splitlines()[2].split() == ["duplicate", "12"]


def test_failures_are_listed_with_reasons(store_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "feed.jsonl"
    bad.write_text('{"id": "a1", "text": "وصل وزير الدفاع الأردني إلى روما اليوم."}\n{oops\n'
                   '{"id": "en", "text": "English only"}\n', encoding="utf-8")
    result = _run("ingest", "--db", store_url, str(bad))
    assert result.exit_code == 0
    assert f"rasad: failed {bad}:2: malformed JSON" in result.stderr
    assert f"rasad: failed en ({bad}:3): no Arabic text" in result.stderr
    assert "failed           2" in result.stdout and "1  malformed JSON" in result.stdout
    assert "`rasad failures --run 1` lists each document" in result.stdout
    quiet = _run("ingest", "--db", store_url, "-q", str(bad))
    assert quiet.stderr == "" and "failed           2" in quiet.stdout

    listing = _run("failures", "--db", store_url)
    assert listing.stdout.startswith("4 failed documents")
    assert "2  read: malformed JSON" in listing.stdout and "2  read: no Arabic text" in listing.stdout
    last = _run("failures", "--db", store_url, "--last", "-f", "jsonl")
    records = [json.loads(line) for line in last.stdout.splitlines()]
    assert [(r["run"], r["doc_id"], r["stage"]) for r in records] == [(2, "en", "read"), (2, "", "read")]
    assert records[0]["reason"] == "no Arabic text" and records[0]["source"] == f"{bad}:3"
    csv_out = _run("failures", "--db", store_url, "--run", "1", "-f", "csv")
    assert csv_out.stdout.splitlines()[0] == "run,time,stage,doc_id,source,reason"
    assert len(csv_out.stdout.splitlines()) == 3


def test_nothing_usable_exits_1_and_usage_errors_exit_2(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    english = tmp_path / "en.txt"
    english.write_text("Nothing in Arabic.", encoding="utf-8")
    assert _run("ingest", "--db", db, str(english)).exit_code == 1
    missing = _run("ingest", "--db", db, str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 2 and "no such file or directory" in missing.stderr
    assert _run("ingest", "--db", db, "--published", "12/03/2024", str(english)).exit_code == 2
    nodir = _run("events", "--db", str(tmp_path / "no" / "such" / "dir" / "s.db"))
    assert nodir.exit_code == 2 and "no such directory" in nodir.stderr
    bad_url = _run("events", "--db", "mysql://localhost/x")
    assert bad_url.exit_code == 2 and "unsupported database" in bad_url.stderr
    assert _run("reprocess", "--db", db, "--window", "5").exit_code == 2
    assert _run("events", "--db", db, "--directed").exit_code == 2


def test_default_location_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RASAD_DB", raising=False)
    assert _run("ingest", str(EXAMPLES / "articles.jsonl")).exit_code == 0
    assert (tmp_path / "rasad.db").is_file()
    other = tmp_path / "other.db"
    result = _run("ingest", str(EXAMPLES / "articles.jsonl"), env={"RASAD_DB": str(other)})
    assert result.exit_code == 0 and other.is_file()
    assert result.stdout.splitlines()[1].split()[:2] == ["new", "6"]  # a store of its own
    assert f"store {other}:" in result.stdout


def test_reprocess_and_rebuild(store_url: str) -> None:
    _run("ingest", "--db", store_url, str(EXAMPLES / "articles.jsonl"))
    result = _run("reprocess", "--db", store_url)
    assert result.exit_code == 0
    assert result.stdout.startswith("re-analysed 6 documents (") and "0 with changed events, 0 failed" in result.stdout
    rebuilt = _run("reprocess", "--db", store_url, "--clusters", "--window", "5")
    assert rebuilt.exit_code == 0
    assert rebuilt.stdout.strip() == "rebuilt 6 merged events from 6 events (0 reported by more than one source)"
