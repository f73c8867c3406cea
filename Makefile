# regiodeal — every target sets up what it needs itself.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-postgres audit lint format install demo messages lock clean bench

$(STAMP): requirements/lock.txt requirements/build.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/build.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@mkdir -p var
	$(BIN)/regiodeal migrate --no-input
	$(BIN)/regiodeal demo --if-empty
	$(BIN)/regiodeal collectstatic --no-input --verbosity 0
	@echo ""
	@echo "  regiodeal draait op http://$(HOST):$(PORT)/"
	@echo "  Beheer: http://$(HOST):$(PORT)/beheer/  gebruiker: $${REGIODEAL_DEMO_USER:-demo}  wachtwoord: $${REGIODEAL_DEMO_PASSWORD:-regiodeal-demo}"
	@echo ""
	$(BIN)/regiodeal runserver $(HOST):$(PORT)

test: $(STAMP)
	@mkdir -p var
	$(BIN)/ruff check src tests bench tools deploy conftest.py
	$(BIN)/ruff format --check src tests bench tools deploy conftest.py
	$(BIN)/regiodeal makemigrations --check --dry-run
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

# The same suite on PostgreSQL (CI starts the server; trust auth on 127.0.0.1:5432). The
# browser tests and the API's schema fuzzing test the HTTP layer, not the database: they run
# once, in `make test`, which keeps CI within its time. So does the money-conservation
# property test: the first 10 of its (fixed) 30 random histories on PostgreSQL, all 30 on
# SQLite; it was a fifth of the PostgreSQL stage.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
POSTGRES_CONSERVATION_EXAMPLES ?= 10
test-postgres: $(STAMP)
	DATABASE_URL=$(POSTGRES_URL) REGIODEAL_CONSERVATION_EXAMPLES=$(POSTGRES_CONSERVATION_EXAMPLES) \
		$(BIN)/pytest -n 2 -m "not e2e and not schemathesis" $(PYTEST_ARGS)

# Static security analysis (medium and high findings fail) and a consistent environment.
audit: $(STAMP)
	$(BIN)/bandit -q -r src -ll
	$(BIN)/python -m pip check

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools deploy conftest.py
	$(BIN)/ruff format --check src tests bench tools deploy conftest.py

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench tools deploy conftest.py
	$(BIN)/ruff format src tests bench tools deploy conftest.py

demo: $(STAMP)
	@mkdir -p var
	$(BIN)/regiodeal migrate --no-input
	$(BIN)/regiodeal demo

# Regenerate the Dutch and English message catalogues and compile them.
messages: $(STAMP)
	cd src/regiodeal && ../../$(BIN)/regiodeal makemessages -l nl -l en --no-obsolete --no-location
	cd src/regiodeal && ../../$(BIN)/regiodeal compilemessages

# Re-resolve the dependency lock (needs uv on the developer's machine).
lock:
	uv pip compile requirements/build.in --generate-hashes --python-version 3.11 -o requirements/build.txt
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements/lock.txt

clean:
	rm -rf $(VENV) var .pytest_cache

# Import throughput, allocation, and the public pages at 100.000 and 1.000.000 decisions on
# SQLite and PostgreSQL against their floor (bench/README.md); BENCH_ARGS=--quick for a short
# run, BENCH_ARGS="--suite scale --db sqlite" for part of it.
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)
