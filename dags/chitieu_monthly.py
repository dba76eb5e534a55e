"""chitieu monthly pipeline: raw submissions -> dbt (DuckDB) -> Great Expectations -> published snapshot.

One run per calendar month (the data interval [1st of the month, 1st of the next)); catchup backfills
missed months. Every task that writes the DuckDB file takes the one slot of the `duckdb_writer` pool.
The logic lives in the chitieu package; this file only wires tasks to it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pendulum
from airflow.sdk import dag, task
from airflow.timetables.interval import CronDataIntervalTimetable
from cosmos import DbtTaskGroup, ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
from cosmos.constants import InvocationMode, LoadMode, TestBehavior

ROOT = Path(os.environ.get("CHITIEU_ROOT", Path(__file__).resolve().parents[1]))
DBT_PROJECT = Path(os.environ.get("CHITIEU_DBT_PROJECT_DIR", ROOT / "dbt_project"))
WAREHOUSE = Path(os.environ.get("CHITIEU_WAREHOUSE_DIR", ROOT / "warehouse"))
# the dbt profile reads an absolute DuckDB path from the environment
os.environ.setdefault("CHITIEU_DUCKDB_PATH", str(WAREHOUSE / "chitieu.duckdb"))
POOL = "duckdb_writer"
PERIOD = "{{ data_interval_start.strftime('%Y-%m') }}"
MANIFEST = DBT_PROJECT / "target" / "manifest.json"


def _period(context) -> str:
    return context["data_interval_start"].strftime("%Y-%m")


@dag(
    dag_id="chitieu_monthly",
    schedule=CronDataIntervalTimetable("@monthly", timezone="UTC"),
    start_date=pendulum.datetime(2023, 6, 1, tz="UTC"),
    catchup=True,
    max_active_runs=1,
    default_args={"retries": 0},
    tags=["chitieu"],
    doc_md=__doc__,
)
def chitieu_monthly():
    @task(pool=POOL)
    def load_raw(**context) -> dict:
        """Find the period's files under raw/<source>/<period>/, load them, quarantine the bad ones."""
        from chitieu.pipeline import load_step

        report = load_step(_period(context))
        return {k: report[k] for k in ("period", "n_figures")} | {
            "quarantined": [f["file_path"] for f in report["files"] if f["status"] == "quarantined"]
        }

    dbt_build = DbtTaskGroup(
        group_id="dbt_build",
        project_config=ProjectConfig(
            dbt_project_path=DBT_PROJECT,
            manifest_path=MANIFEST if MANIFEST.exists() else None,
            dbt_vars={"period": PERIOD},
        ),
        profile_config=ProfileConfig(
            profile_name="chitieu", target_name="duckdb", profiles_yml_filepath=DBT_PROJECT / "profiles.yml"
        ),
        execution_config=ExecutionConfig(invocation_mode=InvocationMode.DBT_RUNNER),
        render_config=RenderConfig(
            load_method=LoadMode.DBT_MANIFEST if MANIFEST.exists() else LoadMode.DBT_LS,
            test_behavior=TestBehavior.BUILD,
            # a relationships test has two parents: run it once both are built, not with either
            should_detach_multiple_parents_tests=True,
        ),
        operator_args={
            "pool": POOL,
            "install_deps": False,
            "callback": "chitieu.transform.build.collect_dbt_results",
        },
    )

    @task(pool=POOL)
    def validate(**context) -> dict:
        """Great Expectations checkpoint on the period's candidate tables; fails the run on a critical failure."""
        from chitieu.pipeline import validate_step

        return validate_step(_period(context))

    @task(pool=POOL)
    def publish(**context) -> dict:
        """Publish the validated candidate as an immutable snapshot; refresh the `published` schema."""
        from chitieu.pipeline import publish_step

        return publish_step(_period(context))

    load_raw() >> dbt_build >> validate() >> publish()


chitieu_monthly()
