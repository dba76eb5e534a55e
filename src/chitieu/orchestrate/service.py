"""Airflow as a service: the processes that make it up, how its metadata database is prepared, and a running
service driven through its REST API (AirflowService: what the service tests and `make bench` start).

The same list serves the tests (which start these processes natively), docker-compose.yml (checked
against it) and `make` (which prepares the embedded SQLite metadata)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from chitieu.config import WRITER_POOL, Settings, airflow_env, airflow_passwords, settings, write_airflow_cfg
from chitieu.errors import SetupError

# name -> the airflow command line (after the `airflow` executable)
PROCESSES: dict[str, list[str]] = {
    "api-server": ["api-server"],  # port: [api] port
    "scheduler": ["scheduler"],
    "dag-processor": ["dag-processor"],
    "triggerer": ["triggerer"],
    "celery-worker": ["celery", "worker", "--concurrency", "2"],
}
INIT_COMMANDS: list[list[str]] = [
    ["db", "migrate"],
    ["pools", "set", WRITER_POOL, "1", "one writer at a time on the pipeline's working DuckDB file"],
]


def airflow_bin() -> str:
    return str(Path(sys.executable).with_name("airflow"))


def init_airflow(s: Settings | None = None, env: dict[str, str] | None = None) -> None:
    """airflow.cfg from chitieu.config, the metadata database migrated, the writer pool created."""
    s = s or settings()
    write_airflow_cfg(s)
    write_passwords(s)
    # the environment overrides the defaults (as Airflow itself reads AIRFLOW__* over airflow.cfg)
    full_env = airflow_env(s) | dict(os.environ) | (env or {}) | {"AIRFLOW_HOME": str(s.airflow_home)}
    for cmd in INIT_COMMANDS:
        proc = subprocess.run([airflow_bin(), *cmd], env=full_env, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise SetupError(f"airflow {' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")


def write_passwords(s: Settings) -> None:
    """Airflow's passwords file with the passwords the environment sets; Airflow generates the others."""
    import json

    path = s.passwords_file
    path.parent.mkdir(parents=True, exist_ok=True)  # Airflow creates the file, not its folder
    given = airflow_passwords()
    if not given:
        return
    kept = json.loads(path.read_text()) if path.exists() else {}
    path.write_text(json.dumps(kept | given))
    path.chmod(0o600)


# Settings a deployment gives Airflow itself, beside chitieu.config.airflow_config: the tests' harness
# (tests/service/conftest.py) sets the same ones natively, except the two secrets, which `make` keeps in
# airflow.cfg (jwt_secret) or leaves unset (fernet_key: no connections with passwords are stored natively).
DEPLOYMENT_ENV = (
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN",
    "AIRFLOW__CORE__EXECUTION_API_SERVER_URL",
    "AIRFLOW__CELERY__BROKER_URL",
    "AIRFLOW__CELERY__RESULT_BACKEND",
    "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK",
    "AIRFLOW_CONN_SMTP_DEFAULT",
    "AIRFLOW__CORE__FERNET_KEY",
    "AIRFLOW__API_AUTH__JWT_SECRET",
)


@contextlib.contextmanager
def _environ(env: dict[str, str]):
    saved = os.environ.copy()
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AirflowService:
    """Airflow's processes with a private workspace for chitieu, on the metadata database `env` names (the
    service tests: PostgreSQL; `make bench`: the embedded SQLite)."""

    base: Path
    env: dict[str, str]
    port: int
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    @classmethod
    def prepare(cls, base: Path, env: dict[str, str]) -> AirflowService:
        """A service whose processes get `env` (a workspace's CHITIEU_* and AIRFLOW_HOME, the executor, the
        metadata database), on a free port; airflow.cfg written, the metadata migrated, the pool made."""
        with _environ(env):  # chitieu's Airflow settings for that workspace; what `env` sets wins
            env = airflow_env(settings(), env.get("AIRFLOW__CORE__EXECUTOR", "LocalExecutor")) | env
        port = free_port()  # the api-server also serves the execution API the task runners talk to
        env = env | {
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
        }
        chitieu = str(Path(sys.executable).with_name("chitieu"))
        proc = subprocess.run([chitieu, "config", "airflow", "--init"], env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            raise SetupError(f"chitieu config airflow --init failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
        return cls(base, env, port)

    def start(self, *names: str) -> None:
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
