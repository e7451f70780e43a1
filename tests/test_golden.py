"""The interface as a visible contract: ``pgwarden --help`` and every command's help, and the
shape of every ``--json`` output, are checked-in files under ``tests/golden/``.

A change to an option, a help text or a JSON key then shows up as a diff of those files. After
an intended change, regenerate them with one command and commit the diff:

    make golden   # PGWARDEN_UPDATE_GOLDEN=1 pytest tests/test_golden.py (and the demo query files)

A JSON *shape* is the document with every value replaced by its type (``"string"``,
``"number"``, ``"boolean"``, ``"null"``; a list by the merged shape of its items; types seen for
one key joined by ``|``). Objects keyed by data (table names, extension names...) are listed in
``MAPS`` and collapse to ``{"*": shape}``, so the shape does not depend on the server's contents.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import psycopg
import pytest

from tests.health.conftest import Sessions

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PGWARDEN_UPDATE_GOLDEN") == "1"
Cli = Callable[..., tuple[int, str, str]]


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``tests/golden/<name>``; rewrite it instead under
    PGWARDEN_UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path}: run `make golden` and commit it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (f"{name} changed; if that is intended, run `make golden` and commit "
                              "the diff of tests/golden/")


# --------------------------------------------------------------------------- help texts

def _commands() -> list[tuple[str, ...]]:
    """Every command path: (), ("doctor",), ("maintain",), ("maintain", "run"), ..."""
    from pgwarden.cli import root

    paths: list[tuple[str, ...]] = []

    def walk(cmd: click.Command, path: tuple[str, ...], ctx: click.Context) -> None:
        paths.append(path)
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                assert sub is not None, name
                walk(sub, (*path, name), click.Context(sub, info_name=name, parent=ctx))

    walk(root, (), click.Context(root, info_name="pgwarden"))
    return paths


def help_text(path: tuple[str, ...]) -> str:
    """The help ``pgwarden PATH --help`` prints, at a fixed width (98 columns: what a terminal
    of 100 columns or more shows)."""
    from pgwarden.cli import root

    def context(cmd: click.Command, name: str, parent: click.Context | None) -> click.Context:
        # as click makes it (the command's context_settings: -h too), at a fixed width
        settings = {**cmd.context_settings, "terminal_width": 98, "max_content_width": 100}
        return click.Context(cmd, info_name=name, parent=parent, **settings)

    ctx = context(root, "pgwarden", None)
    cmd: click.Command = root
    for name in path:
        assert isinstance(cmd, click.Group)
        sub = cmd.get_command(ctx, name)
        assert sub is not None
        ctx = context(sub, name, ctx)
        cmd = sub
    return cmd.get_help(ctx) + "\n"


COMMANDS = _commands()


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(("pgwarden", *p)))
def test_help_is_the_golden_text(path: tuple[str, ...]) -> None:
    check_golden(f"help/{'_'.join(('pgwarden', *path))}.txt", help_text(path))


def test_every_golden_help_file_is_a_command() -> None:
    """A command removed or renamed leaves no stale golden file behind."""
    expected = {f"{'_'.join(('pgwarden', *p))}.txt" for p in COMMANDS}
    present = {p.name for p in (GOLDEN / "help").glob("*.txt")}
    if UPDATE:
        for stale in present - expected:
            (GOLDEN / "help" / stale).unlink()
        return
    assert present == expected


def test_help_matches_what_the_cli_prints(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The golden text is what a person sees (same width), not a private rendering."""
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = cli("maintain", "run", "--help")
    assert code == 0
    assert out == help_text(("maintain", "run"))


# --------------------------------------------------------------------------- JSON shapes

# objects keyed by data, per golden name: dotted paths ("*" for any key, "[]" for list items)
MAPS: dict[str, set[str]] = {
    "doctor": {"facts.installed_extensions", "facts.available_extensions", "facts.settings"},
    "config": set(),
    "seed": {"rows", "step_seconds", "views_refreshed"},
    "plans-check": {"queries"},
}


