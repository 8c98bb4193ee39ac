# Run `make` for the list of targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help install voikko wrk serve bench bench-soak bench-rebuild run test test-fast test-production lint format migrations messages superuser bench-search clean
SERVE_DB ?= elmo
SERVE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/$(SERVE_DB)
BENCH_DB ?= elmo_bench
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/$(BENCH_DB)

# The address `make run` and `make serve` listen on (gunicorn reads BIND too): make serve BIND=0.0.0.0:8080
BIND ?= 127.0.0.1:8000

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's|http://$$(BIND)|http://$(BIND)|' | \
	  awk -F ':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.runtime-installed

install: $(VENV)/.runtime-installed ## Create .venv and install the pinned requirements

voikko: ## Install Voikko's Finnish dictionary (Debian, as root) for the Finnish search
	@if [ -e /usr/lib/x86_64-linux-gnu/libvoikko.so.1 ] || [ -e /usr/lib/aarch64-linux-gnu/libvoikko.so.1 ]; then \
	  echo "Voikko is installed."; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get install -y -qq libvoikko1 voikko-fi >/dev/null || (apt-get update -qq && apt-get install -y -qq libvoikko1 voikko-fi >/dev/null); \
	else \
	  echo "NOTICE: install libvoikko1 and voikko-fi for Finnish base forms; the search works without them."; \
	fi

wrk: ## Install the wrk load generator (Debian, as root) for make bench
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  (apt-get install -y -qq wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)); } || \
	  { echo "Install wrk (apt-get install wrk) to run make bench."; exit 1; }

# Production mode on loopback: DEBUG off, gunicorn, whitenoise, PostgreSQL; plain http, so the
# HTTPS redirect and Secure cookies are off. The secret key is made once and kept in .serve-secret.
PRODUCTION_ENV = DEBUG=false SECURE_SSL_REDIRECT=false SECURE_COOKIES=false \
	SECRET_KEY="$${SECRET_KEY:-$$(cat .serve-secret)}"

.serve-secret:
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

serve: $(VENV)/.runtime-installed voikko .serve-secret ## Production mode locally on PostgreSQL (gunicorn, whitenoise) at http://$(BIND)
	psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = '$(SERVE_DB)'" | grep -q 1 || createdb -h 127.0.0.1 -U postgres $(SERVE_DB)
	$(PRODUCTION_ENV) DATABASE_URL=$(SERVE_DATABASE_URL) $(MANAGE) migrate --noinput -v0
	$(PRODUCTION_ENV) DATABASE_URL=$(SERVE_DATABASE_URL) $(MANAGE) load_ip_area
	$(PRODUCTION_ENV) DATABASE_URL=$(SERVE_DATABASE_URL) $(MANAGE) collectstatic --noinput -v0
	$(PRODUCTION_ENV) DATABASE_URL=$(SERVE_DATABASE_URL) BIND=$(BIND) $(BIN)/gunicorn elmo.wsgi -c gunicorn.conf.py

bench: $(VENV)/.runtime-installed voikko wrk .serve-secret ## Load benchmark at 10 000 and 100 000 platforms (gunicorn, Redis, PostgreSQL, wrk), the plan check, the soak
	psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = '$(BENCH_DB)'" | grep -q 1 || createdb -h 127.0.0.1 -U postgres $(BENCH_DB)
	$(PRODUCTION_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) migrate --noinput -v0
	$(PRODUCTION_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) load_ip_area
	$(PRODUCTION_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) collectstatic --noinput -v0
	$(PRODUCTION_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) API_ANON_RATE=100000000/minute $(BIN)/python bench/load.py --sizes 10000,100000
	$(PRODUCTION_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) API_ANON_RATE=100000000/minute $(BIN)/python bench/plans.py
	$(PRODUCTION_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/soak.py --seconds 60

run: $(VENV)/.runtime-installed voikko ## Install, migrate (SQLite by default), load the IP-area data, serve http://$(BIND)
	DEBUG=true $(MANAGE) migrate --noinput
	DEBUG=true $(MANAGE) load_ip_area
	DEBUG=true $(MANAGE) runserver $(BIND)

# The processes pytest runs the tests in (pytest-xdist), one per core of the 2-core machines;
# tests that must not run beside each other would share an xdist_group. TEST_WORKERS=0: one
# process.
TEST_WORKERS ?= 2

test: $(VENV)/.test-installed voikko ## Lint, check migrations and run every test (on PostgreSQL when reachable)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=true $(MANAGE) makemigrations --check --dry-run
	DEBUG=true $(MANAGE) spectacular --lang en --validate --fail-on-warn --file /dev/null
	DEBUG=true $(BIN)/mypy
	DATABASE_URL="$$($(BIN)/python tests/database.py)" $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

test-fast: $(VENV)/.test-installed ## The quick loop: every test but the slow ones (browser, faults, fuzzing, subprocesses)
	DATABASE_URL="$$($(BIN)/python tests/database.py)" $(BIN)/pytest -m "not slow" -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

test-production: $(VENV)/.test-installed ## Browser run against the site as production serves it (DEBUG off, hashed static files, gunicorn)
	DATABASE_URL="$$($(BIN)/python tests/database.py)" $(BIN)/pytest tests/browser/test_production_site.py $(PYTEST_ARGS)

lint: $(VENV)/.test-installed ## Check the code with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test-installed ## Format the code and fix what ruff can
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations: $(VENV)/.runtime-installed ## Make migrations: make migrations NAME=add_platform_status
	DEBUG=true $(MANAGE) makemigrations --name $(NAME)

messages: $(VENV)/.runtime-installed ## Update locale/ catalogues from the code and compile them
	DEBUG=true $(MANAGE) makemessages --locale fi --locale sv --no-obsolete --no-location --ignore '.venv/*' --ignore 'tests/*'
	DEBUG=true $(MANAGE) compilemessages --ignore '.venv/*'

superuser: $(VENV)/.runtime-installed ## Create an admin user in the configured database
	DEBUG=true $(MANAGE) createsuperuser

bench-search: $(VENV)/.runtime-installed voikko ## Search latency at 1 000, 10 000 and 100 000 platforms (PostgreSQL)
	psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = '$(BENCH_DB)'" | grep -q 1 || createdb -h 127.0.0.1 -U postgres $(BENCH_DB)
	DEBUG=true DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) migrate --noinput -v0
	DEBUG=true DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) load_ip_area
	DEBUG=true DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/search.py --sizes 1000,10000,100000

bench-rebuild: $(VENV)/.runtime-installed voikko .serve-secret ## Time rebuild_index() at 100 000 platforms (target ≤ 100 s); STALE=1 rewrites every document
	psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = '$(BENCH_DB)'" | grep -q 1 || createdb -h 127.0.0.1 -U postgres $(BENCH_DB)
	$(PRODUCTION_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) migrate --noinput -v0
	$(PRODUCTION_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) load_ip_area
	$(PRODUCTION_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/rebuild.py --platforms 100000 $(if $(STALE),--stale)

bench-soak: $(VENV)/.runtime-installed voikko ## Searches while entries are added, deleted and vacuumed: the database server must never restart
	psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = '$(BENCH_DB)'" | grep -q 1 || createdb -h 127.0.0.1 -U postgres $(BENCH_DB)
	DEBUG=true DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) migrate --noinput -v0
	DEBUG=true DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) load_ip_area
	DEBUG=true DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/soak.py --seconds $(or $(SECONDS),60)

clean: ## Remove the virtualenv and the local SQLite database
	rm -rf $(VENV) db.sqlite3 test-db.sqlite3 staticfiles
