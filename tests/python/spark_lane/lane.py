"""Constants and helpers of the Spark lane (its conftest and tests import them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The sample the parity build reads: the session sample's scale and seed.
PARITY_SCALE = 0.02
PARITY_SEED = 20231231
# Models and seeds only: the data and unit tests run on DuckDB (each costs seconds on Spark).
NO_TESTS = ["--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"]


def generate_sample(target: Path) -> Path:
    """The generator's exports at the parity scale (a few seconds)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "impact_warehouse",
            "generate",
            "--out",
            str(target),
            "--scale",
            str(PARITY_SCALE),
            "--seed",
            str(PARITY_SEED),
        ],
        check=True,
        capture_output=True,
    )
    return target
