"""What `impact-warehouse build` tells its user (issue 14 item 5, issue 8 item 5).

- Quiet by default: one line per layer and a summary; dbt's full output in
  <warehouse dir>/logs/build.log (its debug log in logs/dbt.log); `-v` shows everything;
  no colour code anywhere.
- A refused build prints the quarantined rows (the first 20 and the count) and the keys
  a relationships test did not find, read from the partial build before it is deleted,
  and keeps them in last-failed-build.json; a published build removes that file.
- A data-quality test that stops the build naming its rows itself (macro name_failures)
  is in the report with its message.
- Pre-publish checks can refuse a build that dbt accepted.

A tiny layered dbt project (seeds, staging, marts) in a temp dir runs through the real
machinery; its quarantine model has the quarantine relation's name and columns
(failures.QUARANTINE_RELATION, the data-quality layer's dq_quarantine), and it uses the
project's own no_rows_where test and name_failures macro.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from impact_warehouse import build, failures
from impact_warehouse.build import BUILDING_DIR, BuildError, build_and_publish
from impact_warehouse.cli import build_parser
from impact_warehouse.dbtrun import PROJECT_DIR
from impact_warehouse.failures import MAX_ROWS, QUARANTINE_RELATION
from impact_warehouse.progress import Progress, layers_from_manifest
from tiny_dbt import PROFILE, SCHEMA_MACRO, project_macro, write_project

QUARANTINE_SCHEMA, QUARANTINE_MODEL = QUARANTINE_RELATION.split(".")

LAYERED = {
    "dbt_project.yml": """
        name: tiny
        version: "1.0.0"
        config-version: 2
        profile: tiny
        flags:
          send_anonymous_usage_stats: false
        models:
          tiny:
            +materialized: table
            staging:
              +schema: staging
            marts:
              +schema: marts
        seeds:
          tiny:
            +schema: staging
        vars:
          quarantined: 0
          orphans: false
          max_n: 100
    """,
    "profiles.yml": PROFILE,
    "macros/generate_schema_name.sql": SCHEMA_MACRO,
    **project_macro("name_failures"),
    "tests/generic/no_rows_where.sql": (
        PROJECT_DIR / "tests" / "generic" / "no_rows_where.sql"
    ).read_text(),
    "seeds/codes.csv": "code\nA\nB\n",
    "seeds/_seeds.yml": """
        version: 2
        seeds:
          - name: codes
            columns:
              - name: code
                data_tests: [not_null]
    """,
    "models/staging/stg_numbers.sql": """
        select cast(x as integer) as n
        from read_csv('{{ env_var("IMPACT_RAW_DIR") }}/numbers.csv', header = true)
    """,
    f"models/staging/{QUARANTINE_MODEL}.sql": """
        select
            'numbers' as export,
            'numbers_2024-01-01.csv' as source_file,
            cast(i + 1 as varchar) as record_key,
            'x' as column_name,
            'bad-' || cast(i as varchar) as raw_value,
            'not an integer' as reason,
            i as raw_row_id,
            1 as n_rows
        from range({{ var('quarantined') }}) as t(i)
    """,
    "models/staging/_staging.yml": """
        version: 2
        models:
          - name: stg_numbers
            data_tests:
              - no_rows_where:
                  arguments:
                    condition: "n > {{ var('max_n') }}"
                    naming: [n]
                    message: "numbers above the maximum"
    """,
    "tests/assert_nothing_quarantined.sql": f"select * from {{{{ ref('{QUARANTINE_MODEL}') }}}}",
    "models/marts/parents.sql": "select n as parent_id from {{ ref('stg_numbers') }}",
    "models/marts/children.sql": """
        select n as child_id, n + {{ 100 if var('orphans') else 0 }} as parent_id
        from {{ ref('stg_numbers') }}
    """,
    "models/marts/_marts.yml": """
        version: 2
        models:
          - name: children
            columns:
              - name: parent_id
                data_tests:
                  - relationships:
                      arguments:
                        to: ref('parents')
                        field: parent_id
    """,
}
LAYER_LINES = {
    "seeds": "1 seed, 1 data test",
    "staging": "2 models, 2 data tests",
    "marts": "2 models, 1 data test",
}


@pytest.fixture()
def layered(tmp_path: Path) -> dict[str, Path]:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "numbers.csv").write_text("x\n1\n2\n3\n")
    return {
        "project": write_project(tmp_path / "project", LAYERED),
        "raw": raw,
        "published": tmp_path / "warehouse" / "impact.duckdb",
        "target": tmp_path / "target",
    }


def _execute(layered: dict[str, Path], *extra: str) -> int:
    args = build_parser("build").parse_args(
        [
            "build",
            "--raw-dir",
            str(layered["raw"]),
            "--duckdb-path",
            str(layered["published"]),
            "--target-path",
            str(layered["target"]),
            "--no-headline",
            *extra,
        ]
    )
    return build.execute(args, project_dir=layered["project"])


def _no_ansi(*texts: str) -> None:
    for text in texts:
        assert "\x1b" not in text


def test_quiet_build_shows_one_line_per_layer_and_logs_everything(
    layered: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _execute(layered) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    layers = [line.split()[0] for line in lines if line.startswith("  ")]
    # in the order they finish: marts reads staging, the seed is independent
    assert sorted(layers) == ["marts", "seeds", "staging"]
    assert layers.index("staging") < layers.index("marts")
    for line in lines:
        if line.startswith("  "):
            name = line.split()[0]
            assert LAYER_LINES[name] in line and " ok " in line, line
    summary = [line for line in lines if line.startswith("dbt build: ")]
    assert len(summary) == 1
    assert "9 nodes (1 seed, 4 models, 4 data tests)" in summary[0] and "all passed" in summary[0]
    assert any(line.startswith(f"published {layered['published']}") for line in lines)
    assert "START" not in captured.out and len(lines) < 15

    logs = layered["published"].parent / "logs"
    build_log = (logs / "build.log").read_text()
    dbt_log = (logs / "dbt.log").read_text()
    assert "START sql table model staging.stg_numbers" in build_log
    assert "Completed successfully" in build_log
    assert "create" in dbt_log.lower()  # the debug log has the SQL, as text
    assert not dbt_log.startswith("{")
    _no_ansi(captured.out, captured.err, build_log, dbt_log)


def test_verbose_build_shows_dbt_s_output(
    layered: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _execute(layered, "-v") == 0
    out = capsys.readouterr().out
    assert "START sql table model marts.children" in out and "Completed successfully" in out
    assert "dbt build: 9 nodes" in out
    _no_ansi(out)


def test_refused_build_names_the_quarantined_rows_and_missing_keys(
    layered: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    published = layered["published"]
    assert _execute(layered) == 0
    before = published.read_bytes()
    capsys.readouterr()

    assert _execute(layered, "--vars", '{"quarantined": 25, "orphans": true}') != 0
    captured = capsys.readouterr()
    err = captured.err
    assert (
        f"25 quarantine entries in {QUARANTINE_RELATION} (25 raw row(s)), the first {MAX_ROWS}:"
    ) in err
    assert "numbers_2024-01-01.csv" in err and "bad-0" in err and "bad-19" in err
    assert "bad-20" not in err
    assert "not found in parents.parent_id; the first 3: 101, 102, 103" in err
    assert "left untouched" in err and "last-failed-build.json" in err
    assert "  staging " in captured.out and "FAILED" in captured.out
    _no_ansi(captured.out, err)
    # the report was read from the partial build, which is gone; the published file is not
    assert published.read_bytes() == before
    assert not list(published.parent.glob(f"{BUILDING_DIR}*"))

    record_path = published.parent / "last-failed-build.json"
    record = json.loads(record_path.read_text())
    assert record["stage"] == "dbt build" and record["published_left_untouched"]
    assert record["quarantine"]["relation"] == QUARANTINE_RELATION
    assert record["quarantine"]["total"] == 25 and len(record["quarantine"]["rows"]) == MAX_ROWS
    assert record["quarantine"]["raw_rows"] == 25
    assert record["quarantine"]["rows"][0] == {
        "export": "numbers",
        "source_file": "numbers_2024-01-01.csv",
        "record_key": "1",
        "column_name": "x",
        "raw_value": "bad-0",
        "reason": "not an integer",
        "raw_row_id": 0,
        "n_rows": 1,
    }
    (relationships,) = [t for t in record["failed_tests"] if t["kind"] == "relationships"]
    assert (relationships["model"], relationships["column"]) == ("children", "parent_id")
    assert sorted(relationships["keys"]) == [101, 102, 103] and relationships["failures"] == 3
    assert {node["status"] for node in record["failed_nodes"]} == {"fail"}

    assert _execute(layered) == 0  # a published build: the record of the failure goes
    assert not record_path.exists()


def test_a_model_error_is_reported_with_an_empty_quarantine(
    layered: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    (layered["raw"] / "numbers.csv").write_text("x\nnot a number\n")
    assert _execute(layered) != 0
    err = capsys.readouterr().err
    assert "stg_numbers" in err and "left untouched" in err
    assert f"no quarantined row ({QUARANTINE_RELATION} is empty)" in err
    record = json.loads((layered["published"].parent / "last-failed-build.json").read_text())
    assert [node["status"] for node in record["failed_nodes"]] == ["error"]
    assert record["quarantine"]["total"] == 0


def test_a_test_naming_its_rows_is_reported_with_its_message(
    layered: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The data-quality tests (no_rows_where, ...) stop the build through name_failures:
    dbt records an error whose message lists the rows; the report keeps that message."""
    assert _execute(layered, "--vars", '{"max_n": 1}') != 0
    err = capsys.readouterr().err
    (line,) = [line for line in err.splitlines() if "stopped the build" in line]
    assert line.startswith("no_rows_where test no_rows_where_stg_numbers_")
    assert "numbers above the maximum" in err and "- n=2" in err and "- n=3" in err
    record = json.loads((layered["published"].parent / "last-failed-build.json").read_text())
    (test,) = record["failed_tests"]
    assert (test["kind"], test["status"], test["model"]) == (
        "no_rows_where",
        "error",
        "stg_numbers",
    )
    assert "numbers above the maximum" in test["message"] and "n=3" in test["message"]
    assert "rows" not in test and "rows_error" not in test and "sql" not in test
    assert record["quarantine"]["total"] == 0  # the quarantine was built and is empty


