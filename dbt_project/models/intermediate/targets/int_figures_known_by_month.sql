{#
  The figures known at the end of the assessment month (var period): submitted in a period up to the month and
  dated (as of) no later than its last day. One per series (resolution, target code), unit and reference
  period: the most recently dated, then the latest submission period, then the file received last (a correction
  supersedes the figures it covers; both files are kept).
#}

with

figures as (

    select * from {{ ref('stg_submissions__figures') }}

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
