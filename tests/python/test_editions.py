"""Editions (G-11), restatements (G-12) and marts.warehouse_info, without a full build.

The freezing rules run on small warehouse files made here with exactly the relations
`impact-warehouse edition` reads (their columns are the built ones: test_every_mart...
in test_project_docs.py checks marts.warehouse_info and marts.restatements against
docs/marts.md, and the sample warehouse tests below read the real relations). The whole
cycle through dbt (freeze, late correction, refused build, approval) is in
test_editions_cycle.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
from pathlib import Path

import duckdb
import pytest

from impact_warehouse import build, editions
from impact_warehouse.cli import build_parser, main
from impact_warehouse.dbtrun import PROJECT_DIR
from impact_warehouse.editions import EditionError
from sample_warehouse import SampleWarehouse
from tiny_dbt import project_files, write_project

INFO_COLUMNS = """
    report_date date, report_date_source varchar, code_version varchar,
    built_at timestamp, raw_fingerprint varchar, raw_files bigint, is_synthetic boolean,
    synthetic_scale double, synthetic_seed bigint, editions varchar, latest_edition integer,
    reproduced_edition integer, restatements bigint, approved_restatements bigint,
    unapproved_restatements bigint, restatement_policy varchar, quarantined_rows bigint,
    stale_exports bigint, is_green boolean, not_green_reasons varchar
"""
FIGURE_COLUMNS = """
    mart varchar, indicator varchar, year integer, segment varchar, dimension varchar,
    group_name varchar, numerator bigint, denominator bigint, value double, status varchar,
    is_suppressed boolean, finalised_on date, ci_lower double, ci_upper double,
    change double, change_is_significant boolean
"""
# (indicator, year, segment, numerator, denominator, value, status, finalised_on)
FIGURES = [
    ("graduation_rate", 2022, "all", 1, 3, 1 / 3, "final", "2023-01-31"),
    ("graduation_rate", 2023, "all", 2, 7, 2 / 7, "final", "2024-01-31"),
    ("job_placement_rate", 2023, "all", 1, 10, 0.1 + 0.2, "final", "2024-06-30"),
    ("applicants", 2023, "all", 6, None, 6.0, "final", "2024-01-31"),
    ("job_placement_rate_12m", 2022, "all", 3, 9, 3 / 9, "provisional", "2023-12-31"),
    ("graduation_rate", 2024, "all", 0, 2, 0.0, "provisional", "2025-01-31"),
]
FILES = [
    ("enrollments", "enrollments/enrollments_2024-12-31.csv", 120, "a" * 64),
    ("users", "users/users_2024-12-31.csv", 80, "b" * 64),
]


def fake_warehouse(
    path: Path,
    *,
    figures: list[tuple] = FIGURES,
    is_green: bool = True,
    code_version: str | None = "git:" + "0" * 40,
    is_synthetic: bool = False,
    restatements: list[dict] | None = None,
) -> Path:
    """A warehouse file holding what `impact-warehouse edition` reads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        for schema in ("marts", "intermediate", "staging"):
            con.execute(f"create schema {schema}")
        con.execute(f"create table marts.warehouse_info ({INFO_COLUMNS})")
        con.execute(
            "insert into marts.warehouse_info values (date '2024-12-31', 'exports', ?, "
            "timestamp '2025-01-02 03:04:05', 'f' , 2, ?, ?, ?, null, null, null, 0, 0, 0, "
            "'fail', ?, 0, ?, ?)",
            [
                code_version,
                is_synthetic,
                0.1 if is_synthetic else None,
                7 if is_synthetic else None,
                0 if is_green else 3,
                is_green,
                None if is_green else "3 row(s) quarantined and kept out of the figures",
            ],
        )
        con.execute(f"create table intermediate.int_figures_unioned ({FIGURE_COLUMNS})")
        for indicator, year, segment, num, den, value, status, final in figures:
            con.execute(
                "insert into intermediate.int_figures_unioned values ('impact_indicators', "
                "?, ?, ?, null, null, ?, ?, ?, ?, false, ?, null, null, null, null)",
                [indicator, year, segment, num, den, value, status, final],
            )
        con.execute(
            "create table staging.dq_raw_files (export varchar, file_path varchar, "
            "size_bytes bigint, sha256 varchar, disposition varchar)"
        )
        for row in FILES:
            con.execute("insert into staging.dq_raw_files values (?, ?, ?, ?, 'read')", list(row))
        con.execute(
            "insert into staging.dq_raw_files values ('users', '_synthetic.json', 3, null, "
            "'ignored')"
        )
        con.execute(
            "create table marts.restatements (edition integer, indicator varchar, year integer, "
            'segment varchar, dimension varchar, "group" varchar, figure varchar, '
            "frozen_value double, recomputed_value double, is_approved boolean)"
        )
        for row in restatements or []:
            con.execute(
                "insert into marts.restatements values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    row["edition"],
                    row["indicator"],
                    row["year"],
                    row["segment"],
                    row.get("dimension"),
                    row.get("group"),
                    row["figure"],
                    row["frozen_value"],
                    row["recomputed_value"],
                    row["is_approved"],
                ],
            )
    finally:
        con.close()
    return path


