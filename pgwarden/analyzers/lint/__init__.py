"""``pgwarden lint``: a migration linter that knows which lock each statement takes.

Public API: ``lint_paths(paths, require_timeouts=, disable=)`` and ``lint_sql(text)`` return a
``LintReport`` (findings, unreadable inputs, exit code); ``all_rules()`` lists every rule.
"""

from pgwarden.analyzers.lint.engine import (
    Finding,
    InputError,
    LintReport,
    all_rules,
    lint_paths,
    lint_sql,
)

__all__ = ["Finding", "InputError", "LintReport", "all_rules", "lint_paths", "lint_sql"]
