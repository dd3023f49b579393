# The two commands a user needs: `make demo` and `make test`; `make serve` starts the workbench.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install clean bench serve docs

$(BIN)/docgen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/docgen

# The workbench's stylesheet: GOV.UK Frontend from package-lock.json, compiled by `npm ci`
# (package.json's build script). Only `docgen serve` needs it; without npm the CLI still works.
WEB_CSS := docgen/web/static/build/workbench.css
$(WEB_CSS): package.json package-lock.json docgen/web/static/workbench.scss
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --omit=optional; \
	else echo "npm not found: the workbench (docgen serve) needs its stylesheet; install Node.js and npm, then run: npm ci" >&2; fi

install: $(BIN)/docgen $(WEB_CSS)

demo: install
	$(BIN)/docgen demo --out out

# The whole suite, one worker per core (pytest-xdist). Its wall time is kept for `make bench`'s
# table (benchmarks/results/make_test.json). Python's bytecode caches are written even where the
# environment turns them off, so the docgen processes and nested test sessions the suite starts
# do not compile the same modules again.
test: install
	@mkdir -p benchmarks/results; start=$$(date +%s%N); env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n auto; status=$$?; \
	ms=$$(( ($$(date +%s%N) - start) / 1000000 )); \
	printf '{"seconds": %d.%03d, "status": %d}\n' $$((ms / 1000)) $$((ms % 1000)) $$status \
	  > benchmarks/results/make_test.json; exit $$status

# The officers' workbench on a copy of the samples (serve/, never the samples themselves).
# The first run asks for a password for the first account (an admin for every sample force).
SERVE ?= serve
serve: install
	@mkdir -p $(SERVE)
	@[ -d $(SERVE)/cases ] || cp -r samples/cases samples/house-style samples/evidence $(SERVE)/
	@[ -f $(SERVE)/cases/users.json ] || $(BIN)/docgen users add $${DOCGEN_WEB_USER:-admin} --role admin \
		--team LAN --team MPS --team NWP --team WYP --cases $(SERVE)/cases
	$(BIN)/docgen serve --cases $(SERVE)/cases

docs: install
	$(BIN)/docgen templates reference docs/templates.md

bench: install
	$(BIN)/python benchmarks/bench_render.py
	$(BIN)/python benchmarks/bench_bundle.py
	$(BIN)/python benchmarks/bench_web.py
	$(BIN)/python benchmarks/table.py

clean:
	rm -rf $(VENV) out serve .pytest_cache .hypothesis node_modules docgen/web/static/build
