"""A team's published layer: the DuckLake catalog in PostgreSQL. The pipeline writes it; analysts read it
through a read-only role (`chitieu lake grant-reader`) and cannot write it, whatever way they attach."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import workspace_env
from tests.service.conftest import PG


def _chitieu(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    exe = str(Path(sys.executable).with_name("chitieu"))
    return subprocess.run([exe, *args], env=env, capture_output=True, text=True, check=False, timeout=600)


@pytest.fixture
def analyst_role(postgres_db):
    import psycopg2

    role = f"chitieu_analyst_{uuid.uuid4().hex[:8]}"
    yield role
    admin = psycopg2.connect(dbname=postgres_db[0], **PG)
    admin.autocommit = True
    admin.cursor().execute(f"drop owned by {role}; drop role {role}")  # a role is cluster-wide: not left behind
    admin.close()


def test_pipeline_writes_a_postgres_catalog_and_analysts_only_read_it(workspace, postgres_db, analyst_role):
    name, dsn = postgres_db
    env = os.environ | workspace_env(workspace) | {"CHITIEU_LAKE_CATALOG": f"postgres:{dsn}"}

    run = _chitieu("run", "--period", "2023-08", env=env)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    granted = _chitieu("lake", "grant-reader", analyst_role, env=env | {"CHITIEU_LAKE_READER_PASSWORD": "s3cret"})
    assert granted.returncode == 0, granted.stderr

    libpq = f"dbname={name} host={PG['host']} port={PG['port']} user={analyst_role}"
    reader = env | {"CHITIEU_LAKE_READER_CATALOG": f"postgres:{libpq}", "PGPASSWORD": "s3cret"}
    card = _chitieu("scorecard", "--as-of", "2023-08", "--format", "json", env=reader)
    assert card.returncode == 0, card.stderr[-3000:]
    assert json.loads(card.stdout)["counts"], card.stdout

    # the analyst's own DuckDB session: read-only attach refuses a write; so does PostgreSQL when the
    # analyst attaches read-write with the reader role
    import duckdb

    from chitieu import lake
    from chitieu.config import settings

    monkey_env = {k: v for k, v in reader.items() if k.startswith(("CHITIEU_", "PG"))}
    with pytest.MonkeyPatch.context() as mp:
        for k, v in monkey_env.items():
            mp.setenv(k, v)
        s = settings()
        with lake.connect(read_only=True) as con:
            assert con.execute("select count(*) from lake.published.fct_resolution_targets").fetchone()[0] > 0
            with pytest.raises(duckdb.Error, match="read-only"):
                con.execute("delete from lake.published.fct_resolution_targets")
        con = duckdb.connect(config=lake.duckdb_config())
        try:
            con.execute(
                f"attach 'ducklake:{s.lake_reader_catalog}' as lake (data_path '{s.lake_data_path}/')"
            )  # no read_only: only the grants stand in the way
            with pytest.raises(duckdb.Error, match="(?i)permission denied|read-only transaction"):
                con.execute("delete from lake.published.fct_resolution_targets")
        finally:
            con.close()
        with lake.connect(read_only=True) as con:  # nothing was lost
            assert con.execute("select count(*) from lake.published.fct_resolution_targets").fetchone()[0] > 0
