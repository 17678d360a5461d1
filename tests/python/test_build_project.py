"""The atomic publish with this project's real, full `dbt build` (seeds, models, every test)
on the small raw fixture, while an analyst holds the published file read-only."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from impact_warehouse.build import BUILDING_DIR
from impact_warehouse.cli import main
from impact_warehouse.dbtrun import PROJECT_DIR, run_dbt
from impact_warehouse.failures import QUARANTINE_RELATION
from test_build import Reader, read_once, sha256

RAW_SMALL = PROJECT_DIR / "tests" / "fixtures" / "raw_small"
SQL = (
    "select count(*), count(*) filter (where is_suppressed), "
    "count(*) filter (where status = 'provisional'), "
    "(select count(*) from marts.impact_report) from marts.impact_indicators"
)
# the second build differs: the small fixture's cells are shown (G-9)
OTHER_VARS = '{"min_cell_size": 1}'

pytestmark = pytest.mark.slow


def _build(tmp_path: Path, published: Path, raw: Path, dbt_vars: str) -> int:
    return main(
        [
            "build",
            "--raw-dir",
            str(raw),
            "--duckdb-path",
            str(published),
            "--target-path",
            str(tmp_path / "target"),
            "--vars",
            dbt_vars,
        ]
    )


@pytest.mark.skipif(not RAW_SMALL.is_dir(), reason="tests/fixtures/raw_small is not there yet")
def test_full_build_publishes_atomically_beside_an_analyst(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    published = tmp_path / "warehouse" / "impact.duckdb"
    assert _build(tmp_path, published, RAW_SMALL, "{}") == 0, capsys.readouterr().out[-4000:]
    first = read_once(published, SQL)
    assert first[0][0] > 0

    analyst = Reader(published, SQL)
    try:
        assert analyst.query() == first
        status = _build(tmp_path, published, RAW_SMALL, OTHER_VARS)
        out = capsys.readouterr().out
        assert status == 0, out[-4000:]
        assert "computed" in out and "published" in out  # the headline follows the build
        assert analyst.query() == first  # the analyst's snapshot did not move
        second = read_once(published, SQL)
        assert second[0][1] < first[0][1]  # fewer suppressed cells

        before = sha256(published)
        broken = tmp_path / "raw_broken"
        shutil.copytree(RAW_SMALL, broken)
        shutil.rmtree(broken / "users")  # an export is missing
        assert _build(tmp_path, published, broken, "{}") != 0
        assert sha256(published) == before
        assert not list(published.parent.glob(f"{BUILDING_DIR}*"))
        assert analyst.query() == first
        assert read_once(published, SQL) == second

        # a bad value (quarantined) and an unknown user (relationships): both named
        bad = tmp_path / "raw_bad"
        shutil.copytree(RAW_SMALL, bad)
        with (bad / "enrollments" / "enrollments_2023-12-31.csv").open("a") as csv:
            csv.write("198,2,P0002,11,apprenticeship,active,2023-13-45,2024-01-31,,,")
            csv.write("2023-02-01T09:00:00+01:00\n")
        with (bad / "applications" / "applications_2023-12-31.csv").open("a") as csv:
            csv.write("99,999,P0001,2023-03-01T10:00:00+01:00,submitted,,self_funded,")
            csv.write("2023-03-01T10:00:00+01:00\n")
        capsys.readouterr()
        # as the published build (same vars): from a copy of it, only the changed files
        assert _build(tmp_path, published, bad, OTHER_VARS) != 0
        err = capsys.readouterr().err
        assert f"in {QUARANTINE_RELATION}" in err
        (row,) = [line.split() for line in err.splitlines() if "2023-13-45" in line]
        assert row[:4] == ["enrollments", "enrollments_2023-12-31.csv", "198", "started_on"]
        assert (
            "stg_platform__applications.user_id not found in stg_platform__users.user_id; "
            "the first 1: 999"
        ) in err
        assert sha256(published) == before
        record = json.loads((published.parent / "last-failed-build.json").read_text())
        assert any(r["raw_value"] == "2023-13-45" for r in record["quarantine"]["rows"])
        assert record["quarantine"]["relation"] == "staging.dq_quarantine"
        assert {t["kind"] for t in record["failed_tests"]} >= {
            "relationships",
            "quarantine_within_tolerance",
        }

        # C-3: a response gone from job_outcomes, the first login month deleted (C-1 sees
        # no gap there): dbt passes, the pre-publish check refuses naming both counts
        shrunk = tmp_path / "raw_shrunk"
        shutil.copytree(RAW_SMALL, shrunk)
        responses = shrunk / "job_outcomes" / "job_outcomes_2023-12-31.csv"
        kept = [line for line in responses.read_text().splitlines() if not line.startswith("9001,")]
        responses.write_text("\n".join(kept) + "\n")
        shutil.rmtree(shrunk / "logins" / "month=2022-12")
        capsys.readouterr()
        assert _build(tmp_path, published, shrunk, OTHER_VARS) != 0
        err = capsys.readouterr().err
        assert "C-3 no silent shrinkage" in err and "left untouched" in err
        assert "export job_outcomes: 3 rows published, 2 in this build (-33.3%)" in err
        assert "login month 2022-12: 2 rows published, 0 in this build (-100.0%)" in err
        assert sha256(published) == before
        assert analyst.query() == first
        record = json.loads((published.parent / "last-failed-build.json").read_text())
        assert record["stage"] == "pre-publish check"
        assert {d["name"] for d in record["shrinkage"]["drops"]} == {
            "job_outcomes",
            "logins",
            "2022-12",
        }
    finally:
        analyst.close()

    _analyses_compile_and_run(tmp_path, published)


ANALYSES = sorted(path.stem for path in (PROJECT_DIR / "analyses").glob("*.sql"))


def _analyses_compile_and_run(tmp_path: Path, published: Path) -> None:
    """analyses/*.sql compile with dbt and run on the published marts (read-only)."""
    result = run_dbt(
        ["compile", "--select", *ANALYSES],
        raw_dir=RAW_SMALL,
        duckdb_path=tmp_path / "compile" / "impact.duckdb",
        work_dir=tmp_path / "compile",
    )
    assert result.ok, result.output[-3000:]
    compiled = tmp_path / "compile" / "target" / "compiled" / "impact_warehouse" / "analyses"
    con = duckdb.connect(str(published), read_only=True)
    try:
        for name in ANALYSES:
            sql = (compiled / f"{name}.sql").read_text()
            assert con.execute(sql).fetchall(), f"analysis {name} returned no row"
    finally:
        con.close()
