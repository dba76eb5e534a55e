"""What the period report shows, read from the published layer: per resolution and month, its targets as the
province writes its table, the headline counts under both counting rules, the claims check, and each
target's figures over the published months (for its chart)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from chitieu import lake
from chitieu.errors import NotFound
from chitieu.period import Period
from chitieu.warehouse import records

TARGETS = """
select f.*, t.name_vi, t.name_en, t.reading_vi, t.reading_en, r.resolution_code, r.title_vi, r.title_en,
       s.path as snapshot_path
from fct_resolution_targets f
join dim_target t on t.target_key = f.target_key
join dim_resolution r on r.resolution_id = f.resolution_id
join snapshots s on s.period = f.assessment_month
where f.assessment_month = $month and ($res is null or r.resolution_id = $res or r.resolution_code = $res)
order by r.resolution_id, f.horizon_year, try_cast(string_split(f.target_code, '.')[1] as integer), f.target_code
"""
SERIES = """
select target_key, assessment_month, actual_value
from fct_resolution_targets
where assessment_month <= $month and actual_value is not null and resolution_id in (select unnest($ids))
order by target_key, assessment_month
"""
COUNTS = """
select * from fct_scorecard where assessment_month = $month and resolution_id in (select unnest($ids))
order by resolution_id, horizon_year
"""
CLAIMS = """
select * from fct_claims_check where assessment_month = $month order by claim_key, counting_rule
"""
MONTHS = """
select f.resolution_id, r.resolution_code, r.title_vi, r.title_en, f.assessment_month, max(f.snapshot_version)
from fct_resolution_targets f join dim_resolution r on r.resolution_id = f.resolution_id
group by all order by 1, 5
"""


@dataclass
class TargetRow:
    """A row of the resolution's table: a fact of fct_resolution_targets with its names."""

    target_key: str
    target_code: str
    horizon_year: int
    name_vi: str
    name_en: str | None
    kind: str | None
    comparator: str | None
    target_value: float | None
    target_value_low: float | None
    ranking_size: int | None
    ranking_group: str | None
    tolerance_parameter: str | None
    reading_vi: str | None
    reading_en: str | None
    unit: str | None
    actual_value: float | None
    actual_value_raw: str | None
    assessed_value: float | None
    n_components: int | None
    increment_from_year: int | None
    increment_to_year: int | None
    as_of: object
    reference_period: str | None
    is_provisional: bool
    as_of_is_assumed: bool
    reference_period_is_assumed: bool
    status: str
    status_majority_of_parts: str | None
    not_assessable_reason: str | None
    progress: float | None
    trend_category: str | None
    projected_value: float | None
    rank_movement: float | None
    parts_met: int | None
    parts_total: int | None
    numerator: float | None
    denominator: float | None
    source_file: str | None
    source_file_sha256: str | None
    source_sheet: str | None
    source_cell: str | None
    submission_period: str | None
    snapshot_version: int
    snapshot_path: str
    series: list[tuple[str, float]] = dataclasses.field(default_factory=list)  # (month, value) published

    @property
    def is_part(self) -> bool:
        return "." in self.target_code

    @property
    def rules_differ(self) -> bool:
        return self.status_majority_of_parts is not None and self.status_majority_of_parts != self.status


@dataclass
class ResolutionReport:
    period: Period
    resolution_id: str
    resolution_code: str
    title_vi: str
    title_en: str | None
    rows: list[TargetRow]
    counts: list[dict]  # fct_scorecard rows, one per horizon
    claims: list[dict]  # fct_claims_check rows of this resolution

    @property
    def snapshot_path(self) -> str:
        return self.rows[0].snapshot_path

    @property
    def snapshot_version(self) -> int:
        return self.rows[0].snapshot_version


_FIELDS = {f.name for f in dataclasses.fields(TargetRow)}


def slug(resolution_id: str) -> str:
    """A resolution id as a file name: laichau-08-nq-tu."""
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in resolution_id).strip("-").lower()


def read(period: Period, resolution: str | None = None) -> list[ResolutionReport]:
    """The month's report of every resolution (or of one, by id or code); NotFound if nothing is published."""
    with lake.connect(read_only=True) as con:
        if not lake.has_table(con, "fct_resolution_targets"):
            raise NotFound("nothing published yet")
        con.execute(f"use {lake.ALIAS}.{lake.SCHEMA}")
        facts = records(con.execute(TARGETS, {"month": period, "res": resolution}))
        if not facts:
            raise NotFound(f"nothing published for {resolution or 'any resolution'} as of {period}")
        ids = sorted({f["resolution_id"] for f in facts})
        series: dict[str, list] = {}
        for key, month, value in con.execute(SERIES, {"month": period, "ids": ids}).fetchall():
            series.setdefault(key, []).append((month, value))
        counts = records(con.execute(COUNTS, {"month": period, "ids": ids}))
        claims = records(con.execute(CLAIMS, {"month": period}))
    out = []
    for rid in ids:
        mine = [f for f in facts if f["resolution_id"] == rid]
        rows = [TargetRow(**{k: v for k, v in f.items() if k in _FIELDS}) for f in mine]
        for r in rows:
            r.series = series.get(r.target_key, [])
        first = mine[0]
        out.append(
            ResolutionReport(
                period=period, resolution_id=rid, resolution_code=first["resolution_code"],
                title_vi=first["title_vi"], title_en=first["title_en"], rows=rows,
                counts=[c for c in counts if c["resolution_id"] == rid],
                claims=[c for c in claims if c["resolution_id"] == rid],
            )
        )  # fmt: skip
    return out


@dataclass(frozen=True)
class PublishedResolution:
    """A resolution as the landing page lists it: its months published, oldest first, with their version."""

    resolution_id: str
    code: str
    title_vi: str
    title_en: str | None
    months: list[tuple[str, int]]  # (YYYY-MM, snapshot version)


def published_months() -> list[PublishedResolution]:
    """Every resolution published, with its months (one query, however many months and resolutions)."""
    with lake.connect(read_only=True) as con:
        if not lake.has_table(con, "fct_resolution_targets"):
            return []
        con.execute(f"use {lake.ALIAS}.{lake.SCHEMA}")
        rows = con.execute(MONTHS).fetchall()
    out: dict[str, PublishedResolution] = {}
    for rid, code, title_vi, title_en, month, version in rows:
        out.setdefault(rid, PublishedResolution(rid, code, title_vi, title_en, [])).months.append((month, version))
    return list(out.values())
