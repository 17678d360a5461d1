"""A private copy of the published warehouse, for the tools that open it read-write.

dbt (`dbt docs generate`) and MetricFlow (`mf query`) open the DuckDB file of
the dbt profile read-write, and DuckDB refuses a read-write open while any
other process holds the file, even read-only: an analyst's open shell would
make them fail with a lock error. They work from a snapshot instead:

    impact-warehouse snapshot -- dbt docs generate
    impact-warehouse snapshot -- mf query --metrics job_placement_rate --group-by metric_time__year

copies the published file ($IMPACT_DUCKDB_PATH, default
warehouse/impact.duckdb) into a private folder beside it
(`.snapshot-<pid>/`), runs the command with IMPACT_DUCKDB_PATH pointing at
the copy, deletes the copy and exits with the command's status. A command
not found on PATH is looked up beside this interpreter (the project's
.venv/bin), so `.venv/bin/impact-warehouse snapshot -- mf ...` works without
activating the virtual environment.

Without a command, the copy goes to `snapshot/` beside the published file
(refreshed atomically; refused while a process holds it) and its path is
printed, for a series of commands:

    export IMPACT_DUCKDB_PATH=$(impact-warehouse snapshot)

Copying only reads the published file, so it works while readers hold it
and while a build publishes a new one (the copy is of the file it opened).
The copy keeps the published file's name: DuckDB names the catalog after it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

from impact_warehouse.warehouse import WarehouseError, published_path

PRIVATE_PREFIX = ".snapshot-"
SHARED_DIR = "snapshot"


def copy_warehouse(published: Path, directory: Path) -> Path:
    """Copy `published` (and a write-ahead log beside it, if any) into `directory`,
    under the same file name; the copy's path."""
    if not published.is_file():
        raise WarehouseError(
            f"no warehouse at {published}: run `make build` (impact-warehouse build)"
        )
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / published.name
    with open(published, "rb") as source, open(target, "wb") as copy:
        shutil.copyfileobj(source, copy, length=16 * 1024 * 1024)
    wal = published.with_name(published.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + ".wal"))
    return target


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_snapshots(directory: Path) -> None:
    """Delete private snapshot folders left by processes that no longer exist."""
    if not directory.is_dir():
        return
    for entry in directory.glob(f"{PRIVATE_PREFIX}*"):
        suffix = entry.name.removeprefix(PRIVATE_PREFIX)
        if entry.is_dir() and suffix.isdigit() and not _pid_alive(int(suffix)):
            shutil.rmtree(entry, ignore_errors=True)


def _in_use(path: Path) -> bool:
    """True when another process holds the DuckDB file (a read-write open is refused)."""
    if not path.exists():
        return False
    try:
        con = duckdb.connect(str(path))
    except duckdb.Error as error:
        if "lock" in str(error).lower():
            return True
        raise WarehouseError(f"cannot open the snapshot {path}: {error}") from error
    con.close()
    return False


def refresh_shared(published: Path) -> Path:
    """Refresh `snapshot/<name>` beside the published file; its path."""
    shared = published.parent / SHARED_DIR
    target = shared / published.name
    if _in_use(target):
        raise WarehouseError(
            f"the snapshot {target} is open in another process (dbt or mf): close it first, or "
            "run the command through `impact-warehouse snapshot -- COMMAND`, which uses a "
            "private copy"
        )
    staging = shared / f"{PRIVATE_PREFIX}{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        copy = copy_warehouse(published, staging)
        wal = target.with_name(target.name + ".wal")
        wal.unlink(missing_ok=True)
        copied_wal = copy.with_name(copy.name + ".wal")
        if copied_wal.exists():
            os.replace(copied_wal, wal)
        os.replace(copy, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def resolve_command(command: Sequence[str]) -> list[str]:
    """The command, its program found on PATH or else beside this interpreter."""
    program = command[0]
    if os.sep not in program and shutil.which(program) is None:
        beside = Path(sys.executable).with_name(program)
        if beside.exists():
            program = str(beside)
    return [program, *command[1:]]


def run_on_snapshot(published: Path, command: Sequence[str]) -> int:
    """Run `command` with IMPACT_DUCKDB_PATH on a private copy; its exit status."""
    published = published.resolve()
    remove_stale_snapshots(published.parent)
    directory = published.parent / f"{PRIVATE_PREFIX}{os.getpid()}"
    shutil.rmtree(directory, ignore_errors=True)
    try:
        copy = copy_warehouse(published, directory)
        env = dict(os.environ, IMPACT_DUCKDB_PATH=str(copy))
        try:
            return subprocess.call(resolve_command(command), env=env)
        except FileNotFoundError as error:
            raise WarehouseError(f"command not found: {command[0]}") from error
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--duckdb-path",
        default=None,
        help="published warehouse file (default: $IMPACT_DUCKDB_PATH or warehouse/impact.duckdb)",
    )
    parser.add_argument(
        "command",
        nargs=argparse.REMAINDER,
        help="after --: a command to run on a private copy (its IMPACT_DUCKDB_PATH)",
    )


def run(args: argparse.Namespace) -> int:
    command = list(args.command)
    if command and command[0] == "--":
        command = command[1:]
    try:
        published = published_path(args.duckdb_path)
        if command:
            return run_on_snapshot(published, command)
        print(refresh_shared(published.resolve()))
    except WarehouseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
