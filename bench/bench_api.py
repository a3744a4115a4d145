"""Latency of ``GET /events`` with filters, over HTTP, on a store of 100,000 events.

    python bench/bench_api.py                      # text report
    python bench/bench_api.py --json               # one JSON object
    python bench/bench_api.py --events 200000 --requests 2000 --threads 4

Builds a SQLite store of ``--events`` synthetic events (bulk-inserted into the
tables with the generator of ``bench_store.py``; clusters rebuilt as
``rasad reprocess --clusters`` does), starts ``rasad serve`` on 127.0.0.1 in a
subprocess, and sends a bounded number of requests from this one process
(sequentially, or from a few threads with ``--threads``), each a page of 50
with its total count, as the dashboard's events table asks. Reported: p50,
p95, p99 and max latency overall and per kind of filter, measured at the
client (connection kept alive, so the time is the server's plus loopback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TARGET_P99_MS = 100.0
# Words of the synthetic evidence sentences (bench_store.PHRASES): searches that find something.
PHRASES_WORDS = ["مذكرة تفاهم", "التعاون العسكري", "اتصالا هاتفيا", "الآليات المدرعة", "التمرين المشترك"]


def _bench_store() -> Any:
    """The synthetic data generator and bulk loader of bench_store.py beside this file."""
    spec = importlib.util.spec_from_file_location("bench_store", HERE / "bench_store.py")
    if spec is None or spec.loader is None:
        raise SystemExit("bench: bench_store.py is missing beside this script")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_store(path: Path, n_events: int) -> dict[str, Any]:
    from rasad.store import clusters
    from rasad.store.db import open_store

    gen = _bench_store()
    with open_store(path) as store:
        load_s = gen.bulk_load(store, n_events, max(1, n_events // 5))
        t = time.perf_counter()
        rebuilt = clusters.recompute(store)
        cluster_s = time.perf_counter() - t
        size = store.size_bytes()
    return {"events": n_events, "clusters": rebuilt.clusters, "bulk_load_s": round(load_s, 1),
            "cluster_rebuild_s": round(cluster_s, 1), "store_mb": round(size / 1048576, 1),
            "countries": gen.COUNTRIES}


def request_mix(n: int, countries: list[str], busiest: list[list[str]], seed: int = 3) -> list[tuple[str, dict]]:
    """(kind, query parameters) for ``n`` requests: the filters an analyst combines, in a fixed random order."""
    rng = random.Random(seed)
    types = ["VISIT", "MEET", "CALL", "SIGN", "MIL_COOP", "MIL_AID"]

    def year() -> dict[str, str]:
        start = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(365 * 10))
        return {"from": start.isoformat(), "to": (start + dt.timedelta(days=365)).isoformat()}

    def pair() -> str:
        return ",".join(rng.choice(busiest))

    kinds = [
        ("pair + 1-year range", lambda: {"pair": pair(), **year()}),
        ("pair + type + sector", lambda: {"pair": pair(), "type": rng.sample(types, 2), "sector": "MIL"}),
        ("pair, page 3, by confidence", lambda: {"pair": pair(), "sort": "-confidence", "offset": 100}),
        ("country + 1-year range", lambda: {"country": rng.choice(countries), **year()}),
        ("country + type", lambda: {"country": rng.choice(countries), "type": rng.choice(types)}),
        ("type + 1-year range", lambda: {"type": rng.choice(types), **year()}),
        ("person", lambda: {"person": f"official {rng.randrange(2000)}"}),
        ("evidence words + 1-year range", lambda: {"text": rng.choice(PHRASES_WORDS), **year()}),
        ("outlet + country", lambda: {"source": "وكالة أنباء", "country": rng.choice(countries), **year()}),
        ("no filter, newest first", lambda: {}),
    ]
    out = []
    for i in range(n):
        kind, make = kinds[i % len(kinds)]
        out.append((kind, make()))
    rng.shuffle(out)
    return out


def _percentiles(ms: list[float]) -> dict[str, float]:
    s = sorted(ms)

    def pct(p: float) -> float:
        return round(s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))], 1)

    return {"p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99), "max_ms": round(s[-1], 1),
            "mean_ms": round(statistics.fmean(s), 1), "requests": len(s)}


def run(base: str, mix: list[tuple[str, dict]], threads: int, max_seconds: float) -> dict[str, Any]:
    import httpx

    deadline = time.monotonic() + max_seconds
    local = __import__("threading").local()

    def client() -> httpx.Client:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, timeout=30.0)
        return local.client

    def one(item: tuple[str, dict]) -> tuple[str, float, int] | None:
        if time.monotonic() > deadline:
            return None
        kind, params = item
        t = time.perf_counter()
        r = client().get("/events", params={"limit": 50, **params})
        elapsed = (time.perf_counter() - t) * 1000
        if r.status_code != 200:
            raise SystemExit(f"bench: {r.status_code} for {params}: {r.text[:200]}")
        return kind, elapsed, r.json()["total"]

    for item in mix[:30]:  # warm-up: connection, page cache, the server's first imports
        one(item)
    start = time.perf_counter()
    if threads <= 1:
        results = [one(item) for item in mix]
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            results = list(pool.map(one, mix))
    wall = time.perf_counter() - start
    done = [r for r in results if r is not None]
    by_kind: dict[str, list[float]] = {}
    matched: dict[str, list[int]] = {}
    for kind, ms, total in done:
        by_kind.setdefault(kind, []).append(ms)
        matched.setdefault(kind, []).append(total)
    return {
        "overall": _percentiles([ms for _, ms, _ in done]),
        "requests_per_s": round(len(done) / wall, 1),
        "stopped_early": len(done) < len(mix),
        "by_kind": {k: {**_percentiles(v), "median_matches": int(statistics.median(matched[k]))}
                    for k, v in sorted(by_kind.items())},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000, help="synthetic events in the store (default 100000)")
    ap.add_argument("--requests", type=int, default=1000, help="timed requests (default 1000)")
    ap.add_argument("--threads", type=int, default=1, help="client threads (default 1: one request at a time)")
    ap.add_argument("--max-seconds", type=float, default=300.0, help="stop sending after this long (default 300)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    if not 1 <= args.threads <= 8:
        raise SystemExit("bench: --threads must be between 1 and 8 (a bounded load from one process)")

    from sqlalchemy import func, select

    from rasad.store.db import open_store
    from rasad.store.models import Event
    from rasad.web.testing import live_server

    report: dict[str, Any] = {"python": platform.python_version(), "machine": platform.machine(),
                              "cpus": os.cpu_count(), "backend": "sqlite", "threads": args.threads}
    with tempfile.TemporaryDirectory(prefix="rasad-bench-api-") as tmp:
        db = Path(tmp) / "bench.db"
        _say(args, f"building a store of {args.events} events …")
        built = build_store(db, args.events)
        countries = built.pop("countries")
        report["store"] = built
        with open_store(db) as store, store.read() as conn:
            busiest = [p.split("-") for p, in conn.execute(
                select(Event.pair).group_by(Event.pair).order_by(func.count().desc()).limit(40))]
        _say(args, "starting rasad serve …")
        with live_server(str(db), log=Path(tmp) / "server.log") as base:
            _say(args, f"sending {args.requests} requests to {base} …")
            report["latency"] = run(base, request_mix(args.requests, countries, busiest), args.threads,
                                    args.max_seconds)
    p99 = report["latency"]["overall"]["p99_ms"]
    report["target_p99_ms"] = TARGET_P99_MS
    report["meets_target"] = p99 < TARGET_P99_MS
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return
    lat = report["latency"]
    print(f"store: {built['events']} events, {built['clusters']} merged, {built['store_mb']} MB (SQLite)")
    print(f"GET /events, {lat['overall']['requests']} requests, {args.threads} client thread(s), "
          f"{lat['requests_per_s']} requests/s")
    width = max(len(k) for k in lat["by_kind"])
    print(f"  {'filter':<{width}}  {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}  matches")
    for kind, s in [("all", lat["overall"]), *lat["by_kind"].items()]:
        print(f"  {kind:<{width}}  {s['p50_ms']:>7} {s['p95_ms']:>7} {s['p99_ms']:>7} {s['max_ms']:>7}  "
              f"{s.get('median_matches', '')}")
    print(f"p99 {p99} ms: {'within' if report['meets_target'] else 'OVER'} the {TARGET_P99_MS:.0f} ms target")


def _say(args: argparse.Namespace, message: str) -> None:
    if not args.json:
        print(f"bench: {message}", file=sys.stderr)


if __name__ == "__main__":
    main()
