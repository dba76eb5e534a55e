{#
  The figure each leaf target is judged on at the month's end, per target horizon and unit: the latest known
  (int_figures_known_by_month's order: as-of date, then reference period, then submission) among those whose
  reference period ends by the end of the horizon year. A target due in 2023 is judged on 2023's figure, not on
  2024's; a target due by 2025 keeps being judged on what was reached by then once later figures arrive.
#}

with

known as (

    select * from {{ ref('int_figures_known_by_month') }}

),

targets as (

    select target_key, target_series_key, horizon_year
    from {{ ref('stg_catalogue__targets') }}
    where not is_multi_part

),

by_horizon as (

    select
        t.target_key,
        k.*,
        row_number() over (partition by t.target_key, k.admin_unit_code order by k.recency) as horizon_recency
    from targets as t
    inner join known as k on k.target_series_key = t.target_series_key
    where k.reference_end <= make_date(t.horizon_year, 12, 31)

)

select * exclude (recency, horizon_recency)
from by_horizon
where horizon_recency = 1
