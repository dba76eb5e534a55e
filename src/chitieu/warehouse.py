"""One way to open the pipeline's private working database (raw tables and dbt models).

Only the pipeline opens it; readers use the published layer (chitieu.lake)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import duckdb

from chitieu.config import settings


def _release_dbt_connections() -> None:
    """dbt run in-process keeps the DuckDB file open; release it before we open it ourselves."""
    import sys

    if "dbt.adapters.duckdb" in sys.modules:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager

        DuckDBConnectionManager.close_all_connections()


@contextlib.contextmanager
def connect(read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    _release_dbt_connections()
    path = settings().work_db
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def records(cursor: duckdb.DuckDBPyConnection) -> list[dict]:
    """The rows of an executed query as dicts keyed by column name (read to the end, as DuckDB 2 asks)."""
    cols = [d[0] for d in cursor.description]
    return [dict(zip(cols, row, strict=True)) for row in cursor.fetchall()]
