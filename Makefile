# Two commands: `make demo` (the main job) and `make test` (everything CI checks).
# Each sets itself up idempotently: a .venv with the package installed from pyproject.toml, and a browser.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: demo test setup schemas axe browser lint coverage features unit mutants flake-check bench test-postgres clean

demo: setup
	$(BIN)/inspira-conformance demo

# Everything CI checks: lint, the requirement coverage, the unit and end-to-end tests, then the defect matrix.
# The features run against real portals inside tests/harness/ (test_end_to_end.py: a portal started with
# `serve`, reached through --base-url, a broken portal, no control API; test_english.py: the English portal;
# test_alt_portal.py: the alternative portal, `serve --variant alt`, in two shards merged).
test: setup schemas lint coverage unit mutants

setup: $(INSTALLED) browser axe

$(INSTALLED): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

browser: $(INSTALLED)
	@$(BIN)/python -m harness.browser ensure

# axe-core, the accessibility engine every run uses (npm's axe-core, integrity-checked; harness/axe.py).
axe: $(INSTALLED)
	@$(BIN)/python -m harness.axe

# Cucumber's published JSON Schema for messages.ndjson (npm's @cucumber/messages, integrity-checked).
schemas: $(INSTALLED)
	@$(BIN)/python -m tests.harness.cucumber_schema

lint: $(INSTALLED)
	$(BIN)/ruff check .

coverage: $(INSTALLED)
	$(BIN)/inspira-conformance coverage > /dev/null

# The French features against the embedded reference portal; writes reports/<run id>/ and reports/latest/.
features: setup
	$(BIN)/inspira-conformance run

# Two workers; each test file stays on one worker, so the end-to-end runs that share a portal stay together.
unit: setup
	$(BIN)/pytest tests -n 2 --dist loadfile

# The defect matrix: broken variants of the reference portal, each must be caught by its requirement.
mutants: setup
	$(BIN)/python -m tests.mutants.matrix

# Zero flakes: the whole suite RUNS times, retries off; prints how many scenarios ever failed.
# FLAKE_ARGS="--load 2": two CPU-burning processes beside the runs (bounded in time, always ended after).
RUNS ?= 3
FLAKE_ARGS ?=
flake-check: setup
	$(BIN)/python -m tests.flake_check --runs $(RUNS) $(FLAKE_ARGS)

# Speed: the suite with 1 and 2 workers, ours vs a fair naive baseline, the portal under load (gunicorn);
# writes reports/bench.json. Options: make bench BENCH_ARGS="--sizes 100,10000 --seconds 4 --skip suite"
BENCH_ARGS ?=
bench: setup
	$(BIN)/python -m tests.bench $(BENCH_ARGS)

# The suite against the portal on PostgreSQL: a throwaway cluster (Debian's postgresql, installed if missing).
# PG_ARGS="--portal-tests" also runs tests/portal on it; PG_ARGS="-- -k …" narrows the suite.
PG_ARGS ?=
test-postgres: setup
	$(BIN)/python -m tests.bench.postgres $(PG_ARGS)

clean:
	rm -rf $(VENV) reports/*/ reports/latest *.egg-info
