# The first of these that is CPython 3.11 or newer, unless PYTHON=... is given.
PYTHONS := python3.11 python3.12 python3.13 python3.14 python3
PYTHON ?= $(shell for p in $(PYTHONS); do $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: demo test system install lint bench clean

NO_PYTHON = make: venvsim needs Python 3.11 or newer ($(if $(PYTHON),$(PYTHON) is not one,found none of \
	$(PYTHONS))); install one, or give its path: make PYTHON=/path/to/python3.X ...

$(BIN)/python:
	@$(or $(PYTHON),false) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	  || { echo "$(NO_PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/python -m pip install -q -e .

demo: install
	$(BIN)/venvsim lesson run 01 --no-pause

# What the tests need besides Python: bubblewrap (the verifier's sandbox), Chromium (tests/web),
# debootstrap and a cached Debian 13 root (tests/debian), installed when missing and run as root
# on Debian; Pyodide and xterm.js as web/package-lock.json pins them.
system:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  missing=""; \
	  command -v bwrap >/dev/null || missing="$$missing bubblewrap"; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  command -v debootstrap >/dev/null || missing="$$missing debootstrap"; \
	  if [ -n "$$missing" ]; then apt-get update -q && apt-get install -y -q $$missing; fi; \
	  python3 -m simulator.verify.debian_root build; \
	fi
	@[ -d web/node_modules ] || (cd web && npm ci --no-audit --no-fund)

test: $(BIN)/python system
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/ruff check simulator tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint:
	$(BIN)/ruff check simulator tests benchmarks
	$(BIN)/mypy

bench:
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info
