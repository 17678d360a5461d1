"""End to end on a hand-made export set: every indicator equals its hand computation.

The records and the arithmetic are in indicator_fixture.py; each record exercises one
edge of docs/methodology.md (Paris year of a Z timestamp, the 150% boundary, the window end
from Aug 31 of a leap year and from Dec 31, the June-30 cut-off, the 12-month chain,
QPV codes abroad or on street-level addresses, pseudo country codes, ...).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from impact_warehouse.dbtrun import run_dbt
from impact_warehouse.pseudonym import KEY_ENV, pseudonym
from indicator_fixture import EXPECTED, write_raw_indicators

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hand_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("raw-indicators")
    raw = write_raw_indicators(base / "raw")
    db = base / "impact.duckdb"
    result = run_dbt(
        ["build"],
        raw_dir=raw,
        duckdb_path=db,
        work_dir=base / "dbt",
        dbt_vars={"min_cell_size": 0},
    )
    assert result.ok, result.output[-6000:]
    return db


def _query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_every_indicator_equals_the_hand_computation(hand_built: Path) -> None:
    rows = _query(
        hand_built,
        "select indicator, year, segment, numerator, denominator from marts.impact_indicators",
    )
    got = {(r[0], r[1], r[2]): (r[3], r[4]) for r in rows}
    assert got == EXPECTED


def test_values_follow_from_the_counts(hand_built: Path) -> None:
    rows = _query(
        hand_built,
        "select indicator, year, segment, value from marts.impact_indicators",
    )
    values = {(r[0], r[1], r[2]): r[3] for r in rows}
    assert values[("applicants_growth", 2023, "all")] == pytest.approx(6 / 3 - 1)  # M-ORI-3
    assert values[("orientation_rate", 2023, "all")] == pytest.approx(4 / 6)
    assert values[("job_placement_rate", 2023, "all")] == pytest.approx(2 / 5)
    assert values[("career_outcomes", 2023, "all")] == 7.0
    assert values[("share_women_in_tech", 2021, "all")] is None  # G-6: 0 / 0 is NULL


def test_status_from_the_report_date(hand_built: Path) -> None:
    """G-8: the latest recorded date is a response collected 2024-06-30T22:30Z, Paris
    2024-07-01. G-7: placement 2023 is final (June 30 2024), graduation 2024 is not."""
    assert (
        _query(hand_built, "select report_date from intermediate.int_report_date_resolved")[0][
            0
        ].isoformat()
        == "2024-07-01"
    )
    rows = _query(hand_built, "select indicator, year, status from marts.impact_indicators")
    status = {(r[0], r[1]): r[2] for r in rows}
    assert status[("job_placement_rate", 2023)] == "final"
    # M-PLA-6: the 12-month rate of 2023 is final on December 31 2024 only
    assert status[("job_placement_rate_12m", 2023)] == "provisional"
    assert status[("graduation_rate", 2023)] == "final"
    assert status[("graduation_rate", 2024)] == "provisional"
    assert status[("career_outcomes", 2024)] == "provisional"


def test_every_declaration_says_why(hand_built: Path) -> None:
    rows = _query(
        hand_built,
        "select declaration_id, segment, counting_reason "
        "from marts.fct_career_outcome_declarations",
    )
    # the mart's ids are keyed pseudonyms of the platform ids: map them back
    key = os.environ[KEY_ENV].encode()
    platform_id = {pseudonym(key, i): i for i in range(1, 100)}
    why = {platform_id[r[0]]: (r[1], r[2]) for r in rows}
    assert 12 not in why  # G-2: the test account's declaration
    assert why[1] == ("free_user", "counted")
    assert why[2] == ("free_user", "within_12_months_of_counted")
    assert why[3] == ("free_user", "counted")
    assert why[5][1] == "user_deleted"
    assert why[6] == ("free_user", "user_inactive")
    assert why[7] == ("free_user", "counted")
    assert why[8] == ("apprentice", "counted")
    assert why[9] == ("student", "counted")
    assert why[10][1] == "not_positive_outcome"
    assert why[11][1] == "not_credited"
    assert why[14] == ("student", "within_12_months_of_counted")
    assert why[15] == ("student", "counted")


def test_small_cells_are_suppressed(hand_built: Path, tmp_path: Path) -> None:
    """G-9 at min_cell_size 3: a cell of 2 is hidden, one of 3 or more is shown."""
    raw = write_raw_indicators(tmp_path / "raw")
    db = tmp_path / "impact.duckdb"
    result = run_dbt(
        ["build", "--select", "+impact_indicators", "--exclude-resource-type", "test", "unit_test"],
        raw_dir=raw,
        duckdb_path=db,
        work_dir=tmp_path / "dbt",
        dbt_vars={"min_cell_size": 3},
    )
    assert result.ok, result.output[-4000:]
    rows = _query(
        db,
        "select indicator, year, numerator, denominator, value, is_suppressed "
        "from marts.impact_indicators where segment = 'all'",
    )
    cells = {(r[0], r[1]): r[2:] for r in rows}
    assert cells[("share_unemployed", 2023)] == (None, None, None, True)  # 2 of 7
    assert cells[("applicants", 2023)] == (6, None, 6.0, False)
    assert cells[("share_residing_in_france", 2023)] == (3, 7, 3 / 7, False)


def test_report_date_var_decides_finality_and_keeps_the_build_green(tmp_path: Path) -> None:
    """G-7/G-8: with `report_date` given, unit tests still pass (they pin their own vars) and
    the 2023 placement figure is provisional before June 30 2024, final from that day."""
    raw = write_raw_indicators(tmp_path / "raw")
    statuses = {}
    for report_date in ("2024-06-29", "2024-06-30"):
        db = tmp_path / f"impact-{report_date}.duckdb"
        result = run_dbt(
            ["build"],
            raw_dir=raw,
            duckdb_path=db,
            work_dir=tmp_path / f"dbt-{report_date}",
            dbt_vars={"min_cell_size": 0, "report_date": report_date},
        )
        assert result.ok, result.output[-4000:]
        statuses[report_date] = _query(
            db,
            "select status from marts.impact_indicators "
            "where indicator = 'job_placement_rate' and year = 2023",
        )[0][0]
    assert statuses == {"2024-06-29": "provisional", "2024-06-30": "final"}
