"""The Spark lane (pytest marker `spark`): fixtures for one JVM per test session.

`spark` is a pyspark session on a temporary IMPACT_SPARK_DIR, opened once. dbt runs on
the `spark` target inside this process (impact_warehouse.spark_dbtrun), so every dbt
invocation reuses that session: no JVM start per build, and no second process on the
embedded Derby metastore (one process at a time). dbt on DuckDB runs as everywhere else
(a subprocess with its own file).

Needs Java 17 and the `spark` extra (`make spark-setup`, which `make test` runs): the
lane fails, it does not skip, when they are missing. This folder is a package
(`spark_lane`), so that this conftest does not shadow tests/python/conftest.py, which
other test modules import as `conftest`.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from impact_warehouse.dbtrun import DbtResult, run_dbt
from impact_warehouse.spark_dbtrun import run_dbt_in_process
from spark_lane.paths import HERE, LANE_PROJECT, LANE_SELECT, RAW_LANE


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


@pytest.fixture(scope="session")
def lane_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lane's raw exports, copied into a folder whose path holds an apostrophe."""
    target = tmp_path_factory.mktemp("raw") / "l'export"
    shutil.copytree(RAW_LANE, target)
    return target


@dataclass(frozen=True)
class SparkRun:
    result: DbtResult
    seconds: float

    @property
    def ok(self) -> bool:
        return self.result.ok


SparkDbt = Callable[..., SparkRun]


@pytest.fixture(scope="session")
def spark_dbt(spark, spark_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> SparkDbt:
    """`spark_dbt(args, raw=..., build_id=None, dbt_vars=None, profiles_dir=None)`: dbt on
    the spark target of the lane project, in this process, on the lane's session."""
    counter = iter(range(1_000))

    def run(
        args: list[str],
        raw: Path,
        build_id: str | None = None,
        dbt_vars: dict[str, object] | None = None,
        profiles_dir: Path | None = None,
        project_dir: Path = LANE_PROJECT,
    ) -> SparkRun:
        work = tmp_path_factory.mktemp(f"spark-dbt-{next(counter)}")
        env = {"IMPACT_SPARK_DIR": str(spark_dir), "IMPACT_SPARK_BUILD_ID": build_id or ""}
        if build_id is None:
            env["IMPACT_SPARK_BUILD_ID"] = ""
        started = time.monotonic()
        result = run_dbt_in_process(
            args,
            raw_dir=raw,
            work_dir=work,
            project_dir=project_dir,
            profiles_dir=profiles_dir or Path(__file__).resolve().parents[3],
            dbt_vars=dbt_vars,
            extra_env=env,
        )
        return SparkRun(result, time.monotonic() - started)

    return run


@pytest.fixture(scope="session")
def lane_duckdb(tmp_path_factory: pytest.TempPathFactory, lane_raw: Path) -> Path:
    """The lane project built on DuckDB (a subprocess, as everywhere else)."""
    work = tmp_path_factory.mktemp("lane-duckdb")
    db = work / "lane.duckdb"
    # DuckDB's read_csv cannot take the apostrophe path (issue 8): a plain copy.
    raw = work / "raw"
    shutil.copytree(lane_raw, raw)
    result = run_dbt(
        ["build", *LANE_SELECT],
        raw_dir=raw,
        duckdb_path=db,
        work_dir=work,
        extra_env={"DBT_PROJECT_DIR": str(LANE_PROJECT)},
    )
    assert result.ok, result.output[-4000:]
    return db
