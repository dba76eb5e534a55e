"""What the DAG's tasks call: the period of a run, one pipeline step, and the retry and notification
policies. Kept out of dags/ so the DAG file only wires, and importable without a running Airflow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from chitieu.config import TIMEZONE, settings
from chitieu.errors import ChitieuError, TransientError, is_transient
from chitieu.period import Period
from chitieu.pipeline import Step


def month_start(period: Period):
    """The first instant of a period (a calendar month) in Vietnam's time, as Airflow's dates are."""
    import pendulum

    return pendulum.datetime(period.year, period.month, 1, tz=TIMEZONE)


def period_of(params: Mapping[str, Any] | None, data_interval_start: dt.datetime | None) -> Period:
    """The month a run is for: the `period` param if given (a re-run from the UI or `airflow dags trigger`),
    else the calendar month, in Vietnam's time, where the run's data interval starts."""
    chosen = (params or {}).get("period")
    if chosen:
        return Period(chosen)
    if data_interval_start is None:
        raise ChitieuError(
            'this run has no data interval: trigger it with a period, e.g. --conf \'{"period": "2023-08"}\''
        )
    import pendulum

    return Period.of(pendulum.instance(data_interval_start).in_timezone(TIMEZONE))


def run_step(step: Step, context: Mapping[str, Any]) -> Any:
    """Run one step for the run's period (timed: StepTime); a transient failure is re-raised as TransientError
    (retried), anything else fails the task for good (the retry policy's default)."""
    period = period_of(context.get("params"), context.get("data_interval_start"))
    try:
        return step.timed(period)
    except Exception as exc:
        if is_transient(exc):
            raise TransientError(f"{period}: {type(exc).__name__}: {exc}") from exc
        raise


def retry_policy():
    """Retry a lock or a busy catalog three times, 15 s apart; never retry bad data."""
    from airflow.sdk.definitions.retry_policy import ExceptionRetryPolicy, RetryAction, RetryRule

    return ExceptionRetryPolicy(
        rules=[
            RetryRule(
                exception="chitieu.errors.TransientError",
                action=RetryAction.RETRY,
                retry_delay=dt.timedelta(seconds=15),
                reason="a lock or a busy catalog: try again",
            )
        ],
        default=RetryAction.FAIL,
    )


FAILURE_SUBJECT = "[chitieu] {{ period_of(params, data_interval_start) }}: {{ ti.task_id }} failed"
FAILURE_BODY = (
    "<p>Kỳ báo cáo / period: <b>{{ period_of(params, data_interval_start) }}</b><br>"
    "DAG: {{ dag.dag_id }}, run {{ run_id }}<br>"
    "Tác vụ / task: <b>{{ ti.task_id }}</b> (try {{ ti.try_number }})</p>"
    "<p>Lý do / reason:</p><pre>{{ exception }}</pre>"
)


def failure_notifier():
    """An e-mail through Airflow's SMTP notifier (connection `smtp_default`) when a task fails for good;
    none when no address is set (CHITIEU_NOTIFY_EMAIL)."""
    to = settings().notify_email
    if not to:
        return None
    from airflow.providers.smtp.notifications.smtp import SmtpNotifier

    return SmtpNotifier(to=to, from_email="chitieu@localhost", subject=FAILURE_SUBJECT, html_content=FAILURE_BODY)
