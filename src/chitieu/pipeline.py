"""The monthly pipeline's steps. The Airflow DAG calls each step from a task; `chitieu run` calls them all."""

from __future__ import annotations

import json

from chitieu.ingest.periods import check_period


def load_step(period: str) -> dict:
    from chitieu.ingest.load import load_period
    from chitieu.transform.build import reset_runs

    check_period(period)
    reset_runs(period)
    return load_period(period).to_dict()


def dbt_step(period: str) -> None:
    from chitieu.transform.build import build

    build(check_period(period))


def validate_step(period: str) -> dict:
    """Export the candidate tables, run the GX checkpoint; raise ValidationFailed on a critical failure."""
    from chitieu.publish.candidate import catalogue_target_keys, export_candidate
    from chitieu.validate.checkpoint import ValidationFailed, run_checkpoint

    check_period(period)
    cand = export_candidate(period)
    report = run_checkpoint(period, cand, {"catalogue_target_keys": catalogue_target_keys(cand)})
    (cand / "validation.json").write_text(
        json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True, default=str)
    )
    if not report.success:
        raise ValidationFailed(report)
    return report.to_dict()["statistics"]


def publish_step(period: str) -> dict:
    from chitieu.publish.snapshot import publish

    r = publish(check_period(period))
    return {"period": r.period, "version": r.version, "path": str(r.path), "created": r.created}


def run_period(period: str) -> dict:
    load = load_step(period)
    dbt_step(period)
    validation = validate_step(period)
    return {"load": load, "validation": validation, "publish": publish_step(period)}
