"""Synthetic exports (issue 2): contract, determinism, trap catalogue, calibration, and an
independent recount of indicators from the files with DuckDB SQL."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import generator_fixtures as fx
from generator_fixtures import calibration_failures, connect, truth_index
from impact_warehouse.generator import countries as C
from impact_warehouse.indicators import INDICATORS

gen_raw = fx.gen_raw  # session fixtures, shared by the generator tests
gen_raw_again = fx.gen_raw_again  # session fixtures, shared by the generator tests
gen_raw_other_seed = fx.gen_raw_other_seed  # session fixtures, shared by the generator tests
gen_manifest = fx.gen_manifest  # session fixtures, shared by the generator tests

# The contract's 13 domains, lower-cased: read from the path_domains reference seed,
# not from the generator under test.
PATH_DOMAINS = [
    row.split(",")[0].lower()
    for row in (Path(__file__).resolve().parents[2] / "seeds" / "path_domains.csv")
    .read_text()
    .splitlines()[1:]
    if row
]

HEADERS = {
    "users": "user_id,created_at,updated_at,email,first_name,last_name,birth_date,gender,"
    "is_test_account,deleted_at",
    "paths": "path_id,path_name,domain,rncp_level,duration_months,language,launched_on,"
    "retired_on,updated_at",
    "applications": "application_id,user_id,path_id,submitted_at,status,decided_at,"
    "funding_requested,updated_at",
    "enrollments": "enrollment_id,user_id,path_id,application_id,funding_type,status,started_on,"
    "expected_end_on,ended_on,graduated_on,updated_at",
    "student_profiles": "profile_id,user_id,enrollment_id,collected_at,employment_status,"
    "highest_qualification,has_disability,is_refugee",
    "addresses": "address_id,user_id,valid_from,country_code,postal_code,city,street_line,"
    "geocode_precision,qpv_code,updated_at",
    "job_outcomes": "response_id,enrollment_id,user_id,collected_at,situation,contract_type,"
    "job_started_on,job_title,related_to_path",
    "career_outcome_declarations": "declaration_id,user_id,declared_at,outcome_type,"
    "credits_openclassrooms,channel,comment",
}
KEYS = {
    "users": "user_id",
    "paths": "path_id",
    "applications": "application_id",
    "enrollments": "enrollment_id",
    "student_profiles": "profile_id",
    "addresses": "address_id",
    "job_outcomes": "response_id",
    "career_outcome_declarations": "declaration_id",
}
TIMESTAMPS = {
    "users": ["created_at", "updated_at", "deleted_at"],
    "paths": ["updated_at"],
    "applications": ["submitted_at", "decided_at", "updated_at"],
    "enrollments": ["updated_at"],
    "student_profiles": ["collected_at"],
    "addresses": ["updated_at"],
    "job_outcomes": ["collected_at"],
    "career_outcome_declarations": ["declared_at"],
}
DATES = {
    "users": ["birth_date"],
    "paths": ["launched_on", "retired_on"],
    "enrollments": ["started_on", "expected_end_on", "ended_on", "graduated_on"],
    "addresses": ["valid_from"],
    "job_outcomes": ["job_started_on"],
}
INTEGERS = {
    "users": ["user_id"],
    "paths": ["rncp_level", "duration_months"],
    "applications": ["application_id", "user_id"],
    "enrollments": ["enrollment_id", "user_id", "application_id"],
    "student_profiles": ["profile_id", "user_id", "enrollment_id"],
    "addresses": ["address_id", "user_id"],
    "job_outcomes": ["response_id", "enrollment_id", "user_id"],
    "career_outcome_declarations": ["declaration_id", "user_id"],
}
BOOL = ["true", "false", "1", "0", "yes", "no"]
ENUMS = {
    ("users", "gender"): ["female", "male", "non_binary", "undisclosed"],
    ("users", "is_test_account"): BOOL,
    ("paths", "domain"): PATH_DOMAINS,
    ("paths", "language"): ["fr", "en"],
    ("applications", "status"): ["submitted", "under_review", "admitted", "rejected", "withdrawn"],
    ("applications", "funding_requested"): ["self_funded", "employer", "public", "apprenticeship"],
    ("enrollments", "funding_type"): ["self_funded", "employer", "public", "apprenticeship"],
    ("enrollments", "status"): ["active", "graduated", "dropped_out", "cancelled"],
    ("student_profiles", "employment_status"): [
        "unemployed",
        "employed",
        "self_employed",
        "student",
        "inactive",
        "undisclosed",
    ],
    ("student_profiles", "highest_qualification"): [
        "none",
        "cap_bep",
        "bac",
        "bac+2",
        "bac+3",
        "bac+4",
        "bac+5",
        "doctorate",
        "undisclosed",
    ],
    ("student_profiles", "has_disability"): ["yes", "no", "undisclosed"],
    ("student_profiles", "is_refugee"): ["yes", "no", "undisclosed"],
    ("addresses", "geocode_precision"): ["housenumber", "street", "locality", "none"],
    ("job_outcomes", "situation"): [
        "employed",
        "self_employed",
        "business_creation",
        "apprenticeship",
        "internship",
        "further_training",
        "job_seeking",
        "inactive",
        "no_answer",
    ],
    ("job_outcomes", "contract_type"): ["permanent", "fixed_term", "temporary", "freelance"],
    ("job_outcomes", "related_to_path"): BOOL,
    ("career_outcome_declarations", "outcome_type"): [
        "new_job",
        "new_internship",
        "new_apprenticeship",
        "business_creation",
        "promotion",
        "salary_increase",
        "internal_mobility",
        "other",
    ],
    ("career_outcome_declarations", "credits_openclassrooms"): BOOL,
    ("career_outcome_declarations", "channel"): ["survey", "profile", "support"],
}
TS_RE = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|\+0[12]:00)$"


def _in(values: list[str]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


# ---------------------------------------------------------------------- contract
def test_file_layout(gen_raw: Path) -> None:
    for export in HEADERS:
        names = sorted(p.name for p in (gen_raw / export).iterdir())
        assert names == [f"{export}_2024-01-01.csv", f"{export}_2024-07-01.csv"], export
    months = sorted(p.name for p in (gen_raw / "logins").iterdir())
    assert months[0] == "month=2018-12" and months[-1] == "month=2024-06"
    assert len(months) == 67
    for folder in (gen_raw / "logins").iterdir():
        assert re.fullmatch(r"month=\d{4}-\d{2}", folder.name)
        for part in folder.iterdir():
            assert re.fullmatch(r"part-\d+\.parquet", part.name), part
    assert (gen_raw / "_generator_manifest.json").exists()
    assert (gen_raw / "_synthetic.json").exists()


def test_csv_headers_exact(gen_raw: Path) -> None:
    for export, header in HEADERS.items():
        for path in (gen_raw / export).glob("*.csv"):
            with path.open(encoding="utf-8", newline="") as fh:
                assert fh.readline().rstrip("\r\n") == header, path.name


def test_values_parse_strictly(gen_raw: Path) -> None:
    con = connect(gen_raw)
    for export, cols in TIMESTAMPS.items():
        for col in cols:
            bad = con.execute(
                f"select count(*) from raw_{export} where {col} is not null and "
                f"(not regexp_full_match({col}, '{TS_RE}') "
                f"or try_cast({col} as timestamptz) is null)"
            ).fetchone()[0]
            assert bad == 0, (export, col)
    for export, cols in DATES.items():
        for col in cols:
            bad = con.execute(
                f"select count(*) from raw_{export} where {col} is not null and "
                f"(not regexp_full_match({col}, '^\\d{{4}}-\\d{{2}}-\\d{{2}}$') "
                f"or try_cast({col} as date) is null)"
            ).fetchone()[0]
            assert bad == 0, (export, col)
    for export, cols in INTEGERS.items():
        for col in cols:
            bad = con.execute(
                f"select count(*) from raw_{export} where {col} is not null and "
                f"(try_cast({col} as bigint) is null or cast({col} as bigint) <= 0)"
            ).fetchone()[0]
            assert bad == 0, (export, col)
    for (export, col), allowed in ENUMS.items():
        bad = con.execute(
            f"select distinct {col} from raw_{export} where {col} is not null "
            f"and lower(trim({col})) not in {_in(allowed)}"
        ).fetchall()
        assert bad == [], (export, col, bad)
    # keys never empty; path ids and codes as the contract says
    for export, key in KEYS.items():
        assert (
            con.execute(f"select count(*) from raw_{export} where {key} is null").fetchone()[0] == 0
        )
    assert (
        con.execute(
            "select count(*) from raw_paths where not regexp_full_match(path_id, 'P\\d{4}')"
        ).fetchone()[0]
        == 0
    )
    bad = con.execute(
        "select distinct country_code from raw_addresses "
        f"where upper(trim(country_code)) not in {_in(C.CODES + ['XK'])}"
    ).fetchall()
    assert bad == []
    bad = con.execute(
        "select distinct qpv_code from raw_addresses where qpv_code is not null and "
        "not regexp_full_match(upper(trim(qpv_code)), 'QP\\d{6}|QN\\d{5}[A-Z]')"
    ).fetchall()
    assert bad == []


def test_keys_unique_within_each_file(gen_raw: Path) -> None:
    con = connect(gen_raw)
    for export, key in KEYS.items():
        dup = con.execute(
            f"select filename, {key}, count(*) from raw_{export} group by all having count(*) > 1"
        ).fetchall()
        assert dup == [], export


def test_logins_parquet_types(gen_raw: Path) -> None:
    con = connect(gen_raw)
    types = con.execute(
        f"select column_name, column_type from (describe select * from "
        f"read_parquet('{gen_raw}/logins/*/*.parquet', hive_partitioning = false))"
    ).fetchall()
    assert types == [
        ("user_id", "BIGINT"),
        ("logged_in_at", "TIMESTAMP"),
        ("ip_country_code", "VARCHAR"),
        ("platform", "VARCHAR"),
    ]
    bad = con.execute(
        "select count(*) from raw_logins where user_id is null or logged_in_at is null "
        "or platform not in ('web', 'ios', 'android') "
        "or strftime(logged_in_at, '%Y-%m') <> month"
    ).fetchone()[0]
    assert bad == 0
    bad = con.execute(
        "select distinct ip_country_code from raw_logins where ip_country_code is not null "
        f"and upper(trim(ip_country_code)) not in {_in(C.CODES + list(C.PSEUDO_CODES))}"
    ).fetchall()
    assert bad == []
    # no key-value metadata beyond the schema: nothing time-dependent in the files
    meta = pq.ParquetFile(next((gen_raw / "logins").glob("*/part-0.parquet"))).metadata
    assert meta.metadata is None or b"ARROW:schema" not in meta.metadata


def test_references_resolve(gen_raw: Path) -> None:
    con = connect(gen_raw)
    checks = [
        ("enrollments", "user_id", "users", "user_id"),
        ("applications", "user_id", "users", "user_id"),
        ("enrollments", "application_id", "applications", "application_id"),
        ("student_profiles", "enrollment_id", "enrollments", "enrollment_id"),
        ("job_outcomes", "enrollment_id", "enrollments", "enrollment_id"),
        ("addresses", "user_id", "users", "user_id"),
        ("career_outcome_declarations", "user_id", "users", "user_id"),
    ]
    for child, col, parent, pcol in checks:
        n = con.execute(
            f"select count(*) from raw_{child} where {col} is not null and cast({col} as bigint) "
            f"not in (select cast({pcol} as bigint) from raw_{parent})"
        ).fetchone()[0]
        assert n == 0, (child, col)
    n = con.execute(
        "select count(*) from raw_enrollments where upper(trim(path_id)) not in "
        "(select path_id from raw_paths)"
    ).fetchone()[0]
    assert n == 0
    n = con.execute(
        "select count(*) from raw_logins where user_id not in "
        "(select cast(user_id as bigint) from raw_users)"
    ).fetchone()[0]
    assert n == 0


def test_no_answer_columns(gen_raw: Path) -> None:
    """Nothing in an export gives an answer away."""
    text = " ".join(HEADERS.values())
    for word in ("placed", "on_time", "segment", "is_student", "underserved", "cohort"):
        assert word not in text


# ---------------------------------------------------------------------- determinism
def test_same_seed_byte_identical(gen_raw: Path, gen_raw_again: Path) -> None:
    files = sorted(p.relative_to(gen_raw) for p in gen_raw.rglob("*") if p.is_file())
    again = sorted(p.relative_to(gen_raw_again) for p in gen_raw_again.rglob("*") if p.is_file())
    assert files == again
    match, mismatch, errors = filecmp.cmpfiles(gen_raw, gen_raw_again, files, shallow=False)
    assert mismatch == [] and errors == []


def test_other_seed_differs_same_calibration(gen_raw: Path, gen_raw_other_seed: Path) -> None:
    a = (gen_raw / "users" / "users_2024-07-01.csv").read_bytes()
    b = (gen_raw_other_seed / "users" / "users_2024-07-01.csv").read_bytes()
    assert a != b
    import json

    other = json.loads((gen_raw_other_seed / "_generator_manifest.json").read_text())
    assert calibration_failures(other) == []


# ---------------------------------------------------------------------- gen_manifest & calibration
def test_manifest_shape(gen_manifest: dict) -> None:
    assert set(gen_manifest) >= {"parameters", "row_counts", "truth"}
    assert set(gen_manifest["row_counts"]) == set(HEADERS) | {"logins"}
    t = truth_index(gen_manifest)
    for r in gen_manifest["truth"]:
        assert set(r) == {"indicator", "year", "segment", "numerator", "denominator", "value"}
        assert r["indicator"] in INDICATORS
    for ind in INDICATORS:
        for year in range(2019, 2025):
            if ind == "applicants_growth" and year == 2019:
                continue
            segs = (
                ["all", "student", "apprentice", "free_user"]
                if ind == "career_outcomes"
                else ["all"]
            )
            for seg in segs:
                r = t[(ind, year, seg)]
                assert r["denominator"] is None or r["denominator"] > 0, (ind, year)
                if r["denominator"] is not None and ind != "applicants_growth":
                    assert r["value"] == pytest.approx(r["numerator"] / r["denominator"])
    assert len(gen_manifest["truth"]) == (len(INDICATORS) + 3) * 6 - 1


def test_truth_meets_published_figures(gen_manifest: dict) -> None:
    assert calibration_failures(gen_manifest) == []


def test_row_counts_match_files(gen_raw: Path, gen_manifest: dict) -> None:
    con = connect(gen_raw)
    for export in HEADERS:
        n = con.execute(f"select count(*) from raw_{export}").fetchone()[0]
        assert n == gen_manifest["row_counts"][export], export
    assert (
        con.execute("select count(*) from raw_logins").fetchone()[0]
        == gen_manifest["row_counts"]["logins"]
    )


def test_cli_refuses_tiny_scale(capsys) -> None:
    from impact_warehouse.cli import main

    assert main(["generate", "--scale", "0.01", "--out", "unused"]) == 2
    assert "at least 0.02" in capsys.readouterr().err


def test_cli_help_describes_the_arguments(capsys) -> None:
    from impact_warehouse.cli import main

    with pytest.raises(SystemExit):
        main(["generate", "--help"])
    out = capsys.readouterr().out
    assert "--scale" in out and "--seed" in out and "--out" in out


@pytest.mark.slow
@pytest.mark.parametrize(("scale", "seed"), [(0.021, 11), (0.05, 12), (0.13, 13)])
def test_calibration_at_other_scales(tmp_path, scale: float, seed: int) -> None:
    """Exact quotas keep every published figure in tolerance at any scale from 0.02 up."""
    import json

    from impact_warehouse.generator import generate

    generate(tmp_path, scale=scale, seed=seed, progress=lambda _msg: None)
    other = json.loads((tmp_path / "_generator_manifest.json").read_text())
    assert calibration_failures(other) == []
