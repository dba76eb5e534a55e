{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='assessment_month',
        on_schema_change='fail',
    )
}}
{#
  Headline counts per resolution, administrative unit, horizon year and month, over headline targets (a
  multi-part target counts once), under the two counting rules of the seed counting_rules (strict: status,
  majority_of_parts: status_majority_of_parts, both computed in fct_resolution_targets).
#}

with

facts as (

    select * from {{ ref('fct_resolution_targets') }}
    where assessment_month = '{{ assessment_month() }}' and is_headline_target

),

counted as (

    select
        assessment_month,
        resolution_id,
        admin_unit_code,
        horizon_year,
        count(*) as n_targets,
        count(*) filter (where status = 'met') as n_met_strict,
        count(*) filter (where status_majority_of_parts = 'met') as n_met_majority_of_parts,
        count(*) filter (where status = 'not_met') as n_not_met_strict,
        count(*) filter (where status = 'not_yet_met') as n_not_yet_met_strict,
        count(*) filter (where status = 'not_yet_reported') as n_not_yet_reported,
        count(*) filter (where status = 'not_assessable') as n_not_assessable,
        count(*) filter (where status = 'met' and is_provisional) as n_met_provisional,
        string_agg(
            case when status <> status_majority_of_parts then target_code end, ', ' order by target_code
        ) as targets_where_rules_differ
    from facts
    group by all

)

select * from counted
