"""Build the warehouse into a new DuckDB file and publish it atomically.

Inputs first (nothing is built otherwise):
  - the raw directory (docs/input-contract.md C-5, impact_warehouse.exports): --raw-dir or
    $IMPACT_RAW_DIR, never written to, refused when missing or empty; neither given: the
    project's synthetic sample in data/sample/, generated there when absent;
  - the pseudonym key of the marts (impact_warehouse.pseudonym): $IMPACT_PSEUDONYM_KEY,
    or the documented sample key for exports marked synthetic; real exports without it
    are refused.

Analysts keep read-only DuckDB sessions open on the published file
($IMPACT_DUCKDB_PATH, default warehouse/impact.duckdb). A read-only holder
blocks any writer of that file, so the build never writes to it:

  1. `dbt build` (seeds, models and every test) runs into a fresh file
     <dir>/.building/<published name>, in the published file's
     directory (same file system, same file name, so the DuckDB catalog name
     and every view keep working after the rename). A fresh file needs no
     preparation for the unit tests: dbt runs each one after its model's parents
     are built, and reads the model's own columns from its SQL. One build per
     directory at a time (it holds <dir>/.build.lock; a second one is refused): the
     building path stays the same from build to build, and with the same vars dbt
     then reuses the last build's parse (target/partial_parse.msgpack).
  2. Pre-publish checks compare the new file with the published one
     (pre_publish_checks: C-3 no silent shrinkage, completeness.py, then
     PRE_PUBLISH_CHECKS); any of them can refuse the build.
  3. Only then is the new file flushed and renamed over the published path with
     os.replace (atomic): open sessions keep reading the old snapshot, new
     sessions see the new warehouse.
  4. On failure the published file is left untouched. What the partial build
     held (quarantined rows, failing rows of failed tests) is printed and kept
     in <dir>/last-failed-build.json, then the partial build is deleted and
     the exit status is non-zero. A successful publish removes that file.

Output: one line per layer and a summary; the full dbt output goes to
<dir>/logs/build.log (dbt's debug log, every SQL statement: <dir>/logs/dbt.log);
-v shows the full output as it comes. No colour codes anywhere.
Then the headline figures are printed (see `impact-warehouse headline`).
With --select, the selected nodes are rebuilt on a copy of the published
warehouse, published the same way.

Incremental by default (issue 12, impact_warehouse.incremental): when the published
warehouse was built by the same project (code, profile, plugins, package versions), the
build starts from a copy of it in the building directory, so that the models staged by
file stage only the raw files that are new or changed, and the unit tests (which depend
on the code and the vars only) are not run again when they passed with the same vars.
Otherwise, or with --full-refresh, it starts from nothing. The published file is never
written either way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from impact_warehouse import completeness, editions, exports, failures, headline, incremental
from impact_warehouse.dbtrun import PROJECT_DIR, run_dbt
from impact_warehouse.progress import (
    DBT_LOG_ARGS,
    Progress,
    Summary,
    format_seconds,
    strip_ansi,
)
from impact_warehouse.pseudonym import KeyChoice, PseudonymKeyError, choose_key
from impact_warehouse.warehouse import published_path

# The build works in <dir>/.building/ (BUILDING_DIR), one build per directory at a time
# (BUILD_LOCK): the same path from build to build keeps dbt's profile, so dbt reuses the
# previous build's parse (target/partial_parse.msgpack) instead of parsing it all again.
BUILDING_DIR = ".building"
BUILD_LOCK = ".build.lock"
LOG_DIR = "logs"  # beside the published file
BUILD_LOG = "build.log"  # what -v shows: every line dbt prints
DBT_LOG = "dbt.log"  # dbt's own debug log
TIMESTAMP = re.compile(r"^\d\d:\d\d:\d\d  ")


class BuildError(RuntimeError):
    """The build failed; the published warehouse was left as it was."""

    def __init__(
        self, message: str, returncode: int = 1, report: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.returncode = returncode or 1
        self.report = report or {}


# A pre-publish check gets the new warehouse file and the published one (None on a first
# build), both closed, and raises BuildError to refuse the build; it may return a line for
# the build's output. The place for checks that compare the new build with the published
# one. A build runs pre_publish_checks(): C-3 first, then PRE_PUBLISH_CHECKS.
PrePublishCheck = Callable[[Path, Path | None], str | None]


def _built_from_synthetic(path: Path) -> bool | None:
    """Whether the warehouse file was built from synthetic exports (marts.warehouse_info);
    None when it does not say (built before that mart existed, or another project)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        found = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'marts' and table_name = 'warehouse_info'"
        ).fetchone()
        if not found or not found[0]:
            return None
        row = con.execute("select bool_or(is_synthetic) from marts.warehouse_info").fetchone()
        return None if row is None or row[0] is None else bool(row[0])
    finally:
        con.close()


