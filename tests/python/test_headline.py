"""`impact-warehouse headline` on a small hand-made warehouse with the marts' contracts."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from impact_warehouse import headline
from impact_warehouse.cli import main
from impact_warehouse.report_assets.formatting import format_difference, format_value
from report_fixture import write_report_warehouse


@pytest.fixture()
def sample_db(tmp_path: Path) -> Path:
    return write_report_warehouse(tmp_path / "impact.duckdb", report_date="2024-03-31")


def test_formats_shares_counts_and_growth() -> None:
    assert format_value(0.457, "share") == "45.7%"
    assert format_value(0.006, "share") == "0.6%"
    assert format_value(52330, "count") == "52,330"
    assert format_value(1.90, "ratio") == "+190%"
    assert format_value(None, "share") == "—"
    assert format_difference(0.0123, "share") == "+1.2 pp"
    assert format_difference(-1234, "count") == "-1,234"


def test_headline_prints_computed_beside_published(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["headline", "--duckdb-path", str(sample_db)]) == 0
    out = capsys.readouterr().out
    assert "report date 2024-03-31" in out
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("indicator"))
    for column in ("year", "segment", "computed", "published", "difference", "status"):
        assert column in header
    placement = next(
        line for line in lines if line.startswith("job_placement_rate  ") and "2023" in line
    )
    assert placement.split()[-1] == "provisional"
    assert "45.7%" in placement
    growth = next(line for line in lines if line.startswith("applicants_growth"))
    assert "+191%" in growth and "+190%" in growth
    outcomes = next(
        line for line in lines if line.startswith("career_outcomes") and "2023  all" in line
    )
    assert "52,330" in outcomes
    refugee_2022 = next(
        line for line in lines if line.startswith("share_refugee") and "2022" in line
    )
    assert "suppressed" in refugee_2022
    # only 2022 and 2023 by default, although the marts hold 2020 and 2021 too
    assert not any(" 2020 " in line or " 2021 " in line for line in lines)
    assert "provisional (G-7)" in out


def test_headline_leaves_the_file_free_for_a_writer(sample_db: Path) -> None:
    assert headline.print_headline(sample_db) == 0
    con = duckdb.connect(str(sample_db))  # read-write: fails if the headline kept a handle
    con.close()


def test_headline_years_option(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["headline", "--duckdb-path", str(sample_db), "--years", "2020", "2021"]) == 0
    out = capsys.readouterr().out
    assert "4,373" in out and "14,163" in out and "2023" not in out.split("\n", 1)[1]


def test_headline_without_warehouse_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["headline", "--duckdb-path", str(tmp_path / "missing.duckdb")]) == 1
    assert "make build" in capsys.readouterr().err
