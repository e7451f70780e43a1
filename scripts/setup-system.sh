#!/usr/bin/env bash
# The Debian 12 packages pgwarden's full feature set, its demo and its tests use: one list,
# used by `make demo`, `make test` and `.ci/run`.
#
#   scripts/setup-system.sh          install what is missing when run as root with apt-get;
#                                    otherwise print the one command that would, and go on
#   scripts/setup-system.sh --list   print the package list and exit
#
# Never fails the caller for a missing package: pgwarden runs without the extras (the tests
# that need one skip, and say which package to install). PGWARDEN_SKIP_SYSTEM_SETUP=1 skips it all.
set -euo pipefail

PACKAGES=(
    make
    postgresql-15 postgresql-contrib                      # the server the tests and demo run on
    postgresql-15-hypopg postgresql-15-pg-qualstats       # the index advisor's what-if and predicates
    postgresql-15-rum                                     # ranked full-text search (revision 0006)
    hunspell-pl                                           # the Polish dictionary (then pg_updatedicts)
    prometheus                                            # promtool, for the alerting rules' tests
    chromium                                              # headless checks of the HTML reports
    patroni etcd-server etcd-client pgbouncer             # the topology tests: HA cluster, pooler
    locales                                               # de_DE.UTF-8: tests of a server that speaks German
)

if [[ "${1:-}" == "--list" ]]; then
    printf '%s\n' "${PACKAGES[@]}"
    exit 0
fi
if [[ "${PGWARDEN_SKIP_SYSTEM_SETUP:-}" == 1 ]]; then
    exit 0
fi
if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "setup: not a Debian system; install the equivalents of: ${PACKAGES[*]}" >&2
    exit 0
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
for p in "${PACKAGES[@]}"; do
    installed "$p" || missing+=("$p")
done

# hunspell-pl's files become PostgreSQL's tsearch_data/pl_pl.{dict,affix} (UTF-8) this way
dicts_missing() {
    installed hunspell-pl && command -v pg_updatedicts >/dev/null 2>&1 &&
        ! ls /usr/share/postgresql/*/tsearch_data/pl_pl.dict >/dev/null 2>&1
}

# the localised-server tests set lc_messages = de_DE.UTF-8, which needs the OS locale
german_missing() {
    installed locales && command -v localedef >/dev/null 2>&1 &&
        ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'
}
make_german() {
    localedef -i de_DE -f UTF-8 de_DE.UTF-8 ||
        echo "setup: could not generate the de_DE.UTF-8 locale; the localised-server tests will skip" >&2
}

if ((${#missing[@]} == 0)); then
    if dicts_missing && [[ $(id -u) == 0 ]]; then
        pg_updatedicts
    fi
    if german_missing && [[ $(id -u) == 0 ]]; then
        make_german
    fi
    exit 0
fi

command_line="apt-get install -y --no-install-recommends ${missing[*]} && pg_updatedicts"
if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: missing system packages: ${missing[*]}" >&2
    echo "setup: tests that need them will skip; to install them, run once:" >&2
    echo "    sudo sh -c 'apt-get update && $command_line'" >&2
    exit 0
fi

pg_before=$(dpkg-query -W -f='${Version}' postgresql-15 2>/dev/null || true)
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
command -v pg_updatedicts >/dev/null 2>&1 && pg_updatedicts
german_missing && make_german
pg_after=$(dpkg-query -W -f='${Version}' postgresql-15 2>/dev/null || true)
if [[ -n "$pg_before" && "$pg_before" != "$pg_after" ]]; then
    # an extension package can depend on a newer minor release of the server
    echo "setup: PostgreSQL 15 was upgraded ($pg_before -> $pg_after); a local cluster started" >&2
    echo "setup: before still runs the old binaries: pgwarden local stop && pgwarden local start" >&2
fi
