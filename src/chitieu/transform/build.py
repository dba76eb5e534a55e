"""Run `dbt build` for a period, and keep dbt's run results for the snapshot manifest.

dbt's profile is written from chitieu's settings (`write_profile`) into the warehouse's work folder, beside
the database it names; to run dbt by hand: `dbt build --project-dir dbt_project --profiles-dir
warehouse/work --vars '{period: "2023-08"}'`."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path

import yaml

from chitieu.config import Settings, settings
from chitieu.errors import PipelineFailed
from chitieu.period import Period

PROFILE = "chitieu"  # dbt_project.yml's `profile`
PROJECT_DIRS = ("models", "macros", "seeds", "snapshots", "tests")  # what dbt reads besides dbt_project.yml


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


def project_sha256(s: Settings) -> str:
    """The dbt project's code: every file dbt reads (dbt_project.yml, models, macros, seeds, snapshots, tests),
    and the dbt that reads it."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"dbt-core {version('dbt-core')}, dbt-duckdb {version('dbt-duckdb')}\0".encode())
    root = s.dbt_project_dir
    files = [root / "dbt_project.yml"] + [
        p for d in PROJECT_DIRS if (root / d).is_dir() for p in sorted((root / d).rglob("*")) if p.is_file()
    ]
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _unit_tests_record(s: Settings, project: str) -> Path:
    """Where the passing unit tests of this version of the dbt project are kept (the private work folder)."""
    return s.work_db.parent / "unit_tests" / f"{project}.json"


def _slim(results: list[dict]) -> list[dict]:
    return [{"unique_id": r["unique_id"], "status": r["status"], "failures": r.get("failures"),
             "message": r.get("message")} for r in results]  # fmt: skip


def _keep_results(data: dict, period: Period, unit_tests: dict | None) -> None:
    """dbt's results (`data`: its run_results.json) for the snapshot; unit tests that did not run this time
    (`unit_tests`: the record of the run that passed them, with this very project) are listed with the project
    version they were run with."""
    results = _slim(data.get("results", []))
    if unit_tests:
        results += [r | {"tested_with_project": unit_tests["project_sha256"], "tested_at": unit_tests["tested_at"]}
                    for r in unit_tests["results"]]  # fmt: skip
    slim = {"dbt_version": data.get("metadata", {}).get("dbt_version"), "results": results}
    d = runs_dir(period)
    d.mkdir(parents=True, exist_ok=True)
    (d / "dbt_build.json").write_text(json.dumps(slim, indent=2, sort_keys=True))


def _record_unit_tests(data: dict, record: Path, project: str) -> None:
    units = [r for r in _slim(data.get("results", [])) if r["unique_id"].startswith("unit_test.")]
    record.parent.mkdir(parents=True, exist_ok=True)
    tested_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    record.write_text(json.dumps({"project_sha256": project, "tested_at": tested_at, "results": units}, indent=2))


def build(period: Period) -> None:
    """`dbt build` of the whole project for one period, in this process. The rules' unit tests run once per
    version of the dbt project (its files' sha256): the first build of a version runs them, and once they have
    passed the next builds leave them out (dbt's advice: unit tests belong to changes, not to production runs)
    and list the passing record in their results."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.cli.main import dbtRunner

    s = settings()
    target = target_dir(s)
    project = project_sha256(s)
    record = _unit_tests_record(s, project)
    tested = json.loads(record.read_text()) if record.exists() else None
    args = ["build", "--project-dir", str(s.dbt_project_dir), "--profiles-dir", str(write_profile(s)),
            "--target-path", str(target), "--log-path", str(target), "--vars", json.dumps({"period": str(period)}),
            "--quiet", *(["--exclude-resource-type", "unit_test"] if tested else [])]  # fmt: skip
    result = dbtRunner().invoke(args)
    DuckDBConnectionManager.close_all_connections()  # the pipeline opens the file next
    if result.exception is None:
        data = json.loads((target / "run_results.json").read_text())
        if tested is None and result.success:
            _record_unit_tests(data, record, project)
        _keep_results(data, period, tested)
    if not result.success:
        failed = [f"{r.node.unique_id}: {r.message}" for r in getattr(result.result, "results", None) or []
                  if str(r.status) in {"error", "fail"}]  # fmt: skip
        raise PipelineFailed(f"dbt build failed for {period}: " + ("; ".join(failed) or str(result.exception)))
