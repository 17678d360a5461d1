#!/usr/bin/env bash
# The whole test suite (`make test`): lint, then every pytest test in two worker
# processes (pytest-xdist, tests handed out one by one). Much of the suite's time is not
# CPU-bound (dbt's single-threaded parsing, subprocesses starting, the Spark lane's fixed
# cost per statement), so two workers on CI's 2 cores shorten it. Measured: 1,096 s in
# all (lint about 3 min); keeping each shared session build on one worker
# (--dist loadgroup) was slower, as its groups serialise. Fails when lint or pytest
# fails (pytest's exit code 5, no test collected, included).
set -uo pipefail
BIN=${BIN:-.venv/bin}
make --no-print-directory lint || exit 1
"$BIN/python" -m pytest -n "${PYTEST_WORKERS:-2}" "$@"
