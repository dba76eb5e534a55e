"""Run the monthly DAG for several periods through Airflow in one process (`dag.test`, as `airflow dags
test` does), so that Airflow, dbt and Great Expectations are imported once rather than once per period."""

from __future__ import annotations

import sys
import time

import pendulum

from chitieu.orchestrate.tasks import month_start
from chitieu.period import Period


def logical_date_of(period: Period) -> pendulum.DateTime:
    """A run is dated when its interval ends: August's run ([1 Aug, 1 Sep)) is dated 1 September."""
    return month_start(period).add(months=1)


def main(periods: list[Period]) -> int:
    from airflow.dag_processing.dagbag import DagBag

    from chitieu.config import DAG_ID, settings

    bag = DagBag(dag_folder=str(settings().root / "dags"))
    if bag.import_errors:
        print(f"DAG import errors: {bag.import_errors}", file=sys.stderr)
        return 2
    dag = bag.get_dag(DAG_ID)
    for period in periods:
        t0 = time.monotonic()
        run = dag.test(logical_date=logical_date_of(period))
        state = str(run.state)
        print(f"RESULT {period} {state} {time.monotonic() - t0:.0f}s", flush=True)
        if state != "success":
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main([Period(p) for p in sys.argv[1:]]))
