"""Analyzers: three subpackages — ``advisor`` (``pgwarden advise``: named phases in order,
see its docstring), ``lint`` (the migration linter) and ``plans`` (the plan checks) — and
``indexes`` (``pgwarden indexes``: index hygiene)."""
