# Two commands do everything: `make run` and `make test`. Both set up what they need first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
ASSETS := static/build/app.css
HOST ?= 127.0.0.1
PORT ?= 8000
# apt-get needs root: through sudo for anyone else.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install assets system-packages lint format check migrate demo bench loadtest loadtest-packages clean

run: install assets migrate demo
	$(BIN)/python manage.py create_dev_admin --host $(HOST) --port $(PORT)
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install assets system-packages check
	$(BIN)/pytest

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

# Front-end packages come from the npm registry at set-up time; nothing is vendored.
$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

assets: $(ASSETS)

$(ASSETS): $(NODE_INSTALLED) $(wildcard static/scss/*.scss) scripts/build-assets.mjs
	npm run build

# The browser tests drive Debian's Chromium; the PDF tests rasterise pages with pdftoppm;
# WeasyPrint embeds fonts faster with HarfBuzz's subsetter than with its fontTools fallback;
# agenda packs turn Word papers into PDF with LibreOffice (Writer alone, without its GUI).
system-packages:
	@test -x /usr/bin/chromium -a -x /usr/bin/pdftoppm || \
		($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium poppler-utils)
	@test -x /usr/bin/soffice || \
		($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libreoffice-writer-nogui)
	@ls /usr/lib/*/libharfbuzz-subset.so.0 >/dev/null 2>&1 || \
		($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libharfbuzz-subset0)

migrate: install
	$(BIN)/python manage.py migrate --no-input

demo: install migrate
	$(BIN)/python manage.py load_demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

# Benchmarks run on PostgreSQL, in a database of their own per scale (BENCH_DATABASE, so
# two checkouts on one server need not share one).
SCALE ?= S
BENCH_DATABASE ?= bench_$(shell echo $(SCALE) | tr A-Z a-z)
BENCH_ENV = DATABASE_URL=postgres://boardapp:boardapp@127.0.0.1:5432/$(BENCH_DATABASE)

bench: install assets system-packages
	@command -v wrk >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk)
	scripts/ensure-postgres.sh $(BENCH_DATABASE)
	$(BENCH_ENV) $(BIN)/python manage.py migrate --no-input -v0
	$(BENCH_ENV) $(BIN)/python manage.py make_scale_data --scale $(SCALE)
	$(BENCH_ENV) $(BIN)/python -m bench.run --scale $(SCALE)

# 60 s of mixed reads and writes at 32 concurrent connections on gunicorn and PostgreSQL:
# by default on a fresh demo database of its own (LOADTEST_DATABASE, default
# boardapp_loadtest; see scripts/loadtest.py); with SCALE=S|M|L on the bench database of that
# scale, filled as make bench fills it and left in place. SERVERS=2 puts two app servers
# behind HAProxy with a Redis of the run's own; FAULT=kill-server|restart-redis|
# drop-db-connections|pgbouncer strikes during the run (bench/faults.py).
SERVERS ?= 1
FAULT ?=
LOADTEST_ARGS = --seconds 60 --clients 32 --servers $(SERVERS) $(if $(FAULT),--fault $(FAULT))

loadtest: install assets loadtest-packages
ifeq ($(origin SCALE),file)
	$(BIN)/python scripts/loadtest.py $(LOADTEST_ARGS)
else
	scripts/ensure-postgres.sh $(BENCH_DATABASE)
	$(BENCH_ENV) $(BIN)/python manage.py migrate --no-input -v0
	$(BENCH_ENV) $(BIN)/python manage.py make_scale_data --scale $(SCALE)
	$(BIN)/python scripts/loadtest.py $(LOADTEST_ARGS) \
		--database-url postgres://boardapp:boardapp@127.0.0.1:5432/$(BENCH_DATABASE)
endif

# Several servers need the proxy and a Redis to share; the PgBouncer run needs PgBouncer.
loadtest-packages:
	@[ "$(SERVERS)" = 1 ] || command -v haproxy >/dev/null || test -x /usr/sbin/haproxy || \
		($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq haproxy)
	@[ "$(SERVERS)" = 1 ] || command -v redis-server >/dev/null || test -x /usr/sbin/redis-server || \
		($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq redis-server)
	@[ "$(FAULT)" != pgbouncer ] || command -v pgbouncer >/dev/null || test -x /usr/sbin/pgbouncer || \
		($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq pgbouncer)

clean:
	rm -rf $(VENV) node_modules static/build staticfiles db.sqlite3 *.egg-info
