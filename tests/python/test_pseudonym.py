"""Keyed pseudonyms of the platform ids in the marts (issue 8 item 6).

The `pseudonym` macro and the dbt-duckdb plugin run in a tiny dbt project (the real macro
file, the real plugin) and are compared with Python's `hmac`; the key rules (secret,
sample key for synthetic exports, refusal for real exports) are tested at both levels
(dbt, `impact-warehouse build`); the sample warehouse shows that every id column of the
marts is a pseudonym of the platform id it replaces.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path

import duckdb
import pytest

from impact_warehouse.cli import main
from impact_warehouse.dbtrun import DbtResult
from impact_warehouse.exports import SYNTHETIC_MARKER
from impact_warehouse.pseudonym import (
    KEY_ENV,
    MIN_KEY_LENGTH,
    SAMPLE_KEY,
    PseudonymKeyError,
    choose_key,
    padded_keys,
    pseudonym,
)
from sample_warehouse import SampleWarehouse
from tiny_dbt import project_files, project_macro, run_tiny, write_project

IDS = [1, 22, 4711, 123_456_789_012_345_678]
# a key longer than the 64-byte block (hashed first, RFC 2104), with non-ASCII characters
LONG_KEY = "clé secrète: " + "ü" * 40 + " / 0123456789abcdef"

PSEUDONYM_PROJECT = {
    **project_files("impact_warehouse"),
    **project_macro("pseudonym", "regex_full_match"),
    "models/pseudonyms.sql": """
        with ids as (
            select cast(user_id as bigint) as user_id
            from read_csv('{{ env_var("IMPACT_RAW_DIR") }}/users/*.csv', header = true,
                all_varchar = true)
            union all
            select cast(null as bigint) as user_id
        )
        select user_id, {{ pseudonym('user_id') }} as pseudonym from ids
    """,
}


def _raw(path: Path, synthetic: bool = False) -> Path:
    (path / "users").mkdir(parents=True)
    (path / "users" / "users_2024-01-01.csv").write_text(
        "user_id\n" + "".join(f"{i}\n" for i in IDS)
    )
    if synthetic:
        (path / SYNTHETIC_MARKER).write_text(json.dumps({"scale": 0.02, "seed": 7}))
    return path


def _run(tmp_path: Path, raw: Path, name: str = "run") -> tuple[DbtResult, Path]:
    project = write_project(tmp_path / "project", PSEUDONYM_PROJECT)
    work = tmp_path / name
    return run_tiny(project, work, ["run"], raw_dir=raw), work / "impact.duckdb"


def _pseudonyms(db: Path) -> dict[int | None, str | None]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("select user_id, pseudonym from marts.pseudonyms").fetchall())
    finally:
        con.close()


def test_reference_is_rfc_2104_hmac_sha256() -> None:
    key = b"k" * 100
    inner, outer = padded_keys(key)
    digest = hashlib.sha256(outer + hashlib.sha256(inner + b"123").digest()).hexdigest()
    assert digest == hmac.new(key, b"123", hashlib.sha256).hexdigest() == pseudonym(key, 123)
    assert len(inner) == len(outer) == 64


@pytest.mark.parametrize("key", [LONG_KEY, "a" * MIN_KEY_LENGTH])
def test_macro_equals_python_hmac_and_the_key_is_written_nowhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    monkeypatch.setenv(KEY_ENV, key)
    result, db = _run(tmp_path, _raw(tmp_path / "raw"))
    assert result.ok, result.output[-3000:]
    secret = key.encode()
    expected = {i: hmac.new(secret, str(i).encode(), hashlib.sha256).hexdigest() for i in IDS}
    assert _pseudonyms(db) == {**expected, None: None}

    # Neither the key nor anything derived from it in compiled SQL, artifacts, logs, file.
    inner, outer = padded_keys(secret)
    needles = [secret, inner, outer]
    needles += [needle.hex().encode() for needle in needles]
    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert any(path.name == "manifest.json" for path in files)
    assert any(path.name == "dbt.log" for path in files)
    for path in files:
        data = path.read_bytes()
        assert not [needle for needle in needles if needle in data], path


def test_synthetic_exports_without_key_use_the_sample_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    result, db = _run(tmp_path, _raw(tmp_path / "raw", synthetic=True))
    assert result.ok, result.output[-3000:]
    assert _pseudonyms(db)[4711] == pseudonym(SAMPLE_KEY.encode(), 4711)


def test_real_exports_without_key_stop_in_dbt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when dbt is run directly: the macro raises instead of writing NULLs."""
    monkeypatch.delenv(KEY_ENV, raising=False)
    result, db = _run(tmp_path, _raw(tmp_path / "raw"))
    assert not result.ok
    assert "IMPACT_PSEUDONYM_KEY is not set" in result.output


