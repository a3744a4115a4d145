"""The ``rasad`` command: formats, files, exit codes and messages a person reads."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ARABIC_CALL, ARABIC_VISIT
from typer.testing import CliRunner

from rasad import __version__
from rasad.cli import app

runner = CliRunner()


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _flat(text: str) -> str:
    """Error boxes wrap long messages; compare without the frame and line breaks."""
    return re.sub(r"[\s│╭╮╰╯─]+", " ", text)


def _run(*args: str):
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture
def articles(examples_dir: Path) -> Path:
    return examples_dir / "articles.jsonl"


@pytest.fixture
def mixed_dir(tmp_path: Path) -> Path:
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "a-good.txt").write_text(ARABIC_VISIT, encoding="utf-8")
    (d / "b-english.txt").write_text("A meeting took place in Geneva.", encoding="utf-8")
    (d / "c-batch.jsonl").write_text(
        json.dumps({"id": "c1", "text": ARABIC_CALL}, ensure_ascii=False) + "\n{oops\n", encoding="utf-8")
    return d


def test_examples_are_valid_documents(articles: Path, examples_dir: Path) -> None:
    rows = [json.loads(line) for line in articles.read_text(encoding="utf-8").splitlines()]
    assert 3 <= len(rows) <= 6
    for row in rows:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["published"])
        assert re.fullmatch(r"[A-Z]{3}", row["home_country"])
        # Every JSONL article is also there as a .txt file of the same name and text.
        assert (examples_dir / f"{row['id']}.txt").read_text(encoding="utf-8") == row["text"]


def test_jsonl_output_keeps_ids_and_order(articles: Path) -> None:
    result = _run("analyze", str(articles))
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == _ids(articles)
    for r in records:
        assert set(r) == {"id", "events", "persons"}
        assert isinstance(r["events"], list) and isinstance(r["persons"], list)
    assert result.stderr == ""


def test_json_output_is_one_array(articles: Path) -> None:
    result = _run("analyze", str(articles), "--format", "json")
    assert result.exit_code == 0
    assert [r["id"] for r in json.loads(result.stdout)] == _ids(articles)


def test_table_output_has_a_header_per_document(articles: Path) -> None:
    result = _run("analyze", str(articles), "-f", "table")
    assert result.exit_code == 0
    headers = [line.split()[0] for line in result.stdout.splitlines() if line and not line.startswith(" ")
               and line.split()[0] in _ids(articles)]
    assert headers == _ids(articles)
    for line in articles.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert f"{row['id']}  {row['title']}  [{row['published']}]" in result.stdout


def test_examples_folder_reads_jsonl_then_txt_in_name_order(examples_dir: Path, articles: Path) -> None:
    result = _run("analyze", str(examples_dir))
    assert result.exit_code == 0
    txt_ids = sorted(p.stem for p in examples_dir.glob("*.txt"))
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == _ids(articles) + txt_ids


def test_output_file(tmp_path: Path, articles: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = _run("analyze", str(articles), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert _ids(out) == _ids(articles)
    assert "\\u06" not in out.read_text(encoding="utf-8")  # Arabic is written as is


def test_output_into_missing_folder_is_a_usage_error(tmp_path: Path, articles: Path) -> None:
    result = _run("analyze", str(articles), "-o", str(tmp_path / "no" / "such" / "out.jsonl"))
    assert result.exit_code == 2
    assert "rasad: error: cannot write" in result.stderr


def test_some_bad_documents_exit_0_and_are_named(mixed_dir: Path) -> None:
    result = _run("analyze", str(mixed_dir))
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a-good", "c1"]
    err = result.stderr.splitlines()
    assert err == [
        f"rasad: skipped b-english ({mixed_dir / 'b-english.txt'}): no Arabic text",
        f"rasad: skipped {mixed_dir / 'c-batch.jsonl'}:2: malformed JSON: Expecting property name "
        "enclosed in double quotes at column 2",
        "rasad: 2 documents analysed, 2 skipped",
    ]


def test_nothing_readable_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    result = _run("analyze", str(bad))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"rasad: skipped bad ({bad}): binary content, not text",
                                          "rasad: 0 documents analysed, 1 skipped"]


def test_empty_folder_exits_1(tmp_path: Path) -> None:
    result = _run("analyze", str(tmp_path))
    assert result.exit_code == 1
    assert "no documents found" in result.stderr


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = _run("analyze", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"rasad: error: no such file or directory: {tmp_path / 'missing.txt'}"


@pytest.mark.parametrize(("value", "message"), [
    ("2024-1-5", "is not a date in the form YYYY-MM-DD"),
    ("05/01/2024", "is not a date in the form YYYY-MM-DD"),
    ("2024-02-30", "is not a real calendar date"),
])
def test_bad_published_exits_2(articles: Path, value: str, message: str) -> None:
    result = _run("analyze", str(articles), "--published", value)
    assert result.exit_code == 2
    assert "--published" in result.stderr and message in _flat(result.stderr)
    assert result.stdout == ""


@pytest.mark.parametrize(("value", "message"), [
    ("JO", "is not an ISO 3166-1 alpha-3 code"),
    ("Jordan", "is not an ISO 3166-1 alpha-3 code"),
    ("XYZ", "is not an ISO 3166-1 alpha-3 country code"),
])
def test_bad_home_country_exits_2(articles: Path, value: str, message: str) -> None:
    result = _run("analyze", str(articles), "--home-country", value)
    assert result.exit_code == 2
    assert "--home-country" in result.stderr and message in _flat(result.stderr)


def test_published_and_home_country_fill_missing_fields(tmp_path: Path) -> None:
    f = tmp_path / "n.txt"
    f.write_text(ARABIC_VISIT, encoding="utf-8")
    result = _run("analyze", str(f), "--published", "2024-06-30", "--home-country", "jor", "-f", "table")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("n  [2024-06-30]")


def test_one_failing_document_does_not_stop_the_batch(monkeypatch: pytest.MonkeyPatch,
                                                      mixed_dir: Path) -> None:
    import rasad.pipeline

    real = rasad.pipeline.default_pipeline()

    class Flaky:
        def run(self, doc):
            if doc.id == "a-good":
                raise RuntimeError("boom")
            return real.run(doc)

    monkeypatch.setattr(rasad.pipeline, "default_pipeline", lambda: Flaky())
    result = _run("analyze", str(mixed_dir))
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["c1"]
    assert "rasad: skipped a-good: internal error (RuntimeError: boom)" in result.stderr


def test_bidi_only_with_table(articles: Path) -> None:
    result = _run("analyze", str(articles), "--bidi")
    assert result.exit_code == 2
    assert "--bidi applies to --format table only" in result.stderr


def test_stdin_and_real_process(articles: Path) -> None:
    """The installed module as a process: stdin, clean stderr, no progress bar when not a terminal."""
    proc = subprocess.run([sys.executable, "-m", "rasad.cli", "analyze", "-", "--format", "json"],
                          input=articles.read_bytes() + b"{broken\n", capture_output=True, timeout=120)
    assert proc.returncode == 0
    assert [r["id"] for r in json.loads(proc.stdout)] == _ids(articles)
    n = len(_ids(articles))
    assert proc.stderr.decode().splitlines() == [
        f"rasad: skipped <stdin>:{n + 1}: malformed JSON: Expecting property name enclosed in double quotes "
        "at column 2",
        f"rasad: {n} documents analysed, 1 skipped",
    ]


def test_version() -> None:
    result = _run("version")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"rasad {__version__} (Python 3.")


@dataclass
class FakeIssue:
    file: str
    line: int | None
    severity: str
    message: str


def _fake_checker(monkeypatch: pytest.MonkeyPatch, issues: list[FakeIssue]) -> list[Path]:
    seen: list[Path] = []

    def check_lexicon(data_dir: Path) -> list[FakeIssue]:
        seen.append(Path(data_dir))
        return issues

    module = types.ModuleType("rasad.lexicon.check")
    module.check_lexicon = check_lexicon  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "rasad.lexicon.check", module)
    return seen


def test_lexicon_check_errors_exit_1(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen = _fake_checker(monkeypatch, [FakeIssue("countries.tsv", 12, "error", "duplicate alias 'مصر'"),
                                       FakeIssue("titles.tsv", None, "warning", "no English role")])
    result = _run("lexicon", "check", "--data-dir", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["countries.tsv:12: error: duplicate alias 'مصر'",
                                          "titles.tsv: warning: no English role",
                                          "1 error, 1 warning"]
    assert seen == [tmp_path]


def test_lexicon_check_warnings_only_exit_0(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _fake_checker(monkeypatch, [FakeIssue("cities.tsv", 3, "warning", "[odd] spelling")])
    result = _run("lexicon", "check")
    assert result.exit_code == 0
    assert "cities.tsv:3: warning: [odd] spelling" in result.stdout
    assert seen[0].parts[-2:] == ("lexicon", "data")


def test_lexicon_check_clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fake_checker(monkeypatch, [])
    result = _run("lexicon", "check", "--data-dir", str(tmp_path))
    assert result.exit_code == 0
    assert result.stdout.startswith("lexicon OK")


def test_lexicon_check_missing_dir_exits_2(tmp_path: Path) -> None:
    result = _run("lexicon", "check", "--data-dir", str(tmp_path / "nope"))
    assert result.exit_code == 2
