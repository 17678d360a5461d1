"""`impact-warehouse docs`: the overview of the docs site says what the published warehouse
is (issue 8 item 4, issue 10 item 4), read from marts.warehouse_info; hand-made files."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from impact_warehouse import docsite
from impact_warehouse.warehouse import WarehouseError


def _manifest(path: Path, body: str = "# Impact warehouse\n\nThe layers.") -> Path:
    path.write_text(json.dumps({"docs": {docsite.OVERVIEW: {"block_contents": body}}}))
    return path


def _overview(path: Path) -> str:
    return json.loads(path.read_text())["docs"][docsite.OVERVIEW]["block_contents"]


def test_the_label_goes_on_top_and_replaces_an_earlier_one(tmp_path: Path) -> None:
    manifest = _manifest(tmp_path / "manifest.json")
    docsite.label_overview(manifest, ["first build"])
    docsite.label_overview(manifest, ["second build", "SYNTHETIC"])
    text = _overview(manifest)
    assert text.startswith("second build\n\nSYNTHETIC\n\n---\n\n")
    assert "first build" not in text
    assert text.endswith("# Impact warehouse\n\nThe layers.")


def test_a_manifest_without_the_overview_is_an_error(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"docs": {}}))
    with pytest.raises(WarehouseError, match="__overview__"):
        docsite.label_overview(manifest, ["x"])


def test_a_warehouse_without_warehouse_info_says_so(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    duckdb.connect(str(db)).close()
    (line,) = docsite.describe(db)
    assert "has no `marts.warehouse_info`" in line


def test_real_exports_are_named_as_such(tmp_path: Path) -> None:
    db = tmp_path / "impact.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.execute(
        "create table marts.warehouse_info as select date '2024-07-01' as report_date, "
        "false as is_synthetic, null::double as synthetic_scale, null::bigint as synthetic_seed, "
        "'2023' as editions, 2023 as reproduced_edition, 'fail' as restatement_policy"
    )
    con.close()
    lines = docsite.describe(db)
    assert lines[0] == "**This warehouse:** figures as of 2024-07-01 (report date, G-8)."
    assert lines[1] == "Built from the platform's exports (not synthetic)."
    assert any("reproduces edition 2023" in line for line in lines)
