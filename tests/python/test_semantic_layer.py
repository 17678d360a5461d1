"""The MetricFlow semantic layer (issue 5): configs validate, and every metric equals the mart.

`mf` reads the semantic manifest from the project's own `target/` folder and
queries the DuckDB file of the profile, so the test parses into `target/` and
points IMPACT_DUCKDB_PATH at the sample warehouse.
"""

from __future__ import annotations

import csv
import math
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from impact_warehouse.indicators import registry
from sample_warehouse import SampleWarehouse

PROJECT_DIR = Path(__file__).resolve().parents[2]
MF = str(Path(sys.executable).with_name("mf"))

# The indicators MetricFlow must reproduce: a metric of the same name and label (registry).
SEMANTIC = [row for row in registry().values() if row.in_semantic_layer]
METRICS = [row.name for row in SEMANTIC]


@pytest.fixture(scope="module")
def mf_env(sample_warehouse: SampleWarehouse) -> dict[str, str]:
    parse = sample_warehouse.dbt(["parse"], extra_env={"DBT_TARGET_PATH": "target"})
    assert parse.ok, parse.output[-3000:]
    env = dict(os.environ)
    env.update(
        {
            "IMPACT_RAW_DIR": str(sample_warehouse.raw_dir),
            "IMPACT_DUCKDB_PATH": str(sample_warehouse.duckdb_path),
            "IMPACT_DUCKDB_TEMP_DIR": str(sample_warehouse.work_dir / "tmp"),
            "DBT_PROFILES_DIR": str(PROJECT_DIR),
            "DO_NOT_TRACK": "1",
        }
    )
    return env


def _mf(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MF, *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False
    )


