# The two commands the README gives:
#   make demo   - start a throwaway PostgreSQL (./.pgwarden) and run the pgwarden story on it
#   make test   - the test suite against PostgreSQL 15 (Debian) and PostgreSQL 18 (embedded wheel)
# Both first run scripts/setup-system.sh: as root with apt-get it installs the missing Debian
# packages (PostgreSQL extensions, hunspell-pl, promtool, chromium, patroni/etcd, pgbouncer);
# otherwise it prints the one command that would, and the target goes on.
PYTHON ?= python3
VENV ?= .venv
PYTEST_ARGS ?=

.PHONY: demo test install lint system golden clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test,embedded,top,dev]'
	touch $@

install: $(VENV)/.installed

system:
	@scripts/setup-system.sh

demo: system $(VENV)/.installed
	$(VENV)/bin/pgwarden demo

# both passes at the same time (scripts/run-tests.sh; PGWARDEN_TEST_SERIAL=1 for one after the other)
test: system $(VENV)/.installed
	VENV=$(VENV) scripts/run-tests.sh $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check pgwarden tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/pgwarden lint pgwarden/versions

# regenerate tests/golden/ (help texts, JSON shapes) after an intended interface change
golden: $(VENV)/.installed
	PGWARDEN_UPDATE_GOLDEN=1 $(VENV)/bin/pytest -q --pg-bin system tests/test_golden.py \
	    tests/demo/test_workload.py -k "golden or literal_values"

clean:
	-$(VENV)/bin/pgwarden local destroy --yes
	rm -rf $(VENV)
