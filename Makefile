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

# The suite's wall time is kept for `make bench`'s table (benchmarks/results/make_test.json).
test: install
	@mkdir -p benchmarks/results; start=$$(date +%s%N); $(BIN)/python -m pytest; status=$$?; \
	ms=$$(( ($$(date +%s%N) - start) / 1000000 )); \
	printf '{"seconds": %d.%03d, "status": %d}\n' $$((ms / 1000)) $$((ms % 1000)) $$status \
	  > benchmarks/results/make_test.json; exit $$status

docs: install
	$(BIN)/docgen templates reference docs/templates.md

bench: install
	$(BIN)/python benchmarks/bench_render.py
	$(BIN)/python benchmarks/bench_bundle.py
	$(BIN)/python benchmarks/table.py

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
