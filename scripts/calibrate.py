"""How far an event's confidence can be trusted: a reliability table on the dev set, and a
fitted mapping from the raw score to the probability that the event is right.

usage: python scripts/calibrate.py [GOLD.jsonl] [--markdown] [--fit [--method isotonic|platt]]
                                   [--bins N] [--out calibration.yaml]

A predicted event counts as right when ``../shared/eval/score.py`` matches it to a gold
event (same type, same pair of states, direction for VISIT and MIL_AID). ``--fit`` fits on
the raw scores (the pipeline run with calibration switched off) and writes the points to
``src/rasad/lexicon/data/calibration.yaml``, which ``rasad.calibration.calibrate`` reads.
Without ``../shared`` beside the project there is nothing to measure: exit 0 with a note.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from devset import DEV_GOLD, ROOT, SCORER, exit_if_absent, load_scorer, run

from rasad.calibration import FILE_NAME, Points, interpolate, read_points, uncalibrated

BUCKETS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.0))
HIGH = 0.8  # the threshold an analyst filters on: at least this share of such events must be correct
DEFAULT_OUT = ROOT / "src" / "rasad" / "lexicon" / "data" / FILE_NAME

Sample = tuple[float, bool]  # (confidence, matched by the scorer)


# --------------------------------------------------------------------------- measuring


def samples(gold: Path) -> list[Sample]:
    scorer = load_scorer(SCORER)
    out: list[Sample] = []
    for doc in run(gold, scorer):
        for event in doc.pred:
            if event.get("type") in scorer.TYPES:
                out.append((float(event["confidence"]), doc.is_matched(event)))
    return out


def bucket_of(conf: float) -> int:
    for i, (lo, hi) in enumerate(BUCKETS):
        if lo <= conf < hi:
            return i
    return len(BUCKETS) - 1 if conf >= BUCKETS[-1][1] else 0


def reliability(data: Sequence[Sample]) -> list[tuple[str, int, int, float | None, float | None]]:
    """(bucket, events, correct, share correct, mean confidence) per bucket."""
    rows = []
    for i, (lo, hi) in enumerate(BUCKETS):
        inside = [(c, ok) for c, ok in data if bucket_of(c) == i]
        n, k = len(inside), sum(ok for _, ok in inside)
        mean = sum(c for c, _ in inside) / n if n else None
        rows.append((f"{lo:.1f}–{hi:.1f}", n, k, k / n if n else None, mean))
    return rows


def high_share(data: Sequence[Sample]) -> tuple[int, float | None]:
    high = [ok for c, ok in data if c >= HIGH]
    return len(high), (sum(high) / len(high) if high else None)


def brier(data: Sequence[Sample]) -> float:
    return sum((c - ok) ** 2 for c, ok in data) / len(data) if data else 0.0


def table(data: Sequence[Sample], markdown: bool, title: str) -> str:
    def pct(x: float | None) -> str:
        return "—" if x is None else f"{x:.3f}"

    rows = reliability(data)
    n_high, share = high_share(data)
    right = sum(ok for _, ok in data)
    lines = []
    if markdown:
        lines += [f"**{title}**", "", "| confidence | events | correct | share correct | mean confidence |",
                  "|---|---|---|---|---|"]
        lines += [f"| {b} | {n} | {k} | {pct(s)} | {pct(m)} |" for b, n, k, s, m in rows]
        lines += [f"| **all** | {len(data)} | {right} | {pct(right / len(data) if data else None)} | |", ""]
        lines.append(f"Confidence ≥ {HIGH}: {n_high} events, share correct **{pct(share)}**. "
                     f"Brier score {brier(data):.3f}.")
    else:
        lines += [title, f"{'confidence':<12}{'events':>8}{'correct':>9}{'share':>8}{'mean':>8}"]
        lines += [f"{b:<12}{n:>8}{k:>9}{pct(s):>8}{pct(m):>8}" for b, n, k, s, m in rows]
        lines.append(f"{'all':<12}{len(data):>8}{right:>9}{pct(right / len(data) if data else None):>8}")
        lines.append(f"confidence >= {HIGH}: {n_high} events, share correct {pct(share)}; "
                     f"Brier score {brier(data):.3f}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- fitting


def pool_adjacent_violators(ys: Sequence[float], weights: Sequence[float]) -> list[float]:
    """The non-decreasing sequence closest to ``ys`` in weighted least squares."""
    blocks: list[list[float]] = []  # [mean, weight, length]
    for y, w in zip(ys, weights, strict=True):
        blocks.append([y, w, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            y2, w2, n2 = blocks.pop()
            y1, w1, n1 = blocks.pop()
            blocks.append([(y1 * w1 + y2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    out: list[float] = []
    for y, _, n in blocks:
        out.extend([y] * int(n))
    return out


def fit_isotonic(data: Sequence[Sample], bins: int) -> Points:
    """Isotonic regression over the means of equal-count bins of the raw score.

    Each bin's share right is shrunk towards one half ((right + 1) / (n + 2)): a bin of five
    events that were all right is evidence of a high score, not of certainty.
    """
    ordered = sorted(data)
    if not ordered:
        return ()
    size = max(1, math.ceil(len(ordered) / bins))
    groups: list[list[Sample]] = []
    for s in ordered:
        # Equal scores stay in one bin: a mapping cannot tell them apart.
        if groups and (len(groups[-1]) < size or groups[-1][-1][0] == s[0]):
            groups[-1].append(s)
        else:
            groups.append([s])
    xs = [sum(c for c, _ in g) / len(g) for g in groups]
    ys = [(sum(ok for _, ok in g) + 1) / (len(g) + 2) for g in groups]
    fitted = pool_adjacent_violators(ys, [len(g) for g in groups])
    points: list[tuple[float, float]] = []
    for x, y in zip(xs, fitted, strict=True):
        x, y = round(x, 3), round(y, 3)
        if points and x <= points[-1][0]:
            continue
        points.append((x, y))
    return tuple(points)


def fit_platt(data: Sequence[Sample], steps: int = 50) -> Points:
    """p = 1 / (1 + exp(-(a·raw + b))) by Newton's method on the log loss, read at every 0.05.

    A small ridge on ``a`` keeps the steps finite when the scores separate right from wrong.
    """
    a, b, ridge = 0.0, 0.0, 1e-3
    for _ in range(steps):
        ga = gb = haa = hab = hbb = 0.0
        for x, ok in data:
            p = 1.0 / (1.0 + math.exp(-(a * x + b)))
            r, w = p - ok, p * (1.0 - p)
            ga, gb = ga + r * x, gb + r
            haa, hab, hbb = haa + w * x * x, hab + w * x, hbb + w
        ga, haa = ga + ridge * a, haa + ridge
        det = haa * hbb - hab * hab
        if abs(det) < 1e-12:
            break
        da, db = (hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-9:
            break
    # A score that does not rise with correctness cannot be mapped monotonically: flat then.
    if a < 0:
        a, b = 0.0, math.log(max(1e-6, sum(ok for _, ok in data)) / max(1e-6, sum(not ok for _, ok in data)))
    points = []
    for i in range(21):
        x = i / 20
        points.append((round(x, 3), round(1.0 / (1.0 + math.exp(-(a * x + b))), 3)))
    return tuple(points)


def write_points(path: Path, points: Points, method: str, events: int) -> None:
    lines = [
        "# Raw extraction score -> probability that the event is right (matched by the evaluation",
        "# scorer on the dev set). Written by scripts/calibrate.py --fit; read by rasad.calibration,",
        "# linearly between points and flat beyond the ends. Refit rather than edit by hand.",
        f"method: {method}",
        f"events: {events}",
        "points:",
    ]
    lines += [f"  - [{x:.3f}, {y:.3f}]" for x, y in points]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def mapped(data: Sequence[Sample], f: Callable[[float], float]) -> list[Sample]:
    return [(f(c), ok) for c, ok in data]


# --------------------------------------------------------------------------- command


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", type=Path, default=DEV_GOLD)
    ap.add_argument("--markdown", action="store_true", help="print the tables as Markdown (docs/quality.md)")
    ap.add_argument("--fit", action="store_true", help="fit the mapping on raw scores and write it")
    ap.add_argument("--method", choices=("isotonic", "platt"), default="isotonic")
    ap.add_argument("--bins", type=int, default=8, help="isotonic: number of equal-count bins")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"where --fit writes (default: {FILE_NAME})")
    args = ap.parse_args(argv)
    exit_if_absent(args.gold, SCORER)

    current = samples(args.gold)
    with uncalibrated():
        raw = samples(args.gold)
    same = [c for c, _ in current] == [c for c, _ in raw]
    print(table(current, args.markdown, "Confidence as the pipeline reports it"
                + ("" if same else " (calibrated)")))
    if not same:
        print()
        print(table(raw, args.markdown, "Raw scores (calibration switched off)"))
    if not args.fit:
        return 0

    points = fit_isotonic(raw, args.bins) if args.method == "isotonic" else fit_platt(raw)
    write_points(args.out, points, args.method, len(raw))
    read_points(args.out)  # what calibration.py will read must parse
    from rasad.lexicon.check_grammar import check_calibration

    problems = [str(i) for i in check_calibration(args.out)]
    print()
    print(table(mapped(raw, lambda c: interpolate(points, c)), args.markdown,
                f"Raw scores through the fitted mapping ({args.method}, {len(points)} points)"))
    print(f"\nwrote {args.out}", file=sys.stderr)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
