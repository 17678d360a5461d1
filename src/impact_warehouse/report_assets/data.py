"""Everything the report page shows, read from the marts of the published warehouse."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from impact_warehouse.indicators import unit_of
from impact_warehouse.warehouse import fetch_dicts, open_read_only, relation_exists, report_date

Key = tuple[str, int, str]


@dataclass(frozen=True)
class Figure:
    """One cell of marts.impact_indicators, with its published value when there is one."""

    indicator: str
    year: int
    segment: str = "all"
    value: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    status: str | None = None
    is_suppressed: bool = False
    published: float | None = None
    unit: str = "share"
    present: bool = False

    @property
    def difference(self) -> float | None:
        if self.value is None or self.published is None or self.is_suppressed:
            return None
        return self.value - self.published

    @property
    def is_provisional(self) -> bool:
        return self.status == "provisional"


@dataclass
class ReportData:
    figures: dict[Key, Figure] = field(default_factory=dict)
    demographics: list[dict[str, Any]] = field(default_factory=list)
    countries: list[dict[str, Any]] = field(default_factory=list)
    outcome_types: list[dict[str, Any]] = field(default_factory=list)
    reach: list[dict[str, Any]] = field(default_factory=list)
    report_date: str | None = None
    warehouse: str = ""
    built_at: str = ""
    missing_marts: list[str] = field(default_factory=list)

    def figure(self, indicator: str, year: int, segment: str = "all") -> Figure:
        key = (indicator, year, segment)
        return self.figures.get(
            key, Figure(indicator, year, segment, unit=unit_of(indicator), present=False)
        )

    def years(self, indicator: str | None = None) -> list[int]:
        return sorted(
            {year for (name, year, _) in self.figures if indicator is None or name == indicator}
        )

    def demographic(self, category: str, year: int) -> dict[str, Any] | None:
        return next(
            (
                row
                for row in self.demographics
                if row["category"] == category and row["year"] == year
            ),
            None,
        )


def _load_figures(con: duckdb.DuckDBPyConnection, data: ReportData) -> None:
    if relation_exists(con, "marts", "impact_indicators"):
        for row in fetch_dicts(
            con,
            "select indicator, year, segment, numerator, denominator, value, status, "
            "is_suppressed from marts.impact_indicators",
        ):
            key = (row["indicator"], int(row["year"]), row["segment"])
            data.figures[key] = Figure(
                indicator=key[0],
                year=key[1],
                segment=key[2],
                value=row["value"],
                numerator=row["numerator"],
                denominator=row["denominator"],
                status=row["status"],
                is_suppressed=bool(row["is_suppressed"]),
                unit=unit_of(key[0]),
                present=True,
            )
    else:
        data.missing_marts.append("marts.impact_indicators")
    if relation_exists(con, "marts", "impact_report"):
        for row in fetch_dicts(
            con,
            "select indicator, year, segment, unit, computed_value, published_value "
            "from marts.impact_report",
        ):
            key = (row["indicator"], int(row["year"]), row["segment"])
            current = data.figures.get(key)
            unit = row["unit"] or unit_of(key[0])
            if current is None:
                current = Figure(key[0], key[1], key[2], value=row["computed_value"], unit=unit)
            data.figures[key] = Figure(
                **{**current.__dict__, "published": row["published_value"], "unit": unit}
            )
    else:
        data.missing_marts.append("marts.impact_report")


def _load_table(
    con: duckdb.DuckDBPyConnection, data: ReportData, name: str, sql: str
) -> list[dict[str, Any]]:
    if not relation_exists(con, "marts", name):
        data.missing_marts.append(f"marts.{name}")
        return []
    return fetch_dicts(con, sql)


def load_report_data(path: Path) -> ReportData:
    """Read the marts through a read-only connection, closed before returning."""
    data = ReportData(warehouse=str(path))
    with open_read_only(path) as con:
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
        data.built_at = modified.strftime("%Y-%m-%d %H:%M UTC")
        _load_figures(con, data)
        data.demographics = _load_table(
            con,
            data,
            "student_demographics",
            "select year, category, students, denominator, share, unknown_share, is_suppressed "
            "from marts.student_demographics order by year, category",
        )
        data.countries = _load_table(
            con,
            data,
            "students_by_country",
            "select year, country_code, country_name, region_group, students, share, "
            "is_suppressed from marts.students_by_country "
            "order by year, students desc nulls last, country_code",
        )
        data.outcome_types = _load_table(
            con,
            data,
            "career_outcomes",
            "select year, segment, outcome_type, outcomes from marts.career_outcomes "
            "order by year, segment, outcomes desc",
        )
        data.reach = _load_table(
            con,
            data,
            "free_user_reach",
            "select year, free_users, countries from marts.free_user_reach order by year",
        )
        data.report_date = report_date(con)
    return data
