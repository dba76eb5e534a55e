"""The published layer: a DuckLake (catalog in SQLite by default, PostgreSQL for a team; data as Parquet).

Many readers and one writer at a time never block each other: a reader sees the last committed DuckLake
snapshot, a month is published in one transaction, so no reader ever sees half a month. Time travel
(`known_on`) attaches the lake as it was at a moment. The DuckDB extensions come from the duckdb-ext-* wheels
installed beside duckdb (no network): their folder is DuckDB's extension directory, so they autoload.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import duckdb

from chitieu.config import Settings, settings
from chitieu.errors import NotFound, SetupError

ALIAS = "lake"
SCHEMA = "published"


def extension_directory() -> Path:
    """site-packages/duckdb_ext/extensions, laid out as DuckDB expects (v<version>/<platform>/<name>)."""
    spec = importlib.util.find_spec("duckdb_ext")
    if spec is None or not spec.submodule_search_locations:
        raise SetupError("the duckdb-ext-ducklake wheel is not installed (see requirements.lock)")
    return Path(next(iter(spec.submodule_search_locations))) / "extensions"


def _prepare_sqlite_catalog(catalog: str) -> None:
    """An embedded catalog in WAL mode: SQLite readers then never wait for the writer's commit."""
    path = Path(catalog.removeprefix("sqlite:"))
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    try:
        con.execute("pragma journal_mode=wal")
    finally:
        con.close()


def redacted(catalog: str) -> str:
    """A catalog string fit to print: a libpq password is hidden."""
    import re

    return re.sub(r"(password\s*=\s*)\S+", r"\1***", catalog)


def catalog_of(s: Settings, read_only: bool) -> str:
    """The catalog a connection uses: readers through their own (read-only) access when one is set."""
    return (s.lake_reader_catalog if read_only else None) or s.lake_catalog


def attach_sql(s: Settings, read_only: bool, at: dt.datetime | None = None) -> str:
    catalog = catalog_of(s, read_only)
    options = [f"data_path '{s.lake_data_path}/'"]
    if read_only:
        # a reader may see the Parquet files at another path than the writer (a mount, another host): the
        # catalog stores paths relative to the data path, so the reader's own data path is the one to use
        options += ["read_only", "override_data_path true"]
    if at is not None:
        options.append(f"snapshot_time '{at.astimezone(dt.UTC).isoformat()}'")
    return f"attach 'ducklake:{catalog}' as {ALIAS} ({', '.join(options)})"


def duckdb_config() -> dict[str, str]:
    return {"extension_directory": str(extension_directory())}


@contextlib.contextmanager
def connect(read_only: bool = True, at: dt.datetime | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB with the lake attached as `lake` (schema `published`).

    read_only: the analysts' way in (writes are refused by DuckDB, and by PostgreSQL's grants for a team's
    catalog). at: the lake as it was at that moment (DuckLake time travel)."""
    s = settings()
    catalog = catalog_of(s, read_only)
    if read_only:
        if catalog.startswith("sqlite:") and not Path(catalog.removeprefix("sqlite:")).exists():
            raise NothingPublished("nothing has been published yet")
    else:  # the writer prepares the store; a reader (perhaps on a read-only mount) writes nothing to it
        if catalog.startswith("sqlite:"):
            _prepare_sqlite_catalog(catalog)
        s.lake_data_path.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(config=duckdb_config())
    try:
        try:
            con.execute(attach_sql(s, read_only, at))
        except duckdb.Error as exc:
            if at is not None and "snapshot" in str(exc).lower():
                raise NothingPublished(f"nothing had been published by {at.isoformat()}") from exc
            raise
        if not read_only:
            con.execute(f"create schema if not exists {ALIAS}.{SCHEMA}")
        yield con
    finally:
        con.close()


class NothingPublished(NotFound):
    pass


def has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where database_name = ? and schema_name = ? and table_name = ?",
            [ALIAS, SCHEMA, table],
        ).fetchone()[0]
    )


def analyst_init_sql(s: Settings | None = None) -> str:
    """What an analyst pastes into the DuckDB CLI, DBeaver or a notebook to read the published layer."""
    s = s or settings()
    return (
        f"set extension_directory = '{extension_directory()}';\n"
        f"{attach_sql(s, read_only=True)};\n"
        f"use {ALIAS}.{SCHEMA};\n"
    )
