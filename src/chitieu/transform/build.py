"""Run `dbt build` for a period, and keep dbt's run results for the snapshot manifest."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from chitieu.config import OFFLINE_ENV, settings
from chitieu.errors import PipelineFailed


def dbt_env() -> dict[str, str]:
    """What the dbt profile needs (an absolute DuckDB path) and the offline switches."""
    return {"CHITIEU_DUCKDB_PATH": str(settings().work_db)} | OFFLINE_ENV


def runs_dir(period: str) -> Path:
    return settings().warehouse_dir / "runs" / period / "dbt"


def reset_runs(period: str) -> None:
    d = runs_dir(period)
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)


def _keep_results(project_dir: Path, period: str, name: str) -> None:
    src = Path(project_dir) / "target" / "run_results.json"
    if not src.exists():
        return
    data = json.loads(src.read_text())
    slim = {
        "dbt_version": data.get("metadata", {}).get("dbt_version"),
        "results": [
            {
                "unique_id": r["unique_id"],
                "status": r["status"],
                "failures": r.get("failures"),
                "message": r.get("message"),
            }
            for r in data.get("results", [])
        ],
    }
    d = runs_dir(period)
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{name}.json").write_text(json.dumps(slim, indent=2, sort_keys=True))


def build(period: str) -> None:
    """`dbt build` of the whole project for one period, in this process (used by `chitieu run`)."""
    from dbt.cli.main import dbtRunner

    s = settings()
    os.environ.update(dbt_env())
    project = s.dbt_project_dir
    result = dbtRunner().invoke(
        [
            "build",
            "--project-dir",
            str(project),
            "--profiles-dir",
            str(project),
            "--vars",
            json.dumps({"period": period}),
            "--quiet",
        ]  # fmt: skip
    )
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager

        DuckDBConnectionManager.close_all_connections()
    except ImportError:  # pragma: no cover
        pass
    _keep_results(project, period, "dbt_build")
    if not result.success:
        failed = []
        for r in getattr(result.result, "results", None) or []:
            if str(r.status) in {"error", "fail"}:
                failed.append(f"{r.node.unique_id}: {r.message}")
        raise PipelineFailed(f"dbt build failed for {period}: " + ("; ".join(failed) or str(result.exception)))
