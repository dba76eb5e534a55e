"""Read the scorecard from the published layer (the DuckLake: every month's latest validated version), or,
with `known_on`, the published layer as it stood at that moment (what the warehouse said then)."""

from __future__ import annotations

import datetime as dt
import json

from chitieu import lake
from chitieu.warehouse import records

COMPARATOR_SQL = """
case f.kind when 'at_least' then '>=' when 'reduction' then 'cut >=' when 'milestone' then '>='
    when 'at_most' then '<=' when 'rank_band' then 'rank<=' when 'rank_top_n' then 'rank<='
    when 'regional_rank' then 'rank in group<=' when 'approx_count' then '~' when 'yearly_increment' then '+/year>='
    else 'all parts' end
"""

RULE = {
    "strict": "a multi-part target is met only when every part is met",
    "majority_of_parts": "a multi-part target is met when more than half of its parts are met",
}


def parse_known_on(text: str) -> dt.datetime:
    """A date means the end of that day (UTC); a date-time is taken as it is (UTC if no zone)."""
    value = dt.datetime.fromisoformat(text)
    if len(text) == 10:
        value = value.replace(hour=23, minute=59, second=59)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _query(con, as_of: str | None, resolution: str | None, prefix: str) -> tuple[list[dict], list[dict]]:
    if as_of is None:
        as_of = con.execute(f"select max(assessment_month) from {prefix}fct_resolution_targets").fetchone()[0]
    where = ["f.assessment_month = $month"]
    params: dict = {"month": as_of}
    if resolution:
        where.append("(r.resolution_id = $res or r.resolution_code = $res)")
        params["res"] = resolution
    cond = " and ".join(where)
    cur = con.execute(
        f"""
        select r.resolution_code as resolution, r.resolution_id, f.assessment_month, f.target_code,
               f.target_key, f.horizon_year as horizon, t.name_vi as target_name, f.kind,
               {COMPARATOR_SQL} as comparator, f.target_value, f.target_value_low, f.tolerance,
               f.ranking_size, f.actual_value, f.actual_value_raw, f.assessed_value, f.unit, f.numerator,
               f.denominator, f.reference_period, cast(f.as_of as varchar) as as_of, f.is_provisional,
               f.status, f.not_assessable_reason, f.status_majority_of_parts, f.attainment, f.progress,
               f.progress_baseline, f.trend_category, f.cagr_ratio, f.projected_value, f.rank_movement,
               f.n_points, f.parts_met, f.parts_total, f.source_file, f.source_file_sha256, f.source_sheet,
               f.source_cell, f.snapshot_version, 'strict' as rule
        from {prefix}fct_resolution_targets f
        join {prefix}dim_resolution r using (resolution_id)
        join {prefix}dim_target t using (target_key)
        where {cond}
        order by r.resolution_id, f.horizon_year,
                 try_cast(string_split(f.target_code, '.')[1] as integer), f.target_code
        """,
        params,
    )
    rows = records(cur)
    cur = con.execute(
        f"""
        select r.resolution_code as resolution, s.* from {prefix}fct_scorecard s
        join {prefix}dim_resolution r using (resolution_id)
        where {cond.replace("f.", "s.")}
        order by s.resolution_id, s.horizon_year
        """,
        params,
    )
    counts = [r | {"rules": RULE} for r in records(cur)]
    return rows, counts


def scorecard(
    resolution: str | None = None, as_of: str | None = None, known_on: dt.datetime | None = None
) -> tuple[list[dict], list[dict]]:
    """(target rows, headline counts) for a month (default: the latest published) and resolution; with
    `known_on`, as the published layer stood then (DuckLake time travel)."""
    try:
        with lake.connect(read_only=True, at=known_on) as con:
            if not lake.has_table(con, "fct_resolution_targets"):
                return [], []
            return _query(con, as_of, resolution, "lake.published.")
    except lake.NothingPublished:
        return [], []


def claims(as_of: str | None = None) -> list[dict]:
    with lake.connect(read_only=True) as con:
        where = "where assessment_month = $m" if as_of else ""
        cur = con.execute(
            f"select * from lake.published.fct_claims_check {where} order by claim_key, counting_rule",
            {"m": as_of} if as_of else {},
        )
        return json.loads(json.dumps(records(cur), default=str))
