"""The project's generic test not_null_columns (tests/generic/not_null_columns.sql), run by
dbt on a tiny project: it passes on a model without NULLs and fails once per column with
NULLs, naming the column and its count."""

from __future__ import annotations

from pathlib import Path

import duckdb

from impact_warehouse.dbtrun import PROJECT_DIR
from tiny_dbt import project_files, run_tiny, write_project

FILES = {
    **project_files(),
    "tests/generic/not_null_columns.sql": (
        PROJECT_DIR / "tests/generic/not_null_columns.sql"
    ).read_text(),
    # `group` is a reserved word: the test quotes the names it is given
    "models/full.sql": 'select 1 as a, 2 as "group" union all select 3, 4',
    "models/holes.sql": (
        'select 1 as a, null as b, 2 as "group" union all select null, null, 3'
        " union all select 4, 5, null"
    ),
    "models/schema.yml": """
        version: 2
        models:
          - name: full
            data_tests:
              - not_null_columns:
                  arguments:
                    column_names: [a, group]
          - name: holes
            data_tests:
              - not_null_columns:
                  config: {store_failures: true}
                  arguments:
                    column_names: [a, b, group]
    """,
}


def test_not_null_columns_names_each_column_with_nulls(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", FILES)
    work = tmp_path / "dbt"
    db = work / "impact.duckdb"
    result = run_tiny(project, work, ["build"])
    assert not result.ok
    lines = result.output.splitlines()
    assert any("PASS not_null_columns_full_" in line for line in lines), result.output
    assert any("FAIL 3 not_null_columns_holes_" in line for line in lines), result.output
    con = duckdb.connect(str(db), read_only=True)
    try:
        (table,) = con.execute(
            "select table_schema || '.' || table_name from information_schema.tables"
            " where table_name like 'not_null_columns_holes%'"
        ).fetchone()
        rows = con.execute(f"select column_name, null_rows from {table} order by 1").fetchall()
    finally:
        con.close()
    assert rows == [("a", 1), ("b", 2), ("group", 1)]
