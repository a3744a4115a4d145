"""Every core, Spark, and the store: one set of documents through each way of running rasad.

    python bench/bench_scale.py                    # 20,000 documents, text report
    python bench/bench_scale.py --json             # one JSON object
    python bench/bench_scale.py --docs 2000 --no-spark   # a quick look

The dev set (``../shared/eval/dev/gold.jsonl`` beside the repository, read at run
time; the bundled examples when it is absent) repeated to ``--docs`` documents,
each copy with its own id, URL, outlet, date and closing sentence (as
``bench_store.py`` makes them, so the store keeps every one), written to a
temporary JSONL file and run through, each in fresh processes:

1. ``rasad analyze --workers 1`` and ``--workers N`` (N: ``--workers``, default the
   number of CPUs); the two outputs must be byte-identical;
2. ``python -m rasad.spark`` in ``local[2]``; the rate is the job's own (after the
   JVM and session start-up), and its events and merged events must equal
   ``rasad analyze`` and ``rasad ingest``;
3. ``rasad ingest --workers N`` into a new SQLite store and, when ``--pg`` or
   ``RASAD_TEST_PG_URL`` names a PostgreSQL database that may be wiped, into it.

Reported per run: documents/s, wall time, and the peak resident memory of the
largest process of the run (the parent, a worker, or Spark's JVM).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_store import base_documents, varied  # noqa: E402

PG_ENV = "RASAD_TEST_PG_URL"
# Runs a command and reports the peak memory of its largest process (itself or any
# descendant it waited for), which only a parent of the command can see.
_RUNNER = ("import json, resource, subprocess, sys; p = subprocess.run(sys.argv[1:]); "
           "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
           "print(json.dumps({'rc': p.returncode, 'maxrss_kb': rss}), file=sys.stderr)")


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _RUNNER, *cmd], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    if report["rc"] != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    return {"seconds": round(seconds, 2), "peak_mb": round(report["maxrss_kb"] / 1024, 1), "stdout": proc.stdout}


def write_documents(path: Path, n: int) -> str | None:
    base, note = base_documents()
    with path.open("w", encoding="utf-8") as f:
        for d in varied(base, n):
            f.write(json.dumps({"id": d.id, "text": d.text, "title": d.title,
                                "published": d.published.isoformat() if d.published else None, "source": d.source,
                                "home_country": d.home_country, "url": d.url}, ensure_ascii=False) + "\n")
    return note


def rasad(*args: str) -> list[str]:
    return [sys.executable, "-m", "rasad.cli", *args]


def run_analyze(src: Path, tmp: Path, workers: int, n: int) -> dict[str, Any]:
    out = tmp / f"analyze-{workers}.jsonl"
    r = measure(rasad("analyze", str(src), "--workers", str(workers), "-o", str(out)))
    r["docs_per_s"] = round(n / r.pop("seconds") if r.get("seconds") else 0, 1)
    r["output"] = out
    return r


def run_ingest(src: Path, url: str, workers: int, n: int) -> dict[str, Any]:
    r = measure(rasad("ingest", str(src), "--db", url, "--workers", str(workers), "--quiet"))
    m = re.search(r"\(([\d.]+) s, (\d+) documents/s\)", r["stdout"])
    assert m, r["stdout"]
    r.update(seconds=float(m.group(1)), docs_per_s=round(n / float(m.group(1)), 1))
    return r


def run_spark(src: Path, out: Path) -> dict[str, Any]:
    """The job in local[2], timed after start-up: the session is started and the Python workers
    warmed (the pipeline loaded) on the first 500 documents before the timed run over all of them."""
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    r = measure([sys.executable, str(Path(__file__).resolve()), "--spark-run", str(src), str(out)], env=env)
    timing = json.loads(r["stdout"].strip().splitlines()[-1])
    r.update(wall_s=r.pop("seconds"), start_s=timing["start_s"], job_s=timing["job_s"],
             docs_per_s=round(timing["read"] / timing["job_s"], 1))
    return r


def spark_run(src: Path, out: Path) -> None:
    """(In a process of its own.) Start Spark, warm it up, then time the job; one JSON line."""
    from pyspark.sql import SparkSession

    from rasad.spark.job import run

    start = time.perf_counter()
    spark = (SparkSession.builder.master("local[2]").appName("rasad-bench")
             .config("spark.ui.showConsoleProgress", "false").config("spark.sql.shuffle.partitions", "4")
             .config("spark.sql.files.maxPartitionBytes", str(8 * 1024 * 1024)).getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    warm = out.parent / "warm.jsonl"
    with src.open(encoding="utf-8") as f, warm.open("w", encoding="utf-8") as w:
        w.writelines(line for _, line in zip(range(500), f, strict=False))
    run(spark, str(warm), str(out.parent / "warm-out"), fmt="jsonl", window=3)
    started = time.perf_counter() - start
    start = time.perf_counter()
    counts = run(spark, str(src), str(out), fmt="jsonl", window=3)
    print(json.dumps({"start_s": round(started, 1), "job_s": round(time.perf_counter() - start, 2), **counts}))
    spark.stop()


def spark_agrees(out: Path, analysed: Path, store_db: str) -> dict[str, bool]:
    """Spark's events equal rasad analyze's, its merged events rasad ingest's."""
    import pyarrow.dataset as ds
    from sqlalchemy import select

    from rasad.store import models
    from rasad.store.db import open_store

    events = ds.dataset(str(out / "events"), format="parquet", partitioning="hive").to_table(
        columns=["doc_id", "ordinal", "type", "source_country", "target_country", "date", "evidence"]).to_pylist()
    spark = sorted((e["doc_id"], e["ordinal"], e["type"], e["source_country"], e["target_country"], e["date"],
                    json.loads(e["evidence"])) for e in events)
    mine = []
    for line in analysed.open(encoding="utf-8"):
        r = json.loads(line)
        mine.extend((r["id"], i, e["type"], e["source"]["country"], e["target"]["country"], e["date"], e["evidence"])
                    for i, e in enumerate(r["events"]))
    docs = {d["ordinal"]: d["doc_id"] for d in ds.dataset(str(out / "documents"), format="parquet",
                                                          partitioning="hive").to_table(columns=["ordinal", "doc_id"])
            .to_pylist()}
    spark_clusters = {frozenset((docs[m["doc"]], m["ordinal"]) for m in c["members"])
                      for c in ds.dataset(str(out / "clusters"), format="parquet", partitioning="hive")
                      .to_table(columns=["members"]).to_pylist()}
    groups: dict[int, set[tuple[str, int]]] = defaultdict(set)
    with open_store(store_db) as store, store.read() as conn:
        for doc_id, ordinal, cid in conn.execute(
                select(models.Document.doc_id, models.Event.ordinal, models.Event.cluster_id)
                .join(models.Document, models.Document.id == models.Event.document_id)):
            groups[cid].add((doc_id, ordinal))
    return {"events_equal": spark == sorted(mine),
            "clusters_equal": spark_clusters == {frozenset(g) for g in groups.values()}}


