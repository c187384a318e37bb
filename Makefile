PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test test-fast lint format

# Development installs both lists; production installs requirements.txt alone.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# The demo runs with DEBUG on (and so the development key) unless the environment says
# otherwise; production sets DEBUG off and a SECRET_KEY (docs/deploy.md).
run: export DEBUG ?= true
# The demo founder's language: `make run DEMO_LANGUAGE=de` on an empty database (README).
DEMO_LANGUAGE ?= en
run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --language $(DEMO_LANGUAGE)
	@echo "Open http://127.0.0.1:$(PORT)/ and log in as demo@example.com / buyback-demo (a founder)"
	@echo "or as consultant@example.com / buyback-consultant (their consultant, lands on the overview)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The tests set DEBUG and a key themselves (outsourcing/settings_test.py, named in pytest.ini).
# `make test` is everything: on WORKERS processes (pytest-xdist; each its own test database,
# ports and Celery queue), then the fault injection alone, which starts and kills its own
# Redis, SMTP and Celery processes and counts on their timing.
# `make test-fast` is the edit-test loop: everything but the slow markers (SLOW).
WORKERS ?= 2
SLOW := browser or faults or fuzz or api
test: $(VENV)/.installed
	$(VENV)/bin/pytest -n $(WORKERS) -m "not faults"
	$(VENV)/bin/pytest -m faults

test-fast: $(VENV)/.installed
	$(VENV)/bin/pytest -n $(WORKERS) -m "not ($(SLOW))"

# mypy loads the settings (django-stubs' plugin), which need DEBUG or a SECRET_KEY.
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=true $(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
