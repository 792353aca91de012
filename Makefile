# The two commands: `make demo` and `make test`. Everything else is a step of theirs (or, like `make test-fast`,
# a shortcut while editing).
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST_PYTHON ?= python
# pytest-xdist workers: the machine's two cores (the root conftest.py says how tests are handed out).
PYTEST_WORKERS ?= 2

.PHONY: demo test test-fast lint messages clean install-runtime install-dev system-packages

demo: install-runtime
	@bash scripts/ensure-system-packages.sh --no-browser
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@bash scripts/serve-demo.sh

# The whole suite, then the tests that depend on today's date once more with the clock a year ahead.
test: install-dev system-packages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(PYTEST_WORKERS)
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m dates --shift-clock-days=365

# The edit-test loop: lint and the suite without the slow and browser tests.
test-fast: install-dev
	$(BIN)/ruff check .
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m "not slow and not browser"

lint: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the translation catalogues after changing UI strings; the compiled .mo files are committed.
messages: install-dev
	$(PY) manage.py makemessages -l pl -l en --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*'
	$(PY) manage.py compilemessages --ignore '.venv/*'

install-runtime: $(VENV)/.runtime-installed
install-dev: $(VENV)/.dev-installed

$(VENV)/.runtime-installed: requirements.txt .python-version
	@bash scripts/make-venv.sh $(HOST_PYTHON) $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt $(VENV)/.runtime-installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# The browser tests drive Debian's Chromium; nothing downloads a browser.
system-packages:
	@bash scripts/ensure-system-packages.sh

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
