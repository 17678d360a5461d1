"""The edition cycle through dbt (issue 10 item 5), on hand-made exports (edition_fixture):
freeze edition 2023, a late correction of the enrolments fails the build naming every
figure it moves, restatement_policy warn publishes and lists them, approving them makes
the build green again, and the frozen files never change. The comparison tolerates
nothing: the counts and values of CORRECTED are computed by hand.

Four dbt runs share one module fixture: the first build, the corrected build (refused),
then `dbt build --select` of the restatements and what follows them on the refused
build's file, with the policy lowered to warn, and after the approval.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from edition_fixture import CORRECTED, CORRECTED_ON, write_december_delivery, write_late_correction
from impact_warehouse import editions
from impact_warehouse.dbtrun import DbtResult, run_dbt

pytestmark = pytest.mark.slow

# unit tests are the rest of the suite's business; min_cell_size 0: every count is shown
BUILD = ["build", "--exclude-resource-type", "unit_test"]
AFTER_RESTATEMENTS = ["build", "--select", "stg_editions__restatement_approvals+ restatements+"]
REASON = "enrolments 1 and 2 re-exported as dropped out on 2025-01-15"


@dataclass
class Cycle:
    directory: Path
    frozen: dict[str, str]
    edition: editions.Edition
    first: Path
    refused: DbtResult
    warned: DbtResult
    restated_warned: list[dict]
    info_warned: dict
    approved: list[dict]
    green: DbtResult
    restated_green: list[dict]
    info_green: dict
    refused_twice: str
    refused_2024: str


def _tree(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def _rows(db: Path, sql: str) -> list[dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cursor = con.execute(sql)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> Cycle:
    base = tmp_path_factory.mktemp("edition-cycle")
    raw = write_december_delivery(base / "raw")
    directory = base / "editions"

    def dbt(args: list[str], db: Path, **more: object) -> DbtResult:
        # what `impact-warehouse build` passes (code version, build time, editions)
        dbt_vars = {**editions.dbt_vars(directory), "min_cell_size": 0, **more}
        return run_dbt(
            args,
            raw_dir=raw,
            duckdb_path=db,
            work_dir=base / f"dbt-{db.stem}",
            dbt_vars=dbt_vars,
            extra_env={"IMPACT_EDITIONS_DIR": str(directory)},
        )

    first = base / "first.duckdb"
    result = dbt(BUILD, first)
    assert result.ok, result.output[-6000:]
    edition = editions.create_edition(2023, published=first, directory=directory)
    frozen = _tree(directory)
    with pytest.raises(editions.EditionError) as twice:
        editions.create_edition(2023, published=first, directory=directory)
    with pytest.raises(editions.EditionError) as provisional:
        editions.create_edition(2024, published=first, directory=directory)

    write_late_correction(raw)
    corrected = base / "corrected.duckdb"
    refused = dbt(BUILD, corrected)
    warned = dbt(AFTER_RESTATEMENTS, corrected, restatement_policy="warn")
    restated_warned = _rows(corrected, "select * from marts.restatements order by figure")
    (info_warned,) = _rows(corrected, "select * from marts.warehouse_info")
    approved = editions.approve(2023, REASON, published=corrected, directory=directory)
    green = dbt(AFTER_RESTATEMENTS, corrected)
    restated_green = _rows(corrected, "select * from marts.restatements order by figure")
    (info_green,) = _rows(corrected, "select * from marts.warehouse_info")
    return Cycle(
        directory=directory,
        frozen=frozen,
        edition=edition,
        first=first,
        refused=refused,
        warned=warned,
        restated_warned=restated_warned,
        info_warned=info_warned,
        approved=approved,
        green=green,
        restated_green=restated_green,
        info_green=info_green,
        refused_twice=str(twice.value),
        refused_2024=str(provisional.value),
    )


def test_edition_2023_freezes_every_final_figure_up_to_2023(cycle: Cycle) -> None:
    figures = _rows(
        cycle.first,
        "select * from marts.impact_indicators where year <= 2023 and status = 'final'",
    )
    every = cycle.edition.figures()
    frozen = {
        (r["indicator"], r["year"], r["segment"]): r
        for r in every
        if r["mart"] == "impact_indicators"
    }
    assert len(frozen) == len(figures)
    # the group breakdown and the outcome status table are frozen with them (G-11)
    finals = {
        mart: len(
            _rows(
                cycle.first, f"select * from marts.{mart} where year <= 2023 and status = 'final'"
            )
        )
        for mart in ("impact_by_group", "graduate_outcomes")
    }
    assert all(finals.values()), finals
    assert {mart: sum(r["mart"] == mart for r in every) for mart in finals} == finals
    assert len(every) == cycle.edition.manifest["figures"]["rows"]
    for row in figures:
        got = frozen[(row["indicator"], row["year"], row["segment"])]
        assert (got["numerator"], got["denominator"], got["value"]) == (
            row["numerator"],
            row["denominator"],
            row["value"],
        )
    assert frozen[("graduation_rate", 2023, "all")]["numerator"] == 1
    manifest = cycle.edition.manifest
    (info,) = _rows(cycle.first, "select * from marts.warehouse_info")
    assert manifest["report_date"] == "2024-12-31" == str(info["report_date"])
    assert manifest["code_version"] == info["code_version"] == editions.code_version()
    assert manifest["raw_fingerprint"] == info["raw_fingerprint"]
    files = _rows(cycle.first, "select * from staging.dq_raw_files where disposition = 'read'")
    assert {(r["file_path"], r["size_bytes"], r["sha256"]) for r in files} == {
        (r["file_path"], r["size_bytes"], r["sha256"]) for r in cycle.edition.files()
    }
    assert "already exists" in cycle.refused_twice
    assert "figure(s) of 2024 are provisional" in cycle.refused_2024


def test_a_late_correction_fails_the_build_naming_each_figure(cycle: Cycle) -> None:
    assert not cycle.refused.ok
    output = cycle.refused.output
    assert "Failure in test restatements_are_approved" in output
    named = {
        line.split("figure=")[1].split(",")[0] for line in output.splitlines() if "figure=" in line
    }
    totals = {name for name in named if "=" not in name}
    assert totals == {f"{indicator} {year} {segment}" for indicator, year, segment in CORRECTED}
    # the groups of the corrected rates move with them, and only those (G-11 freezes them)
    groups = named - totals
    assert groups
    assert {" ".join(name.split()[:2]) for name in groups} <= {
        f"{indicator} {year}" for indicator, year, _ in CORRECTED
    } | {"graduate_outcomes 2023"}
    assert f"enrollments/enrollments_{CORRECTED_ON}.csv (added)" in output


def test_restatement_policy_warn_lists_them_exactly(cycle: Cycle) -> None:
    assert cycle.warned.ok, cycle.warned.output[-4000:]
    assert "Warning in test restatements_are_approved" in cycle.warned.output
    totals = [r for r in cycle.restated_warned if r["dimension"] is None]
    got = {
        (r["indicator"], r["year"], r["segment"]): (
            (r["frozen_numerator"], r["frozen_denominator"]),
            (r["recomputed_numerator"], r["recomputed_denominator"]),
        )
        for r in totals
    }
    assert got == CORRECTED
    groups = [r for r in cycle.restated_warned if r["dimension"] is not None]
    assert groups and all(r["changed_files"] == totals[0]["changed_files"] for r in groups)
    for row in totals:
        assert row["edition"] == 2023 and row["is_approved"] is False
        (frozen, recomputed) = CORRECTED[(row["indicator"], row["year"], row["segment"])]
        assert row["frozen_value"] == frozen[0] / frozen[1]
        expected = recomputed[0] / recomputed[1] if recomputed[1] else None
        assert row["recomputed_value"] == expected
        assert row["changed_files"] == f"enrollments/enrollments_{CORRECTED_ON}.csv (added)"
    info = cycle.info_warned
    restated = len(cycle.restated_warned)
    assert (info["is_green"], info["unapproved_restatements"], info["reproduced_edition"]) == (
        False,
        restated,
        None,
    )
    assert (
        f"{restated} published figure(s) restated without approval" in (info["not_green_reasons"])
    )


def test_approving_them_makes_the_build_green(cycle: Cycle) -> None:
    assert {editions.figure_name(r) for r in cycle.approved} == {
        editions.figure_name(r) for r in cycle.restated_warned
    }
    assert cycle.green.ok, cycle.green.output[-4000:]
    assert "Warning in test restatements_are_approved" not in cycle.green.output
    assert "WARN=0 ERROR=0" in cycle.green.output
    assert len(cycle.restated_green) == len(cycle.restated_warned)  # approved, still listed
    assert all(r["is_approved"] and r["reason"] == REASON for r in cycle.restated_green)
    info = cycle.info_green
    assert (info["is_green"], info["reproduced_edition"], info["approved_restatements"]) == (
        True,
        2023,
        len(cycle.restated_warned),
    )


def test_the_frozen_files_never_changed(cycle: Cycle) -> None:
    after = _tree(cycle.directory)
    assert after.pop("restatements.csv")
    assert after == cycle.frozen
    assert editions.check_editions(cycle.directory) == [cycle.edition]


def test_a_copied_edition_reads_back_as_frozen(cycle: Cycle, tmp_path: Path) -> None:
    """load_frozen, what `report --edition` renders from: the frozen rows alone."""
    shutil.copytree(cycle.directory / "2023", tmp_path / "2023")
    rows = editions.load_frozen(2023, tmp_path)
    by_key = {(r["indicator"], r["year"], r["segment"]): r for r in rows}
    assert by_key[("graduation_rate", 2023, "all")]["value"] == 1 / 7
    assert by_key[("job_placement_rate", 2023, "all")]["denominator"] == 5
    assert tuple(rows[0]) == (
        *editions.INDICATOR_COLUMNS,
        *editions.OPTIONAL_COLUMNS["impact_indicators"],
    )
    groups = editions.load_frozen(2023, tmp_path, mart="impact_by_group")
    assert groups and tuple(groups[0])[:4] == ("indicator", "year", "dimension", "group")
    outcomes = editions.load_frozen(2023, tmp_path, mart="graduate_outcomes")
    assert outcomes and {r["outcome_status"] for r in outcomes} >= {"no_response"}
