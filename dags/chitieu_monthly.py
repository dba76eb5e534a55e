"""chitieu monthly pipeline: raw submissions -> dbt (DuckDB) -> Great Expectations -> published (DuckLake).

One run per calendar month in Vietnam's time (data interval [1st of the month, 1st of the next)); catchup
backfills missed months. Any month can be re-run without a logical date: trigger with {"period": "YYYY-MM"}.
Tasks that write the pipeline's working DuckDB file take the one slot of the writer pool. A lock or a busy
catalog is retried; bad data fails at once and an e-mail says which period, task and why. Publishing emits
the asset `chitieu://published`. One task per step of chitieu.pipeline.STEPS, in their order; this file
only wires.
"""

from __future__ import annotations

from airflow.sdk import Asset, Param, chain, dag, task
from airflow.timetables.interval import CronDataIntervalTimetable

from chitieu.config import DAG_ID, PUBLISHED_ASSET, TIMEZONE, WRITER_POOL, settings
from chitieu.orchestrate.tasks import failure_notifier, month_start, period_of, retry_policy, run_step
from chitieu.period import PATTERN as PERIOD_PATTERN
from chitieu.pipeline import STEPS, Step

S = settings()
_notify = failure_notifier()


def _task(step: Step):
    @task(task_id=step.name, doc_md=step.doc, outlets=[Asset(PUBLISHED_ASSET)] if step.publishes else [])
    def run(**context):
        return run_step(step, context)

    return run()


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
            pattern=PERIOD_PATTERN,
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
    chain(*(_task(step) for step in STEPS))


chitieu_monthly()
