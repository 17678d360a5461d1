"""Everything the report pages show, read from the published warehouse (read-only).

Part 1 marts are required (their absence is an incomplete build: an error naming
them). What later parts add is read when it exists and left out when it does not, so
that the pages grow with the warehouse and never show a placeholder:

- columns `ci_lower`, `ci_upper` (the Wilson intervals), `change`,
  `change_is_significant` (the change on the previous year) of `marts.impact_indicators`;
- marts `impact_by_group` (outcomes by group), `impact_benchmarks` (mix-adjusted
  rates), `graduate_outcomes` (one status per graduate), `restatements` (approved
  corrections of an edition) and the one-row `warehouse_info` (report date, code
  version, whether the exports are synthetic, the generator's scale and seed, the
  editions known). Their rules are planned in docs/methodology.md (Part 2).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from impact_warehouse.indicators import unit_of
from impact_warehouse.warehouse import (
    WarehouseError,
    columns_of,
    fetch_dicts,
    open_read_only,
    relation_exists,
    report_date,
)

Key = tuple[str, int, str]
Row = dict[str, Any]

# Part 1: every complete build has them (docs/marts.md).
REQUIRED_MARTS = (
    "impact_indicators",
    "impact_report",
    "student_demographics",
    "students_by_country",
    "career_outcomes",
    "free_user_reach",
)
INDICATOR_COLUMNS = (
    "indicator",
    "year",
    "segment",
    "numerator",
    "denominator",
    "value",
    "status",
    "is_suppressed",
    "finalised_on",
)
# the interval and the change on the previous year (Part 2): shown when the mart has them
INTERVAL_COLUMNS = ("ci_lower", "ci_upper")
CHANGE_COLUMNS = ("change", "change_is_significant")
# Part 2 marts, read whole when they exist (their columns: docs/marts.md "Added in Part 2")
# (mart -> attribute of ReportData)
OPTIONAL_MARTS = {
    "impact_by_group": "by_group",
    "impact_benchmarks": "benchmarks",
    "graduate_outcomes": "graduate_outcomes",
    "restatements": "restatements",
}
# marts.warehouse_info: what the report reads, and the column names it accepts for each
# (the first one present wins; the mart's contract is being settled, issue 10)
WAREHOUSE_INFO_FIELDS: dict[str, tuple[str, ...]] = {
    "is_synthetic": ("is_synthetic",),
    "scale": ("synthetic_scale", "scale"),
    "seed": ("synthetic_seed", "seed"),
    "report_date": ("report_date",),
    "code_version": ("code_version",),
    "built_at": ("built_at",),
    "editions": ("editions", "edition"),
    "latest_edition": ("latest_edition",),
    "reproduced_edition": ("reproduced_edition",),
    "restatement_policy": ("restatement_policy",),
}


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
    finalised_on: str | None = None
    ci_lower: float | None = None
    ci_upper: float | None = None
    change: float | None = None
    change_is_significant: bool | None = None
    unit: str = "share"
    present: bool = False  # a row of impact_indicators (not only a published value)
    published: float | None = None
    published_note: str | None = None

    @property
    def difference(self) -> float | None:
        if self.value is None or self.published is None or self.is_suppressed:
            return None
        return self.value - self.published

    @property
    def is_provisional(self) -> bool:
        return self.status == "provisional"

    @property
    def shown(self) -> bool:
        """A value a reader may see: computed, not suppressed."""
        return self.present and not self.is_suppressed and self.value is not None

    @property
    def has_interval(self) -> bool:
        return self.shown and self.ci_lower is not None and self.ci_upper is not None


@dataclass(frozen=True)
class Provenance:
    """What marts.warehouse_info says about the build. `known`: whether it says if the
    exports are synthetic (False without the mart)."""

    known: bool = False
    is_synthetic: bool | None = None
    scale: float | None = None
    seed: int | None = None
    report_date: str | None = None
    code_version: str | None = None
    built_at: str | None = None
    editions: str | None = None
    latest_edition: int | None = None
    reproduced_edition: int | None = None
    restatement_policy: str | None = None


@dataclass(frozen=True)
class FrozenEdition:
    """The pages are rendered from edition `year` alone (`report --edition`): when it was
    frozen, the approvals of restatements.csv that name it (figure, reason, date: the
    recomputed value needs a warehouse), and the parts of the page the edition does not
    freeze (NOT_FROZEN), left out."""

    year: int
    created_at: str | None = None
    approvals: tuple[Row, ...] = ()


@dataclass
class ReportData:
    figures: dict[Key, Figure] = field(default_factory=dict)
    demographics: list[Row] = field(default_factory=list)
    countries: list[Row] = field(default_factory=list)
    outcome_types: list[Row] = field(default_factory=list)
    reach: list[Row] = field(default_factory=list)
    # Part 2: None when the mart does not exist, a list (maybe empty) when it does
    by_group: list[Row] | None = None
    benchmarks: list[Row] | None = None
    graduate_outcomes: list[Row] | None = None
    restatements: list[Row] | None = None
    has_intervals: bool = False
    has_changes: bool = False
    provenance: Provenance = field(default_factory=Provenance)
    report_date: str | None = None
    warehouse: str = ""
    built_at: str = ""
    # set when the pages are rendered from a frozen edition, not from the warehouse
    frozen: FrozenEdition | None = None

    @property
    def edition_shown(self) -> int | None:
        """The edition the figures are: the frozen one rendered, else the latest edition
        when the warehouse reproduces it (marts.warehouse_info.reproduced_edition; an
        older edition reproduced while the latest is not does not label the page)."""
        if self.frozen is not None:
            return self.frozen.year
        info = self.provenance
        if info.reproduced_edition is not None and info.reproduced_edition == (
            info.latest_edition or info.reproduced_edition
        ):
            return info.reproduced_edition
        return None

    def restated(self, approved: bool = True) -> list[Row]:
        """The rows of marts.restatements of the edition the page shows (approved, or the
        others): the corrections since that edition (G-12)."""
        edition = self.edition_shown
        if edition is None:
            edition = self.provenance.latest_edition
        return [
            row
            for row in self.restatements or []
            if bool(row.get("is_approved")) == approved
            and edition is not None
            and int(row["edition"]) == edition
        ]

    def figure(self, indicator: str, year: int, segment: str = "all") -> Figure:
        key = (indicator, year, segment)
        return self.figures.get(key, Figure(indicator, year, segment, unit=unit_of(indicator)))

    def years(self, indicator: str | None = None) -> list[int]:
        return sorted(
            {
                year
                for (name, year, _), figure in self.figures.items()
                if (indicator is None or name == indicator) and figure.present
            }
        )

    def demographic(self, category: str, year: int) -> Row | None:
        return next(
            (r for r in self.demographics if r["category"] == category and r["year"] == year),
            None,
        )


def _date(value: object) -> str | None:
    return None if value is None else str(value)[:10]


def _add_figures(data: ReportData, rows: list[Row]) -> None:
    """Rows of marts.impact_indicators (or an edition's frozen copy of them) as Figures."""
    for row in rows:
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
            finalised_on=_date(row["finalised_on"]),
            ci_lower=row.get("ci_lower"),
            ci_upper=row.get("ci_upper"),
            change=row.get("change"),
            change_is_significant=row.get("change_is_significant"),
            unit=unit_of(key[0]),
            present=True,
        )


