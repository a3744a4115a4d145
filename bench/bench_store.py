"""Throughput and latency of the event store.

    python bench/bench_store.py                  # text report
    python bench/bench_store.py --json           # one JSON object
    python bench/bench_store.py --docs 2000 --events 100000   # a quick look

Two parts, on SQLite and, when ``RASAD_TEST_PG_URL`` names a PostgreSQL
database that may be wiped, on PostgreSQL too:

1. **Ingest.** The dev set (``../shared/eval/dev/gold.jsonl`` beside the
   repository; the bundled examples when it is absent) repeated to at least
   ``--docs`` documents, each copy with its own id, URL, outlet, publication
   date (shifted, so relative dates move with it) and a closing sentence of
   its own (so that no two share a content hash), ingested with the real
   pipeline in this process, in batched transactions. Reported: documents/s overall and
   for the storing alone (pipeline time taken out), the rate of a second pass
   that finds every document already stored, and the store's size.
2. **Queries at scale.** ``--events`` synthetic events (default 1,000,000) on
   200,000 synthetic documents, bulk-inserted straight into the tables (the
   pipeline would take hours to produce them), clusters rebuilt with
   ``rasad reprocess --clusters``'s code, then the latency (p50, p99) of what
   ``rasad events`` runs for a pair + date-range filter (page and count), of
   other filters, and of ``rasad stats`` for a pair and for a country.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEV_SET = REPO.parent / "shared" / "eval" / "dev" / "gold.jsonl"
EXAMPLES = REPO / "examples" / "articles.jsonl"
PG_ENV = "RASAD_TEST_PG_URL"

OUTLETS = [f"وكالة أنباء {n}" for n in ("الشرق", "الغرب", "الخليج", "المغرب", "النيل", "الرافدين", "الشام")] + [
    f"صحيفة {n}" for n in ("الصباح", "المساء", "الأمة", "الوطن", "الحياة", "الفجر", "اليوم", "الغد")] + [
    f"قناة {n}" for n in ("الخبر", "الحدث", "العالم", "البلاد", "الأفق")] + [
    f"موقع {n}" for n in ("المرصد", "الدفاع", "السياسة", "الإقليم", "المنطقة")]
COUNTRIES = ["JOR", "EGY", "SAU", "ARE", "QAT", "KWT", "OMN", "BHR", "IRQ", "SYR", "LBN", "PSE", "YEM", "LBY",
             "TUN", "DZA", "MAR", "MRT", "SDN", "SOM", "TUR", "IRN", "PAK", "IND", "CHN", "RUS", "USA", "GBR",
             "FRA", "ITA", "DEU", "ESP", "GRC", "CYP", "ETH", "NGA", "NATO", "ARL", "GCC", "UNO"]
TYPES = [("VISIT", "042", "CONSULT", "visit", 1.9), ("MEET", "040", "CONSULT", None, 1.0),
         ("MEET", "043", "CONSULT", None, 2.8), ("CALL", "041", "CONSULT", "phone", 1.0),
         ("SIGN", "057", "SUPPORT", None, 8.0), ("MIL_COOP", "062", "COOPERATE", None, 7.4),
         ("MIL_AID", "072", "AID", None, 8.3)]
PLACES = ["Amman", "Cairo", "Riyadh", "Abu Dhabi", "Doha", "Kuwait City", "Muscat", "Manama", "Baghdad", "Beirut",
          "Tripoli", "Benghazi", "Tunis", "Algiers", "Rabat", "Nouakchott", "Khartoum", "Ankara", "Islamabad",
          "Moscow", "Washington", "London", "Paris", "Rome", "Berlin", "Madrid", "Athens", "Nicosia", "Jeddah"]
PHRASES = ["بحث الجانبان سبل تعزيز التعاون العسكري", "وقع الطرفان مذكرة تفاهم في مجال التدريب",
           "استقبل الوزير نظيره في مقر الوزارة", "أجرى اتصالا هاتفيا تناول العلاقات الثنائية",
           "سلم الجانب الأول دفعة من الآليات المدرعة", "انطلقت فعاليات التمرين المشترك"]


# -- part 1: ingest ---------------------------------------------------------------


def base_documents() -> tuple[list[Any], str | None]:
    from rasad.io.readers import ReadError, read_documents

    corpus = DEV_SET if DEV_SET.is_file() else EXAMPLES
    note = None if corpus == DEV_SET else f"{DEV_SET} is absent: the bundled examples stand in for the dev set"
    docs = [d for d in read_documents([corpus]) if not isinstance(d, ReadError)]
    if not docs:
        raise SystemExit(f"bench: no readable documents in {corpus}")
    return docs, note


def varied(base: list[Any], n: int, seed: int = 7) -> list[Any]:
    """``n`` documents from ``base``: own id, URL, outlet, date and closing sentence for each copy."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        d = base[i % len(base)]
        shift = dt.timedelta(days=rng.randint(-1500, 300))
        published = (d.published or dt.date(2024, 1, 1)) + shift
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        text = d.text + f"\nوذكرت {outlet} أن عدد الحضور بلغ {i} شخصا."
        url = f"https://outlet{OUTLETS.index(outlet)}.example/{published:%Y/%m/%d}/{i}" if i % 2 else None
        out.append(dataclasses.replace(d, id=f"{d.id}#{i}", text=text, published=published, source=outlet, url=url))
    return out


