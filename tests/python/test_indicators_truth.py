"""End to end: every indicator equals the generator's by-construction truth, exactly.

The generator writes `_generator_manifest.json` with every (indicator, year, segment) of
marts.impact_indicators computed from its records with docs/methodology.md's rules,
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
    got = _rows(
        sample_warehouse.duckdb_path, "intermediate.int_indicators_computed", "dimension = 'all'"
    )
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


# ---------------------------------------------------------------------- Part 2 (issue 11)
def _manifest(raw: Path) -> dict:
    return json.loads((raw / "_generator_manifest.json").read_text())


def test_groups_equal_truth(sample_warehouse) -> None:
    """M-GRP-1, M-GRP-2: every group count of int_indicators_computed (unsuppressed) up to
    the report year equals the generator's truth_by_group, row for row."""
    truth = {
        (r["indicator"], r["year"], r["dimension"], r["group"]): (r["numerator"], r["denominator"])
        for r in _manifest(sample_warehouse.raw_dir)["truth_by_group"]
    }
    con = duckdb.connect(str(sample_warehouse.duckdb_path), read_only=True)
    try:
        rows = con.execute(
            "select indicator, year, dimension, group_name, numerator, denominator "
            "from intermediate.int_indicators_computed "
            "where dimension not in ('all', 'mix_cell') and year <= 2024"
        ).fetchall()
    finally:
        con.close()
    got = {(r[0], r[1], r[2], r[3]): (r[4], r[5]) for r in rows}
    assert truth
    assert {k: (truth.get(k), got.get(k)) for k in set(truth) | set(got)
            if truth.get(k) != got.get(k)} == {}  # fmt: skip


def test_published_groups_and_statuses_follow_truth_and_suppression(sample_warehouse) -> None:
    """impact_by_group and graduate_outcomes: an unsuppressed row equals the truth; a
    suppressed one is small (G-9: a count under 11, zero included) or is the one row G-10
    adds to a partition with exactly one small row; the G-10 trap (refugees of the 2023
    placement cohort) hides `yes` and the next smallest group."""
    manifest = _manifest(sample_warehouse.raw_dir)
    groups = {
        (r["indicator"], r["year"], r["dimension"], r["group"]): (r["numerator"], r["denominator"])
        for r in manifest["truth_by_group"]
    }
    statuses = {
        (r["year"], r["segment"], r["outcome_status"]): r["graduates"]
        for r in manifest["truth_outcomes"]
    }
    cohorts: dict[tuple, int] = {}
    for (year, segment, _), n in statuses.items():
        cohorts[(year, segment)] = cohorts.get((year, segment), 0) + n
    con = duckdb.connect(str(sample_warehouse.duckdb_path), read_only=True)
    try:
        by_group = con.execute(
            'select indicator, year, dimension, "group", numerator, denominator, is_suppressed '
            "from marts.impact_by_group"
        ).fetchall()
        outcomes = con.execute(
            "select year, segment, outcome_status, graduates, is_suppressed "
            "from marts.graduate_outcomes"
        ).fetchall()
    finally:
        con.close()
    partitions: dict[tuple, list] = {}
    for indicator, year, dimension, group, num, den, suppressed in by_group:
        t_num, t_den = groups[(indicator, year, dimension, group)]
        if not suppressed:
            assert (num, den) == (t_num, t_den), (indicator, year, dimension, group)
        partitions.setdefault((indicator, year, dimension), []).append(
            (min(t_num, t_den) < 11, t_den, group, suppressed)
        )
    for year, segment, status, n, suppressed in outcomes:
        t_n = statuses[(year, segment, status)]
        if not suppressed:
            assert n == t_n, (year, segment, status)
        small = min(t_n, cohorts[(year, segment)]) < 11
        partitions.setdefault((year, segment), []).append((small, t_n, status, suppressed))
    for key, rows in partitions.items():
        small = [r for r in rows if r[0]]
        expected = {r[2] for r in small}
        if len(small) == 1:  # G-10: the next smallest size, ties: the name sorting first
            others = sorted((r[1], r[2]) for r in rows if not r[0])
            expected |= {others[0][1]} if others else set()
        assert {r[2] for r in rows if r[3]} == expected, key
    refugees = {r[2]: r[3] for r in partitions[("job_placement_rate", 2023, "refugee")]}
    assert refugees == {"yes": True, "no": False, "unknown": True}


def test_benchmarks_equal_truth(sample_warehouse) -> None:
    """M-VA-1, M-VA-2: impact_benchmarks (min_cell_size 11) equals the generator's
    truth_benchmarks for every mix-adjusted rate and year."""
    truth = {(r["indicator"], r["year"]): r for r in _manifest(sample_warehouse.raw_dir)[
        "truth_benchmarks"]}  # fmt: skip
    con = duckdb.connect(str(sample_warehouse.duckdb_path), read_only=True)
    try:
        rows = con.execute(
            "select indicator, year, reference_year, observed, expected, value_added, "
            "mix_effect, n_cells, n_cells_fallback from marts.impact_benchmarks"
        ).fetchall()
    finally:
        con.close()
    assert {(r[0], r[1]) for r in rows} == set(truth)
    for indicator, year, ref, observed, expected, added, mix, n_cells, fallback in rows:
        t = truth[(indicator, year)]
        assert ref == t["reference_year"]
        assert (n_cells, fallback) == (t["n_cells"], t["n_cells_fallback"]), (indicator, year)
        for got, want in ((observed, "observed"), (expected, "expected"),
                          (added, "value_added"), (mix, "mix_effect")):  # fmt: skip
            assert math.isclose(got, t[want], rel_tol=1e-9, abs_tol=1e-12), (indicator, year)
