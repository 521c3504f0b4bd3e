# Two commands set everything up on a fresh machine: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint install lock clean-venv

# Every dependency, direct or not, at the version and hash in the lock file;
# then the project itself, which adds nothing the lock has not already installed.
$(STAMP): requirements-dev.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# A laptop: SQLite, Celery in-process, email printed to the console.
run: export DEBUG = 1
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# Without DATABASE_URL/REDIS_URL the suite runs on SQLite and skips, by name,
# the tests that need PostgreSQL, Redis or Chromium.
test: $(STAMP) lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check
	$(VENV)/bin/bandit -q -r audit outbox accounts councils ideas pilots outcomes digests explore notifications evidence demo ideabank -c pyproject.toml
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
	$(VENV)/bin/pytest -n auto --maxprocesses 5 --dist loadgroup --durations=30

# After changing a dependency in pyproject.toml: write both lock files again
# (with hashes for every package, direct or not), then `make install`.
# Add --upgrade-package NAME to move one locked package to its newest release.
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
lock:
	$(PIP_COMPILE) --output-file requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra dev --output-file requirements-dev.lock pyproject.toml

clean-venv:
	rm -rf $(VENV)
