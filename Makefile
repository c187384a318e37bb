PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test test-fast lint format css

# Development installs both lists; production installs requirements.txt alone.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Test tooling from npm, pinned by package-lock.json (Lighthouse, the Nu HTML checker,
# PurgeCSS; nothing of it is served). `npm ci` installs exactly the lock file.
# Without npm the tests that need node skip (CI installs it, .ci/run).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm is missing (apt-get install nodejs npm): the Lighthouse test will skip"; fi

# Bootstrap trimmed to the classes our templates, scripts and forms use (purgecss.config.cjs):
# run after using a Bootstrap class for the first time, and commit the result.
css: node_modules/.installed
	node_modules/.bin/purgecss -c purgecss.config.cjs -o static/vendor/bootstrap/bootstrap.purged.min.css

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
# ports and Celery queue), with the fault injection beside them in one more process — it
# starts and kills its own PostgreSQL, Redis, SMTP and Celery processes on free ports and
# mostly waits on them, so it costs the others little; its report is printed after theirs
# (test-results/faults.log) — then Lighthouse alone and last: its performance scores are
# measured on this machine's CPU, which the other tests would share.
# `make test-fast` is the edit-test loop: everything but the slow markers (SLOW).
WORKERS ?= 2
SLOW := browser or faults or fuzz or api or html or lighthouse
test: $(VENV)/.installed node_modules/.installed
	@mkdir -p test-results
	@$(VENV)/bin/pytest -m faults -p no:cacheprovider > test-results/faults.log 2>&1 & faults=$$!; \
	$(VENV)/bin/pytest -n $(WORKERS) -m "not (faults or lighthouse)"; rest=$$?; \
	wait $$faults; faulted=$$?; \
	echo "=== the fault tests, run beside the above (test-results/faults.log) ==="; \
	cat test-results/faults.log; \
	test $$rest -eq 0 && test $$faulted -eq 0
	$(VENV)/bin/pytest -m lighthouse

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
