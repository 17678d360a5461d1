"""Incremental builds equal full builds (issue 12).

The session's sample warehouse is a full build of the generated sample (scale 0.02). A
copy of it is published, then two deliveries change the raw directory and
`impact-warehouse build` (build_and_publish) runs incrementally on each, on a copy of the
published file (without the unit tests, which ran in the session's sample build: the
subject here is the staging by file, and two builds without them keep the test short):

  A. the delivery of a month earlier: files disappear and change. The last login month
     (2024-06) and the newest CSV snapshot of the exports no other export refers to are
     gone (a delivery without the newest users or enrolments would leave rows of the
     older files without their parent, and the build would rightly refuse it); month
     2024-03 comes without its late events (its last tenth of rows), and
     users_2024-01-01.csv with a wrong value. It is built as of 2024-05-31 (the dbt
     var report_date), as it would have been a month earlier;
  B. the next month: 2024-06 and the newest snapshots are delivered, month 2024-03 is
     re-delivered with its late events and users_2024-01-01.csv is replaced by its
     corrected version: the raw directory is the sample again, built without vars.

After B the incrementally built warehouse must equal the full build, row for row: every
mart, every dq_ relation, and the rows staged by file (base, stg and the folded logins).
The file inventory is compared without what says where and when files were found.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from impact_warehouse import incremental
from impact_warehouse.build import build_and_publish
from impact_warehouse.dbtrun import PROJECT_DIR
from sample_warehouse import SampleWarehouse

LATE_MONTH = "2024-03"
NEW_MONTH = "2024-06"
# The sample's report date (none given: the latest date found in its exports) is in
# July 2024, so its logins are complete (C-1) only with June; the delivery of a month
# earlier is built as of the end of May.
REPORT_DATE_BEFORE = "2024-05-31"
NEWEST_SNAPSHOT = "_2024-07-01.csv"
# the exports whose rows no other export refers to (relationships tests)
LEAF_EXPORTS = ("addresses", "career_outcome_declarations", "job_outcomes", "student_profiles")
CORRECTED = "users/users_2024-01-01.csv"


def _relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """Every table compared: marts, the dq_ tables, the staged rows (views are
    recomputed from these, or read the raw files themselves)."""
    return con.execute(
        """
        select table_schema, table_name
        from information_schema.tables
        where table_catalog = 'full_build' and table_type = 'BASE TABLE'
            and (
                table_schema = 'marts'
                or (table_schema = 'staging' and regexp_matches(table_name, '^(dq|base|stg)_'))
                or table_name = 'int_logins_daily_by_file'
            )
        order by 1, 2
        """
    ).fetchall()


# Columns that say where and when a file was found (the raw directory is a copy),
# whether its fingerprint was reused, and when the build ran: not the warehouse's content.
NOT_COMPARED = {
    "base_platform__raw_files": (
        "path",
        "file_signature",
        "changed_at",
        "fingerprinted_at",
        "is_fingerprint_reused",
    ),
    # when the build ran (marts.warehouse_info)
    "warehouse_info": ("built_at",),
}


def _differences(full: Path, built: Path) -> dict[str, tuple[int, int]]:
    """{relation: (rows only in the full build, rows only in the incremental one)}."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{full}' as full_build (read_only)")
        con.execute(f"attach '{built}' as incremental_build (read_only)")
        differences = {}
        for schema, name in _relations(con):
            excluded = NOT_COMPARED.get(name, ())
            # doubles to 9 decimals: parallel sums may differ in their last bits
            described = con.execute(
                "select column_name, data_type from information_schema.columns"
                " where table_catalog = 'full_build' and table_schema = ? and table_name = ?"
                " order by ordinal_position",
                [schema, name],
            ).fetchall()
            columns = ", ".join(
                f'round("{column}", 9) as "{column}"'
                if data_type in ("DOUBLE", "FLOAT", "REAL")
                else f'"{column}"'
                for column, data_type in described
                if column not in excluded
            )
            a = f'(select {columns} from full_build."{schema}"."{name}")'
            b = f'(select {columns} from incremental_build."{schema}"."{name}")'
            only_a = con.execute(f"select count(*) from (from {a} except all from {b})").fetchone()
            only_b = con.execute(f"select count(*) from (from {b} except all from {a})").fetchone()
            if only_a[0] or only_b[0]:
                differences[f"{schema}.{name}"] = (only_a[0], only_b[0])
        return differences
    finally:
        con.close()


