"""Every lint rule, one module per family; importing this package registers them all.

To add a rule: write a ``@rule(...)`` check in the family's module (or a new module listed
here). The engine runs it on the statements whose node type it names.
"""

from pgwarden.analyzers.lint.rules import (  # noqa: F401 - imported to register the rules
    breaking,
    columns,
    constraints,
    indexes,
    maintenance,
    transactions,
)
