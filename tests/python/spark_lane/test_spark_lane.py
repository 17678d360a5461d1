"""The Spark lane on the tiny lane project: seeds, raw files, publishing, parity.

One real build (`lane_a`) is made and published at the start, through
spark_publish.build_and_publish in this process; the tests then read it. Tests that
publish other builds come last in the file (pytest keeps file order) and never assume
which build is published when they start.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from impact_warehouse import spark_publish
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
from spark_lane.paths import LANE_PROJECT, LANE_SELECT


@dataclass(frozen=True)
class LaneBuild:
    build_id: str
    seconds: float
    people: list[dict]
    output: str


def _rows(spark, table: str) -> list[dict]:
    """Rows as spark_compare reads them (timestamps as UTC text, dates as ISO text)."""
    database, name = table.split(".")
    return sorted(read_spark(spark, database, name).rows, key=lambda r: str(r["person_id"]))


@pytest.fixture(scope="module")
def lane_a(spark, spark_dir: Path, lane_raw: Path, tmp_path_factory) -> LaneBuild:
    build_id = new_build_id()
    started = time.monotonic()
    result = build_and_publish(
        raw=lane_raw,
        directory=spark_dir,
        work_dir=tmp_path_factory.mktemp("lane-a"),
        dbt_args=["build", *LANE_SELECT],
        echo=False,
        build_id=build_id,
        spark=spark,
        project_dir=LANE_PROJECT,
    )
    assert result.build_id == build_id
    return LaneBuild(build_id, time.monotonic() - started, _rows(spark, "marts.lane_people"), "")


def test_seed_loader_escapes_quotes_and_loads_empty_cells_as_null(spark, lane_a) -> None:
    seeds = build_schema("staging", lane_a.build_id)
    wanted = "('CI', 'AQ', 'KP', 'NA')"
    rows = {
        r.country_code: r
        for r in spark.sql(
            f"select * from {seeds}.countries where country_code in {wanted}"
        ).collect()
    }
    assert rows["CI"].country_name == "Côte d'Ivoire"
    assert rows["KP"].country_name == "Korea, Democratic People's Republic of"
    assert rows["NA"].country_name == "Namibia"  # 'NA' stays a code, not NULL
    assert rows["AQ"].m49_region_code is None  # an empty cell, not the text 'None'
    assert spark.sql(f"select count(*) from {seeds}.countries").collect()[0][0] == 249
    none_text = spark.sql(
        f"select count(*) from {seeds}.countries where m49_region_code = 'None'"
    ).collect()[0][0]
    assert none_text == 0


def test_seeds_equal_duckdb_row_for_row(spark, lane_a, lane_duckdb: Path) -> None:
    report = compare_databases(
        spark,
        build_schema("staging", lane_a.build_id),
        lane_duckdb,
        "staging",
        tables=["countries", "france_territories"],
    )
    assert report.ok, report.summary()


def test_raw_csv_files_are_combined_by_column_name(spark, lane_a) -> None:
    people = {row["person_id"]: row for row in lane_a.people}
    assert sorted(people) == [1, 2, 3, 4, 5, 6, 7]
    # the second file has another column order and no `name`: matched by name, not position
    assert people[4]["country_code"] == "FR"
    assert people[4]["person_name"] is None
    assert people[4]["note"] == "two\nlines"
    assert people[3]["person_name"] == 'O\'Brien "Bob"'
    assert people[2]["person_name"] == "Koffi, Jr."
    assert people[5]["country_name"] == "Namibia"
    assert people[4]["source_file"] == "people_2024-07-01.csv"
    # G-1 on Spark: 23:30 UTC on 31 December is 1 January in Paris
    assert people[1]["joined_on"] == "2024-01-01"
    # no-break spaces trimmed as DuckDB does; `24:00` and a time without seconds parsed
    assert people[6]["person_name"] == "Zoé"
    assert people[6]["joined_at"] == "2024-04-01 00:00:00.000000"
    assert people[7]["joined_at"] == "2024-05-01 08:00:00.000000"
    raw_view = f"{build_schema('platform', lane_a.build_id)}.people"
    assert spark.table(raw_view).count() == 7


def test_lane_marts_equal_duckdb_row_for_row(spark, lane_a, lane_duckdb: Path) -> None:
    report = compare_databases(spark, "marts", lane_duckdb, "marts")
    assert [t.name for t in report.tables] == ["lane_countries", "lane_people"]
    assert report.ok, report.summary()


def test_compare_finds_a_changed_value_and_respects_the_tolerance(spark, lane_a) -> None:
    table = read_spark(spark, "marts", "lane_people")
    same = compare_tables("lane_people", table, table)
    assert same.differences == []
    nudged = [dict(r, third=r["third"] * (1 + 1e-14)) for r in table.rows]
    assert compare_tables("t", table, type(table)(table.columns, nudged)).differences == []
    changed = [dict(r, third=r["third"] * (1 + 1e-9)) for r in table.rows]
    assert compare_tables("t", table, type(table)(table.columns, changed)).differences
    renamed = [dict(r, person_name="x") for r in table.rows]
    assert compare_tables("t", table, type(table)(table.columns, renamed)).differences
    fewer = type(table)(table.columns, table.rows[1:])
    assert compare_tables("t", table, fewer).differences


def test_failed_build_leaves_the_published_marts_readable(
    spark, spark_dir: Path, lane_a, lane_raw: Path, tmp_path_factory
) -> None:
    before_id = published_build_id(spark)
    before = _rows(spark, "marts.lane_people")
    failing = new_build_id()
    with pytest.raises(SparkBuildError) as error:
        build_and_publish(
            raw=lane_raw,
            directory=spark_dir,
            work_dir=tmp_path_factory.mktemp("lane-fail"),
            dbt_args=["build", *LANE_SELECT],
            dbt_vars={"lane_fail": True},
            echo=False,
            build_id=failing,
            spark=spark,
            project_dir=LANE_PROJECT,
        )
    assert "assert_lane_build_passes" in error.value.result.output
    assert published_build_id(spark) == before_id
    assert _rows(spark, "marts.lane_people") == before
    assert failing not in builds(spark)  # discarded
    # dropping the build's raw file tables (external) left the raw files alone
    assert sorted(p.name for p in (lane_raw / "people").iterdir()) == [
        "people_2024-01-01.csv",
        "people_2024-07-01.csv",
    ]
    assert "Ada" in (lane_raw / "people" / "people_2024-01-01.csv").read_text()


def _fake_build(spark, build_id: str, tables: dict[str, int]) -> None:
    """A build's marts database with tables of `n` rows holding the build id."""
    database = build_schema("marts", build_id)
    spark.sql(f"create database if not exists {database}")
    for name, n in tables.items():
        spark.sql(
            f"create table {database}.{name} using parquet as"
            f" select id, '{build_id}' as build_id from range({n})"
        )


