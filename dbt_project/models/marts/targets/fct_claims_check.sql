{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='assessment_month',
        on_schema_change='fail',
    )
}}
{#
  Every claim made about a resolution for this month, checked under each counting rule: a claim of targets met
  ("5/9") against the count computed, a claim of how many targets a resolution sets ("8 for 2025", no count met)
  against the targets counted. A claim about a month is checked in that month; one without a month (about the
  catalogue) in every month.
#}

with

claims as (

    select * from {{ ref('stg_catalogue__claims') }}
    where assessment_month = '{{ assessment_month() }}' or assessment_month is null

),

scorecard as (

    select * from {{ ref('fct_scorecard') }}
    where assessment_month = '{{ assessment_month() }}'

),

resolutions as (

    select * from {{ ref('stg_catalogue__resolutions') }}

),

rules as (

    select
        rule as counting_rule,
        sentence_en as rule_text,
        sentence_vi as rule_text_vi,
        basis_en as rule_basis,
        basis_vi as rule_basis_vi
    from {{ ref('counting_rules') }}

),

checked as (

    select
        '{{ assessment_month() }}' as assessment_month,
        c.claim_key,
        c.resolution_id,
        c.document,
        c.section,
        c.text_vi,
        c.horizon_year,
        coalesce(c.claimed_met || '/', '') || c.claimed_total as claimed,
        c.claimed_met is null as counts_targets_only,
        r.counting_rule,
        r.rule_text,
        r.rule_text_vi,
        r.rule_basis,
        r.rule_basis_vi,
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

),

computed as (

    select
        * exclude (counts_targets_only),
        case when counts_targets_only then '' else computed_met || '/' end || computed_total as computed
    from checked

)

select
    *,
    coalesce(claimed = computed, false) as agrees
from computed
