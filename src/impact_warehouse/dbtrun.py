"""Run the dbt CLI of this environment on the project, isolated by environment variables.

One mechanism for every caller (build, tests, benchmark): a subprocess of the
`dbt` installed beside this interpreter, with its own raw directory, DuckDB
file, target path and log path, so that runs never share state and the
DuckDB file is closed when the call returns.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


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

    `work_dir` receives dbt's target and log folders and the DuckDB temp
    directory; `raw_dir` and `duckdb_path` become IMPACT_RAW_DIR and
    IMPACT_DUCKDB_PATH (made absolute). With `echo`, output streams to the
    terminal as well as being captured; with `on_line`, each line of output is
    handed to it as it comes (instead of the terminal).
    """
    work = Path(work_dir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    (work / "tmp").mkdir(exist_ok=True)
    env = dict(os.environ)
    env.update(
        {
            "IMPACT_RAW_DIR": str(Path(raw_dir).resolve()),
            "IMPACT_DUCKDB_PATH": str(Path(duckdb_path).resolve()),
            "IMPACT_DUCKDB_TEMP_DIR": str(work / "tmp"),
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
    Path(duckdb_path).resolve().parent.mkdir(parents=True, exist_ok=True)
    if on_line is None and echo:
        on_line = sys.stdout.write
    if on_line is None:
        proc = subprocess.run(
            command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False
        )
        return DbtResult(proc.returncode, proc.stdout + proc.stderr)
    lines: list[str] = []
    with subprocess.Popen(
        command,
        cwd=PROJECT_DIR,
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