def _tree(directory: Path) -> dict[str, str]:
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


# where, and which code ----------------------------------------------------------------------


def test_code_version_is_the_git_commit_else_the_package_version(tmp_path: Path) -> None:
    assert re.fullmatch(r"git:[0-9a-f]{40}(\+dirty)?", editions.code_version(PROJECT_DIR))
    assert editions.code_version(tmp_path) == "package:0.1.0"


def test_editions_dir_is_given_else_the_variable_else_the_project_s(tmp_path: Path) -> None:
    assert editions.editions_dir(None, {}) == PROJECT_DIR / "editions"
    assert editions.editions_dir(None, {"IMPACT_EDITIONS_DIR": " "}) == PROJECT_DIR / "editions"
    assert editions.editions_dir(None, {"IMPACT_EDITIONS_DIR": str(tmp_path)}) == tmp_path
    assert editions.editions_dir(tmp_path / "x", {"IMPACT_EDITIONS_DIR": "y"}) == tmp_path / "x"


def test_dbt_vars_name_the_code_and_the_edition_files(tmp_path: Path) -> None:
    (tmp_path / "2023").mkdir()
    (tmp_path / "2023" / "figures.csv").write_text("edition\n")
    (tmp_path / "2023" / "files.csv").write_text("edition\n")
    (tmp_path / "2023" / "manifest.json").write_text("{}")
    (tmp_path / ".edition-2024-12").mkdir()  # a creation under way: not an edition yet
    (tmp_path / ".edition-2024-12" / "figures.csv").write_text("edition\n")
    (tmp_path / "restatements.csv").write_text("edition\n")
    found = editions.dbt_vars(tmp_path)
    # no build time: dbt's partial parse needs the same vars from build to build
    assert "built_at" not in found
    assert found["editions_dir"] == str(tmp_path)
    assert found["edition_files"] == ["2023/figures.csv", "2023/files.csv", "restatements.csv"]
    assert str(found["code_version"]).startswith("git:")
    assert editions.dbt_vars(tmp_path / "absent")["edition_files"] == []


# freezing ---------------------------------------------------------------------------------


