"""Publishing on Spark without ever leaving readers without a mart (issue 13, item 3).

dbt-spark drops a table before it recreates it, so a build that writes to the published
names leaves `marts.impact_indicators` missing while it runs, and missing for good when
the build fails half-way. The Spark build therefore never writes to a published name:

  1. Every build gets an id (`new_build_id()`, digits of its UTC start time). With
     IMPACT_SPARK_BUILD_ID set (`build_env(id)`), generate_schema_name writes each schema
     to `<name>__build_<id>` (`marts__build_20261201173012123456`, `staging__build_...`,
     `intermediate__build_...`, `main__build_...`): seeds, models and every data and unit
     test run there, beside the published databases, which nobody touches.
  2. Only when `dbt build` passed is the build published (`publish(spark, id)`): in each
     published database (`marts`, `staging`, `intermediate`, `main`; not `platform`, the
     build's private raw-file relations) every relation of the build becomes a view
     `create or replace view marts.x as select * from marts__build_<id>.x`. Replacing a
     view is one metastore update, so a reader sees the old mart or the new one, never
     none. Relations that the new build no longer has are dropped from the published
     database; the id is recorded on each view and on the
     database (property `impact_warehouse.build_id`).
  3. The build published before stays (a reader who resolved the old view keeps reading
     its tables); any older build, and any build that never got published, is dropped.
  4. A failed build is dropped (`discard(spark, id)`) or kept for inspection; either way
     the published views still point at the previous build, untouched.

Limits (documented in the README): the switch is atomic per relation, not across
relations: for the milliseconds the loop takes, a reader joining two marts could see one
from each build. The embedded Derby metastore admits one process at a time, so a reader
session and a build cannot overlap on one IMPACT_SPARK_DIR (a shared Hive metastore or a
Databricks catalog lifts that). Publishing the published databases as views means the
published databases must only hold what this module puts there: anything else found in
them (a table from a developer's plain `dbt build --target spark`, which writes straight
to the published names) is replaced or dropped.

`build_and_publish()` is the whole sequence for `impact-warehouse build --target spark`:
the raw-file pre-step (impact_warehouse.spark_raw_files), `dbt build --target spark` into
the build's databases, then `publish()` (or `discard()` and SparkBuildError).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from impact_warehouse.dbtrun import DbtResult, run_dbt
from impact_warehouse.spark_session import spark_dir, spark_master

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import SparkSession

BUILD_MARK = "__build_"
BUILD_ID_ENV = "IMPACT_SPARK_BUILD_ID"
BUILD_PROPERTY = "impact_warehouse.build_id"
# The database whose property names the published build (switched last).
MARTS = "marts"
# Build databases that stay private to their build: the raw-file relations
# (register_raw_export) that the build's staging models and views read.
UNPUBLISHED = frozenset({"platform"})
_ID = re.compile(r"[a-z0-9_]+")
_NAME = re.compile(r"[a-z0-9_]+")


class SparkBuildError(RuntimeError):
    """dbt build on Spark failed; the published databases were left as they were."""

    def __init__(self, message: str, build_id: str, result: DbtResult | None = None) -> None:
        super().__init__(message)
        self.build_id = build_id
        self.result = result


@dataclass(frozen=True)
class PublishResult:
    build_id: str
    previous_build_id: str | None
    # published database -> relations now served from this build
    published: dict[str, list[str]]
    # relations dropped from the published databases (no longer built)
    removed: list[str] = field(default_factory=list)
    # build ids whose databases were dropped
    dropped_builds: list[str] = field(default_factory=list)
    # relations that were tables, not views, and had to be dropped before the switch
    replaced_tables: list[str] = field(default_factory=list)
    dbt_seconds: float | None = None
    publish_seconds: float | None = None


def new_build_id(now: datetime | None = None) -> str:
    """Digits of the UTC time (microseconds): ids sort in build order."""
    return (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S%f")


def check_build_id(build_id: str) -> str:
    if not _ID.fullmatch(build_id or ""):
        raise ValueError(f"a build id is lower-case letters, digits and _ (got {build_id!r})")
    return build_id


def build_schema(name: str, build_id: str) -> str:
    """The database a build writes in place of the published database `name`."""
    return f"{name}{BUILD_MARK}{check_build_id(build_id)}"


def build_env(build_id: str) -> dict[str, str]:
    """Environment for `dbt ... --target spark` to build into the build's databases."""
    return {BUILD_ID_ENV: check_build_id(build_id)}


