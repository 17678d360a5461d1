"""A small hand-made warehouse for the report and headline tests (no dbt needed).

Its tables are the real marts' contracts: the column names and data types declared in
models/marts/_marts__models.yml (what dbt enforces on every build). A row that names a
column the contract lacks is an error and a contract column a row leaves out is NULL,
so the fixture cannot drift from the marts unnoticed. The published values are the
project's seed (seeds/published_figures.csv); the report date is in
intermediate.int_report_date_resolved, where a build puts it.

With `part2=True` it has every mart and column of the contracts; without, the Part 1
warehouse: the contracts less what Part 2 added (PART2_MARTS, PART2_COLUMNS: the
interval and change columns of impact_indicators and the marts impact_by_group,
impact_benchmarks, graduate_outcomes, restatements and warehouse_info). A test checks
that every name listed there is in a contract.

The figures are plausible, not computed: a few cells are provisional (G-7) and a few
suppressed (G-9), so that every state of the pages can be seen.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import duckdb
import yaml

from impact_warehouse.indicators import registry
from type_names import duckdb_type_name

PROJECT_DIR = Path(__file__).resolve().parents[2]
MARTS_DIR = PROJECT_DIR / "models" / "marts"
PUBLISHED_SEED = PROJECT_DIR / "seeds" / "published_figures.csv"
MIN_CELL_SIZE = 11

Columns = list[tuple[str, str]]

# What Part 2 added to the contracts (docs/marts.md "Added in Part 2"): left out of a Part 1
# warehouse.
PART2_COLUMNS: dict[str, tuple[str, ...]] = {
    "impact_indicators": ("ci_lower", "ci_upper", "change", "change_is_significant"),
}
PART2_MARTS = (
    "impact_by_group",
    "impact_benchmarks",
    "graduate_outcomes",
    "restatements",
    "warehouse_info",
)
REPORT_DATE_TABLE: Columns = [
    ("report_date", "date"),
    ("report_date_source", "varchar"),
    ("latest_recorded_on", "date"),
]

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
    ("job_placement_rate_12m", 2022, "all", 1_400, 2_400, "final", False),
    ("job_placement_rate_12m", 2023, "all", 1_500, 2_800, "provisional", False),
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
# marts.student_demographics category of each demographic share (M-DEM-3, M-TEC-1)
CATEGORIES = {
    "share_unemployed": ("unemployed", 0.05),
    "share_low_qualification": ("low_qualification", 0.08),
    "share_refugee": ("refugee", 0.12),
    "share_underserved_area": ("underserved_area", 0.0),
    "share_disability": ("disability", 0.15),
    "share_women_in_tech": ("women_in_tech", 0.01),
    "share_any_underserved": ("any_underserved", None),
}
COUNTRIES: tuple[tuple[int, str | None, str | None, str, int], ...] = (
    (2023, "FR", "France", "France", 2_820),
    (2023, "RE", "Réunion", "France", 50),
    (2023, "MA", "Morocco", "Africa", 180),
    (2023, "SN", "Senegal", "Africa", 130),
    (2023, "CI", "Côte d'Ivoire", "Africa", 110),
    (2023, "BE", "Belgium", "Europe", 105),
    (2023, "CA", "Canada", "Rest of the world", 95),
    (2023, "JP", "Japan", "Rest of the world", 4),
    (2023, None, None, "Unknown", 6),
    (2022, "FR", "France", "France", 2_700),
    (2022, "MA", "Morocco", "Africa", 210),
    (2022, "BE", "Belgium", "Europe", 60),
    (2022, "CA", "Canada", "Rest of the world", 30),
)
STUDENTS_OF_YEAR = {2022: 3_000, 2023: 3_500}
OUTCOME_TYPES = (
    ("new_job", 0.55),
    ("promotion", 0.15),
    ("salary_increase", 0.12),
    ("new_internship", 0.06),
    ("new_apprenticeship", 0.05),
    ("business_creation", 0.04),
    ("internal_mobility", 0.03),
)
Z = 1.959964  # M-CI-1


def contracts() -> dict[str, Columns]:
    """Every mart of models/marts/*.yml with an enforced contract: its columns and data
    types (as DuckDB names them), in order."""
    found: dict[str, Columns] = {}
    for path in sorted(MARTS_DIR.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for model in content.get("models") or []:
            if (model.get("config") or {}).get("contract", {}).get("enforced"):
                found[model["name"]] = [
                    (column["name"], duckdb_type_name(column["data_type"]))
                    for column in model["columns"]
                ]
    return found


def schema(part2: bool) -> dict[str, Columns]:
    """The marts of the fixture: the contracts, less what Part 2 added unless `part2`."""
    tables = contracts()
    if not part2:
        for mart in PART2_MARTS:
            tables.pop(mart, None)
        for mart, names in PART2_COLUMNS.items():
            tables[mart] = [(n, t) for n, t in tables[mart] if n not in names]
    return tables


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Fixture:
    def __init__(self, con: duckdb.DuckDBPyConnection, tables: dict[str, Columns]) -> None:
        self.con = con
        self.tables = tables

    def create(self, schema_name: str, table: str, columns: Columns) -> None:
        body = ", ".join(f"{_q(name)} {data_type}" for name, data_type in columns)
        self.con.execute(f"create schema if not exists {schema_name}")
        self.con.execute(f"create table {schema_name}.{_q(table)} ({body})")

    def insert(self, table: str, rows: Iterable[Mapping[str, Any]], schema_name: str = "marts"):
        columns = [name for name, _ in self.tables[table]]
        for row in rows:
            unknown = sorted(set(row) - set(columns))
            if unknown:
                raise KeyError(f"{schema_name}.{table} has no column {unknown} (its contract)")
            names = list(row)
            self.con.execute(
                f"insert into {schema_name}.{_q(table)} ({', '.join(_q(n) for n in names)}) "
                f"values ({', '.join('?' for _ in names)})",
                [row[name] for name in names],
            )


def wilson(x: int, n: int) -> tuple[float, float]:
    p = x / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return centre - half, centre + half


def _value(name: str, numerator: int | None, denominator: int | None) -> float | None:
    if numerator is None:
        return None
    unit = registry()[name].unit
    if unit == "count":
        return float(numerator)
    if not denominator:
        return None
    return numerator / denominator - 1 if unit == "ratio" else numerator / denominator


def _finalised_on(name: str, year: int) -> dt.date:
    month, day = (int(part) for part in registry()[name].finalisation_month_day.split("-"))
    return dt.date(year + 1, month, day)


def _indicator_rows(part2: bool) -> list[dict[str, Any]]:
    rows = []
    by_key = {(n, y, s): (x, d, st, sup) for n, y, s, x, d, st, sup in INDICATORS}
    for (name, year, segment), (x, n, status, suppressed) in by_key.items():
        row: dict[str, Any] = {
            "indicator": name,
            "year": year,
            "segment": segment,
            "numerator": x,
            "denominator": n,
            "value": _value(name, x, n),
            "status": status,
            "is_suppressed": suppressed,
            "finalised_on": _finalised_on(name, year),
        }
        if part2 and registry()[name].unit == "share" and not suppressed and x is not None and n:
            row["ci_lower"], row["ci_upper"] = wilson(x, n)
            before = by_key.get((name, year - 1, segment))
            if before and not before[3] and before[0] is not None and before[1]:
                x0, n0 = before[0], before[1]
                q = (x + x0) / (n + n0)
                row["change"] = x / n - x0 / n0
                z = (x / n - x0 / n0) / math.sqrt(q * (1 - q) * (1 / n + 1 / n0))
                row["change_is_significant"] = abs(z) >= Z
        rows.append(row)
    return rows


def _published() -> list[dict[str, str]]:
    with PUBLISHED_SEED.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _group_rows() -> list[dict[str, Any]]:
    """Job placement and graduation rates of 2023 by a few M-GRP-1 dimensions."""
    groups = {
        "unemployed": [("yes", 700, 1_500), ("no", 520, 1_200), ("unknown", 60, 100)],
        "gender": [("female", 500, 1_050), ("male", 770, 1_740), ("non_binary", 4, 10)],
        "funding_type": [("apprenticeship", 405, 500), ("public", 600, 1_500)],
    }
    rows = []
    for indicator, factor in (("job_placement_rate", 1.0), ("graduation_rate", 1.2)):
        for dimension, members in groups.items():
            for group, x, n in members:
                x = min(round(x * factor), n)
                small = x < MIN_CELL_SIZE or n < MIN_CELL_SIZE
                low, high = wilson(x, n)
                rows.append(
                    {
                        "indicator": indicator,
                        "year": 2023,
                        "dimension": dimension,
                        "group": group,
                        "numerator": None if small else x,
                        "denominator": None if small else n,
                        "value": None if small else x / n,
                        "ci_lower": None if small else low,
                        "ci_upper": None if small else high,
                        "status": "provisional" if indicator == "job_placement_rate" else "final",
                        "is_suppressed": small,
                    }
                )
    return rows


def write_report_warehouse(
    path: Path,
    *,
    report_date: str | None = "2024-03-31",
    part2: bool = False,
    synthetic: bool | None = True,
    restatements: list[dict[str, Any]] | None = None,
    info: Mapping[str, Any] | None = None,
) -> Path:
    """Create `path` with the marts filled with the fixture's figures; return it.

    `report_date`: the row of intermediate.int_report_date_resolved (None: no row).
    `part2`: add the Part 2 columns and marts; `synthetic` is then what
    marts.warehouse_info says (None: the mart has no row), `restatements` the rows of
    marts.restatements (default RESTATEMENTS) and `info` what replaces columns of the
    row of marts.warehouse_info (default: editions 2022 and 2023 known, 2023 reproduced).
    """
    tables = schema(part2)
    con = duckdb.connect(str(path))
    try:
        fixture = Fixture(con, {**tables, "int_report_date_resolved": REPORT_DATE_TABLE})
        for table, columns in tables.items():
            fixture.create("marts", table, columns)
        fixture.create("intermediate", "int_report_date_resolved", REPORT_DATE_TABLE)
        if report_date:
            fixture.insert(
                "int_report_date_resolved",
                [{"report_date": report_date, "report_date_source": "var"}],
                "intermediate",
            )
        indicators = _indicator_rows(part2)
        fixture.insert("impact_indicators", indicators)
        computed = {(r["indicator"], r["year"], r["segment"]): r for r in indicators}
        report = []
        for row in _published():
            key = (row["indicator"], int(row["year"]), row["segment"])
            mine = computed.get(key, {})
            value = None if mine.get("is_suppressed") else mine.get("value")
            report.append(
                {
                    "indicator": key[0],
                    "year": key[1],
                    "segment": key[2],
                    "unit": row["unit"],
                    "computed_value": value,
                    "published_value": float(row["value"]),
                    "difference": None if value is None else value - float(row["value"]),
                    "status": mine.get("status"),
                    "is_suppressed": bool(mine.get("is_suppressed")),
                    "note": row["note"] or None,
                }
            )
        fixture.insert("impact_report", report)
        fixture.insert(
            "student_demographics",
            [
                {
                    "year": r["year"],
                    "category": CATEGORIES[r["indicator"]][0],
                    "students": r["numerator"],
                    "denominator": r["denominator"],
                    "share": r["value"],
                    "unknown_share": CATEGORIES[r["indicator"]][1],
                    "is_suppressed": r["is_suppressed"],
                }
                for r in indicators
                if r["indicator"] in CATEGORIES
            ],
        )
        fixture.insert(
            "students_by_country",
            [
                {
                    "year": year,
                    "country_code": code,
                    "country_name": name,
                    "region_group": region,
                    "students": None if students < MIN_CELL_SIZE else students,
                    "share": None
                    if students < MIN_CELL_SIZE
                    else students / STUDENTS_OF_YEAR[year],
                    "is_suppressed": students < MIN_CELL_SIZE,
                }
                for year, code, name, region, students in COUNTRIES
            ],
        )
        fixture.insert(
            "career_outcomes",
            [
                {
                    "year": r["year"],
                    "segment": r["segment"],
                    "outcome_type": outcome_type,
                    "outcomes": round(r["numerator"] * part),
                    "is_suppressed": False,
                }
                for r in indicators
                if r["indicator"] == "career_outcomes" and r["segment"] != "all"
                for outcome_type, part in OUTCOME_TYPES
            ],
        )
        fixture.insert(
            "free_user_reach",
            [
                {"year": 2022, "free_users": 1_500_000, "countries": 215, "is_suppressed": False},
                {"year": 2023, "free_users": 1_720_000, "countries": 221, "is_suppressed": False},
            ],
        )
        if part2:
            listed = RESTATEMENTS if restatements is None else restatements
            _write_part2(fixture, report_date, synthetic, listed, info or {})
    finally:
        con.close()
    return path


def restatement(
    edition: int,
    indicator: str,
    year: int,
    frozen: tuple[int | None, int | None],
    recomputed: tuple[int | None, int | None],
    *,
    segment: str = "all",
    dimension: str | None = None,
    group: str | None = None,
    reason: str | None = None,
    approved_on: str | None = None,
    what_changed: str = "value",
    changed_files: str | None = None,
) -> dict[str, Any]:
    """A row of marts.restatements from the frozen and recomputed (numerator,
    denominator); approved when it has a reason."""

    def value(counts: tuple[int | None, int | None]) -> float | None:
        x, n = counts
        if indicator == "graduate_outcomes":
            return None if x is None or not n else x / n
        return _value(indicator, x, n)

    old, new = value(frozen), value(recomputed)
    name = f"{indicator} {year} {segment}" + (f" {dimension}={group}" if dimension else "")
    return {
        "edition": edition,
        "indicator": indicator,
        "year": year,
        "segment": segment,
        "dimension": dimension,
        "group": group,
        "figure": name,
        "frozen_value": old,
        "recomputed_value": new,
        "difference": None if old is None or new is None else new - old,
        "frozen_numerator": frozen[0],
        "recomputed_numerator": recomputed[0],
        "frozen_denominator": frozen[1],
        "recomputed_denominator": recomputed[1],
        "what_changed": what_changed,
        "changed_files": changed_files,
        "is_approved": reason is not None,
        "reason": reason,
        "approved_on": approved_on if reason is not None else None,
    }


# The restatements of the Part 2 fixture: two approved corrections of edition 2023 (a
# figure of impact_indicators and a group row whose counts moved), two of edition 2022
# (one approved, one not: restatement_policy warn), so that edition 2023 is reproduced.
RESTATEMENTS = [
    restatement(
        2023,
        "graduation_rate",
        2022,
        (1_230, 3_000),
        (1_245, 3_000),
        reason="late graduations recorded by the platform",
        approved_on="2024-05-02",
        changed_files="enrollments/enrollments_2024-04-30.csv (added)",
    ),
    restatement(
        2023,
        "graduation_rate",
        2023,
        (800, 1_600),
        (805, 1_610),
        dimension="gender",
        group="female",
        reason="profiles re-exported with corrected genders",
        approved_on="2024-05-02",
        what_changed="counts",
    ),
    restatement(
        2022,
        "orientation_rate",
        2022,
        (2_900, 10_000),
        (2_934, 10_000),
        reason="a correction of edition 2022, frozen as such in edition 2023",
        approved_on="2023-09-01",
    ),
    restatement(
        2022,
        "share_disability",
        2022,
        (180, 3_000),
        (183, 3_000),
        changed_files="student_profiles/student_profiles_2024-04-30.csv (added)",
    ),
]


def _write_part2(
    fixture: Fixture,
    report_date: str | None,
    synthetic: bool | None,
    restatements: list[dict[str, Any]],
    info: Mapping[str, Any],
) -> None:
    fixture.insert("impact_by_group", _group_rows())
    fixture.insert(
        "impact_benchmarks",
        [
            {
                "indicator": "graduation_rate",
                "year": 2023,
                "reference_year": 2022,
                "observed": 0.5,
                "expected": 0.43,
                "value_added": 0.07,
                "mix_effect": 0.02,
                "n_cells": 36,
                "n_cells_fallback": 4,
            }
        ],
    )
    statuses = (
        ("employed_in_field", 900),
        ("apprenticeship", 200),
        ("employed_out_of_field", 120),
        ("employed_field_unknown", 60),
        ("employed_outside_window", 150),
        ("further_training", 180),
        ("internship", 90),
        ("job_seeking", 400),
        ("inactive", 8),
        ("no_response", 692),
    )
    fixture.insert(
        "graduate_outcomes",
        [
            {
                "year": 2023,
                "segment": "all",
                "outcome_status": status,
                "graduates": None if count < MIN_CELL_SIZE else count,
                "share": None if count < MIN_CELL_SIZE else count / 2_800,
                "status": "provisional",
                "is_suppressed": count < MIN_CELL_SIZE,
            }
            for status, count in statuses
        ],
    )
    fixture.insert("restatements", restatements)
    if synthetic is not None:
        fixture.insert(
            "warehouse_info",
            [
                {
                    "report_date": report_date,
                    "report_date_source": "var",
                    "code_version": "0.1.0+test",
                    "built_at": "2024-04-01 08:00:00",
                    "raw_fingerprint": "sha256:test",
                    "raw_files": 12,
                    "is_synthetic": synthetic,
                    "synthetic_scale": 0.1 if synthetic else None,
                    "synthetic_seed": 20231231 if synthetic else None,
                    "editions": "2022, 2023",
                    "latest_edition": 2023,
                    "reproduced_edition": 2023,
                    "restatements": len(restatements),
                    "approved_restatements": sum(1 for r in restatements if r["is_approved"]),
                    "unapproved_restatements": sum(1 for r in restatements if not r["is_approved"]),
                    "restatement_policy": "warn",
                    "quarantined_rows": 0,
                    "stale_exports": 0,
                    "is_green": False,
                    "not_green_reasons": "unapproved restatements",
                    **info,
                }
            ],
        )
