"""What the warehouse may read from a generated folder and what it must never read:
`_synthetic.json` (the marker: generator, version, scale, seed, exports; no figures) and
`_generator_manifest.json` (the truth, a test oracle). Also the export contract of the
generator (the project's one contract, impact_warehouse.contract: columns, kinds, closed
lists), the files it refuses to write, and its chunked writing (same bytes whatever the
chunk)."""

from __future__ import annotations

import filecmp
import json
import re
from pathlib import Path

import numpy as np
import pytest

import generator_fixtures as fx
from impact_warehouse import __version__, contract
from impact_warehouse.generator import MANIFEST, MARKER, countries, files, generate, model
from impact_warehouse.generator.exports import EXPORT_COLUMNS, EXPORTS, values
from impact_warehouse.generator.timeutil import at_paris, day

gen_raw = fx.gen_raw  # session fixtures, shared by the generator tests
gen_raw_other_seed = fx.gen_raw_other_seed
gen_marker = fx.gen_marker
gen_manifest = fx.gen_manifest

ROOT = Path(__file__).resolve().parents[2]
NINE = [  # the nine exports of docs/input-contract.md, in its order
    "users",
    "paths",
    "applications",
    "enrollments",
    "student_profiles",
    "addresses",
    "job_outcomes",
    "career_outcome_declarations",
    "logins",
]


def test_marker_names_the_run_and_nothing_else(gen_raw: Path, gen_marker: dict) -> None:
    assert MARKER == "_synthetic.json" and MANIFEST == "_generator_manifest.json"
    assert gen_marker == {
        "generator": "impact_warehouse.generator",
        "version": __version__,
        "scale": fx.SCALE,
        "seed": 20231231,
        "exports": NINE,
    }
    folders = sorted(p.name for p in gen_raw.iterdir() if p.is_dir())
    assert folders == sorted(gen_marker["exports"])


def test_marker_of_another_seed(gen_raw_other_seed: Path) -> None:
    marker = json.loads((gen_raw_other_seed / MARKER).read_text())
    assert (marker["scale"], marker["seed"]) == (fx.SCALE, 7)


def test_marker_holds_no_figure_and_no_time(gen_marker: dict) -> None:
    numbers = [v for v in gen_marker.values() if isinstance(v, int | float)]
    assert numbers == [fx.SCALE, 20231231]  # the scale and the seed, no count, no truth
    texts = [gen_marker["generator"], *gen_marker["exports"]]
    assert not any(re.search(r"\d", t) for t in texts)  # no date, time or figure hidden
    assert re.fullmatch(r"\d+(\.\d+)*", gen_marker["version"])


def test_truth_only_in_the_manifest(gen_raw: Path, gen_manifest: dict) -> None:
    assert {"truth", "traps", "row_counts"} <= set(gen_manifest)
    assert set(json.loads((gen_raw / MARKER).read_text())).isdisjoint(gen_manifest)
    assert sorted(p.name for p in gen_raw.iterdir() if p.is_file()) == sorted([MANIFEST, MARKER])


def test_the_warehouse_never_reads_the_manifest() -> None:
    """No model, macro, dbt test, analysis or package code outside the generator names the
    truth file (the pytest suite may: it is the oracle's reader)."""
    readers = []
    for folder in ("models", "macros", "analyses", "tests/generic", "tests/singular", "src"):
        for path in (ROOT / folder).rglob("*"):
            if not path.is_file() or "generator" in path.relative_to(ROOT).parts:
                continue
            if path.suffix in {".sql", ".yml", ".yaml", ".md", ".py", ".jinja", ".html"}:
                if "_generator_manifest" in path.read_text(errors="replace"):
                    readers.append(str(path.relative_to(ROOT)))
    assert readers == []


def test_export_contract_is_the_one_list() -> None:
    assert EXPORTS == NINE == list(EXPORT_COLUMNS)
    for export in contract.load():
        assert EXPORT_COLUMNS[export.name] == tuple((c.name, c.kind) for c in export.columns)
    # the closed lists the generator draws from are the contract's (and its seeds')
    assert model.DOMAINS == list(contract.enumeration("paths", "domain") or ())
    assert tuple(model.FUNDING) == contract.enumeration("enrollments", "funding_type")
    assert countries.PSEUDO_CODES == ("XX", "A1", "A2", "AP", "EU")  # the seed's rows
    assert set(countries.PSEUDO_CODES) < set(values("logins", "ip_country_code"))
    with pytest.raises(KeyError, match="no closed list"):
        values("addresses", "country_code")


