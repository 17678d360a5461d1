"""A small hand-made export set whose every indicator is computed by hand.

`write_raw_indicators(path)` writes the exports (docs/input-contract.md format) and
`EXPECTED` holds the hand-computed (numerator, denominator) of every row of
marts.impact_indicators, built with min_cell_size 0. Each record says which rule it
exercises; the arithmetic is spelled out beside EXPECTED.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

T = "2022-01-01T10:00:00+01:00"  # a neutral updated_at / created_at

# ----------------------------------------------------------------------------- users
# id, gender, is_test_account, deleted_at
USERS = [
    (1, "female", "false", ""),
    (2, "female", "false", ""),
    (3, "female", "false", ""),
    (4, "male", "false", ""),
    (5, "female", "false", ""),
    (6, "male", "false", ""),
    (7, "female", "true", ""),  # G-2: test account, every record ignored
    (8, "male", "false", ""),
    (9, "female", "false", "2023-03-01T10:00:00+01:00"),  # M-CAR-2: deleted before declaring
    (10, "male", "false", ""),  # free user, M-CAR-3 chain
    (11, "female", "false", ""),  # free user, pseudo-codes, Dec 31 23:30Z login
    (12, "undisclosed", "false", ""),
    (13, "female", "false", ""),
    (14, "male", "false", ""),  # old dropped-out enrolment, free user in 2023
    (15, "male", "false", ""),  # inactive declarant, then active
]

PATHS = [
    ("P1", "Data Analyst", "Data"),  # Tech
    ("P2", "HR Assistant", "Human Resources"),  # not Tech
    ("P3", "Web Developer", "Development"),  # Tech
]

# id, user, path, submitted_at, status
APPLICATIONS = [
    (1, 1, "P1", "2022-05-01T10:00:00+02:00", "admitted"),
    (2, 2, "P2", "2022-12-31T23:30:00Z", "admitted"),  # G-1: Paris 2023-01-01
    (3, 3, "P1", "2023-02-01T10:00:00+01:00", "withdrawn"),  # M-ORI-1: still an applicant
    (4, 3, "P3", "2023-03-01T10:00:00+01:00", "admitted"),  # leads to a cancelled enrolment
    (5, 4, "P3", "2023-04-01T10:00:00+02:00", "admitted"),
    (6, 7, "P1", "2023-05-01T10:00:00+02:00", "admitted"),  # test account
    (7, 5, "P1", "2022-06-01T10:00:00+02:00", "rejected"),
    (8, 6, "P2", "2023-06-01T10:00:00+02:00", "submitted"),
    (9, 5, "P2", "2023-01-10T10:00:00+01:00", "admitted"),
    (10, 8, "P3", "2021-12-31T23:30:00Z", "admitted"),  # G-1: Paris 2022-01-01
    (11, 1, "P2", "2023-08-01T10:00:00+02:00", "admitted"),
    (12, 14, "P2", "2020-12-01T10:00:00+01:00", "admitted"),
]

# id, user, path, application, funding, status, started, expected_end, ended, graduated
ENROLLMENTS = [
    (
        1,
        1,
        "P1",
        1,
        "self_funded",
        "graduated",
        "2022-06-01",
        "2023-05-31",
        "2023-05-31",
        "2023-05-31",
    ),  # M-GRA-2: graduates on the expected day
    (
        2,
        2,
        "P2",
        2,
        "apprenticeship",
        "graduated",
        "2023-01-15",
        "2023-08-30",
        "2023-08-31",
        "2023-08-31",
    ),  # one day late; window end 2024-02-29
    (3, 3, "P1", 4, "self_funded", "cancelled", "2023-03-15", "2024-03-14", "2023-03-20", ""),
    (
        4,
        4,
        "P3",
        5,
        "public",
        "graduated",
        "2023-04-15",
        "2023-10-14",
        "2023-12-31",
        "2023-12-31",
    ),  # window end 2024-06-30; 260 <= 1.5 * 182
    (5, 5, "P2", 9, "self_funded", "dropped_out", "2023-02-01", "2023-12-31", "2023-06-30", ""),
    (6, 6, "P1", "", "employer", "active", "2023-09-01", "2024-08-31", "", ""),
    (
        7,
        7,
        "P1",
        6,
        "self_funded",
        "graduated",
        "2023-05-15",
        "2023-11-14",
        "2023-11-14",
        "2023-11-14",
    ),  # test account
    (8, 8, "P3", 10, "self_funded", "active", "2022-02-01", "2023-12-31", "", ""),  # M-GRA-4
    (9, 1, "P2", 11, "self_funded", "active", "2023-09-01", "2024-08-31", "", ""),
    (
        10,
        12,
        "P3",
        "",
        "employer",
        "graduated",
        "2023-01-10",
        "2023-07-09",
        "2023-10-07",
        "2023-10-07",
    ),  # M-GRA-5: exactly 270 = 1.5 * 180 days
    (
        11,
        13,
        "P3",
        "",
        "employer",
        "graduated",
        "2023-01-10",
        "2023-07-09",
        "2023-10-08",
        "2023-10-08",
    ),  # 271 days: over 150%
    (
        12,
        14,
        "P2",
        12,
        "self_funded",
        "dropped_out",
        "2021-01-01",
        "2021-12-31",
        "2021-06-30",
        "",
    ),  # span ends 2022-06-30
]

# id, user, enrolment, collected_at, employment, qualification, disability, refugee
PROFILES = [
    (1, 1, 1, "2022-06-01T10:00:00+02:00", "unemployed", "none", "no", "no"),
    (2, 2, 2, "2023-01-15T10:00:00+01:00", "unemployed", "bac", "no", "no"),
    (3, 2, 2, "2023-03-01T10:00:00+01:00", "employed", "bac+2", "no", "yes"),  # latest wins
    (4, 4, 4, "2023-04-15T10:00:00+02:00", "unemployed", "cap_bep", "yes", "no"),
    (
        5,
        5,
        5,
        "2023-02-01T10:00:00+01:00",
        "undisclosed",
        "undisclosed",
        "undisclosed",
        "undisclosed",
    ),
    (6, 1, 9, "2023-09-01T10:00:00+02:00", "employed", "bac+5", "no", "no"),
    (7, 12, 10, "2023-01-10T10:00:00+01:00", "unemployed", "bac", "no", "no"),
    (8, 13, 11, "2023-01-10T10:00:00+01:00", "student", "bac+3", "no", ""),
    (9, 7, 7, "2023-05-15T10:00:00+02:00", "unemployed", "none", "yes", "yes"),  # test
]

# id, user, valid_from, country, precision, qpv
ADDRESSES = [
    (1, 2, "2020-01-01", "FR", "housenumber", "QP075001"),
    (2, 2, "2023-06-01", "DE", "housenumber", ""),  # moved after the start: ignored
    (3, 4, "2020-01-01", "FR", "street", "QP075002"),  # M-UND-3: not exact
    (4, 5, "2020-01-01", "BE", "housenumber", "QP075003"),  # M-UND-3: abroad
    (5, 6, "2020-01-01", "MA", "housenumber", ""),
    (6, 1, "2024-01-01", "FR", "housenumber", ""),  # M-UND-1: none before, earliest
    (7, 12, "2020-01-01", "XX", "housenumber", ""),  # M-RES-1: not a country
    (8, 8, "2020-01-01", "US", "housenumber", ""),
    (9, 7, "2020-01-01", "FR", "housenumber", "QP075004"),  # test
]

# id, enrolment, user, collected_at, situation, job_started_on
RESPONSES = [
    (1, 1, 1, "2023-06-15T10:00:00+02:00", "employed", "2023-01-01"),  # held before graduating
    (2, 2, 2, "2024-03-10T10:00:00+01:00", "employed", "2024-02-29"),  # on the window end
    (3, 4, 4, "2024-06-30T10:00:00+02:00", "employed", "2024-07-01"),  # after the window
    (4, 4, 4, "2024-06-30T22:30:00Z", "employed", "2024-05-01"),  # Paris July 1: too late
    (5, 10, 12, "2023-12-01T10:00:00+01:00", "internship", "2023-11-01"),  # not a job
    (6, 10, 12, "2024-04-10T10:00:00+02:00", "employed", "2024-04-08"),  # window end + 1
    (7, 11, 13, "2023-12-01T10:00:00+01:00", "no_answer", ""),  # not a response
    (8, 7, 7, "2023-12-01T10:00:00+01:00", "employed", "2023-12-01"),  # test
]

# id, user, declared_at, outcome_type, credits
DECLARATIONS = [
    (1, 10, "2023-01-01T10:00:00+01:00", "new_job", "true"),  # chain: counts
    (2, 10, "2023-07-01T10:00:00+02:00", "promotion", "true"),  # 6 months: no
    (3, 10, "2024-01-02T10:00:00+01:00", "promotion", "true"),  # 12 months + 1 day: counts
    (4, 11, "2023-03-01T10:00:00+01:00", "new_job", "true"),  # login Paris 2023-01-01
    (5, 9, "2023-04-01T10:00:00+02:00", "new_job", "true"),  # deleted before
    (6, 15, "2023-05-01T10:00:00+02:00", "new_job", "true"),  # no activity: inactive
    (7, 15, "2023-06-01T10:00:00+02:00", "new_job", "true"),  # login that day: counts
    (8, 2, "2023-09-15T10:00:00+02:00", "new_job", "true"),  # apprentice
    (9, 4, "2023-11-01T10:00:00+01:00", "promotion", "true"),  # student
    (10, 4, "2023-12-01T10:00:00+01:00", "other", "true"),  # not positive
    (11, 6, "2023-10-01T10:00:00+02:00", "new_job", "false"),  # not credited
    (12, 7, "2023-05-01T10:00:00+02:00", "new_job", "true"),  # test
    (13, 1, "2023-06-01T10:00:00+02:00", "new_job", "true"),  # student, counts
    (14, 1, "2024-05-01T10:00:00+02:00", "promotion", "true"),  # 11 months: no
    (15, 1, "2024-06-01T10:00:00+02:00", "promotion", "true"),  # exactly 12 months: counts
    (16, 12, "2022-12-31T23:30:00Z", "new_job", "true"),  # G-1: Paris 2023-01-01
]

# user, logged_in_at (UTC), ip_country_code
LOGINS = [
    (10, "2022-06-15 10:00:00", "FR"),
    (10, "2023-03-01 10:00:00", "FR"),
    (10, "2023-08-01 10:00:00", "XX"),
    (11, "2022-06-01 10:00:00", "ES"),
    (11, "2022-12-31 23:30:00", "DE"),  # G-1: Paris 2023-01-01
    (11, "2023-05-01 10:00:00", "A1"),
    (11, "2023-06-01 10:00:00", "NA"),  # Namibia
    (12, "2022-12-01 10:00:00", "FR"),
    (3, "2023-04-01 10:00:00", "IT"),  # only a cancelled enrolment: free user
    (9, "2023-01-10 10:00:00", "BE"),
    (14, "2023-02-01 10:00:00", None),
    (15, "2023-06-01 08:00:00", "FR"),
    (7, "2023-05-01 10:00:00", "US"),  # test
]


def _csv(path: Path, header: list[str], rows: list[tuple]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def write_raw_indicators(raw: Path) -> Path:
    d = "2024-07-01"
    _csv(
        raw / "users" / f"users_{d}.csv",
        [
            "user_id",
            "created_at",
            "updated_at",
            "email",
            "first_name",
            "last_name",
            "birth_date",
            "gender",
            "is_test_account",
            "deleted_at",
        ],
        [(u, T, T, f"u{u}@example.org", "A", "B", "", g, t, dl) for u, g, t, dl in USERS],
    )
    _csv(
        raw / "paths" / f"paths_{d}.csv",
        [
            "path_id",
            "path_name",
            "domain",
            "rncp_level",
            "duration_months",
            "language",
            "launched_on",
            "retired_on",
            "updated_at",
        ],
        [(p, n, dom, 6, 12, "fr", "2019-01-01", "", T) for p, n, dom in PATHS],
    )
    _csv(
        raw / "applications" / f"applications_{d}.csv",
        [
            "application_id",
            "user_id",
            "path_id",
            "submitted_at",
            "status",
            "decided_at",
            "funding_requested",
            "updated_at",
        ],
        # a decided application has its decision time (contract: decided_at empty until
        # decided); deciding at submission leaves every date of the fixture unchanged
        [
            (a, u, p, s, st, s if st in ("admitted", "rejected") else "", "", T)
            for a, u, p, s, st in APPLICATIONS
        ],
    )
    _csv(
        raw / "enrollments" / f"enrollments_{d}.csv",
        [
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
        ],
        [(*e, T) for e in ENROLLMENTS],
    )
    _csv(
        raw / "student_profiles" / f"student_profiles_{d}.csv",
        [
            "profile_id",
            "user_id",
            "enrollment_id",
            "collected_at",
            "employment_status",
            "highest_qualification",
            "has_disability",
            "is_refugee",
        ],
        PROFILES,
    )
    _csv(
        raw / "addresses" / f"addresses_{d}.csv",
        [
            "address_id",
            "user_id",
            "valid_from",
            "country_code",
            "postal_code",
            "city",
            "street_line",
            "geocode_precision",
            "qpv_code",
            "updated_at",
        ],
        [(a, u, v, c, "", "", "", p, q, T) for a, u, v, c, p, q in ADDRESSES],
    )
    _csv(
        raw / "job_outcomes" / f"job_outcomes_{d}.csv",
        [
            "response_id",
            "enrollment_id",
            "user_id",
            "collected_at",
            "situation",
            "contract_type",
            "job_started_on",
            "job_title",
            "related_to_path",
        ],
        [(r, e, u, c, s, "", j, "", "") for r, e, u, c, s, j in RESPONSES],
    )
    _csv(
        raw / "career_outcome_declarations" / f"career_outcome_declarations_{d}.csv",
        [
            "declaration_id",
            "user_id",
            "declared_at",
            "outcome_type",
            "credits_openclassrooms",
            "channel",
            "comment",
        ],
        [(i, u, at, o, c, "survey", "") for i, u, at, o, c in DECLARATIONS],
    )
    months: dict[str, list[tuple]] = {}
    for u, at, code in LOGINS:
        months.setdefault(at[:7], []).append((u, datetime.fromisoformat(at), code))
    # C-1 (docs/input-contract.md): every month up to the last one ended by the report date
    # (2024-07-01) is delivered; a month without a login of the story gets one of the test
    # account, which every indicator ignores (G-2)
    year, month = (int(part) for part in min(months).split("-"))
    while (year, month) <= (2024, 6):
        months.setdefault(f"{year:04d}-{month:02d}", [(7, datetime(year, month, 15, 12), None)])
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    schema = pa.schema(
        [
            ("user_id", pa.int64()),
            ("logged_in_at", pa.timestamp("us")),
            ("ip_country_code", pa.string()),
            ("platform", pa.string()),
        ]
    )
    for month, rows in months.items():
        folder = raw / "logins" / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        table = pa.table(
            {
                "user_id": [r[0] for r in rows],
                "logged_in_at": [r[1] for r in rows],
                "ip_country_code": [r[2] for r in rows],
                "platform": ["web"] * len(rows),
            },
            schema=schema,
        )
        pq.write_table(table, folder / "part-0.parquet")
    return raw


# (indicator, year, segment) -> (numerator, denominator), computed by hand.
# Students of 2023 (M-DEM-1): users 1 (enrolment 9), 2, 4, 5, 6, 12, 13 = 7 (3 cancelled,
# 7 test). Students of 2022: users 1 (enrolment 1), 8. Students of 2021: user 14.
EXPECTED: dict[tuple[str, int, str], tuple[int, int | None]] = {
    # M-ORI: 2020 {14}; 2022 {1, 5, 8 (Paris 2022-01-01)}, converted {1, 8};
    # 2023 {1, 2 (Paris 2023-01-01), 3, 4, 5, 6}, converted {1, 2, 4, 5} (3: cancelled only)
    ("applicants", 2020, "all"): (1, None),
    ("applicants", 2022, "all"): (3, None),
    ("applicants", 2023, "all"): (6, None),
    ("orientation_rate", 2020, "all"): (1, 1),
    ("orientation_rate", 2022, "all"): (2, 3),
    ("orientation_rate", 2023, "all"): (4, 6),
    ("applicants_growth", 2023, "all"): (6, 3),  # value 6 / 3 - 1 = 1.0
    # M-GRA: cohort 2023 = enrolments 1, 2, 4, 5, 8, 10, 11; on time: 1 (graduated on the
    # expected day); within 150%: 1, 2, 4, 10 (exactly 270 of 180 days), not 11 (271)
    ("graduation_rate", 2021, "all"): (0, 1),
    ("graduation_rate_150", 2021, "all"): (0, 1),
    ("graduation_rate", 2023, "all"): (1, 7),
    ("graduation_rate_150", 2023, "all"): (4, 7),
    ("graduation_rate", 2024, "all"): (0, 2),  # 6, 9 still active
    ("graduation_rate_150", 2024, "all"): (0, 2),
    # M-PLA: graduates of 2023 = 1, 2, 4, 10, 11. Placed: 1 (job held before graduating),
    # 2 (job starts on the window end 2024-02-29). Not: 4 (job after 2024-06-30; the other
    # response is collected on Paris July 1), 10 (internship; job starts window end + 1),
    # 11 (no_answer). Responded: 1, 2, 4, 10. Apprentices: 2.
    ("job_placement_rate", 2023, "all"): (2, 5),
    ("apprentice_job_placement_rate", 2023, "all"): (1, 1),
    ("placement_response_rate", 2023, "all"): (4, 5),
    # M-PLA-6: 12-month windows end 2024-05-31, 2024-08-31, 2024-12-31, 2024-10-07: 1, 2,
    # 10 (job 2024-04-08) and 4 (job 2024-07-01, collected June 30; the response collected
    # Paris July 1 counts too, by December 31) are placed; 11 (no_answer) is not.
    ("job_placement_rate_12m", 2023, "all"): (4, 5),
    # M-CAR: 2023 counted = 1 (u10), 4 (u11), 7 (u15 after an inactive one), 16 (u12, Paris
    # 2023-01-01) free users; 8 (u2) apprentice; 9 (u4), 13 (u1) students.
    # 2024: 3 (u10, 12 months + 1 day after 1), 15 (u1, exactly 12 months after 13).
    ("career_outcomes", 2023, "all"): (7, None),
    ("career_outcomes", 2023, "apprentice"): (1, None),
    ("career_outcomes", 2023, "student"): (2, None),
    ("career_outcomes", 2023, "free_user"): (4, None),
    ("career_outcomes", 2024, "all"): (2, None),
    ("career_outcomes", 2024, "apprentice"): (0, None),
    ("career_outcomes", 2024, "student"): (1, None),
    ("career_outcomes", 2024, "free_user"): (1, None),
    # M-DEM 2023 (7 students): unemployed 4, 12; low 4 (cap_bep), 12 (bac); refugee 2
    # (latest profile); disability 4; user 1 described by enrolment 9 (employed).
    ("share_unemployed", 2023, "all"): (2, 7),
    ("share_low_qualification", 2023, "all"): (2, 7),
    ("share_refugee", 2023, "all"): (1, 7),
    ("share_disability", 2023, "all"): (1, 7),
    # M-UND: France at the start = 2 (FR exact QPV), 4 (FR street QPV), 1 (earliest address,
    # FR exact); exact ones: 1, 2; QPV: 2. 5 (QPV abroad) never counts.
    ("share_underserved_area", 2023, "all"): (1, 2),
    ("share_any_underserved", 2023, "all"): (3, 7),  # 2, 4, 12
    # M-TEC: Tech = 4 (m), 6 (m), 12 (undisclosed), 13 (f); 1, 2, 5 are women in HR
    ("share_women_in_tech", 2023, "all"): (1, 4),
    # M-RES: France 1, 2, 4; Africa 6; Europe 5; unknown 12 (XX), 13 (no address)
    ("share_residing_in_france", 2023, "all"): (3, 7),
    ("share_region_africa", 2023, "all"): (1, 7),
    ("share_region_europe", 2023, "all"): (1, 7),
    ("share_region_rest_of_world", 2023, "all"): (0, 7),
    # 2022: users 1 (unemployed, none; FR exact, no QPV; Tech, female), 8 (no profile; US)
    ("share_unemployed", 2022, "all"): (1, 2),
    ("share_low_qualification", 2022, "all"): (1, 2),
    ("share_refugee", 2022, "all"): (0, 2),
    ("share_disability", 2022, "all"): (0, 2),
    ("share_underserved_area", 2022, "all"): (0, 1),
    ("share_any_underserved", 2022, "all"): (1, 2),
    ("share_women_in_tech", 2022, "all"): (1, 2),
    ("share_residing_in_france", 2022, "all"): (1, 2),
    ("share_region_africa", 2022, "all"): (0, 2),
    ("share_region_europe", 2022, "all"): (0, 2),
    ("share_region_rest_of_world", 2022, "all"): (1, 2),
    # 2021: user 14, no profile, no address, HR path
    ("share_unemployed", 2021, "all"): (0, 1),
    ("share_low_qualification", 2021, "all"): (0, 1),
    ("share_refugee", 2021, "all"): (0, 1),
    ("share_disability", 2021, "all"): (0, 1),
    ("share_underserved_area", 2021, "all"): (0, 0),
    ("share_any_underserved", 2021, "all"): (0, 1),
    ("share_women_in_tech", 2021, "all"): (0, 0),
    ("share_residing_in_france", 2021, "all"): (0, 1),
    ("share_region_africa", 2021, "all"): (0, 1),
    ("share_region_europe", 2021, "all"): (0, 1),
    ("share_region_rest_of_world", 2021, "all"): (0, 1),
    # M-REA: 2022 free users 10 (FR), 11 (ES), 12 (FR, before enrolling); 2023: 3 (IT,
    # cancelled enrolment only), 9 (BE), 10 (FR, XX), 11 (DE at Paris 2023-01-01, A1, NA),
    # 14 (NULL; span ended 2022-06-30), 15 (FR). Countries 2023: IT, BE, FR, DE, NA.
    ("free_users", 2022, "all"): (3, None),
    ("free_user_countries", 2022, "all"): (2, None),
    ("free_users", 2023, "all"): (6, None),
    ("free_user_countries", 2023, "all"): (5, None),
}
