"""Incremental builds (issue 12): when a build may start from the published warehouse.

`impact-warehouse build` never writes to the published file. A full build starts from an
empty file; an incremental build starts from a *copy* of the published file, in the same
building directory, so that the models staged by file (materialization staged_by_file)
find the file versions they already hold and stage only the new or changed files. Either
way the result is renamed over the published file only when every test passed.

A copy is only as good as the code that built it. Every published warehouse records, in
its table `main.warehouse_build`, the fingerprint of the project that built it (the
SHA-256 of every file dbt reads: dbt_project.yml, profiles.yml, models/, macros/,
materializations/, seeds/, tests/generic/, tests/singular/, the dbt-duckdb plugins of
src/impact_warehouse, and the versions of dbt-core, dbt-duckdb and duckdb), the dbt vars,
and whether the unit tests passed. The next build starts from the copy only when its
project fingerprint is the same; otherwise (or with --full-refresh, or when there is no
usable published file) it
builds from nothing, and says why. Unit tests depend on the code and the vars only, not
on the exports: a build that starts from a copy made by the same code and vars, whose
unit tests passed, does not run them again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import duckdb

STATE_SCHEMA = "main"
STATE_TABLE = "warehouse_build"
# What dbt reads, relative to the project directory (folders are read recursively).
FINGERPRINTED = (
    "dbt_project.yml",
    "profiles.yml",
    "models",
    "macros",
    "materializations",
    "seeds",
    "tests/generic",
    "tests/singular",
)
# The dbt-duckdb plugins profiles.yml loads (they define SQL functions and variables).
PLUGIN_MODULES = ("duckdb_plugin.py", "raw_fingerprints.py", "pseudonym.py")
PACKAGES = ("dbt-core", "dbt-duckdb", "duckdb")
FULL = "full"
INCREMENTAL = "incremental"
# Vars that change on every build and that no unit test may depend on (the build time
# that marts.warehouse_info records): left out of the vars compared and recorded.
VOLATILE_VARS = ("built_at",)


@dataclass(frozen=True)
class Start:
    """How a build starts: from nothing (`full`) or from a copy of the published file."""

    mode: str
    reason: str
    skip_unit_tests: bool = False

    @property
    def incremental(self) -> bool:
        return self.mode == INCREMENTAL

    def describe(self) -> str:
        if self.incremental:
            unit = "; unit tests passed with this code and these vars: not run again"
            return (
                "incremental: on a copy of the published warehouse, only new or changed"
                f" files are staged ({self.reason}{unit if self.skip_unit_tests else ''})"
            )
        return f"full build from nothing ({self.reason})"


def project_fingerprint(project_dir: Path) -> str:
    """SHA-256 over every file dbt reads (FINGERPRINTED), the plugins and the versions."""
    digest = hashlib.sha256()
    files: list[Path] = []
    for name in FINGERPRINTED:
        path = project_dir / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in sorted(files):
        digest.update(path.relative_to(project_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    package_dir = Path(__file__).resolve().parent
    for name in PLUGIN_MODULES:
        digest.update(name.encode() + b"\0" + (package_dir / name).read_bytes())
    for package in PACKAGES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{package}=={version}\0".encode())
    return digest.hexdigest()


def vars_text(dbt_vars: dict[str, object] | None) -> str:
    """The vars as the build record keeps them (without VOLATILE_VARS)."""
    kept = {k: v for k, v in (dbt_vars or {}).items() if k not in VOLATILE_VARS}
    return json.dumps(kept, sort_keys=True, default=str)


def read_state(published: Path) -> dict[str, object] | None:
    """The published warehouse's build record, or None (no file, no record, unreadable)."""
    if not published.is_file():
        return None
    try:
        con = duckdb.connect(str(published), read_only=True)
    except duckdb.Error:
        return None
    try:
        rows = con.execute(
            "select * from information_schema.tables where table_schema = ? and table_name = ?",
            [STATE_SCHEMA, STATE_TABLE],
        ).fetchall()
        if not rows:
            return None
        cursor = con.execute(f"select * from {STATE_SCHEMA}.{STATE_TABLE}")
        names = [column[0] for column in cursor.description]
        values = cursor.fetchone()
        return dict(zip(names, values, strict=True)) if values else None
    except duckdb.Error:
        return None
    finally:
        con.close()


def choose_start(
    published: Path,
    *,
    fingerprint: str,
    dbt_vars: dict[str, object] | None,
    full_refresh: bool,
) -> Start:
    """Full or incremental, and why; whether the unit tests need to run again."""
    if full_refresh:
        return Start(FULL, "--full-refresh")
    if not published.is_file():
        return Start(FULL, f"no published warehouse at {published}")
    state = read_state(published)
    if state is None:
        return Start(FULL, "the published warehouse records no build (made by older code)")
    if state.get("project_fingerprint") != fingerprint:
        return Start(
            FULL,
            "the project changed since the published build (models, macros, seeds, tests,"
            " profile, plugins or package versions)",
        )
    skip = bool(state.get("unit_tests_passed")) and state.get("dbt_vars") == vars_text(dbt_vars)
    return Start(INCREMENTAL, f"same project as the build of {state.get('built_at')} UTC", skip)


def record(
    building: Path,
    *,
    start: Start,
    fingerprint: str,
    dbt_vars: dict[str, object] | None,
    raw: Path,
    unit_tests_passed: bool,
) -> None:
    """Write the build record into the new warehouse file (before it is published)."""
    con = duckdb.connect(str(building))
    try:
        con.execute(f"create schema if not exists {STATE_SCHEMA}")
        con.execute(
            f"create or replace table {STATE_SCHEMA}.{STATE_TABLE} ("
            " built_at timestamp, mode varchar, start_reason varchar,"
            " project_fingerprint varchar, dbt_vars varchar, unit_tests_passed boolean,"
            " raw_dir varchar)"
        )
        con.execute(
            f"insert into {STATE_SCHEMA}.{STATE_TABLE} values (?, ?, ?, ?, ?, ?, ?)",
            [
                dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
                start.mode,
                start.reason,
                fingerprint,
                vars_text(dbt_vars),
                unit_tests_passed,
                str(raw),
            ],
        )
        comment = RECORD_COMMENT.replace("'", "''")
        con.execute(f"comment on table {STATE_SCHEMA}.{STATE_TABLE} is '{comment}'")
    finally:
        con.close()


RECORD_COMMENT = (
    "One row: how this warehouse was built (impact_warehouse.incremental). The next"
    " `impact-warehouse build` starts from a copy of it only when project_fingerprint is"
    " the fingerprint of its own project."
)
