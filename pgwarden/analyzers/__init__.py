"""Analyzers: the index advisor (``advise``), index hygiene (``indexes``), the migration linter
(``lint``) and the plan checks (``plans``)."""