def _paths(**changed: object) -> dict[str, np.ndarray]:
    """One valid paths row (the generator's typed columns), with `changed` columns."""
    cols = {
        "path_id": np.array(["P0001"], dtype=object),
        "path_name": np.array(["Data analyst"], dtype=object),
        "domain": np.array([" DATA"], dtype=object),  # stray case and space: still Data
        "rncp_level": np.array([6]),
        "duration_months": np.array([12]),
        "language": np.array(["fr"], dtype=object),
        "launched_on": np.array([day(2020, 1, 1)]),
        "retired_on": np.array([model.NULL]),
        "updated_at": at_paris(np.array([day(2024, 7, 1)]), np.array([80000])),
    }
    return cols | {
        k: np.array([v], dtype=object if isinstance(v, str) else None) for k, v in changed.items()
    }


def test_a_file_breaking_the_contract_is_not_written(tmp_path: Path) -> None:
    """Staging would quarantine these rows: the generator refuses to write them, naming the
    file and the column, and leaves no file behind."""
    out = files.ExportFiles(tmp_path, np.random.default_rng(0), lambda _m: None, None)
    out.write("paths", "2024-07-01", _paths(), np.zeros(1, bool))
    assert (
        (tmp_path / "paths" / "paths_2024-07-01.csv")
        .read_text()
        .splitlines()[1]
        .startswith("P0001,Data analyst, DATA,6,12,fr,2020-01-01,,2024-07-01T22:13:20+02:00")
    )
    with pytest.raises(
        ValueError,
        match=r"paths_2024-01-01.csv would break the contract: column domain: "
        r"values outside the contract \['Astrology'\]",
    ):
        out.write("paths", "2024-01-01", _paths(domain="Astrology"), np.zeros(1, bool))
    # 2024-07-01 22:13 in Paris is after the older file's date
    with pytest.raises(
        ValueError, match=r"column updated_at: 1 timestamp\(s\) after the export date 2024-01-01"
    ):
        out.write("paths", "2024-01-01", _paths(), np.zeros(1, bool))
    assert sorted(p.name for p in (tmp_path / "paths").iterdir()) == ["paths_2024-07-01.csv"]


def test_a_column_outside_the_contract_is_refused(tmp_path: Path) -> None:
    out = files.ExportFiles(tmp_path, np.random.default_rng(0), lambda _m: None, None)
    cols = {name: np.array([1]) for name, _ in EXPORT_COLUMNS["paths"] if name != "domain"}
    with pytest.raises(ValueError, match=r"paths: columns \['domain'\] missing"):
        out.write("paths", "2024-07-01", cols, np.zeros(1, bool))
    cols = {name: np.array([1]) for name, _ in EXPORT_COLUMNS["paths"]} | {"extra": [1]}
    with pytest.raises(ValueError, match=r"\['extra'\] not in the contract"):
        out.write("paths", "2024-07-01", cols, np.zeros(1, bool))


def test_chunked_writing_gives_the_same_bytes(tmp_path: Path, gen_raw: Path, monkeypatch) -> None:
    """Bounded memory: files are converted and written in chunks of rows; any chunk size
    (here 997 rows, so every export spans several uneven chunks) gives the same files."""
    monkeypatch.setattr(files, "CHUNK_ROWS", 997)
    generate(tmp_path, scale=fx.SCALE, seed=20231231, progress=lambda _m: None)
    names = sorted(str(p.relative_to(gen_raw)) for p in gen_raw.rglob("*") if p.is_file())
    again = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert names == again
    _, mismatch, errors = filecmp.cmpfiles(gen_raw, tmp_path, names, shallow=False)
    assert mismatch == [] and errors == []


def test_real_exports_are_never_overwritten(tmp_path: Path, capsys) -> None:
    """C-5: a folder with export folders but neither the marker nor the manifest may hold a
    user's real exports: generate refuses, names the folder, and leaves every byte."""
    from impact_warehouse.cli import main

    (tmp_path / "users").mkdir()
    real = tmp_path / "users" / "users_2024-07-01.csv"
    real.write_text("user_id\n1\n")
    assert main(["generate", "--out", str(tmp_path), "--scale", "0.02"]) == 2
    err = capsys.readouterr().err
    assert str(tmp_path) in err and "users" in err and "_synthetic.json" in err
    assert real.read_text() == "user_id\n1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["users"]
