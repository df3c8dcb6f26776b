# The verbs people need. `make demo` and `make test` are the two set-up commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The demo runs as readers see it: DEBUG off, plain HTTP, media served by Django.
DEMO_ENV = DEBUG=off HTTPS=off SERVE_MEDIA=on PORT=$(PORT) SECRET_KEY="$$(cat var/secret_key)"

.PHONY: demo test lint format bench install install-dev messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	@# The Nu Html Checker for the `java` tests (package.json); skipped without npm.
	if command -v npm >/dev/null; then npm install --no-audit --no-fund --silent; fi

var/secret_key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key

demo: install var/secret_key
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(DEMO_ENV) $(BIN)/python manage.py load_demo
	$(DEMO_ENV) $(BIN)/python manage.py demo_editor redactie
	@echo "De site: http://127.0.0.1:$(PORT)/   beheer: http://127.0.0.1:$(PORT)/admin/"
	@# The task worker runs beside the site and stops with it (docs/operations.md).
	$(DEMO_ENV) $(BIN)/python manage.py demo_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(DEMO_ENV) $(BIN)/gunicorn newsroom.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

test: install-dev
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install-dev
	DEBUG=on $(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=node_modules
	DEBUG=on $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

# Needs PostgreSQL and Redis running (bench/settings.py says where) and wrk, which is
# installed here when we are root. Writes bench/results.md; BENCH_SIZES=1000
# BENCH_SECONDS=3 make bench for a quick look.
bench: install
	@command -v wrk >/dev/null || if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
	else \
		echo "make bench needs wrk: sudo apt-get install wrk (Debian/Ubuntu), then again."; \
		exit 1; \
	fi
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) var/static
