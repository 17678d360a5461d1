"""The Spark engine's settings and pre-step, without a JVM (fast; runs in every lane).

- the `spark` target of profiles.yml renders exactly the settings of spark_session.spark_conf
  (one reader of the warehouse, one writer: they must agree);
- the raw-file inventory of the Python pre-step equals DuckDB's raw_files_inventory()
  row for row (sizes, SHA-256, header lines) on awkward files;
- the time-zone guard stops a DuckDB build whose session is not UTC.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from impact_warehouse.dbtrun import PROJECT_DIR, run_dbt
from impact_warehouse.spark_publish import build_env, build_schema, check_build_id, new_build_id
from impact_warehouse.spark_raw_files import inventory, write_inventory
from impact_warehouse.spark_session import spark_conf


def _render_profile_parameters(env: dict[str, str]) -> dict[str, str]:
    profile = yaml.safe_load((PROJECT_DIR / "profiles.yml").read_text())
    target = profile["impact_warehouse"]["outputs"]["spark"]
    assert target["type"] == "spark" and target["method"] == "session"

    def env_var(name: str, default: str | None = None) -> str:
        value = env.get(name, default)
        assert value is not None, name
        return value

    context = {"env_var": env_var, "flags": SimpleNamespace(PROFILES_DIR=str(PROJECT_DIR))}
    return {
        key: jinja2.Template(str(value)).render(**context)
        for key, value in target["server_side_parameters"].items()
    }


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"IMPACT_SPARK_DIR": "/srv/spark-wh/", "IMPACT_SPARK_MASTER": "spark://127.0.0.1:7077"},
        {"IMPACT_SPARK_DIR": "tmp/relative", "DBT_PROJECT_DIR": str(PROJECT_DIR)},
    ],
)
def test_profile_and_python_session_agree(env: dict[str, str], monkeypatch) -> None:
    for key in ("IMPACT_SPARK_DIR", "IMPACT_SPARK_MASTER", "IMPACT_SPARK_SHUFFLE_PARTITIONS"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    rendered = _render_profile_parameters(dict(os.environ))
    assert rendered == spark_conf()
    assert rendered["spark.sql.session.timeZone"] == "UTC"
    expected_dir = (
        Path(env["IMPACT_SPARK_DIR"]).resolve()
        if env.get("IMPACT_SPARK_DIR", "").startswith("/")
        else PROJECT_DIR / env.get("IMPACT_SPARK_DIR", "warehouse/spark")
    )
    assert rendered["spark.sql.warehouse.dir"] == f"{expected_dir}/warehouse"
    assert (
        f"databaseName={expected_dir}/metastore_db;"
        in rendered["spark.hadoop.javax.jdo.option.ConnectionURL"]
    )


def test_build_ids_sort_in_time_order_and_name_build_databases() -> None:
    first, second = new_build_id(), new_build_id()
    assert first < second and first.isdigit()
    assert build_schema("marts", first) == f"marts__build_{first}"
    assert build_env(first) == {"IMPACT_SPARK_BUILD_ID": first}
    for bad in ("", "Marts", "a-b", "a;drop"):
        with pytest.raises(ValueError):
            check_build_id(bad)


@pytest.fixture()
def awkward_raw(tmp_path: Path) -> Path:
    """Files that trip up readers: BOM, CRLF, empty, non-UTF-8, nested, top level."""
    raw = tmp_path / "raw l'export"
    (raw / "users").mkdir(parents=True)
    (raw / "users" / "users_2024-01-01.csv").write_bytes(
        '\ufeffuser_id,name\r\n1,"Côte d\'Ivoire"\r\n'.encode()
    )
    (raw / "users" / "users_2024-02-01.csv").write_bytes(b"")
    (raw / "users" / "README.txt").write_text("not data\n")
    (raw / "users" / "latin1.csv").write_bytes("id,nom\n1,\xe9t\xe9\n".encode("latin-1"))
    month = raw / "logins" / "month=2024-01"
    month.mkdir(parents=True)
    pq.write_table(pa.table({"user_id": [1, 2]}), month / "part-0.parquet")
    (raw / "_manifest.json").write_text("{}")
    return raw


def test_inventory_lists_every_file_with_size_and_sha256(awkward_raw: Path) -> None:
    files = {f.file_path: f for f in inventory(awkward_raw)}
    assert sorted(files) == [
        "_manifest.json",
        "logins/month=2024-01/part-0.parquet",
        "users/README.txt",
        "users/latin1.csv",
        "users/users_2024-01-01.csv",
        "users/users_2024-02-01.csv",
    ]
    first = files["users/users_2024-01-01.csv"]
    content = (awkward_raw / first.file_path).read_bytes()
    assert first.size_bytes == len(content)
    assert first.sha256 == hashlib.sha256(content).hexdigest()
    assert first.header_line == "user_id,name"  # BOM and CR removed
    assert first.export == "users" and first.raw_dir == str(awkward_raw.resolve())
    assert files["users/users_2024-02-01.csv"].size_bytes == 0
    assert files["users/users_2024-02-01.csv"].header_line is None
    assert files["_manifest.json"].export is None
    assert files["logins/month=2024-01/part-0.parquet"].header_line is None
    assert files["logins/month=2024-01/part-0.parquet"].parquet_columns == "user_id"
    assert files["users/latin1.csv"].header_line is None  # not UTF-8 throughout


def test_inventory_refuses_a_missing_raw_directory(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        inventory(tmp_path / "nowhere")


def test_inventory_equals_duckdb_raw_files_inventory(awkward_raw: Path, tmp_path: Path) -> None:
    # DuckDB's read_blob cannot take the apostrophe path (issue 8): a plain copy here.
    raw = tmp_path / "raw"
    shutil.copytree(awkward_raw, raw)
    out = write_inventory(raw, tmp_path / "inv" / "raw_files.parquet")
    columns = ["raw_dir", "export", "file_path", "size_bytes", "sha256", "header_line"]
    python_rows = sorted(
        (tuple(r[c] for c in columns) for r in pq.read_table(out).to_pylist()),
        key=lambda r: r[2],
    )
    result = run_dbt(
        [
            "show",
            "--inline",
            "select raw_dir, export, file_path, size_bytes, sha256, header_line"
            " from ({{ raw_files_inventory() }}) as files order by file_path",
            "--limit",
            "100",
            "--output",
            "json",
            "--log-format",
            "json",
        ],
        raw_dir=raw,
        duckdb_path=tmp_path / "show.duckdb",
        work_dir=tmp_path / "dbt",
    )
    assert result.ok, result.output[-3000:]

    shown = None
    for line in result.output.splitlines():
        if line.startswith("{") and '"preview"' in line:
            shown = json.loads(json.loads(line)["data"]["preview"])
    assert shown is not None, result.output[-3000:]
    duckdb_rows = sorted((tuple(r[c] for c in columns) for r in shown), key=lambda r: r[2])
    assert python_rows == duckdb_rows
    assert len(python_rows) == 6


def test_guard_stops_a_build_whose_session_is_not_utc(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    text = (PROJECT_DIR / "profiles.yml").read_text()
    assert "TimeZone: UTC" in text
    (profiles / "profiles.yml").write_text(text.replace("TimeZone: UTC", "TimeZone: Europe/Paris"))
    result = run_dbt(
        ["seed", "--select", "france_territories"],
        raw_dir=tmp_path,
        duckdb_path=tmp_path / "tz.duckdb",
        work_dir=tmp_path / "dbt",
        extra_env={"DBT_PROFILES_DIR": str(profiles)},
    )
    assert not result.ok
    assert "session time zone is 'Europe/Paris', not UTC" in result.output
