"""Reading the warehouse (issue 14): `impact-warehouse sql`, `shell` and `snapshot`.

Fast tests on a tiny hand-made DuckDB file named like the published one; the
commands run as an analyst runs them (a subprocess of the installed
`impact-warehouse`, the shell fed through piped standard input).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from impact_warehouse.sql import Result, format_table, split_statements

CLI = str(Path(sys.executable).with_name("impact-warehouse"))


def _make_warehouse(path: Path, applicants: int = 17400) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema marts; create schema staging")
        con.execute(
            "create table marts.impact_indicators (indicator varchar, year integer, "
            "segment varchar, numerator bigint, denominator bigint, value double, "
            "status varchar, is_suppressed boolean)"
        )
        con.execute(
            "insert into marts.impact_indicators values "
            f"('applicants', 2023, 'all', {applicants}, null, {applicants}, 'final', false), "
            "('orientation_rate', 2023, 'all', 1566, 17400, 0.09, 'final', false), "
            "('share_refugee', 2023, 'all', null, null, null, 'final', true)"
        )
        con.execute("create table staging.stg_secret (user_id integer)")
    finally:
        con.close()
    return path


@pytest.fixture()
def warehouse(tmp_path: Path) -> Path:
    return _make_warehouse(tmp_path / "warehouse" / "impact.duckdb")


def _run(
    args: list[str], warehouse: Path, stdin: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, IMPACT_DUCKDB_PATH=str(warehouse), **env)
    return subprocess.run(
        [CLI, *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=120,
    )


@pytest.fixture()
def reader(warehouse: Path) -> Iterator[subprocess.Popen[str]]:
    """An analyst's shell holding the published file open read-only."""
    proc = subprocess.Popen(
        [CLI, "shell", "--duckdb-path", str(warehouse)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("select 'ready' as state;\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while proc.stdout.readline() != "(1 row)\n":  # the end of the `ready` table
        assert time.monotonic() < deadline and proc.poll() is None, "the shell did not start"
    yield proc
    if proc.stdin is not None:
        proc.stdin.close()
    proc.wait(timeout=30)


# statement splitting and formatting ---------------------------------------------------------


def test_split_statements_ignores_semicolons_in_strings_and_comments() -> None:
    text = "select 'a;b' as x; -- a; comment\nselect \"c;d\" from t /* ; */;\nselect 3"
    statements, rest = split_statements(text)
    assert statements == [
        "select 'a;b' as x",
        '-- a; comment\nselect "c;d" from t /* ; */',
    ]
    assert rest.strip() == "select 3"
    assert split_statements("select 'it''s; fine';") == (["select 'it''s; fine'"], "")
    assert split_statements("select 'open;") == ([], "select 'open;")
    assert split_statements("; -- nothing\n;") == ([], "")


def test_table_format_aligns_numbers_right_and_shows_null() -> None:
    text = format_table(Result(["name", "n"], [("a", 1), ("bb", None), ("c", 22)]))
    assert text.splitlines() == [
        "name |    n",
        "-----+-----",
        "a    |    1",
        "bb   | NULL",
        "c    |   22",
        "(3 rows)",
    ]
    assert format_table(Result(["n"], [(1,), (2,)]), max_rows=1).splitlines()[-1] == (
        "(2 rows, first 1 shown)"
    )


# impact-warehouse sql ---------------------------------------------------------------------------


def test_sql_prints_a_table_with_marts_first_on_the_search_path(warehouse: Path) -> None:
    proc = _run(
        ["sql", "select indicator, value, status from impact_indicators order by indicator"],
        warehouse,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split(" | ") == ["indicator       ", "value", "status"]
    assert "applicants       | 17400 | final" in lines
    assert "share_refugee    |  NULL | final" in lines
    assert lines[-1] == "(3 rows)"


def test_sql_csv_and_json_outputs(warehouse: Path) -> None:
    query = "select indicator, numerator, value, is_suppressed from marts.impact_indicators"
    csv_proc = _run(["sql", "--format", "csv", query + " order by indicator"], warehouse)
    assert csv_proc.returncode == 0, csv_proc.stderr
    assert csv_proc.stdout.splitlines() == [
        "indicator,numerator,value,is_suppressed",
        "applicants,17400,17400.0,false",
        "orientation_rate,1566,0.09,false",
        "share_refugee,,,true",
    ]
    json_proc = _run(["sql", "--format", "json", query + " where year = 2023"], warehouse)
    assert json_proc.returncode == 0, json_proc.stderr
    records = json.loads(json_proc.stdout)
    assert {r["indicator"]: r["value"] for r in records} == {
        "applicants": 17400.0,
        "orientation_rate": 0.09,
        "share_refugee": None,
    }


def test_sql_reads_standard_input_and_files(warehouse: Path, tmp_path: Path) -> None:
    piped = _run(["sql", "--format", "csv"], warehouse, stdin="select 1 as a;\nselect 2 as b;\n")
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.splitlines() == ["a", "1", "b", "2"]
    question = tmp_path / "question.sql"
    question.write_text("-- how many indicators?\nselect count(*) as n from impact_indicators\n")
    from_file = _run(["sql", "--format", "csv", "--file", str(question)], warehouse)
    assert from_file.stdout.splitlines() == ["n", "3"]


def test_sql_is_read_only(warehouse: Path) -> None:
    before = warehouse.read_bytes()
    proc = _run(["sql", "delete from marts.impact_indicators"], warehouse)
    assert proc.returncode == 1
    assert "read-only" in proc.stderr
    proc = _run(["sql", "create table marts.x as select 1 as a"], warehouse)
    assert proc.returncode == 1
    assert warehouse.read_bytes() == before


def test_sql_errors_name_the_problem(warehouse: Path, tmp_path: Path) -> None:
    missing = _run(["sql", "select 1"], tmp_path / "nowhere" / "impact.duckdb")
    assert missing.returncode == 1
    assert "no warehouse at" in missing.stderr and "make build" in missing.stderr
    bad = _run(["sql", "select * from no_such_mart"], warehouse)
    assert bad.returncode == 1
    assert "no_such_mart" in bad.stderr
    empty = _run(["sql", "-- nothing"], warehouse)
    assert empty.returncode == 1 and "no SQL statement" in empty.stderr


# impact-warehouse shell -------------------------------------------------------------------------


def test_shell_with_piped_input(warehouse: Path, tmp_path: Path) -> None:
    script = tmp_path / "two.sql"
    script.write_text("select 2 as two;")
    stdin = "\n".join(
        [
            ".tables",
            ".describe impact_indicators",
            "select indicator,",
            "       value  -- a comment; not the end",
            "from impact_indicators",
            "where indicator = 'a;b' or indicator = 'applicants';",
            ".mode csv",
            "select 1 as one; select 'x' as letter;",
            f".read {script}",
            "select 3 as three",
        ]
    )
    proc = _run(["shell"], warehouse, stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "impact> " not in out  # no prompt when the input is piped
    assert "marts  | impact_indicators | table" in out
    assert "stg_secret" not in out  # .tables lists marts unless asked
    assert "is_suppressed | BOOLEAN" in out
    assert "applicants | 17400\n(1 row)" in out
    assert "one\n1\nletter\nx\ntwo\n2\nthree\n3\n" in out  # csv mode, .read, last statement


def test_shell_dot_commands_and_failures(warehouse: Path) -> None:
    proc = _run(
        ["shell"],
        warehouse,
        stdin=".tables all\n.maxrows 1\nselect * from range(5);\n.bogus\nselect nope;\n.help\n",
    )
    assert proc.returncode == 1  # a statement or command failed
    assert "staging | stg_secret" in proc.stdout
    assert "(5 rows, first 1 shown)" in proc.stdout
    assert "unknown command .bogus" in proc.stderr
    assert "nope" in proc.stderr
    assert ".reconnect" in proc.stdout  # the help text
    bail = _run(["shell", "--bail"], warehouse, stdin="select nope;\nselect 'after' as x;\n")
    assert bail.returncode == 1 and "after" not in bail.stdout


def test_shell_cannot_write(warehouse: Path) -> None:
    before = warehouse.read_bytes()
    proc = _run(["shell"], warehouse, stdin="drop table marts.impact_indicators;\n")
    assert proc.returncode == 1 and "read-only" in proc.stderr
    assert warehouse.read_bytes() == before


def test_shell_keeps_its_snapshot_until_reconnect(
    warehouse: Path, reader: subprocess.Popen[str]
) -> None:
    """A build publishes by renaming a new file over the old one: an open shell keeps
    reading what it opened, `.reconnect` shows the new build."""
    newer = _make_warehouse(warehouse.parent / ".building-1" / warehouse.name, applicants=20000)
    os.replace(newer, warehouse)
    assert reader.stdin is not None and reader.stdout is not None
    query = "select numerator from impact_indicators where indicator = 'applicants';\n"
    reader.stdin.write(".mode csv\n" + query + ".reconnect\n" + query)
    reader.stdin.close()
    out = reader.stdout.read()
    assert reader.wait(timeout=30) == 0
    assert out.splitlines() == ["numerator", "17400", "numerator", "20000"]
    reader.stdin = None  # closed above; the fixture's teardown must not write


# impact-warehouse snapshot ----------------------------------------------------------------------


WRITE_TO_PROFILE_DB = (
    "import duckdb, os; con = duckdb.connect(os.environ['IMPACT_DUCKDB_PATH']); "
    "con.execute('create table marts.written_by_tool as select 1 as a'); "
    "print(os.environ['IMPACT_DUCKDB_PATH']); con.close()"
)


def test_snapshot_runs_a_read_write_tool_while_a_reader_holds_the_file(
    warehouse: Path, reader: subprocess.Popen[str]
) -> None:
    # Without the snapshot, a read-write open of the held file fails (what dbt and mf do).
    direct = subprocess.run(
        [sys.executable, "-c", WRITE_TO_PROFILE_DB],
        env=dict(os.environ, IMPACT_DUCKDB_PATH=str(warehouse)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert direct.returncode != 0 and "lock" in direct.stderr.lower()
    proc = _run(["snapshot", "--", sys.executable, "-c", WRITE_TO_PROFILE_DB], warehouse)
    assert proc.returncode == 0, proc.stderr
    copy = Path(proc.stdout.strip())
    assert copy.name == warehouse.name and copy.parent.name.startswith(".snapshot-")
    assert not copy.parent.exists()  # the private copy is gone
    failing = _run(["snapshot", "--", sys.executable, "-c", "raise SystemExit(7)"], warehouse)
    assert failing.returncode == 7  # the command's own status
    assert sorted(p.name for p in warehouse.parent.iterdir()) == [warehouse.name]
    check = _run(["sql", "--format", "csv", "select count(*) as n from duckdb_tables()"], warehouse)
    assert check.stdout.splitlines() == ["n", "2"]  # the published file is untouched


def test_snapshot_without_a_command_refreshes_a_shared_copy(
    warehouse: Path, reader: subprocess.Popen[str]
) -> None:
    first = _run(["snapshot"], warehouse)
    assert first.returncode == 0, first.stderr
    shared = Path(first.stdout.strip())
    assert shared == warehouse.parent.resolve() / "snapshot" / warehouse.name
    assert shared.read_bytes() == warehouse.read_bytes()
    holder = duckdb.connect(str(shared))  # a tool still working on the shared copy
    try:
        refused = subprocess.run(
            [CLI, "snapshot", "--duckdb-path", str(warehouse)],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        holder.close()
    assert refused.returncode == 1 and "open in another process" in refused.stderr
    assert _run(["snapshot"], warehouse).returncode == 0


def test_snapshot_of_a_missing_warehouse_says_how_to_build_it(tmp_path: Path) -> None:
    proc = _run(["snapshot", "--", "true"], tmp_path / "impact.duckdb")
    assert proc.returncode == 1 and "make build" in proc.stderr
