"""Run SQL on the published warehouse, read-only, and print the result.

    impact-warehouse sql "select indicator, year, value from impact_indicators where year = 2023"
    impact-warehouse sql --format csv "select * from marts.impact_report" > report.csv
    impact-warehouse sql < question.sql

The warehouse file ($IMPACT_DUCKDB_PATH, default warehouse/impact.duckdb) is
opened read-only, so this never blocks `make build` (which publishes a new
file) and cannot change the warehouse: a statement that would write fails.
Unqualified names are looked up in the `marts` schema first (the analysts'
interface), then `main`; `staging.x` and `intermediate.x` stay reachable by
their schema. Several statements separated by `;` run in order and each
result is printed. Formats: `table` (aligned columns, NULL shown as NULL),
`csv` (header row, empty field for NULL) and `json` (an array of objects per
result). The exit status is non-zero when a statement fails.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import decimal
import io
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

import duckdb

from impact_warehouse.warehouse import WarehouseError, open_read_only, published_path

FORMATS = ("table", "csv", "json")
# Unqualified relation names resolve here first: analysts query the marts.
SEARCH_PATH = "marts,main"
NUMBER_TYPES = (int, float, decimal.Decimal)


@dataclass(frozen=True)
class Result:
    """The rows of one statement that returned a result."""

    columns: list[str]
    rows: list[tuple[Any, ...]]


def split_statements(text: str) -> tuple[list[str], str]:
    """Split SQL text on the `;` that end statements.

    Returns the complete statements (without their `;`, blank ones dropped) and the
    unfinished rest. A `;` inside a quoted string or identifier, or a comment, does
    not end a statement.
    """
    statements: list[str] = []
    start = 0
    i = 0
    quote: str | None = None
    length = len(text)
    while i < length:
        char = text[i]
        if quote is not None:
            if char == quote:  # a doubled quote ('it''s') closes and reopens: same result
                quote = None
        elif char in ("'", '"'):
            quote = char
        elif text.startswith("--", i):
            newline = text.find("\n", i)
            if newline == -1:
                break
            i = newline
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end == -1:
                break
            i = end + 1
        elif char == ";":
            statement = text[start:i].strip()
            if has_code(statement):
                statements.append(statement)
            start = i + 1
        i += 1
    return statements, text[start:]


def has_code(statement: str) -> bool:
    """True when the text holds more than whitespace and comments."""
    rest = statement
    while rest:
        rest = rest.lstrip()
        if rest.startswith("--"):
            newline = rest.find("\n")
            rest = "" if newline == -1 else rest[newline + 1 :]
        elif rest.startswith("/*"):
            end = rest.find("*/")
            rest = "" if end == -1 else rest[end + 2 :]
        else:
            return bool(rest)
    return False


def connect_settings(con: duckdb.DuckDBPyConnection) -> None:
    """Session settings of every analyst connection (no write: the file is read-only)."""
    con.execute(f"set search_path = '{SEARCH_PATH}'")


def execute(con: duckdb.DuckDBPyConnection, statement: str) -> Result | None:
    """Run one statement; its rows, or None for a statement that returns none."""
    cursor = con.execute(statement)
    if cursor.description is None:
        return None
    columns = [column[0] for column in cursor.description]
    return Result(columns, cursor.fetchall())


def _cell(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format(value, ".10g")
    return str(value)


def format_table(result: Result, max_rows: int | None = None) -> str:
    """Aligned columns: text left, numbers right, a row count under the table."""
    shown = result.rows if not max_rows else result.rows[:max_rows]
    cells = [[_cell(value) for value in row] for row in shown]
    widths = [len(name) for name in result.columns]
    for row in cells:
        for index, text in enumerate(row):
            widths[index] = max(widths[index], len(text))
    numeric = [
        bool(shown)
        and all(
            row[index] is None
            or (isinstance(row[index], NUMBER_TYPES) and not isinstance(row[index], bool))
            for row in shown
        )
        for index in range(len(result.columns))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            value.rjust(widths[index]) if numeric[index] else value.ljust(widths[index])
            for index, value in enumerate(values)
        ]
        return " | ".join(parts).rstrip()

    out = [line(result.columns), "-+-".join("-" * width for width in widths)]
    out += [line(row) for row in cells]
    count = len(result.rows)
    footer = f"({count} row{'' if count == 1 else 's'})"
    if len(shown) < count:
        footer = f"({count} rows, first {len(shown)} shown)"
    out.append(footer)
    return "\n".join(out) + "\n"


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def format_result(result: Result, fmt: str, max_rows: int | None = None) -> str:
    if fmt == "table":
        return format_table(result, max_rows)
    rows = result.rows if not max_rows else result.rows[:max_rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        for row in rows:
            writer.writerow(["" if value is None else _csv_value(value) for value in row])
        return buffer.getvalue()
    if fmt == "json":
        records = [
            {name: _json_value(value) for name, value in zip(result.columns, row, strict=True)}
            for row in rows
        ]
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return value


def run_text(
    con: duckdb.DuckDBPyConnection,
    text: str,
    *,
    fmt: str = "table",
    max_rows: int | None = None,
    out: TextIO,
    err: TextIO,
    bail: bool = True,
) -> bool:
    """Run every statement of `text`, printing each result; False when one failed."""
    statements, rest = split_statements(text)
    if has_code(rest):
        statements.append(rest.strip())
    ok = True
    for statement in statements:
        try:
            result = execute(con, statement)
        except duckdb.Error as error:
            err.write(f"error: {error}\n")
            ok = False
            if bail:
                break
            continue
        if result is not None:
            out.write(format_result(result, fmt, max_rows))
    return ok


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query",
        nargs="?",
        default=None,
        help="SQL to run (omit it, or give -, to read the SQL from standard input)",
    )
    parser.add_argument("-f", "--file", default=None, help="read the SQL from this file")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="output format (default: table)",
    )
    parser.add_argument(
        "--max-rows",
        type=int,
        default=None,
        metavar="N",
        help="print at most N rows of each result (default: all)",
    )
    parser.add_argument(
        "--duckdb-path",
        default=None,
        help="warehouse file (default: $IMPACT_DUCKDB_PATH or warehouse/impact.duckdb)",
    )


def read_query(args: argparse.Namespace) -> str:
    if args.file is not None:
        if args.query is not None:
            raise WarehouseError("give the SQL either as an argument or with --file, not both")
        with open(args.file, encoding="utf-8") as handle:
            return handle.read()
    if args.query is None or args.query == "-":
        if sys.stdin.isatty():
            raise WarehouseError(
                'no SQL given: impact-warehouse sql "select ..." (or pipe it on standard input; '
                "impact-warehouse shell for an interactive session)"
            )
        return sys.stdin.read()
    return args.query


def run(args: argparse.Namespace) -> int:
    try:
        text = read_query(args)
        if not has_code(text):
            raise WarehouseError("no SQL statement to run")
        with open_read_only(published_path(args.duckdb_path)) as con:
            connect_settings(con)
            ok = run_text(
                con, text, fmt=args.format, max_rows=args.max_rows, out=sys.stdout, err=sys.stderr
            )
    except (WarehouseError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0 if ok else 1
