"""run_dbt's shared parse (IMPACT_DBT_PARSE_CACHE, impact_warehouse.dbtrun): a run in a
fresh target folder starts from the parse kept for the same profile and vars, and runs
with other vars keep a parse of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

from impact_warehouse.dbtrun import PARSE_CACHE_ENV
from tiny_dbt import project_files, run_tiny, write_project

FILES = {**project_files(), "models/one.sql": "select {{ var('n', 1) }} as n"}
FROM_NOTHING = "Unable to do partial parsing because saved manifest not found"
REUSED = "Partial parsing enabled, no changes found, skipping parsing"


def _log(work: Path) -> str:
    return (work / "logs" / "dbt.log").read_text()


def test_a_fresh_target_starts_from_the_kept_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv(PARSE_CACHE_ENV, str(cache))
    project = write_project(tmp_path / "project", FILES)

    first = run_tiny(project, tmp_path / "a", ["parse"])
    assert first.ok, first.output
    assert FROM_NOTHING in _log(tmp_path / "a")
    assert len(list(cache.glob("partial_parse-*.msgpack"))) == 1

    second = run_tiny(project, tmp_path / "b", ["parse"])  # another folder, same layout
    assert second.ok, second.output
    assert REUSED in _log(tmp_path / "b")

    other_vars = run_tiny(project, tmp_path / "c", ["parse"], dbt_vars={"n": 2})
    assert other_vars.ok, other_vars.output
    assert FROM_NOTHING in _log(tmp_path / "c")
    assert len(list(cache.glob("partial_parse-*.msgpack"))) == 2


def test_without_the_variable_nothing_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PARSE_CACHE_ENV, raising=False)
    project = write_project(tmp_path / "project", FILES)
    assert run_tiny(project, tmp_path / "a", ["parse"]).ok
    assert FROM_NOTHING in _log(tmp_path / "a")
    second = run_tiny(project, tmp_path / "b", ["parse"])
    assert second.ok and FROM_NOTHING in _log(tmp_path / "b")
