"""The published_figures seed is an exact copy of the spec's published_figures.csv."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
SPEC_COPY = PROJECT_DIR.parent / "shared" / "spec" / "published_figures.csv"


def test_published_figures_seed_equals_the_spec() -> None:
    if not SPEC_COPY.exists():
        pytest.skip(f"no spec beside the repository ({SPEC_COPY})")
    seed = (PROJECT_DIR / "seeds" / "published_figures.csv").read_text().splitlines()
    assert seed == SPEC_COPY.read_text().splitlines()
