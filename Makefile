# The two commands a user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install clean bench

$(BIN)/docgen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/docgen

install: $(BIN)/docgen

demo: install
	$(BIN)/docgen demo --out out

test: install
	$(BIN)/python -m pytest

docs: install
	$(BIN)/docgen templates reference docs/templates.md

bench: install
	$(BIN)/python benchmarks/bench_render.py
	$(BIN)/python benchmarks/bench_bundle.py

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
