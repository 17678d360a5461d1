"""Tiny dbt projects written into temp dirs, for tests of the build machinery.

They run through the real tooling (run_dbt, build_and_publish, the CLI) in a few seconds,
independently of this project's models. `write_project(root, files)` writes one; the
file sets below are combined as needed.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path

from impact_warehouse.dbtrun import PROJECT_DIR, DbtResult, run_dbt


def dbt_project(name: str = "tiny", extra: str = "") -> str:
    return textwrap.dedent(
        f"""
            name: {name}
            version: "1.0.0"
            config-version: 2
            profile: tiny
            flags:
              send_anonymous_usage_stats: false
            models:
              {name}:
                +materialized: table
                +schema: marts
            """
    ).lstrip() + textwrap.dedent(extra)


# The project's own profile features that matter here: the pseudonym plugin.
PROFILE = """
tiny:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: "{{ env_var('IMPACT_DUCKDB_PATH') }}"
      threads: 1
      settings:
        TimeZone: UTC
      plugins:
        - module: impact_warehouse.duckdb_plugin
"""

SCHEMA_MACRO = """
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ custom_schema_name if custom_schema_name is not none else target.schema }}
{%- endmacro %}
"""


def project_files(name: str = "tiny", extra_config: str = "") -> dict[str, str]:
    return {
        "dbt_project.yml": dbt_project(name, extra_config),
        "profiles.yml": PROFILE,
        "macros/generate_schema_name.sql": SCHEMA_MACRO,
    }


def project_macro(*names: str) -> dict[str, str]:
    """This project's macro files (read now: the tests exercise the real ones)."""
    macros = PROJECT_DIR / "macros"
    return {f"macros/{name}.sql": (macros / f"{name}.sql").read_text() for name in names}


def write_project(root: Path, files: Mapping[str, str]) -> Path:
    for name, text in files.items():
        file = root / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(textwrap.dedent(text).lstrip())
    return root


def run_tiny(
    project: Path,
    work: Path,
    args: list[str],
    *,
    raw_dir: Path | None = None,
    dbt_vars: dict[str, object] | None = None,
) -> DbtResult:
    """`dbt <args>` on a tiny project (its own profile), DuckDB file work/impact.duckdb."""
    return run_dbt(
        args,
        raw_dir=raw_dir or work,
        duckdb_path=work / "impact.duckdb",
        work_dir=work,
        dbt_vars=dbt_vars,
        extra_env={"DBT_PROJECT_DIR": str(project), "DBT_PROFILES_DIR": str(project)},
    )