def _merge(a: Any, b: Any) -> Any:
    if isinstance(a, dict) and isinstance(b, dict):
        return {k: _merge(a[k], b[k]) if k in a and k in b else a.get(k, b.get(k))
                for k in [*a, *(k for k in b if k not in a)]}
    if isinstance(a, list) and isinstance(b, list):
        if not a or not b:
            return a or b
        return [_merge(a[0], b[0])]
    if isinstance(a, str) and isinstance(b, str):
        return "|".join(sorted(set(a.split("|")) | set(b.split("|"))))
    return f"{_kind(a)}|{_kind(b)}" if a != b else a


def _kind(shape: Any) -> str:
    return "object" if isinstance(shape, dict) else "array" if isinstance(shape, list) else str(shape)


def shape(value: Any, maps: set[str] = frozenset(), path: str = "") -> Any:  # type: ignore[assignment]
    """The type skeleton of a JSON value (see the module's docstring)."""
    if isinstance(value, dict):
        if path in maps:
            merged: Any = None
            for v in value.values():
                s = shape(v, maps, f"{path}.*")
                merged = s if merged is None else _merge(merged, s)
            return {"*": merged} if value else {}
        return {k: shape(v, maps, f"{path}.{k}" if path else k) for k, v in value.items()}
    if isinstance(value, list):
        merged = None
        for v in value:
            s = shape(v, maps, f"{path}[]")
            merged = s if merged is None else _merge(merged, s)
        return [merged] if value else []
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "null"