def _load_figures(con: duckdb.DuckDBPyConnection, data: ReportData) -> None:
    present = set(columns_of(con, "marts", "impact_indicators"))
    data.has_intervals = set(INTERVAL_COLUMNS) <= present
    data.has_changes = set(CHANGE_COLUMNS) <= present
    wanted = list(INDICATOR_COLUMNS)
    wanted += list(INTERVAL_COLUMNS) if data.has_intervals else []
    wanted += list(CHANGE_COLUMNS) if data.has_changes else []
    missing = [column for column in INDICATOR_COLUMNS if column not in present]
    if missing:
        raise WarehouseError(f"marts.impact_indicators has no column {', '.join(missing)}")
    _add_figures(data, fetch_dicts(con, f"select {', '.join(wanted)} from marts.impact_indicators"))
    for row in fetch_dicts(
        con,
        "select indicator, year, segment, published_value, note from marts.impact_report",
    ):
        key = (row["indicator"], int(row["year"]), row["segment"])
        current = data.figures.get(key) or Figure(*key, unit=unit_of(key[0]))
        data.figures[key] = Figure(
            **{
                **current.__dict__,
                "published": row["published_value"],
                "published_note": row["note"],
            }
        )


def _provenance(con: duckdb.DuckDBPyConnection) -> Provenance:
    if not relation_exists(con, "marts", "warehouse_info"):
        return Provenance()
    rows = fetch_dicts(con, "select * from marts.warehouse_info")
    if len(rows) > 1:
        raise WarehouseError(f"marts.warehouse_info has {len(rows)} rows; it must have one")
    if not rows:
        return Provenance()
    row = rows[0]

    def get(name: str) -> Any:
        return next((row[c] for c in WAREHOUSE_INFO_FIELDS[name] if c in row), None)

    synthetic = get("is_synthetic")
    scale, seed = get("scale"), get("seed")
    latest, reproduced = get("latest_edition"), get("reproduced_edition")
    return Provenance(
        known=synthetic is not None,
        is_synthetic=None if synthetic is None else bool(synthetic),
        scale=None if scale is None else float(scale),
        seed=None if seed is None else int(seed),
        report_date=_date(get("report_date")),
        code_version=None if get("code_version") is None else str(get("code_version")),
        built_at=None if get("built_at") is None else str(get("built_at")),
        editions=None if get("editions") in (None, "") else str(get("editions")),
        latest_edition=None if latest is None else int(latest),
        reproduced_edition=None if reproduced is None else int(reproduced),
        restatement_policy=get("restatement_policy"),
    )


