"""docs/input-contract.md C-5, the raw directory is the user's (issue 8 item 4).

- IMPACT_RAW_DIR (or --raw-dir) missing, empty, or set to "": the build stops naming it,
  writes nothing there, and never generates anything, in `impact-warehouse build` and in
  `make build`;
- a build reads the user's directory without changing a byte of it;
- neither given: the project's sample folder is generated (once) and built, marked
  synthetic, with the sample pseudonym key.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import duckdb
import pytest

from impact_warehouse import build, exports
from impact_warehouse.cli import build_parser, main
from impact_warehouse.dbtrun import PROJECT_DIR
from impact_warehouse.exports import RAW_DIR_ENV, SYNTHETIC_MARKER, RawDirError
from impact_warehouse.pseudonym import KEY_ENV, SAMPLE_KEY, pseudonym
from tiny_dbt import project_files, project_macro, write_project

USERS_PROJECT = {
    **project_files("impact_warehouse"),
    **project_macro("pseudonym"),
    "models/users.sql": """
        with ids as (
            select cast(user_id as bigint) as user_id
            from read_csv('{{ env_var("IMPACT_RAW_DIR") }}/users/*.csv', header = true,
                all_varchar = true)
        )
        select
            count(*) as n_users,
            min(user_id) as first_id,
            {{ pseudonym('min(user_id)') }} as first_pseudonym
        from ids
    """,
}


@pytest.fixture()
def no_generation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The sample folder moved to a temp dir, and any generation is a test failure."""
    sample = tmp_path / "project-sample"
    monkeypatch.setattr(exports, "SAMPLE_DIR", sample)

    def refuse(*args: object) -> None:
        raise AssertionError(f"exports were generated: {args}")

    monkeypatch.setattr(exports, "_generate", refuse)
    return sample


def _tree(path: Path) -> dict[str, str]:
    return {
        str(file.relative_to(path)): hashlib.sha256(file.read_bytes()).hexdigest()
        for file in sorted(path.rglob("*"))
        if file.is_file()
    } | {str(d.relative_to(path)) + "/": "dir" for d in path.rglob("*") if d.is_dir()}


def test_choose_raw_dir() -> None:
    assert exports.choose_raw_dir(None, {}) == (exports.SAMPLE_DIR, True)
    assert exports.choose_raw_dir(None, {RAW_DIR_ENV: "/x"}) == (Path("/x"), False)
    assert exports.choose_raw_dir("/y", {RAW_DIR_ENV: "/x"}) == (Path("/y"), False)
    with pytest.raises(RawDirError, match="set but empty"):
        exports.choose_raw_dir(None, {RAW_DIR_ENV: "  "})
    with pytest.raises(RawDirError, match="--raw-dir is empty"):
        exports.choose_raw_dir("", {})
    assert exports.SAMPLE_DIR == PROJECT_DIR / "data" / "sample"