class TimedPipeline:
    """The default pipeline, with the time it spends counted (so storing can be timed on its own)."""

    def __init__(self) -> None:
        from rasad.pipeline import default_pipeline

        self.inner = default_pipeline()
        self.seconds = 0.0

    def run(self, doc: Any) -> Any:
        start = time.perf_counter()
        try:
            return self.inner.run(doc)
        finally:
            self.seconds += time.perf_counter() - start


def bench_ingest(url: str, docs: list[Any]) -> dict[str, Any]:
    from rasad.store.db import open_store
    from rasad.store.ingest import Ingestor, stored_counts

    with open_store(url) as store:
        pipeline = TimedPipeline()
        for d in docs[:50]:  # warm-up: lexicon loading and caches, outside the clock
            pipeline.run(d)
        pipeline.seconds = 0.0
        start = time.perf_counter()
        first = Ingestor(store, pipeline).ingest(docs)
        elapsed = time.perf_counter() - start
        start = time.perf_counter()
        second = Ingestor(store, pipeline).ingest(docs)
        again = time.perf_counter() - start
        counts = stored_counts(store)
        size = store.size_bytes()
    storing = elapsed - pipeline.seconds
    return {
        "documents": len(docs), "new": first.new, "failed": first.failed, "events": counts["events"],
        "clusters": counts["clusters"], "seconds": round(elapsed, 2),
        "docs_per_s": round(len(docs) / elapsed, 1),
        "pipeline_seconds": round(pipeline.seconds, 2),
        "store_only_docs_per_s": round(len(docs) / storing, 1) if storing > 0 else None,
        "duplicate_pass_docs_per_s": round(len(docs) / again, 1), "duplicates_found": second.duplicate,
        "store_bytes": size, "store_mb": round(size / 1048576, 1),
        "kb_per_document": round(size / len(docs) / 1024, 1),
    }


# -- part 2: queries over a million events ---------------------------------------------


def _weights(n: int, s: float = 1.1) -> list[float]:
    return [1 / (i + 1) ** s for i in range(n)]


