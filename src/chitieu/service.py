"""Airflow as a service: the processes that make it up and how its metadata database is prepared.

The same list serves the tests (which start these processes natively), docker-compose.yml (checked
against it) and `make` (which prepares the embedded SQLite metadata)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from chitieu.config import WRITER_POOL, Settings, airflow_env, settings, write_airflow_cfg

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
    # the environment overrides the defaults (as Airflow itself reads AIRFLOW__* over airflow.cfg)
    full_env = airflow_env(s) | dict(os.environ) | (env or {}) | {"AIRFLOW_HOME": str(s.airflow_home)}
    for cmd in INIT_COMMANDS:
        proc = subprocess.run([airflow_bin(), *cmd], env=full_env, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"airflow {' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
