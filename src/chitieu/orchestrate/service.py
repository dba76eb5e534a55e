"""Airflow as a service: the processes that make it up and how its metadata database is prepared.

The same list serves the tests (which start these processes natively), docker-compose.yml (checked
against it) and `make` (which prepares the embedded SQLite metadata)."""

from __future__ import annotations

import os
import subprocess
import sys
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