def synthetic_rows(n_events: int, n_docs: int, seed: int = 11) -> Iterator[tuple[str, dict[str, Any]]]:
    """("document" | "event" | "person" | "event_person", row) in insertion order."""
    from rasad.store.normal import fold, pair_key

    rng = random.Random(seed)
    # Its own generator: the content of agreements leaves the rest of the data as it was.
    content_rng = random.Random(seed + 1)
    pairs = [(a, b) for i, a in enumerate(COUNTRIES) for b in COUNTRIES[i + 1:]]
    rng.shuffle(pairs)
    pair_w = _weights(len(pairs))  # a few pairs carry much of the news, as in life
    start_day = dt.date(2015, 1, 1)
    span = (dt.date(2025, 12, 31) - start_day).days
    now = dt.datetime(2026, 1, 1)
    for p in range(2000):
        yield "person", {"id": p + 1, "key": f"person {p}|X", "name": f"مسؤول رقم {p}", "name_en": f"Official {p}",
                         "name_norm": fold(f"مسؤول رقم {p}"), "name_en_norm": f"official {p}", "country": None}
    per_doc = max(1, round(n_events / n_docs))
    remaining = n_events
    event_id = 0
    for doc_id in range(1, n_docs + 1):
        published = start_day + dt.timedelta(days=rng.randrange(span))
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        k = remaining if doc_id == n_docs else min(remaining, rng.randint(max(1, per_doc - 2), per_doc + 2))
        remaining -= k
        text = f"نص اصطناعي رقم {doc_id}"
        yield "document", {
            "id": doc_id, "key": f"sha256:{hashlib.sha256(text.encode()).hexdigest()}",
            "content_hash": hashlib.sha256(text.encode()).hexdigest(), "doc_id": f"synthetic-{doc_id}",
            "url": None, "origin": "bench", "title": None, "published": published, "outlet": outlet,
            "outlet_norm": fold(outlet), "home_country": None, "text": text, "ingested_at": now, "analysed_at": now,
            "analyser": "bench", "n_events": k}
        for ordinal in range(k):
            event_id += 1
            a, b = rng.choices(pairs, weights=pair_w)[0]
            type_, cameo, plover, mode, gold = TYPES[rng.randrange(len(TYPES))]
            if rng.random() < 0.5:
                a, b = b, a
            undated = rng.random() < 0.05
            day = published - dt.timedelta(days=rng.choice((0, 0, 1, 1, 2, 3)))
            phrase = PHRASES[rng.randrange(len(PHRASES))]
            pa, pb = (a, b) if type_ in ("VISIT", "MIL_AID") else tuple(sorted((a, b)))
            content = _content(content_rng, type_)
            yield "event", {
                "id": event_id, "document_id": doc_id, "ordinal": ordinal, "type": type_, "cameo": cameo,
                "plover": plover, "plover_mode": mode, "source_country": a, "source_sector": rng.choice(
                    ("MIL", "GOV", "GOV", "SEC")), "source_text": None, "target_country": b,
                "target_sector": rng.choice(("MIL", "GOV", "GOV", "SEC")), "target_text": None,
                "pair_a": pa, "pair_b": pb, "pair": pair_key(a, b), "location_country": rng.choice((a, b)),
                "place_id": rng.randrange(1, len(PLACES) + 1) if rng.random() < 0.6 else None,
                "date": None if undated else day.isoformat(), "date_start": None if undated else day,
                "date_end": None if undated else day, "ref_date": published if undated else day,
                "confidence": round(rng.uniform(0.5, 0.95), 3), "goldstein": gold, "trigger": None,
                "evidence": [{"start": 0, "end": len(text)}], "evidence_text": phrase, "evidence_norm": fold(phrase),
                **content, "cluster_id": None}
            for area in content["areas"] or ():
                yield "event_area", {"event_id": event_id, "area": area}
            if rng.random() < 0.3:
                yield "event_person", {"event_id": event_id, "person_id": rng.randrange(1, 2001), "role": "minister",
                                       "sector": "GOV"}


AREA_CHOICES = ["training", "exercises", "maritime", "intelligence", "defence_industry", "arms", "counterterrorism"]


def _content(rng: random.Random, type_: str) -> dict[str, Any]:
    """What agreements and cooperation are about, and a visit's level, for the event columns."""
    areas = rng.sample(AREA_CHOICES, rng.randint(1, 2)) if type_ in ("SIGN", "MIL_COOP") and rng.random() < 0.7 \
        else None
    return {"areas": areas, "instrument": rng.choice(("agreement", "memorandum")) if type_ == "SIGN" else None,
            "first": type_ == "VISIT" and rng.random() < 0.05, "level": "minister" if type_ == "VISIT" else None,
            "duration_days": None, "content_evidence": None}


def bulk_load(store: Any, n_events: int, n_docs: int) -> float:
    """Insert the synthetic rows straight into the tables; returns the seconds it took."""
    from sqlalchemy import insert, text

    from rasad.store import models

    tables = {"document": models.Document.__table__, "event": models.Event.__table__,
              "person": models.Person.__table__, "event_person": models.EventPerson.__table__,
              "event_area": models.EventArea.__table__}
    start = time.perf_counter()
    with store.write() as conn:
        for i, name in enumerate(PLACES, 1):
            conn.execute(insert(models.Place.__table__).values(id=i, key=f"|{name}", name=name, country=None))
        if store.is_sqlite:
            buffers: dict[str, list[dict[str, Any]]] = {k: [] for k in tables}
            order = ("person", "document", "event", "event_person", "event_area")  # parents before children
            for kind, row in synthetic_rows(n_events, n_docs):
                buffers[kind].append(row)
                if len(buffers["event"]) >= 20000:
                    for k in order:
                        if buffers[k]:
                            conn.execute(insert(tables[k]), buffers[k])
                            buffers[k] = []
            for k in order:
                if buffers[k]:
                    conn.execute(insert(tables[k]), buffers[k])
        else:
            _pg_copy(conn, tables, n_events, n_docs)
            for t in ("documents", "events", "persons", "places"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), "
                                  f"(SELECT MAX(id) FROM {t}))"))
    _analyze(store)
    return time.perf_counter() - start


