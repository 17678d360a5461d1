"""`impact-warehouse build` publishes atomically while analysts hold read-only sessions.

These tests run the real build machinery (dbt through run_dbt, new file, os.replace) on a
tiny dbt project in a temp dir, so they are fast and independent of the models' state;
test_build_project.py does the same with this project's full build.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from impact_warehouse import incremental
from impact_warehouse.build import (
    BUILD_LOCK,
    BUILDING_DIR,
    BuildError,
    _failure_summary,
    build_and_publish,
    parse_vars,
)
from impact_warehouse.cli import main

READER = textwrap.dedent(
    """
    import json, sys
    import duckdb
    path, sql = sys.argv[1], sys.argv[2]
    con = duckdb.connect(path, read_only=True)
    con.execute("begin transaction")
    for command in sys.stdin:
        if command.strip() == "quit":
            break
        print(json.dumps(con.execute(sql).fetchall(), default=str), flush=True)
    con.execute("commit")
    con.close()
    """
)


class Reader:
    """An analyst: another process holding a read-only connection and an open transaction."""

    def __init__(self, path: Path, sql: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", READER, str(path), sql],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def query(self) -> object:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write("query\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError(
                f"reader died: {self.proc.stderr.read() if self.proc.stderr else ''}"
            )
        return json.loads(line)

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=30)


def read_once(path: Path, sql: str) -> object:
    """A new analyst session, in a new process."""
    reader = Reader(path, sql)
    try:
        return reader.query()
    finally:
        reader.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


TINY_PROJECT = {
    "dbt_project.yml": """
        name: tiny
        version: "1.0.0"
        config-version: 2
        profile: tiny
        flags:
          send_anonymous_usage_stats: false
        models:
          tiny:
            +materialized: table
            +schema: marts
        vars:
          n: 1
    """,
    "profiles.yml": """
        tiny:
          target: dev
          outputs:
            dev:
              type: duckdb
              path: "{{ env_var('IMPACT_DUCKDB_PATH') }}"
              threads: 1
    """,
    "macros/generate_schema_name.sql": """
        {% macro generate_schema_name(custom_schema_name, node) -%}
            {{ custom_schema_name if custom_schema_name is not none else target.schema }}
        {%- endmacro %}
    """,
    "models/numbers.sql": """
        select cast({{ var('n') }} as integer) as n, count(*) as raw_rows
        from read_csv('{{ env_var("IMPACT_RAW_DIR") }}/numbers.csv', header = true)
    """,
    # a view referencing a table: it must keep working once the file is renamed
    "models/numbers_view.sql": """
        {{ config(materialized='view') }}
        select n * 10 as n10 from {{ ref('numbers') }}
    """,
    "tests/assert_n_is_positive.sql": """
        select * from {{ ref('numbers') }} where n <= 0
    """,
}


@pytest.fixture()
def tiny(tmp_path: Path) -> dict[str, Path]:
    project = tmp_path / "project"
    for name, text in TINY_PROJECT.items():
        file = project / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(textwrap.dedent(text).lstrip())
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "numbers.csv").write_text("x\n1\n2\n3\n")
    return {
        "project": project,
        "raw": raw,
        "published": tmp_path / "warehouse" / "impact.duckdb",
        "target": tmp_path / "target",
    }


@pytest.fixture()
def readers() -> Iterator[list[Reader]]:
    opened: list[Reader] = []
    yield opened
    for reader in opened:
        reader.close()


def _build(tiny: dict[str, Path], **kwargs: object) -> object:
    return build_and_publish(
        published=tiny["published"],
        raw=kwargs.pop("raw", tiny["raw"]),  # type: ignore[arg-type]
        target_path=tiny["target"],
        project_dir=tiny["project"],
        echo=False,
        **kwargs,  # type: ignore[arg-type]
    )


SQL = "select n, raw_rows, (select n10 from marts.numbers_view) from marts.numbers"


def test_build_publishes_while_a_reader_holds_the_file(
    tiny: dict[str, Path], readers: list[Reader]
) -> None:
    published = tiny["published"]
    _build(tiny, dbt_vars={"n": 1})
    assert read_once(published, SQL) == [[1, 3, 10]]
    assert incremental.read_state(published)["mode"] == incremental.FULL

    analyst = Reader(published, SQL)
    readers.append(analyst)
    assert analyst.query() == [[1, 3, 10]]

    _build(tiny, dbt_vars={"n": 2})  # must not fail on the analyst's read-only lock
    # same project: it started from a copy of the published file, never written
    assert incremental.read_state(published)["mode"] == incremental.INCREMENTAL

    assert analyst.query() == [[1, 3, 10]]  # the open session keeps its consistent snapshot
    assert read_once(published, SQL) == [[2, 3, 20]]  # a new session sees the new warehouse
    assert not list(published.parent.glob(f"{BUILDING_DIR}*"))
    assert not published.with_name(published.name + ".wal").exists()
    # the file does not depend on its own name or place: a copy elsewhere reads the same
    elsewhere = tiny["target"] / "some-other-name.duckdb"
    shutil.copyfile(published, elsewhere)
    assert read_once(elsewhere, SQL) == [[2, 3, 20]]


def test_failing_build_leaves_the_published_file_untouched(
    tiny: dict[str, Path], readers: list[Reader]
) -> None:
    published = tiny["published"]
    _build(tiny, dbt_vars={"n": 1})
    before = (sha256(published), published.stat().st_ino, published.stat().st_mtime_ns)
    analyst = Reader(published, SQL)
    readers.append(analyst)
    analyst.query()

    with pytest.raises(BuildError) as failure:  # a data test fails
        _build(tiny, dbt_vars={"n": -1})
    assert "assert_n_is_positive" in str(failure.value)

    broken = tiny["raw"].parent / "broken"
    broken.mkdir()
    (broken / "numbers.csv.partial").write_text("x\n1\n")  # the export is missing
    with pytest.raises(BuildError):
        _build(tiny, raw=broken, dbt_vars={"n": 1})

    after = (sha256(published), published.stat().st_ino, published.stat().st_mtime_ns)
    assert after == before
    assert not list(published.parent.glob(f"{BUILDING_DIR}*"))  # partial builds deleted
    assert analyst.query() == [[1, 3, 10]]
    assert read_once(published, SQL) == [[1, 3, 10]]


def test_first_failing_build_publishes_nothing(tiny: dict[str, Path]) -> None:
    with pytest.raises(BuildError):
        _build(tiny, dbt_vars={"n": 0})
    assert not tiny["published"].exists()
    assert not list(tiny["published"].parent.glob(f"{BUILDING_DIR}*"))


def test_stale_building_dirs_of_dead_builds_are_removed(tiny: dict[str, Path]) -> None:
    directory = tiny["published"].parent
    directory.mkdir(parents=True)
    stale = [directory / BUILDING_DIR, directory / f"{BUILDING_DIR}-999999999"]
    for folder in stale:  # a killed build's, and an older version's (one per pid)
        folder.mkdir()
        (folder / "impact.duckdb").write_bytes(b"partial")
    _build(tiny, dbt_vars={"n": 1})
    assert not any(folder.exists() for folder in stale)
    assert read_once(tiny["published"], SQL) == [[1, 3, 10]]


def test_a_second_build_into_the_same_directory_is_refused(tiny: dict[str, Path]) -> None:
    directory = tiny["published"].parent
    directory.mkdir(parents=True)
    # another process holds the lock, as a build under way does
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time;"
            f" fd = os.open({str(directory / BUILD_LOCK)!r}, os.O_RDWR | os.O_CREAT);"
            " fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        working = directory / BUILDING_DIR / "impact.duckdb"  # the holder's build under way
        working.parent.mkdir()
        working.write_bytes(b"under way")
        with pytest.raises(BuildError, match="another build into .* is under way"):
            _build(tiny, dbt_vars={"n": 1})
        assert working.read_bytes() == b"under way"  # the refused build touched nothing
    finally:
        holder.kill()
        holder.wait()
    assert not tiny["published"].exists()
    _build(tiny, dbt_vars={"n": 1})  # the lock died with its holder
    assert tiny["published"].exists()


def test_select_rebuilds_on_a_copy_of_the_published_file(tiny: dict[str, Path]) -> None:
    published = tiny["published"]
    _build(tiny, dbt_vars={"n": 1})
    _build(tiny, dbt_vars={"n": 5}, select="numbers")
    # the view was not selected: it is still there (copied) and reads the rebuilt table
    assert read_once(published, SQL) == [[5, 3, 50]]


def test_vars_must_be_a_json_object() -> None:
    assert parse_vars('{"report_date": "2024-06-30"}') == {"report_date": "2024-06-30"}
    assert parse_vars(None) is None
    with pytest.raises(BuildError):
        parse_vars("[1]")
    with pytest.raises(BuildError):
        parse_vars("{not json")


def test_cli_build_without_raw_exports_fails_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    published = tmp_path / "impact.duckdb"
    published.write_bytes(b"published")
    missing = tmp_path / "none"
    status = main(["build", "--raw-dir", str(missing), "--duckdb-path", str(published)])
    assert status != 0
    err = capsys.readouterr().err
    assert "left untouched" in err and f"the raw directory {missing} does not exist" in err
    assert published.read_bytes() == b"published"
    assert not missing.exists()


def test_failure_summary_keeps_dbt_s_own_report() -> None:
    output = (
        "\x1b[0m12:00  1 of 2 START\n\x1b[31mCompleted with 1 error\x1b[0m\nFailure in test x\n"
    )
    summary = _failure_summary(output, 1)
    assert summary.startswith("Completed with 1 error") and "Failure in test x" in summary
    assert "\x1b[" not in summary
    assert "Encountered an error" in _failure_summary("x\nEncountered an error:\nboom\n", 2)
    assert "status 2" in _failure_summary("just\nlines\n", 2)


def _tables(path: Path) -> list[str]:
    return [row[0] for row in read_once(path, "select table_name from duckdb_tables() order by 1")]


def test_full_refresh_builds_from_nothing(tiny: dict[str, Path]) -> None:
    published = tiny["published"]
    _build(tiny, dbt_vars={"n": 1})
    con = duckdb.connect(str(published))  # a table only the published file holds
    con.execute("create table main.left_by_an_earlier_build as select 1 as x")
    con.close()
    _build(tiny, dbt_vars={"n": 1}, full_refresh=True)
    state = incremental.read_state(published)
    assert state["mode"] == incremental.FULL and state["start_reason"] == "--full-refresh"
    assert "left_by_an_earlier_build" not in _tables(published)
    assert read_once(published, SQL) == [[1, 3, 10]]
