"""The indicators of marts.impact_indicators, read from the indicator registry.

The registry (`seeds/registry/indicator_registry.csv`, the dbt seed `indicator_registry`)
is the only list of indicators: dbt joins it to the population counts, and every Python
consumer (generator truth, headline, report page, semantic-layer test) reads it here, so
that they agree with each other and with the mart.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from impact_warehouse.dbtrun import PROJECT_DIR

REGISTRY_PATH = PROJECT_DIR / "seeds" / "registry" / "indicator_registry.csv"
# M-GRP-1: the dimensions a rate is broken down by (marts.impact_by_group.dimension)
DIMENSIONS_PATH = PROJECT_DIR / "seeds" / "registry" / "group_dimensions.csv"
UNITS = ("share", "count", "ratio")


class RegistryError(ValueError):
    """The registry file breaks its own contract (the dbt seed tests say the same)."""


@dataclass(frozen=True)
class Indicator:
    """One row of the registry (the seed's column descriptions say what each field means)."""

    name: str
    report_order: int
    label: str
    definition: str
    unit: str
    rule_ids: tuple[str, ...]
    population: str
    numerator_count: str
    denominator_count: str | None
    denominator_year_offset: int
    suppression_count: str | None
    finalisation_month_day: str
    finalisation_rule: str
    segments: tuple[str, ...]
    dimensions: tuple[str, ...]
    mix_adjusted: bool
    report_section: str
    in_semantic_layer: bool

    @property
    def counts_individuals(self) -> bool:
        """The numerator counts individuals (or enrolments): G-9 judges it on its own
        counts. False when the registry names another count for G-9 (free_user_countries
        counts countries)."""
        return self.suppression_count is None


def _optional(value: str) -> str | None:
    return value.strip() or None


def _row(path: Path, line: int, row: dict[str, str]) -> Indicator:
    def fail(column: str, why: str) -> RegistryError:
        return RegistryError(f"{path}, line {line}, column {column}: {why} ({row.get(column)!r})")

    try:
        order = int(row["report_order"])
    except ValueError:
        raise fail("report_order", "not an integer") from None
    if row["unit"] not in UNITS:
        raise fail("unit", f"not one of {', '.join(UNITS)}")
    for flag in ("in_semantic_layer", "mix_adjusted"):
        if row[flag] not in ("true", "false"):
            raise fail(flag, "not true or false")
    if (row["denominator_count"].strip() == "") != (row["unit"] == "count"):
        raise fail("denominator_count", "a count has no denominator, a share or ratio has one")
    try:
        offset = int(row["denominator_year_offset"])
    except ValueError:
        raise fail("denominator_year_offset", "not an integer") from None
    return Indicator(
        name=row["indicator"],
        report_order=order,
        label=row["label"],
        definition=row["definition"],
        unit=row["unit"],
        rule_ids=tuple(row["rule_ids"].split()),
        population=row["population"],
        numerator_count=row["numerator_count"],
        denominator_count=_optional(row["denominator_count"]),
        denominator_year_offset=offset,
        suppression_count=_optional(row["suppression_count"]),
        finalisation_month_day=row["finalisation_month_day"],
        finalisation_rule=row["finalisation_rule"],
        segments=tuple(row["segments"].split()),
        dimensions=tuple(row["dimensions"].split()),
        mix_adjusted=row["mix_adjusted"] == "true",
        report_section=row["report_section"],
        in_semantic_layer=row["in_semantic_layer"] == "true",
    )


def load_registry(path: Path = REGISTRY_PATH) -> tuple[Indicator, ...]:
    """Every indicator of the registry file, in report order."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [_row(path, line, row) for line, row in enumerate(csv.DictReader(handle), start=2)]
    names = [row.name for row in rows]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise RegistryError(f"{path}: indicator listed more than once: {', '.join(duplicated)}")
    return tuple(sorted(rows, key=lambda row: row.report_order))


@cache
def registry() -> dict[str, Indicator]:
    """The registry of the project, by indicator name, in report order."""
    return {row.name: row for row in load_registry()}


def indicator(name: str) -> Indicator:
    try:
        return registry()[name]
    except KeyError:
        raise KeyError(f"{name!r} is not in the indicator registry ({REGISTRY_PATH})") from None


def unit_of(name: str) -> str:
    """share, count or ratio: how the value of the indicator reads."""
    return indicator(name).unit


def label_of(name: str) -> str:
    return indicator(name).label


def in_section(section: str) -> tuple[Indicator, ...]:
    """The indicators the report shows in one of its sections, in report order."""
    return tuple(row for row in registry().values() if row.report_section == section)


def _segments() -> tuple[str, ...]:
    ordered: list[str] = []
    for row in registry().values():
        ordered += [segment for segment in row.segments if segment not in ordered]
    return tuple(ordered)


@dataclass(frozen=True)
class Dimension:
    """One row of the group_dimensions seed: how the report names a dimension of
    marts.impact_by_group, and where it lists it."""

    name: str
    report_order: int
    label: str
    definition: str
    rule_ids: tuple[str, ...]


@cache
def group_dimensions() -> dict[str, Dimension]:
    """The dimensions of M-GRP-1 by name, in report order (the seed the registry's
    `dimensions` column names)."""
    with DIMENSIONS_PATH.open(newline="", encoding="utf-8") as handle:
        rows = [
            Dimension(
                name=row["dimension"],
                report_order=int(row["report_order"]),
                label=row["label"],
                definition=row["definition"],
                rule_ids=tuple(row["rule_ids"].split()),
            )
            for row in csv.DictReader(handle)
        ]
    unknown = sorted(
        {d for row in registry().values() for d in row.dimensions} - {d.name for d in rows}
    )
    if unknown:
        raise RegistryError(f"{REGISTRY_PATH}: dimensions not in {DIMENSIONS_PATH}: {unknown}")
    return {row.name: row for row in sorted(rows, key=lambda row: row.report_order)}


# Names in report order, and every published segment (`all` first, then the M-CAR-4
# segments in the registry's order).
INDICATORS: tuple[str, ...] = tuple(registry())
SEGMENTS: tuple[str, ...] = _segments()
