{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='assessment_month',
    )
}}
{#
  Headline counts per resolution and month, over headline targets (a multi-part target counts once),
  under two named counting rules:
    strict               a multi-part target counts as met only when every part is met
    majority_of_parts    it counts as met when more than half of its parts are met
#}

with

facts as (

    select * from {{ ref('fct_resolution_targets') }}
    where assessment_month = '{{ var("period") }}' and is_headline_target

),

counted as (

    select
        assessment_month,
        resolution_id,
        admin_unit_code,
        count(*) as n_targets,
        count(*) filter (where status = 'met') as n_met_strict,
        count(*) filter (where status_majority_of_parts = 'met') as n_met_majority_of_parts,
        count(*) filter (where status = 'not_met') as n_not_met_strict,
        count(*) filter (where status = 'not_yet_reported') as n_not_yet_reported
    from facts
    group by all

)

select * from counted
