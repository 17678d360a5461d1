"""The Spark engine's settings and pre-step, without a JVM (fast; runs in every lane).

- the `spark` target of profiles.yml renders exactly the settings of spark_session.spark_conf
  (one reader of the warehouse, one writer: they must agree), the pseudonym key's padded
  keys from DBT_ENV_SECRET_ variables only;
- the raw-file inventory of the Python pre-step lists every file with DuckDB's facts: a
  CSV file is refused exactly when DuckDB's reader refuses it (other than for a row's
  number of fields, which Spark's FAILFAST reader refuses too: the Spark lane), its header
  split as DuckDB splits it, a Parquet footer described as DuckDB's parquet_schema() and
  parquet_metadata() describe it (the same files, read by both);
- the time-zone guard stops a DuckDB build whose session is not UTC.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from types import SimpleNamespace

import duckdb
import jinja2
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from impact_warehouse.dbtrun import PROJECT_DIR, run_dbt
from impact_warehouse.pseudonym import SAMPLE_KEY, padded_keys
from impact_warehouse.spark_publish import build_env, build_schema, check_build_id, new_build_id
from impact_warehouse.spark_raw_files import (
    DUCKDB_MAX_LINE_SIZE,
    csv_facts,
    csv_header,
    inventory,
    parquet_facts,
)
from impact_warehouse.spark_session import PSEUDONYM_ENV, pseudonym_env, spark_conf

TEST_KEY = "a pseudonym key of the Spark settings test, 32+ long"


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
    monkeypatch.setenv("IMPACT_PSEUDONYM_KEY", TEST_KEY)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    rendered = _render_profile_parameters(dict(os.environ))
    secrets = {conf: rendered.pop(conf) for conf in PSEUDONYM_ENV}
    assert rendered == spark_conf()
    # the padded keys come from the DBT_ENV_SECRET_ variables only (dbt scrubs their values)
    assert set(secrets.values()) == {"unset"}
    with_key = _render_profile_parameters({**os.environ, **pseudonym_env(None)})
    assert [with_key[conf] for conf in PSEUDONYM_ENV] == [
        padded_keys(TEST_KEY.encode())[0].hex(),
        padded_keys(TEST_KEY.encode())[1].hex(),
    ]
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
    assert files["logins/month=2024-01/part-0.parquet"].parquet_rows == 2
    assert [c["name"] for c in files["logins/month=2024-01/part-0.parquet"].parquet_schema] == [
        "user_id"
    ]
    assert files["users/latin1.csv"].header_line == "id,nom"  # the first line is UTF-8
    assert files["users/latin1.csv"].csv_problem == "not UTF-8 text (line 2): export it as UTF-8"
    assert first.csv_problem is None and first.csv_header == ["user_id", "name"]


def test_inventory_refuses_a_missing_raw_directory(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        inventory(tmp_path / "nowhere")


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


def test_pseudonym_env_gives_the_padded_keys_or_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("IMPACT_PSEUDONYM_KEY", raising=False)
    assert pseudonym_env(tmp_path) == {}  # real exports, no secret: the macro stops the marts
    (tmp_path / "_synthetic.json").write_text('{"scale": 0.02, "seed": 1}')
    inner, outer = padded_keys(SAMPLE_KEY.encode())
    assert list(pseudonym_env(tmp_path).values()) == [inner.hex(), outer.hex()]
    assert all(name.startswith("DBT_ENV_SECRET_") for name in pseudonym_env(tmp_path))


# CSV files as DuckDB's reader of the exports reads or refuses them
CSV_CASES = {
    "plain": b"a,b\n1,x\n2,y\n",
    "crlf_bom": b"\xef\xbb\xbfa,b\r\n1,x\r\n",
    "cr_only": b"a,b\r1,x\r2,y\r",
    "quoted_multiline": b'a,b\n1,"x\ny"\n2,"say ""hi"""\n',
    "stray_quote_inside": b'a,b\n1,x"y\n',
    "space_after_closing_quote": b'a,b\n1,"x" \n',
    "spaced_quote": b'a,b\n1, "x,y"\n',
    "latin1": b"a,b\n1,caf\xe9\n",
    "latin1_header": b"a,b\xe9\n1,x\n",
    "utf16": "a,b\n1,x\n".encode("utf-16"),
    "unterminated": b'a,b\n1,"x\n2,y\n',
    "unterminated_last": b'a,b\n1,x\n2,"y\n',
    "text_after_quote": b'a,b\n1,"x"y\n',
    "long_row": b"a,b\n1," + b"x" * DUCKDB_MAX_LINE_SIZE + b"\n",
    "almost_long_row": b"a,b\n1," + b"x" * (DUCKDB_MAX_LINE_SIZE - 10) + b"\n",
    "long_quoted_row": b'a,b\n1,"' + (b"x" * 999 + b"\n") * 2100 + b'"\n',
    "fewer_fields": b"a,b\n1\n",
    "more_fields_late": b"a,b\n" + b"1,x\n" * 30000 + b"1,x,y\n",
}
# DuckDB refuses these, and so does Spark's FAILFAST reader (a row's number of fields):
# no pre-step fact is needed (checked on Spark by the lane's stop build... and here by
# name only).
FIELD_COUNT_CASES = {"fewer_fields", "more_fields_late"}