@pytest.mark.parametrize("how", ["env", "option"])
def test_an_empty_raw_dir_stops_the_build_and_stays_empty(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_generation: Path,
    how: str,
) -> None:
    empty = tmp_path / "exports"
    empty.mkdir()
    published = tmp_path / "warehouse" / "impact.duckdb"
    published.parent.mkdir()
    published.write_bytes(b"the real warehouse")
    args = ["build", "--duckdb-path", str(published)]
    if how == "env":
        monkeypatch.setenv(RAW_DIR_ENV, str(empty))
    else:
        args += ["--raw-dir", str(empty)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"the raw directory {empty} is empty" in err and "left untouched" in err
    assert list(empty.iterdir()) == []
    assert published.read_bytes() == b"the real warehouse"
    assert not no_generation.exists()
    record = json.loads((published.parent / "last-failed-build.json").read_text())
    assert record["stage"] == "inputs" and str(empty) in record["message"]


def test_a_missing_or_blank_raw_dir_stops_the_build(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_generation: Path,
) -> None:
    published = tmp_path / "impact.duckdb"
    missing = tmp_path / "not-there"
    monkeypatch.setenv(RAW_DIR_ENV, str(missing))
    assert main(["build", "--duckdb-path", str(published)]) == 1
    assert f"the raw directory {missing} does not exist" in capsys.readouterr().err
    assert not missing.exists()

    monkeypatch.setenv(RAW_DIR_ENV, "")  # e.g. IMPACT_RAW_DIR=$UNDEFINED make build
    assert main(["build", "--duckdb-path", str(published)]) == 1
    assert f"{RAW_DIR_ENV} is set but empty" in capsys.readouterr().err
    assert not no_generation.exists() and not published.exists()


def test_make_build_never_fills_an_empty_raw_dir(tmp_path: Path) -> None:
    if subprocess.run(["make", "-q", ".venv/.installed"], cwd=PROJECT_DIR).returncode != 0:
        pytest.skip("the .venv is not up to date: make setup first")
    empty = tmp_path / "exports"
    empty.mkdir()
    published = tmp_path / "warehouse" / "impact.duckdb"
    for value in (str(empty), ""):
        proc = subprocess.run(
            [
                "make",
                "--no-print-directory",
                "build",
                f"IMPACT_RAW_DIR={value}",
                f"IMPACT_DUCKDB_PATH={published}",
            ],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
        )
        assert proc.returncode != 0
        assert (f"the raw directory {empty} is empty" if value else "set but empty") in proc.stderr
        assert list(empty.iterdir()) == []
    assert not published.exists()


def test_a_build_changes_nothing_in_the_raw_dir(tmp_path: Path) -> None:
    raw = tmp_path / "exports"
    (raw / "users").mkdir(parents=True)
    (raw / "users" / "users_2024-01-01.csv").write_text("user_id\n5\n7\n")
    before = _tree(raw)
    project = write_project(tmp_path / "project", USERS_PROJECT)
    args = build_parser("build").parse_args(
        [
            "build",
            "--raw-dir",
            str(raw),
            "--duckdb-path",
            str(tmp_path / "warehouse" / "impact.duckdb"),
            "--target-path",
            str(tmp_path / "target"),
            "--no-headline",
        ]
    )
    assert build.execute(args, project_dir=project) == 0
    assert _tree(raw) == before


def test_without_a_raw_dir_the_sample_is_generated_once_and_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = tmp_path / "data" / "sample"
    monkeypatch.setattr(exports, "SAMPLE_DIR", sample)
    monkeypatch.delenv(RAW_DIR_ENV, raising=False)
    monkeypatch.delenv(KEY_ENV, raising=False)  # synthetic: the sample key applies
    project = write_project(tmp_path / "project", USERS_PROJECT)
    published = tmp_path / "warehouse" / "impact.duckdb"
    argv = [
        "build",
        "--duckdb-path",
        str(published),
        "--target-path",
        str(tmp_path / "target"),
        "--sample-scale",
        "0.02",
        "--sample-seed",
        "3",
        "--no-headline",
    ]
    args = build_parser("build").parse_args(argv)
    assert build.execute(args, project_dir=project) == 0
    out = capsys.readouterr().out
    assert f"generating the synthetic sample exports into {sample}" in out
    assert "synthetic: scale 0.02, seed 3" in out and "sample key" in out
    marker = json.loads((sample / SYNTHETIC_MARKER).read_text())
    assert (marker["scale"], marker["seed"]) == (0.02, 3)
    assert not list(sample.parent.glob(".sample-*"))  # generated beside, renamed into place
    con = duckdb.connect(str(published), read_only=True)
    try:
        row = con.execute("select n_users, first_id, first_pseudonym from marts.users").fetchone()
    finally:
        con.close()
    assert row is not None and row[0] > 100
    assert row[2] == pseudonym(SAMPLE_KEY.encode(), row[1])

    before = _tree(sample)
    assert build.execute(args, project_dir=project) == 0
    assert "generating" not in capsys.readouterr().out  # present: not generated again
    assert _tree(sample) == before


def test_make_data_regenerates_the_sample_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = tmp_path / "sample"
    calls: list[tuple[Path, float, int]] = []

    def fake(out: Path, scale: float, seed: int, verbose: bool) -> None:
        assert verbose  # `impact-warehouse sample` shows the generator's progress
        calls.append((out, scale, seed))
        (out / "users").mkdir(parents=True)
        (out / "users" / "users_2024-01-01.csv").write_text(f"user_id\n{seed}\n")
        # as the generator does: the marker beside the synthetic exports
        (out / SYNTHETIC_MARKER).write_text(json.dumps({"scale": scale, "seed": seed}))

    monkeypatch.setattr(exports, "SAMPLE_DIR", sample)
    monkeypatch.setattr(exports, "_generate", fake)
    assert main(["sample", "--scale", "0.5", "--seed", "1"]) == 0
    assert main(["sample", "--seed", "2"]) == 0  # present: kept
    assert (sample / "users" / "users_2024-01-01.csv").read_text() == "user_id\n1\n"
    assert main(["sample", "--seed", "2", "--force"]) == 0
    assert (sample / "users" / "users_2024-01-01.csv").read_text() == "user_id\n2\n"
    assert [call[2] for call in calls] == [1, 2]
    assert json.loads((sample / SYNTHETIC_MARKER).read_text())["seed"] == 2
