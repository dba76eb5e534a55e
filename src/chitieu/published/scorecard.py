"""Read the scorecard from the published layer (the DuckLake: every month's latest validated version), or,
with `known_on`, the published layer as it stood at that moment (what the warehouse said then)."""

from __future__ import annotations

import datetime as dt
import json

from chitieu import facts, lake
from chitieu.warehouse import records

# the month's targets (rows) and headline counts, of every resolution or of one ($res: its id or code)
TARGETS = """
select r.resolution_code as resolution, r.resolution_id, f.assessment_month, f.target_code,
       f.target_key, f.horizon_year as horizon, t.name_vi as target_name, f.kind,
       f.comparator, f.target_value, f.target_value_low, f.tolerance, f.tolerance_parameter,
       f.ranking_size, f.ranking_group, f.actual_value, f.actual_value_raw, f.assessed_value, f.unit, f.numerator,
       f.denominator, f.figure_ranking_size, f.reported_admin_unit_key, f.reference_period,
       cast(f.as_of as varchar) as as_of, f.is_provisional, f.as_of_is_assumed, f.reference_period_is_assumed,
       f.status, f.not_assessable_reason, f.status_majority_of_parts, f.attainment, f.progress,
       f.progress_baseline, f.trend_category, f.cagr_ratio, f.projected_value, f.rank_movement,
       f.rank_movement_since_baseline,
       f.n_points, f.n_components, f.increment_from_year, f.increment_to_year, f.parts_met, f.parts_total,
       f.source_file, f.source_file_sha256, f.source_sheet,
       f.source_cell, f.snapshot_version, 'strict' as rule
from fct_resolution_targets f
join dim_resolution r using (resolution_id)
join dim_target t using (target_key)
where f.assessment_month = $month and ($res is null or r.resolution_id = $res or r.resolution_code = $res)
order by r.resolution_id, f.horizon_year, try_cast(string_split(f.target_code, '.')[1] as integer), f.target_code
"""
COUNTS = """
select r.resolution_code as resolution, s.* from fct_scorecard s
join dim_resolution r using (resolution_id)
where s.assessment_month = $month and ($res is null or r.resolution_id = $res or r.resolution_code = $res)
order by s.resolution_id, s.horizon_year
"""


def parse_known_on(text: str) -> dt.datetime:
    """A date means the end of that day (UTC); a date-time is taken as it is (UTC if no zone)."""
    value = dt.datetime.fromisoformat(text)
    if len(text) == 10:
        value = value.replace(hour=23, minute=59, second=59)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _query(con, as_of: str | None, resolution: str | None) -> tuple[list[dict], list[dict]]:
    con.execute(f"use {lake.ALIAS}.{lake.SCHEMA}")
    if as_of is None:
        as_of = con.execute("select max(assessment_month) from fct_resolution_targets").fetchone()[0]
    params = {"month": as_of, "res": resolution}
    rows = records(con.execute(TARGETS, params))
    rules = {r.rule: r.sentence_en for r in facts.counting_rules().values()}
    counts = [r | {"rules": rules} for r in records(con.execute(COUNTS, params))]
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
            return _query(con, as_of, resolution)
    except lake.NothingPublished:
        return [], []


def claims(as_of: str | None = None) -> list[dict]:
    with lake.connect(read_only=True) as con:
        cur = con.execute(
            "select * from lake.published.fct_claims_check where $m is null or assessment_month = $m "
            "order by claim_key, counting_rule",
            {"m": as_of},
        )
        return json.loads(json.dumps(records(cur), default=str))
