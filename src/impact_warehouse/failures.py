"""Why a build was refused, read from the partial build before it is deleted (issue 8 item 5).

When `dbt build` fails, `impact-warehouse build` reads, from the partial warehouse file
and dbt's run_results.json:
- the quarantine (QUARANTINE_RELATION, the data-quality layer's dq_quarantine: export,
  file, key, column, value, reason, rows), its first MAX_ROWS entries, their count and
  the raw rows they cover;
- for each failed data test, its failing rows (the test's own compiled SQL, run again
  on the partial build), the first MAX_ROWS: for a relationships test, the keys that
  are not in the parent relation. A test that stopped the build naming its rows itself
  (macro name_failures: the data-quality tests) is an error with that text as message,
  and no SQL to run again: its message is the report;
- dbt's failed nodes and their messages.
It prints them and keeps them as JSON, LAST_FAILED_BUILD next to the published file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb

# Every contract breach of every export, one entry per (file, key, column, value, reason)
# with the raw rows sharing it (n_rows): the data-quality layer's model dq_quarantine.
QUARANTINE_RELATION = "staging.dq_quarantine"
QUARANTINE_COLUMNS = (
    "export",
    "source_file",
    "record_key",
    "column_name",
    "raw_value",
    "reason",
    "raw_row_id",
    "n_rows",
)
MAX_ROWS = 20
MAX_TESTS = 30  # failed tests whose rows are read again (the others are only named)
LAST_FAILED_BUILD = "last-failed-build.json"
REF = re.compile(r"^ref\(\s*['\"]([^'\"]+)['\"]\s*\)$")
# How the table of quarantined rows is printed: (column, header, width).
QUARANTINE_TABLE = (
    ("export", "export", 28),
    ("source_file", "file", 40),
    ("record_key", "key", 14),
    ("column_name", "column", 24),
    ("raw_value", "value", 30),
    ("reason", "reason", 60),
    ("n_rows", "rows", 6),
)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return str(value)


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [column[0] for column in cursor.description or []]
    return [
        {name: _jsonable(value) for name, value in zip(names, row, strict=True)}
        for row in cursor.fetchall()
    ]


def _exists(con: duckdb.DuckDBPyConnection, relation: str) -> bool:
    schema, _, name = relation.rpartition(".")
    row = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema or "main", name],
    ).fetchone()
    return bool(row and row[0])


def read_quarantine(
    con: duckdb.DuckDBPyConnection, relation: str = QUARANTINE_RELATION
) -> dict[str, Any] | None:
    """{relation, total (entries), raw_rows (the rows they cover), rows (the first MAX_ROWS
    entries)}; None when the relation was not built."""
    if not _exists(con, relation):
        return None
    counted = con.execute(f"select count(*), sum(n_rows) from {relation}").fetchone()
    total, raw_rows = (int(counted[0]), int(counted[1] or 0)) if counted else (0, 0)
    columns = ", ".join(QUARANTINE_COLUMNS)
    rows = _rows(
        con.execute(
            f"select {columns} from {relation} "
            "order by export, source_file, raw_row_id, record_key, column_name, reason "
            f"limit {MAX_ROWS}"
        )
    )
    return {"relation": relation, "total": total, "raw_rows": raw_rows, "rows": rows}


def _failed_tests(
    run_results: Mapping[str, Any], manifest: Mapping[str, Any]
) -> list[dict[str, Any]]:
    nodes = manifest.get("nodes") or {}
    found = []
    for result in run_results.get("results") or []:
        unique_id = str(result.get("unique_id") or "")
        status = result.get("status")
        if not unique_id.startswith("test.") or status not in ("fail", "error"):
            continue
        node = nodes.get(unique_id) or {}
        metadata = node.get("test_metadata") or {}
        kwargs = metadata.get("kwargs") or {}
        attached = str(node.get("attached_node") or "")
        test: dict[str, Any] = {
            "test": node.get("name") or unique_id.split(".")[-1],
            "unique_id": unique_id,
            "kind": metadata.get("name") or "singular",
            "model": attached.split(".")[-1] or None,
            "column": node.get("column_name") or kwargs.get("column_name"),
            "status": status,
            "message": result.get("message"),
            "failures": result.get("failures"),
            # an error (name_failures, a compilation error) has no query to run again
            "sql": (result.get("compiled_code") or node.get("compiled_code"))
            if status == "fail"
            else None,
        }
        if test["kind"] == "relationships":
            to = str(kwargs.get("to") or "")
            match = REF.match(to.strip())
            test["to"] = match.group(1) if match else to
            test["field"] = kwargs.get("field")
        found.append(test)
    return found


def read_failing_rows(con: duckdb.DuckDBPyConnection, test: dict[str, Any]) -> None:
    """The test's first failing rows, by running its compiled SQL again (in place)."""
    sql = str(test.pop("sql") or "").strip().rstrip(";")
    if test.get("status") == "error":
        return  # it stopped the build with its own message (name_failures): no rows
    if not sql:
        test["rows"] = []
        test["rows_error"] = "no compiled SQL in run_results.json"
        return
    try:
        test["rows"] = _rows(
            con.execute(f"select * from (\n{sql}\n) as failing_rows limit {MAX_ROWS}")
        )
    except duckdb.Error as error:
        test["rows"] = []
        test["rows_error"] = str(error).splitlines()[0]
        return
    if test["kind"] == "relationships":
        test["keys"] = [next(iter(row.values())) for row in test["rows"] if row]


