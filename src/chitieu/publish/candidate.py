"""Export the period's marts to Parquet: the candidate that is validated and then published as it is."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from chitieu.config import settings
from chitieu.period import Period
from chitieu.warehouse import connect


@dataclass(frozen=True)
class PublishedTable:
    """A published table: where its rows come from, the column that holds their period (None: a dimension,
    published whole), and a stable order (byte-identical Parquet for identical rows)."""

    source: str
    order_by: str
    period_column: str | None = None

    def query(self) -> str:
        where = f" where {self.period_column} = $period" if self.period_column else ""
        return f"select * from {self.source}{where} order by {self.order_by}"


PUBLISHED_TABLES: dict[str, PublishedTable] = {
    "fct_resolution_targets": PublishedTable(
        "marts.fct_resolution_targets", "resolution_id, target_key, admin_unit_code", "assessment_month"
    ),
    "fct_scorecard": PublishedTable(
        "marts.fct_scorecard", "resolution_id, admin_unit_code, horizon_year", "assessment_month"
    ),
    "fct_claims_check": PublishedTable("marts.fct_claims_check", "claim_key, counting_rule", "assessment_month"),
    "fct_portal_indicators": PublishedTable(
        "marts.fct_portal_indicators",
        "reporting_source, receiving_unit, admin_level, indicator_code",
        "received_month",
    ),
    "fct_supporting_figures": PublishedTable(
        "marts.fct_supporting_figures",
        "resolution_id, indicator_code, admin_unit_code, reference_period",
        "assessment_month",
    ),
    "dim_resolution": PublishedTable("marts.dim_resolution", "resolution_id"),
    "dim_target": PublishedTable("marts.dim_target", "target_key"),
    "dim_admin_unit": PublishedTable("marts.dim_admin_unit", "admin_unit_key"),
    "files_received": PublishedTable(
        "staging.stg_submissions__files", "reporting_source, file_path", "submission_period"
    ),
}


def candidate_dir(period: Period) -> Path:
    return settings().warehouse_dir / "candidates" / period


def export_candidate(period: Period) -> Path:
    out = candidate_dir(period)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with connect(read_only=True) as con:
        con.execute("set threads = 1")  # one writer thread: byte-identical files for identical rows
        for table, spec in PUBLISHED_TABLES.items():
            params = {"period": period} if spec.period_column else None
            con.sql(spec.query(), params=params).write_parquet(str(out / f"{table}.parquet"), compression="zstd")
    return out


def catalogue_target_keys(candidate: Path) -> list[str]:
    import duckdb

    con = duckdb.connect()
    try:
        rows = con.execute(
            "select target_key from read_parquet(?) order by 1", [str(candidate / "dim_target.parquet")]
        ).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows]
