"""Screen a text column of a Spark DataFrame with zhscreen, on every executor in parallel.

This is how an archive of millions of posts is screened: Spark reads and partitions it, each
Python worker receives the pickled ``Screener`` (rebuilt from its wordlists on arrival) and scans
its partition in Arrow batches with ``scan_many`` (the GIL released for the whole batch), and the
results come back as columns::

    verdict     string          pass / warn / review / block (null where the text is null)
    categories  array<string>   the distinct categories found, sorted
    report      string          the report in the JSON contract (byte and char offsets, rules,
                                suggestions, notes, ruleset fingerprint for the audit record)
    redacted    string          with --redact: the text de-identified

Run it locally or submit it to a cluster::

    python examples/spark_screen.py --input posts.jsonl --output screened/ --master 'local[*]'
    spark-submit examples/spark_screen.py --input hdfs:///archive/2024/*.parquet \\
        --column content --output hdfs:///screened/2024 --wordlists /etc/zhscreen/local.txt

Input: JSON lines, Parquet or CSV (with a header), by extension (or --input-format). Output:
JSON lines or Parquet. On a cluster, pass --wordlists-inline so the lists travel inside the
pickled screener instead of being read from the same path on every node.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, StringType, StructField, StructType

import zhscreen


def screen(
    df: DataFrame,
    column: str = "text",
    screener: zhscreen.Screener | None = None,
    redact: bool = False,
) -> DataFrame:
    """Adds ``verdict``, ``categories``, ``report`` (and ``redacted``) columns to ``df``."""
    if screener is None:
        screener = zhscreen.Screener()
    added = [
        StructField("verdict", StringType()),
        StructField("categories", ArrayType(StringType())),
        StructField("report", StringType()),
    ]
    if redact:
        added.append(StructField("redacted", StringType()))
    taken = set(df.columns) & {f.name for f in added}
    if taken:
        raise ValueError(f"the input already has columns {sorted(taken)}")
    schema = StructType(df.schema.fields + added)

    def scan_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        # Runs on the executors; `screener` arrives pickled and is rebuilt once per task.
        for pdf in batches:
            texts = pdf[column]
            present = texts.notna().to_numpy()
            reports = iter(screener.scan_many(texts[present].tolist()))
            verdicts: list[str | None] = []
            cats: list[list[str] | None] = []
            jsons: list[str | None] = []
            for has_text in present:
                if not has_text:
                    verdicts.append(None)
                    cats.append(None)
                    jsons.append(None)
                    continue
                report = next(reports)
                verdicts.append(report.verdict)
                cats.append(sorted({f.category for f in report.findings}))
                jsons.append(report.to_json())
            out = pdf.assign(verdict=verdicts, categories=cats, report=jsons)
            if redact:
                out["redacted"] = [screener.redact(t) if isinstance(t, str) else None for t in texts]
            yield out

    return df.mapInPandas(scan_batches, schema)


def read(spark: SparkSession, path: str, fmt: str | None) -> DataFrame:
    fmt = fmt or {".parquet": "parquet", ".csv": "csv"}.get(Path(path.rstrip("/*")).suffix, "json")
    if fmt == "csv":
        return spark.read.option("header", True).csv(path)
    return spark.read.format(fmt).load(path)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, help="posts: JSON lines, Parquet or CSV")
    p.add_argument("--input-format", choices=["json", "parquet", "csv"])
    p.add_argument("--column", default="text", help="the text column (default: text)")
    p.add_argument("--output", required=True, help="output directory (overwritten)")
    p.add_argument("--output-format", choices=["json", "parquet"], default="json")
    p.add_argument("--wordlists", action="append", default=[], help="a wordlist file or directory (repeatable)")
    p.add_argument(
        "--wordlists-inline",
        action="store_true",
        help="read the --wordlists files here and ship their text inside the screener",
    )
    p.add_argument("--no-defaults", action="store_true", help="without the default lists")
    p.add_argument("--redact", action="store_true", help="add a de-identified `redacted` column")
    p.add_argument("--master", help="Spark master, e.g. local[4] (default: spark-submit's, else local[*])")
    p.add_argument("--partitions", type=int, help="repartition the input first")
    args = p.parse_args(argv)

    # Workers must run the interpreter that has zhscreen installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if args.wordlists_inline:
        files = [f for w in args.wordlists for f in (sorted(Path(w).rglob("*.txt")) if Path(w).is_dir() else [Path(w)])]
        texts = {str(f): f.read_text(encoding="utf-8") for f in files}
        screener = zhscreen.Screener(extra=texts, defaults=not args.no_defaults)
    else:
        screener = zhscreen.Screener(wordlists=args.wordlists, defaults=not args.no_defaults)
    print(f"zhscreen {zhscreen.__version__}, ruleset {screener.ruleset.fingerprint}", file=sys.stderr)

    builder = SparkSession.builder.appName("zhscreen")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        df = read(spark, args.input, args.input_format)
        if args.column not in df.columns:
            print(f"error: no column {args.column!r} in {args.input} (columns: {df.columns})", file=sys.stderr)
            return 2
        if args.partitions:
            df = df.repartition(args.partitions)
        screened = screen(df, args.column, screener, redact=args.redact)
        screened.write.mode("overwrite").format(args.output_format).save(args.output)
        counts = spark.read.format(args.output_format).load(args.output).groupBy("verdict").count().collect()
        for row in sorted(counts, key=lambda r: (r["verdict"] is None, r["verdict"] or "")):
            print(f"{row['verdict'] or 'null'}\t{row['count']}")
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
