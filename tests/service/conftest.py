"""Real services for the tests that need them: PostgreSQL and Redis at 127.0.0.1, and Airflow's own
processes (api-server, scheduler, dag-processor, celery worker) started natively, as compose would.

Without PostgreSQL or Redis these tests skip with the reason; CHITIEU_REQUIRE_SERVICES=1 (set by .ci/run)
turns that skip into a failure."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import uuid
from pathlib import Path

import pytest

from chitieu.orchestrate.service import AirflowService
from tests.conftest import ROOT, workspace_env

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
REDIS = ("127.0.0.1", 6379)


def _reachable(host: str, port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=2):
        return True
    return False


def require(name: str, host: str, port: int) -> None:
    if _reachable(host, port):
        return
    reason = f"{name} is not reachable at {host}:{port}"
    if os.environ.get("CHITIEU_REQUIRE_SERVICES") == "1":
        pytest.fail(reason + " (CHITIEU_REQUIRE_SERVICES=1: CI must run these tests)")
    pytest.skip(reason)


@pytest.fixture
def postgres_db():
    """A fresh PostgreSQL database, dropped afterwards: (name, admin DSN in libpq form)."""
    require("PostgreSQL", PG["host"], PG["port"])
    import psycopg2

    name = f"chitieu_test_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(dbname="postgres", **PG)
    admin.autocommit = True
    admin.cursor().execute(f'create database "{name}"')
    try:
        yield name, f"dbname={name} host={PG['host']} port={PG['port']} user={PG['user']}"
    finally:
        admin.cursor().execute(f'drop database if exists "{name}" with (force)')
        admin.close()


def airflow_service(tmp: Path, db_dsn_sqlalchemy: str, executor: str, extra_env: dict[str, str]) -> AirflowService:
    """Prepare (airflow.cfg, migrate, pool) a service whose DAG backfills 2023-07 .. 2023-08 (a test may start
    later with CHITIEU_FIRST_PERIOD in `extra_env`)."""
    shutil.copytree(ROOT / "raw", tmp / "raw")
    env = os.environ | workspace_env(tmp) | {"AIRFLOW_HOME": str(tmp / "airflow_home")}
    env |= {"CHITIEU_FIRST_PERIOD": "2023-07", "CHITIEU_LAST_PERIOD": "2023-08"} | extra_env
    env |= {"AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": db_dsn_sqlalchemy, "AIRFLOW__CORE__EXECUTOR": executor}
    return AirflowService.prepare(tmp, env)
