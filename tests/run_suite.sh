#!/usr/bin/env bash
# The whole test suite (`make test`): lint, then every pytest test in two worker
# processes (pytest-xdist). Much of the suite's time is not CPU-bound (dbt's
# single-threaded parsing, subprocesses starting, the Spark lane's fixed cost per
# statement), so two workers on CI's 2 cores shorten it. The tests of a module with a
# module-scoped build, and a test package with fixtures of its own (the Spark lane),
# stay on one worker (tests/python/parallel_units.py), so each such build runs once;
# every other test is handed out on its own. Fails when lint or pytest fails (pytest's exit code 5, no test
# collected, included).
set -uo pipefail
BIN=${BIN:-.venv/bin}
make --no-print-directory lint || exit 1
"$BIN/python" -m pytest -n "${PYTEST_WORKERS:-2}" "$@"
