"""Every core, Spark, and the store: one set of documents through each way of running rasad.

    python bench/bench_scale.py                    # 20,000 documents, text report
    python bench/bench_scale.py --json             # one JSON object
    python bench/bench_scale.py --docs 2000 --no-spark   # a quick look
    python bench/bench_scale.py --docs 5000 --no-ingest --repeat 3   # workers only, best of three

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

Reported per run: documents/s, wall time (start-up included), the peak resident
memory of the largest process of the run (the parent, a worker, or Spark's JVM),
the CPU seconds of the command's own process and of its workers, and the CPU
seconds the rest of the machine used meanwhile (``other_cpu_s``, with the time
the virtual machine's host took, ``steal_s``): on a shared machine a run beside
other work is slower, and a second worker gains little when the other core is
busy. ``--repeat N`` runs the analyze pair N times, in turn, and keeps the
fastest of each.
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
# Runs a command and reports its CPU time and the peak memory of its largest process (itself or
# any process it started), which only a parent of the command can see.
RUNNER = HERE / "measured.py"


def machine_cpu() -> tuple[float, float] | None:
    """CPU seconds the whole machine has been busy, and had stolen by its host, so far (Linux)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    tick = os.sysconf("SC_CLK_TCK")
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq) / tick, steal / tick


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    before = machine_cpu()
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(RUNNER), *cmd], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    after = machine_cpu()
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    if report["rc"] != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    result = {"seconds": round(seconds, 2), "peak_mb": round(report["maxrss_kb"] / 1024, 1),
              "cpu_main_s": report["cpu_main_s"], "cpu_workers_s": report["cpu_others_s"], "stdout": proc.stdout}
    if before and after:
        # What else kept the machine busy meanwhile: a run beside other work is slower for it.
        ours = report["cpu_main_s"] + report["cpu_others_s"]
        result["other_cpu_s"] = round(max(0.0, after[0] - before[0] - ours), 1)
        result["steal_s"] = round(after[1] - before[1], 1)
    return result


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
    r["docs_per_s"] = round(n / r["seconds"], 1)
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
    ap.add_argument("--no-ingest", action="store_true", help="only rasad analyze (no store, no Spark)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run the analyze pair this many times and report the fastest of each")
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
        ones, manys, identical = [], [], True
        for _ in range(args.repeat):  # one worker and N in turn, so that both see the same machine
            ones.append(run_analyze(src, tmp, 1, args.docs))
            manys.append(run_analyze(src, tmp, args.workers, args.docs))
            identical &= ones[-1]["output"].read_bytes() == manys[-1]["output"].read_bytes()
        one, many = (max(runs, key=lambda r: r["docs_per_s"]) for runs in (ones, manys))
        result["identical_output"] = identical
        result["analyze_1"] = {k: v for k, v in one.items() if k not in ("output", "stdout")}
        result[f"analyze_{args.workers}"] = {k: v for k, v in many.items() if k not in ("output", "stdout")}
        result["speed_up"] = round(many["docs_per_s"] / one["docs_per_s"], 2)
        if args.repeat > 1:
            result["all_speeds"] = [f"{a['docs_per_s']} / {b['docs_per_s']}" for a, b in zip(ones, manys, strict=True)]
        if args.no_ingest:
            args.pg, args.no_spark = None, True
        sqlite_db = str(tmp / "store.db")
        if not args.no_ingest:
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