def test_an_edition_freezes_every_final_figure_exactly(tmp_path: Path) -> None:
    published = fake_warehouse(tmp_path / "w" / "impact.duckdb")
    directory = tmp_path / "editions"
    edition = editions.create_edition(2023, published=published, directory=directory)
    assert sorted(p.name for p in edition.path.iterdir()) == [
        "figures.csv",
        "files.csv",
        "manifest.json",
    ]
    assert not list(directory.glob(".*"))  # written aside, renamed into place
    lines = edition.figures_path.read_text().splitlines()
    assert lines[0] == ",".join(editions.FIGURE_COLUMNS)
    # year <= 2023 and final: 2024 is not in the edition, nor a provisional 2022 figure
    assert [line.split(",")[2:5] for line in lines[1:]] == [
        ["applicants", "2023", "all"],
        ["graduation_rate", "2022", "all"],
        ["graduation_rate", "2023", "all"],
        ["job_placement_rate", "2023", "all"],
    ]
    assert edition.manifest["not_frozen_provisional"] == ["job_placement_rate_12m 2022 all"]
    # every double reads back as itself, in Python and in DuckDB (the build's reader)
    frozen = {(r["indicator"], r["year"]): r["value"] for r in edition.figures()}
    assert frozen[("job_placement_rate", 2023)] == 0.1 + 0.2
    assert frozen[("graduation_rate", 2023)] == 2 / 7
    con = duckdb.connect()
    try:
        read_back = con.execute(
            "select cast(value as double) from read_csv(?, all_varchar = true) "
            "where indicator = 'graduation_rate' and year = '2022'",
            [str(edition.figures_path)],
        ).fetchone()
    finally:
        con.close()
    assert read_back == (1 / 3,)
    manifest = edition.manifest
    assert (manifest["edition"], manifest["report_date"], manifest["code_version"]) == (
        2023,
        "2024-12-31",
        "git:" + "0" * 40,
    )
    assert manifest["built_at"] == "2025-01-02T03:04:05"
    assert (
        manifest["figures"]["sha256"]
        == hashlib.sha256(edition.figures_path.read_bytes()).hexdigest()
    )
    # the fingerprint: every export file read, never an ignored one
    assert [(r["file_path"], r["size_bytes"], r["sha256"]) for r in edition.files()] == [
        (path, size, sha) for _export, path, size, sha in FILES
    ]
    assert edition.problems() == []


def test_an_edition_is_never_overwritten(tmp_path: Path) -> None:
    published = fake_warehouse(tmp_path / "w" / "impact.duckdb")
    directory = tmp_path / "editions"
    editions.create_edition(2023, published=published, directory=directory)
    before = _tree(directory)
    with pytest.raises(EditionError, match=r"edition 2023 already exists .*never overwritten"):
        editions.create_edition(2023, published=published, directory=directory)
    assert _tree(directory) == before


def test_a_provisional_figure_of_the_year_refuses_the_edition(tmp_path: Path) -> None:
    published = fake_warehouse(tmp_path / "w" / "impact.duckdb")
    directory = tmp_path / "editions"
    with pytest.raises(EditionError) as refused:
        editions.create_edition(2024, published=published, directory=directory)
    assert "1 figure(s) of 2024 are provisional at the report date 2024-12-31 (G-7)" in str(
        refused.value
    )
    assert "graduation_rate 2024 all (final on 2025-01-31)" in str(refused.value)
    with pytest.raises(EditionError, match="has no figure of 2025"):
        editions.create_edition(2025, published=published, directory=directory)
    assert not directory.exists() or not list(directory.iterdir())


def test_a_warehouse_not_green_or_without_its_code_version_refuses_it(tmp_path: Path) -> None:
    published = fake_warehouse(tmp_path / "w" / "impact.duckdb", is_green=False, code_version=None)
    with pytest.raises(EditionError) as refused:
        editions.create_edition(2023, published=published, directory=tmp_path / "editions")
    message = str(refused.value)
    assert "not green (G-11): 3 row(s) quarantined" in message
    assert "does not record the version of the code" in message
    with pytest.raises(EditionError, match="no warehouse at"):
        editions.create_edition(2023, published=tmp_path / "none.duckdb", directory=tmp_path)


def test_a_frozen_file_edited_by_hand_is_named(tmp_path: Path) -> None:
    published = fake_warehouse(tmp_path / "w" / "impact.duckdb")
    directory = tmp_path / "editions"
    edition = editions.create_edition(2023, published=published, directory=directory)
    assert editions.check_editions(directory) == [edition]
    with edition.figures_path.open("a") as file:
        file.write("2023,impact_indicators,applicants,2019,all,,,1,,1.0,final,false,,,,,\n")
    with pytest.raises(EditionError, match=r"figures.csv was modified since edition 2023"):
        editions.check_editions(directory)
    with pytest.raises(EditionError, match="modified"):
        editions.load_frozen(2023, directory)


