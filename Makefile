# The two commands: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint types unit eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "SignalDesk needs Python >= 3.11"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## make demo: fresh SQLite database, replay the bundled demo pack, serve http://127.0.0.1:8000
demo: $(STAMP)
	rm -f var/demo.db var/demo.db-wal var/demo.db-shm
	mkdir -p var
	$(BIN)/signaldesk --set db=var/demo.db demo

## make test: lint, strict types, then every test (quality gates included)
test: $(STAMP) lint types
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools

types: $(STAMP)
	$(BIN)/mypy --strict src

unit: $(STAMP)
	$(BIN)/python -m pytest -m 'not eval'

eval: $(STAMP)
	$(BIN)/python -m pytest -m eval

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
