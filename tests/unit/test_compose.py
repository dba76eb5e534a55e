"""docker-compose.yml cannot be started here (no container engine): it is checked against the Compose
specification and against what the service tests run natively; each kind of drift is caught."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = (ROOT / "docker-compose.yml").read_text()


def _check():
    spec = importlib.util.spec_from_file_location("check_compose", ROOT / "scripts" / "check_compose.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.check


def test_docker_compose_is_valid():
    assert _check()(ROOT / "docker-compose.yml") == []


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('      test: ["CMD", "pg_isready"', '      tset: ["CMD", "pg_isready"', "Compose specification"),
        ("command: celery worker --concurrency 2", "command: celery worker --concurrency 8",
         "not a process the tests start"),
        ('AIRFLOW__CORE__PARALLELISM: "4"', 'AIRFLOW__CORE__PARALLELISM: "8"', "chitieu.config says '4'"),
        ('    AIRFLOW__CORE__LOAD_EXAMPLES: "False"\n', "", "AIRFLOW__CORE__LOAD_EXAMPLES (chitieu.config) is not set"),
        ("    CHITIEU_NOTIFY_EMAIL:", "    CHITIEU_NOTIFY_EMAILS:", "CHITIEU_NOTIFY_EMAILS is neither"),
        ("POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}\n      POSTGRES_DB",
         "POSTGRES_PASSWORD: hunter2\n      POSTGRES_DB", "a literal value for POSTGRES_PASSWORD"),
        ("FROM apache/airflow:3.3.2-python3.11", "FROM apache/airflow:2.10.0-python3.11", "requirements.lock"),
        ("    healthcheck:\n      test: [\"CMD\", \"redis-cli\", \"ping\"]\n      interval: 10s\n      timeout: 30s\n"
         "      retries: 50\n      start_period: 30s\n", "", "redis has no healthcheck"),
    ],
)  # fmt: skip
def test_each_kind_of_drift_is_caught(tmp_path, old, new, problem):
    assert old in COMPOSE
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(COMPOSE.replace(old, new, 1))
    problems = _check()(broken)
    assert any(problem in p for p in problems), problems
