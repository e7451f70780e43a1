"""Revision 0005's monitoring objects answer on this server's version (15 and 18 in CI)."""

from __future__ import annotations

import psycopg


def test_monitoring_views_answer(cms_db_dsn: str) -> None:
    with psycopg.connect(cms_db_dsn, autocommit=True) as conn:
        conn.execute("INSERT INTO users (email) SELECT 'u' || g || '@example.org'"
                     " FROM generate_series(1, 200) g")
        conn.execute("ANALYZE users")
        for _ in range(3):
            conn.execute("SELECT count(*) FROM users WHERE email LIKE 'u1%'")
        slow = conn.execute("SELECT calls, read_ms, cache_hit_pct, query FROM monitoring.slow_queries"
                            " WHERE query LIKE 'SELECT count(*) FROM users%'").fetchall()
        assert slow and slow[0][0] >= 3
        usage = conn.execute("SELECT index, is_valid, index_bytes FROM monitoring.index_usage"
                             " WHERE \"table\" = 'users' ORDER BY index").fetchall()
        assert ("users_email_key", True) in [(u[0], u[1]) for u in usage]
        bloat = conn.execute("SELECT table_bytes, expected_pages, bloat_pct FROM monitoring.table_bloat"
                             " WHERE \"table\" = 'users'").fetchone()
        assert bloat is not None and bloat[1] is not None and bloat[1] >= 1
        ib = conn.execute("SELECT expected_pages FROM monitoring.index_bloat"
                          " WHERE index = 'users_email_key'").fetchone()
        assert ib is not None and ib[0] is not None
        conns = conn.execute("SELECT sum(connections) FROM monitoring.connection_summary").fetchone()
        assert conns is not None and conns[0] >= 1
        # a session idle in a transaction is listed from 0 seconds, not from an hour; the
        # calling session never lists itself
        with psycopg.connect(cms_db_dsn, application_name="lrq-probe") as other:
            other.execute("SELECT 1")  # opens a transaction and leaves it idle
            probe = other.info.backend_pid
            rows = conn.execute("SELECT pid, application_name, state, duration, query"
                                " FROM monitoring.long_running_queries('0 seconds')").fetchall()
            listed = {r[0]: r for r in rows}
            assert probe in listed, rows
            assert listed[probe][1:3] == ("lrq-probe", "idle in transaction")
            assert listed[probe][4] == "SELECT 1"
            assert conn.info.backend_pid not in listed
            later = conn.execute("SELECT pid FROM monitoring.long_running_queries('1 hour')").fetchall()
            assert (probe,) not in later
        # the view text matches the server: PostgreSQL 17 renamed the I/O timing columns
        major = conn.info.server_version // 10000
        text = conn.execute("SELECT pg_get_viewdef('monitoring.slow_queries'::regclass)").fetchone()
        assert text is not None
        assert ("shared_blk_read_time" in text[0]) == (major >= 17)