def test_without_a_partial_build_the_quarantine_is_unknown(tmp_path: Path) -> None:
    report = failures.collect(tmp_path / "never-built.duckdb", tmp_path / "no-target")
    assert report == {"failed_nodes": [], "quarantine": None, "failed_tests": []}
    assert "quarantined" not in failures.render(report)


def test_pre_publish_checks_see_both_files_and_can_refuse(layered: dict[str, Path]) -> None:
    published = layered["published"]
    seen: list[tuple[int, int | None]] = []

    def count_parents(path: Path) -> int:
        con = duckdb.connect(str(path), read_only=True)
        try:
            row = con.execute("select count(*) from marts.parents").fetchone()
            return int(row[0]) if row else -1
        finally:
            con.close()

    def compare(new: Path, old: Path | None) -> None:
        seen.append((count_parents(new), count_parents(old) if old else None))
        if old is not None and count_parents(new) < count_parents(old):
            raise BuildError("marts.parents shrank", report={"parents": "shrank"})

    kwargs = dict(
        published=published,
        target_path=layered["target"],
        project_dir=layered["project"],
        echo=False,
        checks=[compare],
    )
    build_and_publish(raw=layered["raw"], **kwargs)  # type: ignore[arg-type]
    before = published.read_bytes()
    (layered["raw"] / "numbers.csv").write_text("x\n1\n")
    with pytest.raises(BuildError, match="shrank") as refused:
        build_and_publish(raw=layered["raw"], **kwargs)  # type: ignore[arg-type]
    assert refused.value.report["stage"] == "pre-publish check"
    assert refused.value.report["check"] == "compare"
    assert seen == [(3, None), (1, 3)]
    assert published.read_bytes() == before
    assert not list(published.parent.glob(f"{BUILDING_DIR}*"))


