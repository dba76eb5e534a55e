{#
  Calendar months that a resolution can be assessed in: from January of the earliest year the catalogue needs
  (its earliest baseline year, and 2020 at the latest) to December of its latest horizon year.
#}

with

targets as (

    select * from {{ ref('stg_catalogue__targets') }}

),

bounds as (

    select
        make_date(least(coalesce(min(baseline_year), 2020), 2020), 1, 1) as first_month,
        make_date(coalesce(max(horizon_year), year(current_date)), 12, 1) as last_month
    from targets

),

months as (

    select cast(s.m as date) as month_start
    from bounds as b, generate_series(b.first_month, b.last_month, interval 1 month) as s(m)

)

select
    strftime(month_start, '%Y-%m') as period,
    month_start,
    last_day(month_start) as month_end,
    year(month_start) as year,
    quarter(month_start) as quarter
from months
