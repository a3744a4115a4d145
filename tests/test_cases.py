"""Runs the regression cases in tests/cases/*.yaml: articles and the events they must give."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

import rasad

CASES = Path(__file__).parent / "cases"
DIRECTED = {"VISIT", "MIL_AID"}


def _load() -> list[dict]:
    cases = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append({**case, "file": path.name})
    return cases


def _key(type_: str, a: str, b: str) -> tuple[str, tuple[str, str]]:
    return type_, ((a, b) if type_ in DIRECTED else tuple(sorted((a, b))))


def _matches(got, want: dict) -> bool:
    if got.location.country != want.get("location", got.location.country):
        return False
    if got.location.place != want.get("place", got.location.place) or got.date != want.get("date", got.date):
        return False
    content = got.content
    if "areas" in want and sorted(content.area_codes()) != sorted(want["areas"]):
        return False
    instrument = content.instrument.value if content.instrument else None
    return "instrument" not in want or instrument == want["instrument"]


@pytest.mark.parametrize("case", _load(), ids=lambda c: f"{c['file']}:{c['id']}")
def test_case(case: dict) -> None:
    events = rasad.analyze(case["text"], published=case.get("published"), home_country=case.get("home_country"))
    got = Counter(_key(e.type, e.source.country, e.target.country) for e in events)
    want = Counter(_key(w["type"], w["source"], w["target"]) for w in case["events"])
    if case.get("exact", True):
        assert got == want, f"got {dict(got)}"
    else:
        assert not want - got, f"missing {dict(want - got)}; got {dict(got)}"
    for w in case["events"]:
        k = _key(w["type"], w["source"], w["target"])
        same = [e for e in events if _key(e.type, e.source.country, e.target.country) == k]
        assert any(_matches(e, w) for e in same), f"{w} not matched by {[e.to_dict() for e in same]}"
