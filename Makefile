PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/python -m pip install -q -e .

demo: install
	$(BIN)/venvsim lesson run 01 --no-pause

test: $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/ruff check simulator tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint:
	$(BIN)/ruff check simulator tests benchmarks
	$(BIN)/mypy

bench:
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info
