{# Every leaf target (a target without parts, or a part) for the assessment month, with its status. #}

with

targets as (

    select * from {{ ref('stg_catalogue__targets') }}
    where not is_multi_part

),

resolutions as (

    select * from {{ ref('stg_catalogue__resolutions') }}

),

latest as (

    select * from {{ ref('int_figures_latest_by_month') }}

),

assessed as (

    select
        '{{ var("period") }}' as assessment_month,
        t.target_key,
        t.resolution_id,
        t.target_code,
        t.parent_target_key,
        r.admin_unit_code,
        t.kind,
        t.target_value,
        t.target_value_low,
        t.unit,
        t.horizon_year,
        t.admin_level,
        f.actual_value,
        f.actual_value_raw,
        f.numerator,
        f.denominator,
        f.reference_period,
        f.as_of,
        f.submission_period,
        f.reporting_source,
        f.source_file,
        f.source_file_sha256,
        f.source_sheet,
        f.source_cell,
        {{ assess_status('t.kind', 'f.actual_value', 't.target_value') }} as status,
        {{ attainment('t.kind', 'f.actual_value', 't.target_value') }} as attainment
    from targets as t
    inner join resolutions as r on t.resolution_id = r.resolution_id
    left join latest as f
        on t.target_key = f.target_key
        and r.admin_unit_code = f.admin_unit_code

)

select * from assessed
