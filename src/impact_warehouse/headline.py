"""Print the headline: the computed 2022 and 2023 figures beside the published ones.

Reads marts.impact_report (each published figure with its computed value, status and
suppression) from the published warehouse ($IMPACT_DUCKDB_PATH,
default warehouse/impact.duckdb) through a read-only connection, closed
before returning. Shares read as percents with one decimal, counts with
thousands separators, applicants_growth as +190%; differences are computed
minus published (percentage points for shares). Status is `final` or
`provisional` (G-7); a suppressed cell (G-9) shows `suppressed`. Above the table, whether
the exports were synthetic; under it, the edition the warehouse reproduces and the
restatements since (marts.warehouse_info, marts.restatements; impact_warehouse.editions).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from impact_warehouse.editions import edition_lines, synthetic_label
from impact_warehouse.indicators import INDICATORS, SEGMENTS, registry
from impact_warehouse.report_assets.formatting import (
    MISSING,
    SUPPRESSED,
    format_difference,
    format_value,
)
from impact_warehouse.warehouse import (
    WarehouseError,
    fetch_dicts,
    open_read_only,
    published_path,
    relation_exists,
    report_date,
)

DEFAULT_YEARS = (2022, 2023)

# The registry's report order.
INDICATOR_ORDER = INDICATORS
SEGMENT_ORDER = SEGMENTS


@dataclass(frozen=True)
class HeadlineRow:
    indicator: str
    year: int
    segment: str
    unit: str
    computed: float | None
    published: float | None
    difference: float | None
    status: str | None
    is_suppressed: bool

    @property
    def computed_text(self) -> str:
        return SUPPRESSED if self.is_suppressed else format_value(self.computed, self.unit)


def _order_key(row: HeadlineRow) -> tuple[int, int, int, str]:
    indicator = (
        INDICATOR_ORDER.index(row.indicator)
        if row.indicator in INDICATOR_ORDER
        else len(INDICATOR_ORDER)
    )
    segment = (
        SEGMENT_ORDER.index(row.segment) if row.segment in SEGMENT_ORDER else len(SEGMENT_ORDER)
    )
    return (indicator, row.year, segment, row.indicator)


def load_rows(con: duckdb.DuckDBPyConnection, years: Sequence[int]) -> list[HeadlineRow]:
    if not relation_exists(con, "marts", "impact_report"):
        raise WarehouseError("the warehouse has no marts.impact_report (was the build complete?)")
    placeholders = ", ".join("?" for _ in years)
    rows = fetch_dicts(
        con,
        f"""
        select indicator, year, segment, unit, computed_value, published_value, difference,
               status, is_suppressed
        from marts.impact_report
        where year in ({placeholders})
        """,
        list(years),
    )
    result = [
        HeadlineRow(
            indicator=row["indicator"],
            year=int(row["year"]),
            segment=row["segment"],
            unit=row["unit"] or "share",
            computed=row["computed_value"],
            published=row["published_value"],
            difference=row["difference"],
            status=row["status"],
            is_suppressed=bool(row["is_suppressed"]),
        )
        for row in rows
    ]
    return sorted(result, key=_order_key)


def render(rows: Sequence[HeadlineRow], as_of: str | None = None) -> str:
    """The headline as a plain-text table."""
    header = ("indicator", "year", "segment", "computed", "published", "difference", "status")
    body = [
        (
            row.indicator,
            str(row.year),
            row.segment,
            row.computed_text,
            format_value(row.published, row.unit),
            MISSING if row.is_suppressed else format_difference(row.difference, row.unit),
            row.status or MISSING,
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    right = {1, 3, 4, 5}

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "  ".join(parts).rstrip()

    title = "Impact report: computed vs published"
    if as_of:
        title += f" (report date {as_of})"
    out = [title, line(header), line(["-" * width for width in widths])]
    out += [line(cells) for cells in body]
    provisional = sum(1 for row in rows if row.status == "provisional")
    if provisional:
        out.append(f"{provisional} figure(s) provisional (G-7): may change until finalised.")
    if any(row.is_suppressed for row in rows):
        out.append("suppressed: fewer than min_cell_size individuals (G-9).")
    ratios = [
        f"{row.indicator} {row.year} {row.segment} {row.computed / row.published:.1%}"
        for row in rows
        if row.unit == "count"
        and not row.is_suppressed
        and row.computed is not None
        and row.published
        # a count of individuals scales with the exports; countries reached do not
        and row.indicator in registry()
        and registry()[row.indicator].counts_individuals
    ]
    if ratios:
        # Sample exports are a fraction (--scale) of the platform: counts compare as ratios.
        out.append(
            "counts as a share of published (sample exports are scaled): " + "; ".join(ratios)
        )
    return "\n".join(out)


def print_headline(path: Path, years: Sequence[int] = DEFAULT_YEARS) -> int:
    try:
        with open_read_only(path) as con:
            rows = load_rows(con, years)
            as_of = report_date(con)
            # synthetic exports above; the edition reproduced, restatements (G-12) below
            synthetic = synthetic_label(con)
            edition = edition_lines(con)
    except (WarehouseError, duckdb.Error) as error:
        print(f"headline: {error}", file=sys.stderr)
        return 1
    print("\n".join([*([synthetic] if synthetic else []), render(rows, as_of), *edition]))
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--duckdb-path",
        default=None,
        help="published warehouse file (default: $IMPACT_DUCKDB_PATH or warehouse/impact.duckdb)",
    )
    parser.add_argument(
        "--years",
        type=int,
        nargs="+",
        default=list(DEFAULT_YEARS),
        help="years to show (default: 2022 2023)",
    )


def run(args: argparse.Namespace) -> int:
    return print_headline(published_path(args.duckdb_path), args.years)
