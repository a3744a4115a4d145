"""The bundled examples' output, byte for byte.

A change meant to be only faster or tidier must leave this file alone. A change meant to
alter what is extracted regenerates it and shows the difference in review:

    rasad analyze examples/articles.jsonl -o tests/data/examples.expected.jsonl
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from rasad.cli import app

ROOT = Path(__file__).resolve().parents[1]


def test_examples_output_is_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["analyze", str(ROOT / "examples" / "articles.jsonl"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    expected = (ROOT / "tests" / "data" / "examples.expected.jsonl").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == expected
