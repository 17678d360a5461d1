"""Benchmark: time export generation and `dbt build` at several scales.

For each scale, generates the sample exports into a temporary folder, then
runs a full `dbt build` into a temporary DuckDB file, `--repeat` times.
Reports median wall time, the peak resident memory of the child processes,
and the slowest dbt nodes (from dbt's run_results.json). Results are printed
as a table and written as JSON (`--json`). Measure on the machine you quote:
the numbers in closing notes come from this command on the 2-core machine.

With `--target spark`, each scale is also built on Apache Spark beside DuckDB
(spark_build_once: the raw-file pre-step and `dbt build --target spark` in a fresh
process, one JVM, on a fresh IMPACT_SPARK_DIR; `--spark-master` or
$IMPACT_SPARK_MASTER picks local[2] or the standalone cluster of `make spark-cluster`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scales",
        default="0.1",
        help="comma-separated generator scales to measure (default: 0.1)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="builds per scale (default: 3)")
    parser.add_argument("--seed", type=int, default=20231231, help="generator seed")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where to put data (default: a temp dir)"
    )
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--slowest", type=int, default=5, help="slowest nodes to list")
    parser.add_argument(
        "--target",
        choices=("dev", "spark"),
        default="dev",
        help="spark: also build each scale on Apache Spark, beside DuckDB (default: dev)",
    )
    parser.add_argument(
        "--spark-master",
        default=None,
        help="Spark master for --target spark (default: $IMPACT_SPARK_MASTER or local[2])",
    )


def _timed(command: list[str]) -> tuple[float, float]:
    """Run a command in a fresh process; return (seconds, peak RSS in MB of that process tree)."""
    wrapper = [
        sys.executable,
        "-c",
        "import resource, subprocess, sys;"
        "rc = subprocess.call(sys.argv[1:]);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
        "sys.exit(rc)",
        *command,
    ]
    start = time.perf_counter()
    proc = subprocess.run(wrapper, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"benchmark step failed: {' '.join(command)}\n{proc.stdout}{proc.stderr}")
    peak_kb = int(proc.stderr.strip().splitlines()[-1])
    return elapsed, peak_kb / 1024


def _build_once(raw: Path, work: Path) -> tuple[float, float, list[dict[str, object]]]:
    """One full `dbt build` in a process of its own: (seconds, peak RSS MB, node timings)."""
    db = work / "bench.duckdb"
    code = (
        "import sys; from impact_warehouse.dbtrun import run_dbt;"
        f"r = run_dbt(['build'], raw_dir={str(raw)!r}, duckdb_path={str(db)!r},"
        f" work_dir={str(work)!r});"
        "print(r.output[-4000:]) if not r.ok else None; sys.exit(r.returncode)"
    )
    seconds, peak = _timed([sys.executable, "-c", code])
    run_results = json.loads((work / "target" / "run_results.json").read_text())
    nodes = [
        {"node": r["unique_id"], "seconds": float(r["execution_time"])}
        for r in run_results["results"]
    ]
    return seconds, peak, nodes


def spark_build_once(
    raw: Path, work: Path, master: str | None
) -> tuple[float, float, list[dict[str, object]]]:
    """One full `dbt build --target spark` in a process of its own (the raw-file pre-step,
    then dbt in that process on one pyspark session, impact_warehouse.spark_dbtrun), on a
    fresh IMPACT_SPARK_DIR under `work`: (seconds, peak RSS MB of the Python process
    tree, node timings). The seconds include starting the JVM."""
    command = [
        sys.executable,
        "-m",
        "impact_warehouse.spark_dbtrun",
        "--raw-dir",
        str(raw),
        "--spark-dir",
        str(work / "spark"),
        "--work-dir",
        str(work),
        "build",
    ]
    if master:
        command = ["env", f"IMPACT_SPARK_MASTER={master}", *command]
    seconds, peak = _timed(command)
    run_results = json.loads((work / "target" / "run_results.json").read_text())
    nodes = [
        {"node": r["unique_id"], "seconds": float(r["execution_time"])}
        for r in run_results["results"]
    ]
    return seconds, peak, nodes


def spark_results(args: argparse.Namespace, raw: Path, base: Path, scale: float) -> dict:
    """The Spark side of a scale for `--target spark`: one build (a Spark build at scale
    1.0 takes long), its time beside DuckDB's and its slowest nodes."""
    import os

    master = args.spark_master or os.environ.get("IMPACT_SPARK_MASTER") or "local[2]"
    work = base / f"spark-{scale}"
    shutil.rmtree(work, ignore_errors=True)
    seconds, peak, nodes = spark_build_once(raw, work, master)
    shutil.rmtree(work, ignore_errors=True)
    slowest = sorted(nodes, key=lambda n: -float(n["seconds"]))[: args.slowest]
    return {
        "spark_master": master,
        "spark_build_seconds": round(seconds, 2),
        "spark_build_peak_mb": round(peak),
        "spark_slowest_nodes": [
            {"node": n["node"], "seconds": round(float(n["seconds"]), 2)} for n in slowest
        ],
    }


