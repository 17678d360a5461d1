"""Where the published warehouse lives, and how readers open it without disturbing a build.

Readers (headline, report, analysts) open the published DuckDB file
read-only: several read-only holders coexist, and `impact-warehouse build`
never writes to the published file (it builds a new one and renames it over
the published path), so a reader cannot make a build fail and a build cannot
change what an open reader sees.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

DEFAULT_DUCKDB_PATH = "warehouse/impact.duckdb"


class WarehouseError(RuntimeError):
    """The published warehouse cannot be read (missing file, lock held by a writer, ...)."""


def published_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The published warehouse file: `path`, else $IMPACT_DUCKDB_PATH, else the default."""
    chosen = path or os.environ.get("IMPACT_DUCKDB_PATH") or DEFAULT_DUCKDB_PATH
    return Path(chosen)


@contextmanager
def open_read_only(path: str | os.PathLike[str]) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the warehouse file, closed when the block ends."""
    file = Path(path)
    if not file.is_file():
        raise WarehouseError(f"no warehouse at {file}: run `make build` (impact-warehouse build)")
    try:
        con = duckdb.connect(str(file), read_only=True)
    except duckdb.Error as error:
        raise WarehouseError(f"cannot open {file} read-only: {error}") from error
    try:
        yield con
    finally:
        con.close()


def relation_exists(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    row = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, name],
    ).fetchone()
    return bool(row and row[0])


def columns_of(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, name],
    ).fetchall()
    return [row[0] for row in rows]


def fetch_dicts(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> list[dict[str, Any]]:
    """Rows of a query as dictionaries keyed by column name."""
    cursor = con.execute(sql, params or [])
    names = [column[0] for column in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def report_date(con: duckdb.DuckDBPyConnection) -> str | None:
    """The date the warehouse is "as of" (G-8), from the first `report_date` column found
    in the marts (then intermediate) schema; None when no model exposes it."""
    rows = con.execute(
        "select table_schema, table_name from information_schema.columns "
        "where column_name = 'report_date' and table_schema in ('marts', 'intermediate') "
        "order by table_schema = 'marts' desc, table_name"
    ).fetchall()
    for schema, table in rows:
        value = con.execute(f'select max(report_date) from "{schema}"."{table}"').fetchone()
        if value and value[0] is not None:
            return str(value[0])
    return None
