"""Run dbt on the `spark` target inside this process, on this process's Spark session.

dbt-spark's session mode calls `SparkSession.builder.getOrCreate()` for every statement,
so a dbt invocation made in a process that already holds a session (from
impact_warehouse.spark_session) runs on that session: no second JVM start (about 10 s
each), and no second process fighting over the embedded Derby metastore, which admits
one process at a time. The test lane uses this to build, publish and read back in one
JVM; `impact-warehouse build --target spark` may use it too (see spark_publish).

One dbt invocation at a time per process. The environment variables the project reads
(IMPACT_RAW_DIR, IMPACT_SPARK_DIR, IMPACT_SPARK_BUILD_ID, the pseudonym key's padded keys
in DBT_ENV_SECRET_ variables, ...) are set for the duration of the call and restored
afterwards.

As a command, the developer's `dbt <args> --target spark` with everything Spark needs
around it: the raw-file pre-step, the pseudonym key, one JVM (no publishing: the nodes
land in the published names, as a plain dbt build does; `impact-warehouse build
--target spark` builds and publishes):

    python -m impact_warehouse.spark_dbtrun [--raw-dir DIR] build --select staging
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import yaml

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
    on_line: Callable[[str], None] | None = None,
) -> DbtResult:
    """`dbt <args> --target spark` in this process; the output is dbt's log lines (each
    handed to `on_line` as it comes, when given)."""
    from dbt.cli.main import dbtRunner

    work = Path(work_dir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    from impact_warehouse.spark_session import pseudonym_env

    env = {
        **pseudonym_env(raw_dir),
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
            lines.append(str(event.info.msg))
            if on_line is not None:
                on_line(lines[-1])

    with _LOCK, _environment(env):
        result = dbtRunner(callbacks=[collect]).invoke(
            [*command, "--project-dir", env["DBT_PROJECT_DIR"], "--log-format", "text"]
        )
    output = "\n".join(lines)
    if result.exception is not None:
        output += f"\n{type(result.exception).__name__}: {result.exception}"
    return DbtResult(0 if result.success else 1, output)


class _VarsLoader(yaml.SafeLoader):
    """YAML as dbt reads --vars, but a date stays its text: the vars are passed on as
    JSON, which has no dates (dbt renders `var('report_date')` as the same text)."""


_VarsLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split_vars(dbt_args: list[str]) -> tuple[list[str], dict[str, object]]:
    """dbt's arguments without their `--vars` (`--vars X` or `--vars=X`, YAML as dbt reads
    it), and those vars; a later --vars updates an earlier one, as in dbt."""
    rest: list[str] = []
    found: dict[str, object] = {}
    words = iter(dbt_args)
    for word in words:
        if word == "--vars" or word.startswith("--vars="):
            text = word.partition("=")[2] if "=" in word else next(words, "")
            value = yaml.load(text, Loader=_VarsLoader) or {}
            if not isinstance(value, dict):
                raise SystemExit(f"--vars must be a mapping (YAML or JSON), not {text!r}")
            found.update(value)
        else:
            rest.append(word)
    return rest, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m impact_warehouse.spark_dbtrun",
        description="dbt on the spark target: raw-file pre-step, pseudonym key, one JVM.",
    )
    parser.add_argument(
        "--raw-dir", default=os.environ.get("IMPACT_RAW_DIR", "data/sample"), help="raw exports"
    )
    parser.add_argument("--spark-dir", default=None, help="default: $IMPACT_SPARK_DIR")
    parser.add_argument("--work-dir", default=None, help="dbt target/ and logs/ (default: ./)")
    args, dbt_args = parser.parse_known_args(argv)
    from impact_warehouse.spark_raw_files import RAW_FILES_ENV, write_inventory
    from impact_warehouse.spark_session import spark_dir, spark_session

    base = spark_dir(args.spark_dir)
    raw = Path(args.raw_dir).resolve()
    inventory = write_inventory(raw, base / "prestep" / "raw_files.parquet")
    spark_session(base)
    # the vars impact-warehouse build passes (Spark cannot list the editions directory),
    # under the developer's own --vars, which win
    from impact_warehouse import editions

    dbt_args, given = split_vars(dbt_args)
    dbt_vars = {**editions.dbt_vars(), **given}
    result = run_dbt_in_process(
        dbt_args or ["build"],
        raw_dir=raw,
        dbt_vars=dbt_vars,
        work_dir=Path(args.work_dir or PROJECT_DIR),
        extra_env={"IMPACT_SPARK_DIR": str(base), RAW_FILES_ENV: str(inventory)},
        on_line=lambda line: print(line, flush=True),
    )
    return result.returncode


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
