{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='assessment_month',
        on_schema_change='fail',
    )
}}
{#
  One row per resolution x target (and part) x horizon x administrative unit x assessment month.
  A multi-part target gets a row of its own per horizon, assessed from its parts:
    status (strict)            met only when every part is met; not_met when a part is missed at the deadline;
                               not_yet_met when a part is not reached yet; not_assessable when a part cannot be
                               assessed (and none falls short); otherwise not_yet_reported
    status_majority_of_parts   met when more than half of the parts are met (chitieu's reconstruction of how
                               Lai Châu's 2023 interim review counted its "5/9": the report states no rule);
                               leaf targets: same as status
  (the rules' sentences are the seed counting_rules). A leaf's comparator is its kind's (seed target_kinds);
  a multi-part target's is 'all parts'.
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
        '{{ assessment_month() }}' as assessment_month,
        t.target_key,
        t.target_series_key,
        t.resolution_id,
        t.target_code,
        r.admin_unit_code,
        'multi_part' as kind,
        'all parts' as comparator,
        t.horizon_year,
        max(l.as_of) as as_of,
        bool_or(l.is_provisional) as is_provisional,
        bool_or(l.as_of_is_assumed) as as_of_is_assumed,
        bool_or(l.reference_period_is_assumed) as reference_period_is_assumed,
        case
            when bool_and(l.status = 'met') then 'met'
            when bool_or(l.status = 'not_met') then 'not_met'
            when bool_or(l.status = 'not_yet_met') then 'not_yet_met'
            when bool_or(l.status = 'not_assessable') then 'not_assessable'
            else 'not_yet_reported'
        end as status,
        case
            when not bool_or(l.status in ('not_met', 'not_yet_met')) and bool_or(l.status = 'not_assessable')
                then 'part_not_assessable: ' || string_agg(
                    case when l.status = 'not_assessable' then l.target_code end, ', ' order by l.target_code
                )
        end as not_assessable_reason,
        -- parts' shares averaged, each capped at 1 (least() skips nulls, hence the case)
        avg(case when l.attainment is not null then least(l.attainment, 1.0) end) as attainment,
        avg(case when l.progress is not null then least(l.progress, 1.0) end) as progress,
        count(*) filter (where l.status = 'met') as parts_met,
        count(*) as parts_total
    from targets as t
    inner join resolutions as r on t.resolution_id = r.resolution_id
    inner join leaves as l on l.parent_target_key = t.target_key
    where t.is_multi_part
    group by all

),

unioned as (

    select * from leaves
    union all by name
    select * from parents

),

final as (

    select
        * exclude (progress_baseline, cagr_ratio, projected_value, attainment, trend_category) replace (
            round(progress, 6) as progress
        ),
        parent_target_key is null as is_headline_target,
        -- short of a majority, the strict status says why (not yet met / missed / not assessable / no figure)
        case when parts_met * 2 > parts_total then 'met' else status end as status_majority_of_parts,
        round(attainment, 6) as attainment,
        round(progress_baseline, 6) as progress_baseline,
        coalesce(trend_category, 'not_applicable') as trend_category,
        round(cagr_ratio, 6) as cagr_ratio,
        round(projected_value, 4) as projected_value
    from unioned

)

select * from final
