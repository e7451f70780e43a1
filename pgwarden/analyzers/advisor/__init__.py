"""``pgwarden advise``: the indexes that would pay over the whole workload.

The entry point is ``advise(dsn, ...) -> Advice`` (``pipeline.py``). It runs these phases in
order, one module each; each phase fills in the per-statement record ``model.Query``:

1. ``workload``   the statements and how often they ran, read from ONE connection
                  (pg_stat_statements + pg_qualstats' constants, or a ``--queries`` file).
                  ``workload.read`` is the seam for several nodes: read each, ``workload.merge``
                  them, pass ``advise(dsn, workload=merged)`` to plan on the primary.
2. ``inline``     SQL functions called in FROM replaced by their bodies, as the planner does.
3. ``parse``      the tables each statement names, then (with the catalog's column types)
                  what it asks of each table; ``repair`` makes normalised text plannable.
4. ``catalog``    the tables' facts: columns with pg_stats, indexes, write counters.
5. ``candidates`` the indexes the read statements could use (pure).
6. ``cost``       each read statement's cost now, and with each candidate (``whatif``:
                  hypopg and the planner; ``estimate``: the advisor's own model).
7. ``selection``  the indexes to keep, greedy on net benefit per byte, costed together (pure).
8. ``render``     the advice as a table, JSON or SQL; ``revision`` as an alembic revision.

``settings.AdviseSettings`` holds the thresholds every decision cites.
"""

from pgwarden.analyzers.advisor.model import Advice, Query, QueryInfo, Skipped
from pgwarden.analyzers.advisor.pipeline import advise
from pgwarden.analyzers.advisor.selection import Decision
from pgwarden.analyzers.advisor.settings import AdviseSettings
from pgwarden.analyzers.advisor.workload import Statement, Workload

__all__ = ["AdviseSettings", "Advice", "Decision", "Query", "QueryInfo", "Skipped", "Statement",
           "Workload", "advise"]
