"""Fuzz the whole pipeline with thousands of made-up documents, for before a release.

    python bench/fuzz.py                       # 5,000 documents, seed 1
    python bench/fuzz.py --docs 20000 --seed 7 --max-kb 200 --json

Each document is built from the property tests' vocabulary and hostile
characters (tests/strategies.py) in one of several shapes: news-like text,
one run-on sentence, text without spaces, random code points, and a copy of
bench/arabic.py's sentences cut and glued at random. It goes in the way a
JSONL line does (``Document.from_dict``: NUL and surrogates replaced) and
through the pipeline, and is checked as the property tests check it (offsets
in range, evidence holding the trigger). Reported: exceptions (with the
document's number, to replay it with ``--only N``), the slowest time per
100 KB, and how many documents took over ``--limit`` seconds per 100 KB.
Exit status 1 when any document failed or was over the limit.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "bench")]

from arabic import SENTENCES  # noqa: E402
from strategies import SEPARATORS, WORDS  # noqa: E402


def _words(rng: random.Random, n: int, seps: tuple[str, ...]) -> str:
    return "".join(rng.choice(WORDS) + rng.choice(seps) for _ in range(n))


def news(rng: random.Random, size: int) -> str:
    return _words(rng, max(1, size // 7), SEPARATORS)


def run_on(rng: random.Random, size: int) -> str:
    return _words(rng, max(1, size // 7), (" ", " و", "، ", " "))


def no_spaces(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(max(1, size // 6)))


def code_points(rng: random.Random, size: int) -> str:
    def one() -> str:
        r = rng.random()
        if r < 0.6:
            return chr(rng.randrange(0x0600, 0x0700))
        if r < 0.8:
            return rng.choice(" .،\n؟!:؛\"«»()-0123456789")
        return chr(rng.randrange(0, 0x110000))

    return "".join(one() for _ in range(min(size, 20_000)))


def cut_and_glue(rng: random.Random, size: int) -> str:
    text = " ".join(rng.choice(SENTENCES) for _ in range(max(1, size // 90)))
    out = []
    while sum(map(len, out)) < len(text):
        a = rng.randrange(len(text))
        out.append(text[a:a + rng.randrange(1, 400)])
    return rng.choice(["", " ", "\n", "،"]).join(out)


SHAPES: dict[str, Callable[[random.Random, int], str]] = {
    "news": news, "run-on": run_on, "no-spaces": no_spaces, "code-points": code_points, "cut-glue": cut_and_glue,
}


def make(seed: int, n: int, max_kb: int) -> dict:
    rng = random.Random(seed * 1_000_003 + n)
    shape = rng.choice(list(SHAPES))
    # Mostly small documents, with a tail of large ones, as a crawl has.
    size = int(min(max_kb * 1024, rng.paretovariate(1.2) * 600))
    published = rng.choice([None, "2024-03-12", "1800-01-01", "2199-12-31", f"{rng.randrange(1900, 2100)}-02-28"])
    return {"id": f"fuzz-{n}", "shape": shape, "text": SHAPES[shape](rng, size), "published": published,
            "home_country": rng.choice([None, "JOR", "TUN", "EGY"])}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-kb", type=int, default=100, help="largest document, in KB of text")
    ap.add_argument("--limit", type=float, default=1.0, help="seconds per 100 KB above which a document counts as slow")
    ap.add_argument("--only", type=int, help="run only this document number (to replay a failure)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from test_properties import check_analysis

    from rasad.model import Document
    from rasad.pipeline import default_pipeline

    default_pipeline()  # load the knowledge files before the clock starts
    numbers = [args.only] if args.only is not None else range(args.docs)
    failures, slow, worst, chars, total = [], 0, (0.0, -1), 0, 0.0
    for n in numbers:
        raw = make(args.seed, n, args.max_kb)
        shape = raw.pop("shape")
        try:
            doc = Document.from_dict(json.loads(json.dumps(raw)))
        except ValueError:
            continue  # refused with a reason, as the readers would
        start = time.perf_counter()
        try:
            check_analysis(doc)
        except BaseException as exc:  # noqa: BLE001 - TooSlow included: every break is a finding
            failures.append({"doc": n, "shape": shape, "chars": len(doc.text),
                             "error": "".join(traceback.format_exception_only(exc)).strip()})
        elapsed = time.perf_counter() - start
        chars += len(doc.text)
        total += elapsed
        # A document under 100 KB counts as 100 KB: "under a second per 100 KB" for a short one
        # means under a second, not a rate that its fixed costs would inflate.
        per_100k = elapsed / max(len(doc.text), 100_000) * 100_000
        slow += per_100k > args.limit
        worst = max(worst, (per_100k, n))
    result = {"documents": len(numbers), "seed": args.seed, "characters": chars, "seconds": round(total, 2),
              "failures": len(failures), "over_limit": slow, "limit_s_per_100kb": args.limit,
              "worst_s_per_100kb": round(worst[0], 3), "worst_doc": worst[1]}
    if args.json:
        print(json.dumps({**result, "failed": failures[:20]}, ensure_ascii=False))
    else:
        for f in failures[:20]:
            print(f"FAILED doc {f['doc']} ({f['shape']}, {f['chars']} chars): {f['error']}")
        print(" ".join(f"{k}={v}" for k, v in result.items()))
    return 1 if failures or slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
