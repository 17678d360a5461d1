"""RAW_EXPORTS.md "Bad input", one case per line of the contract, on copies of the
small hand-made exports: the build stops naming what is wrong, or the row is
quarantined (export, file, key, column, raw value, reason) and a test fails the build,
or warns within var quarantine_tolerance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import BuildFn

pytestmark = pytest.mark.slow

RAW_ENV_HINT = "IMPACT_RAW_DIR must point at the raw directory"


def _run_base(dbt_build: BuildFn, raw: Path, *models: str):
    return dbt_build(raw, args=["run", "--select", " ".join(models)])


# --- the build stops -------------------------------------------------------------------


def test_missing_export_folder_stops_the_build(dbt_build: BuildFn, raw_dir: Path) -> None:
    for path in (raw_dir / "paths").iterdir():
        path.unlink()
    (raw_dir / "paths").rmdir()
    build = _run_base(dbt_build, raw_dir, "base_platform__paths")
    assert not build.ok
    assert "Raw export 'paths'" in build.output
    assert str(raw_dir / "paths") in build.output
    assert RAW_ENV_HINT in build.output


def test_empty_export_folder_stops_the_build(dbt_build: BuildFn, raw_dir: Path) -> None:
    for path in (raw_dir / "users").iterdir():
        path.unlink()
    build = _run_base(dbt_build, raw_dir, "base_platform__users")
    assert not build.ok
    assert "Raw export 'users'" in build.output and "holds no csv file" in build.output
    assert RAW_ENV_HINT in build.output


def test_raw_dir_pointing_elsewhere_stops_the_build(dbt_build: BuildFn, tmp_path: Path) -> None:
    wrong = tmp_path / "not-the-raw-dir"
    wrong.mkdir()
    build = dbt_build(wrong)
    assert not build.ok
    assert RAW_ENV_HINT in build.output and str(wrong) in build.output


def test_missing_required_column_names_export_file_and_column(
    dbt_build: BuildFn, raw_dir: Path
) -> None:
    path = raw_dir / "applications" / "applications_2024-01-31.csv"
    path.write_text(
        "application_id,user_id,path_id,submitted_at,decided_at,funding_requested,updated_at\n"
        "14,1,P0001,2023-05-01T10:00:00+02:00,,,2023-05-01T10:00:00+02:00\n"
    )
    build = _run_base(dbt_build, raw_dir, "base_platform__applications")
    assert not build.ok
    assert "Raw export 'applications'" in build.output
    assert "applications_2024-01-31.csv" in build.output
    assert "lacks the required column 'status'" in build.output


def test_unparseable_header_names_export_and_file(dbt_build: BuildFn, raw_dir: Path) -> None:
    path = raw_dir / "users" / "users_2024-01-31.csv"
    path.write_text('"user_id,created_at,updated_at,gender,is_test_account,deleted_at\n1,2,3\n')
    build = _run_base(dbt_build, raw_dir, "base_platform__users")
    assert not build.ok
    assert "Raw export 'users'" in build.output and "users_2024-01-31.csv" in build.output
    assert "does not parse" in build.output


def test_empty_file_names_export_and_file(dbt_build: BuildFn, raw_dir: Path) -> None:
    (raw_dir / "job_outcomes" / "job_outcomes_2024-01-31.csv").write_text("")
    build = _run_base(dbt_build, raw_dir, "base_platform__job_outcomes")
    assert not build.ok
    assert "Raw export 'job_outcomes'" in build.output
    assert "job_outcomes_2024-01-31.csv has no header row" in build.output


def test_parquet_missing_column_names_export_file_and_column(
    dbt_build: BuildFn, raw_dir: Path
) -> None:
    folder = raw_dir / "logins" / "month=2023-02"
    folder.mkdir()
    table = pa.table(
        {
            "user_id": pa.array([1], pa.int64()),
            "logged_in_at": pa.array([dt.datetime(2023, 2, 1, 10)], pa.timestamp("us")),
            "ip_country_code": pa.array(["FR"]),
        }
    )
    pq.write_table(table, folder / "part-0.parquet")
    build = _run_base(dbt_build, raw_dir, "stg_platform__logins")
    assert not build.ok
    assert "Raw export 'logins'" in build.output
    assert "month=2023-02/part-0.parquet lacks the required column 'platform'" in build.output


# --- rows are quarantined --------------------------------------------------------------

BAD_FILES = {
    "users/users_2024-01-31.csv": (
        "user_id,created_at,updated_at,gender,is_test_account,deleted_at\n"
        "abc,2023-01-01T10:00:00+01:00,2023-01-01T10:00:00+01:00,female,false,\n"
        "21,2023-13-45T10:00:00+01:00,2023-01-01T10:00:00+01:00,female,false,\n"
        "22,2023-01-01T10:00:00,2023-01-01T10:00:00+01:00,female,false,\n"
        "23,2023-01-01T10:00:00+01:00,2023-01-01T10:00:00+01:00,robot,false,\n"
        "24,2023-01-01T10:00:00+01:00,2023-01-01T10:00:00+01:00,male,maybe,\n"
        ",2023-01-01T10:00:00+01:00,2023-01-01T10:00:00+01:00,male,no,\n"
        "25,2023-01-01T10:00:00+01:00,2023-01-01T10:00:00+01:00,male,no,\n"
        "25,2023-01-01T10:00:00+01:00,2023-01-01T10:00:00+01:00,female,no,\n"
    ),
    "paths/paths_2024-01-31.csv": (
        "path_id,path_name,domain,rncp_level,duration_months,language,launched_on,"
        "retired_on,updated_at\n"
        "P0100,Stars,Astrology,6,12,fr,2019-01-01,,2024-01-01T00:00:00+01:00\n"
        "P0101,Six,Data,six,12,fr,2019-01-01,,2024-01-01T00:00:00+01:00\n"
        "P0102,Nine,Data,9,12,fr,2019-01-01,,2024-01-01T00:00:00+01:00\n"
    ),
    "enrollments/enrollments_2024-01-31.csv": (
        "enrollment_id,user_id,path_id,application_id,funding_type,status,started_on,"
        "expected_end_on,ended_on,graduated_on,updated_at\n"
        "200,1,P0001,,employer,dropped_out,2023-01-01,2023-12-31,2023-03-01,2023-03-01,"
        "2024-01-01T00:00:00+01:00\n"
        "201,1,P0001,,employer,dropped_out,2023-01-01,2023-12-31,2022-12-31,,"
        "2024-01-01T00:00:00+01:00\n"
        "202,,P0001,,employer,active,2023-01-01,2023-12-31,,,2024-01-01T00:00:00+01:00\n"
        "203,1,P0001,,employer,active,2023-13-45,2023-12-31,,,2024-01-01T00:00:00+01:00\n"
    ),
    "student_profiles/student_profiles_2024-01-31.csv": (
        "profile_id,user_id,enrollment_id,collected_at,employment_status,"
        "highest_qualification,has_disability,is_refugee\n"
        "1000,1,100,2022-01-10T09:05:00+01:00,employed,BAC,no,\n"
    ),
}


def _write_bad_files(raw: Path) -> None:
    for name, text in BAD_FILES.items():
        (raw / name).write_text(text)
    folder = raw / "logins" / "month=2023-02"
    folder.mkdir()
    table = pa.table(
        {
            "user_id": pa.array([1, None], pa.int64()),
            "logged_in_at": pa.array([dt.datetime(2023, 2, 1, 10)] * 2, pa.timestamp("us")),
            "ip_country_code": pa.array(["FR", "FR"]),
            "platform": pa.array(["fax", "web"]),
        }
    )
    pq.write_table(table, folder / "part-0.parquet")


EXPECTED_QUARANTINE = {
    # (export, source_file, record_key, column_name, raw_value, reason)
    ("users", "users_2024-01-31.csv", "abc", "user_id", "abc", "not a positive integer"),
    (
        "users",
        "users_2024-01-31.csv",
        "21",
        "created_at",
        "2023-13-45T10:00:00+01:00",
        "not an ISO 8601 timestamp with UTC offset",
    ),
    (
        "users",
        "users_2024-01-31.csv",
        "22",
        "created_at",
        "2023-01-01T10:00:00",
        "not an ISO 8601 timestamp with UTC offset",
    ),
    ("users", "users_2024-01-31.csv", "23", "gender", "robot", "unknown category"),
    (
        "users",
        "users_2024-01-31.csv",
        "24",
        "is_test_account",
        "maybe",
        "not a boolean (true/false, 1/0, yes/no)",
    ),
    ("users", "users_2024-01-31.csv", None, "user_id", None, "missing required value"),
    (
        "users",
        "users_2024-01-31.csv",
        "25",
        "user_id",
        "25",
        "contradiction: different versions with the same updated_at in one file",
    ),
    ("paths", "paths_2024-01-31.csv", "P0100", "domain", "Astrology", "unknown category"),
    ("paths", "paths_2024-01-31.csv", "P0101", "rncp_level", "six", "not an integer"),
    (
        "paths",
        "paths_2024-01-31.csv",
        "P0102",
        "rncp_level",
        "9",
        "out of range: rncp_level must be 3 to 7",
    ),
    (
        "enrollments",
        "enrollments_2024-01-31.csv",
        "200",
        "graduated_on",
        "2023-03-01",
        "contradiction: graduated_on set on a non-graduated enrolment",
    ),
    (
        "enrollments",
        "enrollments_2024-01-31.csv",
        "201",
        "ended_on",
        "2022-12-31",
        "contradiction: ended_on before started_on",
    ),
    (
        "enrollments",
        "enrollments_2024-01-31.csv",
        "202",
        "user_id",
        None,
        "missing required value",
    ),
    (
        "enrollments",
        "enrollments_2024-01-31.csv",
        "203",
        "started_on",
        "2023-13-45",
        "not a YYYY-MM-DD date",
    ),
    (
        "student_profiles",
        "student_profiles_2024-01-31.csv",
        "1000",
        "profile_id",
        "1000",
        "contradiction: repeated id with different values",
    ),
    (
        "student_profiles",
        "student_profiles_2023-06-30.csv",
        "1000",
        "profile_id",
        "1000",
        "contradiction: repeated id with different values",
    ),
    ("logins", "month=2023-02/part-0.parquet", "1", "platform", "fax", "unknown category"),
    ("logins", "month=2023-02/part-0.parquet", None, "user_id", None, "missing required value"),
}

QUARANTINE_SQL = (
    "select export, source_file, record_key, column_name, raw_value, reason "
    "from staging.stg_platform__quarantine"
)


def test_bad_values_are_quarantined_and_fail_the_build(dbt_build: BuildFn, raw_dir: Path) -> None:
    _write_bad_files(raw_dir)
    build = dbt_build(raw_dir)
    assert not build.ok
    assert set(build.query(QUARANTINE_SQL)) == EXPECTED_QUARANTINE
    assert "quarantine_within_tolerance_stg_platform__quarantine" in build.output
    # kept out of staging
    assert build.query(
        "select count(*) from staging.stg_platform__users where user_id between 20 and 25"
    ) == [(0,)]
    assert build.query(
        "select count(*) from staging.stg_platform__enrollments where enrollment_id >= 200"
    ) == [(0,)]
    assert build.query(
        "select count(*) from staging.stg_platform__student_profiles where profile_id = 1000"
    ) == [(0,)]
    assert build.query(
        "select count(*) from staging.stg_platform__logins where platform = 'fax'"
    ) == [(0,)]


def test_quarantine_within_tolerance_only_warns(dbt_build: BuildFn, raw_dir: Path) -> None:
    _write_bad_files(raw_dir)
    build = dbt_build(raw_dir, dbt_vars={"quarantine_tolerance": 0.9})
    assert build.ok, build.output[-4000:]
    assert "WARN" in build.output
    assert "quarantine_within_tolerance_stg_platform__quarantine" in build.output
    assert set(build.query(QUARANTINE_SQL)) == EXPECTED_QUARANTINE


def test_unknown_reference_fails_a_relationships_test_listing_the_keys(
    dbt_build: BuildFn, raw_dir: Path
) -> None:
    (raw_dir / "enrollments" / "enrollments_2024-01-31.csv").write_text(
        "enrollment_id,user_id,path_id,application_id,funding_type,status,started_on,"
        "expected_end_on,ended_on,graduated_on,updated_at\n"
        "300,999,P0001,,employer,active,2023-01-01,2023-12-31,,,2024-01-01T00:00:00+01:00\n"
        "301,1,P9999,,employer,active,2023-01-01,2023-12-31,,,2024-01-01T00:00:00+01:00\n"
    )
    build = dbt_build(
        raw_dir,
        args=["build", "--select", "path:models/staging path:seeds", "--store-failures"],
    )
    assert not build.ok
    assert "relationships_stg_platform__enrollments_user_id" in build.output
    assert "relationships_stg_platform__enrollments_path_id" in build.output
    tables = build.query(
        "select table_schema, table_name from information_schema.tables "
        "where table_name like 'relationships_stg_platform__en%'"
    )
    keys = set()
    for schema, table in tables:
        keys |= {str(row[0]) for row in build.query(f'select * from "{schema}"."{table}"')}
    assert {"999", "P9999"} <= keys
    assert build.query("select * from staging.stg_platform__quarantine") == []