def test_load_frozen_returns_the_rows_of_impact_indicators(tmp_path: Path) -> None:
    published = fake_warehouse(tmp_path / "w" / "impact.duckdb")
    directory = tmp_path / "editions"
    editions.create_edition(2023, published=published, directory=directory)
    rows = editions.load_frozen(2023, directory)
    assert [tuple(row) for row in rows] == [editions.INDICATOR_COLUMNS] * 4
    assert rows[0] == {
        "indicator": "applicants",
        "year": 2023,
        "segment": "all",
        "numerator": 6,
        "denominator": None,
        "value": 6.0,
        "status": "final",
        "is_suppressed": False,
        "finalised_on": dt.date(2024, 1, 31),
    }
    with pytest.raises(EditionError, match="no edition 2021"):
        editions.load_frozen(2021, directory)


def test_load_frozen_returns_each_mart_in_its_own_shape(tmp_path: Path) -> None:
    """The frozen grain has dimension and group from the start: an outcome status row
    (graduate_outcomes, M-OUT) reads back as a row of its mart."""
    published = fake_warehouse(tmp_path / "w" / "impact.duckdb")
    con = duckdb.connect(str(published))
    try:
        con.execute(
            "insert into intermediate.int_figures_unioned values ('graduate_outcomes', "
            "'graduate_outcomes', 2023, 'apprentice', 'outcome_status', 'employed_in_field', "
            "12, null, 0.4, 'final', false, null, null, null, null, null)"
        )
    finally:
        con.close()
    directory = tmp_path / "editions"
    editions.create_edition(2023, published=published, directory=directory)
    assert editions.load_frozen(2023, directory, mart="graduate_outcomes") == [
        {
            "year": 2023,
            "segment": "apprentice",
            "outcome_status": "employed_in_field",
            "graduates": 12,
            "share": 0.4,
            "status": "final",
            "is_suppressed": False,
        }
    ]
    assert len(editions.load_frozen(2023, directory)) == 4  # impact_indicators' rows only
    assert editions.load_frozen(2023, directory, mart="impact_by_group") == []
    with pytest.raises(EditionError, match="not impact_report"):
        editions.load_frozen(2023, directory, mart="impact_report")


# approving --------------------------------------------------------------------------------


def test_approve_appends_one_row_per_unapproved_restatement(tmp_path: Path) -> None:
    directory = tmp_path / "editions"
    editions.create_edition(
        2023, published=fake_warehouse(tmp_path / "a" / "impact.duckdb"), directory=directory
    )
    frozen = _tree(directory)
    restated = [
        {
            "edition": 2023,
            "indicator": "graduation_rate",
            "year": 2023,
            "segment": "all",
            "figure": "graduation_rate 2023 all",
            "frozen_value": 2 / 7,
            "recomputed_value": 1 / 7,
            "is_approved": False,
        },
        {
            "edition": 2023,
            "indicator": "applicants",
            "year": 2023,
            "segment": "all",
            "figure": "applicants 2023 all",
            "frozen_value": 6.0,
            "recomputed_value": 5.0,
            "is_approved": True,
        },
    ]
    published = fake_warehouse(tmp_path / "b" / "impact.duckdb", restatements=restated)
    with pytest.raises(EditionError, match="needs its reason"):
        editions.approve(2023, " ", published=published, directory=directory)
    rows = editions.approve(
        2023,
        "enrolment 4 re-exported as dropped out",
        published=published,
        directory=directory,
        approved_on=dt.date(2025, 2, 1),
    )
    assert [editions.figure_name(row) for row in rows] == ["graduation_rate 2023 all"]
    assert (directory / "restatements.csv").read_text() == (
        "edition,indicator,year,segment,dimension,group,reason,approved_on\n"
        "2023,graduation_rate,2023,all,,,enrolment 4 re-exported as dropped out,2025-02-01\n"
    )
    assert {k: v for k, v in _tree(directory).items() if k != "restatements.csv"} == frozen
    with pytest.raises(EditionError, match="nothing to approve.*restatement_policy"):
        editions.approve(2023, "x", published=published, directory=directory, year=2022)
    with pytest.raises(EditionError, match="no edition 2022"):
        editions.approve(2022, "x", published=published, directory=directory)


