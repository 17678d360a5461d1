"""sqlfluff stub for dbt's `target` (lint only): the DuckDB target."""

type = "duckdb"  # noqa: A001 - dbt's attribute name
name = "dev"
