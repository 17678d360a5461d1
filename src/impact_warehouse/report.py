"""Render the impact report page: reports/impact-report.html, one self-contained HTML file.

Reads the marts (impact_indicators, impact_report, student_demographics,
students_by_country, career_outcomes, free_user_reach) from the published
warehouse ($IMPACT_DUCKDB_PATH, default warehouse/impact.duckdb) through a
read-only connection, closed before rendering. The page shows the three rates
year over year, career outcomes since 2020 by segment, the underserved
categories, students by region and free-user reach, each figure beside its
published value, with its status (final/provisional, G-7), suppressed cells
(G-9) and the methodology notes. Charts are inline SVG with a data table each:
the page loads no script, font or image and reads offline.

When Chromium is installed, a screenshot of the rendered page is written
beside it (reports/impact-report.png), unless --no-screenshot.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from impact_warehouse.browser import ChromiumError, find_chromium, screenshot
from impact_warehouse.report_assets.data import load_report_data
from impact_warehouse.report_assets.page import render_page
from impact_warehouse.warehouse import WarehouseError, published_path

DEFAULT_OUTPUT = Path("reports/impact-report.html")
DEFAULT_YEAR = 2023
SCREENSHOT_HEIGHT = 8800  # the whole page at 1400 px wide (about 8300 px with real data)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--duckdb-path",
        default=None,
        help="published warehouse file (default: $IMPACT_DUCKDB_PATH or warehouse/impact.duckdb)",
    )
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help=f"HTML file (default: {DEFAULT_OUTPUT})"
    )
    parser.add_argument(
        "--year",
        type=int,
        default=DEFAULT_YEAR,
        help=f"report year, compared with the year before (default: {DEFAULT_YEAR})",
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        default=None,
        help="PNG picture of the page (default: the HTML path with .png)",
    )
    parser.add_argument(
        "--no-screenshot", action="store_true", help="do not take the Chromium screenshot"
    )


def write_report(database: Path, output: Path, year: int = DEFAULT_YEAR) -> Path:
    data = load_report_data(database)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.tmp")
    tmp.write_text(render_page(data, year), encoding="utf-8")
    tmp.replace(output)
    return output


def run(args: argparse.Namespace) -> int:
    database = published_path(args.duckdb_path)
    try:
        output = write_report(database, args.output, args.year)
    except (WarehouseError, duckdb.Error) as error:
        print(f"report: {error}", file=sys.stderr)
        return 1
    print(f"wrote {output}")
    if args.no_screenshot:
        return 0
    png = args.screenshot or output.with_suffix(".png")
    if find_chromium() is None:
        print("no chromium found: screenshot skipped (make browser installs it)", file=sys.stderr)
        return 0
    try:
        screenshot(output, png, height=SCREENSHOT_HEIGHT)
    except (ChromiumError, OSError) as error:
        print(f"report: screenshot failed: {error}", file=sys.stderr)
        return 1
    print(f"wrote {png}")
    return 0
