"""The Spark lane: the real project on Spark gives DuckDB's figures and DuckDB's verdicts.

1. Parity build (`parity`): the sample at scale 0.02 plus every bad-input case of the
   DuckDB suite and the engines' reader traps (faults.write_parity_faults), built and
   published on Spark through spark_publish.build_and_publish in this process (models
   and seeds), and built on DuckDB from the same directory. Every mart, every
   data-quality relation (the quarantine row for row, every file with its size and
   SHA-256, the freshness and login months) and the seeds must be equal.
2. Stop build (`stopped`): a copy of the small exports where every export breaks the
   contract (faults.write_stop_faults); base models only, on both engines: each export
   stops with the same message, or, where DuckDB's reader refuses a file itself, Spark
   refuses it too, naming the file and why. The Spark build goes through
   build_and_publish and fails: the published marts of the parity build stay readable.
3. The time-zone guard, the view switch and its retention, the comparison's tolerance.

Tests that publish other builds come last in the file (pytest keeps file order).
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import RAW_SMALL
from impact_warehouse import editions
from impact_warehouse.dbtrun import DbtResult, run_dbt
from impact_warehouse.spark_compare import compare_databases, compare_tables, read_spark
from impact_warehouse.spark_publish import (
    SparkBuildError,
    build_and_publish,
    build_schema,
    builds,
    discard,
    new_build_id,
    publish,
    published_build_id,
)
from spark_lane.faults import READER_STOPS, STOPS, write_parity_faults, write_stop_faults
from spark_lane.lane import NO_TESTS, generate_sample
from test_bad_input import EXPECTED_QUARANTINE

# The base models and the seeds their contract reads.
BASE_ONLY = ["--select", "path:seeds path:models/staging/platform/base", *NO_TESTS]


@dataclass(frozen=True)
class Parity:
    raw: Path
    duckdb_path: Path
    build_id: str
    spark_seconds: float
    duckdb_seconds: float


@pytest.fixture(scope="module")
def parity(spark, spark_dir: Path, spark_work: Path, duckdb_work: Path, tmp_path_factory) -> Parity:
    base = tmp_path_factory.mktemp("parity")
    # a raw directory whose path holds an apostrophe and an accent (quoted on both engines)
    raw = generate_sample(base / "l'export é")
    write_parity_faults(raw)
    # the vars impact-warehouse build passes (warehouse_info, the editions source: Spark
    # cannot list the editions directory), the same on both engines: no edition yet; one
    # build time for both (a build takes dbt's run start, which differs between the two)
    (base / "editions").mkdir()
    dbt_vars = {**editions.dbt_vars(base / "editions"), "built_at": "2024-04-01 00:00:00"}
    started = time.monotonic()
    duck = run_dbt(
        ["build", *NO_TESTS],
        raw_dir=raw,
        duckdb_path=base / "parity.duckdb",
        work_dir=duckdb_work,
        dbt_vars=dbt_vars,
    )
    duckdb_seconds = time.monotonic() - started
    assert duck.ok, duck.output[-4000:]
    build_id = new_build_id()
    started = time.monotonic()
    result = build_and_publish(
        raw=raw,
        directory=spark_dir,
        work_dir=spark_work,
        dbt_args=["build", *NO_TESTS],
        dbt_vars=dbt_vars,
        echo=False,
        build_id=build_id,
        spark=spark,
    )
    assert result.build_id == build_id
    return Parity(raw, base / "parity.duckdb", build_id, time.monotonic() - started, duckdb_seconds)


def test_every_mart_equals_duckdb_row_for_row(spark, parity: Parity) -> None:
    report = compare_databases(spark, "marts", parity.duckdb_path, "marts")
    names = [table.name for table in report.tables]
    assert {
        "impact_indicators",
        "impact_report",
        "dim_users",
        "fct_enrollments",
        "impact_by_group",
        "impact_benchmarks",
        "graduate_outcomes",
        "restatements",
        "warehouse_info",
    } <= set(names)
    # not vacuous: every mart has rows, but restatements (no edition frozen yet)
    empty = {table.name for table in report.tables if table.duckdb_rows == 0}
    assert empty <= {"restatements"}, report.summary()
    assert report.ok, report.summary()
    print(
        f"\nparity: {len(names)} marts equal; Spark {parity.spark_seconds:.0f} s,"
        f" DuckDB {parity.duckdb_seconds:.0f} s, JVM start"
        f" {spark.conf.get('impact.lane.jvm_start_seconds')} s"
    )


REFERENTIAL = "unknown user_id: no such user in users/ (referential integrity)"
DATA_QUALITY = ["dq_quarantine", "dq_raw_files", "dq_exports", "dq_login_months"]
SEEDS = ["countries", "france_territories", "indicator_registry", "published_figures"]


def test_verdicts_and_seeds_equal_duckdb_row_for_row(spark, parity: Parity) -> None:
    report = compare_databases(
        spark,
        build_schema("staging", parity.build_id),
        parity.duckdb_path,
        "staging",
        tables=DATA_QUALITY + SEEDS + ["stg_platform__users", "stg_platform__paths"],
    )
    assert report.ok, report.summary()
    quarantine = read_spark(spark, "staging", "dq_quarantine").rows
    # not vacuous: every reason of the DuckDB bad-input suite is given on Spark too, but
    # the referential one (its user 999 exists in the generated sample at this scale)
    reasons = {row["reason"] for row in quarantine}
    for expected in {case[5] for case in EXPECTED_QUARANTINE} - {REFERENTIAL}:
        assert any(reason.startswith(expected[:40]) for reason in reasons), expected


def test_reader_traps_read_as_on_duckdb(spark, parity: Parity) -> None:
    staged = {
        row["user_id"]: row
        for row in read_spark(spark, "staging", "stg_platform__users").rows
        if row["user_id"] >= 990001
    }
    # columns in another order, header with spaces and capitals: matched by name
    assert staged[990001]["gender"] == "female"  # a quoted field after spaces
    assert staged[990002]["gender"] == "male"  # no-break spaces trimmed
    assert staged[990002]["created_on"] == "2023-04-01"  # 24:00 is the next day's 00:00
    assert staged[990001]["created_on"] == "2023-05-01"  # no seconds
    assert staged[990013]["user_id"] == 990013  # leading zeros
    quarantined = {
        (row["record_key"], row["column_name"]): row
        for row in read_spark(spark, "staging", "dq_quarantine").rows
    }
    assert quarantined[("990016", "gender")]["raw_value"] == "O'Brien \\ x"
    assert quarantined[("990009", "created_at")]["reason"].startswith("not an ISO 8601")
    assert quarantined[("+990015", "user_id")]["reason"] == "not a positive integer"
    seeds = {row["country_code"]: row for row in read_spark(spark, "staging", "countries").rows}
    assert seeds["CI"]["country_name"] == "Côte d'Ivoire"  # the seed loader escapes quotes
    assert seeds["NA"]["country_name"] == "Namibia" and seeds["AQ"]["m49_region_code"] is None


def test_pseudonym_keys_reach_spark_but_no_file(spark, parity: Parity, spark_work: Path) -> None:
    from impact_warehouse.spark_session import pseudonym_env

    pads = list(pseudonym_env(parity.raw).values())
    assert len(pads) == 2 and all(len(pad) == 128 for pad in pads)
    users = read_spark(spark, "marts", "dim_users").rows
    assert users and all(len(row["user_id"]) == 64 for row in users)  # keyed pseudonyms
    written = [path for path in spark_work.rglob("*") if path.is_file()]
    assert any(path.suffix == ".sql" for path in written)  # compiled SQL is there
    for path in written:
        content = path.read_bytes()
        assert not any(pad.encode() in content for pad in pads), path
    compiled = next(spark_work.rglob("dim_users.sql")).read_text()
    assert "${spark.impact.pseudonym_ipad}" in compiled


def test_compare_finds_a_changed_value_and_respects_the_tolerance(spark, parity) -> None:
    table = read_spark(spark, "marts", "impact_indicators")
    numbers = [c for c, kind in table.columns.items() if kind == "number"]
    column = next(c for c in numbers if any(isinstance(r[c], float) for r in table.rows))
    assert compare_tables("t", table, table).differences == []

    def scaled(factor: float):
        rows = [
            dict(r, **{column: r[column] * factor if isinstance(r[column], float) else r[column]})
            for r in table.rows
        ]
        return type(table)(table.columns, rows)

    assert compare_tables("t", table, scaled(1 + 1e-14)).differences == []
    assert compare_tables("t", table, scaled(1 + 1e-9)).differences
    renamed = [dict(r, indicator="x") for r in table.rows]
    assert compare_tables("t", table, type(table)(table.columns, renamed)).differences
    assert compare_tables("t", table, type(table)(table.columns, table.rows[1:])).differences


@dataclass(frozen=True)
class Stopped:
    raw: Path
    duckdb: DbtResult
    error: SparkBuildError
    published_before: str | None
    indicators_before: list[dict]


def _indicators(spark) -> list[dict]:
    rows = read_spark(spark, "marts", "impact_indicators").rows
    return sorted(rows, key=lambda r: repr(sorted(r.items())))


@pytest.fixture(scope="module")
def stopped(
    spark, spark_dir: Path, spark_work: Path, duckdb_work: Path, parity: Parity, tmp_path_factory
) -> Stopped:
    base = tmp_path_factory.mktemp("stop")
    raw = base / "raw"
    shutil.copytree(RAW_SMALL, raw)
    write_stop_faults(raw)
    duck = run_dbt(
        ["build", *BASE_ONLY], raw_dir=raw, duckdb_path=base / "stop.duckdb", work_dir=duckdb_work
    )
    before = published_build_id(spark)
    indicators = _indicators(spark)
    with pytest.raises(SparkBuildError) as caught:
        build_and_publish(
            raw=raw,
            directory=spark_dir,
            work_dir=spark_work,
            dbt_args=["build", *BASE_ONLY],
            echo=False,
            spark=spark,
        )
    return Stopped(raw, duck, caught.value, before, indicators)


def _stops(output: str) -> dict[str, str]:
    """export -> the message that stopped its base model (up to the IMPACT_RAW_DIR hint
    every check message ends with), its lines' indentation removed."""
    found = {}
    for match in re.finditer(r"Raw export '([a-z_]+)': (.*?)IMPACT_RAW_DIR must", output, re.S):
        found.setdefault(match.group(1), " ".join(match.group(2).split()))
    return found