def test_mf_validate_configs(mf_env: dict[str, str]) -> None:
    proc = _mf(["validate-configs"], mf_env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ERRORS: 0" in proc.stdout


def test_semantic_metrics_are_the_registrys(sample_warehouse: SampleWarehouse) -> None:
    """Every indicator the registry puts in the semantic layer has a metric of its name and
    label; a metric named like another indicator must be declared in the registry."""
    metrics = {metric["name"]: metric for metric in sample_warehouse.manifest["metrics"].values()}
    missing = [name for name in METRICS if name not in metrics]
    assert missing == [], f"registry indicators without a MetricFlow metric: {missing}"
    labels = {row.name: (metrics[row.name]["label"], row.label) for row in SEMANTIC}
    assert {name: pair for name, pair in labels.items() if pair[0] != pair[1]} == {}
    undeclared = sorted(set(metrics) & set(registry()) - set(METRICS))
    assert undeclared == [], (
        f"metrics named like an indicator but not in_semantic_layer: {undeclared}"
    )


def _query(
    env: dict[str, str], out: Path, metrics: list[str], group_by: list[str]
) -> list[dict[str, str]]:
    proc = _mf(
        [
            "query",
            "--metrics",
            ",".join(metrics),
            "--group-by",
            ",".join(group_by),
            "--csv",
            str(out),
            "--quiet",
        ],
        env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with out.open() as handle:
        return list(csv.DictReader(handle))


def _year(row: dict[str, str]) -> int | None:
    stamp = row["metric_time__year"]
    return int(stamp[:4]) if stamp else None


@pytest.fixture(scope="module")
def by_year(
    sample_warehouse: SampleWarehouse,
    mf_env: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[str], list[dict[str, str]]]:
    """Every metric of the semantic layer by metric_time__year, in one query."""
    metrics = sorted(metric["name"] for metric in sample_warehouse.manifest["metrics"].values())
    out = tmp_path_factory.mktemp("mf") / "by_year.csv"
    return metrics, _query(mf_env, out, metrics, ["metric_time__year"])


def _mart(sample_warehouse: SampleWarehouse, sql: str, params: list) -> list[tuple]:
    with duckdb.connect(str(sample_warehouse.duckdb_path), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def test_metricflow_values_equal_impact_indicators(
    sample_warehouse: SampleWarehouse, by_year: tuple[list[str], list[dict[str, str]]]
) -> None:
    metrics = METRICS
    _, rows = by_year
    from_mf = {
        (metric, _year(row)): float(row[metric])
        for row in rows
        for metric in metrics
        if row[metric] not in ("", None)
    }
    indicators = _mart(
        sample_warehouse,
        """
        select indicator, year, value
        from marts.impact_indicators
        where segment = 'all' and not is_suppressed and indicator in ?
        """,
        [metrics],
    )
    compared = 0
    for indicator, year, value in indicators:
        assert (indicator, year) in from_mf, f"MetricFlow has no {indicator} for {year}"
        assert math.isclose(from_mf[(indicator, year)], value, rel_tol=1e-9), (
            indicator,
            year,
            from_mf[(indicator, year)],
            value,
        )
        compared += 1
    # Every metric is compared for at least the two published years.
    assert compared >= 2 * len(metrics)


def test_metricflow_years_are_the_years_the_marts_publish(
    sample_warehouse: SampleWarehouse, by_year: tuple[list[str], list[dict[str, str]]]
) -> None:
    """Issue 14 item 3: no row without a year, no year the marts do not publish (G-8: a
    graduation cohort due after the report date's year is a plan); an indicator has a
    value in exactly the years impact_indicators has a row for it."""
    metrics, rows = by_year
    assert rows, "MetricFlow returned nothing"
    assert [row for row in rows if _year(row) is None] == [], "a row without a year"
    published = _mart(
        sample_warehouse,
        "select indicator, year from marts.impact_indicators where segment = 'all'",
        [],
    )
    last_year = max(year for _, year in published)
    later = sorted({_year(row) for row in rows} - set(range(0, last_year + 1)))
    assert later == [], f"MetricFlow has years the marts do not publish: {later}"
    for metric in METRICS:
        in_mf = {_year(row) for row in rows if row[metric] not in ("", None)}
        in_mart = {year for indicator, year in published if indicator == metric}
        assert in_mf == in_mart, (metric, sorted(in_mf), sorted(in_mart))
    assert set(METRICS) < set(metrics)


def _by_group(
    sample_warehouse: SampleWarehouse,
    env: dict[str, str],
    out: Path,
    metric: str,
    dimension: str,
    status_dimension: str,
) -> None:
    """`metric` by year and by the M-GRP-1 `dimension` equals impact_by_group on every
    published group, and the G-7 status dimension marks each year as impact_indicators."""
    group_column = f"enrollment__{dimension}"
    status_column = f"enrollment__{status_dimension}"
    rows = _query(env, out, [metric], ["metric_time__year", group_column, status_column])
    from_mf = {
        (_year(row), row[group_column]): float(row[metric])
        for row in rows
        if row[metric] not in ("", None)
    }
    groups = _mart(
        sample_warehouse,
        """
        select year, "group", value
        from marts.impact_by_group
        where indicator = ? and dimension = ? and not is_suppressed
        """,
        [metric, dimension],
    )
    assert len(groups) >= 4, groups
    for year, group, value in groups:
        assert (year, group) in from_mf, f"MetricFlow has no {metric} for {group} in {year}"
        assert math.isclose(from_mf[(year, group)], value, rel_tol=1e-9), (year, group)
    statuses = dict(
        _mart(
            sample_warehouse,
            "select year, status from marts.impact_indicators "
            "where indicator = ? and segment = 'all'",
            [metric],
        )
    )
    marked = {(_year(row), row[status_column]) for row in rows}
    assert marked == set(statuses.items()), (sorted(marked), sorted(statuses.items()))
    assert "provisional" in statuses.values(), "the sample has no provisional year to mark"


def test_job_placement_rate_by_gender_equals_the_mart_and_marks_provisional(
    sample_warehouse: SampleWarehouse, mf_env: dict[str, str], tmp_path: Path
) -> None:
    """Issue 11 item 7: `mf query --metrics job_placement_rate --group-by
    enrollment__gender` equals impact_by_group; the placement status dimension marks
    the provisional cohort (2024)."""
    _by_group(
        sample_warehouse,
        mf_env,
        tmp_path / "gender.csv",
        "job_placement_rate",
        "gender",
        "placement_cohort_status",
    )


def test_graduation_rate_by_unemployed_equals_the_mart_and_marks_provisional(
    sample_warehouse: SampleWarehouse, mf_env: dict[str, str], tmp_path: Path
) -> None:
    """A category dimension (unemployed at enrolment, from the enrolment's own profile)
    and the graduation status dimension."""
    _by_group(
        sample_warehouse,
        mf_env,
        tmp_path / "unemployed.csv",
        "graduation_rate",
        "unemployed",
        "graduation_cohort_status",
    )


def test_every_dimension_of_the_registry_is_a_metricflow_dimension(
    sample_warehouse: SampleWarehouse,
) -> None:
    """Every M-GRP-1 dimension of the enrolment rates can be grouped by in MetricFlow
    (region_group is the enrolments' residence_region_group)."""
    names = {
        dimension["name"]
        for model in sample_warehouse.manifest["semantic_models"].values()
        if model["name"] == "enrollments"
        for dimension in model["dimensions"]
    }
    wanted = {
        dimension
        for row in registry().values()
        if row.population in ("graduates", "graduation_cohort")
        for dimension in row.dimensions
    }
    aliases = {"region_group": "residence_region_group"}
    assert (
        wanted and sorted(aliases.get(d, d) for d in wanted if aliases.get(d, d) not in names) == []
    )