# the command ------------------------------------------------------------------------------


def test_edition_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    published = fake_warehouse(tmp_path / "w" / "impact.duckdb", is_synthetic=True)
    common = ["--editions-dir", str(tmp_path / "e"), "--duckdb-path", str(published)]
    assert main(["edition", *common, "list"]) == 0
    assert "no edition in" in capsys.readouterr().out
    assert main(["edition", *common, "create", "2023"]) == 0
    assert "froze edition 2023: 4 figures" in capsys.readouterr().out
    assert main(["edition", *common, "create", "2023"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["edition", *common, "list"]) == 0
    out = capsys.readouterr().out
    assert "edition 2023: 4 figures, report date 2024-12-31" in out
    assert "SYNTHETIC (scale 0.1, seed 7); intact" in out
    assert main(["edition", *common, "show", "2023"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"graduation_rate 2023 all +28\.6% +2 +7", out)
    assert "restatements in the published warehouse: none" in out


# marts.warehouse_info on the sample -------------------------------------------------------


def _rows(db: Path, sql: str) -> list[dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cursor = con.execute(sql)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def _fingerprint(raw: Path) -> str:
    """The raw fingerprint recomputed from the files themselves (hidden ones are ignored)."""
    lines = sorted(
        f"{path.relative_to(raw).as_posix()}|{path.stat().st_size}|"
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}"
        for path in raw.rglob("*")
        if path.is_file() and not any(part[0] in "_." for part in path.relative_to(raw).parts)
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def test_warehouse_info_describes_the_sample_build(sample_warehouse: SampleWarehouse) -> None:
    (info,) = _rows(sample_warehouse.duckdb_path, "select * from marts.warehouse_info")
    marker = json.loads((sample_warehouse.raw_dir / "_synthetic.json").read_text())
    assert (info["is_synthetic"], info["synthetic_scale"], info["synthetic_seed"]) == (
        True,
        marker["scale"],
        marker["seed"],
    )
    assert info["raw_fingerprint"] == _fingerprint(sample_warehouse.raw_dir)
    (resolved,) = _rows(
        sample_warehouse.duckdb_path, "select * from intermediate.int_report_date_resolved"
    )
    assert info["report_date"] == resolved["report_date"]
    # dbt run directly: no code version, its own start time; no edition in the tests' dir
    assert info["code_version"] is None and info["built_at"] is not None
    assert (info["editions"], info["reproduced_edition"], info["restatements"]) == (None, None, 0)
    assert info["is_green"] == (info["quarantined_rows"] == 0 and info["stale_exports"] == 0)
    assert _rows(sample_warehouse.duckdb_path, "select * from marts.restatements") == []


def test_the_sample_cannot_be_frozen_as_edition_2023(
    sample_warehouse: SampleWarehouse, tmp_path: Path
) -> None:
    """The exports end on 2024-07-01: job_placement_rate_12m 2023 is final on 2024-12-31."""
    with pytest.raises(EditionError) as refused:
        editions.create_edition(
            2023, published=sample_warehouse.duckdb_path, directory=tmp_path / "e"
        )
    provisional = "job_placement_rate_12m 2023 all and 42 groups (final on 2024-12-31)"
    assert provisional in str(refused.value)
    assert "does not record the version of the code" in str(refused.value)
    assert not (tmp_path / "e" / "2023").exists()


def test_the_headline_says_synthetic_and_the_edition(tmp_path: Path) -> None:
    restated = [
        {
            "edition": 2023,
            "indicator": "graduation_rate",
            "year": 2023,
            "segment": "all",
            "figure": "graduation_rate 2023 all",
            "frozen_value": 2 / 7,
            "recomputed_value": 1 / 7,
            "is_approved": True,
        }
    ]
    db = fake_warehouse(tmp_path / "impact.duckdb", is_synthetic=True, restatements=restated)
    con = duckdb.connect(str(db))
    try:
        con.execute("alter table marts.restatements add column reason varchar")
        con.execute("alter table marts.restatements add column approved_on date")
        con.execute(
            "update marts.restatements set reason = 'late export', approved_on = '2025-02-01'"
        )
        con.execute("update marts.warehouse_info set editions = '2023', reproduced_edition = 2023")
    finally:
        con.close()
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert editions.synthetic_label(con) == (
            "SYNTHETIC exports (generator scale 0.1, seed 7): these figures are not the platform's."
        )
        assert editions.edition_lines(con) == [
            "edition: reproduces edition 2023 (editions known: 2023).",
            "approved restatements since (1), figure: old -> new (reason):",
            "  edition 2023, graduation_rate 2023 all: 28.6% -> 14.3% (late export, approved "
            "2025-02-01)",
        ]
    finally:
        con.close()


# the build --------------------------------------------------------------------------------

# A project whose only mart says whether its exports were synthetic, as warehouse_info does.
INFO_PROJECT = {
    "models/warehouse_info.sql": (
        "select cast({{ var('synthetic', false) }} as boolean) as is_synthetic, "
        "'{{ var('code_version', '') }}' as code_version"
    ),
}


def _build_args(tmp_path: Path, *extra: str) -> argparse.Namespace:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / "x.csv").write_text("a\n1\n")
    return build_parser("build").parse_args(
        [
            "build",
            "--raw-dir",
            str(raw),
            "--duckdb-path",
            str(tmp_path / "warehouse" / "impact.duckdb"),
            "--target-path",
            str(tmp_path / "target"),
            "--no-headline",
            *extra,
        ]
    )


def _published_info(tmp_path: Path) -> tuple:
    return tuple(
        _rows(tmp_path / "warehouse" / "impact.duckdb", "select * from marts.warehouse_info")[
            0
        ].values()
    )


def test_synthetic_exports_never_replace_a_warehouse_of_real_ones_unasked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project(tmp_path / "project", {**project_files(), **INFO_PROJECT})

    def run(*extra: str) -> int:
        return build.execute(_build_args(tmp_path, *extra), project_dir=project)

    assert run("--vars", '{"synthetic": false}') == 0
    real = _published_info(tmp_path)
    assert real[0] is False and real[1].startswith("git:")  # the build passed code_version
    published = tmp_path / "warehouse" / "impact.duckdb"
    before = hashlib.sha256(published.read_bytes()).hexdigest()
    assert run("--vars", '{"synthetic": true}') == 1
    err = capsys.readouterr().err
    assert "not publishing: this build read SYNTHETIC exports" in err
    assert "--allow-synthetic-over-real" in err
    assert hashlib.sha256(published.read_bytes()).hexdigest() == before
    assert run("--vars", '{"synthetic": true}', "--allow-synthetic-over-real") == 0
    assert _published_info(tmp_path)[0] is True
    # real over synthetic needs nothing
    assert run("--vars", '{"synthetic": false}') == 0


def test_a_build_refuses_to_start_when_an_edition_was_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "editions"
    edition = editions.create_edition(
        2023, published=fake_warehouse(tmp_path / "w" / "impact.duckdb"), directory=directory
    )
    edition.files_path.write_text("edited\n")
    monkeypatch.setenv("IMPACT_EDITIONS_DIR", str(directory))
    project = write_project(tmp_path / "project", {**project_files(), **INFO_PROJECT})
    args = _build_args(tmp_path)
    assert build.execute(args, project_dir=project) == 1
    err = capsys.readouterr().err
    assert "files.csv was modified since edition 2023 was frozen" in err
    assert "restore the edition from git" in err
    assert not (tmp_path / "warehouse" / "impact.duckdb").exists()
    assert os.environ["IMPACT_EDITIONS_DIR"] == str(directory)
