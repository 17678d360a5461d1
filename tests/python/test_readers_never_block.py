"""`make docs` and MetricFlow work while an analyst holds the published warehouse open.

dbt and `mf` open the profile's DuckDB file read-write, which DuckDB refuses while
another process holds it, even read-only. `make docs-generate` (the generate step
of `make docs`) and `impact-warehouse snapshot -- mf ...` work on a private copy:
here an `impact-warehouse shell` holds a copy of the sample warehouse (standing
for the published file) open during both, and the direct `dbt docs generate` is
shown to fail, so the test fails if the Makefile goes back to it.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from sample_warehouse import SampleWarehouse

PROJECT_DIR = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def published(sample_warehouse: SampleWarehouse, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("published")
    target = directory / sample_warehouse.duckdb_path.name
    shutil.copyfile(sample_warehouse.duckdb_path, target)
    return target


@pytest.fixture(scope="module")
def env(sample_warehouse: SampleWarehouse, published: Path) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(
        {
            "IMPACT_RAW_DIR": str(sample_warehouse.raw_dir),
            "IMPACT_DUCKDB_PATH": str(published),
            "IMPACT_DUCKDB_TEMP_DIR": str(published.parent / "tmp"),
            "DBT_PROFILES_DIR": str(PROJECT_DIR),
            "DBT_LOG_PATH": str(published.parent / "logs"),
            "DO_NOT_TRACK": "1",
        }
    )
    return environment


@pytest.fixture()
def analyst_shell(published: Path) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [str(BIN / "impact-warehouse"), "shell", "--duckdb-path", str(published)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("select count(*) as n from impact_indicators;\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while not proc.stdout.readline().startswith("("):  # the row count under the table
        assert time.monotonic() < deadline and proc.poll() is None, "the shell did not start"
    yield proc
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0


@pytest.mark.slow
def test_docs_generate_works_while_a_reader_holds_the_warehouse(
    analyst_shell: subprocess.Popen[str], env: dict[str, str], tmp_path: Path
) -> None:
    direct_target = tmp_path / "direct"
    direct = subprocess.run(
        [str(BIN / "dbt"), "docs", "generate", "--target-path", str(direct_target)],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert direct.returncode != 0 and "lock" in (direct.stdout + direct.stderr).lower()

    target = tmp_path / "target"
    proc = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "docs-generate"],
        cwd=PROJECT_DIR,
        env={**env, "DBT_TARGET_PATH": str(target)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    assert (target / "catalog.json").stat().st_size > 0
    catalog = (target / "catalog.json").read_text()
    assert "model.impact_warehouse.impact_indicators" in catalog


@pytest.mark.slow
def test_mf_query_works_while_a_reader_holds_the_warehouse(
    sample_warehouse: SampleWarehouse,
    published: Path,
    analyst_shell: subprocess.Popen[str],
    env: dict[str, str],
    tmp_path: Path,
) -> None:
    parse = sample_warehouse.dbt(["parse"], extra_env={"DBT_TARGET_PATH": "target"})
    assert parse.ok, parse.output[-3000:]
    out = tmp_path / "applicants.csv"
    proc = subprocess.run(
        [
            str(BIN / "impact-warehouse"),
            "snapshot",
            "--",
            "mf",
            "query",
            "--metrics",
            "applicants",
            "--group-by",
            "metric_time__year",
            "--csv",
            str(out),
        ],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    with out.open() as handle:
        from_mf = {
            row["metric_time__year"][:4]: int(row["applicants"]) for row in csv.DictReader(handle)
        }
    con = duckdb.connect(str(published), read_only=True)
    try:
        from_marts = dict(
            con.execute(
                "select cast(year as varchar), numerator from marts.impact_indicators "
                "where indicator = 'applicants' and segment = 'all'"
            ).fetchall()
        )
    finally:
        con.close()
    assert from_mf and all(from_mf[year] == count for year, count in from_marts.items())