def test_every_export_stops_with_the_same_message(stopped: Stopped) -> None:
    spark_output = stopped.error.result.output
    assert not stopped.duckdb.ok
    on_duckdb, on_spark = _stops(stopped.duckdb.output), _stops(spark_output)
    for export, message in STOPS.items():
        assert message in on_duckdb.get(export, ""), (export, on_duckdb.get(export))
        assert on_spark.get(export) == on_duckdb[export], export
    # every base model stopped on both engines, none was built
    passed = {}
    for engine, output in (("duckdb", stopped.duckdb.output), ("spark", spark_output)):
        assert "ERROR=9 " in output, (engine, output[-3000:])
        passed[engine] = re.findall(r"PASS=(\d+)", output)[-1]  # the seeds
    assert passed["duckdb"] == passed["spark"], passed


def test_files_duckdb_cannot_read_are_refused_on_spark_naming_file_and_reason(
    stopped: Stopped,
) -> None:
    on_spark = _stops(stopped.error.result.output)
    for export, (file_name, reason) in READER_STOPS.items():
        # DuckDB's reader stops on the file itself
        assert file_name in stopped.duckdb.output, export
        assert on_spark[export].startswith(f"file {file_name} {reason}"), on_spark.get(export)


def test_a_failed_build_leaves_the_published_marts_readable(spark, stopped: Stopped) -> None:
    assert stopped.published_before is not None
    assert published_build_id(spark) == stopped.published_before
    assert _indicators(spark) == stopped.indicators_before
    assert stopped.error.build_id not in builds(spark)  # discarded
    # dropping the build's raw file tables (external) left the raw files alone
    assert (stopped.raw / "users" / "users_2023-06-30.csv").read_text().startswith("user_id,")


