"""C-3 No silent shrinkage (docs/input-contract.md Completeness): a pre-publish check of the build.

Against the warehouse published before, the row count of each export and of each login
month may grow, but may not drop by more than a tolerance: dbt var `shrinkage_tolerance`
(a share of the published count; its default, 0.01 = 1%, is declared in dbt_project.yml;
for one build: `impact-warehouse build --vars '{"shrinkage_tolerance": 0.05}'`). A larger
drop refuses the build (nothing is published) naming the export or the month and both
counts. A first build has nothing to compare with.

The counts are the data-quality layer's, read from both warehouse files (read-only):
- an export: the raw rows of its files read, `staging.dq_raw_files` (disposition 'read');
- a login month: its raw events, `staging.dq_login_months`.
Raw rows, not kept rows: quarantined rows fail the build on their own (or warn under
`quarantine_tolerance`); this check is about what was delivered. A month or an export the
published warehouse has and the new build lacks counts as 0 rows: a login month deleted
at the start or at the end of logins/ (where C-1, contiguous months, sees no gap) is
caught here.

A published warehouse built before the data-quality layer (no such relation) has nothing
to compare with either: the check says so and lets the build through. A build of a project
without the layer (the tests' tiny projects) is not checked at all.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import yaml

TOLERANCE_VAR = "shrinkage_tolerance"
EXPORT_ROWS = "staging.dq_raw_files"
MONTH_ROWS = "staging.dq_login_months"
EXPORT_ROWS_SQL = (
    f"select export, sum(raw_rows) from {EXPORT_ROWS} "
    "where disposition = 'read' and export is not null group by export"
)
MONTH_ROWS_SQL = f"select login_month, sum(raw_rows) from {MONTH_ROWS} group by login_month"
# (level, relation, query): what is compared
LEVELS = (("export", EXPORT_ROWS, EXPORT_ROWS_SQL), ("login month", MONTH_ROWS, MONTH_ROWS_SQL))
NAME = "C-3 no silent shrinkage"


class ShrinkageError(RuntimeError):
    """The new build's counts dropped too far; `report` says which (JSON-ready)."""

    def __init__(self, message: str, report: dict[str, Any]) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class Drop:
    level: str  # "export" | "login month"
    name: str
    published_rows: int
    new_rows: int

    @property
    def share(self) -> float:
        return (self.published_rows - self.new_rows) / self.published_rows

    def line(self) -> str:
        return (
            f"{self.level} {self.name}: {self.published_rows:,} rows published, "
            f"{self.new_rows:,} in this build (-{self.share:.1%})"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "name": self.name,
            "published_rows": self.published_rows,
            "new_rows": self.new_rows,
            "drop_share": round(self.share, 6),
        }


def tolerance(dbt_vars: Mapping[str, object] | None, project_dir: Path) -> float | None:
    """The build's `shrinkage_tolerance`: from its --vars, else dbt_project.yml's vars;
    None when neither has it (a project without the check)."""
    if dbt_vars and TOLERANCE_VAR in dbt_vars:
        value: object = dbt_vars[TOLERANCE_VAR]
        origin = "--vars"
    else:
        config = yaml.safe_load((project_dir / "dbt_project.yml").read_text(encoding="utf-8"))
        declared = (config or {}).get("vars") or {}
        if TOLERANCE_VAR not in declared:
            return None
        value, origin = declared[TOLERANCE_VAR], "dbt_project.yml"
    try:
        share = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        share = math.nan
    if not 0 <= share <= 1:
        raise ValueError(
            f"var {TOLERANCE_VAR} ({origin}) must be a share between 0 and 1 (0.01 = 1%), "
            f"not {value!r}"
        )
    return share


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, int] | None]:
    """{level: {name: rows}}, None for a level whose relation is not in the file."""
    found: dict[str, dict[str, int] | None] = {}
    for level, relation, sql in LEVELS:
        schema, _, table = relation.partition(".")
        exists = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = ? and table_name = ?",
            [schema, table],
        ).fetchone()
        if not exists or not exists[0]:
            found[level] = None
            continue
        found[level] = {str(name): int(rows or 0) for name, rows in con.execute(sql).fetchall()}
    return found