def load_report_data(path: Path) -> ReportData:
    """Read the marts through a read-only connection, closed before returning."""
    data = ReportData(warehouse=str(path))
    with open_read_only(path) as con:
        missing = [name for name in REQUIRED_MARTS if not relation_exists(con, "marts", name)]
        if missing:
            names = ", ".join(f"marts.{name}" for name in missing)
            raise WarehouseError(
                f"{path} has no {names}: the build is incomplete (run `make build`)"
            )
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
        data.built_at = modified.strftime("%Y-%m-%d %H:%M UTC")
        _load_figures(con, data)
        data.demographics = fetch_dicts(
            con,
            "select year, category, students, denominator, share, unknown_share, is_suppressed "
            "from marts.student_demographics order by year, category",
        )
        data.countries = fetch_dicts(
            con,
            "select year, country_code, country_name, region_group, students, share, "
            "is_suppressed from marts.students_by_country "
            "order by year, students desc nulls last, country_code",
        )
        data.outcome_types = fetch_dicts(
            con,
            "select year, segment, outcome_type, outcomes, is_suppressed "
            "from marts.career_outcomes order by year, segment, outcomes desc nulls last",
        )
        data.reach = fetch_dicts(
            con,
            "select year, free_users, countries, is_suppressed "
            "from marts.free_user_reach order by year",
        )
        for name, attribute in OPTIONAL_MARTS.items():
            if relation_exists(con, "marts", name):
                setattr(data, attribute, fetch_dicts(con, f"select * from marts.{name}"))
        data.provenance = _provenance(con)
        data.report_date = data.provenance.report_date or report_date(con)
    return data


# What `report --edition` cannot show: the marts an edition does not freeze (G-11 freezes
# the marts of dbt's macro edition_marts: impact_indicators, impact_by_group,
# graduate_outcomes). The page leaves these parts out and says so (i18n `not_frozen_*`).
NOT_FROZEN = ("benchmarks", "countries", "outcome_types")


def load_edition_data(year: int, directory: Path | None = None) -> ReportData:
    """Everything the published pages show of edition `year`, from its frozen files alone
    (editions.load_frozen, checked against the manifest): the figures of impact_indicators,
    impact_by_group and graduate_outcomes, the report date and provenance of the manifest,
    and the approvals of restatements.csv that name the edition. No warehouse is read.
    EditionError when the edition does not exist or was modified."""
    from impact_warehouse import editions

    directory = directory or editions.editions_dir()
    edition = editions.read_edition(directory, year)
    indicators = editions.load_frozen(year, directory, mart="impact_indicators")
    if not indicators:
        raise editions.EditionError(
            f"edition {year} in {directory} froze no figure of impact_indicators"
        )
    manifest = edition.manifest
    data = ReportData(warehouse=str(edition.path))
    data.has_intervals = any(set(INTERVAL_COLUMNS) <= set(row) for row in indicators)
    data.has_changes = any(set(CHANGE_COLUMNS) <= set(row) for row in indicators)
    _add_figures(data, indicators)
    data.by_group = editions.load_frozen(year, directory, mart="impact_by_group") or None
    data.graduate_outcomes = editions.load_frozen(year, directory, mart="graduate_outcomes") or None
    synthetic = manifest.get("is_synthetic")
    scale, seed = manifest.get("synthetic_scale"), manifest.get("synthetic_seed")
    data.provenance = Provenance(
        known=synthetic is not None,
        is_synthetic=None if synthetic is None else bool(synthetic),
        scale=None if scale is None else float(scale),
        seed=None if seed is None else int(seed),
        report_date=_date(manifest.get("report_date") or None),
        code_version=manifest.get("code_version"),
        built_at=manifest.get("built_at"),
        editions=str(year),
        latest_edition=year,
        reproduced_edition=year,
    )
    data.report_date = data.provenance.report_date
    data.built_at = str(manifest.get("built_at") or "")
    approvals = tuple(
        row for row in editions.read_approvals(directory) if row.get("edition") == year
    )
    data.frozen = FrozenEdition(
        year=year, created_at=_date(manifest.get("created_at")), approvals=approvals
    )
    return data
