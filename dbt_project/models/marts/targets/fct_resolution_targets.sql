{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='assessment_month',
    )
}}
{#
  One row per resolution x target (and part) x administrative unit x assessment month.
  A multi-part target gets a row of its own, assessed from its parts:
    status (strict)            met only when every part is met; not_met when a reported part is not met;
                               otherwise not_yet_reported
    status_majority_of_parts   met when more than half of the parts are met (the convention behind the
                               "5/9" of Lai Châu's 2023 interim review); leaf targets: same as status
#}

with

leaves as (

    select * from {{ ref('int_targets_assessed') }}

),

targets as (

    select * from {{ ref('stg_catalogue__targets') }}

),

resolutions as (

    select * from {{ ref('stg_catalogue__resolutions') }}

),

parents as (

    select
        '{{ var("period") }}' as assessment_month,
        t.target_key,
        t.resolution_id,
        t.target_code,
        cast(null as varchar) as parent_target_key,
        r.admin_unit_code,
        'multi_part' as kind,
        cast(null as double) as target_value,
        cast(null as double) as target_value_low,
        cast(null as varchar) as unit,
        t.horizon_year,
        cast(null as varchar) as admin_level,
        cast(null as double) as actual_value,
        cast(null as varchar) as actual_value_raw,
        cast(null as double) as numerator,
        cast(null as double) as denominator,
        cast(null as varchar) as reference_period,
        max(l.as_of) as as_of,
        cast(null as varchar) as submission_period,
        cast(null as varchar) as reporting_source,
        cast(null as varchar) as source_file,
        cast(null as varchar) as source_file_sha256,
        cast(null as varchar) as source_sheet,
        cast(null as varchar) as source_cell,
        case
            when bool_and(l.status = 'met') then 'met'
            when bool_or(l.status = 'not_met') then 'not_met'
            else 'not_yet_reported'
        end as status,
        avg(least(l.attainment, 1.0)) as attainment,
        count(*) filter (where l.status = 'met') as parts_met,
        count(*) as parts_total
    from targets as t
    inner join resolutions as r on t.resolution_id = r.resolution_id
    inner join leaves as l on l.parent_target_key = t.target_key
    where t.is_multi_part
    group by all

),

unioned as (

    select *, cast(null as bigint) as parts_met, cast(null as bigint) as parts_total from leaves
    union all by name
    select * from parents

),

final as (

    select
        assessment_month,
        target_key,
        resolution_id,
        target_code,
        parent_target_key,
        parent_target_key is null as is_headline_target,
        admin_unit_code,
        kind,
        target_value,
        target_value_low,
        unit,
        horizon_year,
        admin_level,
        actual_value,
        actual_value_raw,
        numerator,
        denominator,
        reference_period,
        as_of,
        submission_period,
        reporting_source,
        source_file,
        source_file_sha256,
        source_sheet,
        source_cell,
        status,
        case
            when parts_total is null then status
            when parts_met * 2 > parts_total then 'met'
            when status = 'not_yet_reported' then 'not_yet_reported'
            else 'not_met'
        end as status_majority_of_parts,
        round(attainment, 6) as attainment,
        parts_met,
        parts_total
    from unioned

)

select * from final