def refuse_synthetic_over_real(new: Path, published: Path | None) -> None:
    """Issue 8 item 4: a build from synthetic exports never replaces, unasked, a published
    warehouse built from real exports (--allow-synthetic-over-real to do it anyway)."""
    if published is None or _built_from_synthetic(new) is not True:
        return
    if _built_from_synthetic(published) is not False:
        return
    raise BuildError(
        f"not publishing: this build read SYNTHETIC exports, and the published warehouse "
        f"{published} was built from real exports; publishing would replace real figures "
        "with synthetic ones. Build elsewhere with --duckdb-path (or IMPACT_DUCKDB_PATH), "
        "point --raw-dir (IMPACT_RAW_DIR) at the real exports, or replace it anyway with "
        "impact-warehouse build --allow-synthetic-over-real."
    )


PRE_PUBLISH_CHECKS: tuple[PrePublishCheck, ...] = (refuse_synthetic_over_real,)


def pre_publish_checks(
    dbt_vars: dict[str, object] | None, project_dir: Path
) -> tuple[PrePublishCheck, ...]:
    """The checks of a build with these vars: C-3 no silent shrinkage (completeness.py,
    var shrinkage_tolerance), then PRE_PUBLISH_CHECKS."""
    return (completeness.shrinkage_check(dbt_vars, project_dir), *PRE_PUBLISH_CHECKS)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--raw-dir",
        default=None,
        help="raw exports directory (default: $IMPACT_RAW_DIR; neither: the project's "
        "synthetic sample in data/sample/, generated when absent)",
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
        "--sample-scale",
        type=float,
        default=exports.SAMPLE_SCALE,
        help=f"scale of the sample when it is generated (default {exports.SAMPLE_SCALE})",
    )
    parser.add_argument(
        "--sample-seed",
        type=int,
        default=exports.SAMPLE_SEED,
        help=f"seed of the sample when it is generated (default {exports.SAMPLE_SEED})",
    )
    parser.add_argument(
        "--full-refresh",
        action="store_true",
        help="build from nothing: every raw file parsed and hashed again (default: start "
        "from a copy of the published warehouse when the same project built it)",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="show dbt's full output as it runs (default: one line per layer)",
    )
    parser.add_argument(
        "--allow-synthetic-over-real",
        action="store_true",
        help="publish a build from synthetic exports over a warehouse built from real ones",
    )
    parser.add_argument(
        "--no-headline",
        action="store_true",
        help="do not print the headline figures after publishing",
    )
    parser.add_argument(
        "--target",
        choices=("dev", "spark"),
        default="dev",
        help="dev: DuckDB (default); spark: Apache Spark, published by view switch "
        "(impact_warehouse.spark_publish; README, On Apache Spark / Databricks)",
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


def _lock_directory(directory: Path) -> int:
    """Hold <dir>/.build.lock (flock, released when the process ends, however it ends);
    refuse to start when another build into the same directory holds it."""
    fd = os.open(directory / BUILD_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise BuildError(
            f"another build into {directory} is under way (it holds {directory / BUILD_LOCK});"
            " wait for it to end, or build into another directory (--duckdb-path)"
        ) from None
    return fd


def remove_stale_builds(directory: Path) -> None:
    """Delete building directories left by builds that ended without cleaning up (killed),
    and those of older versions (.building-<pid>): called with the directory's lock held,
    so no build is using them."""
    for entry in directory.glob(f"{BUILDING_DIR}*"):
        if entry.is_dir():
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


def last_failed_build_path(published: Path) -> Path:
    return published.parent / failures.LAST_FAILED_BUILD


def log_paths(published: Path) -> tuple[Path, Path]:
    """(build.log, dbt.log) of the builds of `published`."""
    directory = published.parent / LOG_DIR
    return directory / BUILD_LOG, directory / DBT_LOG


def _say(text: str) -> None:
    print(text, flush=True)


def build_and_publish(
    *,
    published: Path,
    raw: Path,
    dbt_vars: dict[str, object] | None = None,
    select: str | None = None,
    target_path: Path | None = None,
    echo: bool = True,
    verbose: bool = False,
    project_dir: Path | None = None,
    checks: Sequence[PrePublishCheck] | None = None,
    full_refresh: bool = False,
    unit_tests: bool = True,
) -> Summary:
    """Run `dbt build` into a new file and publish it; return what dbt did.

    Raises BuildError on failure: the published file untouched, what the partial build
    held read into `error.report` (and printed, with `echo`) before the partial build is
    deleted; `impact-warehouse build` keeps the report in last-failed-build.json.
    `echo`: one line per layer (with `verbose`: dbt's every line) on stdout, the failure
    report on stderr. `project_dir`
    replaces this dbt project (tests use tiny ones). `checks` replaces pre_publish_checks().
    `full_refresh`: start from nothing even when the published warehouse could be copied
    (see impact_warehouse.incremental). `unit_tests=False`: the unit tests are not run
    (for tests of other parts, which change the vars; the build record then says they
    did not pass).
    """
    if checks is None:
        checks = pre_publish_checks(dbt_vars, project_dir or PROJECT_DIR)
    published = published.resolve()
    directory = published.parent
    directory.mkdir(parents=True, exist_ok=True)
    building_dir = directory / BUILDING_DIR
    # Same name as the published file: DuckDB names the catalog after the file stem.
    building = building_dir / published.name
    build_log, dbt_log = log_paths(published)
    target = (target_path or PROJECT_DIR / "target").resolve()
    show = _say if echo else None
    lock = _lock_directory(directory)
    try:  # from here on, the building folder is removed and the lock released however it ends
        remove_stale_builds(directory)
        building_dir.mkdir()
        build_log.parent.mkdir(parents=True, exist_ok=True)
        for old_log in dbt_log.parent.glob(f"{DBT_LOG}*"):
            old_log.unlink()  # one build's debug log (dbt appends, and rotates at 10 MB)
        start = _start_build(
            published,
            building,
            project_dir=project_dir or PROJECT_DIR,
            dbt_vars=dbt_vars,
            full_refresh=full_refresh,
            select=select,
            unit_tests=unit_tests,
            show=show,
        )
        extra_env = {"DBT_TARGET_PATH": str(target), "DBT_LOG_PATH": str(dbt_log.parent)}
        if project_dir is not None:
            extra_env["DBT_PROJECT_DIR"] = str(project_dir.resolve())
            extra_env["DBT_PROFILES_DIR"] = str(project_dir.resolve())

        with build_log.open("w", encoding="utf-8") as log:

            def dbt(args: list[str], per_layer: bool) -> Summary:
                (target / "run_results.json").unlink(missing_ok=True)  # never a stale one
                progress = Progress(
                    log=log,
                    manifest_path=target / "manifest.json",
                    show=show,
                    verbose=verbose,
                    per_layer=per_layer,
                )
                result = run_dbt(
                    [*args, *DBT_LOG_ARGS],
                    raw_dir=raw,
                    duckdb_path=building,
                    work_dir=building_dir,
                    dbt_vars=dbt_vars,
                    extra_env=extra_env,
                    on_line=progress.feed,
                )
                summary = progress.finish()
                if not result.ok:
                    report = failures.collect(building, target)
                    raise BuildError(
                        _failure_summary(progress.output(), result.returncode),
                        result.returncode,
                        report,
                    )
                return summary

            summary = dbt(["build", *_selection(select, start)], per_layer=True)
        if not building.is_file():
            raise BuildError(f"dbt succeeded but wrote no warehouse file at {building}")
        _record_build(building, start, dbt_vars=dbt_vars, raw=raw, select=select)
        _flush(building)
        for check in checks:
            try:
                note = check(building, published if published.exists() else None)
            except BuildError as error:
                error.report.setdefault("stage", "pre-publish check")
                error.report.setdefault("check", getattr(check, "__name__", str(check)))
                raise
            if note and show:
                show(f"  {'checks':<13} {note}")
        os.replace(building, published)
        _fsync_dir(directory)
        last_failed_build_path(published).unlink(missing_ok=True)
        return summary
    except BuildError as error:
        if echo and error.report:
            text = failures.render(error.report)
            if text:
                print(
                    "\nWhat the refused build held (before it is deleted):\n" + text,
                    file=sys.stderr,
                )
        raise
    finally:
        shutil.rmtree(building_dir, ignore_errors=True)
        os.close(lock)  # releases the lock


@dataclass(frozen=True)
class _BuildStart:
    """How this build starts (incremental.Start) and the project fingerprint it records."""

    start: incremental.Start
    fingerprint: str
    run_unit_tests: bool
    unit_tests_passed: bool  # what the build record says once the build succeeded


def _start_build(
    published: Path,
    building: Path,
    *,
    project_dir: Path,
    dbt_vars: dict[str, object] | None,
    full_refresh: bool,
    select: str | None,
    unit_tests: bool,
    show: Callable[[str], None] | None,
) -> _BuildStart:
    """Full or incremental (impact_warehouse.incremental); copies the published file into
    the building directory when the build starts from it (always with --select)."""
    fingerprint = incremental.project_fingerprint(project_dir)
    start = incremental.choose_start(
        published, fingerprint=fingerprint, dbt_vars=dbt_vars, full_refresh=full_refresh
    )
    if select and published.exists() and not full_refresh:
        start = incremental.Start(incremental.INCREMENTAL, f"--select {select}")
    # a complete build ran its unit tests or skipped them because they had passed
    unit_tests_passed = unit_tests and (not select or start.skip_unit_tests)
    if start.incremental:
        started = time.monotonic()
        shutil.copyfile(published, building)
        copied = f" (copied in {format_seconds(time.monotonic() - started)})"
    else:
        copied = ""
    if show:
        show(f"start: {start.describe()}{copied}")
    return _BuildStart(
        start, fingerprint, unit_tests and not start.skip_unit_tests, unit_tests_passed
    )


def _selection(select: str | None, build_start: _BuildStart) -> list[str]:
    """The dbt build's node selection: the user's --select, else every node (the unit
    tests excluded when they passed with this code and these vars)."""
    if select:
        return ["--select", select]
    if not build_start.run_unit_tests:
        return ["--exclude-resource-type", "unit_test"]
    return []


def _record_build(
    building: Path,
    build_start: _BuildStart,
    *,
    dbt_vars: dict[str, object] | None,
    raw: Path,
    select: str | None,
) -> None:
    """The build record of the new warehouse (impact_warehouse.incremental.record)."""
    incremental.record(
        building,
        start=build_start.start,
        fingerprint=build_start.fingerprint,
        dbt_vars=dbt_vars,
        raw=raw,
        unit_tests_passed=build_start.unit_tests_passed,
    )


def _failure_summary(output: str, returncode: int) -> str:
    """dbt's own error report (from 'Completed with' or 'Encountered an error'), else the tail."""
    lines = [TIMESTAMP.sub("", strip_ansi(line)) for line in output.rstrip().splitlines()]
    for marker in ("Completed with", "Encountered an error"):
        for index, line in enumerate(lines):
            if marker in line:
                return "\n".join(lines[index:]).strip()
    return f"dbt exited with status {returncode}:\n" + "\n".join(lines[-20:])


def _record(
    error: BuildError | exports.RawDirError | PseudonymKeyError | editions.EditionError,
    *,
    stage: str,
    published: Path,
    raw: Path | None,
    build_log: Path,
) -> dict[str, Any]:
    report = error.report if isinstance(error, BuildError) else {}
    return {
        "failed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "stage": stage,
        "published": str(published),
        "published_left_untouched": True,
        "raw_dir": str(raw) if raw is not None else None,
        "message": str(error),
        "log": str(build_log) if stage == "dbt build" else None,
        **report,
    }


def run(args: argparse.Namespace) -> int:
    if getattr(args, "target", "dev") == "spark":
        return execute_on_spark(args)
    return execute(args)


def _with_edition_vars(dbt_vars: dict[str, object] | None) -> dict[str, object]:
    """The user's vars with what warehouse_info and the editions source need (code version,
    build time, editions directory and files: G-11), after checking every edition is intact."""
    directory = editions.editions_dir()
    editions.check_editions(directory)
    return {**(dbt_vars or {}), **editions.dbt_vars(directory)}


def _checks(
    args: argparse.Namespace, dbt_vars: dict[str, object] | None, project_dir: Path
) -> tuple[PrePublishCheck, ...]:
    checks = pre_publish_checks(dbt_vars, project_dir)
    if getattr(args, "allow_synthetic_over_real", False):
        return tuple(c for c in checks if c is not refuse_synthetic_over_real)
    return checks


def execute_on_spark(args: argparse.Namespace) -> int:
    """`impact-warehouse build --target spark` (issue 13): the same inputs as on DuckDB
    (raw directory, pseudonym key), then impact_warehouse.spark_publish: the raw-file
    pre-step, `dbt build --target spark` into the build's own databases in this process
    (one JVM), and the view switch once every test passed. The published marts are
    views in the `marts` database of $IMPACT_SPARK_DIR; a failed build leaves them as
    they were."""
    from impact_warehouse import spark_publish

    if args.select:
        print(
            "build FAILED: --select is not available with --target spark (a Spark build "
            "publishes a whole new set of databases)",
            file=sys.stderr,
        )
        return 2
    try:
        dbt_vars = _with_edition_vars(parse_vars(args.vars))
        raw = exports.resolve(
            args.raw_dir,
            scale=args.sample_scale,
            seed=args.sample_seed,
            say=_say,
            verbose=args.verbose,
        )
        key: KeyChoice = choose_key(raw.path)
    except (BuildError, exports.RawDirError, PseudonymKeyError, editions.EditionError) as error:
        print(f"\nbuild FAILED: nothing was built.\n{error}", file=sys.stderr)
        return 1
    _say(f"pseudonyms: {key.describe()}")
    _say(f"editions: {editions.describe_dir(editions.editions_dir())}")
    return spark_publish.build_command(
        raw=raw.path,
        describe_raw=raw.describe(),
        dbt_vars=dbt_vars,
        target_path=Path(args.target_path) if args.target_path else None,
        verbose=args.verbose,
        say=_say,
    )


def execute(args: argparse.Namespace, *, project_dir: Path | None = None) -> int:
    """`impact-warehouse build`; `project_dir` as build_and_publish."""
    published = published_path(args.duckdb_path)
    failed_record = last_failed_build_path(published)
    build_log, dbt_log = log_paths(published)
    raw: exports.RawDir | None = None
    stage = "inputs"
    try:
        dbt_vars = parse_vars(args.vars)
        raw = exports.resolve(
            args.raw_dir,
            scale=args.sample_scale,
            seed=args.sample_seed,
            say=_say,
            verbose=args.verbose,
        )
        key: KeyChoice = choose_key(raw.path)
        dbt_vars = _with_edition_vars(dbt_vars)
        _say(f"building {published} from {raw.describe()}")
        _say(f"pseudonyms: {key.describe()}")
        _say(f"editions: {editions.describe_dir(editions.editions_dir())}")
        _say(f"full log: {build_log} (dbt's debug log: {dbt_log}); -v to see it here")
        target = Path(args.target_path) if args.target_path else None
        stage = "dbt build"
        summary = build_and_publish(
            published=published,
            raw=raw.path,
            dbt_vars=dbt_vars,
            select=args.select,
            target_path=target,
            verbose=args.verbose,
            project_dir=project_dir,
            full_refresh=args.full_refresh,
            checks=_checks(args, dbt_vars, project_dir or PROJECT_DIR),
        )
    except (BuildError, exports.RawDirError, PseudonymKeyError, editions.EditionError) as error:
        failures.write_record(
            failed_record,
            _record(
                error,
                stage=stage,
                published=published,
                raw=raw.path if raw else None,
                build_log=build_log,
            ),
        )
        print(
            f"\nbuild FAILED: the published warehouse {published} was left untouched.\n"
            f"{error}\n\ndetails: {failed_record}"
            + (f"; full log: {build_log}" if stage == "dbt build" else ""),
            file=sys.stderr,
        )
        return error.returncode if isinstance(error, BuildError) else 1
    _say(f"\ndbt build: {summary.line()}")
    for warning in summary.warnings:
        _say(f"  warning: {warning}")
    _say(f"published {published}, built from {raw.describe()}\n")
    if args.no_headline:
        return 0
    status = headline.print_headline(published)
    if status != 0:
        print("(the warehouse was published; the headline could not be printed)", file=sys.stderr)
    return 0
