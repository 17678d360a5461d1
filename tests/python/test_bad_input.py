"""docs/input-contract.md "Bad input", one case per line of the contract, on copies of the
small hand-made exports: the build stops naming what is wrong, or the row is
quarantined (export, file, key, column, raw value, reason) and a test fails the build,
or warns within var quarantine_tolerance."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import RAW_SMALL, STAGING, BuildFn

pytestmark = pytest.mark.slow

RAW_ENV_HINT = "IMPACT_RAW_DIR must point at the raw directory"


def _run_base(dbt_build: BuildFn, raw: Path, *models: str):
    """Build only these models and their parents (the seeds their contract reads, the file
    inventory, the rows staged by file), no test."""
    selected = ["path:seeds", *(f"+{model}" for model in models)]
    return dbt_build(raw, args=["build", "--select", " ".join(selected), *NO_TESTS])


NO_TESTS = ["--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"]


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
    table = pa.table(
        {
            "user_id": pa.array([1], pa.int64()),
            "logged_in_at": pa.array([dt.datetime(2023, 2, 1, 10)], pa.timestamp("us")),
            "ip_country_code": pa.array(["FR"]),
        }
    )
    pq.write_table(table, raw_dir / "logins" / "month=2023-02" / "part-1.parquet")
    build = _run_base(dbt_build, raw_dir, "base_platform__logins")
    assert not build.ok
    assert "Raw export 'logins'" in build.output
    assert "month=2023-02/part-1.parquet lacks the required column 'platform'" in build.output


# Every file accounted for (issue 8 item 1): a file that breaks the naming contract stops
# the build before its export is read, naming the file and why.
REFUSED = {
    "users/users_2024-01-31.CSV": "upper-case extension '.CSV'",
    "users/users_2024-01-31.csv.gz": "compressed file",
    "users/archive/users_2022-12-31.csv": "in a sub-folder of users/",
    "users/users_2024-01-31.xlsx": "unexpected file type '.xlsx'",
    "users/users_2023-02-30.csv": "2023-02-30 is not a date",
    "users/users.csv": "the name does not follow users/users_<YYYY-MM-DD>.csv",
    "logins/part-0.parquet": "directly in logins/",
    "logins/month=2023-1/part-0.parquet": "folder 'month=2023-1' is not a month folder",
    "logins/month=2023-01/part-0.PARQUET": "upper-case extension '.PARQUET'",
}


def test_files_breaking_the_naming_contract_stop_the_build(
    dbt_build: BuildFn, raw_dir: Path
) -> None:
    for name in REFUSED:
        path = raw_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("user_id\n1\n")
    build = _run_base(dbt_build, raw_dir, "base_platform__users", "base_platform__logins")
    assert not build.ok
    assert "Raw export 'users': 6 file(s) refused" in build.output
    assert "Raw export 'logins': 3 file(s) refused" in build.output
    for name, reason in REFUSED.items():
        assert f"{name}: {reason}" in build.output, name


def test_files_outside_the_exports_and_copied_login_files_are_refused(
    dbt_build: BuildFn, raw_dir: Path
) -> None:
    (raw_dir / "users_2024-01-31.csv").write_text("user_id\n1\n")
    (raw_dir / "enrolments").mkdir()
    (raw_dir / "enrolments" / "enrolments_2024-01-31.csv").write_text("enrollment_id\n1\n")
    month = raw_dir / "logins" / "month=2023-01"
    shutil.copy(month / "part-0.parquet", month / "part-1.parquet")
    build = dbt_build(raw_dir)
    assert not build.ok
    assert "Raw directory: files refused" in build.output
    assert "file_path=users_2024-01-31.csv, reason=a file at the root of the raw directory" in (
        build.output
    )
    assert (
        "file_path=enrolments/enrolments_2024-01-31.csv, reason=folder 'enrolments' is not an"
        " export" in build.output
    )
    assert (
        "file_path=logins/month=2023-01/part-1.parquet, reason=the same bytes as "
        "logins/month=2023-01/part-0.parquet" in build.output
    )
    assert build.query(
        "select file_path from staging.dq_raw_files where disposition = 'refused' order by 1"
    ) == [
        ("enrolments/enrolments_2024-01-31.csv",),
        ("logins/month=2023-01/part-1.parquet",),
        ("users_2024-01-31.csv",),
    ]


def test_ignored_files_and_a_raw_dir_with_quotes_spaces_and_accents(
    dbt_build: BuildFn, tmp_path: Path
) -> None:
    raw = tmp_path / "l'export é" / "raw dir"
    shutil.copytree(RAW_SMALL, raw)
    (raw / "_synthetic.json").write_text('{"scale": 0.1, "seed": 1}')
    (raw / "_generator_manifest.json").write_text('{"truth": []}')
    (raw / "users" / "README.md").write_text("what these files are")
    (raw / "users" / ".DS_Store").write_bytes(b"\x00\x01")
    (raw / "logins" / "month=2023-01" / "_SUCCESS").write_text("")
    # a valid CSV as Python's csv module writes it: CRLF row ends, LF inside a quoted field
    header = ["declaration_id", "user_id", "declared_at", "outcome_type"]
    header += ["credits_openclassrooms", "channel", "comment"]
    path = raw / "career_outcome_declarations" / "career_outcome_declarations_2023-09-30.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerow(["7003", "4", "2023-05-03T10:00:00+02:00", "other", "", "support", "a\nb"])
    build = dbt_build(raw)
    assert build.ok, build.output[-4000:]
    files = {
        path: (disposition, sha256)
        for path, disposition, sha256 in build.query(
            "select file_path, disposition, sha256 from staging.dq_raw_files"
        )
    }
    for ignored in (
        "_synthetic.json",
        "_generator_manifest.json",
        "users/README.md",
        "users/.DS_Store",
        "logins/month=2023-01/_SUCCESS",
    ):
        assert files[ignored] == ("ignored", None), ignored  # listed, never opened
    assert files["career_outcome_declarations/career_outcome_declarations_2023-09-30.csv"][0] == (
        "read"
    )
    assert build.query(
        "select has_comment from staging.stg_platform__career_outcome_declarations "
        "where declaration_id = 7003"
    ) == [(True,)]
    assert build.query("select count(*) from staging.stg_platform__logins") == [(12,)]


def test_raw_dir_with_pattern_characters_is_refused(dbt_build: BuildFn, tmp_path: Path) -> None:
    raw = tmp_path / "exports[1]"
    shutil.copytree(RAW_SMALL, raw)
    build = _run_base(dbt_build, raw, "base_platform__users")
    assert not build.ok
    assert "holds the character '['" in build.output and str(raw) in build.output


def test_logins_timestamp_stored_as_text_stops_the_build(dbt_build: BuildFn, raw_dir: Path) -> None:
    table = pa.table(
        {
            "user_id": pa.array([1], pa.int64()),
            "logged_in_at": pa.array(["2023-02-01T10:00:00"]),
            "ip_country_code": pa.array(["FR"]),
            "platform": pa.array(["web"]),
        }
    )
    pq.write_table(table, raw_dir / "logins" / "month=2023-02" / "part-1.parquet")
    build = _run_base(dbt_build, raw_dir, "base_platform__logins")
    assert not build.ok
    assert (
        "file month=2023-02/part-1.parquet: column 'logged_in_at' is stored as StringType(), "
        "not as the contract's timestamp" in build.output
    )


def test_missing_login_months_stop_the_build_and_a_stale_export_warns(
    dbt_build: BuildFn, raw_dir: Path
) -> None:
    # C-1: a month missing inside and the last month ended by the report date (2023-09-01)
    for month in ("2023-04", "2023-08"):
        shutil.rmtree(raw_dir / "logins" / f"month={month}")
    # C-4: the newest applications file is 63 days older than the report date
    folder = raw_dir / "applications"
    (folder / "applications_2023-12-31.csv").rename(folder / "applications_2023-06-30.csv")
    build = dbt_build(raw_dir)
    assert not build.ok
    assert "C-1 logins/ is not complete" in build.output
    assert "login_month=2023-04, files=0" in build.output
    assert "login_month=2023-08, files=0" in build.output
    assert "C-4 exports older than the report date" in build.output
    assert (
        "export=applications, latest_on=2023-06-30, report_date=2023-09-01, days_behind=63"
        in build.output
    )
    assert build.query(
        "select login_month from staging.dq_login_months where is_missing order by 1"
    ) == [("2023-04",), ("2023-08",)]


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
        "26,2023-01-01T10:00:00+25:00,2023-01-01T10:00:00+01:00,male,no,\n"
        "27,2023-01-01T10:00:00+01:00,2031-01-01T10:00:00+01:00,male,no,\n"
        "28,2023-05-01T10:00:00+02:00,2023-05-01T10:00:00+02:00,male,no,"
        "2023-01-01T10:00:00+01:00\n"
    ),
    # older than the newest users file: a timestamp after its own file's date is bad input
    # too, although it lies before the newest file's date (a file cannot hold what
    # happened after it was exported)
    "users/users_2023-03-31.csv": (
        "user_id,created_at,updated_at,gender,is_test_account,deleted_at\n"
        "29,2023-03-01T10:00:00+01:00,2023-05-01T10:00:00+02:00,female,no,\n"
    ),
    "applications/applications_2024-01-31.csv": (
        "application_id,user_id,path_id,submitted_at,status,decided_at,funding_requested,"
        "updated_at\n"
        "14,1,P0001,2023-05-01T10:00:00+02:00,submitted,2023-05-03T10:00:00+02:00,,"
        "2023-05-03T10:00:00+02:00\n"
        "15,1,P0001,2023-05-01T10:00:00+02:00,admitted,,,2023-05-03T10:00:00+02:00\n"
        "16,1,P0001,2023-05-01T10:00:00+02:00,rejected,2023-04-01T10:00:00+02:00,,"
        "2023-05-03T10:00:00+02:00\n"
    ),
    "addresses/addresses_2024-01-31.csv": (
        "address_id,user_id,valid_from,country_code,postal_code,city,street_line,"
        "geocode_precision,qpv_code,updated_at\n"
        "510,1,2023-01-01,FRA,75001,Paris,,housenumber,,2024-01-01T00:00:00+01:00\n"
        "511,1,2023-01-01,FR,75001,Paris,,housenumber,QP12,2024-01-01T00:00:00+01:00\n"
        "512,2,2023-01-01, xk ,,Pristina,,locality,,2023-08-01T00:00:00+02:00\n"
    ),
    "paths/paths_2024-01-31.csv": (
        "path_id,path_name,domain,rncp_level,duration_months,language,launched_on,"
        "retired_on,updated_at\n"
        "P0100,Stars,Astrology,6,12,fr,2019-01-01,,2024-01-01T00:00:00+01:00\n"
        "P0101,Six,Data,six,12,fr,2019-01-01,,2024-01-01T00:00:00+01:00\n"
        "P0102,Nine,Data,9,12,fr,2019-01-01,,2024-01-01T00:00:00+01:00\n"
        "P0103,Back,Data,6,12,fr,2019-01-01,2018-01-01,2024-01-01T00:00:00+01:00\n"
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
        "204,1,P0001,,employer,graduated,2023-01-01,2023-12-31,2023-06-30,,"
        "2024-01-01T00:00:00+01:00\n"
        "205,1,P0001,,employer,graduated,2023-01-01,2023-12-31,2023-06-30,2022-12-01,"
        "2024-01-01T00:00:00+01:00\n"
        "206,1,P0001,,employer,active,2023-01-01,2023-12-31,2023-06-30,,"
        "2024-01-01T00:00:00+01:00\n"
        "207,1,P0001,,employer,dropped_out,2023-01-01,2023-12-31,,,2024-01-01T00:00:00+01:00\n"
        "208,1,P0001,,employer,active,2023-01-01,2022-12-31,,,2024-01-01T00:00:00+01:00\n"
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
    table = pa.table(
        {
            "user_id": pa.array([1, None, 1, 1, 999], pa.int64()),
            "logged_in_at": pa.array(
                [dt.datetime(2023, 2, 1, 10)] * 2
                + [dt.datetime(2023, 3, 5, 10)]  # C-2: not the folder's month
                + [dt.datetime(2023, 2, 2, 10)] * 2,
                pa.timestamp("us"),
            ),
            "ip_country_code": pa.array(["FR", "FR", "FR", "ZZ", "FR"]),
            "platform": pa.array(["fax", "web", "web", "web", "web"]),
        }
    )
    pq.write_table(table, raw / "logins" / "month=2023-02" / "part-1.parquet")


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
    ("logins", "month=2023-02/part-1.parquet", "1", "platform", "fax", "unknown category"),
    ("logins", "month=2023-02/part-1.parquet", None, "user_id", None, "missing required value"),
    (
        "logins",
        "month=2023-02/part-1.parquet",
        "1",
        "logged_in_at",
        "2023-03-05 10:00:00",
        "outside its folder month=2023-02 (C-2)",
    ),
    ("logins", "month=2023-02/part-1.parquet", "1", "ip_country_code", "ZZ", "unknown code"),
    (
        "logins",
        "month=2023-02/part-1.parquet",
        "999",
        "user_id",
        "999",
        "unknown user_id: no such user in users/ (referential integrity)",
    ),
    (
        "users",
        "users_2024-01-31.csv",
        "26",
        "created_at",
        "2023-01-01T10:00:00+25:00",
        "UTC offset outside -14:00..+14:00",
    ),
    (
        "users",
        "users_2024-01-31.csv",
        "27",
        "updated_at",
        "2031-01-01T10:00:00+01:00",
        "after the export date of its file (2024-01-31)",
    ),
    (
        "users",
        "users_2023-03-31.csv",
        "29",
        "updated_at",
        "2023-05-01T10:00:00+02:00",
        "after the export date of its file (2023-03-31)",
    ),
    (
        "users",
        "users_2024-01-31.csv",
        "28",
        "deleted_at",
        "2023-01-01T10:00:00+01:00",
        "contradiction: deleted_at before created_at",
    ),
    (
        "paths",
        "paths_2024-01-31.csv",
        "P0103",
        "retired_on",
        "2018-01-01",
        "contradiction: retired_on before launched_on",
    ),
    (
        "enrollments",
        "enrollments_2024-01-31.csv",
        "204",
        "graduated_on",
        None,
        "contradiction: graduated without graduated_on",
    ),
    (
        "enrollments",
        "enrollments_2024-01-31.csv",
        "205",
        "graduated_on",
        "2022-12-01",
        "contradiction: graduated_on before started_on",
    ),
    (
        "enrollments",
        "enrollments_2024-01-31.csv",
        "206",
        "ended_on",
        "2023-06-30",
        "contradiction: ended_on set on an active enrolment",
    ),
    (
        "enrollments",
        "enrollments_2024-01-31.csv",
        "207",
        "ended_on",
        None,
        "contradiction: ended (graduated, dropped_out or cancelled) without ended_on",
    ),
    (
        "enrollments",
        "enrollments_2024-01-31.csv",
        "208",
        "expected_end_on",
        "2022-12-31",
        "contradiction: expected_end_on before started_on",
    ),
    (
        "applications",
        "applications_2024-01-31.csv",
        "14",
        "decided_at",
        "2023-05-03T10:00:00+02:00",
        "contradiction: decided_at set on an undecided application",
    ),
    (
        "applications",
        "applications_2024-01-31.csv",
        "15",
        "decided_at",
        None,
        "contradiction: admitted or rejected without decided_at",
    ),
    (
        "applications",
        "applications_2024-01-31.csv",
        "16",
        "decided_at",
        "2023-04-01T10:00:00+02:00",
        "contradiction: decided_at before submitted_at",
    ),
    (
        "addresses",
        "addresses_2024-01-31.csv",
        "510",
        "country_code",
        "FRA",
        "does not match the contract format [A-Z]{2}",
    ),
    (
        "addresses",
        "addresses_2024-01-31.csv",
        "511",
        "qpv_code",
        "QP12",
        "does not match the contract format QP[0-9]{6}|QN[0-9]{5}[A-Z]",
    ),
}

QUARANTINE_SQL = (
    "select export, source_file, record_key, column_name, raw_value, reason "
    "from staging.dq_quarantine"
)


def test_bad_values_are_quarantined_and_fail_the_build(dbt_build: BuildFn, raw_dir: Path) -> None:
    _write_bad_files(raw_dir)
    build = dbt_build(raw_dir)
    assert not build.ok
    assert set(build.query(QUARANTINE_SQL)) == EXPECTED_QUARANTINE
    assert "quarantine_within_tolerance_dq_quarantine" in build.output
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
        "select count(*) from staging.stg_platform__logins where platform = 'fax' "
        "or ip_country_code = 'ZZ' or logged_in_at = timestamp '2023-03-05 10:00:00'"
    ) == [(0,)]
    # the first entries are written into the build's output: file, column, value, reason
    assert "Rows quarantined" in build.output
    assert (
        "source_file=addresses_2024-01-31.csv, record_key=510, column_name=country_code, "
        "raw_value=FRA, reason=does not match the contract format [A-Z]{2}" in build.output
    )
    # G-8: the timestamp of 2031 does not move the report date
    assert build.query("select report_date from intermediate.int_report_date_resolved") == [
        (dt.date(2023, 9, 1),)
    ]
    # the per-file counts: raw = quarantined + kept, for every file read
    assert build.query(
        "select raw_rows, quarantined_rows, kept_rows from staging.dq_raw_files "
        "where file_path = 'users/users_2024-01-31.csv'"
    ) == [(11, 11, 0)]


def test_quarantine_within_tolerance_only_warns(dbt_build: BuildFn, raw_dir: Path) -> None:
    _write_bad_files(raw_dir)
    build = dbt_build(raw_dir, dbt_vars={"quarantine_tolerance": 0.9})
    assert build.ok, build.output[-4000:]
    assert "WARN" in build.output
    assert "quarantine_within_tolerance_dq_quarantine" in build.output
    assert set(build.query(QUARANTINE_SQL)) == EXPECTED_QUARANTINE
    # kept but named: a country code that is no country (M-RES-1: unknown)
    assert "values kept although the contract flags them" in build.output
    assert "record_key=512, column_name=country_code, raw_value=xk" in build.output
    # a timestamp after its own file's export date is not kept: the older version of user
    # 29 is quarantined, so the user is missing from staging
    assert build.query("select count(*) from staging.stg_platform__users where user_id = 29") == [
        (0,)
    ]
    assert build.query(
        "select country_code from staging.stg_platform__addresses where address_id = 512"
    ) == [("XK",)]


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
        args=["build", *STAGING, "--store-failures"],
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
    assert build.query("select * from staging.dq_quarantine") == []
