"""The Spark lane (pytest marker `spark`): the real project on Spark and on DuckDB.

One JVM for the whole session: `spark` is a pyspark session on a temporary
IMPACT_SPARK_DIR, and dbt runs on the `spark` target inside this process
(impact_warehouse.spark_dbtrun), so every dbt invocation reuses that session: no JVM
start per build, and no second process on the embedded Derby metastore (one process at a
time). dbt on DuckDB runs as everywhere else (a subprocess with its own file).

What it costs (a Spark statement costs ~100x a DuckDB one): one Spark build of the
project's models and seeds at scale 0.02 (no data or unit tests: those run on DuckDB,
and once by hand on Spark, README), over a raw directory that also holds the bad-input
cases; one Spark run of the base models over a raw directory that breaks every export;
one `dbt seed` of one seed for the time-zone guard. The DuckDB side builds the same raw
directories (seconds).

Needs Java 17 and the `spark` extra (`make spark-setup`, which `make test` runs): the
lane fails, it does not skip, when they are missing. This folder is a package
(`spark_lane`), so that this conftest does not shadow tests/python/conftest.py, which
other test modules import as `conftest`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from impact_warehouse.dbtrun import PROJECT_DIR, DbtResult
from impact_warehouse.spark_dbtrun import run_dbt_in_process
from impact_warehouse.spark_raw_files import RAW_FILES_ENV, write_inventory
from spark_lane.lane import HERE


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.spark)


@pytest.fixture(scope="session")
def spark_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("spark")


@pytest.fixture(scope="session")
def spark(spark_dir: Path) -> Iterator[object]:
    """The lane's one pyspark session (IMPACT_SPARK_DIR = spark_dir)."""
    from impact_warehouse.spark_session import spark_session

    saved = os.environ.get("IMPACT_SPARK_DIR")
    os.environ["IMPACT_SPARK_DIR"] = str(spark_dir)
    started = time.monotonic()
    session = spark_session(spark_dir, app_name="impact-warehouse-tests")
    session.sql("select 1").collect()
    session.conf.set("impact.lane.jvm_start_seconds", f"{time.monotonic() - started:.1f}")
    yield session
    session.stop()
    if saved is None:
        os.environ.pop("IMPACT_SPARK_DIR", None)
    else:
        os.environ["IMPACT_SPARK_DIR"] = saved


@dataclass(frozen=True)
class SparkRun:
    result: DbtResult
    seconds: float

    @property
    def ok(self) -> bool:
        return self.result.ok


SparkDbt = Callable[..., SparkRun]


@pytest.fixture(scope="session")
def spark_work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dbt's target/ and logs/ of every Spark invocation of the lane: one target path, so
    that dbt parses the project once and then only what changed (partial parsing)."""
    return tmp_path_factory.mktemp("spark-work")


@pytest.fixture(scope="session")
def duckdb_work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same for the lane's DuckDB invocations (each with its own DuckDB file)."""
    return tmp_path_factory.mktemp("duckdb-work")


@pytest.fixture(scope="session")
def spark_dbt(spark, spark_dir: Path, spark_work: Path) -> SparkDbt:
    """`spark_dbt(args, raw=..., profiles_dir=None)`: dbt on the spark target of the
    project, in this process, on the lane's session, straight into the published names
    (no build id), after the raw-file pre-step."""

    def run(args: list[str], raw: Path, profiles_dir: Path | None = None) -> SparkRun:
        inventory = write_inventory(raw, spark_work / "raw_files.parquet")
        started = time.monotonic()
        result = run_dbt_in_process(
            args,
            raw_dir=raw,
            work_dir=spark_work,
            profiles_dir=profiles_dir or PROJECT_DIR,
            extra_env={
                "IMPACT_SPARK_DIR": str(spark_dir),
                "IMPACT_SPARK_BUILD_ID": "",
                RAW_FILES_ENV: str(inventory),
            },
        )
        return SparkRun(result, time.monotonic() - started)

    return run
