"""A local Spark standalone cluster: one master and two workers on 127.0.0.1.

Started from the pyspark installation (its `sbin/spark-daemon.sh` and the Master and
Worker classes of its jars), so nothing else is installed. A build then runs its
driver in the dbt process and its tasks in the workers' executors:

    make spark-cluster                      # or: python -m impact_warehouse.spark_cluster start
    IMPACT_SPARK_MASTER=spark://127.0.0.1:7077 dbt build --target spark
    make spark-cluster-stop                 # or: python -m impact_warehouse.spark_cluster stop

Everything listens on the loopback address only. Logs, pid files and the workers' work
directories go to $IMPACT_SPARK_DIR/cluster/ (default warehouse/spark/cluster). Each
worker offers 1 core and 2 GB by default (2 cores on the machine: the driver and the
executors share them). The master's status page is http://127.0.0.1:18070 (JSON at
/json/), used here to wait until both workers have registered.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from impact_warehouse.spark_session import spark_dir

HOST = "127.0.0.1"
MASTER_PORT = 7077
MASTER_UI_PORT = 18070
MASTER_CLASS = "org.apache.spark.deploy.master.Master"
WORKER_CLASS = "org.apache.spark.deploy.worker.Worker"
MASTER_URL = f"spark://{HOST}:{MASTER_PORT}"


class ClusterError(RuntimeError):
    pass


@dataclass(frozen=True)
class ClusterStatus:
    url: str
    alive_workers: int
    cores: int
    memory_mb: int


def spark_home() -> Path:
    try:
        import pyspark
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ClusterError("pyspark is not installed: run `make spark-setup`") from error
    return Path(pyspark.__file__).resolve().parent


def _env(directory: Path) -> dict[str, str]:
    base = directory / "cluster"
    for sub in ("logs", "pids", "work"):
        (base / sub).mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        {
            "SPARK_HOME": str(spark_home()),
            "SPARK_LOG_DIR": str(base / "logs"),
            "SPARK_PID_DIR": str(base / "pids"),
            "SPARK_LOCAL_IP": HOST,
            # the cluster's JVMs in UTC too (the driver's session time zone is what counts)
            "SPARK_DAEMON_JAVA_OPTS": "-Duser.timezone=UTC",
        }
    )
    return env


def _daemon(directory: Path, action: str, cls: str, instance: int, *args: str) -> None:
    script = spark_home() / "sbin" / "spark-daemon.sh"
    proc = subprocess.run(
        ["bash", str(script), action, cls, str(instance), *args],
        env=_env(directory),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0 and action == "start":
        raise ClusterError(f"{cls} {instance} did not start:\n{proc.stdout}{proc.stderr}")


def status(timeout: float = 2.0) -> ClusterStatus | None:
    """The master's view of the cluster, or None when no master answers."""
    try:
        with urllib.request.urlopen(f"http://{HOST}:{MASTER_UI_PORT}/json/", timeout=timeout) as r:
            data = json.load(r)
    except (urllib.error.URLError, OSError, ValueError):
        return None
    alive = [w for w in data.get("workers", []) if w.get("state") == "ALIVE"]
    return ClusterStatus(
        url=data.get("url", MASTER_URL),
        alive_workers=len(alive),
        cores=sum(int(w.get("cores", 0)) for w in alive),
        memory_mb=sum(int(w.get("memory", 0)) for w in alive),
    )


def start(
    directory: Path | str | None = None,
    workers: int = 2,
    cores: int = 1,
    memory: str = "2g",
    wait_seconds: float = 120.0,
) -> ClusterStatus:
    """Start the master and `workers` workers (unless already up); wait until all are ALIVE."""
    base = spark_dir(directory)
    current = status()
    if current is None:
        _daemon(
            base,
            "start",
            MASTER_CLASS,
            1,
            "--host",
            HOST,
            "--port",
            str(MASTER_PORT),
            "--webui-port",
            str(MASTER_UI_PORT),
        )
    for instance in range(1, workers + 1):
        _daemon(
            base,
            "start",
            WORKER_CLASS,
            instance,
            "--host",
            HOST,
            "--cores",
            str(cores),
            "--memory",
            memory,
            "--webui-port",
            str(MASTER_UI_PORT + instance),
            "--work-dir",
            str(base / "cluster" / "work"),
            MASTER_URL,
        )
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        current = status()
        if current is not None and current.alive_workers >= workers:
            return current
        time.sleep(1.0)
    raise ClusterError(
        f"the cluster did not come up within {wait_seconds:.0f} s (status: {status()}); "
        f"logs in {base / 'cluster' / 'logs'}"
    )


def stop(directory: Path | str | None = None, workers: int = 2) -> None:
    """Stop the workers and the master started by start() (pid files under cluster/pids)."""
    base = spark_dir(directory)
    for instance in range(1, workers + 1):
        _daemon(base, "stop", WORKER_CLASS, instance)
    _daemon(base, "stop", MASTER_CLASS, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m impact_warehouse.spark_cluster")
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument("--spark-dir", default=None, help="default: $IMPACT_SPARK_DIR")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cores", type=int, default=1, help="cores per worker")
    parser.add_argument("--memory", default="2g", help="memory per worker")
    args = parser.parse_args(argv)
    if args.action == "start":
        current = start(args.spark_dir, args.workers, args.cores, args.memory)
        print(
            f"Spark standalone cluster up at {current.url}: {current.alive_workers} workers,"
            f" {current.cores} cores, {current.memory_mb} MB. Build on it with"
            f" IMPACT_SPARK_MASTER={current.url}; stop it with `make spark-cluster-stop`."
        )
    elif args.action == "stop":
        stop(args.spark_dir, args.workers)
        print("Spark standalone cluster stopped")
    else:
        current = status()
        print(current if current else "no Spark master answers on 127.0.0.1")
        return 0 if current else 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