def read_counts(path: Path) -> dict[str, dict[str, int] | None]:
    """The row counts of a warehouse file, opened read-only (an analyst may hold it)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return _counts(con)
    finally:
        con.close()


def drops(
    published: Mapping[str, int], new: Mapping[str, int], level: str, share: float
) -> list[Drop]:
    """Every name whose count fell by more than `share` of its published count (a name
    the new build lacks has 0 rows). Growth, and a drop of exactly `share`, pass."""
    found = []
    for name in sorted(published):
        before, after = published[name], new.get(name, 0)
        if before > 0 and before - after > share * before:
            found.append(Drop(level, name, before, after))
    return found


def check(new_file: Path, published_file: Path | None, share: float | None) -> str | None:
    """Raise ShrinkageError naming every count that dropped by more than `share`; else
    return the line the build shows (None: a project without the data-quality layer)."""
    new_counts = read_counts(new_file)
    if all(counts is None for counts in new_counts.values()):
        return None  # a project without the data-quality layer: nothing to check
    if share is None:
        raise ShrinkageError(f"{NAME}: var {TOLERANCE_VAR} is not declared", {})
    if published_file is None:
        return f"{NAME}: first build, nothing to compare with"
    old_counts = read_counts(published_file)
    found: list[Drop] = []
    compared: list[str] = []
    for level, relation, _sql in LEVELS:
        before, after = old_counts[level], new_counts[level]
        if after is None:
            raise ShrinkageError(
                f"{NAME}: this build has no {relation} to compare with the published "
                "warehouse; not publishing",
                {"shrinkage": {"missing_relation": relation}},
            )
        if before is None:
            continue  # the published warehouse predates it
        found += drops(before, after, level, share)
        compared.append(f"{len(before)} {level}{'s' if len(before) != 1 else ''}")
    if not compared:
        return f"{NAME}: the published warehouse has no row counts to compare with"
    if not found:
        compared_text = " and ".join(compared)
        return f"{NAME}: {compared_text} compared, none dropped by more than {share:.1%}"
    lines = "\n".join(f"  {drop.line()}" for drop in found)
    raise ShrinkageError(
        f"{NAME} (docs/input-contract.md, C-3): against the published warehouse "
        f"{published_file}, "
        f"{len(found)} row count(s) dropped by more than the tolerance "
        f"({share:.1%}, var {TOLERANCE_VAR}):\n{lines}\n"
        "The exports look incomplete: nothing was published. If the drop is intended (rows "
        "deleted on purpose, another set of exports such as a smaller sample), build once "
        "with a larger tolerance, e.g. "
        f"--vars '{{\"{TOLERANCE_VAR}\": 1}}'.",
        {
            "shrinkage": {
                "published": str(published_file),
                "tolerance": share,
                "drops": [drop.as_dict() for drop in found],
            }
        },
    )


def shrinkage_check(
    dbt_vars: Mapping[str, object] | None, project_dir: Path
) -> Callable[[Path, Path | None], str | None]:
    """The pre-publish check of a build with these vars (build.PrePublishCheck). The
    tolerance is read now, so that a bad value stops the build before dbt runs."""
    from impact_warehouse.build import BuildError  # build imports this module

    try:
        share = tolerance(dbt_vars, project_dir)
    except ValueError as error:
        raise BuildError(str(error)) from error

    def no_silent_shrinkage(new_file: Path, published_file: Path | None) -> str | None:
        try:
            return check(new_file, published_file, share)
        except ShrinkageError as error:
            raise BuildError(str(error), report=error.report) from error

    return no_silent_shrinkage
