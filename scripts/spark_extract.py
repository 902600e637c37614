#!/usr/bin/env python3
"""Run `claimex extract` over many pages on Apache Spark.

    spark-submit scripts/spark_extract.py [options] PATH... -o OUT
    python3 scripts/spark_extract.py --master 'local[4]' Corpus -o out     (no cluster)

The driver lists the pages (folders walked the way `claimex extract` walks them, or a
path list with --path-list), sorts them by path and cuts the sorted list into contiguous
partitions. Each executor pipes its partition's paths into `claimex extract -` and yields
the JSON Lines it writes. With --format jsonl (default), OUT is a folder of part files
(part-00000, part-00001, ...) whose concatenation, in name order, is byte for byte what one
`claimex extract PATH...` writes. With --format parquet, OUT is a Parquet dataset of one row
per record: kind, doc, id (null for articles and errors), path and the record's JSON text.

Every executor needs the claimex binary and libxml2: give its path with --claimex (the
same path on every node), or --ship to send the driver's binary with the job.
"""

import argparse
import os
import shutil
import subprocess
import sys

PAGE_EXTENSIONS = {"html", "htm", "xhtml"}


def walk(folder):
    """The pages under `folder` as `claimex extract` finds them: *.html, *.htm and *.xhtml,
    hidden entries skipped, links to folders not followed, paths as folder + '/' + name."""
    try:
        entries = os.listdir(folder)
    except OSError:
        return
    for entry in entries:
        if entry.startswith("."):
            continue
        path = folder + entry if folder.endswith("/") else folder + "/" + entry
        if os.path.isdir(path) and not os.path.islink(path):
            yield from walk(path)
        elif os.path.isfile(path):
            if entry.rsplit(".", 1)[-1].lower() in PAGE_EXTENSIONS and "." in entry:
                yield path


def collect(arguments, path_list=None):
    """The sorted, unique pages: folders walked, files kept as given (missing ones too,
    so they become error records as in a single run)."""
    paths = []
    for argument in arguments:
        if not argument:
            continue
        if os.path.isdir(argument):
            paths.extend(walk(argument))
        else:
            paths.append(argument)
    if path_list:
        with open(path_list, encoding="utf-8") as handle:
            paths.extend(line.strip() for line in handle if line.strip())
    # claimex orders pages by the bytes of their UTF-8 paths.
    return sorted(set(paths), key=lambda path: path.encode("utf-8", "surrogateescape"))


def extract_partition(paths, claimex, extra_arguments):
    """Runs claimex over one partition's paths and yields its JSON Lines, one record each."""
    paths = list(paths)
    if not paths:
        return
    command = [claimex, "extract", "-", "--quiet"] + extra_arguments
    process = subprocess.run(command, input="\n".join(paths) + "\n", capture_output=True, text=True, encoding="utf-8")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {process.stderr.strip()}")
    yield from process.stdout.splitlines()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run claimex extract over many pages on Apache Spark.")
    parser.add_argument("paths", nargs="*", help="HTML files or folders (walked recursively)")
    parser.add_argument("-o", "--output", required=True, help="output folder (JSONL part files or a Parquet dataset); must not exist")
    parser.add_argument("--path-list", help="a file of page paths, one per line, added to PATH...")
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl", help="jsonl (default) or parquet")
    parser.add_argument("--partitions", type=int, default=0, help="partitions (default: Spark's default parallelism)")
    parser.add_argument("--claimex", default=shutil.which("claimex") or "claimex", help="the claimex binary on the executors")
    parser.add_argument("--ship", action="store_true", help="send the driver's --claimex binary to the executors with the job")
    parser.add_argument("--jobs", type=int, default=1, help="claimex worker threads per partition (default 1: Spark runs partitions in parallel)")
    parser.add_argument("--rules", help="a rules folder, readable at the same path on every executor")
    parser.add_argument("--master", help="Spark master when run without spark-submit, e.g. local[4]")
    args = parser.parse_args(argv)

    paths = collect(args.paths, args.path_list)
    if not paths:
        sys.exit("spark_extract: no pages found; give HTML files, folders or --path-list")

    from pyspark import SparkFiles
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("claimex-extract")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    context = spark.sparkContext
    # Executors import this file's functions when it was imported as a module (tests).
    context.addPyFile(os.path.abspath(__file__))

    claimex = args.claimex
    if args.ship:
        context.addFile(os.path.abspath(claimex))
        shipped_name = os.path.basename(claimex)
    extra = ["--jobs", str(args.jobs)] + (["--rules", args.rules] if args.rules else [])

    def run(partition):
        binary = SparkFiles.get(shipped_name) if args.ship else claimex
        if args.ship:
            os.chmod(binary, 0o755)
        return extract_partition(partition, binary, extra)

    partitions = args.partitions or context.defaultParallelism
    # parallelize keeps the list's order and cuts it into contiguous slices, so part files
    # in name order hold the pages in sorted order.
    lines = context.parallelize(paths, min(partitions, len(paths))).mapPartitions(run)
    if args.format == "jsonl":
        lines.saveAsTextFile(args.output)
    else:
        import json
        from pyspark.sql.types import StringType, StructField, StructType

        def row(line):
            record = json.loads(line)
            return (record["kind"], record.get("doc"), record.get("id"), record.get("path"), line)

        schema = StructType([StructField(name, StringType(), nullable) for name, nullable in
                             [("kind", False), ("doc", True), ("id", True), ("path", True), ("record", False)]])
        spark.createDataFrame(lines.map(row), schema).write.parquet(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