def _analyze(store: Any) -> None:
    from sqlalchemy import text

    if store.is_sqlite:
        with store.write() as conn:
            conn.execute(text("ANALYZE"))
    else:
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))


_JSON_COLUMNS = frozenset({"evidence", "areas", "content_evidence"})


def _pg_copy(conn: Any, tables: dict[str, Any], n_events: int, n_docs: int) -> None:
    """COPY is PostgreSQL's bulk path; rows are streamed table by table in dependency order."""
    raw = conn.connection.driver_connection
    rows = list(synthetic_rows(n_events, n_docs))
    for kind in ("person", "document", "event", "event_person", "event_area"):
        table = tables[kind]
        cols = [c.name for c in table.columns]
        with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy:
            for k, row in rows:
                if k == kind:
                    copy.write_row([json.dumps(row[c]) if c in _JSON_COLUMNS and row[c] is not None else row[c]
                                    for c in cols])
    del rows


def _percentiles(samples: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples)
    return {"p50_ms": round(statistics.median(ms), 2), "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 2),
            "max_ms": round(ms[-1], 2), "runs": len(ms)}


def _time(fn: Callable[[], Any], params: list[Any]) -> dict[str, float]:
    for p in params[:5]:  # warm the caches, as a working store's would be
        fn(p)
    samples = []
    for p in params:
        t = time.perf_counter()
        fn(p)
        samples.append(time.perf_counter() - t)
    return _percentiles(samples)


