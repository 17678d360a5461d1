"""Shared pytest fixtures: build this dbt project on a raw directory, in a temp dir.

Every build gets its own DuckDB file, target and log paths under pytest's tmp_path,
never the developer's warehouse file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from impact_warehouse.dbtrun import PROJECT_DIR, DbtResult, run_dbt

# The sample warehouse built once per session (end-to-end, docs, semantic layer, gates).
from parallel_units import SharedBuildScheduler
from sample_warehouse import sample_warehouse  # noqa: E402, F401

RAW_SMALL = PROJECT_DIR / "tests" / "fixtures" / "raw_small"
# The marts' pseudonym key of every build the tests run (the hand-made exports are not
# marked synthetic, so they need one, as real exports do). Tests of the key rules unset it.
TEST_PSEUDONYM_KEY = "pytest pseudonym key, long enough to be accepted (32+)"
os.environ.setdefault("IMPACT_PSEUDONYM_KEY", TEST_PSEUDONYM_KEY)
# No build of the tests ever reads the developer's editions (editions/ at the project
# root, G-11): an empty directory of their own. Tests of editions pass theirs.
os.environ["IMPACT_EDITIONS_DIR"] = tempfile.mkdtemp(prefix="impact-editions-")
# One dbt parse for the suite's many dbt runs (impact_warehouse.dbtrun, IMPACT_DBT_PARSE_CACHE):
# a run in a fresh target folder starts from the last parse with the same profile and vars,
# and dbt parses again only what differs (a parse from nothing is about 15 s). Made by the
# process that imports this first (xdist's controller), inherited by its workers, removed
# by it at the end.
OWN_PARSE_CACHE = "IMPACT_DBT_PARSE_CACHE" not in os.environ
if OWN_PARSE_CACHE:
    os.environ["IMPACT_DBT_PARSE_CACHE"] = tempfile.mkdtemp(prefix="impact-dbt-parse-")
# the input side: staging, data quality (with the report date it needs) and the seeds
STAGING = [
    "--select",
    "path:models/staging path:models/data_quality path:seeds +int_report_date_resolved",
    "--indirect-selection",
    "cautious",
]


@dataclass(frozen=True)
class Build:
    result: DbtResult
    duckdb_path: Path

    @property
    def ok(self) -> bool:
        return self.result.ok

    @property
    def output(self) -> str:
        return self.result.output

    def query(self, sql: str) -> list[tuple]:
        """Rows of `sql` on the built file (opened read-only, closed at once)."""
        con = duckdb.connect(str(self.duckdb_path), read_only=True)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()


BuildFn = Callable[..., Build]


@pytest.fixture()
def raw_dir(tmp_path: Path) -> Path:
    """A private copy of tests/fixtures/raw_small, free to break."""
    target = tmp_path / "raw"
    shutil.copytree(RAW_SMALL, target)
    return target


@pytest.fixture()
def dbt_build(tmp_path: Path) -> BuildFn:
    """`dbt_build(raw_dir, args=[...], dbt_vars={...}, extra_env={...})` runs dbt (default:
    `build` of staging and seeds) with its own DuckDB file under tmp_path."""
    counter = iter(range(1_000))

    def build(
        raw: Path,
        args: list[str] | None = None,
        dbt_vars: dict[str, object] | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> Build:
        work = tmp_path / f"dbt-{next(counter)}"
        db = work / "impact.duckdb"
        result = run_dbt(
            args if args is not None else ["build", *STAGING],
            raw_dir=raw,
            duckdb_path=db,
            work_dir=work,
            dbt_vars=dbt_vars,
            extra_env=extra_env,
        )
        return Build(result, db)

    return build


def pytest_unconfigure(config: pytest.Config) -> None:
    if OWN_PARSE_CACHE:  # the controller (or a run without xdist), every worker done
        shutil.rmtree(os.environ["IMPACT_DBT_PARSE_CACHE"], ignore_errors=True)


def pytest_configure(config: pytest.Config) -> None:
    # parallel runs: the tests that share a fixture go to one worker (parallel_units)
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(SharedBuildScheduler(Path(__file__).parent, config.rootpath))