def run(args: argparse.Namespace) -> int:
    scales = [float(s) for s in args.scales.split(",") if s.strip()]
    base = Path(args.workdir or tempfile.mkdtemp(prefix="impact-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for scale in scales:
            raw = base / f"raw-{scale}"
            if raw.exists():
                shutil.rmtree(raw)
            gen_seconds, gen_peak = _timed(
                [
                    sys.executable,
                    "-m",
                    "impact_warehouse",
                    "generate",
                    "--out",
                    str(raw),
                    "--scale",
                    str(scale),
                    "--seed",
                    str(args.seed),
                ]
            )
            times: list[float] = []
            peaks: list[float] = []
            node_times: dict[str, list[float]] = {}
            for i in range(args.repeat):
                # A fresh process per build so that peak memory is per build.
                work = base / f"work-{scale}-{i}"
                seconds, peak, nodes = _build_once(raw, work)
                times.append(seconds)
                peaks.append(peak)
                for node in nodes:
                    node_times.setdefault(str(node["node"]), []).append(float(node["seconds"]))
                shutil.rmtree(work, ignore_errors=True)
            slowest = sorted(
                ((statistics.median(v), k) for k, v in node_times.items()), reverse=True
            )[: args.slowest]
            spark = spark_results(args, raw, base, scale) if args.target == "spark" else {}
            results.append(
                {
                    "scale": scale,
                    "generate_seconds": round(gen_seconds, 2),
                    "generate_peak_mb": round(gen_peak),
                    "build_seconds": [round(t, 2) for t in times],
                    "build_median_seconds": round(statistics.median(times), 2),
                    "build_peak_mb": round(max(peaks)),
                    "slowest_nodes": [{"node": k, "median_seconds": v} for v, k in slowest],
                    **spark,
                }
            )
            shutil.rmtree(raw, ignore_errors=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(base, ignore_errors=True)
    _print(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


def _print(results: list[dict[str, object]]) -> None:
    for r in results:
        print(
            f"scale {r['scale']}: generate {r['generate_seconds']} s "
            f"(peak {r['generate_peak_mb']} MB); dbt build median "
            f"{r['build_median_seconds']} s over {r['build_seconds']} "
            f"(peak {r['build_peak_mb']} MB)"
        )
        for node in r["slowest_nodes"]:  # type: ignore[union-attr]
            print(f"    {node['median_seconds']:8.2f} s  {node['node']}")
        if "spark_build_seconds" in r:
            print(
                f"  on Spark ({r['spark_master']}): dbt build {r['spark_build_seconds']} s, "
                f"{r['spark_build_seconds'] / r['build_median_seconds']:.1f}x DuckDB's median"
            )
            for node in r["spark_slowest_nodes"]:  # type: ignore[union-attr]
                print(f"    {node['seconds']:8.2f} s  {node['node']}")
