"""Hand-made exports for the edition cycle (G-11, G-12), from indicator_fixture.py.

`write_december_delivery(raw)`: the hand-made export set as a team would have it at the
end of 2024: every CSV export delivered again on 2024-12-31 (the same rows: G-3 keeps one
version), one more account created that day (it takes part in no figure) and the test
account's logins in every month up to December (C-1), so that the report date is
2024-12-31 (G-8) and every figure of 2023 is final (the twelve-month placement rate
finalises on December 31, M-PLA-6, G-7): edition 2023 can be frozen.

`write_late_correction(raw)`: a newer enrolments file that re-exports the two graduates
of the 2023 graduation cohort who graduated on time or within 150% (enrolments 1 and 2)
as dropped out, as a late correction would. It moves, by hand:
- graduation_rate 2023: 1/7 -> 0/7; graduation_rate_150 2023: 4/7 -> 2/7 (M-GRA);
- job_placement_rate 2023: 2/5 -> 0/3; placement_response_rate 2023: 4/5 -> 2/3;
  job_placement_rate_12m 2023: 4/5 -> 2/3; apprentice_job_placement_rate 2023: 1/1 ->
  0/0 (M-PLA: the graduates of 2023 are 4, 10 and 11 only).
"""

from __future__ import annotations

import csv
import shutil
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from indicator_fixture import ENROLLMENTS, write_raw_indicators

DELIVERED_ON = "2024-12-31"
CORRECTED_ON = "2025-01-15"
# (indicator, year, segment) -> ((numerator, denominator) frozen, recomputed after the
# correction), computed by hand (module docstring)
CORRECTED: dict[tuple[str, int, str], tuple[tuple[int, int], tuple[int, int]]] = {
    ("graduation_rate", 2023, "all"): ((1, 7), (0, 7)),
    ("graduation_rate_150", 2023, "all"): ((4, 7), (2, 7)),
    ("job_placement_rate", 2023, "all"): ((2, 5), (0, 3)),
    ("placement_response_rate", 2023, "all"): ((4, 5), (2, 3)),
    ("job_placement_rate_12m", 2023, "all"): ((4, 5), (2, 3)),
    ("apprentice_job_placement_rate", 2023, "all"): ((1, 1), (0, 0)),
}
ENROLLMENT_HEADER = [
    "enrollment_id",
    "user_id",
    "path_id",
    "application_id",
    "funding_type",
    "status",
    "started_on",
    "expected_end_on",
    "ended_on",
    "graduated_on",
    "updated_at",
]
TEST_ACCOUNT = 7  # G-2: its logins count for no figure
NEW_ACCOUNT = 16  # created on the delivery date: no application, enrolment or login
LOGIN_SCHEMA = pa.schema(
    [
        ("user_id", pa.int64()),
        ("logged_in_at", pa.timestamp("us")),
        ("ip_country_code", pa.string()),
        ("platform", pa.string()),
    ]
)


def write_december_delivery(raw: Path) -> Path:
    write_raw_indicators(raw)
    for export in sorted(path for path in raw.iterdir() if path.is_dir()):
        for file in sorted(export.glob("*_2024-07-01.csv")):
            shutil.copyfile(file, file.with_name(file.name.replace("2024-07-01", DELIVERED_ON)))
    with (raw / "users" / f"users_{DELIVERED_ON}.csv").open("a", newline="", encoding="utf-8") as f:
        created = f"{DELIVERED_ON}T10:00:00+01:00"
        csv.writer(f).writerow([NEW_ACCOUNT, created, created, "", "", "", "", "", "false", ""])
    for month in range(7, 13):
        day = 31 if month == 12 else 15
        folder = raw / "logins" / f"month=2024-{month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        table = pa.table(
            {
                "user_id": [TEST_ACCOUNT],
                "logged_in_at": [datetime(2024, month, day, 12)],
                "ip_country_code": [None],
                "platform": ["web"],
            },
            schema=LOGIN_SCHEMA,
        )
        pq.write_table(table, folder / "part-0.parquet")
    return raw


def write_late_correction(raw: Path) -> Path:
    """The newer enrolments file; returns its path."""
    corrected = []
    for row in ENROLLMENTS:
        if row[0] in (1, 2):
            # dropped out on the day they had been recorded as graduating
            enrollment = (*row[:5], "dropped_out", row[6], row[7], row[8], "")
            corrected.append((*enrollment, f"{CORRECTED_ON}T10:00:00+01:00"))
    path = raw / "enrollments" / f"enrollments_{CORRECTED_ON}.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(ENROLLMENT_HEADER)
        writer.writerows(corrected)
    return path
