{#
  The figures known at the end of the assessment month (var period): submitted in a period up to the month and
  dated (as of) no later than its last day. One per series (resolution, target code), unit and reference
  period: the most recently dated, then the latest submission period, then the file received last (a correction
  supersedes the figures it covers; both files are kept).
  A figure counts for its resolution's province when it names that province or, from 1/7/2025, the province it
  became part of (int_admin_unit_lineage: a code matched together with its structure, never alone):
  admin_unit_code is the resolution's, reported_admin_unit_key the province the figure named (code@valid_from).
#}

with

resolutions as (

    select * from {{ ref('stg_catalogue__resolutions') }}

),

lineage as (

    select * from {{ ref('int_admin_unit_lineage') }}

),

units as (

    select * from {{ ref('int_admin_units') }}

),

figures as (

    select
        f.* replace (r.admin_unit_code as admin_unit_code),
        u.admin_unit_key as reported_admin_unit_key
    from {{ ref('stg_submissions__figures') }} as f
    inner join resolutions as r on f.resolution_id = r.resolution_id
    inner join lineage as l
        on r.admin_unit_code = l.admin_unit_code
        and r.admin_structure = l.structure
        and f.admin_unit_code = l.reported_code
        and f.admin_structure = l.reported_structure
    left join units as u
        on f.admin_unit_code = u.admin_unit_code
        and f.admin_structure = u.structure
        and f.as_of between u.valid_from and coalesce(u.valid_to, date '9999-12-31')

),

known as (

    select *
    from figures
    where submission_period <= '{{ assessment_month() }}'
        and as_of <= {{ assessment_month_end() }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by target_series_key, admin_unit_code, reference_period
            order by as_of desc, submission_period desc, received_at desc, source_file desc, source_row desc
        ) as version_rank
    from known

)

select
    * exclude (version_rank),
    row_number() over (
        partition by target_series_key, admin_unit_code
        order by as_of desc, reference_end desc, submission_period desc, received_at desc, source_file desc,
            source_row desc
    ) as recency
from ranked
where version_rank = 1
