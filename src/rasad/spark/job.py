"""The Spark job: documents in, Parquet out (documents, events, persons, failures, merged events).

    python -m rasad.spark INPUT OUTPUT [--master URL] [--window DAYS] [--format jsonl|parquet]
    spark-submit --master yarn …/rasad/spark/job.py INPUT OUTPUT

``docs/scale.md`` describes packaging, configuration and sizing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import itertools
import os
import sys
import time
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T
from pyspark.sql.pandas.types import to_arrow_schema

from rasad.spark import rows as R
from rasad.store.clusters import DEFAULT_WINDOW_DAYS

_PERSON = T.StructType([T.StructField(f, T.StringType()) for f in R.PERSON_FIELDS])
_EVENT = T.StructType([
    T.StructField("ordinal", T.IntegerType()), *(T.StructField(f, T.StringType()) for f in (
        "type", "cameo", "plover", "plover_mode", "source_country", "source_sector", "source_text",
        "target_country", "target_sector", "target_text", "pair_a", "pair_b", "location_country", "place",
        "date")),
    T.StructField("ref_date", T.DateType()),
    T.StructField("confidence", T.DoubleType()), T.StructField("goldstein", T.DoubleType()),
    T.StructField("trigger", T.StringType()), T.StructField("evidence", T.StringType()),
    T.StructField("content", T.StringType()),
    T.StructField("areas", T.ArrayType(T.StringType())), T.StructField("instrument", T.StringType()),
    T.StructField("persons", T.ArrayType(_PERSON)),
])
RECORD = T.StructType([
    T.StructField("ordinal", T.LongType()), *(T.StructField(f, T.StringType()) for f in (
        "doc_id", "key", "content_hash", "url", "title")),
    T.StructField("published", T.DateType()), *(T.StructField(f, T.StringType()) for f in (
        "outlet", "home_country", "text", "month")),
    T.StructField("n_events", T.IntegerType()), T.StructField("events", T.ArrayType(_EVENT)),
    T.StructField("persons", T.ArrayType(_PERSON)), T.StructField("stage", T.StringType()),
    T.StructField("reason", T.StringType()),
])
_MEMBER = T.StructType([T.StructField("doc", T.LongType()), T.StructField("ordinal", T.IntegerType())])
CLUSTER = T.StructType([
    *(T.StructField(f, T.StringType()) for f in ("cluster", "type", "pair_a", "pair_b", "place")),
    T.StructField("first_doc", T.LongType()), T.StructField("month", T.StringType()),
    T.StructField("members", T.ArrayType(_MEMBER)), T.StructField("date", T.StringType()),
    *(T.StructField(f, T.DateType()) for f in ("date_start", "date_end", "ref_date")),
    T.StructField("location_country", T.StringType()), T.StructField("first_reported", T.DateType()),
    *(T.StructField(f, T.IntegerType()) for f in ("n_events", "n_documents", "n_sources")),
    T.StructField("goldstein", T.DoubleType()), T.StructField("confidence", T.DoubleType()),
    T.StructField("areas", T.ArrayType(T.StringType())), T.StructField("instrument", T.StringType()),
])


def _analyse_batches(source: str, batches: Iterator[Any]) -> Iterator[Any]:
    """mapInArrow: input rows (a JSONL line or a document's fields, with its position) to output records."""
    schema = to_arrow_schema(RECORD)
    for batch in batches:
        positions = batch.column("ordinal").to_pylist()
        if "value" in batch.schema.names:
            lines = batch.column("value").to_pylist()
            items = [R.parse_line(line, n + 1, source) for line, n in zip(lines, positions, strict=True)]
        else:
            fields = [f for f in batch.schema.names if f != "ordinal"]
            rows = zip(*(batch.column(f).to_pylist() for f in fields), strict=True)
            items = [R.parse_record(dict(zip(fields, values, strict=True)), n + 1, source)
                     for n, values in zip(positions, rows, strict=True)]
        yield pa.RecordBatch.from_pylist(list(R.analyse(zip(positions, items, strict=True))), schema=schema)


def _cluster_batches(window: int, ingested: dt.date, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow over mentions sorted by type, pair and input order: each run of one type and pair
    to its merged events (one Python call per partition, not one per pair)."""
    schema = to_arrow_schema(CLUSTER)
    rows = (r for batch in batches for r in batch.to_pylist())
    for group, mentions in itertools.groupby(rows, key=lambda r: (r["type"], r["pair_a"], r["pair_b"])):
        yield pa.RecordBatch.from_pylist(list(R.cluster_group(group, mentions, window, ingested)), schema=schema)


def _records(spark: SparkSession, source: str, fmt: str) -> DataFrame:
    """Every input item analysed (one Python worker per partition, rows passed as Arrow batches);
    ``ordinal`` keeps the input order (consecutive within a partition, increasing across them)."""
    if fmt == "parquet":
        frame = spark.read.parquet(source)
        frame = frame.select(*[F.col(c).cast("string").alias(c) for c in frame.columns])
    else:
        frame = spark.read.text(source).where(F.trim("value") != "")
    frame = frame.withColumn("ordinal", F.monotonically_increasing_id())
    cores = spark.sparkContext.defaultParallelism
    if frame.rdd.getNumPartitions() < cores:
        # A small input is one partition: spread it over every core (the ordinal keeps the order).
        frame = frame.repartition(cores)
    return frame.mapInArrow(functools.partial(_analyse_batches, source), RECORD)


def run(spark: SparkSession, source: str, output: str, *, fmt: str, window: int) -> dict[str, int]:
    records = _records(spark, source, fmt).persist()
    good = records.where(F.col("stage").isNull())
    # A document already seen, by identity or content, adds nothing: the first in input order stays.
    by_key = good.groupBy("key").agg(F.min("ordinal").alias("first_by_key"))
    by_hash = good.groupBy("content_hash").agg(F.min("ordinal").alias("first_by_hash"))
    docs = (good.join(by_key, "key").join(by_hash, "content_hash")
            .where((F.col("ordinal") == F.col("first_by_key")) & (F.col("ordinal") == F.col("first_by_hash")))
            .drop("first_by_key", "first_by_hash").persist())
    # Every table is partitioned by the month of its document's publication, so that a month
    # of documents, their events and persons are read together (``rasad load`` does).
    events = (docs.select(F.col("ordinal").alias("doc"), "doc_id", "published", "outlet", "month",
                          F.explode("events").alias("e"))
              .select("doc", "doc_id", "published", "outlet", "month", "e.*"))
    ingested = dt.datetime.now(dt.UTC).date()
    merged = (events.select("doc", "ordinal", "type", "pair_a", "pair_b", "date", "place", "location_country",
                            "published", "outlet", "goldstein", "confidence", "areas", "instrument")
              .repartition("type", "pair_a", "pair_b")
              .sortWithinPartitions("type", "pair_a", "pair_b", "doc", "ordinal")
              .mapInArrow(functools.partial(_cluster_batches, window, ingested), CLUSTER).persist())
    links = merged.select("cluster", F.explode("members").alias("m")).select(
        "cluster", F.col("m.doc").alias("doc"), F.col("m.ordinal").alias("ordinal"))
    target = output.rstrip("/")

    def write(frame: DataFrame, name: str, order: list[str]) -> None:
        # One file per month and table, rows in input order: a month is what rasad load reads at once.
        (frame.repartition("month").sortWithinPartitions(*order)
         .write.mode("overwrite").partitionBy("month").parquet(f"{target}/{name}"))

    write(docs.drop("events", "persons", "stage", "reason"), "documents", ["ordinal"])
    write(events.join(links, ["doc", "ordinal"], "left"), "events", ["doc", "ordinal"])
    write(docs.select(F.col("ordinal").alias("doc"), "doc_id", "month",
                      F.posexplode("persons").alias("position", "p"))
          .select("doc", "doc_id", "month", "position", "p.*"), "persons", ["doc", "position"])
    write(records.where(F.col("stage").isNotNull())
          .select("ordinal", "doc_id", F.col("outlet").alias("source"), "stage", "reason", "month"), "failures",
          ["ordinal"])
    write(merged, "clusters", ["first_doc"])
    counts = {"read": records.count(), "documents": docs.count(), "failed": records.where(
        F.col("stage").isNotNull()).count(), "events": events.count(), "clusters": merged.count()}
    counts["duplicates"] = counts["read"] - counts["failed"] - counts["documents"]
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rasad.spark",
        description="Analyse documents with Spark and write documents, events, persons, failures and merged "
                    "events as Parquet partitioned by month (load them with `rasad load OUTPUT --db URL`).")
    parser.add_argument("input", help="JSONL documents (a file, folder or glob) or a Parquet dataset")
    parser.add_argument("output", help="a folder (local, hdfs://, s3a://) for the Parquet output")
    parser.add_argument("--master", help="Spark master URL (default: what spark-submit or the environment says)")
    parser.add_argument("--format", choices=("jsonl", "parquet"), default=None,
                        help="input format (default: parquet for a .parquet path, else jsonl)")
    parser.add_argument("--window", type=int, default=DEFAULT_WINDOW_DAYS,
                        help="days between reports of one merged event (as the store's setting)")
    args = parser.parse_args(argv)
    fmt = args.format or ("parquet" if args.input.rstrip("/").endswith(".parquet") else "jsonl")
    if (args.master or "").startswith("local"):
        # Local workers run this interpreter (and its rasad), whatever python3 is on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("rasad").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    conf = spark.sparkContext.getConf()
    if not conf.contains("spark.sql.files.maxPartitionBytes"):
        # Input splits of 8 MB (some 8,000 articles, a minute's work for a core) rather than
        # 128 MB: the work is in Python, per document, and spreads better in small pieces.
        spark.conf.set("spark.sql.files.maxPartitionBytes", str(8 * 1024 * 1024))
    if not conf.contains("spark.sql.shuffle.partitions"):
        # Two shuffle partitions per core unless told otherwise (Spark's fixed 200 is far too
        # many for a small master, and says nothing about a cluster's size).
        spark.conf.set("spark.sql.shuffle.partitions", str(max(2, spark.sparkContext.defaultParallelism * 2)))
    start = time.perf_counter()
    try:
        counts = run(spark, args.input, args.output, fmt=fmt, window=args.window)
    finally:
        spark.stop()
    elapsed = time.perf_counter() - start
    print(f"read {counts['read']} documents ({elapsed:.1f} s, {counts['read'] / max(elapsed, 1e-9):.0f} documents/s): "
          f"{counts['documents']} stored, {counts['duplicates']} duplicate, {counts['failed']} failed; "
          f"{counts['events']} events, {counts['clusters']} merged events → {args.output}")
    return 0 if counts["documents"] else 1


if __name__ == "__main__":
    sys.exit(main())
