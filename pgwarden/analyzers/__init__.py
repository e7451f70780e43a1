"""Analyzers developers run before merging: the migration linter and the plan checks."""
