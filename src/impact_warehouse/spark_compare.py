"""Parity between engines: every table of a Spark database against the DuckDB schema.

    from impact_warehouse.spark_compare import compare_databases
    report = compare_databases(spark, "marts", "warehouse/impact.duckdb", "marts")
    assert report.ok, report.summary()

Both sides are read in full (through Arrow: fast for tables of many rows) and compared
as multisets of rows, by column name:
- types are normalised to a class (number, string, boolean, date, timestamp, struct):
  DuckDB's INTEGER, BIGINT, HUGEINT, DECIMAL and DOUBLE and Spark's int, bigint, decimal
  and double are all numbers, compared as floats with a tolerance of 1e-12 (relative to
  the larger magnitude, absolute below 1); a class that differs is a difference;
- timestamps are read as text (`YYYY-MM-DD HH:MM:SS.ffffff`, the session is UTC on both
  engines) so that no Python time zone gets involved; dates as ISO text; a struct (the
  base models' record/raw/issue) as a dict of its fields, normalised the same way
  (a timestamp inside a struct as naive UTC);
- the same set of tables and of columns is required.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import SparkSession

FLOAT_TOLERANCE = 1e-12
NUMBER, STRING, BOOLEAN, DATE, TIMESTAMP, STRUCT, OTHER = (
    "number",
    "string",
    "boolean",
    "date",
    "timestamp",
    "struct",
    "other",
)


def type_class(data_type: str) -> str:
    """The comparable class of a DuckDB or Spark type name."""
    name = data_type.strip().lower()
    if name.startswith(("decimal", "numeric")) or name in {
        "tinyint",
        "smallint",
        "int",
        "integer",
        "bigint",
        "hugeint",
        "ubigint",
        "uinteger",
        "usmallint",
        "utinyint",
        "long",
        "short",
        "byte",
        "double",
        "float",
        "real",
    }:
        return NUMBER
    if name in {"varchar", "string", "text"} or name.startswith(("varchar", "char")):
        return STRING
    if name in {"boolean", "bool"}:
        return BOOLEAN
    if name == "date":
        return DATE
    if name.startswith("timestamp"):
        return TIMESTAMP
    if name.startswith("struct"):
        return STRUCT
    return OTHER


@dataclass(frozen=True)
class Table:
    columns: dict[str, str]  # name -> type class
    rows: list[dict[str, Any]]


@dataclass
class TableReport:
    name: str
    spark_rows: int = 0
    duckdb_rows: int = 0
    differences: list[str] = field(default_factory=list)


@dataclass
class ParityReport:
    tables: list[TableReport]
    differences: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences and all(not t.differences for t in self.tables)

    def summary(self, limit: int = 20) -> str:
        lines = [
            f"{t.name}: {t.spark_rows} rows on Spark, {t.duckdb_rows} on DuckDB"
            + (f", {len(t.differences)} differences" if t.differences else ", identical")
            for t in self.tables
        ]
        details = list(self.differences)
        for t in self.tables:
            details += [f"{t.name}: {d}" for d in t.differences]
        return "\n".join(lines + details[:limit])


def _numbers_equal(a: float, b: float, tolerance: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= tolerance * max(1.0, abs(a), abs(b))


def _normalise(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == NUMBER:
        return float(value) if isinstance(value, float | Decimal) else int(value)
    if kind == DATE:
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    if kind == STRUCT or isinstance(value, dict):
        return {str(k).lower(): _normalise_field(v) for k, v in dict(value).items()}
    return value


def _normalise_field(value: Any) -> Any:
    """A struct field: numbers as in NUMBER, timestamps as naive UTC, dates as ISO text."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, Decimal | float | int):
        return _normalise(value, NUMBER)
    if isinstance(value, datetime):
        aware = value.tzinfo is not None
        return (value.astimezone(UTC).replace(tzinfo=None) if aware else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return _normalise(value, STRUCT)
    return value


def _rows(table: Any, columns: dict[str, str]) -> list[dict[str, Any]]:
    """Rows of a pyarrow table, normalised by column class."""
    names = table.column_names
    data = [table.column(i).to_pylist() for i in range(len(names))]
    kinds = [columns[name] for name in names]
    return [
        {
            name: _normalise(column[i], kind)
            for name, column, kind in zip(names, data, kinds, strict=True)
        }
        for i in range(table.num_rows)
    ]


def read_spark(spark: SparkSession, database: str, table: str) -> Table:
    """A Spark table, timestamps as UTC text."""
    fields = spark.table(f"`{database}`.`{table}`").schema.fields
    columns = {f.name.lower(): type_class(f.dataType.simpleString()) for f in fields}
    selects = [
        f"date_format(`{f.name}`, 'yyyy-MM-dd HH:mm:ss.SSSSSS') as `{f.name.lower()}`"
        if columns[f.name.lower()] == TIMESTAMP
        else f"`{f.name}` as `{f.name.lower()}`"
        for f in fields
    ]
    arrow = spark.sql(f"select {', '.join(selects)} from `{database}`.`{table}`").toArrow()
    return Table(columns, _rows(arrow, columns))


def read_duckdb(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> Table:
    """A DuckDB table, timestamps as UTC text."""
    described = con.execute(
        "select column_name, data_type from information_schema.columns"
        " where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    columns = {name.lower(): type_class(kind) for name, kind in described}
    selects = [
        f'strftime("{name}", \'%Y-%m-%d %H:%M:%S.%f\') as "{name.lower()}"'
        if columns[name.lower()] == TIMESTAMP
        else f'"{name}" as "{name.lower()}"'
        for name, _ in described
    ]
    arrow = con.execute(f'select {", ".join(selects)} from "{schema}"."{table}"').to_arrow_table()
    return Table(columns, _rows(arrow, columns))


def _sort_key(row: dict[str, Any], names: Sequence[str]) -> tuple:
    key = []
    for name in names:
        value = row[name]
        if value is None:
            key.append((0, ""))
        elif isinstance(value, float):
            key.append((1, f"{value:.9e}" if math.isfinite(value) else repr(value)))
        elif isinstance(value, bool | int):
            key.append((1, f"{float(value):.9e}"))
        elif isinstance(value, dict):
            key.append((2, repr(sorted(value.items(), key=lambda item: item[0]))))
        else:
            key.append((2, str(value)))
    return tuple(key)


def compare_tables(
    name: str, spark_table: Table, duckdb_table: Table, tolerance: float = FLOAT_TOLERANCE
) -> TableReport:
    report = TableReport(name, len(spark_table.rows), len(duckdb_table.rows))
    if set(spark_table.columns) != set(duckdb_table.columns):
        only_spark = sorted(set(spark_table.columns) - set(duckdb_table.columns))
        only_duckdb = sorted(set(duckdb_table.columns) - set(spark_table.columns))
        report.differences.append(
            f"columns differ: only on Spark {only_spark}, only on DuckDB {only_duckdb}"
        )
        return report
    names = sorted(spark_table.columns)
    for column in names:
        if spark_table.columns[column] != duckdb_table.columns[column]:
            report.differences.append(
                f"column {column}: {spark_table.columns[column]} on Spark,"
                f" {duckdb_table.columns[column]} on DuckDB"
            )
    if report.spark_rows != report.duckdb_rows:
        report.differences.append(
            f"{report.spark_rows} rows on Spark, {report.duckdb_rows} on DuckDB"
        )
    left = sorted(spark_table.rows, key=lambda r: _sort_key(r, names))
    right = sorted(duckdb_table.rows, key=lambda r: _sort_key(r, names))
    for index, (a, b) in enumerate(zip(left, right, strict=False)):
        for column in names:
            x, y = a[column], b[column]
            if isinstance(x, int | float) and isinstance(y, int | float) and x is not None:
                same = _numbers_equal(float(x), float(y), tolerance)
            else:
                same = x == y
            if not same:
                report.differences.append(
                    f"row {index} (sorted) column {column}: {x!r} on Spark, {y!r} on DuckDB"
                )
                break
    return report


def spark_tables(spark: SparkSession, database: str) -> list[str]:
    return sorted(t.name for t in spark.catalog.listTables(database) if not t.isTemporary)


def duckdb_tables(con: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = ?", [schema]
    ).fetchall()
    return sorted(r[0] for r in rows)


def compare_databases(
    spark: SparkSession,
    spark_database: str,
    duckdb_path: Path | str,
    duckdb_schema: str = "marts",
    tables: Iterable[str] | None = None,
    tolerance: float = FLOAT_TOLERANCE,
) -> ParityReport:
    """Compare every table (or `tables`) of a Spark database with a DuckDB schema."""
    con = duckdb.connect(str(duckdb_path), read_only=True)
    try:
        on_spark = spark_tables(spark, spark_database)
        on_duckdb = duckdb_tables(con, duckdb_schema)
        report = ParityReport([])
        wanted = sorted(tables) if tables is not None else sorted(set(on_spark) | set(on_duckdb))
        for name in wanted:
            if name not in on_spark or name not in on_duckdb:
                where = "Spark" if name not in on_spark else "DuckDB"
                report.differences.append(f"{name}: missing on {where}")
                continue
            report.tables.append(
                compare_tables(
                    name,
                    read_spark(spark, spark_database, name),
                    read_duckdb(con, duckdb_schema, name),
                    tolerance,
                )
            )
        return report
    finally:
        con.close()
