"""Time of a pair's relationship profile and of area filters, in-process, on a store of synthetic events.

    python bench/bench_profile.py                  # 100,000 events, SQLite, text report
    python bench/bench_profile.py --json
    python bench/bench_profile.py --events 300000 --db postgresql://user:pw@host/scratch   # wipes that database

Builds the store with the generator and bulk loader of ``bench_store.py``
(clusters rebuilt as ``rasad reprocess --clusters`` does; 70% of agreements
and joint activities name one or two areas), then times
:func:`rasad.store.profile.pair_profile` as the API and the pair page call it
(the latest 200 occasions listed; every agreement, activity and visit) for the busiest pair, a pair of
middling size and a quiet one (all years, and one year), and a page of 50
events with its total for ``--area`` alone and with a pair. Warm caches; each
measured several times, the median and the slowest reported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CONTACTS = 200  # occasions listed, as the API and the pair page ask by default


def _bench_store() -> Any:
    spec = importlib.util.spec_from_file_location("bench_store", HERE / "bench_store.py")
    if spec is None or spec.loader is None:
        raise SystemExit("bench: bench_store.py is missing beside this script")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _timed(fn: Callable[[], Any], runs: int) -> dict[str, float]:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1), "runs": runs}


def _pairs_by_size(store: Any) -> list[tuple[str, int]]:
    from sqlalchemy import func, select

    from rasad.store.models import Cluster

    with store.read() as conn:
        rows = conn.execute(select(Cluster.pair, func.count()).group_by(Cluster.pair)
                            .order_by(func.count().desc())).all()
    return [(p, int(n)) for p, n in rows]


def run(url: str, n_events: int, runs: int) -> dict[str, Any]:
    from rasad.store import clusters, queries
    from rasad.store.db import open_store
    from rasad.store.profile import pair_profile
    from rasad.store.queries import EventFilter

    gen = _bench_store()
    if not url.startswith("postgresql"):
        Path(url).unlink(missing_ok=True)
    else:
        gen.reset_postgres(url)
    out: dict[str, Any] = {"events": n_events, "backend": "postgresql" if url.startswith("postgresql") else "sqlite"}
    with open_store(url) as store:
        out["load_s"] = round(gen.bulk_load(store, n_events, max(1, n_events // 5)), 1)
        out["merged_events"] = clusters.recompute(store).clusters
        gen._analyze(store)  # the bulk load analysed the tables before the reports had their merged events
        sizes = _pairs_by_size(store)
        picks = {"busiest pair": sizes[0], "middling pair": sizes[len(sizes) // 4], "quiet pair": sizes[-1]}
        year = (dt.date(2020, 1, 1), dt.date(2020, 12, 31))
        results: dict[str, Any] = {}
        for label, (pair, n) in picks.items():
            a, b = pair.split("-")
            results[f"profile, {label} ({n} merged events)"] = _timed(
                lambda a=a, b=b: pair_profile(store, a, b, max_contacts=CONTACTS), runs)
            results[f"profile, {label}, one year"] = _timed(
                lambda a=a, b=b: pair_profile(store, a, b, *year, max_contacts=CONTACTS), runs)
        busiest = tuple(sizes[0][0].split("-"))

        def page(f: EventFilter) -> None:
            queries.find_events(store, f, limit=50)
            queries.count_events(store, f)

        results["events --area training (page + count)"] = _timed(lambda: page(EventFilter(areas=["training"])), runs)
        results["events --area training --pair (busiest)"] = _timed(
            lambda: page(EventFilter(areas=["training"], pair=busiest)), runs)
        results["events --merged --area maritime (page + count)"] = _timed(
            lambda: (queries.find_clusters(store, EventFilter(areas=["maritime"]), limit=50),
                     queries.count_clusters(store, EventFilter(areas=["maritime"]))), runs)
    out["timings"] = results
    out["machine"] = f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--db", help="a postgresql:// URL of a database that may be wiped (default: a temporary SQLite)")
    ap.add_argument("--json", action="store_true", help="one JSON object instead of the text report")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = run(args.db or str(Path(tmp) / "bench.db"), args.events, args.runs)
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['events']} events, {result['merged_events']} merged, {result['backend']} "
          f"(loaded in {result['load_s']} s), {result['machine']}")
    for label, t in result["timings"].items():
        print(f"  {label:<52} median {t['median_ms']:>8.1f} ms   max {t['max_ms']:>8.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
