"""The Spark engine's settings, and a pyspark session that reads what dbt built.

The `spark` target of profiles.yml (dbt-spark, session mode) and this module agree on
every setting (a test compares them): the master (IMPACT_SPARK_MASTER, default
local[2]), the warehouse directory and the embedded Derby metastore, both under
IMPACT_SPARK_DIR (default warehouse/spark, relative to the project root), and the UTC
session time zone. Any pyspark session with the same warehouse directory and metastore
and Hive support sees the published `marts` database:

    from impact_warehouse.spark_session import spark_session
    spark = spark_session()
    spark.table("marts.impact_indicators").show()

pyspark is an optional dependency (the `spark` extra, `make spark-setup`): it is
imported when a session is asked for, never at import time of this module. The
embedded Derby metastore admits one process at a time: a session held open here blocks
a `dbt build --target spark` on the same IMPACT_SPARK_DIR until this process exits.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from impact_warehouse.dbtrun import PROJECT_DIR

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[2]"
DEFAULT_SPARK_DIR = "warehouse/spark"
DEFAULT_SHUFFLE_PARTITIONS = "4"
# The driver's heap: in local mode the driver runs every task too (Spark's default, 1g,
# spills most of a scale-1.0 build); IMPACT_SPARK_DRIVER_MEMORY sets it.
DEFAULT_DRIVER_MEMORY = "2g"
# Time zone names that mean UTC (the on-run-start guard accepts the same).
UTC_NAMES = frozenset({"UTC", "ETC/UTC", "Z", "+00:00"})
# The pseudonym key's HMAC padded keys reach the `spark` target of profiles.yml in these
# variables (hex): dbt scrubs the values of DBT_ENV_SECRET_* from its logs and errors.
PSEUDONYM_ENV = {
    "spark.impact.pseudonym_ipad": "DBT_ENV_SECRET_IMPACT_PSEUDONYM_IPAD",
    "spark.impact.pseudonym_opad": "DBT_ENV_SECRET_IMPACT_PSEUDONYM_OPAD",
}
# Spark's redaction of strings in the plans it prints: a padded key is 128 hex characters
# (a pseudonym is 64).
PLAN_REDACTION_REGEX = "[0-9a-fA-F]{128}"


def spark_dir(value: str | Path | None = None) -> Path:
    """IMPACT_SPARK_DIR (or `value`) as an absolute path; relative means the project root."""
    raw = str(value if value is not None else os.environ.get("IMPACT_SPARK_DIR", "")).strip()
    path = Path(raw or DEFAULT_SPARK_DIR)
    return (path if path.is_absolute() else PROJECT_DIR / path).resolve()


def spark_master(value: str | None = None) -> str:
    return value or os.environ.get("IMPACT_SPARK_MASTER") or DEFAULT_MASTER


def spark_conf(
    directory: str | Path | None = None,
    master: str | None = None,
    app_name: str = "impact-warehouse-dbt",
) -> dict[str, str]:
    """The Spark configuration of the `spark` target, as profiles.yml renders it."""
    base = spark_dir(directory)
    shuffle = os.environ.get("IMPACT_SPARK_SHUFFLE_PARTITIONS") or DEFAULT_SHUFFLE_PARTITIONS
    return {
        "spark.master": spark_master(master),
        "spark.app.name": app_name,
        "spark.sql.warehouse.dir": f"{base}/warehouse",
        "spark.hadoop.javax.jdo.option.ConnectionURL": (
            f"jdbc:derby:;databaseName={base}/metastore_db;create=true"
        ),
        "spark.sql.session.timeZone": "UTC",
        "spark.driver.extraJavaOptions": f"-Duser.timezone=UTC -Dderby.system.home={base}",
        "spark.executor.extraJavaOptions": "-Duser.timezone=UTC",
        "spark.ui.enabled": "false",
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.log.level": "WARN",
        "spark.log.structuredLogging.enabled": "false",
        "spark.sql.shuffle.partitions": shuffle,
        "spark.driver.memory": os.environ.get("IMPACT_SPARK_DRIVER_MEMORY")
        or DEFAULT_DRIVER_MEMORY,
        "spark.sql.constraintPropagation.enabled": "false",
        "spark.sql.redaction.string.regex": PLAN_REDACTION_REGEX,
    }


def pseudonym_env(raw: Path | str | None) -> dict[str, str]:
    """The environment that gives a Spark build of `raw` its pseudonym key: the HMAC
    padded keys (impact_warehouse.pseudonym.choose_key: IMPACT_PSEUDONYM_KEY, or the
    sample key for synthetic exports) as hex in the DBT_ENV_SECRET_ variables that the
    `spark` target turns into the confs spark.impact.pseudonym_ipad/_opad. Empty when no
    key applies: the `pseudonym` macro then stops the model that needs it, naming
    IMPACT_PSEUDONYM_KEY (as the DuckDB plugin does). Never written to a file."""
    from impact_warehouse.pseudonym import PseudonymKeyError, choose_key, padded_keys

    try:
        choice = choose_key(Path(raw) if raw is not None else None)
    except PseudonymKeyError:
        return {}
    inner, outer = padded_keys(choice.key)
    ipad, opad = PSEUDONYM_ENV.values()
    return {ipad: inner.hex(), opad: outer.hex()}


def spark_session(
    directory: str | Path | None = None,
    master: str | None = None,
    app_name: str = "impact-warehouse",
) -> SparkSession:
    """A Hive-enabled pyspark session on the warehouse under `directory` (IMPACT_SPARK_DIR).

    Like dbt-spark's session mode, it also sets spark.sql.ansi.enabled=false, so that
    SQL run here behaves as it does in the build. One JVM per process: a second call
    returns the same session (pyspark's getOrCreate), whatever the arguments.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            "pyspark is not installed: run `make spark-setup` (the `spark` extra)"
        ) from error
    builder = SparkSession.builder.enableHiveSupport()
    conf = spark_conf(directory, master, app_name)
    conf["spark.sql.ansi.enabled"] = "false"
    for key, value in conf.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    zone = session.conf.get("spark.sql.session.timeZone") or ""
    if zone.upper() not in UTC_NAMES:  # pragma: no cover - getOrCreate of a foreign session
        raise RuntimeError(f"the Spark session time zone is {zone!r}, not UTC")
    return session
