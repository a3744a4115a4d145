"""rasad on Spark: the pipeline over a decade of news, on a cluster (``pip install rasad[spark]``).

``python -m rasad.spark INPUT OUTPUT`` (or ``spark-submit`` with :mod:`rasad.spark.job`)
reads JSONL or Parquet documents, runs the pipeline in ``mapPartitions`` (the knowledge
files loaded once per Python worker), and writes documents, events, persons, failures and
merged events as Parquet partitioned by month; ``rasad load OUTPUT --db URL`` puts them in
the store. :mod:`rasad.spark.rows` holds the per-record work and imports no pyspark.
"""
