"""Raw directories that break the input contract, for the parity of verdicts (issue 13).

`write_parity_faults(raw)` adds to a valid delivery every bad value of the DuckDB
bad-input suite (test_bad_input.BAD_FILES: quarantined rows of every export and kind)
and the values and files that the two engines' readers and casts treat differently
unless the project makes them agree: a CSV file with a BOM, CRLF row ends, columns in
another order, a header with spaces and capitals, a quoted field after spaces, a quoted
field over two lines, no-break spaces; timestamps without seconds, at 24:00, with
fractions, `z`, `+0200`, `+02`, a space for the `T`, impossible dates and times; ids and
integers with signs, zeros and spaces; Parquet files with an INT32 user_id, INT96
timestamps and an extra column. Nothing here stops a build: the build over it must
succeed, and every verdict (kept, quarantined with its reason) must be the same on both.

`write_stop_faults(raw)` breaks every export of a copy of the small exports in a way
that stops the build, one per export (STOPS: the message both engines give; READER_STOPS:
the files DuckDB's reader refuses on its own, which the Spark pre-step must refuse too).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from test_bad_input import _write_bad_files

USERS_HEADER = "\ufeffgender, User_ID ,deleted_at,updated_at,is_test_account,created_at,note"
# (user_id, created_at, gender, is_test_account) of users in another column order, with
# BOM, CRLF and a multi-line note: each created_at is a case of the timestamp parsers.
USER_CASES = [
    ("990001", "2023-05-01T10:00+02:00", ' "female"', "no"),  # no seconds; spaced quote
    ("990002", "2023-03-31T24:00:00+02:00", "\u00a0male\u00a0", "YES"),  # 24:00; no-break
    ("990003", "2023-05-01T10:00:00.123456+02:00", "female", " False "),
    ("990004", "2023-05-01T10:00:00.5Z", "undisclosed", "1"),
    ("990005", "2023-05-01T10:00:00z", "male", "0"),
    ("990006", "2023-05-01T10:00:00+0200", "male", "no"),
    ("990007", "2023-05-01T10:00:00+02", "male", "no"),
    ("990008", "2023-05-01 10:00:00+02:00", "male", "no"),
    ("990009", "2023-02-29T10:00:00Z", "male", "no"),  # not a date
    ("990010", "2023-02-28T25:00:00Z", "male", "no"),  # no such hour
    ("990011", "2023-02-28T10:00:60Z", "male", "no"),  # a 60th second
    ("990012", "2023-02-28T10:60:00Z", "male", "no"),
    ("000990013", "2023-05-01T10:00:00-14:00", "male", "no"),  # leading zeros; -14:00
    (" 990014 ", "2023-05-01T10:00:00+14:01", "male", "no"),  # spaces; offset over 14
    ("+990015", "2023-05-01T10:00:00+02:00", "male", "no"),  # a sign is not an id
    ("990016", "2023-05-01T10:00:00+02:00", '"O\'Brien \\ x"', "no"),  # quote, backslash
    ("990017", "2023-05-01T10:00:00+02:00", "Female", "maybe"),
    ("990018", " 2023-05-01T10:00:00+02:00 ", "male", "tRuE"),
    ("990019", "2023-5-1T10:00:00+02:00", "male", "no"),  # not zero-padded
    ("990020", "2023-05-01T10:00:00", "male", "no"),  # no offset
]
PATHS_HEADER = (
    "path_id,path_name,domain,rncp_level,duration_months,language,launched_on,retired_on,updated_at"
)
# (path_id, rncp_level, duration_months, launched_on) cases of the integer and date parsers
PATH_CASES = [
    (" p0901 ", " 5 ", "12", "2019-01-01"),
    ("P0902", "+5", "012", "2019-01-01"),
    ("P0903", "-0", "12", "2019-02-29"),
    ("P0904", "5.0", "1e1", "2019-13-01"),
    ("P0905", "9999999999", "12", "2019-1-1"),
    ("P0906", "", "12", " 2019-01-01 "),
]


def _logins(rows: int, month: dt.datetime, **kinds) -> pa.Table:
    return pa.table(
        {
            "user_id": pa.array([1] * rows, kinds.get("user_id", pa.int64())),
            "logged_in_at": pa.array([month] * rows, pa.timestamp("us")),
            "ip_country_code": pa.array(["FR"] * rows),
            "platform": pa.array(["web"] * rows),
            **kinds.get("extra", {}),
        }
    )


def write_parity_faults(raw: Path) -> None:
    """Add the bad-input cases and the engine traps to the valid delivery `raw`."""
    _write_bad_files(raw)
    lines = [USERS_HEADER]
    for user_id, created_at, gender, flag in USER_CASES:
        note = '"two\r\nlines, one field"' if user_id == "990003" else ""
        lines.append(f"{gender},{user_id},,{created_at},{flag},{created_at},{note}")
    (raw / "users" / "users_2024-03-31.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode())
    paths = [PATHS_HEADER]
    for path_id, level, months, launched in PATH_CASES:
        paths.append(
            f"{path_id},Trap,Data,{level},{months},fr,{launched},,2024-01-01T00:00:00+01:00"
        )
    (raw / "paths" / "paths_2024-03-31.csv").write_text("\n".join(paths) + "\n")
    # Parquet: an INT32 user_id, INT96 timestamps, an extra column (all read, by name)
    march = raw / "logins" / "month=2023-03"
    pq.write_table(
        _logins(3, dt.datetime(2023, 3, 9, 8), user_id=pa.int32()), march / "part-8.parquet"
    )
    april = raw / "logins" / "month=2023-04"
    pq.write_table(
        _logins(2, dt.datetime(2023, 4, 9, 8)),
        april / "part-8.parquet",
        use_deprecated_int96_timestamps=True,
    )
    pq.write_table(
        _logins(2, dt.datetime(2023, 4, 10, 8), extra={"session_id": pa.array(["a", "b"])}),
        april / "part-9.parquet",
    )


# export -> what both engines say when the build stops on it
STOPS = {
    "paths": "/paths is missing or holds no csv file",
    "users": "the header of file users_2024-01-31.csv does not parse (unbalanced quote)",
    "job_outcomes": "file job_outcomes_2024-01-31.csv has no header row",
    "applications": "file applications_2024-01-31.csv lacks the required column 'status'",
    "logins": "column 'logged_in_at' is stored as StringType(), not as the contract's timestamp",
    "enrollments": "enrollments/enrollments_2024-01-31.CSV: upper-case extension '.CSV'",
    "student_profiles": "the header of file student_profiles_2024-01-31.csv repeats column",
}
# export -> (file, what the Spark pre-step says): DuckDB's reader refuses these files itself
READER_STOPS = {
    "addresses": ("addresses_2024-01-31.csv", "cannot be read: not UTF-8 text (line 2)"),
    "career_outcome_declarations": (
        "career_outcome_declarations_2024-01-31.csv",
        "cannot be read: a quoted field opened on line 2 is never closed",
    ),
}


def write_stop_faults(raw: Path) -> None:
    """One fault per export of a copy of the small exports, each stopping the build."""
    shutil.rmtree(raw / "paths")
    (raw / "users" / "users_2024-01-31.csv").write_text(
        '"user_id,created_at,updated_at,gender,is_test_account,deleted_at\n1,2,3\n'
    )
    (raw / "job_outcomes" / "job_outcomes_2024-01-31.csv").write_text("")
    (raw / "applications" / "applications_2024-01-31.csv").write_text(
        "application_id,user_id,path_id,submitted_at,decided_at,funding_requested,updated_at\n"
        "14,1,P0001,2023-05-01T10:00:00+02:00,,,2023-05-01T10:00:00+02:00\n"
    )
    pq.write_table(
        pa.table(
            {
                "user_id": pa.array([1], pa.int64()),
                "logged_in_at": pa.array(["2023-02-01T10:00:00"]),
                "ip_country_code": pa.array(["FR"]),
                "platform": pa.array(["web"]),
            }
        ),
        raw / "logins" / "month=2023-02" / "part-1.parquet",
    )
    (raw / "enrollments" / "enrollments_2024-01-31.CSV").write_text("enrollment_id\n1\n")
    (raw / "student_profiles" / "student_profiles_2024-01-31.csv").write_text(
        "profile_id,user_id,enrollment_id,collected_at,employment_status,"
        "highest_qualification,has_disability,is_refugee,user_id\n"
    )
    (raw / "addresses" / "addresses_2024-01-31.csv").write_bytes(
        "address_id,user_id,valid_from,country_code,postal_code,city,street_line,"
        "geocode_precision,qpv_code,updated_at\n"
        "520,1,2023-01-01,FR,94240,L'Ha\u00ffe-les-Roses,,locality,,2024-01-01T00:00:00+01:00\n".encode(
            "latin-1"
        )
    )
    (raw / "career_outcome_declarations" / "career_outcome_declarations_2024-01-31.csv").write_text(
        "declaration_id,user_id,declared_at,outcome_type,credits_openclassrooms,channel,comment\n"
        '7100,1,2023-05-03T10:00:00+02:00,other,,support,"never closed\n'
        "7101,1,2023-05-03T10:00:00+02:00,other,,support,\n"
    )
