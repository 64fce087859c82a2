# Set-up and common tasks. `make run` and `make test` create .venv when missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test app browser bench bench-app calibrate calibrate-point calibrate-checks docs golden lint lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Installs the project with the pinned versions that produced the published numbers.
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m sim baseline

test: $(STAMP) browser lint
	$(BIN)/python -m pytest

# Lint, format check and the import contract (the layers import one way; see pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

# The shipped scenarios are computed once into the app's results store (.cache/app-runs, keyed by
# the code version; a few minutes the first time, instant afterwards), so their first page loads
# from it. The server imports the library before it listens (app_pages/serve.py), so the first
# visitor does not wait for the imports.
app: $(STAMP)
	$(BIN)/python -m sim.app.warm
	$(BIN)/python -m app_pages.serve

# The end-to-end app test drives Debian's chromium (never a downloaded browser), with a Korean
# font for readable screenshots. As root (CI) this installs them when missing; otherwise the
# test is skipped with a message.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "chromium not found: the browser test will be skipped"; fi; }

# The posterior over the uncertain parameters (TSNPE with sbi, ~45 min on 2 cores; installs the
# optional [posterior] extra: sbi and the CPU build of torch): writes sim/data/posterior.json and the
# posterior section of docs/calibration-results.md, then regenerates the derived docs.
calibrate: $(STAMP)
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[posterior]'
	$(BIN)/python -m sim posterior
	$(MAKE) docs

# The SMM point estimate (the parameter defaults; writes sim/data/calibration.yaml and the SMM part
# of docs/calibration-results.md, ~30 min). Run it before `make calibrate` when the model changes.
calibrate-point: $(STAMP)
	$(BIN)/python -m sim calibrate
	$(MAKE) docs

# A target added after the fits: the SMM check and the posterior-predictive table rerun at the stored
# values and draws with the current targets (a couple of minutes; no parameter moves).
calibrate-checks: $(STAMP)
	$(BIN)/python -m sim calibrate --refresh-check --no-progress
	$(BIN)/python -m sim posterior --refresh-predictive --no-progress
	$(MAKE) docs

docs: $(STAMP)
	$(BIN)/python -m sim.study.paramdoc
	$(BIN)/python -m sim schema --out scenarios/schema.json
	$(BIN)/python -m sim schema --design --out scenarios/design-schema.json

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_run.py
	$(BIN)/python benchmarks/bench_scaling.py
	$(BIN)/python benchmarks/bench_batch.py

# The app's response to a slider change: library calls only, then in headless chromium.
bench-app: $(STAMP) browser
	$(BIN)/python benchmarks/bench_explorer.py
	$(BIN)/python benchmarks/bench_fork.py
	$(BIN)/python benchmarks/bench_app.py

# Re-pin after changing dependencies: resolves into a scratch venv and writes constraints.txt.
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/python -m pip install -q --upgrade pip
	.lockenv/bin/python -m pip install -q -e '.[test]'
	.lockenv/bin/python -m pip freeze --exclude-editable | grep -v '^talentsim' > constraints.txt
	rm -rf .lockenv

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

# Recompute every published number (README, docs/calibration-results.md, docs/sensitivity.md and
# its CSVs; ~6 min on 2 cores) and rewrite
# tests/golden.yaml and the published tables from the same run; then say in CHANGELOG.md
# what moved and why. `make test` checks them (tests/test_golden.py).
golden: $(STAMP)
	$(BIN)/python -m sim.study.golden --write --all