# ------------------------------------------------------------------ Progress on its own
MANIFEST = {
    "nodes": {
        "seed.t.codes": {"resource_type": "seed", "schema": "staging"},
        "model.t.stg_a": {"resource_type": "model", "schema": "staging"},
        "model.t.fct_a": {"resource_type": "model", "schema": "marts"},
        "test.t.not_null_stg_a": {
            "resource_type": "test",
            "attached_node": "model.t.stg_a",
            "depends_on": {"nodes": ["model.t.stg_a"]},
        },
        "test.t.spanning": {
            "resource_type": "test",
            "depends_on": {"nodes": ["model.t.stg_a", "model.t.fct_a"]},
        },
        "analysis.t.question": {"resource_type": "analysis", "schema": "marts"},
    },
    "unit_tests": {
        "unit_test.t.fct_a.case": {
            "resource_type": "unit_test",
            "depends_on": {"nodes": ["model.t.fct_a"]},
        }
    },
}
ORDER = [
    ("seed.t.codes", "seed", "success"),
    ("model.t.stg_a", "model", "success"),
    ("test.t.not_null_stg_a", "test", "pass"),
    ("unit_test.t.fct_a.case", "unit_test", None),  # a unit test's status is in `data`
    ("model.t.fct_a", "model", "success"),
    ("test.t.spanning", "test", "warn"),
]