def bench_queries(url: str, n_events: int, n_docs: int, runs: int, seed: int = 5) -> dict[str, Any]:
    from sqlalchemy import func, select

    from rasad.store import clusters, models, queries
    from rasad.store.db import open_store
    from rasad.store.queries import EventFilter

    rng = random.Random(seed)
    out: dict[str, Any] = {"events": n_events, "documents": n_docs}
    with open_store(url) as store:
        out["bulk_load_s"] = round(bulk_load(store, n_events, n_docs), 1)
        t = time.perf_counter()
        rebuilt = clusters.recompute(store)
        out["cluster_rebuild_s"] = round(time.perf_counter() - t, 1)
        out["clusters"] = rebuilt.clusters
        out["multi_source_clusters"] = rebuilt.multi_source
        # The rebuild rewrote every event row; measure the steady state that
        # PostgreSQL's autovacuum would reach (fresh visibility map and statistics).
        _analyze(store)
        out["store_mb"] = round(store.size_bytes() / 1048576, 1)
        with store.read() as conn:
            top = conn.execute(select(models.Event.pair, func.count()).group_by(models.Event.pair)
                               .order_by(func.count().desc()).limit(60)).all()
        out["busiest_pair"] = {"pair": top[0][0], "events": top[0][1]}
        pairs = [tuple(p.split("-")) for p, _ in top]

        def window() -> tuple[dt.date, dt.date]:
            start = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(365 * 10))
            return start, start + dt.timedelta(days=365)

        def events_page(f: EventFilter) -> None:
            # What `rasad events` runs: one page in date order, and the count for its header line.
            queries.find_events(store, f, sort="-date", limit=50)
            queries.count_events(store, f)

        pair_filters = [EventFilter(pair=rng.choice(pairs), date_from=(w := window())[0], date_to=w[1])
                        for _ in range(runs)]
        busiest = tuple(top[0][0].split("-"))
        busiest_filters = [EventFilter(pair=busiest, date_from=(w := window())[0], date_to=w[1]) for _ in range(runs)]
        out["latency"] = {
            "events: pair + 1-year range (page of 50 + count)": _time(events_page, pair_filters),
            "events: busiest pair + 1-year range": _time(events_page, busiest_filters),
            "events: pair + range + type + sector": _time(events_page, [
                dataclasses.replace(f, types=["MEET", "VISIT"], sectors=["MIL"]) for f in pair_filters]),
            "events: country + 1-year range": _time(events_page, [
                EventFilter(countries=[rng.choice(COUNTRIES)], date_from=(w := window())[0], date_to=w[1])
                for _ in range(max(20, runs // 5))]),
            "events: person + pair": _time(events_page, [
                EventFilter(person=f"official {rng.randrange(2000)}", pair=rng.choice(pairs))
                for _ in range(max(20, runs // 5))]),
            "events --merged: pair + 1-year range": _time(
                lambda f: (queries.find_clusters(store, f, limit=50), queries.count_clusters(store, f)),
                pair_filters),
            "stats: pair, all months": _time(lambda f: queries.stats(store, f),
                                             [EventFilter(pair=rng.choice(pairs)) for _ in range(runs)]),
            "stats: country, all months": _time(lambda f: queries.stats(store, f),
                                                [EventFilter(countries=[rng.choice(COUNTRIES)])
                                                 for _ in range(max(20, runs // 5))]),
            "stats --mentions: pair": _time(lambda f: queries.stats(store, f, mentions=True),
                                            [EventFilter(pair=rng.choice(pairs)) for _ in range(runs)]),
            "events: free text alone (full scan)": _time(events_page, [EventFilter(text="مذكرة تفاهم")] * 5),
        }
        a, b = pairs[1]
        f = pair_filters[0]
        cmd = [sys.executable, "-m", "rasad.cli", "events", "--db", url, "--pair", a, b,
               "--from", f.date_from.isoformat(), "--to", f.date_to.isoformat()]
        walls = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True)
            walls.append(time.perf_counter() - t)
        out["cli_events_wall_ms_median"] = round(statistics.median(walls) * 1000, 1)
    return out


# -- driver ------------------------------------------------------------------------


def reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    from rasad.store.db import resolve_url

    engine = create_engine(resolve_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=20000, help="documents to ingest (default 20000)")
    ap.add_argument("--events", type=int, default=1_000_000, help="synthetic events for the query part")
    ap.add_argument("--queries", type=int, default=200, help="runs per timed query")
    ap.add_argument("--skip-ingest", action="store_true")
    ap.add_argument("--skip-queries", action="store_true")
    ap.add_argument("--no-postgres", action="store_true", help=f"ignore ${PG_ENV}")
    ap.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()

    pg = None if args.no_postgres else os.environ.get(PG_ENV)
    sqlite = not args.no_sqlite
    report: dict[str, Any] = {"python": platform.python_version(), "machine": platform.machine(),
                              "cpus": os.cpu_count(),
                              "backends": (["sqlite"] if sqlite else []) + (["postgresql"] if pg else [])}
    with tempfile.TemporaryDirectory(prefix="rasad-bench-") as tmp:
        if not args.skip_ingest:
            base, note = base_documents()
            docs = varied(base, max(args.docs, len(base)))
            report["ingest_corpus"] = {"distinct": len(base), "documents": len(docs), "note": note}
            if sqlite:
                report["ingest_sqlite"] = bench_ingest(str(Path(tmp) / "ingest.db"), docs)
                _progress(args, "ingest sqlite", report["ingest_sqlite"])
            if pg:
                reset_postgres(pg)
                report["ingest_postgresql"] = bench_ingest(pg, docs)
                _progress(args, "ingest postgresql", report["ingest_postgresql"])
        if not args.skip_queries:
            n_docs = max(1, args.events // 5)
            if sqlite:
                report["queries_sqlite"] = bench_queries(str(Path(tmp) / "million.db"), args.events, n_docs,
                                                         args.queries)
                _progress(args, "queries sqlite", report["queries_sqlite"])
            if pg:
                reset_postgres(pg)
                report["queries_postgresql"] = bench_queries(pg, args.events, n_docs, args.queries)
                _progress(args, "queries postgresql", report["queries_postgresql"])
                reset_postgres(pg)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(json.dumps(report, ensure_ascii=False, indent=2))


def _progress(args: argparse.Namespace, what: str, result: dict[str, Any]) -> None:
    if not args.json:
        print(f"bench: {what} done", file=sys.stderr)


if __name__ == "__main__":
    main()
