"""The DAG as Airflow sees it, and real runs by Airflow itself (`airflow dags test`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, add_submission, tree_hashes, workspace_env

AIRFLOW_HOME = Path(os.environ.get("AIRFLOW_HOME", ROOT / ".airflow"))


@pytest.fixture(scope="module", autouse=True)
def airflow_ready():
    """What `make` does before the tests (airflow.cfg, migrated metadata, pool), so plain `pytest` runs this
    tier too instead of skipping it."""
    if not (AIRFLOW_HOME / ".ready").exists():
        from chitieu.orchestrate.service import init_airflow

        init_airflow()
        (AIRFLOW_HOME / ".ready").touch()


@pytest.fixture(scope="module")
def dag():
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(ROOT / "dags"))
    assert bag.import_errors == {}
    return bag.get_dag("chitieu_monthly")


def test_dag_shape(dag):
    from chitieu.config import PUBLISHED_ASSET, TIMEZONE, WRITER_POOL

    assert [t.task_id for t in dag.topological_sort()] == ["load_raw", "dbt_build", "validate", "publish", "report"]
    assert all(t.pool == WRITER_POOL for t in dag.tasks)
    assert dag.catchup is True and dag.max_active_runs == 1
    assert str(dag.timetable._timezone.name) == TIMEZONE
    assert dag.params["period"] is None
    from airflow.sdk import Asset

    assert dag.get_task("publish").outlets == [Asset(PUBLISHED_ASSET)]


def test_data_interval_is_the_calendar_month_in_vietnam(dag):
    import pendulum

    interval = dag.timetable.infer_manual_data_interval(run_after=pendulum.datetime(2023, 9, 1, 12, tz="UTC"))
    assert (interval.start.isoformat(), interval.end.isoformat()) == (
        "2023-07-31T17:00:00+00:00",  # 1/8/2023 00:00 in Hà Nội
        "2023-08-31T17:00:00+00:00",
    )


def airflow_dags_test(base: Path, logical_date: str) -> subprocess.CompletedProcess:
    env = os.environ | workspace_env(base) | {"AIRFLOW_HOME": str(AIRFLOW_HOME)}
    airflow = Path(sys.executable).with_name("airflow")
    return subprocess.run(
        [str(airflow), "dags", "test", "chitieu_monthly", logical_date],
        capture_output=True, text=True, env=env, check=False, timeout=900,
    )  # fmt: skip


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    import shutil

    base = tmp_path_factory.mktemp("airflow_ws")
    shutil.copytree(ROOT / "raw", base / "raw")
    proc = airflow_dags_test(base, "2023-09-01")  # the run after August: interval [1 Aug, 1 Sep)
    return base, proc


def test_airflow_run_publishes_a_snapshot(first_run):
    base, proc = first_run
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    v1 = base / "warehouse" / "snapshots" / "2023-08" / "v1"
    manifest = json.loads((v1 / "manifest.json").read_text())
    # Lai Châu 9 targets + 3 parts; Điện Biên 8 targets + 8 parts (2025), 4 + 1 part (2030); Lào Cai 1 x 2 horizons
    assert manifest["tables"]["fct_resolution_targets"]["rows"] == 12 + 21 + 2
    assert manifest["great_expectations"]["success"] is True
    statuses = {r["status"] for r in manifest["dbt"]["results"]}
    assert statuses <= {"success", "pass"} and len(manifest["dbt"]["results"]) > 10
    assert {i["file_path"] for i in manifest["inputs"]} == {
        "so-noi-vu/2023-08/so-noi-vu_bao-cao-chi-tieu_2023-08.xlsx",
        "so-tttt/2023-08/so-tttt_bao-cao-chi-tieu_2023-08.xlsx",
        "van-phong-tinh-uy/2023-08/van-phong-tinh-uy_so-lieu-bo-tro_2023-08.xlsx",
    }
    from chitieu.publish.snapshot import verify

    assert verify(v1) == []


def test_bad_figure_fails_validation_and_publishes_nothing(first_run, monkeypatch):
    base, proc = first_run
    assert proc.returncode == 0
    raw = base / "raw"
    add_submission(
        raw, "so-tttt", "2023-08", "so-tttt_dinh-chinh_2023-08.xlsx",
        [dict(target_code="2", value="115%", unit="%", numerator="1.070", denominator="930",
              reference_period="tháng 8/2023", as_of="25/8/2023"),
         dict(target_code="4", value="11,29%", unit="%", numerator="434", denominator="49",
              reference_period="đến nay", as_of="31/8/2023")],  # later than the bundled 30/8: the latest
    )  # fmt: skip
    raw_before = tree_hashes(raw)
    snaps = base / "warehouse" / "snapshots" / "2023-08"
    v1_before = tree_hashes(snaps)

    proc = airflow_dags_test(base, "2023-09-01")

    log = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "validation of period 2023-08 failed; nothing was published" in log
    assert "expect_column_values_to_be_between (Percentages lie within 0-100.)" in log
    assert "expect_column_pair_values_a_to_be_greater_than_b (A numerator never exceeds its denominator.)" in log
    assert "laichau-08-nq-tu:2" in log and "laichau-08-nq-tu:4" in log  # the offending rows
    assert sorted(p.name for p in snaps.iterdir()) == ["v1"]
    assert tree_hashes(snaps) == v1_before
    assert tree_hashes(raw) == raw_before
    from chitieu import lake

    for k, v in workspace_env(base).items():
        monkeypatch.setenv(k, v)
    with lake.connect(read_only=True) as con:
        published = con.execute(
            "select actual_value, snapshot_version from lake.published.fct_resolution_targets "
            "where assessment_month = '2023-08' and target_key = 'laichau-08-nq-tu:2@2025'"
        ).fetchone()
    assert published == (None, 1)  # what v1 said: target 2 not yet reported in August's own files
    # GX's Data Docs of the failed run, in the candidate folder (nothing was published), named in the log
    docs = base / "warehouse" / "candidates" / "2023-08" / "data_docs" / "index.html"
    assert docs.exists() and "data_docs/index.html" in log
    validations = list((base / "gx" / "gx" / "uncommitted" / "validations").rglob("*.json"))
    assert any('"success": false' in p.read_text() for p in validations)
