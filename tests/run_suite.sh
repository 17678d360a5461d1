#!/usr/bin/env bash
# The whole test suite (`make test`): lint, then every pytest test in two worker
# processes (pytest-xdist, `--dist loadgroup`). Much of the suite's time is not CPU-bound
# (dbt's single-threaded parsing, subprocesses starting, the Spark lane's fixed cost per
# statement), so two workers on CI's 2 cores keep `make test` within its 15-minute
# budget. tests/python/conftest.py keeps each module, and each session-scoped build
# (the sample warehouse, the generated exports, the Spark lane), on one worker. Fails
# when lint or pytest fails (pytest's exit code 5, no test collected, included).
set -uo pipefail
BIN=${BIN:-.venv/bin}
make --no-print-directory lint || exit 1
"$BIN/python" -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadgroup "$@"
