"""Click commands: thin shells over the API functions (see ``pgwarden.cli``)."""
