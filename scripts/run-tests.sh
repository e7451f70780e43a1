#!/usr/bin/env bash
# `make test`: the suite on PostgreSQL 15 (Debian) and on PostgreSQL 18 (embedded wheel).
# The two passes run at the same time (each starts servers of its own, on free loopback ports,
# in private temporary directories), which on two cores takes about half as long as one after
# the other. The PostgreSQL 15 pass prints as it goes; the PostgreSQL 18 pass's output is kept in
# a private temporary directory and printed when both have ended. The exit status is non-zero
# when either pass failed. PGWARDEN_TEST_SERIAL=1 runs them one after the other instead.
# Arguments are passed to both pytest runs (make test PYTEST_ARGS='-k advise').
set -uo pipefail
venv=${VENV:-.venv}

if [[ "${PGWARDEN_TEST_SERIAL:-}" == 1 ]]; then
  "$venv/bin/pytest" -q --pg-bin system "$@" || exit
  exec "$venv/bin/pytest" -q --pg-bin embedded "$@"
fi

out=$(mktemp -d)  # mode 0700: nobody else reads the log
pg18=
cleanup() {
  # interrupted: the PostgreSQL 18 pass gets SIGINT, as a terminal's Ctrl-C would give it, so
  # that pytest tears its servers down; SIGTERM only if it is still there after 60 s
  if [[ -n "$pg18" ]] && kill -0 "$pg18" 2>/dev/null; then
    kill -INT "$pg18"
    for _ in $(seq 60); do kill -0 "$pg18" 2>/dev/null || break; sleep 1; done
    kill -0 "$pg18" 2>/dev/null && kill -TERM "$pg18"
    wait "$pg18"
  fi
  rm -rf "$out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# each pass picks its servers' ports from a range of its own (below the kernel's ephemeral
# ports, 32768+), so the two never tell two servers the same port (pgwarden.local.free_port)
PGWARDEN_PORT_RANGE=26000-31999 "$venv/bin/pytest" -q --pg-bin embedded "$@" >"$out/pg18.log" 2>&1 &
pg18=$!
PGWARDEN_PORT_RANGE=20000-25999 "$venv/bin/pytest" -q --pg-bin system "$@"
rc15=$?
wait "$pg18"
rc18=$?
pg18=
echo
echo "=== the PostgreSQL 18 (embedded) pass, run at the same time ==="
cat "$out/pg18.log"
echo "make test: PostgreSQL 15 pass exit $rc15, PostgreSQL 18 pass exit $rc18"
(( rc15 == 0 && rc18 == 0 ))
