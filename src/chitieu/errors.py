"""The root of chitieu's own errors, and which errors are worth a retry.

Bad data (a refused file, a failed expectation, a catalogue that does not parse) will fail again on a retry;
a lock held by another process, a busy catalog or a dropped database connection may not. The DAG retries
only the second kind (`is_transient`)."""

from __future__ import annotations

import sqlite3


class ChitieuError(Exception):
    """An error chitieu raises on purpose, with a message a person can act on."""


_TRANSIENT_WORDS = ("could not set lock", "conflicting lock", "database is locked", "busy", "transaction conflict",
                    "could not connect", "connection refused", "server closed the connection", "timeout")  # fmt: skip


def is_transient(exc: BaseException) -> bool:
    """A lock, a busy catalog or a lost connection: retrying later can succeed."""
    import duckdb

    try:
        import psycopg2
    except ImportError:  # pragma: no cover - psycopg2 is in requirements.lock
        psycopg2 = None
    chain = [exc, *(e for e in (exc.__cause__, exc.__context__) if e is not None)]
    for e in chain:
        if psycopg2 is not None and isinstance(e, psycopg2.OperationalError):
            return True
        if isinstance(e, duckdb.TransactionException | duckdb.IOException | sqlite3.OperationalError | duckdb.Error):
            if any(w in str(e).lower() for w in _TRANSIENT_WORDS):
                return True
    return False


class TransientError(ChitieuError):
    """A step failed for a reason that may pass (a lock, a busy catalog): the DAG retries it."""
