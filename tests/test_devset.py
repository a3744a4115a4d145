"""Scores on the shared evaluation data, with the shared scorer.

The data lives beside the project (``../shared``), not in it; without it these
tests skip. The floors are raised as the extractor improves.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rasad.model import Document
from rasad.pipeline import default_pipeline

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCORER = SHARED / "eval" / "score.py"
DEV_GOLD = SHARED / "eval" / "dev" / "gold.jsonl"
SEED = SHARED / "seed" / "seed.jsonl"

FLOOR = 0.87  # event F1 on the dev set
PERSON_FLOOR = 0.89  # share of gold persons found
LOC_FLOOR = 0.90  # location.country accuracy over matched events
DEV_SECONDS = 20.0


def _need(*paths: Path) -> None:
    for p in paths:
        if not p.is_file():
            if p == SEED:
                pytest.skip(f"../shared/seed is not beside the project: {p} is absent")
            pytest.skip(f"../shared/eval is not beside the project: {p} is absent")


def _predict(gold: Path, out: Path) -> float:
    """Write one prediction record per document of ``gold``; return the seconds it took."""
    pipeline = default_pipeline()
    docs = [Document.from_dict(json.loads(line))
            for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    records = [pipeline.run(doc).to_record() for doc in docs]
    seconds = time.perf_counter() - started
    with out.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return seconds


def _score(gold: Path, pred: Path) -> dict:
    done = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), "--json"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_dev_set_scores(tmp_path: Path) -> None:
    _need(SCORER, DEV_GOLD)
    pred = tmp_path / "dev-pred.jsonl"
    seconds = _predict(DEV_GOLD, pred)
    result = _score(DEV_GOLD, pred)
    assert seconds < DEV_SECONDS, f"the dev set took {seconds:.1f} s"
    assert result["events"]["f1"] >= FLOOR, result["events"]
    assert (result["persons"]["recall"] or 0.0) >= PERSON_FLOOR, result["persons"]
    loc = result["arguments"].get("location.country", {}).get("accuracy") or 0.0
    assert loc >= LOC_FLOOR, result["arguments"]


def test_seed_article_is_exact(tmp_path: Path) -> None:
    _need(SCORER, SEED)
    pred = tmp_path / "seed-pred.jsonl"
    _predict(SEED, pred)
    result = _score(SEED, pred)
    events = result["events"]
    assert (events["tp"], events["fp"], events["fn"]) == (5, 0, 0), events
    assert events["f1"] == 1.0, events


def test_seed_agreement_content(tmp_path: Path) -> None:
    _need(SEED)
    pred = tmp_path / "seed-pred.jsonl"
    _predict(SEED, pred)
    events = json.loads(pred.read_text(encoding="utf-8").splitlines()[0])["events"]
    (sign,) = [e for e in events if e["type"] == "SIGN"]
    assert (sign["instrument"], sign["areas"]) == ("agreement", ["training"])
    assert all("areas" not in e for e in events if e["type"] not in ("SIGN", "MIL_COOP"))
