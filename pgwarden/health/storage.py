"""Checks on the data itself: wraparound headroom, invalid indexes, sequence exhaustion."""

from __future__ import annotations

from pgwarden.fixes import quoted, statement
from pgwarden.health.model import CheckResult, Perf, Status
from pgwarden.health.registry import Context, check

WRAP_LIMIT = 2**31  # transaction IDs (and multixacts) wrap around at 2^31 of age


def _level(value: float, warn: float, crit: float) -> Status:
    if value >= crit:
        return Status.CRITICAL
    if value >= warn:
        return Status.WARNING
    return Status.OK


def _wrap(ctx: Context, column: str, name: str, what: str) -> CheckResult:
    s = ctx.settings
    rows = ctx.rows("wraparound")
    worst = max(rows, key=lambda r: r[column])
    used = worst[column] / WRAP_LIMIT
    status = _level(used, s.wraparound_warning, s.wraparound_critical)
    headroom = WRAP_LIMIT - worst[column]
    details = tuple({"database": r["datname"], "age": r[column],
                     "used": round(r[column] / WRAP_LIMIT, 4),
                     "headroom": WRAP_LIMIT - r[column]} for r in rows)
    return CheckResult(
        name, status,
        f"{what} age {worst[column]:,} in {worst['datname']!r} ({used:.1%} of 2^31; "
        f"{headroom:,} left before wraparound)",
        details,
        fix=None if status is Status.OK else
        f"in database {quoted(worst['datname'])}, VACUUM (FREEZE, VERBOSE) its oldest tables; look for "
        "long transactions, abandoned replication slots or prepared transactions holding it back",
        perfdata=(Perf(f"{name}_used", round(used * 100, 2), "%", s.wraparound_warning * 100,
                       s.wraparound_critical * 100, 0, 100),))


@check("xid_wraparound", "transaction-ID wraparound headroom of every database")
def xid_wraparound(ctx: Context) -> CheckResult:
    return _wrap(ctx, "xid_age", "xid_wraparound", "oldest transaction ID")


@check("multixact_wraparound", "multixact-ID wraparound headroom of every database")
def multixact_wraparound(ctx: Context) -> CheckResult:
    return _wrap(ctx, "mxid_age", "multixact_wraparound", "oldest multixact ID")


@check("invalid_indexes", "indexes left invalid (e.g. by a failed CREATE INDEX CONCURRENTLY)")
def invalid_indexes(ctx: Context) -> CheckResult:
    rows = ctx.rows("invalid_indexes")
    if not rows:
        return CheckResult("invalid_indexes", Status.OK, "no invalid index",
                           perfdata=(Perf("invalid_indexes", 0, "", None, None, 0),))
    names = ", ".join(f"{r['schema']}.{r['index']}" for r in rows)
    first = rows[0]
    return CheckResult(
        "invalid_indexes", Status.WARNING,
        f"{len(rows)} invalid index(es): {names} (not used by queries, still maintained on writes)",
        tuple(rows),
        fix=statement("DROP INDEX CONCURRENTLY {index};", index=(first["schema"], first["index"]))
        + f"  -- then recreate it: "
        f"{first['definition'].replace('CREATE INDEX', 'CREATE INDEX CONCURRENTLY', 1)}",
        perfdata=(Perf("invalid_indexes", len(rows), "", 1, None, 0),))


@check("sequences", "sequences (and the integer columns they feed) near exhaustion")
def sequences(ctx: Context) -> CheckResult:
    s = ctx.settings
    details = []
    unreadable = []
    worst_used = 0.0
    for r in ctx.rows("sequences"):
        if not r["readable"]:
            unreadable.append((r["schema"], r["sequence"]))
            continue
        if r["last_value"] is None:
            continue
        last, limit = float(r["last_value"]), float(r["max_value"])
        if r["increment_by"] > 0:
            lo = float(min(r["min_value"], r["start_value"]))
            used = (last - lo) / max(1.0, limit - lo)
        else:
            hi = float(max(r["seq_max_value"], r["start_value"]))
            used = (hi - last) / max(1.0, hi - limit)
        worst_used = max(worst_used, used)
        if used >= s.sequence_warning and not r["cycle"]:
            details.append({"sequence": f"{r['schema']}.{r['sequence']}",
                            "sequence_name": (r["schema"], r["sequence"]), "last_value": r["last_value"],
                            "limit": int(limit), "used": round(used, 4), "column": r["column_ref"],
                            "column_type": r["column_type"],
                            "column_name": (r["column_schema"], r["column_table"], r["column_name"])
                            if r["column_ref"] else None})
    details.sort(key=lambda d: -d["used"])
    hidden = (f"cannot read {len(unreadable)} sequence(s) "
              f"({', '.join(quoted(u) for u in unreadable[:5])}): "
              + statement("GRANT SELECT ON SEQUENCE {seqs} TO {role};", seqs=unreadable,
                          role=ctx.facts.user) if unreadable else None)
    if not details:
        return CheckResult("sequences", Status.OK,
                           f"no sequence beyond {s.sequence_warning:.0%} of its range",
                           perfdata=(Perf("sequence_used", round(worst_used * 100, 2), "%",
                                          s.sequence_warning * 100, s.sequence_critical * 100,
                                          0, 100),),
                           not_visible=hidden)
    top = details[0]
    status = _level(top["used"], s.sequence_warning, s.sequence_critical)
    where = (f" feeding {top['column']} ({top['column_type']})" if top["column"] else "")
    if top["column_type"] in ("integer", "smallint") and top["column_name"]:
        schema, table, column = top["column_name"]
        # the column and the sequence both: a serial's sequence is itself AS integer
        fix = (statement("ALTER TABLE {table} ALTER COLUMN {column} TYPE bigint; "
                         "ALTER SEQUENCE {seq} AS bigint MAXVALUE 9223372036854775807;",
                         table=(schema, table), column=column, seq=top["sequence_name"])
               + "  -- a table rewrite: plan it; pgwarden lint explains the lock")
    else:
        fix = statement("ALTER SEQUENCE {seq} AS bigint MAXVALUE 9223372036854775807;",
                        seq=top["sequence_name"])
    return CheckResult(
        "sequences", status,
        f"{len(details)} sequence(s) beyond {s.sequence_warning:.0%} of range; {top['sequence']}"
        f"{where} at {top['used']:.1%} ({top['last_value']:,} of {top['limit']:,})",
        tuple(details), fix=fix,
        perfdata=(Perf("sequence_used", round(worst_used * 100, 2), "%", s.sequence_warning * 100,
                       s.sequence_critical * 100, 0, 100),),
        not_visible=hidden)
