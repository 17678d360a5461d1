"""The export contract as the generator writes it: every export, its columns in file order
and their types (RAW_EXPORTS.md), the file names and the export dates.

This is the generator's only list of export columns: the writers hand their columns by name
and `ExportFiles` lays them out in this order (refusing a missing or an extra column), and
the logins Parquet schema is derived from it. When the project-wide contract
(`impact_warehouse.contract`) exists, `EXPORT_COLUMNS` is the one place to read it from.
"""

from __future__ import annotations

import pyarrow as pa

# Column types as RAW_EXPORTS.md names them (boolean-ish profile answers are text).
EXPORT_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "users": (
        ("user_id", "integer"),
        ("created_at", "timestamp"),
        ("updated_at", "timestamp"),
        ("email", "text"),
        ("first_name", "text"),
        ("last_name", "text"),
        ("birth_date", "date"),
        ("gender", "text"),
        ("is_test_account", "boolean"),
        ("deleted_at", "timestamp"),
    ),
    "paths": (
        ("path_id", "text"),
        ("path_name", "text"),
        ("domain", "text"),
        ("rncp_level", "integer"),
        ("duration_months", "integer"),
        ("language", "text"),
        ("launched_on", "date"),
        ("retired_on", "date"),
        ("updated_at", "timestamp"),
    ),
    "applications": (
        ("application_id", "integer"),
        ("user_id", "integer"),
        ("path_id", "text"),
        ("submitted_at", "timestamp"),
        ("status", "text"),
        ("decided_at", "timestamp"),
        ("funding_requested", "text"),
        ("updated_at", "timestamp"),
    ),
    "enrollments": (
        ("enrollment_id", "integer"),
        ("user_id", "integer"),
        ("path_id", "text"),
        ("application_id", "integer"),
        ("funding_type", "text"),
        ("status", "text"),
        ("started_on", "date"),
        ("expected_end_on", "date"),
        ("ended_on", "date"),
        ("graduated_on", "date"),
        ("updated_at", "timestamp"),
    ),
    "student_profiles": (
        ("profile_id", "integer"),
        ("user_id", "integer"),
        ("enrollment_id", "integer"),
        ("collected_at", "timestamp"),
        ("employment_status", "text"),
        ("highest_qualification", "text"),
        ("has_disability", "text"),
        ("is_refugee", "text"),
    ),
    "addresses": (
        ("address_id", "integer"),
        ("user_id", "integer"),
        ("valid_from", "date"),
        ("country_code", "text"),
        ("postal_code", "text"),
        ("city", "text"),
        ("street_line", "text"),
        ("geocode_precision", "text"),
        ("qpv_code", "text"),
        ("updated_at", "timestamp"),
    ),
    "job_outcomes": (
        ("response_id", "integer"),
        ("enrollment_id", "integer"),
        ("user_id", "integer"),
        ("collected_at", "timestamp"),
        ("situation", "text"),
        ("contract_type", "text"),
        ("job_started_on", "date"),
        ("job_title", "text"),
        ("related_to_path", "boolean"),
    ),
    "career_outcome_declarations": (
        ("declaration_id", "integer"),
        ("user_id", "integer"),
        ("declared_at", "timestamp"),
        ("outcome_type", "text"),
        ("credits_openclassrooms", "boolean"),
        ("channel", "text"),
        ("comment", "text"),
    ),
    "logins": (
        ("user_id", "integer"),
        ("logged_in_at", "timestamp"),
        ("ip_country_code", "text"),
        ("platform", "text"),
    ),
}
EXPORTS = list(EXPORT_COLUMNS)
PARQUET_EXPORTS = {"logins"}  # Hive-partitioned by month; every other export is CSV

# How each contract type is rendered in a CSV file (render.to_arrow kinds): timestamps as
# ISO 8601 with the Paris offset, dates as YYYY-MM-DD, booleans in their drawn spelling.
CSV_KIND = {"integer": "int", "timestamp": "ts", "date": "day", "text": "str", "boolean": "str"}
# ... and in a Parquet file (logins: `logged_in_at` is a UTC timestamp without offset).
PARQUET_TYPE = {"integer": pa.int64(), "timestamp": pa.timestamp("us"), "text": pa.string()}

NEW_FILE = "2024-07-01"  # the export date
OLD_FILE = "2024-01-01"  # the older, overlapping file of every CSV export


def columns(export: str) -> tuple[tuple[str, str], ...]:
    """(column, type) of an export, in file order."""
    return EXPORT_COLUMNS[export]


def csv_file(export: str, date: str) -> str:
    """Path of a CSV export file under the raw directory (`<export>/<export>_<date>.csv`)."""
    return f"{export}/{export}_{date}.csv"


def parquet_schema(export: str) -> pa.Schema:
    return pa.schema([(name, PARQUET_TYPE[kind]) for name, kind in columns(export)])
