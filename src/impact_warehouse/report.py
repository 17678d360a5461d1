"""Render the impact report from the marts: the published pages and the reconciliation.

Writes into reports/ (--output-dir):

- impact-report.en.html and impact-report.fr.html: the report as it is published, in
  English and in French: the story of the source report in its order (barriers to
  education, career outcomes, who our students are, where they live, reach), big
  numbers, a plain sentence for each rate, charts that read on a phone and print on A4;
  the date of the figures and, when the warehouse says so (marts.warehouse_info), that
  they come from synthetic exports;
- reconciliation.html: every computed figure beside the value the 2023 report
  published, the differences, the rule ids, the provisional and suppressed figures;
- impact-report.en.pdf and impact-report.fr.pdf, printed by headless Chromium when it
  is installed (`make browser`), unless --no-pdf.

Reads the published warehouse ($IMPACT_DUCKDB_PATH, default warehouse/impact.duckdb)
through a read-only connection, closed before rendering. Every page is one
self-contained file: inline CSS, no script, font or image, nothing fetched.

The published pages say which edition (G-11) the figures are, beside their date
(marts.warehouse_info.reproduced_edition: the latest edition, when the build reproduces
it), and list the approved restatements since that edition (G-12: figure, published
value, new value, reason); the reconciliation page lists every restatement, approved
or not.

`--edition 2023` renders the published pages of edition 2023 from its frozen files
alone ($IMPACT_EDITIONS_DIR or --editions-dir; no warehouse is read) into
reports/edition-2023/ (unless --output-dir): the figures of impact_indicators,
impact_by_group and graduate_outcomes as frozen, the report date of the edition's
manifest, and the approvals of restatements.csv that name the edition (figure, value as
published, reason). What an edition does not freeze is left out and the page says so:
the kinds of career outcomes, the countries table and the mix-adjusted comparison. No
reconciliation page is written for an edition (it compares the warehouse with the
published report).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import duckdb

from impact_warehouse.browser import ChromiumError, find_chromium, print_to_pdf
from impact_warehouse.editions import EditionError, editions_dir
from impact_warehouse.report_assets.data import ReportData, load_edition_data, load_report_data
from impact_warehouse.report_assets.page import languages, render_page
from impact_warehouse.report_assets.reconciliation import render_reconciliation
from impact_warehouse.warehouse import WarehouseError, published_path

DEFAULT_OUTPUT_DIR = Path("reports")
DEFAULT_YEAR = 2023
RECONCILIATION = "reconciliation.html"


def report_name(lang: str) -> str:
    return f"impact-report.{lang}.html"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--duckdb-path",
        default=None,
        help="published warehouse file (default: $IMPACT_DUCKDB_PATH or warehouse/impact.duckdb)",
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=None,
        help=f"folder of the pages (default: {DEFAULT_OUTPUT_DIR}, with --edition "
        f"{DEFAULT_OUTPUT_DIR}/edition-YEAR)",
    )
    parser.add_argument(
        "--year",
        type=int,
        default=None,
        help=f"report year, compared with the year before (default: {DEFAULT_YEAR}, with "
        "--edition the edition's year)",
    )
    parser.add_argument(
        "--edition",
        type=int,
        default=None,
        metavar="YEAR",
        help="render the published pages of edition YEAR from its frozen figures alone "
        "(no warehouse read, no reconciliation page)",
    )
    parser.add_argument(
        "--editions-dir",
        default=None,
        help="editions directory (default: $IMPACT_EDITIONS_DIR or editions/ at the project root)",
    )
    parser.add_argument("--no-pdf", action="store_true", help="do not print the PDFs with Chromium")


def _write(path: Path, text: str) -> Path:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def write_pages(data: ReportData, output_dir: Path, year: int = DEFAULT_YEAR) -> dict[str, Path]:
    """The report in every language and, from a warehouse, the reconciliation page:
    {name: path}."""
    output_dir.mkdir(parents=True, exist_ok=True)
    generated = dt.datetime.now(dt.UTC)
    langs = list(languages())
    written: dict[str, Path] = {}
    for lang in langs:
        other = next((other for other in langs if other != lang), None)
        html = render_page(
            data,
            year,
            lang,
            generated_at=generated,
            other_page=report_name(other) if other else None,
            other_lang=other,
        )
        written[lang] = _write(output_dir / report_name(lang), html)
    if data.frozen is not None:
        return written
    written["reconciliation"] = _write(
        output_dir / RECONCILIATION,
        render_reconciliation(
            data, year, report_pages=[report_name(lang) for lang in langs], generated_at=generated
        ),
    )
    return written


def write_report(database: Path, output_dir: Path, year: int = DEFAULT_YEAR) -> dict[str, Path]:
    return write_pages(load_report_data(database), output_dir, year)


def write_edition_report(
    edition: int, output_dir: Path, directory: Path | None = None, year: int | None = None
) -> dict[str, Path]:
    """The published pages of a frozen edition, from its files alone: {lang: path}."""
    data = load_edition_data(edition, directory)
    return write_pages(data, output_dir, edition if year is None else year)


def run(args: argparse.Namespace) -> int:
    try:
        if args.edition is not None:
            output_dir = args.output_dir or DEFAULT_OUTPUT_DIR / f"edition-{args.edition}"
            written = write_edition_report(
                args.edition, output_dir, editions_dir(args.editions_dir), args.year
            )
        else:
            database = published_path(args.duckdb_path)
            written = write_report(
                database, args.output_dir or DEFAULT_OUTPUT_DIR, args.year or DEFAULT_YEAR
            )
    except EditionError as error:
        print(f"report: {error}", file=sys.stderr)
        if args.edition is not None:
            print(
                "report: `impact-warehouse edition list` shows the editions; "
                "`impact-warehouse edition create YEAR` freezes one",
                file=sys.stderr,
            )
        return 1
    except (WarehouseError, duckdb.Error) as error:
        print(f"report: {error}", file=sys.stderr)
        return 1
    for path in written.values():
        print(f"wrote {path}")
    if args.no_pdf:
        return 0
    if find_chromium() is None:
        print("no chromium found: PDFs not printed (make browser installs it)", file=sys.stderr)
        return 0
    for lang in languages():
        pdf = written[lang].with_suffix(".pdf")
        try:
            print_to_pdf(written[lang], pdf)
        except (ChromiumError, OSError) as error:
            print(f"report: printing {pdf} failed: {error}", file=sys.stderr)
            return 1
        print(f"wrote {pdf}")
    return 0
