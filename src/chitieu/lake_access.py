"""Who may write the published layer when its DuckLake catalog is in PostgreSQL (a team's set-up).

The pipeline connects as the catalog's owner and is the only writer. Analysts get a role that can log in and
read the catalog's tables, including the ones DuckLake creates later (default privileges), and nothing else:
a write through their access fails at commit, and their DuckDB attaches the lake read-only anyway. The
Parquet files are made read-only for them by the file system (a read-only mount in docker-compose.yml).
"""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.errors import SetupError

POSTGRES_PREFIX = "postgres:"


class NotAPostgresCatalog(SetupError):
    pass


@dataclass(frozen=True)
class ReaderGrant:
    role: str
    database: str
    schema: str
    created: bool  # False when the role existed (its password is then set anew)


def _dsn(catalog: str) -> str:
    if not catalog.startswith(POSTGRES_PREFIX):
        raise NotAPostgresCatalog(
            f"the DuckLake catalog is {catalog!r}: read-only roles are for a PostgreSQL catalog "
            "(set CHITIEU_LAKE_CATALOG=postgres:dbname=... host=... user=...); "
            "with the embedded SQLite catalog analysts attach read-only (chitieu lake sql)"
        )
    return catalog.removeprefix(POSTGRES_PREFIX)


def ensure_database(catalog: str) -> bool:
    """Create the catalog's PostgreSQL database if it is missing (connecting to `postgres` as its owner-to-be).
    True if it was created."""
    import psycopg2
    from psycopg2 import sql
    from psycopg2.extensions import make_dsn, parse_dsn

    dsn = _dsn(catalog)
    name = parse_dsn(dsn).get("dbname")
    if not name:
        raise NotAPostgresCatalog(f"the catalog {catalog!r} names no database (dbname=...)")
    con = psycopg2.connect(make_dsn(dsn, dbname="postgres"))
    con.autocommit = True
    try:
        cur = con.cursor()
        cur.execute("select exists(select 1 from pg_database where datname = %s)", [name])
        if cur.fetchone()[0]:
            return False
        cur.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
        return True
    finally:
        con.close()


def grant_reader(catalog: str, role: str, password: str, schema: str = "public") -> ReaderGrant:
    """Create (or update) a login role that can read the DuckLake catalog at `catalog` and never write it."""
    import psycopg2
    from psycopg2 import sql

    con = psycopg2.connect(_dsn(catalog))
    con.autocommit = True
    try:
        cur = con.cursor()
        cur.execute("select current_database(), exists(select 1 from pg_roles where rolname = %s)", [role])
        database, exists = cur.fetchone()
        ident = sql.Identifier(role)
        verb = "alter" if exists else "create"
        cur.execute(
            sql.SQL(verb + " role {} login nosuperuser nocreatedb nocreaterole noinherit password %s").format(ident),
            [password],
        )
        for stmt in (
            "revoke all on database {db} from {role}",
            "grant connect on database {db} to {role}",
            "revoke create on schema {schema} from {role}",
            "grant usage on schema {schema} to {role}",
            "grant select on all tables in schema {schema} to {role}",
            # tables the pipeline (this connection's user) creates later, e.g. a new DuckLake version's
            "alter default privileges in schema {schema} grant select on tables to {role}",
        ):
            cur.execute(sql.SQL(stmt).format(db=sql.Identifier(database), role=ident, schema=sql.Identifier(schema)))
        cur.execute(sql.SQL("alter role {} set default_transaction_read_only = on").format(ident))
    finally:
        con.close()
    return ReaderGrant(role=role, database=database, schema=schema, created=not exists)
