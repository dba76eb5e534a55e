{#
  The latest figure known at the end of the assessment month, per target and administrative unit.
  Known = submitted in a period up to the month and dated (as-of) no later than its last day.
  Latest = the most recent as-of date; ties go to the later reference period, then the later submission.
#}
{% set month_end = "last_day(cast('" ~ var('period') ~ "-01' as date))" %}

with

figures as (

    select * from {{ ref('stg_submissions__figures') }}

),

known as (

    select *
    from figures
    where submission_period <= '{{ var("period") }}'
        and as_of <= {{ month_end }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by target_key, admin_unit_code
            order by as_of desc, reference_end desc, submission_period desc, source_file desc, source_row desc
        ) as recency
    from known

)

select * exclude (recency)
from ranked
where recency = 1
