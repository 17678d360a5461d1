"""Run dbt on the `spark` target inside this process, on this process's Spark session.

dbt-spark's session mode calls `SparkSession.builder.getOrCreate()` for every statement,
so a dbt invocation made in a process that already holds a session (from
impact_warehouse.spark_session) runs on that session: no second JVM start (about 10 s
each), and no second process fighting over the embedded Derby metastore, which admits
one process at a time. The test lane uses this to build, publish and read back in one
JVM; `impact-warehouse build --target spark` may use it too (see spark_publish).

One dbt invocation at a time per process. The environment variables the project reads
(IMPACT_RAW_DIR, IMPACT_SPARK_DIR, IMPACT_SPARK_BUILD_ID, ...) are set for the duration
of the call and restored afterwards.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from impact_warehouse.dbtrun import PROJECT_DIR, DbtResult

_LOCK = threading.Lock()


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_dbt_in_process(
    args: Sequence[str],
    *,
    raw_dir: Path | str,
    work_dir: Path | str,
    project_dir: Path | str = PROJECT_DIR,
    profiles_dir: Path | str = PROJECT_DIR,
    dbt_vars: dict[str, object] | None = None,
    extra_env: dict[str, str] | None = None,
) -> DbtResult:
    """`dbt <args> --target spark` in this process; the output is dbt's log lines."""
    from dbt.cli.main import dbtRunner

    work = Path(work_dir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    env = {
        "IMPACT_RAW_DIR": str(Path(raw_dir).resolve()),
        "DBT_PROJECT_DIR": str(Path(project_dir).resolve()),
        "DBT_PROFILES_DIR": str(Path(profiles_dir).resolve()),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        **(extra_env or {}),
    }
    command = [*args]
    if "--target" not in command:
        command += ["--target", "spark"]
    if dbt_vars:
        command += ["--vars", json.dumps(dbt_vars)]
    lines: list[str] = []

    def collect(event) -> None:  # dbt EventMsg
        if event.info.level in ("info", "warn", "error"):
            lines.append(event.info.msg)

    with _LOCK, _environment(env):
        result = dbtRunner(callbacks=[collect]).invoke(
            [*command, "--project-dir", env["DBT_PROJECT_DIR"], "--log-format", "text"]
        )
    output = "\n".join(str(line) for line in lines)
    if result.exception is not None:
        output += f"\n{type(result.exception).__name__}: {result.exception}"
    return DbtResult(0 if result.success else 1, output)
