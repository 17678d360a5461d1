"""impact-warehouse bench (issue 12): its parts on hand-made inputs (a whole benchmark
builds the warehouse several times; it is run by hand, `make bench`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb
import pytest

from impact_warehouse import bench
from impact_warehouse.spark_dbtrun import split_vars


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    (raw / "users").mkdir(parents=True)
    (raw / "users" / "users_2024-01-01.csv").write_text("user_id,gender\n1,female\n2,male\n3,\n")
    (raw / "_synthetic.json").write_text("{}")
    con = duckdb.connect()
    for month, rows in (("2024-01", 2), ("2024-02", 5)):
        folder = raw / "logins" / f"month={month}"
        folder.mkdir(parents=True)
        con.execute(
            f"copy (select range as user_id, timestamp '{month}-01' as logged_in_at"
            f" from range({rows})) to '{folder / 'part-0.parquet'}' (format parquet)"
        )
    con.close()
    return raw


def test_the_floor_reads_every_export_file_once(raw: Path) -> None:
    assert bench.read_every_file(raw) == {
        "logins/month=2024-01/part-0.parquet": 2,
        "logins/month=2024-02/part-0.parquet": 5,
        "users/users_2024-01-01.csv": 3,
    }


def test_the_previous_delivery_lacks_the_last_login_month(raw: Path, tmp_path: Path) -> None:
    previous = tmp_path / "previous"
    assert bench.without_last_month(raw, previous) == "2024-02"
    assert sorted(p.relative_to(previous).as_posix() for p in bench.export_files(previous)) == [
        "logins/month=2024-01/part-0.parquet",
        "users/users_2024-01-01.csv",
    ]
    assert (raw / "logins" / "month=2024-02" / "part-0.parquet").is_file()  # left alone
    # the refresh: the month delivered into the same folder, which is then the full delivery
    bench.deliver_month(raw, previous, "2024-02")
    assert bench.read_every_file(previous) == bench.read_every_file(raw)


def test_peak_memory_is_that_of_the_whole_process_tree(tmp_path: Path) -> None:
    # two children hold 120 MB each at the same time: the tree peaks above 200 MB, its
    # largest process (what the kernel's ru_maxrss reports) below 200 MB
    child = (
        "import sys, time; b = bytearray(120 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]);"
        " open(sys.argv[1], 'w').close(); time.sleep(1.5)"
    )
    parent = (
        "import subprocess, sys;"
        f" ps = [subprocess.Popen([sys.executable, '-c', {child!r}, sys.argv[1] + str(i)])"
        " for i in range(2)];"
        " sys.exit(max(p.wait() for p in ps))"
    )
    measured = bench.measure(
        [sys.executable, "-c", parent, str(tmp_path / "ready")], log=tmp_path / "log"
    )
    assert measured.peak_mb > 200
    assert measured.seconds >= 1.5


def test_a_failed_step_stops_the_benchmark(tmp_path: Path) -> None:
    with pytest.raises(bench.BenchError, match="boom"):
        bench.measure(
            [sys.executable, "-c", "import sys; print('boom'); sys.exit(3)"],
            log=tmp_path / "log",
        )


def test_the_table_gives_medians_and_ratios() -> None:
    steps = {name: bench.Step() for name in ("floor", "full", "new_month")}
    for seconds in (10.0, 12.0, 30.0):
        steps["floor"].add(bench.Measure(seconds / 2, 100))
        steps["full"].add(bench.Measure(seconds * 2, 900), {"model.a": seconds, "model.b": 1})
        steps["new_month"].add(bench.Measure(seconds / 5, 800), {"model.a": 1, "model.b": 2})
    report = bench.to_json(
        [{"scale": 0.1, "files": 3, "rows": 1234, "new_month": "2024-06", "steps": steps}],
        slowest=1,
        repeat=3,
    )
    scale = report["scales"][0]
    assert scale["full"]["median_seconds"] == 24.0
    assert scale["new_month_over_full"] == 0.1
    assert scale["full_over_floor"] == 4.0
    assert scale["full"]["slowest_nodes"] == [{"node": "model.a", "median_seconds": 12.0}]
    table = bench.markdown(report)
    assert "| 0.1 | 1,234 | 6.0 | 24.0 | 2.4 | 10% | 4.00x | 900 | 800 |" in table
    assert "- 2.00 s `model.b`" in table
    assert scale["full"]["node_time"] == {
        "nodes": 2,
        "node_seconds": 13.0,
        "slowest_node_seconds": 12.0,
        "other_node_seconds": 1.0,
    }
    assert "slowest nodes, scale 0.1, full (2 nodes, 13.0 s of node time" in table


def test_the_table_gives_one_spark_row_per_master_and_scale() -> None:
    masters = ["local[2]", "spark://127.0.0.1:7077"]
    steps = {name: bench.Step() for name in ("floor", "full", "new_month")}
    steps["floor"].add(bench.Measure(1.0, 100))
    steps["full"].add(bench.Measure(20.0, 900), {"model.a": 5})
    steps["new_month"].add(bench.Measure(5.0, 800), {"model.a": 1})
    for master, seconds in zip(masters, (200.0, 300.0), strict=True):
        steps[bench.spark_step(master)] = bench.Step()
        steps[bench.spark_step(master)].add(bench.Measure(seconds, 2000), {"model.a": 9})
    report = bench.to_json(
        [{"scale": 0.1, "files": 3, "rows": 1234, "new_month": "2024-06", "steps": steps}],
        slowest=1,
        repeat=1,
    )
    report["spark_masters"] = masters
    table = bench.markdown(report)
    assert "| 0.1 | `local[2]` | 200.0 | 2,000 | 20.0 | 10.00x |" in table
    assert "| 0.1 | `spark://127.0.0.1:7077` | 300.0 | 2,000 | 20.0 | 15.00x |" in table
    assert "slowest nodes, scale 0.1, spark full spark://127.0.0.1:7077 (1 nodes" in table


def test_every_build_is_as_of_the_end_of_the_month_before_the_new_one() -> None:
    assert bench.report_date_before("2024-03") == "2024-02-29"
    assert bench.report_date_before("2024-01") == "2023-12-31"


def test_the_spark_build_is_as_of_the_duckdb_builds_report_date(tmp_path: Path) -> None:
    command = bench.spark_command(tmp_path / "raw", tmp_path / "work", report_date="2024-05-31")
    assert command[command.index("--raw-dir") + 1] == str(tmp_path / "raw")
    dbt_args, given = split_vars(command[command.index("build") :])
    assert dbt_args == ["build"]
    assert given == {"report_date": "2024-05-31"}
    # the DuckDB builds get the same date
    duckdb_command = bench._build_command(
        tmp_path / "raw", tmp_path / "w.duckdb", full_refresh=True, report_date="2024-05-31"
    )
    assert json.loads(duckdb_command[duckdb_command.index("--vars") + 1]) == given
