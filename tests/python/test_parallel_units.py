"""The units `make test` hands its two workers (parallel_units): a package with fixtures
of its own, or a module with a module-scoped fixture, goes to one worker whole, so that
its shared fixture is built once; proven on the project's files and end to end with
pytest-xdist, where the same tests without the scheduler build it once per worker."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from impact_warehouse.dbtrun import PROJECT_DIR
from parallel_units import work_unit

TOP = Path(__file__).parent


def test_the_project_s_tests_are_grouped_by_what_they_share() -> None:
    def unit(nodeid: str) -> str:
        return work_unit(TOP, PROJECT_DIR, nodeid)

    spark = "tests/python/spark_lane/test_spark_lane.py::test_every_mart_equals_duckdb_row_for_row"
    assert unit(spark) == "tests/python/spark_lane"  # its conftest.py: one JVM, session-wide
    cycle = "tests/python/test_editions_cycle.py::test_edition_2023_freezes_every_final_figure"
    assert unit(cycle) == "tests/python/test_editions_cycle.py"  # a module-scoped cycle
    alone = "tests/python/test_bench.py::test_the_table_gives_medians_and_ratios"
    assert unit(alone) == alone  # nothing shared beyond the top conftest's fixtures


CONFTEST = """
import os, sys
import pytest
sys.path.insert(0, {tests!r})
from parallel_units import SharedBuildScheduler

def pytest_configure(config):
    if os.environ.get("WITH_SCHEDULER") == "1":
        config.pluginmanager.register(SharedBuildScheduler(config.rootpath, config.rootpath))
"""
SHARED_MODULE = """
import pytest

@pytest.fixture(scope="module")
def build(tmp_path_factory):
    with open({log!r}, "a") as log:
        log.write("module build\\n")

@pytest.mark.parametrize("i", range(20))
def test_uses_the_module_build(build, i):
    pass
"""
PACKAGE_CONFTEST = """
import pytest

@pytest.fixture(scope="session")
def engine():
    with open({log!r}, "a") as log:
        log.write("package engine\\n")
"""
PACKAGE_TEST = """
import pytest

@pytest.mark.parametrize("i", range(4))
def test_uses_the_engine(engine, i):
    pass
"""
FREE_TEST = """
import pytest

@pytest.mark.parametrize("i", range(4))
def test_alone(i):
    pass
"""


def _run_project(tmp_path: Path, *, with_scheduler: bool) -> tuple[int, int]:
    """A small test project run with `pytest -n 2`: how often its module-scoped build and
    its package's session fixture were built."""
    project = tmp_path / ("with" if with_scheduler else "without")
    logs = {name: project / f"{name}.log" for name in ("module", "package")}
    (project / "zpkg").mkdir(parents=True)
    (project / "pytest.ini").write_text("[pytest]\n")
    (project / "conftest.py").write_text(CONFTEST.format(tests=str(TOP)))
    (project / "test_a_shared.py").write_text(SHARED_MODULE.format(log=str(logs["module"])))
    (project / "test_b_free.py").write_text(FREE_TEST)
    (project / "zpkg" / "__init__.py").write_text("")
    (project / "zpkg" / "conftest.py").write_text(PACKAGE_CONFTEST.format(log=str(logs["package"])))
    for name in ("test_c_one.py", "test_d_two.py"):
        (project / "zpkg" / name).write_text(PACKAGE_TEST)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        env={**os.environ, "WITH_SCHEDULER": "1" if with_scheduler else "0"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "32 passed" in result.stdout
    return tuple(  # type: ignore[return-value]
        len(logs[name].read_text().splitlines()) if logs[name].exists() else 0
        for name in ("module", "package")
    )


def test_with_xdist_each_shared_fixture_is_built_once_and_without_it_twice(
    tmp_path: Path,
) -> None:
    assert _run_project(tmp_path, with_scheduler=True) == (1, 1)
    # the same project handed out test by test (xdist's default): both workers build both
    assert _run_project(tmp_path, with_scheduler=False) == (2, 2)
