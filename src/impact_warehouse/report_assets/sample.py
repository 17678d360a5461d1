"""A small hand-made warehouse with the MARTS.md schemas, for tests and demos (no dbt needed).

The figures are plausible, not computed: a few cells are provisional (G-7) and
one is suppressed (G-9) so that every state of the page can be seen.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

DDL = """
create schema if not exists marts;
create table marts.impact_indicators (
    indicator varchar, year integer, segment varchar, numerator bigint, denominator bigint,
    value double, status varchar, is_suppressed boolean
);
create table marts.impact_report (
    indicator varchar, year integer, segment varchar, unit varchar,
    computed_value double, published_value double, difference double
);
create table marts.student_demographics (
    year integer, category varchar, students bigint, denominator bigint, share double,
    unknown_share double, is_suppressed boolean
);
create table marts.students_by_country (
    year integer, country_code varchar, country_name varchar, region_group varchar,
    students bigint, share double, is_suppressed boolean
);
create table marts.career_outcomes (
    year integer, segment varchar, outcome_type varchar, outcomes bigint
);
create table marts.free_user_reach (year integer, free_users bigint, countries bigint);
"""

# published_figures.csv: (indicator, year, segment, value, unit)
PUBLISHED: tuple[tuple[str, int, str, float, str], ...] = (
    ("orientation_rate", 2022, "all", 0.29, "share"),
    ("orientation_rate", 2023, "all", 0.09, "share"),
    ("applicants_growth", 2023, "all", 1.90, "ratio"),
    ("graduation_rate", 2022, "all", 0.41, "share"),
    ("graduation_rate", 2023, "all", 0.50, "share"),
    ("job_placement_rate", 2022, "all", 0.48, "share"),
    ("job_placement_rate", 2023, "all", 0.457, "share"),
    ("apprentice_job_placement_rate", 2023, "all", 0.81, "share"),
    ("career_outcomes", 2020, "all", 4373, "count"),
    ("career_outcomes", 2021, "all", 14163, "count"),
    ("career_outcomes", 2022, "all", 44010, "count"),
    ("career_outcomes", 2023, "all", 52330, "count"),
    ("career_outcomes", 2023, "free_user", 48000, "count"),
    ("share_unemployed", 2022, "all", 0.70, "share"),
    ("share_unemployed", 2023, "all", 0.63, "share"),
    ("share_low_qualification", 2022, "all", 0.48, "share"),
    ("share_low_qualification", 2023, "all", 0.42, "share"),
    ("share_refugee", 2022, "all", 0.006, "share"),
    ("share_refugee", 2023, "all", 0.006, "share"),
    ("share_underserved_area", 2022, "all", 0.09, "share"),
    ("share_underserved_area", 2023, "all", 0.09, "share"),
    ("share_disability", 2022, "all", 0.06, "share"),
    ("share_disability", 2023, "all", 0.06, "share"),
    ("share_women_in_tech", 2022, "all", 0.24, "share"),
    ("share_women_in_tech", 2023, "all", 0.27, "share"),
    ("share_any_underserved", 2023, "all", 0.75, "share"),
    ("share_residing_in_france", 2022, "all", 0.90, "share"),
    ("share_residing_in_france", 2023, "all", 0.82, "share"),
    ("share_region_africa", 2023, "all", 0.12, "share"),
    ("share_region_europe", 2023, "all", 0.03, "share"),
    ("share_region_rest_of_world", 2023, "all", 0.03, "share"),
    ("free_user_countries", 2023, "all", 222, "count"),
)

# (indicator, year, segment, numerator, denominator, status, is_suppressed)
INDICATORS: tuple[tuple[str, int, str, int | None, int | None, str, bool], ...] = (
    ("applicants", 2022, "all", 10_000, None, "final", False),
    ("applicants", 2023, "all", 29_120, None, "final", False),
    ("applicants_growth", 2023, "all", 29_120, 10_000, "final", False),
    ("orientation_rate", 2022, "all", 2_934, 10_000, "final", False),
    ("orientation_rate", 2023, "all", 2_621, 29_120, "final", False),
    ("graduation_rate", 2022, "all", 1_230, 3_000, "final", False),
    ("graduation_rate", 2023, "all", 1_675, 3_350, "final", False),
    ("graduation_rate_150", 2022, "all", 1_800, 3_000, "final", False),
    ("graduation_rate_150", 2023, "all", 2_200, 3_350, "final", False),
    ("job_placement_rate", 2022, "all", 1_152, 2_400, "final", False),
    ("job_placement_rate", 2023, "all", 1_280, 2_800, "provisional", False),
    ("apprentice_job_placement_rate", 2022, "all", 300, 380, "final", False),
    ("apprentice_job_placement_rate", 2023, "all", 405, 500, "provisional", False),
    ("placement_response_rate", 2022, "all", 1_900, 2_400, "final", False),
    ("placement_response_rate", 2023, "all", 2_000, 2_800, "provisional", False),
    ("career_outcomes", 2020, "all", 4_373, None, "final", False),
    ("career_outcomes", 2020, "student", 900, None, "final", False),
    ("career_outcomes", 2020, "apprentice", 300, None, "final", False),
    ("career_outcomes", 2020, "free_user", 3_173, None, "final", False),
    ("career_outcomes", 2021, "all", 14_163, None, "final", False),
    ("career_outcomes", 2021, "student", 1_900, None, "final", False),
    ("career_outcomes", 2021, "apprentice", 600, None, "final", False),
    ("career_outcomes", 2021, "free_user", 11_663, None, "final", False),
    ("career_outcomes", 2022, "all", 44_010, None, "final", False),
    ("career_outcomes", 2022, "student", 3_000, None, "final", False),
    ("career_outcomes", 2022, "apprentice", 1_010, None, "final", False),
    ("career_outcomes", 2022, "free_user", 40_000, None, "final", False),
    ("career_outcomes", 2023, "all", 52_330, None, "final", False),
    ("career_outcomes", 2023, "student", 3_100, None, "final", False),
    ("career_outcomes", 2023, "apprentice", 1_130, None, "final", False),
    ("career_outcomes", 2023, "free_user", 48_100, None, "final", False),
    ("share_unemployed", 2022, "all", 2_100, 3_000, "final", False),
    ("share_unemployed", 2023, "all", 2_205, 3_500, "final", False),
    ("share_low_qualification", 2022, "all", 1_440, 3_000, "final", False),
    ("share_low_qualification", 2023, "all", 1_470, 3_500, "final", False),
    ("share_refugee", 2022, "all", None, None, "final", True),
    ("share_refugee", 2023, "all", 21, 3_500, "final", False),
    ("share_underserved_area", 2022, "all", 230, 2_500, "final", False),
    ("share_underserved_area", 2023, "all", 240, 2_600, "final", False),
    ("share_disability", 2022, "all", 180, 3_000, "final", False),
    ("share_disability", 2023, "all", 210, 3_500, "final", False),
    ("share_women_in_tech", 2022, "all", 480, 2_000, "final", False),
    ("share_women_in_tech", 2023, "all", 621, 2_300, "final", False),
    ("share_any_underserved", 2022, "all", 2_280, 3_000, "final", False),
    ("share_any_underserved", 2023, "all", 2_625, 3_500, "final", False),
    ("share_residing_in_france", 2022, "all", 2_700, 3_000, "final", False),
    ("share_residing_in_france", 2023, "all", 2_870, 3_500, "final", False),
    ("share_region_africa", 2022, "all", 210, 3_000, "final", False),
    ("share_region_africa", 2023, "all", 420, 3_500, "final", False),
    ("share_region_europe", 2022, "all", 60, 3_000, "final", False),
    ("share_region_europe", 2023, "all", 105, 3_500, "final", False),
    ("share_region_rest_of_world", 2022, "all", 30, 3_000, "final", False),
    ("share_region_rest_of_world", 2023, "all", 105, 3_500, "final", False),
    ("free_users", 2022, "all", 1_500_000, None, "final", False),
    ("free_users", 2023, "all", 1_720_000, None, "final", False),
    ("free_user_countries", 2022, "all", 215, None, "final", False),
    ("free_user_countries", 2023, "all", 221, None, "final", False),
)

COUNTRIES: tuple[tuple[int, str, str, str, int], ...] = (
    (2023, "FR", "France", "France", 2_820),
    (2023, "RE", "Réunion", "France", 50),
    (2023, "MA", "Morocco", "Africa", 180),
    (2023, "SN", "Senegal", "Africa", 130),
    (2023, "CI", "Côte d'Ivoire", "Africa", 110),
    (2023, "BE", "Belgium", "Europe", 105),
    (2023, "CA", "Canada", "Rest of the world", 95),
    (2023, "JP", "Japan", "Rest of the world", 4),
    (2023, "unknown", "Unknown", "Unknown", 6),
    (2022, "FR", "France", "France", 2_700),
    (2022, "MA", "Morocco", "Africa", 210),
    (2022, "BE", "Belgium", "Europe", 60),
    (2022, "CA", "Canada", "Rest of the world", 30),
)

REPORT_UNITS = {indicator: unit for indicator, _, _, _, unit in PUBLISHED}


def _value(indicator: str, numerator: int | None, denominator: int | None) -> float | None:
    if numerator is None:
        return None
    if indicator == "applicants_growth":
        return numerator / denominator - 1 if denominator else None
    if denominator is None:
        return float(numerator)
    return numerator / denominator if denominator else None


def write_sample_warehouse(path: Path, *, report_date: str | None = None) -> Path:
    """Create `path` with the MARTS.md marts filled with sample figures; return it.

    With `report_date`, marts.impact_indicators also gets a `report_date` column.
    """
    con = duckdb.connect(str(path))
    try:
        con.execute(DDL)
        values: dict[tuple[str, int, str], float | None] = {}
        for indicator, year, segment, num, den, status, suppressed in INDICATORS:
            value = _value(indicator, num, den)
            values[(indicator, year, segment)] = value
            con.execute(
                "insert into marts.impact_indicators values (?, ?, ?, ?, ?, ?, ?, ?)",
                [indicator, year, segment, num, den, value, status, suppressed],
            )
        for indicator, year, segment, published, unit in PUBLISHED:
            computed = values.get((indicator, year, segment))
            difference = None if computed is None else computed - published
            con.execute(
                "insert into marts.impact_report values (?, ?, ?, ?, ?, ?, ?)",
                [indicator, year, segment, unit, computed, published, difference],
            )
        categories = (
            ("unemployed", "share_unemployed", 0.05),
            ("low_qualification", "share_low_qualification", 0.08),
            ("refugee", "share_refugee", 0.12),
            ("underserved_area", "share_underserved_area", 0.0),
            ("disability", "share_disability", 0.15),
            ("women_in_tech", "share_women_in_tech", 0.01),
            ("any_underserved", "share_any_underserved", 0.02),
        )
        by_key = {(row[0], row[1]): row for row in INDICATORS}
        for year in (2022, 2023):
            for category, indicator, unknown in categories:
                _, _, _, num, den, _, suppressed = by_key[(indicator, year)]
                share = None if suppressed or num is None or not den else num / den
                con.execute(
                    "insert into marts.student_demographics values (?, ?, ?, ?, ?, ?, ?)",
                    [year, category, num, den, share, unknown, suppressed],
                )
        totals = {2022: 3_000, 2023: 3_500}
        for year, code, name, region, students in COUNTRIES:
            suppressed = students < 11
            con.execute(
                "insert into marts.students_by_country values (?, ?, ?, ?, ?, ?, ?)",
                [
                    year,
                    code,
                    name,
                    region,
                    None if suppressed else students,
                    None if suppressed else students / totals[year],
                    suppressed,
                ],
            )
        outcome_types = (
            ("new_job", 0.55),
            ("promotion", 0.15),
            ("salary_increase", 0.12),
            ("new_internship", 0.06),
            ("new_apprenticeship", 0.05),
            ("business_creation", 0.04),
            ("internal_mobility", 0.03),
        )
        for indicator, year, segment, num, *_rest in INDICATORS:
            if indicator != "career_outcomes" or segment == "all" or num is None:
                continue
            for outcome_type, part in outcome_types:
                con.execute(
                    "insert into marts.career_outcomes values (?, ?, ?, ?)",
                    [year, segment, outcome_type, round(num * part)],
                )
        con.execute(
            "insert into marts.free_user_reach values (2022, 1500000, 215), (2023, 1720000, 221)"
        )
        if report_date:
            con.execute("alter table marts.impact_indicators add column report_date date")
            con.execute("update marts.impact_indicators set report_date = ?", [report_date])
    finally:
        con.close()
    return path
