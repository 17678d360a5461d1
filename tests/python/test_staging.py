"""Staging on the small hand-made exports (tests/fixtures/raw_small): green build, empty
quarantine, and the traps of the contract handled (G-1, G-2, G-3, codes, NA, zeros).

The build runs under TZ=America/New_York: results must not depend on the machine's zone.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import RAW_SMALL, STAGING, Build, BuildFn
from impact_warehouse.dbtrun import PROJECT_DIR, run_dbt

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("staging-small")
    result = run_dbt(
        ["build", *STAGING],
        raw_dir=RAW_SMALL,
        duckdb_path=work / "impact.duckdb",
        work_dir=work,
        extra_env={"TZ": "America/New_York"},
    )
    return Build(result, work / "impact.duckdb")


def test_build_is_green(small: Build) -> None:
    assert small.ok, small.output[-4000:]
    assert "WARN=0" in small.output and "ERROR=0" in small.output


def test_quarantine_is_empty(small: Build) -> None:
    assert small.query("select * from staging.dq_quarantine") == []


def test_every_file_is_read_and_counted(small: Build) -> None:
    rows = small.query(
        "select export, file_path, disposition, raw_rows, quarantined_rows, kept_rows, "
        "length(sha256), size_bytes > 0 from staging.dq_raw_files order by file_path"
    )
    assert len(rows) == 21
    assert {row[2] for row in rows} == {"read"}
    assert all(row[3] == row[4] + row[5] and row[6] == 64 and row[7] for row in rows)
    assert ("users", "users/users_2023-06-30.csv", "read", 5, 0, 5, 64, True) in rows
    assert small.query(
        "select login_month, files, raw_rows, is_required, is_missing "
        "from staging.dq_login_months order by 1 limit 2"
    ) == [("2022-12", 1, 2, True, False), ("2023-01", 1, 3, True, False)]
    assert small.query(
        "select export, latest_on, days_behind, is_stale from staging.dq_exports "
        "where export in ('logins', 'paths') order by 1"
    ) == [
        ("logins", dt.date(2023, 8, 15), 17, False),
        ("paths", dt.date(2023, 12, 31), -121, False),
    ]


def test_g1_paris_dates_of_z_timestamps_near_new_year(small: Build) -> None:
    # 2022-12-31T23:30:00Z is 2023-01-01 00:30 in Paris
    assert small.query(
        "select created_at, created_on from staging.stg_platform__users where user_id = 1"
    ) == [(dt.datetime(2022, 12, 31, 23, 30), dt.date(2023, 1, 1))]
    assert small.query(
        "select declared_on from staging.stg_platform__career_outcome_declarations "
        "where declaration_id = 7000"
    ) == [(dt.date(2023, 1, 1),)]
    assert small.query(
        "select submitted_on from staging.stg_platform__applications where application_id = 10"
    ) == [(dt.date(2022, 1, 1),)]
    assert small.query(
        "select logged_in_on from staging.stg_platform__logins "
        "where user_id = 1 and logged_in_at = timestamp '2022-12-31 23:30:00'"
    ) == [(dt.date(2023, 1, 1),)]


def test_offsets_become_utc_across_the_dst_change(small: Build) -> None:
    # 2023-03-26T01:59:59+01:00 and 2023-03-26T03:00:00+02:00 are one second apart
    assert small.query(
        "select created_at, updated_at from staging.stg_platform__users where user_id = 4"
    ) == [(dt.datetime(2023, 3, 26, 0, 59, 59), dt.datetime(2023, 3, 26, 1, 0, 0))]


def test_g3_latest_version_wins_and_ties_go_to_the_last_file(small: Build) -> None:
    rows = small.query(
        "select user_id, gender, source_file from staging.stg_platform__users "
        "where user_id in (1, 2) order by user_id"
    )
    assert rows == [
        (1, "female", "users_2023-12-31.csv"),
        (2, "undisclosed", "users_2023-12-31.csv"),  # same updated_at: last file wins
    ]
    assert small.query(
        "select status, graduated_on from staging.stg_platform__enrollments "
        "where enrollment_id = 100"
    ) == [("graduated", dt.date(2022, 12, 20))]
    assert small.query("select count(*) from staging.stg_platform__enrollments") == [(4,)]


def test_g3_append_only_copies_count_once(small: Build) -> None:
    assert small.query(
        "select profile_id, count(*) from staging.stg_platform__student_profiles "
        "group by all order by 1"
    ) == [(1000, 1), (1001, 1), (1002, 1)]
    assert small.query("select count(*) from staging.stg_platform__job_outcomes") == [(2,)]


def test_g2_test_accounts_flagged_and_empty_flag_is_false(small: Build) -> None:
    assert small.query(
        "select user_id, is_test_account from staging.stg_platform__users order by 1"
    ) == [(1, False), (2, False), (3, True), (4, False), (5, False)]


def test_codes_and_categories_normalised(small: Build) -> None:
    assert small.query(
        "select path_id, domain, language from staging.stg_platform__paths order by 1"
    ) == [
        ("P0001", "Data", "fr"),
        ("P0002", "Development", "en"),
        ("P0003", "Human Resources", "fr"),
        ("P0004", "Health and Social Care", "fr"),
    ]
    assert small.query("select gender from staging.stg_platform__users where user_id = 5") == [
        ("non_binary",)
    ]


def test_addresses_keep_namibia_and_leading_zeros(small: Build) -> None:
    rows = small.query(
        "select address_id, country_code, postal_code, geocode_precision, qpv_code "
        "from staging.stg_platform__addresses order by 1"
    )
    assert rows == [
        (500, "FR", "01000", "housenumber", "QP001001"),
        (501, "NA", None, "locality", None),
        (502, "GP", "97110", "street", None),
        (503, None, None, "none", None),
    ]
    assert small.query(
        "select country_name, region_group from staging.countries where country_code = 'NA'"
    ) == [("Namibia", "Africa")]
    assert small.query("select count(*) from staging.countries") == [(249,)]


def test_pii_never_reaches_staging(small: Build) -> None:
    pii = small.query(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'staging' and column_name in "
        "('email', 'first_name', 'last_name', 'birth_date', 'street_line', 'comment', "
        "'email__raw', 'street_line__raw', 'job_title', 'job_title__raw')"
    )
    assert pii == []
    # the comment's text is not kept, only whether there was one
    assert small.query(
        "select distinct raw.comment from staging.base_platform__career_outcome_declarations "
        "order by 1 nulls last"
    ) == [("present",), (None,)]
    # nor inside the base models' structs
    struct_types = small.query(
        "select data_type from information_schema.columns "
        "where table_schema = 'staging' and data_type like 'STRUCT%'"
    )
    assert struct_types and not any(
        name in data_type
        for (data_type,) in struct_types
        for name in ("email", "first_name", "last_name", "birth_date", "street_line", "job_title")
    )
    assert small.query(
        "select declaration_id, has_comment from "
        "staging.stg_platform__career_outcome_declarations order by 1"
    ) == [(7000, True), (7001, False), (7002, False)]


def test_logins_view_normalises_codes(small: Build) -> None:
    assert small.query(
        "select ip_country_code, platform from staging.stg_platform__logins "
        "where logged_in_at < timestamp '2023-02-01' order by logged_in_at"
    ) == [("NA", "ios"), ("FR", "web"), (None, "android"), ("XX", "web"), ("GP", "web")]
    assert small.query(
        "select table_type from information_schema.tables where table_name = 'stg_platform__logins'"
    ) == [("VIEW",)]


def test_relative_raw_dir_resolves_against_the_project(dbt_build: BuildFn) -> None:
    # run_dbt makes raw_dir absolute; the sources must also cope with a relative one
    relative = RAW_SMALL.relative_to(PROJECT_DIR)
    build = dbt_build(
        RAW_SMALL,
        args=[
            "build",
            "--select",
            "+stg_platform__logins",
            "--exclude-resource-type",
            "test",
            "--exclude-resource-type",
            "unit_test",
        ],
        extra_env={"IMPACT_RAW_DIR": str(relative)},
    )
    assert build.ok, build.output[-3000:]
    # the view works from any directory: it holds an absolute path
    assert build.query("select count(*) from staging.stg_platform__logins") == [(12,)]
    (view_sql,) = build.query(
        "select sql from duckdb_views() where view_name = 'base_platform__logins'"
    )[0]
    assert f"'{RAW_SMALL}/logins/" in view_sql
