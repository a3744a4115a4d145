"""Calibrated confidence: the mapping file, its reader and checker, and the fitting script."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from rasad import calibration
from rasad.lexicon.check_grammar import check_calibration

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def _script(name: str):
    sys.path.insert(0, str(SCRIPTS))  # the scripts import devset.py, which sits beside them, by name
    try:
        spec = importlib.util.spec_from_file_location(f"rasad_script_{name}", SCRIPTS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(SCRIPTS))


@pytest.fixture
def mapping_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Point rasad.calibration at a file of the test's choosing, and forget it afterwards."""
    path = tmp_path / calibration.FILE_NAME
    monkeypatch.setattr(calibration, "default_path", lambda: path)
    calibration.reload()
    yield path
    calibration.reload()


def test_identity_without_a_file(mapping_file: Path) -> None:
    assert not mapping_file.exists()
    assert calibration.calibrate(0.37) == 0.37
    assert calibration.calibrate(0.91) == 0.91


def test_points_are_read_linearly_and_flat_beyond_the_ends(mapping_file: Path) -> None:
    mapping_file.write_text("points:\n  - [0.5, 0.4]\n  - [0.9, 0.8]\n", encoding="utf-8")
    calibration.reload()
    assert calibration.calibrate(0.7) == pytest.approx(0.6)
    assert calibration.calibrate(0.2) == pytest.approx(0.4)
    assert calibration.calibrate(0.99) == pytest.approx(0.8)
    with calibration.uncalibrated():
        assert calibration.calibrate(0.7) == 0.7
    assert calibration.calibrate(0.7) == pytest.approx(0.6)


def test_malformed_file_is_an_error_not_a_silent_identity(mapping_file: Path) -> None:
    mapping_file.write_text("points:\n  - [0.5]\n", encoding="utf-8")
    calibration.reload()
    with pytest.raises(ValueError, match="pair of numbers"):
        calibration.calibrate(0.5)


def test_checker_wants_monotone_points_in_the_unit_interval(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("method: isotonic\npoints:\n  - [0.5, 0.6]\n  - [0.8, 0.6]\n  - [0.9, 0.85]\n",
                    encoding="utf-8")
    assert check_calibration(good) == []
    bad = tmp_path / "bad.yaml"
    bad.write_text("points:\n  - [0.5, 0.7]\n  - [0.5, 0.6]\n  - [0.9, 1.2]\n  - [x, 1]\n", encoding="utf-8")
    messages = [i.message for i in check_calibration(bad)]
    assert any("does not rise" in m for m in messages)
    assert any("not monotone" in m for m in messages)
    assert any("outside [0, 1]" in m for m in messages)
    assert any("not a pair of numbers" in m for m in messages)
    broken = tmp_path / "broken.yaml"
    broken.write_text("points: [\n", encoding="utf-8")
    assert [i.severity for i in check_calibration(broken)] == ["error"]
    empty = tmp_path / "empty.yaml"
    empty.write_text("method: isotonic\n", encoding="utf-8")
    assert "non-empty list" in check_calibration(empty)[0].message


def test_pool_adjacent_violators_is_monotone() -> None:
    fit = _script("calibrate")
    assert fit.pool_adjacent_violators([0.2, 0.6, 0.4, 0.9], [1, 1, 1, 1]) == pytest.approx([0.2, 0.5, 0.5, 0.9])
    assert fit.pool_adjacent_violators([0.9, 0.1], [3, 1]) == pytest.approx([0.7, 0.7])


@pytest.mark.parametrize("method", ["isotonic", "platt"])
def test_fitted_mapping_passes_the_checker(method: str, tmp_path: Path) -> None:
    fit = _script("calibrate")
    # Scores that mean something: the higher, the more often right.
    data = [(0.4 + 0.05 * (i % 12), (i % 12) > (i % 5)) for i in range(120)]
    points = fit.fit_isotonic(data, bins=6) if method == "isotonic" else fit.fit_platt(data)
    out = tmp_path / "calibration.yaml"
    fit.write_points(out, points, method, len(data))
    assert check_calibration(out) == []
    assert calibration.read_points(out) == points


def test_scripts_skip_cleanly_without_the_evaluation_data(tmp_path: Path, capsys) -> None:
    absent = tmp_path / "absent" / "gold.jsonl"
    for name in ("calibrate", "error_causes"):
        with pytest.raises(SystemExit) as done:
            _script(name).main([str(absent)])
        assert done.value.code == 0
        assert "nothing to do" in capsys.readouterr().err


def test_calibrate_and_error_causes_on_the_dev_set(shared_dir: Path, tmp_path: Path, capsys) -> None:
    gold = shared_dir / "eval" / "dev" / "gold.jsonl"
    if not gold.is_file():
        pytest.skip(f"{gold} is absent")
    out = tmp_path / "calibration.yaml"
    assert _script("calibrate").main([str(gold), "--fit", "--markdown", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| 0.8–0.9 |" in printed and "Confidence ≥ 0.8" in printed
    assert check_calibration(out) == []
    assert _script("error_causes").main([str(gold)]) == 0
    printed = capsys.readouterr().out
    assert "| actor country wrong |" in printed and "| **all** |" in printed
