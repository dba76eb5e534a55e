"""`make bench` at a toy size: the generator feeds it, every figure the issue names is in the JSON it writes
(null where that part was left out), and the table is printed. The figures themselves are not judged here: a
benchmark measures, the tests check behaviour."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

KEYS = {
    "national_month": {"airflow_s", "cli_s", "startup_s", "peak_mb", "dossier_rows"},
    "laichau_month": {"cold_s", "warm_s"},
    "backfill": {"month_1_s", "month_12_s", "month_36_s"},
    "ingest": {"xlsx_vs_openpyxl", "xlsx_vs_fastexcel", "csv_vs_duckdb", "xlsx_peak_mb"},
}


def test_the_benchmark_runs_small_and_writes_every_figure(tmp_path):
    out = tmp_path / "pipeline.json"
    env = os.environ | {
        "BENCH_SCALE": "0.002", "BENCH_BACKFILL_SCALE": "0.002", "BENCH_BACKFILL_MONTHS": "2",
        "BENCH_SKIP": "airflow,laichau,ingest", "BENCH_DIR": str(tmp_path / "work"), "BENCH_OUT": str(out),
    }  # fmt: skip
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_pipeline.py")], env=env,
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    result = json.loads(out.read_text())
    for group, names in KEYS.items():
        assert names <= set(result[group] or {}), (group, result[group])
    nm, bf = result["national_month"], result["backfill"]
    assert nm["dossier_rows"] == 4_000 and nm["generated"]["provinces"] == 3
    assert nm["cli_s"] > 0 and nm["peak_mb"] > 0 and nm["airflow_s"] is None  # airflow left out
    assert set(nm["cli"]["steps_s"]) == {"load_raw", "dbt_build", "validate", "publish", "report"}
    assert nm["cli"]["seconds"] >= sum(nm["cli"]["steps_s"].values())
    assert result["laichau_month"]["warm_s"] is None  # left out
    assert len(bf["months_s"]) == 2 and bf["month_1_s"] > 0 and bf["month_12_s"] is None
    assert result["ingest"]["xlsx_peak_mb"] is None and result["machine"]["cpus"] >= 1
    assert "national_month.cli_s" in proc.stdout and "end to end" in proc.stdout
