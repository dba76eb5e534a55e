"""Write one period's published version into the DuckLake, in one transaction (one DuckLake snapshot).

A month's cost does not depend on how many months are published: its rows are replaced, nothing else is
read or rewritten. The dimension tables show the newest catalogue. The DuckLake snapshot carries the period
and version in its commit message, and its id goes into the bundle's manifest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from chitieu import lake
from chitieu.publish.candidate import PUBLISHED_TABLES

SNAPSHOTS_DDL = (
    "create table if not exists lake.published.snapshots (period varchar, version integer, path varchar, "
    "content_sha256 varchar)"
)


@dataclass(frozen=True)
class LakeCommit:
    snapshot_id: int
    snapshot_time: str


def _columns(con: duckdb.DuckDBPyConnection, relation: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in con.execute(f"describe {relation}").fetchall()]


def _write_table(con: duckdb.DuckDBPyConnection, table: str, parquet: Path, period: str, version: int) -> None:
    period_column = PUBLISHED_TABLES[table].period_column
    version_column = f", {int(version)} as snapshot_version" if period_column else ""
    source = f"(select *{version_column} from read_parquet('{parquet}'))"
    target = f"{lake.ALIAS}.{lake.SCHEMA}.{table}"
    if not lake.has_table(con, table):
        con.execute(f"create table {target} as select * from {source} limit 0")
    else:  # a column added by a later version of chitieu: the table evolves, older rows read null
        have = {c for c, _ in _columns(con, target)}
        for col, typ in _columns(con, source):
            if col not in have:
                con.execute(f'alter table {target} add column "{col}" {typ}')
    if period_column:
        con.execute(f"delete from {target} where {period_column} = ?", [period])
    else:
        con.execute(f"delete from {target}")
    con.execute(f"insert into {target} by name select * from {source}")


def shows(con: duckdb.DuckDBPyConnection, period: str) -> tuple[int, str] | None:
    """(version, content sha256) the lake shows for the period, if any."""
    if not lake.has_table(con, "snapshots"):
        return None
    row = con.execute(
        "select version, content_sha256 from lake.published.snapshots where period = ?", [period]
    ).fetchone()
    return (row[0], row[1]) if row else None


def publish_version(period: str, version: int, files: Path, bundle: Path, content_sha256: str) -> LakeCommit:
    """Replace the period's rows by the Parquet files in `files` (the bundle being written, or the bundle
    itself when it is shown again); commit once. Raises on a conflicting concurrent writer
    (a transient error: the task is retried)."""
    with lake.connect(read_only=False) as con:
        con.execute("begin transaction")
        try:
            for table in PUBLISHED_TABLES:
                _write_table(con, table, files / f"{table}.parquet", period, version)
            con.execute(SNAPSHOTS_DDL)
            con.execute("delete from lake.published.snapshots where period = ?", [period])
            con.execute(
                "insert into lake.published.snapshots values (?, ?, ?, ?)",
                [period, version, str(bundle), content_sha256],
            )
            info = json.dumps({"period": period, "version": version, "content_sha256": content_sha256})
            con.execute(
                f"call {lake.ALIAS}.set_commit_message('chitieu', ?, extra_info => ?)",
                [f"publish {period} v{version}", info],
            )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        sid, stime = con.execute(
            f"select snapshot_id, snapshot_time from {lake.ALIAS}.snapshots() order by snapshot_id desc limit 1"
        ).fetchone()
    return LakeCommit(int(sid), stime.isoformat())