def main() -> None:
    from rasad.parallel import default_workers

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=default_workers())
    ap.add_argument("--pg", default=os.environ.get(PG_ENV), help=f"PostgreSQL URL to wipe and fill (default ${PG_ENV})")
    ap.add_argument("--no-spark", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--spark-run", nargs=2, metavar=("SRC", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.spark_run:
        spark_run(Path(args.spark_run[0]), Path(args.spark_run[1]))
        return
    result: dict[str, Any] = {"machine": f"{os.cpu_count()} CPUs, {platform.python_implementation()} "
                                         f"{platform.python_version()}, {platform.machine()}",
                              "docs": args.docs, "workers": args.workers}
    with tempfile.TemporaryDirectory(prefix="rasad-bench-scale-") as tmpdir:
        tmp = Path(tmpdir)
        src = tmp / "docs.jsonl"
        result["note"] = write_documents(src, args.docs)
        one = run_analyze(src, tmp, 1, args.docs)
        many = run_analyze(src, tmp, args.workers, args.docs)
        result["identical_output"] = one["output"].read_bytes() == many["output"].read_bytes()
        result["analyze_1"] = {k: v for k, v in one.items() if k not in ("output", "stdout")}
        result[f"analyze_{args.workers}"] = {k: v for k, v in many.items() if k not in ("output", "stdout")}
        result["speed_up"] = round(many["docs_per_s"] / one["docs_per_s"], 2)
        sqlite_db = str(tmp / "store.db")
        ing = run_ingest(src, sqlite_db, args.workers, args.docs)
        result["ingest_sqlite"] = {k: v for k, v in ing.items() if k != "stdout"}
        result["ingest_sqlite_vs_analysis"] = round(ing["docs_per_s"] / many["docs_per_s"], 2)
        if args.pg:
            sys.path.insert(0, str(HERE.parent / "tests" / "store"))
            from conftest import reset_postgres

            reset_postgres(args.pg)
            pg = run_ingest(src, args.pg, args.workers, args.docs)
            result["ingest_postgresql"] = {k: v for k, v in pg.items() if k != "stdout"}
            result["ingest_postgresql_vs_analysis"] = round(pg["docs_per_s"] / many["docs_per_s"], 2)
        if not args.no_spark:
            sp = run_spark(src, tmp / "spark-out")
            result["spark_local2"] = {k: v for k, v in sp.items() if k != "stdout"}
            result["spark_vs_workers"] = round(sp["docs_per_s"] / many["docs_per_s"], 2)
            result.update(spark_agrees(tmp / "spark-out", many["output"], sqlite_db))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    for key, value in result.items():
        print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