def _duckdb_reads(path: Path) -> bool:
    con = duckdb.connect()
    try:
        con.execute(
            "select * from read_csv(?, header = true, delim = ',', quote = '\"', escape = '\"',"
            " all_varchar = true, filename = true, union_by_name = true)",
            [str(path)],
        ).fetchall()
        return True
    except duckdb.Error:
        return False
    finally:
        con.close()


def test_csv_problems_are_what_duckdb_refuses(tmp_path: Path) -> None:
    for name, content in CSV_CASES.items():
        path = tmp_path / f"{name}.csv"
        path.write_bytes(content)
        problem, spaced = csv_facts(path)
        reads = _duckdb_reads(path)
        if problem is not None:
            assert not reads, (name, problem)
        elif not reads:
            assert name in FIELD_COUNT_CASES, name
        assert spaced == (name == "spaced_quote"), name
    assert csv_facts(tmp_path / "latin1.csv")[0] == "not UTF-8 text (line 2): export it as UTF-8"
    assert csv_facts(tmp_path / "unterminated.csv")[0] == (
        "a quoted field opened on line 2 is never closed"
    )
    assert "line 2" in csv_facts(tmp_path / "long_quoted_row.csv")[0]


def test_csv_header_splits_as_duckdb(tmp_path: Path) -> None:
    for header in ["a,b", ' A , "b,c" ,d', '"x""y",z', "a,,b"]:
        path = tmp_path / "h.csv"
        path.write_text(header + "\n" + ",".join(["1"] * len(csv_header(header))) + "\n")
        con = duckdb.connect()
        names = [
            row[0]
            for row in con.execute(
                "describe select * from read_csv(?, header = true, delim = ',', quote = '\"',"
                " escape = '\"', all_varchar = true)",
                [str(path)],
            ).fetchall()
        ]
        con.close()
        split = [name.strip() for name in csv_header(header)]
        assert [n for n in split if n] == [n for n in names if not n.startswith("column")], header


def test_parquet_facts_are_duckdbs(tmp_path: Path) -> None:
    table = pa.table(
        {
            "user_id": pa.array([1, 2], pa.int64()),
            "small_id": pa.array([1, 2], pa.int32()),
            "code": ["FR", None],
            "at_us": pa.array(
                [dt.datetime(2023, 1, 1), dt.datetime(2023, 2, 1, 5)], pa.timestamp("us")
            ),
            "at_ms_utc": pa.array([dt.datetime(2023, 3, 1), None], pa.timestamp("ms", tz="UTC")),
            "day": pa.array([dt.date(2023, 1, 1)] * 2),
            "blob": pa.array([b"x", b"y"]),
        }
    )
    written = {
        "plain": {},
        "int96": {"use_deprecated_int96_timestamps": True},
        "no_stats": {"write_statistics": False},
        "two_groups": {"row_group_size": 1},
    }
    con = duckdb.connect()
    for name, options in written.items():
        path = tmp_path / f"{name}.parquet"
        pq.write_table(table, path, **options)
        rows, columns = parquet_facts(path)
        duck = con.execute(
            "select lower(name),"
            " case when type = 'INT96' or coalesce(logical_type, '') like 'TimestampType%'"
            " or coalesce(converted_type, '') like 'TIMESTAMP%' then 'TIMESTAMP' else type end,"
            " coalesce(logical_type, converted_type, type)"
            " from parquet_schema(?) where num_children is null",
            [str(path)],
        ).fetchall()
        assert [(c["name"], c["kind"], c["found"]) for c in columns] == duck, name
        metadata = dict(
            con.execute(
                "select path_in_schema, max(try_cast(stats_max_value as timestamp))"
                " from parquet_metadata(?) group by path_in_schema",
                [str(path)],
            ).fetchall()
        )
        for column in columns:
            if column["kind"] == "TIMESTAMP":
                latest = column["max_timestamp"]
                expected = metadata[column["name"]]
                assert (latest.replace(tzinfo=None) if latest else None) == expected, (name, column)
        assert (
            rows
            == con.execute(
                "select sum(row_group_num_rows) filter (where column_id = 0)"
                " from parquet_metadata(?)",
                [str(path)],
            ).fetchone()[0]
        )
    con.close()
    (tmp_path / "not.parquet").write_text("not parquet")
    assert parquet_facts(tmp_path / "not.parquet") == (None, None)
