"""Turn an event's raw extraction score into a calibrated probability that it is right.

The mapping is data: ``lexicon/data/calibration.yaml`` holds ``points``, pairs of
(raw score, calibrated value) fitted on the dev set by ``scripts/calibrate.py --fit``,
read linearly between points and flat beyond the ends. Without the file the raw score
is returned unchanged, so the pipeline works the same before any fit exists.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

FILE_NAME = "calibration.yaml"

Points = tuple[tuple[float, float], ...]

_raw_only = 0  # > 0 inside uncalibrated(): fitting must see the scores before any mapping


def default_path() -> Path:
    return Path(str(resources.files("rasad.lexicon") / "data" / FILE_NAME))


def read_points(path: Path) -> Points:
    """The (raw, calibrated) points of a calibration file; ValueError when it is malformed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rows = data.get("points") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows:
        raise ValueError(f"{path.name}: 'points' must be a non-empty list of [raw, calibrated] pairs")
    points: list[tuple[float, float]] = []
    for row in rows:
        if not (isinstance(row, list | tuple) and len(row) == 2
                and all(isinstance(v, int | float) and not isinstance(v, bool) for v in row)):
            raise ValueError(f"{path.name}: point {row!r} is not a pair of numbers")
        points.append((float(row[0]), float(row[1])))
    return tuple(points)


@lru_cache(maxsize=1)
def _points() -> Points:
    path = default_path()
    return read_points(path) if path.is_file() else ()


def interpolate(points: Points, raw: float) -> float:
    """Piecewise-linear reading of ``points`` (sorted by raw score) at ``raw``."""
    if not points:
        return raw
    xs = [x for x, _ in points]
    i = bisect_right(xs, raw)
    if i == 0:
        return points[0][1]
    if i == len(points):
        return points[-1][1]
    (x0, y0), (x1, y1) = points[i - 1], points[i]
    return y0 if x1 == x0 else y0 + (y1 - y0) * (raw - x0) / (x1 - x0)


def calibrate(raw: float) -> float:
    """The calibrated probability for a raw score (the raw score when no fit is installed)."""
    if _raw_only:
        return raw
    return interpolate(_points(), raw)


@contextmanager
def uncalibrated() -> Iterator[None]:
    """Within this block :func:`calibrate` is the identity: for measuring raw scores."""
    global _raw_only
    _raw_only += 1
    try:
        yield
    finally:
        _raw_only -= 1


def reload() -> None:
    """Forget the loaded points, so that a newly written file is read on the next call."""
    _points.cache_clear()
