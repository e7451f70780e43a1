"""Errors users see: one line each, with the exit code the CLI returns.

Raise these anywhere; ``pgwarden.cli`` prints them once, at the edge, and a traceback only
with ``-v``. Exit codes are documented in docs/exit-codes.md and are the same for every
command.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_UNAVAILABLE = 4
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; cron may simply try later


class PgwardenError(Exception):
    """Base class: a one-line message for the user and the process exit code."""

    exit_code: int = EXIT_USAGE

    def __init__(self, message: str, *, hint: str | None = None, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.one_line()

    def one_line(self) -> str:
        text = self.message if not self.hint else f"{self.message} ({self.hint})"
        return " ".join(text.split())


class UsageError(PgwardenError):
    """Bad arguments or input that the user can fix."""

    exit_code = EXIT_USAGE


class ConfigError(PgwardenError):
    """pgwarden.toml is malformed, has an unknown key or a value of the wrong type."""

    exit_code = EXIT_USAGE


class ConnectError(PgwardenError):
    """The server cannot be reached, refuses us, or the database does not exist."""

    exit_code = EXIT_UNAVAILABLE


class MissingExtension(PgwardenError):
    """A feature needs an extension (or a preload) that this server lacks; the hint says how."""

    exit_code = EXIT_USAGE


class PermissionDenied(PgwardenError):
    """The role lacks a privilege; the message names it."""

    exit_code = EXIT_USAGE


class LockHeld(PgwardenError):
    """Another pgwarden run holds the advisory lock for this task."""

    exit_code = EXIT_LOCKED


class PartialFailure(PgwardenError):
    """Some planned objects were skipped or failed; the rest succeeded."""

    exit_code = EXIT_PARTIAL


class LocalClusterError(PgwardenError):
    """The embedded local cluster could not be created, started or stopped."""

    exit_code = EXIT_UNAVAILABLE


EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM while the command was working


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived while the command was working (kill, systemd stopping the unit, a CI
    timeout). A KeyboardInterrupt, so that psycopg cancels the running statement on the server
    and the code that cleans up after Ctrl-C runs for it too."""
