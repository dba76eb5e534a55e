{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='assessment_month',
        on_schema_change='fail',
    )
}}
{# Every claim made about a resolution for this month, checked under each counting rule. #}

with

claims as (

    select * from {{ ref('stg_catalogue__claims') }}
    where assessment_month = '{{ assessment_month() }}'

),

scorecard as (

    select * from {{ ref('fct_scorecard') }}
    where assessment_month = '{{ assessment_month() }}'

),

resolutions as (

    select * from {{ ref('stg_catalogue__resolutions') }}

),

rules as (

    select rule as counting_rule, sentence_en as rule_text, sentence_vi as rule_text_vi
    from {{ ref('counting_rules') }}

),

checked as (

    select
        c.assessment_month,
        c.claim_key,
        c.resolution_id,
        c.document,
        c.section,
        c.text_vi,
        c.horizon_year,
        c.claimed_met || '/' || c.claimed_total as claimed,
        r.counting_rule,
        r.rule_text,
        r.rule_text_vi,
        case r.counting_rule when 'strict' then s.n_met_strict else s.n_met_majority_of_parts end as computed_met,
        s.n_targets as computed_total,
        s.targets_where_rules_differ
    from claims as c
    inner join resolutions as res on c.resolution_id = res.resolution_id
    left join scorecard as s
        on c.resolution_id = s.resolution_id
        and res.admin_unit_code = s.admin_unit_code
        and c.horizon_year = s.horizon_year
    cross join rules as r

)

select
    *,
    computed_met || '/' || computed_total as computed,
    coalesce(claimed = computed_met || '/' || computed_total, false) as agrees
from checked