def test_publish_switches_views_keeps_previous_and_drops_older(spark) -> None:
    first, second, third = (new_build_id() for _ in range(3))
    assert first < second < third
    for build_id in (first, second, third):
        _fake_build(spark, build_id, {"t": 2, "gone_later": 1})
    publish(spark, first)
    assert spark.sql("select distinct build_id from marts.t").collect()[0][0] == first
    publish(spark, second)
    assert spark.sql("select distinct build_id from marts.t").collect()[0][0] == second
    assert first in builds(spark)  # the previous build stays for readers mid-query
    spark.sql(f"drop table {build_schema('marts', third)}.gone_later")
    result = publish(spark, third)
    assert result.previous_build_id == second
    assert first in result.dropped_builds and first not in builds(spark)
    assert "marts.gone_later" in result.removed
    assert not spark.catalog.tableExists("marts.gone_later")
    assert published_build_id(spark) == third
    with pytest.raises(ValueError, match="published"):
        discard(spark, third)


def test_publish_replaces_a_table_left_by_a_plain_build(spark) -> None:
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


def test_publish_api_names(spark) -> None:
    assert spark_publish.build_schema("marts", "123") == "marts__build_123"
    with pytest.raises(ValueError):
        spark_publish.build_schema("marts", "12-3")


def test_guard_stops_a_spark_build_whose_session_is_not_utc(
    spark, spark_dbt, lane_raw: Path, tmp_path: Path
) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    text = (LANE_PROJECT.parents[3] / "profiles.yml").read_text()
    assert "spark.sql.session.timeZone: UTC" in text
    (profiles / "profiles.yml").write_text(
        text.replace("spark.sql.session.timeZone: UTC", "spark.sql.session.timeZone: Europe/Paris")
    )
    try:
        run = spark_dbt(
            ["seed", "--select", "france_territories"], raw=lane_raw, profiles_dir=profiles
        )
    finally:
        spark.conf.set("spark.sql.session.timeZone", "UTC")
    assert not run.ok
    assert "session time zone is 'Europe/Paris', not UTC" in run.result.output
