"""Pytest plugin: one sample warehouse built once per test session.

Generates the sample exports at a small scale, runs the full `dbt build`
(models, seeds, data tests and unit tests) into a temporary DuckDB file and
`dbt docs generate`, so that the end-to-end, documentation, semantic-layer
and gate tests share one build instead of each paying for their own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from impact_warehouse.dbtrun import DbtResult, run_dbt

SAMPLE_SCALE = 0.02
SAMPLE_SEED = 20231231


@dataclass(frozen=True)
class SampleWarehouse:
    raw_dir: Path
    duckdb_path: Path
    work_dir: Path
    build: DbtResult

    @property
    def target_dir(self) -> Path:
        return self.work_dir / "target"

    @property
    def manifest(self) -> dict:
        return json.loads((self.target_dir / "manifest.json").read_text())

    @property
    def truth(self) -> list[dict]:
        return json.loads((self.raw_dir / "_generator_manifest.json").read_text())["truth"]

    def dbt(self, args: list[str], **kwargs) -> DbtResult:
        return run_dbt(
            args,
            raw_dir=self.raw_dir,
            duckdb_path=self.duckdb_path,
            work_dir=self.work_dir,
            **kwargs,
        )


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> SampleWarehouse:
    base = tmp_path_factory.mktemp("sample-warehouse")
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
            str(SAMPLE_SCALE),
            "--seed",
            str(SAMPLE_SEED),
        ],
        check=True,
        capture_output=True,
    )
    warehouse = SampleWarehouse(raw, base / "impact.duckdb", base / "dbt", DbtResult(1, ""))
    build = warehouse.dbt(["build"])
    assert build.ok, f"dbt build failed on the sample exports:\n{build.output[-6000:]}"
    docs = warehouse.dbt(["docs", "generate"])
    assert docs.ok, f"dbt docs generate failed:\n{docs.output[-4000:]}"
    return SampleWarehouse(raw, warehouse.duckdb_path, warehouse.work_dir, build)
