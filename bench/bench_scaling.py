"""How analysis time grows with document size, for ordinary news text and for one run-on sentence.

    python bench/bench_scaling.py                   # 10 KB … 2 MB, both kinds, a table
    python bench/bench_scaling.py --max-kb 320      # stop earlier
    python bench/bench_scaling.py --dev             # ordinary text from the dev set, read at run time
    python bench/bench_scaling.py --growth 80 320   # which functions grow faster than the text (cProfile)
    python bench/bench_scaling.py --json

Each size runs in a fresh process, so the peak memory reported (``ru_maxrss``)
is that of one document of that size, knowledge files included. Ordinary text
is bench/arabic.py's sentences as paragraphs (or the dev set's texts, joined
and repeated); the run-on text is the same words joined by " و" without a full
stop. Linear cost shows as a flat time per character (CPU time, which other
processes on a shared machine do not inflate as they do the wall clock);
``ratio`` is each size's time per character over the smallest size's.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV_SET = REPO.parent / "shared" / "eval" / "dev" / "gold.jsonl"
SIZES_KB = (10, 20, 50, 100, 200, 500, 1000, 2048)
sys.path.insert(0, str(REPO / "bench"))


def make_text(kind: str, chars: int, dev: bool) -> str:
    from arabic import ordinary, run_on

    if kind == "run-on":
        return run_on(chars)
    if not dev:
        return ordinary(chars)
    texts = [json.loads(line)["text"] for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    joined = "\n".join(texts)
    return (joined * (chars // len(joined) + 1))[:chars]


def peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def one(kind: str, chars: int, dev: bool) -> dict:
    """Analyse one document of ``chars`` characters in this process (called in a child)."""
    from rasad.model import Document
    from rasad.pipeline import default_pipeline

    pipeline = default_pipeline()
    pipeline.run(Document(id="warm-up", text=make_text("ordinary", 2000, False)))
    doc = Document(id=f"{kind}-{chars}", text=make_text(kind, chars, dev))
    start, cpu_start = time.perf_counter(), time.process_time()
    analysis = pipeline.run(doc)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    # CPU seconds beside wall seconds: on a shared machine the wall clock counts other processes' turns.
    return {"kind": kind, "chars": chars, "seconds": round(elapsed, 3), "cpu_seconds": round(cpu, 3),
            "us_per_char": round(cpu / chars * 1e6, 2), "sentences": len(analysis.sentences),
            "events": len(analysis.events), "peak_mb": round(peak_mb(), 1)}


def in_child(kind: str, chars: int, dev: bool) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, str(chars)] + (["--dev"] if dev else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def growth(small_kb: int, large_kb: int, dev: bool, top: int) -> None:
    """cProfile self time per function at two sizes; a linear function grows as the text does."""
    import cProfile
    import pstats

    from rasad.model import Document
    from rasad.pipeline import default_pipeline

    pipeline = default_pipeline()
    pipeline.run(Document(id="warm-up", text=make_text("ordinary", 2000, False)))
    factor = large_kb / small_kb
    for kind in ("ordinary", "run-on"):
        profiles = []
        for kb in (small_kb, large_kb):
            prof = cProfile.Profile()
            doc = Document(id="x", text=make_text(kind, kb * 1024, dev))
            prof.enable()
            pipeline.run(doc)
            prof.disable()
            profiles.append({f"{Path(fn).name}:{line}:{name}": (tt, nc)
                             for (fn, line, name), (_, nc, tt, _, _) in pstats.Stats(prof).stats.items()
                             if "/rasad/" in fn})
        small, large = profiles
        rows = sorted(((large[k][0] / max(small[k][0], 1e-6), k) for k in large
                       if k in small and large[k][0] > 0.02), reverse=True)
        print(f"{kind}: self time {small_kb} KB -> {large_kb} KB (linear = x{factor:g})")
        for ratio, k in rows[:top]:
            print(f"  x{ratio:6.1f}  {small[k][0]:7.3f} s -> {large[k][0]:7.3f} s  calls {small[k][1]} -> "
                  f"{large[k][1]}  {k}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--max-kb", type=int, default=2048)
    ap.add_argument("--dev", action="store_true", help="ordinary text from the dev set (read, never copied)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--growth", nargs=2, type=int, metavar=("SMALL_KB", "LARGE_KB"))
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--child", nargs=2, metavar=("KIND", "CHARS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.dev and not DEV_SET.is_file():
        ap.error(f"{DEV_SET} is absent")
    if args.child:
        print(json.dumps(one(args.child[0], int(args.child[1]), args.dev)))
        return 0
    if args.growth:
        growth(*args.growth, args.dev, args.top)
        return 0
    results = []
    for kind in ("ordinary", "run-on"):
        base = None
        for kb in (k for k in SIZES_KB if k <= args.max_kb):
            r = in_child(kind, kb * 1024, args.dev)
            base = base or r["us_per_char"]
            r["ratio"] = round(r["us_per_char"] / base, 2)
            results.append(r)
            if not args.json:
                print(f"{kind:9} {kb:5} KB  {r['seconds']:8.3f} s  cpu {r.get('cpu_seconds', 0):8.3f} s  "
                      f"{r['us_per_char']:7.2f} us/char  "
                      f"x{r['ratio']:<5}  {r['sentences']:6} sentences  {r['events']:4} events  "
                      f"peak {r['peak_mb']:6.1f} MB", flush=True)
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
