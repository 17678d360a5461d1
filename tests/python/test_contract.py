"""The export contract is written once (the sources YAML) and read the same way by dbt
and by Python (impact_warehouse.contract); the generator's files and the hand-made
fixtures follow it."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq

from conftest import RAW_SMALL
from impact_warehouse import contract
from impact_warehouse.dbtrun import PROJECT_DIR
from sample_warehouse import SampleWarehouse


def _header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return next(csv.reader(handle))


def test_the_nine_exports_and_their_lists() -> None:
    c = contract.load()
    assert c.export_names == (
        "users",
        "paths",
        "applications",
        "enrollments",
        "student_profiles",
        "addresses",
        "job_outcomes",
        "career_outcome_declarations",
        "logins",
    )
    assert contract.enumeration("users", "gender") == (
        "female",
        "male",
        "non_binary",
        "undisclosed",
    )
    with (PROJECT_DIR / "seeds" / "path_domains.csv").open(newline="") as handle:
        domains = tuple(row["domain"] for row in csv.DictReader(handle))
    assert contract.enumeration("paths", "domain") == domains  # from the seed, in its order
    ip_codes = contract.enumeration("logins", "ip_country_code") or ()
    assert {"FR", "NA", "XX", "A1", "EU"} <= set(ip_codes) and "XK" not in ip_codes
    assert contract.load()["addresses"].column("country_code").values is None  # open list
    assert c["users"].file_name("2024-07-01") == "users_2024-07-01.csv"
    assert c["logins"].file_name("2024-06") == "month=2024-06/part-0.parquet"
    assert all(e.key == e.columns[0].name for e in c if e.file_format == "csv")


def test_the_fixture_files_follow_the_contract() -> None:
    for export in contract.load():
        if export.file_format != "csv":
            continue
        for path in sorted((RAW_SMALL / export.name).glob("*.csv")):
            header = _header(path)
            assert [n for n in header if n in export.column_names] == list(export.column_names)


def test_the_generated_exports_follow_the_contract(sample_warehouse: SampleWarehouse) -> None:
    for export in contract.load():
        folder = sample_warehouse.raw_dir / export.name
        if export.file_format == "csv":
            for path in sorted(folder.glob("*.csv")):
                assert _header(path) == list(export.column_names), path.name
        else:
            for path in sorted(folder.glob("month=*/*.parquet")):
                assert pq.read_schema(path).names == list(export.column_names), path


def test_dbt_reads_the_same_contract(sample_warehouse: SampleWarehouse) -> None:
    sources = sample_warehouse.manifest["sources"]
    for export in contract.load():
        (table,) = [s for s in sources.values() if s["name"] == export.name]
        kinds = {
            name: column["meta"].get("kind")
            for name, column in table["columns"].items()
            if not column["meta"].get("reader")
        }
        assert kinds == {column.name: column.kind for column in export.columns}
        assert table["meta"]["key"] == export.key