def test_real_exports_without_key_stop_before_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    raw = _raw(tmp_path / "raw")
    published = tmp_path / "warehouse" / "impact.duckdb"
    status = main(["build", "--raw-dir", str(raw), "--duckdb-path", str(published)])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{KEY_ENV} is not set, and {raw} holds real exports" in err
    assert not published.exists() and not (published.parent / "logs").exists()  # no dbt run
    record = json.loads((published.parent / "last-failed-build.json").read_text())
    assert record["stage"] == "inputs" and KEY_ENV in record["message"]


def test_key_choice(tmp_path: Path) -> None:
    real = _raw(tmp_path / "real")
    synthetic = _raw(tmp_path / "synthetic", synthetic=True)
    secret = "s" * MIN_KEY_LENGTH
    assert choose_key(real, {KEY_ENV: secret}).key == secret.encode()
    assert choose_key(synthetic, {KEY_ENV: secret}).source == "env"  # the secret wins
    assert choose_key(synthetic, {}).key == SAMPLE_KEY.encode()
    with pytest.raises(PseudonymKeyError, match="holds real exports"):
        choose_key(real, {})
    with pytest.raises(PseudonymKeyError, match="holds real exports"):
        choose_key(real, {KEY_ENV: ""})
    with pytest.raises(PseudonymKeyError, match="at least 32"):
        choose_key(synthetic, {KEY_ENV: "short"})
    (synthetic / SYNTHETIC_MARKER).write_text("{not json")
    with pytest.raises(PseudonymKeyError, match="not readable JSON"):
        choose_key(synthetic, {})
    (synthetic / SYNTHETIC_MARKER).write_text('{"scale": 1}')
    with pytest.raises(PseudonymKeyError, match="'scale' and 'seed'"):
        choose_key(synthetic, {})


# Every `*_id` column of the marts is either a pseudonym of a platform id (the staging
# relation and column holding those ids) or not personal. A new id column must be added to
# one of the two, so that no platform id reaches a mart unnoticed.
USERS = ("staging.stg_platform__users", "user_id")
ENROLLMENTS = ("staging.stg_platform__enrollments", "enrollment_id")
APPLICATIONS = ("staging.stg_platform__applications", "application_id")
DECLARATIONS = ("staging.stg_platform__career_outcome_declarations", "declaration_id")
PSEUDONYMISED = {
    ("dim_users", "user_id"): USERS,
    ("fct_enrollments", "enrollment_id"): ENROLLMENTS,
    ("fct_enrollments", "user_id"): USERS,
    ("fct_enrollments", "application_id"): APPLICATIONS,
    ("fct_applications", "application_id"): APPLICATIONS,
    ("fct_applications", "user_id"): USERS,
    ("fct_applications", "linked_enrollment_id"): ENROLLMENTS,
    ("fct_career_outcome_declarations", "declaration_id"): DECLARATIONS,
    ("fct_career_outcome_declarations", "user_id"): USERS,
}
NOT_PERSONAL = {
    ("fct_enrollments", "path_id"),
    ("fct_applications", "path_id"),
    ("dim_paths", "path_id"),
}


@pytest.mark.slow
def test_marts_hold_pseudonyms_not_platform_ids(sample_warehouse: SampleWarehouse) -> None:
    """Every value of an id column of the marts is the HMAC (with the build's key) of a
    platform id of its entity: so none is a platform id."""
    key = os.environ[KEY_ENV].encode()
    con = duckdb.connect(str(sample_warehouse.duckdb_path), read_only=True)
    try:
        id_columns = set(
            con.execute(
                "select table_name, column_name from information_schema.columns "
                "where table_schema = 'marts' and column_name like '%\\_id' escape '\\'"
            ).fetchall()
        )
        assert id_columns == set(PSEUDONYMISED) | NOT_PERSONAL
        for (table, column), (source, source_column) in PSEUDONYMISED.items():
            platform_ids = con.execute(f"select {source_column} from {source}").fetchall()
            expected = {pseudonym(key, row[0]) for row in platform_ids}
            values = con.execute(
                f"select distinct {column} from marts.{table} where {column} is not null"
            ).fetchall()
            assert values, (table, column)
            assert {row[0] for row in values} <= expected, (table, column)
    finally:
        con.close()
