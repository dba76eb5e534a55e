"""Read the published scorecard (only validated, published data)."""

from __future__ import annotations

from chitieu.warehouse import connect

COMPARATOR_SQL = """
case t.kind when 'at_least' then '>=' when 'at_most' then '<=' when 'rank_band' then 'rank<='
    else 'all parts' end
"""


def scorecard(resolution: str | None = None, as_of: str | None = None) -> tuple[list[dict], list[dict]]:
    """(target rows, headline counts) for a month (default: the latest published) and resolution."""
    with connect(read_only=True) as con:
        exists = con.execute(
            "select count(*) from information_schema.tables where table_schema = 'published' "
            "and table_name = 'fct_resolution_targets'"
        ).fetchone()[0]
        if not exists:
            return [], []
        if as_of is None:
            as_of = con.execute("select max(assessment_month) from published.fct_resolution_targets").fetchone()[0]
        where = ["f.assessment_month = $month"]
        params: dict = {"month": as_of}
        if resolution:
            where.append("(r.resolution_id = $res or r.resolution_code = $res)")
            params["res"] = resolution
        cond = " and ".join(where)
        cur = con.execute(
            f"""
            select r.resolution_code as resolution, r.resolution_id, f.assessment_month, f.target_code,
                   t.name_vi as target_name, f.kind, {COMPARATOR_SQL} as comparator,
                   f.target_value, f.target_value_low, f.actual_value, f.actual_value_raw, f.unit,
                   f.numerator, f.denominator, f.reference_period, cast(f.as_of as varchar) as as_of,
                   f.status, f.status_majority_of_parts, f.attainment, f.parts_met, f.parts_total,
                   f.source_file, f.source_file_sha256, f.source_sheet, f.source_cell, f.snapshot_version
            from published.fct_resolution_targets f
            join published.dim_resolution r using (resolution_id)
            join published.dim_target t using (target_key)
            where {cond}
            order by r.resolution_id, string_split(f.target_code, '.')[1]::int, f.target_code
            """,
            params,
        )
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        cur = con.execute(
            f"""
            select r.resolution_code as resolution, s.* from published.fct_scorecard s
            join published.dim_resolution r using (resolution_id)
            where {cond.replace("f.", "s.")}
            order by s.resolution_id
            """,
            params,
        )
        cols = [d[0] for d in cur.description]
        counts = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    return rows, counts
