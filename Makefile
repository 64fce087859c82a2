# Set-up and common tasks. `make run` and `make test` create .venv when missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench calibrate docs lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Installs the project with the pinned versions that produced the published numbers.
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m sim baseline

test: $(STAMP)
	$(BIN)/python -m pytest

# Fit the free parameters (writes sim/data/calibration.yaml, docs/calibration-results.md), then
# regenerate what is derived from the parameter defaults, in fresh processes.
calibrate: $(STAMP)
	$(BIN)/python -m sim calibrate
	$(MAKE) docs

docs: $(STAMP)
	$(BIN)/python -m sim.paramdoc
	$(BIN)/python -m sim schema --out scenarios/schema.json

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_run.py
	$(BIN)/python benchmarks/bench_scaling.py
	$(BIN)/python benchmarks/bench_batch.py

# Re-pin after changing dependencies: resolves into a scratch venv and writes constraints.txt.
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/python -m pip install -q --upgrade pip
	.lockenv/bin/python -m pip install -q -e '.[test]'
	.lockenv/bin/python -m pip freeze --exclude-editable | grep -v '^talentsim' > constraints.txt
	rm -rf .lockenv

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
