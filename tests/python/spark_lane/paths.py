"""Paths and selectors of the Spark lane (its conftest and tests read them)."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
# A tiny dbt project on the warehouse's own macros, seeds and profile.
LANE_PROJECT = HERE / "project"
# Its raw export: people/*.csv, two files with different columns and column orders.
RAW_LANE = HERE / "fixtures" / "raw_lane"
# The lane project's nodes: two seeds, a staging model, two marts and the singular test
# (the seeds' generic tests run in the main build; each costs seconds on Spark).
LANE_SELECT = [
    "--select",
    "+lane_people",
    "+lane_countries",
    "assert_lane_build_passes",
    "--exclude",
    "test_type:generic",
]
