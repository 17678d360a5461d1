"""C-3 No silent shrinkage (docs/input-contract.md Completeness): the build's pre-publish check
(src/impact_warehouse/completeness.py).

The comparison on hand-made warehouse files (the two relations it reads, nothing else),
then the check inside the real build machinery on a tiny dbt project whose data-quality
models carry the same names and columns. tests/python/test_build_project.py runs it on
this project's own build.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from impact_warehouse import build, completeness
from impact_warehouse.build import BuildError
from impact_warehouse.cli import build_parser
from impact_warehouse.dbtrun import PROJECT_DIR
from tiny_dbt import PROFILE, SCHEMA_MACRO, write_project

FILES = [
    ("users", "users/users_2024-07-01.csv", "read", 1000),
    ("users", "users/README.md", "ignored", None),
    ("enrollments", "enrollments/enrollments_2024-01-01.csv", "read", 400),
    ("enrollments", "enrollments/enrollments_2024-07-01.csv", "read", 600),
    ("logins", "logins/month=2024-05/part-0.parquet", "read", 500),
    ("logins", "logins/month=2024-06/part-0.parquet", "read", 300),
]
MONTHS = [("2024-05", 500), ("2024-06", 300)]


def _warehouse(
    path: Path,
    files: list[tuple] | None = None,
    months: list[tuple] | None = None,
) -> Path:
    """A warehouse file with the two relations the check reads (None: leave it out)."""
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema staging")
        if files is not None:
            con.execute(
                "create table staging.dq_raw_files "
                "(export varchar, file_path varchar, disposition varchar, raw_rows bigint)"
            )
            if files:
                con.executemany("insert into staging.dq_raw_files values (?, ?, ?, ?)", files)
        if months is not None:
            con.execute(
                "create table staging.dq_login_months (login_month varchar, raw_rows bigint)"
            )
            if months:
                con.executemany("insert into staging.dq_login_months values (?, ?)", months)
    finally:
        con.close()
    return path


def _replace(rows: list[tuple], index: int, value: object) -> list[tuple]:
    return [(*row[:-1], value) if i == index else row for i, row in enumerate(rows)]


@pytest.fixture()
def published(tmp_path: Path) -> Path:
    return _warehouse(tmp_path / "published.duckdb", FILES, MONTHS)


def test_a_first_build_has_nothing_to_compare_with(tmp_path: Path) -> None:
    new = _warehouse(tmp_path / "new.duckdb", FILES, MONTHS)
    assert completeness.check(new, None, 0.01) == (
        "C-3 no silent shrinkage: first build, nothing to compare with"
    )


def test_growth_and_a_drop_within_the_tolerance_publish(tmp_path: Path, published: Path) -> None:
    # users 1000 -> 990: exactly 1%; a month more; logins 2024-05 grows
    files = _replace(_replace(FILES, 0, 990), 4, 900) + [
        ("logins", "logins/month=2024-07/part-0.parquet", "read", 10)
    ]
    new = _warehouse(tmp_path / "new.duckdb", files, [("2024-05", 900), ("2024-06", 300)])
    assert completeness.check(new, published, 0.01) == (
        "C-3 no silent shrinkage: 3 exports and 2 login months compared, "
        "none dropped by more than 1.0%"
    )


def test_rows_dropped_from_an_export_refuse_the_build_with_both_counts(
    tmp_path: Path, published: Path
) -> None:
    # enrollments: the older file lost 11 of its 400 rows (1000 -> 989, 1.1%)
    new = _warehouse(tmp_path / "new.duckdb", _replace(FILES, 2, 389), MONTHS)
    with pytest.raises(completeness.ShrinkageError) as refused:
        completeness.check(new, published, 0.01)
    message = str(refused.value)
    assert "1 row count(s) dropped by more than the tolerance (1.0%" in message
    assert "export enrollments: 1,000 rows published, 989 in this build (-1.1%)" in message
    assert str(published) in message and "shrinkage_tolerance" in message
    assert refused.value.report["shrinkage"]["drops"] == [
        {
            "level": "export",
            "name": "enrollments",
            "published_rows": 1000,
            "new_rows": 989,
            "drop_share": 0.011,
        }
    ]
    # a larger tolerance lets the same build through
    assert completeness.check(new, published, 0.02).startswith("C-3 no silent shrinkage: 3 ex")


def test_a_login_month_that_shrank_or_went_missing_is_named(
    tmp_path: Path, published: Path
) -> None:
    # the first month's events halved, the last month deleted (folder and all): C-1 sees
    # no gap in either case, the report date may move back with the last month
    files = [row for row in _replace(FILES, 4, 250) if "2024-06" not in row[1]]
    new = _warehouse(tmp_path / "new.duckdb", files, [("2024-05", 250)])
    with pytest.raises(completeness.ShrinkageError) as refused:
        completeness.check(new, published, 0.01)
    lines = [line.strip() for line in str(refused.value).splitlines()]
    assert "export logins: 800 rows published, 250 in this build (-68.8%)" in lines
    assert "login month 2024-05: 500 rows published, 250 in this build (-50.0%)" in lines
    assert "login month 2024-06: 300 rows published, 0 in this build (-100.0%)" in lines


def test_an_export_gone_from_the_new_build_counts_as_zero(tmp_path: Path, published: Path) -> None:
    new = _warehouse(tmp_path / "new.duckdb", [r for r in FILES if r[0] != "users"], MONTHS)
    with pytest.raises(completeness.ShrinkageError, match="export users: 1,000 rows published, 0"):
        completeness.check(new, published, 0.01)


def test_a_published_warehouse_without_the_counts_is_not_compared(tmp_path: Path) -> None:
    new = _warehouse(tmp_path / "new.duckdb", FILES, MONTHS)
    old = _warehouse(tmp_path / "old.duckdb")  # built before the data-quality layer
    assert completeness.check(new, old, 0.01) == (
        "C-3 no silent shrinkage: the published warehouse has no row counts to compare with"
    )
    partly = _warehouse(tmp_path / "partly.duckdb", FILES)  # what it has is compared
    new2 = _warehouse(tmp_path / "new2.duckdb", _replace(FILES, 0, 10), [])
    with pytest.raises(completeness.ShrinkageError, match="export users: 1,000 rows published"):
        completeness.check(new2, partly, 0.01)
    # a new build that lacks one of them is never published unchecked
    with pytest.raises(completeness.ShrinkageError, match="no staging.dq_login_months"):
        completeness.check(_warehouse(tmp_path / "new3.duckdb", FILES), new, 0.01)


def test_a_project_without_the_layer_is_not_checked(tmp_path: Path, published: Path) -> None:
    bare = _warehouse(tmp_path / "bare.duckdb")
    assert completeness.check(bare, published, 0.01) is None
    assert completeness.check(bare, None, None) is None
    with pytest.raises(completeness.ShrinkageError, match="not declared"):
        completeness.check(published, None, None)


def test_the_tolerance_is_a_dbt_var(tmp_path: Path) -> None:
    assert completeness.tolerance(None, PROJECT_DIR) == 0.01  # dbt_project.yml
    assert completeness.tolerance({"shrinkage_tolerance": 0.05}, PROJECT_DIR) == 0.05
    assert completeness.tolerance({"shrinkage_tolerance": "1"}, PROJECT_DIR) == 1.0
    (tmp_path / "dbt_project.yml").write_text("name: bare\nvars: {}\n")
    assert completeness.tolerance(None, tmp_path) is None
    for bad in (1.5, -0.1, "1%", None):
        with pytest.raises(ValueError, match="must be a share between 0 and 1"):
            completeness.tolerance({"shrinkage_tolerance": bad}, PROJECT_DIR)
    # a bad value stops the build before dbt runs
    with pytest.raises(BuildError, match="shrinkage_tolerance"):
        build.build_and_publish(
            published=tmp_path / "w" / "impact.duckdb",
            raw=tmp_path,
            dbt_vars={"shrinkage_tolerance": 5},
            echo=False,
        )
    assert not (tmp_path / "w").exists()


# ------------------------------------------------------- inside the build (tiny project)
TINY = {
    "dbt_project.yml": """
        name: tiny
        version: "1.0.0"
        config-version: 2
        profile: tiny
        flags:
          send_anonymous_usage_stats: false
        models:
          tiny:
            +materialized: table
            +schema: staging
        vars:
          shrinkage_tolerance: 0.01
    """,
    "profiles.yml": PROFILE,
    "macros/generate_schema_name.sql": SCHEMA_MACRO,
    "models/dq_raw_files.sql": """
        select export, file_path, 'read' as disposition, cast(raw_rows as bigint) as raw_rows
        from read_csv('{{ env_var("IMPACT_RAW_DIR") }}/files.csv', header = true)
    """,
    "models/dq_login_months.sql": """
        select
            regexp_extract(file_path, 'month=([0-9-]+)/', 1) as login_month,
            sum(raw_rows) as raw_rows
        from {{ ref('dq_raw_files') }}
        where export = 'logins'
        group by 1
    """,
}


def _files(raw: Path, rows: dict[str, int]) -> None:
    lines = ["export,file_path,raw_rows"]
    lines += [f"{path.split('/')[0]},{path},{n}" for path, n in rows.items()]
    (raw / "files.csv").write_text("\n".join(lines) + "\n")


def test_the_build_publishes_or_refuses_by_the_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project(tmp_path / "project", TINY)
    raw = tmp_path / "raw"
    raw.mkdir()
    published = tmp_path / "warehouse" / "impact.duckdb"
    record = published.parent / "last-failed-build.json"

    def execute(*extra: str) -> int:
        args = build_parser("build").parse_args(
            [
                "build",
                "--raw-dir",
                str(raw),
                "--duckdb-path",
                str(published),
                "--target-path",
                str(tmp_path / "target"),
                "--no-headline",
                *extra,
            ]
        )
        return build.execute(args, project_dir=project)

    counts = {
        "users/users_2024-07-01.csv": 1000,
        "logins/month=2024-05/part-0.parquet": 500,
        "logins/month=2024-06/part-0.parquet": 300,
    }
    _files(raw, counts)
    assert execute() == 0
    out = capsys.readouterr().out
    assert "  checks        C-3 no silent shrinkage: first build, nothing to compare with" in out
    before = published.read_bytes()

    # the last login month deleted, users down by 2%: refused, nothing published
    _files(
        raw,
        {
            "users/users_2024-07-01.csv": 980,
            "logins/month=2024-05/part-0.parquet": 500,
        },
    )
    assert execute() != 0
    err = capsys.readouterr().err
    assert "left untouched" in err
    assert "export users: 1,000 rows published, 980 in this build (-2.0%)" in err
    assert "login month 2024-06: 300 rows published, 0 in this build (-100.0%)" in err
    assert published.read_bytes() == before
    refused = json.loads(record.read_text())
    assert (refused["stage"], refused["check"]) == ("pre-publish check", "no_silent_shrinkage")
    assert {
        (d["name"], d["published_rows"], d["new_rows"]) for d in refused["shrinkage"]["drops"]
    } == {
        ("users", 1000, 980),
        ("logins", 800, 500),
        ("2024-06", 300, 0),
    }

    # the same build with a tolerance for it: published
    assert execute("--vars", '{"shrinkage_tolerance": 1}') == 0
    assert published.read_bytes() != before and not record.exists()
    capsys.readouterr()

    # within 1% of the counts just published (500 -> 495), and growth: published
    _files(raw, {"users/users_2024-07-01.csv": 2000, "logins/month=2024-05/part-0.parquet": 495})
    assert execute() == 0
    out = capsys.readouterr().out
    assert "2 exports and 1 login month compared, none dropped by more than 1.0%" in out
