# The two commands of the README: `make run` and `make test`. DATABASE_URL=postgres://… switches either
# from the embedded SQLite to PostgreSQL.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install lint migrate bench load

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q ".[test]"
	touch $@

install: $(BIN)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

run: migrate
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "  Hồ sơ khen thưởng đang chạy tại: http://127.0.0.1:$(PORT)/  (tài khoản mẫu: xem README, mật khẩu demo12345)"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/python -m pip install -q ruff==0.17.5
	$(BIN)/ruff check .

# The benchmark (not part of the tests): seed N dossiers into DATABASE_URL (PostgreSQL) and measure the pages.
N ?= 10000
bench: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python -m bench.seed --dossiers $(N)
	$(BIN)/python -m bench.measure --label "$(N) dossiers"

# The load run (not part of the tests): OFFICIALS officials work their inboxes for DURATION seconds against gunicorn,
# started on 127.0.0.1 with DATABASE_URL (a database seeded by `make bench`).
OFFICIALS ?= 50
DURATION ?= 120
load: install
	$(BIN)/python -m pip install -q ".[bench]"
	$(BIN)/python -m bench.load --officials $(OFFICIALS) --seconds $(DURATION)
