"""Run `dbt build` for a period, and keep dbt's run results for the snapshot manifest.

dbt's profile is written from chitieu's settings (`write_profile`) into the warehouse's work folder, beside
the database it names; to run dbt by hand: `dbt build --project-dir dbt_project --profiles-dir
warehouse/work --vars '{period: "2023-08"}'`."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import yaml

from chitieu.config import Settings, settings
from chitieu.errors import PipelineFailed
from chitieu.period import Period

PROFILE = "chitieu"  # dbt_project.yml's `profile`


def write_profile(s: Settings) -> Path:
    """profiles.yml for the pipeline's private working database; returns its folder."""
    folder = s.work_db.parent
    folder.mkdir(parents=True, exist_ok=True)
    profile = {PROFILE: {"target": "duckdb", "outputs": {"duckdb": {"type": "duckdb", "path": str(s.work_db),
                                                                    "threads": os.cpu_count() or 1}}}}  # fmt: skip
    (folder / "profiles.yml").write_text(yaml.safe_dump(profile, sort_keys=False))
    return folder


def target_dir(s: Settings) -> Path:
    """dbt's target and log folder for this warehouse (never the project's own target/: two warehouses, or two
    runs of the tests in parallel, each keep their manifests and results apart)."""
    return s.work_db.parent / "dbt_target"


def runs_dir(period: Period) -> Path:
    return settings().warehouse_dir / "runs" / period / "dbt"


def reset_runs(period: Period) -> None:
    d = runs_dir(period)
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)


def _keep_results(target: Path, period: Period) -> None:
    data = json.loads((target / "run_results.json").read_text())
    slim = {
        "dbt_version": data.get("metadata", {}).get("dbt_version"),
        "results": [
            {"unique_id": r["unique_id"], "status": r["status"], "failures": r.get("failures"),
             "message": r.get("message")}
            for r in data.get("results", [])
        ],
    }  # fmt: skip
    d = runs_dir(period)
    d.mkdir(parents=True, exist_ok=True)
    (d / "dbt_build.json").write_text(json.dumps(slim, indent=2, sort_keys=True))


def build(period: Period) -> None:
    """`dbt build` of the whole project for one period, in this process."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.cli.main import dbtRunner

    s = settings()
    target = target_dir(s)
    args = ["build", "--project-dir", str(s.dbt_project_dir), "--profiles-dir", str(write_profile(s)),
            "--target-path", str(target), "--log-path", str(target), "--vars", json.dumps({"period": str(period)}),
            "--quiet"]  # fmt: skip
    result = dbtRunner().invoke(args)
    DuckDBConnectionManager.close_all_connections()  # the pipeline opens the file next
    if result.exception is None:
        _keep_results(target, period)
    if not result.success:
        failed = [f"{r.node.unique_id}: {r.message}" for r in getattr(result.result, "results", None) or []
                  if str(r.status) in {"error", "fail"}]  # fmt: skip
        raise PipelineFailed(f"dbt build failed for {period}: " + ("; ".join(failed) or str(result.exception)))
