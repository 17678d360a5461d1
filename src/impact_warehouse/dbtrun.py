"""Run the dbt CLI of this environment on the project, isolated by environment variables.

One mechanism for every caller (build, tests, benchmark): a subprocess of the
`dbt` installed beside this interpreter, with its own raw directory, DuckDB
file, target path and log path, so that runs never share state and the
DuckDB file is closed when the call returns.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
# A folder of dbt parses to start from (the test suite sets it, tests/python/conftest.py):
# see _seed_parse.
PARSE_CACHE_ENV = "IMPACT_DBT_PARSE_CACHE"


@dataclass(frozen=True)
class DbtResult:
    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def run_dbt(
    args: list[str],
    *,
    raw_dir: Path | str,
    duckdb_path: Path | str,
    work_dir: Path | str,
    dbt_vars: dict[str, object] | None = None,
    extra_env: dict[str, str] | None = None,
    echo: bool = False,
    on_line: Callable[[str], None] | None = None,
) -> DbtResult:
    """Run `dbt <args>` on this project.

    dbt runs in `work_dir`, which receives dbt's target and log folders and the
    DuckDB temp directory; `raw_dir` becomes IMPACT_RAW_DIR (made absolute) and
    `duckdb_path` IMPACT_DUCKDB_PATH (relative to `work_dir`). When
    IMPACT_DBT_PARSE_CACHE names a folder, a run whose target folder has no parse
    yet starts from the last one kept there for the same profile and vars, and
    leaves its own there (the test suite's many builds each parse the project
    once instead of from nothing). With `echo`, output streams to the
    terminal as well as being captured; with `on_line`, each line of output is
    handed to it as it comes (instead of the terminal).
    """
    work = Path(work_dir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    (work / "tmp").mkdir(exist_ok=True)
    db = Path(duckdb_path).resolve()
    db.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        {
            "IMPACT_RAW_DIR": str(Path(raw_dir).resolve()),
            # Relative to dbt's working folder, `work`: the profile (these two paths are in
            # it) is then the same for every run with the same layout, and dbt keeps its
            # last parse instead of parsing everything again ("profile has changed").
            "IMPACT_DUCKDB_PATH": os.path.relpath(db, work),
            "IMPACT_DUCKDB_TEMP_DIR": "tmp",
            "DBT_PROFILES_DIR": str(PROJECT_DIR),
            "DBT_PROJECT_DIR": str(PROJECT_DIR),
            "DBT_TARGET_PATH": str(work / "target"),
            "DBT_LOG_PATH": str(work / "logs"),
            "DO_NOT_TRACK": "1",
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }
    )
    env.update(extra_env or {})
    command = [dbt_executable(), *args]
    if dbt_vars:
        command += ["--vars", json.dumps(dbt_vars)]
    cache = _seed_parse(env, args, dbt_vars)
    try:
        return _run(command, work, env, echo=echo, on_line=on_line)
    finally:
        if cache is not None:
            _keep_parse(env, cache)


def _parse_cache_file(
    env: dict[str, str], args: list[str], dbt_vars: dict[str, object] | None
) -> Path | None:
    """The cached parse for this run's profile and vars, when the cache is on.

    dbt itself decides whether a parse it finds can be reused: it parses again whatever
    changed (files, env vars a file reads) and everything when the vars, the profile or
    dbt_project.yml changed. The key only keeps one parse per profile and vars, so that
    runs with different vars do not keep replacing each other's.
    """
    folder = env.get(PARSE_CACHE_ENV, "").strip()
    if not folder:
        return None
    profile = [
        env.get(k, "")
        for k in (
            "IMPACT_DUCKDB_PATH",
            "IMPACT_DUCKDB_TEMP_DIR",
            "IMPACT_DUCKDB_MEMORY_LIMIT",
            "DBT_PROJECT_DIR",
        )
    ]
    targets = [args[i + 1] for i, a in enumerate(args[:-1]) if a in ("--target", "-t", "--profile")]
    key = hashlib.sha256(json.dumps([profile, targets, dbt_vars or {}], sort_keys=True).encode())
    return Path(folder) / f"partial_parse-{key.hexdigest()[:16]}.msgpack"


def _seed_parse(
    env: dict[str, str], args: list[str], dbt_vars: dict[str, object] | None
) -> Path | None:
    """Give a run without a parse of its own the cached one (see _parse_cache_file)."""
    cached = _parse_cache_file(env, args, dbt_vars)
    if cached is None:
        return None
    own = Path(env["DBT_TARGET_PATH"]) / "partial_parse.msgpack"
    if not own.exists() and cached.is_file():
        own.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, own)
    return cached


def _keep_parse(env: dict[str, str], cached: Path) -> None:
    """Store this run's parse as the cached one (replaced in one step: runs share it)."""
    own = Path(env["DBT_TARGET_PATH"]) / "partial_parse.msgpack"
    if not own.is_file():
        return
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
    shutil.copyfile(own, partial)
    os.replace(partial, cached)


def _run(
    command: list[str],
    work: Path,
    env: dict[str, str],
    *,
    echo: bool,
    on_line: Callable[[str], None] | None,
) -> DbtResult:
    if on_line is None and echo:
        on_line = sys.stdout.write
    if on_line is None:
        proc = subprocess.run(
            command, cwd=work, env=env, capture_output=True, text=True, check=False
        )
        return DbtResult(proc.returncode, proc.stdout + proc.stderr)
    lines: list[str] = []
    with subprocess.Popen(
        command,
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            on_line(line)
            lines.append(line)
    return DbtResult(proc.returncode, "".join(lines))
