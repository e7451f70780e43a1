"""``pgwarden top``: pg_activity (dalibo) with pgwarden's connection settings.

The password never goes on pg_activity's command line (where ``ps`` would show it): the
non-secret parameters become a conninfo argument and the password travels in PGPASSWORD.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict, make_conninfo

from pgwarden.db import check_dsn
from pgwarden.errors import MissingExtension

PG_ACTIVITY_MODULE = "pgactivity"
INSTALL_HINT = "pip install 'pgwarden[top]'"


@dataclass(frozen=True)
class TopCommand:
    argv: tuple[str, ...]
    env: Mapping[str, str]


def build_command(dsn: str, extra: Sequence[str] = (), environ: Mapping[str, str] | None = None,
                  python: str = sys.executable) -> TopCommand:
    """Pure: the pg_activity command line and environment for ``dsn``."""
    check_dsn(dsn)
    params = {k: str(v) for k, v in (conninfo_to_dict(dsn) if dsn else {}).items()}
    env = dict(os.environ if environ is None else environ)
    password = params.pop("password", None)
    if password:
        env["PGPASSWORD"] = password
    params.setdefault("application_name", "pgwarden top")
    # the pg_activity script installed beside this Python (its --help names it properly),
    # else the module
    script = Path(python).parent / "pg_activity"
    argv = [str(script)] if script.is_file() else [python, "-m", PG_ACTIVITY_MODULE]
    argv.append(make_conninfo("", **params))
    argv.extend(extra)
    return TopCommand(tuple(argv), env)


def require_pg_activity() -> None:
    """Raise a one-line MissingExtension (exit 2) when pg_activity is not installed."""
    if importlib.util.find_spec(PG_ACTIVITY_MODULE) is None:
        raise MissingExtension("pg_activity is not installed", hint=INSTALL_HINT)


def run(dsn: str, extra: Sequence[str] = ()) -> int:
    """Start pg_activity in the foreground; return its exit code."""
    require_pg_activity()
    cmd = build_command(dsn, extra)
    # connect once ourselves first: an unreachable server, a refused password or a missing
    # database is then one line and exit 4, like every command, not pg_activity's message
    if not {"--help", "--version"} & set(extra):
        from pgwarden.db import session

        with session(dsn):
            pass
    try:
        return subprocess.call(list(cmd.argv), env=dict(cmd.env))
    except KeyboardInterrupt:
        return 130
