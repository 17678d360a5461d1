"""Editions (G-11) and restatements (G-12): what was published stays published.

    impact-warehouse edition create 2023     freeze edition 2023 from the published warehouse
    impact-warehouse edition list            the editions, each checked against its manifest
    impact-warehouse edition show 2023       what edition 2023 froze, and its restatements
    impact-warehouse edition approve 2023 --reason "..."   approve its listed restatements

The editions directory is $IMPACT_EDITIONS_DIR (default `editions/` at the project root;
a relative path is relative to the current directory). It holds plain files a team
commits to git, never the warehouse file, never touched by `make clean`:

    <dir>/2023/figures.csv    every final figure with year <= 2023 (int_figures_unioned:
                              the marts of macro edition_marts), one row per figure
    <dir>/2023/files.csv      the fingerprint of every export file read: name, size, SHA-256
    <dir>/2023/manifest.json  report date, code version, build time, raw fingerprint,
                              synthetic or not, and the SHA-256 of the two CSV files
    <dir>/restatements.csv    approved restatements: edition, indicator, year, segment,
                              dimension, group, reason, approved_on (empty dimension and
                              group: the row of impact_indicators)

An edition is written once (into a hidden folder, then renamed into place) and never
rewritten: `edition create` refuses, naming why, an edition that exists, a figure of the
year that is provisional (G-7), a published warehouse that is not green (marts.
warehouse_info.is_green: no quarantined row, no stale export, no unapproved restatement)
or whose code version was not recorded (dbt run directly). Every build reads the editions
(dbt source `editions`) and lists in marts.restatements each frozen figure it computes
differently; an unapproved one fails the build unless var restatement_policy is `warn`.
`impact-warehouse build` refuses to start when a frozen file no longer matches its
manifest (check_editions).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from impact_warehouse import __version__
from impact_warehouse.dbtrun import PROJECT_DIR
from impact_warehouse.warehouse import (
    WarehouseError,
    fetch_dicts,
    open_read_only,
    published_path,
    relation_exists,
)

EDITIONS_DIR_ENV = "IMPACT_EDITIONS_DIR"
DEFAULT_EDITIONS_DIR = PROJECT_DIR / "editions"
FIGURES_FILE = "figures.csv"
FILES_FILE = "files.csv"
MANIFEST_FILE = "manifest.json"
APPROVALS_FILE = "restatements.csv"
YEAR_FOLDER = re.compile(r"^[0-9]{4}$")

# What an edition freezes: the figures of the marts listed by dbt's macro edition_marts,
# in one grain, and the export files read (the published warehouse's own relations).
FIGURES_RELATION = "intermediate.int_figures_unioned"
RAW_FILES_RELATION = "staging.dq_raw_files"
INFO_RELATION = "marts.warehouse_info"
RESTATEMENTS_RELATION = "marts.restatements"

# The columns of the frozen files, in order (the editions source YAML documents them).
FIGURE_COLUMNS = (
    "edition",
    "mart",
    "indicator",
    "year",
    "segment",
    "dimension",
    "group",
    "numerator",
    "denominator",
    "value",
    "status",
    "is_suppressed",
    "finalised_on",
    "ci_lower",
    "ci_upper",
    "change",
    "change_is_significant",
)
FILE_COLUMNS = ("edition", "export", "file_path", "size_bytes", "sha256")
APPROVAL_COLUMNS = (
    "edition",
    "indicator",
    "year",
    "segment",
    "dimension",
    "group",
    "reason",
    "approved_on",
)
# What load_frozen returns for each mart an edition can freeze: the mart's own columns
# (the key) from the frozen grain (the value): the inverse of the dbt macro edition_marts
# (whose Part 2 entries join when those marts are built). The optional columns are
# returned when the edition froze any value of them.
MART_SHAPES: dict[str, dict[str, str]] = {
    "impact_indicators": {
        column: column
        for column in (
            "indicator",
            "year",
            "segment",
            "numerator",
            "denominator",
            "value",
            "status",
            "is_suppressed",
            "finalised_on",
        )
    },
    "impact_by_group": {
        column: column
        for column in (
            "indicator",
            "year",
            "dimension",
            "group",
            "numerator",
            "denominator",
            "value",
            "status",
            "is_suppressed",
        )
    },
    "graduate_outcomes": {
        "year": "year",
        "segment": "segment",
        "outcome_status": "group",
        "graduates": "numerator",
        "share": "value",
        "status": "status",
        "is_suppressed": "is_suppressed",
    },
}
OPTIONAL_COLUMNS = {
    "impact_indicators": ("ci_lower", "ci_upper", "change", "change_is_significant"),
    "impact_by_group": ("ci_lower", "ci_upper", "change", "change_is_significant"),
    "graduate_outcomes": (),
}
INDICATOR_COLUMNS = tuple(MART_SHAPES["impact_indicators"])
INTEGER_COLUMNS = {"edition", "year", "numerator", "denominator", "size_bytes"}
FLOAT_COLUMNS = {"value", "ci_lower", "ci_upper", "change"}
BOOLEAN_COLUMNS = {"is_suppressed", "change_is_significant"}
DATE_COLUMNS = {"finalised_on", "approved_on"}


class EditionError(RuntimeError):
    """An edition cannot be created, read or approved; the message says why."""


# ------------------------------------------------------------------------ where and what


def editions_dir(
    given: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """The editions directory, absolute: `given`, else $IMPACT_EDITIONS_DIR, else
    `editions/` at the project root. A relative path is relative to the current directory."""
    env = os.environ if environ is None else environ
    chosen = given if given is not None else (env.get(EDITIONS_DIR_ENV) or "").strip()
    if not chosen:
        return DEFAULT_EDITIONS_DIR
    return Path(chosen).expanduser().absolute()


def code_version(project_dir: Path = PROJECT_DIR) -> str:
    """`git:<commit>` (`+dirty` when a tracked file has uncommitted changes) when the code
    is a git checkout, else `package:<version>`."""

    def git(*args: str) -> str | None:
        try:
            proc = subprocess.run(
                ["git", "-C", str(project_dir), *args],
                capture_output=True,
                text=True,
                check=False,
                timeout=30,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return proc.stdout.strip() if proc.returncode == 0 else None

    commit = git("rev-parse", "--verify", "HEAD") if (project_dir / ".git").exists() else None
    if not commit:
        return f"package:{__version__}"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return f"git:{commit}" + ("+dirty" if dirty else "")


def edition_files(directory: Path) -> list[str]:
    """The files of the editions directory that the build reads, relative to it, sorted."""
    if not directory.is_dir():
        return []
    found = [
        f"{folder.name}/{name}"
        for folder in directory.iterdir()
        if folder.is_dir() and YEAR_FOLDER.match(folder.name)
        for name in (FIGURES_FILE, FILES_FILE)
        if (folder / name).is_file()
    ]
    if (directory / APPROVALS_FILE).is_file():
        found.append(APPROVALS_FILE)
    return sorted(found)


def describe_dir(directory: Path) -> str:
    """`2022, 2023 in <dir> (...)`, or `none in <dir>`."""
    years = [str(edition.year) for edition in list_editions(directory)]
    if not years:
        return f"none in {directory}"
    return f"{', '.join(years)} in {directory} (this build compares their figures, G-12)"


def dbt_vars(directory: Path | None = None) -> dict[str, object]:
    """The vars a build passes to dbt for warehouse_info and the editions source: the code
    version, the editions directory and its files (Spark cannot list them; DuckDB uses the
    same list). No build time: warehouse_info takes dbt's run start, so that the vars stay
    the same from build to build and dbt reuses its last parse (partial parsing)."""
    directory = directory or editions_dir()
    return {
        "code_version": code_version(),
        "editions_dir": str(directory),
        "edition_files": edition_files(directory),
    }


# ------------------------------------------------------------------------------ the files


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _text(value: object) -> str:
    """One cell of a frozen file: exact and stable (a double in its shortest round-trip
    form, which reads back as the same double; booleans true/false; NULL empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _csv_bytes(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_text(row.get(column)) for column in columns])
    return out.getvalue().encode("utf-8")