def _failed_nodes(run_results: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "unique_id": result.get("unique_id"),
            "status": result.get("status"),
            "message": result.get("message"),
            "failures": result.get("failures"),
        }
        for result in run_results.get("results") or []
        if result.get("status") in ("error", "fail", "runtime error")
    ]


def _load(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def collect(
    building: Path,
    target: Path,
    *,
    quarantine_relation: str = QUARANTINE_RELATION,
) -> dict[str, Any]:
    """What the refused build held: failed nodes, quarantined rows, failed tests' rows."""
    run_results = _load(target / "run_results.json")
    manifest = _load(target / "manifest.json")
    report: dict[str, Any] = {
        "failed_nodes": _failed_nodes(run_results),
        "quarantine": None,
        "failed_tests": _failed_tests(run_results, manifest),
    }
    if not building.is_file():
        for test in report["failed_tests"]:
            test.pop("sql", None)
        return report
    con = duckdb.connect(str(building), read_only=True)
    try:
        con.execute("set TimeZone = 'UTC'")  # as the profile: tests may depend on it
        report["quarantine"] = read_quarantine(con, quarantine_relation)
        for index, test in enumerate(report["failed_tests"]):
            if index < MAX_TESTS:
                read_failing_rows(con, test)
            else:
                test.pop("sql", None)
    finally:
        con.close()
    return report


def _cell(value: Any, width: int) -> str:
    text = "NULL" if value is None else str(value).replace("\n", "\\n")
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, str, int]]) -> list[str]:
    cells = [[_cell(row.get(name), width) for name, _header, width in columns] for row in rows]
    headers = [header for _name, header, _width in columns]
    widths = [max(len(line[i]) for line in [headers, *cells]) for i in range(len(columns))]
    return [
        "    " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip()
        for line in [headers, *cells]
    ]


def render(report: Mapping[str, Any]) -> str:
    """The report as text, for the terminal."""
    out: list[str] = []
    quarantine = report.get("quarantine")
    if quarantine is not None:
        total, rows = quarantine["total"], quarantine["rows"]
        if total:
            shown = "all of them" if len(rows) == total else f"the first {len(rows)}"
            out.append(
                f"{total} quarantine entr{'y' if total == 1 else 'ies'} in "
                f"{quarantine['relation']} ({quarantine.get('raw_rows', total)} raw "
                f"row(s)), {shown}:"
            )
            out += _table(rows, QUARANTINE_TABLE)
        else:
            out.append(f"no quarantined row ({quarantine['relation']} is empty).")
    for test in report.get("failed_tests") or []:
        failures = test.get("failures")
        if test.get("status") == "error":
            message = str(test.get("message") or "").strip().replace("\n", "\n    ")
            out.append(f"{test['kind']} test {test['test']} stopped the build:\n    {message}")
        elif test["kind"] == "relationships":
            keys = test.get("keys") or []
            out.append(
                f"relationships test {test['test']} failed: {failures} value(s) of "
                f"{test['model']}.{test['column']} not found in {test['to']}.{test['field']}"
                + (f"; the first {len(keys)}: " + ", ".join(map(str, keys)) if keys else "")
            )
        else:
            out.append(f"{test['kind']} test {test['test']} failed: {test.get('message')}")
            rows = test.get("rows") or []
            if rows:
                names = list(rows[0])
                out += _table(rows, [(name, name, 40) for name in names])
        if test.get("rows_error"):
            out.append(f"    (its rows could not be read again: {test['rows_error']})")
    return "\n".join(out)


def write_record(path: Path, record: Mapping[str, Any]) -> None:
    """Write the JSON record atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n")
    os.replace(partial, path)
