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


def test_metricflow_values_equal_impact_indicators(
    sample_warehouse: SampleWarehouse, mf_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "metrics.csv"
    metrics = METRICS
    proc = _mf(
        [
            "query",
            "--metrics",
            ",".join(metrics),
            "--group-by",
            "metric_time__year",
            "--csv",
            str(out),
            "--quiet",
        ],
        mf_env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with out.open() as handle:
        rows = list(csv.DictReader(handle))
    from_mf = {
        (metric, int(row["metric_time__year"][:4])): float(row[metric])
        for row in rows
        for metric in metrics
        if row[metric] not in ("", None)
    }
    with duckdb.connect(str(sample_warehouse.duckdb_path), read_only=True) as con:
        indicators = con.execute(
            """
            select indicator, year, value
            from marts.impact_indicators
            where segment = 'all' and not is_suppressed and indicator in ?
            """,
            [metrics],
        ).fetchall()
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
