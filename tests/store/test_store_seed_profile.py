"""``rasad profile LBY PAK`` on a store holding the seed story (``../shared/seed``), through the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rasad.cli import app

runner = CliRunner()


def test_seed_story_profile(shared_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "seed.db")
    result = runner.invoke(app, ["ingest", str(shared_dir / "seed" / "seed.jsonl"), "--db", db])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["profile", "LBY", "PAK", "--db", db, "-f", "json"])
    assert result.exit_code == 0, result.output
    p = json.loads(result.stdout)

    # The earlier visit, in July, of the Libyan deputy commander to Pakistan.
    [july] = p["visits"]["LBY>PAK"]
    assert july["location_country"] == "PAK"
    assert any(x["name_en"] == "Saddam Khalifa Haftar" for x in july["persons"])
    assert "يوليو" in july["reports"][0]["quote"]
    # The Pakistani army chief's visit to Benghazi, the first he makes to Libya.
    [benghazi] = p["visits"]["PAK>LBY"]
    assert (benghazi["place"], benghazi["first"], benghazi["level"]) == ("Benghazi", True, "chief_of_staff")
    assert any(x["name_en"] == "Asim Munir" for x in benghazi["persons"])
    # The meeting in Benghazi.
    meetings = [o for o in p["contacts"] if o["type"] == "MEET" and o["place"] == "Benghazi"]
    assert len(meetings) == 1
    # The agreement, with its training area and nothing else.
    [agreement] = p["agreements"]
    assert (agreement["instrument"], agreement["areas"], agreement["place"]) == ("agreement", ["training"],
                                                                                 "Benghazi")
    assert {x["name_en"] for x in agreement["persons"]} >= {"Saddam Khalifa Haftar", "Asim Munir"}

    result = runner.invoke(app, ["profile", "LBY", "PAK", "--db", db], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "Visits Libya (LBY) → Pakistan (PAK)" in result.stdout and "agreement" in result.stdout
