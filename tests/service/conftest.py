"""Real services for the tests that need them: PostgreSQL and Redis at 127.0.0.1, and Airflow's own
processes (api-server, scheduler, dag-processor, celery worker) started natively, as compose would.

Without PostgreSQL or Redis these tests skip with the reason; CHITIEU_REQUIRE_SERVICES=1 (set by .ci/run)
turns that skip into a failure."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AirflowService:
    """Airflow's processes on a PostgreSQL metadata database, with a private workspace for chitieu."""

    base: Path
    env: dict[str, str]
    port: int
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def start(self, *names: str) -> None:
        from chitieu.orchestrate.service import PROCESSES, airflow_bin

        logs = self.base / "logs"
        logs.mkdir(exist_ok=True)
        for name in names:
            args = PROCESSES[name]
            fh = (logs / f"{name}.log").open("w")
            self.procs[name] = subprocess.Popen(
                [airflow_bin(), *args], env=self.env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True
            )

    def stop(self) -> None:
        for proc in self.procs.values():  # each in its own process group: its workers end with it
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)

    def log(self, name: str) -> str:
        return (self.base / "logs" / f"{name}.log").read_text(errors="replace")[-4000:]

    @property
    def passwords_file(self) -> Path:
        return Path(self.env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"])

    # --- REST API (/api/v2) ---
    def request(self, method: str, path: str, body: dict | None = None, user: str = "admin") -> tuple[int, dict]:
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {self.token(user)}"}
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", method=method, headers=headers,
            data=None if body is None else json.dumps(body).encode(),
        )  # fmt: skip
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, json.loads(r.read() or b"{}")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")

    def token(self, user: str) -> str:
        if user not in self.tokens:
            passwords = json.loads(self.passwords_file.read_text())
            req = urllib.request.Request(
                f"http://127.0.0.1:{self.port}/auth/token", method="POST",
                headers={"Content-Type": "application/json"},
                data=json.dumps({"username": user, "password": passwords[user]}).encode(),
            )  # fmt: skip
            with urllib.request.urlopen(req, timeout=30) as r:
                self.tokens[user] = json.loads(r.read())["access_token"]
        return self.tokens[user]

    def wait_healthy(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, proc in self.procs.items():
                assert proc.poll() is None, f"{name} exited:\n{self.log(name)}"
            with contextlib.suppress(OSError, urllib.error.URLError):
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v2/monitor/health", timeout=5) as r:
                    if r.status == 200 and self.passwords_file.exists():
                        return
            time.sleep(2)
        raise AssertionError(f"api-server not healthy in {timeout:.0f} s:\n{self.log('api-server')}")

    def wait_for_dag(self, dag_id: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.request("GET", f"/api/v2/dags/{dag_id}")[0] == 200:
                return
            time.sleep(2)
        raise AssertionError(f"{dag_id} was never parsed:\n{self.log('dag-processor')}")

    def runs(self, dag_id: str) -> list[dict]:
        status, body = self.request("GET", f"/api/v2/dags/{dag_id}/dagRuns?limit=100&order_by=logical_date")
        assert status == 200, body
        return body["dag_runs"]

    def wait_runs(self, dag_id: str, n: int, timeout: float) -> list[dict]:
        """Until n runs have ended (success or failed); fail early if one failed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            runs = self.runs(dag_id)
            failed = [r for r in runs if r["state"] == "failed"]
            assert not failed, f"runs failed: {failed}\n{self.log('scheduler')}"
            if len([r for r in runs if r["state"] == "success"]) >= n:
                return runs
            for name, proc in self.procs.items():
                assert proc.poll() is None, f"{name} exited:\n{self.log(name)}"
            time.sleep(3)
        raise AssertionError(f"{n} runs not done in {timeout:.0f} s: {self.runs(dag_id)}\n{self.log('scheduler')}")

    def wait_run(self, dag_id: str, run_id: str, timeout: float = 300) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, run = self.request("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}")
            if run.get("state") in ("success", "failed"):
                return run
            time.sleep(3)
        raise AssertionError(f"run {run_id} not done in {timeout:.0f} s\n{self.log('scheduler')}")


def airflow_service(tmp: Path, db_dsn_sqlalchemy: str, executor: str, extra_env: dict[str, str]) -> AirflowService:
    """Prepare (airflow.cfg, migrate, pool) a service whose DAG backfills 2023-07 .. 2023-08 (a test may start
    later with CHITIEU_FIRST_PERIOD in `extra_env`)."""
    from chitieu.config import airflow_env, settings

    shutil.copytree(ROOT / "raw", tmp / "raw")
    env = os.environ | workspace_env(tmp) | {"AIRFLOW_HOME": str(tmp / "airflow_home")}
    env |= {"CHITIEU_FIRST_PERIOD": "2023-07", "CHITIEU_LAST_PERIOD": "2023-08"} | extra_env
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        s = settings()
        env |= airflow_env(s, executor)
    env |= {"AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": db_dsn_sqlalchemy, "AIRFLOW__CORE__EXECUTOR": executor}
    port = free_port()  # the api-server also serves the execution API the task runners talk to
    env |= {
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
    }
    proc = subprocess.run(
        [str(Path(os.sys.executable).with_name("chitieu")), "config", "airflow", "--init"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return AirflowService(tmp, env, port)
