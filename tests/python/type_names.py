"""How DuckDB names a data type the project writes down (the marts' contracts, the
tables of docs/marts.md): DuckDB resolves the name itself (`string` and `text` are
`varchar`, `int` is `integer`, `long` is `bigint`), lowercased as the tests compare
them. DuckDB answers, so the tests keep no list of aliases of their own."""

from __future__ import annotations

import functools

import duckdb


@functools.cache
def duckdb_type_name(name: str) -> str:
    """`name` as DuckDB's information_schema names it, lowercased ('string' -> 'varchar',
    'decimal(5,1)' -> 'decimal(5,1)'); a name DuckDB does not know raises its error."""
    con = duckdb.connect()
    try:
        return str(con.execute(f"select typeof(cast(null as {name}))").fetchone()[0]).lower()
    finally:
        con.close()