def _typed(column: str, text: str) -> object:
    if text == "":
        return None
    if column in INTEGER_COLUMNS:
        return int(text)
    if column in FLOAT_COLUMNS:
        return float(text)
    if column in BOOLEAN_COLUMNS:
        return text == "true"
    if column in DATE_COLUMNS:
        return dt.date.fromisoformat(text)
    return text


def _read_csv(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        try:
            return [
                {column: _typed(column, text) for column, text in row.items()} for row in reader
            ]
        except ValueError as error:
            raise EditionError(f"{path}, line {reader.line_num}: {error}") from error


@dataclass(frozen=True)
class Edition:
    """One edition folder and its manifest."""

    year: int
    path: Path
    manifest: dict[str, Any]

    @property
    def figures_path(self) -> Path:
        return self.path / FIGURES_FILE

    @property
    def files_path(self) -> Path:
        return self.path / FILES_FILE

    def problems(self) -> list[str]:
        """How the folder differs from what its manifest says (empty: intact)."""
        found = []
        for key, path in (("figures", self.figures_path), ("files", self.files_path)):
            expected = (self.manifest.get(key) or {}).get("sha256")
            if not path.is_file():
                found.append(f"{path} is missing")
            elif _sha256(path) != expected:
                found.append(
                    f"{path} was modified since edition {self.year} was frozen (SHA-256 "
                    f"{_sha256(path)}, the manifest says {expected})"
                )
        return found

    def figures(self) -> list[dict[str, object]]:
        return _read_csv(self.figures_path)

    def files(self) -> list[dict[str, object]]:
        return _read_csv(self.files_path)


def read_edition(directory: Path, year: int) -> Edition:
    path = directory / f"{year:04d}"
    manifest_path = path / MANIFEST_FILE
    if not manifest_path.is_file():
        raise EditionError(
            f"no edition {year} in {directory}"
            + (f" ({path} has no {MANIFEST_FILE})" if path.exists() else "")
        )
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise EditionError(f"{manifest_path} is not readable JSON: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("edition") != year:
        raise EditionError(f"{manifest_path} is not the manifest of edition {year}")
    return Edition(year=year, path=path, manifest=manifest)


def list_editions(directory: Path) -> list[Edition]:
    if not directory.is_dir():
        return []
    years = sorted(
        int(entry.name)
        for entry in directory.iterdir()
        if entry.is_dir() and YEAR_FOLDER.match(entry.name)
    )
    return [read_edition(directory, year) for year in years]


def check_editions(directory: Path | None = None) -> list[Edition]:
    """Every edition of the directory, intact; raises EditionError naming each frozen file
    that no longer matches its manifest (a build then refuses to start)."""
    directory = directory or editions_dir()
    found = list_editions(directory)
    problems = [problem for edition in found for problem in edition.problems()]
    if problems:
        raise EditionError(
            "an edition is never rewritten (G-11), but:\n  - "
            + "\n  - ".join(problems)
            + "\nrestore the edition from git (a correction is a restatement: restatements.csv)"
        )
    return found


def load_frozen(
    year: int, directory: Path | None = None, mart: str = "impact_indicators"
) -> list[dict[str, object]]:
    """The figures edition `year` froze from `mart`, in the mart's own shape, checked
    against the edition's manifest: what `impact-warehouse report --edition` renders.

    For `impact_indicators` (the default) each row has the columns of marts.
    impact_indicators (INDICATOR_COLUMNS, typed as the mart: int, float, str, bool,
    datetime.date, None) plus ci_lower, ci_upper, change, change_is_significant when the
    edition froze any of them; `impact_by_group` and `graduate_outcomes` likewise
    (MART_SHAPES). Every row is final (G-11). Sorted by the mart's key. [] when the
    edition froze nothing of that mart; EditionError when the edition does not exist or
    was modified, or the mart is not one an edition freezes."""
    if mart not in MART_SHAPES:
        raise EditionError(f"an edition freezes {', '.join(MART_SHAPES)}, not {mart}")
    edition = read_edition(directory or editions_dir(), year)
    problems = edition.problems()
    if problems:
        raise EditionError("; ".join(problems))
    rows = [row for row in edition.figures() if row["mart"] == mart]
    columns = dict(MART_SHAPES[mart])
    for column in OPTIONAL_COLUMNS[mart]:
        if any(row.get(column) is not None for row in rows):
            columns[column] = column
    rows.sort(key=_sort_key)
    return [{name: row.get(source) for name, source in columns.items()} for row in rows]


# ---------------------------------------------------------------------------------- create


def _provisional_summary(rows: list[dict[str, Any]]) -> list[str]:
    """One entry per (indicator, year, segment): its total named, its groups counted
    (`job_placement_rate_12m 2023 all and 43 groups (final on 2024-12-31)`)."""
    by_figure: dict[tuple, list[dict[str, Any]]] = {}
    for row in sorted(rows, key=_sort_key):
        key = (row["indicator"], row["year"], row["segment"])
        by_figure.setdefault(key, []).append(row)
    out = []
    for (indicator, year, segment), members in by_figure.items():
        groups = sum(row.get("dimension") is not None for row in members)
        total = len(members) - groups
        name = f"{indicator} {year} {segment}" if total else f"{indicator} {year}"
        if groups:
            name += f"{' and' if total else ':'} {groups} group{'s' if groups > 1 else ''}"
        finals = sorted({str(row["finalised_on"]) for row in members if row.get("finalised_on")})
        out.append(name + (f" (final on {', '.join(finals)})" if finals else ""))
    return out


def figure_name(row: Mapping[str, object]) -> str:
    """`graduation_rate 2023 all`, with `dimension=group` for a group row."""
    name = f"{row['indicator']} {row['year']} {row['segment']}"
    if row.get("dimension") is not None:
        name += f" {row['dimension']}={row.get('group')}"
    return name


def _info(con: duckdb.DuckDBPyConnection, published: Path) -> dict[str, Any]:
    schema, name = INFO_RELATION.split(".")
    if not relation_exists(con, schema, name):
        raise EditionError(
            f"the published warehouse {published} has no {INFO_RELATION}: rebuild it with "
            "`impact-warehouse build`"
        )
    rows = fetch_dicts(con, f"select * from {INFO_RELATION}")
    if len(rows) != 1:
        raise EditionError(f"{INFO_RELATION} of {published} has {len(rows)} rows, not one")
    return rows[0]


def _sort_key(row: Mapping[str, object]) -> tuple[str, ...]:
    return tuple(
        "" if row.get(c) is None else f"{row[c]:>12}" if c == "year" else str(row[c])
        for c in ("mart", "indicator", "year", "segment", "dimension", "group")
    )


def create_edition(
    year: int,
    *,
    published: Path | None = None,
    directory: Path | None = None,
    now: dt.datetime | None = None,
) -> Edition:
    """Freeze edition `year` (G-11) from the published warehouse into the editions
    directory; raises EditionError naming every reason it cannot."""
    published = published_path(published)
    directory = directory or editions_dir()
    target = directory / f"{year:04d}"
    reasons: list[str] = []
    if target.exists():
        reasons.append(
            f"edition {year} already exists ({target}): an edition is never overwritten; a "
            f"correction of a published figure is a restatement ({directory / APPROVALS_FILE})"
        )
    try:
        with open_read_only(published) as con:
            info = _info(con, published)
            figures = fetch_dicts(
                con,
                f'select *, group_name as "group" from {FIGURES_RELATION} where year <= ?',
                [year],
            )
            files = fetch_dicts(
                con,
                f"select export, file_path, size_bytes, sha256 from {RAW_FILES_RELATION} "
                "where disposition = 'read' order by file_path",
            )
    except (WarehouseError, duckdb.Error) as error:
        raise EditionError(f"edition {year} not created: {error}") from error
    if not info["is_green"]:
        reasons.append(
            f"the published warehouse is not green (G-11): {info['not_green_reasons']}; "
            "fix that and rebuild"
        )
    if info["code_version"] is None:
        reasons.append(
            "the published warehouse does not record the version of the code that built it "
            "(dbt was run directly): rebuild it with `impact-warehouse build`"
        )
    of_year = [row for row in figures if row["year"] == year]
    provisional = [row for row in of_year if row["status"] != "final"]
    if not of_year:
        reasons.append(
            f"the published warehouse has no figure of {year} (report date {info['report_date']})"
        )
    elif provisional:
        listed = "; ".join(_provisional_summary(provisional))
        reasons.append(
            f"{len(provisional)} figure(s) of {year} are provisional at the report date "
            f"{info['report_date']} (G-7), every figure of the edition's year must be final: "
            + listed
        )
    if reasons:
        raise EditionError(f"edition {year} not created:\n  - " + "\n  - ".join(reasons))

    frozen = sorted((row for row in figures if row["status"] == "final"), key=_sort_key)
    left_out = sorted((row for row in figures if row["status"] != "final"), key=_sort_key)
    for row in frozen:
        row["edition"] = year
    for row in files:
        row["edition"] = year
    figures_bytes = _csv_bytes(FIGURE_COLUMNS, frozen)
    files_bytes = _csv_bytes(FILE_COLUMNS, files)
    created = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    manifest = {
        "edition": year,
        "rule": "G-11",
        "created_at": created.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "report_date": _text(info["report_date"]),
        "report_date_source": info["report_date_source"],
        "code_version": info["code_version"],
        "built_at": _text(info["built_at"]),
        "raw_fingerprint": info["raw_fingerprint"],
        "raw_files": info["raw_files"],
        "is_synthetic": info["is_synthetic"],
        "synthetic_scale": info["synthetic_scale"],
        "synthetic_seed": info["synthetic_seed"],
        "marts": sorted({str(row["mart"]) for row in frozen}),
        "figures": {
            "file": FIGURES_FILE,
            "rows": len(frozen),
            "sha256": hashlib.sha256(figures_bytes).hexdigest(),
        },
        "files": {
            "file": FILES_FILE,
            "rows": len(files),
            "sha256": hashlib.sha256(files_bytes).hexdigest(),
        },
        "not_frozen_provisional": [figure_name(row) for row in left_out],
    }
    directory.mkdir(parents=True, exist_ok=True)
    partial = directory / f".edition-{year:04d}-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        for name, content in (
            (FIGURES_FILE, figures_bytes),
            (FILES_FILE, files_bytes),
            (MANIFEST_FILE, (json.dumps(manifest, indent=1) + "\n").encode("utf-8")),
        ):
            with (partial / name).open("wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
        if target.exists():
            raise EditionError(f"edition {year} not created: {target} appeared meanwhile")
        os.rename(partial, target)  # atomic: the edition appears complete or not at all
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return read_edition(directory, year)


# --------------------------------------------------------------------------------- approve


def read_approvals(directory: Path | None = None) -> list[dict[str, object]]:
    path = (directory or editions_dir()) / APPROVALS_FILE
    return _read_csv(path) if path.is_file() else []


def restatements(published: Path | None = None, edition: int | None = None) -> list[dict[str, Any]]:
    """The rows of marts.restatements of the published warehouse ([] when it has none)."""
    published = published_path(published)
    with open_read_only(published) as con:
        schema, name = RESTATEMENTS_RELATION.split(".")
        if not relation_exists(con, schema, name):
            return []
        where = "" if edition is None else "where edition = ?"
        return fetch_dicts(
            con,
            f"select * from {RESTATEMENTS_RELATION} {where} order by edition, figure",
            [] if edition is None else [edition],
        )


def approve(
    edition: int,
    reason: str,
    *,
    published: Path | None = None,
    directory: Path | None = None,
    approved_on: dt.date | None = None,
    indicator: str | None = None,
    year: int | None = None,
) -> list[dict[str, object]]:
    """Append to restatements.csv one approval per unapproved restatement of `edition` that
    the published warehouse lists (optionally of one indicator and/or year); return them."""
    directory = directory or editions_dir()
    if not reason.strip():
        raise EditionError("a restatement needs its reason (--reason)")
    read_edition(directory, edition)
    try:
        listed = restatements(published, edition)
    except (WarehouseError, duckdb.Error) as error:
        raise EditionError(str(error)) from error
    chosen = [
        row
        for row in listed
        if not row["is_approved"]
        and (indicator is None or row["indicator"] == indicator)
        and (year is None or row["year"] == year)
    ]
    if not chosen:
        raise EditionError(
            f"nothing to approve: marts.restatements of the published warehouse lists no "
            f"unapproved restatement of edition {edition}"
            + (f" for {indicator or ''} {year or ''}".rstrip() if indicator or year else "")
            + ". A build refused for restatements publishes nothing: rebuild with --vars "
            '\'{"restatement_policy": "warn"}\' to publish and list them, then approve.'
        )
    when = approved_on or dt.date.today()
    rows = [
        {
            "edition": edition,
            "indicator": row["indicator"],
            "year": row["year"],
            "segment": row["segment"],
            "dimension": row["dimension"],
            "group": row["group"],
            "reason": reason.strip(),
            "approved_on": when,
        }
        for row in chosen
    ]
    path = directory / APPROVALS_FILE
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        header = text.splitlines()[0] if text else ""
        if [cell.strip() for cell in header.split(",")] != list(APPROVAL_COLUMNS):
            raise EditionError(
                f"{path} does not start with the header {','.join(APPROVAL_COLUMNS)}"
            )
        body = _csv_bytes(APPROVAL_COLUMNS, rows).decode("utf-8").split("\n", 1)[1]
        with path.open("a", encoding="utf-8", newline="") as file:
            file.write(("" if text.endswith("\n") else "\n") + body)
    else:
        path.write_bytes(_csv_bytes(APPROVAL_COLUMNS, rows))
    return rows


# ------------------------------------------------------------------ what readers are shown


def _unit(indicator: object) -> str:
    from impact_warehouse.indicators import registry

    found = registry().get(str(indicator))
    return found.unit if found else "share"


def _shown(value: object, indicator: object) -> str:
    from impact_warehouse.report_assets.formatting import format_value

    return format_value(value if isinstance(value, int | float) else None, _unit(indicator))


def restatement_line(row: Mapping[str, Any]) -> str:
    """`edition 2023, graduation_rate 2023 all: 14.3% -> 0.0% (reason)`."""
    old, new = (
        _shown(row["frozen_value"], row["indicator"]),
        _shown(row["recomputed_value"], row["indicator"]),
    )
    counts = ""
    if row.get("what_changed") == "counts" or old == new:
        counts = (
            f" [{row.get('frozen_numerator')}/{row.get('frozen_denominator')} -> "
            f"{row.get('recomputed_numerator')}/{row.get('recomputed_denominator')}]"
        )
    tail = (
        f"{row['reason']}, approved {row['approved_on']}"
        if row.get("is_approved")
        else "NOT APPROVED"
    )
    return f"edition {row['edition']}, {row['figure']}: {old} -> {new}{counts} ({tail})"


def _warehouse_info(con: duckdb.DuckDBPyConnection) -> dict[str, Any] | None:
    if not relation_exists(con, "marts", "warehouse_info"):
        return None  # built before marts.warehouse_info existed
    rows = fetch_dicts(con, f"select * from {INFO_RELATION}")
    if len(rows) != 1:
        raise WarehouseError(f"{INFO_RELATION} has {len(rows)} rows; it must have one")
    return rows[0]


def synthetic_label(con: duckdb.DuckDBPyConnection) -> str | None:
    """The line that says the figures are synthetic (None: real exports, or not recorded)."""
    info = _warehouse_info(con)
    if not info or not info["is_synthetic"]:
        return None
    return (
        f"SYNTHETIC exports (generator scale {info['synthetic_scale']}, seed "
        f"{info['synthetic_seed']}): these figures are not the platform's."
    )


def edition_lines(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The edition the warehouse reproduces and every restatement since (G-12), approved
    (figure, old, new, reason) and, under restatement_policy warn, unapproved."""
    info = _warehouse_info(con)
    if info is None:
        return []
    if info["reproduced_edition"] is not None:
        out = [
            f"edition: reproduces edition {info['reproduced_edition']} "
            f"(editions known: {info['editions']})."
        ]
    elif info["editions"]:
        out = [f"edition: reproduces no edition (editions known: {info['editions']})."]
    else:
        out = ["edition: none frozen yet (impact-warehouse edition create YEAR)."]
    listed = (
        fetch_dicts(con, f"select * from {RESTATEMENTS_RELATION} order by edition, figure")
        if relation_exists(con, "marts", "restatements")
        else []
    )
    approved = [row for row in listed if row["is_approved"]]
    unapproved = [row for row in listed if not row["is_approved"]]
    if approved:
        out.append(f"approved restatements since ({len(approved)}), figure: old -> new (reason):")
        out += [f"  {restatement_line(row)}" for row in approved]
    if unapproved:
        out.append(
            f"UNAPPROVED restatements ({len(unapproved)}, restatement_policy "
            f"{info['restatement_policy']}): published figures that changed without a reason:"
        )
        out += [f"  {restatement_line(row)}" for row in unapproved]
    return out


# --------------------------------------------------------------------------------- the CLI


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--editions-dir",
        default=None,
        help=f"editions directory (default: ${EDITIONS_DIR_ENV} or editions/ at the project root)",
    )
    parser.add_argument(
        "--duckdb-path",
        default=None,
        help="published warehouse file (default: $IMPACT_DUCKDB_PATH or warehouse/impact.duckdb)",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("create", help="freeze edition YEAR from the published warehouse")
    create.add_argument("year", type=int)
    actions.add_parser("list", help="the editions, each checked against its manifest")
    show = actions.add_parser("show", help="what edition YEAR froze, and its restatements")
    show.add_argument("year", type=int)
    approve_parser = actions.add_parser(
        "approve",
        help="append to restatements.csv an approval of each unapproved restatement of YEAR "
        "the published warehouse lists",
    )
    approve_parser.add_argument("year", type=int)
    approve_parser.add_argument("--reason", required=True, help="why the figures changed")
    approve_parser.add_argument("--indicator", default=None, help="only this indicator")
    approve_parser.add_argument("--figure-year", type=int, default=None, help="only this year")
    approve_parser.add_argument(
        "--approved-on", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (today)"
    )


def _describe(edition: Edition) -> str:
    manifest = edition.manifest
    synthetic = (
        f", SYNTHETIC (scale {manifest.get('synthetic_scale')}, seed "
        f"{manifest.get('synthetic_seed')})"
        if manifest.get("is_synthetic")
        else ""
    )
    problems = edition.problems()
    state = "MODIFIED: " + "; ".join(problems) if problems else "intact"
    return (
        f"edition {edition.year}: {manifest['figures']['rows']} figures, report date "
        f"{manifest.get('report_date')}, code {manifest.get('code_version')}, built "
        f"{manifest.get('built_at')}, {manifest['files']['rows']} export files{synthetic}; "
        f"{state}"
    )


def _show(edition: Edition, published: Path) -> list[str]:
    from impact_warehouse.report_assets.formatting import format_value

    manifest = edition.manifest
    out = [_describe(edition), f"  folder: {edition.path}"]
    out += [
        f"  {key}: {manifest.get(key)}"
        for key in ("created_at", "report_date_source", "raw_fingerprint", "marts")
    ]
    figures = edition.figures()
    header = ("figure", "value", "numerator", "denominator")
    body = [
        (
            figure_name(row),
            "suppressed"
            if row["is_suppressed"]
            else format_value(row["value"], _unit(row["indicator"])),  # type: ignore[arg-type]
            _text(row["numerator"]),
            _text(row["denominator"]),
        )
        for row in figures
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    out += [
        "  "
        + "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in [header, *body]
    ]
    try:
        listed = restatements(published, edition.year)
    except (WarehouseError, duckdb.Error):
        listed = []
        out.append("  restatements: (no published warehouse to compare with)")
    else:
        out.append(f"  restatements in the published warehouse: {len(listed) or 'none'}")
        out += [f"    {restatement_line(row)}" for row in listed]
    return out


def run(args: argparse.Namespace) -> int:
    directory = editions_dir(args.editions_dir)
    published = published_path(args.duckdb_path)
    try:
        if args.action == "create":
            edition = create_edition(args.year, published=published, directory=directory)
            print(f"froze {_describe(edition)}\n  in {edition.path}")
        elif args.action == "list":
            found = list_editions(directory)
            if not found:
                print(f"no edition in {directory}")
            for edition in found:
                print(_describe(edition))
            if any(edition.problems() for edition in found):
                return 1
        elif args.action == "show":
            print("\n".join(_show(read_edition(directory, args.year), published)))
        elif args.action == "approve":
            rows = approve(
                args.year,
                args.reason,
                published=published,
                directory=directory,
                approved_on=args.approved_on,
                indicator=args.indicator,
                year=args.figure_year,
            )
            print(
                f"approved {len(rows)} restatement(s) of edition {args.year} in "
                f"{directory / APPROVALS_FILE}:"
            )
            for row in rows:
                print(f"  {figure_name(row)}")
            print("the next build lists them as approved and stays green")
    except EditionError as error:
        print(f"edition: {error}", file=sys.stderr)
        return 1
    return 0