def test_guard_stops_a_spark_build_whose_session_is_not_utc(
    spark, spark_dbt, parity: Parity, tmp_path: Path
) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    text = (Path(__file__).resolve().parents[3] / "profiles.yml").read_text()
    assert "spark.sql.session.timeZone: UTC" in text
    (profiles / "profiles.yml").write_text(
        text.replace("spark.sql.session.timeZone: UTC", "spark.sql.session.timeZone: Europe/Paris")
    )
    try:
        run = spark_dbt(
            ["seed", "--select", "france_territories"], raw=parity.raw, profiles_dir=profiles
        )
    finally:
        spark.conf.set("spark.sql.session.timeZone", "UTC")
    assert not run.ok
    assert "session time zone is 'Europe/Paris', not UTC" in run.result.output


def _fake_build(spark, build_id: str, tables: dict[str, int]) -> None:
    """A build's marts database with tables of `n` rows holding the build id."""
    database = build_schema("marts", build_id)
    spark.sql(f"create database if not exists {database}")
    for name, n in tables.items():
        spark.sql(
            f"create table {database}.{name} using parquet as"
            f" select id, '{build_id}' as build_id from range({n})"
        )


def test_publish_switches_views_keeps_previous_and_drops_older(spark, stopped) -> None:
    first, second, third = (new_build_id() for _ in range(3))
    assert first < second < third
    for build_id in (first, second, third):
        _fake_build(spark, build_id, {"t": 2, "gone_later": 1})
    first_result = publish(spark, first)
    assert "marts.impact_indicators" in first_result.removed  # the parity build's marts
    assert spark.sql("select distinct build_id from marts.t").collect()[0][0] == first
    publish(spark, second)
    assert spark.sql("select distinct build_id from marts.t").collect()[0][0] == second
    assert first in builds(spark)  # the previous build stays for readers mid-query
    spark.sql(f"drop table {build_schema('marts', third)}.gone_later")
    result = publish(spark, third)
    assert result.previous_build_id == second
    assert first in result.dropped_builds and first not in builds(spark)
    assert result.removed == ["marts.gone_later"]
    assert not spark.catalog.tableExists("marts.gone_later")
    assert published_build_id(spark) == third
    with pytest.raises(ValueError, match="published"):
        discard(spark, third)


def test_publish_replaces_a_table_left_by_a_plain_build(spark, stopped) -> None:
    spark.sql("create database if not exists marts")
    spark.sql("drop view if exists marts.plain")
    spark.sql("create table marts.plain using parquet as select 1 as id")
    build_id = new_build_id()
    _fake_build(spark, build_id, {"plain": 3, "t": 1})
    result = publish(spark, build_id)
    assert "marts.plain" in result.replaced_tables
    assert spark.table("marts.plain").count() == 3


def test_publish_refuses_a_build_without_marts(spark) -> None:
    with pytest.raises(ValueError, match="nothing to publish"):
        publish(spark, new_build_id())
