"""chitieu monthly pipeline: raw submissions -> dbt (DuckDB) -> Great Expectations -> published (DuckLake).

One run per calendar month in Vietnam's time (data interval [1st of the month, 1st of the next)); catchup
backfills missed months. Any month can be re-run without a logical date: trigger with {"period": "YYYY-MM"}.
Tasks that write the pipeline's working DuckDB file take the one slot of the writer pool. A lock or a busy
catalog is retried; bad data fails at once and an e-mail says which period, task and why. Publishing emits
the asset `chitieu://published`. The logic lives in the chitieu package; this file only wires.
"""

from __future__ import annotations

from airflow.sdk import Asset, Param, dag, task
from airflow.timetables.interval import CronDataIntervalTimetable

from chitieu.config import DAG_ID, PUBLISHED_ASSET, TIMEZONE, WRITER_POOL, settings
from chitieu.orchestrate import failure_notifier, month_start, period_of, retry_policy, run_step

S = settings()
_notify = failure_notifier()


@dag(
    dag_id=DAG_ID,
    schedule=CronDataIntervalTimetable("@monthly", timezone=TIMEZONE),
    start_date=month_start(S.first_period),
    end_date=month_start(S.last_period) if S.last_period else None,
    catchup=True,
    max_active_runs=1,
    params={
        "period": Param(
            None,
            type=["null", "string"],
            pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
            description="Re-run this month (YYYY-MM) instead of the run's data interval",
        ),
    },  # fmt: skip
    user_defined_macros={"period_of": period_of},
    default_args={
        "pool": WRITER_POOL,
        "retries": 3,
        "retry_policy": retry_policy(),
        "on_failure_callback": [_notify] if _notify else [],
    },
    tags=["chitieu"],
    doc_md=__doc__,
)
def chitieu_monthly():
    @task
    def load_raw(**context) -> dict:
        """Receive the month's files under raw/<source>/<period>/, load them, quarantine the bad ones."""
        from chitieu.pipeline import load_step

        report = run_step(load_step, context)
        return {k: report[k] for k in ("period", "n_figures")} | {
            "quarantined": [f["file_path"] for f in report["files"] if f["status"] == "quarantined"]
        }

    @task
    def dbt_build(**context) -> None:
        """`dbt build` of the project for the month: models, their tests and unit tests."""
        from chitieu.pipeline import dbt_step

        run_step(dbt_step, context)

    @task
    def validate(**context) -> dict:
        """Great Expectations checkpoint on the month's candidate tables; a critical failure fails the run."""
        from chitieu.pipeline import validate_step

        return run_step(validate_step, context)

    @task(outlets=[Asset(PUBLISHED_ASSET)])
    def publish(**context) -> dict:
        """The validated candidate becomes an immutable snapshot and one DuckLake commit."""
        from chitieu.pipeline import publish_step

        return run_step(publish_step, context)

    load_raw() >> dbt_build() >> validate() >> publish()


chitieu_monthly()