def _quote(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(f"unexpected Spark identifier {name!r}")
    return f"`{name}`"


def _databases(spark: SparkSession) -> list[str]:
    return [row[0] for row in spark.sql("show databases").collect()]


def builds(spark: SparkSession) -> dict[str, list[str]]:
    """Build id -> the published names it has databases for (`marts`, `staging`, ...)."""
    found: dict[str, list[str]] = {}
    for database in _databases(spark):
        name, mark, build_id = database.partition(BUILD_MARK)
        if mark and name and _ID.fullmatch(build_id):
            found.setdefault(build_id, []).append(name)
    return {key: sorted(value) for key, value in sorted(found.items())}


def published_build_id(spark: SparkSession, database: str = MARTS) -> str | None:
    """The build id recorded on a published database (None: never published)."""
    if database not in _databases(spark):
        return None
    rows = spark.sql(f"describe database extended {_quote(database)}").collect()
    for row in rows:
        if str(row[0]).strip().lower() == "properties":
            match = re.search(re.escape(BUILD_PROPERTY) + r",([a-z0-9_]+)", str(row[1]))
            return match.group(1) if match else None
    return None


def _relations(spark: SparkSession, database: str) -> dict[str, str]:
    """name -> table type (MANAGED, EXTERNAL, VIEW) of the persistent relations."""
    return {
        table.name: (table.tableType or "").upper()
        for table in spark.catalog.listTables(database)
        if not table.isTemporary
    }


def publish(spark: SparkSession, build_id: str, keep_previous: bool = True) -> PublishResult:
    """Serve the published databases from build `build_id` (see the module docstring).

    Idempotent: publishing the same id again (after a crash half-way) completes the
    switch. Raises ValueError when the build has no `marts` database.
    """
    started = time.monotonic()
    check_build_id(build_id)
    names = builds(spark).get(build_id, [])
    if MARTS not in names:
        raise ValueError(
            f"build {build_id} has no {build_schema(MARTS, build_id)} database: nothing to publish"
        )
    previous = published_build_id(spark)
    published: dict[str, list[str]] = {}
    removed: list[str] = []
    replaced: list[str] = []
    # marts last: its property says the whole switch is done.
    for name in sorted(set(names) - UNPUBLISHED, key=lambda n: (n == MARTS, n)):
        source = build_schema(name, build_id)
        spark.sql(f"create database if not exists {_quote(name)}")
        current = _relations(spark, name)
        built = sorted(_relations(spark, source))
        for relation in built:
            target = f"{_quote(name)}.{_quote(relation)}"
            if current.get(relation, "VIEW") != "VIEW":
                # A table (a plain dbt build wrote here): a view cannot replace it in place.
                spark.sql(f"drop table {target}")
                replaced.append(f"{name}.{relation}")
            spark.sql(
                f"create or replace view {target}"
                f" tblproperties ('{BUILD_PROPERTY}' = '{build_id}')"
                f" as select * from {_quote(source)}.{_quote(relation)}"
            )
        for relation in sorted(set(current) - set(built)):
            kind = "view" if current[relation] == "VIEW" else "table"
            spark.sql(f"drop {kind} if exists {_quote(name)}.{_quote(relation)}")
            removed.append(f"{name}.{relation}")
        spark.sql(
            f"alter database {_quote(name)} set dbproperties ('{BUILD_PROPERTY}' = '{build_id}')"
        )
        published[name] = built
    keep = {build_id} | ({previous} if keep_previous and previous else set())
    dropped = [other for other in builds(spark) if other not in keep and other < build_id]
    for other in dropped:
        discard(spark, other, allow_published=True)
    return PublishResult(
        build_id=build_id,
        previous_build_id=previous,
        published=published,
        removed=removed,
        dropped_builds=dropped,
        replaced_tables=replaced,
        publish_seconds=time.monotonic() - started,
    )


def discard(spark: SparkSession, build_id: str, allow_published: bool = False) -> list[str]:
    """Drop every database of build `build_id`; returns their names.

    Refuses (ValueError) to drop the build the published views point at, unless
    `allow_published` (publish() dropping a superseded build).
    """
    check_build_id(build_id)
    if not allow_published and published_build_id(spark) == build_id:
        raise ValueError(f"build {build_id} is the published one: publish another first")
    dropped = []
    for name in builds(spark).get(build_id, []):
        database = build_schema(name, build_id)
        spark.sql(f"drop database if exists {_quote(database)} cascade")
        dropped.append(database)
    return dropped


def build_and_publish(
    *,
    raw: Path,
    directory: Path | str | None = None,
    work_dir: Path,
    dbt_args: Sequence[str] = ("build",),
    dbt_vars: dict[str, object] | None = None,
    master: str | None = None,
    extra_env: dict[str, str] | None = None,
    echo: bool = True,
    keep_failed: bool = False,
    build_id: str | None = None,
    spark: SparkSession | None = None,
    project_dir: Path | str | None = None,
    on_line: Callable[[str], None] | None = None,
) -> PublishResult:
    """The raw-file pre-step, `dbt <dbt_args> --target spark` into a new build, then publish.

    `directory` is IMPACT_SPARK_DIR (default: the environment's, else warehouse/spark);
    `work_dir` receives dbt's target and logs. On failure the build's databases are
    dropped (kept with `keep_failed`, e.g. to show its quarantine) and SparkBuildError is
    raised; the published databases are untouched either way.

    Without `spark`, dbt runs in a subprocess (its own JVM) and this process then opens
    a session to publish (a second JVM start). With `spark` (a session of this process
    on the same IMPACT_SPARK_DIR), dbt runs in this process on that session
    (spark_dbtrun): one JVM for the whole build. Either way this process holds the Derby
    metastore until it exits. `project_dir` replaces this dbt project (tests).
    """
    from impact_warehouse.spark_raw_files import RAW_FILES_ENV, write_inventory
    from impact_warehouse.spark_session import pseudonym_env, spark_session

    base = spark_dir(directory)
    build_id = check_build_id(build_id or new_build_id())
    work = Path(work_dir).resolve()
    inventory = write_inventory(raw, base / "prestep" / build_id / "raw_files.parquet")
    env = {
        "IMPACT_SPARK_DIR": str(base),
        "IMPACT_SPARK_MASTER": spark_master(master),
        RAW_FILES_ENV: str(inventory),
        **build_env(build_id),
        **pseudonym_env(raw),
        **(extra_env or {}),
    }
    started = time.monotonic()
    if spark is not None:
        from impact_warehouse.spark_dbtrun import run_dbt_in_process

        result = run_dbt_in_process(
            [*dbt_args, "--target", "spark"],
            raw_dir=raw,
            work_dir=work,
            dbt_vars=dbt_vars,
            extra_env=env,
            on_line=on_line,
            **({"project_dir": project_dir} if project_dir else {}),
        )
        if echo:
            print(result.output)
    else:
        if project_dir:
            env.setdefault("DBT_PROJECT_DIR", str(Path(project_dir).resolve()))
        result = run_dbt(
            [*dbt_args, "--target", "spark"],
            raw_dir=raw,
            duckdb_path=work / "unused.duckdb",
            work_dir=work,
            dbt_vars=dbt_vars,
            extra_env=env,
            echo=echo,
        )
    dbt_seconds = time.monotonic() - started
    if spark is None:
        spark = spark_session(base, master)
    if not result.ok:
        if not keep_failed:
            discard(spark, build_id)
        raise SparkBuildError(
            f"dbt build on Spark failed (build {build_id}); the published marts are unchanged",
            build_id,
            result,
        )
    outcome = publish(spark, build_id)
    return PublishResult(**{**outcome.__dict__, "dbt_seconds": dbt_seconds})


# dbt's lines worth showing while a quiet Spark build runs (the rest goes to the log).
_SHOWN = re.compile(r"\b(ERROR|FAIL|WARN)\b|^Done\.|^Completed|^Finished running")


def build_command(
    *,
    raw: Path,
    describe_raw: str,
    dbt_vars: dict[str, object] | None = None,
    target_path: Path | None = None,
    verbose: bool = False,
    say: Callable[[str], None] = print,
) -> int:
    """`impact-warehouse build --target spark` once its inputs are resolved: build and
    publish in this process (one JVM) on $IMPACT_SPARK_DIR, the full dbt output in
    <IMPACT_SPARK_DIR>/logs/build.log (shown with `verbose`; otherwise only failures,
    warnings and dbt's summary). Returns the exit status."""
    import sys

    from impact_warehouse.spark_session import spark_session

    base = spark_dir()
    log_path = base / "logs" / "build.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    say(f"building the Spark warehouse in {base} (master {spark_master()}) from {describe_raw}")
    say(f"full log: {log_path}; -v to see it here")
    started = time.monotonic()
    with log_path.open("w", encoding="utf-8") as log:

        def show(line: str) -> None:
            log.write(line + "\n")
            if verbose or _SHOWN.search(line):
                say(line)

        try:
            result = build_and_publish(
                raw=raw,
                directory=base,
                work_dir=base / "dbt",
                dbt_vars=dbt_vars,
                echo=False,
                spark=spark_session(base),
                on_line=show,
                extra_env={"DBT_TARGET_PATH": str(target_path.resolve())} if target_path else None,
            )
        except SparkBuildError as error:
            print(
                f"\nbuild FAILED: the published Spark marts were left as they were "
                f"(build {error.build_id} dropped).\nfull log: {log_path}",
                file=sys.stderr,
            )
            return 1
    minutes = (time.monotonic() - started) / 60
    relations = sum(len(names) for names in result.published.values())
    dropped = f"; dropped {', '.join(result.dropped_builds)}" if result.dropped_builds else ""
    say(
        f"published build {result.build_id} in {minutes:.1f} min: {relations} views in "
        f"{', '.join(sorted(result.published))} (previous build: "
        f"{result.previous_build_id or 'none'}{dropped})"
    )
    say(
        "read them from pyspark: `from impact_warehouse.spark_session import spark_session; "
        "spark_session().table('marts.impact_indicators').show()`"
    )
    return 0
