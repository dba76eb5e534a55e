{# Calendar months that a resolution can be assessed in (2020-2030, the horizon of the seed resolutions). #}

with

months as (

    select cast(m as date) as month_start
    from generate_series(date '2020-01-01', date '2030-12-01', interval 1 month) as s(m)

)

select
    strftime(month_start, '%Y-%m') as period,
    month_start,
    last_day(month_start) as month_end,
    year(month_start) as year,
    quarter(month_start) as quarter
from months
