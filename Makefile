# The two commands of the README: `make run` and `make test`. DATABASE_URL=postgres://… switches either
# from the embedded SQLite to PostgreSQL.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install lint migrate seed bench load

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q ".[test]"
	touch $@

install: $(BIN)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

# A local try-out on this machine: the site's own error pages as in production (Django's debug pages, which
# list every URL and a failure's variables, only with `DEBUG=1 make run`); --insecure serves the static
# files, which runserver leaves out when DEBUG is off.
run: migrate
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py seed_demo_dossiers
	@echo ""
	@echo "  Hồ sơ khen thưởng đang chạy tại: http://127.0.0.1:$(PORT)/  (tài khoản mẫu: xem README, mật khẩu demo12345)"
	@echo ""
	$(BIN)/python manage.py runserver --insecure 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/python -m pip install -q ruff==0.17.5
	$(BIN)/ruff check .

# The benchmark (not part of the tests). `make seed N=…` builds N dossiers in DATABASE_URL (PostgreSQL), one
# province of the demo province's shape per 30,000 (34 at a million), committed 20,000 at a time; `make bench`
# times the pages of two seeded databases turn by turn (SMALL_DB, LARGE_DB on the server of DATABASE_URL) and
# appends the tables to docs/performance.md.
N ?= 100000
SMALL_DB ?= khenthuong_bench
LARGE_DB ?= khenthuong_bench100k
seed: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python -m bench.seed --dossiers $(N)
bench: install
	$(BIN)/python -m bench.measure --size "10,000 dossiers=$(SMALL_DB)" --size "100,000 dossiers=$(LARGE_DB)"

# The load run (not part of the tests): OFFICIALS officials work their inboxes for DURATION seconds against gunicorn,
# started on 127.0.0.1 with DATABASE_URL (a database seeded by `make seed`); OFFICIALS=25,50,100,200 runs a curve,
# and with CELERY_BROKER_URL=redis://… the jobs go to a Celery worker the run starts beside gunicorn.
OFFICIALS ?= 50
DURATION ?= 120
load: install
	$(BIN)/python -m pip install -q ".[bench]"
	$(BIN)/python -m bench.load --officials $(OFFICIALS) --seconds $(DURATION)
