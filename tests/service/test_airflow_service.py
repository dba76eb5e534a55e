"""Airflow as a running service: the scheduler itself backfills two months with the LocalExecutor, and one
with the CeleryExecutor (Redis broker, one worker), on a PostgreSQL metadata
database; checked through the REST API and in the published layer. Also: a month re-run by period without a
logical date, the auditor's read-only account, a lock retried, bad data failing at once with an e-mail."""

from __future__ import annotations

import json
import threading
import time

import pytest

from chitieu.config import password_var
from chitieu.orchestrate.service import free_port
from tests.conftest import add_submission, workspace_env
from tests.service.conftest import PG, REDIS, airflow_service, require

DAG = "chitieu_monthly"
MONTHS = ["2023-07", "2023-08"]


def _published(base) -> dict[str, int]:
    """period -> version, as the service's published layer shows them (read as an analyst would)."""
    from chitieu import lake

    with pytest.MonkeyPatch.context() as mp:
        for k, v in workspace_env(base).items():
            mp.setenv(k, v)
        with lake.connect(read_only=True) as con:
            return dict(con.execute("select period, version from lake.published.snapshots order by 1").fetchall())


class Mailbox:
    """A local SMTP server (aiosmtpd) that keeps what it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages: list[str] = []
        box = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
                box.messages.append(envelope.content.decode("utf-8", errors="replace"))
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def _wait_for_mail(box: Mailbox, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not box.messages:
        time.sleep(1)
    assert box.messages, "no failure e-mail arrived"
    import email

    msg = email.message_from_string(box.messages[0])
    parts = [p.get_payload(decode=True).decode() for p in msg.walk() if not p.is_multipart()]
    return msg["Subject"] + "\n" + "\n".join(parts)


@pytest.fixture
def mailbox():
    with Mailbox() as box:
        yield box


def _smtp_env(box: Mailbox) -> dict[str, str]:
    conn = {"conn_type": "smtp", "host": "127.0.0.1", "port": box.port,
            "extra": {"disable_tls": True, "disable_ssl": True, "from_email": "chitieu@localhost"}}  # fmt: skip
    return {"AIRFLOW_CONN_SMTP_DEFAULT": json.dumps(conn), "CHITIEU_NOTIFY_EMAIL": "data-team@example.org"}


AUDITOR_PASSWORD = "an auditor's own password"  # set by the environment (compose: .env); admin's is generated


def test_local_executor_backfills_and_reruns_by_period(tmp_path, postgres_db, mailbox):
    name, _ = postgres_db
    svc = airflow_service(
        tmp_path, f"postgresql+psycopg2://{PG['user']}@{PG['host']}:{PG['port']}/{name}", "LocalExecutor",
        _smtp_env(mailbox) | {password_var("auditor"): AUDITOR_PASSWORD},
    )  # fmt: skip
    try:
        svc.start("api-server", "scheduler", "dag-processor")
        svc.wait_healthy()
        svc.wait_for_dag(DAG)
        status, body = svc.request("PATCH", f"/api/v2/dags/{DAG}", {"is_paused": False})
        assert status == 200, body

        runs = svc.wait_runs(DAG, len(MONTHS), timeout=600)  # the scheduler's own catchup
        assert [r["run_type"] for r in runs] == ["scheduled"] * len(MONTHS)
        assert {r["state"] for r in runs} == {"success"}
        assert _published(tmp_path) == dict.fromkeys(MONTHS, 1)
        status, tis = svc.request("GET", f"/api/v2/dags/{DAG}/dagRuns/{runs[-1]['dag_run_id']}/taskInstances")
        assert {t["task_id"]: t["state"] for t in tis["task_instances"]} == dict.fromkeys(
            ["load_raw", "dbt_build", "validate", "publish", "report"], "success"
        )
        status, events = svc.request("GET", "/api/v2/assets/events?limit=100")
        published = [e for e in events.get("asset_events", []) if e.get("source_task_id") == "publish"]
        assert status == 200 and len(published) == len(MONTHS), events
        assert {e["uri"].rstrip("/") for e in published} == {"chitieu://published"}

        # the auditor (password from the environment) reads runs and logs, but cannot trigger nor pause
        assert json.loads(svc.passwords_file.read_text())["auditor"] == AUDITOR_PASSWORD
        assert svc.request("GET", f"/api/v2/dags/{DAG}/dagRuns", user="auditor")[0] == 200
        last = f"/api/v2/dags/{DAG}/dagRuns/{runs[-1]['dag_run_id']}/taskInstances"
        status, log = svc.request("GET", f"{last}/publish/logs/1", user="auditor")
        assert status == 200 and log.get("content"), log
        assert svc.request("POST", f"/api/v2/dags/{DAG}/dagRuns", {"logical_date": None}, user="auditor")[0] == 403
        assert svc.request("PATCH", f"/api/v2/dags/{DAG}", {"is_paused": True}, user="auditor")[0] == 403

        # a re-run of one month without a logical date, while another process holds the pipeline's working
        # file: load_raw is retried (a lock is transient), then the run succeeds, with the same content
        import duckdb

        blocker = duckdb.connect(str(tmp_path / "warehouse" / "work" / "pipeline.duckdb"))
        release = threading.Timer(20, blocker.close)
        release.start()
        status, run = svc.request(
            "POST", f"/api/v2/dags/{DAG}/dagRuns", {"logical_date": None, "conf": {"period": "2023-08"}}
        )
        assert status == 200, run
        done = svc.wait_run(DAG, run["dag_run_id"])
        release.join()
        assert done["state"] == "success"
        status, ti = svc.request("GET", f"/api/v2/dags/{DAG}/dagRuns/{run['dag_run_id']}/taskInstances/load_raw")
        assert ti["try_number"] >= 2, ti  # the lock was retried, not fatal
        assert _published(tmp_path) == dict.fromkeys(MONTHS, 1)  # same content: the same version
        assert not mailbox.messages

        # bad data: a correction with 115% fails validation at once (no retry) and the data team is told
        add_submission(
            tmp_path / "raw", "so-tttt", "2023-08", "so-tttt_dinh-chinh_2023-08.xlsx",
            [dict(target_code="2", value="115%", unit="%", numerator="1.070", denominator="930",
                  reference_period="tháng 8/2023", as_of="25/8/2023")],
        )  # fmt: skip
        status, run = svc.request(
            "POST", f"/api/v2/dags/{DAG}/dagRuns", {"logical_date": None, "conf": {"period": "2023-08"}}
        )
        done = svc.wait_run(DAG, run["dag_run_id"])
        assert done["state"] == "failed"
        status, ti = svc.request("GET", f"/api/v2/dags/{DAG}/dagRuns/{run['dag_run_id']}/taskInstances/validate")
        assert (ti["state"], ti["try_number"]) == ("failed", 1)
        mail = _wait_for_mail(mailbox)
        assert "2023-08" in mail and "validate" in mail and "expect_column_values_to_be_between" in mail
        assert _published(tmp_path) == dict.fromkeys(MONTHS, 1)  # nothing published
    finally:
        svc.stop()


CELERY_MONTHS = MONTHS[-1:]  # the LocalExecutor test backfills both; here the executor is what is tested


def test_celery_executor_backfills_through_a_worker(tmp_path, postgres_db):
    require("Redis", *REDIS)
    name, _ = postgres_db
    db = f"{PG['user']}@{PG['host']}:{PG['port']}/{name}"
    svc = airflow_service(
        tmp_path, f"postgresql+psycopg2://{db}", "CeleryExecutor",
        {"AIRFLOW__CELERY__BROKER_URL": f"redis://{REDIS[0]}:{REDIS[1]}/7",
         "AIRFLOW__CELERY__RESULT_BACKEND": f"db+postgresql://{db}",
         "AIRFLOW__CELERY__WORKER_CONCURRENCY": "2", "CHITIEU_FIRST_PERIOD": CELERY_MONTHS[0]},
    )  # fmt: skip
    try:
        svc.start("api-server", "scheduler", "dag-processor", "celery-worker")
        svc.wait_healthy()
        svc.wait_for_dag(DAG)
        assert svc.request("PATCH", f"/api/v2/dags/{DAG}", {"is_paused": False})[0] == 200
        runs = svc.wait_runs(DAG, len(CELERY_MONTHS), timeout=600)
        assert {r["state"] for r in runs} == {"success"} and len(runs) == len(CELERY_MONTHS)
        assert _published(tmp_path) == dict.fromkeys(CELERY_MONTHS, 1)
        assert "celery" in svc.log("celery-worker").lower()
    finally:
        svc.stop()
