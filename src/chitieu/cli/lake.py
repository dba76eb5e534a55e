"""`chitieu lake`: the published layer (DuckLake) for analysts and the data team."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from chitieu.cli.options import Format, FormatOption, console, print_rows

app = typer.Typer(help="The published layer (DuckLake): how to connect, its snapshots.", no_args_is_help=True)


@app.command("sql")
def lake_sql() -> None:
    """The SQL that attaches the published layer read-only (DuckDB CLI: duckdb -init <file>; DBeaver; Python)."""
    from chitieu.lake import analyst_init_sql

    print(analyst_init_sql(), end="")


@app.command("query")
def lake_query(
    sql: Annotated[str, typer.Argument(help="a query on the published tables, e.g. select * from fct_scorecard")],
    fmt: FormatOption = Format.table,
) -> None:
    """Run a read-only query on the published layer (tables of schema `published` need no prefix)."""
    from chitieu import lake
    from chitieu.warehouse import records

    with lake.connect(read_only=True) as con:
        con.execute(f"use {lake.ALIAS}.{lake.SCHEMA}")
        rows = records(con.execute(sql))
    if print_rows(rows, fmt):
        return
    table = Table()
    for c in rows[0] if rows else []:
        table.add_column(c)
    for r in rows:
        table.add_row(*("" if v is None else str(v) for v in r.values()))
    console.print(table)


@app.command("init")
def lake_init() -> None:
    """Create the published layer's catalog (and its PostgreSQL database, for a team's catalog) if missing."""
    from chitieu import lake
    from chitieu.config import settings
    from chitieu.lake_access import POSTGRES_PREFIX, ensure_database

    s = settings()
    if s.lake_catalog.startswith(POSTGRES_PREFIX) and ensure_database(s.lake_catalog):
        console.print("created the catalog's database")
    with lake.connect(read_only=False):
        pass
    console.print(f"DuckLake ready: catalog {lake.redacted(s.lake_catalog)}, data {s.lake_data_path}")


@app.command("grant-reader")
def lake_grant_reader(
    role: Annotated[str, typer.Argument(help="the analysts' PostgreSQL login role, created if missing")],
    password: Annotated[
        str,
        typer.Option(envvar="CHITIEU_LAKE_READER_PASSWORD", prompt=True, hide_input=True, help="its password"),
    ],
) -> None:
    """Give analysts a read-only role on the PostgreSQL DuckLake catalog (CHITIEU_LAKE_CATALOG=postgres:...)."""
    from chitieu.config import settings
    from chitieu.lake_access import grant_reader

    grant = grant_reader(settings().lake_catalog, role, password)
    verb = "created" if grant.created else "updated"
    console.print(
        f"role {grant.role} {verb}: it reads database {grant.database} (schema {grant.schema}) and writes nothing.\n"
        f"Analysts: CHITIEU_LAKE_READER_CATALOG='postgres:dbname={grant.database} host=<host> user={grant.role}' "
        "PGPASSWORD=... chitieu lake sql"
    )