def differences(expected: Any, actual: Any, path: str = "$") -> list[str]:
    """Where two shapes disagree. Keys must match exactly; a ``null`` or an empty list on either
    side matches any type (a value that was absent in one run says nothing about its type)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = [f"{path}.{k}: missing" for k in expected if k not in actual]
        out += [f"{path}.{k}: new key" for k in actual if k not in expected]
        for k in expected:
            if k in actual:
                out += differences(expected[k], actual[k], f"{path}.{k}")
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        return differences(expected[0], actual[0], f"{path}[]") if expected and actual else []
    if expected == [] or actual == []:
        return []
    if isinstance(expected, str) and isinstance(actual, str):
        e, a = set(expected.split("|")) - {"null"}, set(actual.split("|")) - {"null"}
        return [] if not e or not a or e == a else [f"{path}: {expected} became {actual}"]
    if isinstance(expected, str) and expected == "null" or isinstance(actual, str) and actual == "null":
        return []
    return [f"{path}: {_kind(expected)} became {_kind(actual)}"]


def check_shape(name: str, doc: Any) -> None:
    """The shape of ``doc`` against ``tests/golden/json/<name>.json`` (rewritten under
    PGWARDEN_UPDATE_GOLDEN=1). Compared by ``differences``, so both servers (PostgreSQL 15 and
    18) check against the one file."""
    got = shape(doc, MAPS.get(name, set()))
    path = GOLDEN / "json" / f"{name}.json"
    if UPDATE:
        check_golden(f"json/{name}.json", json.dumps(got, indent=2, sort_keys=True) + "\n")
        return
    assert path.exists(), f"no golden file {path}: run `make golden` and commit it"
    diff = differences(json.loads(path.read_text(encoding="utf-8")), got)
    assert not diff, (f"the JSON of {name} changed: {diff}; if that is intended, run `make golden` "
                      "and commit the diff of tests/golden/")


def test_differences_see_renamed_keys_and_changed_types_not_nulls() -> None:
    golden = {"a": "string", "b": [{"c": "number"}], "d": "null", "e": []}
    assert differences(golden, {"a": "string", "b": [], "d": "boolean", "e": [{"x": "string"}]}) == []
    assert differences(golden, {"a": "number", "b": [{"c": "number"}], "d": "null", "e": []}) == \
        ["$.a: string became number"]
    assert differences(golden, {"A": "string", "b": [{"c": "number"}], "d": "null", "e": []}) == \
        ["$.a: missing", "$.A: new key"]


def test_shape_merges_items_and_collapses_maps() -> None:
    doc = {"rows": {"a": 1, "b": 2}, "items": [{"x": 1}, {"x": None, "y": "s"}], "e": []}
    assert shape(doc, {"rows"}) == {"rows": {"*": "number"},
                                    "items": [{"x": "null|number", "y": "string"}], "e": []}


@pytest.fixture
def json_cli(cli: Cli) -> Callable[..., tuple[int, Any]]:
    def run(*args: str) -> tuple[int, Any]:
        code, out, err = cli(*args)
        lines = [ln for ln in out.splitlines() if ln.strip()]
        try:
            doc = json.loads(out)
        except ValueError:
            doc = [json.loads(ln) for ln in lines]  # JSON lines
        return code, doc
    return run


def test_json_doctor(db_dsn: str, json_cli: Callable[..., tuple[int, Any]]) -> None:
    code, doc = json_cli("--dsn", db_dsn, "doctor", "--json")
    assert code in (0, 1)
    check_shape("doctor", doc)


def test_json_health(db_dsn: str, json_cli: Callable[..., tuple[int, Any]]) -> None:
    code, doc = json_cli("--dsn", db_dsn, "health", "--json")
    check_shape("health", doc)


@pytest.fixture
def blocked(db_dsn: str, conn: psycopg.Connection[Any]) -> Iterator[Sessions]:
    conn.execute("CREATE TABLE lockme (id int)")
    s = Sessions(db_dsn, conn)
    holder = s.open("holder")
    holder.execute("LOCK TABLE lockme IN ACCESS EXCLUSIVE MODE")
    s.wait_in_background(s.open("waiter"), "SELECT * FROM lockme")
    try:
        yield s
    finally:
        s.close()


def test_json_locks(db_dsn: str, blocked: Sessions, json_cli: Callable[..., tuple[int, Any]]) -> None:
    code, doc = json_cli("--dsn", db_dsn, "locks", "--json")
    assert code == 1 and doc["roots"]
    check_shape("locks", doc)


def test_json_indexes(db_dsn: str, conn: psycopg.Connection[Any],
                      json_cli: Callable[..., tuple[int, Any]]) -> None:
    conn.execute("CREATE TABLE t (a int, b int); CREATE INDEX t_a ON t (a); CREATE INDEX t_a2 ON t (a)")
    code, doc = json_cli("--dsn", db_dsn, "indexes", "--json")
    assert code == 1 and doc["findings"]
    check_shape("indexes", doc)


def test_json_lint(repo_root: Path, json_cli: Callable[..., tuple[int, Any]]) -> None:
    code, doc = json_cli("lint", str(repo_root / "tests" / "analyzers" / "lint_cases" / "indexes.sql"),
                         "--json")
    assert code == 1 and doc["findings"]
    check_shape("lint", doc)


def test_json_config(json_cli: Callable[..., tuple[int, Any]], repo_root: Path) -> None:
    code, doc = json_cli("--config", str(repo_root / "examples" / "pgwarden.toml"), "config", "--json")
    assert code == 0
    check_shape("config", doc)


def test_json_migrate_status_and_plan(cms_db_dsn: str, json_cli: Callable[..., tuple[int, Any]]) -> None:
    code, doc = json_cli("--dsn", cms_db_dsn, "migrate", "status", "--json")
    assert code == 0
    check_shape("migrate-status", doc)
    code, doc = json_cli("--dsn", cms_db_dsn, "migrate", "down", "0003", "--dry-run", "--json")
    assert code == 0 and doc["undo"]
    check_shape("migrate-down-dry-run", doc)


def test_json_migrate_down_and_up(cms_db_dsn: str, json_cli: Callable[..., tuple[int, Any]]) -> None:
    code, doc = json_cli("--dsn", cms_db_dsn, "migrate", "down", "0005", "--yes", "--json")
    assert code == 0
    check_shape("migrate-down", doc)
    code, doc = json_cli("--dsn", cms_db_dsn, "migrate", "up", "--dry-run", "--json")
    assert code == 0 and doc["pending"]
    check_shape("migrate-up-dry-run", doc)
    code, doc = json_cli("--dsn", cms_db_dsn, "migrate", "up", "--json")
    assert code == 0 and doc["report"]["steps"]
    check_shape("migrate-up", doc)


def test_json_advise(cms_seeded_dsn: str, json_cli: Callable[..., tuple[int, Any]]) -> None:
    with psycopg.connect(cms_seeded_dsn, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_statements_reset()")
        for _ in range(3):
            conn.execute("SELECT * FROM audit_logs WHERE table_name = 'users' AND record_id = %s",
                         ("00000000-0000-0000-0000-000000000001",)).fetchall()
    code, doc = json_cli("--dsn", cms_seeded_dsn, "advise", "--min-calls", "2", "--json")
    assert code in (0, 1)
    check_shape("advise", doc)


def test_json_advise_validate(db_dsn: str, tmp_path: Path,
                              json_cli: Callable[..., tuple[int, Any]]) -> None:
    """``advise --validate --json``: each validated candidate carries ``validation``."""
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE sales (id int PRIMARY KEY, customer_id int NOT NULL, "
                     "amount int NOT NULL)")
        conn.execute("INSERT INTO sales SELECT g, g % 1000, g % 97 FROM generate_series(1, 50000) g")
        conn.execute("ANALYZE sales")
    workload = tmp_path / "q.sql"
    workload.write_text("SELECT sum(amount) FROM sales WHERE customer_id = 7;\n")
    code, doc = json_cli("--dsn", db_dsn, "advise", "--queries", str(workload), "--validate",
                         "--json")
    assert code == 0 and doc["suggested"] and "validation" in doc["suggested"][0]
    check_shape("advise-validate", doc)


def test_json_maintain_run_dry_run(cms_dsn: str, repo_root: Path,
                                   json_cli: Callable[..., tuple[int, Any]]) -> None:
    code, lines = json_cli("--dsn", cms_dsn, "--config", str(repo_root / "examples" / "pgwarden.toml"),
                           "maintain", "run", "--dry-run", "--json")
    assert code == 0
    outcomes = [ln for ln in lines if not ln.get("summary")]
    per_task = [ln for ln in lines if ln.get("summary") and "run_id" in ln]
    overall = [ln for ln in lines if ln.get("summary") and "exit_code" in ln]
    assert outcomes and per_task and overall
    check_shape("maintain-run", {"outcome": outcomes, "task summary": per_task, "run summary": overall})


def test_json_plans_check(cms_seeded_dsn: str, repo_root: Path, tmp_path: Path,
                          json_cli: Callable[..., tuple[int, Any]]) -> None:
    queries = str(repo_root / "pgwarden" / "demo" / "queries")
    baseline = str(tmp_path / "plans.json")
    code, _ = json_cli("--dsn", cms_seeded_dsn, "plans", "check", queries, "--baseline", baseline,
                       "--update", "--json")
    assert code == 0
    code, doc = json_cli("--dsn", cms_seeded_dsn, "plans", "check", queries, "--baseline", baseline,
                         "--json")
    assert code == 0
    check_shape("plans-check", doc)


def test_json_demo_seed(cms_db_dsn: str, json_cli: Callable[..., tuple[int, Any]]) -> None:
    code, doc = json_cli("--dsn", cms_db_dsn, "demo", "seed", "--scale", "0.01", "--json")
    assert code == 0
    check_shape("seed", doc)


def test_json_error(json_cli: Callable[..., tuple[int, Any]]) -> None:
    code, doc = json_cli("--dsn", "postgresql://u:secret@127.0.0.1:1/x", "doctor", "--json")
    assert code == 4
    check_shape("error", doc)


def test_every_golden_shape_has_its_test() -> None:
    names = {p.stem for p in (GOLDEN / "json").glob("*.json")}
    tested = {"doctor", "health", "locks", "indexes", "lint", "config", "migrate-status",
              "migrate-down-dry-run", "migrate-down", "migrate-up-dry-run", "migrate-up", "advise",
              "advise-validate", "maintain-run", "plans-check", "seed", "error"}
    assert names <= tested, f"golden shapes without a test: {sorted(names - tested)}"
