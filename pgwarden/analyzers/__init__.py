"""Analyzers: the index advisor (``advise``) and index hygiene (``indexes``)."""
