"""``rasad profile LBY PAK`` on a store holding the seed story (``../shared/seed``), through the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rasad.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    shared = Path(__file__).resolve().parents[2].parent / "shared"
    if not (shared / "seed" / "seed.jsonl").is_file():
        pytest.skip(f"needs the seed story at {shared / 'seed' / 'seed.jsonl'}, which is absent")
    db = str(tmp_path_factory.mktemp("seed") / "seed.db")
    result = runner.invoke(app, ["ingest", str(shared / "seed" / "seed.jsonl"), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def _profile(db: str) -> dict[str, Any]:
    result = runner.invoke(app, ["profile", "LBY", "PAK", "--db", db, "-f", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_seed_story_profile(seed_db: str) -> None:
    p = _profile(seed_db)

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
    # The agreement, signed in Benghazi by the two commanders.
    [agreement] = p["agreements"]
    assert (agreement["instrument"], agreement["place"]) == ("agreement", "Benghazi")
    assert {x["name_en"] for x in agreement["persons"]} >= {"Saddam Khalifa Haftar", "Asim Munir"}

    result = runner.invoke(app, ["profile", "LBY", "PAK", "--db", seed_db], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "Visits Libya (LBY) → Pakistan (PAK)" in result.stdout and "agreement" in result.stdout


def test_seed_agreement_names_training(seed_db: str) -> None:
    [agreement] = _profile(seed_db)["agreements"]
    assert agreement["areas"] == ["training"]
    assert [(a["year"], a["areas"]) for a in _profile(seed_db)["areas_by_year"]] == [("undated", {"training": 1})]
