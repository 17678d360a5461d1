"""`python -m impact_warehouse.spark_dbtrun`: the developer's --vars sit on top of the
editions' vars that every build needs, they do not replace them."""

from __future__ import annotations

import pytest

from impact_warehouse.spark_dbtrun import split_vars


def test_vars_are_taken_out_of_dbt_s_arguments_in_both_spellings() -> None:
    args = ["build", "--vars", "{report_date: 2024-05-31}", "--select", "staging"]
    assert split_vars(args) == (["build", "--select", "staging"], {"report_date": "2024-05-31"})
    assert split_vars(["build", '--vars={"a": 1}', "--vars", "{b: 2, a: 3}"]) == (
        ["build"],
        {"a": 3, "b": 2},
    )
    assert split_vars(["test"]) == (["test"], {})


def test_vars_that_are_not_a_mapping_stop_with_the_value() -> None:
    with pytest.raises(SystemExit, match="not '\\[1, 2\\]'"):
        split_vars(["build", "--vars", "[1, 2]"])


def test_the_developer_s_vars_win_over_the_editions_vars(monkeypatch, tmp_path) -> None:
    from impact_warehouse import spark_dbtrun

    seen: dict[str, object] = {}

    def fake_run(args, **kwargs):
        seen.update(args=args, dbt_vars=kwargs["dbt_vars"])
        return type("Result", (), {"returncode": 0})()

    monkeypatch.setattr(spark_dbtrun, "run_dbt_in_process", fake_run)
    monkeypatch.setattr("impact_warehouse.spark_raw_files.write_inventory", lambda raw, out: out)
    monkeypatch.setattr("impact_warehouse.spark_session.spark_session", lambda base: None)
    monkeypatch.setattr(
        "impact_warehouse.editions.dbt_vars",
        lambda: {"edition_files": [], "report_date": "from editions"},
    )
    code = spark_dbtrun.main(
        [
            "--raw-dir",
            str(tmp_path),
            "--spark-dir",
            str(tmp_path / "spark"),
            "build",
            "--vars",
            "{report_date: 2024-05-31}",
        ]
    )
    assert code == 0
    assert seen == {
        "args": ["build"],
        "dbt_vars": {"edition_files": [], "report_date": "2024-05-31"},
    }
