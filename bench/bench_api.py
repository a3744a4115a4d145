"""Latency of the API and the dashboard over HTTP, on a store of 100,000 events.

    python bench/bench_api.py                      # GET /events, one request at a time
    python bench/bench_api.py --json               # one JSON object
    python bench/bench_api.py --events 200000 --requests 2000 --threads 4
    python bench/bench_api.py --mode dashboard     # 8 analysts for 30 s: pages and filtered GET /events
    python bench/bench_api.py --mode analyze       # 48 concurrent 200 KB POST /analyze while GET /events runs
    python bench/bench_api.py --mode dashboard --db /tmp/bench.db   # reuse (or keep) the synthetic store

``--mode dashboard``: ``--users`` client threads (default 8), each sending,
one after the other with no pause, a random mix of the dashboard's pages
(``/ui/``, ``/ui/events`` filtered and paged, ``/ui/pairs/A/B``,
``/ui/network``, ``/ui/map``, a person's page, a merged event) and filtered
``GET /events``, for ``--seconds`` (default 30). Reported: p50/p95/p99 of
the pages and of ``GET /events`` apart, and every non-200 answer.
Targets: pages p99 < 1 s, ``GET /events`` p99 < 150 ms, no errors.

``--mode analyze``: 48 threads each post a 200 KB Arabic document to
``POST /analyze`` (with the token) again and again for ``--seconds``; while
they do, one thread sends filtered ``GET /events``. Reported: the GET
latency (target p99 < 300 ms), and how many analyses were done and how many
were turned away with 503 (the bounded queue).

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


# -- load modes ------------------------------------------------------------------------------------------

DASH_TARGET_MS = 1000.0
EVENTS_TARGET_MS = 150.0
ANALYZE_GET_TARGET_MS = 300.0
TOKEN = "bench-token-0123456789abcdef"


def dashboard_requests(rng: random.Random, countries: list[str], busiest: list[list[str]],
                       n_persons: int, n_clusters: int) -> tuple[str, str, dict[str, Any]]:
    """(group, path, parameters) of one request an analyst at the dashboard makes."""
    types = ["VISIT", "MEET", "CALL", "SIGN", "MIL_COOP", "MIL_AID"]
    a, b = rng.choice(busiest)
    year = str(rng.randrange(2015, 2025))
    choices: list[tuple[str, str, dict[str, Any]]] = [
        ("page", "/ui/", {}),
        ("page", "/ui/events", {"country": rng.choice(countries), "from": year, "offset": 50 * rng.randrange(3)}),
        ("page", "/ui/events", {"type": rng.sample(types, 2), "from": year, "to": year}),
        ("page", "/ui/events", {"pair": f"{a},{b}", "sort": "-confidence", "offset": 50}),
        ("page", "/ui/events", {}),
        ("page", f"/ui/pairs/{a}/{b}", {}),
        ("page", f"/ui/pairs/{a}/{b}", {"unit": "mentions", "type": rng.choice(types)}),
        ("page", "/ui/network", {}),
        ("page", "/ui/network", {"type": rng.choice(types)}),
        ("page", "/ui/map", {}),
        ("page", f"/ui/persons/{1 + rng.randrange(n_persons)}", {}),
        ("page", f"/ui/clusters/{1 + rng.randrange(n_clusters)}", {}),
        ("events", "/events", {"pair": f"{a},{b}", "from": year, "limit": 50}),
        ("events", "/events", {"country": rng.choice(countries), "type": rng.choice(types), "limit": 50}),
        ("events", "/events", {"type": rng.choice(types), "from": year, "to": year, "limit": 50}),
        ("events", "/events", {"person": f"official {rng.randrange(2000)}", "limit": 50}),
    ]
    return rng.choice(choices)


def _worker(base: str, deadline: float, make: Any, seed: int, out: list[tuple[str, str, float, int]]) -> None:
    import httpx

    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60.0) as client:
        while time.monotonic() < deadline:
            group, path, params = make(rng)
            t = time.perf_counter()
            status = client.get(path, params=params).status_code
            out.append((group, path, (time.perf_counter() - t) * 1000, status))


def run_dashboard(base: str, users: int, seconds: float, make: Any) -> dict[str, Any]:
    import threading

    samples: list[tuple[str, str, float, int]] = []
    _worker(base, time.monotonic() + 3, make, 99, [])  # warm-up: connections, first imports
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=_worker, args=(base, deadline, make, i, samples)) for i in range(users)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    errors = [(p, s) for _, p, _, s in samples if s != 200]
    pages = [ms for g, _, ms, _ in samples if g == "page"]
    events = [ms for g, _, ms, _ in samples if g == "events"]
    by_page: dict[str, list[float]] = {}
    for g, p, ms, _ in samples:
        if g == "page":
            by_page.setdefault(p if p.count("/") < 3 else "/".join(p.split("/")[:3]) + "/…", []).append(ms)
    return {"users": users, "seconds": round(wall, 1), "requests_per_s": round(len(samples) / wall, 1),
            "pages": _percentiles(pages), "events": _percentiles(events), "errors": len(errors),
            "error_examples": errors[:5], "by_page": {k: _percentiles(v) for k, v in sorted(by_page.items())},
            "meets_target": bool(pages and events and not errors and _percentiles(pages)["p99_ms"] < DASH_TARGET_MS
                                 and _percentiles(events)["p99_ms"] < EVENTS_TARGET_MS)}


def big_document(size: int = 200_000) -> str:
    """About ``size`` bytes of Arabic news text: the bundled example articles, repeated."""
    texts = [json.loads(line)["text"] for line in (HERE.parent / "examples" / "articles.jsonl").open(encoding="utf-8")
             if line.strip()]
    out: list[str] = []
    n = 0
    while n < size:
        for t in texts:
            out.append(t)
            n += len(t.encode("utf-8")) + 2
    return "\n\n".join(out)


def run_analyze(base: str, posters: int, seconds: float, make: Any) -> dict[str, Any]:
    import threading

    import httpx

    body = json.dumps({"text": big_document()}, ensure_ascii=False).encode("utf-8")
    counts = {"done": 0, "busy": 0, "other": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def post() -> None:
        with httpx.Client(base_url=base, timeout=300.0) as client:
            while time.monotonic() < deadline:
                r = client.post("/analyze", content=body, headers={"Content-Type": "application/json",
                                                                     "Authorization": f"Bearer {TOKEN}"})
                kind = "done" if r.status_code == 200 else "busy" if r.status_code == 503 else "other"
                with lock:
                    counts[kind] += 1
                if kind == "busy":
                    time.sleep(min(float(r.headers.get("retry-after", 1)), 1.0))

    reads: list[tuple[str, str, float, int]] = []
    threads = [threading.Thread(target=post) for _ in range(posters)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # the posts are in: the pool is full before the reads are timed
    _worker(base, deadline, make, 5, reads)
    for t in threads:
        t.join()
    get_ms = [ms for _, _, ms, _ in reads]
    return {"posters": posters, "body_kb": round(len(body) / 1024), "analyses": counts,
            "get_events": _percentiles(get_ms), "get_errors": sum(1 for *_, s in reads if s != 200),
            "meets_target": bool(get_ms) and _percentiles(get_ms)["p99_ms"] < ANALYZE_GET_TARGET_MS}


def _store_facts(db: Path) -> tuple[list[list[str]], int, int]:
    from sqlalchemy import func, select

    from rasad.store.db import open_store
    from rasad.store.models import Cluster, Event, Person

    with open_store(db) as store, store.read() as conn:
        busiest = [p.split("-") for p, in conn.execute(
            select(Event.pair).group_by(Event.pair).order_by(func.count().desc()).limit(40))]
        persons = conn.execute(select(func.count()).select_from(Person)).scalar_one()
        clusters = conn.execute(select(func.count()).select_from(Cluster)).scalar_one()
    return busiest, int(persons), int(clusters)


def _load_mode(args: argparse.Namespace, db: Path, log: Path, report: dict[str, Any]) -> None:
    from rasad.web.testing import live_server

    busiest, n_persons, n_clusters = _store_facts(db)
    countries = sorted({c for p in busiest for c in p})

    def dash(rng: random.Random) -> tuple[str, str, dict[str, Any]]:
        return dashboard_requests(rng, countries, busiest, n_persons, n_clusters)

    def events_only(rng: random.Random) -> tuple[str, str, dict[str, Any]]:
        while True:
            pick = dash(rng)
            if pick[0] == "events":
                return pick

    with live_server(str(db), log=log, token=TOKEN) as base:
        if args.mode == "dashboard":
            _say(args, f"{args.users} users for {args.seconds:.0f} s on {base} …")
            report["dashboard"] = run_dashboard(base, args.users, args.seconds, dash)
        else:
            _say(args, f"48 posts of 200 KB for {args.seconds:.0f} s, GET /events meanwhile …")
            report["analyze"] = run_analyze(base, 48, args.seconds, events_only)


def _print_load(report: dict[str, Any]) -> None:
    if "dashboard" in report:
        d = report["dashboard"]
        print(f"dashboard mix: {d['users']} users, {d['seconds']} s, {d['requests_per_s']} requests/s, "
              f"{d['errors']} errors")
        for name, s in [("pages", d["pages"]), ("GET /events", d["events"]), *d["by_page"].items()]:
            print(f"  {name:<22} p50 {s['p50_ms']:>7} p95 {s['p95_ms']:>7} p99 {s['p99_ms']:>7} "
                  f"max {s['max_ms']:>7}  n={s['requests']}")
        print(f"targets (pages p99 < {DASH_TARGET_MS:.0f} ms, GET /events p99 < {EVENTS_TARGET_MS:.0f} ms, "
              f"no errors): {'met' if d['meets_target'] else 'NOT MET'}")
    if "analyze" in report:
        a = report["analyze"]
        g = a["get_events"]
        print(f"{a['posters']} posters of {a['body_kb']} KB: {a['analyses']}")
        print(f"  GET /events meanwhile: p50 {g['p50_ms']} p95 {g['p95_ms']} p99 {g['p99_ms']} max {g['max_ms']} "
              f"n={g['requests']}, {a['get_errors']} errors")
        print(f"target (p99 < {ANALYZE_GET_TARGET_MS:.0f} ms): {'met' if a['meets_target'] else 'NOT MET'}")


def _arguments() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mode", choices=("events", "dashboard", "analyze"), default="events",
                    help="events: GET /events latency (default); dashboard: 8 analysts at once; analyze: "
                         "48 POST /analyze at once while GET /events runs")
    ap.add_argument("--events", type=int, default=100_000, help="synthetic events in the store (default 100000)")
    ap.add_argument("--db", type=Path, help="a store file to use (built there first if it does not exist)")
    ap.add_argument("--requests", type=int, default=1000, help="timed requests (events mode; default 1000)")
    ap.add_argument("--threads", type=int, default=1, help="client threads (events mode; default 1)")
    ap.add_argument("--users", type=int, default=8, help="concurrent users (dashboard mode; default 8)")
    ap.add_argument("--seconds", type=float, default=30.0, help="load duration (dashboard, analyze; default 30)")
    ap.add_argument("--max-seconds", type=float, default=300.0, help="stop sending after this long (default 300)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    if not 1 <= args.threads <= 8 or not 1 <= args.users <= 16 or not 1 <= args.seconds <= 120:
        raise SystemExit("bench: --threads 1-8, --users 1-16, --seconds 1-120 (a bounded load from one process)")
    return args


def main() -> None:
    args = _arguments()
    report: dict[str, Any] = {"python": platform.python_version(), "machine": platform.machine(),
                              "cpus": os.cpu_count(), "backend": "sqlite", "mode": args.mode}
    with tempfile.TemporaryDirectory(prefix="rasad-bench-api-") as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            _say(args, f"building a store of {args.events} events in {db} …")
            built = build_store(db, args.events)
            built.pop("countries")
            report["store"] = built
        if args.mode == "events":
            _events_mode(args, db, Path(tmp) / "server.log", report)
        else:
            _load_mode(args, db, Path(tmp) / "server.log", report)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    elif args.mode == "events":
        _print_events(args, report)
    else:
        _print_load(report)


def _events_mode(args: argparse.Namespace, db: Path, log: Path, report: dict[str, Any]) -> None:
    from rasad.web.testing import live_server

    gen = _bench_store()
    busiest, _, _ = _store_facts(db)
    report["threads"] = args.threads
    _say(args, "starting rasad serve …")
    with live_server(str(db), log=log) as base:
        _say(args, f"sending {args.requests} requests to {base} …")
        report["latency"] = run(base, request_mix(args.requests, gen.COUNTRIES, busiest), args.threads,
                                args.max_seconds)
    report["target_p99_ms"] = TARGET_P99_MS
    report["meets_target"] = report["latency"]["overall"]["p99_ms"] < TARGET_P99_MS


def _print_events(args: argparse.Namespace, report: dict[str, Any]) -> None:
    lat = report["latency"]
    p99 = lat["overall"]["p99_ms"]
    if "store" in report:
        built = report["store"]
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
