# Routine tasks. `make build` and `make test` are the two quickstart commands.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# IMPACT_RAW_DIR is the user's (docs/input-contract.md C-5): passed through as it is, never
# defaulted here. Unset, `impact-warehouse build` builds the project's sample, SAMPLE_DIR.
SAMPLE_DIR := data/sample
SPARK_STAMP := $(VENV)/.installed-spark
export IMPACT_DUCKDB_PATH ?= warehouse/impact.duckdb
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
SCALE ?= 0.1
SEED ?= 20231231
# VERBOSE=1: dbt's full output (default: one line per layer; the full log is in a file)
VERBOSE_FLAG := $(if $(filter-out 0,$(VERBOSE)),--verbose)

.PHONY: help setup spark-setup java spark-cluster spark-cluster-stop browser data build warehouse test lint docs report bench clean
.PHONY: docs-generate snapshot

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found (set PYTHON=...)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

setup: $(STAMP) ## Create .venv and install the pinned dependencies

# The Spark engine (issue 13): the `spark` extra (dbt-spark + pyspark, ~500 MB) and Java 17.
$(SPARK_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,spark]'
	@touch $@

spark-setup: java $(SPARK_STAMP) ## Install the Spark engine (pyspark, dbt-spark; Java 17 when missing)

java: ## Install Debian's Java 17 runtime for pyspark when no Java 17+ is found
	@v=$$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1); \
	if [ -z "$$v" ] || [ "$$v" -lt 17 ]; then \
		echo "installing openjdk-17-jre-headless (Debian package) for pyspark"; \
		$$( [ "$$(id -u)" -eq 0 ] || echo sudo ) apt-get update -qq && \
		$$( [ "$$(id -u)" -eq 0 ] || echo sudo ) env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq openjdk-17-jre-headless >/dev/null; fi

spark-cluster: spark-setup ## Start a local Spark standalone cluster (master + 2 workers on 127.0.0.1)
	$(BIN)/python -m impact_warehouse.spark_cluster start

spark-cluster-stop: ## Stop the local Spark standalone cluster
	$(BIN)/python -m impact_warehouse.spark_cluster stop

browser: ## Install Debian's chromium for the browser tests when it is missing
	@command -v chromium >/dev/null || { \
		echo "installing chromium (Debian package) for the headless browser tests"; \
		$$( [ "$$(id -u)" -eq 0 ] || echo sudo ) apt-get update -qq && \
		$$( [ "$$(id -u)" -eq 0 ] || echo sudo ) env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq chromium >/dev/null; }

data: setup ## (Re)generate the synthetic sample exports in data/sample (SCALE, SEED)
	$(BIN)/impact-warehouse sample --force --scale $(SCALE) --seed $(SEED)

build: setup ## Build $IMPACT_RAW_DIR (unset: the sample, generated if absent), publish, headline
	$(BIN)/impact-warehouse build --sample-scale $(SCALE) --sample-seed $(SEED) $(VERBOSE_FLAG)

test: setup browser spark-setup ## Lint and the whole test suite (tests/run_suite.sh: the Spark lane beside the rest)
	BIN=$(BIN) tests/run_suite.sh

lint: setup ## sqlfluff and ruff
	$(BIN)/ruff check src tests/python
	$(BIN)/ruff format --check src tests/python
	$(BIN)/sqlfluff lint --processes 2 models macros tests analyses

warehouse: setup
	@test -f "$(IMPACT_DUCKDB_PATH)" || $(MAKE) --no-print-directory build

docs: docs-generate ## Generate the documentation site and serve it on 127.0.0.1:8080 (offline)
	$(BIN)/dbt docs serve --host 127.0.0.1 --port 8080 --no-browser

# dbt opens its DuckDB file read-write: it works on a private copy, so readers never block it.
docs-generate: warehouse ## Generate the documentation site into target/ (from a snapshot; its overview says what the warehouse is)
	IMPACT_RAW_DIR="$${IMPACT_RAW_DIR-$(SAMPLE_DIR)}" $(BIN)/impact-warehouse docs

snapshot: warehouse ## Refresh warehouse/snapshot/, a private copy of the warehouse for dbt and mf
	@$(BIN)/impact-warehouse snapshot

report: browser warehouse ## Render reports/impact-report.{en,fr}.html (+ PDF) and reports/reconciliation.html
	$(BIN)/impact-warehouse report

bench: setup ## Benchmark the build at several scales
	$(BIN)/impact-warehouse bench

clean: ## Remove build artefacts (keeps data/ and .venv)
	rm -rf target logs warehouse reports
