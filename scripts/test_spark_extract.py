"""scripts/spark_extract.py in Spark local mode gives what one `claimex extract` run gives.

    python3 -m pytest -q scripts/test_spark_extract.py      (after `swift build` or `swift test`)

CLAIMEX names the binary (default: .build/debug/claimex, then .build/release/claimex).
"""

import glob
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import spark_extract  # noqa: E402


def claimex_binary():
    for candidate in [os.environ.get("CLAIMEX"), ".build/debug/claimex", ".build/release/claimex"]:
        if candidate and os.access(os.path.join(ROOT, candidate), os.X_OK):
            return os.path.join(ROOT, candidate)
    pytest.fail("no claimex binary: run `swift build` first or set CLAIMEX")


@pytest.fixture(scope="module")
def single_run():
    """The Corpus through one claimex process, from the package root (relative paths)."""
    result = subprocess.run([claimex_binary(), "extract", "Corpus", "--quiet"], cwd=ROOT, capture_output=True, check=True)
    return result.stdout


def run_spark(tmp_path, output_format):
    output = str(tmp_path / f"out-{output_format}")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        spark_extract.main(["Corpus", "-o", output, "--format", output_format, "--master", "local[2]",
                            "--partitions", "3", "--claimex", claimex_binary()])
    finally:
        os.chdir(cwd)
    return output


def test_walk_finds_the_pages_claimex_finds(single_run):
    os.chdir(ROOT)
    paths = spark_extract.collect(["Corpus"])
    articles = [json.loads(line)["path"] for line in single_run.decode("utf-8").splitlines()
                if json.loads(line)["kind"] in ("article", "error")]
    assert paths == articles
    assert len(paths) >= 12


def test_jsonl_parts_concatenate_to_the_single_run_output(tmp_path, single_run):
    output = run_spark(tmp_path, "jsonl")
    parts = sorted(glob.glob(os.path.join(output, "part-*")))
    assert len(parts) == 3
    joined = b"".join(open(part, "rb").read() for part in parts)
    assert joined == single_run


def test_parquet_holds_every_record(tmp_path, single_run):
    output = run_spark(tmp_path, "parquet")
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master("local[1]").appName("claimex-test-read").getOrCreate()
    try:
        rows = spark.read.parquet(output).collect()
    finally:
        spark.stop()
    expected = single_run.decode("utf-8").splitlines()
    assert sorted(row["record"] for row in rows) == sorted(expected)
    for row in rows:
        record = json.loads(row["record"])
        assert (row["kind"], row["doc"], row["id"], row["path"]) == (record["kind"], record.get("doc"), record.get("id"), record.get("path"))
