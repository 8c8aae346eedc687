# make demo: install into .venv and show the main job. make test: install and run every check.
# make check: the same without the real-client tests, for the loop while coding.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SOURCES := $(shell find src catalogue templates -type f ! -name '*.pyc' 2>/dev/null) pyproject.toml README.md

.PHONY: demo test install check lint typecheck unit bench clean

# Dependencies and tools, once (again when pyproject.toml changes).
$(VENV)/.deps: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet '.[dev]'
	touch $@

# The package itself, built as a wheel and installed as users get it (not editable), so the
# tests see the catalogue and templates exactly where an installed hrdplan finds them.
$(VENV)/.installed: $(VENV)/.deps $(SOURCES)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --force-reinstall .
	touch $@

install: $(VENV)/.installed

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest

test: lint typecheck unit

# The loop while coding: as `test`, without the tests that drive a real client (Chromium,
# LibreOffice, WeasyPrint and pdftotext; see the markers in pyproject.toml).
check: lint typecheck
	$(BIN)/pytest -m "not browser and not office and not pdf"

demo: install
	@sh scripts/demo.sh $(BIN)/hrdplan

bench: install
	$(BIN)/python -m pip install --quiet yamllint check-jsonschema
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
