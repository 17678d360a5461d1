"""End to end: every indicator equals the generator's by-construction truth, exactly.

The generator writes `_generator_manifest.json` with every (indicator, year, segment) of
marts.impact_indicators computed from its records with METHODOLOGY.md's rules,
unsuppressed. The warehouse must agree on every numerator and denominator.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from impact_warehouse.dbtrun import run_dbt
from impact_warehouse.indicators import registry

pytestmark = pytest.mark.slow

KEY = tuple[str, int, str]


def _truth(raw: Path) -> dict[KEY, dict]:
    manifest = json.loads((raw / "_generator_manifest.json").read_text())
    return {(t["indicator"], t["year"], t["segment"]): t for t in manifest["truth"]}


def _rows(db: Path, relation: str, where: str = "true") -> dict[KEY, tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            f"select indicator, year, segment, numerator, denominator, value "
            f"from {relation} where {where}"
        ).fetchall()
    finally:
        con.close()
    return {(r[0], r[1], r[2]): r[3:] for r in rows}


def _differences(truth: dict[KEY, dict], got: dict[KEY, tuple]) -> list[str]:
    out = []
    for key, t in sorted(truth.items()):
        if key not in got:
            out.append(f"{key}: missing (truth {t['numerator']}/{t['denominator']})")
            continue
        num, den, value = got[key]
        if (num, den) != (t["numerator"], t["denominator"]):
            out.append(f"{key}: sql {num}/{den} != truth {t['numerator']}/{t['denominator']}")
        elif (value is None) != (t["value"] is None) or (
            value is not None and not math.isclose(value, t["value"], rel_tol=1e-12)
        ):
            out.append(f"{key}: value {value} != truth {t['value']}")
    return out


def test_unsuppressed_indicators_equal_truth(sample_warehouse) -> None:
    """The session's sample warehouse (default min_cell_size): the unsuppressed figures of
    int_indicators_computed equal the truth on every truth row."""
    truth = _truth(sample_warehouse.raw_dir)
    got = _rows(sample_warehouse.duckdb_path, "intermediate.int_indicators_computed")
    assert _differences(truth, got) == []


def test_published_cells_equal_truth_or_are_suppressed(sample_warehouse) -> None:
    """marts.impact_indicators has exactly the truth's rows; an unsuppressed cell equals the
    truth, a suppressed one has a count under min_cell_size (G-9)."""
    truth = _truth(sample_warehouse.raw_dir)
    con = duckdb.connect(str(sample_warehouse.duckdb_path), read_only=True)
    try:
        rows = con.execute(
            "select indicator, year, segment, numerator, denominator, value, is_suppressed "
            "from marts.impact_indicators"
        ).fetchall()
    finally:
        con.close()
    assert {(r[0], r[1], r[2]) for r in rows} == set(truth)
    problems = []
    for ind, year, seg, num, den, value, suppressed in rows:
        t = truth[(ind, year, seg)]
        if suppressed:
            assert (num, den, value) == (None, None, None)
            smallest = min(x for x in (t["numerator"], t["denominator"]) if x is not None)
            if registry()[ind].counts_individuals and smallest >= 11:
                problems.append(f"{(ind, year, seg)} suppressed with counts {smallest}")
        elif (num, den) != (t["numerator"], t["denominator"]):
            expected = f"{t['numerator']}/{t['denominator']}"
            problems.append(f"{(ind, year, seg)}: {num}/{den} != {expected}")
    assert problems == []


@pytest.fixture(scope="module")
def other_seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Another seed, built with min_cell_size 0 (nothing suppressed), models only."""
    base = tmp_path_factory.mktemp("indicators-seed-7")
    raw = base / "raw"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "impact_warehouse",
            "generate",
            "--out",
            str(raw),
            "--scale",
            "0.02",
            "--seed",
            "7",
        ],
        check=True,
        capture_output=True,
    )
    db = base / "impact.duckdb"
    result = run_dbt(
        ["build", "--select", "+impact_indicators", "--exclude-resource-type", "test", "unit_test"],
        raw_dir=raw,
        duckdb_path=db,
        work_dir=base / "dbt",
        dbt_vars={"min_cell_size": 0},
    )
    assert result.ok, result.output[-6000:]
    return raw, db


def test_impact_indicators_equal_truth_unsuppressed(other_seed_build) -> None:
    """With min_cell_size 0, marts.impact_indicators equals the truth row for row."""
    raw, db = other_seed_build
    truth = _truth(raw)
    got = _rows(db, "marts.impact_indicators")
    assert set(got) == set(truth)
    assert _differences(truth, got) == []
