"""Benchmark (issue 12): full build, new-month refresh and their floor, at several scales.

For each scale, in one run (so that every figure of a row shares the machine's state):

  1. the sample exports are generated into a temporary folder (timed, peak memory);
  2. floor: a fresh process reads every export file once with DuckDB (row counts per
     file, every column read: count(column) of each), the least any build must pay;
  3. full build: `impact-warehouse build --full-refresh` into an empty folder, as a
     user runs it (seeds, models, data and unit tests, publish);
  4. new-month refresh, as a user's monthly build: the exports without their last
     login month are built once (not timed); then the month is delivered into that raw
     folder and `impact-warehouse build` runs again on the same published path and
     target folder (incremental: it must say so, else the benchmark stops; dbt reuses
     its last parse, as it does for a user's next build).

Every build is as of the last day of the month before the last login month (the dbt
var report_date): the generated CSV snapshots are dated after the last month, so
without it the delivery lacking that month would rightly be refused (C-1), and one
report date for every build keeps the three comparable (the refresh, like a monthly
build with unchanged vars, does not run the unit tests again; the full build does).

Steps 2-4 run `--repeat` times each; medians are reported, with the ratios new-month /
full and full / floor. Peak memory is the largest resident set of the command's process
tree (the sum of the RSS of the process and all its descendants, sampled every 0.1 s,
and never below the kernel's peak for its largest single process). The slowest nodes
are the medians of dbt's run_results.json of the `dbt build`.

With `--target spark`, each scale is also built once on Apache Spark beside DuckDB
(spark_build: the raw-file pre-step and `dbt build --target spark` in a fresh process,
one JVM, on a fresh IMPACT_SPARK_DIR), once per Spark master: `--spark-master` (or
$IMPACT_SPARK_MASTER) names one or several, comma-separated, e.g. local[2] and the
standalone cluster of `make spark-cluster`, spark://127.0.0.1:7077, with the ratio to
DuckDB's median full build.

Output: a markdown table on stdout and the results as JSON (--json, default
warehouse/bench.json). Measure on the machine you quote: on a shared machine the times
say little; quote them as measured under load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from impact_warehouse import incremental
from impact_warehouse.dbtrun import PROJECT_DIR

DEFAULT_SCALES = "0.1,1.0,3.0"
DEFAULT_JSON = PROJECT_DIR / "warehouse" / "bench.json"
SAMPLE_INTERVAL = 0.1  # seconds between two samples of a process tree's memory
LOGINS = "logins"
MONTH_PREFIX = "month="
FLOOR_THREADS = 2  # as the profile's threads


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scales",
        default=DEFAULT_SCALES,
        help=f"comma-separated generator scales to measure (default: {DEFAULT_SCALES})",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each measured step per scale (default: 3)"
    )
    parser.add_argument("--seed", type=int, default=20231231, help="generator seed")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where to put data (default: a temp dir)"
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=DEFAULT_JSON,
        help="write the results here (default: warehouse/bench.json)",
    )
    parser.add_argument("--slowest", type=int, default=5, help="slowest nodes to list")
    parser.add_argument(
        "--target",
        choices=("dev", "spark"),
        default="dev",
        help="spark: also build each scale once on Apache Spark, beside DuckDB (default: dev)",
    )
    parser.add_argument(
        "--spark-master",
        default=None,
        help="Spark master(s) for --target spark, comma-separated: one Spark build per"
        " master and scale, e.g. local[2],spark://127.0.0.1:7077 (default:"
        " $IMPACT_SPARK_MASTER or local[2])",
    )


class BenchError(RuntimeError):
    """A measured step failed or did not do what it measures."""


@dataclass
class Measure:
    """One measured process: wall seconds and peak memory of its process tree."""

    seconds: float
    peak_mb: float


@dataclass
class Step:
    """The runs of one step of one scale."""

    runs: list[Measure] = field(default_factory=list)
    nodes: dict[str, list[float]] = field(default_factory=dict)

    def add(self, measure: Measure, nodes: dict[str, float] | None = None) -> None:
        self.runs.append(measure)
        for node, seconds in (nodes or {}).items():
            self.nodes.setdefault(node, []).append(seconds)

    @property
    def median_seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(run.peak_mb for run in self.runs)

    def slowest(self, n: int) -> list[dict[str, object]]:
        medians = sorted(((statistics.median(v), k) for k, v in self.nodes.items()), reverse=True)[
            :n
        ]
        return [{"node": k, "median_seconds": round(v, 2)} for v, k in medians]

    def node_summary(self, slowest: int) -> dict[str, object]:
        """Where the time of dbt's nodes goes: their count, the sum of their median
        seconds (over dbt's threads, so more than the wall time), and how much of that sum
        the `slowest` nodes and all the others take (the others: dbt's cost per node)."""
        medians = sorted((statistics.median(v) for v in self.nodes.values()), reverse=True)
        return {
            "nodes": len(medians),
            "node_seconds": round(sum(medians), 2),
            "slowest_node_seconds": round(sum(medians[:slowest]), 2),
            "other_node_seconds": round(sum(medians[slowest:]), 2),
        }

    def as_json(self, slowest: int) -> dict[str, object]:
        return {
            "seconds": [round(run.seconds, 2) for run in self.runs],
            "median_seconds": round(self.median_seconds, 2),
            "peak_mb": round(self.peak_mb),
            "slowest_nodes": self.slowest(slowest),
            **({"node_time": self.node_summary(slowest)} if self.nodes else {}),
        }


def _tree_rss_kb(root: int) -> int:
    """Sum of VmRSS (kB) of `root` and every descendant, from /proc (0 when unreadable)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # the command name (2nd field) is in parentheses and may hold spaces
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    total = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
    return total


def measure(command: Sequence[str], *, log: Path, env: dict[str, str] | None = None) -> Measure:
    """Run `command` (output to `log`); its wall time and the peak RSS of its process tree.

    Raises BenchError when it fails."""
    log.parent.mkdir(parents=True, exist_ok=True)
    peak_kb = 0
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(command), stdout=out, stderr=subprocess.STDOUT, cwd=PROJECT_DIR, env=env
        )
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_kb
            while not done.is_set():
                peak_kb = max(peak_kb, _tree_rss_kb(proc.pid))
                done.wait(SAMPLE_INTERVAL)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss: the largest single process of the tree, in kB on Linux
    peak_kb = max(peak_kb, usage.ru_maxrss)
    if proc.returncode != 0:
        tail = "".join(log.read_text(encoding="utf-8", errors="replace").splitlines(True)[-40:])
        raise BenchError(
            f"benchmark step failed ({proc.returncode}): {' '.join(command)}\n{tail}"
            f"\nfull output: {log}"
        )
    return Measure(elapsed, peak_kb / 1024)


def export_files(raw: Path) -> list[Path]:
    """Every export file of a raw directory: the CSV files and the Parquet files."""
    return sorted(
        path
        for path in raw.rglob("*")
        if path.is_file()
        and path.suffix in (".csv", ".parquet")
        and not any(part.startswith(("_", ".")) for part in path.relative_to(raw).parts)
    )


def read_every_file(raw: Path) -> dict[str, int]:
    """The floor: DuckDB reads every export file once; {file relative to raw: rows}.

    Every column is read (count(column) of each), not only the row count a Parquet
    footer holds."""
    con = duckdb.connect(config={"threads": FLOOR_THREADS})
    counts: dict[str, int] = {}
    try:
        for path in export_files(raw):
            reader = "read_parquet" if path.suffix == ".parquet" else "read_csv"
            source = f"{reader}('{str(path).replace(chr(39), chr(39) * 2)}')"
            columns = [row[0] for row in con.execute(f"describe select * from {source}").fetchall()]
            counted = ", ".join(f'count("{column}")' for column in columns)
            row = con.execute(f"select count(*), {counted} from {source}").fetchone()
            counts[path.relative_to(raw).as_posix()] = int(row[0])
    finally:
        con.close()
    return counts


def _floor_main(raw: str, out: str) -> None:
    """Entry point of the floor's own process (see measure_floor)."""
    Path(out).write_text(json.dumps(read_every_file(Path(raw)), indent=1) + "\n")


def without_last_month(raw: Path, target: Path) -> str:
    """A copy of `raw` (hard links) without its last login month; returns that month."""
    months = sorted(p.name for p in (raw / LOGINS).glob(f"{MONTH_PREFIX}*") if p.is_dir())
    if len(months) < 2:
        raise BenchError(f"{raw / LOGINS} holds fewer than two login months")
    last = months[-1]
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(
        raw,
        target,
        copy_function=_link,
        ignore=lambda directory, names: [last] if Path(directory) == raw / LOGINS else [],
    )
    return last.removeprefix(MONTH_PREFIX)


def deliver_month(raw: Path, delivery: Path, month: str) -> None:
    """Deliver login month `month` (YYYY-MM) of `raw` into `delivery` (hard links), as the
    platform adds a month to the raw folder."""
    source = raw / LOGINS / f"{MONTH_PREFIX}{month}"
    shutil.copytree(source, delivery / LOGINS / source.name, copy_function=_link)


def _link(src: str, dst: str) -> None:
    """A hard link of `src` at `dst` (a copy across file systems)."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def report_date_before(month: str) -> str:
    """The last day of the month before `month` (YYYY-MM)."""
    first = dt.date.fromisoformat(f"{month}-01")
    return (first - dt.timedelta(days=1)).isoformat()


def _build_command(
    raw: Path, published: Path, *, full_refresh: bool, report_date: str
) -> list[str]:
    return [
        sys.executable,
        "-m",
        "impact_warehouse",
        "build",
        "--raw-dir",
        str(raw),
        "--duckdb-path",
        str(published),
        "--target-path",
        str(published.parent / "target"),
        "--no-headline",
        "--vars",
        json.dumps({"report_date": report_date}),
        *(["--full-refresh"] if full_refresh else []),
    ]


def _node_times(target: Path) -> dict[str, float]:
    """{node: seconds} from the run_results.json of the last dbt command (the build)."""
    results = json.loads((target / "run_results.json").read_text())["results"]
    return {r["unique_id"]: float(r["execution_time"]) for r in results}


def spark_build(
    raw: Path, work: Path, master: str, log: Path, *, report_date: str
) -> tuple[Measure, dict[str, float]]:
    """One full `dbt build --target spark` in a process of its own (the raw-file pre-step,
    then dbt on one pyspark session: impact_warehouse.spark_dbtrun) on a fresh
    IMPACT_SPARK_DIR under `work`, as of the same report date as the DuckDB builds'; its
    measure (the seconds include starting the JVM) and node times."""
    command = spark_command(raw, work, report_date=report_date)
    run = measure(command, log=log, env={**os.environ, "IMPACT_SPARK_MASTER": master})
    return run, _node_times(work / "target")


def spark_command(raw: Path, work: Path, *, report_date: str) -> list[str]:
    """The Spark build's command (see spark_build)."""
    return [
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
        "--vars",
        json.dumps({"report_date": report_date}),  # beside the editions' (spark_dbtrun)
    ]


def bench_scale(
    scale: float, *, base: Path, repeat: int, seed: int, spark_masters: Sequence[str] = ()
) -> dict[str, Any]:
    """Every step at one scale; the JSON-ready result (without slowest-node cut-off)."""
    raw = base / f"raw-{scale}"
    shutil.rmtree(raw, ignore_errors=True)
    logs = base / f"logs-{scale}"
    generate = measure(
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
            str(seed),
        ],
        log=logs / "generate.log",
    )
    files = export_files(raw)
    previous_raw = base / f"raw-{scale}-previous"
    month = without_last_month(raw, previous_raw)
    report_date = report_date_before(month)

    def build(raw_dir: Path, published: Path, log: str, *, full_refresh: bool) -> Measure:
        command = _build_command(
            raw_dir, published, full_refresh=full_refresh, report_date=report_date
        )
        return measure(command, log=logs / log)

    floor, full, new_month = Step(), Step(), Step()
    counts: dict[str, int] = {}
    for i in range(repeat):
        out = base / f"floor-{scale}-{i}.json"
        floor.add(
            measure(
                [
                    sys.executable,
                    "-c",
                    "import sys; from impact_warehouse.bench import _floor_main;"
                    " _floor_main(sys.argv[1], sys.argv[2])",
                    str(raw),
                    str(out),
                ],
                log=logs / f"floor-{i}.log",
            )
        )
        counts = json.loads(out.read_text())
    for i in range(repeat):
        published = base / f"full-{scale}-{i}" / "impact.duckdb"
        run = build(raw, published, f"full-{i}.log", full_refresh=True)
        full.add(run, _node_times(published.parent / "target"))
        shutil.rmtree(published.parent, ignore_errors=True)
    # new month, as a user's monthly build: the previous delivery built once (not timed)
    # into one published path, then the month delivered into the same raw folder and
    # the build run again on that path with the same target folder (dbt reuses its last
    # parse); a repeat starts again from a saved copy of the previous warehouse
    published = base / f"month-{scale}" / "impact.duckdb"
    shutil.rmtree(published.parent, ignore_errors=True)
    build(previous_raw, published, "previous.log", full_refresh=True)
    saved = base / f"previous-{scale}.duckdb"
    shutil.copyfile(published, saved)
    deliver_month(raw, previous_raw, month)
    for i in range(repeat):
        if i:
            shutil.copyfile(saved, published)
        run = build(previous_raw, published, f"month-{i}.log", full_refresh=False)
        state = incremental.read_state(published) or {}
        if state.get("mode") != incremental.INCREMENTAL:
            raise BenchError(
                f"the new-month build at scale {scale} did not start from the previous"
                f" warehouse ({state.get('start_reason')}); see {logs / f'month-{i}.log'}"
            )
        new_month.add(run, _node_times(published.parent / "target"))
    shutil.rmtree(published.parent, ignore_errors=True)
    saved.unlink(missing_ok=True)
    shutil.rmtree(previous_raw, ignore_errors=True)
    steps = {"floor": floor, "full": full, "new_month": new_month}
    for master in spark_masters:
        # one Spark build per scale and master (a Spark build at scale 1.0 takes long)
        spark, work = Step(), base / f"spark-{scale}"
        shutil.rmtree(work, ignore_errors=True)
        log = logs / f"spark-{_slug(master)}.log"
        spark.add(*spark_build(raw, work, master, log, report_date=report_date))
        shutil.rmtree(work, ignore_errors=True)
        steps[spark_step(master)] = spark
    shutil.rmtree(raw, ignore_errors=True)
    return {
        "scale": scale,
        "files": len(files),
        "rows": sum(counts.values()),
        "new_month": month,
        "report_date": report_date,
        "generate": {"seconds": round(generate.seconds, 2), "peak_mb": round(generate.peak_mb)},
        "steps": steps,
        "rows_per_file": counts,
    }


def spark_step(master: str) -> str:
    """The name of the Spark full build's step for one master."""
    return f"spark_full {master}"


def _slug(master: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in master).strip("-")


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b > 0 else None


def to_json(results: list[dict[str, Any]], *, slowest: int, repeat: int) -> dict[str, Any]:
    scales = []
    for result in results:
        steps: dict[str, Step] = result["steps"]
        full, floor, month = steps["full"], steps["floor"], steps["new_month"]
        scales.append(
            {
                **{k: v for k, v in result.items() if k != "steps"},
                **{name: step.as_json(slowest) for name, step in steps.items()},
                "new_month_over_full": _ratio(month.median_seconds, full.median_seconds),
                "full_over_floor": _ratio(full.median_seconds, floor.median_seconds),
                **{
                    f"{name} over duckdb": _ratio(step.median_seconds, full.median_seconds)
                    for name, step in steps.items()
                    if name.startswith("spark_full ")
                },
            }
        )
    return {
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "memory_limit": os.environ.get("IMPACT_DUCKDB_MEMORY_LIMIT", "profile default"),
        "repeat": repeat,
        "scales": scales,
    }


def markdown(report: dict[str, Any]) -> str:
    """The table of the closing note, then the slowest nodes per scale."""
    lines = [
        f"medians of {report['repeat']} run(s) each; peak = largest RSS of the process tree",
        "",
        "| scale | rows | floor s | full build s | new month s | new month / full "
        "| full / floor | peak MB full | peak MB new month |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in report["scales"]:
        lines.append(
            f"| {s['scale']} | {s['rows']:,} | {s['floor']['median_seconds']:.1f} "
            f"| {s['full']['median_seconds']:.1f} | {s['new_month']['median_seconds']:.1f} "
            f"| {_percent(s['new_month_over_full'])} | {_times(s['full_over_floor'])} "
            f"| {s['full']['peak_mb']:,} | {s['new_month']['peak_mb']:,} |"
        )
    masters = report.get("spark_masters", [])
    if masters:
        lines += [
            "",
            "on Apache Spark, one full build per scale and master (the seconds include"
            " starting the JVM and the raw-file pre-step):",
            "",
            "| scale | Spark master | Spark full build s | peak MB | DuckDB full build s"
            " | Spark / DuckDB |",
            "|---:|---|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {s['scale']} | `{master}` | {s[spark_step(master)]['median_seconds']:.1f} "
            f"| {s[spark_step(master)]['peak_mb']:,} | {s['full']['median_seconds']:.1f} "
            f"| {_times(s[spark_step(master) + ' over duckdb'])} |"
            for s in report["scales"]
            for master in masters
        ]
    for s in report["scales"]:
        for step in ("full", "new_month", *(spark_step(m) for m in masters)):
            summary = s[step].get("node_time")
            where = (
                f" ({summary['nodes']} nodes, {summary['node_seconds']:.1f} s of node time"
                f" over dbt's threads: the slowest {len(s[step]['slowest_nodes'])}"
                f" {summary['slowest_node_seconds']:.1f} s, the others"
                f" {summary['other_node_seconds']:.1f} s)"
                if summary
                else ""
            )
            lines += [
                "",
                f"slowest nodes, scale {s['scale']}, {step.replace('_', ' ')}{where}:",
                "",
            ]
            lines += [
                f"- {node['median_seconds']:.2f} s `{node['node']}`"
                for node in s[step]["slowest_nodes"]
            ]
    return "\n".join(lines)


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def run(args: argparse.Namespace) -> int:
    scales = [float(s) for s in args.scales.split(",") if s.strip()]
    if args.repeat < 1:
        raise SystemExit("--repeat must be at least 1")
    masters: list[str] = []
    if args.target == "spark":
        given = args.spark_master or os.environ.get("IMPACT_SPARK_MASTER") or "local[2]"
        masters = [m.strip() for m in given.split(",") if m.strip()]
    base = Path(args.workdir or tempfile.mkdtemp(prefix="impact-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for scale in scales:
            print(f"scale {scale} ...", flush=True)
            results.append(
                bench_scale(
                    scale, base=base, repeat=args.repeat, seed=args.seed, spark_masters=masters
                )
            )
    except BenchError as error:
        print(str(error), file=sys.stderr)
        return 1
    finally:
        if args.workdir is None:
            shutil.rmtree(base, ignore_errors=True)
    report = to_json(results, slowest=args.slowest, repeat=args.repeat)
    if masters:
        report["spark_masters"] = masters
    if args.json:  # first: the measures outlive a failure to print them
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(markdown(report))
    if args.json:
        print(f"\nresults: {args.json}")
    return 0
