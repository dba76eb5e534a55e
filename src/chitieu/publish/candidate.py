"""Export the period's marts to Parquet: the candidate that is validated and then published as it is."""

from __future__ import annotations

import shutil
from pathlib import Path

from chitieu.config import settings
from chitieu.ingest.periods import check_period
from chitieu.warehouse import connect

# table -> query of its published rows for a period ($period), in a stable order
PUBLISHED_TABLES: dict[str, str] = {
    "fct_resolution_targets": (
        "select * from marts.fct_resolution_targets where assessment_month = $period "
        "order by resolution_id, target_key, admin_unit_code"
    ),
    "fct_scorecard": (
        "select * from marts.fct_scorecard where assessment_month = $period "
        "order by resolution_id, admin_unit_code, horizon_year"
    ),
    "fct_claims_check": (
        "select * from marts.fct_claims_check where assessment_month = $period order by claim_key, counting_rule"
    ),
    "fct_portal_indicators": (
        "select * from marts.fct_portal_indicators where received_month = $period "
        "order by reporting_source, receiving_unit, admin_level, indicator_code"
    ),
    "dim_resolution": "select * from marts.dim_resolution order by resolution_id",
    "dim_target": "select * from marts.dim_target order by target_key",
    "dim_admin_unit": "select * from marts.dim_admin_unit order by admin_unit_key",
    "files_received": (
        "select * from staging.stg_submissions__files where submission_period = $period "
        "order by reporting_source, file_path"
    ),
}
PERIOD_TABLES = {
    "fct_resolution_targets", "fct_scorecard", "fct_claims_check", "fct_portal_indicators", "files_received",
}  # fmt: skip


def candidate_dir(period: str) -> Path:
    return settings().warehouse_dir / "candidates" / period


def export_candidate(period: str) -> Path:
    out = candidate_dir(period)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with connect(read_only=True) as con:
        con.execute("set threads = 1")  # one writer thread: byte-identical files for identical rows
        for table, query in PUBLISHED_TABLES.items():
            target = out / f"{table}.parquet"
            # COPY takes no bound parameters; the period is a checked YYYY-MM string
            sql = query.replace("$period", f"'{check_period(period)}'")
            con.execute(f"copy ({sql}) to '{target}' (format parquet, compression zstd)")
    return out


def catalogue_target_keys(candidate: Path) -> list[str]:
    import duckdb

    con = duckdb.connect()
    try:
        rows = con.execute(
            f"select target_key from read_parquet('{candidate / 'dim_target.parquet'}') order by 1"
        ).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows]
