"""The indicator registry (seeds/registry/indicator_registry.csv) as Python reads it, and the
naming rules the registry's models follow."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pytest

from impact_warehouse.indicators import (
    INDICATORS,
    REGISTRY_PATH,
    SEGMENTS,
    RegistryError,
    in_section,
    indicator,
    load_registry,
    registry,
)
from sample_warehouse import SampleWarehouse

# models/docs/registry.md, year_columns: one name per meaning.
YEAR_COLUMNS = {
    "year",
    "start_year",
    "submitted_year",
    "declared_year",
    "created_year",
    "activity_year",
    "graduation_cohort_year",
    "placement_cohort_year",
    "reference_year",
}


def _rows() -> list[dict[str, str]]:
    with REGISTRY_PATH.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_registry_is_read_in_report_order() -> None:
    rows = load_registry()
    assert [row.report_order for row in rows] == sorted(row.report_order for row in rows)
    assert INDICATORS == tuple(row.name for row in rows)
    assert len(set(INDICATORS)) == len(INDICATORS) == len(_rows())
    assert SEGMENTS == ("all", "student", "apprentice", "free_user")
    assert indicator("applicants_growth").unit == "ratio"
    assert indicator("applicants_growth").denominator_year_offset == -1
    assert indicator("career_outcomes").denominator_count is None
    assert not indicator("free_user_countries").counts_individuals
    assert indicator("free_user_countries").suppression_count == "free_users"
    assert indicator("job_placement_rate_12m").finalisation_month_day == "12-31"
    assert [row.name for row in in_section("reach")] == ["free_users", "free_user_countries"]


def test_unknown_indicator_names_the_registry() -> None:
    with pytest.raises(KeyError, match="not in the indicator registry"):
        indicator("share_of_nothing")


def test_bad_unit_names_file_line_and_column(tmp_path: Path) -> None:
    rows = _rows()
    rows[2]["unit"] = "percent"
    path = _write(tmp_path / "indicator_registry.csv", rows)
    with pytest.raises(RegistryError) as error:
        load_registry(path)
    message = str(error.value)
    assert str(path) in message and "line 4" in message and "unit" in message
    assert "'percent'" in message


def test_a_count_with_a_denominator_is_refused(tmp_path: Path) -> None:
    rows = _rows()
    row = next(r for r in rows if r["unit"] == "count")
    row["denominator_count"] = "students"
    with pytest.raises(RegistryError, match="denominator_count"):
        load_registry(_write(tmp_path / "indicator_registry.csv", rows))


def test_an_indicator_listed_twice_is_refused(tmp_path: Path) -> None:
    rows = _rows()
    rows.append({**rows[0], "report_order": "999"})
    with pytest.raises(RegistryError, match=f"more than once: {rows[0]['indicator']}"):
        load_registry(_write(tmp_path / "indicator_registry.csv", rows))


def test_every_indicator_of_the_mart_is_in_the_registry_and_back(
    sample_warehouse: SampleWarehouse,
) -> None:
    """The sample warehouse's impact_indicators holds exactly the registry's indicators."""
    with duckdb.connect(str(sample_warehouse.duckdb_path), read_only=True) as con:
        names = {
            name
            for (name,) in con.execute(
                "select distinct indicator from marts.impact_indicators"
            ).fetchall()
        }
    assert names == set(registry())


def test_year_columns_have_one_name_per_meaning(sample_warehouse: SampleWarehouse) -> None:
    """Every column of our models and seeds that names a year is one of the year names of
    the year_columns doc block (year, <event>_year, the two cohort years)."""
    manifest = sample_warehouse.manifest
    found = {
        (node["name"], column)
        for node in manifest["nodes"].values()
        if node["package_name"] == "impact_warehouse" and node["resource_type"] in {"model", "seed"}
        for column in node["columns"]
        if re.fullmatch(r"(\w+_)?year", column) and not column.startswith(("is_", "has_"))
    }
    assert sorted((model, column) for model, column in found if column not in YEAR_COLUMNS) == []


def test_group_dimensions_are_the_registrys_and_the_marts(
    sample_warehouse: SampleWarehouse,
) -> None:
    """M-GRP-1: the report's dimension labels (group_dimensions seed) cover every dimension
    the registry lists, and impact_by_group has exactly the (indicator, dimension) pairs the
    registry declares."""
    from impact_warehouse.indicators import group_dimensions

    dimensions = group_dimensions()
    assert list(dimensions)[:2] == ["gender", "funding_type"]
    declared = {(row.name, d) for row in registry().values() for d in row.dimensions}
    assert {d for _, d in declared} == set(dimensions)
    con = duckdb.connect(str(sample_warehouse.duckdb_path), read_only=True)
    try:
        built = set(
            con.execute(
                "select distinct indicator, dimension from marts.impact_by_group"
            ).fetchall()
        )
    finally:
        con.close()
    assert built == declared