def _query(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _wrong_users_file(original: Path, target: Path) -> tuple[str, str]:
    """users_2024-01-01.csv with the gender of its first 'female' user written 'male';
    returns (user_id, 'male')."""
    with original.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    gender = rows[0].index("gender")
    for row in rows[1:]:
        if row[gender].strip().lower() == "female":
            row[gender] = "male"
            changed = row[0]
            break
    with target.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return changed, "male"


def _build(published: Path, raw: Path, work: Path, report_date: str | None = None) -> None:
    build_and_publish(
        published=published,
        raw=raw,
        dbt_vars={"report_date": report_date} if report_date else None,
        unit_tests=False,  # they ran in the session's sample build; not the subject here
        target_path=work / "target",
        echo=False,
        checks=(),  # the publishing gates compare deliveries; not the subject here
    )


@pytest.fixture()
def published_sample(sample_warehouse: SampleWarehouse, tmp_path: Path) -> tuple[Path, Path]:
    """(raw dir, published file): a copy of the sample and of its full build, recorded as
    built by this project so that the next build starts from it."""
    raw = tmp_path / "raw"
    shutil.copytree(sample_warehouse.raw_dir, raw)
    published = tmp_path / "warehouse" / "impact.duckdb"
    published.parent.mkdir()
    shutil.copyfile(sample_warehouse.duckdb_path, published)
    incremental.record(
        published,
        start=incremental.Start(incremental.FULL, "the session's sample build"),
        fingerprint=incremental.project_fingerprint(PROJECT_DIR),
        dbt_vars=None,
        raw=raw,
        unit_tests_passed=True,
    )
    return raw, published


def test_month_by_month_incremental_builds_equal_the_full_build(
    sample_warehouse: SampleWarehouse, published_sample: tuple[Path, Path], tmp_path: Path
) -> None:
    raw, published = published_sample
    original = sample_warehouse.raw_dir

    # A: a month earlier; files gone, a month without its late events, a wrong file
    shutil.rmtree(raw / "logins" / f"month={NEW_MONTH}")
    for export in LEAF_EXPORTS:
        (raw / export / f"{export}{NEWEST_SNAPSHOT}").unlink()
    late = raw / "logins" / f"month={LATE_MONTH}" / "part-0.parquet"
    table = pq.read_table(original / late.relative_to(raw))
    pq.write_table(table.slice(0, table.num_rows * 9 // 10), late)
    user_id, wrong_gender = _wrong_users_file(original / CORRECTED, raw / CORRECTED)
    _build(published, raw, tmp_path / "a", report_date=REPORT_DATE_BEFORE)

    state = incremental.read_state(published)
    assert state and state["mode"] == incremental.INCREMENTAL
    # the wrong file's rows were staged again (the newer snapshot hides it downstream)
    assert _query(
        published,
        "select record.gender from staging.base_platform__users_parsed"
        f" where source_file = 'users_2024-01-01.csv' and record.user_id = {user_id}",
    ) == [(wrong_gender,)]
    assert _query(
        published,
        "select sum(n_logins) from intermediate.int_logins_daily_by_file"
        f" where source_file = 'month={LATE_MONTH}/part-0.parquet'",
    ) == [(table.num_rows * 9 // 10,)]
    assert _query(
        published,
        "select count(*) from intermediate.int_logins_daily_by_file"
        f" where source_file like 'month={NEW_MONTH}/%'",
    ) == [(0,)]

    # B: the next month, the newest snapshots, the late events, the corrected file
    shutil.copytree(
        original / "logins" / f"month={NEW_MONTH}", raw / "logins" / f"month={NEW_MONTH}"
    )
    for export in LEAF_EXPORTS:
        name = f"{export}/{export}{NEWEST_SNAPSHOT}"
        shutil.copyfile(original / name, raw / name)
    shutil.copyfile(original / late.relative_to(raw), late)
    shutil.copyfile(original / CORRECTED, raw / CORRECTED)
    _build(published, raw, tmp_path / "b")

    assert incremental.read_state(published)["mode"] == incremental.INCREMENTAL
    assert _differences(sample_warehouse.duckdb_path, published) == {}
    # every mart and dq_ relation was compared, not an empty list
    con = duckdb.connect()
    try:
        con.execute(f"attach '{sample_warehouse.duckdb_path}' as full_build (read_only)")
        compared = {f"{schema}.{name}" for schema, name in _relations(con)}
    finally:
        con.close()
    assert {"marts.impact_indicators", "staging.dq_quarantine", "staging.dq_raw_files"} <= compared
    assert "staging.base_platform__users_parsed" in compared


def test_a_build_of_other_code_starts_from_nothing(tmp_path: Path) -> None:
    published = tmp_path / "impact.duckdb"
    duckdb.connect(str(published)).close()
    fingerprint = incremental.project_fingerprint(PROJECT_DIR)
    start = incremental.choose_start(
        published, fingerprint=fingerprint, dbt_vars=None, full_refresh=False
    )
    assert start.mode == incremental.FULL and "records no build" in start.reason
    incremental.record(
        published,
        start=start,
        fingerprint="another project",
        dbt_vars=None,
        raw=tmp_path,
        unit_tests_passed=True,
    )
    start = incremental.choose_start(
        published, fingerprint=fingerprint, dbt_vars=None, full_refresh=False
    )
    assert start.mode == incremental.FULL and "project changed" in start.reason
    incremental.record(
        published,
        start=start,
        fingerprint=fingerprint,
        dbt_vars={"report_date": "2024-06-30"},
        raw=tmp_path,
        unit_tests_passed=True,
    )
    start = incremental.choose_start(
        published, fingerprint=fingerprint, dbt_vars=None, full_refresh=False
    )
    # same code: incremental; other vars: the unit tests run again
    assert start.incremental and not start.skip_unit_tests
    start = incremental.choose_start(
        published,
        fingerprint=fingerprint,
        dbt_vars={"report_date": "2024-06-30"},
        full_refresh=False,
    )
    assert start.incremental and start.skip_unit_tests
    # the build time is no var the unit tests depend on
    assert incremental.choose_start(
        published,
        fingerprint=fingerprint,
        dbt_vars={"report_date": "2024-06-30", "built_at": "2024-07-01 08:00:00"},
        full_refresh=False,
    ).skip_unit_tests
    assert not incremental.choose_start(
        published, fingerprint=fingerprint, dbt_vars=None, full_refresh=True
    ).incremental


def test_the_fingerprint_covers_the_models(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "models").mkdir(parents=True)
    (project / "dbt_project.yml").write_text("name: p\n")
    (project / "models" / "a.sql").write_text("select 1 as a\n")
    before = incremental.project_fingerprint(project)
    assert incremental.project_fingerprint(project) == before
    (project / "models" / "a.sql").write_text("select 2 as a\n")
    assert incremental.project_fingerprint(project) != before