def _event(name: str, unique_id: str, kind: str, status: str | None, total: int) -> str:
    node = {
        "unique_id": unique_id,
        "node_name": unique_id.split(".")[-1],
        "resource_type": kind,
        "node_status": status or "None",
    }
    data: dict[str, object] = {"node_info": node, "total": total}
    if status is None:
        data["status"] = "pass"
    info = {"name": name, "msg": f"\x1b[32m{name} {unique_id}\x1b[0m", "level": "info"}
    return json.dumps({"info": {**info, "ts": "2026-01-01T10:00:00.000Z"}, "data": data})


def test_layers_come_from_the_manifest() -> None:
    layers = layers_from_manifest(MANIFEST)
    assert layers["seed.t.codes"] == ("seeds", "seed")
    assert layers["test.t.not_null_stg_a"] == ("staging", "test")
    assert layers["test.t.spanning"] == ("marts", "test")  # the latest layer it reads
    assert layers["unit_test.t.fct_a.case"] == ("marts", "unit_test")
    assert "analysis.t.question" not in layers  # dbt build does not run analyses


@pytest.mark.parametrize("total", [6, 9])
def test_a_layer_line_comes_when_its_last_node_is_done(tmp_path: Path, total: int) -> None:
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps(MANIFEST))
    shown: list[str] = []
    with (tmp_path / "build.log").open("w") as log:
        progress = Progress(log=log, manifest_path=manifest, show=shown.append)
        after: dict[str, list[str]] = {}
        for unique_id, kind, status in ORDER:
            progress.feed(_event("LogStartLine", unique_id, kind, "started", total))
            progress.feed(_event("LogTestResult", unique_id, kind, status, total))
            after[unique_id] = list(shown)
        summary = progress.finish()
    layer_names = [line.split()[0] for line in shown]
    assert layer_names == ["seeds", "staging", "marts"]
    if total == 6:  # the manifest's count is this run's: each line as soon as it can be
        assert [line.split()[0] for line in after["seed.t.codes"]] == ["seeds"]
        assert len(after["model.t.stg_a"]) == 1  # its test is still to come
        assert len(after["test.t.not_null_stg_a"]) == 2
        assert len(after["model.t.fct_a"]) == 2
    else:  # a selection: the manifest's counts are not the run's, so lines at the end
        assert after["test.t.spanning"] == []
    assert "1 model, 1 data test, 1 unit test" in shown[2] and "1 warned" in shown[2]
    assert summary.nodes == 6 and summary.statuses["warn"] == 1
    assert summary.warnings == ["test spanning (marts)"]
    log_text = (tmp_path / "build.log").read_text()
    assert "10:00:00  LogStartLine seed.t.codes" in log_text and "\x1b" not in log_text
