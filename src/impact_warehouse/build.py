"""Build the warehouse into a new DuckDB file and publish it atomically.

Analysts keep read-only DuckDB sessions open on the published file
($IMPACT_DUCKDB_PATH, default warehouse/impact.duckdb). A read-only holder
blocks any writer of that file, so the build never writes to it:

  1. `dbt build` (seeds, models and every test) runs into a fresh file
     <dir>/.building-<pid>/<published name>, in the published file's
     directory (same file system, same file name, so the DuckDB catalog name
     and every view keep working after the rename). dbt's output streams to
     the terminal. A quiet `dbt build --empty` without tests runs first: unit
     tests need their input relations to exist in a fresh file.
  2. Only when dbt succeeds is the new file flushed and renamed over the
     published path with os.replace (atomic): open sessions keep reading the
     old snapshot, new sessions see the new warehouse.
  3. On failure the published file is left untouched, the partial build is
     deleted, and the exit status is non-zero.

Then the headline figures are printed (see `impact-warehouse headline`).
With --select, the selected nodes are rebuilt on a copy of the published
warehouse, published the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import duckdb

from impact_warehouse import headline
from impact_warehouse.dbtrun import PROJECT_DIR, run_dbt
from impact_warehouse.warehouse import published_path, raw_dir

BUILDING_PREFIX = ".building-"
# The preparatory empty build creates relations only: tests on empty tables mean nothing.
EMPTY_EXCLUDES = ("--exclude-resource-type", "unit_test", "--exclude-resource-type", "test")
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


class BuildError(RuntimeError):
    """The build failed; the published warehouse was left as it was."""

    def __init__(self, message: str, returncode: int = 1) -> None:
        super().__init__(message)
        self.returncode = returncode or 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--raw-dir",
        default=None,
        help="raw exports directory (default: $IMPACT_RAW_DIR or data/raw)",
    )
    parser.add_argument(
        "--duckdb-path",
        default=None,
        help="published warehouse file (default: $IMPACT_DUCKDB_PATH or warehouse/impact.duckdb)",
    )
    parser.add_argument(
        "--vars",
        default=None,
        metavar="JSON",
        help='dbt vars as a JSON object, e.g. \'{"report_date": "2024-06-30"}\'',
    )
    parser.add_argument(
        "--select",
        default=None,
        metavar="SELECTOR",
        help="dbt selector: rebuild only these nodes, on a copy of the published warehouse",
    )
    parser.add_argument(
        "--target-path",
        default=None,
        help="dbt target directory (default: target/ of the project)",
    )
    parser.add_argument(
        "--no-headline",
        action="store_true",
        help="do not print the headline figures after publishing",
    )


def parse_vars(text: str | None) -> dict[str, object] | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise BuildError(f"--vars is not valid JSON: {error}") from error
    if not isinstance(value, dict):
        raise BuildError("--vars must be a JSON object")
    return value


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_builds(directory: Path) -> None:
    """Delete building directories left by builds whose process no longer exists."""
    if not directory.is_dir():
        return
    for entry in directory.glob(f"{BUILDING_PREFIX}*"):
        suffix = entry.name.removeprefix(BUILDING_PREFIX)
        if entry.is_dir() and suffix.isdigit() and not _pid_alive(int(suffix)):
            shutil.rmtree(entry, ignore_errors=True)


def _flush(path: Path) -> None:
    """Fold any write-ahead log into the file, then fsync it, before it is published."""
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        con = duckdb.connect(str(path))
        try:
            con.execute("checkpoint")
        finally:
            con.close()
    if wal.exists():
        raise BuildError(f"{wal} is still there after a checkpoint; not publishing")
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def build_and_publish(
    *,
    published: Path,
    raw: Path,
    dbt_vars: dict[str, object] | None = None,
    select: str | None = None,
    target_path: Path | None = None,
    echo: bool = True,
    project_dir: Path | None = None,
    prebuild_empty: bool = True,
) -> float:
    """Run `dbt build` into a new file and publish it; return the seconds dbt took.

    Raises BuildError (published file untouched, partial build removed) on failure.
    `project_dir` replaces this dbt project (tests use a tiny one, without unit tests, and
    skip the empty pre-build with `prebuild_empty=False`).
    """
    published = published.resolve()
    directory = published.parent
    directory.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(directory)
    building_dir = directory / f"{BUILDING_PREFIX}{os.getpid()}"
    shutil.rmtree(building_dir, ignore_errors=True)
    building_dir.mkdir()
    # Same name as the published file: DuckDB names the catalog after the file stem.
    building = building_dir / published.name
    try:
        if select and published.exists():
            shutil.copyfile(published, building)
        target = (target_path or PROJECT_DIR / "target").resolve()
        extra_env = {"DBT_TARGET_PATH": str(target), "DBT_LOG_PATH": str(building_dir / "logs")}
        if project_dir is not None:
            extra_env["DBT_PROJECT_DIR"] = str(project_dir.resolve())
            extra_env["DBT_PROFILES_DIR"] = str(project_dir.resolve())

        def dbt(args: list[str], show: bool) -> None:
            result = run_dbt(
                args,
                raw_dir=raw,
                duckdb_path=building,
                work_dir=building_dir,
                dbt_vars=dbt_vars,
                extra_env=extra_env,
                echo=show,
            )
            if not result.ok:
                raise BuildError(
                    _failure_summary(result.output, result.returncode), result.returncode
                )

        started = time.monotonic()
        if prebuild_empty and not building.exists():
            # Unit tests introspect their inputs' columns: on a fresh file the relations
            # must exist first (TOOLING_NOTES), so create them empty, without any test.
            if echo:
                print("creating empty relations for the unit tests (dbt build --empty) ...")
            dbt(["build", "--empty", *EMPTY_EXCLUDES], show=False)
        dbt(["build", *(["--select", select] if select else [])], show=echo)
        elapsed = time.monotonic() - started
        if not building.is_file():
            raise BuildError(f"dbt succeeded but wrote no warehouse file at {building}")
        _flush(building)
        os.replace(building, published)
        _fsync_dir(directory)
        return elapsed
    finally:
        shutil.rmtree(building_dir, ignore_errors=True)


def _failure_summary(output: str, returncode: int) -> str:
    """dbt's own error report (from 'Completed with' or 'Encountered an error'), else the tail."""
    lines = ANSI_ESCAPE.sub("", output).rstrip().splitlines()
    for marker in ("Completed with", "Encountered an error"):
        for index, line in enumerate(lines):
            if marker in line:
                return "\n".join(lines[index:])
    return f"dbt exited with status {returncode}:\n" + "\n".join(lines[-20:])


def run(args: argparse.Namespace) -> int:
    published = published_path(args.duckdb_path)
    raw = raw_dir(args.raw_dir)
    try:
        dbt_vars = parse_vars(args.vars)
        if not raw.is_dir():
            raise BuildError(f"no raw exports at {raw}: run `make data` or pass --raw-dir")
        target = Path(args.target_path) if args.target_path else None
        elapsed = build_and_publish(
            published=published, raw=raw, dbt_vars=dbt_vars, select=args.select, target_path=target
        )
    except BuildError as error:
        print(
            f"\nbuild FAILED: the published warehouse {published} was left untouched.\n{error}",
            file=sys.stderr,
        )
        return error.returncode
    print(f"\npublished {published} (dbt build took {elapsed:.1f} s)\n")
    if args.no_headline:
        return 0
    status = headline.print_headline(published)
    if status != 0:
        print("(the warehouse was published; the headline could not be printed)", file=sys.stderr)
    return 0
